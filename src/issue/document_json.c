/*
 * document_json.c - a registered document and its slots as the JSON
 * documents of `register --json` and `slots --json` (document.h).
 */
#include "base/json.h"
#include "leaktrace/document.h"

int lt_document_info_json(lt_buf *out, const lt_document_info *d)
{
	return lt_json_write(out, json_pack(
		"{s:s, s:I, s:I, s:{s:f, s:f}, s:{s:I, s:I}, s:s}",
		"document", d->id, "slots", (json_int_t)d->nslots,
		"words", (json_int_t)d->words, "capacity",
		"lexical", d->cap_lexical, "typographic", d->cap_typographic,
		"slots_by_channel", "lexical", (json_int_t)d->lexical_slots,
		"typographic", (json_int_t)d->typographic_slots, "bias", d->bias));
}

int lt_document_slots_json(lt_buf *out, const lt_document_info *d,
			   const lt_slot_set *set)
{
	json_t *arr = json_array();
	size_t i, k;

	for (i = 0; arr && i < set->n; i++) {
		const lt_slot *s = &set->slots[i];
		json_t *vars = json_array();

		for (k = 0; vars && k < s->nvariants; k++)
			json_array_append_new(vars, json_string(s->variants[k]));
		json_array_append_new(arr, json_pack("{s:I, s:I, s:s, s:s, s:o}",
			"at", (json_int_t)s->start, "end", (json_int_t)s->end,
			"family", lt_slot_family_name(s->family), "channel",
			s->channel == LT_CHANNEL_LEXICAL ? "lexical" : "typographic",
			"variants", vars));
	}
	return lt_json_write(out, json_pack(
		"{s:s, s:I, s:{s:f, s:f}, s:o}", "document", d->id,
		"words", (json_int_t)d->words, "capacity", "lexical",
		d->cap_lexical, "typographic", d->cap_typographic, "slots", arr));
}
