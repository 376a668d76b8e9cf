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
    uint32_t width, height;
    int failed, ended, too_large;
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
    if (c->warnings++ == 0) snprintf(c->warning, sizeof c->warning, "%s", text ? text : "PNG warning");
}

static void on_info(png_structp png, png_infop info) {
    ek_png_checker *c = (ek_png_checker *)png_get_progressive_ptr(png);
    c->width = png_get_image_width(png, info);
    c->height = png_get_image_height(png, info);
    if ((uint64_t)c->width * (uint64_t)c->height > c->max_pixels) {
        c->too_large = 1;
        png_error(png, "image dimensions exceed the configured pixel limit");
    }
    png_set_interlace_handling(png);
    png_start_read_image(png);
}

static void on_row(png_structp png, png_bytep row, png_uint_32 n, int pass) {
    (void)png; (void)row; (void)n; (void)pass; /* rows are decoded and discarded */
}

static void on_end(png_structp png, png_infop info) {
    (void)info;
    ek_png_checker *c = (ek_png_checker *)png_get_progressive_ptr(png);
    c->ended = 1;
    /* Stop here; what libpng did not consume of the current buffer is appended data. */
    c->trailing += png_process_data_pause(png, 0);
}

ek_png_checker *ek_png_checker_create(uint64_t max_pixels) {
    ek_png_checker *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->max_pixels = max_pixels;
    c->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, c, on_error, on_warning);
    if (!c->png) { free(c); return NULL; }
    c->info = png_create_info_struct(c->png);
    if (!c->info) { png_destroy_read_struct(&c->png, NULL, NULL); free(c); return NULL; }
    /* A bad CRC in any chunk, critical or ancillary, is damage: stop. */
    png_set_crc_action(c->png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
    png_set_user_limits(c->png, 0x7fffffff, 0x7fffffff);
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
int ek_png_checker_too_large(const ek_png_checker *c) { return c->too_large; }
uint64_t ek_png_checker_trailing_bytes(const ek_png_checker *c) { return c->trailing; }
const char *ek_png_checker_message(const ek_png_checker *c) { return c->message; }
const char *ek_png_checker_warning(const ek_png_checker *c) { return c->warning; }
unsigned ek_png_checker_warning_count(const ek_png_checker *c) { return c->warnings; }

void ek_png_checker_destroy(ek_png_checker *c) {
    if (!c) return;
    png_destroy_read_struct(&c->png, &c->info, NULL);
    free(c);
}
