/*
 * extract.c - from an input file to text and seen words (extract.h).
 *
 * The kind of file is told by its first bytes: "%PDF-" is a PDF, the PNG
 * and JPEG signatures are photos or scans (photo.h reads them), anything
 * else is text (text.h decodes it).  A file whose name promises a PDF or an
 * image but whose bytes are not one is refused rather than read as text.
 *
 * PDF: Poppler gives each page's text layer and a box per character; words
 * are the runs between white space, each with the union of its characters'
 * boxes in points from the top-left corner of its page.  A page with no
 * text layer (a scan saved as PDF) is rendered at 300 dpi and read by OCR.
 */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include <cairo.h>
#include <poppler.h>
#pragma GCC diagnostic pop

#include "base/file.h"
#include "base/array.h"
#include "leaktrace/error.h"
#include "leaktrace/extract.h"
#include "leaktrace/photo.h"
#include "leaktrace/text.h"

#define MAX_PDF_BYTES (256u << 20)
#define MAX_PDF_PAGES 2000
#define OCR_DPI 300.0

void lt_extract_free(lt_extract *e)
{
	size_t i;

	if (!e)
		return;
	for (i = 0; i < e->nwords; i++)
		free((char *)e->words[i].text);
	free(e->words);
	lt_buf_free(&e->text);
	free(e);
}

/* Append one word with its box. */
static int add_word(lt_extract *e, size_t *cap, const char *s, size_t len,
		    double x0, double y0, double x1, double y1, uint32_t page)
{
	lt_seen_word *w;
	char *copy;

	if (LT_ARRAY_GROW(e->words, *cap, e->nwords + 1))
		return LT_ENOMEM;
	if (!(copy = malloc(len + 1)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	memcpy(copy, s, len);
	copy[len] = '\0';
	w = &e->words[e->nwords++];
	w->text = copy;
	w->x0 = x0;
	w->y0 = y0;
	w->x1 = x1;
	w->y1 = y1;
	w->confidence = 1.0f;
	w->page = page;
	return LT_OK;
}

/* ---------------------------------------------------------------------
 * PDF
 * ------------------------------------------------------------------- */

/* Poppler reports syntax problems of damaged files through GLib's log;
 * the caller gets one clear error instead. */
static void quiet_log(const gchar *domain, GLogLevelFlags level,
		      const gchar *message, gpointer data)
{
	(void)domain;
	(void)level;
	(void)message;
	(void)data;
}

/* Is the code point at s (UTF-8) white space? */
static int utf8_space(const char *s)
{
	gunichar c = g_utf8_get_char(s);

	return g_unichar_isspace(c) || c == 0x00a0 || c == 0x202f;
}

/* Words of one page's text layer. */
static int pdf_page_words(lt_extract *e, size_t *cap, PopplerPage *pg,
			  uint32_t page)
{
	PopplerRectangle *rects = NULL;
	guint nrects = 0, k = 0;
	char *text = poppler_page_get_text(pg);
	const char *s, *word = NULL;
	double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
	int rc = LT_OK;

	if (!text)
		return LT_OK;
	if (!poppler_page_get_text_layout(pg, &rects, &nrects))
		nrects = 0;
	for (s = text;; s = g_utf8_next_char(s), k++) {
		int end = *s == '\0' || utf8_space(s);

		if (!end && k < nrects) {
			const PopplerRectangle *r = &rects[k];

			if (!word) {
				word = s;
				x0 = r->x1;
				y0 = r->y1;
				x1 = r->x2;
				y1 = r->y2;
			} else {
				x0 = r->x1 < x0 ? r->x1 : x0;
				y0 = r->y1 < y0 ? r->y1 : y0;
				x1 = r->x2 > x1 ? r->x2 : x1;
				y1 = r->y2 > y1 ? r->y2 : y1;
			}
		}
		if ((end || k >= nrects) && word) {
			if ((rc = add_word(e, cap, word, (size_t)(s - word), x0, y0,
					   x1, y1, page)))
				break;
			word = NULL;
		}
		if (*s == '\0')
			break;
	}
	if (rc == LT_OK)
		rc = lt_buf_puts(&e->text, text);
	g_free(rects);
	g_free(text);
	return rc;
}

/* Render a page without a text layer and read it by OCR. */
static int pdf_page_ocr(lt_extract *e, PopplerPage *pg, const char *path,
			int index)
{
	double pw, ph, scale = OCR_DPI / 72.0;
	cairo_surface_t *s;
	cairo_t *cr;
	unsigned char *rgb;
	const unsigned char *px;
	int w, h, stride, x, y, rc;

	poppler_page_get_size(pg, &pw, &ph);
	if (!(pw > 1 && ph > 1 && pw < 20000 && ph < 20000))
		return lt_error_set(LT_EINPUT, "%s: page %d has an unusable size "
				    "(%g x %g points)", path, index + 1, pw, ph);
	w = (int)(pw * scale + 0.5);
	h = (int)(ph * scale + 0.5);
	if ((double)w * h > 120e6)
		return lt_error_set(LT_EINPUT, "%s: page %d is too large to read "
				    "(%g x %g points)", path, index + 1, pw, ph);
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return lt_error_set(LT_ENOMEM, "out of memory rendering page %d",
				    index + 1);
	}
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	poppler_page_render_for_printing(pg, cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	stride = cairo_image_surface_get_stride(s);
	px = cairo_image_surface_get_data(s);
	if (!(rgb = malloc((size_t)w * (size_t)h * 3))) {
		cairo_surface_destroy(s);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(px + (size_t)y * stride);
		unsigned char *o = rgb + (size_t)y * w * 3;

		for (x = 0; x < w; x++) {
			o[3 * x] = (unsigned char)(row[x] >> 16);
			o[3 * x + 1] = (unsigned char)(row[x] >> 8);
			o[3 * x + 2] = (unsigned char)row[x];
		}
	}
	cairo_surface_destroy(s);
	rc = lt_photo_extract_pixels(e, rgb, w, h, 3, w * 3);
	free(rgb);
	return rc;
}

/* Does the text hold anything but white space? */
static int has_text(const char *s)
{
	for (; s && *s; s = g_utf8_next_char(s))
		if (!utf8_space(s))
			return 1;
	return 0;
}

static int extract_pdf(lt_extract *e, const char *path, const char *data,
		       size_t len)
{
	GBytes *bytes;
	GError *err = NULL;
	PopplerDocument *doc;
	guint handler;
	size_t cap = 0;
	int n, i, rc = LT_OK, ocr_pages = 0;

	handler = g_log_set_handler("Poppler", G_LOG_LEVEL_MASK, quiet_log, NULL);
	bytes = g_bytes_new(data, len);
	doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	g_bytes_unref(bytes);
	if (!doc) {
		if (err && err->domain == POPPLER_ERROR &&
		    err->code == POPPLER_ERROR_ENCRYPTED)
			rc = lt_error_set(LT_EINPUT, "%s: the PDF is encrypted "
					  "(a password is needed to read it)",
					  path);
		else
			rc = lt_error_set(LT_EINPUT, "%s: not a readable PDF "
					  "(damaged or truncated): %s", path,
					  err ? err->message : "unknown error");
		if (err)
			g_error_free(err);
		g_log_remove_handler("Poppler", handler);
		return rc;
	}
	n = poppler_document_get_n_pages(doc);
	if (n <= 0) {
		rc = lt_error_set(LT_EINPUT, "%s: the PDF has no pages", path);
		goto out;
	}
	if (n > MAX_PDF_PAGES) {
		rc = lt_error_set(LT_EINPUT, "%s: the PDF has %d pages (at most "
				  "%d are read)", path, n, MAX_PDF_PAGES);
		goto out;
	}
	e->kind = LT_EXTRACT_PDF_TEXT;
	e->confidence = 1.0;
	for (i = 0; i < n; i++) {
		PopplerPage *pg = poppler_document_get_page(doc, i);
		char *probe;

		if (!pg) {
			rc = lt_error_set(LT_EINPUT, "%s: page %d cannot be read",
					  path, i + 1);
			goto out;
		}
		if (i > 0 && (rc = lt_buf_puts(&e->text, "\n\n"))) {
			g_object_unref(pg);
			goto out;
		}
		probe = poppler_page_get_text(pg);
		if (has_text(probe)) {
			rc = pdf_page_words(e, &cap, pg, (uint32_t)e->pages);
			e->pages++;
		} else {
			/* lt_photo_extract_pixels appends the page itself. */
			rc = pdf_page_ocr(e, pg, path, i);
			ocr_pages++;
			cap = e->nwords;
		}
		g_free(probe);
		g_object_unref(pg);
		if (rc)
			goto out;
	}
	if (ocr_pages == n)
		e->kind = LT_EXTRACT_OCR;
out:
	g_object_unref(doc);
	g_log_remove_handler("Poppler", handler);
	return rc;
}

/* ---------------------------------------------------------------------
 * Dispatch
 * ------------------------------------------------------------------- */

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

/* A page number line ("3", "- 3 -", "Page 3 of 9"): page furniture. */
static int page_number_line(const char *s, size_t n)
{
	size_t i = 0, digits = 0;

	while (i < n && (s[i] == ' ' || s[i] == '-' || s[i] == '\t'))
		i++;
	if (n - i >= 5 && !strncasecmp(s + i, "page ", 5))
		i += 5;
	while (i < n) {
		if (s[i] >= '0' && s[i] <= '9') {
			digits++;
			i++;
		} else if (s[i] == ' ' || s[i] == '-' || s[i] == '\r') {
			i++;
		} else if (n - i >= 2 && !strncmp(s + i, "of", 2)) {
			i += 2;
		} else {
			return 0;
		}
	}
	return digits > 0 && digits <= 6;
}

/* How many lines of `text` are exactly the `n` bytes at `line`. */
static size_t line_count(const char *text, size_t len, const char *line,
			 size_t n)
{
	const char *q = text, *end = text + len;
	size_t count = 0;

	while ((q = memmem(q, (size_t)(end - q), line, n)) != NULL) {
		if ((q == text || q[-1] == '\n') &&
		    (q + n == end || q[n] == '\n' || q[n] == '\r'))
			count++;
		q += n;
	}
	return count;
}

/*
 * Leave the furniture of rendered pages out of the text: page numbers,
 * and lines that repeat on every page (a classification banner, a footer
 * naming the copy).  Neither belongs to the document; the words keep
 * them, with their boxes.
 */
static int strip_furniture(lt_extract *e)
{
	const char *text = e->text.data, *p, *end;
	lt_buf out = {0};
	int rc = LT_OK;

	if (!text)
		return LT_OK;
	end = text + e->text.len;
	for (p = text; p < end && rc == LT_OK;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t n = eol ? (size_t)(eol - p) : (size_t)(end - p);
		int drop = page_number_line(p, n) ||
			   (e->pages > 1 && n >= 4 &&
			    line_count(text, e->text.len, p, n) >= e->pages);

		if (!drop)
			rc = lt_buf_append(&out, p, eol ? n + 1 : n);
		p = eol ? eol + 1 : end;
	}
	if (rc == LT_OK) {
		lt_buf_free(&e->text);
		e->text = out;
	} else {
		lt_buf_free(&out);
	}
	return rc;
}

int lt_extract_file(lt_extract **out, const char *path)
{
	lt_extract *e;
	unsigned char head[8] = {0};
	size_t nhead = 0;
	FILE *f;
	int rc;

	*out = NULL;
	if (!(e = calloc(1, sizeof(*e))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	if ((f = fopen(path, "rb"))) {
		nhead = fread(head, 1, sizeof(head), f);
		fclose(f);
	}
	if (nhead >= 5 && !memcmp(head, "%PDF-", 5)) {
		lt_buf raw = {0};

		if ((rc = lt_file_read(&raw, path, MAX_PDF_BYTES)) == LT_OK)
			rc = extract_pdf(e, path, raw.data ? raw.data : "",
					 raw.len);
		lt_buf_free(&raw);
	} else if ((nhead >= 8 && !memcmp(head, "\x89PNG\r\n\x1a\n", 8)) ||
		   (nhead >= 3 && !memcmp(head, "\xff\xd8\xff", 3))) {
		e->kind = LT_EXTRACT_OCR;
		rc = lt_photo_extract(e, path);
	} else if (f && ends_with(path, ".pdf")) {
		rc = lt_error_set(LT_EINPUT, "%s: named .pdf but not a PDF (it "
				  "does not start with %%PDF-)", path);
	} else if (f && (ends_with(path, ".png") || ends_with(path, ".jpg") ||
			 ends_with(path, ".jpeg"))) {
		rc = lt_error_set(LT_EINPUT, "%s: named as an image but neither a "
				  "PNG nor a JPEG", path);
	} else {
		e->kind = LT_EXTRACT_TEXT;
		e->confidence = 1.0;
		e->pages = 1;
		rc = lt_text_read_file(&e->text, path, 0, NULL);
	}
	if (rc == LT_OK && e->kind != LT_EXTRACT_TEXT)
		rc = strip_furniture(e);
	if (rc) {
		lt_extract_free(e);
		return rc;
	}
	*out = e;
	return LT_OK;
}
