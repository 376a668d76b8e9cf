#include "CDecoders.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ek_png_checker {
    png_structp png;
    png_infop info;
    uint64_t max_pixels;
    uint64_t budget;
    uint32_t width, height;
    int failed, ended, short_data, interlaced;
    uint64_t rows;
    ek_status refused; /* too_large or work_limit, from the header */
    uint64_t trailing;
    unsigned warnings;
    char message[EK_MESSAGE_SIZE];
    char warning[EK_MESSAGE_SIZE];
};

static void on_error(png_structp png, png_const_charp text) {
    ek_png_checker *c = (ek_png_checker *)png_get_error_ptr(png);
    if (c->message[0] == '\0') snprintf(c->message, sizeof c->message, "%s", text ? text : "PNG error");
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp text) {
    ek_png_checker *c = (ek_png_checker *)png_get_error_ptr(png);
    /* libpng reports image data that stops before the last row as a benign error, which reading
     * turns into a warning: the image shows a blank or garbled bottom, so it is damage. */
    if (text && strstr(text, "Not enough image data") && c->message[0] == '\0') {
        snprintf(c->message, sizeof c->message, "%s (the image data stops before the last row)", text);
        c->short_data = 1;
        return;
    }
    if (c->warnings++ == 0) snprintf(c->warning, sizeof c->warning, "%s", text ? text : "PNG warning");
}

static void on_info(png_structp png, png_infop info) {
    ek_png_checker *c = (ek_png_checker *)png_get_progressive_ptr(png);
    c->width = png_get_image_width(png, info);
    c->height = png_get_image_height(png, info);
    if ((uint64_t)c->width * (uint64_t)c->height > c->max_pixels) {
        c->refused = ek_status_too_large;
        png_error(png, "image dimensions exceed the configured pixel limit");
    }
    /* The work is the image data zlib inflates and libpng unfilters, in bytes. */
    uint64_t work = (uint64_t)png_get_rowbytes(png, info) * (uint64_t)c->height;
    if (work > c->budget) {
        c->refused = ek_status_work_limit;
        snprintf(c->message, sizeof c->message, "%llu bytes of image data to decode, past the budget of %llu for this file",
                 (unsigned long long)work, (unsigned long long)c->budget);
        png_error(png, c->message);
    }
    c->interlaced = png_get_interlace_type(png, info) != PNG_INTERLACE_NONE;
    png_set_interlace_handling(png);
    png_start_read_image(png);
}

static void on_row(png_structp png, png_bytep row, png_uint_32 n, int pass) {
    (void)row; (void)n; (void)pass; /* rows are decoded and discarded, only counted */
    ek_png_checker *c = (ek_png_checker *)png_get_progressive_ptr(png);
    c->rows++;
}

static void on_end(png_structp png, png_infop info) {
    (void)info;
    ek_png_checker *c = (ek_png_checker *)png_get_progressive_ptr(png);
    c->ended = 1;
    /* libpng's progressive reader accepts a zlib stream that ends before the last row (its
     * sequential reader says "Not enough image data"): count the rows of a plain image. */
    if (!c->interlaced && c->rows < c->height && c->message[0] == '\0') {
        snprintf(c->message, sizeof c->message, "the image data stops after %llu of %u rows",
                 (unsigned long long)c->rows, c->height);
        c->short_data = 1;
    }
    /* Stop here; what libpng did not consume of the current buffer is appended data. */
    c->trailing += png_process_data_pause(png, 0);
}

ek_png_checker *ek_png_checker_create(const ek_work_limits *limits, uint64_t expected_size) {
    ek_png_checker *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->max_pixels = limits->max_pixels;
    c->budget = ek_work_budget(limits, (size_t)expected_size);
    c->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, c, on_error, on_warning);
    if (!c->png) { free(c); return NULL; }
    c->info = png_create_info_struct(c->png);
    if (!c->info) { png_destroy_read_struct(&c->png, NULL, NULL); free(c); return NULL; }
    /* A bad CRC in any chunk, critical or ancillary, is damage: stop. */
    png_set_crc_action(c->png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
    /* libpng's own limits: width and height (libpng's default of 1,000,000 each; the pixel count
     * is bounded above), the ancillary chunks it keeps (text, sPLT, unknown: 1,000) and the
     * memory one chunk may take (8 MiB), so that a flood of chunks costs only their reading. */
    png_set_user_limits(c->png, 1000000, 1000000);
    png_set_chunk_cache_max(c->png, 1000);
    png_set_chunk_malloc_max(c->png, 8u << 20);
    png_set_progressive_read_fn(c->png, c, on_info, on_row, on_end);
    return c;
}

int ek_png_checker_feed(ek_png_checker *c, const uint8_t *bytes, size_t count) {
    if (c->failed) return -1;
    if (c->ended) { c->trailing += count; return 0; }
    if (setjmp(png_jmpbuf(c->png))) { c->failed = 1; return -1; }
    png_process_data(c->png, c->info, (png_bytep)bytes, count);
    return 0;
}

int ek_png_checker_finish(ek_png_checker *c) {
    if (c->short_data) c->failed = 1;
    if (c->failed) return -1;
    if (!c->ended) {
        snprintf(c->message, sizeof c->message, "%s",
                 c->width ? "file ends before the IEND chunk (truncated)" : "no complete PNG header");
        c->failed = 1;
        return -1;
    }
    return 0;
}

uint32_t ek_png_checker_width(const ek_png_checker *c) { return c->width; }
uint32_t ek_png_checker_height(const ek_png_checker *c) { return c->height; }
ek_status ek_png_checker_status(const ek_png_checker *c) {
    if (c->refused != ek_status_valid) return c->refused;
    return c->failed ? ek_status_corrupt : ek_status_valid;
}
uint64_t ek_png_checker_trailing_bytes(const ek_png_checker *c) { return c->trailing; }
const char *ek_png_checker_message(const ek_png_checker *c) { return c->message; }
const char *ek_png_checker_warning(const ek_png_checker *c) { return c->warning; }
unsigned ek_png_checker_warning_count(const ek_png_checker *c) { return c->warnings; }

void ek_png_checker_destroy(ek_png_checker *c) {
    if (!c) return;
    png_destroy_read_struct(&c->png, &c->info, NULL);
    free(c);
}
