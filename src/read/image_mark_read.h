/*
 * image_mark_read.h - reading the image channel (render/image_mark.h)
 * from a leaked figure: a copy file, a rescaled or recompressed copy, a
 * screenshot, or a phone photo of the figure alone.
 *
 * Flow: find the figure in the leak (its outline, lt_photo_find_page, or
 * the whole frame) -> refine the homography from the original to the
 * leak by block correlation, coarse to fine -> resample the leak onto the
 * original's grid -> match the original's blur, brightness and contrast
 * (a local linear fit) and subtract it -> weight the residual down at
 * edges (where misregistration dominates) -> project it onto each cell's
 * bump -> sum each slot's cells with their keyed signs -> a z-score per
 * slot; slots with |z| below LT_IMARK_Z_READ stay unread.
 *
 * An innocent recipient's symbols are drawn from the key independently of
 * everything here, so how many slots are read and how well never bears on
 * the soundness of the accusation (code.h), only on its power.
 */
#ifndef LT_READ_IMAGE_MARK_READ_H
#define LT_READ_IMAGE_MARK_READ_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/image.h"
#include "leaktrace/pdq.h"
#include "render/image_mark.h"

/* |z| a slot needs to be read. */
#define LT_IMARK_Z_READ 0.75
/* Smallest correlation of the registered leak with the original for the
 * registration to be trusted (below it no slot is read). */
#define LT_IMARK_MIN_FIT 0.6

/* What reading found, for the record and the tests. */
typedef struct lt_imark_reading {
	int aligned;     /* 1 when the leak was registered to the original */
	double fit;      /* correlation of registered leak and original */
	double blur;     /* blur of the original matched, original pixels */
	double scale;    /* leak pixels per original pixel */
	double coverage; /* share of the original seen in the leak */
	size_t read;     /* slots read */
	double hm[8];    /* the homography, original -> leak (continuous
			    pixel coordinates, see lt_photo_homography) */
} lt_imark_reading;

/*
 * Read the image slots of `leak` against `orig` (the original the grid
 * `m` was made for): symbols[k] 0 or 1, or -1 when unread; z[k] (may be
 * NULL) the slot's z-score (positive: symbol 1).  `info` may be NULL.
 * LT_OK (a leak that cannot be registered reads no slot) or LT_ENOMEM.
 */
int lt_imark_read(int16_t *symbols, double *z, lt_imark_reading *info,
		  const lt_imark *m, const lt_image *orig,
		  const lt_image *leak);

/* A region of the original where the leak differs from it (verify): the
 * pixels [x0, x1) x [y0, y1) of the original, and how far (the largest
 * mean weighted residual of its blocks, luminance levels). */
typedef struct lt_imark_region {
	int x0, y0, x1, y1;
	double level;
} lt_imark_region;

/*
 * The regions where `leak`, registered to `orig` as lt_imark_read() found
 * (`rd`: aligned, with its homography), differs from the original far
 * beyond what the marks, JPEG and a photo's noise leave: the leak
 * resampled onto the original's grid, the original's blur and a smooth
 * light (gain and offset bilinear over the figure) fitted, the residual
 * weighted down at the original's edges, averaged over blocks of 1/40 of
 * the long side (8 pixels at least); a block is altered above
 * max(22 levels, 5 x the figure's median block), and touching altered
 * blocks make one region.  *regions (free()) holds *n of them; none when
 * the leak was not registered.  LT_OK or LT_ENOMEM.
 */
int lt_imark_changes(lt_imark_region **regions, size_t *n,
		     const lt_image *orig, const lt_image *leak,
		     const lt_imark_reading *rd);

/*
 * The PDQ hashes a leaked figure is looked up by: the whole picture, and
 * (when a figure's outline is seen in it) the figure straightened.  Fills
 * hashes[0..*n), *n 1 or 2.  LT_OK or LT_ENOMEM.
 */
int lt_imark_figure_hashes(lt_pdq_hash hashes[2], int *n,
			   const lt_image *leak);

#endif
