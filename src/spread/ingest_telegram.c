/*
 * ingest_telegram.c - Telegram Desktop exports (ingest.h).
 *
 * Two shapes: one chat (`{"name", "type", "id", "messages": [...]}`) or a
 * whole account, whose chats sit under `chats.list[]` (and
 * `left_chats.list[]`), each with its own `messages`.  Per message:
 *
 *   id              number (or string)
 *   type            "message" or "service"; service messages (joins,
 *                   pins, channel creation) are skipped and counted
 *   date_unixtime   seconds as a string: the time used, in UTC; `date` is
 *                   local time without an offset and is used only when
 *                   `date_unixtime` is missing (then taken as UTC)
 *   from            author name (null for deleted accounts)
 *   text            a string, or an array mixing strings and entity objects
 *                   ({"type": "bold", "text": ...}): the parts are
 *                   concatenated; `text_entities` repeats them and is
 *                   ignored
 *   photo, file     paths relative to the export's folder (confined to it:
 *                   see lt_ingest_confine), or the phrase
 *                   "(File not included. ...)" when media were not exported
 *
 * The URL is https://t.me/USERNAME/ID when the chat carries a `username`
 * (exports of public channels made by some versions), else NULL.
 */
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "spread/ingest_internal.h"

#define NOT_INCLUDED "(File not included"

typedef struct telegram {
	const char *name;
	const char *base_dir;
	lt_message_fn fn;
	void *ctx;
	lt_ingest_stats *stats;
	lt_buf chat_name, username, date;
	lt_msg_builder msg;
	int chat_depth;  /* depth of the chat's fields (0: none) */
	int in_messages, in_msg, service, has_unixtime;
} telegram;

/* Is the map opening at depth 3 a chat of a whole-account export? */
static int nested_chat(const lt_jr *r)
{
	return r->depth == 3 && (lt_jr_key_is(r, 0, "chats") ||
				 lt_jr_key_is(r, 0, "left_chats")) &&
	       lt_jr_key_is(r, 1, "list") && !r->lv[2].is_map;
}

static void chat_reset(telegram *t)
{
	lt_buf_clear(&t->chat_name);
	lt_buf_clear(&t->username);
	t->in_messages = 0;
}

static int emit(lt_jr *r, telegram *t)
{
	lt_msg_builder *m = &t->msg;
	char iso[32];
	int rc;

	if (t->service) {
		if (t->stats)
			t->stats->skipped++;
		return LT_OK;
	}
	if (!t->has_unixtime && t->date.len &&
	    lt_ingest_time_iso(iso, t->date.data, t->date.len) == 0 &&
	    (rc = lt_msg_set(&m->posted_at, iso, strlen(iso))))
		return rc;
	if (t->chat_name.len &&
	    (rc = lt_msg_set(&m->channel, t->chat_name.data, t->chat_name.len)))
		return rc;
	if (t->username.len && m->id.len &&
	    (rc = lt_buf_printf(&m->url, "https://t.me/%s/%s", t->username.data,
				m->id.data)))
		return rc;
	return lt_msg_emit(m, "telegram", t->name, lt_jr_offset(r), t->fn, t->ctx,
			   t->stats);
}

/* A field of the message object. */
static int message_field(lt_jr *r, telegram *t, int kind, const char *s,
			 size_t len)
{
	int k = t->chat_depth + 1; /* container holding the message's keys */
	char iso[32];

	if (lt_jr_key_is(r, k, "id")) {
		if (kind != LT_JV_NUMBER && kind != LT_JV_STRING)
			return lt_jr_fail(r, "message \"id\" must be a number");
		return lt_msg_set(&t->msg.id, s, len);
	}
	if (lt_jr_key_is(r, k, "type")) {
		t->service = kind == LT_JV_STRING && len == 7 &&
			     !memcmp(s, "service", 7);
		return LT_OK;
	}
	if (lt_jr_key_is(r, k, "date_unixtime")) {
		if ((kind == LT_JV_STRING || kind == LT_JV_NUMBER) &&
		    lt_ingest_time_unix(iso, s, len) == 0) {
			t->has_unixtime = 1;
			return lt_msg_set(&t->msg.posted_at, iso, strlen(iso));
		}
		return LT_OK;
	}
	if (lt_jr_key_is(r, k, "date"))
		return kind == LT_JV_STRING ? lt_msg_set(&t->date, s, len) : LT_OK;
	if (lt_jr_key_is(r, k, "from"))
		return kind == LT_JV_STRING ? lt_msg_set(&t->msg.author, s, len)
					    : LT_OK;
	if (lt_jr_key_is(r, k, "text")) {
		if (kind == LT_JV_STRING)
			return lt_msg_set_text(&t->msg, s, len);
		if (kind == LT_JV_ARRAY_START)
			return lt_msg_set_text(&t->msg, "", 0);
		if (kind == LT_JV_ARRAY_END || kind == LT_JV_NULL)
			return LT_OK;
		return lt_jr_fail(r, "message \"text\" must be a string or an "
				  "array");
	}
	if (lt_jr_key_is(r, k, "photo") || lt_jr_key_is(r, k, "file")) {
		if (kind != LT_JV_STRING ||
		    (len >= sizeof(NOT_INCLUDED) - 1 &&
		     !memcmp(s, NOT_INCLUDED, sizeof(NOT_INCLUDED) - 1)))
			return LT_OK;
		return lt_msg_attach(&t->msg, t->base_dir, s, len, t->name,
				     t->stats);
	}
	return LT_OK;
}

/* A part of an array-valued text: a string or an entity's "text". */
static int text_part(lt_jr *r, telegram *t, int kind, const char *s,
		     size_t len)
{
	int k = t->chat_depth + 1;

	if (r->depth == k + 2) {
		if (kind == LT_JV_STRING)
			goto append;
		if (kind == LT_JV_MAP_START || kind == LT_JV_MAP_END)
			return LT_OK;
		return lt_jr_fail(r, "a part of \"text\" must be a string or an "
				  "object");
	}
	if (r->depth == k + 3 && lt_jr_key_is(r, k + 2, "text")) {
		if (kind == LT_JV_STRING)
			goto append;
		return lt_jr_fail(r, "an entity's \"text\" must be a string");
	}
	return LT_OK;
append:
	return lt_msg_append_text(&t->msg, s, len);
}

static int on_event(lt_jr *r, int kind, const char *s, size_t len)
{
	telegram *t = r->state;
	int cd;

	if (r->depth == 0) {
		if (kind == LT_JV_MAP_START)
			t->chat_depth = 1;
		else if (kind != LT_JV_MAP_END)
			return lt_jr_fail(r, "a Telegram export is a JSON object");
		return LT_OK;
	}
	if (kind == LT_JV_MAP_START && !t->in_messages && nested_chat(r)) {
		chat_reset(t);
		t->chat_depth = 4;
		return LT_OK;
	}
	if (kind == LT_JV_MAP_END && t->chat_depth == 4 && nested_chat(r)) {
		chat_reset(t);
		t->chat_depth = 1;
		return LT_OK;
	}
	cd = t->chat_depth;
	if (r->depth == cd) {
		if (lt_jr_key_is(r, cd - 1, "messages")) {
			if (kind == LT_JV_ARRAY_START)
				t->in_messages = 1;
			else if (kind == LT_JV_ARRAY_END)
				t->in_messages = 0;
			else
				return lt_jr_fail(r, "\"messages\" must be an array");
			return LT_OK;
		}
		if (kind == LT_JV_STRING && lt_jr_key_is(r, cd - 1, "name"))
			return lt_msg_set(&t->chat_name, s, len);
		if (kind == LT_JV_STRING && lt_jr_key_is(r, cd - 1, "username"))
			return lt_msg_set(&t->username, s, len);
		return LT_OK;
	}
	if (!t->in_messages || r->depth < cd)
		return LT_OK;
	if (r->depth == cd + 1) {
		if (kind == LT_JV_MAP_START) {
			lt_msg_reset(&t->msg);
			lt_buf_clear(&t->date);
			t->in_msg = 1;
			t->service = t->has_unixtime = 0;
			return LT_OK;
		}
		if (kind == LT_JV_MAP_END) {
			t->in_msg = 0;
			return emit(r, t);
		}
		return lt_jr_fail(r, "a message must be a JSON object");
	}
	if (!t->in_msg)
		return LT_OK;
	if (r->depth == cd + 2)
		return message_field(r, t, kind, s, len);
	if (lt_jr_key_is(r, cd + 1, "text") && !r->lv[cd + 2].is_map)
		return text_part(r, t, kind, s, len);
	return LT_OK;
}

int lt_ingest_telegram(const char *name, const char *base_dir, int fd,
		       const void *data, size_t len, lt_message_fn fn,
		       void *ctx, lt_ingest_stats *stats)
{
	telegram t;
	lt_jr r;
	int rc;

	memset(&t, 0, sizeof(t));
	t.name = name;
	t.base_dir = base_dir;
	t.fn = fn;
	t.ctx = ctx;
	t.stats = stats;
	if ((rc = lt_jr_init(&r, name, on_event, &t)))
		return rc;
	rc = lt_jr_run(&r, fd, fd >= 0 ? NULL : data, len, 0);
	lt_jr_free(&r);
	lt_msg_free(&t.msg);
	lt_buf_free(&t.chat_name);
	lt_buf_free(&t.username);
	lt_buf_free(&t.date);
	return rc;
}
