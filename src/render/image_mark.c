/*
 * image_mark.c - the image channel's grid, its embedding into a figure
 * and the encoding of marked copies as PNG or JPEG (image_mark.h).
 *
 * The grid is drawn from the document key: a keyed permutation of the
 * cells deals them out to the slots in turn (so each slot's cells lie all
 * over the figure), and a keyed bit gives each cell its sign.
 */
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>
#include <sodium.h>

#include "leaktrace/error.h"
#include "render/image_mark.h"

static const char imark_domain[] = "leaktrace image marks v1";

size_t lt_imark_slots_for(int width, int height)
{
	int cell, gw, gh;
	size_t cells, k;

	if (width < LT_IMARK_MIN_SIDE || height < LT_IMARK_MIN_SIDE ||
	    (long)width * height > LT_IMARK_MAX_PIXELS)
		return 0;
	cell = (int)lround((double)(width > height ? width : height) /
			   LT_IMARK_CELLS_LONG);
	if (cell < 4)
		cell = 4;
	gw = (width - 1) / cell + 2;
	gh = (height - 1) / cell + 2;
	cells = (size_t)gw * gh;
	k = cells / LT_IMARK_MIN_CELLS;
	return k > LT_IMARK_MAX_SLOTS ? LT_IMARK_MAX_SLOTS : k;
}

void lt_imark_free(lt_imark *m)
{
	if (!m)
		return;
	free(m->slot);
	free(m->sign);
	free(m);
}

/* 32 random bits at position i of the keyed stream (blocks of 64 bytes). */
static uint32_t stream_word(const uint8_t key[32], uint64_t i, uint8_t *block,
			    uint64_t *have)
{
	static const uint8_t nonce[crypto_stream_chacha20_NONCEBYTES];
	uint64_t b = i / 16;

	if (*have != b + 1) {
		memset(block, 0, 64);
		crypto_stream_chacha20_xor_ic(block, block, 64, nonce, b, key);
		*have = b + 1;
	}
	block += 4 * (i % 16);
	return (uint32_t)block[0] | (uint32_t)block[1] << 8 |
	       (uint32_t)block[2] << 16 | (uint32_t)block[3] << 24;
}

int lt_imark_new(lt_imark **out, const uint8_t doc_key[LT_KEY_BYTES],
		 int width, int height)
{
	uint8_t key[32], block[64];
	uint64_t have = 0, pos = 0;
	uint32_t *perm = NULL;
	size_t n, i, k = lt_imark_slots_for(width, height);
	lt_imark *m;

	*out = NULL;
	if (k == 0)
		return lt_error_set(LT_EINPUT, "a %dx%d figure cannot take image "
				    "marks (%d to %ld pixels, at least %d a "
				    "side)", width, height,
				    LT_IMARK_MIN_SIDE * LT_IMARK_MIN_SIDE,
				    LT_IMARK_MAX_PIXELS, LT_IMARK_MIN_SIDE);
	if (sodium_init() < 0)
		return lt_error_set(LT_EINTERNAL, "libsodium failed to start");
	if (!(m = calloc(1, sizeof(*m))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	m->width = width;
	m->height = height;
	m->cell = (int)lround((double)(width > height ? width : height) /
			      LT_IMARK_CELLS_LONG);
	if (m->cell < 4)
		m->cell = 4;
	m->gw = (width - 1) / m->cell + 2;
	m->gh = (height - 1) / m->cell + 2;
	m->nslots = k;
	n = (size_t)m->gw * m->gh;
	m->slot = malloc(n * sizeof(*m->slot));
	m->sign = malloc(n);
	perm = malloc(n * sizeof(*perm));
	if (!m->slot || !m->sign || !perm) {
		free(perm);
		lt_imark_free(m);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	crypto_generichash(key, sizeof(key), (const uint8_t *)imark_domain,
			   sizeof(imark_domain) - 1, doc_key, LT_KEY_BYTES);
	/* A keyed Fisher-Yates shuffle deals the cells to the slots. */
	for (i = 0; i < n; i++)
		perm[i] = (uint32_t)i;
	for (i = n - 1; i > 0; i--) {
		uint64_t r = stream_word(key, pos++, block, &have);
		size_t j = (size_t)((r * (uint64_t)(i + 1)) >> 32);
		uint32_t t = perm[i];

		perm[i] = perm[j];
		perm[j] = t;
	}
	for (i = 0; i < n; i++)
		m->slot[perm[i]] = (uint16_t)(i % k);
	for (i = 0; i < n; i++)
		m->sign[i] = (stream_word(key, pos++, block, &have) & 1) ? 1 : -1;
	sodium_memzero(key, sizeof(key));
	sodium_memzero(block, sizeof(block));
	free(perm);
	*out = m;
	return LT_OK;
}

void lt_imark_axis(const lt_imark *m, int n, int cell, int *lo, float *w)
{
	int i;

	(void)m;
	for (i = 0; i < n; i++) {
		double t = (double)i / cell;
		int c = (int)t;
		double f = t - c, s = cos(M_PI / 2 * f);

		lo[i] = c;
		w[i] = (float)(s * s);
	}
}

void lt_imark_pattern(const lt_imark *m, const uint8_t *symbols, float *out)
{
	int *lx = malloc(sizeof(int) * (m->width + m->height));
	float *wx = malloc(sizeof(float) * (m->width + m->height));
	float *cellv = malloc(sizeof(float) * (size_t)m->gw * m->gh);
	int x, y;
	size_t c;

	if (!lx || !wx || !cellv) {
		/* callers check their own allocations; no pattern is no mark */
		memset(out, 0, sizeof(float) * (size_t)m->width * m->height);
		goto out;
	}
	for (c = 0; c < (size_t)m->gw * m->gh; c++) {
		uint8_t s = symbols[m->slot[c]];

		cellv[c] = s > 1 ? 0.0f : (float)((2 * s - 1) * m->sign[c]);
	}
	lt_imark_axis(m, m->width, m->cell, lx, wx);
	lt_imark_axis(m, m->height, m->cell, lx + m->width, wx + m->width);
	for (y = 0; y < m->height; y++) {
		int cy = lx[m->width + y];
		float wy = wx[m->width + y];
		const float *r0 = cellv + (size_t)cy * m->gw;
		const float *r1 = r0 + m->gw;
		float *o = out + (size_t)y * m->width;

		for (x = 0; x < m->width; x++) {
			int cx = lx[x];
			float w = wx[x];
			float top = w * r0[cx] + (1 - w) * r0[cx + 1];
			float bot = w * r1[cx] + (1 - w) * r1[cx + 1];

			o[x] = wy * top + (1 - wy) * bot;
		}
	}
out:
	free(lx);
	free(wx);
	free(cellv);
}

int lt_imark_embed(lt_image *img, const lt_imark *m, const uint8_t *symbols,
		   double psnr)
{
	size_t n = (size_t)m->width * m->height, i;
	double sum = 0, alpha, target;
	float *p;
	int ch;

	if (img->width != m->width || img->height != m->height ||
	    (img->channels != 1 && img->channels != 3))
		return lt_error_set(LT_EUSAGE, "image marks: a %dx%d image for a "
				    "%dx%d grid", img->width, img->height,
				    m->width, m->height);
	if (!(p = malloc(n * sizeof(*p))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	lt_imark_pattern(m, symbols, p);
	for (i = 0; i < n; i++)
		sum += (double)p[i] * p[i];
	/* Mean square error 255^2 / 10^(PSNR/10), less what rounding adds
	 * (1/12); clipping only lowers it. */
	target = 255.0 * 255.0 / pow(10, psnr / 10) - 1.0 / 12;
	alpha = sum > 0 && target > 0 ? sqrt(target / (sum / n)) : 0;
	for (i = 0; i < n; i++) {
		double d = alpha * p[i];

		for (ch = 0; ch < img->channels; ch++) {
			unsigned char *px = img->pixels + i * img->channels + ch;
			long v = lround(*px + d);

			*px = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
		}
	}
	free(p);
	return LT_OK;
}

double lt_image_psnr(const lt_image *a, const lt_image *b)
{
	size_t n, i;
	double se = 0;

	if (a->width != b->width || a->height != b->height ||
	    a->channels != b->channels)
		return NAN;
	n = (size_t)a->width * a->height * a->channels;
	for (i = 0; i < n; i++) {
		double d = (double)a->pixels[i] - b->pixels[i];

		se += d * d;
	}
	if (se == 0)
		return INFINITY;
	return 10 * log10(255.0 * 255.0 / (se / n));
}

/* ---------------------------------------------------------------------
 * Encoding
 * ------------------------------------------------------------------- */

typedef struct png_out {
	lt_buf *buf;
	int failed;
} png_out;

static void png_write_bytes(png_structp p, png_bytep data, png_size_t n)
{
	png_out *o = png_get_io_ptr(p);

	if (!o->failed && lt_buf_append(o->buf, data, n))
		o->failed = 1;
}

static void png_flush_none(png_structp p)
{
	(void)p;
}

static void png_on_error(png_structp p, png_const_charp msg)
{
	(void)msg;
	png_longjmp(p, 1);
}

static void png_on_warning(png_structp p, png_const_charp msg)
{
	(void)p;
	(void)msg;
}

static int encode_png(lt_buf *out, const lt_image *img)
{
	png_structp p;
	png_infop info = NULL;
	png_out o = {out, 0};
	int y;

	p = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_on_error,
				    png_on_warning);
	if (!p || !(info = png_create_info_struct(p))) {
		png_destroy_write_struct(&p, NULL);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	if (setjmp(png_jmpbuf(p))) {
		png_destroy_write_struct(&p, &info);
		return lt_error_set(LT_EINTERNAL, "the PNG encoder failed");
	}
	png_set_write_fn(p, &o, png_write_bytes, png_flush_none);
	png_set_IHDR(p, info, (png_uint_32)img->width, (png_uint_32)img->height,
		     8, img->channels == 1 ? PNG_COLOR_TYPE_GRAY
					   : PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
		     PNG_FILTER_TYPE_DEFAULT);
	png_set_compression_level(p, 6);
	png_write_info(p, info);
	for (y = 0; y < img->height; y++)
		png_write_row(p, img->pixels +
				 (size_t)y * img->width * img->channels);
	png_write_end(p, info);
	png_destroy_write_struct(&p, &info);
	if (o.failed)
		return lt_error_set(LT_ENOMEM, "out of memory");
	return LT_OK;
}

typedef struct jpeg_err {
	struct jpeg_error_mgr pub;
	jmp_buf jump;
} jpeg_err;

static void jpeg_on_error(j_common_ptr c)
{
	jpeg_err *e = (jpeg_err *)c->err;

	longjmp(e->jump, 1);
}

static void jpeg_on_message(j_common_ptr c, int level)
{
	(void)c;
	(void)level;
}

static int encode_jpeg(lt_buf *out, const lt_image *img, int quality)
{
	struct jpeg_compress_struct ci;
	jpeg_err e;
	unsigned char *mem = NULL;
	unsigned long len = 0;
	int rc;

	memset(&ci, 0, sizeof(ci));
	ci.err = jpeg_std_error(&e.pub);
	e.pub.error_exit = jpeg_on_error;
	e.pub.emit_message = jpeg_on_message;
	if (setjmp(e.jump)) {
		jpeg_destroy_compress(&ci);
		free(mem);
		return lt_error_set(LT_EINTERNAL, "the JPEG encoder failed");
	}
	jpeg_create_compress(&ci);
	jpeg_mem_dest(&ci, &mem, &len);
	ci.image_width = (JDIMENSION)img->width;
	ci.image_height = (JDIMENSION)img->height;
	ci.input_components = img->channels;
	ci.in_color_space = img->channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
	jpeg_set_defaults(&ci);
	jpeg_set_quality(&ci, quality, TRUE);
	jpeg_start_compress(&ci, TRUE);
	while (ci.next_scanline < ci.image_height) {
		JSAMPROW row = img->pixels + (size_t)ci.next_scanline *
						     img->width * img->channels;

		jpeg_write_scanlines(&ci, &row, 1);
	}
	jpeg_finish_compress(&ci);
	jpeg_destroy_compress(&ci);
	rc = lt_buf_append(out, mem, len);
	free(mem);
	return rc;
}

int lt_image_encode(lt_buf *out, const lt_image *img, lt_image_format format,
		    int quality)
{
	if (img->width < 1 || img->height < 1 ||
	    (img->channels != 1 && img->channels != 3))
		return lt_error_set(LT_EUSAGE, "cannot encode a %dx%d image of %d "
				    "channels", img->width, img->height,
				    img->channels);
	if (format == LT_IMAGE_PNG)
		return encode_png(out, img);
	if (format == LT_IMAGE_JPEG) {
		if (quality < 1 || quality > 100)
			return lt_error_set(LT_EUSAGE, "JPEG quality %d (1..100)",
					    quality);
		return encode_jpeg(out, img, quality);
	}
	return lt_error_set(LT_EUSAGE, "unknown image format");
}
