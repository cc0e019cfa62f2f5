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
 * `mode`, and flushed to disk when `sync` is set (a caller writing many
 * files passes 0 and flushes them all at once with lt_file_sync_dir()).
 * *tmp receives its name (caller frees, and
 * renames it with lt_file_commit() or unlinks it).  Errors as
 * lt_file_write_atomic(); nothing is left behind on error.
 */
int lt_file_write_temp(char **tmp, const char *path, const void *data,
		       size_t len, unsigned mode, int sync);

/* Flush everything written to the file system holding `dir` (syncfs):
 * one call for the many files of an issue.  LT_EIO on failure. */
int lt_file_sync_dir(const char *dir);

/*
 * Open `name` (relative to directory descriptor `dirfd`, or AT_FDCWD) for
 * reading, refusing anything that is not a regular file: it is opened
 * with O_NONBLOCK, so a FIFO or device never blocks, checked with
 * fstat(), and O_NONBLOCK is cleared again.  With `nofollow`, a symbolic
 * link as the last component is refused too.  *fd receives the
 * descriptor (caller closes; -1 on error).  Errors are LT_EINPUT naming
 * `shown` (or `name` when NULL): "no such file", "permission denied", "is
 * a directory", "is a symbolic link (not followed)", "not a regular file
 * (a FIFO (named pipe))" and the like; LT_EIO when fstat fails.
 */
int lt_file_open_regular(int *fd, int dirfd, const char *name,
			 const char *shown, int nofollow);

/* Rename the temporary file `tmp` over `path` (LT_EIO on failure). */
int lt_file_commit(const char *tmp, const char *path);

#endif
