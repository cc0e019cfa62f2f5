/*
 * photosim.h - a phone photo of a printed page, simulated: shared by the
 * photosim tool and the photo tests (included once per program; every
 * function is static).
 *
 * From a clean page image: the page is tilted away from the camera
 * (perspective), turned in its plane, laid on a darker textured table,
 * lit unevenly (a gradient and a vignette), seen through a slightly
 * blurred lens, with sensor noise, and saved as a JPEG at a given quality
 * and size.  Optionally only the top or bottom half of the page is framed
 * (the rest of the page runs off the picture).  Everything is drawn from
 * a seeded generator, so the same options give the same bytes.
 */
#ifndef LEAKTRACE_PHOTOSIM_H
#define LEAKTRACE_PHOTOSIM_H

#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "leaktrace/image.h"
#include "read/photo_internal.h"

enum { PHOTOSIM_CROP_NONE = 0, PHOTOSIM_CROP_TOP, PHOTOSIM_CROP_BOTTOM };

typedef struct photosim_options {
	uint64_t seed;
	double rotate;      /* in-plane turn, degrees */
	double perspective; /* tilt of the page away from the camera, deg */
	double blur;        /* Gaussian sigma, output pixels */
	double noise;       /* sensor noise sigma, grey levels */
	double light;       /* 0..1: how much darker the dim side is */
	int quality;        /* JPEG quality */
	int max_side;       /* long side of the photo, pixels */
	int crop;           /* PHOTOSIM_CROP_* */
	int orientation;    /* EXIF orientation to store (1: none; 6, 3, 8
			       store the pixels turned accordingly) */
} photosim_options;

/* The conditions of issue 3: the worst a phone photo is expected to be. */
static void photosim_defaults(photosim_options *o, uint64_t seed)
{
	memset(o, 0, sizeof *o);
	o->seed = seed;
	o->rotate = 5;
	o->perspective = 15;
	o->blur = 1.5;
	o->noise = 6;
	o->light = 0.4;
	o->quality = 50;
	o->max_side = 1200;
	o->crop = PHOTOSIM_CROP_NONE;
	o->orientation = 1;
}

/* ---------------------------------------------------------------------
 * Random numbers
 * ------------------------------------------------------------------- */

static uint64_t photosim_rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double photosim_unit(uint64_t *s)
{
	return (photosim_rng_next(s) >> 11) * (1.0 / 9007199254740992.0);
}

static double photosim_gauss(uint64_t *s)
{
	double u = photosim_unit(s), v = photosim_unit(s);

	if (u < 1e-300)
		u = 1e-300;
	return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

/* ---------------------------------------------------------------------
 * Geometry
 * ------------------------------------------------------------------- */


/* Where the page point (X, Y) (page pixels from the page's centre) is seen
 * on the virtual sensor: the page tilted by `tx` about its horizontal axis
 * and `ty` about its vertical one (radians), seen from `dist` away, then
 * turned by `rot` in the picture. */
static void photosim_project(double *sx, double *sy, double X, double Y,
			     double tx, double ty, double rot, double dist)
{
	double y1 = Y * cos(tx), z1 = Y * sin(tx);
	double x2 = X * cos(ty) + z1 * sin(ty);
	double z2 = -X * sin(ty) + z1 * cos(ty);
	double px = x2 * dist / (dist + z2), py = y1 * dist / (dist + z2);

	*sx = px * cos(rot) - py * sin(rot);
	*sy = px * sin(rot) + py * cos(rot);
}

/* ---------------------------------------------------------------------
 * Pixels
 * ------------------------------------------------------------------- */

/* Bilinear sample of a grey page; -1 outside it. */
static double photosim_sample(const unsigned char *g, int w, int h, double x,
			      double y)
{
	int x0, y0, x1, y1;
	double fx, fy;

	x -= 0.5;
	y -= 0.5;
	if (x < -0.5 || y < -0.5 || x > w - 0.5 || y > h - 0.5)
		return -1;
	x0 = (int)floor(x);
	y0 = (int)floor(y);
	fx = x - x0;
	fy = y - y0;
	x1 = x0 + 1;
	y1 = y0 + 1;
	if (x0 < 0) x0 = 0;
	if (y0 < 0) y0 = 0;
	if (x1 > w - 1) x1 = w - 1;
	if (y1 > h - 1) y1 = h - 1;
	return (1 - fy) * ((1 - fx) * g[(size_t)y0 * w + x0] +
			   fx * g[(size_t)y0 * w + x1]) +
	       fy * ((1 - fx) * g[(size_t)y1 * w + x0] +
		     fx * g[(size_t)y1 * w + x1]);
}

/* Separable Gaussian blur of a float plane in place; 0 or -1 (memory). */
static int photosim_blur(float *p, int w, int h, double sigma)
{
	int r = (int)ceil(sigma * 3), i, x, y, n = w > h ? w : h;
	float *k, *tmp;
	double sum = 0;

	if (sigma <= 0.05)
		return 0;
	k = malloc((size_t)(2 * r + 1) * sizeof *k);
	tmp = malloc((size_t)n * sizeof *tmp);
	if (!k || !tmp) {
		free(k);
		free(tmp);
		return -1;
	}
	for (i = -r; i <= r; i++)
		sum += k[i + r] = (float)exp(-(double)i * i / (2 * sigma * sigma));
	for (i = 0; i <= 2 * r; i++)
		k[i] /= (float)sum;
	for (y = 0; y < h; y++) {
		float *row = p + (size_t)y * w;

		for (x = 0; x < w; x++) {
			float acc = 0;

			for (i = -r; i <= r; i++) {
				int xx = x + i < 0 ? 0 : x + i >= w ? w - 1 : x + i;

				acc += k[i + r] * row[xx];
			}
			tmp[x] = acc;
		}
		memcpy(row, tmp, (size_t)w * sizeof *tmp);
	}
	for (x = 0; x < w; x++) {
		for (y = 0; y < h; y++) {
			float acc = 0;

			for (i = -r; i <= r; i++) {
				int yy = y + i < 0 ? 0 : y + i >= h ? h - 1 : y + i;

				acc += k[i + r] * p[(size_t)yy * w + x];
			}
			tmp[y] = acc;
		}
		for (y = 0; y < h; y++)
			p[(size_t)y * w + x] = tmp[y];
	}
	free(k);
	free(tmp);
	return 0;
}

/* A smooth random field in 0..1 over a w x h picture (value noise on a
 * coarse grid, several octaves), for the table's texture. */
static double photosim_texture(const float *grid, int gn, double x, double y)
{
	double gx = x * (gn - 1), gy = y * (gn - 1);
	int x0 = (int)gx, y0 = (int)gy;
	double fx = gx - x0, fy = gy - y0;

	if (x0 >= gn - 1) { x0 = gn - 2; fx = 1; }
	if (y0 >= gn - 1) { y0 = gn - 2; fy = 1; }
	fx = fx * fx * (3 - 2 * fx);
	fy = fy * fy * (3 - 2 * fy);
	return (1 - fy) * ((1 - fx) * grid[y0 * gn + x0] +
			   fx * grid[y0 * gn + x0 + 1]) +
	       fy * ((1 - fx) * grid[(y0 + 1) * gn + x0] +
		     fx * grid[(y0 + 1) * gn + x0 + 1]);
}

/* ---------------------------------------------------------------------
 * JPEG
 * ------------------------------------------------------------------- */

struct photosim_jerr {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
};

static void photosim_jpeg_error(j_common_ptr c)
{
	longjmp(((struct photosim_jerr *)c->err)->jump, 1);
}

/* Turn w x h RGB pixels as a camera that stores EXIF orientation `o`
 * does: the stored picture, shown turned as `o` says, is the upright one.
 * New buffer (NULL when out of memory); *ow, *oh its size. */
static unsigned char *photosim_store_turned(const unsigned char *rgb, int w,
					    int h, int o, int *ow, int *oh)
{
	unsigned char *out = malloc((size_t)w * h * 3);
	int x, y;

	if (!out)
		return NULL;
	*ow = (o == 6 || o == 8) ? h : w;
	*oh = (o == 6 || o == 8) ? w : h;
	for (y = 0; y < h; y++) {
		for (x = 0; x < w; x++) {
			int sx, sy; /* stored position of upright (x, y) */

			switch (o) {
			case 3: sx = w - 1 - x; sy = h - 1 - y; break;
			/* 6: shown turned 90 degrees clockwise. */
			case 6: sx = y; sy = w - 1 - x; break;
			/* 8: shown turned 90 degrees anticlockwise. */
			case 8: sx = h - 1 - y; sy = x; break;
			default: sx = x; sy = y; break;
			}
			memcpy(out + ((size_t)sy * *ow + sx) * 3,
			       rgb + ((size_t)y * w + x) * 3, 3);
		}
	}
	return out;
}

/* Encode RGB pixels as a JPEG into `out`, with an EXIF orientation tag
 * when `orientation` is not 1.  LT_OK, LT_ENOMEM or LT_EINTERNAL. */
static int photosim_write_jpeg(lt_buf *out, const unsigned char *rgb, int w,
			       int h, int quality, int orientation)
{
	struct jpeg_compress_struct c;
	struct photosim_jerr err;
	unsigned char *mem = NULL;
	unsigned long size = 0;
	int rc;

	c.err = jpeg_std_error(&err.mgr);
	err.mgr.error_exit = photosim_jpeg_error;
	if (setjmp(err.jump)) {
		jpeg_destroy_compress(&c);
		free(mem);
		return lt_error_set(LT_EINTERNAL, "photosim: JPEG encoding "
						  "failed");
	}
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &mem, &size);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, quality, TRUE);
	jpeg_start_compress(&c, TRUE);
	if (orientation != 1) {
		unsigned char app1[] = {
			'E', 'x', 'i', 'f', 0, 0,
			'I', 'I', 42, 0, 8, 0, 0, 0,      /* TIFF header */
			1, 0,                             /* one entry */
			0x12, 0x01, 3, 0, 1, 0, 0, 0,     /* orientation */
			(unsigned char)orientation, 0, 0, 0,
			0, 0, 0, 0                        /* no next IFD */
		};

		jpeg_write_marker(&c, JPEG_APP0 + 1, app1, sizeof app1);
	}
	while (c.next_scanline < c.image_height) {
		JSAMPROW row = (JSAMPROW)(rgb + (size_t)c.next_scanline * w * 3);

		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	rc = lt_buf_append(out, mem, size);
	free(mem);
	return rc;
}

/* ---------------------------------------------------------------------
 * The photo
 * ------------------------------------------------------------------- */

/*
 * Photograph the page `page` (grey or RGB) as `o` says; the JPEG bytes
 * are appended to `jpeg`.  LT_OK, LT_ENOMEM, LT_EUSAGE.
 */
static int photosim_make(lt_buf *jpeg, const lt_image *page,
			 const photosim_options *o)
{
	uint64_t rs = o->seed * 0x2545f4914f6cdd1dULL + 1;
	int pw = page->width, ph = page->height, ow, oh, x, y, rc, gn = 12;
	unsigned char *g = NULL, *rgb = NULL, *stored = NULL;
	float *plane = NULL, grid[3][12 * 12];
	double tx, ty, rot, dist, sx[4], sy[4], fx0, fy0, fx1, fy1, s;
	double u[4], v[4], X[4], Y[4], hm[8], cy0, cy1, ldir, lamp;
	int i, sw, sh, k;

	if (pw < 16 || ph < 16 || o->max_side < 64 || o->quality < 1 ||
	    o->quality > 100)
		return lt_error_set(LT_EUSAGE, "photosim: bad options");
	g = malloc((size_t)pw * ph);
	if (!g)
		return lt_error_set(LT_ENOMEM, "out of memory");
	for (i = 0; i < pw * ph; i++) {
		const unsigned char *p = page->pixels + (size_t)i * page->channels;

		g[i] = page->channels == 1
			       ? p[0]
			       : (unsigned char)((299 * p[0] + 587 * p[1] +
						  114 * p[2] + 500) / 1000);
	}

	/* Camera pose: the tilt's direction and the sign of the turn come
	 * from the seed, their sizes from the options. */
	tx = o->perspective * M_PI / 180 * (photosim_unit(&rs) < 0.5 ? -1 : 1);
	ty = o->perspective * 0.3 * M_PI / 180 *
	     (photosim_unit(&rs) < 0.5 ? -1 : 1);
	rot = o->rotate * M_PI / 180 * (photosim_unit(&rs) < 0.5 ? -1 : 1);
	dist = 1.8 * ph;

	/* The framed part of the page (page pixels from its centre). */
	cy0 = -ph / 2.0;
	cy1 = ph / 2.0;
	if (o->crop == PHOTOSIM_CROP_TOP)
		cy1 = 0;
	else if (o->crop == PHOTOSIM_CROP_BOTTOM)
		cy0 = 0;
	X[0] = -pw / 2.0; Y[0] = cy0;
	X[1] = pw / 2.0;  Y[1] = cy0;
	X[2] = pw / 2.0;  Y[2] = cy1;
	X[3] = -pw / 2.0; Y[3] = cy1;
	for (i = 0; i < 4; i++)
		photosim_project(&sx[i], &sy[i], X[i], Y[i], tx, ty, rot, dist);
	fx0 = fx1 = sx[0];
	fy0 = fy1 = sy[0];
	for (i = 1; i < 4; i++) {
		fx0 = fmin(fx0, sx[i]);
		fx1 = fmax(fx1, sx[i]);
		fy0 = fmin(fy0, sy[i]);
		fy1 = fmax(fy1, sy[i]);
	}
	{
		double mx = 0.09 * (fx1 - fx0), my = 0.09 * (fy1 - fy0);

		fx0 -= mx;
		fx1 += mx;
		/* A crop's frame cuts through the page on the cut side. */
		if (o->crop == PHOTOSIM_CROP_TOP) {
			fy0 -= my;
			fy1 -= 0.04 * (fy1 - fy0);
		} else if (o->crop == PHOTOSIM_CROP_BOTTOM) {
			fy0 += 0.04 * (fy1 - fy0);
			fy1 += my;
		} else {
			fy0 -= my;
			fy1 += my;
		}
	}
	s = o->max_side / fmax(fx1 - fx0, fy1 - fy0);
	ow = (int)((fx1 - fx0) * s + 0.5);
	oh = (int)((fy1 - fy0) * s + 0.5);

	/* Map output pixels back to page pixels through the whole page's
	 * corners. */
	X[0] = -pw / 2.0; Y[0] = -ph / 2.0;
	X[1] = pw / 2.0;  Y[1] = -ph / 2.0;
	X[2] = pw / 2.0;  Y[2] = ph / 2.0;
	X[3] = -pw / 2.0; Y[3] = ph / 2.0;
	for (i = 0; i < 4; i++) {
		double px, py;

		photosim_project(&px, &py, X[i], Y[i], tx, ty, rot, dist);
		u[i] = (px - fx0) * s;
		v[i] = (py - fy0) * s;
		X[i] += pw / 2.0;
		Y[i] += ph / 2.0;
	}
	if (lt_photo_homography(hm, u, v, X, Y) != 0) {
		free(g);
		return lt_error_set(LT_EUSAGE, "photosim: degenerate pose");
	}

	plane = malloc((size_t)ow * oh * 3 * sizeof *plane);
	rgb = malloc((size_t)ow * oh * 3);
	if (!plane || !rgb) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	for (k = 0; k < 3; k++)
		for (i = 0; i < gn * gn; i++)
			grid[k][i] = (float)photosim_unit(&rs);
	ldir = photosim_unit(&rs) * 2 * M_PI;
	lamp = 0.2 + 0.6 * photosim_unit(&rs);

	/* Draw: 3 x 3 samples a pixel, page or table. */
	for (y = 0; y < oh; y++) {
		for (x = 0; x < ow; x++) {
			double acc[3] = {0, 0, 0}, light, nx, ny, r2;
			int a, b;

			for (a = 0; a < 3; a++) {
				for (b = 0; b < 3; b++) {
					double uu = x + (b + 0.5) / 3;
					double vv = y + (a + 0.5) / 3;
					double d = hm[6] * uu + hm[7] * vv + 1;
					double pxp = (hm[0] * uu + hm[1] * vv + hm[2]) / d;
					double pyp = (hm[3] * uu + hm[4] * vv + hm[5]) / d;
					double val = photosim_sample(g, pw, ph, pxp, pyp);

					if (val >= 0) {
						val *= 0.92;
						acc[0] += val;
						acc[1] += val * 0.98;
						acc[2] += val * 0.93;
					} else {
						double tu = (double)x / ow, tv = (double)y / oh;
						double t0 = photosim_texture(grid[0], gn, tu, tv);
						double t1 = photosim_texture(grid[1], gn, tu * 0.3 + 0.2, tv);
						double grain = 0.5 + 0.5 * sin(tv * 180 + 6 * t1);
						double base = 55 + 45 * t0 + 15 * grain;

						acc[0] += base;
						acc[1] += base * 0.78;
						acc[2] += base * 0.58;
					}
				}
			}
			/* Light: a gradient across the picture and a vignette. */
			nx = (double)x / ow - 0.5;
			ny = (double)y / oh - 0.5;
			r2 = nx * nx + ny * ny;
			light = 1 - o->light * (0.5 + nx * cos(ldir) + ny * sin(ldir)) *
					    (0.6 + 0.4 * lamp);
			light *= 1 - o->light * 0.6 * r2;
			if (light < 0.1)
				light = 0.1;
			for (k = 0; k < 3; k++)
				plane[(size_t)k * ow * oh + (size_t)y * ow + x] =
					(float)(acc[k] / 9 * light);
		}
	}
	for (k = 0; k < 3; k++) {
		if (photosim_blur(plane + (size_t)k * ow * oh, ow, oh, o->blur) != 0) {
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			goto out;
		}
	}
	for (i = 0; i < ow * oh; i++) {
		/* Luminance noise shared by the channels, plus a little of
		 * each channel's own. */
		double common = photosim_gauss(&rs) * o->noise;

		for (k = 0; k < 3; k++) {
			double val = plane[(size_t)k * ow * oh + i] + common +
				     0.3 * o->noise * photosim_gauss(&rs);

			rgb[(size_t)i * 3 + k] =
				(unsigned char)(val < 0 ? 0 : val > 255 ? 255 : val + 0.5);
		}
	}
	sw = ow;
	sh = oh;
	if (o->orientation == 3 || o->orientation == 6 || o->orientation == 8) {
		stored = photosim_store_turned(rgb, ow, oh, o->orientation, &sw,
					       &sh);
		if (!stored) {
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			goto out;
		}
	}
	rc = photosim_write_jpeg(jpeg, stored ? stored : rgb, sw, sh, o->quality,
				 stored ? o->orientation : 1);
out:
	free(stored);
	free(rgb);
	free(plane);
	free(g);
	return rc;
}

#endif
