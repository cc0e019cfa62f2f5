/*
 * bench_pdq.c - PDQ throughput and index query times.  Prints figures
 * only; asserts nothing.  Run from the repository root.
 *
 *   1. PDQ hashes per second on the 29 reference images (files read,
 *      decoded and hashed, one core, one lt_pdq_hasher for all files),
 *      decoding to RGB and to luminance only (LT_PDQ_FAST), with the
 *      largest Hamming distance to the reference hashes (images of
 *      quality >= 80) in each mode; then lt_pdq_hash_file, which takes
 *      fresh memory for every file; the same for the eight pictures of
 *      document pages.
 *   1b. When $PDQ_REFERENCE names the reference pdq-photo-hasher
 *      (facebook/ThreatExchange, pdq/cpp), it is timed on the same
 *      images in the same run, rounds taking turns with leaktrace's
 *      full-scale hashing (one hasher), and the ratio printed:
 *        pdq: leaktrace X images/s, reference Y images/s, ratio Z
 *      Rates are per second of CPU time (user + system: the reference's
 *      from its processes, one per round), which a busy shared machine
 *      disturbs less than wall-clock time; leaktrace's rate includes
 *      reading and decoding every file at full resolution.
 *   1c. With the reference, the two command-line tools head to head:
 *      `leaktrace pdq FILE...` ($LEAKTRACE_CLI, else ../leaktrace beside
 *      this program) and the reference, each one process over all the
 *      images a round, rounds taking turns, process start-up included:
 *        pdq cli: leaktrace X images/s, reference Y images/s, ratio Z
 *      per CPU second, then the same ratio in wall-clock time.
 *   2. Multi-index Hamming search over 100,000 and 1,000,000 stored
 *      hashes: build time, then mean query time at distances 15 and 31
 *      (with planted near-duplicates), against a brute-force scan.
 *
 * The images are read from $LEAKTRACE_SHARED_DATA/pdq, else from
 * ../shared/data/pdq.
 */
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "leaktrace/error.h"
#include "leaktrace/pdq.h"

#define MAX_IMAGES 64
#define ROUNDS 5
#define QUERIES 1000

struct ref {
	char path[1024];
	lt_pdq_hash hash;
	int quality;
};

static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU seconds (user + system) used by waited-for child processes. */
static double children_cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_CHILDREN, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* Read `csv` of the reference data; the images are in folder `sub`. */
static int load_refs(struct ref *refs, int *n, const char *csv,
		     const char *sub)
{
	const char *env = getenv("LEAKTRACE_SHARED_DATA");
	char dir[512], path[600], line[512];
	FILE *f;

	snprintf(dir, sizeof(dir), "%s/pdq", env && *env ? env : "../shared/data");
	snprintf(path, sizeof(path), "%s/%s", dir, csv);
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
		snprintf(r->path, sizeof(r->path), "%s/%s/%s", dir, sub, name);
		(*n)++;
	}
	fclose(f);
	return 0;
}

/*
 * Hash every image ROUNDS times with `flags`, with one hasher (or, when
 * `one_shot`, lt_pdq_hash_file); print the rate and fidelity.
 */
static void bench_mode(const struct ref *refs, int n, int flags,
		       int one_shot, const char *label)
{
	lt_pdq_hasher *hasher;
	double t0, t;
	int round, i, worst = 0, errors = 0;

	if (lt_pdq_hasher_new(&hasher))
		return;
	t0 = now();
	for (round = 0; round < ROUNDS; round++) {
		for (i = 0; i < n; i++) {
			lt_pdq_hash h;
			int q, d, rc;

			rc = one_shot ? lt_pdq_hash_file(&h, &q, refs[i].path,
							 flags)
				      : lt_pdq_hasher_file(hasher, &h, 1, &q,
							   refs[i].path, flags);
			if (rc) {
				errors++;
				continue;
			}
			d = lt_pdq_distance(&h, &refs[i].hash);
			if (refs[i].quality >= 80 && d > worst)
				worst = d;
		}
	}
	t = now() - t0;
	lt_pdq_hasher_free(hasher);
	printf("pdq %-24s %d images x %d: %.3f s a pass, %.0f images/s, "
	       "max distance to reference %d%s\n", label, n, ROUNDS,
	       t / ROUNDS, n * ROUNDS / t, worst,
	       errors ? " (decode errors!)" : "");
}

/*
 * Run `tool` (with `sub` as its first argument when not NULL) once over
 * all images, its output thrown away; its exit status, and its wall-clock
 * time added to *wall.
 */
static int run_tool(const char *tool, const char *sub,
		    const struct ref *refs, int n, double *wall)
{
	char *argv[MAX_IMAGES + 3];
	double t0;
	pid_t pid;
	int i, k = 0, status;

	argv[k++] = (char *)tool;
	if (sub)
		argv[k++] = (char *)sub;
	for (i = 0; i < n; i++)
		argv[k++] = (char *)refs[i].path;
	argv[k] = NULL;
	fflush(stdout);
	t0 = now();
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout))
			_exit(127);
		execv(tool, argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	*wall += now() - t0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/*
 * leaktrace's full-scale hashing and the reference hasher on the same
 * images, rounds taking turns; both rates per CPU second and the ratio.
 */
static void bench_vs_reference(const char *hasher, const struct ref *refs,
			       int n, const char *label)
{
	double ours = 0.0, theirs = 0.0, wall = 0.0, t0;
	lt_pdq_hasher *h;
	int round, i;

	if (lt_pdq_hasher_new(&h))
		return;
	for (round = 0; round < ROUNDS; round++) {
		t0 = cpu_now();
		for (i = 0; i < n; i++) {
			lt_pdq_hash hash;
			int q;

			lt_pdq_hasher_file(h, &hash, 1, &q, refs[i].path, 0);
		}
		ours += cpu_now() - t0;
		t0 = children_cpu();
		if (run_tool(hasher, NULL, refs, n, &wall) != 0) {
			printf("pdq: the reference hasher %s failed\n", hasher);
			lt_pdq_hasher_free(h);
			return;
		}
		theirs += children_cpu() - t0;
	}
	lt_pdq_hasher_free(h);
	printf("pdq: leaktrace %.0f images/s, reference %.0f images/s, "
	       "ratio %.2f (%s, %d images x %d rounds, per CPU second)\n",
	       n * ROUNDS / ours, n * ROUNDS / theirs, theirs / ours, label,
	       n, ROUNDS);
}

/*
 * `leaktrace pdq FILE...` against the reference hasher, each one process
 * over all the images a round, rounds taking turns.
 */
static void bench_cli(const char *cli, const char *hasher,
		      const struct ref *refs, int n, const char *label)
{
	double ours = 0.0, theirs = 0.0, our_wall = 0.0, their_wall = 0.0;
	double t0;
	int round;

	for (round = 0; round < ROUNDS; round++) {
		t0 = children_cpu();
		if (run_tool(cli, "pdq", refs, n, &our_wall) != 0) {
			printf("pdq cli: %s pdq failed\n", cli);
			return;
		}
		ours += children_cpu() - t0;
		t0 = children_cpu();
		if (run_tool(hasher, NULL, refs, n, &their_wall) != 0) {
			printf("pdq cli: the reference hasher %s failed\n",
			       hasher);
			return;
		}
		theirs += children_cpu() - t0;
	}
	printf("pdq cli: leaktrace %.0f images/s, reference %.0f images/s, "
	       "ratio %.2f (%s, one process over %d images x %d rounds, per "
	       "CPU second; wall clock: ratio %.2f)\n", n * ROUNDS / ours,
	       n * ROUNDS / theirs, theirs / ours, label, n, ROUNDS,
	       their_wall / our_wall);
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

int main(int argc, char **argv)
{
	static const char *const sets[2][3] = {
		{"expected.csv", "images", "reference images"},
		{"expected-pages.csv", "pages", "document pages"},
	};
	struct ref *refs = calloc(MAX_IMAGES, sizeof(*refs));
	const char *hasher = getenv("PDQ_REFERENCE");
	const char *cli = getenv("LEAKTRACE_CLI");
	char label[64], self[1024], cli_path[1100];
	int n = 0, s;

	(void)argc;
	if (!refs)
		return 1;
	if (!cli || !*cli) {
		/* build/bench/bench_pdq -> build/leaktrace */
		snprintf(self, sizeof(self), "%s", argv[0]);
		snprintf(cli_path, sizeof(cli_path), "%s/../leaktrace",
			 dirname(self));
		cli = cli_path;
	}
	if (access(cli, X_OK) != 0)
		cli = NULL;
	if (hasher && (!*hasher || access(hasher, X_OK) != 0)) {
		printf("pdq: PDQ_REFERENCE=%s is not an executable; no "
		       "comparison\n", hasher);
		hasher = NULL;
	}
	for (s = 0; s < 2; s++) {
		if (load_refs(refs, &n, sets[s][0], sets[s][1]) != 0 || n == 0)
			continue;
		snprintf(label, sizeof(label), "%s, RGB:", sets[s][1]);
		bench_mode(refs, n, 0, 0, label);
		snprintf(label, sizeof(label), "%s, luminance:", sets[s][1]);
		bench_mode(refs, n, LT_PDQ_FAST, 0, label);
		snprintf(label, sizeof(label), "%s, hash_file:", sets[s][1]);
		bench_mode(refs, n, 0, 1, label);
		if (hasher)
			bench_vs_reference(hasher, refs, n, sets[s][2]);
		if (hasher && cli)
			bench_cli(cli, hasher, refs, n, sets[s][2]);
	}
	free(refs);
	bench_index(100000);
	bench_index(1000000);
	return 0;
}
