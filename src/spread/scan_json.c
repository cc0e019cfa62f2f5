/*
 * scan_json.c - sightings as the JSON documents of `scan --json` and
 * `sightings --json` (scan.h).
 */
#include <math.h>

#include "base/json.h"
#include "leaktrace/scan.h"

/* One sighting; `with_new` adds whether this scan found it first. */
static json_t *sighting_json(const lt_sighting *g, int with_new)
{
	json_t *o = json_object(), *t = json_object();

	if (!o || !t) {
		json_decref(o);
		json_decref(t);
		return NULL;
	}
	json_object_set_new(o, "id", g->id ? json_integer(g->id) : json_null());
	json_object_set_new(o, "document", json_string(g->document));
	json_object_set_new(o, "platform", json_string(g->platform));
	json_object_set_new(o, "channel", json_string(g->channel));
	json_object_set_new(o, "message", json_string(g->message));
	json_object_set_new(o, "author", lt_json_string_or_null(g->author));
	json_object_set_new(o, "posted_at", lt_json_string_or_null(g->posted_at));
	json_object_set_new(o, "url", lt_json_string_or_null(g->url));
	json_object_set_new(o, "source", json_string(g->source));
	json_object_set_new(o, "attachment",
			    lt_json_string_or_null(g->attachment));
	json_object_set_new(o, "kind", json_string(g->kind));
	json_object_set_new(o, "similarity", json_real(g->similarity));
	json_object_set_new(o, "words", json_integer((json_int_t)g->words));
	json_object_set_new(o, "range", g->doc_start < 0 ? json_null()
		: json_pack("{s:I, s:I, s:I, s:I}", "first_token",
			    (json_int_t)g->doc_first, "last_token",
			    (json_int_t)g->doc_last, "start", (json_int_t)g->doc_start,
			    "end", (json_int_t)g->doc_end));
	json_object_set_new(t, "verdict", lt_json_string_or_null(g->verdict));
	json_object_set_new(t, "recipient", lt_json_string_or_null(g->recipient));
	json_object_set_new(t, "copy", lt_json_string_or_null(g->copy));
	json_object_set_new(t, "p_false", isnan(g->p_false) ? json_null()
			    : json_real(g->p_false));
	json_object_set_new(o, "trace", t);
	if (g->verify) {
		/* The stored verdict is JSON itself: embed it as an object. */
		json_t *vj = json_loads(g->verify, 0, NULL);

		json_object_set_new(o, "verify",
				    vj ? vj : lt_json_string_or_null(g->verify));
	} else {
		json_object_set_new(o, "verify", json_null());
	}
	json_object_set_new(o, "first_seen", lt_json_string_or_null(g->first_seen));
	if (with_new)
		json_object_set_new(o, "new", json_boolean(g->is_new));
	return o;
}

int lt_scan_result_json(lt_buf *out, const lt_scanner *s)
{
	const lt_scan_stats *st = lt_scanner_stats(s);
	const lt_sighting *found;
	json_t *arr = json_array();
	size_t n, i, fresh = 0;

	found = lt_scanner_sightings(s, &n);
	for (i = 0; i < n; i++) {
		fresh += found[i].is_new;
		if (arr)
			json_array_append_new(arr, sighting_json(&found[i], 1));
	}
	return lt_json_write(out, json_pack(
		"{s:o, s:{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}, "
		"s:{s:I, s:I, s:I, s:I}, s:I}",
		"sightings", arr, "scanned", "messages", (json_int_t)st->messages,
		"files", (json_int_t)st->files, "skipped", (json_int_t)st->skipped,
		"attachments", (json_int_t)st->attachments, "attachments_skipped",
		(json_int_t)st->attachments_skipped, "refused",
		(json_int_t)st->refused, "unreadable", (json_int_t)st->unreadable,
		"truncated", (json_int_t)st->truncated, "ocr", "pages",
		(json_int_t)st->ocr_pages, "skipped", (json_int_t)st->ocr_skipped,
		"downscaled", (json_int_t)st->ocr_downscaled, "files_over_budget",
		(json_int_t)st->ocr_files_over, "new", (json_int_t)fresh));
}

int lt_sightings_json(lt_buf *out, const char *doc_id, const lt_sighting *g,
		      size_t n)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < n; i++)
		json_array_append_new(arr, sighting_json(&g[i], 0));
	return lt_json_write(out, json_pack("{s:o, s:o}", "document",
					    lt_json_string_or_null(doc_id),
					    "sightings", arr));
}
