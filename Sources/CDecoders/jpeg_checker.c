#include "CDecoders.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    ek_jpeg_result *result;
} checker_error;

/* libjpeg's progress monitor, as libjpeg-turbo's djpeg (-maxscans) and TurboJPEG (limitScans)
 * use it: libjpeg calls it before every row of blocks it consumes, so a new scan is seen as it
 * starts. Each scan costs a pass over the blocks of the components it covers; the sum, in
 * pixels, is the work checked against the file's budget. */
typedef struct {
    struct jpeg_progress_mgr base;
    checker_error *error;
    uint32_t max_scans;
    uint64_t budget;
    uint64_t work;
    int scan_seen;
} checker_progress;

static void on_error_exit(j_common_ptr cinfo) {
    checker_error *e = (checker_error *)cinfo->err;
    /* Running out of memory says nothing about the file: the check did not run. */
    if (cinfo->err->msg_code == JERR_OUT_OF_MEMORY) e->result->status = ek_status_not_run;
    /* More coefficient memory than max_memory_to_use (there is no backing store): a budget. */
    if (cinfo->err->msg_code == JERR_NO_BACKING_STORE) e->result->status = ek_status_work_limit;
    char text[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, text);
    if (e->result->message[0] == '\0') snprintf(e->result->message, EK_MESSAGE_SIZE, "%s", text);
    longjmp(e->jump, 1);
}

static void on_emit(j_common_ptr cinfo, int level) {
    if (level >= 0) return; /* trace messages */
    checker_error *e = (checker_error *)cinfo->err;
    /* Level -1 is "corrupt data": libjpeg would go on and show a grey or garbled image. One is
     * enough for the verdict, so the decode stops here (a damaged progressive file otherwise
     * goes on through every remaining scan: 24,005 warnings and 8 s for one 52 KB file). */
    if (e->result->warning_count++ == 0 && e->result->message[0] == '\0') {
        char text[JMSG_LENGTH_MAX];
        (*cinfo->err->format_message)(cinfo, text);
        snprintf(e->result->message, EK_MESSAGE_SIZE, "%s", text);
    }
    e->result->status = ek_status_corrupt;
    longjmp(e->jump, 1);
}

static void on_progress(j_common_ptr common) {
    if (!common->is_decompressor) return;
    j_decompress_ptr cinfo = (j_decompress_ptr)common;
    checker_progress *p = (checker_progress *)common->progress;
    int scan = cinfo->input_scan_number;
    if (scan == p->scan_seen) return;
    p->scan_seen = scan;
    ek_jpeg_result *r = p->error->result;
    r->scans = (uint32_t)scan;
    uint64_t pixels = 0;
    for (int i = 0; i < cinfo->comps_in_scan && i < MAX_COMPS_IN_SCAN; i++) {
        const jpeg_component_info *c = cinfo->cur_comp_info[i];
        if (c) pixels += (uint64_t)c->width_in_blocks * (uint64_t)c->height_in_blocks * 64u;
    }
    p->work = pixels > UINT64_MAX - p->work ? UINT64_MAX : p->work + pixels;
    if (p->max_scans != 0 && (uint32_t)scan > p->max_scans) {
        snprintf(r->message, EK_MESSAGE_SIZE, "more than %u scans (a progressive JPEG needs about 10)", p->max_scans);
    } else if (p->work > p->budget) {
        snprintf(r->message, EK_MESSAGE_SIZE, "scan %d would bring the decoding work past %llu pixels", scan,
                 (unsigned long long)p->budget);
    } else {
        return;
    }
    r->status = ek_status_work_limit;
    longjmp(p->error->jump, 1);
}

static void on_output(j_common_ptr cinfo) { (void)cinfo; }

void ek_jpeg_check(const uint8_t *bytes, size_t count, const ek_work_limits *limits, ek_jpeg_result *r) {
    memset(r, 0, sizeof *r);
    struct jpeg_decompress_struct cinfo;
    checker_error err;
    checker_progress progress;
    JSAMPARRAY row = NULL;
    const uint64_t max_pixels = limits->max_pixels;
    memset(&cinfo, 0, sizeof cinfo);
    memset(&progress, 0, sizeof progress);
    cinfo.err = jpeg_std_error(&err.base);
    err.base.error_exit = on_error_exit;
    err.base.emit_message = on_emit;
    err.base.output_message = on_output;
    err.result = r;
    progress.base.progress_monitor = on_progress;
    progress.error = &err;
    progress.max_scans = limits->max_scans;
    progress.budget = ek_work_budget(limits, count);
    if (setjmp(err.jump)) {
        /* too_large, work_limit and not_run were set before the jump; anything else is damage. */
        if (r->status == ek_status_valid) r->status = ek_status_corrupt;
        jpeg_destroy_decompress(&cinfo);
        return;
    }
    jpeg_create_decompress(&cinfo);
    cinfo.progress = &progress.base;
    cinfo.mem->max_memory_to_use = 512L * 1024L * 1024L;
    jpeg_mem_src(&cinfo, bytes, (unsigned long)count);
    jpeg_read_header(&cinfo, TRUE);
    r->width = cinfo.image_width;
    r->height = cinfo.image_height;
    r->progressive = cinfo.progressive_mode ? 1 : 0;
    if ((uint64_t)cinfo.image_width * (uint64_t)cinfo.image_height > max_pixels) {
        r->status = ek_status_too_large;
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
    r->status = r->warning_count > 0 ? ek_status_corrupt : ek_status_valid;
    jpeg_destroy_decompress(&cinfo);
}
