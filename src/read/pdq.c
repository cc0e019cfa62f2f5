/*
 * pdq.c - the PDQ perceptual hash (pdq.h): image -> luminance -> 64x64 ->
 * 16x16 DCT -> 256 bits, the quality metric and the eight dihedral hashes.
 *
 * Written from the published description of the algorithm (Meta's
 * "PDQ and TMK+PDQF" paper, 2017) and checked against the reference
 * implementation's output (pdq-photo-hasher) on its own test images and on
 * pictures of document pages:
 *
 *   0. an image more than 512 pixels high or wide is first resampled to
 *      exactly 512 x 512 (aspect ratio not kept) by nearest neighbour:
 *      output pixel (i, j) is input pixel (i * rows / 512, j * cols / 512),
 *      rounded down.  The reference hasher does this (with CImg) before
 *      anything else; skipping it blurs a large image with a wider window
 *      than the reference, which costs little on photos but 14-50 bits on
 *      pages of text, whose energy is in fine detail;
 *   1. luminance Y = 0.299 R + 0.587 G + 0.114 B, as floats;
 *   2. a box filter run along rows then columns, twice (which makes a
 *      tent filter), with a window of ceil(side / 128) pixels - half of
 *      what one output pixel of 64 covers, since two passes double the
 *      reach; near the edges the window shrinks to what is there;
 *   3. the filtered image sampled at the centres of a 64x64 grid;
 *   4. quality: the sum over neighbouring pairs of the 64x64 samples of
 *      |difference| in percent of 255 (truncated to integers), / 90,
 *      capped at 100;
 *   5. the 2D DCT-II of the 64x64 block, keeping frequencies 1..16 in each
 *      direction (the constant term carries brightness, not structure);
 *   6. bit (16 i + j) set when coefficient (i, j) exceeds the median of
 *      the 256 coefficients (the 128th smallest).
 *
 * Rotating or mirroring the image only transposes the DCT block and flips
 * the sign of odd or even frequencies, so the dihedral hashes are made from
 * the same 16x16 block, each with its own median.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/pdq.h"
#include "image_internal.h"

#define PDQ_GRID 64
#define PDQ_DCT 16
#define PDQ_PASSES 2
/* Larger images are first resampled to this many pixels a side. */
#define PDQ_RESAMPLE 512

static const float luma_r = 0.299f;
static const float luma_g = 0.587f;
static const float luma_b = 0.114f;

/* ---------------------------------------------------------------------
 * Bits and hex
 * ------------------------------------------------------------------- */

/*
 * Set bit k (0..255) of a hash.  The reference keeps sixteen 16-bit words,
 * word k/16 holding bit k%16, and prints the words from the sixteenth down
 * to the first as four hex digits each; the bytes here are in print order.
 */
static void set_bit(lt_pdq_hash *h, int k)
{
	int word = k >> 4, bit = k & 15;
	int byte = (15 - word) * 2 + (bit < 8 ? 1 : 0);

	h->bytes[byte] |= (unsigned char)(1u << (bit & 7));
}

void lt_pdq_to_hex(const lt_pdq_hash *hash, char hex[LT_PDQ_HEX_CHARS + 1])
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < LT_PDQ_BYTES; i++) {
		hex[2 * i] = digits[hash->bytes[i] >> 4];
		hex[2 * i + 1] = digits[hash->bytes[i] & 15];
	}
	hex[LT_PDQ_HEX_CHARS] = '\0';
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int lt_pdq_from_hex(lt_pdq_hash *hash, const char *hex)
{
	int i;

	if (!hex || strlen(hex) != LT_PDQ_HEX_CHARS)
		return lt_error_set(LT_EINPUT, "a PDQ hash is %d hex digits",
				    LT_PDQ_HEX_CHARS);
	for (i = 0; i < LT_PDQ_BYTES; i++) {
		int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return lt_error_set(LT_EINPUT, "'%.64s' is not a PDQ "
					    "hash (not hex)", hex);
		hash->bytes[i] = (unsigned char)(hi << 4 | lo);
	}
	return LT_OK;
}

int lt_pdq_distance(const lt_pdq_hash *a, const lt_pdq_hash *b)
{
	int i, d = 0;

	for (i = 0; i < LT_PDQ_BYTES; i += 8) {
		uint64_t x, y;

		memcpy(&x, a->bytes + i, 8);
		memcpy(&y, b->bytes + i, 8);
		d += __builtin_popcountll(x ^ y);
	}
	return d;
}

/* ---------------------------------------------------------------------
 * Downsampling: nearest-neighbour resampling, the two-pass box filter
 * and decimation
 * ------------------------------------------------------------------- */

/*
 * The source index that output index i of `out` takes from `in` samples
 * when resampling by nearest neighbour, the corners aligned: i * in / out
 * rounded down (as CImg's resize, which the reference hasher uses).
 */
static int nearest(int i, int in, int out)
{
	return (int)((int64_t)i * in / out);
}

/* The side lengths an image of rows x cols is hashed at. */
static void hashed_size(int rows, int cols, int *hrows, int *hcols)
{
	if (rows > PDQ_RESAMPLE || cols > PDQ_RESAMPLE) {
		*hrows = PDQ_RESAMPLE;
		*hcols = PDQ_RESAMPLE;
	} else {
		*hrows = rows;
		*hcols = cols;
	}
}

/* The box window for reducing `side` pixels to `out` (two passes). */
static int window_size(int side, int out)
{
	return (side + 2 * out - 1) / (2 * out);
}

/*
 * One box pass along a row of n floats, in -> out.  The window of
 * `full` samples is centred (its larger half ahead of the output sample)
 * and shrinks at both ends to the samples that exist; each output is the
 * window's mean.
 */
static void box_row(const float *in, float *out, int n, int full)
{
	int half = (full + 2) / 2;
	int lead = half - 1, grow = full - half + 1, slide = n - full;
	int li = 0, ri = 0, oi = 0, size = 0, i;
	float sum = 0.0f;

	for (i = 0; i < lead; i++) {
		sum += in[ri++];
		size++;
	}
	for (i = 0; i < grow; i++) {
		sum += in[ri++];
		size++;
		out[oi++] = sum / size;
	}
	for (i = 0; i < slide; i++) {
		sum += in[ri++];
		sum -= in[li++];
		out[oi++] = sum / size;
	}
	for (i = 0; i < lead; i++) {
		sum -= in[li++];
		size--;
		out[oi++] = sum / size;
	}
}

/*
 * The same pass down every column of a rows x cols image at once: the
 * running sums of all columns move together, one row at a time, which
 * reads memory in order.  `sums` has room for cols floats.
 */
static void box_cols(const float *in, float *out, int rows, int cols,
		     int full, float *sums)
{
	int half = (full + 2) / 2;
	int lead = half - 1, grow = full - half + 1, slide = rows - full;
	int li = 0, ri = 0, oi = 0, size = 0, i, j;

	for (j = 0; j < cols; j++)
		sums[j] = 0.0f;
	for (i = 0; i < lead; i++, ri++) {
		const float *r = in + (size_t)ri * cols;

		for (j = 0; j < cols; j++)
			sums[j] += r[j];
		size++;
	}
	for (i = 0; i < grow; i++, ri++, oi++) {
		const float *r = in + (size_t)ri * cols;
		float *o = out + (size_t)oi * cols;

		size++;
		for (j = 0; j < cols; j++) {
			sums[j] += r[j];
			o[j] = sums[j] / size;
		}
	}
	for (i = 0; i < slide; i++, ri++, li++, oi++) {
		const float *r = in + (size_t)ri * cols;
		const float *l = in + (size_t)li * cols;
		float *o = out + (size_t)oi * cols;

		for (j = 0; j < cols; j++) {
			sums[j] += r[j];
			sums[j] -= l[j];
			o[j] = sums[j] / size;
		}
	}
	for (i = 0; i < lead; i++, li++, oi++) {
		const float *l = in + (size_t)li * cols;
		float *o = out + (size_t)oi * cols;

		size--;
		for (j = 0; j < cols; j++) {
			sums[j] -= l[j];
			o[j] = sums[j] / size;
		}
	}
}

/*
 * box_row over ROW_BLOCK rows at once (rows at a stride of `cols` floats
 * in `in` and `out`).  Each row goes through exactly box_row's operations
 * in box_row's order, so the results are the same to the bit; side by
 * side, the rows' running sums - each a chain of dependent additions -
 * overlap in the processor instead of waiting for one another.
 */
#define ROW_BLOCK 8

static void box_row_block(const float *in, float *out, int cols, int full)
{
	int half = (full + 2) / 2;
	int lead = half - 1, grow = full - half + 1, slide = cols - full;
	int li = 0, ri = 0, oi = 0, size = 0, i, k;
	float sum[ROW_BLOCK] = {0};

	for (i = 0; i < lead; i++, ri++) {
		for (k = 0; k < ROW_BLOCK; k++)
			sum[k] += in[(size_t)k * cols + ri];
		size++;
	}
	for (i = 0; i < grow; i++, ri++, oi++) {
		size++;
		for (k = 0; k < ROW_BLOCK; k++) {
			sum[k] += in[(size_t)k * cols + ri];
			out[(size_t)k * cols + oi] = sum[k] / size;
		}
	}
	for (i = 0; i < slide; i++, ri++, li++, oi++) {
		for (k = 0; k < ROW_BLOCK; k++) {
			sum[k] += in[(size_t)k * cols + ri];
			sum[k] -= in[(size_t)k * cols + li];
			out[(size_t)k * cols + oi] = sum[k] / size;
		}
	}
	for (i = 0; i < lead; i++, li++, oi++) {
		size--;
		for (k = 0; k < ROW_BLOCK; k++) {
			sum[k] -= in[(size_t)k * cols + li];
			out[(size_t)k * cols + oi] = sum[k] / size;
		}
	}
}

/* One box pass along every row of a rows x cols image, in -> out. */
static void box_rows(const float *in, float *out, int rows, int cols,
		     int full)
{
	int i = 0;

	for (; i + ROW_BLOCK <= rows; i += ROW_BLOCK)
		box_row_block(in + (size_t)i * cols, out + (size_t)i * cols,
			      cols, full);
	for (; i < rows; i++)
		box_row(in + (size_t)i * cols, out + (size_t)i * cols, cols,
			full);
}

/* Floats of scratch downsample() needs for a rows x cols image. */
static size_t scratch_floats(int rows, int cols)
{
	return (size_t)rows * cols + (size_t)(cols > PDQ_GRID ? cols : PDQ_GRID)
	       + (size_t)2 * rows * PDQ_GRID;
}

/*
 * Blur `a` (rows x cols) with PDQ_PASSES row+column box passes, using
 * `scratch` (scratch_floats() floats; `a` is overwritten), and sample the
 * centres of a 64x64 grid into `grid`.  Only 64 columns of the last
 * column pass are ever sampled, so that pass runs down those 64 alone
 * (gathered side by side): each column's running sum is independent of
 * the others', so the samples are the same to the bit.
 */
static void downsample(float *a, float *scratch, int rows, int cols,
		       float grid[PDQ_GRID][PDQ_GRID])
{
	int wr = window_size(cols, PDQ_GRID), wc = window_size(rows, PDQ_GRID);
	float *b = scratch, *sums = b + (size_t)rows * cols;
	float *picked = sums + (cols > PDQ_GRID ? cols : PDQ_GRID);
	float *blurred = picked + (size_t)rows * PDQ_GRID;
	int sj[PDQ_GRID], pass, i, j;

	for (j = 0; j < PDQ_GRID; j++)
		sj[j] = (int)(((j + 0.5) * cols) / PDQ_GRID);
	for (pass = 0; pass + 1 < PDQ_PASSES; pass++) {
		box_rows(a, b, rows, cols, wr);
		box_cols(b, a, rows, cols, wc, sums);
	}
	box_rows(a, b, rows, cols, wr);
	for (i = 0; i < rows; i++) {
		const float *r = b + (size_t)i * cols;
		float *o = picked + (size_t)i * PDQ_GRID;

		for (j = 0; j < PDQ_GRID; j++)
			o[j] = r[sj[j]];
	}
	box_cols(picked, blurred, rows, PDQ_GRID, wc, sums);
	for (i = 0; i < PDQ_GRID; i++) {
		int si = (int)(((i + 0.5) * rows) / PDQ_GRID);

		memcpy(grid[i], blurred + (size_t)si * PDQ_GRID,
		       sizeof(grid[i]));
	}
}

/* ---------------------------------------------------------------------
 * Quality, DCT, bits
 * ------------------------------------------------------------------- */

static int quality_of(float g[PDQ_GRID][PDQ_GRID])
{
	int sum = 0, i, j, q;

	for (i = 0; i + 1 < PDQ_GRID; i++) {
		for (j = 0; j < PDQ_GRID; j++) {
			int d = (int)(((g[i][j] - g[i + 1][j]) * 100) / 255);

			sum += abs(d);
		}
	}
	for (i = 0; i < PDQ_GRID; i++) {
		for (j = 0; j + 1 < PDQ_GRID; j++) {
			int d = (int)(((g[i][j] - g[i][j + 1]) * 100) / 255);

			sum += abs(d);
		}
	}
	q = sum / 90;
	return q > 100 ? 100 : q;
}

/*
 * The DCT-II basis rows for frequencies 1..16 over 64 samples, scaled by
 * sqrt(2/64) (the scale rounded to float first, as the reference does),
 * filled once for every thread.
 */
static float dct_table[PDQ_DCT][PDQ_GRID];
static pthread_once_t dct_once = PTHREAD_ONCE_INIT;

static void dct_table_init(void)
{
	const float scale = (float)sqrt(2.0 / PDQ_GRID);
	int i, j;

	for (i = 0; i < PDQ_DCT; i++)
		for (j = 0; j < PDQ_GRID; j++)
			dct_table[i][j] = (float)(scale *
				cos((3.14159265358979323846 / 2.0 / PDQ_GRID) *
				    (i + 1) * (2 * j + 1)));
}

static const float *dct_matrix(void)
{
	pthread_once(&dct_once, dct_table_init);
	return &dct_table[0][0];
}

/* out = D g D^T for the 16 x 64 basis D. */
static void dct_16(float g[PDQ_GRID][PDQ_GRID], float out[PDQ_DCT][PDQ_DCT])
{
	const float *d = dct_matrix();
	float t[PDQ_DCT][PDQ_GRID];
	int i, j, k;

	for (i = 0; i < PDQ_DCT; i++) {
		for (j = 0; j < PDQ_GRID; j++) {
			float s = 0.0f;

			for (k = 0; k < PDQ_GRID; k++)
				s += d[i * PDQ_GRID + k] * g[k][j];
			t[i][j] = s;
		}
	}
	for (i = 0; i < PDQ_DCT; i++) {
		for (j = 0; j < PDQ_DCT; j++) {
			float s = 0.0f;

			for (k = 0; k < PDQ_GRID; k++)
				s += t[i][k] * d[j * PDQ_GRID + k];
			out[i][j] = s;
		}
	}
}

static int float_cmp(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;

	return (x > y) - (x < y);
}

/* One bit a coefficient: above the median (the 128th smallest) or not. */
static void to_bits(float c[PDQ_DCT][PDQ_DCT], lt_pdq_hash *h)
{
	float sorted[PDQ_DCT * PDQ_DCT], median;
	int i, j;

	memcpy(sorted, c, sizeof(sorted));
	qsort(sorted, PDQ_DCT * PDQ_DCT, sizeof(float), float_cmp);
	median = sorted[(PDQ_DCT * PDQ_DCT + 1) / 2 - 1];
	memset(h, 0, sizeof(*h));
	for (i = 0; i < PDQ_DCT; i++)
		for (j = 0; j < PDQ_DCT; j++)
			if (c[i][j] > median)
				set_bit(h, i * PDQ_DCT + j);
}

/*
 * The DCT block of the image under dihedral transform t.  Mirroring
 * across an axis multiplies frequency f along it by (-1)^f (f = index+1:
 * even indices change sign); a quarter turn also swaps the axes.
 */
static void dihedral(float c[PDQ_DCT][PDQ_DCT], int t,
		     float out[PDQ_DCT][PDQ_DCT])
{
	int i, j;

	for (i = 0; i < PDQ_DCT; i++) {
		for (j = 0; j < PDQ_DCT; j++) {
			int neg = 0, transpose = 0;

			switch (t) {
			case LT_PDQ_ROTATE90:
				transpose = 1;
				neg = !(j & 1);
				break;
			case LT_PDQ_ROTATE180:
				neg = (i + j) & 1;
				break;
			case LT_PDQ_ROTATE270:
				transpose = 1;
				neg = !(i & 1);
				break;
			case LT_PDQ_FLIPX:
				neg = !(i & 1);
				break;
			case LT_PDQ_FLIPY:
				neg = !(j & 1);
				break;
			case LT_PDQ_FLIP_PLUS1:
				transpose = 1;
				break;
			case LT_PDQ_FLIP_MINUS1:
				transpose = 1;
				neg = (i + j) & 1;
				break;
			default:
				break;
			}
			if (transpose)
				out[j][i] = neg ? -c[i][j] : c[i][j];
			else
				out[i][j] = neg ? -c[i][j] : c[i][j];
		}
	}
}

/* ---------------------------------------------------------------------
 * Entry points
 * ------------------------------------------------------------------- */

/*
 * Hash an image already at its hashed size (hashed_size()): `a` holds its
 * rows x cols luminance and is overwritten, `b` has room for
 * scratch_floats(rows, cols) floats.
 */
static void hash_prepared(lt_pdq_hash *hashes, int count, int *quality,
			  float *a, float *b, int rows, int cols)
{
	float grid[PDQ_GRID][PDQ_GRID];
	float coef[PDQ_DCT][PDQ_DCT], turned[PDQ_DCT][PDQ_DCT];
	int t;

	if (rows == PDQ_GRID && cols == PDQ_GRID)
		memcpy(grid, a, sizeof(grid));
	else
		downsample(a, b, rows, cols, grid);
	*quality = quality_of(grid);
	dct_16(grid, coef);
	to_bits(coef, &hashes[0]);
	for (t = 1; t < count; t++) {
		dihedral(coef, t, turned);
		to_bits(turned, &hashes[t]);
	}
}

/*
 * Check the arguments common to the entry points and clear the outputs.
 * LT_OK to go on (*hash_it 0 for an image too small to hash), or
 * LT_EUSAGE.
 */
static int begin(lt_pdq_hash *hashes, int count, int *quality, int rows,
		 int cols, int *hash_it)
{
	if (count != 1 && count != LT_PDQ_DIHEDRAL)
		return lt_error_set(LT_EUSAGE, "PDQ: %d hashes asked for "
				    "(1 or 8)", count);
	memset(hashes, 0, sizeof(*hashes) * (size_t)count);
	*quality = 0;
	*hash_it = rows >= LT_PDQ_MIN_SIDE && cols >= LT_PDQ_MIN_SIDE;
	return LT_OK;
}

/* Floats for the luminance and the scratch of an image hashed at r x c. */
static size_t work_floats(int r, int c)
{
	return (size_t)r * c + scratch_floats(r, c);
}

static float *work_buffer(int r, int c)
{
	return malloc(work_floats(r, c) * sizeof(float));
}

int lt_pdq_hash_luma(lt_pdq_hash *hashes, int count, int *quality,
		     float *luma, int rows, int cols)
{
	int r, c, i, j, rc, go = 0;
	float *w;

	if ((rc = begin(hashes, count, quality, rows, cols, &go)) || !go)
		return rc;
	hashed_size(rows, cols, &r, &c);
	if (r == rows && c == cols) {
		/* The caller's buffer is the luminance; only scratch. */
		if (!(w = malloc(scratch_floats(rows, cols) * sizeof(float))))
			goto nomem;
		hash_prepared(hashes, count, quality, luma, w, rows, cols);
		free(w);
		return LT_OK;
	}
	if (!(w = work_buffer(r, c)))
		goto nomem;
	for (i = 0; i < r; i++) {
		const float *src = luma + (size_t)nearest(i, rows, r) * cols;

		for (j = 0; j < c; j++)
			w[(size_t)i * c + j] = src[nearest(j, cols, c)];
	}
	hash_prepared(hashes, count, quality, w, w + (size_t)r * c, r, c);
	free(w);
	return LT_OK;
nomem:
	free(w);
	return lt_error_set(LT_ENOMEM, "out of memory hashing a %dx%d image",
			    cols, rows);
}

int lt_pdq_hash_image(lt_pdq_hash *hashes, int count, int *quality,
		      const lt_image *img)
{
	int rows = img->height, cols = img->width, ch = img->channels;
	int r, c, i, j, rc, go = 0, *xs;
	float *w;

	if ((rc = begin(hashes, count, quality, rows, cols, &go)) || !go)
		return rc;
	hashed_size(rows, cols, &r, &c);
	w = work_buffer(r, c);
	xs = malloc((size_t)c * sizeof(*xs));
	if (!w || !xs) {
		free(w);
		free(xs);
		return lt_error_set(LT_ENOMEM, "out of memory hashing a %dx%d "
				    "image", cols, rows);
	}
	for (j = 0; j < c; j++)
		xs[j] = nearest(j, cols, c) * ch;
	for (i = 0; i < r; i++) {
		const unsigned char *p = img->pixels +
			(size_t)nearest(i, rows, r) * cols * ch;
		float *o = w + (size_t)i * c;

		if (ch == 1) {
			for (j = 0; j < c; j++)
				o[j] = (float)p[xs[j]];
		} else {
			for (j = 0; j < c; j++) {
				const unsigned char *q = p + xs[j];

				o[j] = luma_r * q[0] + luma_g * q[1] +
				       luma_b * q[2];
			}
		}
	}
	hash_prepared(hashes, count, quality, w, w + (size_t)r * c, r, c);
	free(xs);
	free(w);
	return LT_OK;
}

/*
 * Hashing a file as it is decoded: each row that the resampling picks is
 * turned into luminance as it arrives, and the rest are dropped, so the
 * decoded image is never held whole.  A hasher keeps its buffers, and its
 * image reader's, from one file to the next.
 */
struct lt_pdq_hasher {
	lt_image_reader *reader;
	float *w;                  /* work_buffer(r, c) */
	size_t w_cap;              /* floats in w */
	int *xs;                   /* byte offset in a row of each column */
	size_t xs_cap;             /* ints in xs */
	/* The image being hashed. */
	int rows, cols, channels;  /* as decoded */
	int r, c;                  /* hashed size */
	int next;                  /* the next hashed row to fill */
};

int lt_pdq_hasher_new(lt_pdq_hasher **out)
{
	lt_pdq_hasher *h = calloc(1, sizeof(*h));

	*out = NULL;
	if (!h || lt_image_reader_new(&h->reader)) {
		free(h);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	*out = h;
	return LT_OK;
}

void lt_pdq_hasher_free(lt_pdq_hasher *h)
{
	if (!h)
		return;
	lt_image_reader_free(h->reader);
	free(h->w);
	free(h->xs);
	free(h);
}

static int sampler_size(void *ctx, int width, int height, int channels)
{
	lt_pdq_hasher *s = ctx;
	size_t need;
	int j;

	s->rows = height;
	s->cols = width;
	s->channels = channels;
	s->next = 0;
	hashed_size(height, width, &s->r, &s->c);
	need = work_floats(s->r, s->c);
	if (need > s->w_cap) {
		free(s->w);
		s->w_cap = 0;
		if (!(s->w = malloc(need * sizeof(float))))
			goto nomem;
		s->w_cap = need;
	}
	if ((size_t)s->c > s->xs_cap) {
		free(s->xs);
		s->xs_cap = 0;
		if (!(s->xs = malloc((size_t)s->c * sizeof(*s->xs))))
			goto nomem;
		s->xs_cap = (size_t)s->c;
	}
	for (j = 0; j < s->c; j++)
		s->xs[j] = nearest(j, width, s->c) * channels;
	return LT_OK;
nomem:
	return lt_error_set(LT_ENOMEM, "out of memory hashing a %dx%d image",
			    width, height);
}

static int sampler_row(void *ctx, int y, const unsigned char *p)
{
	lt_pdq_hasher *s = ctx;
	int j;

	/* Upsampling repeats a row; downsampling skips some. */
	for (; s->next < s->r && nearest(s->next, s->rows, s->r) == y;
	     s->next++) {
		float *o = s->w + (size_t)s->next * s->c;

		if (s->channels == 1) {
			for (j = 0; j < s->c; j++)
				o[j] = (float)p[s->xs[j]];
		} else {
			for (j = 0; j < s->c; j++) {
				const unsigned char *q = p + s->xs[j];

				o[j] = luma_r * q[0] + luma_g * q[1] +
				       luma_b * q[2];
			}
		}
	}
	return LT_OK;
}

int lt_pdq_hasher_file(lt_pdq_hasher *h, lt_pdq_hash *hashes, int count,
		       int *quality, const char *path, int flags)
{
	lt_image_options opt = {0};
	lt_image_rows sink;
	int rc, go;

	if ((rc = begin(hashes, count, quality, 0, 0, &go)))
		return rc;
	opt.luminance = (flags & LT_PDQ_FAST) != 0;
	opt.apply_orientation = (flags & LT_PDQ_ORIENT) != 0;
	sink.size = sampler_size;
	sink.row = sampler_row;
	sink.ctx = h;
	h->rows = h->cols = 0;
	rc = lt_image_reader_stream_file(h->reader, path, &opt, &sink);
	if (rc == LT_OK && h->rows >= LT_PDQ_MIN_SIDE &&
	    h->cols >= LT_PDQ_MIN_SIDE)
		hash_prepared(hashes, count, quality, h->w,
			      h->w + (size_t)h->r * h->c, h->r, h->c);
	return rc;
}

int lt_pdq_hash_file(lt_pdq_hash *hash, int *quality, const char *path,
		     int flags)
{
	lt_pdq_hasher *h;
	int rc;

	memset(hash, 0, sizeof(*hash));
	*quality = 0;
	if ((rc = lt_pdq_hasher_new(&h)))
		return rc;
	rc = lt_pdq_hasher_file(h, hash, 1, quality, path, flags);
	lt_pdq_hasher_free(h);
	return rc;
}
