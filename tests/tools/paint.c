/*
 * paint.c - alter a figure as a forger would: paint a filled rectangle
 * over part of it and save it again, for the tests of verify's figure
 * comparison.
 *
 *   paint IN OUT X0 Y0 X1 Y1 [--value V] [--quality Q] [--png]
 *
 * Reads a PNG or JPEG, sets every sample of the pixels [X0, X1) x [Y0, Y1)
 * to V (default 255, white) and writes a JPEG at quality Q (default 92),
 * or a PNG.
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
	int quality = 92, png = 0, value = 255, i, x, y, c, r[4];
	lt_image *img = NULL;
	lt_buf b = {0};
	FILE *f;

	for (i = 7; i < argc; i++) {
		if (!strcmp(argv[i], "--value") && i + 1 < argc)
			value = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--quality") && i + 1 < argc)
			quality = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--png"))
			png = 1;
		else
			argc = 0;
	}
	if (argc < 7) {
		fprintf(stderr, "usage: paint IN OUT X0 Y0 X1 Y1 [--value V] "
			"[--quality Q] [--png]\n");
		return 2;
	}
	for (i = 0; i < 4; i++)
		r[i] = atoi(argv[3 + i]);
	if (lt_image_load(&img, argv[1], NULL)) {
		fprintf(stderr, "paint: %s\n", lt_error_message());
		return 1;
	}
	for (y = r[1] < 0 ? 0 : r[1]; y < r[3] && y < img->height; y++)
		for (x = r[0] < 0 ? 0 : r[0]; x < r[2] && x < img->width; x++)
			for (c = 0; c < img->channels; c++)
				img->pixels[((size_t)y * img->width + x) *
					    img->channels + c] =
					(unsigned char)value;
	if (lt_image_encode(&b, img, png ? LT_IMAGE_PNG : LT_IMAGE_JPEG,
			    quality)) {
		fprintf(stderr, "paint: %s\n", lt_error_message());
		return 1;
	}
	if (!(f = fopen(argv[2], "wb")) || fwrite(b.data, 1, b.len, f) != b.len ||
	    fclose(f)) {
		fprintf(stderr, "paint: cannot write %s\n", argv[2]);
		return 1;
	}
	lt_buf_free(&b);
	lt_image_free(img);
	return 0;
}
