/*
 * test_print_copies.c - printed copies nobody can tell apart: twenty
 * copies of every sample, each with its own slot variants and layout
 * symbols, rendered as PDF (ragged right, then justified) and read back
 * word box by word box.  Between
 * any two copies the same word gap differs by at most 0.5 pt and the same
 * line distance by at most 0.3 pt; no line but a paragraph's last ends
 * more than 25 % short of the margin; the body is 10 to 12 pt type.
 *
 * LT_TEST_VERBOSE=1 prints the figures per sample.  Under the sanitizers
 * (or with LT_TEST_QUICK set) six copies are compared.
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
#include "leaktrace/extract.h"
#include "leaktrace/render.h"
#include "leaktrace/slots.h"
#include "support/support.h"
#include "test_print_compare.h"

#define COPIES 20
#define MAX_GAP 0.5
#define MAX_LINE 0.3

static const char *const samples[] = {
	"samples/memo-budget.txt", "samples/memo-audit.txt",
	"samples/memo-compliance.txt", "samples/memo-health.txt",
	"samples/memo-logistics.txt", "samples/memo-markup.md",
	"samples/memo-security.txt",
};
#define NSAMPLES (sizeof(samples) / sizeof(samples[0]))

static int verbose(void)
{
	const char *v = getenv("LT_TEST_VERBOSE");

	return v && *v && *v != '0';
}

static size_t copies(void)
{
	const char *v = getenv("LT_TEST_QUICK");

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
	return 6;
#endif
	return v && *v && *v != '0' ? 6 : COPIES;
}

static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Copy k of the document: random variants and layout symbols, rendered,
 * written into dir and read back. */
static lt_extract *copy_of(const lt_slot_set *set, const lt_layout_plan *p,
			   uint64_t seed, const char *dir,
			   const lt_render_options *opt)
{
	size_t i, n = set->n + lt_layout_slots(p);
	uint8_t *sym = malloc(n + 1);
	lt_buf pdf = {0};
	lt_extract *e;
	char path[160];
	FILE *fp;

	assert_non_null(sym);
	for (i = 0; i < n; i++)
		sym[i] = (uint8_t)(i < set->n ? rng_next(&seed) %
							set->slots[i].nvariants
					      : rng_next(&seed) >> 20 & 1);
	assert_int_equal(lt_render_pdf(&pdf, p, set, sym, opt), LT_OK);
	snprintf(path, sizeof(path), "%s/copy.pdf", dir);
	assert_non_null(fp = fopen(path, "wb"));
	assert_int_equal(fwrite(pdf.data, 1, pdf.len, fp), pdf.len);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(lt_extract_file(&e, path), LT_OK);
	lt_buf_free(&pdf);
	free(sym);
	return e;
}

/* Every sample's copies, set ragged right or justified. */
static void copies_look_the_same(int justify)
{
	lt_render_options opt = {LT_PAPER_A4, NULL, NULL, justify};
	size_t s;

	assert_true(LT_FONT_SIZE >= 10 && LT_FONT_SIZE <= 12);
	assert_true(LT_LINE_PITCH >= 1.15 * LT_FONT_SIZE &&
		    LT_LINE_PITCH <= 1.35 * LT_FONT_SIZE);
	for (s = 0; s < NSAMPLES; s++) {
		lt_buf text = {0};
		lt_slot_set *set;
		lt_layout_plan *p;
		lt_extract *e[COPIES];
		pc_copy c[COPIES];
		pc_diff d = {0};
		size_t i, j, shorts = 0, counted = 0, nc = copies();
		char dir[64];

		assert_int_equal(lt_text_read_file(&text, samples[s], 0, NULL),
				 LT_OK);
		assert_int_equal(lt_slots_find(&set, text.data, text.len), LT_OK);
		assert_int_equal(lt_layout_plan_new(&p, set, &opt), LT_OK);
		assert_int_equal(ts_tmpdir(dir, sizeof(dir), "print"), 0);
		for (i = 0; i < nc; i++) {
			size_t sh, cn;

			e[i] = copy_of(set, p, 1000 * s + i + 1, dir, &opt);
			assert_int_equal(pc_copy_init(&c[i], e[i], 842), 0);
			assert_int_equal(pc_short_lines(&c[i], p, &sh, &cn), 0);
			shorts += sh;
			counted += cn;
		}
		for (i = 0; i < nc; i++)
			for (j = i + 1; j < nc; j++)
				pc_compare(&c[i], &c[j], &d);
		if (verbose())
			printf("  %-28s %s, %.1f pt type: word gap differs by at "
			       "most %.3f pt (%zu compared), line distance by "
			       "%.3f pt (%zu); short lines %zu of %zu (%zu "
			       "copies)\n", samples[s],
			       justify ? "justified" : "ragged", LT_FONT_SIZE,
			       d.gap, d.gaps, d.line, d.distances, shorts,
			       counted, nc);
		assert_false(d.mismatch);
		assert_true(d.gaps > 50 * nc && d.distances > 5 * nc);
		assert_true(d.gap <= MAX_GAP);
		assert_true(d.line <= MAX_LINE);
		/* Layout marks are there: the copies are not identical. */
		assert_true(d.gap > 0.1 && d.line > 0.05);
		assert_int_equal(shorts, 0);
		for (i = 0; i < nc; i++) {
			pc_copy_free(&c[i]);
			lt_extract_free(e[i]);
		}
		assert_int_equal(ts_rmdir(dir), 0);
		lt_layout_plan_free(p);
		lt_slot_set_free(set);
		lt_buf_free(&text);
	}
}

static void test_copies_look_the_same(void **state)
{
	(void)state;
	copies_look_the_same(0);
}

static void test_justified_copies_look_the_same(void **state)
{
	(void)state;
	copies_look_the_same(1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copies_look_the_same),
		cmocka_unit_test(test_justified_copies_look_the_same),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
