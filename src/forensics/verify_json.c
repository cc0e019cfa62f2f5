/*
 * verify_json.c - verification results and statement checks as the JSON
 * documents of `verify --json` and `verify --statement --json` (verify.h).
 */
#include "base/json.h"
#include "leaktrace/verify.h"

int lt_verify_result_json(lt_buf *out, const lt_verify_result *r)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < r->nchanges; i++) {
		const lt_change *ch = &r->changes[i];
		json_t *c = json_pack("{s:s, s:s, s:s, s:I, s:I, s:f}",
			"kind", lt_change_kind_name(ch->kind), "original",
			ch->original, "found", ch->found, "at", (json_int_t)ch->at,
			"original_at", (json_int_t)ch->original_at, "confidence",
			ch->confidence);

		if (c && ch->kind == LT_CHANGE_FIGURE_ALTERED &&
		    (json_object_set_new(c, "figure", json_integer(ch->figure)) ||
		     json_object_set_new(c, "region", json_pack("[i, i, i, i]",
				ch->region[0], ch->region[1], ch->region[2],
				ch->region[3])))) {
			json_decref(c);
			c = NULL;
		}
		json_array_append_new(arr, c);
	}
	return lt_json_write(out, json_pack(
		"{s:s?, s:s, s:b, s:s?, s:s?, s:{s:I, s:I, s:f}, s:I, s:I, s:I, "
		"s:o}",
		"document", r->document, "verdict",
		lt_verify_verdict_name(r->verdict), "exact", r->exact, "copy",
		r->exact ? r->copy : NULL, "recipient", r->exact ? r->recipient : NULL,
		"part", "from", (json_int_t)r->part_from, "to", (json_int_t)r->part_to,
		"share", r->part_share, "words", (json_int_t)r->words, "marks",
		(json_int_t)r->marks, "noise", (json_int_t)r->noise, "changes", arr));
}

int lt_statement_check_valid(const lt_statement_check_result *r,
			     int key_given)
{
	return r->signature_ok && (!key_given || r->key_trusted) &&
	       r->file_matches != 0;
}

int lt_statement_check_json(lt_buf *out, const lt_statement_check_result *r,
			    int key_given)
{
	return lt_json_write(out, json_pack(
		"{s:b, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
		"valid", lt_statement_check_valid(r, key_given),
		"signature", r->signature_ok ? "ok" : "bad",
		"key", !key_given ? "unchecked" : r->key_trusted ? "trusted"
								 : "untrusted",
		"file", r->file_matches < 0 ? "not given"
			: r->file_matches ? "matches" : "differs",
		"document", r->document, "copy", r->copy, "sha256", r->sha256,
		"public_key", r->public_key));
}
