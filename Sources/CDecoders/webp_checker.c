#include "CDecoders.h"

#include <stdio.h>
#include <string.h>
#include <webp/decode.h>
#include <webp/demux.h>

/* libwebp and libwebpdemux never longjmp or abort on bad input: every failure is a return
 * value, so this layer only turns them into one status and a message. */

static const char *status_text(VP8StatusCode status) {
    switch (status) {
    case VP8_STATUS_OK: return "ok";
    case VP8_STATUS_OUT_OF_MEMORY: return "out of memory";
    case VP8_STATUS_INVALID_PARAM: return "invalid parameter";
    case VP8_STATUS_BITSTREAM_ERROR: return "bitstream error";
    case VP8_STATUS_UNSUPPORTED_FEATURE: return "unsupported feature";
    case VP8_STATUS_SUSPENDED: return "decoding suspended";
    case VP8_STATUS_USER_ABORT: return "decoding aborted";
    case VP8_STATUS_NOT_ENOUGH_DATA: return "compressed data ends early";
    }
    return "unknown error";
}

static uint32_t le32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Decodes one frame's bitstream (ALPH + VP8, or VP8L) at 1/8 scale: every macroblock or
 * pixel is still decoded, only the output buffer is small. */
static VP8StatusCode decode_frame(const uint8_t *bytes, size_t size, int width, int height) {
    WebPDecoderConfig config;
    if (!WebPInitDecoderConfig(&config)) return VP8_STATUS_INVALID_PARAM;
    config.output.colorspace = MODE_RGBA;
    config.options.use_threads = 0;
    if (width > 8 || height > 8) {
        config.options.use_scaling = 1;
        config.options.scaled_width = (width + 7) / 8;
        config.options.scaled_height = (height + 7) / 8;
    }
    VP8StatusCode status = WebPDecode(bytes, size, &config);
    WebPFreeDecBuffer(&config.output);
    return status;
}

void ek_webp_check(const uint8_t *bytes, size_t count, const ek_work_limits *limits, ek_webp_result *r) {
    memset(r, 0, sizeof *r);
    r->status = ek_status_corrupt;
    const uint64_t max_pixels = limits->max_pixels;
    const uint64_t max_decoded_pixels = ek_work_budget(limits, count);
    if (count < 12 || memcmp(bytes, "RIFF", 4) != 0 || memcmp(bytes + 8, "WEBP", 4) != 0) {
        snprintf(r->message, EK_MESSAGE_SIZE, "no RIFF/WEBP header");
        return;
    }
    uint64_t riff_end = (uint64_t)le32(bytes + 4) + 8;
    if (riff_end > count) {
        snprintf(r->message, EK_MESSAGE_SIZE,
                 "the RIFF header announces %llu bytes but the file has %llu (truncated)",
                 (unsigned long long)riff_end, (unsigned long long)count);
        return;
    }
    size_t size = (size_t)riff_end;
    r->trailing_bytes = (uint64_t)(count - size);

    WebPBitstreamFeatures features;
    VP8StatusCode status = WebPGetFeatures(bytes, size, &features);
    if (status != VP8_STATUS_OK) {
        snprintf(r->message, EK_MESSAGE_SIZE, "header: %s", status_text(status));
        return;
    }
    r->width = (uint32_t)features.width;
    r->height = (uint32_t)features.height;
    r->animated = features.has_animation ? 1 : 0;
    r->lossless = features.format == 2 ? 1 : 0;
    if ((uint64_t)r->width * (uint64_t)r->height > max_pixels) {
        r->status = ek_status_too_large;
        snprintf(r->message, EK_MESSAGE_SIZE, "image dimensions %ux%u exceed the configured pixel limit",
                 r->width, r->height);
        return;
    }

    /* The container: every chunk inside the RIFF size, frames inside the canvas. */
    WebPData data = {bytes, size};
    WebPDemuxState state = WEBP_DEMUX_PARSE_ERROR;
    WebPDemuxer *demux = WebPDemuxPartial(&data, &state);
    if (!demux || state != WEBP_DEMUX_DONE) {
        snprintf(r->message, EK_MESSAGE_SIZE, "%s",
                 state == WEBP_DEMUX_PARSE_ERROR || !demux ? "invalid chunk structure"
                                                           : "a chunk runs past the end of the RIFF data");
        WebPDemuxDelete(demux);
        return;
    }
    r->frame_count = WebPDemuxGetI(demux, WEBP_FF_FRAME_COUNT);
    if (r->frame_count == 0) {
        snprintf(r->message, EK_MESSAGE_SIZE, "no image data");
        WebPDemuxDelete(demux);
        return;
    }
    if (limits->max_frames != 0 && r->frame_count > limits->max_frames) {
        r->status = ek_status_work_limit;
        snprintf(r->message, EK_MESSAGE_SIZE, "%u frames, more than the %u checked in one animation", r->frame_count,
                 limits->max_frames);
        WebPDemuxDelete(demux);
        return;
    }

    /* Every frame's bitstream is decoded, as WebPAnimDecoder would (it calls WebPDecode on the
     * same fragment), but without its two full-size RGBA canvases. */
    WebPIterator iter;
    uint64_t decoded = 0;
    int failed = 0;
    if (WebPDemuxGetFrame(demux, 1, &iter)) {
        do {
            uint64_t pixels = (uint64_t)iter.width * (uint64_t)iter.height;
            if (pixels > max_pixels) {
                r->status = ek_status_too_large;
                snprintf(r->message, EK_MESSAGE_SIZE, "frame %d: %dx%d exceeds the configured pixel limit",
                         iter.frame_num, iter.width, iter.height);
                failed = 1;
                break;
            }
            if (decoded + pixels > max_decoded_pixels) break; /* the rest: structure only */
            status = decode_frame(iter.fragment.bytes, iter.fragment.size, iter.width, iter.height);
            if (status == VP8_STATUS_OUT_OF_MEMORY || status == VP8_STATUS_INVALID_PARAM) {
                /* libwebp could not start on this frame: nothing is known about it. */
                r->status = ek_status_not_run;
                snprintf(r->message, EK_MESSAGE_SIZE, "libwebp could not decode: %s", status_text(status));
                failed = 1;
                break;
            }
            if (status != VP8_STATUS_OK) {
                if (r->frame_count > 1) {
                    snprintf(r->message, EK_MESSAGE_SIZE, "frame %d of %u: %s", iter.frame_num,
                             r->frame_count, status_text(status));
                } else {
                    snprintf(r->message, EK_MESSAGE_SIZE, "%s", status_text(status));
                }
                failed = 1;
                break;
            }
            decoded += pixels;
            r->frames_decoded++;
        } while (WebPDemuxNextFrame(&iter));
        WebPDemuxReleaseIterator(&iter);
    } else {
        snprintf(r->message, EK_MESSAGE_SIZE, "no readable frame");
        failed = 1;
    }

    WebPChunkIterator chunk;
    if (WebPDemuxGetChunk(demux, "EXIF", 1, &chunk)) {
        r->exif_offset = (uint64_t)(chunk.chunk.bytes - bytes);
        r->exif_size = (uint64_t)chunk.chunk.size;
        WebPDemuxReleaseChunkIterator(&chunk);
    }
    WebPDemuxDelete(demux);
    if (!failed) r->status = ek_status_valid;
}
