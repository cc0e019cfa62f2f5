/*
 * minhash.c - MinHash over word shingles and an LSH banding index
 * (minhash.h).
 *
 * The problem: a chat message quotes an EXCERPT (40 words or more) of a
 * registered document, maybe retyped with typos or OCR'd, inside other
 * chatter.  MinHash estimates the Jaccard similarity of whole shingle
 * sets, which is tiny between a 40-word excerpt and a 2,000-word
 * document, so whole-document signatures cannot find it.  Instead both
 * sides are cut into short windows and windows are compared:
 *
 *   - Shingles are 3 consecutive normalised tokens (lt_tokenize's hashes,
 *     so case, accents, punctuation and line breaks do not matter).
 *   - A document is indexed as overlapping windows of 40 tokens starting
 *     every 10 tokens: any 40-word excerpt lies, except for at most 10
 *     tokens at one end, inside one window.
 *   - A message of up to 60 tokens is one window (it is mostly the
 *     excerpt, or too short to hold one); a longer message is cut like a
 *     document, so an excerpt inside a long post still meets a window
 *     that is mostly excerpt.
 *   - Each window gets a 64-value MinHash signature (multiply-shift hash
 *     functions over the 64-bit shingle hashes) cut into 32 bands of 2
 *     values; a band hashes to a 32-bit key.  Two windows with Jaccard J
 *     share a given band with probability J^2, so at J = 0.3 (an excerpt
 *     with a typo or a changed word every ten words, against a window it
 *     fills three quarters of) the chance that no band of no overlapping
 *     window pair is shared is well under 1%, while unrelated text shares
 *     no shingle (J = 0) and cannot collide except by a 32-bit accident.
 *   - A document keeps only its distinct band keys (neighbouring windows
 *     share most of theirs); the index is one sorted array of (key, doc)
 *     with a bucket table over the key's top bits, so a lookup is one
 *     bucket read, and a message that shares nothing costs its keys'
 *     bucket reads and nothing else.
 *   - A document is a candidate when it shares at least two distinct band
 *     keys with the message; candidates are confirmed by alignment
 *     (scan.c), which is what rejects text on the same topic that merely
 *     shares a few phrases.
 *
 * Texts of fewer than LT_MH_MIN_TOKENS tokens are never candidates: that
 * is the cheap path taken by almost every chat message.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "leaktrace/error.h"
#include "base/hash.h"
#include "identify/minhash.h"


/* The hash functions: h_i(s) = high 32 bits of (s * A[i] + B[i]). */
static uint64_t coef_a[LT_MH_HASHES], coef_b[LT_MH_HASHES];
static pthread_once_t coef_once = PTHREAD_ONCE_INIT;

static void coef_init(void)
{
	uint64_t x = 0x6c65616b74726163ULL; /* fixed: keys are cached */
	size_t i;

	for (i = 0; i < LT_MH_HASHES; i++) {
		x += 0x9e3779b97f4a7c15ULL;
		coef_a[i] = lt_mix64(x) | 1;
		x += 0x9e3779b97f4a7c15ULL;
		coef_b[i] = lt_mix64(x);
	}
}

/* Hash of the shingle starting at token i. */
static uint64_t shingle(const uint64_t *tok, size_t i)
{
	uint64_t h = 0x243f6a8885a308d3ULL;
	size_t k;

	for (k = 0; k < LT_MH_SHINGLE; k++)
		h = lt_mix64(h ^ tok[i + k]) + k;
	return h;
}

/* The signature of shingles [from, to) given their hash values. */
static void window_sig(uint32_t sig[LT_MH_HASHES], const uint32_t *vals,
		       size_t from, size_t to)
{
	size_t s, i;

	for (i = 0; i < LT_MH_HASHES; i++)
		sig[i] = UINT32_MAX;
	for (s = from; s < to; s++) {
		const uint32_t *v = vals + s * LT_MH_HASHES;

		for (i = 0; i < LT_MH_HASHES; i++)
			if (v[i] < sig[i])
				sig[i] = v[i];
	}
}

/* All hash values of all shingles: nsh x LT_MH_HASHES. */
static uint32_t *shingle_values(const uint64_t *tok, size_t nsh)
{
	uint32_t *vals = malloc(nsh * LT_MH_HASHES * sizeof(*vals));
	size_t s, i;

	if (!vals)
		return NULL;
	pthread_once(&coef_once, coef_init);
	for (s = 0; s < nsh; s++) {
		uint64_t x = shingle(tok, s);
		uint32_t *v = vals + s * LT_MH_HASHES;

		for (i = 0; i < LT_MH_HASHES; i++)
			v[i] = (uint32_t)((x * coef_a[i] + coef_b[i]) >> 32);
	}
	return vals;
}

size_t lt_minhash_signature(uint32_t sig[LT_MH_HASHES], const uint64_t *tok,
			    size_t n)
{
	size_t nsh = n >= LT_MH_SHINGLE ? n - LT_MH_SHINGLE + 1 : 0, s, i;

	pthread_once(&coef_once, coef_init);
	for (i = 0; i < LT_MH_HASHES; i++)
		sig[i] = UINT32_MAX;
	for (s = 0; s < nsh; s++) {
		uint64_t x = shingle(tok, s);

		for (i = 0; i < LT_MH_HASHES; i++) {
			uint32_t v = (uint32_t)((x * coef_a[i] + coef_b[i]) >> 32);

			if (v < sig[i])
				sig[i] = v;
		}
	}
	return nsh;
}

double lt_minhash_jaccard(const uint32_t *a, const uint32_t *b)
{
	size_t i, same = 0;

	for (i = 0; i < LT_MH_HASHES; i++)
		same += a[i] == b[i];
	return (double)same / LT_MH_HASHES;
}

/* The band keys of one signature, appended at out. */
static void band_keys(uint32_t *out, const uint32_t sig[LT_MH_HASHES])
{
	size_t j;

	for (j = 0; j < LT_MH_BANDS; j++) {
		uint64_t x = (uint64_t)sig[j * LT_MH_ROWS] << 32 |
			     sig[j * LT_MH_ROWS + 1];

		out[j] = (uint32_t)(lt_mix64(x ^ (0x9e3779b97f4a7c15ULL * (j + 1))) >>
				    32);
	}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

int lt_minhash_keys(uint32_t **keys, size_t *nkeys, const uint64_t *tok,
		    size_t n)
{
	size_t nsh, nwin, w, i, u;
	uint32_t *vals, *out, sig[LT_MH_HASHES];
	const size_t wsh = LT_MH_WINDOW - LT_MH_SHINGLE + 1;

	*keys = NULL;
	*nkeys = 0;
	if (n < LT_MH_SHINGLE)
		return LT_OK;
	nsh = n - LT_MH_SHINGLE + 1;
	nwin = n <= LT_MH_SINGLE ? 1
		: (n - LT_MH_WINDOW + LT_MH_STRIDE - 1) / LT_MH_STRIDE + 1;
	if (!(vals = shingle_values(tok, nsh)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	if (!(out = malloc(nwin * LT_MH_BANDS * sizeof(*out)))) {
		free(vals);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (w = 0; w < nwin; w++) {
		size_t from = w * LT_MH_STRIDE, to;

		if (nwin == 1) {
			from = 0;
			to = nsh;
		} else {
			if (from + wsh > nsh)
				from = nsh - wsh; /* the last window ends the text */
			to = from + wsh;
		}
		window_sig(sig, vals, from, to);
		band_keys(out + w * LT_MH_BANDS, sig);
	}
	free(vals);
	qsort(out, nwin * LT_MH_BANDS, sizeof(*out), cmp_u32);
	for (i = 0, u = 0; i < nwin * LT_MH_BANDS; i++)
		if (u == 0 || out[u - 1] != out[i])
			out[u++] = out[i];
	*keys = out;
	*nkeys = u;
	return LT_OK;
}

int lt_minhash_token_hashes(uint64_t **out, size_t *n, const lt_tokens *t)
{
	uint64_t *h;
	size_t i, m = 0;

	*out = NULL;
	*n = 0;
	if (!(h = malloc((t->n ? t->n : 1) * sizeof(*h))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	for (i = 0; i < t->n; i++)
		if (t->tok[i].norm_len)
			h[m++] = t->tok[i].hash;
	*out = h;
	*n = m;
	return LT_OK;
}

/* =====================================================================
 * The index
 * =================================================================== */

typedef struct entry {
	uint32_t key;
	uint32_t doc;
} entry;

struct lt_mh_index {
	entry *e;
	size_t n, cap;
	uint32_t *bucket; /* 2^bits + 1 offsets into e */
	unsigned bits;
	int built;
};

int lt_mh_index_new(lt_mh_index **out)
{
	if (!(*out = calloc(1, sizeof(**out))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	return LT_OK;
}

void lt_mh_index_free(lt_mh_index *ix)
{
	if (!ix)
		return;
	free(ix->e);
	free(ix->bucket);
	free(ix);
}

int lt_mh_index_add(lt_mh_index *ix, uint32_t doc, const uint32_t *keys,
		    size_t n)
{
	size_t i;
	int rc;

	if (ix->built)
		return lt_error_set(LT_EINTERNAL, "index already built");
	if (n > SIZE_MAX - ix->n)
		return lt_error_set(LT_ENOMEM, "out of memory");
	if ((rc = LT_ARRAY_GROW(ix->e, ix->cap, ix->n + n)))
		return rc;
	for (i = 0; i < n; i++)
		ix->e[ix->n++] = (entry){keys[i], doc};
	return LT_OK;
}

static int cmp_entry(const void *a, const void *b)
{
	const entry *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->doc < y->doc ? -1 : x->doc > y->doc;
}

int lt_mh_index_build(lt_mh_index *ix)
{
	size_t i, u = 0, nb;
	unsigned bits = 4;

	if (ix->n)
		qsort(ix->e, ix->n, sizeof(*ix->e), cmp_entry);
	for (i = 0; i < ix->n; i++)
		if (u == 0 || cmp_entry(&ix->e[u - 1], &ix->e[i]))
			ix->e[u++] = ix->e[i];
	ix->n = u;
	while (bits < 30 && ((size_t)1 << bits) < u)
		bits++;
	nb = (size_t)1 << bits;
	free(ix->bucket);
	if (!(ix->bucket = malloc((nb + 1) * sizeof(*ix->bucket))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	/* bucket[b] = first entry whose key's top bits are >= b */
	for (i = 0, u = 0; i <= nb; i++) {
		while (u < ix->n && (ix->e[u].key >> (32 - bits)) < i)
			u++;
		ix->bucket[i] = (uint32_t)u;
	}
	ix->bits = bits;
	ix->built = 1;
	return LT_OK;
}

void lt_mh_index_query(const lt_mh_index *ix, const uint32_t *keys, size_t n,
		       uint32_t min_votes, lt_mh_candidate *out, size_t max,
		       size_t *nout)
{
	lt_mh_candidate c[64];
	size_t nc = 0, i, j, k;

	*nout = 0;
	if (!ix->built || ix->n == 0)
		return;
	for (i = 0; i < n; i++) {
		uint32_t b = keys[i] >> (32 - ix->bits);

		for (k = ix->bucket[b]; k < ix->bucket[b + 1]; k++) {
			if (ix->e[k].key != keys[i])
				continue;
			for (j = 0; j < nc && c[j].doc != ix->e[k].doc; j++)
				;
			if (j == nc) {
				if (nc == sizeof(c) / sizeof(c[0]))
					continue; /* enough candidates already */
				c[nc++] = (lt_mh_candidate){ix->e[k].doc, 0};
			}
			c[j].votes++;
		}
	}
	/* best first (insertion sort: there are few) */
	for (i = 1; i < nc; i++) {
		lt_mh_candidate x = c[i];

		for (j = i; j > 0 && (c[j - 1].votes < x.votes ||
				      (c[j - 1].votes == x.votes &&
				       c[j - 1].doc > x.doc)); j--)
			c[j] = c[j - 1];
		c[j] = x;
	}
	for (i = 0; i < nc && *nout < max; i++)
		if (c[i].votes >= min_votes)
			out[(*nout)++] = c[i];
}

size_t lt_mh_index_entries(const lt_mh_index *ix)
{
	return ix->n;
}

size_t lt_mh_index_bytes(const lt_mh_index *ix)
{
	return ix->cap * sizeof(entry) +
	       (ix->bucket ? (((size_t)1 << ix->bits) + 1) * sizeof(uint32_t) : 0);
}
