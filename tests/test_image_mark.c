/*
 * test_image_mark.c - the image channel (render/image_mark.h,
 * read/image_mark_read.h): a copy keeps PSNR >= 38 dB; its symbols are
 * read back from the copy itself, a JPEG, a blurred and rescaled copy, and
 * a simulated phone photo; the unmarked original accuses nobody; a copy of
 * A never accuses anyone else, nor does the average of A's and B's copies
 * accuse anyone but A or B (scored with the code's rigorous test among
 * 100 recipients at 1e-6).
 *
 * The figure is drawn here (tools/figure.h); the photos are simulated
 * (tools/photosim.h).
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
#include "leaktrace/image.h"
#include "read/image_mark_read.h"
#include "render/image_mark.h"
#include "tools/figure.h"
#include "tools/photosim.h"

#define RECIPIENTS 100
#define THRESHOLD 1e-6

static const uint8_t doc_key[LT_KEY_BYTES] = {
	7, 1, 4, 9, 2, 6, 5, 3, 8, 0, 11, 13, 17, 19, 23, 29,
	31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101};

/* One figure, its grid, and the code of 100 recipients. */
typedef struct fixture {
	lt_image *orig;
	lt_imark *m;
	lt_code *base, *code;
	uint8_t cw[RECIPIENTS][LT_IMARK_MAX_SLOTS];
	char names[RECIPIENTS][16];
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	size_t i;

	assert_non_null(f);
	assert_non_null(f->orig = figure_draw(1000, 700, 1));
	assert_int_equal(lt_imark_new(&f->m, doc_key, 1000, 700), LT_OK);
	assert_int_equal(f->m->nslots, LT_IMARK_MAX_SLOTS);
	assert_int_equal(lt_code_new(&f->base, doc_key, NULL, 0,
				     LT_BIAS_UNIFORM), LT_OK);
	assert_int_equal(lt_code_extend(&f->code, f->base, f->m->nslots),
			 LT_OK);
	for (i = 0; i < RECIPIENTS; i++) {
		snprintf(f->names[i], sizeof(f->names[i]), "person-%zu", i);
		lt_code_codeword(f->code, f->names[i], strlen(f->names[i]),
				 f->cw[i]);
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	lt_image_free(f->orig);
	lt_imark_free(f->m);
	lt_code_free(f->base);
	lt_code_free(f->code);
	free(f);
	return 0;
}

static lt_image *clone(const lt_image *a)
{
	lt_image *b = malloc(sizeof(*b));
	size_t n = (size_t)a->width * a->height * a->channels;

	assert_non_null(b);
	*b = *a;
	assert_non_null(b->pixels = malloc(n));
	memcpy(b->pixels, a->pixels, n);
	return b;
}

/* Recipient r's copy. */
static lt_image *copy_of(const fixture *f, size_t r)
{
	lt_image *c = clone(f->orig);

	assert_int_equal(lt_imark_embed(c, f->m, f->cw[r], LT_IMARK_PSNR), LT_OK);
	return c;
}

/* Encode and decode again (JPEG at `quality`). */
static lt_image *through_jpeg(const lt_image *img, int quality)
{
	lt_buf b = {0};
	lt_image *out;

	assert_int_equal(lt_image_encode(&b, img, LT_IMAGE_JPEG, quality), LT_OK);
	assert_int_equal(lt_image_decode(&out, b.data, b.len, "jpeg", NULL),
			 LT_OK);
	lt_buf_free(&b);
	return out;
}

/* Blurred (sigma, in source pixels) and resampled to `scale`. */
static lt_image *blur_scale(const lt_image *img, double sigma, double scale)
{
	lt_image *out = calloc(1, sizeof(*out));
	int w = (int)(img->width * scale), h = (int)(img->height * scale);
	int x, y, c;
	float *plane = malloc((size_t)img->width * img->height * sizeof(float));

	assert_non_null(out);
	assert_non_null(plane);
	*out = *img;
	out->width = w;
	out->height = h;
	assert_non_null(out->pixels = malloc((size_t)w * h * 3));
	for (c = 0; c < 3; c++) {
		for (x = 0; x < img->width * img->height; x++)
			plane[x] = img->pixels[x * 3 + c];
		assert_int_equal(photosim_blur(plane, img->width, img->height,
					       sigma), 0);
		for (y = 0; y < h; y++)
			for (x = 0; x < w; x++) {
				double sx = (x + 0.5) / scale - 0.5;
				double sy = (y + 0.5) / scale - 0.5;
				int x0 = (int)sx, y0 = (int)sy;
				double fx = sx - x0, fy = sy - y0, v;

				if (x0 >= img->width - 1) { x0 = img->width - 2; fx = 1; }
				if (y0 >= img->height - 1) { y0 = img->height - 2; fy = 1; }
				v = (1 - fy) * ((1 - fx) * plane[y0 * img->width + x0] +
						fx * plane[y0 * img->width + x0 + 1]) +
				    fy * ((1 - fx) * plane[(y0 + 1) * img->width + x0] +
					  fx * plane[(y0 + 1) * img->width + x0 + 1]);
				out->pixels[((size_t)y * w + x) * 3 + c] =
					(unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v + 0.5);
			}
	}
	free(plane);
	return out;
}

/* A phone photo of the figure (photosim) at blur `blur`. */
static lt_image *photo_of(const lt_image *img, double blur, uint64_t seed)
{
	photosim_options o;
	lt_buf b = {0};
	lt_image *out;

	photosim_defaults(&o, seed);
	o.blur = blur;
	o.rotate = 3;
	o.perspective = 8;
	o.quality = 80;
	o.max_side = 1400;
	assert_int_equal(photosim_make(&b, img, &o), 0);
	assert_int_equal(lt_image_decode(&out, b.data, b.len, "photo", NULL),
			 LT_OK);
	lt_buf_free(&b);
	return out;
}

/* Read `leak`; counts of slots read and of those read wrong for
 * recipient r; the accused among the 100 into accused[] (count). */
typedef struct outcome {
	size_t read, wrong, naccused;
	size_t accused[RECIPIENTS];
	lt_imark_reading info;
} outcome;

static outcome judge(const fixture *f, const lt_image *leak, size_t r)
{
	int16_t sym[LT_IMARK_MAX_SLOTS];
	outcome oc;
	lt_accuser *acc;
	size_t k, j;

	memset(&oc, 0, sizeof(oc));
	assert_int_equal(lt_imark_read(sym, NULL, &oc.info, f->m, f->orig,
				       leak), LT_OK);
	for (k = 0; k < f->m->nslots; k++) {
		if (sym[k] < 0)
			continue;
		oc.read++;
		oc.wrong += sym[k] != f->cw[r][k];
	}
	assert_int_equal(lt_accuser_new(&acc, f->code, sym), LT_OK);
	for (j = 0; j < RECIPIENTS; j++) {
		double s = lt_accuser_score(acc, f->cw[j]);

		if (lt_accuser_p_false(acc, s, RECIPIENTS) < THRESHOLD)
			oc.accused[oc.naccused++] = j;
	}
	lt_accuser_free(acc);
	print_message("    read %zu, wrong %zu, fit %.3f, blur %.1f, scale "
		      "%.2f, accused %zu\n", oc.read, oc.wrong, oc.info.fit,
		      oc.info.blur, oc.info.scale, oc.naccused);
	return oc;
}

/* Exactly recipient r accused. */
static void assert_names(const outcome *oc, size_t r)
{
	assert_int_equal(oc->naccused, 1);
	assert_int_equal(oc->accused[0], r);
}

static void test_psnr(void **state)
{
	fixture *f = *state;
	size_t r;

	for (r = 0; r < 3; r++) {
		lt_image *c = copy_of(f, r);
		double p = lt_image_psnr(f->orig, c);

		print_message("    PSNR %.2f dB\n", p);
		assert_true(p >= 38.0);
		assert_true(p < 45.0); /* the mark is there */
		lt_image_free(c);
	}
}

static void test_exact_copy(void **state)
{
	fixture *f = *state;
	lt_image *c = copy_of(f, 5);
	outcome oc = judge(f, c, 5);

	assert_true(oc.info.aligned);
	assert_true(oc.read >= f->m->nslots * 9 / 10);
	assert_int_equal(oc.wrong, 0);
	assert_names(&oc, 5);
	lt_image_free(c);
}

static void test_jpeg_copy(void **state)
{
	fixture *f = *state;
	lt_image *c = copy_of(f, 7), *j = through_jpeg(c, 50);
	outcome oc = judge(f, j, 7);

	assert_names(&oc, 7);
	lt_image_free(c);
	lt_image_free(j);
}

static void test_blurred_rescaled(void **state)
{
	fixture *f = *state;
	lt_image *c = copy_of(f, 9);
	lt_image *s = blur_scale(c, 1.5, 0.6), *j = through_jpeg(s, 60);
	outcome oc = judge(f, j, 9);

	assert_names(&oc, 9);
	lt_image_free(c);
	lt_image_free(s);
	lt_image_free(j);
	/* and larger than the original */
	c = copy_of(f, 10);
	s = blur_scale(c, 1.0, 1.5);
	oc = judge(f, s, 10);
	assert_names(&oc, 10);
	lt_image_free(c);
	lt_image_free(s);
}

static void test_photo(void **state)
{
	fixture *f = *state;
	lt_image *c = copy_of(f, 11), *p = photo_of(c, 1.0, 3);
	outcome oc = judge(f, p, 11);

	assert_true(oc.info.aligned);
	assert_names(&oc, 11);
	lt_image_free(p);
	p = photo_of(c, 1.5, 4);
	oc = judge(f, p, 11);
	/* at blur 1.5 the photo may say too little, but never another name */
	assert_true(oc.naccused == 0 || (oc.naccused == 1 &&
					 oc.accused[0] == 11));
	lt_image_free(p);
	lt_image_free(c);
}

static void test_original_accuses_nobody(void **state)
{
	fixture *f = *state;
	lt_image *j = through_jpeg(f->orig, 70), *p = photo_of(f->orig, 1.0, 5);
	outcome oc = judge(f, f->orig, 0);

	assert_int_equal(oc.naccused, 0);
	assert_int_equal(oc.read, 0);
	oc = judge(f, j, 0);
	assert_int_equal(oc.naccused, 0);
	oc = judge(f, p, 0);
	assert_int_equal(oc.naccused, 0);
	lt_image_free(j);
	lt_image_free(p);
}

static void test_unrelated_image(void **state)
{
	fixture *f = *state;
	lt_image *other = figure_draw(1000, 700, 99);
	outcome oc = judge(f, other, 0);

	assert_int_equal(oc.naccused, 0);
	lt_image_free(other);
}

static void test_mix_accuses_no_innocent(void **state)
{
	fixture *f = *state;
	size_t a, i, n;

	for (a = 20; a < 26; a += 2) {
		lt_image *ca = copy_of(f, a), *cb = copy_of(f, a + 1);
		lt_image *mix = clone(ca), *j;
		outcome oc;

		n = (size_t)mix->width * mix->height * 3;
		for (i = 0; i < n; i++)
			mix->pixels[i] = (unsigned char)((ca->pixels[i] +
							  cb->pixels[i] + 1) / 2);
		j = through_jpeg(mix, 75);
		oc = judge(f, j, a);
		for (i = 0; i < oc.naccused; i++)
			assert_true(oc.accused[i] == a || oc.accused[i] == a + 1);
		lt_image_free(ca);
		lt_image_free(cb);
		lt_image_free(mix);
		lt_image_free(j);
	}
}

static void test_small_and_keys(void **state)
{
	fixture *f = *state;
	lt_imark *m2;
	uint8_t other[LT_KEY_BYTES] = {1};
	size_t i, same = 0, n = (size_t)f->m->gw * f->m->gh;

	assert_int_equal(lt_imark_slots_for(63, 500), 0);
	assert_int_equal(lt_imark_new(&m2, doc_key, 40, 40), LT_EINPUT);
	/* another key: another pattern */
	assert_int_equal(lt_imark_new(&m2, other, 1000, 700), LT_OK);
	for (i = 0; i < n; i++)
		same += m2->slot[i] == f->m->slot[i] && m2->sign[i] == f->m->sign[i];
	assert_true(same < n / 50);
	lt_imark_free(m2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_psnr),
		cmocka_unit_test(test_exact_copy),
		cmocka_unit_test(test_jpeg_copy),
		cmocka_unit_test(test_blurred_rescaled),
		cmocka_unit_test(test_photo),
		cmocka_unit_test(test_original_accuses_nobody),
		cmocka_unit_test(test_unrelated_image),
		cmocka_unit_test(test_mix_accuses_no_innocent),
		cmocka_unit_test(test_small_and_keys),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
