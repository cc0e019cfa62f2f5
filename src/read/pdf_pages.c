/*
 * pdf_pages.c - PDQ hashes of a PDF's pages (pdf_pages.h): each page
 * rendered by Poppler onto white with Cairo, its luminance hashed.
 */
#include <stdint.h>
#include <stdlib.h>

#include "leaktrace/error.h"
#include "read/pdf_pages.h"

/* Largest page image hashed, in pixels a side. */
#define MAX_SIDE 8000

int lt_pdf_page_surface(cairo_surface_t **out, PopplerPage *pg, int w, int h,
			double scale)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr;

	*out = NULL;
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return lt_error_set(LT_ENOMEM, "out of memory rendering a page");
	}
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	poppler_page_render_for_printing(pg, cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	*out = s;
	return LT_OK;
}

/* Hash one page at `dpi`. */
static int hash_page(lt_pdf_page_hash *out, PopplerPage *pg, double dpi,
		     const char *name, int index)
{
	double pw, ph, scale = dpi / 72.0;
	cairo_surface_t *s;
	const unsigned char *px;
	float *luma;
	int w, h, stride, x, y, rc;

	poppler_page_get_size(pg, &pw, &ph);
	w = (int)(pw * scale + 0.5);
	h = (int)(ph * scale + 0.5);
	if (!(pw > 1 && ph > 1) || w < 1 || h < 1 || w > MAX_SIDE ||
	    h > MAX_SIDE)
		return lt_error_set(LT_EINPUT, "%s: page %d has an unusable size "
				    "(%g x %g points)", name, index + 1, pw, ph);
	if ((rc = lt_pdf_page_surface(&s, pg, w, h, scale)))
		return rc;
	stride = cairo_image_surface_get_stride(s);
	px = cairo_image_surface_get_data(s);
	if (!(luma = malloc((size_t)w * (size_t)h * sizeof(*luma)))) {
		cairo_surface_destroy(s);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(px + (size_t)y * stride);

		for (x = 0; x < w; x++)
			luma[(size_t)y * w + x] =
				0.299f * (float)((row[x] >> 16) & 0xff) +
				0.587f * (float)((row[x] >> 8) & 0xff) +
				0.114f * (float)(row[x] & 0xff);
	}
	cairo_surface_destroy(s);
	rc = lt_pdq_hash_luma(&out->hash, 1, &out->quality, luma, h, w);
	free(luma);
	return rc;
}

int lt_pdf_page_hashes(lt_pdf_page_hash **out, size_t *n, const void *data,
		       size_t len, const char *name, double dpi)
{
	GBytes *bytes = g_bytes_new(data, len);
	GError *err = NULL;
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	lt_pdf_page_hash *h = NULL;
	int pages, i, rc = LT_OK;

	*out = NULL;
	*n = 0;
	g_bytes_unref(bytes);
	if (!doc) {
		rc = lt_error_set(LT_EINPUT, "%s: not a readable PDF: %s", name,
				  err ? err->message : "unknown error");
		if (err)
			g_error_free(err);
		return rc;
	}
	pages = poppler_document_get_n_pages(doc);
	if (pages > 0 && !(h = calloc((size_t)pages, sizeof(*h))))
		rc = lt_error_set(LT_ENOMEM, "out of memory");
	for (i = 0; rc == LT_OK && i < pages; i++) {
		PopplerPage *pg = poppler_document_get_page(doc, i);

		if (!pg) {
			rc = lt_error_set(LT_EINPUT, "%s: page %d cannot be read",
					  name, i + 1);
			break;
		}
		rc = hash_page(&h[i], pg, dpi, name, i);
		g_object_unref(pg);
	}
	g_object_unref(doc);
	if (rc) {
		free(h);
		return rc;
	}
	*out = h;
	*n = pages > 0 ? (size_t)pages : 0;
	return LT_OK;
}
