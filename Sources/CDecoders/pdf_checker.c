#include "CDecoders.h"

#include <stdio.h>
#include <string.h>
#include <qpdf/qpdf-c.h>

/* The object count the trailer declares (/Size) and the page count the page tree's root declares
 * (/Root /Pages /Count), read before qpdf walks the tree; -1 when absent. */
static long long declared(qpdf_data q, qpdf_oh dict, const char *key) {
    qpdf_oh value = qpdf_oh_get_key_if_dict(q, dict, key);
    return qpdf_oh_is_integer(q, value) ? qpdf_oh_get_int_value(q, value) : -1;
}

void ek_pdf_check(const uint8_t *bytes, size_t count, const ek_work_limits *limits, ek_pdf_result *r) {
    memset(r, 0, sizeof *r);
    r->page_count = -1;
    qpdf_data q = qpdf_init();
    if (!q) { r->status = ek_status_not_run; snprintf(r->message, EK_MESSAGE_SIZE, "qpdf could not start"); return; }
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    QPDF_ERROR_CODE code = qpdf_read_memory(q, "evidence.pdf", (const char *)bytes,
                                            (unsigned long long)count, "");
    if (code & QPDF_ERRORS) {
        qpdf_error e = qpdf_get_error(q);
        const char *text = e ? qpdf_get_error_message_detail(q, e) : NULL;
        snprintf(r->message, EK_MESSAGE_SIZE, "%s", text && *text ? text : "unreadable PDF structure");
        /* qpdf reports a missing password as a specific error code. */
        r->status = (e && qpdf_get_error_code(q, e) == qpdf_e_password) ? ek_status_password : ek_status_corrupt;
        r->encrypted = r->status == ek_status_password;
        qpdf_cleanup(&q);
        return;
    }
    r->encrypted = qpdf_is_encrypted(q) ? 1 : 0;
    const char *version = qpdf_get_pdf_version(q);
    if (version) snprintf(r->version, sizeof r->version, "%s", version);
    /* Work bounds: qpdf's time grows with the objects it resolves and the pages it walks. */
    long long objects = declared(q, qpdf_get_trailer(q), "/Size");
    long long claimed_pages = declared(q, qpdf_oh_get_key_if_dict(q, qpdf_get_root(q), "/Pages"), "/Count");
    if (limits->max_objects != 0 && objects > (long long)limits->max_objects) {
        r->status = ek_status_work_limit;
        snprintf(r->message, EK_MESSAGE_SIZE, "%lld objects, more than the %u checked in one PDF", objects, limits->max_objects);
        qpdf_cleanup(&q);
        return;
    }
    if (limits->max_pages != 0 && claimed_pages > (long long)limits->max_pages) {
        r->status = ek_status_work_limit;
        snprintf(r->message, EK_MESSAGE_SIZE, "%lld pages, more than the %u checked in one PDF", claimed_pages, limits->max_pages);
        qpdf_cleanup(&q);
        return;
    }
    int pages = qpdf_get_num_pages(q);
    if (limits->max_pages != 0 && pages > (int)limits->max_pages) {
        r->status = ek_status_work_limit;
        snprintf(r->message, EK_MESSAGE_SIZE, "%d pages, more than the %u checked in one PDF", pages, limits->max_pages);
        qpdf_cleanup(&q);
        return;
    }
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
    r->status = r->warning_count > 0 ? ek_status_repaired : ek_status_valid;
    qpdf_cleanup(&q);
}
