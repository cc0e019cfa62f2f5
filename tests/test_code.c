/*
 * test_code.c - codes and accusation: determinism, biases, block layout,
 * scoring, and the soundness of accusation under collusion attacks.
 *
 * The soundness simulation is the product's main promise: whatever a
 * coalition does to its copies, no innocent recipient is ever accused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>

#include "leaktrace/code.h"
#include "leaktrace/error.h"

/* ---------------------------------------------------------------------- */
/* Helpers */

static uint64_t rng_state = 0x243f6a8885a308d3ull;

/* xorshift64*: a fixed, portable test generator. */
static uint64_t rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

static double rng_unit(void)
{
	return (double)(rng_next() >> 11) * (1.0 / 9007199254740992.0);
}

static size_t rng_below(size_t n)
{
	return (size_t)(rng_next() % n);
}

/* A test key: 32 bytes from `seed`. */
static void make_key(uint8_t key[LT_KEY_BYTES], unsigned seed)
{
	size_t i;

	for (i = 0; i < LT_KEY_BYTES; i++)
		key[i] = (uint8_t)(seed * 131 + i * 17 + 3);
}

static lt_code *make_code(unsigned seed, const uint8_t *q, size_t n,
			  lt_bias_scheme scheme)
{
	uint8_t key[LT_KEY_BYTES];
	lt_code *c = NULL;

	make_key(key, seed);
	assert_int_equal(lt_code_new(&c, key, q, n, scheme), 0);
	assert_non_null(c);
	return c;
}

/* `count` names "r0", "r1", ... in one allocation (free names[0], names). */
static char **make_names(size_t count, unsigned tag)
{
	char **names = malloc(count * sizeof(*names));
	char *pool = malloc(count * 32);
	size_t j;

	assert_non_null(names);
	assert_non_null(pool);
	for (j = 0; j < count; j++) {
		names[j] = pool + 32 * j;
		snprintf(names[j], 32, "r%u-%zu", tag, j);
	}
	return names;
}

static void free_names(char **names)
{
	free(names[0]);
	free(names);
}

/* ---------------------------------------------------------------------- */
/* Schemes, capacity */

static void test_scheme_names(void **state)
{
	(void)state;
	assert_string_equal(lt_bias_scheme_name(LT_BIAS_UNIFORM), "uniform");
	assert_string_equal(lt_bias_scheme_name(LT_BIAS_ARCSINE), "arcsine");
	assert_int_equal(lt_bias_scheme_parse("uniform"), LT_BIAS_UNIFORM);
	assert_int_equal(lt_bias_scheme_parse("arcsine"), LT_BIAS_ARCSINE);
	assert_int_equal(lt_bias_scheme_parse("tardos"), -1);
	assert_int_equal(lt_bias_scheme_parse(NULL), -1);
}

static void test_choose_bias_and_capacity(void **state)
{
	uint8_t q[400];
	double bits;

	(void)state;
	memset(q, 2, sizeof(q));
	assert_int_equal(lt_code_choose_bias(q, 30), LT_BIAS_UNIFORM);
	assert_int_equal(lt_code_choose_bias(q, 299), LT_BIAS_UNIFORM);
	assert_int_equal(lt_code_choose_bias(q, 300), LT_BIAS_ARCSINE);
	assert_int_equal(lt_code_choose_bias(q, 400), LT_BIAS_ARCSINE);
	bits = lt_code_capacity_bits(q, 30, LT_BIAS_UNIFORM);
	assert_true(fabs(bits - 30) < 1e-9);
	/* Arcsine binary: 2 ln 2 - 1 nats = 0.557 bits per slot. */
	bits = lt_code_capacity_bits(q, 100, LT_BIAS_ARCSINE);
	assert_true(fabs(bits - 100 * (2 * log(2.0) - 1) / log(2.0)) < 1e-6);
	q[0] = 8;
	bits = lt_code_capacity_bits(q, 1, LT_BIAS_UNIFORM);
	assert_true(fabs(bits - 3) < 1e-9);
	bits = lt_code_capacity_bits(q, 1, LT_BIAS_ARCSINE);
	assert_true(bits > 1.5 && bits < 3);
	assert_true(fabs(lt_bits_needed(100, 1e-6) - log2(1e8)) < 1e-9);
	assert_true(lt_bits_needed(10000, 1e-6) > 33 &&
		    lt_bits_needed(10000, 1e-6) < 33.3);
}

static void test_code_new_rejects_bad_alphabets(void **state)
{
	uint8_t key[LT_KEY_BYTES], q[3] = {2, 9, 2};
	lt_code *c = (lt_code *)1;

	(void)state;
	make_key(key, 1);
	assert_int_equal(lt_code_new(&c, key, q, 3, LT_BIAS_UNIFORM),
			 LT_EUSAGE);
	assert_null(c);
	q[1] = 1;
	assert_int_equal(lt_code_new(&c, key, q, 3, LT_BIAS_ARCSINE),
			 LT_EUSAGE);
	q[1] = 2;
	assert_int_equal(lt_code_new(&c, key, q, 3, (lt_bias_scheme)7),
			 LT_EUSAGE);
}

/* ---------------------------------------------------------------------- */
/* Codewords and biases */

static void test_codeword_determinism_and_key_dependence(void **state)
{
	enum { N = 700 };
	uint8_t q[N], w1[N], w2[N], w3[N], w4[N];
	lt_code *c1, *c2, *c3;
	size_t i, same;

	(void)state;
	for (i = 0; i < N; i++)
		q[i] = (uint8_t)(2 + i % 7);
	c1 = make_code(1, q, N, LT_BIAS_ARCSINE);
	c2 = make_code(1, q, N, LT_BIAS_ARCSINE);
	c3 = make_code(2, q, N, LT_BIAS_ARCSINE);
	lt_code_codeword(c1, "alice", 5, w1);
	lt_code_codeword(c2, "alice", 5, w2);
	assert_memory_equal(w1, w2, N);
	for (i = 0; i < N; i++) {
		assert_true(w1[i] < q[i]);
		assert_true(lt_code_bias(c1, i, 0) == lt_code_bias(c2, i, 0));
	}
	/* Another key: different codeword and different biases. */
	lt_code_codeword(c3, "alice", 5, w3);
	for (i = 0, same = 0; i < N; i++)
		same += w1[i] == w3[i];
	assert_true(same < N * 3 / 4);
	for (i = 0, same = 0; i < N; i++)
		same += lt_code_bias(c1, i, 0) == lt_code_bias(c3, i, 0);
	assert_true(same < 10);
	/* Another recipient, and a name that is a prefix. */
	lt_code_codeword(c1, "alicf", 5, w4);
	for (i = 0, same = 0; i < N; i++)
		same += w1[i] == w4[i];
	assert_true(same < N * 3 / 4);
	lt_code_codeword(c1, "alice", 4, w4);
	assert_memory_not_equal(w1, w4, N);
	lt_code_free(c1);
	lt_code_free(c2);
	lt_code_free(c3);
}

/*
 * Known answers: codewords and biases are part of the vault format (issued
 * copies must be re-derivable forever), so they must never change across
 * versions or platforms.
 */
static void test_codeword_known_answer(void **state)
{
	static const uint8_t want_uniform[16] = {1, 0, 1, 0, 1, 0, 0, 1,
						 1, 0, 1, 1, 0, 1, 0, 1};
	static const uint8_t want_arcsine[16] = {0, 0, 3, 1, 5, 4, 0, 1,
						 1, 0, 2, 4, 3, 4, 0, 2};
	uint8_t q[16], w[16];
	lt_code *c;
	size_t i;

	(void)state;
	memset(q, 2, sizeof(q));
	c = make_code(7, q, 16, LT_BIAS_UNIFORM);
	lt_code_codeword(c, "known", 5, w);
	assert_memory_equal(w, want_uniform, 16);
	lt_code_free(c);
	for (i = 0; i < 16; i++)
		q[i] = (uint8_t)(2 + i % 7);
	c = make_code(7, q, 16, LT_BIAS_ARCSINE);
	lt_code_codeword(c, "known", 5, w);
	assert_memory_equal(w, want_arcsine, 16);
	/* Quantised biases are multiples of 2^-32: compare to 1e-9. */
	assert_true(fabs(lt_code_bias(c, 0, 0) - 0.92160130804404616) < 1e-9);
	assert_true(fabs(lt_code_bias(c, 1, 1) - 0.48760300851427019) < 1e-9);
	assert_true(fabs(lt_code_bias(c, 2, 0) - 0.057134342612698674) < 1e-9);
	lt_code_free(c);
}

static void test_biases_sum_and_cutoff(void **state)
{
	enum { N = 4000 };
	static uint8_t q[N];
	lt_code *c, *u;
	size_t i, low = 0, binary = 0;
	unsigned s;

	(void)state;
	for (i = 0; i < N; i++)
		q[i] = (uint8_t)(i % 2 ? 2 : 2 + i % 7);
	c = make_code(3, q, N, LT_BIAS_ARCSINE);
	u = make_code(3, q, N, LT_BIAS_UNIFORM);
	for (i = 0; i < N; i++) {
		double sum = 0;

		assert_int_equal(lt_code_q(c, i), q[i]);
		for (s = 0; s < q[i]; s++) {
			double p = lt_code_bias(c, i, s);

			assert_true(p >= 1.0 / 900 - 1e-9);
			sum += p;
			assert_true(fabs(lt_code_bias(u, i, s) - 1.0 / q[i]) <
				    1e-9);
		}
		assert_true(fabs(sum - 1) < 1e-12);
		assert_true(lt_code_bias(c, i, q[i]) == 0);
		if (q[i] == 2) {
			binary++;
			low += lt_code_bias(c, i, 0) < 0.1;
		}
	}
	/* Arcsine: P(p < 0.1) = (2/pi) asin(sqrt 0.1) = 0.205. */
	assert_true(fabs((double)low / binary - 0.205) < 0.03);
	assert_int_equal(lt_code_slots(c), N);
	assert_true(lt_code_bias(c, N, 0) == 0);
	lt_code_free(c);
	lt_code_free(u);
}

/* Empirical symbol frequencies over many recipients match the biases. */
static void test_symbol_frequencies(void **state)
{
	enum { N = 48, R = 20000 };
	uint8_t q[N];
	uint8_t *block = malloc((size_t)N * R);
	char **names = make_names(R, 1);
	lt_code *c;
	size_t i, j;

	(void)state;
	assert_non_null(block);
	for (i = 0; i < N; i++)
		q[i] = (uint8_t)(2 + i % 7);
	c = make_code(4, q, N, LT_BIAS_ARCSINE);
	assert_int_equal(lt_code_block(c, (const char *const *)names, R,
				       block),
			 0);
	for (i = 0; i < N; i++) {
		size_t count[8] = {0};
		double chi = 0, df = q[i] - 1;
		unsigned s;

		for (j = 0; j < R; j++)
			count[block[i * R + j]]++;
		for (s = 0; s < q[i]; s++) {
			double e = R * lt_code_bias(c, i, s);

			chi += (count[s] - e) * (count[s] - e) / e;
		}
		assert_true(chi < df + 8 * sqrt(2 * df) + 10);
	}
	lt_code_free(c);
	free_names(names);
	free(block);
}

/* The slot-major block equals the per-recipient codewords. */
static void test_block_layout(void **state)
{
	enum { N = 300, R = 131 };
	uint8_t q[N], w[N];
	uint8_t *block = malloc((size_t)N * R);
	char **names = make_names(R, 2);
	lt_code *c;
	size_t i, j;

	(void)state;
	for (i = 0; i < N; i++)
		q[i] = (uint8_t)(2 + i % 3);
	c = make_code(5, q, N, LT_BIAS_ARCSINE);
	assert_int_equal(lt_code_block(c, (const char *const *)names, R,
				       block),
			 0);
	for (j = 0; j < R; j++) {
		lt_code_codeword(c, names[j], strlen(names[j]), w);
		for (i = 0; i < N; i++)
			assert_int_equal(block[i * R + j], w[i]);
	}
	lt_code_free(c);
	free_names(names);
	free(block);
}

/* ---------------------------------------------------------------------- */
/* Scoring */

static void test_accuser_rejects_bad_symbols(void **state)
{
	uint8_t q[3] = {2, 3, 2};
	int16_t obs[3] = {0, 3, -1};
	lt_accuser *a = (lt_accuser *)1;
	lt_code *c = make_code(6, q, 3, LT_BIAS_UNIFORM);

	(void)state;
	assert_int_equal(lt_accuser_new(&a, c, obs), LT_EINPUT);
	assert_null(a);
	obs[1] = -2;
	assert_int_equal(lt_accuser_new(&a, c, obs), LT_EINPUT);
	lt_code_free(c);
}

/* A single leaker's own codeword scores high, first, and matches blocks. */
static void test_single_leaker_ranked_first(void **state)
{
	enum { N = 300, R = 500 };
	static uint8_t q[N], block[N * R], w[N];
	static int16_t obs[N];
	static float scores[R];
	char **names = make_names(R, 3);
	lt_code *c;
	lt_accuser *a;
	size_t i, j, best = 0, observed = 0;
	double bits = 0;

	(void)state;
	for (i = 0; i < N; i++)
		q[i] = (uint8_t)(2 + i % 4);
	c = make_code(8, q, N, LT_BIAS_ARCSINE);
	assert_int_equal(lt_code_block(c, (const char *const *)names, R,
				       block),
			 0);
	lt_code_codeword(c, names[123], strlen(names[123]), w);
	for (i = 0; i < N; i++) {
		obs[i] = i % 3 == 0 ? -1 : w[i];
		if (obs[i] >= 0) {
			unsigned s;

			observed++;
			for (s = 0; s < q[i]; s++)
				bits -= lt_code_bias(c, i, s) *
					log2(lt_code_bias(c, i, s));
		}
	}
	assert_int_equal(lt_accuser_new(&a, c, obs), 0);
	assert_int_equal(lt_accuser_observed(a), observed);
	assert_true(fabs(lt_accuser_bits(a) - bits) < 1e-6);
	lt_accuser_score_block(a, block, R, scores);
	for (j = 0; j < R; j++) {
		lt_code_codeword(c, names[j], strlen(names[j]), w);
		/* Float block scores are exact. */
		assert_true((double)scores[j] == lt_accuser_score(a, w));
		if (scores[j] > scores[best])
			best = j;
	}
	assert_int_equal(best, 123);
	assert_true(lt_accuser_p_false(a, scores[123], R) < 1e-12);
	for (j = 0; j < R; j++)
		if (j != 123)
			assert_true(lt_accuser_p_false(a, scores[j], R) >
				    1e-6);
	lt_accuser_free(a);
	lt_code_free(c);
	free_names(names);
}

/*
 * The tail through the public API equals brute force: enumerate, for a
 * small code, every way an innocent can match or miss each observed slot.
 */
static void test_accuser_tail_enumerated(void **state)
{
	enum { N = 14 };
	uint8_t q[N], w[N], x[N];
	int16_t obs[N];
	static double scores[1 << N], probs[1 << N];
	lt_code *c;
	lt_accuser *a;
	uint32_t mask, m2;
	size_t i, k;
	int scheme;

	(void)state;
	for (i = 0; i < N; i++)
		q[i] = (uint8_t)(2 + i % 3);
	for (scheme = 0; scheme < 2; scheme++) {
		c = make_code(9 + scheme, q, N, (lt_bias_scheme)scheme);
		lt_code_codeword(c, "leaker", 6, w);
		for (i = 0; i < N; i++)
			obs[i] = i == 5 ? -1 : w[i];
		assert_int_equal(lt_accuser_new(&a, c, obs), 0);
		for (mask = 0; mask < (1u << N); mask++) {
			double pr = 1;

			for (i = 0; i < N; i++) {
				double p = lt_code_bias(c, i, w[i]);

				if (i == 5) {
					x[i] = 0;
					continue;
				}
				if (mask >> i & 1) {
					x[i] = w[i];
					pr *= p;
				} else {
					x[i] = (uint8_t)((w[i] + 1) % q[i]);
					pr *= 1 - p;
				}
			}
			if (mask >> 5 & 1)
				pr = 0; /* unread slot: count each outcome once */
			scores[mask] = lt_accuser_score(a, x);
			probs[mask] = pr;
		}
		for (k = 0; k < 400; k++) {
			uint32_t pick = (uint32_t)rng_below(1u << N);
			double s = scores[pick], ex = 0, up;

			for (m2 = 0; m2 < (1u << N); m2++)
				if (scores[m2] >= s)
					ex += probs[m2];
			up = lt_accuser_tail(a, s);
			assert_true(up >= ex * (1 - 1e-12));
			assert_true(up <= ex * (1 + 1e-6));
		}
		lt_accuser_free(a);
		lt_code_free(c);
	}
}

/*
 * Weighted observations (LT_OBS): a slot read with weight w / 8 scores w / 8
 * of a plain one, full weight is the plain symbol, and the tail through
 * the public API still equals brute force over every innocent outcome.
 */
static void test_accuser_weighted(void **state)
{
	enum { N = 14 };
	uint8_t q[N], w[N], x[N];
	int16_t obs[N], plain[N];
	static double scores[1 << N], probs[1 << N];
	lt_code *c;
	lt_accuser *a, *b;
	uint32_t mask, m2;
	size_t i, k;

	(void)state;
	for (i = 0; i < N; i++)
		q[i] = (uint8_t)(2 + i % 2);
	c = make_code(21, q, N, LT_BIAS_ARCSINE);
	lt_code_codeword(c, "leaker", 6, w);
	for (i = 0; i < N; i++) {
		plain[i] = w[i];
		obs[i] = LT_OBS(w[i], 1 + i % LT_OBS_WEIGHT_MAX);
		assert_int_equal(LT_OBS_SYMBOL(obs[i]), w[i]);
		assert_int_equal(LT_OBS_WEIGHT(obs[i]), 1 + i % LT_OBS_WEIGHT_MAX);
	}
	assert_int_equal(LT_OBS(1, LT_OBS_WEIGHT_MAX), 1);
	assert_int_equal(lt_accuser_new(&a, c, obs), 0);
	assert_int_equal(lt_accuser_new(&b, c, plain), 0);
	/* The leaker's score: each slot's plain score times its weight, to
	 * within the grid's rounding. */
	{
		double sw = 0, sa = lt_accuser_score(a, w);

		for (i = 0; i < N; i++) {
			double p = lt_code_bias(c, i, w[i]);

			sw += (double)(1 + i % LT_OBS_WEIGHT_MAX) /
			      LT_OBS_WEIGHT_MAX * sqrt((1 - p) / p);
		}
		assert_true(fabs(sa - sw) <= N / 32.0);
		assert_true(sa < lt_accuser_score(b, w));
		assert_true(lt_accuser_bits(a) < lt_accuser_bits(b));
	}
	for (mask = 0; mask < (1u << N); mask++) {
		double pr = 1;

		for (i = 0; i < N; i++) {
			double p = lt_code_bias(c, i, w[i]);

			if (mask >> i & 1) {
				x[i] = w[i];
				pr *= p;
			} else {
				x[i] = (uint8_t)((w[i] + 1) % q[i]);
				pr *= 1 - p;
			}
		}
		scores[mask] = lt_accuser_score(a, x);
		probs[mask] = pr;
	}
	for (k = 0; k < 400; k++) {
		uint32_t pick = (uint32_t)rng_below(1u << N);
		double s = scores[pick], ex = 0, up;

		for (m2 = 0; m2 < (1u << N); m2++)
			if (scores[m2] >= s)
				ex += probs[m2];
		up = lt_accuser_tail(a, s);
		assert_true(up >= ex * (1 - 1e-12));
		assert_true(up <= ex * (1 + 1e-6));
	}
	lt_accuser_free(b);
	/* A weight beyond the full one is refused. */
	obs[3] = (int16_t)(w[3] | (LT_OBS_WEIGHT_MAX + 1) << LT_OBS_WEIGHT_SHIFT);
	assert_int_equal(lt_accuser_new(&b, c, obs), LT_EINPUT);
	lt_accuser_free(a);
	lt_code_free(c);
}

/* Nothing observed: P(0 >= s). */
static void test_accuser_nothing_observed(void **state)
{
	uint8_t q[4] = {2, 2, 3, 2};
	int16_t obs[4] = {-1, -1, -1, -1};
	uint8_t w[4] = {0, 1, 2, 0}, block[8] = {0};
	float scores[2] = {5, 5};
	lt_code *c = make_code(11, q, 4, LT_BIAS_ARCSINE);
	lt_accuser *a;

	(void)state;
	assert_int_equal(lt_accuser_new(&a, c, obs), 0);
	assert_int_equal(lt_accuser_observed(a), 0);
	assert_true(lt_accuser_bits(a) == 0);
	assert_true(lt_accuser_score(a, w) == 0);
	lt_accuser_score_block(a, block, 2, scores);
	assert_true(scores[0] == 0 && scores[1] == 0);
	assert_true(lt_accuser_tail(a, 0) == 1);
	assert_true(lt_accuser_tail(a, 0.5) == 0);
	assert_true(lt_accuser_p_false(a, 0, 100) == 1);
	lt_accuser_free(a);
	lt_code_free(c);
}

/*
 * The information budget: 40 uniform binary slots name a single leaker
 * among 100 at 1e-6 (2^-40 * 100 ~ 1e-10); 20 slots (20 bits < 27) never
 * accuse anybody, the leaker included.
 */
static void accuse_with_slots(size_t n, int expect_accused)
{
	enum { R = 100 };
	static uint8_t q[64], block[64 * R], w[64];
	static int16_t obs[64];
	static float scores[R];
	char **names = make_names(R, 4);
	lt_code *c;
	lt_accuser *a;
	size_t i, j, accused = 0;

	memset(q, 2, sizeof(q));
	c = make_code(12, q, n, lt_code_choose_bias(q, n));
	assert_int_equal(lt_code_block(c, (const char *const *)names, R,
				       block),
			 0);
	lt_code_codeword(c, names[42], strlen(names[42]), w);
	for (i = 0; i < n; i++)
		obs[i] = w[i];
	assert_int_equal(lt_accuser_new(&a, c, obs), 0);
	assert_true(fabs(lt_accuser_bits(a) - (double)n) < 1e-6);
	lt_accuser_score_block(a, block, R, scores);
	for (j = 0; j < R; j++) {
		if (lt_accuser_p_false(a, scores[j], R) < 1e-6) {
			accused++;
			assert_int_equal(j, 42);
		}
	}
	assert_int_equal(accused, expect_accused ? 1 : 0);
	if (expect_accused)
		assert_true(lt_accuser_p_false(a, scores[42], R) <=
			    R * ldexp(1, -(int)n) * (1 + 1e-6));
	lt_accuser_free(a);
	lt_code_free(c);
	free_names(names);
}

static void test_accuse_40_slots(void **state)
{
	(void)state;
	accuse_with_slots(40, 1);
}

static void test_no_accusation_20_slots(void **state)
{
	(void)state;
	assert_true(lt_bits_needed(100, 1e-6) > 20);
	accuse_with_slots(20, 0);
}

/*
 * A large observation (2,000 arcsine slots, a coarser score grid): the
 * leaker is found with overwhelming evidence and innocents stay far from
 * accusation; block scores still equal exact scores.
 */
static void test_large_observation(void **state)
{
	enum { N = 2000, R = 200 };
	static uint8_t q[N], block[N * R], w[N];
	static int16_t obs[N];
	static float scores[R];
	char **names = make_names(R, 5);
	lt_code *c;
	lt_accuser *a;
	size_t i, j;

	(void)state;
	for (i = 0; i < N; i++)
		q[i] = (uint8_t)(2 + (i % 9 == 0));
	c = make_code(13, q, N, lt_code_choose_bias(q, N));
	assert_int_equal(lt_code_block(c, (const char *const *)names, R,
				       block),
			 0);
	lt_code_codeword(c, names[7], strlen(names[7]), w);
	for (i = 0; i < N; i++)
		obs[i] = i % 4 == 0 ? -1 : w[i];
	assert_int_equal(lt_accuser_new(&a, c, obs), 0);
	lt_accuser_score_block(a, block, R, scores);
	for (j = 0; j < R; j++) {
		lt_code_codeword(c, names[j], strlen(names[j]), w);
		assert_true((double)scores[j] == lt_accuser_score(a, w));
		if (j == 7)
			assert_true(lt_accuser_p_false(a, scores[j], R) <
				    1e-30);
		else
			assert_true(lt_accuser_p_false(a, scores[j], R) >
				    1e-6);
	}
	lt_accuser_free(a);
	lt_code_free(c);
	free_names(names);
}

/* ---------------------------------------------------------------------- */
/* Soundness under collusion */

enum attack {
	ATTACK_MAJORITY,
	ATTACK_MINORITY,
	ATTACK_INTERLEAVE,
	ATTACK_COIN,
	ATTACK_ALL0,
	ATTACK_ALL1,
	ATTACK_COUNT
};

static const char *const attack_names[ATTACK_COUNT] = {
	"majority", "minority", "interleave", "coin-flip", "all-0", "all-1"};

/*
 * The leaked symbol at `slot` when the coalition members' symbols are
 * x[0..c-1].  Every attack keeps the symbol where they all agree.
 */
static int attack_symbol(enum attack kind, const uint8_t *x, size_t c,
			 size_t slot, size_t nslots)
{
	unsigned count[8] = {0};
	size_t k;
	int best = -1;

	for (k = 0; k < c; k++)
		count[x[k]]++;
	switch (kind) {
	case ATTACK_MAJORITY:
	case ATTACK_MINORITY:
		for (k = 0; k < 8; k++) {
			if (!count[k])
				continue;
			if (best < 0 ||
			    (kind == ATTACK_MAJORITY ? count[k] > count[best]
						     : count[k] < count[best]))
				best = (int)k;
		}
		return best;
	case ATTACK_INTERLEAVE:
		return x[slot * c / nslots];
	case ATTACK_COIN:
		return x[rng_below(c)];
	case ATTACK_ALL0:
		for (k = 0; k < 8; k++)
			if (count[k])
				return (int)k;
		return 0;
	case ATTACK_ALL1:
		for (k = 8; k-- > 0;)
			if (count[k])
				return (int)k;
		return 0;
	default:
		return 0;
	}
}

struct sound_stats {
	size_t trials;
	size_t innocents;      /* innocent evaluations */
	size_t accused_innocent;
	double min_innocent_p; /* smallest innocent p_false */
	double min_innocent_tail;
	/* Aggregated tail checks at three levels. */
	double expected[3];
	size_t seen[3];
	/* Power at 300 slots, c = 2, per scheme: trials and accusations. */
	size_t power_trials[2];
	size_t power_hits[2];
};

/*
 * The smallest score at which the tail bound is <= level (bisection over
 * the monotone bound).
 */
static double score_at_level(const lt_accuser *a, double level, double hi)
{
	double lo = -hi;
	int it;

	for (it = 0; it < 60; it++) {
		double mid = (lo + hi) / 2;

		if (lt_accuser_tail(a, mid) <= level)
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

/*
 * One configuration: `rounds` keys, each with `pool` recipients; for every
 * attack and coalition size, `trials` random coalitions per key.  Every
 * third trial erases 30% of the slots, every third of the rest adds 5%
 * random symbol noise on top.
 */
static void soundness_config(struct sound_stats *st, lt_bias_scheme scheme,
			     size_t nslots, size_t pool, size_t rounds,
			     size_t trials)
{
	static const double levels[3] = {0.1, 0.01, 0.001};
	uint8_t *q = malloc(nslots), *block = malloc(nslots * pool);
	int16_t *obs = malloc(nslots * sizeof(*obs));
	float *scores = malloc(pool * sizeof(*scores));
	size_t round;

	assert_non_null(q);
	assert_non_null(block);
	assert_non_null(obs);
	assert_non_null(scores);
	for (size_t i = 0; i < nslots; i++)
		q[i] = (uint8_t)(i % 6 == 5 ? 3 + i % 4 : 2);
	for (round = 0; round < rounds; round++) {
		char **names = make_names(pool, (unsigned)round);
		lt_code *c = make_code(100 + (unsigned)round * 7 +
					       (unsigned)nslots + scheme * 3,
				       q, nslots, scheme);

		assert_int_equal(lt_code_block(c, (const char *const *)names,
					       pool, block),
				 0);
		for (int kind = 0; kind < ATTACK_COUNT; kind++) {
			for (size_t csize = 2; csize <= 3; csize++) {
				struct sound_stats *s = &st[kind];

				for (size_t t = 0; t < trials; t++) {
					size_t coal[3], k, j, i;
					uint8_t x[3];
					lt_accuser *a;
					double maxs = -1e30, maxall = 0,
					       best_colluder = 1;
					int variant = (int)(t % 3);

					/* A random coalition of distinct members. */
					for (k = 0; k < csize; k++) {
						size_t m, d;

						do {
							m = rng_below(pool);
							for (d = 0; d < k; d++)
								if (coal[d] == m)
									break;
						} while (d < k);
						coal[k] = m;
					}
					for (i = 0; i < nslots; i++) {
						for (k = 0; k < csize; k++)
							x[k] = block[i * pool +
								     coal[k]];
						obs[i] = (int16_t)attack_symbol(
							(enum attack)kind, x,
							csize, i, nslots);
						if (variant >= 1 &&
						    rng_unit() < 0.3)
							obs[i] = -1;
						else if (variant == 2 &&
							 rng_unit() < 0.05)
							obs[i] = (int16_t)
								rng_below(q[i]);
					}
					assert_int_equal(
						lt_accuser_new(&a, c,
							       obs),
						0);
					lt_accuser_score_block(a, block, pool,
							       scores);
					for (j = 0; j < pool; j++) {
						int colluder = 0;

						for (k = 0; k < csize; k++)
							colluder |= coal[k] == j;
						if (fabs(scores[j]) > maxall)
							maxall = fabs(scores[j]);
						if (colluder) {
							double pf =
								lt_accuser_p_false(
									a,
									scores[j],
									pool);
							if (pf < best_colluder)
								best_colluder = pf;
							continue;
						}
						if (scores[j] > maxs)
							maxs = scores[j];
						s->innocents++;
					}
					/* The most suspicious innocent. */
					{
						double tl = lt_accuser_tail(a, maxs);
						double pf = lt_accuser_p_false(
							a, maxs, pool);

						if (pf < 1e-6)
							s->accused_innocent++;
						if (pf < s->min_innocent_p)
							s->min_innocent_p = pf;
						if (tl < s->min_innocent_tail)
							s->min_innocent_tail = tl;
					}
					/* Innocent frequencies against the bound. */
					for (int l = 0; l < 3; l++) {
						double sl = score_at_level(
							a, levels[l],
							maxall + 1000);
						double b = lt_accuser_tail(a, sl);
						size_t hits = 0;

						for (j = 0; j < pool; j++) {
							int colluder = 0;

							for (k = 0; k < csize; k++)
								colluder |=
									coal[k] == j;
							if (!colluder &&
							    scores[j] >= sl)
								hits++;
						}
						s->seen[l] += hits;
						s->expected[l] +=
							b * (double)(pool - csize);
					}
					if (nslots == 300 && csize == 2 &&
					    variant == 0) {
						s->power_trials[scheme]++;
						if (best_colluder < 1e-6)
							s->power_hits[scheme]++;
					}
					s->trials++;
					lt_accuser_free(a);
				}
			}
		}
		lt_code_free(c);
		free_names(names);
	}
	free(q);
	free(block);
	free(obs);
	free(scores);
}

/*
 * The key soundness test.  For every attack: coalitions of 2 and 3, 60 and
 * 300 slots, both bias schemes, with and without erasures and noise; well
 * over a million innocent evaluations per attack.  No innocent is ever
 * accused at 1e-6 and innocent frequencies never exceed the bound.
 */
static void test_soundness_under_collusion(void **state)
{
	struct sound_stats st[ATTACK_COUNT];
	size_t pool = 2000, rounds = 2, trials = 33;
	int kind, scheme, sizes;

	(void)state;
	memset(st, 0, sizeof(st));
	for (kind = 0; kind < ATTACK_COUNT; kind++) {
		st[kind].min_innocent_p = 1;
		st[kind].min_innocent_tail = 1;
	}
	for (scheme = 0; scheme < 2; scheme++)
		for (sizes = 0; sizes < 2; sizes++)
			soundness_config(st, (lt_bias_scheme)scheme,
					 sizes ? 300 : 60, pool, rounds,
					 trials);
	for (kind = 0; kind < ATTACK_COUNT; kind++) {
		struct sound_stats *s = &st[kind];
		int l;

		printf("# %-10s trials %zu innocents %zu accused %zu "
		       "min innocent tail %.3g p_false %.3g; power(300 slots, "
		       "c=2) uniform %zu/%zu arcsine %zu/%zu\n",
		       attack_names[kind], s->trials, s->innocents,
		       s->accused_innocent, s->min_innocent_tail,
		       s->min_innocent_p, s->power_hits[0],
		       s->power_trials[0], s->power_hits[1],
		       s->power_trials[1]);
		for (l = 0; l < 3; l++)
			printf("#   level %d: innocents above %zu, bound %.1f\n",
			       l, s->seen[l], s->expected[l]);
		assert_true(s->innocents >= 1000000);
		assert_int_equal(s->accused_innocent, 0);
		assert_true(s->min_innocent_p >= 1e-6);
		/* Power: measured 21-22 of 22 at 2,000 recipients. */
		assert_true(s->power_trials[0] >= 20 && s->power_trials[1] >= 20);
		assert_true(s->power_hits[0] * 10 >= s->power_trials[0] * 7);
		assert_true(s->power_hits[1] * 10 >= s->power_trials[1] * 7);
		for (l = 0; l < 3; l++)
			assert_true((double)s->seen[l] <=
				    s->expected[l] +
					    6 * sqrt(s->expected[l]) + 10);
	}
	(void)fflush(stdout);
}

/*
 * 10,000 independent trials under each standard attack: in every trial a
 * fresh coalition of 2 or 3 (alternately) from a pool of 200 recipients of
 * a 48-slot document (the size of a short excerpt, where an accusation
 * rests on few marks) forms its leak; each of the pool's innocents is
 * scored and must never be accused at 1e-6.  Each trial draws a new key
 * every 1,000 trials, so codes vary too.
 */
static void test_ten_thousand_trials_per_attack(void **state)
{
	enum { N = 48, POOL = 200, TRIALS = 10000 };
	uint8_t q[N], block[N * POOL], x[3][N];
	int16_t obs[N];
	float scores[POOL];
	size_t innocents = 0, accused_colluders = 0;
	int kind;

	(void)state;
	for (size_t i = 0; i < N; i++)
		q[i] = (uint8_t)(i % 8 == 7 ? 3 : 2);
	for (kind = 0; kind < ATTACK_COUNT; kind++) {
		lt_code *c = NULL;
		char **names = NULL;
		double min_p = 1;
		size_t accused = 0;

		for (size_t t = 0; t < TRIALS; t++) {
			size_t members[3], csize = 2 + t % 2, k, j, i;
			lt_accuser *a;

			if (t % 1000 == 0) {
				lt_code_free(c);
				if (names)
					free_names(names);
				c = make_code(100 + (unsigned)(kind * 10 + t / 1000),
					      q, N, LT_BIAS_UNIFORM);
				names = make_names(POOL, (unsigned)(t / 1000));
				assert_int_equal(lt_code_block(c,
					(const char *const *)names, POOL, block), 0);
			}
			for (k = 0; k < csize; k++) {
				int again;

				do {
					members[k] = rng_below(POOL);
					again = 0;
					for (j = 0; j < k; j++)
						again |= members[j] == members[k];
				} while (again);
				for (i = 0; i < N; i++)
					x[k][i] = block[i * POOL + members[k]];
			}
			for (i = 0; i < N; i++) {
				uint8_t col[3];

				for (k = 0; k < csize; k++)
					col[k] = x[k][i];
				obs[i] = (int16_t)attack_symbol((enum attack)kind,
								col, csize, i, N);
			}
			assert_int_equal(lt_accuser_new(&a, c, obs), 0);
			lt_accuser_score_block(a, block, POOL, scores);
			for (j = 0; j < POOL; j++) {
				int member = 0;
				double p;

				for (k = 0; k < csize; k++)
					member |= members[k] == j;
				p = lt_accuser_p_false(a, scores[j], POOL);
				if (member) {
					accused_colluders += p < 1e-6;
					continue;
				}
				innocents++;
				if (p < min_p)
					min_p = p;
				accused += p < 1e-6;
			}
			lt_accuser_free(a);
		}
		printf("# %-10s %d trials: innocents accused %zu, smallest "
		       "innocent p_false %.3g\n", attack_names[kind], TRIALS,
		       accused, min_p);
		assert_int_equal(accused, 0);
		lt_code_free(c);
		free_names(names);
	}
	printf("# %zu innocent scores in all; colluders accused %zu times\n",
	       innocents, accused_colluders);
	assert_true(innocents >= (size_t)ATTACK_COUNT * TRIALS * (POOL - 3));
	(void)fflush(stdout);
}

/* Layout slots extend a code: the old symbols stay, the new ones are fair
 * coins, and a copy's full codeword is still its own. */
static void test_code_extend(void **state)
{
	enum { N = 40, EXTRA = 4000 };
	uint8_t q[N], w[N], we[N + EXTRA];
	lt_code *c, *e;
	size_t i, ones = 0;

	(void)state;
	for (i = 0; i < N; i++)
		q[i] = (uint8_t)(2 + i % 3);
	c = make_code(77, q, N, LT_BIAS_ARCSINE);
	assert_int_equal(lt_code_extend(&e, c, EXTRA), 0);
	assert_int_equal(lt_code_slots(e), N + EXTRA);
	lt_code_codeword(c, "Ann", 3, w);
	lt_code_codeword(e, "Ann", 3, we);
	assert_memory_equal(w, we, N);
	for (i = 0; i < N; i++)
		assert_true(lt_code_bias(e, i, 0) == lt_code_bias(c, i, 0));
	for (i = N; i < N + EXTRA; i++) {
		assert_int_equal(lt_code_q(e, i), 2);
		assert_true(fabs(lt_code_bias(e, i, 1) - 0.5) < 1e-9);
		ones += we[i];
	}
	/* 4,000 fair coins: within 5 sigma of 2,000. */
	assert_true(ones > 2000 - 160 && ones < 2000 + 160);
	lt_code_codeword(e, "Bob", 3, we);
	for (i = N, ones = 0; i < N + EXTRA; i++)
		ones += we[i];
	assert_true(ones > 2000 - 160 && ones < 2000 + 160);
	lt_code_free(e);
	lt_code_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scheme_names),
		cmocka_unit_test(test_choose_bias_and_capacity),
		cmocka_unit_test(test_code_new_rejects_bad_alphabets),
		cmocka_unit_test(test_codeword_determinism_and_key_dependence),
		cmocka_unit_test(test_codeword_known_answer),
		cmocka_unit_test(test_biases_sum_and_cutoff),
		cmocka_unit_test(test_symbol_frequencies),
		cmocka_unit_test(test_block_layout),
		cmocka_unit_test(test_accuser_rejects_bad_symbols),
		cmocka_unit_test(test_accuser_weighted),
		cmocka_unit_test(test_single_leaker_ranked_first),
		cmocka_unit_test(test_accuser_tail_enumerated),
		cmocka_unit_test(test_accuser_nothing_observed),
		cmocka_unit_test(test_accuse_40_slots),
		cmocka_unit_test(test_no_accusation_20_slots),
		cmocka_unit_test(test_large_observation),
		cmocka_unit_test(test_code_extend),
		cmocka_unit_test(test_ten_thousand_trials_per_attack),
		cmocka_unit_test(test_soundness_under_collusion),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
