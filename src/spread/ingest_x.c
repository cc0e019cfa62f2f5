/*
 * ingest_x.c - X (Twitter) account archives (ingest.h).
 *
 * `data/tweets.js` is a JavaScript assignment, "window.YTD.tweets.part0 =
 * [ ... ]", around a JSON array; the prefix is skipped and the array
 * streamed.  Current archives wrap each tweet as {"tweet": {...}}, older
 * ones list the tweet objects directly; both are read.  Per tweet:
 * `id_str` (or `id`), `created_at` ("Sun Apr 09 12:38:14 +0000 2023",
 * becomes UTC), `full_text` (or `text` in old archives) and the media of
 * `extended_entities.media[]`, whose files the archive stores as
 * `tweets_media/<tweet id>-<file name of media_url>`; media files absent
 * from the archive are left out.  The id is spliced into a file name, so
 * it must be digits, and the file is confined to the archive's data
 * folder (lt_ingest_confine: no symbolic links, regular files only);
 * anything else is refused and counted.  Author and channel are the archive
 * owner's user name (from `data/account.js`) when known.  The URL is
 * https://x.com/i/status/ID.
 */
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "spread/ingest_internal.h"

typedef struct xreader {
	const char *name;
	const char *data_dir;
	const char *account;
	lt_message_fn fn;
	void *ctx;
	lt_ingest_stats *stats;
	lt_msg_builder msg;
	lt_buf media;   /* media file names, NUL-separated */
	int base;       /* depth of the tweet's fields (0: not in a tweet) */
	int has_full_text, has_id_str;
} xreader;

/* Is the tweet id all digits (it becomes part of a file name)? */
static int digits_only(const lt_buf *id)
{
	size_t i;

	for (i = 0; i < id->len; i++)
		if (id->data[i] < '0' || id->data[i] > '9')
			return 0;
	return id->len > 0;
}

/* Attach the tweet's media files that the archive holds. */
static int attach_media(xreader *x)
{
	lt_msg_builder *m = &x->msg;
	lt_buf rel = {0};
	const char *why;
	char *path;
	size_t i = 0;
	int rc = LT_OK, kind;

	if (!x->data_dir || x->media.len == 0)
		return LT_OK;
	if (!digits_only(&m->id)) {
		if (x->stats)
			x->stats->refused++;
		lt_ingest_notice(x->stats, "%s: media of tweet \"%.64s\" refused: "
				 "a tweet id must be digits", x->name,
				 m->id.len ? m->id.data : "");
		return LT_OK;
	}
	while (i < x->media.len && m->natt < LT_MSG_MAX_ATTACHMENTS) {
		const char *file = x->media.data + i;

		i += strlen(file) + 1;
		lt_buf_clear(&rel);
		if ((rc = lt_buf_printf(&rel, "tweets_media/%s-%s", m->id.data,
					file)))
			break;
		kind = lt_ingest_confine(&path, &why, x->data_dir, rel.data,
					 rel.len);
		if (kind < 0) {
			rc = -kind;
			break;
		}
		if (kind == LT_CONFINE_FILE) {
			m->att[m->natt++] = path;
			continue;
		}
		free(path); /* absent from the archive: left out */
		if (kind == LT_CONFINE_REFUSED) {
			if (x->stats)
				x->stats->refused++;
			lt_ingest_notice(x->stats, "%s: media \"%s\" refused: %s",
					 x->name, rel.data, why);
		}
	}
	lt_buf_free(&rel);
	return rc;
}

static int emit(lt_jr *r, xreader *x)
{
	lt_msg_builder *m = &x->msg;
	int rc;

	if (x->account && ((rc = lt_msg_set(&m->author, x->account,
					    strlen(x->account))) ||
			   (rc = lt_msg_set(&m->channel, x->account,
					    strlen(x->account)))))
		return rc;
	if (m->id.len &&
	    (rc = lt_buf_printf(&m->url, "https://x.com/i/status/%s", m->id.data)))
		return rc;
	if ((rc = attach_media(x)))
		return rc;
	return lt_msg_emit(m, "x", x->name, lt_jr_offset(r), x->fn, x->ctx,
			   x->stats);
}

/* Remember the file name of a media URL ("http://.../ABC.jpg" -> "ABC.jpg"). */
static int add_media(xreader *x, const char *s, size_t len)
{
	size_t i, n, cut = len;

	while (cut > 0 && s[cut - 1] != '/')
		cut--;
	s += cut;
	len -= cut;
	if (len == 0 || memchr(s, 0, len) || (len == 2 && !memcmp(s, "..", 2)))
		return LT_OK;
	for (i = 0; i < x->media.len; i += n + 1) {
		n = strlen(x->media.data + i);
		if (n == len && !memcmp(x->media.data + i, s, len))
			return LT_OK;
	}
	if (lt_buf_append(&x->media, s, len) || lt_buf_putc(&x->media, '\0'))
		return lt_error_set(LT_ENOMEM, "out of memory");
	return LT_OK;
}

static int tweet_field(lt_jr *r, xreader *x, int kind, const char *s,
		       size_t len)
{
	int k = x->base - 1;
	char iso[32];

	if (lt_jr_key_is(r, k, "id_str") ||
	    (!x->has_id_str && lt_jr_key_is(r, k, "id"))) {
		if (kind != LT_JV_STRING && kind != LT_JV_NUMBER)
			return lt_jr_fail(r, "tweet \"id\" must be a string");
		x->has_id_str |= lt_jr_key_is(r, k, "id_str");
		return lt_msg_set(&x->msg.id, s, len);
	}
	if (lt_jr_key_is(r, k, "created_at")) {
		if (kind == LT_JV_STRING && (lt_ingest_time_twitter(iso, s, len) == 0 ||
					     lt_ingest_time_iso(iso, s, len) == 0))
			return lt_msg_set(&x->msg.posted_at, iso, strlen(iso));
		return LT_OK;
	}
	if (lt_jr_key_is(r, k, "full_text") ||
	    (!x->has_full_text && lt_jr_key_is(r, k, "text"))) {
		if (kind == LT_JV_NULL)
			return LT_OK;
		if (kind != LT_JV_STRING)
			return lt_jr_fail(r, "tweet text must be a string");
		x->has_full_text |= lt_jr_key_is(r, k, "full_text");
		return lt_msg_set_text(&x->msg, s, len);
	}
	return LT_OK;
}

static int on_event(lt_jr *r, int kind, const char *s, size_t len)
{
	xreader *x = r->state;
	int b = x->base;

	if (r->depth == 0) {
		if (kind != LT_JV_ARRAY_START && kind != LT_JV_ARRAY_END)
			return lt_jr_fail(r, "an X archive's tweets are a JSON array");
		return LT_OK;
	}
	if (r->depth == 1) {
		if (kind == LT_JV_MAP_START) {
			lt_msg_reset(&x->msg);
			lt_buf_clear(&x->media);
			x->base = 2;
			x->has_full_text = x->has_id_str = 0;
			return LT_OK;
		}
		if (kind == LT_JV_MAP_END) {
			x->base = 0;
			return emit(r, x);
		}
		return lt_jr_fail(r, "a tweet must be a JSON object");
	}
	if (!b)
		return LT_OK;
	if (r->depth == 2 && b == 2 && lt_jr_key_is(r, 1, "tweet")) {
		if (kind == LT_JV_MAP_START)
			x->base = 3;
		else
			return lt_jr_fail(r, "\"tweet\" must be an object");
		return LT_OK;
	}
	if (r->depth == 2 && b == 3 && kind == LT_JV_MAP_END)
		return LT_OK;
	if (r->depth == b)
		return tweet_field(r, x, kind, s, len);
	/* extended_entities.media[].media_url(_https) */
	if (r->depth == b + 3 && lt_jr_key_is(r, b - 1, "extended_entities") &&
	    lt_jr_key_is(r, b, "media") && !r->lv[b + 1].is_map &&
	    (lt_jr_key_is(r, b + 2, "media_url") ||
	     lt_jr_key_is(r, b + 2, "media_url_https")) && kind == LT_JV_STRING)
		return add_media(x, s, len);
	return LT_OK;
}

int lt_ingest_x(const char *name, const char *data_dir, const char *account,
		int fd, const void *data, size_t len, lt_message_fn fn,
		void *ctx, lt_ingest_stats *stats)
{
	xreader x;
	lt_jr r;
	int rc;

	memset(&x, 0, sizeof(x));
	x.name = name;
	x.data_dir = data_dir;
	x.account = account;
	x.fn = fn;
	x.ctx = ctx;
	x.stats = stats;
	if ((rc = lt_jr_init(&r, name, on_event, &x)))
		return rc;
	rc = lt_jr_run(&r, fd, fd >= 0 ? NULL : data, len, 1);
	lt_jr_free(&r);
	lt_msg_free(&x.msg);
	lt_buf_free(&x.media);
	return rc;
}
