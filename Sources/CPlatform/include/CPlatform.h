#ifndef EVIDENCEKIT_CPLATFORM_H
#define EVIDENCEKIT_CPLATFORM_H
/*
 * Operating-system calls that Swift's Glibc module does not import (they need _GNU_SOURCE).
 * Each one is optional: where the system lacks it, the wrapper does nothing and says so.
 */
#include <stdint.h>

/*
 * Asks the kernel to start writing [offset, offset + length) of an open file to the disk now,
 * without waiting (Linux sync_file_range with SYNC_FILE_RANGE_WRITE). A later fsync then has
 * little left to flush. Returns 0 when started, -1 with errno set on failure, 1 when the
 * system has no such call. It never makes anything durable by itself: fsync still must.
 */
int ek_start_writeback(int descriptor, int64_t offset, int64_t length);

#endif
