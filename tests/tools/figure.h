/*
 * figure.h - a test figure drawn with Cairo: a chart and a small map on
 * one canvas (flat fills, thin lines, text, one smooth shaded area), the
 * kind of picture the image channel marks.  Shared by the figure tool and
 * the image-mark tests (included once per program; every function is
 * static).  The same size and seed give the same pixels.
 */
#ifndef LEAKTRACE_FIGURE_H
#define LEAKTRACE_FIGURE_H

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "leaktrace/image.h"

static double figure_unit(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	return (z >> 11) * (1.0 / 9007199254740992.0);
}

/* Draw the figure into a new RGB lt_image of w x h (NULL when out of
 * memory); free with lt_image_free(). */
static lt_image *figure_draw(int w, int h, uint64_t seed)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);
	lt_image *img = calloc(1, sizeof(*img));
	uint64_t rs = seed * 0x2545f4914f6cdd1dULL + 7;
	double sx = w / 1000.0, sy = h / 700.0;
	int i, x, y, stride;
	unsigned char *data;

	if (!img || !(img->pixels = malloc((size_t)w * h * 3))) {
		free(img);
		cairo_destroy(cr);
		cairo_surface_destroy(s);
		return NULL;
	}
	cairo_scale(cr, sx, sy);
	/* page */
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	/* left: a bar chart with grid lines, axis labels and a trend line */
	cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
	cairo_set_line_width(cr, 1);
	for (i = 0; i <= 5; i++) {
		cairo_move_to(cr, 70, 620 - i * 100);
		cairo_line_to(cr, 560, 620 - i * 100);
	}
	cairo_stroke(cr);
	for (i = 0; i < 8; i++) {
		double v = 80 + 420 * figure_unit(&rs);

		cairo_set_source_rgb(cr, 0.20 + 0.05 * (i % 3), 0.40, 0.70 - 0.04 * i);
		cairo_rectangle(cr, 90 + i * 58, 620 - v, 40, v);
		cairo_fill(cr);
	}
	cairo_set_source_rgb(cr, 0.85, 0.33, 0.10);
	cairo_set_line_width(cr, 3);
	for (i = 0; i < 8; i++) {
		double v = 150 + 300 * figure_unit(&rs);

		if (i == 0)
			cairo_move_to(cr, 110, 620 - v);
		else
			cairo_line_to(cr, 110 + i * 58, 620 - v);
	}
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 2);
	cairo_move_to(cr, 70, 100);
	cairo_line_to(cr, 70, 620);
	cairo_line_to(cr, 560, 620);
	cairo_stroke(cr);
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_BOLD);
	cairo_set_font_size(cr, 26);
	cairo_move_to(cr, 70, 60);
	cairo_show_text(cr, "Quarterly deliveries by site");
	cairo_set_font_size(cr, 15);
	for (i = 0; i < 8; i++) {
		char label[8];

		label[0] = 'Q';
		label[1] = (char)('1' + i % 4);
		label[2] = '\0';
		cairo_move_to(cr, 98 + i * 58, 645);
		cairo_show_text(cr, label);
	}
	/* right: a map - shaded relief, regions, a river and towns */
	{
		cairo_pattern_t *g = cairo_pattern_create_radial(780, 330, 20,
								 780, 330, 260);

		cairo_pattern_add_color_stop_rgb(g, 0, 0.93, 0.90, 0.78);
		cairo_pattern_add_color_stop_rgb(g, 1, 0.55, 0.70, 0.52);
		cairo_rectangle(cr, 600, 100, 370, 520);
		cairo_set_source(cr, g);
		cairo_fill(cr);
		cairo_pattern_destroy(g);
	}
	for (i = 0; i < 6; i++) {
		double cx = 640 + 300 * figure_unit(&rs), cy = 140 + 440 * figure_unit(&rs);
		int k;

		cairo_new_path(cr);
		for (k = 0; k < 7; k++) {
			double a = k * 2 * M_PI / 7, r = 30 + 50 * figure_unit(&rs);
			double px = cx + r * cos(a), py = cy + r * sin(a);

			px = px < 600 ? 600 : px > 970 ? 970 : px;
			py = py < 100 ? 100 : py > 620 ? 620 : py;
			if (k == 0)
				cairo_move_to(cr, px, py);
			else
				cairo_line_to(cr, px, py);
		}
		cairo_close_path(cr);
		cairo_set_source_rgba(cr, 0.6 + 0.3 * figure_unit(&rs), 0.5,
				      0.3 + 0.4 * figure_unit(&rs), 0.55);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
		cairo_set_line_width(cr, 1.2);
		cairo_stroke(cr);
	}
	cairo_set_source_rgb(cr, 0.15, 0.35, 0.85);
	cairo_set_line_width(cr, 4);
	cairo_move_to(cr, 600, 180);
	cairo_curve_to(cr, 700, 260, 760, 420, 970, 520);
	cairo_stroke(cr);
	cairo_set_font_size(cr, 14);
	for (i = 0; i < 5; i++) {
		double tx = 630 + 300 * figure_unit(&rs), ty = 150 + 430 * figure_unit(&rs);

		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		cairo_arc(cr, tx, ty, 5, 0, 2 * M_PI);
		cairo_fill(cr);
		cairo_move_to(cr, tx + 8, ty + 5);
		cairo_show_text(cr, i % 2 ? "Northgate" : "Harbour");
	}
	cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
	cairo_set_line_width(cr, 2);
	cairo_rectangle(cr, 600, 100, 370, 520);
	cairo_stroke(cr);
	cairo_surface_flush(s);
	data = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			uint32_t px = *(uint32_t *)(data + (size_t)y * stride + 4 * x);
			unsigned char *o = img->pixels + ((size_t)y * w + x) * 3;

			o[0] = (unsigned char)(px >> 16);
			o[1] = (unsigned char)(px >> 8);
			o[2] = (unsigned char)px;
		}
	img->width = img->file_width = w;
	img->height = img->file_height = h;
	img->channels = 3;
	img->format = LT_IMAGE_PNG;
	img->scale_denom = 1;
	img->orientation = 1;
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return img;
}

#endif
