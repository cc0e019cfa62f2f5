/*
 * render.h - print-ready pages of a marked copy (Cairo and Pango), their
 * layout marks, and reading those marks back from word positions.
 *
 * Layout plan.  A document's pages are laid out ONCE from its plain text
 * (paper, margins, 11 pt serif type on a 13.75 pt pitch, ragged right or
 * justified, see lt_render_options):
 * the line breaks are chosen on the plain text, only at spaces that belong
 * to no lexical slot, so that every copy has exactly the same lines and
 * pages whatever its slot variants.  Typographic slots (quote shapes,
 * double spaces, special spaces) are for digital text only: a page always
 * shows them as the original has them.  Every line of the plan is
 * addressed as (page, line) and starts at a known byte offset of the plain
 * text, so a line seen in a photo or a crop is recognised by its words.
 *
 * Layout marks (Brassil et al., 1995), below perception and spread out.
 * Every other line of a page (a data line, between two control lines) is
 * moved up or down by 0.14 pt, and every other word of a line whose
 * neighbours are plain words is moved left or right by 0.23 pt: between
 * any two copies a line distance differs by at most 0.28 pt and a word gap
 * by at most 0.46 pt.  Every carrier is a layout slot of its own, with its
 * own fixed sign (a code symbol a carrier scores more than three carriers
 * voting on one: the accusation sums the evidence of every symbol); layout
 * slot k is slot `set->n + k` of the document's code extended with
 * lt_code_extend().  Reading measures each carrier's shift (a data line's
 * position between its control neighbours; a word's left gap against its
 * right gap) and reads its slot from that signed shift: the sign gives the
 * symbol and the size its weight in the accusation (a soft decision,
 * code.h's LT_OBS), leaving it unread when there is no shift to speak of.
 * No absolute position is needed.
 *
 * Markdown.  A plain text with Markdown in it (an ATX heading or a
 * **strong** span) prints as Markdown: headings without their '#' marks,
 * bold and larger with space around them; list items ("- ", "* ", "+ ",
 * "1. ") with a hanging indent after their bullet or number; *emphasis*
 * and _emphasis_ in italics and **strong** in bold, without their marks.
 * The markup stays in the plain text, so the words seen on a page align
 * with it as they do for any text (tokens are letters and digits).
 */
#ifndef LEAKTRACE_RENDER_H
#define LEAKTRACE_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/buf.h"
#include "leaktrace/slots.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum lt_paper { LT_PAPER_A4 = 0, LT_PAPER_LETTER = 1 } lt_paper;

typedef struct lt_render_options {
	lt_paper paper;
	const char *banner; /* classification banner top and bottom, or NULL */
	const char *footer; /* visible footer text naming the copy, or NULL */
	/* Justified text: every line but a paragraph's last (and a heading)
	 * fills the measure.  The plan is the same either way: each line's
	 * gap is computed once from the plain text's line (its slots at
	 * their widest variants), so every copy sets the same gaps, and the
	 * layout marks are offsets on top of them.  A copy whose variants
	 * are narrower than the widest ends that much short of the
	 * margin. */
	int justify;
} lt_render_options;

typedef struct lt_layout_plan lt_layout_plan;

/* Lay out the plain text of `set` (see above).  Free with
 * lt_layout_plan_free(). */
int lt_layout_plan_new(lt_layout_plan **out, const lt_slot_set *set,
		       const lt_render_options *opt);
void lt_layout_plan_free(lt_layout_plan *p);

/* Number of pages, and of layout slots (binary). */
size_t lt_layout_pages(const lt_layout_plan *p);
size_t lt_layout_slots(const lt_layout_plan *p);

/*
 * Render the copy whose text-slot symbols are sym[0..set->n) and layout
 * symbols sym[set->n .. set->n + lt_layout_slots()) as a PDF (all pages)
 * into `out`.
 */
int lt_render_pdf(lt_buf *out, const lt_layout_plan *p, const lt_slot_set *set,
		  const uint8_t *sym, const lt_render_options *opt);

/* Render page `page` (0-based) of that copy as a PNG at `dpi`. */
int lt_render_png(lt_buf *out, const lt_layout_plan *p, const lt_slot_set *set,
		  const uint8_t *sym, const lt_render_options *opt,
		  size_t page, double dpi);

/* One word seen on a page: its text (UTF-8), its box in page units
 * (points from the top-left corner of the page, or any consistent unit:
 * reading uses ratios only), and the reader's confidence 0..1. */
typedef struct lt_seen_word {
	const char *text;
	double x0, y0, x1, y1;
	float confidence;
	uint32_t page; /* page index within the input (not the plan) */
} lt_seen_word;

/*
 * Read the layout marks from words seen on pages (a PDF's text layer, or
 * OCR of a rectified photo).  Lines are recognised by their words, so a
 * crop or a single page works.  layout_sym[k] receives, for each of the
 * plan's layout slots, symbol 0 or 1 with the weight its measured shift
 * gives (LT_OBS, code.h: LT_OBS_SYMBOL and LT_OBS_WEIGHT take it apart),
 * or -1 (not seen, or no shift measured).
 */
int lt_layout_read(int16_t *layout_sym, const lt_layout_plan *p,
		   const lt_slot_set *set, const lt_seen_word *words,
		   size_t nwords);

#ifdef __cplusplus
}
#endif
#endif
