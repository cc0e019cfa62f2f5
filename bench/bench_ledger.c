/*
 * bench_ledger.c - ledger figures: appends per second in batches (one
 * transaction and one signed tree head per batch), then inclusion and
 * consistency proof generation and verification at 1,000,000 events, and
 * a full `log verify`.  Prints figures only; asserts nothing about time.
 *
 *   bench_ledger [EVENTS [BATCH]]   (default 1000000 and 10000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "leaktrace/error.h"
#include "leaktrace/ledger.h"
#include "ledger/event.h"
#include "store/vault_internal.h"
#include "store/sqlite_internal.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what)
{
	fprintf(stderr, "bench_ledger: %s: %s\n", what, lt_error_message());
	exit(1);
}

int main(int argc, char **argv)
{
	long events = argc > 1 ? atol(argv[1]) : 1000000;
	long batch = argc > 2 ? atol(argv[2]) : 10000;
	char dir[256], cmd[400], detail[128];
	unsigned char pk[LT_SIGN_PUBLIC_BYTES];
	lt_ledger_report *report;
	lt_vault *v;
	double t0, t, gen = 0, chk = 0, pure = 0, cgen = 0, cchk = 0;
	const int rounds = 1000;
	int64_t *heads;
	long i, nheads = 0;

	if (events < 2 || batch < 1 || sodium_init() < 0) {
		fprintf(stderr, "usage: bench_ledger [EVENTS [BATCH]]\n");
		return 2;
	}
	snprintf(dir, sizeof(dir), "%s/lt-bench-ledger-%ld",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
	if (lt_vault_init(dir) || lt_vault_open(&v, dir))
		die("vault");
	heads = calloc((size_t)(events / batch + 2), sizeof(*heads));

	/* Appends. */
	t0 = now_s();
	for (i = 0; i < events;) {
		if (lt_vault_begin(v))
			die("begin");
		for (long k = 0; k < batch && i < events; k++, i++) {
			snprintf(detail, sizeof(detail), "{\"copy\":\"c%012lx\","
				 "\"recipient_id\":%ld,\"format\":\"txt\","
				 "\"reissue\":false}", (unsigned long)i * 2654435761u, i);
			if (lt_ledger_event(v, "issue", "memo-budget", detail))
				die("append");
		}
		if (lt_vault_commit(v))
			die("commit");
		heads[nheads++] = i;
	}
	t = now_s() - t0;
	printf("appends: %ld events in batches of %ld: %.2f s, %.0f events/s "
	       "(%ld signed tree heads)\n", events, batch, t, (double)events / t,
	       nheads);
	if (lt_ledger_public_key(pk, v))
		die("public key");

	/* Inclusion proofs at full size. */
	srand(12345);
	for (int r = 0; r < rounds; r++) {
		int64_t seq = 1 + (int64_t)(((unsigned long)rand() << 16 ^
					     (unsigned long)rand()) % (unsigned long)events);
		lt_ledger_proof *p;

		t0 = now_s();
		if (lt_ledger_prove_inclusion(&p, v, seq))
			die("prove");
		gen += now_s() - t0;
		t0 = now_s();
		if (lt_ledger_proof_check(p, pk))
			die("check");
		chk += now_s() - t0;
		t0 = now_s();
		if (lt_merkle_verify_inclusion(p->index, p->head.size, p->leaf_hash,
					       p->path, p->npath, p->head.root))
			die("verify path");
		pure += now_s() - t0;
		lt_ledger_proof_free(p);
	}
	printf("inclusion proof at %ld events: generate %.1f us, verify %.1f us "
	       "(with the Ed25519 head signature; path alone %.2f us), mean of %d\n",
	       events, 1e6 * gen / rounds, 1e6 * chk / rounds, 1e6 * pure / rounds,
	       rounds);

	/* Consistency proofs between signed sizes. */
	for (int r = 0; r < rounds; r++) {
		long a = rand() % nheads, b = rand() % nheads;
		lt_ledger_proof *p;

		if (a > b) {
			long x = a;
			a = b;
			b = x;
		}
		t0 = now_s();
		if (lt_ledger_prove_consistency(&p, v, (uint64_t)heads[a],
						(uint64_t)heads[b]))
			die("prove consistency");
		cgen += now_s() - t0;
		t0 = now_s();
		if (lt_ledger_proof_check(p, pk))
			die("check consistency");
		cchk += now_s() - t0;
		lt_ledger_proof_free(p);
	}
	printf("consistency proof at %ld events: generate %.1f us, verify %.1f us "
	       "(two head signatures), mean of %d\n", events, 1e6 * cgen / rounds,
	       1e6 * cchk / rounds, rounds);

	/* Full verification. */
	t0 = now_s();
	if (lt_ledger_verify(&report, v))
		die("verify");
	t = now_s() - t0;
	printf("log verify of %ld events and %ld heads: %.2f s, %zu problems\n",
	       events, nheads, t, report->nproblems);
	lt_ledger_report_free(report);

	lt_vault_close(v);
	free(heads);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_ledger: could not remove %s\n", dir);
	return 0;
}
