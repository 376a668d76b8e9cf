#define _GNU_SOURCE
#include "CPlatform.h"
#include <fcntl.h>

int ek_start_writeback(int descriptor, int64_t offset, int64_t length) {
#if defined(__linux__)
    return sync_file_range(descriptor, (off_t)offset, (off_t)length, SYNC_FILE_RANGE_WRITE);
#else
    (void)descriptor; (void)offset; (void)length;
    return 1;
#endif
}
