/*
 * trace.c - from a leaked text to the recipients it proves guilty
 * (trace.h).
 *
 * identify -> read slots -> score every stored codeword block -> take the
 * best scores -> rescore them exactly -> p_false from the innocent-score
 * tail, union-bounded over the document's recipients -> accuse below the
 * vault threshold -> record the result as an event.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "leaktrace/code.h"
#include "leaktrace/error.h"
#include "leaktrace/extract.h"
#include "leaktrace/render.h"
#include "leaktrace/slots.h"
#include "leaktrace/text.h"
#include "leaktrace/trace.h"
#include "identify/doc.h"
#include "identify/identify.h"
#include "forensics/trace_internal.h"
#include "ledger/event.h"
#include "read/vault_ocr.h"
#include "store/vault_internal.h"
#include "store/copies.h"
#define TOP_SUSPECTS 10
#define TOP_POOL 64 /* best scores rescored exactly */

const char *lt_verdict_name(lt_verdict v)
{
	switch (v) {
	case LT_VERDICT_IDENTIFIED: return "identified";
	case LT_VERDICT_INCONCLUSIVE: return "inconclusive";
	default: return "no-document";
	}
}

void lt_trace_result_free(lt_trace_result *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nsuspects; i++)
		free(r->suspects[i].recipient);
	free(r->suspects);
	free(r->document);
	free(r->explanation);
	free(r);
}

/* One of the best-scoring copies, by block position. */
typedef struct ranked {
	int64_t block;
	size_t index;
	float score;
} ranked;

/* Keep the `cap` best (a small sorted array; the pool is tiny). */
static void keep_best(ranked *pool, size_t *n, size_t cap, ranked r)
{
	size_t i;

	if (*n == cap && r.score <= pool[cap - 1].score)
		return;
	i = *n < cap ? (*n)++ : cap - 1;
	while (i > 0 && pool[i - 1].score < r.score) {
		pool[i] = pool[i - 1];
		i--;
	}
	pool[i] = r;
}

/* What scoring the copies of a document works with. */
typedef struct scoring {
	const lt_doc *d;
	const lt_code *code; /* score_by_name: the extended code */
	const lt_accuser *acc;
	ranked *pool;
	size_t *npool, *recipients;
	float *scores;       /* score_block: scores of one block */
	size_t cap;
	uint8_t *cw;         /* score_by_name: one codeword */
} scoring;

/* Score one stored codeword block; keep the best. */
static int score_block(void *ctx, const lt_store_block *b)
{
	scoring *sc = ctx;
	float *grown;
	size_t j;

	if (b->nslots != sc->d->set->n || b->count == 0 ||
	    b->bytes != b->count * b->nslots || (b->nslots && !b->symbols))
		return lt_error_set(LT_EVAULT, "vault is damaged: codeword block "
				    "%lld of document '%s' has the wrong size",
				    (long long)b->block, sc->d->id);
	if (b->count > sc->cap) {
		if (!(grown = realloc(sc->scores, b->count * sizeof(*grown))))
			return lt_error_set(LT_ENOMEM, "out of memory");
		sc->scores = grown;
		sc->cap = b->count;
	}
	lt_accuser_score_block(sc->acc, b->symbols, b->count, sc->scores);
	for (j = 0; j < b->count; j++)
		keep_best(sc->pool, sc->npool, TOP_POOL,
			  (ranked){b->block, j, sc->scores[j]});
	*sc->recipients += b->count;
	return LT_OK;
}

/* Score every stored codeword of the document; keep the best. */
static int score_all(lt_vault *v, const lt_doc *d, const lt_accuser *acc,
		     ranked *pool, size_t *npool, size_t *recipients)
{
	scoring sc = {d, NULL, acc, pool, npool, recipients, NULL, 0, NULL};
	int rc;

	*npool = 0;
	*recipients = 0;
	rc = lt_store_copies_each_block(v, d->rowid, score_block, &sc);
	free(sc.scores);
	return rc;
}

/* Score one copy from its recipient's codeword; keep the best. */
static int score_copy(void *ctx, const lt_store_copy_ref *c)
{
	scoring *sc = ctx;

	lt_code_codeword(sc->code, c->recipient, strlen(c->recipient), sc->cw);
	keep_best(sc->pool, sc->npool, TOP_POOL,
		  (ranked){c->block, c->index,
			   (float)lt_accuser_score(sc->acc, sc->cw)});
	(*sc->recipients)++;
	return LT_OK;
}

/*
 * Score every copy of the document from its recipient's codeword under
 * `code` (used when layout marks extend the stored codewords).
 */
static int score_by_name(lt_vault *v, const lt_doc *d, const lt_code *code,
			 const lt_accuser *acc, ranked *pool, size_t *npool,
			 size_t *recipients)
{
	scoring sc = {d, code, acc, pool, npool, recipients, NULL, 0, NULL};
	int rc;

	*npool = 0;
	*recipients = 0;
	if (!(sc.cw = malloc(lt_code_slots(code) + 1)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	rc = lt_store_copies_each_copy(v, d->rowid, score_copy, &sc);
	free(sc.cw);
	return rc;
}

/* Name, copy id and exact score of the copy at (block, index). */
static int describe(lt_vault *v, const lt_code *code, const lt_accuser *acc,
		    const ranked *r, lt_suspect *s, uint8_t *cw)
{
	int rc = lt_store_copies_at(v, r->block, r->index, s->copy,
				    &s->recipient);

	if (rc == LT_ENOTFOUND)
		return lt_error_set(LT_EVAULT, "vault is damaged: no copy for "
				    "codeword %zu of block %lld", r->index,
				    (long long)r->block);
	if (rc)
		return rc;
	/* The exact score, from the codeword the key gives this recipient. */
	lt_code_codeword(code, s->recipient, strlen(s->recipient), cw);
	s->score = lt_accuser_score(acc, cw);
	return LT_OK;
}

static int cmp_suspect(const void *a, const void *b)
{
	const lt_suspect *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->copy, y->copy);
}

static int explain(lt_trace_result *r, const char *fmt, double a, double b)
{
	lt_buf e = {0};
	int rc = lt_buf_printf(&e, fmt, a, b);

	if (rc == LT_OK)
		r->explanation = lt_buf_detach(&e, NULL);
	return rc;
}

/* Record the result as a trace event. */
static int record(lt_vault *v, const lt_trace_result *r)
{
	lt_buf detail = {0};
	size_t i;
	int rc;

	lt_buf_printf(&detail, "{\"verdict\":\"%s\",\"observed\":%zu,"
		      "\"bits\":%.2f,\"accused\":[", lt_verdict_name(r->verdict),
		      r->slots_observed, r->bits);
	for (i = 0; i < r->nsuspects; i++)
		if (r->suspects[i].accused)
			lt_buf_printf(&detail, "%s\"%s\"",
				      detail.data[detail.len - 1] == '[' ? "" : ",",
				      r->suspects[i].copy);
	lt_buf_puts(&detail, "]}");
	/* A vault opened read-only keeps no record of the trace. */
	if (lt_vault_read_only(v))
		rc = LT_OK;
	else if ((rc = lt_vault_begin(v)) == LT_OK) {
		rc = lt_ledger_event(v, "trace", r->document, detail.data);
		rc = rc ? (lt_vault_rollback(v), rc) : lt_vault_commit(v);
	}
	lt_buf_free(&detail);
	return rc;
}

/*
 * Read the layout marks from the words seen on pages under the document's
 * layout plan (the same for every paper, banner and footer).  *sym
 * (d->set->n + *nlayout symbols: the lexical observation followed by the
 * layout one) is set only when some layout mark was read; the
 * typographic slots are then left unobserved.
 */
static int read_layout(const lt_doc *d, const int16_t *obs,
		       const lt_seen_word *words, size_t nwords, int16_t **sym,
		       size_t *nlayout, size_t *seen)
{
	lt_layout_plan *plan;
	int16_t *cur;
	size_t n, i, count = 0;
	int rc;

	*sym = NULL;
	*nlayout = *seen = 0;
	if ((rc = lt_layout_plan_new(&plan, d->set, NULL)))
		return rc;
	n = lt_layout_slots(plan);
	if (!(cur = malloc((d->set->n + n + 1) * sizeof(*cur)))) {
		lt_layout_plan_free(plan);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	memcpy(cur, obs, d->set->n * sizeof(*cur));
	rc = lt_layout_read(cur + d->set->n, plan, d->set, words, nwords);
	lt_layout_plan_free(plan);
	for (i = 0; rc == LT_OK && i < n; i++)
		count += cur[d->set->n + i] >= 0;
	if (rc || count == 0) {
		free(cur);
		return rc;
	}
	/* A rendered page shows every typographic slot as the original has
	 * it (render.h): what is read there says nothing of the copy. */
	for (i = 0; i < d->set->n; i++)
		if (d->set->slots[i].channel == LT_CHANNEL_TYPOGRAPHIC)
			cur[i] = -1;
	*sym = cur;
	*nlayout = n;
	*seen = count;
	return LT_OK;
}

static int trace_core(lt_trace_result **out, lt_vault *v, const char *text,
		      size_t len, const char *doc_id, int record_event,
		      const lt_seen_word *words, size_t nwords)
{
	lt_trace_result *r;
	lt_tokens *leak = NULL;
	lt_doc *d = NULL;
	lt_alignment *al = NULL;
	lt_accuser *acc = NULL;
	lt_code *ext = NULL;
	const lt_code *code;
	int16_t *obs = NULL, *obs_ext = NULL;
	uint8_t *cw = NULL;
	ranked pool[TOP_POOL];
	size_t npool = 0, i, keep, as_original = 0, nlayout = 0;
	int rc;

	*out = NULL;
	if (!(r = calloc(1, sizeof(*r))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	r->threshold = lt_vault_threshold(v);
	r->verdict = LT_VERDICT_NO_DOCUMENT;
	if ((rc = lt_tokenize(&leak, text, len)))
		goto out;
	if (doc_id) {
		/* Already identified by the caller: align with that document. */
		if ((rc = lt_doc_load(&d, v, doc_id, 0)) ||
		    (rc = lt_identify_align(&al, d, leak)))
			goto out;
	} else if ((rc = lt_identify(v, leak, &d, &al))) {
		goto out;
	}
	if (!d) {
		rc = explain(r, "The text matches no registered document.", 0, 0);
		goto done;
	}
	if (!(r->document = strdup(d->id))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	r->verdict = LT_VERDICT_INCONCLUSIVE;
	r->similarity = leak->n ? (double)al->matched / (double)leak->n : 0;
	r->coverage = d->tok->n ? (double)al->matched / (double)d->tok->n : 0;
	r->slots_total = d->set->n;
	obs = malloc((d->set->n + 1) * sizeof(*obs));
	cw = malloc(d->set->n + 1);
	if (!obs || !cw) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = lt_slots_read(obs, d->set, d->tok, text, len, leak, al)))
		goto out;
	for (i = 0; i < d->set->n; i++) {
		if (obs[i] < 0)
			continue;
		as_original += obs[i] == 0;
		if (d->set->slots[i].channel == LT_CHANNEL_LEXICAL)
			r->lexical_observed++;
		else
			r->typographic_observed++;
	}
	code = d->code;
	if (words && nwords) {
		/* Rendered pages: their layout marks extend the code. */
		if ((rc = read_layout(d, obs, words, nwords, &obs_ext, &nlayout,
				      &r->layout_observed)))
			goto out;
		if (obs_ext) {
			r->typographic_observed = 0; /* see read_layout */
			if ((rc = lt_code_extend(&ext, d->code, nlayout)))
				goto out;
			code = ext;
			r->slots_total += nlayout;
			free(cw);
			if (!(cw = malloc(d->set->n + nlayout + 1))) {
				rc = lt_error_set(LT_ENOMEM, "out of memory");
				goto out;
			}
		}
	}
	if ((rc = lt_accuser_new(&acc, code, obs_ext ? obs_ext : obs)))
		goto out;
	r->slots_observed = lt_accuser_observed(acc);
	r->bits = lt_accuser_bits(acc);
	if ((rc = ext ? score_by_name(v, d, ext, acc, pool, &npool,
				      &r->recipients)
		      : score_all(v, d, acc, pool, &npool, &r->recipients)))
		goto out;
	if (r->recipients == 0) {
		rc = explain(r, "The document was found, but no copies of it have "
			     "been issued.", 0, 0);
		goto done;
	}
	r->bits_needed = lt_bits_needed(r->recipients, r->threshold);
	if (!(r->suspects = calloc(npool ? npool : 1, sizeof(*r->suspects)))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < npool; i++) {
		if ((rc = describe(v, code, acc, &pool[i], &r->suspects[i], cw)))
			goto out;
		r->nsuspects++;
	}
	qsort(r->suspects, r->nsuspects, sizeof(*r->suspects), cmp_suspect);
	keep = 0;
	for (i = 0; i < r->nsuspects; i++) {
		lt_suspect *s = &r->suspects[i];

		s->p_false = lt_accuser_p_false(acc, s->score, r->recipients);
		s->accused = s->p_false < r->threshold;
		if (s->accused) {
			r->verdict = LT_VERDICT_IDENTIFIED;
			keep = i + 1;
		}
	}
	if (keep < TOP_SUSPECTS)
		keep = TOP_SUSPECTS;
	while (r->nsuspects > keep)
		free(r->suspects[--r->nsuspects].recipient);
	if (r->verdict == LT_VERDICT_IDENTIFIED)
		rc = explain(r, "The marks observed (%.1f bits) prove whose copy this "
			     "is beyond the %g threshold.", r->bits, r->threshold);
	else if (r->slots_observed > 0 && as_original == r->slots_observed)
		rc = explain(r, "Every mark reads as in the registered original "
			     "(%.1f bits observed): this looks like the unmarked "
			     "original, not an issued copy.", r->bits, 0);
	else if (r->bits < r->bits_needed)
		rc = explain(r, "Too few marks survived: %.1f bits observed, %.1f "
			     "needed to accuse anyone.", r->bits, r->bits_needed);
	else
		rc = explain(r, "No copy scores high enough to be accused (%.1f bits "
			     "observed, %.1f needed); the leak may mix several "
			     "copies or be heavily altered.", r->bits,
			     r->bits_needed);
done:
	if (rc == LT_OK && record_event)
		rc = record(v, r);
out:
	lt_tokens_free(leak);
	lt_alignment_free(al);
	lt_accuser_free(acc);
	lt_code_free(ext);
	lt_doc_free(d);
	free(obs);
	free(obs_ext);
	free(cw);
	if (rc) {
		lt_trace_result_free(r);
		return rc;
	}
	*out = r;
	return LT_OK;
}

int lt_trace_run(lt_trace_result **out, lt_vault *v, const char *text,
		 size_t len, const char *doc_id, int record_event)
{
	return trace_core(out, v, text, len, doc_id, record_event, NULL, 0);
}

int lt_trace_run_words(lt_trace_result **out, lt_vault *v, const char *text,
		       size_t len, const char *doc_id, int record_event,
		       const lt_seen_word *words, size_t nwords)
{
	return trace_core(out, v, text, len, doc_id, record_event, words,
			  nwords);
}

int lt_trace_text(lt_trace_result **out, lt_vault *v, const char *text,
		  size_t len)
{
	return lt_vault_keep_error(v, lt_trace_run(out, v, text, len, NULL, 1));
}

/* Trace what was extracted from an input (freed here). */
static int trace_extracted(lt_trace_result **out, lt_vault *v, lt_extract *e)
{
	int rc;

	rc = trace_core(out, v, e->text.data ? e->text.data : "", e->text.len,
			NULL, 1, e->words, e->nwords);
	if (rc == LT_OK) {
		(*out)->source = e->kind;
		(*out)->ocr_pages = e->ocr_pages;
		(*out)->ocr_skipped = e->ocr_skipped;
		(*out)->ocr_downscaled = e->ocr_downscaled;
		(*out)->ocr_limit = e->ocr_limit;
	}
	lt_extract_free(e);
	return rc;
}

int lt_trace_file(lt_trace_result **out, lt_vault *v, const char *path)
{
	lt_extract *e;
	int rc;

	*out = NULL;
	if ((rc = lt_extract_file_ocr(&e, path, lt_vault_ocr(v))) == LT_OK)
		rc = trace_extracted(out, v, e);
	return lt_vault_keep_error(v, rc);
}

int lt_trace_buffer(lt_trace_result **out, lt_vault *v, const void *data,
		    size_t len, const char *name)
{
	lt_extract *e;
	int rc;

	*out = NULL;
	if ((rc = lt_extract_buffer(&e, data, len, name, lt_vault_ocr(v))) ==
	    LT_OK)
		rc = trace_extracted(out, v, e);
	return lt_vault_keep_error(v, rc);
}
