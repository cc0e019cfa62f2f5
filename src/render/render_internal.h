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
/* Justified text: the most a word gap may grow, in points (a space is
 * 2.75); a line that would need more is stretched this far only. */
#define LT_JUSTIFY_MAX 4.0

/*
 * Markdown on the page (markdown.c).  Headings of levels 1, 2 and 3 (and
 * deeper, as 3) print bold at these sizes on a pitch of 1.25 times their
 * size, with extra space before and after; list items hang from an
 * indent with their bullet or number before it.
 */
#define LT_HEADING_SIZES {LT_FONT_SIZE, 15.0, 13.0, 11.5}
#define LT_HEADING_PITCH 1.25 /* times the heading's size */
#define LT_HEADING_BEFORE 6.0
#define LT_HEADING_AFTER 2.0
#define LT_LIST_INDENT 18.0
#define LT_MARKER_GAP 5.0   /* from a list marker to its item's text */

/* Style of a byte of the plain text on the page. */
#define LT_STYLE_HIDDEN 0x01 /* markup: not printed */
#define LT_STYLE_BOLD 0x02
#define LT_STYLE_ITALIC 0x04
#define LT_STYLE_LEVEL_SHIFT 3 /* bits 3-4: heading level 1-3, 0 body */
#define LT_STYLE_LEVEL(m) (((m) >> LT_STYLE_LEVEL_SHIFT) & 3)

/* One source line of Markdown: a heading (level 1-3) or a list item (its
 * printed marker), and where its printed content starts. */
typedef struct lt_md_block_info {
	int heading;
	int list;
	char marker[16];
	size_t content;
} lt_md_block_info;

/* Is the plain text Markdown (an ATX heading or a **strong** span)? */
int lt_md_detect(const char *t, size_t len);
/* The block kind of source line t[a..e). */
void lt_md_block(lt_md_block_info *b, const char *t, size_t a, size_t e);
/* Emphasis in t[a..e): markup bytes HIDDEN, spans BOLD or ITALIC, ORed
 * into style[a..e). */
void lt_md_inline(uint8_t *style, const char *t, size_t a, size_t e);

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
 * One carrier a slot: the accusation sums every symbol's evidence, and
 * single carriers read right four times in five give it more than three
 * voting on one symbol (measured on phone photos: half a page among 100
 * named 4/10 instead of 0/10, a whole page among 10,000 at blur 1.5
 * 9/10 instead of 5/10).
 */
#define LT_LINE_SHIFT 0.14
#define LT_WORD_SHIFT 0.23
#define LT_CARRIERS_PER_SLOT 1
/* A carrier's measured shift, in units of its nominal shift, is clipped to
 * this before it is averaged: one wild measurement (a word lost, a line
 * merged) counts no more than a strong one. */
#define LT_SHIFT_CLIP 2.5
/* A slot is read from the mean m of its carriers' chip-signed shifts (in
 * units of the nominal shift), from at least LT_SLOT_MIN_SEEN carriers:
 * symbol 1 when m > 0, 0 when m < 0, with the weight (code.h, LT_OBS)
 * min(1, |m| / LT_SLOT_FULL) rounded down to eighths; unread below one
 * eighth.  A soft decision: measured on phone photos, a hard one (read
 * only from |m| >= 0.5) gave about ten times weaker evidence. */
#define LT_SLOT_FULL 1.0
#define LT_SLOT_MIN_SEEN 1
/* Lines read as justified only when their widths fit the justified plan
 * with less than this fraction of the spread they show against the ragged
 * one (layout.c, justified()).  Measured: justified pages 0.75 or less
 * (text layers and ink boxes alike); ragged photos far above 1, but half
 * pages whose few lines barely stretch from 0.94, which a plain "less"
 * read as justified, losing or misreading half their word marks. */
#define LT_JUSTIFIED_SPREAD 0.85
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
	/* Its width with every slot at its widest variant, and how much
	 * each of its gaps (runs of spaces) grows when the text is justified
	 * (0 for a paragraph's last line and for headings), in points. */
	double width, stretch;
	uint32_t gaps;       /* the gaps that stretch with its widest variants */
	uint8_t heading;     /* Markdown heading level 1-3, or 0 */
	uint8_t styled;      /* holds Markdown styles (bold, italic...) */
	double indent;       /* left indent (a list item's), points */
	char marker[16];     /* a list item's bullet or number, first line */
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
	/* Per byte of the plain text, LT_STYLE_* when it is Markdown, else
	 * NULL. */
	uint8_t *style;
};

/* Page `page` of a copy rendered at `dpi` as luminance 0..255, row-major
 * (*width x *height floats; the caller frees *luma): for hashing the page
 * images of issued copies. */
int lt_render_page_luma(float **luma, int *width, int *height,
			const lt_layout_plan *p, const lt_slot_set *set,
			const uint8_t *sym, const lt_render_options *opt,
			size_t page, double dpi);

#endif
