/*
 * identify.c - the identifier (identify.h): candidates by shingle votes,
 * confirmation by alignment, under one set of thresholds.
 *
 * A text far longer than the document (the copy pasted ten times over, or
 * quoted inside pages of chatter) is first aligned whole; when that does
 * not convince, it is aligned again on its window of about the document's
 * length that holds most of the document's word triples, and that window's
 * alignment is judged as the whole text's would be.  Repetition then costs
 * nothing: every word of one pasted copy is unique inside its window.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "identify/identify.h"
#include "identify/match.h"

#define DOC_CACHE 8     /* documents a resident identifier keeps loaded */
#define MIN_ALIGNED 12  /* aligned words to confirm a match */
#define MANY_ALIGNED 60 /* enough on their own, however spread */
/* A text longer than twice the document and this many tokens is also
 * aligned on its best window. */
#define WINDOW_MIN_EXTRA 32

struct lt_identifier {
	lt_vault *v;
	lt_shingle_index *ix;     /* resident: the index in memory */
	lt_doc *cache[DOC_CACHE]; /* most recently used first */
};

int lt_identifier_new(lt_identifier **out, lt_vault *v, int resident)
{
	lt_identifier *id;
	int rc;

	*out = NULL;
	if (!(id = calloc(1, sizeof(*id))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	id->v = v;
	if (resident && (rc = lt_shingle_index_load(&id->ix, v))) {
		lt_identifier_free(id);
		return rc;
	}
	*out = id;
	return LT_OK;
}

void lt_identifier_free(lt_identifier *id)
{
	size_t i;

	if (!id)
		return;
	for (i = 0; i < DOC_CACHE; i++)
		lt_doc_free(id->cache[i]);
	lt_shingle_index_free(id->ix);
	free(id);
}

/* The loaded document of row `rowid` (kept in a small MRU cache). */
static int get_doc(lt_identifier *id, int64_t rowid, lt_doc **out)
{
	lt_doc *d;
	size_t i;
	int rc;

	for (i = 0; i < DOC_CACHE && id->cache[i]; i++) {
		if (id->cache[i]->rowid == rowid) {
			d = id->cache[i];
			memmove(id->cache + 1, id->cache, i * sizeof(*id->cache));
			id->cache[0] = d;
			*out = d;
			return LT_OK;
		}
	}
	if ((rc = lt_doc_load(&d, id->v, NULL, rowid)))
		return rc;
	lt_doc_free(id->cache[DOC_CACHE - 1]);
	memmove(id->cache + 1, id->cache, (DOC_CACHE - 1) * sizeof(*id->cache));
	id->cache[0] = d;
	*out = d;
	return LT_OK;
}

/*
 * Does the alignment show that the text quotes the document?  At least
 * MIN_ALIGNED words covering their stretch of the original densely (at
 * least half of it) and making up a fair part of the text (a quarter of
 * it, or half of their stretch of it, for an excerpt inside a long
 * message); or MANY_ALIGNED words however they are spread (several
 * excerpts in one post).  *similarity: aligned words over the longer of
 * the two stretches.
 */
static int convincing(const lt_alignment *al, size_t text_tokens,
		      double *similarity)
{
	size_t ospan, lspan, lfirst = SIZE_MAX, llast = 0, j;

	*similarity = 0;
	if (al->matched < MIN_ALIGNED)
		return 0;
	for (j = 0; j < al->n_leak; j++) {
		if (al->leak_to_orig[j] < 0)
			continue;
		if (lfirst == SIZE_MAX)
			lfirst = j;
		llast = j;
	}
	ospan = al->orig_last - al->orig_first + 1;
	lspan = lfirst == SIZE_MAX ? 1 : llast - lfirst + 1;
	*similarity = (double)al->matched / (double)(ospan > lspan ? ospan
								   : lspan);
	if (al->matched >= MANY_ALIGNED)
		return 1;
	if (al->matched * 2 < ospan)
		return 0;
	return al->matched * 4 >= text_tokens || al->matched * 2 >= lspan;
}

/* ---------------------------------------------------------------------
 * Aligning a long text on its best window
 * ------------------------------------------------------------------- */

#define TRIPLE 3 /* tokens of a word triple */

static uint64_t triple_at(const lt_tokens *t, size_t i)
{
	uint64_t h = 0x243f6a8885a308d3ULL;
	size_t k;

	for (k = 0; k < TRIPLE; k++)
		h = (h ^ t->tok[i + k].hash) * 0x100000001b3ULL + k;
	return h;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int has_u64(const uint64_t *v, size_t n, uint64_t key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo] == key;
}

/*
 * The window of `text` (*start, *len tokens) of the document's length and
 * an eighth more that holds most word triples of the document (the first
 * such window).  *len is 0 when no triple of the document is in the text.
 */
static int best_window(const lt_tokens *doc, const lt_tokens *text,
		       size_t *start, size_t *len)
{
	uint64_t *h;
	uint8_t *hit;
	size_t nd, i, w, sum = 0, best = 0;

	*start = *len = 0;
	if (doc->n < TRIPLE || text->n < TRIPLE)
		return LT_OK;
	nd = doc->n - TRIPLE + 1;
	w = doc->n + doc->n / 8 + 8;
	if (w > text->n)
		w = text->n;
	h = malloc(nd * sizeof(*h));
	hit = calloc(text->n, 1);
	if (!h || !hit) {
		free(h);
		free(hit);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (i = 0; i < nd; i++)
		h[i] = triple_at(doc, i);
	qsort(h, nd, sizeof(*h), cmp_u64);
	for (i = 0; i + TRIPLE <= text->n; i++)
		hit[i] = (uint8_t)has_u64(h, nd, triple_at(text, i));
	for (i = 0; i < text->n; i++) {
		sum += hit[i];
		if (i >= w)
			sum -= hit[i - w];
		if (i + 1 >= w && sum > best) {
			best = sum;
			*start = i + 1 - w;
		}
	}
	if (best > 0)
		*len = w;
	free(h);
	free(hit);
	return LT_OK;
}

/*
 * Align the `len` tokens of `text` from `start` with the document, as an
 * alignment of the whole text (tokens outside the window unaligned).
 */
static int align_window(lt_alignment **out, const lt_tokens *doc,
			const lt_tokens *text, size_t start, size_t len)
{
	lt_tokens view = *text;
	lt_alignment *wal;
	int32_t *map;
	size_t k;
	int rc;

	*out = NULL;
	view.tok = text->tok + start;
	view.n = len;
	if ((rc = lt_align(&wal, doc, &view)))
		return rc;
	if (!(map = malloc((text->n ? text->n : 1) * sizeof(*map)))) {
		lt_alignment_free(wal);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (k = 0; k < text->n; k++)
		map[k] = -1;
	for (k = 0; k < len; k++)
		map[start + k] = wal->leak_to_orig[k];
	for (k = 0; k < wal->n_orig; k++)
		if (wal->orig_to_leak[k] >= 0)
			wal->orig_to_leak[k] += (int32_t)start;
	free(wal->leak_to_orig);
	wal->leak_to_orig = map;
	wal->n_leak = text->n;
	*out = wal;
	return LT_OK;
}

/*
 * Align `text` with the document and judge it: *ok when convincing, with
 * *similarity.  A long text whose whole alignment does not convince is
 * judged on its best window (see the top of this file); the alignment
 * returned is the one judged.
 */
static int align_judged(lt_alignment **out, const lt_doc *d,
			const lt_tokens *text, int *ok, double *similarity)
{
	lt_alignment *al, *wal;
	size_t start, len;
	double wsim;
	int rc;

	*out = NULL;
	*ok = 0;
	*similarity = 0;
	if ((rc = lt_align(&al, d->tok, text)))
		return rc;
	*ok = convincing(al, text->n, similarity);
	if (*ok || text->n < 2 * d->tok->n + WINDOW_MIN_EXTRA) {
		*out = al;
		return LT_OK;
	}
	if ((rc = best_window(d->tok, text, &start, &len)) || len == 0) {
		*out = rc ? NULL : al;
		if (rc)
			lt_alignment_free(al);
		return rc;
	}
	if ((rc = align_window(&wal, d->tok, text, start, len))) {
		lt_alignment_free(al);
		return rc;
	}
	if (convincing(wal, len, &wsim)) {
		lt_alignment_free(al);
		*ok = 1;
		*similarity = wsim;
		*out = wal;
	} else {
		lt_alignment_free(wal);
		*out = al;
	}
	return LT_OK;
}

int lt_identify_align(lt_alignment **out, const lt_doc *d,
		      const lt_tokens *text)
{
	double similarity;
	int ok;

	return align_judged(out, d, text, &ok, &similarity);
}

/* ---------------------------------------------------------------------
 * Finding the documents of a text
 * ------------------------------------------------------------------- */

int lt_identifier_find(lt_identifier *id, const lt_tokens *text,
		       lt_identified *out, size_t max, size_t *n)
{
	lt_candidate cand[LT_IDENTIFY_MAX];
	lt_identified all[LT_IDENTIFY_MAX];
	size_t ncand, i, k, min_votes, found = 0;
	int rc, ok;

	*n = 0;
	if (max > LT_IDENTIFY_MAX)
		max = LT_IDENTIFY_MAX;
	if (text->n < LT_IDENTIFY_MIN_TOKENS || max == 0)
		return LT_OK;
	min_votes = lt_match_shingle_count(text) >= 12 ? 2 : 1;
	if ((rc = lt_match_candidates(id->v, id->ix, text, min_votes, cand,
				      LT_IDENTIFY_MAX, &ncand)))
		return rc;
	for (i = 0; i < ncand; i++) {
		lt_identified m = {0};

		if ((rc = get_doc(id, cand[i].doc, &m.doc)) ||
		    (rc = align_judged(&m.al, m.doc, text, &ok, &m.similarity)))
			goto fail;
		if (!ok) {
			lt_alignment_free(m.al);
			continue;
		}
		/* Most aligned words first; equal ones in candidate order. */
		for (k = found; k > 0 && all[k - 1].al->matched < m.al->matched; k--)
			all[k] = all[k - 1];
		all[k] = m;
		found++;
	}
	for (i = 0; i < found; i++) {
		if (i < max)
			out[(*n)++] = all[i];
		else
			lt_alignment_free(all[i].al);
	}
	return LT_OK;
fail:
	for (i = 0; i < found; i++)
		lt_alignment_free(all[i].al);
	return rc;
}

int lt_identify(lt_vault *v, const lt_tokens *text, lt_doc **doc,
		lt_alignment **al)
{
	lt_identifier *id;
	lt_identified best;
	size_t n, i;
	int rc;

	*doc = NULL;
	*al = NULL;
	if ((rc = lt_identifier_new(&id, v, 0)))
		return rc;
	if ((rc = lt_identifier_find(id, text, &best, 1, &n)) == LT_OK && n) {
		/* The caller owns the document: take it out of the cache. */
		for (i = 0; i < DOC_CACHE; i++)
			if (id->cache[i] == best.doc)
				id->cache[i] = NULL;
		*doc = best.doc;
		*al = best.al;
	}
	lt_identifier_free(id);
	return rc;
}
