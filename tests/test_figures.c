/*
 * test_figures.c - figures inside Word originals and the comparison of a
 * figure with its original: the package's media listed and read within
 * limits and written back with new bytes (render/docx.h); the figures of
 * tests/data/docx/memo-figure.docx found, keyed apart and laid out one
 * after another in the code's extension, marked at PSNR >= 38 dB in their
 * own format and size, and read back from the marked copy
 * (issue/figures.h); lt_imark_changes() finds nothing in a marked copy, a
 * JPEG of it or a simulated photo, and finds a painted rectangle where it
 * is (read/image_mark_read.h).
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

#include "leaktrace/buf.h"
#include "leaktrace/code.h"
#include "leaktrace/error.h"
#include "leaktrace/file.h"
#include "leaktrace/image.h"
#include "issue/figures.h"
#include "issue/image_doc.h"
#include "read/image_mark_read.h"
#include "render/docx.h"
#include "render/image_mark.h"
#include "tools/figure.h"
#include "tools/photosim.h"

#define MEMO "tests/data/docx/memo-figure.docx"

static const uint8_t doc_key[LT_KEY_BYTES] = {
	3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3,
	2, 3, 8, 4, 6, 2, 6, 4, 3, 3, 8, 3, 2, 7, 9, 5};

/* The memo's package, opened. */
static lt_docx *open_memo(void)
{
	lt_buf data = {0};
	lt_docx *dx = NULL;

	assert_int_equal(lt_file_read(&data, MEMO, 1u << 24), LT_OK);
	assert_int_equal(lt_docx_open(&dx, data.data, data.len, MEMO), LT_OK);
	lt_buf_free(&data);
	return dx;
}

static void test_media(void **state)
{
	lt_docx *dx = open_memo();
	char **names = NULL;
	size_t n = 0;
	lt_buf b = {0};

	(void)state;
	assert_int_equal(lt_docx_media(dx, &names, &n), LT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "word/media/rId20.png");
	assert_string_equal(names[1], "word/media/rId23.jpg");
	assert_int_equal(lt_docx_part_read(dx, names[0], 1u << 20, &b), LT_OK);
	assert_int_equal(lt_image_detect(b.data, b.len), LT_IMAGE_PNG);
	/* over the limit: refused, never inflated past it */
	assert_int_equal(lt_docx_part_read(dx, names[0], 1000, &b), LT_EINPUT);
	assert_int_equal(lt_docx_part_read(dx, "word/media/none.png", 1u << 20,
					   &b), LT_ENOTFOUND);
	lt_buf_free(&b);
	lt_docx_names_free(names, n);
	lt_docx_free(dx);
}

static void test_write_parts(void **state)
{
	lt_docx *dx = open_memo(), *back = NULL;
	lt_docx_part part = {"word/media/rId23.jpg", "not a jpeg", 10};
	lt_docx_part bad = {"word/media/none.png", "x", 1};
	lt_buf out = {0}, got = {0};
	const char *t0, *t1;
	size_t n0, n1;

	(void)state;
	assert_int_equal(lt_docx_write_parts(&out, dx, NULL, 0, &part, 1),
			 LT_OK);
	assert_int_equal(lt_docx_open(&back, out.data, out.len, "copy"), LT_OK);
	assert_int_equal(lt_docx_part_read(back, part.name, 1u << 20, &got),
			 LT_OK);
	assert_int_equal(got.len, 10);
	assert_memory_equal(got.data, "not a jpeg", 10);
	/* the text is untouched */
	t0 = lt_docx_text(dx, &n0);
	t1 = lt_docx_text(back, &n1);
	assert_int_equal(n0, n1);
	assert_memory_equal(t0, t1, n0);
	assert_int_equal(lt_docx_write_parts(&out, dx, NULL, 0, &bad, 1),
			 LT_EUSAGE);
	lt_buf_free(&out);
	lt_buf_free(&got);
	lt_docx_free(back);
	lt_docx_free(dx);
}

static void test_figures_marked(void **state)
{
	lt_docx *dx = open_memo(), *copy = NULL;
	lt_figures *f = NULL, *g = NULL;
	uint8_t sym[2 * LT_IMARK_MAX_SLOTS];
	int16_t got[LT_IMARK_MAX_SLOTS];
	lt_buf out = {0};
	double psnr;
	size_t k, i;

	(void)state;
	assert_int_equal(lt_figures_docx(&f, dx, doc_key), LT_OK);
	assert_int_equal(f->n, 2);
	assert_int_equal(f->fig[0].format, LT_IMAGE_PNG);
	assert_int_equal(f->fig[1].format, LT_IMAGE_JPEG);
	assert_int_equal(f->fig[0].at, 0);
	assert_int_equal(f->fig[1].at, f->fig[0].grid->nslots);
	assert_int_equal(f->slots, f->fig[0].grid->nslots +
				   f->fig[1].grid->nslots);
	/* each figure keyed apart: their cells differ */
	assert_true(memcmp(f->fig[0].grid->sign, f->fig[1].grid->sign,
			   100) != 0);
	for (i = 0; i < f->slots; i++)
		sym[i] = (uint8_t)((i * 7 + 3) % 5 < 2);
	assert_int_equal(lt_figures_write_docx(&out, dx, NULL, 0, f, sym,
					       &psnr), LT_OK);
	assert_true(psnr >= LT_IMARK_MIN_PSNR);
	assert_int_equal(lt_docx_open(&copy, out.data, out.len, "copy"), LT_OK);
	assert_int_equal(lt_figures_docx(&g, copy, doc_key), LT_OK);
	assert_int_equal(g->n, 2);
	for (k = 0; k < 2; k++) {
		size_t right = 0, read = 0;

		assert_int_equal(g->fig[k].orig->width, f->fig[k].orig->width);
		assert_int_equal(g->fig[k].orig->height,
				 f->fig[k].orig->height);
		assert_int_equal(g->fig[k].format, f->fig[k].format);
		assert_int_equal(lt_imark_read(got, NULL, NULL, f->fig[k].grid,
					       f->fig[k].orig, g->fig[k].orig),
				 LT_OK);
		for (i = 0; i < f->fig[k].grid->nslots; i++) {
			read += got[i] >= 0;
			right += got[i] == sym[f->fig[k].at + i];
		}
		assert_true(read >= f->fig[k].grid->nslots * 95 / 100);
		assert_int_equal(right, read);
	}
	lt_figures_free(g);
	lt_figures_free(f);
	lt_docx_free(copy);
	lt_docx_free(dx);
	lt_buf_free(&out);
}

/* Changes of `leak` against `orig` (registered as the reader does). */
static size_t changes(lt_imark_region **g, const lt_image *orig,
		      const lt_imark *m, const lt_image *leak)
{
	int16_t sym[LT_IMARK_MAX_SLOTS];
	lt_imark_reading rd;
	size_t n = 0;

	assert_int_equal(lt_imark_read(sym, NULL, &rd, m, orig, leak), LT_OK);
	assert_true(rd.aligned);
	assert_int_equal(lt_imark_changes(g, &n, orig, leak, &rd), LT_OK);
	return n;
}

/* A decoded copy of `img` encoded as `fmt`. */
static lt_image *recode(const lt_image *img, lt_image_format fmt, int q)
{
	lt_buf b = {0};
	lt_image *out = NULL;

	assert_int_equal(lt_image_encode(&b, img, fmt, q), LT_OK);
	assert_int_equal(lt_image_decode(&out, b.data, b.len, "x", NULL),
			 LT_OK);
	lt_buf_free(&b);
	return out;
}

static void test_changes(void **state)
{
	lt_image *orig = figure_draw(1000, 700, 1), *copy, *jpeg, *photo;
	lt_imark *m = NULL;
	lt_imark_region *g = NULL;
	uint8_t sym[LT_IMARK_MAX_SLOTS];
	photosim_options po;
	lt_buf b = {0};
	size_t i, n;
	int x, y;

	(void)state;
	assert_non_null(orig);
	assert_int_equal(lt_imark_new(&m, doc_key, 1000, 700), LT_OK);
	for (i = 0; i < m->nslots; i++)
		sym[i] = (uint8_t)(i & 1);
	copy = recode(orig, LT_IMAGE_PNG, 0);
	assert_int_equal(lt_imark_embed(copy, m, sym, LT_IMARK_PSNR), LT_OK);
	/* a marked copy, a JPEG of it and a phone photo: nothing altered */
	assert_int_equal(changes(&g, orig, m, copy), 0);
	free(g);
	jpeg = recode(copy, LT_IMAGE_JPEG, 60);
	assert_int_equal(changes(&g, orig, m, jpeg), 0);
	free(g);
	photosim_defaults(&po, 5);
	po.blur = 1.0;
	assert_int_equal(photosim_make(&b, copy, &po), 0);
	assert_int_equal(lt_image_decode(&photo, b.data, b.len, "photo", NULL),
			 LT_OK);
	assert_int_equal(changes(&g, orig, m, photo), 0);
	free(g);
	/* a white rectangle over part of the chart: one region over it */
	for (y = 200; y < 300; y++)
		for (x = 300; x < 420; x++)
			memset(jpeg->pixels + ((size_t)y * 1000 + x) * 3, 255, 3);
	n = changes(&g, orig, m, jpeg);
	assert_true(n >= 1);
	for (i = 0; i < n; i++) {
		assert_true(g[i].x0 < 420 && g[i].x1 > 300);
		assert_true(g[i].y0 < 300 && g[i].y1 > 200);
		assert_true(g[i].x0 >= 300 - 40 && g[i].x1 <= 420 + 40);
	}
	free(g);
	/* an unregistered leak: no region */
	{
		lt_imark_reading rd = {0};

		assert_int_equal(lt_imark_changes(&g, &n, orig, jpeg, &rd),
				 LT_OK);
		assert_int_equal(n, 0);
		assert_null(g);
	}
	lt_buf_free(&b);
	lt_image_free(photo);
	lt_image_free(jpeg);
	lt_image_free(copy);
	lt_image_free(orig);
	lt_imark_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_media),
		cmocka_unit_test(test_write_parts),
		cmocka_unit_test(test_figures_marked),
		cmocka_unit_test(test_changes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
