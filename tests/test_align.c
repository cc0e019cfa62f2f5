/*
 * test_align.c - tests of lt_align: a leaked text's tokens mapped onto the
 * original's through excerpts, reflowing, typos, OCR errors, marking
 * variations, unrelated text and chatter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "leaktrace/text.h"
#include "support/support.h"

static const char P1[] =
	"The Department of Finance will reduce the operating budget of every "
	"regional office by approximately twelve percent before the end of "
	"the fiscal year. Managers are asked to review all pending contracts "
	"and to report any commitment that exceeds fifty thousand dollars.";
static const char P2[] =
	"Staff members must not discuss these measures with journalists, "
	"contractors or representatives of other agencies. Questions should "
	"be directed to the Office of the Deputy Secretary, which will "
	"coordinate the response with the U.S. Treasury and legal counsel.";
static const char P3[] =
	"A detailed schedule for the consolidation of the northern and "
	"western facilities will be circulated next week. It is expected "
	"that the relocation of archival material will take several months "
	"and will require temporary storage at the central warehouse.";
static const char P4[] =
	"Until further notice, overtime will be approved only for security "
	"personnel and for the maintenance crews assigned to critical "
	"infrastructure. Travel requests that are not essential to the "
	"long-term mission of the department will be declined.";

/* Related in topic, but not a copy of the memo. */
static const char UNRELATED[] =
	"Regional offices report that the new budget rules have caused "
	"confusion among managers. Several contractors asked the finance "
	"office whether payments would be delayed, and journalists have "
	"requested comment on the planned relocation of the archives. A "
	"spokesperson said the department has not yet taken a decision and "
	"that staff will be informed in due course. The union called for a "
	"meeting with the deputy secretary before the end of the month, "
	"saying that overtime for maintenance crews had already been cut and "
	"that temporary storage at the warehouse was not safe for records.";

static const char CHATTER[] =
	"lol look what somebody posted in the other channel, no idea if it "
	"is real but people are sharing it everywhere tonight:";

/* Join paragraphs with blank lines into a new string. */
static char *join(const char *const *parts, size_t n)
{
	lt_buf b = {0};
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			assert_int_equal(lt_buf_puts(&b, "\n\n"), LT_OK);
		assert_int_equal(lt_buf_puts(&b, parts[i]), LT_OK);
	}
	return lt_buf_detach(&b, NULL);
}

static lt_tokens *tok(const char *s)
{
	lt_tokens *t = NULL;

	assert_int_equal(lt_tokenize(&t, s, strlen(s)), LT_OK);
	return t;
}

static lt_alignment *align(const lt_tokens *o, const lt_tokens *l)
{
	lt_alignment *a = NULL;

	assert_int_equal(lt_align(&a, o, l), LT_OK);
	assert_non_null(a);
	assert_int_equal(a->n_orig, o->n);
	assert_int_equal(a->n_leak, l->n);
	return a;
}

/* Check the maps agree, are monotone and the counts are right. */
static void check_consistent(const lt_alignment *a)
{
	size_t i, matched = 0, exact = 0, first = 0, lastorig = 0;
	int32_t last = -1;

	for (i = 0; i < a->n_orig; i++) {
		int32_t j = a->orig_to_leak[i];

		if (j < 0) {
			assert_int_equal(a->quality[i], LT_ALIGN_NONE);
			continue;
		}
		assert_true(j > last);
		assert_true((size_t)j < a->n_leak);
		assert_int_equal(a->leak_to_orig[j], (int32_t)i);
		assert_true(a->quality[i] == LT_ALIGN_EXACT ||
			    a->quality[i] == LT_ALIGN_FUZZY);
		if (!matched)
			first = i;
		lastorig = i;
		matched++;
		exact += a->quality[i] == LT_ALIGN_EXACT;
		last = j;
	}
	for (i = 0; i < a->n_leak; i++)
		if (a->leak_to_orig[i] >= 0)
			assert_int_equal(
				a->orig_to_leak[a->leak_to_orig[i]], (int32_t)i);
	assert_int_equal(a->matched, matched);
	assert_int_equal(a->exact, exact);
	if (matched) {
		assert_int_equal(a->orig_first, first);
		assert_int_equal(a->orig_last, lastorig);
	}
}

/* Index of the token starting at the n-th occurrence of `word` in `s`. */
static int32_t tok_at(const lt_tokens *t, const char *s, const char *word,
		      int n)
{
	const char *p = s;
	size_t i;

	for (;;) {
		p = strstr(p, word);
		assert_non_null(p);
		if (n-- == 0)
			break;
		p++;
	}
	for (i = 0; i < t->n; i++)
		if (t->tok[i].start == (uint32_t)(p - s))
			return (int32_t)i;
	fail_msg("no token at \"%s\"", word);
	return -1;
}

/* Expect orig token at `ow` (n-th) aligned to leak token at `lw` (n-th). */
static void expect_pair(const lt_alignment *a, const lt_tokens *o,
			const char *os, const char *ow, int on,
			const lt_tokens *l, const char *ls, const char *lw,
			int ln)
{
	int32_t i = tok_at(o, os, ow, on), j = tok_at(l, ls, lw, ln);

	assert_int_equal(a->orig_to_leak[i], j);
}

/* Every orig token not in [skip_from, skip_to) is aligned to an equal
 * token; returns how many were checked. */
static void expect_rest_exact(const lt_alignment *a, const lt_tokens *o,
			      const lt_tokens *l, const int32_t *skip,
			      size_t nskip)
{
	size_t i, k;

	for (i = 0; i < o->n; i++) {
		int skipped = 0;

		for (k = 0; k < nskip; k++)
			skipped |= skip[k] == (int32_t)i;
		if (skipped)
			continue;
		if (a->orig_to_leak[i] < 0)
			fail_msg("orig token %zu \"%s\" unaligned", i,
				 lt_token_norm(o, i));
		assert_string_equal(lt_token_norm(o, i),
				    lt_token_norm(l, a->orig_to_leak[i]));
	}
}

static void test_identical(void **state)
{
	const char *parts[] = { P1, P2, P3, P4 };
	char *s = join(parts, 4);
	lt_tokens *o = tok(s), *l = tok(s);
	lt_alignment *a = align(o, l);
	size_t i;

	(void)state;
	check_consistent(a);
	assert_int_equal(a->matched, o->n);
	assert_int_equal(a->exact, o->n);
	for (i = 0; i < o->n; i++)
		assert_int_equal(a->orig_to_leak[i], (int32_t)i);
	assert_int_equal(a->orig_first, 0);
	assert_int_equal(a->orig_last, o->n - 1);
	lt_alignment_free(a);
	lt_tokens_free(o);
	lt_tokens_free(l);
	free(s);
}

static void test_excerpt_and_reflow(void **state)
{
	const char *parts[] = { P1, P2, P3, P4 };
	char *s = join(parts, 4);
	lt_buf leak = {0};
	lt_tokens *o = tok(s), *l;
	lt_alignment *a;
	size_t i, col = 0, first;
	const char *p;

	(void)state;
	/* P2 and P3, reflowed to short lines with odd spacing and quotes. */
	for (p = strstr(s, P2); p < strstr(s, P4); p++) {
		char c = *p;

		if (c == ' ' && col > 30) {
			assert_int_equal(lt_buf_puts(&leak, "  \r\n"), LT_OK);
			col = 0;
			continue;
		}
		if (c == '\n')
			c = ' ';
		assert_int_equal(lt_buf_putc(&leak, c), LT_OK);
		col++;
	}
	l = tok(leak.data);
	a = align(o, l);
	check_consistent(a);
	first = (size_t)tok_at(o, s, "Staff", 0);
	assert_int_equal(a->matched, l->n);
	assert_int_equal(a->orig_first, first);
	assert_int_equal(a->orig_last, first + l->n - 1);
	for (i = 0; i < l->n; i++)
		assert_int_equal(a->leak_to_orig[i], (int32_t)(first + i));
	lt_alignment_free(a);
	lt_tokens_free(l);
	lt_tokens_free(o);
	lt_buf_free(&leak);
	free(s);
}

static void test_two_excerpts_in_chatter(void **state)
{
	const char *parts[] = { P1, P2, P3, P4 };
	const char *lparts[] = { CHATTER, P1, "[...]", P4, CHATTER };
	char *s = join(parts, 4), *ls = join(lparts, 5);
	lt_tokens *o = tok(s), *l = tok(ls);
	lt_alignment *a = align(o, l);
	size_t n1, n4, i, chatter_aligned = 0, off;
	lt_tokens *t1 = tok(P1), *t4 = tok(P4), *tc = tok(CHATTER);

	(void)state;
	check_consistent(a);
	n1 = t1->n;
	n4 = t4->n;
	for (i = 0; i < n1; i++)
		assert_int_equal(a->orig_to_leak[i], (int32_t)(tc->n + i));
	off = (size_t)tok_at(o, s, "Until", 0);
	for (i = 0; i < n4; i++)
		assert_int_equal(a->orig_to_leak[off + i],
				 (int32_t)(tc->n + n1 + i));
	for (i = 0; i < tc->n; i++) {
		chatter_aligned += a->leak_to_orig[i] >= 0;
		chatter_aligned += a->leak_to_orig[l->n - 1 - i] >= 0;
	}
	assert_true(chatter_aligned <= 2);
	assert_int_equal(a->matched, n1 + n4 + chatter_aligned);
	lt_alignment_free(a);
	lt_tokens_free(t1);
	lt_tokens_free(t4);
	lt_tokens_free(tc);
	lt_tokens_free(o);
	lt_tokens_free(l);
	free(s);
	free(ls);
}

/* Replace the n-th occurrence of `from` in `s` by `to` (new string). */
static char *replace(const char *s, const char *from, const char *to, int n)
{
	lt_buf b = {0};
	const char *p = s;

	for (;;) {
		p = strstr(p, from);
		assert_non_null(p);
		if (n-- == 0)
			break;
		p++;
	}
	assert_int_equal(lt_buf_append(&b, s, (size_t)(p - s)), LT_OK);
	assert_int_equal(lt_buf_puts(&b, to), LT_OK);
	assert_int_equal(lt_buf_puts(&b, p + strlen(from)), LT_OK);
	return lt_buf_detach(&b, NULL);
}

static void test_marking_variations(void **state)
{
	const char *parts[] = { P1, P2, P3, P4 };
	char *s = join(parts, 4), *v, *w;
	lt_tokens *o, *l;
	lt_alignment *a;
	int32_t skip[8];

	(void)state;
	/* Substitution, dropped "that", added "also", US, it's, 12,
	 * long term: the kinds of change marking makes. */
	v = replace(s, "approximately", "about", 0);
	w = replace(v, "twelve percent", "12 per cent", 0);
	free(v);
	v = replace(w, "expected that the", "expected the", 0);
	free(w);
	w = replace(v, "U.S. Treasury", "US Treasury", 0);
	free(v);
	v = replace(w, "It is", "It\xe2\x80\x99s", 0);
	free(w);
	w = replace(v, "will be circulated", "will also be circulated", 0);
	free(v);
	v = replace(w, "long-term", "long term", 0);
	free(w);
	o = tok(s);
	l = tok(v);
	a = align(o, l);
	check_consistent(a);

	/* Changed tokens: not paired with anything unrelated. */
	assert_int_equal(a->orig_to_leak[tok_at(o, s, "approximately", 0)], -1);
	assert_int_equal(a->orig_to_leak[tok_at(o, s, "twelve", 0)], -1);
	assert_int_equal(a->orig_to_leak[tok_at(o, s, "that the", 0)], -1);
	assert_int_equal(a->orig_to_leak[tok_at(o, s, "U.S.", 0)], -1);
	assert_int_equal(a->orig_to_leak[tok_at(o, s, "S. Treasury", 0)], -1);
	assert_int_equal(a->orig_to_leak[tok_at(o, s, "is expected", 0)], -1);
	/* "percent" -> "per cent": a split word, paired as fuzzy. */
	expect_pair(a, o, s, "percent", 0, l, v, "cent", 0);
	assert_int_equal(a->quality[tok_at(o, s, "percent", 0)], LT_ALIGN_FUZZY);
	/* Neighbours stay aligned. */
	expect_pair(a, o, s, "by approx", 0, l, v, "by about", 0);
	expect_pair(a, o, s, "before the end", 0, l, v, "before the end", 0);
	expect_pair(a, o, s, "expected", 0, l, v, "expected", 0);
	expect_pair(a, o, s, "the relocation", 0, l, v, "the relocation", 0);
	expect_pair(a, o, s, "the U.S.", 0, l, v, "the US", 0);
	expect_pair(a, o, s, "Treasury", 0, l, v, "Treasury", 0);
	expect_pair(a, o, s, "It is", 0, l, v, "It\xe2\x80\x99s", 0);
	expect_pair(a, o, s, "be circulated", 0, l, v, "be circulated", 0);
	expect_pair(a, o, s, "long-term", 0, l, v, "long term", 0);
	expect_pair(a, o, s, "term mission", 0, l, v, "term mission", 0);
	/* Everything else exact. */
	skip[0] = tok_at(o, s, "approximately", 0);
	skip[1] = tok_at(o, s, "twelve", 0);
	skip[2] = tok_at(o, s, "that the", 0);
	skip[3] = tok_at(o, s, "U.S.", 0);
	skip[4] = tok_at(o, s, "S. Treasury", 0);
	skip[5] = tok_at(o, s, "is expected", 0);
	skip[6] = tok_at(o, s, "percent", 0);
	expect_rest_exact(a, o, l, skip, 7);
	assert_int_equal(a->leak_to_orig[tok_at(l, v, "also", 0)], -1);
	assert_int_equal(a->leak_to_orig[tok_at(l, v, "US", 0)], -1);
	assert_int_equal(a->leak_to_orig[tok_at(l, v, "12", 0)], -1);
	lt_alignment_free(a);
	lt_tokens_free(o);
	lt_tokens_free(l);
	free(s);
	free(v);
}

static void test_ocr_errors(void **state)
{
	const char *parts[] = { P1, P2, P3, P4 };
	char *s = join(parts, 4), *v, *w;
	lt_tokens *o, *l;
	lt_alignment *a;

	(void)state;
	v = replace(s, "Department", "Departrnent", 0); /* m -> rn */
	w = replace(v, "regional", "regiona1", 0);       /* l -> 1 */
	free(v);
	v = replace(w, "Office of", "0ffice of", 0);     /* O -> 0 */
	free(w);
	w = replace(v, "consolidation", "consol idation", 0); /* split */
	free(v);
	v = replace(w, "temporary storage", "temporarystorage", 0); /* merge */
	free(w);
	w = replace(v, "personnel", "personel", 0);     /* dropped letter */
	free(v);
	v = replace(w, "the maintenance", "", 0);        /* missing words */
	free(w);
	o = tok(s);
	l = tok(v);
	a = align(o, l);
	check_consistent(a);
	expect_pair(a, o, s, "Department", 0, l, v, "Departrnent", 0);
	expect_pair(a, o, s, "regional", 0, l, v, "regiona1", 0);
	expect_pair(a, o, s, "Office of", 0, l, v, "0ffice", 0);
	expect_pair(a, o, s, "personnel", 0, l, v, "personel", 0);
	expect_pair(a, o, s, "crews", 0, l, v, "crews", 0);
	assert_int_equal(a->quality[tok_at(o, s, "personnel", 0)],
			 LT_ALIGN_FUZZY);
	/* Split and merged words: the longer part is paired. */
	expect_pair(a, o, s, "consolidation", 0, l, v, "idation", 0);
	expect_pair(a, o, s, "temporary", 0, l, v, "temporarystorage", 0);
	assert_int_equal(a->orig_to_leak[tok_at(o, s, "storage", 0)], -1);
	expect_pair(a, o, s, "at the central", 0, l, v, "at the central", 0);
	assert_true(a->matched >= o->n - 6);
	lt_alignment_free(a);
	lt_tokens_free(o);
	lt_tokens_free(l);
	free(s);
	free(v);
}

static void test_unrelated(void **state)
{
	const char *parts[] = { P1, P2, P3, P4 };
	char *s = join(parts, 4);
	lt_tokens *o = tok(s), *l = tok(UNRELATED), *c = tok(CHATTER);
	lt_alignment *a = align(o, l);

	(void)state;
	check_consistent(a);
	/* Shares topic words and phrases ("the deputy secretary"); only the
	 * one real shared phrase, "temporary storage at the (central)
	 * warehouse", may align. */
	assert_true(a->matched <= 6);
	assert_true(a->matched * 10 <= l->n);
	lt_alignment_free(a);
	a = align(o, c);
	check_consistent(a);
	assert_int_equal(a->matched, 0);
	lt_alignment_free(a);
	a = align(c, o);
	check_consistent(a);
	assert_int_equal(a->matched, 0);
	lt_alignment_free(a);
	lt_tokens_free(o);
	lt_tokens_free(l);
	lt_tokens_free(c);
	free(s);
}

static void test_empty(void **state)
{
	lt_tokens *o = tok(P1), *e = tok("  ...  ");
	lt_alignment *a;

	(void)state;
	a = align(o, e);
	assert_int_equal(a->matched, 0);
	assert_int_equal(a->orig_to_leak[0], -1);
	check_consistent(a);
	lt_alignment_free(a);
	a = align(e, o);
	assert_int_equal(a->matched, 0);
	assert_int_equal(a->leak_to_orig[0], -1);
	lt_alignment_free(a);
	a = align(e, e);
	assert_int_equal(a->matched, 0);
	lt_alignment_free(a);
	lt_alignment_free(NULL);
	assert_int_equal(lt_align(&a, NULL, o), LT_EUSAGE);
	lt_tokens_free(o);
	lt_tokens_free(e);
}

/* ------------------------------------------------------------------------
 * Generated text with a known ground truth
 * --------------------------------------------------------------------- */

/* Generate `n` words of sentence-like text. */
static char *gen_text(size_t n, uint64_t seed)
{
	lt_buf b = {0};
	size_t i;

	for (i = 0; i < n; i++) {
		const char *w = ts_words[ts_rng(&seed) % ts_nwords];

		if (i)
			assert_int_equal(lt_buf_puts(&b, i % 13 == 0 ? ". "
							: " "), LT_OK);
		assert_int_equal(lt_buf_puts(&b, w), LT_OK);
	}
	assert_int_equal(lt_buf_putc(&b, '.'), LT_OK);
	return lt_buf_detach(&b, NULL);
}

/* Copy `s` with letter typos at `rate` (substitution, deletion,
 * insertion or transposition inside words; words never vanish). */
static char *typo(const char *s, double rate, uint64_t seed, size_t *ntypos)
{
	lt_buf b = {0};
	size_t i, len = strlen(s);

	*ntypos = 0;
	for (i = 0; i < len; i++) {
		char c = s[i];
		int word = c >= 'a' && c <= 'z';
		int prev = i > 0 && s[i - 1] >= 'a' && s[i - 1] <= 'z';
		int next = i + 1 < len && s[i + 1] >= 'a' && s[i + 1] <= 'z';

		if (word && (double)(ts_rng(&seed) % 1000000) < rate * 1e6) {
			char r = (char)('a' + ts_rng(&seed) % 26);

			(*ntypos)++;
			switch (ts_rng(&seed) % 4) {
			case 0: /* substitute */
				assert_int_equal(lt_buf_putc(&b, r), LT_OK);
				continue;
			case 1: /* delete, if the word keeps a letter */
				if (prev || next)
					continue;
				break;
			case 2: /* insert */
				assert_int_equal(lt_buf_putc(&b, r), LT_OK);
				break;
			default: /* transpose with the next letter */
				if (next) {
					assert_int_equal(lt_buf_putc(&b, s[i + 1]),
							 LT_OK);
					assert_int_equal(lt_buf_putc(&b, c), LT_OK);
					i++;
					continue;
				}
				break;
			}
		}
		assert_int_equal(lt_buf_putc(&b, c), LT_OK);
	}
	return lt_buf_detach(&b, NULL);
}

static void test_typos(void **state)
{
	char *s = gen_text(3000, 42), *ex, *t;
	lt_tokens *o = tok(s), *l;
	lt_alignment *a;
	size_t i, ntypos, correct = 0, wrong = 0, from, to;

	(void)state;
	/* An excerpt of ~1500 words from the middle, typo'd at 0.5%. */
	from = o->tok[700].start;
	to = o->tok[2199].end;
	ex = malloc(to - from + 1);
	assert_non_null(ex);
	memcpy(ex, s + from, to - from);
	ex[to - from] = '\0';
	t = typo(ex, 0.005, 7, &ntypos);
	assert_true(ntypos > 20);
	l = tok(t);
	assert_int_equal(l->n, 1500); /* typos keep word boundaries */
	a = align(o, l);
	check_consistent(a);
	for (i = 0; i < l->n; i++) {
		if (a->leak_to_orig[i] == (int32_t)(700 + i))
			correct++;
		else if (a->leak_to_orig[i] >= 0)
			wrong++;
	}
	print_message("typos: %zu, aligned correctly %zu of %zu, wrongly %zu\n",
		      ntypos, correct, l->n, wrong);
	assert_true(correct * 100 >= 97 * l->n);
	assert_true(wrong * 100 <= l->n);
	lt_alignment_free(a);
	lt_tokens_free(o);
	lt_tokens_free(l);
	free(s);
	free(ex);
	free(t);
}

static void test_large_self_fast(void **state)
{
	char *s = gen_text(5000, 1234);
	lt_tokens *o = tok(s), *l = tok(s);
	lt_alignment *a;
	clock_t t0 = clock();
	double ms;
	size_t i;

	(void)state;
	a = align(o, l);
	ms = (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC;
	print_message("5000 words against itself: %.2f ms\n", ms);
	assert_int_equal(a->matched, o->n);
	for (i = 0; i < o->n; i++)
		assert_int_equal(a->orig_to_leak[i], (int32_t)i);
	/* Generous: sanitizer builds are several times slower. */
	assert_true(ms < 1000.0);
	lt_alignment_free(a);
	lt_tokens_free(o);
	lt_tokens_free(l);
	free(s);
}

static void test_large_unrelated(void **state)
{
	char *s1 = gen_text(5000, 1), *s2 = gen_text(5000, 2);
	lt_tokens *o = tok(s1), *l = tok(s2);
	lt_alignment *a = align(o, l);

	(void)state;
	check_consistent(a);
	/* Same vocabulary, independent word order. */
	print_message("unrelated 5000 words: %zu pairs\n", a->matched);
	assert_true(a->matched * 100 <= l->n);
	lt_alignment_free(a);
	lt_tokens_free(o);
	lt_tokens_free(l);
	free(s1);
	free(s2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identical),
		cmocka_unit_test(test_excerpt_and_reflow),
		cmocka_unit_test(test_two_excerpts_in_chatter),
		cmocka_unit_test(test_marking_variations),
		cmocka_unit_test(test_ocr_errors),
		cmocka_unit_test(test_unrelated),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_typos),
		cmocka_unit_test(test_large_self_fast),
		cmocka_unit_test(test_large_unrelated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
