/*
 * minhash.h - MinHash signatures of word shingles and an LSH (banding)
 * index over registered documents, for finding which documents a message
 * may quote (minhash.c explains the design).
 *
 * Data flow: tokens (lt_tokenize) --lt_minhash_keys--> band keys (sorted,
 * distinct 32-bit values) --lt_mh_index_add / _build--> index;
 * a message's band keys --lt_mh_index_query--> candidate documents with
 * votes, to be confirmed by alignment (scan.c).
 *
 * Pure in-memory code: no vault, no I/O.  Ownership: key arrays returned
 * are malloc'ed and freed by the caller; an index is freed with
 * lt_mh_index_free().
 */
#ifndef LT_MINHASH_H
#define LT_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/text.h"

#define LT_MH_SHINGLE 3   /* tokens per shingle */
#define LT_MH_WINDOW 40   /* tokens per window */
#define LT_MH_STRIDE 10   /* tokens between window starts */
#define LT_MH_SINGLE 60   /* a text of at most this many tokens is one window */
#define LT_MH_HASHES 64   /* MinHash functions */
#define LT_MH_ROWS 2      /* hashes per band */
#define LT_MH_BANDS (LT_MH_HASHES / LT_MH_ROWS)
#define LT_MH_MIN_TOKENS 24 /* shorter texts are never candidates */
/* Changes whenever any parameter above or the hashing changes, so that
 * cached keys are recomputed. */
#define LT_MH_VERSION 1

/*
 * The MinHash signature of the shingles of `n` token hashes (all of them,
 * as one window), into sig[LT_MH_HASHES].  Returns the number of
 * shingles (0: the signature is all 0xFFFFFFFF).
 */
size_t lt_minhash_signature(uint32_t sig[LT_MH_HASHES], const uint64_t *tok,
			    size_t n);

/* Estimated Jaccard similarity of two signatures. */
double lt_minhash_jaccard(const uint32_t *a, const uint32_t *b);

/*
 * The distinct band keys of all windows of `n` token hashes (a text of at
 * most LT_MH_SINGLE tokens is one window; longer ones are cut into
 * windows of LT_MH_WINDOW tokens every LT_MH_STRIDE tokens, the last one
 * ending with the text), sorted.  *keys is NULL and *n 0 for a text of
 * fewer than LT_MH_SHINGLE tokens.
 */
int lt_minhash_keys(uint32_t **keys, size_t *nkeys, const uint64_t *tok,
		    size_t n);

/* The token hashes of a token list (skipping empty normalised forms). */
int lt_minhash_token_hashes(uint64_t **out, size_t *n, const lt_tokens *t);

typedef struct lt_mh_index lt_mh_index;

typedef struct lt_mh_candidate {
	uint32_t doc;   /* the number the document was added under */
	uint32_t votes; /* distinct band keys shared */
} lt_mh_candidate;

int lt_mh_index_new(lt_mh_index **out);
void lt_mh_index_free(lt_mh_index *ix);

/* Add a document's band keys (before lt_mh_index_build). */
int lt_mh_index_add(lt_mh_index *ix, uint32_t doc, const uint32_t *keys,
		    size_t n);

/* Sort and bucket what was added; the index is then read-only. */
int lt_mh_index_build(lt_mh_index *ix);

/*
 * The documents sharing at least `min_votes` of the (sorted, distinct)
 * `keys`, most votes first, at most `max` of them, into `out`; *nout gets
 * their number.  No allocation: safe and cheap on the hot path.
 */
void lt_mh_index_query(const lt_mh_index *ix, const uint32_t *keys, size_t n,
		       uint32_t min_votes, lt_mh_candidate *out, size_t max,
		       size_t *nout);

/* Entries and bytes held (for benchmarks). */
size_t lt_mh_index_entries(const lt_mh_index *ix);
size_t lt_mh_index_bytes(const lt_mh_index *ix);

#endif
