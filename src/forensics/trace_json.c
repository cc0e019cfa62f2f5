/*
 * trace_json.c - a trace result as the JSON document of `trace --json`
 * and the web service's POST /trace (trace.h).
 */
#include "base/json.h"
#include "leaktrace/trace.h"

/* The candidate set: how it was chosen, who is in it, who is not. */
static json_t *among_json(const lt_trace_result *r)
{
	const lt_suspect *o = &r->outside_best;
	json_t *names = json_array(), *best = json_null();
	size_t i;

	for (i = 0; names && i < r->ncandidates; i++)
		json_array_append_new(names, json_string(r->candidates[i]));
	if (o->recipient)
		best = json_pack("{s:s, s:s, s:f, s:f}", "recipient",
				 o->recipient, "copy", o->copy, "score", o->score,
				 "p_false", o->p_false);
	return json_pack("{s:s, s:I, s:I, s:o, s:s, s:s?, s:I, s:f, s:o}",
		"basis", lt_among_basis_name(r->among), "size",
		(json_int_t)(r->among == LT_AMONG_ALL ? r->recipients
						      : r->ncandidates),
		"copies", (json_int_t)r->candidate_copies, "candidates", names,
		"reason", r->among_reason ? r->among_reason
					  : "every recipient of the document",
		"first_sighting", r->first_sighting, "outside",
		(json_int_t)r->outside, "bits_needed_all", r->bits_needed_all,
		"outside_best", best);
}

int lt_trace_result_json(lt_buf *out, const lt_trace_result *r)
{
	json_t *arr = json_array(), *doc;
	size_t i;

	for (i = 0; arr && i < r->nsuspects; i++) {
		const lt_suspect *s = &r->suspects[i];

		json_array_append_new(arr, json_pack("{s:s, s:s, s:f, s:f, s:b}",
			"recipient", s->recipient, "copy", s->copy, "score",
			s->score, "p_false", s->p_false, "accused", s->accused));
	}
	doc = json_pack(
		"{s:s?, s:s, s:{s:I, s:I, s:I, s:I, s:I, s:I, s:f, s:f}, s:I, s:f, "
		"s:f, s:f, s:o, s:s, s:{s:I, s:I, s:I, s:s?}}",
		"document", r->document, "verdict", lt_verdict_name(r->verdict),
		"slots", "total", (json_int_t)r->slots_total, "observed",
		(json_int_t)r->slots_observed, "lexical",
		(json_int_t)r->lexical_observed, "typographic",
		(json_int_t)r->typographic_observed, "layout",
		(json_int_t)r->layout_observed, "image",
		(json_int_t)r->image_observed, "bits", r->bits,
		"bits_needed", r->bits_needed, "recipients",
		(json_int_t)r->recipients, "threshold", r->threshold,
		"similarity", r->similarity, "coverage", r->coverage,
		"suspects", arr, "explanation",
		r->explanation ? r->explanation : "", "ocr", "pages",
		(json_int_t)r->ocr_pages, "skipped", (json_int_t)r->ocr_skipped,
		"downscaled", (json_int_t)r->ocr_downscaled, "reason",
		r->ocr_limit);
	if (doc && json_object_set_new(doc, "among", among_json(r))) {
		json_decref(doc);
		doc = NULL;
	}
	return lt_json_write(out, doc);
}
