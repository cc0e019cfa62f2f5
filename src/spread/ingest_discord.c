/*
 * ingest_discord.c - DiscordChatExporter JSON exports (ingest.h).
 *
 * Shape read (other fields, and their order, do not matter):
 *
 *   { "guild": {"id", "name"}, "channel": {"id", "name", ...},
 *     "messages": [ { "id", "timestamp", "content",
 *                     "author": {"name", "nickname", ...},
 *                     "attachments": [ {"url", "fileName", ...} ], ... } ] }
 *
 * `id` may be a string (current exporter) or a number; `timestamp` is ISO
 * 8601 with an offset and becomes UTC; an attachment `url` that is a local
 * path (media downloaded with the export) is resolved inside the export's
 * folder and refused if it leads out of it (lt_ingest_confine); a web URL
 * means the media are not in the export.  The message
 * URL is https://discord.com/channels/GUILD/CHANNEL/MESSAGE (`@me` for
 * direct messages, whose guild id is 0).  A non-object message, a
 * non-string `content`, or an `author` / `attachments` of the wrong type
 * is broken input.
 */
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "spread/ingest_internal.h"

typedef struct discord {
	const char *name;
	const char *base_dir;
	lt_message_fn fn;
	void *ctx;
	lt_ingest_stats *stats;
	lt_buf guild_id, channel_id, channel_name, nickname;
	lt_msg_builder msg;
	int in_messages, in_msg;
} discord;

static int is_scalar_id(int kind)
{
	return kind == LT_JV_STRING || kind == LT_JV_NUMBER;
}

/* A field of the message object (container depth 2, value depth 3). */
static int message_field(lt_jr *r, discord *d, int kind, const char *s,
			 size_t len)
{
	char iso[32];

	if (lt_jr_key_is(r, 2, "id")) {
		if (!is_scalar_id(kind))
			return lt_jr_fail(r, "message \"id\" must be a string or a "
					  "number");
		return lt_msg_set(&d->msg.id, s, len);
	}
	if (lt_jr_key_is(r, 2, "timestamp")) {
		if (kind == LT_JV_STRING && lt_ingest_time_iso(iso, s, len) == 0)
			return lt_msg_set(&d->msg.posted_at, iso, strlen(iso));
		return LT_OK;
	}
	if (lt_jr_key_is(r, 2, "content")) {
		if (kind == LT_JV_NULL)
			return LT_OK;
		if (kind != LT_JV_STRING)
			return lt_jr_fail(r, "message \"content\" must be a string");
		return lt_msg_set_text(&d->msg, s, len);
	}
	if (lt_jr_key_is(r, 2, "author")) {
		if (kind != LT_JV_MAP_START && kind != LT_JV_MAP_END &&
		    kind != LT_JV_NULL)
			return lt_jr_fail(r, "message \"author\" must be an object");
		return LT_OK;
	}
	if (lt_jr_key_is(r, 2, "attachments")) {
		if (kind != LT_JV_ARRAY_START && kind != LT_JV_ARRAY_END &&
		    kind != LT_JV_NULL)
			return lt_jr_fail(r, "message \"attachments\" must be an array");
		return LT_OK;
	}
	return LT_OK;
}

static int emit(lt_jr *r, discord *d)
{
	lt_buf *url = &d->msg.url;
	int rc;

	if (d->msg.author.len == 0 && d->nickname.len &&
	    (rc = lt_msg_set(&d->msg.author, d->nickname.data, d->nickname.len)))
		return rc;
	if (d->channel_name.len &&
	    (rc = lt_msg_set(&d->msg.channel, d->channel_name.data,
			     d->channel_name.len)))
		return rc;
	if (d->channel_id.len && d->msg.id.len) {
		int dm = d->guild_id.len == 0 ||
			 (d->guild_id.len == 1 && d->guild_id.data[0] == '0');

		if ((rc = lt_buf_printf(url, "https://discord.com/channels/%s/%s/%s",
					dm ? "@me" : d->guild_id.data,
					d->channel_id.data, d->msg.id.data)))
			return rc;
	}
	return lt_msg_emit(&d->msg, "discord", d->name, lt_jr_offset(r), d->fn,
			   d->ctx, d->stats);
}

static int on_event(lt_jr *r, int kind, const char *s, size_t len)
{
	discord *d = r->state;

	if (r->depth == 0) {
		if (kind != LT_JV_MAP_START && kind != LT_JV_MAP_END)
			return lt_jr_fail(r, "a DiscordChatExporter export is a JSON "
					  "object");
		return LT_OK;
	}
	if (r->depth == 1) {
		if (lt_jr_key_is(r, 0, "messages")) {
			if (kind == LT_JV_ARRAY_START)
				d->in_messages = 1;
			else if (kind == LT_JV_ARRAY_END)
				d->in_messages = 0;
			else
				return lt_jr_fail(r, "\"messages\" must be an array");
		}
		return LT_OK;
	}
	if (r->depth == 2 && !d->in_messages) {
		if (lt_jr_key_is(r, 0, "guild") && lt_jr_key_is(r, 1, "id") &&
		    is_scalar_id(kind))
			return lt_msg_set(&d->guild_id, s, len);
		if (lt_jr_key_is(r, 0, "channel") && kind == LT_JV_STRING) {
			if (lt_jr_key_is(r, 1, "id"))
				return lt_msg_set(&d->channel_id, s, len);
			if (lt_jr_key_is(r, 1, "name"))
				return lt_msg_set(&d->channel_name, s, len);
		}
		return LT_OK;
	}
	if (!d->in_messages)
		return LT_OK;
	if (r->depth == 2) {
		if (kind == LT_JV_MAP_START) {
			lt_msg_reset(&d->msg);
			lt_buf_clear(&d->nickname);
			d->in_msg = 1;
			return LT_OK;
		}
		if (kind == LT_JV_MAP_END) {
			d->in_msg = 0;
			return emit(r, d);
		}
		return lt_jr_fail(r, "a message must be a JSON object");
	}
	if (!d->in_msg)
		return LT_OK;
	if (r->depth == 3)
		return message_field(r, d, kind, s, len);
	if (r->depth == 4 && lt_jr_key_is(r, 2, "author") && kind == LT_JV_STRING) {
		if (lt_jr_key_is(r, 3, "name"))
			return lt_msg_set(&d->msg.author, s, len);
		if (lt_jr_key_is(r, 3, "nickname"))
			return lt_msg_set(&d->nickname, s, len);
		return LT_OK;
	}
	if (r->depth == 4 && lt_jr_key_is(r, 2, "attachments") &&
	    kind != LT_JV_MAP_START && kind != LT_JV_MAP_END)
		return lt_jr_fail(r, "an attachment must be a JSON object");
	if (r->depth == 5 && lt_jr_key_is(r, 2, "attachments") &&
	    lt_jr_key_is(r, 4, "url")) {
		if (kind != LT_JV_STRING)
			return kind == LT_JV_NULL ? LT_OK
				: lt_jr_fail(r, "attachment \"url\" must be a string");
		return lt_msg_attach(&d->msg, d->base_dir, s, len, d->name,
				     d->stats);
	}
	return LT_OK;
}

int lt_ingest_discord(const char *name, const char *base_dir, int fd,
		      const void *data, size_t len, lt_message_fn fn,
		      void *ctx, lt_ingest_stats *stats)
{
	discord d;
	lt_jr r;
	int rc;

	memset(&d, 0, sizeof(d));
	d.name = name;
	d.base_dir = base_dir;
	d.fn = fn;
	d.ctx = ctx;
	d.stats = stats;
	if ((rc = lt_jr_init(&r, name, on_event, &d)))
		return rc;
	rc = lt_jr_run(&r, fd, fd >= 0 ? NULL : data, len, 0);
	lt_jr_free(&r);
	lt_msg_free(&d.msg);
	lt_buf_free(&d.guild_id);
	lt_buf_free(&d.channel_id);
	lt_buf_free(&d.channel_name);
	lt_buf_free(&d.nickname);
	return rc;
}
