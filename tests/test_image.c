/*
 * test_image.c - JPEG and PNG decoding (image.h): formats told by magic
 * bytes, exact PNG pixels, JPEG sizes and reduced-scale decoding, EXIF
 * orientation (read, and applied in all eight ways), and every kind of
 * malformed input - truncated files, a PNG header that lies about the
 * size, zero and huge declared sizes, bytes that are no image, random
 * damage - each a clear LT_EINPUT naming the file, never a crash.
 *
 * The images are made here, in memory, with libpng and libjpeg.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <jpeglib.h>
#include <png.h>

#include "leaktrace/error.h"
#include "leaktrace/image.h"

/* ---------------------------------------------------------------------
 * Making images
 * ------------------------------------------------------------------- */

struct mem {
	unsigned char *data;
	size_t len, cap;
};

static void mem_write(png_structp p, png_bytep d, png_size_t n)
{
	struct mem *m = png_get_io_ptr(p);

	if (m->len + n > m->cap) {
		m->cap = (m->len + n) * 2;
		m->data = realloc(m->data, m->cap);
		assert_non_null(m->data);
	}
	memcpy(m->data + m->len, d, n);
	m->len += n;
}

static void mem_flush(png_structp p)
{
	(void)p;
}

/* A PNG of w x h pixels (channels 1 or 3) from `px`. */
static struct mem make_png(int w, int h, int channels,
			   const unsigned char *px)
{
	struct mem m = {0};
	png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL,
						NULL, NULL);
	png_infop info = png_create_info_struct(p);
	int y;

	assert_non_null(p);
	assert_non_null(info);
	png_set_write_fn(p, &m, mem_write, mem_flush);
	png_set_IHDR(p, info, (png_uint_32)w, (png_uint_32)h, 8,
		     channels == 1 ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
		     PNG_FILTER_TYPE_DEFAULT);
	png_write_info(p, info);
	for (y = 0; y < h; y++)
		png_write_row(p, (png_const_bytep)(px + (size_t)y * w * channels));
	png_write_end(p, NULL);
	png_destroy_write_struct(&p, &info);
	return m;
}

/*
 * A JPEG (quality 95) of w x h RGB pixels; with an EXIF APP1 segment
 * holding `orientation` (0: no EXIF) in little- or big-endian TIFF.
 */
static struct mem make_jpeg(int w, int h, const unsigned char *rgb,
			    int orientation, int little)
{
	struct jpeg_compress_struct ci;
	struct jpeg_error_mgr err;
	unsigned char *buf = NULL;
	unsigned long len = 0;
	struct mem m = {0};
	int y;

	ci.err = jpeg_std_error(&err);
	jpeg_create_compress(&ci);
	jpeg_mem_dest(&ci, &buf, &len);
	ci.image_width = (JDIMENSION)w;
	ci.image_height = (JDIMENSION)h;
	ci.input_components = 3;
	ci.in_color_space = JCS_RGB;
	jpeg_set_defaults(&ci);
	jpeg_set_quality(&ci, 95, TRUE);
	jpeg_start_compress(&ci, TRUE);
	if (orientation) {
		/* "Exif\0\0", TIFF header, IFD0 with one entry, next IFD 0. */
		unsigned char e[6 + 8 + 2 + 12 + 4];
		unsigned char *t = e + 6;

		memset(e, 0, sizeof(e));
		memcpy(e, "Exif\0\0", 6);
		if (little) {
			memcpy(t, "II\x2a\x00\x08\x00\x00\x00", 8);
			t[8] = 1;
			t[10] = 0x12; t[11] = 0x01; /* tag 0x0112 */
			t[12] = 3;                  /* SHORT */
			t[14] = 1;                  /* count 1 */
			t[18] = (unsigned char)orientation;
		} else {
			memcpy(t, "MM\x00\x2a\x00\x00\x00\x08", 8);
			t[9] = 1;
			t[10] = 0x01; t[11] = 0x12;
			t[13] = 3;
			t[17] = 1;
			t[19] = (unsigned char)orientation;
		}
		jpeg_write_marker(&ci, JPEG_APP0 + 1, e, sizeof(e));
	}
	for (y = 0; y < h; y++) {
		JSAMPROW row = (JSAMPROW)(rgb + (size_t)y * w * 3);

		jpeg_write_scanlines(&ci, &row, 1);
	}
	jpeg_finish_compress(&ci);
	jpeg_destroy_compress(&ci);
	m.data = malloc(len);
	assert_non_null(m.data);
	memcpy(m.data, buf, len);
	m.len = len;
	free(buf);
	return m;
}

/* w x h RGB: left half dark, right half light, a little gradient. */
static unsigned char *halves(int w, int h)
{
	unsigned char *p = malloc((size_t)w * h * 3);
	int x, y;

	assert_non_null(p);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			unsigned char v = x < w / 2 ? 20 : 230;

			p[((size_t)y * w + x) * 3] = v;
			p[((size_t)y * w + x) * 3 + 1] = v;
			p[((size_t)y * w + x) * 3 + 2] = (unsigned char)(y % 50);
		}
	return p;
}

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xffffffffu;
}

/* Rewrite a PNG's IHDR size (with a correct CRC, so only the size lies). */
static void png_set_size(struct mem *m, uint32_t w, uint32_t h)
{
	unsigned char *ihdr = m->data + 8; /* length, "IHDR", 13 bytes, CRC */
	uint32_t crc;

	assert_memory_equal(ihdr + 4, "IHDR", 4);
	ihdr[8] = (unsigned char)(w >> 24); ihdr[9] = (unsigned char)(w >> 16);
	ihdr[10] = (unsigned char)(w >> 8); ihdr[11] = (unsigned char)w;
	ihdr[12] = (unsigned char)(h >> 24); ihdr[13] = (unsigned char)(h >> 16);
	ihdr[14] = (unsigned char)(h >> 8); ihdr[15] = (unsigned char)h;
	crc = crc32_of(ihdr + 4, 17);
	ihdr[21] = (unsigned char)(crc >> 24); ihdr[22] = (unsigned char)(crc >> 16);
	ihdr[23] = (unsigned char)(crc >> 8); ihdr[24] = (unsigned char)crc;
}

/* Rewrite a baseline JPEG's SOF0 size. */
static void jpeg_set_size(struct mem *m, unsigned w, unsigned h)
{
	size_t i;

	for (i = 2; i + 9 < m->len; i++) {
		if (m->data[i] == 0xff && m->data[i + 1] == 0xc0) {
			m->data[i + 5] = (unsigned char)(h >> 8);
			m->data[i + 6] = (unsigned char)h;
			m->data[i + 7] = (unsigned char)(w >> 8);
			m->data[i + 8] = (unsigned char)w;
			return;
		}
	}
	fail_msg("no SOF0 marker in the test JPEG");
}

/* Decoding must fail with LT_EINPUT and a message naming `name` and
 * containing `word` (NULL: any). */
static void expect_input_error(const void *data, size_t len,
			       const char *word)
{
	lt_image *img = (lt_image *)1;
	int rc = lt_image_decode(&img, data, len, "bad-file.img", NULL);

	if (rc != LT_EINPUT)
		fail_msg("expected LT_EINPUT, got %d (%s)", rc,
			 lt_error_message());
	assert_null(img);
	assert_non_null(strstr(lt_error_message(), "bad-file.img"));
	if (word && !strstr(lt_error_message(), word))
		fail_msg("message '%s' lacks '%s'", lt_error_message(), word);
}

/* ---------------------------------------------------------------------
 * Tests
 * ------------------------------------------------------------------- */

static void test_detect(void **state)
{
	static const unsigned char jpg[] = {0xff, 0xd8, 0xff, 0xe0};
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n',
					    0x1a, '\n'};

	(void)state;
	assert_int_equal(lt_image_detect(jpg, sizeof(jpg)), LT_IMAGE_JPEG);
	assert_int_equal(lt_image_detect(png, sizeof(png)), LT_IMAGE_PNG);
	assert_int_equal(lt_image_detect(png, 7), LT_IMAGE_UNKNOWN);
	assert_int_equal(lt_image_detect("GIF89a", 6), LT_IMAGE_UNKNOWN);
	assert_int_equal(lt_image_detect(NULL, 0), LT_IMAGE_UNKNOWN);
	assert_string_equal(lt_image_format_name(LT_IMAGE_PNG), "png");
}

static void test_png_exact(void **state)
{
	unsigned char rgb[5 * 3 * 3], gray[7 * 2];
	struct mem m;
	lt_image *img;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rgb); i++)
		rgb[i] = (unsigned char)(i * 7);
	for (i = 0; i < sizeof(gray); i++)
		gray[i] = (unsigned char)(255 - i * 11);
	m = make_png(5, 3, 3, rgb);
	assert_int_equal(lt_image_decode(&img, m.data, m.len, "rgb.png", NULL),
			 LT_OK);
	assert_int_equal(img->format, LT_IMAGE_PNG);
	assert_int_equal(img->width, 5);
	assert_int_equal(img->height, 3);
	assert_int_equal(img->channels, 3);
	assert_int_equal(img->orientation, 1);
	assert_memory_equal(img->pixels, rgb, sizeof(rgb));
	lt_image_free(img);
	free(m.data);

	m = make_png(7, 2, 1, gray);
	assert_int_equal(lt_image_decode(&img, m.data, m.len, "g.png", NULL),
			 LT_OK);
	assert_int_equal(img->channels, 1);
	assert_memory_equal(img->pixels, gray, sizeof(gray));
	lt_image_free(img);
	free(m.data);
}

/* A PNG named .jpg is a PNG: the name does not matter. */
static void test_magic_not_extension(void **state)
{
	unsigned char px[4 * 4 * 3] = {0};
	char path[] = "/tmp/lt-image-XXXXXX.jpg";
	struct mem m = make_png(4, 4, 3, px);
	lt_image *img;
	FILE *f;
	int fd;

	(void)state;
	assert_true((fd = mkstemps(path, 4)) >= 0);
	assert_non_null(f = fdopen(fd, "wb"));
	assert_int_equal(fwrite(m.data, 1, m.len, f), m.len);
	fclose(f);
	assert_int_equal(lt_image_load(&img, path, NULL), LT_OK);
	assert_int_equal(img->format, LT_IMAGE_PNG);
	lt_image_free(img);
	unlink(path);
	free(m.data);
	assert_int_equal(lt_image_load(&img, "/nonexistent/x.png", NULL),
			 LT_EIO);
	assert_null(img);
}

static void test_jpeg_and_scale(void **state)
{
	unsigned char *px = halves(400, 300);
	struct mem m = make_jpeg(400, 300, px, 0, 0);
	lt_image_options opt = {0};
	lt_image *img;

	(void)state;
	assert_int_equal(lt_image_decode(&img, m.data, m.len, "a.jpg", NULL),
			 LT_OK);
	assert_int_equal(img->format, LT_IMAGE_JPEG);
	assert_int_equal(img->width, 400);
	assert_int_equal(img->height, 300);
	assert_int_equal(img->channels, 3);
	assert_int_equal(img->scale_denom, 1);
	assert_int_equal(img->orientation, 1);
	assert_true(img->pixels[(150 * 400 + 50) * 3] < 60);
	assert_true(img->pixels[(150 * 400 + 350) * 3] > 190);
	lt_image_free(img);

	/* At least 100 a side: 1/8 gives 50x38, 1/4 gives 100x75, 1/2 fits. */
	opt.min_side = 100;
	assert_int_equal(lt_image_decode(&img, m.data, m.len, "a.jpg", &opt),
			 LT_OK);
	assert_int_equal(img->scale_denom, 2);
	assert_int_equal(img->width, 200);
	assert_int_equal(img->height, 150);
	assert_int_equal(img->file_width, 400);
	assert_int_equal(img->file_height, 300);
	assert_true(img->pixels[(75 * 200 + 25) * 3] < 60);
	assert_true(img->pixels[(75 * 200 + 175) * 3] > 190);
	lt_image_free(img);

	opt.min_side = 30;
	assert_int_equal(lt_image_decode(&img, m.data, m.len, "a.jpg", &opt),
			 LT_OK);
	assert_int_equal(img->scale_denom, 8);
	assert_int_equal(img->width, 50);
	lt_image_free(img);

	/* Luminance only: one channel, the same picture. */
	opt.min_side = 0;
	opt.luminance = 1;
	assert_int_equal(lt_image_decode(&img, m.data, m.len, "a.jpg", &opt),
			 LT_OK);
	assert_int_equal(img->channels, 1);
	assert_true(img->pixels[150 * 400 + 50] < 60);
	assert_true(img->pixels[150 * 400 + 350] > 190);
	lt_image_free(img);
	opt.luminance = 0;

	/* More than the image has: full size. */
	opt.min_side = 1000;
	assert_int_equal(lt_image_decode(&img, m.data, m.len, "a.jpg", &opt),
			 LT_OK);
	assert_int_equal(img->scale_denom, 1);
	lt_image_free(img);
	free(m.data);
	free(px);
}

static void test_exif_orientation(void **state)
{
	unsigned char *px = halves(32, 16);
	int o, little;

	(void)state;
	for (little = 0; little < 2; little++) {
		for (o = 1; o <= 8; o++) {
			struct mem m = make_jpeg(32, 16, px, o, little);
			lt_image_options opt = {0};
			lt_image *img;

			assert_int_equal(lt_image_decode(&img, m.data, m.len,
							 "o.jpg", NULL), LT_OK);
			assert_int_equal(img->orientation, o);
			assert_int_equal(img->width, 32);
			assert_int_equal(img->oriented, 0);
			lt_image_free(img);

			opt.apply_orientation = 1;
			assert_int_equal(lt_image_decode(&img, m.data, m.len,
							 "o.jpg", &opt), LT_OK);
			assert_int_equal(img->width, o >= 5 ? 16 : 32);
			assert_int_equal(img->height, o >= 5 ? 32 : 16);
			if (o == 6) {
				/* Turned clockwise: the dark left half is
				 * now on top. */
				assert_true(img->pixels[(4 * 16 + 8) * 3] < 60);
				assert_true(img->pixels[(28 * 16 + 8) * 3] > 190);
			}
			if (o == 8) {
				assert_true(img->pixels[(4 * 16 + 8) * 3] > 190);
				assert_true(img->pixels[(28 * 16 + 8) * 3] < 60);
			}
			if (o == 2 || o == 3) {
				assert_true(img->pixels[(8 * 32 + 4) * 3] > 190);
			}
			lt_image_free(img);
			free(m.data);
		}
	}
	/* Out-of-range values read as 1. */
	{
		struct mem m = make_jpeg(32, 16, px, 9, 1);
		lt_image *img;

		assert_int_equal(lt_image_decode(&img, m.data, m.len, "o.jpg",
						 NULL), LT_OK);
		assert_int_equal(img->orientation, 1);
		lt_image_free(img);
		free(m.data);
	}
	free(px);
}

/* Every orientation on exact pixels: 3 wide, 2 high, values 1..6. */
static void test_orientation_exact(void **state)
{
	/* Stored:   1 2 3      What each orientation shows, row by row. */
	/*           4 5 6 */
	static const unsigned char want[9][6] = {
		{0}, {1, 2, 3, 4, 5, 6}, {3, 2, 1, 6, 5, 4},
		{6, 5, 4, 3, 2, 1}, {4, 5, 6, 1, 2, 3},
		{1, 4, 2, 5, 3, 6}, {4, 1, 5, 2, 6, 3},
		{6, 3, 5, 2, 4, 1}, {3, 6, 2, 5, 1, 4},
	};
	int o;

	(void)state;
	for (o = 1; o <= 8; o++) {
		lt_image img = {0};
		unsigned char px[6] = {1, 2, 3, 4, 5, 6};

		img.width = 3;
		img.height = 2;
		img.channels = 1;
		img.pixels = malloc(6);
		assert_non_null(img.pixels);
		memcpy(img.pixels, px, 6);
		img.orientation = o;
		assert_int_equal(lt_image_apply_orientation(&img), LT_OK);
		assert_int_equal(img.width, o >= 5 ? 2 : 3);
		assert_memory_equal(img.pixels, want[o], 6);
		/* Applying twice changes nothing more. */
		assert_int_equal(lt_image_apply_orientation(&img), LT_OK);
		assert_memory_equal(img.pixels, want[o], 6);
		free(img.pixels);
	}
}

static void test_truncated(void **state)
{
	unsigned char *px = halves(64, 64);
	struct mem j = make_jpeg(64, 64, px, 0, 0);
	struct mem p = make_png(64, 64, 3, px);
	size_t cut;

	(void)state;
	expect_input_error(j.data, j.len / 2, "truncated");
	expect_input_error(p.data, p.len / 2, "truncated");
	expect_input_error(p.data, p.len - 5, NULL); /* IEND cut */
	expect_input_error(j.data, 3, NULL);
	expect_input_error(p.data, 8, NULL);
	/* Every length of a small file. */
	for (cut = 0; cut < j.len; cut += 7)
		expect_input_error(j.data, cut, NULL);
	for (cut = 0; cut < p.len; cut += 3)
		expect_input_error(p.data, cut, NULL);
	free(j.data);
	free(p.data);
	free(px);
}

static void test_lying_and_huge(void **state)
{
	unsigned char px[16 * 16 * 3] = {0};
	struct mem p = make_png(16, 16, 3, px);
	struct mem j;
	unsigned char *big = halves(16, 16);

	(void)state;
	/* A 16x16 file claiming 9000x9000: could never hold that. */
	png_set_size(&p, 9000, 9000);
	expect_input_error(p.data, p.len, "cannot hold");
	/* Over the side limit. */
	png_set_size(&p, 30000, 10);
	expect_input_error(p.data, p.len, NULL);
	/* Over the pixel limit, each side within limits. */
	png_set_size(&p, 15000, 15000);
	expect_input_error(p.data, p.len, NULL);
	/* Zero size. */
	png_set_size(&p, 0, 16);
	expect_input_error(p.data, p.len, NULL);
	/* Slightly larger than the data: caught while reading. */
	png_set_size(&p, 16, 40);
	expect_input_error(p.data, p.len, NULL);
	free(p.data);

	j = make_jpeg(16, 16, big, 0, 0);
	jpeg_set_size(&j, 30000, 16);
	expect_input_error(j.data, j.len, "limit");
	jpeg_set_size(&j, 16, 0);
	expect_input_error(j.data, j.len, NULL);
	jpeg_set_size(&j, 16000, 16000);
	expect_input_error(j.data, j.len, NULL);
	free(j.data);
	free(big);
}

static void test_not_images(void **state)
{
	static const unsigned char junk[] = {0xff, 0xd8, 0xff, 0x00, 0x12,
					     0x34, 0x56, 0x78, 0x9a};
	static const unsigned char png_junk[] = {0x89, 'P', 'N', 'G', '\r',
						 '\n', 0x1a, '\n', 0, 0, 0,
						 13, 'X', 'X', 'X', 'X'};

	(void)state;
	expect_input_error("", 0, "empty");
	expect_input_error("hello, world\n", 13, "not a JPEG or PNG");
	expect_input_error("GIF89a......", 12, "not a JPEG or PNG");
	expect_input_error(junk, sizeof(junk), "JPEG");
	expect_input_error(png_junk, sizeof(png_junk), "PNG");
}

/* Random damage: decode or fail cleanly, never crash or leak. */
static void test_random_damage(void **state)
{
	unsigned char *px = halves(48, 40);
	struct mem j = make_jpeg(48, 40, px, 6, 1);
	struct mem p = make_png(48, 40, 3, px);
	unsigned char *buf = malloc(j.len > p.len ? j.len : p.len);
	unsigned seed = 12345;
	int round, k, ok = 0, failed = 0;

	(void)state;
	assert_non_null(buf);
	for (round = 0; round < 600; round++) {
		struct mem *m = round & 1 ? &p : &j;
		lt_image *img;
		int rc;

		memcpy(buf, m->data, m->len);
		for (k = 0; k < 1 + round % 8; k++) {
			seed = seed * 1103515245u + 12345u;
			buf[3 + (seed >> 8) % (m->len - 3)] ^=
				(unsigned char)(1 + (seed >> 3) % 255);
		}
		rc = lt_image_decode(&img, buf, m->len, "damaged.img", NULL);
		if (rc == LT_OK) {
			ok++;
			assert_true(img->width > 0 && img->height > 0);
			lt_image_free(img);
		} else {
			failed++;
			assert_int_equal(rc, LT_EINPUT);
			assert_null(img);
		}
	}
	assert_true(ok + failed == 600);
	free(buf);
	free(j.data);
	free(p.data);
	free(px);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_png_exact),
		cmocka_unit_test(test_magic_not_extension),
		cmocka_unit_test(test_jpeg_and_scale),
		cmocka_unit_test(test_exif_orientation),
		cmocka_unit_test(test_orientation_exact),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_lying_and_huge),
		cmocka_unit_test(test_not_images),
		cmocka_unit_test(test_random_damage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
