/*
 * figure.c - draw the test figure of the image channel (figure.h).
 *
 *   figure OUT.png [--width W] [--height H] [--seed N]
 *
 * tests/data/images/figure.png is `figure tests/data/images/figure.png`
 * (1000 x 700, seed 1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "render/image_mark.h"
#include "figure.h"

int main(int argc, char **argv)
{
	int w = 1000, h = 700, i;
	unsigned long long seed = 1;
	lt_image *img;
	lt_buf png = {0};
	FILE *f;

	if (argc < 2) {
		fprintf(stderr, "usage: figure OUT.png [--width W] [--height H] "
			"[--seed N]\n");
		return 2;
	}
	for (i = 2; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--width"))
			w = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--height"))
			h = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--seed"))
			seed = strtoull(argv[i + 1], NULL, 10);
		else {
			fprintf(stderr, "figure: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	if (i != argc || w < 16 || h < 16 || w > 10000 || h > 10000) {
		fprintf(stderr, "figure: bad options\n");
		return 2;
	}
	if (!(img = figure_draw(w, h, seed)) ||
	    lt_image_encode(&png, img, LT_IMAGE_PNG, 0)) {
		fprintf(stderr, "figure: %s\n", lt_error_message());
		return 1;
	}
	if (!(f = fopen(argv[1], "wb")) ||
	    fwrite(png.data, 1, png.len, f) != png.len || fclose(f)) {
		fprintf(stderr, "figure: cannot write %s\n", argv[1]);
		return 1;
	}
	lt_image_free(img);
	lt_buf_free(&png);
	return 0;
}
