/*
 * ingest_msg.c - what every export reader shares once it has a message:
 * the message builder (ingest_internal.h), its cleaning to valid UTF-8,
 * the hand-over to the caller, and export times normalised to UTC.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/time.h"
#include "base/utf8.h"
#include "leaktrace/error.h"
#include "spread/ingest_internal.h"

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
