#include "CDecoders.h"

#include <gif_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* giflib reports every failure as GIF_ERROR plus an error code (no longjmp, no abort).
 *
 * DGifSlurp is not used: it allocates each frame's full raster before the caller can see the
 * frame's size. This walks the records itself and refuses oversized frames from their
 * descriptors. Nor is DGifGetLine: giflib's LZW decoder is lenient (a code the dictionary does
 * not hold yet is decoded as something), so about half of the bytes flipped inside LZW data
 * went unnoticed. Instead giflib hands over the LZW codes (DGifGetLZCodes, which does the bit
 * unpacking, code widths and clear codes) and this file keeps the dictionary's string lengths:
 * every code must name an entry that exists (or the one being built), and the codes must cover
 * every pixel of the frame before the end code or the end of the data. Like browsers, a missing
 * end code or codes after the last pixel are tolerated. Memory is 16 KiB whatever the frame's
 * size, and time grows with the file, not with the pixels it claims. */

typedef struct {
    const uint8_t *bytes;
    size_t count;
    size_t position;
} memory_source;

static int read_memory(GifFileType *gif, GifByteType *out, int wanted) {
    memory_source *source = (memory_source *)gif->UserData;
    if (wanted <= 0) return 0;
    size_t left = source->count - source->position;
    size_t n = (size_t)wanted < left ? (size_t)wanted : left;
    memcpy(out, source->bytes + source->position, n);
    source->position += n;
    return (int)n;
}

static void set_error(ek_gif_result *r, const char *where, int code) {
    const char *text = code == D_GIF_ERR_READ_FAILED ? "file ends early (truncated)" : GifErrorString(code);
    snprintf(r->message, EK_MESSAGE_SIZE, "%s%s", where, text ? text : "GIF error");
}

/* giflib appends a copy of every image descriptor to SavedImages; drop them after each frame
 * so that a file of millions of tiny frames does not grow memory. */
static void forget_saved_images(GifFileType *gif) {
    GifFreeSavedImages(gif);
    gif->SavedImages = NULL;
    gif->ImageCount = 0;
}

/* Reads one frame's LZW codes to its end (see above). min_code_size is the byte giflib has just
 * read after the image descriptor. Returns 0, or -1 with the message set. */
static int check_lzw(GifFileType *gif, int min_code_size, uint64_t pixels_needed, const char *where,
                     ek_gif_result *r) {
    uint32_t length[4096];
    if (min_code_size < 1 || min_code_size > 11) { /* giflib refuses >= 12 already */
        snprintf(r->message, EK_MESSAGE_SIZE, "%sLZW minimum code size %d is invalid", where, min_code_size);
        return -1;
    }
    const int clear = 1 << min_code_size, end = clear + 1;
    for (int i = 0; i < clear; i++) length[i] = 1;
    int next = end + 1, previous = -1;
    uint64_t pixels = 0;
    while (pixels < pixels_needed) {
        int code = 0;
        if (DGifGetLZCodes(gif, &code) == GIF_ERROR) {
            if (gif->Error == D_GIF_ERR_READ_FAILED) {
                snprintf(r->message, EK_MESSAGE_SIZE, "%sfile ends inside the image data (truncated)", where);
            } else if (gif->Error == D_GIF_ERR_IMAGE_DEFECT) {
                snprintf(r->message, EK_MESSAGE_SIZE, "%simage data ends before the last pixel", where);
            } else {
                set_error(r, where, gif->Error);
            }
            return -1;
        }
        if (code == -1) { /* the end code; giflib has skipped the rest of the data */
            snprintf(r->message, EK_MESSAGE_SIZE, "%sLZW end code after %llu of %llu pixels", where,
                     (unsigned long long)pixels, (unsigned long long)pixels_needed);
            return -1;
        }
        if (code == clear) {
            next = end + 1;
            previous = -1;
            continue;
        }
        uint32_t produced;
        if (previous < 0) {
            if (code >= clear) {
                snprintf(r->message, EK_MESSAGE_SIZE, "%sbad LZW code %d at the start of a table", where, code);
                return -1;
            }
            produced = 1;
        } else {
            if (code < next && code != end) {
                produced = length[code];
            } else if (code == next && next < 4096) {
                produced = length[previous] + 1;
            } else {
                snprintf(r->message, EK_MESSAGE_SIZE, "%sbad LZW code %d (the table has %d entries)", where, code, next);
                return -1;
            }
            if (next < 4096) {
                length[next] = length[previous] + 1;
                next++;
            }
        }
        pixels += produced;
        previous = code;
    }
    /* Every pixel is there: skip whatever follows (end code, padding) to the block terminator. */
    GifByteType *block = (GifByteType *)1;
    while (block != NULL) {
        if (DGifGetCodeNext(gif, &block) == GIF_ERROR) {
            snprintf(r->message, EK_MESSAGE_SIZE, "%sfile ends inside the image data (truncated)", where);
            return -1;
        }
    }
    return 0;
}

void ek_gif_check(const uint8_t *bytes, size_t count, const ek_work_limits *limits, ek_gif_result *r) {
    memset(r, 0, sizeof *r);
    r->status = ek_status_corrupt;
    const uint64_t max_pixels = limits->max_pixels;
    memory_source source = {bytes, count, 0};
    int error = 0;
    GifFileType *gif = DGifOpen(&source, read_memory, &error);
    if (!gif) {
        if (error == D_GIF_ERR_NOT_ENOUGH_MEM) r->status = ek_status_not_run;
        set_error(r, "header: ", error);
        return;
    }
    r->width = (uint32_t)(gif->SWidth > 0 ? gif->SWidth : 0);
    r->height = (uint32_t)(gif->SHeight > 0 ? gif->SHeight : 0);
    if ((uint64_t)r->width * (uint64_t)r->height > max_pixels) {
        r->status = ek_status_too_large;
        snprintf(r->message, EK_MESSAGE_SIZE, "logical screen %ux%u exceeds the configured pixel limit",
                 r->width, r->height);
        DGifCloseFile(gif, &error);
        return;
    }

    char where[64];
    int done = 0;
    while (!done) {
        GifRecordType type;
        if (DGifGetRecordType(gif, &type) == GIF_ERROR) {
            if (gif->Error == D_GIF_ERR_READ_FAILED) {
                snprintf(r->message, EK_MESSAGE_SIZE, "file ends before the GIF trailer (truncated)");
            } else {
                set_error(r, "", gif->Error);
            }
            goto out;
        }
        switch (type) {
        case IMAGE_DESC_RECORD_TYPE: {
            snprintf(where, sizeof where, "frame %u: ", r->frame_count + 1);
            if (DGifGetImageDesc(gif) == GIF_ERROR) { set_error(r, where, gif->Error); goto out; }
            r->frame_count++;
            if (limits->max_frames != 0 && r->frame_count > limits->max_frames) {
                r->status = ek_status_work_limit;
                snprintf(r->message, EK_MESSAGE_SIZE, "more than %u frames in one animation", limits->max_frames);
                goto out;
            }
            int width = gif->Image.Width, height = gif->Image.Height;
            uint64_t pixels = (uint64_t)(width > 0 ? width : 0) * (uint64_t)(height > 0 ? height : 0);
            if (pixels > max_pixels) {
                r->status = ek_status_too_large;
                r->width = (uint32_t)width;
                r->height = (uint32_t)height;
                snprintf(r->message, EK_MESSAGE_SIZE, "frame %u: %dx%d exceeds the configured pixel limit",
                         r->frame_count, width, height);
                goto out;
            }
            int status = check_lzw(gif, source.bytes[source.position - 1], pixels, where, r);
            if (status != 0) goto out;
            forget_saved_images(gif);
            break;
        }
        case EXTENSION_RECORD_TYPE: {
            int code = 0;
            GifByteType *block = NULL;
            if (DGifGetExtension(gif, &code, &block) == GIF_ERROR) { set_error(r, "extension: ", gif->Error); goto out; }
            while (block != NULL) {
                if (DGifGetExtensionNext(gif, &block) == GIF_ERROR) { set_error(r, "extension: ", gif->Error); goto out; }
            }
            break;
        }
        case TERMINATE_RECORD_TYPE:
            done = 1;
            break;
        default:
            snprintf(r->message, EK_MESSAGE_SIZE, "unknown record type");
            goto out;
        }
    }
    if (r->frame_count == 0) {
        snprintf(r->message, EK_MESSAGE_SIZE, "no image in the file");
        goto out;
    }
    r->trailing_bytes = (uint64_t)(count - source.position);
    r->status = ek_status_valid;
out:
    if (r->status == ek_status_corrupt && gif->Error == D_GIF_ERR_NOT_ENOUGH_MEM) r->status = ek_status_not_run;
    DGifCloseFile(gif, &error);
}
