#include "CDecoders.h"

#include <stdio.h>
#include <string.h>
#include <qpdf/qpdf-c.h>

void ek_pdf_check(const uint8_t *bytes, size_t count, ek_pdf_result *r) {
    memset(r, 0, sizeof *r);
    r->page_count = -1;
    qpdf_data q = qpdf_init();
    if (!q) { r->status = -1; snprintf(r->message, EK_MESSAGE_SIZE, "qpdf could not start"); return; }
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    QPDF_ERROR_CODE code = qpdf_read_memory(q, "evidence.pdf", (const char *)bytes,
                                            (unsigned long long)count, "");
    if (code & QPDF_ERRORS) {
        qpdf_error e = qpdf_get_error(q);
        const char *text = e ? qpdf_get_error_message_detail(q, e) : NULL;
        snprintf(r->message, EK_MESSAGE_SIZE, "%s", text && *text ? text : "unreadable PDF structure");
        /* qpdf reports a missing password as a specific error code. */
        r->status = (e && qpdf_get_error_code(q, e) == qpdf_e_password) ? -3 : -1;
        r->encrypted = r->status == -3;
        qpdf_cleanup(&q);
        return;
    }
    r->encrypted = qpdf_is_encrypted(q) ? 1 : 0;
    const char *version = qpdf_get_pdf_version(q);
    if (version) snprintf(r->version, sizeof r->version, "%s", version);
    int pages = qpdf_get_num_pages(q);
    if (pages >= 0) r->page_count = pages;
    while (qpdf_more_warnings(q)) {
        qpdf_error w = qpdf_next_warning(q);
        if (r->warning_count++ == 0 && w) {
            const char *text = qpdf_get_error_message_detail(q, w);
            snprintf(r->message, EK_MESSAGE_SIZE, "%s", text ? text : "damaged PDF structure");
        }
    }
    if (qpdf_has_error(q)) {
        qpdf_error e = qpdf_get_error(q);
        if (r->message[0] == '\0' && e) {
            const char *text = qpdf_get_error_message_detail(q, e);
            snprintf(r->message, EK_MESSAGE_SIZE, "%s", text ? text : "damaged PDF structure");
        }
        r->warning_count++;
    }
    r->status = r->warning_count > 0 ? 1 : 0;
    qpdf_cleanup(&q);
}
