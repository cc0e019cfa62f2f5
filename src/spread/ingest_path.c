/*
 * ingest_path.c - attachments confined to their export (ingest.h,
 * ingest_internal.h).
 *
 * An export names its media by path, and an export is evidence received
 * from outside: a name such as "../copies/budget-officer-6.txt", an
 * absolute path, or a symbolic link inside the export folder would make
 * the scanner read a file from the investigator's own disk and record it
 * as a sighting traced to that file's recipient.  So every attachment is
 * resolved here from the export's folder one component at a time, each
 * opened with O_NOFOLLOW relative to its parent, and only a regular file
 * reached that way is handed on.  Anything refused is counted and
 * reported through the caller's notice function, never read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "leaktrace/error.h"
#include "spread/ingest_internal.h"

void lt_ingest_notice(lt_ingest_stats *stats, const char *fmt, ...)
{
	char what[1024];
	va_list ap;

	if (!stats || !stats->notice)
		return;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	stats->notice(stats->notice_ctx, what);
}

/* Check the name alone; NULL when acceptable, else why not. */
static const char *check_name(const char *rel, size_t len)
{
	size_t i = 0, n;

	if (memchr(rel, 0, len))
		return "the name holds a NUL byte";
	if (rel[0] == '/')
		return "an absolute path";
	while (i < len) {
		for (n = 0; i + n < len && rel[i + n] != '/'; n++)
			;
		if (n == 2 && rel[i] == '.' && rel[i + 1] == '.')
			return "a \"..\" component leads outside the export";
		i += n + 1;
	}
	return NULL;
}

/* Why opening component `name` under `dir` failed with `err`. */
static int component_failed(int dir, const char *name, int err,
			    const char **why)
{
	struct stat st;

	if (fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(st.st_mode)) {
		*why = "a symbolic link on the way (not followed)";
		return LT_CONFINE_REFUSED;
	}
	if (err == ENOENT)
		return LT_CONFINE_MISSING;
	if (err == ENOTDIR) {
		*why = "a component is not a folder";
		return LT_CONFINE_REFUSED;
	}
	*why = "cannot be opened";
	return LT_CONFINE_REFUSED;
}

/* Walk `rel` from the open folder `dir` (closed here). */
static int walk_components(int dir, const char *rel, size_t len,
			   const char **why)
{
	char name[4096];
	size_t i = 0, n;
	int rc = LT_CONFINE_MISSING;

	for (;;) {
		int next;

		while (i < len && rel[i] == '/')
			i++;
		for (n = 0; i + n < len && rel[i + n] != '/'; n++)
			;
		if (n == 0 || n >= sizeof(name)) {
			*why = n ? "a name too long" : "names a folder";
			rc = LT_CONFINE_REFUSED;
			break;
		}
		memcpy(name, rel + i, n);
		name[n] = '\0';
		i += n;
		while (i < len && rel[i] == '/')
			i++;
		if (n == 1 && name[0] == '.' && i < len)
			continue;
		if (i >= len) { /* the last component: a regular file */
			if (lt_file_open_regular(&next, dir, name, name, 1) ==
			    LT_OK) {
				close(next);
				rc = LT_CONFINE_FILE;
			} else {
				struct stat st;

				lt_error_clear();
				if (fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW)) {
					rc = errno == ENOENT ? LT_CONFINE_MISSING
						: LT_CONFINE_REFUSED;
					*why = "cannot be opened";
				} else {
					rc = LT_CONFINE_REFUSED;
					*why = S_ISLNK(st.st_mode)
						? "a symbolic link (not followed)"
						: S_ISREG(st.st_mode)
						? "cannot be opened"
						: "not a regular file";
				}
			}
			break;
		}
		next = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			      O_CLOEXEC);
		if (next < 0) {
			rc = component_failed(dir, name, errno, why);
			break;
		}
		close(dir);
		dir = next;
	}
	close(dir);
	return rc;
}

int lt_ingest_confine(char **out, const char **why, const char *root,
		      const char *rel, size_t len)
{
	lt_buf p = {0};
	int dir, rc;

	*out = NULL;
	*why = NULL;
	if (len == 0) {
		*why = "an empty name";
		return LT_CONFINE_REFUSED;
	}
	if ((*why = check_name(rel, len)))
		return LT_CONFINE_REFUSED;
	if (!root) {
		rc = LT_CONFINE_MISSING;
	} else if ((dir = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		rc = LT_CONFINE_MISSING;
	} else {
		rc = walk_components(dir, rel, len, why);
	}
	if (rc == LT_CONFINE_REFUSED)
		return rc;
	if ((root && *root && strcmp(root, ".") &&
	     (lt_buf_puts(&p, root) || lt_buf_putc(&p, '/'))) ||
	    lt_buf_append(&p, rel, len)) {
		lt_buf_free(&p);
		lt_error_set(LT_ENOMEM, "out of memory");
		return -LT_ENOMEM;
	}
	*out = lt_buf_detach(&p, NULL);
	return rc;
}

int lt_msg_attach(lt_msg_builder *b, const char *root, const char *rel,
		  size_t len, const char *source, lt_ingest_stats *stats)
{
	const char *why;
	char *path;
	size_t i;
	int rc;

	if (len == 0 || b->natt >= LT_MSG_MAX_ATTACHMENTS)
		return LT_OK;
	for (i = 0; i + 2 < len && i < 16; i++)
		if (rel[i] == ':' && rel[i + 1] == '/' && rel[i + 2] == '/')
			return LT_OK; /* a URL: the media were not downloaded */
	rc = lt_ingest_confine(&path, &why, root, rel, len);
	if (rc < 0)
		return -rc;
	if (rc == LT_CONFINE_REFUSED) {
		if (stats)
			stats->refused++;
		lt_ingest_notice(stats, "%s: attachment \"%.*s\" refused: %s",
				 source, (int)(len > 200 ? 200 : len), rel, why);
		return LT_OK;
	}
	b->att[b->natt++] = path;
	return LT_OK;
}
