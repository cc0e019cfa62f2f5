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
 *
 * OCR is budgeted per file (lt_ocr_budget): pages, pixels and seconds.
 * Pages without a text layer past the budget are not rendered; a page
 * larger than the pixel limit is rendered at the resolution that fits it.
 * What was skipped is counted in the result (ocr_skipped, ocr_limit).
 *
 * Files and bytes in memory take the same road: a PDF file's bytes are
 * read, then handled as a buffer's would be; images and text files go
 * through the readers of files, whose messages say what went wrong with
 * the file, and end in the same code as bytes do.  OCR uses the caller's
 * context, or one made at the first page that needs it and kept for the
 * rest of the call.
 */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
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
#include "leaktrace/ocr.h"
#include "leaktrace/text.h"
#include "read/pdf_pages.h"
#include "read/photo_internal.h"
#include "render/docx.h"

#define MAX_PDF_BYTES (256u << 20)
#define MAX_TEXT_BYTES (64u << 20) /* as the text reader's default */
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

static pthread_once_t quiet_once = PTHREAD_ONCE_INIT;

/* Silence the "Poppler" log domain for good (once for the process: GLib's
 * handlers are process-wide, and adding and removing one around each call
 * would race with other threads' calls). */
static void quiet_poppler(void)
{
	g_log_set_handler("Poppler", G_LOG_LEVEL_MASK, quiet_log, NULL);
}

/* The OCR context of one extraction: the caller's, or one of its own made
 * at the first page that needs it. */
typedef struct ocr_use {
	lt_ocr *given;
	lt_ocr *own;
	lt_ocr_limits lim; /* the budget of this file */
} ocr_use;

static int ocr_get(ocr_use *u, lt_ocr **out)
{
	int rc;

	if (u->given) {
		*out = u->given;
		return LT_OK;
	}
	if (!u->own && (rc = lt_ocr_new(&u->own, NULL)))
		return rc;
	lt_ocr_use_limits(u->own, &u->lim);
	*out = u->own;
	return LT_OK;
}

/* Start an extraction's OCR: the caller's context (NULL: one made when
 * needed) under `lim` (NULL: the context's budget). */
static void ocr_start(ocr_use *u, lt_ocr *given, const lt_ocr_limits *lim)
{
	u->given = given;
	u->own = NULL;
	if (lim)
		u->lim = *lim;
	else
		lt_ocr_context_limits(given, &u->lim);
	lt_ocr_use_limits(given, &u->lim);
}

/* Count a page left unread because `limit` was reached. */
static void over_budget(lt_extract *e, const char *limit)
{
	e->ocr_skipped++;
	if (!e->ocr_limit)
		e->ocr_limit = limit;
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
			int index, ocr_use *u)
{
	lt_ocr *ocr;
	double pw, ph, scale = OCR_DPI / 72.0, t0 = lt_photo_now();
	cairo_surface_t *s;
	unsigned char *rgb;
	const unsigned char *px;
	int w, h, stride, x, y, rc;

	poppler_page_get_size(pg, &pw, &ph);
	if (!(pw > 1 && ph > 1 && pw < 20000 && ph < 20000))
		return lt_error_set(LT_EINPUT, "%s: page %d has an unusable size "
				    "(%g x %g points)", path, index + 1, pw, ph);
	if ((rc = ocr_get(u, &ocr)))
		return rc;
	if (pw * scale * ph * scale > u->lim.page_pixels) {
		/* Rendered at the resolution the pixel limit allows. */
		scale = sqrt(u->lim.page_pixels / (pw * ph));
		e->ocr_downscaled++;
	}
	w = (int)(pw * scale + 0.5);
	h = (int)(ph * scale + 0.5);
	if (w < 1 || h < 1 || (double)w * h > 120e6)
		return lt_error_set(LT_EINPUT, "%s: page %d is too large to read "
				    "(%g x %g points)", path, index + 1, pw, ph);
	if ((rc = lt_pdf_page_surface(&s, pg, w, h, scale)))
		return lt_error_set(rc, "page %d: %s", index + 1,
				    lt_error_message());
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
	/* Rendering counts in the seconds spent. */
	e->ocr_seconds += lt_photo_now() - t0;
	rc = lt_ocr_read_pixels(ocr, e, rgb, w, h, 3, w * 3);
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
		       size_t len, ocr_use *u)
{
	GBytes *bytes;
	GError *err = NULL;
	PopplerDocument *doc;
	size_t cap = 0;
	int n, i, rc = LT_OK, ocr_pages = 0;

	pthread_once(&quiet_once, quiet_poppler);
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
		} else if ((long)e->ocr_pages >= u->lim.pages) {
			over_budget(e, "pages");
		} else if (e->ocr_seconds >= u->lim.seconds) {
			over_budget(e, "seconds");
		} else if (e->ocr_megapixels * 1e6 >= u->lim.file_pixels) {
			over_budget(e, "pixels");
		} else {
			/* lt_ocr_read_pixels appends the page itself, or counts
			 * it as over the budget. */
			rc = pdf_page_ocr(e, pg, path, i, u);
			ocr_pages++;
			cap = e->nwords;
		}
		g_free(probe);
		g_object_unref(pg);
		if (rc)
			goto out;
	}
	if (ocr_pages > 0 && e->pages == e->ocr_pages)
		e->kind = LT_EXTRACT_OCR;
out:
	g_object_unref(doc);
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

/* The footer a printed copy carries ("Copy 1a2b3c — issued to alice",
 * written by issue): the word "Copy", a hexadecimal copy id, an em dash,
 * "issued to". */
static int copy_footer_line(const char *s, size_t n)
{
	static const char mid[] = " \xe2\x80\x94 issued to ";
	size_t i = 5, m = sizeof(mid) - 1;

	if (n < 5 || memcmp(s, "Copy ", 5))
		return 0;
	while (i < n && isxdigit((unsigned char)s[i]))
		i++;
	return i > 5 && n - i > m && !memcmp(s + i, mid, m);
}

/* Bounds [a, b) of the first and the last non-blank line of the text
 * that is not a page number or a copy footer. */
static void outer_line(const char *text, size_t len, int last,
		       size_t *a, size_t *b)
{
	size_t p = 0;

	*a = *b = 0;
	while (p < len) {
		const char *eol = memchr(text + p, '\n', len - p);
		size_t e = eol ? (size_t)(eol - text) : len, n = e - p;

		while (n && (text[p + n - 1] == '\r' || text[p + n - 1] == ' '))
			n--;
		if (n && !page_number_line(text + p, n) &&
		    !copy_footer_line(text + p, n)) {
			*a = p;
			*b = p + n;
			if (!last)
				return;
		}
		p = e + 1;
	}
}

/*
 * Leave the furniture of rendered pages out of the text: page numbers,
 * the footer naming the copy, lines that repeat on every page of a
 * document of several pages (a classification banner, a running footer),
 * and on one page a banner printed both at its top and at its foot.  None
 * belongs to the document; the words keep them, with their boxes.
 */
static int strip_furniture(lt_extract *e)
{
	const char *text = e->text.data, *p, *end;
	lt_buf out = {0};
	size_t fa, fb, la, lb;
	int rc = LT_OK, banner;

	if (!text)
		return LT_OK;
	end = text + e->text.len;
	outer_line(text, e->text.len, 0, &fa, &fb);
	outer_line(text, e->text.len, 1, &la, &lb);
	banner = e->pages == 1 && fb - fa >= 4 && la > fa &&
		 lb - la == fb - fa && !memcmp(text + fa, text + la, fb - fa);
	for (p = text; p < end && rc == LT_OK;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t n = eol ? (size_t)(eol - p) : (size_t)(end - p),
		       at = (size_t)(p - text);
		int drop = page_number_line(p, n) || copy_footer_line(p, n) ||
			   (banner && (at == fa || at == la)) ||
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

/* What the first bytes say the input is. */
enum { INPUT_OTHER, INPUT_PDF, INPUT_IMAGE, INPUT_DOCX };

static int sniff(const unsigned char *head, size_t n)
{
	if (n >= 5 && !memcmp(head, "%PDF-", 5))
		return INPUT_PDF;
	if ((n >= 8 && !memcmp(head, "\x89PNG\r\n\x1a\n", 8)) ||
	    (n >= 3 && !memcmp(head, "\xff\xd8\xff", 3)))
		return INPUT_IMAGE;
	if (lt_docx_sniff(head, n))
		return INPUT_DOCX;
	return INPUT_OTHER;
}

/* A name that promises a PDF or an image the bytes are not: refused. */
static int check_name(const char *name)
{
	if (ends_with(name, ".pdf"))
		return lt_error_set(LT_EINPUT, "%s: named .pdf but not a PDF (it "
				    "does not start with %%PDF-)", name);
	if (ends_with(name, ".png") || ends_with(name, ".jpg") ||
	    ends_with(name, ".jpeg"))
		return lt_error_set(LT_EINPUT, "%s: named as an image but neither a "
				    "PNG nor a JPEG", name);
	return LT_OK;
}

/* Decode text bytes into e, with messages naming `name`. */
static int extract_text(lt_extract *e, const char *data, size_t len,
			const char *name)
{
	char msg[1024];
	int rc;

	e->kind = LT_EXTRACT_TEXT;
	e->confidence = 1.0;
	e->pages = 1;
	if (len > MAX_TEXT_BYTES)
		return lt_error_set(LT_EINPUT, "%s: too large (%zu bytes, limit "
				    "%u)", name, len, MAX_TEXT_BYTES);
	rc = lt_text_decode(&e->text, data, len, NULL);
	if (rc) {
		snprintf(msg, sizeof(msg), "%s", lt_error_message());
		rc = lt_error_set(rc, "%s: %s", name, msg);
	}
	return rc;
}

/* The body text of a Word document (docx.h). */
static int extract_docx(lt_extract *e, const void *data, size_t len,
			const char *name)
{
	lt_docx *d;
	const char *t;
	size_t n;
	int rc;

	e->kind = LT_EXTRACT_DOCX;
	e->confidence = 1.0;
	e->pages = 1;
	if (len > MAX_PDF_BYTES)
		return lt_error_set(LT_EINPUT, "%s: larger than %u MiB", name,
				    MAX_PDF_BYTES >> 20);
	if ((rc = lt_docx_open(&d, data, len, name)))
		return rc;
	t = lt_docx_text(d, &n);
	rc = lt_buf_append(&e->text, t, n);
	if (rc == LT_OK && !e->text.data)
		rc = lt_buf_reserve(&e->text, 1);
	lt_docx_free(d);
	return rc;
}

/* Finish an extraction: page furniture out, result handed over or freed. */
static int finish(lt_extract **out, lt_extract *e, ocr_use *u, int rc)
{
	if (rc == LT_OK && e->kind != LT_EXTRACT_TEXT &&
	    e->kind != LT_EXTRACT_DOCX)
		rc = strip_furniture(e);
	lt_ocr_free(u->own);
	lt_ocr_use_limits(u->given, NULL);
	if (rc) {
		lt_extract_free(e);
		return lt_ocr_keep_error(u->given, rc);
	}
	*out = e;
	return lt_ocr_keep_error(u->given, LT_OK);
}

int lt_extract_buffer(lt_extract **out, const void *data, size_t len,
		      const char *name, lt_ocr *ocr)
{
	ocr_use u;
	lt_extract *e;
	int rc;

	ocr_start(&u, ocr, NULL);
	*out = NULL;
	if (!name)
		name = "input";
	if (!data && len)
		return lt_ocr_keep_error(ocr, lt_error_set(LT_EUSAGE,
						      "extract: no data"));
	if (!data)
		data = "";
	if (!(e = calloc(1, sizeof(*e))))
		return lt_ocr_keep_error(ocr, lt_error_set(LT_ENOMEM,
							   "out of memory"));
	switch (sniff(data, len)) {
	case INPUT_PDF:
		rc = len > MAX_PDF_BYTES
			? lt_error_set(LT_EINPUT, "%s: larger than %u MiB", name,
				       MAX_PDF_BYTES >> 20)
			: extract_pdf(e, name, data, len, &u);
		break;
	case INPUT_DOCX:
		rc = extract_docx(e, data, len, name);
		break;
	case INPUT_IMAGE: {
		lt_ocr *o;

		e->kind = LT_EXTRACT_OCR;
		if ((rc = ocr_get(&u, &o)) == LT_OK)
			rc = lt_ocr_read_image(o, e, data, len, name);
		break;
	}
	default:
		if ((rc = check_name(name)) == LT_OK)
			rc = extract_text(e, data, len, name);
	}
	return finish(out, e, &u, rc);
}

int lt_extract_file_limited(lt_extract **out, const char *path, lt_ocr *ocr,
			    const lt_ocr_limits *lim)
{
	ocr_use u;
	lt_extract *e;
	unsigned char head[8] = {0};
	size_t nhead = 0;
	lt_buf raw = {0};
	FILE *f;
	int rc;

	ocr_start(&u, ocr, lim);
	*out = NULL;
	if (!(e = calloc(1, sizeof(*e))))
		return lt_ocr_keep_error(ocr, lt_error_set(LT_ENOMEM,
							   "out of memory"));
	if ((f = fopen(path, "rb"))) {
		nhead = fread(head, 1, sizeof(head), f);
		fclose(f);
	}
	switch (sniff(head, nhead)) {
	case INPUT_PDF:
		if ((rc = lt_file_read(&raw, path, MAX_PDF_BYTES)) == LT_OK)
			rc = extract_pdf(e, path, raw.data ? raw.data : "",
					 raw.len, &u);
		lt_buf_free(&raw);
		break;
	case INPUT_DOCX:
		if ((rc = lt_file_read(&raw, path, MAX_PDF_BYTES)) == LT_OK)
			rc = extract_docx(e, raw.data ? raw.data : "", raw.len,
					  path);
		lt_buf_free(&raw);
		break;
	case INPUT_IMAGE: {
		lt_ocr *o;

		/* The image reader reads the file itself: its messages say
		 * what went wrong with a file. */
		e->kind = LT_EXTRACT_OCR;
		if ((rc = ocr_get(&u, &o)) == LT_OK)
			rc = lt_ocr_read_file(o, e, path);
		break;
	}
	default:
		if (!f || (rc = check_name(path)) == LT_OK) {
			e->kind = LT_EXTRACT_TEXT;
			e->confidence = 1.0;
			e->pages = 1;
			rc = lt_text_read_file(&e->text, path, 0, NULL);
		}
	}
	return finish(out, e, &u, rc);
}

int lt_extract_file_ocr(lt_extract **out, const char *path, lt_ocr *ocr)
{
	return lt_extract_file_limited(out, path, ocr, NULL);
}

int lt_extract_file_ex(lt_extract **out, const char *path,
		       const lt_extract_options *opts)
{
	lt_ocr_limits lim;

	if (!opts)
		return lt_extract_file_limited(out, path, NULL, NULL);
	if (!opts->use_budget)
		return lt_extract_file_limited(out, path, opts->ocr, NULL);
	lt_ocr_budget_limits(&lim, &opts->budget);
	return lt_extract_file_limited(out, path, opts->ocr, &lim);
}

int lt_extract_file(lt_extract **out, const char *path)
{
	return lt_extract_file_ocr(out, path, NULL);
}
