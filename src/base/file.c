/*
 * file.c - reading whole files with a size limit and writing files
 * atomically (base/file.h, leaktrace/file.h).
 *
 * Every input is opened with O_NONBLOCK and refused unless it is a
 * regular file, so a FIFO or a device planted where a file is expected
 * is an error naming it instead of a read that blocks forever.
 */
#define _GNU_SOURCE 1 /* syncfs */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "leaktrace/error.h"

#define READ_DEFAULT_MAX ((size_t)64 << 20)

/* What a file that is not a regular file is, for messages. */
static const char *file_type_name(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO (named pipe)";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISLNK(mode))
		return "a symbolic link";
	return "not a regular file";
}

int lt_file_open_regular(int *fd, int dirfd, const char *name,
			 const char *shown, int nofollow)
{
	struct stat st;
	int flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC, f, err;

	*fd = -1;
	if (!shown)
		shown = name;
	if (nofollow)
		flags |= O_NOFOLLOW;
	f = openat(dirfd, name, flags);
	if (f < 0) {
		err = errno;
		if (err == ELOOP && nofollow)
			return lt_error_set(LT_EINPUT, "%s: is a symbolic link "
					    "(not followed)", shown);
		if (err == ENOENT || err == ENOTDIR)
			return lt_error_set(LT_EINPUT, "%s: no such file", shown);
		if (err == EACCES || err == EPERM)
			return lt_error_set(LT_EINPUT, "%s: permission denied",
					    shown);
		if (err == ENXIO) /* a socket or a device without a reader */
			return lt_error_set(LT_EINPUT, "%s: not a regular file",
					    shown);
		return lt_error_set(LT_EINPUT, "%s: cannot open: %s", shown,
				    strerror(err));
	}
	if (fstat(f, &st) < 0) {
		err = errno;
		close(f);
		return lt_error_set(LT_EIO, "%s: cannot stat: %s", shown,
				    strerror(err));
	}
	if (S_ISDIR(st.st_mode)) {
		close(f);
		return lt_error_set(LT_EINPUT, "%s: is a directory", shown);
	}
	if (!S_ISREG(st.st_mode)) {
		close(f);
		return lt_error_set(LT_EINPUT, "%s: not a regular file (%s)",
				    shown, file_type_name(st.st_mode));
	}
	/* Reads of a regular file never block: clear O_NONBLOCK anyway so
	 * the descriptor behaves as an ordinary one. */
	if (fcntl(f, F_SETFL, fcntl(f, F_GETFL) & ~O_NONBLOCK) < 0) {
		err = errno;
		close(f);
		return lt_error_set(LT_EIO, "%s: cannot open: %s", shown,
				    strerror(err));
	}
	*fd = f;
	return LT_OK;
}

int lt_file_read(lt_buf *out, const char *path, size_t max_bytes)
{
	struct stat st;
	size_t start = out->len;
	int fd, rc = LT_OK;

	if (!path)
		return lt_error_set(LT_EUSAGE, "lt_file_read: NULL path");
	if (max_bytes == 0)
		max_bytes = READ_DEFAULT_MAX;
	if ((rc = lt_file_open_regular(&fd, AT_FDCWD, path, path, 0)))
		return rc;
	if (fstat(fd, &st) < 0) {
		rc = lt_error_set(LT_EIO, "%s: cannot stat: %s", path,
				  strerror(errno));
		goto done;
	}
	if ((uint64_t)st.st_size > max_bytes) {
		rc = lt_error_set(LT_EINPUT,
			"%s: too large (%llu bytes, limit %zu)", path,
			(unsigned long long)st.st_size, max_bytes);
		goto done;
	}
	for (;;) {
		size_t want = 65536;
		ssize_t got;

		if ((rc = lt_buf_reserve(out, want)))
			goto done;
		got = read(fd, out->data + out->len, want);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			rc = lt_error_set(LT_EIO, "%s: read error: %s", path,
					  strerror(errno));
			goto done;
		}
		if (got == 0)
			break;
		out->len += (size_t)got;
		out->data[out->len] = '\0';
		if (out->len - start > max_bytes) {
			rc = lt_error_set(LT_EINPUT,
				"%s: too large (more than %zu bytes)", path,
				max_bytes);
			goto done;
		}
	}
done:
	close(fd);
	return rc;
}

/* Write all of data to fd; 0 or -1 with errno set. */
static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

int lt_file_write_temp(char **tmp, const char *path, const void *data,
		       size_t len, unsigned mode, int sync)
{
	static atomic_uint counter;
	size_t n = strlen(path) + 48;
	char *name = malloc(n);
	int fd = -1, tries, err;

	*tmp = NULL;
	if (!name)
		return lt_error_set(LT_ENOMEM, "out of memory");
	for (tries = 0; tries < 100 && fd < 0; tries++) {
		snprintf(name, n, "%s.tmp-%ld-%u", path, (long)getpid(),
			 atomic_fetch_add(&counter, 1));
		fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
				O_CLOEXEC, (mode_t)mode);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		err = errno;
		free(name);
		return lt_error_set(LT_EUSAGE, "%s: cannot write: %s", path,
				    strerror(err));
	}
	if (write_all(fd, data ? data : "", data ? len : 0) != 0 ||
	    (sync && fsync(fd) != 0)) {
		err = errno;
		close(fd);
		unlink(name);
		free(name);
		return lt_error_set(LT_EIO, "%s: cannot write: %s", path,
				    strerror(err));
	}
	if (close(fd) != 0) {
		err = errno;
		unlink(name);
		free(name);
		return lt_error_set(LT_EIO, "%s: cannot write: %s", path,
				    strerror(err));
	}
	*tmp = name;
	return LT_OK;
}

int lt_file_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), err;

	if (fd < 0 || syncfs(fd) != 0) {
		err = errno;
		if (fd >= 0)
			close(fd);
		return lt_error_set(LT_EIO, "%s: cannot flush to disk: %s", dir,
				    strerror(err));
	}
	close(fd);
	return LT_OK;
}

int lt_file_commit(const char *tmp, const char *path)
{
	if (rename(tmp, path) != 0)
		return lt_error_set(LT_EIO, "%s: cannot write: %s", path,
				    strerror(errno));
	return LT_OK;
}

int lt_file_write_atomic(const char *path, const void *data, size_t len,
			 unsigned mode)
{
	char *tmp;
	int rc;

	if (!path || !*path)
		return lt_error_set(LT_EUSAGE, "no file name to write");
	if ((rc = lt_file_write_temp(&tmp, path, data, len, mode, 1)))
		return rc;
	if ((rc = lt_file_commit(tmp, path)))
		unlink(tmp);
	free(tmp);
	return rc;
}
