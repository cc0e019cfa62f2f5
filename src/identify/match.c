/*
 * match.c - the shingle index: choosing a text's shingles, adding a
 * document's to the store, counting a text's votes (match.h).
 */
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
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

struct lt_shingle_index {
	uint64_t *hash; /* sorted */
	int64_t *doc;   /* doc[i] has shingle hash[i] */
	size_t n, cap;
};

static int load_one(void *ctx, uint64_t hash, int64_t doc)
{
	lt_shingle_index *ix = ctx;

	if (ix->n == ix->cap) {
		size_t cap = ix->cap ? 2 * ix->cap : 4096;
		uint64_t *h = realloc(ix->hash, cap * sizeof(*h));
		int64_t *d;

		if (!h)
			return lt_error_set(LT_ENOMEM, "out of memory");
		ix->hash = h;
		if (!(d = realloc(ix->doc, cap * sizeof(*d))))
			return lt_error_set(LT_ENOMEM, "out of memory");
		ix->doc = d;
		ix->cap = cap;
	}
	ix->hash[ix->n] = hash;
	ix->doc[ix->n++] = doc;
	return LT_OK;
}

int lt_shingle_index_load(lt_shingle_index **out, lt_vault *v)
{
	lt_shingle_index *ix;
	int rc;

	*out = NULL;
	if (!(ix = calloc(1, sizeof(*ix))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	if ((rc = lt_store_docs_each_shingle(v, load_one, ix))) {
		lt_shingle_index_free(ix);
		return rc;
	}
	*out = ix;
	return LT_OK;
}

void lt_shingle_index_free(lt_shingle_index *ix)
{
	if (!ix)
		return;
	free(ix->hash);
	free(ix->doc);
	free(ix);
}

/* Vote for the documents of each of `n` hashes found in `ix`. */
static int vote_in_memory(const lt_shingle_index *ix, const uint64_t *h,
			  size_t n, tally *votes)
{
	size_t i, lo, hi;
	int rc;

	for (i = 0; i < n; i++) {
		lo = 0;
		hi = ix->n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (ix->hash[mid] < h[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < ix->n && ix->hash[lo] == h[i]; lo++)
			if ((rc = vote(votes, ix->doc[lo])))
				return rc;
	}
	return LT_OK;
}

int lt_match_candidates(lt_vault *v, const lt_shingle_index *ix,
			const lt_tokens *t, size_t min_votes, lt_candidate *out,
			size_t max, size_t *n)
{
	tally votes = {0};
	uint64_t *h = NULL;
	size_t nh, i;
	int rc;

	*n = 0;
	if ((rc = chosen_shingles(t, &h, &nh)))
		return rc;
	if ((rc = ix ? vote_in_memory(ix, h, nh, &votes)
		     : lt_store_docs_each_shingle_doc(v, h, nh, vote, &votes)))
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
