/*
 * identify.c - the identifier (identify.h): candidates by shingle votes,
 * confirmation by alignment, under one set of thresholds.
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

int lt_identifier_find(lt_identifier *id, const lt_tokens *text,
		       lt_identified *out, size_t max, size_t *n)
{
	lt_candidate cand[LT_IDENTIFY_MAX];
	lt_identified all[LT_IDENTIFY_MAX];
	size_t ncand, i, k, min_votes, found = 0;
	int rc;

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
		    (rc = lt_align(&m.al, m.doc->tok, text)))
			goto fail;
		if (!convincing(m.al, text->n, &m.similarity)) {
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
