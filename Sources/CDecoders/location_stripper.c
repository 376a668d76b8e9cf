/*
 * `pack --strip-location`: a copy of a JPEG, PNG or WebP photo without its EXIF GPS IFD, the
 * image data untouched. Only the EXIF block is re-serialised (libexif); every other byte of the
 * file is copied as it was:
 *   JPEG  the APP1 "Exif" segment is replaced; all other segments and the entropy-coded data kept;
 *   PNG   the eXIf chunk is rewritten and its CRC recomputed; every other chunk kept;
 *   WebP  the EXIF chunk is replaced through libwebpmux (VP8/VP8L/ALPH/ANIM chunks are kept).
 * The new EXIF block is loaded again and must hold every entry of the old one but the GPS IFD,
 * else the copy is refused (ek_status_corrupt): libexif would have lost something.
 */
#include "CDecoders.h"

#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <libexif/exif-data.h>
#include <webp/mux.h>

static const uint8_t exif_header[6] = {'E', 'x', 'i', 'f', 0, 0};

static void fail(ek_strip_result *r, ek_status status, const char *message) {
    r->status = status;
    snprintf(r->message, sizeof r->message, "%s", message);
}

static ExifData *load(const uint8_t *block, size_t count) {
    ExifData *data = exif_data_new();
    if (!data) return NULL;
    /* Keep every tag as written: no "fixing" to the specification, unknown tags kept, maker
     * notes saved as they were. */
    exif_data_unset_option(data, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
    exif_data_unset_option(data, EXIF_DATA_OPTION_IGNORE_UNKNOWN_TAGS);
    exif_data_set_option(data, EXIF_DATA_OPTION_DONT_CHANGE_MAKER_NOTE);
    exif_data_load_data(data, block, (unsigned int)count);
    return data;
}

/* Re-serialises an "Exif\0\0" + TIFF block without its GPS IFD. Returns 1 and a malloc'd block
 * when GPS entries were removed, 0 when there were none, -1 when the block cannot be rewritten
 * without loss (message set). */
static int strip_block(const uint8_t *block, size_t count, uint8_t **out, size_t *out_count, ek_strip_result *r) {
    if (count > 0xffffu * 16u) { fail(r, ek_status_corrupt, "EXIF block too large"); return -1; }
    ExifData *data = load(block, count);
    if (!data) { fail(r, ek_status_not_run, "out of memory"); return -1; }
    ExifContent *gps = data->ifd[EXIF_IFD_GPS];
    if (!gps || gps->count == 0) { exif_data_unref(data); return 0; }
    unsigned before[EXIF_IFD_COUNT];
    for (int i = 0; i < EXIF_IFD_COUNT; i++) before[i] = data->ifd[i] ? data->ifd[i]->count : 0;
    unsigned removed = gps->count;
    while (gps->count > 0) exif_content_remove_entry(gps, gps->entries[gps->count - 1]);
    unsigned char *saved = NULL;
    unsigned int saved_count = 0;
    exif_data_save_data(data, &saved, &saved_count);
    exif_data_unref(data);
    if (!saved || saved_count < 14) { free(saved); fail(r, ek_status_corrupt, "libexif could not write the EXIF block"); return -1; }
    /* Read back: no GPS, and every other IFD as full as before. */
    ExifData *check = load(saved, saved_count);
    int lossless = check != NULL;
    for (int i = 0; lossless && i < EXIF_IFD_COUNT; i++) {
        unsigned now = check->ifd[i] ? check->ifd[i]->count : 0;
        if (i == EXIF_IFD_GPS ? now != 0 : now != before[i]) lossless = 0;
    }
    if (check) exif_data_unref(check);
    if (!lossless) { free(saved); fail(r, ek_status_corrupt, "the EXIF block cannot be rewritten without losing entries"); return -1; }
    *out = saved;
    *out_count = saved_count;
    r->removed += removed;
    return 1;
}

static void put32be(uint8_t *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v; }
static uint32_t get32be(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

static uint32_t crc32_png(const uint8_t *bytes, size_t count) {
    static uint32_t table[256];
    static int ready = 0;
    if (!ready) {
        for (uint32_t n = 0; n < 256; n++) {
            uint32_t c = n;
            for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        ready = 1;
    }
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < count; i++) c = table[(c ^ bytes[i]) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

/* Appends to a growing buffer (sizes are bounded by the input's size plus one EXIF block). */
typedef struct { uint8_t *bytes; size_t count, capacity; int failed; } buffer;
static void append(buffer *b, const uint8_t *bytes, size_t count) {
    if (b->failed) return;
    if (b->count + count > b->capacity) {
        size_t capacity = (b->count + count) * 2;
        uint8_t *grown = realloc(b->bytes, capacity);
        if (!grown) { b->failed = 1; return; }
        b->bytes = grown;
        b->capacity = capacity;
    }
    memcpy(b->bytes + b->count, bytes, count);
    b->count += count;
}

static void strip_jpeg(const uint8_t *bytes, size_t count, ek_strip_result *r) {
    if (count < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8) { fail(r, ek_status_corrupt, "not a JPEG file (no SOI marker)"); return; }
    buffer out = {0};
    append(&out, bytes, 2);
    size_t at = 2;
    while (at + 4 <= count) {
        if (bytes[at] != 0xFF) break;
        uint8_t marker = bytes[at + 1];
        if (marker == 0xFF) { append(&out, bytes + at, 1); at++; continue; }  /* fill byte */
        if (marker == 0xDA || marker == 0xD9) break;  /* start of scan / end: the rest is copied */
        size_t length = (size_t)bytes[at + 2] << 8 | bytes[at + 3];
        if (length < 2 || at + 2 + length > count) { free(out.bytes); fail(r, ek_status_corrupt, "JPEG segment runs past the end of the file"); return; }
        const uint8_t *payload = bytes + at + 4;
        size_t payload_count = length - 2;
        if (marker == 0xE1 && payload_count >= 6 && memcmp(payload, exif_header, 6) == 0) {
            uint8_t *block = NULL;
            size_t block_count = 0;
            int done = strip_block(payload, payload_count, &block, &block_count, r);
            if (done < 0) { free(out.bytes); return; }
            if (done == 1) {
                if (block_count + 2 > 0xffff) { free(block); free(out.bytes); fail(r, ek_status_corrupt, "the rewritten EXIF block does not fit one APP1 segment"); return; }
                uint8_t head[4] = {0xFF, 0xE1, (uint8_t)((block_count + 2) >> 8), (uint8_t)(block_count + 2)};
                append(&out, head, 4);
                append(&out, block, block_count);
                free(block);
                at += 2 + length;
                continue;
            }
        }
        append(&out, bytes + at, 2 + length);
        at += 2 + length;
    }
    append(&out, bytes + at, count - at);
    if (out.failed) { free(out.bytes); fail(r, ek_status_not_run, "out of memory"); return; }
    if (r->removed == 0) { free(out.bytes); return; }
    r->bytes = out.bytes;
    r->count = out.count;
}

static void strip_png(const uint8_t *bytes, size_t count, ek_strip_result *r) {
    static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (count < 8 || memcmp(bytes, signature, 8) != 0) { fail(r, ek_status_corrupt, "not a PNG file (no signature)"); return; }
    buffer out = {0};
    append(&out, bytes, 8);
    size_t at = 8;
    while (at + 12 <= count) {
        uint32_t length = get32be(bytes + at);
        if (length > count - at - 12) { free(out.bytes); fail(r, ek_status_corrupt, "PNG chunk runs past the end of the file"); return; }
        const uint8_t *type = bytes + at + 4;
        if (memcmp(type, "eXIf", 4) == 0) {
            /* eXIf holds a bare TIFF block: libexif wants the "Exif\0\0" header in front. */
            uint8_t *prefixed = malloc((size_t)length + 6);
            if (!prefixed) { free(out.bytes); fail(r, ek_status_not_run, "out of memory"); return; }
            memcpy(prefixed, exif_header, 6);
            memcpy(prefixed + 6, bytes + at + 8, length);
            uint8_t *block = NULL;
            size_t block_count = 0;
            int done = strip_block(prefixed, (size_t)length + 6, &block, &block_count, r);
            free(prefixed);
            if (done < 0) { free(out.bytes); return; }
            if (done == 1) {
                size_t tiff_count = block_count - 6;
                uint8_t *chunk = malloc(tiff_count + 12);
                if (!chunk) { free(block); free(out.bytes); fail(r, ek_status_not_run, "out of memory"); return; }
                put32be(chunk, (uint32_t)tiff_count);
                memcpy(chunk + 4, "eXIf", 4);
                memcpy(chunk + 8, block + 6, tiff_count);
                put32be(chunk + 8 + tiff_count, crc32_png(chunk + 4, tiff_count + 4));
                append(&out, chunk, tiff_count + 12);
                free(chunk);
                free(block);
                at += 12 + (size_t)length;
                continue;
            }
        }
        append(&out, bytes + at, 12 + (size_t)length);
        at += 12 + (size_t)length;
    }
    append(&out, bytes + at, count - at);
    if (out.failed) { free(out.bytes); fail(r, ek_status_not_run, "out of memory"); return; }
    if (r->removed == 0) { free(out.bytes); return; }
    r->bytes = out.bytes;
    r->count = out.count;
}

static void strip_webp(const uint8_t *bytes, size_t count, ek_strip_result *r) {
    WebPData input = {bytes, count};
    WebPMux *mux = WebPMuxCreate(&input, 0);
    if (!mux) { fail(r, ek_status_corrupt, "libwebpmux cannot read the WebP container"); return; }
    WebPData exif;
    if (WebPMuxGetChunk(mux, "EXIF", &exif) != WEBP_MUX_OK || exif.size == 0) { WebPMuxDelete(mux); return; }
    /* The specification's EXIF chunk is a bare TIFF block; some writers put "Exif\0\0" first. */
    int prefixed = exif.size >= 6 && memcmp(exif.bytes, exif_header, 6) == 0;
    uint8_t *block_in = malloc(exif.size + 6);
    if (!block_in) { WebPMuxDelete(mux); fail(r, ek_status_not_run, "out of memory"); return; }
    size_t in_count = exif.size;
    if (prefixed) {
        memcpy(block_in, exif.bytes, exif.size);
    } else {
        memcpy(block_in, exif_header, 6);
        memcpy(block_in + 6, exif.bytes, exif.size);
        in_count += 6;
    }
    uint8_t *block = NULL;
    size_t block_count = 0;
    int done = strip_block(block_in, in_count, &block, &block_count, r);
    free(block_in);
    if (done <= 0) { WebPMuxDelete(mux); return; }
    WebPData replacement = {prefixed ? block : block + 6, prefixed ? block_count : block_count - 6};
    WebPData assembled = {NULL, 0};
    if (WebPMuxSetChunk(mux, "EXIF", &replacement, 1) != WEBP_MUX_OK || WebPMuxAssemble(mux, &assembled) != WEBP_MUX_OK) {
        free(block);
        WebPMuxDelete(mux);
        r->removed = 0;
        fail(r, ek_status_corrupt, "libwebpmux could not write the WebP container");
        return;
    }
    free(block);
    WebPMuxDelete(mux);
    /* Hand over a malloc'd copy, so that one free() releases every result. */
    r->bytes = malloc(assembled.size);
    if (!r->bytes) { WebPDataClear(&assembled); r->removed = 0; fail(r, ek_status_not_run, "out of memory"); return; }
    memcpy(r->bytes, assembled.bytes, assembled.size);
    r->count = assembled.size;
    WebPDataClear(&assembled);
}

void ek_strip_location(const uint8_t *bytes, size_t count, ek_image_format format, ek_strip_result *r) {
    memset(r, 0, sizeof *r);
    r->status = ek_status_valid;
    switch (format) {
    case ek_image_jpeg: strip_jpeg(bytes, count, r); break;
    case ek_image_png: strip_png(bytes, count, r); break;
    case ek_image_webp: strip_webp(bytes, count, r); break;
    }
    if (r->status != ek_status_valid) {
        free(r->bytes);
        r->bytes = NULL;
        r->count = 0;
        r->removed = 0;
    }
}

void ek_strip_result_free(ek_strip_result *r) {
    free(r->bytes);
    r->bytes = NULL;
    r->count = 0;
}

int ek_png_exif_block(const uint8_t *bytes, size_t count, size_t *offset, size_t *size) {
    static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (count < 8 || memcmp(bytes, signature, 8) != 0) return 0;
    size_t at = 8;
    while (at + 12 <= count) {
        uint32_t length = get32be(bytes + at);
        if (length > count - at - 12) return 0;
        if (memcmp(bytes + at + 4, "eXIf", 4) == 0) {
            *offset = at + 8;
            *size = length;
            return 1;
        }
        if (memcmp(bytes + at + 4, "IEND", 4) == 0) return 0;
        at += 12 + (size_t)length;
    }
    return 0;
}
