/*
 * align.c - aligning a leaked text's tokens onto the original's.
 *
 * The leak may be the whole copy or excerpts of it, reflowed, retyped with
 * typos, read back by OCR, embedded in unrelated chatter, or written from
 * a marked copy whose words differ from the original's at the slots.  The
 * alignment must pair every token that is really the same, keep unchanged
 * tokens around a variation aligned, and not pair unrelated tokens.
 *
 * Method, in four steps:
 *
 *  1. Anchors (patience-diff style).  Tokens and token bigrams that occur
 *     exactly once in the original region and once in the leak region are
 *     candidate pairs.  A single-token candidate is kept only when a
 *     neighbour also matches, so that a rare word shared by two unrelated
 *     texts does not anchor anything.  The longest chain of candidates
 *     increasing in both texts is kept, and the search recurses into the
 *     large gaps between chained anchors, where words that were common in
 *     the whole text may be unique.
 *
 *  2. Gaps.  Between consecutive anchors a global alignment with affine
 *     gap costs (Gotoh) pairs tokens whose normalised forms are equal
 *     (exact), close in edit distance (fuzzy: typos, OCR confusions such
 *     as rn/m, l/1, O/0 folded first), or where two tokens of one side
 *     spell one token of the other (split or merged words).  Before the
 *     first and after the last anchor the alignment may start or end
 *     anywhere (the leak may be an excerpt or carry chatter).  Every
 *     dynamic-programming table is capped in size; an oversized gap is
 *     only extended a bounded way from both of its anchors.
 *
 *  3. Islands.  Aligned pairs are grouped into islands (pairs at most
 *     ISLAND_GAP tokens apart on both sides); islands with too little
 *     evidence (a couple of short common words, a shared phrase of a
 *     related but different text) are dropped.  Isolated short or fuzzy
 *     pairs with no aligned pair nearby are dropped too.
 *
 *  4. The result: both direction maps, per-token quality, counts.
 */
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/utf8.h"
#include "leaktrace/error.h"
#include "leaktrace/text.h"
#include "text/text_internal.h"

/* Dynamic programming limits (cells of one table). */
#define DP_MAX_CELLS (2u << 20)
#define DP_WINDOW 1024
/* Gaps whose table is at most this big are not searched for anchors. */
#define ANCHOR_MIN_CELLS 4096
#define ANCHOR_MAX_DEPTH 24

/* Scores. */
#define SC_EXACT_LONG 5
#define SC_EXACT_SHORT 3
#define SC_FUZZY 3
#define SC_CONCAT 3
#define SC_MISMATCH (-3)
#define SC_GAP_OPEN (-4)
#define SC_GAP_EXTEND (-1)
#define SC_NEG_INF (INT32_MIN / 4)

/* Island filter. */
#define ISLAND_GAP 4
#define ISLAND_MIN_WEIGHT 8
#define ISLAND_MIN_WEIGHT_WHOLE 5
#define ISOLATION_RADIUS 2

/* How two tokens compare. */
enum { CMP_NONE = 0, CMP_FUZZY = 1, CMP_EXACT = 2 };

/* Per-token facts precomputed for matching. */
typedef struct tok_info {
	uint64_t hash;
	uint64_t mask;     /* one bit per skeleton character (hashed) */
	uint32_t skel;     /* offset of the OCR skeleton in the side's pool */
	uint16_t skel_len; /* skeleton length in code points */
	uint16_t ncp;      /* normalised length in code points */
} tok_info;

/* One text's tokens with their matching facts. */
typedef struct side {
	const lt_tokens *t;
	tok_info *info;
	uint32_t *skel_pool;
} side;

/* A pair of aligned token indexes. */
typedef struct pair {
	uint32_t i, j;
} pair;

/* A growable array of pairs. */
typedef struct pair_vec {
	pair *p;
	size_t n, cap;
} pair_vec;

/* Everything one lt_align call works with. */
typedef struct aligner {
	side o, l;
	pair_vec anchors;
	pair_vec pairs;
	size_t budget; /* tokens the anchor search may still hash */
} aligner;

/* Append a pair. */
static int pv_push(pair_vec *v, uint32_t i, uint32_t j)
{
	int rc = LT_ARRAY_GROW(v->p, v->cap, v->n + 1);

	if (rc)
		return rc;
	v->p[v->n].i = i;
	v->p[v->n].j = j;
	v->n++;
	return LT_OK;
}

/* ------------------------------------------------------------------------
 * Token comparison
 * --------------------------------------------------------------------- */

/*
 * Write the OCR skeleton of a normalised form: characters OCR confuses
 * are folded together (rn/m, cl/d, vv/w, 1/l/i/|/!, 0/o).  `out` has room
 * for `len` code points.  Returns the number written.
 */
static size_t skeleton(const char *norm, size_t len, uint32_t *out)
{
	const unsigned char *s = (const unsigned char *)norm;
	size_t i = 0, k = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = lt_utf8_next(s + i, len - i, &cp);

		if (i + 1 < len) {
			unsigned char a = s[i], b = s[i + 1];

			if ((a == 'r' && b == 'n') || (a == 'c' && b == 'l') ||
			    (a == 'v' && b == 'v')) {
				out[k++] = a == 'r' ? 'm' : a == 'c' ? 'd' : 'w';
				i += 2;
				continue;
			}
		}
		if (cp == '1' || cp == 'i' || cp == '|' || cp == '!')
			cp = 'l';
		else if (cp == '0')
			cp = 'o';
		out[k++] = cp;
		i += n;
	}
	return k;
}

/* Bit for a skeleton character in a token mask. */
static uint64_t cp_bit(uint32_t cp)
{
	return 1ULL << ((cp * 0x9E3779B1u) >> 26);
}

/* Precompute the matching facts of every token of one side. */
static int side_init(side *sd, const lt_tokens *t)
{
	size_t i, off = 0;

	sd->t = t;
	sd->info = calloc(t->n ? t->n : 1, sizeof(*sd->info));
	sd->skel_pool = malloc((t->pool_len ? t->pool_len : 1) *
			       sizeof(*sd->skel_pool));
	if (!sd->info || !sd->skel_pool)
		return lt_error_set(LT_ENOMEM, "out of memory aligning");
	for (i = 0; i < t->n; i++) {
		const lt_token *tk = &t->tok[i];
		tok_info *in = &sd->info[i];
		const char *norm = t->pool + tk->norm;
		size_t k, n;

		if ((size_t)tk->norm + tk->norm_len > t->pool_len)
			return lt_error_set(LT_EINTERNAL,
					    "token %zu: bad normalised form", i);
		in->hash = tk->hash;
		in->ncp = (uint16_t)lt_utf8_count(norm, tk->norm_len);
		in->skel = (uint32_t)off;
		n = skeleton(norm, tk->norm_len, sd->skel_pool + off);
		in->skel_len = (uint16_t)n;
		in->mask = 0;
		for (k = 0; k < n; k++)
			in->mask |= cp_bit(sd->skel_pool[off + k]);
		off += n;
	}
	return LT_OK;
}

/* Release one side's precomputed facts. */
static void side_free(side *sd)
{
	free(sd->info);
	free(sd->skel_pool);
}

/* Are the normalised forms of orig token i and leak token j equal? */
static int same_norm(const aligner *a, size_t i, size_t j)
{
	const lt_token *x = &a->o.t->tok[i], *y = &a->l.t->tok[j];

	return x->hash == y->hash && x->norm_len == y->norm_len &&
	       memcmp(a->o.t->pool + x->norm, a->l.t->pool + y->norm,
		      x->norm_len) == 0;
}

/* Edits allowed for a fuzzy match of words `ncp` code points long. */
static size_t fuzzy_limit(size_t ncp)
{
	if (ncp < 4)
		return 0;
	return ncp < 8 ? 1 : 2;
}

/* Number of set bits. */
static int popcount64(uint64_t x)
{
	return __builtin_popcountll(x);
}

/* Compare orig token i with leak token j: CMP_EXACT, CMP_FUZZY or none. */
static int compare(const aligner *a, size_t i, size_t j)
{
	const tok_info *x = &a->o.info[i], *y = &a->l.info[j];
	size_t k, dl;

	if (x->hash == y->hash && same_norm(a, i, j))
		return CMP_EXACT;
	k = fuzzy_limit(x->ncp < y->ncp ? x->ncp : y->ncp);
	if (!k)
		return CMP_NONE;
	dl = x->skel_len > y->skel_len ? x->skel_len - y->skel_len
				       : y->skel_len - x->skel_len;
	if (dl > k || popcount64(x->mask ^ y->mask) > (int)(2 * k))
		return CMP_NONE;
	if (lt_edit_distance_cp(a->o.skel_pool + x->skel, x->skel_len,
				a->l.skel_pool + y->skel, y->skel_len, k,
				1) <= k)
		return CMP_FUZZY;
	return CMP_NONE;
}

/*
 * Do two adjacent tokens of one side (first, first+1) spell the single
 * token `one` of the other side, up to a fuzzy edit?  `pair_side` holds
 * the two tokens, `one_side` the one.  Split and merged words.
 */
static int concat_match(const side *pair_side, size_t first,
			const side *one_side, size_t one)
{
	const tok_info *p1 = &pair_side->info[first];
	const tok_info *p2 = &pair_side->info[first + 1];
	const tok_info *q = &one_side->info[one];
	uint32_t buf[128];
	size_t len = (size_t)p1->skel_len + p2->skel_len, k, dl, ncp;

	if (p1->skel_len == 0 || p2->skel_len == 0)
		return 0;
	ncp = (size_t)p1->ncp + p2->ncp;
	if (ncp < 4 || q->ncp < 4)
		return 0;
	k = fuzzy_limit(ncp < q->ncp ? ncp : q->ncp);
	dl = len > q->skel_len ? len - q->skel_len : q->skel_len - len;
	if (dl > k || len > 128 ||
	    popcount64((p1->mask | p2->mask) ^ q->mask) > (int)(2 * k))
		return 0;
	memcpy(buf, pair_side->skel_pool + p1->skel,
	       p1->skel_len * sizeof(*buf));
	memcpy(buf + p1->skel_len, pair_side->skel_pool + p2->skel,
	       p2->skel_len * sizeof(*buf));
	return lt_edit_distance_cp(buf, len, one_side->skel_pool + q->skel,
				   q->skel_len, k, 1) <= k;
}

/* Score of pairing orig token i with leak token j (diagonal move). */
static int32_t pair_score(const aligner *a, size_t i, size_t j)
{
	switch (compare(a, i, j)) {
	case CMP_EXACT:
		return a->o.info[i].ncp >= 4 ? SC_EXACT_LONG : SC_EXACT_SHORT;
	case CMP_FUZZY:
		return SC_FUZZY;
	default:
		return SC_MISMATCH;
	}
}

/* ------------------------------------------------------------------------
 * Anchors
 * --------------------------------------------------------------------- */

/* One key's occurrences in the two regions. */
typedef struct occ {
	uint64_t key;
	uint32_t cnt_o, cnt_l;
	uint32_t pos_o, pos_l;
	uint8_t used, bigram;
} occ;

/* Mix two token hashes into a bigram key. */
static uint64_t bigram_key(uint64_t h1, uint64_t h2)
{
	uint64_t k = h1 * 0x9E3779B97F4A7C15ULL ^ (h2 + 0x632BE59BD9B4E019ULL);

	k ^= k >> 31;
	k *= 0xBF58476D1CE4E5B9ULL;
	return k ^ (k >> 29);
}

/* Find or insert `key` in an open-addressing table of 2^bits slots. */
static occ *occ_slot(occ *tab, size_t mask, uint64_t key, int bigram)
{
	size_t h = (size_t)(key ^ (key >> 32)) & mask;

	for (;;) {
		occ *e = &tab[h];

		if (!e->used) {
			e->used = 1;
			e->key = key;
			e->bigram = (uint8_t)bigram;
			return e;
		}
		if (e->key == key && e->bigram == bigram)
			return e;
		h = (h + 1) & mask;
	}
}

/* Is orig token i similar (exact or fuzzy) to leak token j, in range? */
static int similar_at(const aligner *a, long i, long j)
{
	if (i < 0 || j < 0 || (size_t)i >= a->o.t->n ||
	    (size_t)j >= a->l.t->n)
		return 0;
	return compare(a, (size_t)i, (size_t)j) != CMP_NONE;
}

/* Order candidates by orig index, then leak index descending (for LIS). */
static int cand_cmp(const void *x, const void *y)
{
	const pair *p = x, *q = y;

	if (p->i != q->i)
		return p->i < q->i ? -1 : 1;
	if (p->j != q->j)
		return p->j > q->j ? -1 : 1;
	return 0;
}

static int find_anchors(aligner *a, size_t o0, size_t o1, size_t l0,
			size_t l1, int depth);

/*
 * Longest chain of candidates increasing in both indexes (patience
 * sorting), then recursion into the gaps around the chained anchors.
 */
static int chain_and_recurse(aligner *a, pair *c, size_t nc, size_t o0,
			     size_t o1, size_t l0, size_t l1, int depth)
{
	size_t *tail = NULL, *prev = NULL, *chain = NULL;
	size_t len = 0, k, lo, hi, idx, po, pl;
	int rc = LT_OK;

	qsort(c, nc, sizeof(*c), cand_cmp);
	tail = malloc(nc * sizeof(*tail));
	prev = malloc(nc * sizeof(*prev));
	if (!tail || !prev) {
		rc = lt_error_set(LT_ENOMEM, "out of memory aligning");
		goto done;
	}
	for (k = 0; k < nc; k++) {
		lo = 0;
		hi = len;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (c[tail[mid]].j < c[k].j)
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[k] = lo ? tail[lo - 1] : (size_t)-1;
		tail[lo] = k;
		if (lo == len)
			len++;
	}
	chain = malloc(len * sizeof(*chain));
	if (!chain) {
		rc = lt_error_set(LT_ENOMEM, "out of memory aligning");
		goto done;
	}
	idx = tail[len - 1];
	for (k = len; k-- > 0;) {
		chain[k] = idx;
		idx = prev[idx];
	}
	po = o0;
	pl = l0;
	for (k = 0; k < len && rc == LT_OK; k++) {
		pair p = c[chain[k]];

		rc = find_anchors(a, po, p.i, pl, p.j, depth + 1);
		if (!rc)
			rc = pv_push(&a->anchors, p.i, p.j);
		po = p.i + 1;
		pl = p.j + 1;
	}
	if (!rc)
		rc = find_anchors(a, po, o1, pl, l1, depth + 1);
done:
	free(tail);
	free(prev);
	free(chain);
	return rc;
}

/*
 * Append to a->anchors, in order, the anchors found in orig [o0, o1) and
 * leak [l0, l1).  Small regions are left to the gap alignment.
 */
static int find_anchors(aligner *a, size_t o0, size_t o1, size_t l0,
			size_t l1, int depth)
{
	size_t no = o1 - o0, nl = l1 - l0, size, mask, k, nc = 0;
	const tok_info *io = a->o.info, *il = a->l.info;
	occ *tab;
	pair *c;
	int rc;

	if (no == 0 || nl == 0)
		return LT_OK;
	if (depth > 0 && (double)no * nl <= ANCHOR_MIN_CELLS)
		return LT_OK;
	if (depth > ANCHOR_MAX_DEPTH || no + nl > a->budget)
		return LT_OK;
	a->budget -= no + nl;

	for (size = 64; size < 4 * (no + nl); size *= 2)
		;
	mask = size - 1;
	tab = calloc(size, sizeof(*tab));
	c = malloc((3 * (no < nl ? no : nl) + 3) * sizeof(*c));
	if (!tab || !c) {
		free(tab);
		free(c);
		return lt_error_set(LT_ENOMEM, "out of memory aligning");
	}
	for (k = o0; k < o1; k++) {
		occ *e = occ_slot(tab, mask, io[k].hash, 0);

		e->cnt_o++;
		e->pos_o = (uint32_t)k;
		if (k + 1 < o1) {
			e = occ_slot(tab, mask,
				     bigram_key(io[k].hash, io[k + 1].hash), 1);
			e->cnt_o++;
			e->pos_o = (uint32_t)k;
		}
	}
	for (k = l0; k < l1; k++) {
		occ *e = occ_slot(tab, mask, il[k].hash, 0);

		e->cnt_l++;
		e->pos_l = (uint32_t)k;
		if (k + 1 < l1) {
			e = occ_slot(tab, mask,
				     bigram_key(il[k].hash, il[k + 1].hash), 1);
			e->cnt_l++;
			e->pos_l = (uint32_t)k;
		}
	}
	for (k = 0; k < size; k++) {
		occ *e = &tab[k];
		long i, j;

		if (!e->used || e->cnt_o != 1 || e->cnt_l != 1)
			continue;
		i = e->pos_o;
		j = e->pos_l;
		if (e->bigram) {
			if (!same_norm(a, (size_t)i, (size_t)j) ||
			    !same_norm(a, (size_t)i + 1, (size_t)j + 1))
				continue;
			c[nc].i = (uint32_t)i;
			c[nc++].j = (uint32_t)j;
			c[nc].i = (uint32_t)i + 1;
			c[nc++].j = (uint32_t)j + 1;
		} else {
			if (!same_norm(a, (size_t)i, (size_t)j))
				continue;
			if (!similar_at(a, i - 1, j - 1) &&
			    !similar_at(a, i + 1, j + 1))
				continue;
			c[nc].i = (uint32_t)i;
			c[nc++].j = (uint32_t)j;
		}
		if (nc + 2 > 3 * (no < nl ? no : nl) + 3)
			break;
	}
	free(tab);
	if (nc == 0) {
		free(c);
		return LT_OK;
	}
	/* Drop duplicates (a pair found as unigram and in a bigram). */
	qsort(c, nc, sizeof(*c), cand_cmp);
	{
		size_t w = 0;

		for (k = 0; k < nc; k++)
			if (!w || c[k].i != c[w - 1].i || c[k].j != c[w - 1].j)
				c[w++] = c[k];
		nc = w;
	}
	rc = chain_and_recurse(a, c, nc, o0, o1, l0, l1, depth);
	free(c);
	return rc;
}

/* ------------------------------------------------------------------------
 * Gap alignment (Gotoh affine-gap dynamic programming)
 * --------------------------------------------------------------------- */

/* States. */
enum { ST_M = 0, ST_X = 1, ST_Y = 2, ST_START = 3 };
/* Moves into M. */
enum { MV_ONE = 0, MV_TWO_ORIG = 1, MV_TWO_LEAK = 2 };

/*
 * Traceback byte: bits 0-1 predecessor state of M, bits 2-3 M's move,
 * bits 4-5 predecessor state of X, bits 6-7 predecessor state of Y.
 */
#define TB_M(t) ((t) & 3)
#define TB_MV(t) (((t) >> 2) & 3)
#define TB_X(t) (((t) >> 4) & 3)
#define TB_Y(t) (((t) >> 6) & 3)

/* Best of three states at one cell, and which. */
static int32_t best3(int32_t m, int32_t x, int32_t y, int *st)
{
	if (m >= x && m >= y) {
		*st = ST_M;
		return m;
	}
	if (x >= y) {
		*st = ST_X;
		return x;
	}
	*st = ST_Y;
	return y;
}

/*
 * Align orig [o0, o0+p) with leak [l0, l0+q) and push the aligned pairs
 * (in order) to a->pairs.  With `free_start` the alignment may begin
 * anywhere (leading tokens cost nothing); with `free_end` it may end
 * anywhere (it ends on the best-scoring pair).  Without either it is
 * global: both regions are consumed, as between two anchors.
 */
static int align_region(aligner *a, size_t o0, size_t p, size_t l0,
			size_t q, int free_start, int free_end)
{
	int32_t *rows = NULL;
	uint8_t *tb = NULL;
	pair *out = NULL;
	size_t w = q + 1, i, j, bi = 0, bj = 0, nout = 0, cap;
	int32_t best = free_end ? 0 : SC_NEG_INF;
	int st = ST_M, rc = LT_OK;

	if (p == 0 || q == 0)
		return LT_OK;
	if ((double)(p + 1) * (q + 1) > DP_MAX_CELLS)
		return lt_error_set(LT_EINTERNAL, "alignment table too big");
	/* 3 rows (for the two-token moves) x 3 states. */
	rows = malloc(3 * 3 * w * sizeof(*rows));
	tb = malloc((p + 1) * w);
	cap = p + q;
	out = malloc(cap * sizeof(*out));
	if (!rows || !tb || !out) {
		rc = lt_error_set(LT_ENOMEM, "out of memory aligning");
		goto done;
	}
#define CELL(r, s, c) rows[((r) % 3) * 3 * w + (s) * w + (c)]
	for (i = 0; i <= p; i++) {
		for (j = 0; j <= q; j++) {
			int32_t m = SC_NEG_INF, x = SC_NEG_INF, y = SC_NEG_INF;
			int32_t v, pv;
			uint8_t t = ST_START;
			int ps;

			/* Starting here: at the anchor, or anywhere when the
			 * start is free. */
			if (free_start || (i == 0 && j == 0))
				m = 0;
			if (i > 0 && j > 0) {
				/* One-to-one. */
				pv = best3(CELL(i - 1, ST_M, j - 1),
					   CELL(i - 1, ST_X, j - 1),
					   CELL(i - 1, ST_Y, j - 1), &ps);
				v = pv + pair_score(a, o0 + i - 1, l0 + j - 1);
				if (v > m) {
					m = v;
					t = (uint8_t)ps;
				}
				/* Two orig tokens spell one leak token. */
				if (i > 1 && concat_match(&a->o, o0 + i - 2,
							  &a->l, l0 + j - 1)) {
					pv = best3(CELL(i - 2, ST_M, j - 1),
						   CELL(i - 2, ST_X, j - 1),
						   CELL(i - 2, ST_Y, j - 1),
						   &ps);
					if (pv + SC_CONCAT > m) {
						m = pv + SC_CONCAT;
						t = (uint8_t)(ps |
							(MV_TWO_ORIG << 2));
					}
				}
				/* One orig token split into two leak tokens. */
				if (j > 1 && concat_match(&a->l, l0 + j - 2,
							  &a->o, o0 + i - 1)) {
					pv = best3(CELL(i - 1, ST_M, j - 2),
						   CELL(i - 1, ST_X, j - 2),
						   CELL(i - 1, ST_Y, j - 2),
						   &ps);
					if (pv + SC_CONCAT > m) {
						m = pv + SC_CONCAT;
						t = (uint8_t)(ps |
							(MV_TWO_LEAK << 2));
					}
				}
			}
			if (i > 0) {
				/* Orig token i-1 unaligned. */
				int32_t fm = CELL(i - 1, ST_M, j) + SC_GAP_OPEN;
				int32_t fx = CELL(i - 1, ST_X, j) + SC_GAP_EXTEND;
				int32_t fy = CELL(i - 1, ST_Y, j) + SC_GAP_OPEN;

				x = best3(fm, fx, fy, &ps);
				t |= (uint8_t)(ps << 4);
			}
			if (j > 0) {
				/* Leak token j-1 unaligned. */
				int32_t fm = CELL(i, ST_M, j - 1) + SC_GAP_OPEN;
				int32_t fx = CELL(i, ST_X, j - 1) + SC_GAP_OPEN;
				int32_t fy = CELL(i, ST_Y, j - 1) + SC_GAP_EXTEND;

				y = best3(fm, fx, fy, &ps);
				t |= (uint8_t)(ps << 6);
			}
			if (m < SC_NEG_INF)
				m = SC_NEG_INF;
			if (x < SC_NEG_INF)
				x = SC_NEG_INF;
			if (y < SC_NEG_INF)
				y = SC_NEG_INF;
			CELL(i, ST_M, j) = m;
			CELL(i, ST_X, j) = x;
			CELL(i, ST_Y, j) = y;
			tb[i * w + j] = t;
			if (free_end && m > best) {
				best = m;
				bi = i;
				bj = j;
			}
		}
	}
	if (free_end) {
		if (best <= 0)
			goto done; /* nothing worth aligning */
		i = bi;
		j = bj;
		st = ST_M;
	} else {
		i = p;
		j = q;
		best3(CELL(p, ST_M, q), CELL(p, ST_X, q), CELL(p, ST_Y, q),
		      &st);
	}
#undef CELL
	/* Trace back. */
	while (i > 0 || j > 0) {
		uint8_t t = tb[i * w + j];

		if (st == ST_M) {
			int mv = TB_MV(t), ps = TB_M(t);

			if (i == 0 || j == 0 || ps == ST_START)
				break;
			if (mv == MV_ONE) {
				if (compare(a, o0 + i - 1, l0 + j - 1) !=
				    CMP_NONE && nout < cap) {
					out[nout].i = (uint32_t)(o0 + i - 1);
					out[nout++].j = (uint32_t)(l0 + j - 1);
				}
				i--;
				j--;
			} else if (mv == MV_TWO_ORIG) {
				size_t pick = a->o.info[o0 + i - 2].ncp >=
					      a->o.info[o0 + i - 1].ncp
						      ? i - 2 : i - 1;
				if (nout < cap) {
					out[nout].i = (uint32_t)(o0 + pick);
					out[nout++].j = (uint32_t)(l0 + j - 1);
				}
				i -= 2;
				j--;
			} else {
				size_t pick = a->l.info[l0 + j - 2].ncp >
					      a->l.info[l0 + j - 1].ncp
						      ? j - 2 : j - 1;
				if (nout < cap) {
					out[nout].i = (uint32_t)(o0 + i - 1);
					out[nout++].j = (uint32_t)(l0 + pick);
				}
				i--;
				j -= 2;
			}
			st = ps;
		} else if (st == ST_X) {
			if (i == 0)
				break;
			st = TB_X(t);
			i--;
		} else {
			if (j == 0)
				break;
			st = TB_Y(t);
			j--;
		}
	}
	while (nout > 0 && rc == LT_OK) {
		nout--;
		rc = pv_push(&a->pairs, out[nout].i, out[nout].j);
	}
done:
	free(rows);
	free(tb);
	free(out);
	return rc;
}

/* Clamp a window length. */
static size_t min_size(size_t x, size_t y)
{
	return x < y ? x : y;
}

/*
 * Align the region before the first anchor: it ends at the anchor and may
 * start anywhere, within a window next to the anchor.
 */
static int align_leading(aligner *a, size_t o1, size_t l1)
{
	size_t p = min_size(o1, min_size(2 * l1 + 32, DP_WINDOW));
	size_t q = min_size(l1, min_size(2 * o1 + 32, DP_WINDOW));

	return align_region(a, o1 - p, p, l1 - q, q, 1, 0);
}

/* Align the region after the last anchor: it may end anywhere. */
static int align_trailing(aligner *a, size_t o0, size_t l0)
{
	size_t no = a->o.t->n - o0, nl = a->l.t->n - l0;
	size_t p = min_size(no, min_size(2 * nl + 32, DP_WINDOW));
	size_t q = min_size(nl, min_size(2 * no + 32, DP_WINDOW));

	return align_region(a, o0, p, l0, q, 0, 1);
}

/*
 * Align the gap between anchors (o0-1, l0-1) and (o1, l1): globally when
 * its table is small enough, otherwise by extending a bounded way from
 * each anchor into it.
 */
static int align_gap(aligner *a, size_t o0, size_t o1, size_t l0, size_t l1)
{
	size_t p = o1 - o0, q = l1 - l0, p1, q1, p2, q2;
	int rc;

	if (p == 0 || q == 0)
		return LT_OK;
	if ((double)(p + 1) * (q + 1) <= DP_MAX_CELLS)
		return align_region(a, o0, p, l0, q, 0, 0);
	p1 = min_size(p / 2, DP_WINDOW);
	q1 = min_size(q / 2, DP_WINDOW);
	p2 = min_size(p - p1, DP_WINDOW);
	q2 = min_size(q - q1, DP_WINDOW);
	rc = align_region(a, o0, p1, l0, q1, 0, 1);
	if (!rc)
		rc = align_region(a, o1 - p2, p2, l1 - q2, q2, 1, 0);
	return rc;
}

/* ------------------------------------------------------------------------
 * Islands
 * --------------------------------------------------------------------- */

/* Evidence weight of an aligned pair. */
static int pair_weight(const aligner *a, const pair *p)
{
	if (same_norm(a, p->i, p->j))
		return a->o.info[p->i].ncp >= 4 ? 3 : 1;
	return 2;
}

/*
 * Drop pairs with too little evidence around them: isolated short or
 * fuzzy pairs, then islands too weak to be more than coincidence.
 * Works in place on a->pairs (sorted, strictly increasing).
 */
static void filter_pairs(aligner *a)
{
	pair *v = a->pairs.p;
	size_t n = a->pairs.n, k, s, w;
	uint8_t *keep;

	if (n == 0)
		return;
	keep = malloc(n);
	if (!keep)
		return; /* keep everything rather than fail late */
	for (k = 0; k < n; k++) {
		int near = 0;

		keep[k] = 1;
		if (pair_weight(a, &v[k]) == 3)
			continue;
		if (k > 0 && v[k].i - v[k - 1].i <= ISOLATION_RADIUS &&
		    v[k].j - v[k - 1].j <= ISOLATION_RADIUS)
			near = 1;
		if (k + 1 < n && v[k + 1].i - v[k].i <= ISOLATION_RADIUS &&
		    v[k + 1].j - v[k].j <= ISOLATION_RADIUS)
			near = 1;
		keep[k] = (uint8_t)near;
	}
	w = 0;
	for (k = 0; k < n; k++)
		if (keep[k])
			v[w++] = v[k];
	n = w;
	w = 0;
	for (s = 0; s < n;) {
		size_t e = s + 1;
		int weight = pair_weight(a, &v[s]);

		while (e < n && v[e].i - v[e - 1].i <= ISLAND_GAP &&
		       v[e].j - v[e - 1].j <= ISLAND_GAP) {
			weight += pair_weight(a, &v[e]);
			e++;
		}
		if (weight >= ISLAND_MIN_WEIGHT ||
		    (weight >= ISLAND_MIN_WEIGHT_WHOLE &&
		     (e - s) * 10 >= a->l.t->n * 6)) {
			memmove(v + w, v + s, (e - s) * sizeof(*v));
			w += e - s;
		}
		s = e;
	}
	a->pairs.n = w;
	free(keep);
}

/* ------------------------------------------------------------------------
 * Public API
 * --------------------------------------------------------------------- */

/* Allocate an empty alignment for n_orig and n_leak tokens. */
static int alignment_new(lt_alignment **out, size_t no, size_t nl)
{
	lt_alignment *al = calloc(1, sizeof(*al));
	size_t k;

	if (!al)
		return lt_error_set(LT_ENOMEM, "out of memory aligning");
	al->n_orig = no;
	al->n_leak = nl;
	al->orig_to_leak = malloc((no ? no : 1) * sizeof(int32_t));
	al->leak_to_orig = malloc((nl ? nl : 1) * sizeof(int32_t));
	al->quality = calloc(no ? no : 1, 1);
	if (!al->orig_to_leak || !al->leak_to_orig || !al->quality) {
		lt_alignment_free(al);
		return lt_error_set(LT_ENOMEM, "out of memory aligning");
	}
	for (k = 0; k < no; k++)
		al->orig_to_leak[k] = -1;
	for (k = 0; k < nl; k++)
		al->leak_to_orig[k] = -1;
	*out = al;
	return LT_OK;
}

/* Align `leak` onto `orig`; see text.h. */
int lt_align(lt_alignment **out, const lt_tokens *orig, const lt_tokens *leak)
{
	aligner a;
	lt_alignment *al = NULL;
	size_t k, po, pl;
	int rc;

	if (!out || !orig || !leak)
		return lt_error_set(LT_EUSAGE, "lt_align: NULL argument");
	*out = NULL;
	if (orig->n > INT32_MAX || leak->n > INT32_MAX)
		return lt_error_set(LT_EINPUT, "too many tokens to align");
	memset(&a, 0, sizeof(a));
	rc = alignment_new(&al, orig->n, leak->n);
	if (rc)
		return rc;
	if (orig->n == 0 || leak->n == 0)
		goto finish;
	rc = side_init(&a.o, orig);
	if (!rc)
		rc = side_init(&a.l, leak);
	if (rc)
		goto fail;
	a.budget = 16 * (orig->n + leak->n) + 65536;
	rc = find_anchors(&a, 0, orig->n, 0, leak->n, 0);
	if (rc)
		goto fail;

	if (a.anchors.n == 0) {
		if ((double)(orig->n + 1) * (leak->n + 1) <= DP_MAX_CELLS)
			rc = align_region(&a, 0, orig->n, 0, leak->n, 1, 1);
	} else {
		pair *an = a.anchors.p;

		rc = align_leading(&a, an[0].i, an[0].j);
		for (k = 0; k < a.anchors.n && !rc; k++) {
			if (k > 0)
				rc = align_gap(&a, an[k - 1].i + 1, an[k].i,
					       an[k - 1].j + 1, an[k].j);
			if (!rc)
				rc = pv_push(&a.pairs, an[k].i, an[k].j);
		}
		if (!rc)
			rc = align_trailing(&a, an[a.anchors.n - 1].i + 1,
					    an[a.anchors.n - 1].j + 1);
	}
	if (rc)
		goto fail;
	filter_pairs(&a);

	/* Fill the maps; pairs are monotone by construction, check anyway. */
	po = pl = 0;
	for (k = 0; k < a.pairs.n; k++) {
		pair p = a.pairs.p[k];

		if ((k > 0 && (p.i < po || p.j < pl)) || p.i >= orig->n ||
		    p.j >= leak->n) {
			rc = lt_error_set(LT_EINTERNAL,
					  "alignment is not monotone");
			goto fail;
		}
		po = p.i + 1;
		pl = p.j + 1;
		al->orig_to_leak[p.i] = (int32_t)p.j;
		al->leak_to_orig[p.j] = (int32_t)p.i;
		if (same_norm(&a, p.i, p.j)) {
			al->quality[p.i] = LT_ALIGN_EXACT;
			al->exact++;
		} else {
			al->quality[p.i] = LT_ALIGN_FUZZY;
		}
		if (al->matched == 0)
			al->orig_first = p.i;
		al->orig_last = p.i;
		al->matched++;
	}
finish:
	side_free(&a.o);
	side_free(&a.l);
	free(a.anchors.p);
	free(a.pairs.p);
	*out = al;
	return LT_OK;
fail:
	side_free(&a.o);
	side_free(&a.l);
	free(a.anchors.p);
	free(a.pairs.p);
	lt_alignment_free(al);
	return rc;
}

/* Free an alignment (NULL is fine). */
void lt_alignment_free(lt_alignment *a)
{
	if (!a)
		return;
	free(a->orig_to_leak);
	free(a->leak_to_orig);
	free(a->quality);
	free(a);
}
