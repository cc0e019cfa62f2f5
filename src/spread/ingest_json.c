/*
 * ingest_json.c - the streaming JSON reader the export readers are built
 * on (ingest_internal.h): file --read(2) in 256 KiB chunks--> yajl
 * --events with the key path--> the format reader.  Nothing but the
 * current chunk, yajl's token buffer and the value being read is held,
 * and a single value longer than LT_JR_MAX_VALUE is refused before yajl
 * buffers it, so memory stays bounded whatever the input.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "leaktrace/error.h"
#include "spread/ingest_internal.h"

#define CHUNK (256u << 10)

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
