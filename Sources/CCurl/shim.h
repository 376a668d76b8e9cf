#ifndef EVIDENCEKIT_CCURL_SHIM_H
#define EVIDENCEKIT_CCURL_SHIM_H
/*
 * libcurl (Debian libcurl4-openssl-dev or another libcurl4-*-dev): one HTTP POST to a time-stamp
 * authority. Used only by Sources/EvidenceKit/Sealing/TimestampClient.swift. curl_easy_setopt
 * and curl_easy_getinfo are variadic, which Swift cannot call: these typed wrappers stand in.
 */
#include <curl/curl.h>

typedef size_t (*ek_curl_write_function)(char *data, size_t size, size_t count, void *context);

static inline CURLcode ek_curl_set_long(CURL *curl, CURLoption option, long value) { return curl_easy_setopt(curl, option, value); }
static inline CURLcode ek_curl_set_pointer(CURL *curl, CURLoption option, const void *value) { return curl_easy_setopt(curl, option, value); }
static inline CURLcode ek_curl_set_size(CURL *curl, CURLoption option, curl_off_t value) { return curl_easy_setopt(curl, option, value); }
static inline CURLcode ek_curl_set_write_function(CURL *curl, ek_curl_write_function function) {
    return curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, function);
}
static inline long ek_curl_response_code(CURL *curl) {
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    return code;
}

#endif
