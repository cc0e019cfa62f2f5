/*
 * ingest_folder.c - folders of loose files (ingest.h).
 *
 * A folder is walked recursively in name order (so scans are repeatable).
 * Text and Markdown files become one message each, platform "file", with
 * the path relative to the walked root as the message id, the folder part
 * of it as the channel and the file's modification time as posted_at.
 * Images and PDFs become a message without text carrying the file as an
 * attachment, for the image and PDF paths of the scanner.  Exports found
 * inside (a DiscordChatExporter or Telegram JSON file, a Telegram export
 * folder, an X archive) are read by their own readers, so a dump of
 * several exports scans in one go; a JSON file of no known shape is
 * skipped.  Text files that cannot be decoded (binary data named .txt)
 * and files of other kinds are skipped and counted, not errors: dumps are
 * untidy, while exports are checked strictly.  For the same reason a
 * broken export inside a folder, a sub-folder that cannot be listed or
 * one nested too deep is passed over (counted in `unreadable`, named
 * through the notice function) and the walk goes on, keeping what the
 * other parts held; an error of the caller's callback still stops it.
 *
 * Nothing in a folder is followed through a symbolic link, and FIFOs,
 * sockets and devices are never opened: both are counted in `refused`.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "base/array.h"
#include "base/time.h"
#include "leaktrace/error.h"
#include "leaktrace/text.h"
#include "spread/ingest_internal.h"

#define MAX_TEXT_FILE (64u << 20)
#define MAX_DEPTH 64

static int has_ext(const char *name, const char *const *exts)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	if (!dot)
		return 0;
	for (i = 0; exts[i]; i++)
		if (!strcasecmp(dot + 1, exts[i]))
			return 1;
	return 0;
}

static const char *const text_exts[] = {"txt", "md", "markdown", NULL};
static const char *const media_exts[] = {"png", "jpg", "jpeg", "pdf", NULL};
static const char *const export_exts[] = {"json", NULL};

int lt_ingest_file(const char *path, const char *root, lt_message_fn fn,
		   void *ctx, lt_ingest_stats *stats)
{
	lt_msg_builder m;
	const char *rel = path, *slash;
	struct stat st;
	char iso[32];
	int rc = LT_OK, text = has_ext(path, text_exts);

	if (!text && !has_ext(path, media_exts)) {
		if (stats)
			stats->skipped++;
		return LT_OK;
	}
	memset(&m, 0, sizeof(m));
	if (root) {
		size_t n = strlen(root);

		if (!strncmp(path, root, n) && path[n] == '/')
			rel = path + n + 1;
	} else if ((slash = strrchr(path, '/'))) {
		rel = slash + 1;
	}
	if ((rc = lt_msg_set(&m.id, rel, strlen(rel))))
		goto out;
	slash = strrchr(rel, '/');
	if ((rc = lt_msg_set(&m.channel, slash ? rel : ".",
			     slash ? (size_t)(slash - rel) : 1)))
		goto out;
	if (stat(path, &st) == 0) {
		lt_time_format((int64_t)st.st_mtime, iso);
		if (iso[0] && (rc = lt_msg_set(&m.posted_at, iso, strlen(iso))))
			goto out;
	}
	if (text) {
		rc = lt_text_read_file(&m.text, path, MAX_TEXT_FILE, NULL);
		if (rc == LT_ENOMEM)
			goto out;
		if (rc) {
			lt_error_clear();
			if (stats)
				stats->skipped++;
			rc = LT_OK;
			goto out;
		}
		if (m.text.len > LT_INGEST_MAX_TEXT) {
			lt_buf whole = m.text;

			memset(&m.text, 0, sizeof(m.text));
			rc = lt_msg_set_text(&m, whole.data, whole.len);
			lt_buf_free(&whole);
			if (rc)
				goto out;
		}
	} else if (!(m.att[0] = strdup(path))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	} else {
		m.natt = 1; /* the file itself, checked by the caller */
	}
	if (stats)
		stats->files++;
	rc = lt_msg_emit(&m, "file", path, 0, fn, ctx, stats);
out:
	lt_msg_free(&m);
	return rc;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted entry names of a directory (without . and ..). */
static int list_dir(const char *dir, char ***out, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	if (!d)
		return lt_error_set(LT_EINPUT, "%s: cannot open folder: %s", dir,
				    strerror(errno));
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (LT_ARRAY_GROW(names, cap, *n + 1))
			goto oom;
		if (!(names[*n] = strdup(e->d_name)))
			goto oom;
		++*n;
	}
	closedir(d);
	if (*n)
		qsort(names, *n, sizeof(*names), cmp_names);
	*out = names;
	return LT_OK;
oom:
	closedir(d);
	while (*n)
		free(names[--*n]);
	free(names);
	return lt_error_set(LT_ENOMEM, "out of memory");
}

/* A walk: the caller's callback, and whether it is what failed. */
typedef struct walker {
	const char *root;
	lt_message_fn fn;
	void *ctx;
	lt_ingest_stats *stats;
	lt_ingest_dispatch_fn dispatch;
	int callback_failed;
} walker;

static int relay(void *ctx, const lt_message *m)
{
	walker *w = ctx;
	int rc = w->fn(w->ctx, m);

	if (rc != LT_OK)
		w->callback_failed = 1;
	return rc;
}

/*
 * After a part of the folder failed with `rc`: pass it over (counted and
 * named) unless the callback stopped the walk or memory ran out.
 */
static int pass_over(walker *w, int rc)
{
	if (rc == LT_OK || rc == LT_ENOMEM || w->callback_failed)
		return rc;
	if (w->stats)
		w->stats->unreadable++;
	lt_ingest_notice(w->stats, "%s (skipped)", lt_error_message());
	lt_error_clear();
	return LT_OK;
}

/* Count and name a file of the folder that is not read. */
static void refuse(walker *w, const char *path, const char *why)
{
	if (w->stats)
		w->stats->refused++;
	lt_ingest_notice(w->stats, "%s: %s: not read", path, why);
}

static const char *special_kind(mode_t mode)
{
	if (S_ISLNK(mode))
		return "a symbolic link";
	if (S_ISFIFO(mode))
		return "a FIFO (named pipe)";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

static int walk(walker *w, const char *dir, int depth)
{
	char **names;
	size_t n, i;
	lt_buf path = {0};
	int rc;

	if (depth > MAX_DEPTH)
		return lt_error_set(LT_EINPUT, "%s: folders nested deeper than %d",
				    dir, MAX_DEPTH);
	if ((rc = list_dir(dir, &names, &n)))
		return rc;
	for (i = 0; i < n && rc == LT_OK; i++) {
		struct stat st;
		lt_source_kind kind;

		lt_buf_clear(&path);
		if ((rc = lt_buf_printf(&path, "%s/%s", dir, names[i])))
			break;
		if (lstat(path.data, &st) != 0) {
			if (w->stats)
				w->stats->skipped++;
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (lt_ingest_detect(&kind, path.data) == LT_OK &&
			    kind != LT_SOURCE_FOLDER)
				rc = w->dispatch(path.data, relay, w, w->stats);
			else
				rc = walk(w, path.data, depth + 1);
			rc = pass_over(w, rc);
		} else if (!S_ISREG(st.st_mode)) {
			refuse(w, path.data, special_kind(st.st_mode));
		} else if (has_ext(names[i], export_exts)) {
			if (lt_ingest_detect(&kind, path.data) == LT_OK)
				rc = pass_over(w, w->dispatch(path.data, relay, w,
								 w->stats));
			else {
				lt_error_clear();
				if (w->stats)
					w->stats->skipped++;
			}
		} else {
			rc = lt_ingest_file(path.data, w->root, relay, w, w->stats);
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	lt_buf_free(&path);
	return rc;
}

int lt_ingest_folder(const char *root, lt_message_fn fn, void *ctx,
		     lt_ingest_stats *stats, lt_ingest_dispatch_fn dispatch)
{
	char *r = strdup(root);
	walker w;
	size_t n;
	int rc;

	if (!r)
		return lt_error_set(LT_ENOMEM, "out of memory");
	n = strlen(r);
	while (n > 1 && r[n - 1] == '/')
		r[--n] = '\0';
	w.root = r;
	w.fn = fn;
	w.ctx = ctx;
	w.stats = stats;
	w.dispatch = dispatch;
	w.callback_failed = 0;
	rc = walk(&w, r, 0);
	free(r);
	return rc;
}
