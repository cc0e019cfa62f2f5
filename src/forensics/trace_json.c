/*
 * trace_json.c - a trace result as the JSON document of `trace --json`
 * and the web service's POST /trace (trace.h).
 */
#include "base/json.h"
#include "leaktrace/trace.h"

int lt_trace_result_json(lt_buf *out, const lt_trace_result *r)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < r->nsuspects; i++) {
		const lt_suspect *s = &r->suspects[i];

		json_array_append_new(arr, json_pack("{s:s, s:s, s:f, s:f, s:b}",
			"recipient", s->recipient, "copy", s->copy, "score",
			s->score, "p_false", s->p_false, "accused", s->accused));
	}
	return lt_json_write(out, json_pack(
		"{s:s?, s:s, s:{s:I, s:I, s:I, s:I, s:I, s:f, s:f}, s:I, s:f, "
		"s:f, s:f, s:o, s:s, s:{s:I, s:I, s:I, s:s?}}",
		"document", r->document, "verdict", lt_verdict_name(r->verdict),
		"slots", "total", (json_int_t)r->slots_total, "observed",
		(json_int_t)r->slots_observed, "lexical",
		(json_int_t)r->lexical_observed, "typographic",
		(json_int_t)r->typographic_observed, "layout",
		(json_int_t)r->layout_observed, "bits", r->bits,
		"bits_needed", r->bits_needed, "recipients",
		(json_int_t)r->recipients, "threshold", r->threshold,
		"similarity", r->similarity, "coverage", r->coverage,
		"suspects", arr, "explanation",
		r->explanation ? r->explanation : "", "ocr", "pages",
		(json_int_t)r->ocr_pages, "skipped", (json_int_t)r->ocr_skipped,
		"downscaled", (json_int_t)r->ocr_downscaled, "reason",
		r->ocr_limit));
}
