#define _GNU_SOURCE
#include "CPlatform.h"
#include <errno.h>
#include <unistd.h>

int64_t ek_copy_range(int from, int64_t from_offset, int to, int64_t to_offset, int64_t length) {
#if defined(__linux__)
    off64_t in = (off64_t)from_offset, out = (off64_t)to_offset;
    ssize_t n;
    do {
        n = copy_file_range(from, &in, to, &out, (size_t)length, 0);
    } while (n < 0 && errno == EINTR);
    return (int64_t)n;
#else
    (void)from; (void)from_offset; (void)to; (void)to_offset; (void)length;
    errno = ENOSYS;
    return -1;
#endif
}
