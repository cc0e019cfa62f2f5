/*
 * pdfcopy_internal.h - what the reader of own-look PDF marks
 * (read/pdf_marks.c, read/pdf_picture.c) needs of a plan
 * (render/pdfcopy.c): its text lines and the original's bytes.
 */
#ifndef LT_RENDER_PDFCOPY_INTERNAL_H
#define LT_RENDER_PDFCOPY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/pdfcopy.h"

/* One text line of the original: its page, its baseline measured down
 * from the top of the page's crop box (Poppler's page units), and its
 * layout slots, up/down and left/right (-1: none; a control line has
 * neither). */
typedef struct lt_pdf_line {
	uint32_t page;
	double top;
	int32_t slot, hslot;
} lt_pdf_line;

/* The plan's lines, by page, each page's top to bottom (owned by the
 * plan). */
const lt_pdf_line *lt_pdf_plan_lines(const lt_pdf_plan *p, size_t *n);

/* The original PDF's bytes (owned by the plan), for rendering its pages. */
const void *lt_pdf_plan_bytes(const lt_pdf_plan *p, size_t *len);

#endif
