/*
 * bench_score.c - timings of the code module: generating codeword blocks,
 * scoring blocks against a leak, and precomputing the innocent tail.
 * Prints figures only; never judges them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "leaktrace/code.h"
#include "leaktrace/error.h"

/* Seconds on the monotonic clock. */
static double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* A code over `nslots` binary slots under a fixed benchmark key. */
static lt_code *bench_code(size_t nslots, lt_bias_scheme scheme)
{
	uint8_t key[LT_KEY_BYTES];
	uint8_t *q = malloc(nslots);
	lt_code *c = NULL;
	size_t i;

	for (i = 0; i < LT_KEY_BYTES; i++)
		key[i] = (uint8_t)(i * 7 + 1);
	for (i = 0; i < nslots; i++)
		q[i] = (uint8_t)(i % 5 == 4 ? 3 : 2);
	if (lt_code_new(&c, key, q, nslots, scheme))
		fprintf(stderr, "lt_code_new: %s\n", lt_error_message());
	free(q);
	return c;
}

/* Names "recipient-0" .. for `count` recipients (one allocation). */
static char **bench_names(size_t count)
{
	char **names = malloc(count * sizeof(*names));
	char *pool = malloc(count * 32);
	size_t j;

	for (j = 0; j < count; j++) {
		names[j] = pool + 32 * j;
		snprintf(names[j], 32, "recipient-%zu", j);
	}
	return names;
}

static void bench_free_names(char **names)
{
	free(names[0]);
	free(names);
}

/* Time lt_code_block for count x nslots. */
static void bench_block(size_t count, size_t nslots)
{
	lt_code *c = bench_code(nslots, LT_BIAS_ARCSINE);
	char **names = bench_names(count);
	uint8_t *block = malloc(count * nslots);
	double t0, t1;

	t0 = bench_now();
	lt_code_block(c, (const char *const *)names, count, block);
	t1 = bench_now();
	printf("lt_code_block      %6zu recipients x %5zu slots: %8.2f ms\n",
	       count, nslots, (t1 - t0) * 1e3);
	free(block);
	bench_free_names(names);
	lt_code_free(c);
}

/*
 * Time lt_accuser_new and lt_accuser_score_block for `count` copies with
 * all `nslots` slots observed (the leak is recipient 0's codeword).
 */
static void bench_score(size_t count, size_t nslots, int print_new)
{
	lt_code *c = bench_code(nslots, LT_BIAS_ARCSINE);
	uint8_t *block = malloc(count * nslots), *word = malloc(nslots);
	int16_t *leak = malloc(nslots * sizeof(*leak));
	float *scores = malloc(count * sizeof(*scores));
	lt_accuser *a = NULL;
	double t0, t1, best = 1e30;
	size_t i, j;
	int rep;

	{
		char **names = bench_names(count);

		lt_code_block(c, (const char *const *)names, count, block);
		bench_free_names(names);
	}
	lt_code_codeword(c, "recipient-0", 11, word);
	for (i = 0; i < nslots; i++)
		leak[i] = word[i];
	t0 = bench_now();
	if (lt_accuser_new(&a, c, leak)) {
		fprintf(stderr, "lt_accuser_new: %s\n", lt_error_message());
		goto out;
	}
	t1 = bench_now();
	if (print_new)
		printf("lt_accuser_new     %5zu observed slots:              "
		       "%8.2f ms\n",
		       nslots, (t1 - t0) * 1e3);
	for (rep = 0; rep < 5; rep++) {
		t0 = bench_now();
		lt_accuser_score_block(a, block, count, scores);
		t1 = bench_now();
		if (t1 - t0 < best)
			best = t1 - t0;
	}
	for (j = 1; j < count; j++)
		if (scores[j] > scores[0])
			scores[0] = scores[j];
	printf("score_block        %6zu copies x %5zu slots:       %8.2f ms"
	       " (max %.1f)\n",
	       count, nslots, best * 1e3, scores[0]);
out:
	lt_accuser_free(a);
	free(scores);
	free(leak);
	free(word);
	free(block);
	lt_code_free(c);
}

int main(void)
{
	static const size_t counts[] = {1000, 10000, 100000};
	size_t k;

	bench_block(10000, 2000);
	for (k = 0; k < 3; k++)
		bench_score(counts[k], 300, k == 0);
	for (k = 0; k < 3; k++)
		bench_score(counts[k], 2000, k == 0);
	{
		/* The tail precompute at a very large observation. */
		lt_code *c = bench_code(10000, LT_BIAS_ARCSINE);
		int16_t *leak = malloc(10000 * sizeof(*leak));
		lt_accuser *a = NULL;
		double t0;
		size_t i;

		for (i = 0; i < 10000; i++)
			leak[i] = (int16_t)(i % 2);
		t0 = bench_now();
		if (lt_accuser_new(&a, c, leak) == 0)
			printf("lt_accuser_new     %5d observed slots:              "
			       "%8.2f ms\n",
			       10000, (bench_now() - t0) * 1e3);
		lt_accuser_free(a);
		free(leak);
		lt_code_free(c);
	}
	return 0;
}
