/*
 * bench_photo.c - seconds per photographed page, split into decoding,
 * rectification (page finding, perspective, light, deskew, sharpening) and
 * OCR, on one core.  Prints figures only; asserts nothing.
 *
 * A one-page memo is typeset (A4, 11 pt serif, 150 dpi) and photographed
 * with the phone-photo simulator (tests/tools/photosim.h): turned 5
 * degrees, 15 degrees of perspective, noise, uneven light, JPEG quality
 * 50, at 1200 px a side with a sharp lens (blur 0.7 px) and at 2400 px
 * with blur 1.5 px.  Each photo is read ROUNDS times; medians are printed
 * with the number of words read.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include <cairo.h>
#include <pango/pangocairo.h>
#pragma GCC diagnostic pop

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "leaktrace/extract.h"
#include "leaktrace/image.h"
#include "leaktrace/photo.h"
#include "read/photo_internal.h"
#include "../tests/tools/photosim.h"

#define ROUNDS 3
#define PAGE_W 1240
#define PAGE_H 1754

static const char *const memo =
	"MINISTRY OF PUBLIC WORKS\nDirectorate of Finance and Planning\n\n"
	"MEMORANDUM\n\nTo: Heads of Regional Offices\n"
	"From: Director of Finance and Planning\nDate: 14 March 2024\n"
	"Subject: Revised capital budget for the 2024-25 financial year\n\n"
	"1. Following the review completed last month, the Ministry has "
	"approved a revised capital budget of $48.6 million for the 2024-25 "
	"financial year. This represents a reduction of approximately 7 "
	"percent compared with the figure published in the original "
	"estimates.\n\n"
	"2. Regional offices should review their planned projects before the "
	"end of April and report any commitments that cannot be deferred. "
	"Projects that have not yet reached the tender stage will be "
	"reconsidered in the light of the revised allocation.\n\n"
	"3. Maintenance of existing roads, bridges and drainage works remains "
	"the first priority. New construction will proceed only where funds "
	"were committed under signed contracts, or where the work is required "
	"for the safety of the public.\n\n"
	"4. Requests for additional funding must be accompanied by a short "
	"justification, an estimate prepared by a qualified engineer and a "
	"timetable for the work.\n\n"
	"5. This memorandum should be shared with the finance officers and "
	"project managers of each office.\n";

/* Typeset the memo into a grey A4 page at 150 dpi (NULL on failure). */
static unsigned char *typeset(void)
{
	cairo_surface_t *s =
		cairo_image_surface_create(CAIRO_FORMAT_RGB24, PAGE_W, PAGE_H);
	cairo_t *cr = cairo_create(s);
	PangoLayout *layout = pango_cairo_create_layout(cr);
	PangoFontDescription *font =
		pango_font_description_from_string("Liberation Serif 11");
	unsigned char *grey = malloc((size_t)PAGE_W * PAGE_H), *data;
	int stride, x, y;

	pango_cairo_context_set_resolution(pango_layout_get_context(layout),
					   150);
	pango_layout_context_changed(layout);
	pango_layout_set_font_description(layout, font);
	pango_layout_set_width(layout, (PAGE_W - 300) * PANGO_SCALE);
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
	pango_layout_set_line_spacing(layout, 1.25f);
	pango_layout_set_text(layout, memo, -1);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_move_to(cr, 150, 150);
	pango_cairo_show_layout(cr, layout);
	cairo_surface_flush(s);
	data = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	for (y = 0; grey && y < PAGE_H; y++)
		for (x = 0; x < PAGE_W; x++)
			grey[(size_t)y * PAGE_W + x] =
				data[(size_t)y * stride + 4 * x + 1];
	pango_font_description_free(font);
	g_object_unref(layout);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return grey;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void bench(const char *what, const unsigned char *grey, double blur,
		  int side)
{
	photosim_options o;
	lt_image page = {0};
	lt_buf jpeg = {0};
	double dec[ROUNDS], rect[ROUNDS], ocr[ROUNDS], tot[ROUNDS];
	size_t words = 0;
	int r;

	photosim_defaults(&o, 1);
	o.blur = blur;
	o.max_side = side;
	page.width = PAGE_W;
	page.height = PAGE_H;
	page.channels = 1;
	page.pixels = (unsigned char *)grey;
	if (photosim_make(&jpeg, &page, &o) != LT_OK) {
		printf("%s: %s\n", what, lt_error_message());
		return;
	}
	for (r = 0; r < ROUNDS; r++) {
		lt_image_options opt = {0};
		lt_image *img = NULL;
		lt_extract *e = calloc(1, sizeof *e);
		double t0 = lt_photo_now();

		opt.apply_orientation = 1;
		opt.luminance = 1;
		if (!e || lt_image_decode(&img, jpeg.data, jpeg.len, what, &opt) !=
				  LT_OK) {
			printf("%s: %s\n", what, lt_error_message());
			free(e);
			break;
		}
		dec[r] = lt_photo_now() - t0;
		if (lt_photo_extract_pixels(e, img->pixels, img->width,
					    img->height, img->channels,
					    img->width * img->channels) != LT_OK)
			printf("%s: %s\n", what, lt_error_message());
		rect[r] = e->t_rectify;
		ocr[r] = e->t_ocr;
		tot[r] = lt_photo_now() - t0;
		words = e->nwords;
		lt_image_free(img);
		lt_extract_free(e);
	}
	if (r == ROUNDS) {
		qsort(dec, ROUNDS, sizeof *dec, cmp_double);
		qsort(rect, ROUNDS, sizeof *rect, cmp_double);
		qsort(ocr, ROUNDS, sizeof *ocr, cmp_double);
		qsort(tot, ROUNDS, sizeof *tot, cmp_double);
		printf("%-28s %6.3f s decode  %6.3f s rectify  %6.3f s OCR  "
		       "%6.3f s total  (%zu words, %zu KB JPEG)\n",
		       what, dec[ROUNDS / 2], rect[ROUNDS / 2], ocr[ROUNDS / 2],
		       tot[ROUNDS / 2], words, jpeg.len / 1024);
	}
	lt_buf_free(&jpeg);
}

int main(void)
{
	unsigned char *grey = typeset();

	if (!grey) {
		fprintf(stderr, "bench_photo: out of memory\n");
		return 1;
	}
	printf("photographed A4 page, medians of %d reads, one core:\n",
	       ROUNDS);
	bench("phone photo 1200 px", grey, 0.7, 1200);
	bench("phone photo 2400 px", grey, 1.5, 2400);
	free(grey);
	return 0;
}
