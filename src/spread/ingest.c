/*
 * ingest.c - reading a source (ingest.h): its kind detected
 * (ingest_detect.c), then handed to its reader (ingest_discord.c,
 * ingest_telegram.c, ingest_x.c, ingest_folder.c), which build messages
 * with ingest_msg.c over the JSON reader of ingest_json.c and hand them to
 * the caller's callback.  Only this file calls the readers, and no reader
 * calls back into it: the folder reader is given lt_ingest_path to read
 * the exports it finds.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"
#include "leaktrace/error.h"
#include "spread/ingest_internal.h"

const char *lt_source_kind_name(lt_source_kind kind)
{
	switch (kind) {
	case LT_SOURCE_DISCORD: return "discord";
	case LT_SOURCE_TELEGRAM: return "telegram";
	case LT_SOURCE_X: return "x";
	case LT_SOURCE_FOLDER: return "folder";
	case LT_SOURCE_FILE: return "file";
	default: return "unknown";
	}
}

/* The archive owner's user name from data/account.js, if any (small). */
static char *x_account(const char *data_dir)
{
	char *p = lt_ingest_join(data_dir, "account.js"), *out = NULL;
	char buf[8192], *k, *q;
	ssize_t got;
	size_t n = 0;
	int fd;

	if (!p)
		return NULL;
	/* Not a FIFO (it would block), not a link out of the archive. */
	if (lt_file_open_regular(&fd, AT_FDCWD, p, p, 1) != LT_OK) {
		lt_error_clear();
		free(p);
		return NULL;
	}
	free(p);
	while (n < sizeof(buf) - 1 &&
	       ((got = read(fd, buf + n, sizeof(buf) - 1 - n)) > 0 ||
		(got < 0 && errno == EINTR)))
		n += got > 0 ? (size_t)got : 0;
	close(fd);
	buf[n] = '\0';
	if (!(k = strstr(buf, "\"username\"")) || !(k = strchr(k + 10, '"')))
		return NULL;
	k++;
	if ((q = strchr(k, '"')) && q > k && q - k < 64)
		out = strndup(k, (size_t)(q - k));
	return out;
}

/* Open an export file for a reader (a regular file; never blocks). */
static int open_export(const char *path, int *fd)
{
	return lt_file_open_regular(fd, AT_FDCWD, path, path, 0);
}

static int read_x(const char *tweets, lt_message_fn fn, void *ctx,
		  lt_ingest_stats *stats)
{
	char *dir = lt_path_dirname(tweets), *account = NULL;
	int fd = -1, rc;

	if (!dir)
		return lt_error_set(LT_ENOMEM, "out of memory");
	account = x_account(dir);
	if ((rc = open_export(tweets, &fd)))
		goto out;
	if (stats)
		stats->files++;
	rc = lt_ingest_x(tweets, dir, account, fd, NULL, 0, fn, ctx, stats);
	close(fd);
out:
	free(dir);
	free(account);
	return rc;
}

/* Read one JSON export file of a known kind. */
static int read_json(lt_source_kind kind, const char *path, lt_message_fn fn,
		     void *ctx, lt_ingest_stats *stats)
{
	char *dir;
	int fd, rc;

	if (kind == LT_SOURCE_X)
		return read_x(path, fn, ctx, stats);
	if (!(dir = lt_path_dirname(path)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	if ((rc = open_export(path, &fd))) {
		free(dir);
		return rc;
	}
	if (stats)
		stats->files++;
	if (kind == LT_SOURCE_DISCORD)
		rc = lt_ingest_discord(path, dir, fd, NULL, 0, fn, ctx, stats);
	else
		rc = lt_ingest_telegram(path, dir, fd, NULL, 0, fn, ctx, stats);
	close(fd);
	free(dir);
	return rc;
}

int lt_ingest_path(const char *path, lt_message_fn fn, void *ctx,
		   lt_ingest_stats *stats)
{
	lt_source_kind kind;
	char *p;
	int rc;

	if ((rc = lt_ingest_detect(&kind, path)))
		return rc;
	switch (kind) {
	case LT_SOURCE_DISCORD:
		return read_json(kind, path, fn, ctx, stats);
	case LT_SOURCE_TELEGRAM:
		if (!lt_ingest_is_file(path)) {
			if (!(p = lt_ingest_join(path, "result.json")))
				return lt_error_set(LT_ENOMEM, "out of memory");
			rc = read_json(kind, p, fn, ctx, stats);
			free(p);
			return rc;
		}
		return read_json(kind, path, fn, ctx, stats);
	case LT_SOURCE_X:
		if (!lt_ingest_is_file(path)) {
			if (!(p = lt_ingest_x_tweets_file(path)))
				return lt_error_set(LT_EINPUT, "%s: no tweets.js", path);
			rc = read_x(p, fn, ctx, stats);
			free(p);
			return rc;
		}
		return read_x(path, fn, ctx, stats);
	case LT_SOURCE_FOLDER:
		return lt_ingest_folder(path, fn, ctx, stats, lt_ingest_path);
	case LT_SOURCE_FILE:
		return lt_ingest_file(path, NULL, fn, ctx, stats);
	default:
		return lt_error_set(LT_EINPUT, "%s: unknown kind of source", path);
	}
}

int lt_ingest_memory(lt_source_kind kind, const char *name,
		     const char *base_dir, const void *data, size_t len,
		     lt_message_fn fn, void *ctx, lt_ingest_stats *stats)
{
	static const char empty[1];

	if (!data)
		data = empty;
	switch (kind) {
	case LT_SOURCE_DISCORD:
		return lt_ingest_discord(name, base_dir, -1, data, len, fn, ctx,
					 stats);
	case LT_SOURCE_TELEGRAM:
		return lt_ingest_telegram(name, base_dir, -1, data, len, fn, ctx,
					  stats);
	case LT_SOURCE_X:
		return lt_ingest_x(name, base_dir, NULL, -1, data, len, fn, ctx,
				   stats);
	default:
		return lt_error_set(LT_EUSAGE, "%s: only Discord, Telegram and X "
				    "exports can be read from memory", name);
	}
}
