/*
 * match.h - identification of a leaked text among registered documents.
 *
 * Each registered document's tokens are cut into overlapping 3-token
 * shingles; a fixed quarter of them (chosen by hash value, so the same
 * shingles are chosen in every text) go into the vault's `shingles` index.
 * A leak's chosen shingles vote for the documents they occur in; the best
 * candidates are then confirmed by alignment (trace.c).
 */
#ifndef LT_MATCH_H
#define LT_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/text.h"
#include "store/vault_internal.h"

typedef struct lt_candidate {
	int64_t doc;  /* documents.rowid */
	size_t votes; /* chosen shingles shared with the leak */
} lt_candidate;

/* Add a document's chosen shingles to the index (inside a transaction). */
int lt_match_index(lt_vault *v, int64_t doc, const lt_tokens *t);

/*
 * The documents sharing the most chosen shingles with `t`, best first, at
 * most `max` of them with at least `min_votes` votes each.
 */
int lt_match_candidates(lt_vault *v, const lt_tokens *t, size_t min_votes,
			lt_candidate *out, size_t max, size_t *n);

/* Number of chosen shingles of a token list (for thresholds). */
size_t lt_match_shingle_count(const lt_tokens *t);



#include "issue/document_internal.h"

/*
 * Identify the registered document `leak` comes from: vote with shingles,
 * then align the best candidates and keep the one that explains the leak
 * best, if it explains enough of it (a dense run of aligned words, not
 * scattered common words).  On success *doc and *al are set (both NULL when
 * no document matches); the caller frees them.
 */
int lt_identify(lt_vault *v, const lt_tokens *leak, lt_doc **doc,
		lt_alignment **al);
#endif
