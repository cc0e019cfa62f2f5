/*
 * ingest_detect.c - which kind of source a path is (a Discord or Telegram
 * JSON export, an X archive, a folder, a loose file), from its names and
 * the start of its JSON, and the paths inside an export that tell.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "leaktrace/error.h"
#include "spread/ingest_internal.h"

/* A regular file, not reached through a symbolic link at its last
 * component (exports inside a folder name their parts by path). */
int lt_ingest_is_file(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

char *lt_ingest_join(const char *dir, const char *name)
{
	lt_buf b = {0};

	if (lt_buf_printf(&b, "%s/%s", dir, name)) {
		lt_buf_free(&b);
		return NULL;
	}
	return lt_buf_detach(&b, NULL);
}

/* The tweets data file of an X archive directory, or NULL (caller frees). */
char *lt_ingest_x_tweets_file(const char *dir)
{
	static const char *const names[] = {
		"data/tweets.js", "data/tweet.js", "data/tweets-part1.js",
		"tweets.js", "tweet.js", "tweets-part1.js"
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *p = lt_ingest_join(dir, names[i]);

		if (p && lt_ingest_is_file(p))
			return p;
		free(p);
	}
	return NULL;
}

/* Discord or Telegram, from the start of a JSON file. */
static int json_kind(lt_source_kind *kind, const char *path)
{
	char buf[65536];
	size_t n = 0;
	int fd, rc;

	if ((rc = lt_file_open_regular(&fd, AT_FDCWD, path, path, 0)))
		return rc;
	while (n < sizeof(buf) - 1) {
		ssize_t got = read(fd, buf + n, sizeof(buf) - 1 - n);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	buf[n] = '\0';
	if (memchr(buf, 0, n))
		return lt_error_set(LT_EINPUT, "%s: not a JSON export (binary data)",
				    path);
	if (strstr(buf, "\"guild\"") || strstr(buf, "\"channel\""))
		*kind = LT_SOURCE_DISCORD;
	else if (strstr(buf, "\"date_unixtime\"") || strstr(buf, "\"chats\"") ||
		 (strstr(buf, "\"messages\"") && ends_with(path, "result.json")))
		*kind = LT_SOURCE_TELEGRAM;
	else
		return lt_error_set(LT_EINPUT, "%s: a JSON file of no known export "
				    "format (neither DiscordChatExporter nor "
				    "Telegram Desktop)", path);
	return LT_OK;
}

int lt_ingest_detect(lt_source_kind *kind, const char *path)
{
	struct stat st;
	char *p;

	*kind = LT_SOURCE_UNKNOWN;
	if (stat(path, &st) != 0)
		return lt_error_set(LT_EINPUT, "%s: %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		if ((p = lt_ingest_join(path, "result.json")) && lt_ingest_is_file(p))
			*kind = LT_SOURCE_TELEGRAM;
		free(p);
		if (*kind)
			return LT_OK;
		if ((p = lt_ingest_x_tweets_file(path))) {
			free(p);
			*kind = LT_SOURCE_X;
			return LT_OK;
		}
		*kind = LT_SOURCE_FOLDER;
		return LT_OK;
	}
	if (!S_ISREG(st.st_mode))
		return lt_error_set(LT_EINPUT, "%s: not a file or folder", path);
	if (ends_with(path, ".js")) {
		*kind = LT_SOURCE_X;
		return LT_OK;
	}
	if (ends_with(path, ".json"))
		return json_kind(kind, path);
	*kind = LT_SOURCE_FILE;
	return LT_OK;
}
