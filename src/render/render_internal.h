/*
 * render_internal.h - the layout plan as the renderer (render.c) and the
 * reader (layout.c) share it, and Pango set-up both use.
 *
 * Geometry.  The plan is laid out in points in a text block of fixed size
 * that fits both A4 and Letter with 2.5 cm margins (the width of A4's
 * block, the height of Letter's), so lines and pages do not depend on the
 * paper, the banner or the footer: those sit in the margins, whose space is
 * always reserved.  A plan made at trace time from the document's slot set
 * alone is therefore the plan every copy was rendered with.
 */
#ifndef LT_RENDER_INTERNAL_H
#define LT_RENDER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/render.h"
#include "leaktrace/text.h"

#define LT_PT_PER_CM (72.0 / 2.54)
#define LT_MARGIN (2.5 * LT_PT_PER_CM)
#define LT_BODY_WIDTH (595.2756 - 2 * LT_MARGIN)  /* A4 */
#define LT_BODY_HEIGHT (792.0 - 2 * LT_MARGIN)    /* Letter */
#define LT_FONT_FAMILY "Liberation Serif"
#define LT_FONT_SIZE 14.0
#define LT_LINE_PITCH 18.0
#define LT_PARA_GAP 7.0   /* extra space before a paragraph */
#define LT_LINE_SLACK 0.06 /* room left on every line, of the width */

/* Layout marks: vertical shift of a data line, horizontal shift of a marked
 * word, in points.  The reader accepts a symbol only when the measured
 * shift is beyond half of these in the right direction and below
 * LT_SHIFT_MAX_RATIO times them. */
#define LT_LINE_SHIFT 1.0
#define LT_WORD_SHIFT 1.2
#define LT_SHIFT_MARGIN 0.5
#define LT_SHIFT_MAX_RATIO 2.5
/* Plausible gaps beside a marked word, in points (a space is 3.5). */
#define LT_GAP_MIN 0.4
#define LT_GAP_MAX 6.0
/* Ink of a word spans at most about 0.95 of the font size (ascender to
 * descender); an OCR box taller than this, and than LT_BOX_HEIGHT_RATIO
 * times the median box of its line, holds more than the word, and its
 * sides cannot be trusted. */
#define LT_INK_HEIGHT_MAX 1.05
#define LT_BOX_HEIGHT_RATIO 1.15

typedef struct lt_plan_line {
	uint32_t start, end; /* byte range of the plain text */
	uint32_t page;       /* plan page */
	uint32_t index;      /* line on its page */
	double y;            /* baseline, points below the top of the block */
	uint32_t word_start, word_end; /* the marked word (plain bytes), or 0 */
	int32_t line_slot;   /* layout slot of the vertical shift, or -1 */
	int32_t word_slot;   /* layout slot of the word shift, or -1 */
} lt_plan_line;

struct lt_layout_plan {
	lt_plan_line *lines;
	size_t nlines;
	size_t npages;
	size_t nslots;
	lt_paper paper;
};

/* Page `page` of a copy rendered at `dpi` as luminance 0..255, row-major
 * (*width x *height floats; the caller frees *luma): for hashing the page
 * images of issued copies. */
int lt_render_page_luma(float **luma, int *width, int *height,
			const lt_layout_plan *p, const lt_slot_set *set,
			const uint8_t *sym, const lt_render_options *opt,
			size_t page, double dpi);

#endif
