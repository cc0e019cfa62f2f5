/*
 * pdf_picture.h - reading the layout marks of an own-look PDF copy from a
 * picture of its pages (pdf_picture.c), and the helpers that reader shares
 * with the reader of copy files (pdf_marks.c); for those two files and
 * their unit tests.
 */
#ifndef LT_READ_PDF_PICTURE_H
#define LT_READ_PDF_PICTURE_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/render.h"
#include "render/pdfcopy_internal.h"

/* An affine map from a picture's pixels (x, y) to page points:
 * u = a x + b y + c, v = d x + e y + f. */
typedef struct lt_pdf_affine {
	double a, b, c, d, e, f;
} lt_pdf_affine;

/*
 * Fit the affine map taking (x[i], y[i]) to (u[i], v[i]), i < n, by least
 * squares with outliers rejected: fitted again on the points whose
 * distance to the map is under three robust standard deviations (at
 * least `floor`, in the units of u and v), until the set stops changing.
 * inlier[i] (may be NULL) is set to 1 for the points kept; *kept (may be
 * NULL) receives their number and *rms (may be NULL) their root mean
 * square distance.  LT_OK; 1 when fewer than three points are kept or
 * they are all on one line (no map); LT_ENOMEM.
 */
int lt_pdf_affine_fit(lt_pdf_affine *m, uint8_t *inlier, size_t *kept,
		      double *rms, const double *x, const double *y,
		      const double *u, const double *v, size_t n, double floor);

/* Where the map `m` takes (x, y). */
void lt_pdf_affine_apply(const lt_pdf_affine *m, double x, double y,
			 double *u, double *v);

/*
 * Read the marks of the data lines lines[0..nlines) (by page, each page's
 * top to bottom; npages pages) from `seen`, the OCR'd words of pictures
 * of the copy's pages (photo.h: a box's horizontal centre on its ink's
 * centre of mass, its bottom on its baseline, in the rectified page's
 * pixels), against `orig`, the original's text layer (points), and,
 * when `pdf` is not NULL, the ink of its words on the original's pages
 * (the PDF of `pdf_len` bytes at `pdf`, rendered).  sym has
 * `nslots` entries: 0, 1 or -1 (unread).  *pages (may be NULL) receives
 * the number of pictured pages found to be a page of the original.
 * LT_ENOMEM or LT_OK.
 */
int lt_pdf_picture_read(int16_t *sym, size_t nslots, size_t *pages,
			const lt_pdf_line *lines, size_t nlines, size_t npages,
			const void *pdf, size_t pdf_len,
			const lt_seen_word *orig, size_t norig,
			const lt_seen_word *seen, size_t nseen);

/* The line of lines[from..to) an original word is on (its estimated
 * baseline within a third of its height), or -1. */
long lt_pdf_word_line(const lt_pdf_line *lines, size_t from, size_t to,
		      const lt_seen_word *w);

/* One word matched with the original: its line of the plan and its
 * offsets against the original's (points, up and right). */
typedef struct lt_pdf_offset {
	size_t line;
	double up, right;
} lt_pdf_offset;

/* qsort order of lt_pdf_offset: by line. */
int lt_pdf_cmp_offset(const void *a, const void *b);

/* The median of v[0..n) (n > 0), which is sorted in place. */
double lt_pdf_median(double *v, size_t n);

#endif
