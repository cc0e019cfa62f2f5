/*
 * file.h - whole-file reading and atomic writing (leaktrace/file.h), and
 * the two halves of an atomic write for callers that write several files
 * and put them in place only once everything else has succeeded (issue
 * writes every copy, commits the vault, then renames the copies).
 */
#ifndef LT_BASE_FILE_H
#define LT_BASE_FILE_H

#include "leaktrace/file.h"

/*
 * Write `len` bytes to a new temporary file beside `path`, named
 * "<path>.tmp-<pid>-<n>", created with O_CREAT|O_EXCL|O_NOFOLLOW and
 * `mode`, and flushed to disk.  *tmp receives its name (caller frees, and
 * renames it with lt_file_commit() or unlinks it).  Errors as
 * lt_file_write_atomic(); nothing is left behind on error.
 */
int lt_file_write_temp(char **tmp, const char *path, const void *data,
		       size_t len, unsigned mode);

/* Rename the temporary file `tmp` over `path` (LT_EIO on failure). */
int lt_file_commit(const char *tmp, const char *path);

#endif
