/*
 * file.h - reading a whole file with a size limit, and writing an output
 * file so that it is either the old one or the whole new one.
 *
 * Every file liblt or the leaktrace tool writes for the user (issued
 * copies, the HTML report, statements, exported hashes) goes through
 * lt_file_write_atomic() or its two halves in the library.
 */
#ifndef LEAKTRACE_FILE_H
#define LEAKTRACE_FILE_H

#include <stddef.h>

#include "leaktrace/buf.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Append the bytes of the file at `path` to `out`: at most `max_bytes`
 * (0 means 64 MiB).  A missing, unreadable or too large file, or a
 * directory, is LT_EINPUT, and so is anything that is not a regular file
 * (a FIFO, socket or device: refused without blocking); a failing read is
 * LT_EIO; every message starts with the path.  On error `out` may hold
 * part of the file.
 */
int lt_file_read(lt_buf *out, const char *path, size_t max_bytes);

/*
 * Write `len` bytes to `path` atomically: to a new temporary file beside
 * it (created with O_CREAT|O_EXCL|O_NOFOLLOW and permission bits `mode`),
 * flushed to disk, then renamed over `path`.  A file that cannot be
 * created is LT_EUSAGE, a failing write, flush or rename LT_EIO; the
 * temporary file is then removed and `path` is left as it was.
 */
int lt_file_write_atomic(const char *path, const void *data, size_t len,
			 unsigned mode);

#ifdef __cplusplus
}
#endif
#endif
