/*
 * pdf_pages.h - the PDQ hashes of a PDF's pages, rendered by Poppler: what
 * issue records for the copies of a PDF original in its own look, so that
 * a picture of one of their pages re-posted somewhere is found by hash.
 */
#ifndef LT_READ_PDF_PAGES_H
#define LT_READ_PDF_PAGES_H

#include <stddef.h>

#include <cairo.h>
#include <poppler.h>

#include "leaktrace/pdq.h"

/*
 * Page `pg` rendered for printing onto white, `scale` pixels a point, as a
 * w x h RGB24 Cairo surface into *out (destroy with
 * cairo_surface_destroy()).  LT_ENOMEM when Cairo cannot make it.
 */
int lt_pdf_page_surface(cairo_surface_t **out, PopplerPage *pg, int w, int h,
			double scale);

typedef struct lt_pdf_page_hash {
	lt_pdq_hash hash;
	int quality;
} lt_pdf_page_hash;

/*
 * Render every page of the PDF of `len` bytes at `data` at `dpi` and hash
 * it: *out (malloc'd, *n of them, page order).  LT_EINPUT naming `name`
 * for a PDF Poppler cannot read or a page of an unusable size.
 */
int lt_pdf_page_hashes(lt_pdf_page_hash **out, size_t *n, const void *data,
		       size_t len, const char *name, double dpi);

#endif
