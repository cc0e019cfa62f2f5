/*
 * photo_internal.h - the steps of photo.c shared with rectify.c and the
 * tests: finding the page and rectifying it.
 */
#ifndef LEAKTRACE_PHOTO_INTERNAL_H
#define LEAKTRACE_PHOTO_INTERNAL_H

#include <leptonica/allheaders.h>

#include "leaktrace/ocr.h"

/* Resolution of a rectified page, in pixels an inch. */
#define LT_PHOTO_DPI 200

/* Longest side of a picture worked on; larger ones are scaled down. */
#define LT_PHOTO_MAX_SIDE 3000

/*
 * Where the page was seen in a picture.  Corners in the order top-left,
 * top-right, bottom-right, bottom-left, in the picture's pixels.
 * `corners` is how many of them are true page corners (not where the
 * page leaves the picture); the perspective is corrected when at least
 * two are.  `cover` is the share of the picture the page covers.
 */
typedef struct lt_photo_page {
	int found;
	int corners;
	int visible[4]; /* 1: a true corner; 0: where the page leaves */
	double x[4], y[4];
	double cover;
} lt_photo_page;

/*
 * The projective map taking (u, v) to
 *   x = (h0 u + h1 v + h2) / (h6 u + h7 v + 1),
 *   y = (h3 u + h4 v + h5) / (h6 u + h7 v + 1)
 * through the four correspondences (u[i], v[i]) -> (x[i], y[i]).
 * 0, or -1 when the points are degenerate.
 */
int lt_photo_homography(double hm[8], const double *u, const double *v,
			const double *x, const double *y);

/* Monotonic seconds. */
double lt_photo_now(void);

/* Look for the page in the 8-bit picture `grey` (never fails: found is 0
 * when no page outline is seen). */
void lt_photo_find_page(lt_photo_page *page, PIX *grey);

/*
 * Rectify the 8-bit picture `grey` into *out, an upright, flattened,
 * deskewed and sharpened 8-bit page at *dpi pixels an inch (an estimate when no page outline was
 * seen).  `name` is for messages.  LT_OK, LT_ENOMEM or LT_EINPUT.
 */
int lt_photo_rectify(PIX **out, int *dpi, PIX *grey, const char *name);

/*
 * An OCR budget with every limit explicit: `pages` may be 0 (no page is
 * read), the others are > 0; "no limit" is a large number.
 */
typedef struct lt_ocr_limits {
	long pages;
	double page_pixels, file_pixels, seconds;
} lt_ocr_limits;

/* The limits a budget (NULL: the defaults) stands for. */
void lt_ocr_budget_limits(lt_ocr_limits *out, const lt_ocr_budget *b);

/* The limits of the context's budget (the defaults when `ocr` is NULL). */
void lt_ocr_context_limits(const lt_ocr *ocr, lt_ocr_limits *out);

/* The limits the next pages read through `ocr` into an extract obey
 * (set by the extractor for the file at hand). */
void lt_ocr_use_limits(lt_ocr *ocr, const lt_ocr_limits *lim);

/* Extract the file at `path` under explicit limits (the scanner's share
 * of its run's budget). */
int lt_extract_file_limited(lt_extract **out, const char *path, lt_ocr *ocr,
			    const lt_ocr_limits *lim);

/* Record the outcome `rc` of a call in the context `ocr` (which may be
 * NULL) and return `rc`. */
int lt_ocr_keep_error(lt_ocr *ocr, int rc);

#endif
