/*
 * rectify.c - from a picture of a page to an upright, flat, sharpened page
 * ready for OCR (photo_internal.h), with Leptonica.
 *
 * Page finding works on a small copy of the picture: paper is lighter than
 * what it lies on, so the picture is thresholded (Otsu), the light part
 * cleaned by morphology and its holes (the text) filled, and the largest
 * light region taken as the page.  Its corners are the region's extreme
 * points along the two diagonals.  A corner lying on the picture's border
 * is where the page leaves the picture (a crop): the visible part is then
 * rectified on its own.  With fewer than two true corners (a scan, a
 * screenshot, a close crop) the perspective is left as it is.
 *
 * The page is mapped onto an upright rectangle at LT_PHOTO_DPI (A4 or
 * Letter, whichever the outline's proportions are closer to) by a
 * projective transform sampled bilinearly; then the light is flattened
 * (background normalisation), the noise smoothed, the page deskewed and
 * sharpened (unsharp mask).  The last threshold to black and white is Tesseract's own (see
 * lt_photo_rectify).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "read/linear.h"
#include "read/photo_internal.h"

/* Long side of the copy the page is looked for in. */
#define FIND_SIDE 600

/* Paper sizes in inches. */
#define A4_W 8.27
#define A4_H 11.69
#define LETTER_W 8.5
#define LETTER_H 11.0

/* ---------------------------------------------------------------------
 * Small helpers
 * ------------------------------------------------------------------- */

/* Otsu's threshold of an 8-bit image's histogram. */
static int otsu_threshold(PIX *pix)
{
	double hist[256] = {0}, total = 0, sum = 0, sumb = 0, wb = 0;
	double best = -1;
	int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
	l_uint32 *data = pixGetData(pix);
	int x, y, t, thr = 128;

	for (y = 0; y < h; y++) {
		l_uint32 *line = data + (size_t)y * wpl;

		for (x = 0; x < w; x++)
			hist[GET_DATA_BYTE(line, x)]++;
	}
	for (t = 0; t < 256; t++) {
		total += hist[t];
		sum += t * hist[t];
	}
	for (t = 0; t < 256; t++) {
		double wf, mb, mf, between;

		wb += hist[t];
		if (wb == 0)
			continue;
		wf = total - wb;
		if (wf == 0)
			break;
		sumb += t * hist[t];
		mb = sumb / wb;
		mf = (sum - sumb) / wf;
		between = wb * wf * (mb - mf) * (mb - mf);
		if (between > best) {
			best = between;
			thr = t + 1;
		}
	}
	return thr;
}

/* Scale an 8-bit image so its long side is at most `side` (a copy when it
 * already is). */
static PIX *scale_to_side(PIX *pix, int side, double *factor)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix);
	int longest = w > h ? w : h;
	float f;

	if (longest <= side) {
		*factor = 1;
		return pixCopy(NULL, pix);
	}
	f = (float)side / (float)longest;
	*factor = f;
	return pixScaleAreaMap(pix, f, f);
}

/* ---------------------------------------------------------------------
 * Finding the page
 * ------------------------------------------------------------------- */

/* Area of the quadrilateral (shoelace), positive when clockwise on the
 * screen (y down), negative otherwise. */
static double quad_area(const double *x, const double *y)
{
	double a = 0;
	int i;

	for (i = 0; i < 4; i++) {
		int j = (i + 1) & 3;

		a += x[i] * y[j] - x[j] * y[i];
	}
	return a / 2;
}

/* 1 when the quadrilateral is convex and clockwise. */
static int quad_convex(const double *x, const double *y)
{
	int i;

	for (i = 0; i < 4; i++) {
		int j = (i + 1) & 3, k = (i + 2) & 3;
		double cross = (x[j] - x[i]) * (y[k] - y[j]) -
			       (y[j] - y[i]) * (x[k] - x[j]);

		if (cross <= 0)
			return 0;
	}
	return 1;
}

void lt_photo_find_page(lt_photo_page *page, PIX *grey)
{
	PIX *small = NULL, *dark = NULL, *light = NULL, *clean = NULL;
	PIX *filled = NULL, *comp = NULL;
	PIXA *pixa = NULL;
	BOXA *boxa = NULL;
	double factor = 1, best_x[4], best_y[4], best_v[4];
	int w, h, i, n, best = -1, best_count = 0, bx, by, bw, bh, x, y;
	int thr, wpl;
	l_uint32 *data;

	memset(page, 0, sizeof *page);
	small = scale_to_side(grey, FIND_SIDE, &factor);
	if (!small)
		return;
	w = pixGetWidth(small);
	h = pixGetHeight(small);
	if (w < 16 || h < 16)
		goto out;
	thr = otsu_threshold(small);
	dark = pixThresholdToBinary(small, thr);
	if (!dark)
		goto out;
	light = pixInvert(NULL, dark);
	if (!light)
		goto out;
	clean = pixOpenBrick(NULL, light, 5, 5);
	if (!clean)
		goto out;
	/* The holes of the light region (the text), added to it. */
	filled = pixHolesByFilling(clean, 4);
	if (!filled || !pixOr(filled, filled, clean))
		goto out;
	boxa = pixConnComp(filled, &pixa, 8);
	if (!boxa || !pixa)
		goto out;
	n = pixaGetCount(pixa);
	for (i = 0; i < n; i++) {
		PIX *c = pixaGetPix(pixa, i, L_CLONE);
		l_int32 count = 0;

		if (!c)
			continue;
		pixCountPixels(c, &count, NULL);
		pixDestroy(&c);
		if (count > best_count) {
			best_count = count;
			best = i;
		}
	}
	if (best < 0)
		goto out;
	page->cover = (double)best_count / ((double)w * h);
	if (page->cover < 0.12)
		goto out; /* nothing page-like */
	comp = pixaGetPix(pixa, best, L_CLONE);
	if (!comp || boxaGetBoxGeometry(boxa, best, &bx, &by, &bw, &bh) != 0)
		goto out;

	/* Extremes along the diagonals: TL min(x+y), TR max(x-y),
	 * BR max(x+y), BL min(x-y). */
	for (i = 0; i < 4; i++)
		best_v[i] = -1e30;
	data = pixGetData(comp);
	wpl = pixGetWpl(comp);
	for (y = 0; y < bh; y++) {
		l_uint32 *line = data + (size_t)y * wpl;

		for (x = 0; x < bw; x++) {
			double px = bx + x + 0.5, py = by + y + 0.5;
			double v[4];
			int k;

			if (!GET_DATA_BIT(line, x))
				continue;
			v[0] = -(px + py);
			v[1] = px - py;
			v[2] = px + py;
			v[3] = -(px - py);
			for (k = 0; k < 4; k++) {
				if (v[k] > best_v[k]) {
					best_v[k] = v[k];
					best_x[k] = px;
					best_y[k] = py;
				}
			}
		}
	}
	/* A corner within a few pixels of the border is where the page
	 * leaves the picture. */
	for (i = 0; i < 4; i++) {
		double m = 3.0;

		if (!(best_x[i] < m || best_y[i] < m || best_x[i] > w - m ||
		      best_y[i] > h - m)) {
			page->visible[i] = 1;
			page->corners++;
		}
		page->x[i] = best_x[i] / factor;
		page->y[i] = best_y[i] / factor;
	}
	if (!quad_convex(page->x, page->y))
		goto out;
	/* The region must be nearly a quadrilateral. */
	if (quad_area(best_x, best_y) < 0.5 * best_count ||
	    quad_area(best_x, best_y) > 1.25 * best_count)
		goto out;
	page->found = 1;
out:
	pixDestroy(&comp);
	pixaDestroy(&pixa);
	boxaDestroy(&boxa);
	pixDestroy(&filled);
	pixDestroy(&clean);
	pixDestroy(&light);
	pixDestroy(&dark);
	pixDestroy(&small);
}

/* ---------------------------------------------------------------------
 * Perspective
 * ------------------------------------------------------------------- */

/*
 * The projective map taking (u, v) to
 *   x = (h0 u + h1 v + h2) / (h6 u + h7 v + 1),
 *   y = (h3 u + h4 v + h5) / (h6 u + h7 v + 1)
 * through the four correspondences (u[i], v[i]) -> (x[i], y[i]).
 * 0, or -1 when the points are degenerate.
 */
int lt_photo_homography(double hm[8], const double *u, const double *v,
			const double *x, const double *y)
{
	double a[8][9];
	int i;

	for (i = 0; i < 4; i++) {
		double *r0 = a[2 * i], *r1 = a[2 * i + 1];

		r0[0] = u[i]; r0[1] = v[i]; r0[2] = 1;
		r0[3] = 0; r0[4] = 0; r0[5] = 0;
		r0[6] = -u[i] * x[i]; r0[7] = -v[i] * x[i]; r0[8] = x[i];
		r1[0] = 0; r1[1] = 0; r1[2] = 0;
		r1[3] = u[i]; r1[4] = v[i]; r1[5] = 1;
		r1[6] = -u[i] * y[i]; r1[7] = -v[i] * y[i]; r1[8] = y[i];
	}
	return lt_solve8(a, hm);
}

/* Sample the 8-bit `src` through the map hm into a new ow x oh image
 * (bilinear; white outside the picture). */
static PIX *warp(PIX *src, const double hm[8], int ow, int oh)
{
	PIX *dst = pixCreate(ow, oh, 8);
	int sw = pixGetWidth(src), sh = pixGetHeight(src);
	int swpl = pixGetWpl(src), dwpl, u, v;
	l_uint32 *sdata = pixGetData(src), *ddata;

	if (!dst)
		return NULL;
	ddata = pixGetData(dst);
	dwpl = pixGetWpl(dst);
	for (v = 0; v < oh; v++) {
		l_uint32 *dline = ddata + (size_t)v * dwpl;

		for (u = 0; u < ow; u++) {
			double uu = u + 0.5, vv = v + 0.5;
			double d = hm[6] * uu + hm[7] * vv + 1;
			double sx, sy, fx, fy, val;
			int x0, y0, x1, y1;
			l_uint32 *l0, *l1;

			if (fabs(d) < 1e-12) {
				SET_DATA_BYTE(dline, u, 255);
				continue;
			}
			sx = (hm[0] * uu + hm[1] * vv + hm[2]) / d - 0.5;
			sy = (hm[3] * uu + hm[4] * vv + hm[5]) / d - 0.5;
			if (!(sx > -1 && sy > -1 && sx < sw && sy < sh)) {
				SET_DATA_BYTE(dline, u, 255);
				continue;
			}
			x0 = (int)floor(sx);
			y0 = (int)floor(sy);
			fx = sx - x0;
			fy = sy - y0;
			x1 = x0 + 1;
			y1 = y0 + 1;
			if (x0 < 0) x0 = 0;
			if (y0 < 0) y0 = 0;
			if (x1 > sw - 1) x1 = sw - 1;
			if (y1 > sh - 1) y1 = sh - 1;
			l0 = sdata + (size_t)y0 * swpl;
			l1 = sdata + (size_t)y1 * swpl;
			val = (1 - fy) * ((1 - fx) * GET_DATA_BYTE(l0, x0) +
					  fx * GET_DATA_BYTE(l0, x1)) +
			      fy * ((1 - fx) * GET_DATA_BYTE(l1, x0) +
				    fx * GET_DATA_BYTE(l1, x1));
			SET_DATA_BYTE(dline, u, (int)(val + 0.5));
		}
	}
	return dst;
}

static double dist(double x0, double y0, double x1, double y1)
{
	return hypot(x1 - x0, y1 - y0);
}

/*
 * Part of a page: two adjacent true corners (a, b) and, opposite them, the
 * points (c, d) where the page's sides (a-d and b-c) leave the picture.
 * The picture's border is no line of the page, so c and d are moved along
 * those sides to the same distance from a and b: the far edge is then
 * taken parallel to the near one, which undoes the page's turn and the
 * keystone across it (the perspective along the sides, unknown without a
 * far edge, is left).
 */
static void square_cut(lt_photo_page *pg, int a, int b, int c, int d)
{
	double la = dist(pg->x[a], pg->y[a], pg->x[d], pg->y[d]);
	double lb = dist(pg->x[b], pg->y[b], pg->x[c], pg->y[c]);
	double t = la < lb ? la : lb;

	if (la < 1 || lb < 1)
		return;
	pg->x[d] = pg->x[a] + (pg->x[d] - pg->x[a]) * t / la;
	pg->y[d] = pg->y[a] + (pg->y[d] - pg->y[a]) * t / la;
	pg->x[c] = pg->x[b] + (pg->x[c] - pg->x[b]) * t / lb;
	pg->y[c] = pg->y[b] + (pg->y[c] - pg->y[b]) * t / lb;
}

/* Map the page seen in `grey` onto an upright rectangle at LT_PHOTO_DPI;
 * NULL when out of memory or the outline is degenerate. */
static PIX *straighten(PIX *grey, const lt_photo_page *seen)
{
	lt_photo_page cut = *seen, *pg = &cut;
	const int *vis = seen->visible;

	if (seen->corners < 4) {
		/* Corners: 0 top-left, 1 top-right, 2 bottom-right,
		 * 3 bottom-left. */
		if (vis[0] && vis[1] && !vis[2] && !vis[3])
			square_cut(pg, 0, 1, 2, 3);
		else if (vis[2] && vis[3] && !vis[0] && !vis[1])
			square_cut(pg, 3, 2, 1, 0);
		else if (vis[0] && vis[3] && !vis[1] && !vis[2])
			square_cut(pg, 3, 0, 1, 2);
		else if (vis[1] && vis[2] && !vis[0] && !vis[3])
			square_cut(pg, 1, 2, 3, 0);
	}

	double top = dist(pg->x[0], pg->y[0], pg->x[1], pg->y[1]);
	double bottom = dist(pg->x[3], pg->y[3], pg->x[2], pg->y[2]);
	double left = dist(pg->x[0], pg->y[0], pg->x[3], pg->y[3]);
	double right = dist(pg->x[1], pg->y[1], pg->x[2], pg->y[2]);
	double aspect, pw, ph, u[4], v[4], hm[8];
	int ow, oh;

	if (top + bottom < 1 || left + right < 1)
		return NULL;
	aspect = (left + right) / (top + bottom);
	if (pg->corners == 4) {
		/* A4 (1.414) or Letter (1.294), whichever is closer. */
		if (fabs(aspect - A4_H / A4_W) <=
		    fabs(aspect - LETTER_H / LETTER_W)) {
			pw = A4_W;
			ph = A4_H;
		} else {
			pw = LETTER_W;
			ph = LETTER_H;
		}
	} else {
		/* Part of a page: its own proportions, at A4 width. */
		pw = A4_W;
		ph = A4_W * aspect;
		if (ph > 1.5 * A4_H)
			ph = 1.5 * A4_H;
	}
	ow = (int)(pw * LT_PHOTO_DPI + 0.5);
	oh = (int)(ph * LT_PHOTO_DPI + 0.5);
	if (oh < 32)
		return NULL;
	u[0] = 0; v[0] = 0;
	u[1] = ow; v[1] = 0;
	u[2] = ow; v[2] = oh;
	u[3] = 0; v[3] = oh;
	if (lt_photo_homography(hm, u, v, pg->x, pg->y) != 0)
		return NULL;
	return warp(grey, hm, ow, oh);
}

/* ---------------------------------------------------------------------
 * Scale of a picture without a page outline
 * ------------------------------------------------------------------- */

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Median height of the letter-like dark blobs of the 8-bit `pix`, 0 when
 * there are too few. */
static int letter_height(PIX *pix)
{
	PIX *bin = pixThresholdToBinary(pix, otsu_threshold(pix));
	BOXA *boxa;
	int *hs, n, i, k = 0, med = 0;

	if (!bin)
		return 0;
	boxa = pixConnCompBB(bin, 8);
	pixDestroy(&bin);
	if (!boxa)
		return 0;
	n = boxaGetCount(boxa);
	hs = n > 0 ? malloc((size_t)n * sizeof *hs) : NULL;
	for (i = 0; hs && i < n; i++) {
		l_int32 bx, by, bw, bh;

		if (boxaGetBoxGeometry(boxa, i, &bx, &by, &bw, &bh) != 0)
			continue;
		if (bh >= 4 && bh <= 200 && bw <= 3 * bh)
			hs[k++] = bh;
	}
	if (k >= 20) {
		qsort(hs, (size_t)k, sizeof *hs, cmp_int);
		med = hs[k / 2];
	}
	free(hs);
	boxaDestroy(&boxa);
	return med;
}

/* ---------------------------------------------------------------------
 * The whole rectification
 * ------------------------------------------------------------------- */

int lt_photo_rectify(PIX **out, int *dpi, PIX *grey, const char *name)
{
	PIX *capped = NULL, *page = NULL, *flat = NULL, *straight = NULL;
	PIX *sharp = NULL;
	lt_photo_page pg;
	double factor = 1;
	int rc = LT_ENOMEM;
	l_float32 angle = 0, conf = 0;

	*out = NULL;
	*dpi = LT_PHOTO_DPI;
	capped = scale_to_side(grey, LT_PHOTO_MAX_SIDE, &factor);
	if (!capped)
		goto out;

	lt_photo_find_page(&pg, capped);
	if (pg.found && pg.corners >= 2)
		page = straighten(capped, &pg);
	if (!page) {
		/* No outline: keep the picture, scaled so that letters are
		 * about as tall as on a page at LT_PHOTO_DPI. */
		int lh = letter_height(capped);
		int w = pixGetWidth(capped), h = pixGetHeight(capped);
		double s = 1;

		if (lh > 0 && lh < 16) {
			s = 16.0 / lh;
			if (s > 3)
				s = 3;
			while (s > 1 && (w * s > 4000 || h * s > 4000))
				s *= 0.9;
		}
		if (s > 1.05) {
			page = pixScaleGrayLI(capped, (float)s, (float)s);
			lh = (int)(lh * s + 0.5);
		} else {
			page = pixCopy(NULL, capped);
		}
		if (lh > 0)
			*dpi = (int)(LT_PHOTO_DPI * lh / 16.0 + 0.5);
		if (*dpi < 70)
			*dpi = 70;
		if (*dpi > 600)
			*dpi = 600;
		if (!page)
			goto out;
	}

	/* Flatten the light; small pictures may be refused by the
	 * normaliser and are used as they are. */
	flat = pixBackgroundNormSimple(page, NULL, NULL);
	if (!flat)
		flat = pixCopy(NULL, page);
	if (!flat)
		goto out;
	/* A 3 x 3 mean takes the sensor noise down before it is sharpened
	 * below (on a page with little text Tesseract otherwise reads the
	 * noise as lines of letters). */
	{
		PIX *smooth = pixBlockconvGray(flat, NULL, 1, 1);

		if (smooth) {
			pixDestroy(&flat);
			flat = smooth;
		}
	}
	straight = pixFindSkewAndDeskew(flat, 2, &angle, &conf);
	if (!straight)
		straight = pixCopy(NULL, flat);
	if (!straight)
		goto out;
	/*
	 * Sharpen and leave the final thresholding to Tesseract: on blurred,
	 * low-resolution photos a threshold taken here merges letters into
	 * blobs (80% of words read at blur 0.7 px against 96% from the
	 * sharpened grey page), while Tesseract thresholds each text line
	 * with what it knows of the letters.
	 */
	sharp = pixUnsharpMaskingGray(straight, 5, 1.0f);
	if (!sharp)
		goto out;
	*out = sharp;
	sharp = NULL;
	rc = LT_OK;
out:
	if (rc != LT_OK)
		lt_error_set(rc, "%s: out of memory rectifying the page",
			     name);
	pixDestroy(&sharp);
	pixDestroy(&straight);
	pixDestroy(&flat);
	pixDestroy(&page);
	pixDestroy(&capped);
	return rc;
}
