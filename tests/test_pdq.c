/*
 * test_pdq.c - the PDQ hash against the reference implementation's output
 * on PDQ's own test images (full-scale and reduced-scale decoding), the
 * eight dihedral hashes, quality, hex and distance; the multi-index
 * Hamming search against brute force on random hashes with
 * near-duplicates at controlled distances; and the vault's page-image
 * hashes (register, load, export).
 *
 * The reference data is read from $LEAKTRACE_SHARED_DATA/pdq when that is
 * set, else from ../shared/data/pdq relative to the repository root (the
 * working directory of the test run).  Missing data fails the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include <png.h>

#include "leaktrace/document.h"
#include "leaktrace/error.h"
#include "leaktrace/image.h"
#include "leaktrace/pdq.h"
#include "leaktrace/vault.h"
#include "support/support.h"

/* The README's criterion: within this distance for quality >= 80. */
#define AGREE_DISTANCE 10
#define AGREE_QUALITY 80

static char data_dir[512];

/* Find the reference data or fail saying where it was looked for. */
static const char *pdq_dir(void)
{
	snprintf(data_dir, sizeof(data_dir), "%s", ts_shared_data("pdq"));
	return data_dir;
}

/*
 * Check every line of `csv` (images in folder `sub`) with decoding options
 * `opt`; the largest distance on images of quality >= 80.
 */
static int check_set(const char *csv, const char *sub,
		     const lt_image_options *opt, int *checked)
{
	char path[1024], line[512];
	FILE *f;
	int worst = 0;

	snprintf(path, sizeof(path), "%s/%s", pdq_dir(), csv);
	assert_non_null(f = fopen(path, "r"));
	*checked = 0;
	while (fgets(line, sizeof(line), f)) {
		char hex[65], name[256];
		lt_pdq_hash want, got;
		lt_image *img;
		int q, gotq, d;

		if (sscanf(line, "%64[0-9a-f],%d,%255[^\r\n]", hex, &q, name) != 3)
			fail_msg("bad line in %s: %s", csv, line);
		assert_int_equal(lt_pdq_from_hex(&want, hex), LT_OK);
		snprintf(path, sizeof(path), "%s/%s/%s", data_dir, sub, name);
		if (lt_image_load(&img, path, opt))
			fail_msg("%s", lt_error_message());
		assert_int_equal(lt_pdq_hash_image(&got, 1, &gotq, img), LT_OK);
		lt_image_free(img);
		d = lt_pdq_distance(&want, &got);
		if (q >= AGREE_QUALITY) {
			if (d > AGREE_DISTANCE)
				fail_msg("%s: distance %d from the reference",
					 name, d);
			if (d > worst)
				worst = d;
			(*checked)++;
		}
		/* The quality agrees too, within a little. */
		if (abs(gotq - q) > 5)
			fail_msg("%s: quality %d, reference %d", name, gotq, q);
	}
	fclose(f);
	return worst;
}

static int check_reference(const lt_image_options *opt, int *checked)
{
	return check_set("expected.csv", "images", opt, checked);
}

static void test_reference_full_scale(void **state)
{
	int n, worst;

	(void)state;
	worst = check_reference(NULL, &n);
	assert_true(n >= 20);
	printf("  full scale: %d images, max distance %d\n", n, worst);
}

static void test_reference_reduced_scale(void **state)
{
	lt_image_options opt = {0};
	int n, worst;

	(void)state;
	opt.min_side = LT_PDQ_FAST_MIN_SIDE;
	opt.luminance = 1;
	worst = check_reference(&opt, &n);
	printf("  reduced scale: %d images, max distance %d\n", n, worst);
}

/*
 * Pictures of document pages: scans from 640 to 2,480 pixels wide, grey
 * and colour, a half page, phone-like photos.  Text puts most of a page's
 * energy in fine detail and many coefficients near the median, so these
 * catch departures from the reference (the 512x512 resampling of large
 * images) that photos forgive.
 */
static void test_reference_pages(void **state)
{
	char path[1024], line[512];
	FILE *f;
	int n, worst;

	(void)state;
	worst = check_set("expected-pages.csv", "pages", NULL, &n);
	assert_int_equal(n, 8);
	printf("  pages: %d images, max distance %d\n", n, worst);
	/* lt_pdq_hash_file() agrees as well. */
	snprintf(path, sizeof(path), "%s/expected-pages.csv", pdq_dir());
	assert_non_null(f = fopen(path, "r"));
	while (fgets(line, sizeof(line), f)) {
		char hex[65], name[256];
		lt_pdq_hash want, got;
		int q, gotq, d;

		assert_int_equal(sscanf(line, "%64[0-9a-f],%d,%255[^\r\n]",
					hex, &q, name), 3);
		assert_int_equal(lt_pdq_from_hex(&want, hex), LT_OK);
		snprintf(path, sizeof(path), "%s/pages/%s", data_dir, name);
		if (lt_pdq_hash_file(&got, &gotq, path, 0))
			fail_msg("%s", lt_error_message());
		d = lt_pdq_distance(&want, &got);
		if (q >= AGREE_QUALITY && d > AGREE_DISTANCE)
			fail_msg("%s: lt_pdq_hash_file at distance %d from the "
				 "reference", name, d);
		/* Luminance-only decoding stays close as well. */
		if (lt_pdq_hash_file(&got, &gotq, path, LT_PDQ_FAST))
			fail_msg("%s", lt_error_message());
		d = lt_pdq_distance(&want, &got);
		if (q >= AGREE_QUALITY && d > AGREE_DISTANCE)
			fail_msg("%s: LT_PDQ_FAST at distance %d from the "
				 "reference", name, d);
	}
	fclose(f);
}

/*
 * The same resampling through lt_pdq_hash_luma: a large luminance buffer
 * hashes as the 8-bit image it came from.
 */
static void test_luma_matches_image(void **state)
{
	char path[1024];
	lt_pdq_hash from_image, from_luma;
	lt_image *img;
	float *luma;
	size_t i, n;
	int q1, q2;

	(void)state;
	snprintf(path, sizeof(path), "%s/pages/page-compliance-2480.jpg",
		 pdq_dir());
	assert_int_equal(lt_image_load(&img, path, NULL), LT_OK);
	assert_int_equal(img->channels, 1);
	assert_int_equal(lt_pdq_hash_image(&from_image, 1, &q1, img), LT_OK);
	n = (size_t)img->width * img->height;
	assert_non_null(luma = malloc(n * sizeof(float)));
	for (i = 0; i < n; i++)
		luma[i] = img->pixels[i];
	assert_int_equal(lt_pdq_hash_luma(&from_luma, 1, &q2, luma,
					  img->height, img->width), LT_OK);
	free(luma);
	lt_image_free(img);
	assert_int_equal(lt_pdq_distance(&from_image, &from_luma), 0);
	assert_int_equal(q1, q2);
}

/* The reference's exact output where the image needs no resampling. */
static void test_reference_exact_small(void **state)
{
	char path[1024];
	lt_pdq_hash h;
	char hex[65];
	int q;

	(void)state;
	snprintf(path, sizeof(path), "%s/images/labelme-q0122.jpg", pdq_dir());
	assert_int_equal(lt_pdq_hash_file(&h, &q, path, 0), LT_OK);
	lt_pdq_to_hex(&h, hex);
	assert_string_equal(hex, "cfb2009ddd21c6dab0046a7745b5984757a8a4535b"
				 "3377aea2591d32b33ff940");
	assert_int_equal(q, 100);
}

static void test_dihedral(void **state)
{
	char path[1024], line[2048];
	FILE *f;
	int lines = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/expected-dihedral.csv", pdq_dir());
	assert_non_null(f = fopen(path, "r"));
	while (fgets(line, sizeof(line), f)) {
		lt_pdq_hash got[LT_PDQ_DIHEDRAL], want;
		char *field[10], *p = line;
		lt_image *img;
		int n = 0, q, k;

		line[strcspn(line, "\r\n")] = '\0';
		while (n < 10 && (field[n] = strsep(&p, ",")))
			n++;
		assert_int_equal(n, 10);
		snprintf(path, sizeof(path), "%s/images/%s", data_dir, field[9]);
		assert_int_equal(lt_image_load(&img, path, NULL), LT_OK);
		assert_int_equal(lt_pdq_hash_image(got, LT_PDQ_DIHEDRAL, &q, img),
				 LT_OK);
		lt_image_free(img);
		for (k = 0; k < LT_PDQ_DIHEDRAL; k++) {
			int d;

			assert_int_equal(lt_pdq_from_hex(&want, field[k]), LT_OK);
			d = lt_pdq_distance(&want, &got[k]);
			if (d > AGREE_DISTANCE)
				fail_msg("%s: dihedral %d at distance %d",
					 field[9], k, d);
		}
		/* The single hash is the first dihedral one. */
		{
			lt_pdq_hash one;
			int q1;

			assert_int_equal(lt_image_load(&img, path, NULL), LT_OK);
			assert_int_equal(lt_pdq_hash_image(&one, 1, &q1, img),
					 LT_OK);
			lt_image_free(img);
			assert_int_equal(lt_pdq_distance(&one, &got[0]), 0);
			assert_int_equal(q1, q);
		}
		lines++;
	}
	fclose(f);
	assert_int_equal(lines, 2);
}

/* A rotated picture's hash is close to the original's rotate90 hash. */
static void test_dihedral_matches_rotated_file(void **state)
{
	static const char *const files[LT_PDQ_DIHEDRAL] = {
		"dih-bridge-1-original.jpg", "dih-bridge-2-rotate-90.jpg",
		"dih-bridge-3-rotate-180.jpg", "dih-bridge-4-rotate-270.jpg",
		"dih-bridge-5-flipx.jpg", "dih-bridge-6-flipy.jpg",
		"dih-bridge-7-flip-plus-1.jpg", "dih-bridge-8-flip-minus-1.jpg",
	};
	lt_pdq_hash d[LT_PDQ_DIHEDRAL], h;
	char path[1024];
	lt_image *img;
	int q, k;

	(void)state;
	snprintf(path, sizeof(path), "%s/images/%s", pdq_dir(), files[0]);
	assert_int_equal(lt_image_load(&img, path, NULL), LT_OK);
	assert_int_equal(lt_pdq_hash_image(d, LT_PDQ_DIHEDRAL, &q, img), LT_OK);
	lt_image_free(img);
	for (k = 1; k < LT_PDQ_DIHEDRAL; k++) {
		snprintf(path, sizeof(path), "%s/images/%s", data_dir, files[k]);
		assert_int_equal(lt_pdq_hash_file(&h, &q, path, 0), LT_OK);
		if (lt_pdq_distance(&h, &d[k]) > LT_PDQ_MATCH_DISTANCE)
			fail_msg("%s: %d from the computed transform", files[k],
				 lt_pdq_distance(&h, &d[k]));
	}
}

/*
 * One hasher over file after file - large progressive JPEGs (whose
 * coefficient memory it keeps), small baseline ones, damaged and missing
 * files in between, twice round - gives exactly the hashes of the decoded
 * image, all eight dihedral ones too, and within AGREE_DISTANCE of the
 * reference's (today: 0).
 */
static void check_hasher_set(lt_pdq_hasher *hasher, const char *csv,
			     const char *sub, int with_dihedral)
{
	char path[1024], line[2048];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", pdq_dir(), csv);
	assert_non_null(f = fopen(path, "r"));
	while (fgets(line, sizeof(line), f)) {
		lt_pdq_hash want[LT_PDQ_DIHEDRAL], got[LT_PDQ_DIHEDRAL];
		lt_pdq_hash direct[LT_PDQ_DIHEDRAL];
		char hex[LT_PDQ_DIHEDRAL][65], name[256];
		lt_image *img;
		int q, gotq, directq, k, d, fields;

		if (with_dihedral)
			fields = sscanf(line, "%64[0-9a-f],%64[0-9a-f],"
					"%64[0-9a-f],%64[0-9a-f],%64[0-9a-f],"
					"%64[0-9a-f],%64[0-9a-f],%64[0-9a-f],"
					"%d,%255[^\r\n]", hex[0], hex[1],
					hex[2], hex[3], hex[4], hex[5], hex[6],
					hex[7], &q, name) - 8;
		else
			fields = sscanf(line, "%64[0-9a-f],%d,%255[^\r\n]",
					hex[0], &q, name);
		if (fields != (with_dihedral ? 2 : 3))
			fail_msg("bad line in %s: %s", csv, line);
		for (k = 0; k < (with_dihedral ? LT_PDQ_DIHEDRAL : 1); k++)
			assert_int_equal(lt_pdq_from_hex(&want[k], hex[k]),
					 LT_OK);
		snprintf(path, sizeof(path), "%s/%s/%s", data_dir, sub, name);
		if (lt_pdq_hasher_file(hasher, got, LT_PDQ_DIHEDRAL, &gotq,
				       path, 0))
			fail_msg("%s", lt_error_message());
		assert_int_equal(lt_image_load(&img, path, NULL), LT_OK);
		assert_int_equal(lt_pdq_hash_image(direct, LT_PDQ_DIHEDRAL,
						   &directq, img), LT_OK);
		lt_image_free(img);
		assert_int_equal(gotq, directq);
		for (k = 0; k < LT_PDQ_DIHEDRAL; k++)
			if (lt_pdq_distance(&got[k], &direct[k]) != 0)
				fail_msg("%s: hash %d differs from the decoded "
					 "image's", name, k);
		for (k = 0; k < (with_dihedral ? LT_PDQ_DIHEDRAL : 1); k++) {
			d = lt_pdq_distance(&got[k], &want[k]);
			if (q >= AGREE_QUALITY && d > AGREE_DISTANCE)
				fail_msg("%s: hash %d at distance %d from the "
					 "reference", name, k, d);
		}
		/* Luminance-only decoding stays close (pages: <= 2 today). */
		if (lt_pdq_hasher_file(hasher, got, 1, &gotq, path,
				       LT_PDQ_FAST))
			fail_msg("%s", lt_error_message());
		d = lt_pdq_distance(&got[0], &want[0]);
		if (q >= AGREE_QUALITY && d > AGREE_DISTANCE)
			fail_msg("%s: LT_PDQ_FAST at distance %d from the "
				 "reference", name, d);
	}
	fclose(f);
}

static void test_hasher_reused(void **state)
{
	lt_pdq_hasher *hasher;
	lt_pdq_hash h[LT_PDQ_DIHEDRAL];
	char path[1024];
	int q, round;

	(void)state;
	assert_int_equal(lt_pdq_hasher_new(&hasher), LT_OK);
	for (round = 0; round < 2; round++) {
		check_hasher_set(hasher, "expected.csv", "images", 0);
		snprintf(path, sizeof(path), "%s/expected.csv", data_dir);
		assert_int_equal(lt_pdq_hasher_file(hasher, h, 1, &q, path, 0),
				 LT_EINPUT);
		check_hasher_set(hasher, "expected-dihedral.csv", "images", 1);
		snprintf(path, sizeof(path), "%s/images/no-such.jpg", data_dir);
		assert_true(lt_pdq_hasher_file(hasher, h, 1, &q, path, 0) !=
			    LT_OK);
		check_hasher_set(hasher, "expected-pages.csv", "pages", 0);
	}
	snprintf(path, sizeof(path), "%s/images/wee.jpg", data_dir);
	assert_int_equal(lt_pdq_hasher_file(hasher, h, 2, &q, path, 0),
			 LT_EUSAGE);
	lt_pdq_hasher_free(hasher);
	lt_pdq_hasher_free(NULL);
}

static void test_hex_and_distance(void **state)
{
	const char *hex = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d"
			  "33e6339c4e9c9b22";
	lt_pdq_hash a, b;
	char out[65];
	int i;

	(void)state;
	assert_int_equal(lt_pdq_from_hex(&a, hex), LT_OK);
	lt_pdq_to_hex(&a, out);
	assert_string_equal(out, hex);
	assert_int_equal(lt_pdq_from_hex(&b, "D8F8F0CEE0F4A84F0637022A078F67F0"
					 "B36E2ED596621E1D33E6339C4E9C9B22"),
			 LT_OK);
	assert_int_equal(lt_pdq_distance(&a, &b), 0);
	assert_int_equal(lt_pdq_from_hex(&b, "d8f8"), LT_EINPUT);
	assert_int_equal(lt_pdq_from_hex(&b, NULL), LT_EINPUT);
	out[10] = 'g';
	assert_int_equal(lt_pdq_from_hex(&b, out), LT_EINPUT);
	b = a;
	for (i = 0; i < 256; i += 3)
		b.bytes[i / 8] ^= (unsigned char)(1u << (i % 8));
	assert_int_equal(lt_pdq_distance(&a, &b), 86);
	memset(&b, 0, sizeof(b));
	memset(&a, 0xff, sizeof(a));
	assert_int_equal(lt_pdq_distance(&a, &b), 256);
}

static void test_quality_and_small(void **state)
{
	lt_image img = {0};
	lt_pdq_hash h[LT_PDQ_DIHEDRAL], zero;
	float luma[64 * 64];
	int q, i;

	(void)state;
	memset(&zero, 0, sizeof(zero));
	/* A flat image has no structure: quality 0. */
	img.width = 200;
	img.height = 100;
	img.channels = 1;
	assert_non_null(img.pixels = malloc(200 * 100));
	memset(img.pixels, 128, 200 * 100);
	assert_int_equal(lt_pdq_hash_image(h, 1, &q, &img), LT_OK);
	assert_int_equal(q, 0);
	/* Strong structure: quality 100, about half the bits set. */
	for (i = 0; i < 200 * 100; i++)
		img.pixels[i] = (unsigned char)((((i % 200) / 10) ^
						 ((i / 200) / 10)) & 1 ? 250 : 5);
	assert_int_equal(lt_pdq_hash_image(h, LT_PDQ_DIHEDRAL, &q, &img), LT_OK);
	assert_int_equal(q, 100);
	assert_true(lt_pdq_distance(&h[0], &zero) >= 100);
	assert_true(lt_pdq_distance(&h[0], &zero) <= 128);
	/* Too small: all zeros, quality 0. */
	img.width = 4;
	assert_int_equal(lt_pdq_hash_image(h, 1, &q, &img), LT_OK);
	assert_int_equal(q, 0);
	assert_int_equal(lt_pdq_distance(&h[0], &zero), 0);
	free(img.pixels);
	assert_int_equal(lt_pdq_hash_image(h, 2, &q, &img), LT_EUSAGE);
	/* 64x64 luminance is taken as the grid itself. */
	for (i = 0; i < 64 * 64; i++)
		luma[i] = (float)((i * 37) % 256);
	assert_int_equal(lt_pdq_hash_luma(h, 1, &q, luma, 64, 64), LT_OK);
	assert_true(lt_pdq_distance(&h[0], &zero) > 0);
}

/* ---------------------------------------------------------------------
 * Index against brute force
 * ------------------------------------------------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

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

/* `base` with exactly `d` distinct bits flipped. */
static void near_hash(lt_pdq_hash *out, const lt_pdq_hash *base, int d)
{
	int flipped[256] = {0}, n = 0;

	*out = *base;
	while (n < d) {
		int b = (int)(rng() % 256);

		if (flipped[b])
			continue;
		flipped[b] = 1;
		out->bytes[b / 8] ^= (unsigned char)(1u << (b % 8));
		n++;
	}
}

static int stop_after_one(void *ctx, int64_t id, const lt_pdq_hash *h, int d)
{
	(void)id;
	(void)h;
	(void)d;
	(*(int *)ctx)++;
	return 1;
}

static void test_index_vs_brute_force(void **state)
{
	enum { N = 20000, QUERIES = 40 };
	static const int radii[] = {0, 3, 10, 15, 16, 20, 31, 32, 40, 47, 48,
				    64, 100};
	lt_pdq_hash *all = malloc(sizeof(*all) * (N + QUERIES * 48));
	lt_pdq_hash queries[QUERIES];
	lt_pdq_index *ix;
	size_t n = 0, r;
	int qi, d;

	(void)state;
	assert_non_null(all);
	assert_int_equal(lt_pdq_index_new(&ix), LT_OK);
	/* Queries whose near-duplicates are stored at every distance 0..47. */
	for (qi = 0; qi < QUERIES; qi++) {
		random_hash(&queries[qi]);
		for (d = 0; d < 48; d++) {
			near_hash(&all[n], &queries[qi], d);
			assert_int_equal(lt_pdq_index_add(ix, &all[n],
							   (int64_t)n), LT_OK);
			n++;
		}
	}
	for (; n < N + QUERIES * 48; n++) {
		random_hash(&all[n]);
		assert_int_equal(lt_pdq_index_add(ix, &all[n], (int64_t)n), LT_OK);
	}
	assert_int_equal(lt_pdq_index_size(ix), n);
	for (qi = 0; qi < QUERIES; qi++) {
		for (r = 0; r < sizeof(radii) / sizeof(radii[0]); r++) {
			lt_pdq_match *m;
			size_t nm, i, want = 0, k = 0;

			assert_int_equal(lt_pdq_index_search(ix, &queries[qi],
							     radii[r], &m, &nm),
					 LT_OK);
			for (i = 0; i < n; i++)
				if (lt_pdq_distance(&all[i], &queries[qi]) <=
				    radii[r])
					want++;
			if (nm != want)
				fail_msg("query %d radius %d: %zu found, %zu by "
					 "brute force", qi, radii[r], nm, want);
			/* Sorted, distances right, no duplicates. */
			for (k = 0; k < nm; k++) {
				assert_int_equal(m[k].distance,
						 lt_pdq_distance(&all[m[k].id],
								 &queries[qi]));
				if (k)
					assert_true(m[k - 1].distance < m[k].distance ||
						    (m[k - 1].distance == m[k].distance &&
						     m[k - 1].id < m[k].id));
			}
			free(m);
		}
	}
	/* Stopping early; adding after a query (tables rebuilt). */
	{
		int calls = 0;
		lt_pdq_hash extra;
		lt_pdq_match *m;
		size_t nm;

		assert_int_equal(lt_pdq_index_query(ix, &queries[0], 31,
						    stop_after_one, &calls), LT_OK);
		assert_int_equal(calls, 1);
		random_hash(&extra);
		assert_int_equal(lt_pdq_index_add(ix, &extra, -7), LT_OK);
		assert_int_equal(lt_pdq_index_search(ix, &extra, 0, &m, &nm),
				 LT_OK);
		assert_int_equal(nm, 1);
		assert_int_equal(m[0].id, -7);
		free(m);
		assert_int_equal(lt_pdq_index_query(ix, &extra, -1,
						    stop_after_one, &calls),
				 LT_EUSAGE);
		assert_int_equal(lt_pdq_index_query(ix, &extra, 257,
						    stop_after_one, &calls),
				 LT_EUSAGE);
	}
	lt_pdq_index_free(ix);
	free(all);
}

static void test_index_empty(void **state)
{
	lt_pdq_index *ix;
	lt_pdq_hash h;
	lt_pdq_match *m;
	size_t n;

	(void)state;
	memset(&h, 0, sizeof(h));
	assert_int_equal(lt_pdq_index_new(&ix), LT_OK);
	assert_int_equal(lt_pdq_index_search(ix, &h, 31, &m, &n), LT_OK);
	assert_int_equal(n, 0);
	assert_null(m);
	lt_pdq_index_free(ix);
	lt_pdq_index_free(NULL);
}

/* ---------------------------------------------------------------------
 * The vault's page-image hashes
 * ------------------------------------------------------------------- */

static char tmp_dir[256];

static void write_png(const char *path, int w, int h, int seed)
{
	FILE *f = fopen(path, "wb");
	png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL,
						NULL, NULL);
	png_infop info = png_create_info_struct(p);
	unsigned char *row = malloc((size_t)w);
	int x, y;

	assert_non_null(f);
	assert_non_null(row);
	png_init_io(p, f);
	png_set_IHDR(p, info, (png_uint_32)w, (png_uint_32)h, 8,
		     PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(p, info);
	for (y = 0; y < h; y++) {
		for (x = 0; x < w; x++)
			row[x] = (unsigned char)((((x + seed * 7) / 23) ^
						  ((y * (seed + 1)) / 31)) & 1
							 ? 240 : 15);
		png_write_row(p, row);
	}
	png_write_end(p, NULL);
	png_destroy_write_struct(&p, &info);
	fclose(f);
	free(row);
}

static void test_store(void **state)
{
	char vault[300], text[300], page1[300], page2[300], flat[300];
	char csv[300], line[512];
	lt_document_info *info;
	lt_pdq_index *ix;
	lt_pdq_hash h1, h2;
	lt_pdq_match *m;
	lt_vault *v;
	size_t rows, skipped, nm;
	FILE *f;
	int q, lines = 0;

	(void)state;
	assert_int_equal(ts_tmpdir(tmp_dir, sizeof(tmp_dir), "pdq-test"), 0);
	snprintf(vault, sizeof(vault), "%s/vault", tmp_dir);
	snprintf(text, sizeof(text), "%s/memo.txt", tmp_dir);
	snprintf(page1, sizeof(page1), "%s/p1.png", tmp_dir);
	snprintf(page2, sizeof(page2), "%s/p2.png", tmp_dir);
	snprintf(flat, sizeof(flat), "%s/flat.png", tmp_dir);
	snprintf(csv, sizeof(csv), "%s/out.csv", tmp_dir);
	assert_non_null(f = fopen(text, "w"));
	fputs("The committee will meet on Tuesday to review the budget, and "
	      "members should bring their notes, their questions and the "
	      "figures for the coming year.\n", f);
	fclose(f);
	write_png(page1, 300, 400, 1);
	write_png(page2, 300, 400, 5);
	{
		/* A blank page: quality 0, kept but not exported. */
		unsigned char row[64];
		png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING,
							NULL, NULL, NULL);
		png_infop info2 = png_create_info_struct(p);
		int y;

		memset(row, 200, sizeof(row));
		assert_non_null(f = fopen(flat, "wb"));
		png_init_io(p, f);
		png_set_IHDR(p, info2, 64, 64, 8, PNG_COLOR_TYPE_GRAY,
			     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
			     PNG_FILTER_TYPE_DEFAULT);
		png_write_info(p, info2);
		for (y = 0; y < 64; y++)
			png_write_row(p, row);
		png_write_end(p, NULL);
		png_destroy_write_struct(&p, &info2);
		fclose(f);
	}

	assert_int_equal(lt_vault_init(vault), LT_OK);
	assert_int_equal(lt_vault_open(&v, vault), LT_OK);
	assert_true(lt_vault_schema_version(v) >= 4);
	assert_int_equal(lt_document_register(&info, v, text, "memo", NULL),
			 LT_OK);
	lt_document_info_free(info);

	assert_int_equal(lt_pdq_register_image(v, "memo", NULL, 1, page1, &h1,
					       &q), LT_OK);
	assert_true(q >= LT_PDQ_MIN_QUALITY);
	/* Same page again: nothing new. */
	assert_int_equal(lt_pdq_register_image(v, "memo", NULL, 1, page1, NULL,
					       NULL), LT_OK);
	assert_int_equal(lt_pdq_register_image(v, "memo", NULL, 2, page2, &h2,
					       NULL), LT_OK);
	assert_int_equal(lt_pdq_register_image(v, "memo", NULL, 3, flat, NULL,
					       &q), LT_OK);
	assert_true(q < LT_PDQ_MIN_QUALITY);
	/* Unknown document or copy, bad page, bad image. */
	assert_int_equal(lt_pdq_register_image(v, "nope", NULL, 1, page1, NULL,
					       NULL), LT_ENOTFOUND);
	assert_int_equal(lt_pdq_register_image(v, "memo", "c000000000000", 1,
					       page1, NULL, NULL), LT_ENOTFOUND);
	assert_int_equal(lt_pdq_register_image(v, "memo", NULL, 0, page1, NULL,
					       NULL), LT_EUSAGE);
	assert_int_equal(lt_pdq_register_image(v, "memo", NULL, 1, text, NULL,
					       NULL), LT_EINPUT);

	/* Loaded into an index, the page is found by its hash. */
	assert_int_equal(lt_pdq_index_new(&ix), LT_OK);
	assert_int_equal(lt_pdq_index_load(ix, v, NULL), LT_OK);
	assert_int_equal(lt_pdq_index_size(ix), 3);
	assert_int_equal(lt_pdq_index_search(ix, &h2, LT_PDQ_MATCH_DISTANCE,
					     &m, &nm), LT_OK);
	assert_true(nm >= 1);
	assert_int_equal(m[0].distance, 0);
	free(m);
	lt_pdq_index_free(ix);
	assert_int_equal(lt_pdq_index_new(&ix), LT_OK);
	assert_int_equal(lt_pdq_index_load(ix, v, "nope"), LT_ENOTFOUND);
	lt_pdq_index_free(ix);

	/* Export: two lines (the blank page left out). */
	assert_non_null(f = fopen(csv, "w"));
	assert_int_equal(lt_pdq_export_csv(v, "memo", f, &rows, &skipped), LT_OK);
	fclose(f);
	assert_int_equal(rows, 2);
	assert_int_equal(skipped, 1);
	assert_non_null(f = fopen(csv, "r"));
	while (fgets(line, sizeof(line), f)) {
		char hex[65], when[40], tags[200];
		long long id;
		lt_pdq_hash h;

		assert_int_equal(sscanf(line, "%64[0-9a-f],%lld,%39[^,],%199[^\n]",
					hex, &id, when, tags), 4);
		assert_int_equal(lt_pdq_from_hex(&h, hex), LT_OK);
		assert_true(id > 0);
		assert_non_null(strstr(when, "+0000"));
		assert_non_null(strstr(tags, "leaktrace"));
		assert_null(strstr(line, "memo"));
		assert_int_equal(lt_pdq_distance(&h, lines ? &h2 : &h1), 0);
		lines++;
	}
	fclose(f);
	assert_int_equal(lines, 2);
	assert_non_null(f = fopen(csv, "w"));
	assert_int_equal(lt_pdq_export_csv(v, "nope", f, &rows, NULL),
			 LT_ENOTFOUND);
	fclose(f);

	lt_vault_close(v);
	assert_int_equal(ts_rmdir(tmp_dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_full_scale),
		cmocka_unit_test(test_reference_reduced_scale),
		cmocka_unit_test(test_reference_exact_small),
		cmocka_unit_test(test_reference_pages),
		cmocka_unit_test(test_luma_matches_image),
		cmocka_unit_test(test_dihedral),
		cmocka_unit_test(test_dihedral_matches_rotated_file),
		cmocka_unit_test(test_hasher_reused),
		cmocka_unit_test(test_hex_and_distance),
		cmocka_unit_test(test_quality_and_small),
		cmocka_unit_test(test_index_vs_brute_force),
		cmocka_unit_test(test_index_empty),
		cmocka_unit_test(test_store),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
