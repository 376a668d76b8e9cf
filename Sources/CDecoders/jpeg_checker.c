#include "CDecoders.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    ek_jpeg_result *result;
} checker_error;

static void on_error_exit(j_common_ptr cinfo) {
    checker_error *e = (checker_error *)cinfo->err;
    char text[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, text);
    if (e->result->message[0] == '\0') snprintf(e->result->message, EK_MESSAGE_SIZE, "%s", text);
    longjmp(e->jump, 1);
}

static void on_emit(j_common_ptr cinfo, int level) {
    if (level >= 0) return; /* trace messages */
    checker_error *e = (checker_error *)cinfo->err;
    /* Level -1 is "corrupt data": libjpeg would go on and show a grey or garbled image. */
    if (e->result->warning_count++ == 0 && e->result->message[0] == '\0') {
        char text[JMSG_LENGTH_MAX];
        (*cinfo->err->format_message)(cinfo, text);
        snprintf(e->result->message, EK_MESSAGE_SIZE, "%s", text);
    }
}

static void on_output(j_common_ptr cinfo) { (void)cinfo; }

void ek_jpeg_check(const uint8_t *bytes, size_t count, uint64_t max_pixels, ek_jpeg_result *r) {
    memset(r, 0, sizeof *r);
    struct jpeg_decompress_struct cinfo;
    checker_error err;
    JSAMPARRAY row = NULL;
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = jpeg_std_error(&err.base);
    err.base.error_exit = on_error_exit;
    err.base.emit_message = on_emit;
    err.base.output_message = on_output;
    err.result = r;
    if (setjmp(err.jump)) {
        r->status = r->status == -2 ? -2 : -1;
        jpeg_destroy_decompress(&cinfo);
        return;
    }
    jpeg_create_decompress(&cinfo);
    cinfo.mem->max_memory_to_use = 512L * 1024L * 1024L;
    jpeg_mem_src(&cinfo, bytes, (unsigned long)count);
    jpeg_read_header(&cinfo, TRUE);
    r->width = cinfo.image_width;
    r->height = cinfo.image_height;
    r->progressive = cinfo.progressive_mode ? 1 : 0;
    if ((uint64_t)cinfo.image_width * (uint64_t)cinfo.image_height > max_pixels) {
        r->status = -2;
        snprintf(r->message, EK_MESSAGE_SIZE, "image dimensions %ux%u exceed the configured pixel limit",
                 cinfo.image_width, cinfo.image_height);
        jpeg_destroy_decompress(&cinfo);
        return;
    }
    /* Every entropy-coded block is still decoded at 1/8 scale; only the IDCT is cheaper. */
    cinfo.scale_num = 1;
    cinfo.scale_denom = 8;
    cinfo.dct_method = JDCT_IFAST;
    cinfo.do_fancy_upsampling = FALSE;
    cinfo.do_block_smoothing = FALSE;
    jpeg_start_decompress(&cinfo);
    row = (*cinfo.mem->alloc_sarray)((j_common_ptr)&cinfo, JPOOL_IMAGE,
                                     cinfo.output_width * cinfo.output_components, 1);
    while (cinfo.output_scanline < cinfo.output_height) {
        jpeg_read_scanlines(&cinfo, row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    r->trailing_bytes = cinfo.src ? cinfo.src->bytes_in_buffer : 0;
    r->status = r->warning_count > 0 ? -1 : 0;
    jpeg_destroy_decompress(&cinfo);
}
