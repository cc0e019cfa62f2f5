/*
 * test_minhash.c - the MinHash/LSH index finds a 40-word excerpt of a
 * registered memo, also retyped with typos, ignores unrelated text on the
 * same topic, and agrees with brute-force comparison of every window.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "leaktrace/error.h"
#include "leaktrace/text.h"
#include "identify/minhash.h"

static const char *const memos[] = {
	"samples/memo-audit.txt", "samples/memo-budget.txt",
	"samples/memo-compliance.txt", "samples/memo-health.txt",
	"samples/memo-logistics.txt", "samples/memo-markup.md",
	"samples/memo-security.txt"
};
#define NMEMOS (sizeof(memos) / sizeof(memos[0]))

static lt_buf text[NMEMOS];
static lt_tokens *tok[NMEMOS];
static lt_mh_index *ix;

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dull;
}

static int setup(void **state)
{
	size_t i;

	(void)state;
	if (lt_mh_index_new(&ix))
		return -1;
	for (i = 0; i < NMEMOS; i++) {
		uint64_t *h;
		uint32_t *keys;
		size_t nh, nk;

		if (lt_text_read_file(&text[i], memos[i], 0, NULL) ||
		    lt_tokenize(&tok[i], text[i].data, text[i].len) ||
		    lt_minhash_token_hashes(&h, &nh, tok[i]))
			return -1;
		if (lt_minhash_keys(&keys, &nk, h, nh) ||
		    lt_mh_index_add(ix, (uint32_t)i, keys, nk))
			return -1;
		free(h);
		free(keys);
	}
	return lt_mh_index_build(ix) ? -1 : 0;
}

static int teardown(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NMEMOS; i++) {
		lt_tokens_free(tok[i]);
		lt_buf_free(&text[i]);
	}
	lt_mh_index_free(ix);
	return 0;
}

/*
 * `nwords` words of memo `m` from token `from`, retyped: every `typo_every`
 * words (0: never) one gets two letters swapped or one dropped; lower case
 * and new line breaks; surrounded by chatter.
 */
static void excerpt(lt_buf *out, size_t m, size_t from, size_t nwords,
		    size_t typo_every)
{
	size_t i;

	lt_buf_clear(out);
	lt_buf_puts(out, "lol look what got posted in the other server:\n");
	for (i = from; i < from + nwords && i < tok[m]->n; i++) {
		const lt_token *t = &tok[m]->tok[i];
		char w[256];
		size_t n = t->end - t->start;

		if (n >= sizeof(w))
			n = sizeof(w) - 1;
		memcpy(w, text[m].data + t->start, n);
		w[n] = '\0';
		if (typo_every && n >= 4 && (next() % typo_every) == 0) {
			if (next() & 1) {
				char c = w[1];

				w[1] = w[2];
				w[2] = c;
			} else {
				memmove(w + 1, w + 2, n - 1);
			}
		}
		lt_buf_puts(out, w);
		lt_buf_puts(out, i % 11 == 10 ? "\n" : " ");
	}
	lt_buf_puts(out, "\nanyway who wants pizza tonight");
}

/* The index's candidates for a text; returns how many, best in *best. */
static size_t query(const char *s, size_t len, uint32_t *best)
{
	lt_mh_candidate c[8];
	lt_tokens *t;
	uint64_t *h;
	uint32_t *keys;
	size_t nh, nk, nc;

	assert_int_equal(lt_tokenize(&t, s, len), LT_OK);
	assert_int_equal(lt_minhash_token_hashes(&h, &nh, t), LT_OK);
	assert_int_equal(lt_minhash_keys(&keys, &nk, h, nh), LT_OK);
	lt_mh_index_query(ix, keys, nk, 2, c, 8, &nc);
	if (nc && best)
		*best = c[0].doc;
	free(h);
	free(keys);
	lt_tokens_free(t);
	return nc;
}

static void test_finds_excerpt(void **state)
{
	lt_buf b = {0};
	uint32_t best = 99;

	(void)state;
	excerpt(&b, 1, 100, 40, 0);
	assert_true(query(b.data, b.len, &best) >= 1);
	assert_int_equal(best, 1);
	lt_buf_free(&b);
}

static void test_finds_retyped_with_typos(void **state)
{
	lt_buf b = {0};
	uint32_t best = 99;
	size_t m, found = 0, tries = 0, from;

	(void)state;
	/* one word in eight mistyped, everywhere in every memo */
	for (m = 0; m < NMEMOS; m++)
		for (from = 0; from + 40 < tok[m]->n; from += 17) {
			excerpt(&b, m, from, 40, 8);
			tries++;
			if (query(b.data, b.len, &best) && best == m)
				found++;
		}
	print_message("typo'd 40-word excerpts found: %zu of %zu\n", found, tries);
	assert_true(found * 100 >= tries * 97);
	lt_buf_free(&b);
}

static void test_ignores_unrelated_same_topic(void **state)
{
	/* About a capital budget and regional offices, in the memo's words,
	 * but not its sentences. */
	static const char same_topic[] =
		"The Treasury said on Tuesday that regional offices across the "
		"country will have to live with a smaller capital budget next "
		"financial year. Officials expect road projects to be deferred and "
		"several contracts to be reviewed again, while maintenance spending "
		"keeps rising. Staff at headquarters were told that training on the "
		"new reporting tool would start in the spring, and that questions "
		"about the revised spending plans should go to the budget unit. "
		"Critics argue that the ceiling set by the Treasury is too low and "
		"that the Ministry should publish its estimates in full.";
	char line[128];
	int i;

	(void)state;
	assert_int_equal(query(same_topic, strlen(same_topic), NULL), 0);
	/* and typical chat: short messages never get that far */
	for (i = 0; i < 1000; i++) {
		int n = snprintf(line, sizeof(line), "msg %d: did anyone see the "
				 "budget memo from the ministry?", i);

		assert_int_equal(query(line, (size_t)n, NULL), 0);
	}
}

/* Estimated best Jaccard of a text's single window against any window of
 * memo m, by brute force over every window. */
static double best_window(const uint64_t *qh, size_t nq, size_t m)
{
	uint32_t qs[LT_MH_HASHES], ws[LT_MH_HASHES];
	uint64_t *h;
	size_t nh, from;
	double best = 0, j;

	lt_minhash_signature(qs, qh, nq);
	assert_int_equal(lt_minhash_token_hashes(&h, &nh, tok[m]), LT_OK);
	for (from = 0; from + LT_MH_WINDOW <= nh || from == 0;
	     from += LT_MH_STRIDE) {
		lt_minhash_signature(ws, h + from,
				     nh < LT_MH_WINDOW ? nh : LT_MH_WINDOW);
		j = lt_minhash_jaccard(qs, ws);
		if (j > best)
			best = j;
		if (nh < LT_MH_WINDOW)
			break;
	}
	free(h);
	return best;
}

static void test_index_agrees_with_brute_force(void **state)
{
	lt_buf b = {0};
	size_t trial, missed = 0, strong = 0, m, hits;
	uint32_t best;

	(void)state;
	for (trial = 0; trial < 200; trial++) {
		lt_tokens *t;
		uint64_t *h;
		size_t nh;
		double j;

		m = next() % NMEMOS;
		excerpt(&b, m, next() % (tok[m]->n - 45), 40 + next() % 15,
			4 + next() % 12);
		assert_int_equal(lt_tokenize(&t, b.data, b.len), LT_OK);
		assert_int_equal(lt_minhash_token_hashes(&h, &nh, t), LT_OK);
		j = best_window(h, nh, m);
		free(h);
		lt_tokens_free(t);
		if (j < 0.25)
			continue;
		strong++;
		hits = query(b.data, b.len, &best);
		missed += !hits || best != m;
	}
	print_message("brute force: %zu excerpts with a window at J >= 0.25, "
		      "index missed %zu\n", strong, missed);
	assert_true(strong > 100);
	assert_true(missed * 100 <= strong);
	lt_buf_free(&b);
}

static void test_short_and_empty(void **state)
{
	uint32_t *keys;
	size_t n;
	uint64_t h[2] = {1, 2};

	(void)state;
	assert_int_equal(lt_minhash_keys(&keys, &n, h, 2), LT_OK);
	assert_null(keys);
	assert_int_equal(n, 0);
	assert_int_equal(query("", 0, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_finds_excerpt),
		cmocka_unit_test(test_finds_retyped_with_typos),
		cmocka_unit_test(test_ignores_unrelated_same_topic),
		cmocka_unit_test(test_index_agrees_with_brute_force),
		cmocka_unit_test(test_short_and_empty),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
