/*
 * trace.c - from a leaked text to the recipients it proves guilty
 * (trace.h).
 *
 * identify -> fix the candidate set (everyone, named recipients, or what
 * an lt_among_fn says from the document and the vault alone) -> read slots
 * -> score every stored codeword block -> take the best scores of the
 * candidates -> rescore them exactly -> p_false from the innocent-score
 * tail, union-bounded over the candidates' copies -> accuse below the
 * vault threshold -> record the result as an event.
 *
 * Why a candidate set chosen before the marks are read keeps the bound:
 * an innocent's codeword is drawn from the key independently of the leak
 * and of how the set was chosen, so each innocent candidate passes the
 * test with probability at most threshold / |set|, and at most |set| of
 * them can.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

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
#include "forensics/trace_image.h"
#include "leaktrace/file.h"
#include "forensics/trace_internal.h"
#include "forensics/trace_pdf.h"
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

const char *lt_among_basis_name(lt_among_basis b)
{
	switch (b) {
	case LT_AMONG_NAMED: return "named";
	case LT_AMONG_HOLDERS: return "holders";
	default: return "all";
	}
}

void lt_among_set_clear(lt_among_set *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; s->names && i < s->n; i++)
		free(s->names[i]);
	free(s->names);
	free(s->reason);
	free(s->first_sighting);
	memset(s, 0, sizeof(*s));
}

void lt_trace_result_free(lt_trace_result *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nsuspects; i++)
		free(r->suspects[i].recipient);
	free(r->suspects);
	for (i = 0; i < r->ncandidates; i++)
		free(r->candidates[i]);
	free(r->candidates);
	free(r->among_reason);
	free(r->first_sighting);
	free(r->outside_best.recipient);
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

/* A candidate's copy: where its codeword is stored. */
typedef struct member {
	int64_t block;
	size_t index;
} member;

static int cmp_member(const void *a, const void *b)
{
	const member *x = a, *y = b;

	if (x->block != y->block)
		return x->block < y->block ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* The candidates' copies (sorted), or every copy when `all`. */
typedef struct members {
	int all;
	member *m;
	size_t n, cap;
} members;

static int is_member(const members *ms, int64_t block, size_t index)
{
	member key = {block, index};

	return ms->all || (ms->n > 0 && bsearch(&key, ms->m, ms->n, sizeof(*ms->m),
						 cmp_member) != NULL);
}

/* What scoring the copies of a document works with. */
typedef struct scoring {
	const lt_doc *d;
	const lt_code *code; /* score_by_name: the extended code */
	const lt_accuser *acc;
	ranked *pool;        /* the best candidates */
	size_t *npool, *recipients;
	float *scores;       /* score_block: scores of one block */
	size_t cap;
	uint8_t *cw;         /* score_by_name: one codeword */
	const members *in;   /* who can be accused */
	ranked *outside;     /* the best copy outside the set */
	size_t *noutside;
} scoring;

/* Keep a scored copy among the candidates or as the best outsider. */
static void keep_scored(scoring *sc, ranked r)
{
	if (is_member(sc->in, r.block, r.index))
		keep_best(sc->pool, sc->npool, TOP_POOL, r);
	else
		keep_best(sc->outside, sc->noutside, 1, r);
}

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
		keep_scored(sc, (ranked){b->block, j, sc->scores[j]});
	*sc->recipients += b->count;
	return LT_OK;
}

/* Score every stored codeword of the document; keep the best. */
static int score_all(lt_vault *v, const lt_doc *d, const lt_accuser *acc,
		     const members *in, ranked *pool, size_t *npool,
		     ranked *outside, size_t *noutside, size_t *recipients)
{
	scoring sc = {d, NULL, acc, pool, npool, recipients, NULL, 0, NULL,
		      in, outside, noutside};
	int rc;

	*npool = *noutside = 0;
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
	keep_scored(sc, (ranked){c->block, c->index,
				 (float)lt_accuser_score(sc->acc, sc->cw)});
	(*sc->recipients)++;
	return LT_OK;
}

/*
 * Score every copy of the document from its recipient's codeword under
 * `code` (used when layout marks extend the stored codewords).
 */
static int score_by_name(lt_vault *v, const lt_doc *d, const lt_code *code,
			 const lt_accuser *acc, const members *in, ranked *pool,
			 size_t *npool, ranked *outside, size_t *noutside,
			 size_t *recipients)
{
	scoring sc = {d, code, acc, pool, npool, recipients, NULL, 0, NULL,
		      in, outside, noutside};
	int rc;

	*npool = *noutside = 0;
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

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walking the copies of a document for the candidates' ones. */
typedef struct among_walk {
	char **names; /* sorted, unique */
	size_t n;
	unsigned char *found;
	members *in;
} among_walk;

static int find_member(void *ctx, const lt_store_copy_ref *c)
{
	among_walk *w = ctx;
	char **hit = w->n ? bsearch(&c->recipient, w->names, w->n,
				    sizeof(*w->names), cmp_name) : NULL;
	int rc;

	if (!hit)
		return LT_OK;
	w->found[hit - w->names] = 1;
	if ((rc = LT_ARRAY_GROW(w->in->m, w->in->cap, w->in->n + 1)))
		return rc;
	w->in->m[w->in->n++] = (member){c->block, c->index};
	return LT_OK;
}

/* The candidates named in the options, as a set with its reason. */
static int named_set(lt_among_set *set, const lt_trace_options *opt)
{
	lt_buf why = {0};
	size_t i;

	set->basis = LT_AMONG_NAMED;
	if (!(set->names = calloc(opt->namong, sizeof(*set->names))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	for (i = 0; i < opt->namong; i++) {
		if (!opt->among[i] || !opt->among[i][0])
			return lt_error_set(LT_EUSAGE, "empty candidate name");
		if (!(set->names[set->n++] = strdup(opt->among[i])))
			return lt_error_set(LT_ENOMEM, "out of memory");
	}
	if (lt_buf_printf(&why, "named by the investigator for this trace, "
			  "before its marks were read (the bound holds only if "
			  "they were not picked from an earlier ranking)") !=
	    LT_OK)
		return LT_ENOMEM;
	set->reason = lt_buf_detach(&why, NULL);
	return LT_OK;
}

/*
 * Fix the candidate set of a trace of document `d` from the options and
 * the vault alone (no mark has been read yet): the candidates' copies into
 * *in (every copy when the options name nobody), the set into r.
 */
static int fix_among(lt_vault *v, const lt_doc *d,
		     const lt_trace_options *opt, lt_trace_result *r,
		     members *in)
{
	lt_among_set set = {0};
	among_walk w = {0};
	size_t i, k;
	int rc;

	if (!opt || (!opt->namong && !opt->among_fn)) {
		in->all = 1;
		r->among = LT_AMONG_ALL;
		return LT_OK;
	}
	if (opt->namong && opt->among_fn)
		return lt_error_set(LT_EUSAGE, "trace: the candidates are either "
				    "named or chosen by a function, not both");
	rc = opt->namong ? named_set(&set, opt)
			 : opt->among_fn(&set, v, d->id, opt->among_ctx);
	if (rc)
		goto out;
	if (set.basis == LT_AMONG_ALL)
		set.basis = LT_AMONG_NAMED;
	/* Sorted, each name once. */
	if (set.n)
		qsort(set.names, set.n, sizeof(*set.names), cmp_name);
	for (i = k = 0; i < set.n; i++) {
		if (k && !strcmp(set.names[k - 1], set.names[i]))
			free(set.names[i]);
		else
			set.names[k++] = set.names[i];
	}
	set.n = k;
	w.names = set.names;
	w.n = set.n;
	w.in = in;
	if (!(w.found = calloc(set.n + 1, 1))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = lt_store_copies_each_copy(v, d->rowid, find_member, &w)))
		goto out;
	for (i = k = 0; i < set.n; i++) {
		if (!w.found[i] && set.basis == LT_AMONG_NAMED) {
			rc = lt_error_set(LT_ENOTFOUND, "candidate '%s' holds no "
					  "copy of document '%s'", set.names[i],
					  d->id);
			goto out;
		}
		if (w.found[i])
			set.names[k++] = set.names[i];
		else
			free(set.names[i]); /* holds no copy: cannot be it */
	}
	set.n = k;
	if (in->n)
		qsort(in->m, in->n, sizeof(*in->m), cmp_member);
	r->among = set.basis;
	r->candidates = set.names;
	r->ncandidates = set.n;
	r->among_reason = set.reason;
	r->first_sighting = set.first_sighting;
	set.names = NULL;
	set.n = 0;
	set.reason = set.first_sighting = NULL;
out:
	free(w.found);
	lt_among_set_clear(&set);
	return rc;
}

/* Append the candidate set to a trace event's detail. */
static void record_among(lt_buf *detail, const lt_trace_result *r)
{
	json_t *o;
	char *text;
	size_t i;

	if (r->among == LT_AMONG_ALL)
		return;
	o = json_pack("{s:s, s:I, s:I, s:s?}", "basis",
		      lt_among_basis_name(r->among), "size",
		      (json_int_t)r->ncandidates, "copies",
		      (json_int_t)r->candidate_copies, "first_sighting",
		      r->first_sighting);
	if (o && r->among == LT_AMONG_NAMED) {
		json_t *names = json_array();

		for (i = 0; i < r->ncandidates; i++)
			json_array_append_new(names,
					      json_string(r->candidates[i]));
		json_object_set_new(o, "candidates", names);
	}
	if (o && (text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER))) {
		lt_buf_printf(detail, ",\"among\":%s", text);
		free(text);
	}
	json_decref(o);
}

/* The one or two sentences saying why the verdict is what it is. */
static int explain_verdict(lt_trace_result *r, size_t as_original)
{
	lt_buf e = {0};
	char among[96] = "";
	int rc;

	if (r->among != LT_AMONG_ALL)
		snprintf(among, sizeof(among), " among the %zu candidate cop%s",
			 r->candidate_copies,
			 r->candidate_copies == 1 ? "y" : "ies");
	if (r->verdict == LT_VERDICT_IDENTIFIED)
		rc = lt_buf_printf(&e, "The marks observed (%.1f bits) prove whose "
				   "copy this is%s beyond the %g threshold.",
				   r->bits, among, r->threshold);
	else if (r->candidate_copies == 0)
		rc = lt_buf_printf(&e, "The candidate set holds no copy of the "
				   "document: nobody can be accused.");
	else if (r->slots_observed > 0 && as_original == r->slots_observed)
		rc = lt_buf_printf(&e, "Every mark reads as in the registered "
				   "original (%.1f bits observed): this looks like "
				   "the unmarked original, not an issued copy.",
				   r->bits);
	else if (r->bits < r->bits_needed)
		rc = lt_buf_printf(&e, "Too few marks survived: %.1f bits "
				   "observed, %.1f needed to accuse anyone%s.",
				   r->bits, r->bits_needed, among);
	else
		rc = lt_buf_printf(&e, "No %s scores high enough to be accused "
				   "(%.1f bits observed, %.1f needed%s); %s",
				   r->among != LT_AMONG_ALL ? "candidate" : "copy",
				   r->bits, r->bits_needed, among,
				   r->among != LT_AMONG_ALL
				   ? "the leaker may not be a candidate, or the "
				     "leak may mix several copies or be heavily "
				     "altered."
				   : "the leak may mix several copies or be "
				     "heavily altered.");
	if (rc == LT_OK && r->verdict != LT_VERDICT_IDENTIFIED &&
	    r->outside_best.recipient &&
	    (r->nsuspects == 0 ||
	     r->outside_best.score > r->suspects[0].score))
		rc = lt_buf_printf(&e, " The best score belongs to a copy outside "
				   "the candidate set, which this trace never "
				   "accuses.");
	if (rc == LT_OK)
		r->explanation = lt_buf_detach(&e, NULL);
	lt_buf_free(&e);
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
	lt_buf_putc(&detail, ']');
	record_among(&detail, r);
	lt_buf_putc(&detail, '}');
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

/*
 * Trace a text (identified, or aligned with `doc_id`), with the words seen
 * on rendered pages; or, when `fig` is not NULL, the image symbols read
 * from a figure of document `doc_id` (no text: the document's code is
 * extended by fig->total image slots, of which the figure's are those from
 * fig->at; the others stay unread).  `pkg` (may be NULL) holds the bytes
 * of a Word file: the figures in it are read too (trace_image.h).
 */
static int trace_core(lt_trace_result **out, lt_vault *v, const char *text,
		      size_t len, const char *doc_id, int record_event,
		      const lt_seen_word *words, size_t nwords,
		      const lt_trace_options *opt, const lt_image_leak *fig,
		      const lt_buf *pkg)
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
	ranked pool[TOP_POOL], outside;
	members in = {0};
	size_t npool = 0, noutside = 0, i, keep, as_original = 0, nlayout = 0;
	size_t bound_n;
	const int16_t *image = fig ? fig->symbols : NULL;
	size_t nimage = fig ? fig->total : 0;
	int rc;

	*out = NULL;
	if (!(r = calloc(1, sizeof(*r))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	r->threshold = lt_vault_threshold(v);
	r->verdict = LT_VERDICT_NO_DOCUMENT;
	if (image) {
		if ((rc = lt_doc_load(&d, v, doc_id, 0)))
			goto out;
	} else if ((rc = lt_tokenize(&leak, text, len))) {
		goto out;
	} else if (doc_id) {
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
	if (al) {
		r->similarity = leak->n ? (double)al->matched / (double)leak->n
					: 0;
		r->coverage = d->tok->n ? (double)al->matched /
						  (double)d->tok->n : 0;
	}
	r->slots_total = d->set->n;
	/* The candidates are fixed here, before any mark is read. */
	if ((rc = fix_among(v, d, opt, r, &in)))
		goto out;
	obs = malloc((d->set->n + 1) * sizeof(*obs));
	cw = malloc(d->set->n + 1);
	if (!obs || !cw) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	if (image) {
		/* a figure shows none of the text's slots */
		for (i = 0; i < d->set->n; i++)
			obs[i] = -1;
	} else if ((rc = lt_slots_read(obs, d->set, d->tok, text, len, leak,
				       al))) {
		goto out;
	}
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
	if (image) {
		/* the figure's image slots extend the code */
		if ((rc = lt_code_extend(&ext, d->code, nimage)))
			goto out;
		code = ext;
		r->slots_total += nimage;
		free(cw);
		obs_ext = malloc((d->set->n + nimage + 1) * sizeof(*obs_ext));
		if (!(cw = malloc(d->set->n + nimage + 1)) || !obs_ext) {
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			goto out;
		}
		memcpy(obs_ext, obs, d->set->n * sizeof(*obs));
		for (i = 0; i < nimage; i++)
			obs_ext[d->set->n + i] = -1;
		for (i = 0; i < fig->n && fig->at + i < nimage; i++) {
			obs_ext[d->set->n + fig->at + i] = image[i];
			r->image_observed += image[i] >= 0;
		}
	} else if (pkg && pkg->len) {
		/* a Word file: its figures' image slots extend the code */
		int16_t *figs = NULL;
		size_t nfig = 0;

		if ((rc = lt_image_leak_docx(&figs, &nfig, &r->image_observed,
					     v, d, pkg->data, pkg->len)))
			goto out;
		if (nfig && (rc = lt_code_extend(&ext, d->code, nfig)) == LT_OK) {
			code = ext;
			r->slots_total += nfig;
			free(cw);
			cw = malloc(d->set->n + nfig + 1);
			obs_ext = malloc((d->set->n + nfig + 1) * sizeof(*obs_ext));
			if (!cw || !obs_ext) {
				rc = lt_error_set(LT_ENOMEM, "out of memory");
			} else {
				memcpy(obs_ext, obs, d->set->n * sizeof(*obs));
				memcpy(obs_ext + d->set->n, figs,
				       nfig * sizeof(*figs));
			}
		}
		free(figs);
		if (rc)
			goto out;
	} else if (words && nwords) {
		int own = 0;

		/* Pages of a PDF original (own-look copies): their lines'
		 * marks alone; else rendered pages: their layout marks.
		 * Either extends the code. */
		if ((rc = lt_trace_pdf_marks(v, d, words, nwords, &obs_ext,
					     &nlayout, &r->layout_observed,
					     &own)))
			goto out;
		if (obs_ext)
			r->lexical_observed = 0; /* the original's text */
		if (!own && (rc = read_layout(d, obs, words, nwords, &obs_ext,
					      &nlayout, &r->layout_observed)))
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
	if ((rc = ext ? score_by_name(v, d, ext, acc, &in, pool, &npool,
				      &outside, &noutside, &r->recipients)
		      : score_all(v, d, acc, &in, pool, &npool, &outside,
				  &noutside, &r->recipients)))
		goto out;
	if (r->recipients == 0) {
		rc = explain(r, "The document was found, but no copies of it have "
			     "been issued.", 0, 0);
		goto done;
	}
	/* The union bound counts the candidates' copies only. */
	bound_n = in.all ? r->recipients : in.n;
	r->candidate_copies = bound_n;
	r->outside = r->recipients - bound_n;
	r->bits_needed_all = lt_bits_needed(r->recipients, r->threshold);
	r->bits_needed = bound_n ? lt_bits_needed(bound_n, r->threshold) : 0;
	if (noutside) {
		/* For the record; p_false over all recipients; never accused. */
		lt_suspect *o = &r->outside_best;

		if ((rc = describe(v, code, acc, &outside, o, cw)))
			goto out;
		o->p_false = lt_accuser_p_false(acc, o->score, r->recipients);
		o->accused = 0;
	}
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

		s->p_false = lt_accuser_p_false(acc, s->score, bound_n);
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
	rc = explain_verdict(r, as_original);
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
	free(in.m);
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
	return trace_core(out, v, text, len, doc_id, record_event, NULL, 0,
			  NULL, NULL, NULL);
}

int lt_trace_run_words(lt_trace_result **out, lt_vault *v, const char *text,
		       size_t len, const char *doc_id, int record_event,
		       const lt_seen_word *words, size_t nwords)
{
	return trace_core(out, v, text, len, doc_id, record_event, words,
			  nwords, NULL, NULL, NULL);
}

int lt_trace_text_ex(lt_trace_result **out, lt_vault *v, const char *text,
		     size_t len, const lt_trace_options *opt)
{
	*out = NULL;
	return lt_vault_keep_error(v, trace_core(out, v, text, len, NULL, 1,
						 NULL, 0, opt, NULL, NULL));
}

int lt_trace_text(lt_trace_result **out, lt_vault *v, const char *text,
		  size_t len)
{
	return lt_trace_text_ex(out, v, text, len, NULL);
}

/* Trace what was extracted from an input (freed here); `pkg` (may be
 * NULL) the input's bytes when it is a Word file (its figures are read). */
static int trace_extracted(lt_trace_result **out, lt_vault *v, lt_extract *e,
			   const lt_trace_options *opt, const lt_buf *pkg)
{
	int rc;

	rc = trace_core(out, v, e->text.data ? e->text.data : "", e->text.len,
			NULL, 1, e->words, e->nwords, opt, NULL,
			e->kind == LT_EXTRACT_DOCX ? pkg : NULL);
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

/*
 * Trace what a picture of a figure gave (trace_image.h): the image
 * document's code extended by its image slots, scored and bounded as any
 * trace, recorded as a "trace" event.
 */
static int trace_figure(lt_trace_result **out, lt_vault *v,
			const lt_image_leak *leak, const lt_trace_options *opt)
{
	const lt_imark_reading *rd = &leak->reading;
	lt_trace_result *r;
	lt_buf e = {0};
	char what[160];
	int rc;

	if ((rc = trace_core(out, v, "", 0, leak->doc_id, 1, NULL, 0, opt,
			     leak, NULL)))
		return rc;
	r = *out;
	r->image_aligned = rd->aligned;
	r->image_fit = rd->fit;
	r->image_distance = leak->distance;
	if (r->verdict == LT_VERDICT_IDENTIFIED || r->recipients == 0)
		return LT_OK;
	/* an image document, or figure k inside a Word or PDF original */
	if (leak->figure >= 0)
		snprintf(what, sizeof(what), "figure %d of '%s'", leak->figure,
			 leak->doc_id);
	else
		snprintf(what, sizeof(what), "'%s'", leak->doc_id);
	if (!rd->aligned)
		rc = lt_buf_printf(&e, "The picture looks like the registered "
				   "figure %s (PDQ distance %d), but could not "
				   "be registered to it: no image mark was read.",
				   what, leak->distance);
	else if (rd->read == 0)
		rc = lt_buf_printf(&e, "The picture is the registered figure "
				   "%s but carries no image mark: %s",
				   what, rd->fit > 0.99
				   ? "it looks like the unmarked original, not an "
				     "issued copy."
				   : "the marks did not survive.");
	if (rc == LT_OK && e.data) {
		free(r->explanation);
		r->explanation = lt_buf_detach(&e, NULL);
	}
	lt_buf_free(&e);
	return rc;
}

/* The largest Word file whose figures are read. */
#define MAX_PACKAGE_BYTES (64u << 20)

int lt_trace_file_ex(lt_trace_result **out, lt_vault *v, const char *path,
		     const lt_trace_options *opt)
{
	lt_extract *e;
	lt_image_leak leak;
	int rc, handled = 0;

	*out = NULL;
	/* a figure registered as an image document is traced by its image
	 * marks; any other picture goes on to OCR as a photo of text */
	if ((rc = lt_image_leak_file(&leak, v, path, &handled)) == LT_OK &&
	    handled)
		rc = trace_figure(out, v, &leak, opt);
	lt_image_leak_clear(&leak);
	if (rc || handled)
		return lt_vault_keep_error(v, rc);
	if ((rc = lt_extract_file_ocr(&e, path, lt_vault_ocr(v))) == LT_OK) {
		lt_buf pkg = {0};

		/* a Word file's figures are read from its bytes */
		if (e->kind == LT_EXTRACT_DOCX &&
		    lt_file_read(&pkg, path, MAX_PACKAGE_BYTES) != LT_OK) {
			lt_error_clear();
			lt_buf_free(&pkg);
		}
		rc = trace_extracted(out, v, e, opt, &pkg);
		lt_buf_free(&pkg);
	}
	return lt_vault_keep_error(v, rc);
}

int lt_trace_file(lt_trace_result **out, lt_vault *v, const char *path)
{
	return lt_trace_file_ex(out, v, path, NULL);
}

int lt_trace_buffer_ex(lt_trace_result **out, lt_vault *v, const void *data,
		       size_t len, const char *name,
		       const lt_trace_options *opt)
{
	lt_extract *e;
	lt_image_leak leak;
	int rc, handled = 0;

	*out = NULL;
	if ((rc = lt_image_leak_read(&leak, v, data, len, name, &handled)) ==
	    LT_OK && handled)
		rc = trace_figure(out, v, &leak, opt);
	lt_image_leak_clear(&leak);
	if (rc || handled)
		return lt_vault_keep_error(v, rc);
	if ((rc = lt_extract_buffer(&e, data, len, name, lt_vault_ocr(v))) ==
	    LT_OK) {
		lt_buf pkg = {(char *)data, len, 0};

		rc = trace_extracted(out, v, e, opt, &pkg);
	}
	return lt_vault_keep_error(v, rc);
}

int lt_trace_buffer(lt_trace_result **out, lt_vault *v, const void *data,
		    size_t len, const char *name)
{
	return lt_trace_buffer_ex(out, v, data, len, name, NULL);
}
