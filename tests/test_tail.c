/*
 * test_tail.c - the innocent-score tail bound against exact enumeration,
 * Monte Carlo, and closed forms.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <math.h>
#include <cmocka.h>

#include "code/tail.h"

/* xorshift64*: a fixed, portable test generator. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

/* Uniform in [0,1). */
static double rng_unit(void)
{
	return (double)(rng_next() >> 11) * (1.0 / 9007199254740992.0);
}

/* Exact P(S >= s) for n <= 20 terms by enumerating every outcome. */
static double exact_tail(const int32_t *a, const int32_t *b, const double *p,
			 size_t n, double step, double s)
{
	double total = 0;
	uint32_t mask, i;

	for (mask = 0; mask < (1u << n); mask++) {
		double prob = 1, sum = 0;

		for (i = 0; i < n; i++) {
			if (mask >> i & 1) {
				prob *= p[i];
				sum += a[i] * step;
			} else {
				prob *= 1 - p[i];
				sum += b[i] * step;
			}
		}
		if (sum >= s)
			total += prob;
	}
	return total;
}

/* Symmetric-score terms for bias p, rounded to the grid like the code. */
static void score_terms(double p, double step, int32_t *a, int32_t *b)
{
	*a = (int32_t)lrint(sqrt((1 - p) / p) / step);
	*b = (int32_t)lrint(-sqrt(p / (1 - p)) / step);
}

/*
 * (a) an upper bound and (b) essentially exact, against brute force over
 * all 2^n outcomes, for random small problems at every reachable threshold
 * and between them.
 */
static void test_tail_matches_enumeration(void **state)
{
	int32_t a[14], b[14];
	double p[14], step = 1.0 / 32;
	int round, checked = 0;

	(void)state;
	for (round = 0; round < 60; round++) {
		size_t n = 1 + round % 14, i;
		lt_tail *t = NULL;
		double s;

		for (i = 0; i < n; i++) {
			if (round % 3 == 0) {
				/* Arbitrary integer terms. */
				p[i] = 0.02 + 0.96 * rng_unit();
				a[i] = (int32_t)(rng_next() % 200);
				b[i] = -(int32_t)(rng_next() % 200);
			} else {
				/* Score terms, biases near the cutoff too. */
				p[i] = round % 3 == 1 ? 1.0 / 900 +
							rng_unit() * 0.1
						      : 0.05 + 0.9 * rng_unit();
				score_terms(p[i], step, &a[i], &b[i]);
			}
		}
		assert_int_equal(lt_tail_new(&t, a, b, p, n, step), 0);
		for (s = -40; s <= 400; s += 0.25 + rng_unit() * 0.1) {
			double ex = exact_tail(a, b, p, n, step, s);
			double up = lt_tail_upper(t, s);
			double ch = lt_tail_chernoff(t, s);

			/* ex itself carries rounding of ~1e-15. */
			assert_true(up >= ex * (1 - 1e-12));
			assert_true(ch >= ex * (1 - 1e-12));
			assert_true(up <= 1 && up >= 0);
			if (ex >= 1e-12)
				assert_true(up <= ex * (1 + 1e-6) + 1e-290);
			if (ex == 0)
				assert_true(up <= 1e-280);
			checked++;
		}
		/* Exactly at every reachable sum (the tightest place). */
		{
			uint32_t mask;

			for (mask = 0; mask < (1u << n); mask += 1 + mask / 7) {
				double sum = 0, ex, up;

				for (i = 0; i < n; i++)
					sum += (mask >> i & 1 ? a[i] : b[i]) *
					       step;
				ex = exact_tail(a, b, p, n, step, sum);
				up = lt_tail_upper(t, sum);
				assert_true(up >= ex * (1 - 1e-12));
				assert_true(up <= ex * (1 + 1e-6) + 1e-290);
			}
		}
		lt_tail_free(t);
	}
	assert_true(checked > 10000);
}

/*
 * A starved work budget forces the convolution onto a coarser grid (every
 * term rounded up): still an upper bound at every threshold.
 */
static void test_tail_coarse_still_upper(void **state)
{
	int32_t a[12], b[12];
	double p[12], step = 1.0 / 32;
	int round;

	(void)state;
	for (round = 0; round < 20; round++) {
		size_t n = 4 + round % 9, i;
		lt_tail *t = NULL;
		double s;

		for (i = 0; i < n; i++) {
			p[i] = 1.0 / 900 + rng_unit() * 0.998;
			score_terms(p[i], step, &a[i], &b[i]);
		}
		assert_int_equal(lt_tail_new_budget(&t, a, b, p, n, step,
						    20 + round * 10),
				 0);
		for (s = -20; s <= 200; s += 0.1 + rng_unit() * 0.05) {
			double ex = exact_tail(a, b, p, n, step, s);

			assert_true(lt_tail_convolution(t, s) >=
				    ex * (1 - 1e-12));
			assert_true(lt_tail_upper(t, s) >= ex * (1 - 1e-12));
		}
		lt_tail_free(t);
	}
}

/* (c) the bound dominates the Monte-Carlo frequency at moderate n. */
static void test_tail_dominates_monte_carlo(void **state)
{
	enum { N = 200, TRIALS = 100000 };
	static int32_t a[N], b[N];
	static double p[N], sums[TRIALS];
	double step = 1.0 / 32, s;
	lt_tail *t = NULL;
	size_t i, k;

	(void)state;
	for (i = 0; i < N; i++) {
		/* Arcsine-distributed biases. */
		double r = rng_unit() * M_PI / 2;

		p[i] = sin(r) * sin(r);
		if (p[i] < 1.0 / 900)
			p[i] = 1.0 / 900;
		if (p[i] > 1 - 1.0 / 900)
			p[i] = 1 - 1.0 / 900;
		score_terms(p[i], step, &a[i], &b[i]);
	}
	assert_int_equal(lt_tail_new(&t, a, b, p, N, step), 0);
	for (k = 0; k < TRIALS; k++) {
		double sum = 0;

		for (i = 0; i < N; i++)
			sum += (rng_unit() < p[i] ? a[i] : b[i]) * step;
		sums[k] = sum;
	}
	for (s = -20; s <= 60; s += 1) {
		double bound = lt_tail_upper(t, s), freq;
		size_t hits = 0;

		for (k = 0; k < TRIALS; k++)
			hits += sums[k] >= s;
		freq = (double)hits / TRIALS;
		/* Never significantly above the bound ... */
		assert_true(freq <= bound + 5 * sqrt(bound / TRIALS) +
					     5.0 / TRIALS);
		/* ... and the bound is not loose where it can be seen. */
		if (freq >= 0.01)
			assert_true(bound <= freq * 1.1);
	}
	lt_tail_free(t);
}

/* (d) m matching uniform binary slots: P(S >= m) = 2^-m, down to 1e-60. */
static void test_tail_uniform_binary(void **state)
{
	static const size_t ms[] = {1, 5, 10, 27, 40, 100, 130, 200};
	static int32_t a[200], b[200];
	static double p[200];
	size_t k, i;

	(void)state;
	for (k = 0; k < sizeof(ms) / sizeof(ms[0]); k++) {
		size_t m = ms[k];
		lt_tail *t = NULL;
		double want = ldexp(1, -(int)m), got;

		for (i = 0; i < m; i++) {
			a[i] = 32;
			b[i] = -32;
			p[i] = 0.5;
		}
		assert_int_equal(lt_tail_new(&t, a, b, p, m, 1.0 / 32), 0);
		got = lt_tail_upper(t, (double)m);
		assert_true(got >= want);
		assert_true(got <= want * (1 + 1e-6));
		/* One below the top: m + 1 outcomes of 2^m reach m - 2. */
		got = lt_tail_upper(t, (double)m - 2);
		assert_true(got >= want * (double)(m + 1));
		assert_true(got <= want * (double)(m + 1) * (1 + 1e-6));
		/* Above the maximum: impossible. */
		assert_true(lt_tail_upper(t, (double)m + 0.01) == 0);
		lt_tail_free(t);
	}
}

/* No terms: S = 0. */
static void test_tail_empty(void **state)
{
	lt_tail *t = NULL;

	(void)state;
	assert_int_equal(lt_tail_new(&t, NULL, NULL, NULL, 0, 1.0 / 32), 0);
	assert_true(lt_tail_upper(t, -1) == 1);
	assert_true(lt_tail_upper(t, 0) == 1);
	assert_true(lt_tail_upper(t, 0.01) == 0);
	lt_tail_free(t);
}

/*
 * A large problem: the tail is monotone, in [0,1], 1 well below the mean,
 * and reaches probabilities far below any threshold.
 */
static void test_tail_large(void **state)
{
	enum { N = 10000 };
	static int32_t a[N], b[N];
	static double p[N];
	double step = 0.5, prev = 1, s;
	lt_tail *t = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < N; i++) {
		p[i] = 1.0 / 900 + rng_unit() * (1 - 2.0 / 900);
		score_terms(p[i], step, &a[i], &b[i]);
	}
	assert_int_equal(lt_tail_new(&t, a, b, p, N, step), 0);
	assert_true(lt_tail_bins(t) > 100);
	assert_true(lt_tail_upper(t, -2000) >= 0.999);
	for (s = -1000; s <= 10000; s += 7.3) {
		double v = lt_tail_upper(t, s);

		assert_true(v >= 0 && v <= 1);
		assert_true(v <= prev);
		prev = v;
	}
	assert_true(lt_tail_upper(t, 1500) < 1e-40);
	lt_tail_free(t);
}

/* Bad arguments are refused. */
static void test_tail_bad_arguments(void **state)
{
	lt_tail *t = (lt_tail *)1;
	int32_t a = 1, b = -1;
	double p = 0.5;

	(void)state;
	assert_int_not_equal(lt_tail_new(&t, &a, &b, &p, 1, 0), 0);
	assert_null(t);
	assert_int_not_equal(lt_tail_new(&t, NULL, &b, &p, 1, 1), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tail_matches_enumeration),
		cmocka_unit_test(test_tail_coarse_still_upper),
		cmocka_unit_test(test_tail_dominates_monte_carlo),
		cmocka_unit_test(test_tail_uniform_binary),
		cmocka_unit_test(test_tail_empty),
		cmocka_unit_test(test_tail_large),
		cmocka_unit_test(test_tail_bad_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
