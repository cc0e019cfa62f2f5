/*
 * document_json.c - a registered document and its slots as the JSON
 * documents of `register --json` and `slots --json` (document.h).
 */
#include <stdlib.h>

#include "base/json.h"
#include "leaktrace/document.h"
#include "leaktrace/error.h"

/* Bits per 100 words. */
static double per_100(double bits, size_t words)
{
	return words ? 100.0 * bits / (double)words : 0.0;
}

/* One scope's capacity: {lexical, typographic, per 100 words, counts}. */
static json_t *scope_json(const lt_document_info *d, double lex, double typo,
			  size_t nlex, size_t ntypo)
{
	return json_pack("{s:f, s:f, s:f, s:f, s:I, s:I}", "lexical", lex,
			 "typographic", typo, "lexical_per_100_words",
			 per_100(lex, d->words), "typographic_per_100_words",
			 per_100(typo, d->words), "lexical_slots",
			 (json_int_t)nlex, "typographic_slots", (json_int_t)ntypo);
}

/* The capacity fields register and slots share, added to `o`. */
static json_t *add_capacity(json_t *o, const lt_document_info *d)
{
	double now = d->cap_lexical + d->cap_typographic;
	double all = d->all_cap_lexical + d->all_cap_typographic;

	if (!o)
		return NULL;
	if (json_object_set_new(o, "capacity", json_pack(
		"{s:f, s:f, s:f, s:f, s:f}", "lexical", d->cap_lexical,
		"typographic", d->cap_typographic, "layout", d->cap_layout,
		"image", d->cap_image, "suggested",
		all > now ? all - now : 0.0)) ||
	    json_object_set_new(o, "pages", json_integer((json_int_t)d->pages)) ||
	    json_object_set_new(o, "capacity_default", scope_json(d,
		d->default_cap_lexical, d->default_cap_typographic,
		d->default_lexical_slots, d->default_typographic_slots)) ||
	    json_object_set_new(o, "capacity_with_suggestions", scope_json(d,
		d->all_cap_lexical, d->all_cap_typographic,
		d->all_lexical_slots, d->all_typographic_slots)) ||
	    json_object_set_new(o, "suggestions", json_pack(
		"{s:I, s:I, s:I, s:I}", "total", (json_int_t)d->suggestions,
		"pending", (json_int_t)(d->suggestions - d->approved -
					d->rejected),
		"approved", (json_int_t)d->approved, "rejected",
		(json_int_t)d->rejected))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int lt_document_info_json(lt_buf *out, const lt_document_info *d)
{
	json_t *o = json_pack("{s:s, s:s, s:I, s:I}", "document", d->id,
			      "format", d->format ? d->format : "txt", "slots",
			      (json_int_t)d->nslots, "words",
			      (json_int_t)d->words);

	o = add_capacity(o, d);
	if (o && (json_object_set_new(o, "slots_by_channel", json_pack(
			"{s:I, s:I}", "lexical", (json_int_t)d->lexical_slots,
			"typographic", (json_int_t)d->typographic_slots)) ||
		  json_object_set_new(o, "bias", json_string(d->bias)) ||
		  (d->figures &&
		   json_object_set_new(o, "figures", json_pack(
			"{s:I, s:I}", "count", (json_int_t)d->figures,
			"slots", (json_int_t)d->image_slots))) ||
		  (d->image_slots && d->image_width &&
		   json_object_set_new(o, "image", json_pack(
			"{s:i, s:i, s:I}", "width", d->image_width, "height",
			d->image_height, "slots",
			(json_int_t)d->image_slots))))) {
		json_decref(o);
		o = NULL;
	}
	return lt_json_write(out, o);
}

static json_t *variants_json(const lt_slot *s)
{
	json_t *vars = json_array();
	size_t k;

	for (k = 0; vars && k < s->nvariants; k++)
		json_array_append_new(vars, json_string(s->variants[k]));
	return vars;
}

static const char *channel_name(const lt_slot *s)
{
	return s->channel == LT_CHANNEL_LEXICAL ? "lexical" : "typographic";
}

/* Number of slots in the group whose first slot is `g`. */
static size_t occurrences(const lt_slot_set *set, size_t g)
{
	size_t i, n = 0;

	for (i = g; i < set->n; i++)
		n += set->slots[i].group == g;
	return n;
}

int lt_document_slots_json(lt_buf *out, const lt_document_info *d,
			   const lt_slot_set *set, int all)
{
	json_t *arr = json_array(), *sug = json_array(), *o;
	size_t i, *first = NULL, nsug = 0, *number = NULL;
	lt_buf ctx = {0};
	int rc;

	if ((rc = lt_document_suggestions(&first, &nsug, set)) ||
	    !(number = calloc(set->n + 1, sizeof(*number)))) {
		free(first);
		json_decref(arr);
		json_decref(sug);
		return rc ? rc : lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (i = 0; i < nsug; i++)
		number[first[i]] = i + 1;
	/* What issue writes now: every active slot. */
	for (i = 0; arr && i < set->n; i++) {
		const lt_slot *s = &set->slots[i];
		json_t *e;

		if (!lt_slot_active(s))
			continue;
		e = json_pack("{s:I, s:I, s:s, s:s, s:o}", "at", (json_int_t)s->start,
			      "end", (json_int_t)s->end, "family",
			      lt_slot_family_name(s->family), "channel",
			      channel_name(s), "variants", variants_json(s));
		if (e && (s->group != i || occurrences(set, i) > 1))
			json_object_set_new(e, "group", json_integer(s->group));
		if (e && s->use == LT_SLOT_SUGGESTED) {
			json_object_set_new(e, "suggestion",
					    json_integer((json_int_t)number[s->group]));
			json_object_set_new(e, "decision", json_string(
				lt_slot_decision_name(s->decision)));
			json_object_set_new(e, "reason",
					    json_string(lt_slot_why_text(s->why)));
		}
		json_array_append_new(arr, e);
	}
	/* The suggestions issue does not use (or all of them). */
	for (i = 0; sug && i < nsug; i++) {
		const lt_slot *s = &set->slots[first[i]];

		if (!all && lt_slot_active(s))
			continue;
		lt_buf_clear(&ctx);
		if (lt_slot_context(&ctx, set, first[i], 60))
			break;
		json_array_append_new(sug, json_pack(
			"{s:I, s:I, s:I, s:I, s:s, s:s, s:o, s:I, s:s, s:s, s:s}",
			"suggestion", (json_int_t)i + 1, "slot",
			(json_int_t)first[i], "at", (json_int_t)s->start, "end",
			(json_int_t)s->end, "family", lt_slot_family_name(s->family),
			"channel", channel_name(s), "variants", variants_json(s),
			"occurrences", (json_int_t)occurrences(set, first[i]),
			"decision", lt_slot_decision_name(s->decision), "reason",
			lt_slot_why_text(s->why), "context",
			ctx.data ? ctx.data : ""));
	}
	o = json_pack("{s:s, s:I}", "document", d->id, "words",
		      (json_int_t)d->words);
	o = add_capacity(o, d);
	if (o && (json_object_set_new(o, "slots", arr) ||
		  json_object_set_new(o, "suggested", sug))) {
		json_decref(o);
		o = NULL;
	} else if (!o) {
		json_decref(arr);
		json_decref(sug);
	}
	lt_buf_free(&ctx);
	free(first);
	free(number);
	return lt_json_write(out, o);
}
