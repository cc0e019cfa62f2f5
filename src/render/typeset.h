/*
 * typeset.h - what the planner (render.c) and the drawing (draw.c) share:
 * Pango set up to measure alike at every resolution, text set in the
 * body type with Markdown styles, and the slots seen from the plain text.
 * Internal to src/render.
 */
#ifndef LT_RENDER_TYPESET_H
#define LT_RENDER_TYPESET_H

#include <stddef.h>
#include <stdint.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include <pango/pangocairo.h>
#pragma GCC diagnostic pop

#include "leaktrace/slots.h"

/* A context at 72 units per inch (one unit = one point), without hinting
 * and without rounding of glyph positions.  NULL when out of memory. */
PangoContext *lt_pango_context_new(void);

/* A layout in `family` at `size` points (bold when asked), or NULL. */
PangoLayout *lt_pango_layout_new(PangoContext *ctx, const char *family,
				 double size, int bold);

/* Logical width of `len` bytes of text, in points. */
double lt_pango_text_width(PangoLayout *l, const char *s, size_t len);

/* Set bytes [from, upto) of `text` (no hidden bytes) on `l`, styled by
 * `mask` (LT_STYLE_* per byte; NULL: body type). */
void lt_pango_set_styled(PangoLayout *l, const char *text, const uint8_t *mask,
			 size_t from, size_t upto);

/* Drop the hidden bytes (markup) of text[0..*len) and mask alike, moving
 * the offsets ws[0..n) and we[0..n) with them. */
void lt_plan_drop_hidden(char *text, uint8_t *mask, size_t *len, size_t *ws,
			 size_t *we, size_t n);

/* Does the slot change what a page shows?  Typographic marks are for
 * digital text only: a page shows the original's form. */
int lt_plan_printed(const lt_slot *sl);

/* Index of the first slot whose end is beyond `pos` (or an empty slot at
 * pos), i.e. the first slot that can contain or follow pos. */
size_t lt_plan_slot_from(const lt_slot_set *set, size_t pos);

/* Can the slot be split at its newlines (every variant has as many as
 * the plain text)? */
int lt_plan_slot_splits(const lt_slot *sl, const char *plain);

/* Bytes [*a, *b) of words [from, to) of `var` (words: runs of characters
 * other than spaces and newlines), from its first byte when from == 0,
 * through its last when to == 0; 0 when it has too few words. */
int lt_plan_variant_words(const char *var, size_t from, size_t to, size_t *a,
			  size_t *b);

#endif
