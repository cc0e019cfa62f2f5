/*
 * code.c - collusion-secure codes: slot biases, codewords and scoring.
 *
 * Keys.  From the 32-byte document key two keys are derived with keyed
 * BLAKE2b under fixed domain strings: the bias key and the recipient base
 * key.  A recipient's key is BLAKE2b keyed with the base key over the bytes
 * of its name.  The document key itself is not kept.
 *
 * Biases.  Slot i's bias vector comes from ChaCha20 under the bias key
 * with the 64-bit little-endian nonce i; block k of that stream is the k-th
 * attempt of a rejection sampler (64 bytes = eight 64-bit uniforms).
 *   - LT_BIAS_UNIFORM: p = 1/q.
 *   - LT_BIAS_ARCSINE, q = 2: p0 = sin^2(r), r uniform on [t', pi/2 - t'],
 *     sin^2(t') = t: the arcsine density truncated to [t, 1-t] (Tardos).
 *   - LT_BIAS_ARCSINE, q > 2: Dirichlet(1/2,...,1/2), the q-ary analogue
 *     (Skoric, Katzenbeisser and Celik 2008): p_k = Z_k^2 / sum Z_j^2 with
 *     Z standard normals from Box-Muller (Gamma(1/2) = Z^2/2), rejected
 *     until every p_k >= t (the truncated Dirichlet).  After 64 rejections
 *     (probability < 1e-20) the last draw is mixed with the uniform vector
 *     so that every component is at least t.
 *   The cutoff is t = 1/(300 c0) for coalitions of c0 = 3, Tardos's choice
 *   (G. Tardos, "Optimal probabilistic fingerprint codes", STOC 2003).
 * Each bias vector is then quantised to cumulative 32-bit cut points, and
 * the quantised vector (widths / 2^32) *is* the bias: lt_code_bias returns
 * it and symbols are drawn with exactly those probabilities.
 *
 * Codewords.  ChaCha20 under the recipient key (zero nonce) gives one
 * little-endian 32-bit uniform u per slot; the symbol is the number of cut
 * points <= u.
 *
 * Scoring.  The symmetric score: at an observed slot with leaked symbol y,
 * a match scores +sqrt((1-p_y)/p_y), a mismatch -sqrt(p_y/(1-p_y)).  The
 * accuser rounds both to the nearest multiple of a power-of-two step
 * (1/32, up to 1/4 for large observations), so that scores are exact in
 * float and double alike and the innocent's distribution on the grid is
 * computed without approximation (tail.c).  The rounding changes each term
 * by at most step/2, the innocent's test uses the rounded values, so it
 * stays exact; only the score's power changes, negligibly.  A weighted
 * observation (LT_OBS: a layout mark read from a photo, with the weight
 * its measured size gives) scales both values by its weight before they
 * are rounded: the terms stay independent two-point terms whose values do
 * not depend on any recipient, so the same exact tail applies.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "leaktrace/code.h"
#include "leaktrace/error.h"
#include "code/tail.h"

#define CODE_QMAX 8
#define CODE_CUTOFF (1.0 / 900.0) /* 1/(300 c0), c0 = 3 */
#define CODE_ARCSINE_MIN_SLOTS 300
#define CODE_MAX_ATTEMPTS 64
#define CODE_TILE 64
/* Convolution work budget for lt_accuser_new: slots * bins. */
#define CODE_TAIL_BUDGET 2.0e7
#define CODE_TAIL_BINS ((double)(1 << 20))

static const char code_bias_domain[] = "leaktrace/code/bias/v1";
static const char code_recipient_domain[] = "leaktrace/code/recipient/v1";

struct lt_code {
	size_t nslots;
	lt_bias_scheme scheme;
	uint8_t *q;
	/* cut[i * (CODE_QMAX - 1) + k - 1]: symbols >= k start here (k < q);
	 * 2^32 for k >= q, so that no 32-bit uniform reaches it. */
	uint64_t *cut;
	uint8_t recipient_key[crypto_generichash_KEYBYTES];
};

struct lt_accuser {
	size_t nslots;
	size_t nobs;
	uint32_t *slot;  /* observed slots */
	uint8_t *sym;    /* observed symbol at each */
	int32_t *ia;     /* match score, grid units */
	int32_t *ib;     /* mismatch score, grid units */
	float *fa, *fb;  /* the same, as floats (exact) */
	double step;
	double bits;
	lt_tail *tail;
};

/* ---------------------------------------------------------------------- */
/* Schemes */

const char *lt_bias_scheme_name(lt_bias_scheme s)
{
	switch (s) {
	case LT_BIAS_UNIFORM: return "uniform";
	case LT_BIAS_ARCSINE: return "arcsine";
	}
	return "unknown";
}

int lt_bias_scheme_parse(const char *name)
{
	if (!name)
		return -1;
	if (!strcmp(name, "uniform"))
		return LT_BIAS_UNIFORM;
	if (!strcmp(name, "arcsine"))
		return LT_BIAS_ARCSINE;
	return -1;
}

/*
 * Collusion resistance needs about pi^2 c^2 ln(n/eps) / 2 marks in practice:
 * ~300 for c = 2 (n = 10,000, eps = 1e-3).  Below that no bias resists a
 * coalition, and uniform biases give a single leaker the most evidence, so
 * documents with fewer than 300 slots get uniform biases, others arcsine.
 */
lt_bias_scheme lt_code_choose_bias(const uint8_t *q, size_t nslots)
{
	(void)q;
	return nslots < CODE_ARCSINE_MIN_SLOTS ? LT_BIAS_UNIFORM
					       : LT_BIAS_ARCSINE;
}

/*
 * Mean entropy, in nats, of a Dirichlet(1/2,...,1/2) vector over q symbols:
 * psi(q/2 + 1) - psi(3/2) (the cutoff changes it negligibly).
 */
static double code_dirichlet_entropy(unsigned q)
{
	double h = 0;
	unsigned j;

	if (q % 2 == 0) {
		for (j = 1; j <= q / 2; j++)
			h += 1.0 / j;
		return h - (2 - 2 * log(2.0));
	}
	for (j = 1; j < q / 2 + 1; j++)
		h += 1.0 / (j + 0.5);
	return h;
}

double lt_code_capacity_bits(const uint8_t *q, size_t nslots,
			     lt_bias_scheme scheme)
{
	double bits = 0;
	size_t i;

	for (i = 0; i < nslots; i++) {
		unsigned qi = q[i] < 2 ? 2 : q[i];

		if (scheme == LT_BIAS_UNIFORM)
			bits += log2((double)qi);
		else
			bits += code_dirichlet_entropy(qi) / log(2.0);
	}
	return bits;
}

/* ---------------------------------------------------------------------- */
/* Keys and streams */

static uint32_t code_le32(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

static uint64_t code_le64(const uint8_t *b)
{
	return (uint64_t)code_le32(b) | (uint64_t)code_le32(b + 4) << 32;
}

/* A uniform double in (0,1) from 64 stream bits (53 of them). */
static double code_unit(const uint8_t *b)
{
	return ((double)(code_le64(b) >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

/* out = BLAKE2b-256 keyed with `key` over `msg`. */
static void code_derive(uint8_t out[32], const uint8_t key[32],
			const void *msg, size_t len)
{
	crypto_generichash(out, 32, msg, len, key, 32);
}

/* ---------------------------------------------------------------------- */
/* Biases */

/*
 * Draw slot `slot`'s bias vector p[0..q-1] under `scheme` from the bias key.
 */
static void code_draw_bias(double *p, unsigned q, lt_bias_scheme scheme,
			   const uint8_t bias_key[32], uint64_t slot)
{
	uint8_t nonce[crypto_stream_chacha20_NONCEBYTES], block[64];
	unsigned k, attempt;
	double sum;

	if (scheme == LT_BIAS_UNIFORM) {
		for (k = 0; k < q; k++)
			p[k] = 1.0 / q;
		return;
	}
	for (k = 0; k < 8; k++)
		nonce[k] = (uint8_t)(slot >> (8 * k));
	if (q == 2) {
		double tp = asin(sqrt(CODE_CUTOFF)), r;

		memset(block, 0, sizeof(block));
		crypto_stream_chacha20_xor_ic(block, block, sizeof(block),
					      nonce, 0, bias_key);
		r = tp + code_unit(block) * (M_PI / 2 - 2 * tp);
		p[0] = sin(r) * sin(r);
		p[1] = 1 - p[0];
		sodium_memzero(block, sizeof(block));
		return;
	}
	for (attempt = 0; attempt < CODE_MAX_ATTEMPTS; attempt++) {
		double ok = 1;

		memset(block, 0, sizeof(block));
		crypto_stream_chacha20_xor_ic(block, block, sizeof(block),
					      nonce, attempt, bias_key);
		sum = 0;
		for (k = 0; k < q; k += 2) {
			double u1 = code_unit(block + 8 * k);
			double u2 = code_unit(block + 8 * k + 8);
			double rad = sqrt(-2 * log(u1));
			double z0 = rad * cos(2 * M_PI * u2);
			double z1 = rad * sin(2 * M_PI * u2);

			p[k] = z0 * z0;
			if (k + 1 < q)
				p[k + 1] = z1 * z1;
		}
		for (k = 0; k < q; k++)
			sum += p[k];
		for (k = 0; k < q; k++) {
			p[k] /= sum;
			if (p[k] < CODE_CUTOFF)
				ok = 0;
		}
		if (ok)
			break;
	}
	sodium_memzero(block, sizeof(block));
	if (attempt == CODE_MAX_ATTEMPTS)
		for (k = 0; k < q; k++)
			p[k] = CODE_CUTOFF + (1 - q * CODE_CUTOFF) * p[k];
}

/*
 * Quantise p[0..q-1] to cut points: cut[k-1] = round(2^32 * sum_{j<k} p_j).
 */
static void code_quantise(uint64_t *cut, const double *p, unsigned q,
			  lt_bias_scheme scheme)
{
	double cum = 0;
	unsigned k;

	for (k = 1; k < CODE_QMAX; k++) {
		if (k >= q) {
			cut[k - 1] = (uint64_t)1 << 32;
			continue;
		}
		if (scheme == LT_BIAS_UNIFORM) {
			cut[k - 1] = ((uint64_t)k << 32) / q;
			continue;
		}
		cum += p[k - 1];
		cut[k - 1] = (uint64_t)floor(cum * 4294967296.0 + 0.5);
	}
}

int lt_code_new(lt_code **out, const uint8_t doc_key[LT_KEY_BYTES],
		const uint8_t *q, size_t nslots, lt_bias_scheme scheme)
{
	uint8_t bias_key[32];
	double p[CODE_QMAX];
	lt_code *c;
	size_t i;

	*out = NULL;
	if (scheme != LT_BIAS_UNIFORM && scheme != LT_BIAS_ARCSINE)
		return lt_error_set(LT_EUSAGE, "unknown bias scheme %d",
				    (int)scheme);
	if (nslots > UINT32_MAX)
		return lt_error_set(LT_EUSAGE, "too many slots (%zu)", nslots);
	for (i = 0; i < nslots; i++)
		if (q[i] < 2 || q[i] > CODE_QMAX)
			return lt_error_set(LT_EUSAGE,
					    "slot %zu: %u variants (2..%d)", i,
					    q[i], CODE_QMAX);
	if (sodium_init() < 0)
		return lt_error_set(LT_EINTERNAL, "libsodium failed to start");
	c = calloc(1, sizeof(*c));
	if (!c)
		return lt_error_set(LT_ENOMEM, "out of memory");
	c->nslots = nslots;
	c->scheme = scheme;
	c->q = malloc(nslots ? nslots : 1);
	c->cut = malloc((nslots ? nslots : 1) * (CODE_QMAX - 1) *
			sizeof(*c->cut));
	if (!c->q || !c->cut) {
		lt_code_free(c);
		return lt_error_set(LT_ENOMEM, "out of memory (%zu slots)",
				    nslots);
	}
	if (nslots)
		memcpy(c->q, q, nslots);
	code_derive(bias_key, doc_key, code_bias_domain,
		    sizeof(code_bias_domain) - 1);
	code_derive(c->recipient_key, doc_key, code_recipient_domain,
		    sizeof(code_recipient_domain) - 1);
	for (i = 0; i < nslots; i++) {
		code_draw_bias(p, q[i], scheme, bias_key, i);
		code_quantise(c->cut + i * (CODE_QMAX - 1), p, q[i], scheme);
	}
	sodium_memzero(bias_key, sizeof(bias_key));
	sodium_memzero(p, sizeof(p));
	*out = c;
	return LT_OK;
}

int lt_code_extend(lt_code **out, const lt_code *base, size_t extra)
{
	double half[2] = {0.5, 0.5};
	lt_code *c;
	size_t i, n = base->nslots + extra;

	*out = NULL;
	if (extra > UINT32_MAX || n > UINT32_MAX)
		return lt_error_set(LT_EUSAGE, "too many slots (%zu)", n);
	if (!(c = calloc(1, sizeof(*c))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	c->nslots = n;
	c->scheme = base->scheme;
	c->q = malloc(n ? n : 1);
	c->cut = malloc((n ? n : 1) * (CODE_QMAX - 1) * sizeof(*c->cut));
	if (!c->q || !c->cut) {
		lt_code_free(c);
		return lt_error_set(LT_ENOMEM, "out of memory (%zu slots)", n);
	}
	if (base->nslots) {
		memcpy(c->q, base->q, base->nslots);
		memcpy(c->cut, base->cut,
		       base->nslots * (CODE_QMAX - 1) * sizeof(*c->cut));
	}
	for (i = base->nslots; i < n; i++) {
		c->q[i] = 2;
		code_quantise(c->cut + i * (CODE_QMAX - 1), half, 2,
			      LT_BIAS_UNIFORM);
	}
	memcpy(c->recipient_key, base->recipient_key, sizeof(c->recipient_key));
	*out = c;
	return LT_OK;
}

void lt_code_free(lt_code *c)
{
	if (!c)
		return;
	if (c->cut)
		sodium_memzero(c->cut, c->nslots * (CODE_QMAX - 1) *
					       sizeof(*c->cut));
	sodium_memzero(c->recipient_key, sizeof(c->recipient_key));
	free(c->q);
	free(c->cut);
	free(c);
}

size_t lt_code_slots(const lt_code *c)
{
	return c->nslots;
}

unsigned lt_code_q(const lt_code *c, size_t slot)
{
	return slot < c->nslots ? c->q[slot] : 0;
}

double lt_code_bias(const lt_code *c, size_t slot, unsigned symbol)
{
	const uint64_t *cut;
	uint64_t from, to;

	if (slot >= c->nslots || symbol >= c->q[slot])
		return 0;
	cut = c->cut + slot * (CODE_QMAX - 1);
	from = symbol == 0 ? 0 : cut[symbol - 1];
	to = symbol + 1 >= c->q[slot] ? (uint64_t)1 << 32 : cut[symbol];
	return (double)(to - from) / 4294967296.0;
}

/* ---------------------------------------------------------------------- */
/* Codewords */

/* The symbol a 32-bit uniform `u` selects under the cut points `cut`. */
static inline uint8_t code_symbol(const uint64_t *cut, uint32_t u)
{
	uint64_t v = u;

	return (uint8_t)((v >= cut[0]) + (v >= cut[1]) + (v >= cut[2]) +
			 (v >= cut[3]) + (v >= cut[4]) + (v >= cut[5]) +
			 (v >= cut[6]));
}

/* Slots per keystream chunk: 1024 bytes = 16 ChaCha20 blocks. */
#define CODE_CHUNK 256

/* The recipient key of `recipient` (the bytes of its name). */
static void code_recipient_key(const lt_code *c, const void *recipient,
			       size_t len, uint8_t key[32])
{
	crypto_generichash(key, 32, recipient, len, c->recipient_key,
			   sizeof(c->recipient_key));
}

/*
 * The symbols of slots [from, from + m) (m <= CODE_CHUNK, from a multiple
 * of CODE_CHUNK) under recipient key `key`: keystream bytes 4i..4i+3 are
 * slot i's little-endian uniform.
 */
static void code_chunk(const lt_code *c, const uint8_t key[32], size_t from,
		       size_t m, uint8_t *symbols)
{
	static const uint8_t nonce[crypto_stream_chacha20_NONCEBYTES];
	uint8_t stream[4 * CODE_CHUNK];
	size_t i;

	memset(stream, 0, 4 * m);
	crypto_stream_chacha20_xor_ic(stream, stream, 4 * m, nonce,
				      (uint64_t)from / 16, key);
	for (i = 0; i < m; i++)
		symbols[i] = code_symbol(c->cut + (from + i) * (CODE_QMAX - 1),
					 code_le32(stream + 4 * i));
	sodium_memzero(stream, sizeof(stream));
}

/* Every symbol of the recipient with key `key`. */
static void code_symbols(const lt_code *c, const uint8_t key[32],
			 uint8_t *symbols)
{
	size_t from;

	for (from = 0; from < c->nslots; from += CODE_CHUNK) {
		size_t m = c->nslots - from;

		code_chunk(c, key, from, m < CODE_CHUNK ? m : CODE_CHUNK,
			   symbols + from);
	}
}

void lt_code_codeword(const lt_code *c, const void *recipient, size_t len,
		      uint8_t *symbols)
{
	uint8_t key[32];

	code_recipient_key(c, recipient, len, key);
	code_symbols(c, key, symbols);
	sodium_memzero(key, sizeof(key));
}

/*
 * Recipients are generated in tiles of CODE_TILE so that the slot-major
 * writes are contiguous runs rather than one byte per cache line.
 */
int lt_code_block(const lt_code *c, const char *const *recipients,
		  size_t count, uint8_t *block)
{
	size_t n = c->nslots, j0, j, i;
	uint8_t key[32], *tile;

	if (!n || !count)
		return LT_OK;
	tile = malloc(CODE_TILE * n);
	if (!tile)
		return lt_error_set(LT_ENOMEM, "out of memory (%zu slots)", n);
	for (j0 = 0; j0 < count; j0 += CODE_TILE) {
		size_t m = count - j0 < CODE_TILE ? count - j0 : CODE_TILE;

		for (j = 0; j < m; j++) {
			const char *name = recipients[j0 + j];

			code_recipient_key(c, name, strlen(name), key);
			code_symbols(c, key, tile + j * n);
		}
		for (i = 0; i < n; i++) {
			uint8_t *row = block + i * count + j0;

			for (j = 0; j < m; j++)
				row[j] = tile[j * n + i];
		}
	}
	sodium_memzero(key, sizeof(key));
	free(tile);
	return LT_OK;
}

/* ---------------------------------------------------------------------- */
/* Accusation */

/*
 * Choose the score grid step (a power of two) for `nobs` terms whose match
 * and mismatch scores span `range` in total and `absmax` in sum of
 * absolute values: 1/32 when the exact convolution on that grid is
 * affordable, coarser up to 1/4 when not (rounding to 1/4 adds variance
 * 1/192 to terms of variance 1), and always coarse enough that every score
 * is an exact float (|sum| < 2^23 steps).  Beyond that the tail module
 * coarsens its own grid, rounding up.
 */
static double code_choose_step(size_t nobs, double range, double absmax)
{
	double step = 1.0 / 32, window;

	if (!nobs)
		return step;
	window = 52 * sqrt((double)nobs) + 64;
	if (window > range)
		window = range;
	while (step < 0.25 && (window / step > CODE_TAIL_BINS ||
			       nobs * (window / step) > CODE_TAIL_BUDGET))
		step *= 2;
	while (absmax / step >= 8388608.0)
		step *= 2;
	return step;
}

int lt_accuser_new(lt_accuser **out, const lt_code *c,
		   const int16_t *symbols)
{
	double range = 0, absmax = 0, *p = NULL, *ra = NULL, *rb = NULL;
	lt_accuser *a;
	size_t i, k;
	int rc;

	*out = NULL;
	for (i = 0; i < c->nslots; i++)
		if (symbols[i] < -1 ||
		    (symbols[i] >= 0 &&
		     (LT_OBS_SYMBOL(symbols[i]) >= (int)c->q[i] ||
		      LT_OBS_WEIGHT(symbols[i]) > LT_OBS_WEIGHT_MAX)))
			return lt_error_set(LT_EINPUT,
					    "slot %zu: symbol %d out of range",
					    i, symbols[i]);
	a = calloc(1, sizeof(*a));
	if (!a)
		return lt_error_set(LT_ENOMEM, "out of memory");
	a->nslots = c->nslots;
	for (i = 0; i < c->nslots; i++)
		if (symbols[i] >= 0)
			a->nobs++;
	k = a->nobs ? a->nobs : 1;
	a->slot = malloc(k * sizeof(*a->slot));
	a->sym = malloc(k);
	a->ia = malloc(k * sizeof(*a->ia));
	a->ib = malloc(k * sizeof(*a->ib));
	a->fa = malloc(k * sizeof(*a->fa));
	a->fb = malloc(k * sizeof(*a->fb));
	p = malloc(k * sizeof(*p));
	ra = malloc(k * sizeof(*ra));
	rb = malloc(k * sizeof(*rb));
	if (!a->slot || !a->sym || !a->ia || !a->ib || !a->fa || !a->fb ||
	    !p || !ra || !rb) {
		rc = lt_error_set(LT_ENOMEM, "out of memory (%zu slots)",
				  a->nobs);
		goto fail;
	}
	for (i = 0, k = 0; i < c->nslots; i++) {
		unsigned y, s;
		double py, h = 0, w;

		if (symbols[i] < 0)
			continue;
		y = (unsigned)LT_OBS_SYMBOL(symbols[i]);
		w = (double)LT_OBS_WEIGHT(symbols[i]) / LT_OBS_WEIGHT_MAX;
		py = lt_code_bias(c, i, y);
		a->slot[k] = (uint32_t)i;
		a->sym[k] = (uint8_t)y;
		p[k] = py;
		ra[k] = w * sqrt((1 - py) / py);
		rb[k] = -w * sqrt(py / (1 - py));
		range += ra[k] - rb[k];
		absmax += ra[k] > -rb[k] ? ra[k] : -rb[k];
		for (s = 0; s < c->q[i]; s++) {
			double ps = lt_code_bias(c, i, s);

			if (ps > 0)
				h -= ps * log2(ps);
		}
		a->bits += w * h;
		k++;
	}
	a->step = code_choose_step(a->nobs, range, absmax);
	for (k = 0; k < a->nobs; k++) {
		a->ia[k] = (int32_t)lrint(ra[k] / a->step);
		a->ib[k] = (int32_t)lrint(rb[k] / a->step);
		a->fa[k] = (float)(a->ia[k] * a->step);
		a->fb[k] = (float)(a->ib[k] * a->step);
	}
	rc = lt_tail_new(&a->tail, a->ia, a->ib, p, a->nobs, a->step);
	if (rc)
		goto fail;
	free(p);
	free(ra);
	free(rb);
	*out = a;
	return LT_OK;
fail:
	free(p);
	free(ra);
	free(rb);
	lt_accuser_free(a);
	return rc;
}

void lt_accuser_free(lt_accuser *a)
{
	if (!a)
		return;
	lt_tail_free(a->tail);
	free(a->slot);
	free(a->sym);
	free(a->ia);
	free(a->ib);
	free(a->fa);
	free(a->fb);
	free(a);
}

size_t lt_accuser_observed(const lt_accuser *a)
{
	return a->nobs;
}

double lt_accuser_bits(const lt_accuser *a)
{
	return a->bits;
}

/*
 * One observed slot over a row of `count` recipients: the inner loop is
 * contiguous and branch-free so that it vectorises.
 */
static void code_score_row(float *restrict scores,
			   const uint8_t *restrict row, size_t count,
			   uint8_t y, float fa, float fb)
{
	size_t j, k;

	/* Fixed-width groups vectorise even under gcc's cheapest cost model. */
	for (j = 0; j + 16 <= count; j += 16)
		for (k = 0; k < 16; k++)
			scores[j + k] += row[j + k] == y ? fa : fb;
	for (; j < count; j++)
		scores[j] += row[j] == y ? fa : fb;
}

/*
 * Scores are sums of multiples of the grid step below 2^24 steps in
 * magnitude, so the float sums here are exact and equal
 * lt_accuser_score() for the same codeword.
 */
void lt_accuser_score_block(const lt_accuser *a, const uint8_t *block,
			    size_t count, float *scores)
{
	size_t k;

	memset(scores, 0, count * sizeof(*scores));
	for (k = 0; k < a->nobs; k++)
		code_score_row(scores, block + (size_t)a->slot[k] * count,
			       count, a->sym[k], a->fa[k], a->fb[k]);
}

double lt_accuser_score(const lt_accuser *a, const uint8_t *symbols)
{
	int64_t units = 0;
	size_t k;

	for (k = 0; k < a->nobs; k++)
		units += symbols[a->slot[k]] == a->sym[k] ? a->ia[k]
							  : a->ib[k];
	return (double)units * a->step;
}

double lt_accuser_tail(const lt_accuser *a, double score)
{
	return lt_tail_upper(a->tail, score);
}

double lt_accuser_p_false(const lt_accuser *a, double score,
			  size_t recipients)
{
	double v = lt_accuser_tail(a, score) * (double)recipients;

	return v > 1 ? 1 : v;
}

double lt_bits_needed(size_t recipients, double threshold)
{
	if (recipients == 0 || !(threshold > 0))
		return 0;
	return log2((double)recipients / threshold);
}
