/*
 * image_mark_read.c - registering a leaked figure to its original and
 * reading the image slots from the residual (image_mark_read.h).
 *
 * Sections: pixels (luminance, blur, box means, warping), registration
 * (the initial guesses, block correlation, least-squares homography),
 * reading (blur and photometric match, residual, projection, z-scores),
 * alterations (the regions where the registered leak differs from the
 * original beyond marks, JPEG and a photo's noise), and the figure hashes
 * identification looks the leak up by.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>

#include "base/array.h"
#include "leaktrace/error.h"
#include "read/image_mark_read.h"
#include "read/linear.h"
#include "read/photo_internal.h"

/* ---------------------------------------------------------------------
 * Pixels
 * ------------------------------------------------------------------- */

/* Luminance of an image as floats (NULL when out of memory). */
static float *to_luma(const lt_image *img)
{
	size_t n = (size_t)img->width * img->height, i;
	float *l = malloc((n ? n : 1) * sizeof(*l));

	if (!l)
		return NULL;
	for (i = 0; i < n; i++) {
		const unsigned char *p = img->pixels + i * img->channels;

		l[i] = img->channels == 1 ? p[0]
			: 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];
	}
	return l;
}

/* Longest side of a leak worked on; larger pictures are box-averaged
 * down by a whole factor first. */
#define LEAK_MAX_SIDE 3000

/* The leak's luminance, reduced to at most LEAK_MAX_SIDE a side: *w x *h
 * floats (NULL when out of memory). */
static float *leak_luma(const lt_image *img, int *w, int *h)
{
	int side = img->width > img->height ? img->width : img->height;
	int k = (side + LEAK_MAX_SIDE - 1) / LEAK_MAX_SIDE, x, y, i, j;
	float *full = to_luma(img), *out;

	*w = img->width;
	*h = img->height;
	if (!full || k <= 1)
		return full;
	*w = img->width / k;
	*h = img->height / k;
	if (!(out = malloc((size_t)*w * *h * sizeof(*out)))) {
		free(full);
		return NULL;
	}
	for (y = 0; y < *h; y++)
		for (x = 0; x < *w; x++) {
			float sum = 0;

			for (j = 0; j < k; j++)
				for (i = 0; i < k; i++)
					sum += full[(size_t)(y * k + j) *
						    img->width + x * k + i];
			out[(size_t)y * *w + x] = sum / (float)(k * k);
		}
	free(full);
	return out;
}

/* Gaussian blur in place (separable, edges clamped); LT_OK or LT_ENOMEM. */
static int gauss_blur(float *p, int w, int h, double sigma)
{
	int r, i, x, y, n = w > h ? w : h;
	float *k, *line;

	if (sigma < 0.2)
		return LT_OK;
	r = (int)ceil(3 * sigma);
	k = malloc((2 * r + 1) * sizeof(*k));
	line = malloc((n + 2 * r) * sizeof(*line));
	if (!k || !line) {
		free(k);
		free(line);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	{
		double s = 0;

		for (i = -r; i <= r; i++)
			s += k[i + r] = (float)exp(-0.5 * i * i / (sigma * sigma));
		for (i = 0; i <= 2 * r; i++)
			k[i] = (float)(k[i] / s);
	}
	for (y = 0; y < h; y++) {
		float *row = p + (size_t)y * w;

		for (x = -r; x < w + r; x++)
			line[x + r] = row[x < 0 ? 0 : x >= w ? w - 1 : x];
		for (x = 0; x < w; x++) {
			float s = 0;

			for (i = 0; i <= 2 * r; i++)
				s += k[i] * line[x + i];
			row[x] = s;
		}
	}
	for (x = 0; x < w; x++) {
		for (y = -r; y < h + r; y++)
			line[y + r] = p[(size_t)(y < 0 ? 0 : y >= h ? h - 1 : y) *
					 w + x];
		for (y = 0; y < h; y++) {
			float s = 0;

			for (i = 0; i <= 2 * r; i++)
				s += k[i] * line[y + i];
			p[(size_t)y * w + x] = s;
		}
	}
	free(k);
	free(line);
	return LT_OK;
}

/* Sums over the (2r+1)^2 window around each pixel (clipped at the
 * borders): `tmp` and `out` hold w * h doubles. */
static void box_sum(const float *in, double *tmp, double *out, int w, int h,
		    int r)
{
	int x, y;

	for (y = 0; y < h; y++) {
		const float *row = in + (size_t)y * w;
		double *t = tmp + (size_t)y * w, s = 0;

		for (x = 0; x <= r && x < w; x++)
			s += row[x];
		for (x = 0; x < w; x++) {
			t[x] = s;
			if (x + r + 1 < w)
				s += row[x + r + 1];
			if (x - r >= 0)
				s -= row[x - r];
		}
	}
	for (x = 0; x < w; x++) {
		double s = 0;

		for (y = 0; y <= r && y < h; y++)
			s += tmp[(size_t)y * w + x];
		for (y = 0; y < h; y++) {
			out[(size_t)y * w + x] = s;
			if (y + r + 1 < h)
				s += tmp[(size_t)(y + r + 1) * w + x];
			if (y - r >= 0)
				s -= tmp[(size_t)(y - r) * w + x];
		}
	}
}

/* Apply the homography hm to (u, v). */
static void map_point(const double hm[8], double u, double v, double *x,
		      double *y)
{
	double d = hm[6] * u + hm[7] * v + 1;

	if (fabs(d) < 1e-12)
		d = 1e-12;
	*x = (hm[0] * u + hm[1] * v + hm[2]) / d;
	*y = (hm[3] * u + hm[4] * v + hm[5]) / d;
}

/*
 * Resample `src` (sw x sh) onto an ow x oh frame that shows the original
 * at `s` frame pixels an original pixel, through hm (original -> src),
 * bilinear.  valid[i] (may be NULL) is 1 where the source was seen.
 */
static void warp(float *dst, unsigned char *valid, int ow, int oh, double s,
		 const float *src, int sw, int sh, const double hm[8])
{
	int u, v;

	for (v = 0; v < oh; v++) {
		for (u = 0; u < ow; u++) {
			double x, y, fx, fy;
			size_t i = (size_t)v * ow + u;
			int x0, y0;

			map_point(hm, (u + 0.5) / s, (v + 0.5) / s, &x, &y);
			x -= 0.5;
			y -= 0.5;
			if (!(x >= 0 && y >= 0 && x <= sw - 1 && y <= sh - 1)) {
				dst[i] = 0;
				if (valid)
					valid[i] = 0;
				continue;
			}
			x0 = (int)x;
			y0 = (int)y;
			if (x0 > sw - 2)
				x0 = sw - 2 < 0 ? 0 : sw - 2;
			if (y0 > sh - 2)
				y0 = sh - 2 < 0 ? 0 : sh - 2;
			fx = x - x0;
			fy = y - y0;
			{
				const float *a = src + (size_t)y0 * sw + x0;
				const float *b = sh > 1 ? a + sw : a;
				float a1 = sw > 1 ? a[1] : a[0];
				float b1 = sw > 1 ? b[1] : b[0];

				dst[i] = (float)((1 - fy) * ((1 - fx) * a[0] +
							     fx * a1) +
						 fy * ((1 - fx) * b[0] + fx * b1));
			}
			if (valid)
				valid[i] = 1;
		}
	}
}

/* The original downscaled to `s` (box average; s <= 1). */
static float *shrink(const float *o, int w, int h, double s, int *ow, int *oh)
{
	int W = (int)(w * s), H = (int)(h * s), x, y;
	float *out;
	double *acc;
	int *cnt;

	if (W < 1)
		W = 1;
	if (H < 1)
		H = 1;
	out = malloc((size_t)W * H * sizeof(*out));
	acc = calloc((size_t)W * H, sizeof(*acc));
	cnt = calloc((size_t)W * H, sizeof(*cnt));
	if (!out || !acc || !cnt) {
		free(out);
		free(acc);
		free(cnt);
		return NULL;
	}
	for (y = 0; y < h; y++) {
		int Y = (int)(y * s);

		if (Y >= H)
			Y = H - 1;
		for (x = 0; x < w; x++) {
			int X = (int)(x * s);

			if (X >= W)
				X = W - 1;
			acc[(size_t)Y * W + X] += o[(size_t)y * w + x];
			cnt[(size_t)Y * W + X]++;
		}
	}
	for (x = 0; x < W * H; x++)
		out[x] = cnt[x] ? (float)(acc[x] / cnt[x]) : 0;
	free(acc);
	free(cnt);
	*ow = W;
	*oh = H;
	return out;
}

/* ---------------------------------------------------------------------
 * Registration
 * ------------------------------------------------------------------- */

/* Least-squares homography through n >= 4 correspondences (u, v) ->
 * (x, y), weighted; 0 or -1 when degenerate.  Coordinates are scaled to
 * about 1 for conditioning. */
static int fit_homography(double hm[8], const double *u, const double *v,
			  const double *x, const double *y, const double *wt,
			  int n, double su, double sx)
{
	double a[8][9] = {{0}};
	int i, j, k;

	if (n < 4)
		return -1;
	for (i = 0; i < n; i++) {
		double U = u[i] / su, V = v[i] / su, X = x[i] / sx, Y = y[i] / sx;
		double r0[9] = {U, V, 1, 0, 0, 0, -U * X, -V * X, X};
		double r1[9] = {0, 0, 0, U, V, 1, -U * Y, -V * Y, Y};

		for (j = 0; j < 8; j++)
			for (k = 0; k < 9; k++)
				a[j][k] += wt[i] * (r0[j] * r0[k] + r1[j] * r1[k]);
	}
	{
		double h[8];

		if (lt_solve8(a, h))
			return -1;
		/* back to pixels: x = sx * H(u / su) */
		hm[0] = h[0] * sx / su;
		hm[1] = h[1] * sx / su;
		hm[2] = h[2] * sx;
		hm[3] = h[3] * sx / su;
		hm[4] = h[4] * sx / su;
		hm[5] = h[5] * sx;
		hm[6] = h[6] / su;
		hm[7] = h[7] / su;
	}
	return 0;
}

/* Normalised correlation of two equal-size arrays where valid (or all). */
static double ncc(const float *a, const float *b, const unsigned char *valid,
		  size_t n)
{
	double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, c = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (valid && !valid[i])
			continue;
		sa += a[i];
		sb += b[i];
		saa += (double)a[i] * a[i];
		sbb += (double)b[i] * b[i];
		sab += (double)a[i] * b[i];
		c++;
	}
	if (c < 16)
		return 0;
	saa -= sa * sa / c;
	sbb -= sb * sb / c;
	sab -= sa * sb / c;
	if (saa <= 1e-9 || sbb <= 1e-9)
		return 0;
	return sab / sqrt(saa * sbb);
}

/* One block of the original (os) and the resampled leak (ws), fw wide:
 * columns x0..x1, rows y0..y1, the original's mean mo and variance vo
 * over its cnt pixels. */
typedef struct block {
	const float *os, *ws;
	int fw, x0, x1, y0, y1;
	double mo, vo;
	int cnt;
} block;

/* Normalised correlation of the block with the leak shifted by (dx, dy). */
static double block_ncc(const block *b, int dx, int dy)
{
	double sw = 0, sww = 0, sow = 0;
	int x, y;

	for (y = b->y0; y < b->y1; y++) {
		const float *o = b->os + (size_t)y * b->fw;
		const float *l = b->ws + (size_t)(y + dy) * b->fw + dx;

		for (x = b->x0; x < b->x1; x++) {
			sw += l[x];
			sww += (double)l[x] * l[x];
			sow += (double)o[x] * l[x];
		}
	}
	sww -= sw * sw / b->cnt;
	sow -= b->mo * sw;
	return sww > 1e-9 ? sow / sqrt(sww * b->vo * b->cnt) : -1;
}

/*
 * One refinement of hm (original -> leak): resample the leak onto the
 * original's frame at scale s, find each of nb x nb blocks' shift (up to
 * r frame pixels) by normalised correlation with the original, and fit
 * the homography through the shifted block centres.  *fit receives the
 * correlation of the resampled leak with the original before refining.
 * LT_OK (hm unchanged when too few blocks are usable) or LT_ENOMEM.
 */
static int refine(double hm[8], double *fit, const float *leak, int lw,
		  int lh, const float *orig, int w, int h, double s, int nb,
		  int r)
{
	int fw, fh, bx, by, n = 0, dx, dy;
	float *os = s < 1 ? shrink(orig, w, h, s, &fw, &fh) : NULL;
	float *ws = NULL;
	unsigned char *valid = NULL;
	double *cu = NULL, *cv = NULL, *cx = NULL, *cy = NULL, *cw = NULL;
	int rc = LT_OK;

	if (s >= 1) {
		fw = w;
		fh = h;
		os = malloc((size_t)w * h * sizeof(*os));
		if (os)
			memcpy(os, orig, (size_t)w * h * sizeof(*os));
	}
	if (os) {
		ws = malloc((size_t)fw * fh * sizeof(*ws));
		valid = malloc((size_t)fw * fh);
	}
	cu = malloc(nb * nb * sizeof(double));
	cv = malloc(nb * nb * sizeof(double));
	cx = malloc(nb * nb * sizeof(double));
	cy = malloc(nb * nb * sizeof(double));
	cw = malloc(nb * nb * sizeof(double));
	if (!os || !ws || !valid || !cu || !cv || !cx || !cy || !cw) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	warp(ws, valid, fw, fh, s, leak, lw, lh, hm);
	if ((rc = gauss_blur(ws, fw, fh, 0.8)) ||
	    (rc = gauss_blur(os, fw, fh, 0.8)))
		goto out;
	*fit = ncc(os, ws, valid, (size_t)fw * fh);
	for (by = 0; by < nb; by++) {
		for (bx = 0; bx < nb; bx++) {
			int x0 = bx * fw / nb + r, x1 = (bx + 1) * fw / nb - r;
			int y0 = by * fh / nb + r, y1 = (by + 1) * fh / nb - r;
			double best = -2, sc[3][3] = {{0}}, mo = 0, vo = 0;
			block blk;
			int bdx = 0, bdy = 0, cnt = 0, x, y, ok = 1;

			if (x1 - x0 < 8 || y1 - y0 < 8)
				continue;
			for (y = y0; y < y1; y++)
				for (x = x0; x < x1; x++) {
					double o = os[(size_t)y * fw + x];

					mo += o;
					vo += o * o;
					cnt++;
				}
			mo /= cnt;
			vo = vo / cnt - mo * mo;
			if (vo < 20) /* flat: nothing to lock on */
				continue;
			for (y = y0 - r; y < y1 + r && ok; y++)
				for (x = x0 - r; x < x1 + r; x++)
					if (!valid[(size_t)y * fw + x]) {
						ok = 0;
						break;
					}
			if (!ok)
				continue;
			blk = (block){os, ws, fw, x0, x1, y0, y1, mo, vo, cnt};
			for (dy = -r; dy <= r; dy++) {
				for (dx = -r; dx <= r; dx++) {
					double c = block_ncc(&blk, dx, dy);

					if (c > best) {
						best = c;
						bdx = dx;
						bdy = dy;
					}
				}
			}
			if (best < 0.5 || abs(bdx) == r || abs(bdy) == r)
				continue;
			/* sub-pixel: a parabola through the neighbours */
			for (dy = -1; dy <= 1; dy++)
				for (dx = -1; dx <= 1; dx++)
					sc[dy + 1][dx + 1] =
						block_ncc(&blk, bdx + dx, bdy + dy);
			{
				double ddx = 0, ddy = 0, den;
				double u, v;

				den = sc[1][0] - 2 * sc[1][1] + sc[1][2];
				if (den < -1e-12)
					ddx = 0.5 * (sc[1][0] - sc[1][2]) / den;
				den = sc[0][1] - 2 * sc[1][1] + sc[2][1];
				if (den < -1e-12)
					ddy = 0.5 * (sc[0][1] - sc[2][1]) / den;
				if (fabs(ddx) > 0.5) ddx = 0;
				if (fabs(ddy) > 0.5) ddy = 0;
				u = (0.5 * (x0 + x1)) / s;
				v = (0.5 * (y0 + y1)) / s;
				cu[n] = u;
				cv[n] = v;
				map_point(hm, u + (bdx + ddx) / s, v + (bdy + ddy) / s,
					  &cx[n], &cy[n]);
				cw[n] = best * best;
				n++;
			}
		}
	}
	if (n >= 6) {
		double nh[8], su = w > h ? w : h, sx = lw > lh ? lw : lh;
		double err[64 * 64], med, tmp;
		int k, j, m = 0;

		if (fit_homography(nh, cu, cv, cx, cy, cw, n, su, sx) == 0) {
			/* drop the blocks far off the fit, then fit again */
			for (k = 0; k < n && k < 64 * 64; k++) {
				double px, py;

				map_point(nh, cu[k], cv[k], &px, &py);
				err[k] = hypot(px - cx[k], py - cy[k]);
			}
			for (k = 0; k < n; k++)
				for (j = k + 1; j < n; j++)
					if (err[j] < err[k]) {
						tmp = err[j];
						err[j] = err[k];
						err[k] = tmp;
					}
			med = err[n / 2];
			for (k = 0; k < n; k++) {
				double px, py;

				map_point(nh, cu[k], cv[k], &px, &py);
				if (hypot(px - cx[k], py - cy[k]) <= 3 * med + 0.5 / s) {
					cu[m] = cu[k];
					cv[m] = cv[k];
					cx[m] = cx[k];
					cy[m] = cy[k];
					cw[m] = cw[k];
					m++;
				}
			}
			if (m >= 6 && fit_homography(nh, cu, cv, cx, cy, cw, m,
						     su, sx) == 0)
				memcpy(hm, nh, sizeof(nh));
		}
	}
out:
	free(os);
	free(ws);
	free(valid);
	free(cu);
	free(cv);
	free(cx);
	free(cy);
	free(cw);
	return rc;
}

static pthread_once_t quiet_once = PTHREAD_ONCE_INIT;

/* Leptonica's complaints are not the user's business (as in photo.c);
 * the setting is the process's. */
static void quiet_leptonica(void)
{
	setMsgSeverity(L_SEVERITY_NONE);
}

/* The figure's outline in the leak, when one is seen: corners into x, y
 * (top-left, top-right, bottom-right, bottom-left); 1 when found. */
static int find_outline(const float *l, int lw, int lh, double x[4],
			double y[4])
{
	PIX *pix = pixCreate(lw, lh, 8);
	lt_photo_page page;
	l_uint32 *data;
	int wpl, i, j;

	pthread_once(&quiet_once, quiet_leptonica);
	if (!pix)
		return 0;
	data = pixGetData(pix);
	wpl = pixGetWpl(pix);
	for (j = 0; j < lh; j++)
		for (i = 0; i < lw; i++) {
			float v = l[(size_t)j * lw + i];

			SET_DATA_BYTE(data + (size_t)j * wpl, i,
				      v < 0 ? 0 : v > 255 ? 255 : (int)(v + 0.5f));
		}
	lt_photo_find_page(&page, pix);
	pixDestroy(&pix);
	if (!page.found || page.corners < 4 || page.cover > 0.97 ||
	    page.cover < 0.05)
		return 0;
	for (i = 0; i < 4; i++) {
		x[i] = page.x[i];
		y[i] = page.y[i];
	}
	return 1;
}

/* The homography taking the w x h original's corners to x, y. */
static int corners_map(double hm[8], int w, int h, const double *x,
		       const double *y)
{
	double u[4] = {0, w, w, 0}, v[4] = {0, 0, h, h};

	return lt_photo_homography(hm, u, v, x, y);
}

/*
 * Register the leak to the original from one initial guess: coarse, then
 * fine.  *fit is the final correlation at the fine scale.
 */
static int register_from(double hm[8], double *fit, const float *leak,
			 int lw, int lh, const float *orig, int w, int h)
{
	double s = 400.0 / (w > h ? w : h), f = 0;
	int rc;

	if (s > 1)
		s = 1;
	if ((rc = refine(hm, &f, leak, lw, lh, orig, w, h, s, 5, 10)) ||
	    (rc = refine(hm, &f, leak, lw, lh, orig, w, h, s, 6, 3)))
		return rc;
	s = 2 * s > 1 ? 1 : 2 * s;
	if ((rc = refine(hm, &f, leak, lw, lh, orig, w, h, s, 8, 3)) ||
	    (rc = refine(hm, fit, leak, lw, lh, orig, w, h, s, 8, 2)))
		return rc;
	return LT_OK;
}

/* ---------------------------------------------------------------------
 * Reading
 * ------------------------------------------------------------------- */

/* Scratch of the residual: w * h each. */
typedef struct fit_work {
	float *m;       /* the original, blurred */
	float *prod;    /* a product to sum over windows */
	double *tmp, *s1, *sl, *sm, *slm, *smm;
} fit_work;

/*
 * The residual res = leak - (a m + b), a and b the least-squares fit of
 * the leak on the blurred original m over each pixel's window (radius
 * r), where valid.  Returns the sum of squared residuals.
 */
static double residual(float *res, const float *lk, const float *m,
		       const unsigned char *valid, int w, int h, int r,
		       fit_work *f)
{
	size_t n = (size_t)w * h, i;
	double e = 0, c0 = 0, l0 = 0, m0 = 0, lm0 = 0, mm0 = 0, a0 = 1;

	/* The global slope: flat windows, which cannot tell their own, take
	 * it (an exact copy of the original then leaves no residual). */
	for (i = 0; i < n; i++) {
		if (!valid[i])
			continue;
		c0++;
		l0 += lk[i];
		m0 += m[i];
		lm0 += (double)lk[i] * m[i];
		mm0 += (double)m[i] * m[i];
	}
	if (c0 > 0 && mm0 / c0 - (m0 / c0) * (m0 / c0) > 1e-6)
		a0 = (lm0 / c0 - l0 * m0 / (c0 * c0)) /
		     (mm0 / c0 - (m0 / c0) * (m0 / c0));
	for (i = 0; i < n; i++)
		f->prod[i] = valid[i];
	box_sum(f->prod, f->tmp, f->s1, w, h, r);
	for (i = 0; i < n; i++)
		f->prod[i] = valid[i] ? lk[i] : 0;
	box_sum(f->prod, f->tmp, f->sl, w, h, r);
	for (i = 0; i < n; i++)
		f->prod[i] = valid[i] ? m[i] : 0;
	box_sum(f->prod, f->tmp, f->sm, w, h, r);
	for (i = 0; i < n; i++)
		f->prod[i] = valid[i] ? lk[i] * m[i] : 0;
	box_sum(f->prod, f->tmp, f->slm, w, h, r);
	for (i = 0; i < n; i++)
		f->prod[i] = valid[i] ? m[i] * m[i] : 0;
	box_sum(f->prod, f->tmp, f->smm, w, h, r);
	for (i = 0; i < n; i++) {
		double c = f->s1[i], ml, mm, cov, var, a, b;

		if (!valid[i] || c < 1) {
			res[i] = 0;
			continue;
		}
		ml = f->sl[i] / c;
		mm = f->sm[i] / c;
		cov = f->slm[i] / c - ml * mm;
		var = f->smm[i] / c - mm * mm;
		if (var < 0)
			var = 0;
		a = (cov + 25.0 * a0) / (var + 25.0);
		b = ml - a * mm;
		res[i] = (float)(lk[i] - (a * m[i] + b));
		e += (double)res[i] * res[i];
	}
	return e;
}

int lt_imark_read(int16_t *symbols, double *z, lt_imark_reading *info,
		  const lt_imark *m, const lt_image *orig,
		  const lt_image *leak)
{
	static const double blurs[] = {0, 0.6, 1.0, 1.5, 2.0, 2.7, 3.5};
	int w = m->width, h = m->height, lw, lh;
	size_t n = (size_t)w * h, i, k, ncell = (size_t)m->gw * m->gh;
	float *o = NULL, *l = NULL, *lk = NULL, *res = NULL, *best = NULL;
	unsigned char *valid = NULL;
	double *cellr = NULL, *num = NULL, *den = NULL;
	int *lx = NULL;
	float *wx = NULL;
	fit_work f = {0};
	lt_imark_reading rd;
	double hm[8], fit = -1, scale, ebest = -1;
	int rc = LT_OK, x, y, tries;


	memset(&rd, 0, sizeof(rd));
	for (k = 0; k < m->nslots; k++) {
		symbols[k] = -1;
		if (z)
			z[k] = 0;
	}
	if (orig->width != w || orig->height != h)
		return lt_error_set(LT_EINTERNAL, "image marks: grid and original "
				    "differ in size");
	o = to_luma(orig);
	l = leak_luma(leak, &lw, &lh);
	if (!o || !l) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}

	/* Registration: from the outline seen, and from the whole frame;
	 * the better fit wins. */
	for (tries = 0; tries < 2; tries++) {
		double cx[4], cy[4], th[8], tf = -1;

		if (tries == 0) {
			if (!find_outline(l, lw, lh, cx, cy))
				continue;
		} else {
			cx[0] = 0; cy[0] = 0;
			cx[1] = lw; cy[1] = 0;
			cx[2] = lw; cy[2] = lh;
			cx[3] = 0; cy[3] = lh;
		}
		if (corners_map(th, w, h, cx, cy) != 0)
			continue;
		if ((rc = register_from(th, &tf, l, lw, lh, o, w, h)))
			goto out;
		if (tf > fit) {
			fit = tf;
			memcpy(hm, th, sizeof(hm));
		}
	}
	/* A leak of the original's size that matches it pixel for pixel
	 * (the copy file, recompressed) is taken as it is: the refined map
	 * would resample it by a fraction of a pixel for nothing. */
	if (lw == w && lh == h) {
		double direct = ncc(o, l, NULL, n);

		if (direct > 0.99 && direct >= fit) {
			double id[8] = {1, 0, 0, 0, 1, 0, 0, 0};

			fit = direct;
			memcpy(hm, id, sizeof(hm));
		}
	}
	rd.fit = fit;
	if (fit < LT_IMARK_MIN_FIT)
		goto done;
	memcpy(rd.hm, hm, sizeof(hm));
	{
		double x0, y0, x1, y1, x2, y2;

		map_point(hm, w / 2.0, h / 2.0, &x0, &y0);
		map_point(hm, w / 2.0 + 1, h / 2.0, &x1, &y1);
		map_point(hm, w / 2.0, h / 2.0 + 1, &x2, &y2);
		scale = sqrt(fabs((x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)));
	}
	rd.scale = scale;

	/* The leak on the original's grid (smoothed first when it is much
	 * larger, so that sampling it does not alias). */
	lk = malloc(n * sizeof(*lk));
	res = malloc(n * sizeof(*res));
	best = malloc(n * sizeof(*best));
	valid = malloc(n);
	f.m = malloc(n * sizeof(float));
	f.prod = malloc(n * sizeof(float));
	f.tmp = malloc(n * sizeof(double));
	f.s1 = malloc(n * sizeof(double));
	f.sl = malloc(n * sizeof(double));
	f.sm = malloc(n * sizeof(double));
	f.slm = malloc(n * sizeof(double));
	f.smm = malloc(n * sizeof(double));
	if (!lk || !res || !best || !valid || !f.m || !f.prod || !f.tmp ||
	    !f.s1 || !f.sl || !f.sm || !f.slm || !f.smm) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	if (scale > 1.3 && (rc = gauss_blur(l, lw, lh, 0.45 * scale)))
		goto out;
	warp(lk, valid, w, h, 1.0, l, lw, lh, hm);
	{
		size_t seen = 0;

		for (i = 0; i < n; i++)
			seen += valid[i];
		rd.coverage = (double)seen / n;
	}
	if (rd.coverage < 0.5)
		goto done;
	rd.aligned = 1;

	/* The original's blur that best explains the leak. */
	for (k = 0; k < sizeof(blurs) / sizeof(blurs[0]); k++) {
		double e;

		memcpy(f.m, o, n * sizeof(float));
		if ((rc = gauss_blur(f.m, w, h, blurs[k])))
			goto out;
		e = residual(res, lk, f.m, valid, w, h, 2 * m->cell, &f);
		if (ebest < 0 || e < ebest) {
			ebest = e;
			rd.blur = blurs[k];
			memcpy(best, res, n * sizeof(float));
		}
	}
	/* Edges: where a fraction of a pixel of misregistration leaves more
	 * residual than the mark, the residual counts less. */
	memcpy(f.m, o, n * sizeof(float));
	if ((rc = gauss_blur(f.m, w, h, rd.blur)))
		goto out;
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			size_t j = (size_t)y * w + x;
			double gx = f.m[y * (size_t)w + (x + 1 < w ? x + 1 : x)] -
				    f.m[y * (size_t)w + (x > 0 ? x - 1 : x)];
			double gy = f.m[(size_t)(y + 1 < h ? y + 1 : y) * w + x] -
				    f.m[(size_t)(y > 0 ? y - 1 : y) * w + x];
			double g2 = 0.25 * (gx * gx + gy * gy);

			best[j] = valid[j] ? (float)(best[j] / (4.0 + 0.5 * g2))
					   : 0.0f;
		}

	/* Project onto the cells' bumps, then sum each slot's cells. */
	cellr = calloc(ncell, sizeof(*cellr));
	num = calloc(m->nslots, sizeof(*num));
	den = calloc(m->nslots, sizeof(*den));
	lx = malloc(sizeof(int) * (w + h));
	wx = malloc(sizeof(float) * (w + h));
	if (!cellr || !num || !den || !lx || !wx) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	lt_imark_axis(m, w, m->cell, lx, wx);
	lt_imark_axis(m, h, m->cell, lx + w, wx + w);
	for (y = 0; y < h; y++) {
		int cy = lx[w + y];
		double wy = wx[w + y];
		double *r0 = cellr + (size_t)cy * m->gw, *r1 = r0 + m->gw;

		for (x = 0; x < w; x++) {
			double v = best[(size_t)y * w + x], a = wx[x];
			int cx = lx[x];

			if (v == 0)
				continue;
			r0[cx] += v * a * wy;
			r0[cx + 1] += v * (1 - a) * wy;
			r1[cx] += v * a * (1 - wy);
			r1[cx + 1] += v * (1 - a) * (1 - wy);
		}
	}
	for (i = 0; i < ncell; i++) {
		num[m->slot[i]] += m->sign[i] * cellr[i];
		den[m->slot[i]] += cellr[i] * cellr[i];
	}
	for (k = 0; k < m->nslots; k++) {
		double zk = den[k] > 1e-12 ? num[k] / sqrt(den[k]) : 0;

		if (z)
			z[k] = zk;
		if (fabs(zk) >= LT_IMARK_Z_READ) {
			symbols[k] = zk > 0 ? 1 : 0;
			rd.read++;
		}
	}
done:
	if (info)
		*info = rd;
out:
	free(o);
	free(l);
	free(lk);
	free(res);
	free(best);
	free(valid);
	free(f.m);
	free(f.prod);
	free(f.tmp);
	free(f.s1);
	free(f.sl);
	free(f.sm);
	free(f.slm);
	free(f.smm);
	free(cellr);
	free(num);
	free(den);
	free(lx);
	free(wx);
	return rc;
}

/* ---------------------------------------------------------------------
 * Alterations
 * ------------------------------------------------------------------- */

/* A block's mean weighted residual must pass this many luminance levels,
 * and this multiple of the figure's typical block, to count as altered:
 * far above the marks (about 3 levels), JPEG and a photo's noise. */
#define ALTER_LEVEL 22.0
#define ALTER_TYPICAL 5.0

/* Fit leak ~ (g . t) m + (c . t), t = (1, x, y, xy), by least squares over
 * the valid pixels whose weight is set (a smooth gain and offset: light
 * falling across a photo).  Fills k[8]; the identity fit when singular. */
static void light_fit(double k[8], const float *lk, const float *m,
		      const unsigned char *use, int w, int h)
{
	double a[8][9] = {{0}};
	int x, y, i, j;

	for (y = 0; y < h; y += 2)
		for (x = 0; x < w; x += 2) {
			size_t p = (size_t)y * w + x;
			double u = (double)x / w - 0.5, v = (double)y / h - 0.5;
			double t[8];

			if (!use[p])
				continue;
			t[0] = m[p];
			t[1] = m[p] * u;
			t[2] = m[p] * v;
			t[3] = m[p] * u * v;
			t[4] = 1;
			t[5] = u;
			t[6] = v;
			t[7] = u * v;
			for (i = 0; i < 8; i++) {
				for (j = 0; j < 8; j++)
					a[i][j] += t[i] * t[j];
				a[i][8] += t[i] * lk[p];
			}
		}
	if (lt_solve8(a, k) != 0) {
		memset(k, 0, 8 * sizeof(*k));
		k[0] = 1;
	}
}

/* The light fit's prediction at pixel (x, y) of original value mv. */
static double light_at(const double k[8], double mv, int x, int y, int w,
		       int h)
{
	double u = (double)x / w - 0.5, v = (double)y / h - 0.5;

	return mv * (k[0] + k[1] * u + k[2] * v + k[3] * u * v) +
	       (k[4] + k[5] * u + k[6] * v + k[7] * u * v);
}

/* Grow the connected altered blocks from block i into one region (8
 * neighbours); marks them done. */
static void grow_region(unsigned char *flag, int bw, int bh, int i,
			int *stack, int box[4])
{
	int top = 0;

	stack[top++] = i;
	flag[i] = 2;
	box[0] = box[2] = i % bw;
	box[1] = box[3] = i / bw;
	while (top > 0) {
		int c = stack[--top], cx = c % bw, cy = c / bw, dx, dy;

		if (cx < box[0]) box[0] = cx;
		if (cx > box[2]) box[2] = cx;
		if (cy < box[1]) box[1] = cy;
		if (cy > box[3]) box[3] = cy;
		for (dy = -1; dy <= 1; dy++)
			for (dx = -1; dx <= 1; dx++) {
				int nx = cx + dx, ny = cy + dy, n;

				if (nx < 0 || ny < 0 || nx >= bw || ny >= bh)
					continue;
				n = ny * bw + nx;
				if (flag[n] == 1) {
					flag[n] = 2;
					stack[top++] = n;
				}
			}
	}
}

int lt_imark_changes(lt_imark_region **regions, size_t *n,
		     const lt_image *orig, const lt_image *leak,
		     const lt_imark_reading *rd)
{
	static const double blurs[] = {0, 0.6, 1.0, 1.5, 2.0, 2.7, 3.5};
	int w = orig->width, h = orig->height, lw, lh, x, y, bx, by;
	int side = w > h ? w : h, bs, bw, bh, *stack = NULL;
	size_t np = (size_t)w * h, i, nb, cap = 0, seen;
	float *o = NULL, *l = NULL, *lk = NULL, *m = NULL, *mb = NULL;
	unsigned char *valid = NULL, *flag = NULL, *use = NULL;
	double *score = NULL, *sorted = NULL, k[8], kbest[8], ebest = -1;
	double typical, level;
	int rc = LT_OK;
	size_t b;

	*regions = NULL;
	*n = 0;
	if (!rd->aligned || rd->fit < LT_IMARK_MIN_FIT)
		return LT_OK;
	bs = side / 40 > 8 ? side / 40 : 8;
	bw = (w + bs - 1) / bs;
	bh = (h + bs - 1) / bs;
	nb = (size_t)bw * bh;
	o = to_luma(orig);
	l = leak_luma(leak, &lw, &lh);
	lk = malloc(np * sizeof(*lk));
	m = malloc(np * sizeof(*m));
	mb = malloc(np * sizeof(*mb));
	valid = malloc(np);
	use = malloc(np);
	flag = calloc(nb, 1);
	score = calloc(nb, sizeof(*score));
	sorted = malloc(nb * sizeof(*sorted));
	stack = malloc(nb * sizeof(*stack));
	if (!o || !l || !lk || !m || !mb || !valid || !use || !flag ||
	    !score || !sorted || !stack) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	if (rd->scale > 1.3 && (rc = gauss_blur(l, lw, lh, 0.45 * rd->scale)))
		goto out;
	warp(lk, valid, w, h, 1.0, l, lw, lh, rd->hm);
	/* the original's blur and the light that explain the leak best */
	for (b = 0; b < sizeof(blurs) / sizeof(blurs[0]); b++) {
		double e = 0;

		memcpy(m, o, np * sizeof(float));
		if ((rc = gauss_blur(m, w, h, blurs[b])))
			goto out;
		/* fitted again without the pixels the first fit leaves far
		 * off (an edit must not bend the light) */
		light_fit(k, lk, m, valid, w, h);
		for (i = 0; i < np; i++)
			use[i] = valid[i] &&
				 fabs(lk[i] - light_at(k, m[i], (int)(i % w),
						       (int)(i / w), w, h)) <
				 ALTER_LEVEL;
		light_fit(k, lk, m, use, w, h);
		for (y = 0; y < h; y += 2)
			for (x = 0; x < w; x += 2) {
				size_t p = (size_t)y * w + x;
				double r;

				if (!use[p])
					continue;
				r = lk[p] - light_at(k, m[p], x, y, w, h);
				e += r * r;
			}
		if (ebest < 0 || e < ebest) {
			ebest = e;
			memcpy(kbest, k, sizeof(k));
			memcpy(mb, m, np * sizeof(float));
		}
	}
	/* The residual, weighted down at the original's edges (where a
	 * fraction of a pixel of misregistration leaves a residual), summed
	 * by block. */
	for (by = 0; by < bh; by++)
		for (bx = 0; bx < bw; bx++) {
			double sum = 0;

			seen = 0;
			for (y = by * bs; y < (by + 1) * bs && y < h; y++)
				for (x = bx * bs; x < (bx + 1) * bs && x < w; x++) {
					size_t p = (size_t)y * w + x;
					double gx, gy, g, r;

					if (!valid[p])
						continue;
					gx = mb[y * (size_t)w + (x + 1 < w ? x + 1 : x)] -
					     mb[y * (size_t)w + (x > 0 ? x - 1 : x)];
					gy = mb[(size_t)(y + 1 < h ? y + 1 : y) * w + x] -
					     mb[(size_t)(y > 0 ? y - 1 : y) * w + x];
					g = 0.5 * sqrt(gx * gx + gy * gy);
					r = lk[p] - light_at(kbest, mb[p], x, y, w, h);
					sum += fabs(r) / (1.0 + g / 24.0);
					seen++;
				}
			score[(size_t)by * bw + bx] = seen * 2 >= (size_t)bs * bs
				? sum / seen : -1;
		}
	/* The figure's typical block (the median of the seen ones). */
	for (i = 0, seen = 0; i < nb; i++)
		if (score[i] >= 0)
			sorted[seen++] = score[i];
	if (!seen)
		goto out;
	for (i = 1; i < seen; i++) {
		double t = sorted[i];
		size_t j = i;

		while (j > 0 && sorted[j - 1] > t) {
			sorted[j] = sorted[j - 1];
			j--;
		}
		sorted[j] = t;
	}
	typical = sorted[seen / 2];
	level = ALTER_TYPICAL * typical > ALTER_LEVEL ? ALTER_TYPICAL * typical
						      : ALTER_LEVEL;
	for (i = 0; i < nb; i++)
		flag[i] = score[i] > level;
	for (i = 0; i < nb; i++) {
		lt_imark_region *g;
		int box[4];

		if (flag[i] != 1)
			continue;
		grow_region(flag, bw, bh, (int)i, stack, box);
		if ((rc = LT_ARRAY_GROW(*regions, cap, *n + 1)))
			goto out;
		g = &(*regions)[(*n)++];
		g->x0 = box[0] * bs;
		g->y0 = box[1] * bs;
		g->x1 = (box[2] + 1) * bs < w ? (box[2] + 1) * bs : w;
		g->y1 = (box[3] + 1) * bs < h ? (box[3] + 1) * bs : h;
		g->level = 0;
		for (y = box[1]; y <= box[3]; y++)
			for (x = box[0]; x <= box[2]; x++)
				if (score[(size_t)y * bw + x] > g->level)
					g->level = score[(size_t)y * bw + x];
	}
out:
	if (rc) {
		free(*regions);
		*regions = NULL;
		*n = 0;
	}
	free(o);
	free(l);
	free(lk);
	free(m);
	free(mb);
	free(valid);
	free(use);
	free(flag);
	free(score);
	free(sorted);
	free(stack);
	return rc;
}

/* ---------------------------------------------------------------------
 * Identification
 * ------------------------------------------------------------------- */

int lt_imark_figure_hashes(lt_pdq_hash hashes[2], int *n,
			   const lt_image *leak)
{
	float *l, *sq;
	double cx[4], cy[4], hm[8];
	int q, rc, lw, lh;

	*n = 0;
	if ((rc = lt_pdq_hash_image(&hashes[0], 1, &q, leak)))
		return rc;
	*n = 1;
	if (!(l = leak_luma(leak, &lw, &lh)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	if (!find_outline(l, lw, lh, cx, cy) ||
	    corners_map(hm, 512, 512, cx, cy) != 0) {
		free(l);
		return LT_OK;
	}
	if (!(sq = malloc(512 * 512 * sizeof(*sq)))) {
		free(l);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	warp(sq, NULL, 512, 512, 1.0, l, lw, lh, hm);
	rc = lt_pdq_hash_luma(&hashes[1], 1, &q, sq, 512, 512);
	free(sq);
	free(l);
	if (rc == LT_OK)
		*n = 2;
	return rc;
}
