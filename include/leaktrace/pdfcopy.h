/*
 * pdfcopy.h - PDF copies in the original's own look: the registered PDF
 * file itself, with sub-point layout marks written into its page content
 * streams, and reading those marks back from a copy's words.
 *
 * What a copy keeps.  Every page's content, fonts, images, vector
 * drawings, annotations, size and count are the original's; only the page
 * content streams are rewritten, and only by adding text-rise operators
 * ("r Ts") around text-showing operators, so the text layer (what a reader
 * copies or searches) is the original's, word for word.  No lexical or
 * typographic mark is applied: a copy carries its recipient in its layout
 * marks alone.
 *
 * Plan.  The original's page content streams are parsed (graphics state,
 * cm, BT/ET, Tm, Td, TD, T*, TL, Ts, Tf, Tz, ' and ") to find the baseline
 * of every text-showing operator in page space; shows are grouped into
 * lines by baseline (within 1 pt), lines ordered top to bottom on each
 * page.  Every other line with a line above and below it is a data line
 * (Brassil et al., 1995), moved up or down by 0.14 pt ("r Ts") and left or
 * right by 0.2 pt ("[k] TJ" before each of its shows, "[-k] TJ" after)
 * between its unmoved control neighbours: between any two copies a line
 * distance differs by at most 0.28 pt and a word gap not at all.  Each
 * move is one binary layout slot, in order of pages and lines (a data
 * line's up/down slot, then its left/right one), slot set->n + k of the
 * document's code extended with lt_code_extend().  A line shown by ' or "
 * moves up or down only.  Pages turned by /Rotate, text set at an angle,
 * text inside form XObjects and content the lexer cannot read carry no
 * mark.  The plan depends on the original's bytes alone, so trace makes it
 * again from the original kept in the vault.
 *
 * Reading.  A copy's words (Poppler's text layer) are matched to the
 * original's by text and position (left edges within 1.5 pt, middles
 * within 3 pt: a copy printed to PDF again may have other font metrics);
 * an input page is the original page most of its words match.  A data
 * line's shifts (up, and right) are the median offsets of its words
 * against the original's, less the mean offsets of its control
 * neighbours; a symbol is read when its shift is clearly one of the two
 * marks (0.4 to 2 times the mark's size), and left unread otherwise - an
 * unmarked original reads nothing.
 *
 * Reading a picture.  A photo, scan or screenshot of a page (OCR'd,
 * photo.h) has its words in the rectified page's pixels: they are matched
 * to an original page's words by text and order (longest common
 * subsequence), an affine map from pixels to points is fitted to the
 * matched words (least squares, outliers rejected), and each data line's
 * shifts are the medians of its words' offsets in points (baselines;
 * horizontal ink centres) less its control neighbours', read as a symbol
 * only when about one mark's size and clearly beyond the line's noise
 * (1.6 standard errors of its words' median, and 1.6 times the page's
 * line noise: control lines against the control lines two away).
 *
 * Figures.  The JPEG images the pages show can be given new bytes (a
 * copy's marked figures, issue/figures.h) before a copy is written; the
 * rest of the file is untouched by it.
 *
 * Threads: a plan is used by one thread at a time (it holds a qpdf object
 * that writing reuses).  Errors go to the thread's last error (error.h).
 */
#ifndef LEAKTRACE_PDFCOPY_H
#define LEAKTRACE_PDFCOPY_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/buf.h"
#include "leaktrace/render.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lt_pdf_plan lt_pdf_plan;

/* The shifts of a data line, in points: up for symbol 1 of its first
 * slot, right for symbol 1 of its second. */
#define LT_PDF_LINE_SHIFT 0.14
#define LT_PDF_LINE_ACROSS 0.2

/*
 * Parse the PDF of `len` bytes at `data` and plan its marks.  LT_EINPUT,
 * with a message naming `name`, for a file that is not a well-formed PDF
 * (damaged, truncated: no repair is attempted) or is encrypted.  The
 * bytes are copied.  Free with lt_pdf_plan_free().
 */
int lt_pdf_plan_new(lt_pdf_plan **out, const void *data, size_t len,
		    const char *name);
void lt_pdf_plan_free(lt_pdf_plan *p);

/* Pages of the PDF, and layout slots (data lines, binary) of the plan. */
size_t lt_pdf_plan_pages(const lt_pdf_plan *p);
size_t lt_pdf_plan_slots(const lt_pdf_plan *p);

/* Layout slots on page `page` (0-based). */
size_t lt_pdf_plan_page_slots(const lt_pdf_plan *p, size_t page);

/*
 * Figures: the JPEG image XObjects the pages draw from their resources
 * (DCTDecode alone, 8-bit DeviceRGB or DeviceGray, no mask, soft mask or
 * decode array), each once, in order of pages and resource names.  Figure
 * k's JPEG bytes as stored (owned by the plan; *page, may be NULL, its
 * first page, 0-based), NULL past the last.
 */
size_t lt_pdf_plan_figures(const lt_pdf_plan *p);
const unsigned char *lt_pdf_plan_figure(const lt_pdf_plan *p, size_t k,
					size_t *len, size_t *page);

/*
 * Give figure k the JPEG bytes jpeg[0..len) (copied; the same width,
 * height and components) in the copies written from now on; NULL gives it
 * back the original's.  LT_EUSAGE for no such figure.
 */
int lt_pdf_plan_set_figure(lt_pdf_plan *p, size_t k, const void *jpeg,
			   size_t len);

/*
 * Write the copy whose layout symbols are sym[0 .. lt_pdf_plan_slots())
 * (0: down, 1: up) into `out`: the original PDF with its page content
 * streams rewritten.  The same symbols give the same bytes.
 */
int lt_pdf_copy_write(lt_buf *out, lt_pdf_plan *p, const uint8_t *sym);

/*
 * Read the layout marks of a copy: `orig` are the original's words (its
 * text layer as extract.h gives it), `seen` the input's.  sym[k] receives
 * 0, 1 or -1 (not seen or not clear) for every slot; *pages (may be NULL)
 * the number of input pages that matched a page of the original: 0 when
 * the input is not an own-look copy of this PDF (a re-typeset copy, an
 * other document).
 */
int lt_pdf_copy_read(int16_t *sym, size_t *pages, const lt_pdf_plan *p,
		     const lt_seen_word *orig, size_t norig,
		     const lt_seen_word *seen, size_t nseen);

/*
 * Read the layout marks of a copy from pictures of its pages: `seen` are
 * the words OCR'd from photos, scans or screenshots (photo.h: boxes in the
 * rectified page's pixels), `orig` the original's text layer.  As
 * lt_pdf_copy_read() otherwise, but a symbol read from a picture may
 * carry a weight below full (LT_OBS in code.h: a shift that stands less
 * clearly out of its noise counts for less); *pages counts the pictured pages found to
 * be pages of the original (their words, in order, fit the page's by one
 * affine map).
 */
int lt_pdf_copy_read_picture(int16_t *sym, size_t *pages,
			     const lt_pdf_plan *p, const lt_seen_word *orig,
			     size_t norig, const lt_seen_word *seen,
			     size_t nseen);

/*
 * How far two copies of one PDF differ on the page, from their words
 * (the same text layer, word for word: LT_EINPUT otherwise): *line the
 * largest change of the distance between two neighbouring text lines,
 * *gap the largest change of a gap between neighbouring words of a line,
 * both in points.  For tests and benchmarks of the marks' size.
 */
int lt_pdf_copy_differences(double *line, double *gap, const lt_seen_word *a,
			    size_t na, const lt_seen_word *b, size_t nb);

#ifdef __cplusplus
}
#endif
#endif
