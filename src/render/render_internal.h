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
#define LT_FONT_SIZE 11.0  /* body type, points */
#define LT_LINE_PITCH 13.75 /* baseline to baseline: 1.25 times the type */
#define LT_PARA_GAP 5.5   /* extra space before a paragraph */
#define LT_LINE_SLACK 0.005 /* room left on every line, of the width */

/*
 * Layout marks.  Carriers: every data line (every other line of a page)
 * is moved up or down by lt_layout_plan.line_shift points, and on every
 * line every other word whose neighbours are plain words is moved left or
 * right by lt_layout_plan.word_shift points (its left gap grows as its
 * right gap shrinks).  The defaults keep two copies within 0.3 pt of each
 * other in every line distance and within 0.5 pt in every word gap.  A
 * layout slot (one binary code symbol) is carried by about
 * LT_CARRIERS_PER_SLOT neighbouring carriers, each with its own sign
 * (chip), and read by correlating their measured shifts with the chips.
 */
#define LT_LINE_SHIFT 0.14
#define LT_WORD_SHIFT 0.23
#define LT_CARRIERS_PER_SLOT 3
/* A carrier's measured shift, in units of its nominal shift, is clipped to
 * this before it is averaged: one wild measurement (a word lost, a line
 * merged) counts no more than a strong one. */
#define LT_SHIFT_CLIP 2.5
/* A slot is read when the mean of its carriers' chip-signed shifts (in
 * units of the nominal shift) is at least this far from zero, from at
 * least LT_SLOT_MIN_SEEN carriers; otherwise it stays unread. */
#define LT_SLOT_DECIDE 0.35
#define LT_SLOT_MIN_SEEN 2
/* Three words seen (centre to centre) at a scale further than this from
 * their page's hold a word lost or merged by the reader. */
#define LT_SCALE_TOLERANCE 0.04
/* Plausible gaps beside a marked word in a text layer, in points (a space
 * is 2.75). */
#define LT_GAP_MIN 0.3
#define LT_GAP_MAX 5.0
/* Ink of a word spans at most about 0.95 of the font size (ascender to
 * descender); an OCR box taller than this, and than LT_BOX_HEIGHT_RATIO
 * times the median box of its line, holds more than the word, and its
 * sides cannot be trusted. */
#define LT_INK_HEIGHT_MAX 1.05
#define LT_BOX_HEIGHT_RATIO 1.15

/* A word carrier: a word of a line moved left or right. */
typedef struct lt_plan_word {
	uint32_t start, end; /* plain bytes of the word */
	int32_t slot;        /* layout slot it carries */
	int8_t chip;         /* +1: symbol 1 moves it right; -1: left */
	/* Its distances to its left and right neighbours, centre of ink
	 * to centre of ink, when unmoved, in points: what a reading of ink
	 * (OCR boxes centred on their ink, photo.c) compares with. */
	double centre_left, centre_right;
} lt_plan_word;

typedef struct lt_plan_line {
	uint32_t start, end; /* byte range of the plain text */
	uint32_t page;       /* plan page */
	uint32_t index;      /* line on its page */
	double y;            /* baseline, points below the top of the block */
	uint8_t para_end;    /* the last line of its paragraph */
	/* A long lexical slot may run over two lines, split between words:
	 * the slot that starts the line shows its variant's words from
	 * skip_words on, the slot that ends it only its first keep_words
	 * words (0: all). */
	uint16_t skip_words, keep_words;
	int32_t line_slot;   /* layout slot of the vertical shift, or -1 */
	int8_t line_chip;    /* +1: symbol 1 moves it down; -1: up */
	uint32_t first_word, nwords; /* its word carriers in plan->words */
} lt_plan_line;

struct lt_layout_plan {
	lt_plan_line *lines;
	size_t nlines;
	lt_plan_word *words;
	size_t nwords;
	size_t npages;
	size_t nslots;
	lt_paper paper;
	/* Size of the marks, in points: LT_LINE_SHIFT and LT_WORD_SHIFT,
	 * which a trace assumes; changed after the plan is made only to
	 * measure what another size costs and gains (tests, benches). */
	double line_shift, word_shift;
};

/* Page `page` of a copy rendered at `dpi` as luminance 0..255, row-major
 * (*width x *height floats; the caller frees *luma): for hashing the page
 * images of issued copies. */
int lt_render_page_luma(float **luma, int *width, int *height,
			const lt_layout_plan *p, const lt_slot_set *set,
			const uint8_t *sym, const lt_render_options *opt,
			size_t page, double dpi);

#endif
