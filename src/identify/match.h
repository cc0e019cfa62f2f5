/*
 * match.h - the shingle index: which registered documents a text shares
 * chosen shingles with (the candidates identify.h aligns with).
 *
 * Each registered document's tokens are cut into overlapping 3-token
 * shingles; a fixed quarter of them (chosen by hash value, so the same
 * shingles are chosen in every text) go into the store's index (the docs
 * area).  A text's chosen shingles vote for the documents they occur in.
 * The index is read from the store for each text, or loaded into memory
 * once (lt_shingle_index) by a long-lived identifier: the votes are the
 * same either way.
 */
#ifndef LT_MATCH_H
#define LT_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/text.h"
#include "store/vault_internal.h"

typedef struct lt_candidate {
	int64_t doc;  /* document row */
	size_t votes; /* chosen shingles shared with the text */
} lt_candidate;

/* The store's shingle index, loaded into memory. */
typedef struct lt_shingle_index lt_shingle_index;

/* Add a document's chosen shingles to the index (inside a transaction). */
int lt_match_index(lt_vault *v, int64_t doc, const lt_tokens *t);

/* Load the whole index from the store; freed with
 * lt_shingle_index_free(). */
int lt_shingle_index_load(lt_shingle_index **out, lt_vault *v);
void lt_shingle_index_free(lt_shingle_index *ix);

/*
 * The documents sharing the most chosen shingles with `t`, best first
 * (most votes, then lowest row), at most `max` of them with at least
 * `min_votes` votes each.  Votes are counted in `ix` when it is not NULL,
 * else in the store.
 */
int lt_match_candidates(lt_vault *v, const lt_shingle_index *ix,
			const lt_tokens *t, size_t min_votes, lt_candidate *out,
			size_t max, size_t *n);

/* Number of chosen shingles of a token list (for thresholds). */
size_t lt_match_shingle_count(const lt_tokens *t);

#endif
