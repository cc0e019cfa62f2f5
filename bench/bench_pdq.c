/*
 * bench_pdq.c - PDQ throughput and index query times.  Prints figures
 * only; asserts nothing.  Run from the repository root.
 *
 *   1. PDQ hashes per second on the 29 reference images (files read,
 *      decoded and hashed, one core), decoding at full scale and at
 *      reduced scale (libjpeg's 1/2..1/8 IDCT, at least 256 pixels a
 *      side, luminance only: LT_PDQ_FAST), with the largest Hamming
 *      distance to the reference hashes
 *      (images of quality >= 80) in each mode.
 *   2. Multi-index Hamming search over 100,000 and 1,000,000 stored
 *      hashes: build time, then mean query time at distances 15 and 31
 *      (with planted near-duplicates), against a brute-force scan.
 *
 * The images are read from $LEAKTRACE_SHARED_DATA/pdq, else from
 * ../shared/data/pdq.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "leaktrace/error.h"
#include "leaktrace/pdq.h"

#define MAX_IMAGES 64
#define ROUNDS 5
#define QUERIES 1000

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

struct ref {
	char path[1024];
	lt_pdq_hash hash;
	int quality;
};

static int load_refs(struct ref *refs, int *n)
{
	const char *env = getenv("LEAKTRACE_SHARED_DATA");
	char dir[512], path[600], line[512];
	FILE *f;

	snprintf(dir, sizeof(dir), "%s/pdq", env && *env ? env : "../shared/data");
	snprintf(path, sizeof(path), "%s/expected.csv", dir);
	if (!(f = fopen(path, "r"))) {
		printf("PDQ reference images not found at %s (set "
		       "LEAKTRACE_SHARED_DATA)\n", dir);
		return -1;
	}
	*n = 0;
	while (*n < MAX_IMAGES && fgets(line, sizeof(line), f)) {
		char hex[65], name[256];
		struct ref *r = &refs[*n];

		if (sscanf(line, "%64[0-9a-f],%d,%255[^\r\n]", hex, &r->quality,
			   name) != 3 || lt_pdq_from_hex(&r->hash, hex))
			continue;
		snprintf(r->path, sizeof(r->path), "%s/images/%s", dir, name);
		(*n)++;
	}
	fclose(f);
	return 0;
}

/* Hash every image ROUNDS times with `flags`; print the rate and fidelity. */
static void bench_mode(const struct ref *refs, int n, int flags,
		       const char *label)
{
	double t0, t;
	int round, i, worst = 0, errors = 0;

	t0 = now();
	for (round = 0; round < ROUNDS; round++) {
		for (i = 0; i < n; i++) {
			lt_pdq_hash h;
			int q, d;

			if (lt_pdq_hash_file(&h, &q, refs[i].path, flags)) {
				errors++;
				continue;
			}
			d = lt_pdq_distance(&h, &refs[i].hash);
			if (refs[i].quality >= 80 && d > worst)
				worst = d;
		}
	}
	t = now() - t0;
	printf("pdq %-14s %d images x %d: %.3f s a pass, %.0f images/s, "
	       "max distance to reference %d%s\n", label, n, ROUNDS,
	       t / ROUNDS, n * ROUNDS / t, worst,
	       errors ? " (decode errors!)" : "");
}

static uint64_t rng_state = 0x2545f4914f6cdd1dull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void random_hash(lt_pdq_hash *h)
{
	int i;

	for (i = 0; i < LT_PDQ_BYTES; i += 8) {
		uint64_t r = rng();

		memcpy(h->bytes + i, &r, 8);
	}
}

static int count_match(void *ctx, int64_t id, const lt_pdq_hash *h, int d)
{
	(void)id;
	(void)h;
	(void)d;
	(*(size_t *)ctx)++;
	return 0;
}

static void bench_index(size_t n)
{
	lt_pdq_hash *stored = malloc(n * sizeof(*stored));
	lt_pdq_hash *queries = malloc(QUERIES * sizeof(*queries));
	lt_pdq_index *ix;
	double t0, tb;
	size_t i, found;
	int qi, r;
	static const int radii[] = {15, 31};

	if (!stored || !queries || lt_pdq_index_new(&ix)) {
		printf("index: out of memory\n");
		free(stored);
		free(queries);
		return;
	}
	for (i = 0; i < n; i++)
		random_hash(&stored[i]);
	/* Every query has a stored near-duplicate 0..31 bits away. */
	for (qi = 0; qi < QUERIES; qi++) {
		int b, flips = qi % 32;

		queries[qi] = stored[rng() % n];
		for (b = 0; b < flips; b++) {
			int bit = (int)(rng() % 256);

			queries[qi].bytes[bit / 8] ^= (unsigned char)(1u << (bit % 8));
		}
	}
	t0 = now();
	for (i = 0; i < n; i++)
		if (lt_pdq_index_add(ix, &stored[i], (int64_t)i)) {
			printf("index: %s\n", lt_error_message());
			goto out;
		}
	/* The first query builds the tables. */
	found = 0;
	lt_pdq_index_query(ix, &queries[0], 0, count_match, &found);
	tb = now() - t0;
	printf("index %7zu hashes: built in %.3f s\n", n, tb);
	for (r = 0; r < 2; r++) {
		found = 0;
		t0 = now();
		for (qi = 0; qi < QUERIES; qi++)
			lt_pdq_index_query(ix, &queries[qi], radii[r],
					   count_match, &found);
		printf("index %7zu hashes: distance <= %d: %.1f us a query "
		       "(%zu matches in %d queries)\n", n, radii[r],
		       (now() - t0) / QUERIES * 1e6, found, QUERIES);
	}
	/* Brute force, for comparison (fewer queries). */
	found = 0;
	t0 = now();
	for (qi = 0; qi < 50; qi++)
		for (i = 0; i < n; i++)
			if (lt_pdq_distance(&stored[i], &queries[qi]) <= 31)
				found++;
	printf("index %7zu hashes: brute force scan: %.1f us a query\n", n,
	       (now() - t0) / 50 * 1e6);
out:
	lt_pdq_index_free(ix);
	free(stored);
	free(queries);
}

int main(void)
{
	struct ref *refs = calloc(MAX_IMAGES, sizeof(*refs));
	int n = 0;

	if (!refs)
		return 1;
	if (load_refs(refs, &n) == 0 && n > 0) {
		bench_mode(refs, n, 0, "full scale:");
		bench_mode(refs, n, LT_PDQ_FAST, "reduced scale:");
	}
	free(refs);
	bench_index(100000);
	bench_index(1000000);
	return 0;
}
