/*
 * test_pdf_picture.c - reading own-look PDF marks from pictures of pages
 * (read/pdf_picture.h), on synthetic word boxes: the affine map from a
 * picture's pixels to page points is recovered with outliers rejected;
 * data lines moved by the marks read back exactly through a rotated,
 * scaled picture with a little noise on every word; an unmarked page
 * reads no mark; a picture of other words is no page of the original.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "leaktrace/code.h"
#include "leaktrace/pdfcopy.h"
#include "read/pdf_picture.h"

/* Deterministic noise in [-1, 1). */
static double noise(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return ((*state >> 8) & 0xffff) / 32768.0 - 1;
}

static void test_affine_fit(void **state)
{
	enum { N = 60 };
	double x[N], y[N], u[N], v[N], rms;
	uint8_t in[N];
	lt_pdf_affine m, want = {4.1, 0.07, 30, -0.06, 4.2, 55}, back;
	size_t i, kept;
	unsigned seed = 7;

	(void)state;
	/* points given in page space (u, v), pictured by the inverse map */
	for (i = 0; i < N; i++) {
		double det = want.a * want.e - want.b * want.d;
		double pu = 72 + 8.0 * (i % 12) * 5, pv = 90 + 11.0 * (i / 12) * 9;
		double du = pu - want.c, dv = pv - want.f;

		x[i] = (want.e * du - want.b * dv) / det + 0.05 * noise(&seed);
		y[i] = (-want.d * du + want.a * dv) / det + 0.05 * noise(&seed);
		u[i] = pu;
		v[i] = pv;
	}
	/* every fifth point matched to the wrong word */
	for (i = 0; i < N; i += 5)
		u[i] += 40;
	assert_int_equal(lt_pdf_affine_fit(&m, in, &kept, &rms, x, y, u, v,
					   N, 0.75), 0);
	assert_int_equal(kept, N - N / 5);
	for (i = 0; i < N; i++)
		assert_int_equal(in[i], i % 5 != 0);
	assert_true(rms < 0.5);
	assert_true(fabs(m.a - want.a) < 0.01 && fabs(m.e - want.e) < 0.01);
	assert_true(fabs(m.b - want.b) < 0.01 && fabs(m.d - want.d) < 0.01);
	lt_pdf_affine_apply(&m, x[1], y[1], &back.a, &back.b);
	assert_true(fabs(back.a - u[1]) < 0.5 && fabs(back.b - v[1]) < 0.5);
	/* too few points, or all on one line: no map */
	assert_int_equal(lt_pdf_affine_fit(&m, NULL, NULL, NULL, x, y, u, v, 2,
					   0.75), 1);
	for (i = 0; i < 5; i++)
		x[i] = y[i] = (double)i;
	assert_int_equal(lt_pdf_affine_fit(&m, NULL, NULL, NULL, x, y, u, v, 5,
					   0.75), 1);
}

/* A synthetic page: NLINES lines of NWORDS words, 14 pt apart; the odd
 * lines are data lines with an up/down and a left/right slot each. */
enum { NLINES = 15, NWORDS = 9, NSLOTS = NLINES - 1 };

typedef struct page {
	lt_pdf_line lines[NLINES];
	lt_seen_word orig[NLINES * NWORDS], seen[NLINES * NWORDS];
	char text[NLINES * NWORDS][16];
} page;

static void make_page(page *p)
{
	size_t i, k;

	for (i = 0; i < NLINES; i++) {
		p->lines[i] = (lt_pdf_line){0, 100 + 14.0 * i, -1, -1};
		if (i % 2) {
			p->lines[i].slot = (int32_t)(i - 1);
			p->lines[i].hslot = (int32_t)i;
		}
		for (k = 0; k < NWORDS; k++) {
			lt_seen_word *w = &p->orig[i * NWORDS + k];

			snprintf(p->text[i * NWORDS + k], 16, "w%zu-%zu", i, k);
			w->text = p->text[i * NWORDS + k];
			w->x0 = 72 + 52.0 * k + (k % 3) * 3;
			w->x1 = w->x0 + 30 + (k % 4) * 4;
			w->y0 = p->lines[i].top - 9.6;
			w->y1 = p->lines[i].top + 2.4;
			w->confidence = 1;
		}
	}
}

/*
 * Picture the page: each word moved by its line's marks (sym: 0/1 per
 * slot, or NULL for the unmarked original), then mapped to pixels at
 * 4.16 px a point, turned by 0.4 degrees and shifted, with `jitter`
 * points of noise on every word; boxes of ink are a little narrower than
 * the words' advances.
 */
static void picture(page *p, const int16_t *sym, double jitter)
{
	double s = 4.16, t = 0.4 * M_PI / 180, c = cos(t) * s, n = sin(t) * s;
	unsigned seed = 11;
	size_t i, k;

	for (i = 0; i < NLINES; i++)
		for (k = 0; k < NWORDS; k++) {
			const lt_seen_word *o = &p->orig[i * NWORDS + k];
			lt_seen_word *w = &p->seen[i * NWORDS + k];
			double up = 0, right = 0, cx, base, px, py, half;

			if (sym && p->lines[i].slot >= 0) {
				up = sym[p->lines[i].slot] ? LT_PDF_LINE_SHIFT
							   : -LT_PDF_LINE_SHIFT;
				right = sym[p->lines[i].hslot] ? LT_PDF_LINE_ACROSS
							       : -LT_PDF_LINE_ACROSS;
			}
			cx = (o->x0 + o->x1) / 2 + right + jitter * noise(&seed);
			base = p->lines[i].top - up + jitter * noise(&seed);
			px = c * cx - n * base + 40;
			py = n * cx + c * base + 25;
			half = (o->x1 - o->x0 - 2) / 2 * s;
			*w = (lt_seen_word){o->text, px - half, py - 7 * s,
					    px + half, py, 0.9f, 0};
		}
}

static void test_read_marks(void **state)
{
	page *p = calloc(1, sizeof(*p));
	int16_t sym[NSLOTS], truth[NSLOTS];
	size_t i, pages;

	(void)state;
	make_page(p);
	for (i = 0; i < NSLOTS; i++)
		truth[i] = (int16_t)((i * 7 + 3) % 5 < 2);
	picture(p, truth, 0.02);
	assert_int_equal(lt_pdf_picture_read(sym, NSLOTS, &pages, p->lines,
					     NLINES, 1, NULL, 0, p->orig,
					     NLINES * NWORDS, p->seen,
					     NLINES * NWORDS), 0);
	assert_int_equal(pages, 1);
	for (i = 0; i < NSLOTS; i++) {
		assert_true(sym[i] >= 0);
		assert_int_equal(LT_OBS_SYMBOL(sym[i]), truth[i]);
	}

	/* the unmarked original pictured: no mark */
	picture(p, NULL, 0.02);
	assert_int_equal(lt_pdf_picture_read(sym, NSLOTS, &pages, p->lines,
					     NLINES, 1, NULL, 0, p->orig,
					     NLINES * NWORDS, p->seen,
					     NLINES * NWORDS), 0);
	assert_int_equal(pages, 1);
	for (i = 0; i < NSLOTS; i++)
		assert_int_equal(sym[i], -1);

	/* noise as large as the marks: what is read is right, the rest
	 * unread */
	picture(p, truth, 0.25);
	assert_int_equal(lt_pdf_picture_read(sym, NSLOTS, &pages, p->lines,
					     NLINES, 1, NULL, 0, p->orig,
					     NLINES * NWORDS, p->seen,
					     NLINES * NWORDS), 0);
	for (i = 0; i < NSLOTS; i++)
		assert_true(sym[i] == -1 || LT_OBS_SYMBOL(sym[i]) == truth[i]);
	free(p);
}

static void test_other_words(void **state)
{
	page *p = calloc(1, sizeof(*p));
	int16_t sym[NSLOTS];
	size_t i, pages = 9;

	(void)state;
	make_page(p);
	picture(p, NULL, 0.02);
	for (i = 0; i < NLINES * NWORDS; i++)
		p->seen[i].text = "other";
	assert_int_equal(lt_pdf_picture_read(sym, NSLOTS, &pages, p->lines,
					     NLINES, 1, NULL, 0, p->orig,
					     NLINES * NWORDS, p->seen,
					     NLINES * NWORDS), 0);
	assert_int_equal(pages, 0);
	for (i = 0; i < NSLOTS; i++)
		assert_int_equal(sym[i], -1);
	/* nothing seen at all */
	assert_int_equal(lt_pdf_picture_read(sym, NSLOTS, &pages, p->lines,
					     NLINES, 1, NULL, 0, p->orig,
					     NLINES * NWORDS, p->seen, 0), 0);
	assert_int_equal(pages, 0);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_affine_fit),
		cmocka_unit_test(test_read_marks),
		cmocka_unit_test(test_other_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
