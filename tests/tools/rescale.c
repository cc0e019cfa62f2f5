/*
 * rescale.c - resize a picture and save it again, as a re-posted
 * screenshot would be: for the image-mark tests.
 *
 *   rescale IN OUT --scale S [--quality Q] [--png]
 *
 * Reads a PNG or JPEG, resamples it by S (bilinear, after a box average
 * when shrinking) and writes a JPEG at quality Q (default 75), or a PNG.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "leaktrace/image.h"
#include "render/image_mark.h"

int main(int argc, char **argv)
{
	double scale = 0, fx, fy;
	int quality = 75, png = 0, i, w, h, x, y, c, ch;
	lt_image *in = NULL, out;
	lt_buf b = {0};
	FILE *f;

	for (i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--scale") && i + 1 < argc)
			scale = atof(argv[++i]);
		else if (!strcmp(argv[i], "--quality") && i + 1 < argc)
			quality = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--png"))
			png = 1;
		else
			argc = 0;
	}
	if (argc < 3 || scale < 0.05 || scale > 8) {
		fprintf(stderr, "usage: rescale IN OUT --scale S [--quality Q] "
			"[--png]\n");
		return 2;
	}
	if (lt_image_load(&in, argv[1], NULL)) {
		fprintf(stderr, "rescale: %s\n", lt_error_message());
		return 1;
	}
	ch = in->channels;
	w = (int)(in->width * scale + 0.5);
	h = (int)(in->height * scale + 0.5);
	out = *in;
	out.width = w;
	out.height = h;
	if (!(out.pixels = malloc((size_t)w * h * ch)))
		return 1;
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			for (c = 0; c < ch; c++) {
				/* the source pixels under this one, averaged */
				double x0 = x / scale, x1 = (x + 1) / scale;
				double y0 = y / scale, y1 = (y + 1) / scale;
				double s = 0, n = 0;
				int sx, sy;

				if (scale >= 1) {
					double cx = (x + 0.5) / scale - 0.5;
					double cy = (y + 0.5) / scale - 0.5;
					int ix = cx < 0 ? 0 : (int)cx;
					int iy = cy < 0 ? 0 : (int)cy;
					int jx = ix + 1 < in->width ? ix + 1 : ix;
					int jy = iy + 1 < in->height ? iy + 1 : iy;
					const unsigned char *p = in->pixels;

					fx = cx - ix < 0 ? 0 : cx - ix;
					fy = cy - iy < 0 ? 0 : cy - iy;
					s = (1 - fy) * ((1 - fx) * p[((size_t)iy * in->width + ix) * ch + c] +
							fx * p[((size_t)iy * in->width + jx) * ch + c]) +
					    fy * ((1 - fx) * p[((size_t)jy * in->width + ix) * ch + c] +
						  fx * p[((size_t)jy * in->width + jx) * ch + c]);
					n = 1;
				} else {
					for (sy = (int)y0; sy < (int)(y1 + 0.999) && sy < in->height; sy++)
						for (sx = (int)x0; sx < (int)(x1 + 0.999) && sx < in->width; sx++) {
							s += in->pixels[((size_t)sy * in->width + sx) * ch + c];
							n++;
						}
				}
				out.pixels[((size_t)y * w + x) * ch + c] =
					(unsigned char)(n ? s / n + 0.5 : 0);
			}
	if (lt_image_encode(&b, &out, png ? LT_IMAGE_PNG : LT_IMAGE_JPEG,
			    quality)) {
		fprintf(stderr, "rescale: %s\n", lt_error_message());
		return 1;
	}
	if (!(f = fopen(argv[2], "wb")) || fwrite(b.data, 1, b.len, f) != b.len ||
	    fclose(f)) {
		fprintf(stderr, "rescale: cannot write %s\n", argv[2]);
		return 1;
	}
	free(out.pixels);
	lt_image_free(in);
	lt_buf_free(&b);
	return 0;
}
