#ifndef EVIDENCEKIT_COPENSSL_SHIM_H
#define EVIDENCEKIT_COPENSSL_SHIM_H
/*
 * OpenSSL 3 (Debian libssl-dev): RFC 3161 time-stamp requests and responses (TS_*), the CMS
 * SignedData inside them (PKCS7), certificates and stores (X509). Used only by
 * Sources/EvidenceKit/Sealing/TimestampOpenSSL.swift. The inline helpers below stand in for
 * OpenSSL's function-like macros (stacks, OPENSSL_malloc/free, BIO_get_mem_data), which Swift
 * cannot call; they add no logic of their own.
 */
#include <string.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/rand.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

static inline void ek_openssl_free(void *pointer) { OPENSSL_free(pointer); }

/* TS_VERIFY_CTX_set_imprint takes ownership of an OPENSSL_malloc'ed buffer: give it a copy. */
static inline int ek_ts_verify_ctx_set_imprint_copy(TS_VERIFY_CTX *ctx, const unsigned char *bytes, long length) {
    unsigned char *copy = OPENSSL_malloc((size_t)length);
    if (copy == NULL) return 0;
    memcpy(copy, bytes, (size_t)length);
    TS_VERIFY_CTX_set_imprint(ctx, copy, length);
    return 1;
}

static inline STACK_OF(X509) *ek_x509_stack_new(void) { return sk_X509_new_null(); }
static inline int ek_x509_stack_count(const STACK_OF(X509) *stack) { return stack == NULL ? 0 : sk_X509_num(stack); }
static inline X509 *ek_x509_stack_at(const STACK_OF(X509) *stack, int index) { return sk_X509_value(stack, index); }
/* Pushes without taking a reference: pair with ek_x509_stack_free_shallow. */
static inline int ek_x509_stack_push(STACK_OF(X509) *stack, X509 *cert) { return sk_X509_push(stack, cert); }
static inline void ek_x509_stack_free_shallow(STACK_OF(X509) *stack) { sk_X509_free(stack); }
static inline void ek_x509_stack_free_all(STACK_OF(X509) *stack) { sk_X509_pop_free(stack, X509_free); }

/* The certificates embedded in a SignedData token (NULL when it is not SignedData or has none). */
static inline STACK_OF(X509) *ek_pkcs7_certificates(PKCS7 *p7) {
    if (p7 == NULL || !PKCS7_type_is_signed(p7) || p7->d.sign == NULL) return NULL;
    return p7->d.sign->cert;
}

static inline long ek_bio_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }

/* A distinguished name as RFC 2253 text with UTF-8 kept (not escaped as \XX). */
static inline int ek_x509_name_text(const X509_NAME *name, char *out, int capacity) {
    if (name == NULL || capacity < 1) return 0;
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio == NULL) return 0;
    X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    char *data = NULL;
    long length = BIO_get_mem_data(bio, &data);
    int n = (int)(length < capacity - 1 ? length : capacity - 1);
    if (n > 0 && data != NULL) memcpy(out, data, (size_t)n); else n = 0;
    out[n] = 0;
    BIO_free(bio);
    return n;
}

/* The directory name in a GeneralName (the TSTInfo's tsa field), NULL for other kinds. */
static inline X509_NAME *ek_general_name_directory(GENERAL_NAME *name) {
    return (name != NULL && name->type == GEN_DIRNAME) ? name->d.directoryName : NULL;
}

#endif
