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

/*
 * Copies up to `length` bytes from one open file to another inside the kernel (Linux
 * copy_file_range), at the given offsets, without moving either file's position. Returns the
 * number of bytes copied (0 at the end of `from`), or -1 with errno set (ENOSYS, EXDEV,
 * EINVAL... where the system or the file systems cannot: the caller then copies by read/write).
 */
int64_t ek_copy_range(int from, int64_t from_offset, int to, int64_t to_offset, int64_t length);

#endif
