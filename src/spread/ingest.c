/*
 * ingest.c - the common part of the export readers (ingest.h): source
 * detection, the streaming JSON reader the format readers are built on,
 * the message builder and time normalisation.
 *
 * Data flow: file --read(2) in 256 KiB chunks--> yajl --events with the
 * key path--> format reader (ingest_discord.c, ingest_telegram.c,
 * ingest_x.c) --lt_msg_emit--> the caller's callback.  Nothing but the
 * current chunk, yajl's token buffer and the message being built is held,
 * and a single value longer than LT_JR_MAX_VALUE is refused before yajl
 * buffers it, so memory stays bounded whatever the input.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/file.h"
#include "base/time.h"
#include "base/utf8.h"
#include "leaktrace/error.h"
#include "spread/ingest_internal.h"

#define CHUNK (256u << 10)

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

/* =====================================================================
 * Streaming JSON reader
 * =================================================================== */

/* Position of the current token: offset and 1-based line. */
static void position(const lt_jr *r, uint64_t *off, uint64_t *line)
{
	size_t used = r->h ? yajl_get_bytes_consumed(r->h) : 0, i;
	uint64_t l = r->line + 1;

	if (used > r->chunk_len)
		used = r->chunk_len;
	for (i = 0; i < used; i++)
		l += r->chunk[i] == '\n';
	*off = r->offset + used;
	*line = l;
}

uint64_t lt_jr_offset(const lt_jr *r)
{
	size_t used = r->h ? yajl_get_bytes_consumed(r->h) : 0;

	return r->offset + (used > r->chunk_len ? r->chunk_len : used);
}

int lt_jr_fail(lt_jr *r, const char *fmt, ...)
{
	char what[256];
	uint64_t off, line;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	position(r, &off, &line);
	r->rc = lt_error_set(LT_EINPUT, "%s: byte %llu (line %llu): %s", r->name,
			     (unsigned long long)off, (unsigned long long)line,
			     what);
	return r->rc;
}

int lt_jr_key_is(const lt_jr *r, int level, const char *key)
{
	size_t n = strlen(key);

	if (level < 0 || level >= r->depth || !r->lv[level].is_map)
		return 0;
	return r->lv[level].keylen == n && n <= sizeof(r->lv[level].key) &&
	       memcmp(r->lv[level].key, key, n) == 0;
}

/* Deliver an event; 1 to let yajl go on, 0 to stop it. */
static int deliver(lt_jr *r, int kind, const char *s, size_t len)
{
	int rc;

	r->events++;
	if ((rc = r->on_event(r, kind, s, len)) != LT_OK) {
		if (r->rc == LT_OK)
			r->rc = rc;
		return 0;
	}
	return 1;
}

static int cb_null(void *ctx)
{
	return deliver(ctx, LT_JV_NULL, NULL, 0);
}

static int cb_bool(void *ctx, int b)
{
	return deliver(ctx, LT_JV_BOOL, b ? "true" : "false", b ? 4 : 5);
}

static int cb_number(void *ctx, const char *s, size_t len)
{
	return deliver(ctx, LT_JV_NUMBER, s, len);
}

static int cb_string(void *ctx, const unsigned char *s, size_t len)
{
	return deliver(ctx, LT_JV_STRING, (const char *)s, len);
}

/* Open a container at the current depth. */
static int push(lt_jr *r, int is_map)
{
	int kind = is_map ? LT_JV_MAP_START : LT_JV_ARRAY_START;

	if (r->depth >= LT_JR_MAX_DEPTH) {
		lt_jr_fail(r, "JSON nested deeper than %d levels", LT_JR_MAX_DEPTH);
		return 0;
	}
	if (!deliver(r, kind, NULL, 0))
		return 0;
	r->lv[r->depth].is_map = is_map;
	r->lv[r->depth].keylen = 0;
	r->depth++;
	return 1;
}

static int pop(lt_jr *r, int is_map)
{
	r->depth--;
	return deliver(r, is_map ? LT_JV_MAP_END : LT_JV_ARRAY_END, NULL, 0);
}

static int cb_start_map(void *ctx)
{
	return push(ctx, 1);
}

static int cb_end_map(void *ctx)
{
	return pop(ctx, 1);
}

static int cb_start_array(void *ctx)
{
	return push(ctx, 0);
}

static int cb_end_array(void *ctx)
{
	return pop(ctx, 0);
}

static int cb_map_key(void *ctx, const unsigned char *s, size_t len)
{
	lt_jr *r = ctx;
	lt_jr_level *lv = &r->lv[r->depth - 1];

	r->events++;
	lv->keylen = len;
	memcpy(lv->key, s, len < sizeof(lv->key) ? len : sizeof(lv->key));
	return 1;
}

static const yajl_callbacks callbacks = {
	cb_null, cb_bool, NULL, NULL, cb_number, cb_string,
	cb_start_map, cb_map_key, cb_end_map, cb_start_array, cb_end_array
};

int lt_jr_init(lt_jr *r, const char *name, lt_jr_event_fn fn, void *state)
{
	memset(r, 0, sizeof(*r));
	r->name = name;
	r->on_event = fn;
	r->state = state;
	if (!(r->h = yajl_alloc(&callbacks, NULL, r)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	return LT_OK;
}

void lt_jr_free(lt_jr *r)
{
	if (r->h)
		yajl_free(r->h);
	r->h = NULL;
}

/* Turn yajl's complaint into an error naming the file and position. */
static int syntax_error(lt_jr *r, int at_end)
{
	unsigned char *msg;
	char text[160];
	size_t n;

	if (r->rc != LT_OK)
		return r->rc;
	msg = yajl_get_error(r->h, 0, r->chunk, r->chunk_len);
	snprintf(text, sizeof(text), "%s", msg ? (const char *)msg : "bad JSON");
	if (msg)
		yajl_free_error(r->h, msg);
	n = strlen(text);
	while (n && (text[n - 1] == '\n' || text[n - 1] == ' '))
		text[--n] = '\0';
	if (at_end && r->offset == 0)
		return lt_jr_fail(r, "empty file: no JSON in it");
	/* Whatever yajl calls it (a cut inside a \u escape or a UTF-8
	 * sequence is a "lexical error"), an error found only once the data
	 * has ended is the data ending too early. */
	if (at_end)
		return lt_jr_fail(r, "truncated JSON: the input ends inside a "
				  "value");
	if (strstr(text, "invalid bytes in UTF8"))
		return lt_jr_fail(r, "invalid UTF-8 in a string");
	return lt_jr_fail(r, "malformed JSON (%s)",
			  strncmp(text, "parse error: ", 13) ? text : text + 13);
}

/* Feed one chunk to yajl. */
static int feed(lt_jr *r, const unsigned char *p, size_t n)
{
	yajl_status s;
	size_t i;

	r->chunk = p;
	r->chunk_len = n;
	r->events = 0;
	s = yajl_parse(r->h, p, n);
	if (s != yajl_status_ok)
		return syntax_error(r, 0);
	/* A value spanning many chunks is buffered whole by yajl: refuse
	 * it before it grows without bound. */
	r->quiet = r->events ? 0 : r->quiet + n;
	if (r->quiet > LT_JR_MAX_VALUE)
		return lt_jr_fail(r, "a single JSON value longer than %u MiB",
				  LT_JR_MAX_VALUE >> 20);
	for (i = 0; i < n; i++)
		r->line += p[i] == '\n';
	r->offset += n;
	r->chunk = NULL;
	r->chunk_len = 0;
	return LT_OK;
}

/*
 * Skip "window.YTD.NAME.partN = " (any JavaScript assignment ending in
 * '=') at the start of `p`; returns the bytes to skip, or -1 when the
 * input neither starts with such an assignment nor with JSON.
 */
static long js_prefix_len(const unsigned char *p, size_t n)
{
	size_t i = 0;

	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	while (i < n && isspace(p[i]))
		i++;
	if (i < n && (p[i] == '[' || p[i] == '{'))
		return (long)i;
	if (n - i < 7 || memcmp(p + i, "window.", 7) != 0)
		return -1;
	for (; i < n && i < 4096; i++)
		if (p[i] == '=')
			return (long)i + 1;
	return -1;
}

int lt_jr_run(lt_jr *r, int fd, const void *data, size_t len, int js_prefix)
{
	unsigned char *buf = NULL;
	int rc = LT_OK, first = 1;

	if (!data && !(buf = malloc(CHUNK)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	for (;;) {
		const unsigned char *p;
		size_t n;

		if (data) {
			if (!first)
				break;
			p = data;
			n = len;
		} else {
			ssize_t got = read(fd, buf, CHUNK);

			if (got < 0) {
				if (errno == EINTR)
					continue;
				rc = lt_error_set(LT_EIO, "%s: read failed: %s", r->name,
						  strerror(errno));
				goto out;
			}
			if (got == 0)
				break;
			p = buf;
			n = (size_t)got;
		}
		if (first && js_prefix) {
			long skip = js_prefix_len(p, n);

			if (skip < 0) {
				rc = lt_error_set(LT_EINPUT, "%s: byte 0 (line 1): not an X "
						  "archive data file (expected \"window.YTD."
						  "...= [\" or a JSON array)", r->name);
				goto out;
			}
			r->offset = (uint64_t)skip;
			p += skip;
			n -= (size_t)skip;
		}
		first = 0;
		if (n && (rc = feed(r, p, n)))
			goto out;
	}
	r->chunk = NULL;
	r->chunk_len = 0;
	if (yajl_complete_parse(r->h) != yajl_status_ok)
		rc = syntax_error(r, 1);
	else if (r->offset == 0 && r->rc == LT_OK)
		rc = lt_error_set(LT_EINPUT, "%s: empty file", r->name);
out:
	free(buf);
	return rc;
}

/* =====================================================================
 * Messages under construction
 * =================================================================== */

void lt_msg_reset(lt_msg_builder *b)
{
	size_t i;

	lt_buf_clear(&b->channel);
	lt_buf_clear(&b->author);
	lt_buf_clear(&b->posted_at);
	lt_buf_clear(&b->url);
	lt_buf_clear(&b->id);
	lt_buf_clear(&b->text);
	for (i = 0; i < b->natt; i++)
		free(b->att[i]);
	b->natt = 0;
	b->has_author = b->has_url = 0;
	b->text_full = 0;
}

void lt_msg_free(lt_msg_builder *b)
{
	lt_msg_reset(b);
	lt_buf_free(&b->channel);
	lt_buf_free(&b->author);
	lt_buf_free(&b->posted_at);
	lt_buf_free(&b->url);
	lt_buf_free(&b->id);
	lt_buf_free(&b->text);
}

int lt_msg_set(lt_buf *field, const char *s, size_t len)
{
	lt_buf_clear(field);
	if (len > LT_JR_MAX_VALUE)
		return lt_error_set(LT_EINPUT, "a field longer than %u MiB",
				    LT_JR_MAX_VALUE >> 20);
	return lt_buf_append(field, s, len);
}

/* Keep at most `room` bytes of s[0..len), cut at a character boundary. */
static size_t cut_text(const char *s, size_t len, size_t room)
{
	if (len <= room)
		return len;
	while (room > 0 && ((unsigned char)s[room] & 0xC0) == 0x80)
		room--;
	return room;
}

int lt_msg_append_text(lt_msg_builder *b, const char *s, size_t len)
{
	size_t room = b->text.len < LT_INGEST_MAX_TEXT
		? LT_INGEST_MAX_TEXT - b->text.len : 0;
	size_t keep = cut_text(s, len, room);

	if (keep < len) {
		if (!b->text_full)
			b->text_full = b->text.len;
		b->text_full += len;
	} else if (b->text_full) {
		b->text_full += len;
	}
	return keep ? lt_buf_append(&b->text, s, keep) : LT_OK;
}

int lt_msg_set_text(lt_msg_builder *b, const char *s, size_t len)
{
	lt_buf_clear(&b->text);
	b->text_full = 0;
	return lt_msg_append_text(b, s, len);
}

/*
 * Make `b` valid UTF-8 without NUL bytes: JSON escapes can spell lone
 * surrogates and U+0000, which the tokeniser must not see.  They become
 * U+FFFD and a space.
 */
static int sanitise(lt_buf *b)
{
	lt_buf out = {0};
	size_t i = 0, k;
	uint32_t cp;

	for (;;) {
		if (i >= b->len)
			return LT_OK;
		if (b->data[i] == 0 || !(k = lt_utf8_decode(b->data + i, b->len - i,
							     &cp)))
			break;
		i += k;
	}
	if (lt_buf_append(&out, b->data, i))
		goto oom;
	while (i < b->len) {
		const unsigned char *p = (unsigned char *)b->data + i;

		if (*p == 0) {
			if (lt_buf_putc(&out, ' '))
				goto oom;
			i++;
		} else if ((k = lt_utf8_decode(p, b->len - i, &cp))) {
			if (lt_buf_append(&out, p, k))
				goto oom;
			i += k;
		} else {
			if (lt_buf_append(&out, "\xEF\xBF\xBD", 3))
				goto oom;
			i++;
		}
	}
	lt_buf_free(b);
	*b = out;
	return LT_OK;
oom:
	lt_buf_free(&out);
	return lt_error_set(LT_ENOMEM, "out of memory");
}

static const char *field(const lt_buf *b)
{
	return b->len ? b->data : NULL;
}

int lt_msg_emit(lt_msg_builder *b, const char *platform, const char *source,
		uint64_t offset, lt_message_fn fn, void *ctx,
		lt_ingest_stats *stats)
{
	lt_message m;
	int rc;

	if ((rc = sanitise(&b->text)) || (rc = sanitise(&b->author)) ||
	    (rc = sanitise(&b->channel)) || (rc = sanitise(&b->id)))
		return rc;
	memset(&m, 0, sizeof(m));
	m.platform = platform;
	m.channel = field(&b->channel);
	m.author = field(&b->author);
	m.posted_at = field(&b->posted_at);
	m.url = field(&b->url);
	m.id = b->id.len ? b->id.data : "";
	m.text = b->text.len ? b->text.data : "";
	m.text_len = b->text.len;
	m.attachments = (const char *const *)b->att;
	m.nattachments = b->natt;
	m.source = source;
	m.offset = offset;
	if (stats)
		stats->messages++;
	if (b->text_full) {
		if (stats)
			stats->truncated++;
		lt_ingest_notice(stats, "%s: message \"%.64s\": text of %llu "
				 "bytes cut to the first %u MiB", source, m.id,
				 (unsigned long long)b->text_full,
				 LT_INGEST_MAX_TEXT >> 20);
	}
	return fn(ctx, &m);
}

/* =====================================================================
 * Times
 * =================================================================== */

/* Parse exactly `n` decimal digits at s. */
static int digits(const char *s, size_t len, size_t at, size_t n, int *v)
{
	size_t i;

	*v = 0;
	if (at + n > len)
		return -1;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[at + i]))
			return -1;
		*v = *v * 10 + (s[at + i] - '0');
	}
	return 0;
}

/*
 * A UTC time given by its fields and a zone offset in minutes, formatted
 * as ISO 8601; -1 when a field is out of range.
 */
static int utc_time(char out[32], int y, int mo, int d, int h, int mi, int s,
		    int offset_min)
{
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
		return -1;
	lt_time_format(lt_time_days_from_civil(y, mo, d) * 86400 + h * 3600 +
		       mi * 60 + s - (int64_t)offset_min * 60, out);
	return out[0] ? 0 : -1;
}

int lt_ingest_time_iso(char out[32], const char *s, size_t len)
{
	int64_t t;

	if (lt_time_parse(s, len, &t))
		return -1;
	lt_time_format(t, out);
	return out[0] ? 0 : -1;
}

int lt_ingest_time_unix(char out[32], const char *s, size_t len)
{
	int64_t t = 0;
	size_t i;

	if (len == 0 || len > 12)
		return -1;
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		t = t * 10 + (s[i] - '0');
	}
	lt_time_format(t, out);
	return out[0] ? 0 : -1;
}

int lt_ingest_time_twitter(char out[32], const char *s, size_t len)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	int mo = 0, d, h, mi, sec, oh, om, y, k;

	/* "Sun Apr 09 12:38:14 +0000 2023" */
	if (len != 30 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' ||
	    s[19] != ' ' || s[25] != ' ')
		return -1;
	for (k = 0; k < 12; k++)
		if (!memcmp(s + 4, months + 3 * k, 3))
			mo = k + 1;
	if (!mo || digits(s, len, 8, 2, &d) || digits(s, len, 11, 2, &h) ||
	    s[13] != ':' || digits(s, len, 14, 2, &mi) || s[16] != ':' ||
	    digits(s, len, 17, 2, &sec) || (s[20] != '+' && s[20] != '-') ||
	    digits(s, len, 21, 2, &oh) || digits(s, len, 23, 2, &om) ||
	    digits(s, len, 26, 4, &y))
		return -1;
	return utc_time(out, y, mo, d, h, mi, sec,
			(s[20] == '-' ? -1 : 1) * (oh * 60 + om));
}

char *lt_path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* =====================================================================
 * Detection and dispatch
 * =================================================================== */

/* A regular file, not reached through a symbolic link at its last
 * component (exports inside a folder name their parts by path). */
static int is_file(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static char *join(const char *dir, const char *name)
{
	lt_buf b = {0};

	if (lt_buf_printf(&b, "%s/%s", dir, name)) {
		lt_buf_free(&b);
		return NULL;
	}
	return lt_buf_detach(&b, NULL);
}

/* The tweets data file of an X archive directory, or NULL (caller frees). */
static char *x_tweets_file(const char *dir)
{
	static const char *const names[] = {
		"data/tweets.js", "data/tweet.js", "data/tweets-part1.js",
		"tweets.js", "tweet.js", "tweets-part1.js"
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *p = join(dir, names[i]);

		if (p && is_file(p))
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
		if ((p = join(path, "result.json")) && is_file(p))
			*kind = LT_SOURCE_TELEGRAM;
		free(p);
		if (*kind)
			return LT_OK;
		if ((p = x_tweets_file(path))) {
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

/* The archive owner's user name from data/account.js, if any (small). */
static char *x_account(const char *data_dir)
{
	char *p = join(data_dir, "account.js"), *out = NULL;
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
		if (!is_file(path)) {
			if (!(p = join(path, "result.json")))
				return lt_error_set(LT_ENOMEM, "out of memory");
			rc = read_json(kind, p, fn, ctx, stats);
			free(p);
			return rc;
		}
		return read_json(kind, path, fn, ctx, stats);
	case LT_SOURCE_X:
		if (!is_file(path)) {
			if (!(p = x_tweets_file(path)))
				return lt_error_set(LT_EINPUT, "%s: no tweets.js", path);
			rc = read_x(p, fn, ctx, stats);
			free(p);
			return rc;
		}
		return read_x(path, fn, ctx, stats);
	case LT_SOURCE_FOLDER:
		return lt_ingest_folder(path, fn, ctx, stats);
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
