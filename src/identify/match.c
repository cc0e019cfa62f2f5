/*
 * match.c - shingle index for identifying which registered document a
 * leaked text comes from (see match.h).
 */
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "base/hash.h"
#include "identify/match.h"
#include "store/docs.h"

#define SHINGLE_TOKENS 3
#define SAMPLE_MASK 3 /* keep shingles whose hash is 0 mod 4 */


/* Hash of the shingle starting at token i, or 0 when it is not chosen. */
static uint64_t shingle_at(const lt_tokens *t, size_t i)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL;
	size_t k;

	for (k = 0; k < SHINGLE_TOKENS; k++)
		h = lt_mix64(h ^ t->tok[i + k].hash) + k;
	if ((h & SAMPLE_MASK) != 0)
		return 0;
	return h >> 1 | 1; /* fits a positive int64, never 0 */
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The distinct chosen shingle hashes of `t`, sorted. Caller frees. */
static int chosen_shingles(const lt_tokens *t, uint64_t **out, size_t *n)
{
	uint64_t *h;
	size_t i, m = 0, u = 0;

	*out = NULL;
	*n = 0;
	if (t->n < SHINGLE_TOKENS)
		return LT_OK;
	if (!(h = malloc((t->n - SHINGLE_TOKENS + 1) * sizeof(*h))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	for (i = 0; i + SHINGLE_TOKENS <= t->n; i++) {
		uint64_t s = shingle_at(t, i);

		if (s)
			h[m++] = s;
	}
	qsort(h, m, sizeof(*h), cmp_u64);
	for (i = 0; i < m; i++)
		if (u == 0 || h[u - 1] != h[i])
			h[u++] = h[i];
	*out = h;
	*n = u;
	return LT_OK;
}

size_t lt_match_shingle_count(const lt_tokens *t)
{
	uint64_t *h;
	size_t n;

	if (chosen_shingles(t, &h, &n))
		return 0;
	free(h);
	return n;
}

int lt_match_index(lt_vault *v, int64_t doc, const lt_tokens *t)
{
	uint64_t *h;
	size_t n;
	int rc;

	if ((rc = chosen_shingles(t, &h, &n)))
		return rc;
	rc = lt_store_docs_add_shingles(v, doc, h, n);
	free(h);
	return rc;
}

static int cmp_candidate(const void *a, const void *b)
{
	const lt_candidate *x = a, *y = b;

	if (x->votes != y->votes)
		return x->votes > y->votes ? -1 : 1;
	return x->doc < y->doc ? -1 : x->doc > y->doc;
}

/* The votes counted so far. */
typedef struct tally {
	lt_candidate *c;
	size_t n, cap;
} tally;

/* One vote for `doc` (lt_store_docs_each_shingle_doc). */
static int vote(void *ctx, int64_t doc)
{
	tally *t = ctx;
	lt_candidate *grown;
	size_t j;

	for (j = 0; j < t->n && t->c[j].doc != doc; j++)
		;
	if (j == t->n) {
		if (t->n == t->cap) {
			t->cap = t->cap ? 2 * t->cap : 16;
			if (!(grown = realloc(t->c, t->cap * sizeof(*grown))))
				return lt_error_set(LT_ENOMEM, "out of memory");
			t->c = grown;
		}
		t->c[t->n].doc = doc;
		t->c[t->n++].votes = 0;
	}
	t->c[j].votes++;
	return LT_OK;
}

int lt_match_candidates(lt_vault *v, const lt_tokens *t, size_t min_votes,
			lt_candidate *out, size_t max, size_t *n)
{
	tally votes = {0};
	uint64_t *h = NULL;
	size_t nh, i;
	int rc;

	*n = 0;
	if ((rc = chosen_shingles(t, &h, &nh)))
		return rc;
	if ((rc = lt_store_docs_each_shingle_doc(v, h, nh, vote, &votes)))
		goto out;
	if (votes.n)
		qsort(votes.c, votes.n, sizeof(*votes.c), cmp_candidate);
	for (i = 0; i < votes.n && *n < max; i++)
		if (votes.c[i].votes >= min_votes)
			out[(*n)++] = votes.c[i];
out:
	free(h);
	free(votes.c);
	return rc;
}

/* ---------------------------------------------------------------------
 * Identification: votes, then alignment
 * ------------------------------------------------------------------- */

#define MAX_CANDIDATES 4
#define MIN_ALIGNED 12

/* Is this alignment a real match rather than scattered common words? */
static int alignment_convincing(const lt_alignment *al, const lt_tokens *leak)
{
	size_t span;

	if (al->matched < MIN_ALIGNED)
		return 0;
	span = al->orig_last - al->orig_first + 1;
	/* The aligned words must cover their stretch of the original densely
	 * and make up a fair part of the leak (or be many in absolute terms,
	 * for an excerpt inside a long chat message). */
	if (al->matched * 2 < span)
		return 0;
	return al->matched * 4 >= leak->n || al->matched >= 60;
}

int lt_identify(lt_vault *v, const lt_tokens *leak, lt_doc **doc,
		lt_alignment **al)
{
	lt_candidate cand[MAX_CANDIDATES];
	size_t ncand, i, min_votes;
	lt_doc *best = NULL;
	lt_alignment *best_al = NULL;
	int rc;

	*doc = NULL;
	*al = NULL;
	min_votes = lt_match_shingle_count(leak) >= 12 ? 2 : 1;
	if ((rc = lt_match_candidates(v, leak, min_votes, cand, MAX_CANDIDATES,
				      &ncand)))
		return rc;
	for (i = 0; i < ncand; i++) {
		lt_doc *d;
		lt_alignment *a;

		if ((rc = lt_doc_load(&d, v, NULL, cand[i].doc)))
			goto fail;
		if ((rc = lt_align(&a, d->tok, leak))) {
			lt_doc_free(d);
			goto fail;
		}
		if (alignment_convincing(a, leak) &&
		    (!best_al || a->matched > best_al->matched)) {
			lt_doc_free(best);
			lt_alignment_free(best_al);
			best = d;
			best_al = a;
		} else {
			lt_doc_free(d);
			lt_alignment_free(a);
		}
	}
	*doc = best;
	*al = best_al;
	return LT_OK;
fail:
	lt_doc_free(best);
	lt_alignment_free(best_al);
	return rc;
}
