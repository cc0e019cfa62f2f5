/*
 * image_mark.h - the image channel: an invisible keyed pattern in a
 * figure (a PNG or JPEG original), one binary slot per pattern.
 *
 * The figure is covered by a grid of square cells (about 128 a long
 * side).  Every cell belongs to one image slot and carries a sign, both
 * drawn from the document key (BLAKE2b-derived key, ChaCha20 stream, as
 * the code's symbols are): the cells of a slot are scattered over the
 * whole figure.  A copy adds to the luminance
 *
 *     alpha * sum over cells c of (2 sym[slot(c)] - 1) * sign(c) * phi_c
 *
 * where phi_c is a smooth bump (cos^2 in x and y, a partition of unity)
 * two cells wide: a mid-frequency pattern that survives blur, JPEG,
 * rescaling and the small misregistration of a photo.  alpha is set so
 * that the copy's PSNR against the original is LT_IMARK_PSNR dB.
 *
 * Reading (read/image_mark_read.h) projects the residual of a registered
 * leak onto the same bumps and sums each slot's cells with their signs.
 *
 * Data flow: doc key + original's size --lt_imark_new--> grid; grid +
 * the copy's image symbols --lt_imark_embed--> marked pixels
 * --lt_image_encode--> PNG or JPEG bytes.
 */
#ifndef LT_RENDER_IMAGE_MARK_H
#define LT_RENDER_IMAGE_MARK_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/buf.h"
#include "leaktrace/code.h"
#include "leaktrace/image.h"

/* Smallest figure side that takes image marks, and the most pixels a
 * marked figure may have. */
#define LT_IMARK_MIN_SIDE 64
#define LT_IMARK_MAX_PIXELS 25000000L
/* Most image slots a figure gets, and fewest cells a slot needs. */
#define LT_IMARK_MAX_SLOTS 256
#define LT_IMARK_MIN_CELLS 40
/* Cells along the long side of the figure. */
#define LT_IMARK_CELLS_LONG 128
/* PSNR the mark is embedded at, and the least a copy file may keep
 * against its original once encoded (SPEC: at least 38 dB). */
#define LT_IMARK_PSNR 39.0
#define LT_IMARK_MIN_PSNR 38.2

typedef struct lt_imark {
	int width, height; /* the original's size */
	int cell;          /* cell side, pixels */
	int gw, gh;        /* cells a row, rows of cells */
	size_t nslots;
	uint16_t *slot;    /* gw * gh: each cell's slot */
	int8_t *sign;      /* gw * gh: each cell's sign, +1 or -1 */
} lt_imark;

/* Image slots a width x height figure carries (0 when too small or
 * too large). */
size_t lt_imark_slots_for(int width, int height);

/* The grid of a width x height figure under `doc_key`.  LT_EINPUT when
 * the figure is too small or too large for marks; LT_ENOMEM. */
int lt_imark_new(lt_imark **out, const uint8_t doc_key[LT_KEY_BYTES],
		 int width, int height);
void lt_imark_free(lt_imark *m);

/*
 * Weights of the bumps along one axis: for pixel i of n, the first cell
 * lo[i] and its weight w[i] (cell lo[i] + 1 gets 1 - w[i]).  `lo` and `w`
 * hold n entries.
 */
void lt_imark_axis(const lt_imark *m, int n, int cell, int *lo, float *w);

/*
 * The pattern of `symbols` (nslots of them, 0 or 1; any other value
 * leaves the slot's cells blank) at unit amplitude: width * height floats
 * into `out`.
 */
void lt_imark_pattern(const lt_imark *m, const uint8_t *symbols, float *out);

/*
 * Mark `img` (the decoded original, 1 or 3 channels, of the grid's size)
 * in place with `symbols`: the pattern times the amplitude that keeps
 * the PSNR at `psnr` dB (LT_IMARK_PSNR; higher is fainter), added to
 * every channel (a change of luminance only), rounded and clipped.
 * LT_OK, LT_EUSAGE (wrong size) or LT_ENOMEM.
 */
int lt_imark_embed(lt_image *img, const lt_imark *m, const uint8_t *symbols,
		   double psnr);

/* PSNR in dB of `b` against `a` (same size and channels; INFINITY when
 * equal, NAN when the sizes differ). */
double lt_image_psnr(const lt_image *a, const lt_image *b);

/*
 * Encode `img` as PNG (`format` LT_IMAGE_PNG) or JPEG (LT_IMAGE_JPEG at
 * `quality` 1..100) into `out` (appended).  LT_OK, LT_EUSAGE, LT_ENOMEM
 * or LT_EINTERNAL when the encoder fails.
 */
int lt_image_encode(lt_buf *out, const lt_image *img, lt_image_format format,
		    int quality);

#endif
