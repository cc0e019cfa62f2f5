/*
 * photosim.c - make a phone photo of a printed page, for tests and demos.
 *
 *   photosim IN.png OUT.jpg [--seed N] [--rotate DEG] [--perspective DEG]
 *            [--blur SIGMA] [--noise SIGMA] [--light GRADIENT]
 *            [--quality Q] [--max-side PX] [--crop top|bottom|none]
 *            [--orientation 1|3|6|8]
 *
 * Defaults are the worst conditions a phone photo is expected to meet
 * (5 degrees turned, 15 degrees of perspective, blur 1.5 px, noise 6
 * levels, light falling by 40%, JPEG quality 50, 1200 px long side).  The
 * same options and seed give the same bytes (photosim.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "leaktrace/image.h"
#include "photosim.h"

static void usage(void)
{
	fprintf(stderr,
		"usage: photosim IN.png OUT.jpg [--seed N] [--rotate DEG] "
		"[--perspective DEG]\n"
		"                [--blur SIGMA] [--noise SIGMA] [--light G] "
		"[--quality Q]\n"
		"                [--max-side PX] [--crop top|bottom|none] "
		"[--orientation 1|3|6|8]\n");
}

/* Parse a number option's value; 0 or -1. */
static int number(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int main(int argc, char **argv)
{
	photosim_options o;
	lt_image *img = NULL;
	lt_buf jpeg = {0};
	FILE *f;
	int i, rc;

	if (argc < 3) {
		usage();
		return 2;
	}
	photosim_defaults(&o, 1);
	for (i = 3; i < argc; i++) {
		const char *opt = argv[i];
		double v = 0;
		int bad = 0;

		if (i + 1 >= argc) {
			usage();
			return 2;
		}
		if (strcmp(opt, "--crop") == 0) {
			const char *c = argv[++i];

			if (strcmp(c, "top") == 0)
				o.crop = PHOTOSIM_CROP_TOP;
			else if (strcmp(c, "bottom") == 0)
				o.crop = PHOTOSIM_CROP_BOTTOM;
			else if (strcmp(c, "none") == 0)
				o.crop = PHOTOSIM_CROP_NONE;
			else
				bad = 1;
		} else if (strcmp(opt, "--seed") == 0) {
			bad = number(argv[++i], 0, 1e15, &v);
			o.seed = (uint64_t)v;
		} else if (strcmp(opt, "--rotate") == 0) {
			bad = number(argv[++i], -45, 45, &o.rotate);
		} else if (strcmp(opt, "--perspective") == 0) {
			bad = number(argv[++i], -40, 40, &o.perspective);
		} else if (strcmp(opt, "--blur") == 0) {
			bad = number(argv[++i], 0, 10, &o.blur);
		} else if (strcmp(opt, "--noise") == 0) {
			bad = number(argv[++i], 0, 64, &o.noise);
		} else if (strcmp(opt, "--light") == 0) {
			bad = number(argv[++i], 0, 0.9, &o.light);
		} else if (strcmp(opt, "--quality") == 0) {
			bad = number(argv[++i], 1, 100, &v);
			o.quality = (int)v;
		} else if (strcmp(opt, "--max-side") == 0) {
			bad = number(argv[++i], 64, 10000, &v);
			o.max_side = (int)v;
		} else if (strcmp(opt, "--orientation") == 0) {
			bad = number(argv[++i], 1, 8, &v);
			o.orientation = (int)v;
			if (v != 1 && v != 3 && v != 6 && v != 8)
				bad = 1;
		} else {
			bad = 1;
		}
		if (bad) {
			fprintf(stderr, "photosim: bad option %s %s\n", opt,
				argv[i]);
			return 2;
		}
	}
	rc = lt_image_load(&img, argv[1], NULL);
	if (rc != LT_OK) {
		fprintf(stderr, "photosim: %s\n", lt_error_message());
		return 2;
	}
	rc = photosim_make(&jpeg, img, &o);
	lt_image_free(img);
	if (rc != LT_OK) {
		fprintf(stderr, "photosim: %s\n", lt_error_message());
		lt_buf_free(&jpeg);
		return 1;
	}
	f = fopen(argv[2], "wb");
	if (!f || fwrite(jpeg.data, 1, jpeg.len, f) != jpeg.len ||
	    fclose(f) != 0) {
		fprintf(stderr, "photosim: cannot write %s\n", argv[2]);
		lt_buf_free(&jpeg);
		return 1;
	}
	lt_buf_free(&jpeg);
	return 0;
}
