/*
 * test_photo.c - reading photographed, scanned and screenshotted pages
 * (photo.h): pages are typeset here with Cairo and Pango (an official memo
 * in a serif font at 11 pt on A4 at 150 dpi), photographed with the
 * simulator of tests/tools/photosim.h and read back.  Checks how many of
 * the words come back, that the rectified page's geometry is even (line
 * pitch), that EXIF orientation is honoured and that damaged or tiny
 * images are refused with clear messages.
 *
 * OCR is slow under the sanitizers: with LT_TEST_QUICK set (or in an
 * AddressSanitizer build) only one photo per kind is read.
 * LT_TEST_VERBOSE=1 prints the figures.
 */
#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include <cairo.h>
#include <pango/pangocairo.h>
#pragma GCC diagnostic pop

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "leaktrace/extract.h"
#include "leaktrace/image.h"
#include "leaktrace/photo.h"
#include "read/photo_internal.h"
#include "tools/photosim.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

#define PAGE_DPI 150.0
#define PAGE_W 1240 /* A4 at 150 dpi */
#define PAGE_H 1754

static int quick(void)
{
	const char *q = getenv("LT_TEST_QUICK");

	return UNDER_ASAN || (q && *q && strcmp(q, "0") != 0);
}

static int verbose(void)
{
	const char *v = getenv("LT_TEST_VERBOSE");

	return v && *v && strcmp(v, "0") != 0;
}

/* ---------------------------------------------------------------------
 * A typeset page
 * ------------------------------------------------------------------- */

static const char *const memo_text =
	"MINISTRY OF PUBLIC WORKS\n"
	"Directorate of Finance and Planning\n\n"
	"MEMORANDUM\n\n"
	"To: Heads of Regional Offices\n"
	"From: Director of Finance and Planning\n"
	"Date: 14 March 2024\n"
	"Subject: Revised capital budget for the 2024-25 financial year\n\n"
	"1. Following the review completed last month, the Ministry has "
	"approved a revised capital budget of $48.6 million for the 2024-25 "
	"financial year. This represents a reduction of approximately 7 "
	"percent compared with the figure published in the original "
	"estimates. The Directorate stated that the reduction was necessary "
	"in order to remain within the ceiling set by the Treasury.\n\n"
	"2. Regional offices should review their planned projects before the "
	"end of April and report any commitments that cannot be deferred. "
	"Projects that have not yet reached the tender stage will be "
	"reconsidered in the light of the revised allocation, and the "
	"Directorate will publish a consolidated schedule in May.\n\n"
	"3. Maintenance of existing roads, bridges and drainage works remains "
	"the first priority. New construction will proceed only where funds "
	"were committed under signed contracts, or where the work is required "
	"for the safety of the public. Offices that expect to underspend "
	"their allocation are asked to inform the Directorate promptly so "
	"that the funds can be moved to other regions.\n\n"
	"4. Requests for additional funding must be accompanied by a short "
	"justification, an estimate prepared by a qualified engineer and a "
	"timetable for the work. The Directorate will consider such requests "
	"at its quarterly meeting and will not approve any request submitted "
	"after the deadline of 30 June.\n\n"
	"5. This memorandum should be shared with the finance officers and "
	"project managers of each office. Questions may be addressed to the "
	"Budget Unit of the Directorate.\n";

/* One typeset line: its text and where its ink is (page pixels). */
typedef struct ref_line {
	char *text;
	double top, bottom;
} ref_line;

typedef struct page {
	unsigned char *grey; /* PAGE_W x PAGE_H */
	ref_line *lines;
	size_t nlines;
	double pitch;        /* distance between lines, page pixels */
} page;

static void page_free(page *p)
{
	size_t i;

	for (i = 0; i < p->nlines; i++)
		free(p->lines[i].text);
	free(p->lines);
	free(p->grey);
	memset(p, 0, sizeof *p);
}

/* Typeset the memo on an A4 page at 150 dpi: 1 inch margins, Liberation
 * Serif 11 pt, 1.25 line spacing. */
static void make_page(page *p, const char *text)
{
	cairo_surface_t *s =
		cairo_image_surface_create(CAIRO_FORMAT_RGB24, PAGE_W, PAGE_H);
	cairo_t *cr = cairo_create(s);
	PangoLayout *layout = pango_cairo_create_layout(cr);
	PangoFontDescription *font =
		pango_font_description_from_string("Liberation Serif 11");
	PangoLayoutIter *it;
	double margin = PAGE_DPI;
	unsigned char *data;
	int stride, x, y, last_y = 0, logical_pitch = 0;

	memset(p, 0, sizeof *p);
	pango_cairo_context_set_resolution(pango_layout_get_context(layout),
					   PAGE_DPI);
	pango_layout_context_changed(layout);
	pango_layout_set_font_description(layout, font);
	pango_layout_set_width(layout,
			       (int)((PAGE_W - 2 * margin) * PANGO_SCALE));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
	pango_layout_set_line_spacing(layout, 1.25f);
	pango_layout_set_text(layout, text, -1);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_move_to(cr, margin, margin);
	pango_cairo_show_layout(cr, layout);
	cairo_surface_flush(s);

	/* The lines as typeset. */
	p->lines = calloc((size_t)pango_layout_get_line_count(layout),
			  sizeof *p->lines);
	assert_non_null(p->lines);
	it = pango_layout_get_iter(layout);
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle ink, logical;
		ref_line *r;

		if (line->length == 0)
			continue;
		pango_layout_iter_get_line_extents(it, &ink, &logical);
		r = &p->lines[p->nlines++];
		r->text = strndup(text + line->start_index,
				  (size_t)line->length);
		assert_non_null(r->text);
		r->top = margin + (double)ink.y / PANGO_SCALE;
		r->bottom = margin + (double)(ink.y + ink.height) / PANGO_SCALE;
		if (logical.y - last_y > 0 &&
		    (logical_pitch == 0 || logical.y - last_y < logical_pitch))
			logical_pitch = logical.y - last_y;
		last_y = logical.y;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	assert_true(p->nlines >= 2);
	assert_true(p->lines[p->nlines - 1].bottom < PAGE_H - margin / 2);
	/* The plain line pitch, as laid out. */
	p->pitch = (double)logical_pitch / PANGO_SCALE;

	p->grey = malloc((size_t)PAGE_W * PAGE_H);
	assert_non_null(p->grey);
	data = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	for (y = 0; y < PAGE_H; y++) {
		for (x = 0; x < PAGE_W; x++) {
			uint32_t px = *(uint32_t *)(data + (size_t)y * stride +
						    4 * x);
			unsigned r = (px >> 16) & 255, g = (px >> 8) & 255,
				 b = px & 255;

			p->grey[(size_t)y * PAGE_W + x] =
				(unsigned char)((299 * r + 587 * g + 114 * b +
						 500) / 1000);
		}
	}
	pango_font_description_free(font);
	g_object_unref(layout);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

/* ---------------------------------------------------------------------
 * Word recovery
 * ------------------------------------------------------------------- */

typedef struct tokens {
	char **t;
	size_t n, cap;
} tokens;

static void tokens_free(tokens *k)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		free(k->t[i]);
	free(k->t);
	memset(k, 0, sizeof *k);
}

/* Split into lowercase runs of letters and digits. */
static void tokenize(tokens *k, const char *s)
{
	while (*s) {
		char word[128];
		size_t n = 0;

		while (*s && !((*s >= 'a' && *s <= 'z') ||
			       (*s >= 'A' && *s <= 'Z') ||
			       (*s >= '0' && *s <= '9')))
			s++;
		while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		       (*s >= '0' && *s <= '9')) {
			if (n < sizeof word - 1)
				word[n++] = (char)(*s >= 'A' && *s <= 'Z'
							   ? *s - 'A' + 'a'
							   : *s);
			s++;
		}
		if (n == 0)
			continue;
		word[n] = '\0';
		if (k->n == k->cap) {
			k->cap = k->cap ? 2 * k->cap : 64;
			k->t = realloc(k->t, k->cap * sizeof *k->t);
			assert_non_null(k->t);
		}
		k->t[k->n] = strdup(word);
		assert_non_null(k->t[k->n]);
		k->n++;
	}
}

/* Share of the reference's words found, in order, in the text read
 * (longest common subsequence of words). */
static double recovered(const char *reference, const char *read)
{
	tokens a = {0}, b = {0};
	size_t i, j, *prev, *cur;
	double share;

	tokenize(&a, reference);
	tokenize(&b, read);
	prev = calloc(b.n + 1, sizeof *prev);
	cur = calloc(b.n + 1, sizeof *cur);
	assert_non_null(prev);
	assert_non_null(cur);
	for (i = 1; i <= a.n; i++) {
		size_t *t;

		for (j = 1; j <= b.n; j++) {
			if (strcmp(a.t[i - 1], b.t[j - 1]) == 0)
				cur[j] = prev[j - 1] + 1;
			else
				cur[j] = prev[j] > cur[j - 1] ? prev[j]
							      : cur[j - 1];
		}
		t = prev;
		prev = cur;
		cur = t;
	}
	share = a.n ? (double)prev[b.n] / a.n : 1;
	free(prev);
	free(cur);
	tokens_free(&a);
	tokens_free(&b);
	return share;
}

/* The typeset text of the lines whose ink lies within [y0, y1). */
static char *reference_between(const page *p, double y0, double y1)
{
	lt_buf b = {0};
	size_t i;

	for (i = 0; i < p->nlines; i++) {
		if (p->lines[i].top >= y0 && p->lines[i].bottom < y1) {
			assert_int_equal(lt_buf_puts(&b, p->lines[i].text), 0);
			assert_int_equal(lt_buf_putc(&b, '\n'), 0);
		}
	}
	assert_int_equal(lt_buf_putc(&b, '\0'), 0);
	return lt_buf_detach(&b, NULL);
}

/* ---------------------------------------------------------------------
 * Reading
 * ------------------------------------------------------------------- */

static lt_extract *new_extract(void)
{
	lt_extract *e = calloc(1, sizeof *e);

	assert_non_null(e);
	return e;
}

/* Photograph the page and read the photo; returns the extract. */
static lt_extract *read_photo(const page *p, const photosim_options *o)
{
	lt_image img = {0};
	lt_image *photo = NULL;
	lt_buf jpeg = {0};
	lt_extract *e = new_extract();
	lt_image_options opt = {0};

	img.width = PAGE_W;
	img.height = PAGE_H;
	img.channels = 1;
	img.pixels = p->grey;
	assert_int_equal(photosim_make(&jpeg, &img, o), LT_OK);
	opt.apply_orientation = 1;
	assert_int_equal(lt_image_decode(&photo, jpeg.data, jpeg.len, "photo",
					 &opt),
			 LT_OK);
	assert_int_equal(lt_photo_extract_pixels(e, photo->pixels,
						 photo->width, photo->height,
						 photo->channels,
						 photo->width * photo->channels),
			 LT_OK);
	lt_image_free(photo);
	lt_buf_free(&jpeg);
	return e;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Word boxes grouped into text lines: words whose vertical centres are
 * within half a letter height; each line placed at its baseline, the
 * highest bottom among its words of three letters or more (those without
 * descenders sit on the baseline). */
static size_t baselines(const lt_extract *e, double *lines)
{
	double *cy = malloc(e->nwords * sizeof *cy);
	size_t *order = malloc(e->nwords * sizeof *order);
	size_t i, j, n = 0;

	assert_true(cy && order);
	for (i = 0; i < e->nwords; i++) {
		cy[i] = (e->words[i].y0 + e->words[i].y1) / 2;
		order[i] = i;
	}
	/* Insertion sort by centre: a page has a few hundred words. */
	for (i = 1; i < e->nwords; i++)
		for (j = i; j > 0 && cy[order[j]] < cy[order[j - 1]]; j--) {
			size_t t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (i = 0; i < e->nwords;) {
		double base = 1e9, c0 = cy[order[i]];

		for (j = i; j < e->nwords && cy[order[j]] - c0 < 10; j++) {
			const lt_seen_word *w = &e->words[order[j]];

			if (strlen(w->text) >= 3 && w->y1 < base)
				base = w->y1;
		}
		if (base < 1e9)
			lines[n++] = base;
		i = j;
	}
	free(cy);
	free(order);
	return n;
}

/* The plain line pitch among the words read (the commonest distance
 * between consecutive lines), and the largest relative departure from it
 * of the pitch measured in the top, middle and bottom thirds. */
static void line_pitch(const lt_extract *e, double *median, double *spread)
{
	double *lines = malloc((e->nwords + 1) * sizeof *lines);
	double *gaps = malloc((e->nwords + 1) * sizeof *gaps);
	double *part = malloc((e->nwords + 1) * sizeof *part);
	size_t i, nl, ng = 0, third;
	double worst = 0, plain;

	assert_true(lines && gaps && part);
	nl = baselines(e, lines);
	for (i = 1; i < nl; i++)
		gaps[ng++] = lines[i] - lines[i - 1];
	qsort(gaps, ng, sizeof *gaps, cmp_double);
	/* Most gaps are plain; paragraph gaps are the larger ones. */
	plain = ng ? gaps[ng / 3] : 0;
	*median = plain;
	for (third = 0; third < 3; third++) {
		size_t np = 0;

		for (i = 1; i < nl; i++) {
			double g = lines[i] - lines[i - 1];

			if (i * 3 / nl != third)
				continue;
			if (g > plain * 0.8 && g < plain * 1.2)
				part[np++] = g;
		}
		if (np >= 2) {
			double m;

			qsort(part, np, sizeof *part, cmp_double);
			m = part[np / 2];
			if (fabs(m - plain) / plain > worst)
				worst = fabs(m - plain) / plain;
		}
	}
	*spread = worst;
	free(lines);
	free(gaps);
	free(part);
}

/* ---------------------------------------------------------------------
 * Tests
 * ------------------------------------------------------------------- */

static page the_page;

static int setup(void **state)
{
	(void)state;
	make_page(&the_page, memo_text);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	page_free(&the_page);
	/* Let Pango, Cairo and fontconfig release their caches, so that
	 * the leak checker sees only what leaktrace holds. */
	{
		/* fontconfig is Pango's dependency, not linked here. */
		void (*fc_fini)(void);

		pango_cairo_font_map_set_default(NULL);
		cairo_debug_reset_static_data();
		*(void **)&fc_fini = dlsym(RTLD_DEFAULT, "FcFini");
		if (fc_fini)
			fc_fini();
	}
	return 0;
}

/* A clean page image (a scan at 150 dpi) is read almost word for word. */
static void test_clean_page(void **state)
{
	lt_extract *e = new_extract();
	double r;
	size_t i;

	(void)state;
	assert_int_equal(lt_photo_extract_pixels(e, the_page.grey, PAGE_W,
						 PAGE_H, 1, PAGE_W),
			 LT_OK);
	r = recovered(memo_text, e->text.data);
	if (verbose())
		printf("clean page: %.1f%% of words, confidence %.2f, "
		       "rectify %.2f s, OCR %.2f s\n",
		       100 * r, e->confidence, e->t_rectify, e->t_ocr);
	assert_true(r >= 0.97);
	assert_int_equal(e->kind, LT_EXTRACT_OCR);
	assert_int_equal(e->pages, 1);
	assert_true(e->nwords > 200);
	assert_true(e->confidence > 0.8 && e->confidence <= 1);
	for (i = 0; i < e->nwords; i++) {
		const lt_seen_word *w = &e->words[i];

		assert_true(w->x0 < w->x1 && w->y0 < w->y1);
		assert_true(w->page == 0);
		assert_true(w->text && *w->text);
		assert_non_null(strstr(e->text.data, w->text));
	}
	lt_extract_free(e);
}

/* A screenshot-like PNG file is read exactly; a second page appended to
 * the same extract is numbered 1 and separated by a blank line. */
static void test_screenshot_png(void **state)
{
	char path[] = "/tmp/lt-photo-XXXXXX.png";
	lt_extract *e = new_extract();
	size_t first;
	int fd;
	double r;

	(void)state;
	fd = mkstemps(path, 4);
	assert_true(fd >= 0);
	close(fd);
	{
		cairo_surface_t *rgb = cairo_image_surface_create(
			CAIRO_FORMAT_RGB24, PAGE_W, PAGE_H);
		unsigned char *d = cairo_image_surface_get_data(rgb);
		int st = cairo_image_surface_get_stride(rgb), x, y;

		for (y = 0; y < PAGE_H; y++)
			for (x = 0; x < PAGE_W; x++) {
				unsigned v = the_page.grey[(size_t)y * PAGE_W + x];

				*(uint32_t *)(d + (size_t)y * st + 4 * x) =
					v << 16 | v << 8 | v;
			}
		cairo_surface_mark_dirty(rgb);
		assert_int_equal(cairo_surface_write_to_png(rgb, path),
				 CAIRO_STATUS_SUCCESS);
		cairo_surface_destroy(rgb);
	}
	if (getenv("LT_TEST_KEEP_PAGE")) {
		/* Keep the typeset page for trying the tools by hand. */
		char cmd[512];

		snprintf(cmd, sizeof cmd, "cp %s %s", path,
			 getenv("LT_TEST_KEEP_PAGE"));
		if (system(cmd) != 0)
			fprintf(stderr, "cannot keep the page\n");
	}
	assert_int_equal(lt_photo_extract(e, path), LT_OK);
	r = recovered(memo_text, e->text.data);
	if (verbose())
		printf("screenshot: %.1f%% of words\n", 100 * r);
	assert_true(r >= 0.99);
	first = e->nwords;
	if (!quick()) {
		assert_int_equal(lt_photo_extract(e, path), LT_OK);
		assert_int_equal(e->pages, 2);
		assert_true(e->nwords > first);
		assert_int_equal(e->words[first].page, 1);
		assert_int_equal(e->words[first - 1].page, 0);
		assert_non_null(strstr(e->text.data, "\n\n"));
	}
	unlink(path);
	lt_extract_free(e);
}

/*
 * Full-page phone photos: turned, in perspective, on a table, unevenly lit,
 * noisy, JPEG quality 50.  At 1200 px a side an A4 page's 11 pt letters
 * are about 5 pixels high: they stay readable with a sharp lens (blur
 * 0.7 px); with the full blur of 1.5 px the page needs 2400 px.
 */
static void phone_photos(const char *what, double blur, int max_side,
			 int seeds, uint64_t seed0, double floor)
{
	double worst = 1, sum = 0;
	int i;

	for (i = 0; i < seeds; i++) {
		photosim_options o;
		lt_extract *e;
		double r, pitch, spread, expect;

		photosim_defaults(&o, seed0 + (uint64_t)i);
		o.blur = blur;
		o.max_side = max_side;
		e = read_photo(&the_page, &o);
		r = recovered(memo_text, e->text.data);
		line_pitch(e, &pitch, &spread);
		expect = the_page.pitch * LT_PHOTO_DPI / PAGE_DPI;
		if (verbose())
			printf("%s %d: %.1f%% of words, confidence %.2f, "
			       "pitch %.1f px (page %.1f), spread %.1f%%, "
			       "rectify %.2f s, OCR %.2f s\n",
			       what, i, 100 * r, e->confidence, pitch, expect,
			       100 * spread, e->t_rectify, e->t_ocr);
		if (floor > 0) {
			assert_true(r >= floor);
			/* Perspective corrected: lines as far apart at the
			 * top of the page as at the bottom, at the page's
			 * own scale. */
			assert_true(spread < 0.04);
			assert_true(fabs(pitch - expect) / expect < 0.05);
		}
		sum += r;
		if (r < worst)
			worst = r;
		lt_extract_free(e);
	}
	if (verbose())
		printf("%s: mean %.1f%%, worst %.1f%%\n", what,
		       100 * sum / seeds, 100 * worst);
}

static void test_phone_photos(void **state)
{
	(void)state;
	phone_photos("1200 px, blur 0.7", 0.7, 1200, quick() ? 1 : 3, 100,
		     0.90);
	if (quick())
		return;
	phone_photos("2400 px, blur 1.5", 1.5, 2400, 2, 110, 0.90);
	if (verbose()) {
		/* The limit, for the record: not asserted. */
		phone_photos("1200 px, blur 1.0", 1.0, 1200, 2, 120, 0);
		phone_photos("1200 px, blur 1.5", 1.5, 1200, 2, 130, 0);
	}
}

/* Half a page photographed: what is visible is read. */
static void test_cropped_photos(void **state)
{
	int crop;

	(void)state;
	for (crop = PHOTOSIM_CROP_TOP; crop <= PHOTOSIM_CROP_BOTTOM; crop++) {
		photosim_options o;
		lt_extract *e;
		char *ref;
		double r;

		if (quick() && crop == PHOTOSIM_CROP_BOTTOM)
			break;
		photosim_defaults(&o, 200 + (uint64_t)crop);
		o.crop = crop;
		e = read_photo(&the_page, &o);
		/* The lines certainly in the frame: the frame cuts the page
		 * a little short of its middle. */
		ref = crop == PHOTOSIM_CROP_TOP
			      ? reference_between(&the_page, 0, PAGE_H * 0.42)
			      : reference_between(&the_page, PAGE_H * 0.58,
						  PAGE_H);
		r = recovered(ref, e->text.data);
		if (verbose())
			printf("%s half: %.1f%% of its words, %zu words read\n",
			       crop == PHOTOSIM_CROP_TOP ? "top" : "bottom",
			       100 * r, e->nwords);
		assert_true(r >= 0.85);
		free(ref);
		lt_extract_free(e);
	}
}

/* A page with a few lines and much empty, noisy paper: the lines are read
 * and the paper is not read as letters. */
static void test_sparse_page(void **state)
{
	static const char *const text =
		"ensure that this memorandum is brought to the attention of "
		"all the staff who are involved in financial planning and "
		"decision making within your Office.\n\n"
		"Director of Finance and Planning\n";
	page sparse;
	photosim_options o;
	lt_extract *e;
	tokens ref = {0}, got = {0};
	double r;

	(void)state;
	make_page(&sparse, text);
	photosim_defaults(&o, 600);
	o.max_side = 2400;
	e = read_photo(&sparse, &o);
	r = recovered(text, e->text.data);
	tokenize(&ref, text);
	tokenize(&got, e->text.data);
	if (verbose())
		printf("sparse page: %.1f%% of words, %zu words read for %zu\n",
		       100 * r, got.n, ref.n);
	assert_true(r >= 0.90);
	assert_true(got.n <= ref.n + 3);
	tokens_free(&ref);
	tokens_free(&got);
	lt_extract_free(e);
	page_free(&sparse);
}

/* A JPEG stored on its side with an EXIF orientation tag is read upright. */
static void test_exif_orientation(void **state)
{
	char path[] = "/tmp/lt-photo-XXXXXX.jpg";
	photosim_options o;
	lt_image img = {0};
	lt_buf jpeg = {0};
	lt_extract *e = new_extract();
	FILE *f;
	int fd;
	double r;

	(void)state;
	photosim_defaults(&o, 300);
	o.rotate = 2;
	o.perspective = 5;
	o.blur = 0.8;
	o.quality = 85;
	o.orientation = 6;
	img.width = PAGE_W;
	img.height = PAGE_H;
	img.channels = 1;
	img.pixels = the_page.grey;
	assert_int_equal(photosim_make(&jpeg, &img, &o), LT_OK);
	fd = mkstemps(path, 4);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(jpeg.data, 1, jpeg.len, f), jpeg.len);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(lt_photo_extract(e, path), LT_OK);
	r = recovered(memo_text, e->text.data);
	if (verbose())
		printf("EXIF-oriented photo: %.1f%% of words\n", 100 * r);
	assert_true(r >= 0.90);
	unlink(path);
	lt_buf_free(&jpeg);
	lt_extract_free(e);
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Damaged, foreign, missing and tiny images are refused clearly. */
static void test_bad_images(void **state)
{
	char path[] = "/tmp/lt-photo-XXXXXX.jpg";
	photosim_options o;
	lt_image img = {0};
	lt_buf jpeg = {0};
	lt_extract *e = new_extract();
	static const unsigned char lying_png[] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
		0, 0, 0, 13, 'I', 'H', 'D', 'R',
		0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20, 8, 2, 0, 0, 0,
		0, 0, 0, 0};
	unsigned char tiny[20 * 20];
	int fd;

	(void)state;
	fd = mkstemps(path, 4);
	assert_true(fd >= 0);
	close(fd);

	/* A photo cut off half way. */
	photosim_defaults(&o, 400);
	o.max_side = 400;
	img.width = PAGE_W;
	img.height = PAGE_H;
	img.channels = 1;
	img.pixels = the_page.grey;
	assert_int_equal(photosim_make(&jpeg, &img, &o), LT_OK);
	write_file(path, jpeg.data, jpeg.len / 2);
	assert_int_equal(lt_photo_extract(e, path), LT_EINPUT);
	assert_non_null(strstr(lt_error_message(), path));

	/* Not an image at all. */
	write_file(path, "hello, world\n", 13);
	assert_int_equal(lt_photo_extract(e, path), LT_EINPUT);
	assert_non_null(strstr(lt_error_message(), path));

	/* A PNG whose header promises far more than it holds. */
	write_file(path, lying_png, sizeof lying_png);
	assert_int_equal(lt_photo_extract(e, path), LT_EINPUT);
	assert_non_null(strstr(lt_error_message(), path));

	/* No such file. */
	unlink(path);
	assert_int_equal(lt_photo_extract(e, path), LT_EIO);

	/* Too small to hold a page. */
	memset(tiny, 255, sizeof tiny);
	assert_int_equal(lt_photo_extract_pixels(e, tiny, 20, 20, 1, 20),
			 LT_EINPUT);
	assert_non_null(strstr(lt_error_message(), "too small"));

	/* Nonsense arguments. */
	assert_int_equal(lt_photo_extract_pixels(e, tiny, 20, 20, 2, 40),
			 LT_EUSAGE);
	assert_int_equal(lt_photo_extract_pixels(e, tiny, 20, 20, 1, 10),
			 LT_EUSAGE);
	assert_int_equal(lt_photo_extract_pixels(e, NULL, 20, 20, 1, 20),
			 LT_EUSAGE);

	/* Nothing was added by the failures. */
	assert_int_equal(e->pages, 0);
	assert_int_equal(e->nwords, 0);
	lt_buf_free(&jpeg);
	lt_extract_free(e);
}

/* A blank sheet and random noise read as (nearly) nothing, without
 * failing. */
static void test_blank_and_noise(void **state)
{
	enum { W = 600, H = 800 };
	unsigned char *px = malloc((size_t)W * H);
	lt_extract *e = new_extract();
	uint64_t rs = 7;
	int i;

	(void)state;
	assert_non_null(px);
	memset(px, 235, (size_t)W * H);
	assert_int_equal(lt_photo_extract_pixels(e, px, W, H, 1, W), LT_OK);
	assert_int_equal(e->nwords, 0);
	assert_int_equal(e->pages, 1);
	for (i = 0; i < W * H; i++)
		px[i] = (unsigned char)(photosim_rng_next(&rs) >> 56);
	assert_int_equal(lt_photo_extract_pixels(e, px, W, H, 1, W), LT_OK);
	assert_int_equal(e->pages, 2);
	free(px);
	lt_extract_free(e);
}

/* The page outline is found in a photo and not in a scan. */
static void test_find_page(void **state)
{
	photosim_options o;
	lt_image img = {0};
	lt_image *photo = NULL;
	lt_buf jpeg = {0};
	lt_photo_page pg;
	PIX *pix;
	l_uint32 *d;
	int x, y, wpl;

	(void)state;
	photosim_defaults(&o, 500);
	img.width = PAGE_W;
	img.height = PAGE_H;
	img.channels = 1;
	img.pixels = the_page.grey;
	assert_int_equal(photosim_make(&jpeg, &img, &o), LT_OK);
	assert_int_equal(lt_image_decode(&photo, jpeg.data, jpeg.len, "photo",
					 NULL),
			 LT_OK);
	pix = pixCreate(photo->width, photo->height, 8);
	assert_non_null(pix);
	d = pixGetData(pix);
	wpl = pixGetWpl(pix);
	for (y = 0; y < photo->height; y++)
		for (x = 0; x < photo->width; x++)
			SET_DATA_BYTE(d + (size_t)y * wpl, x,
				      photo->pixels[((size_t)y * photo->width + x) *
						    photo->channels]);
	lt_photo_find_page(&pg, pix);
	assert_true(pg.found);
	assert_int_equal(pg.corners, 4);
	assert_true(pg.cover > 0.4 && pg.cover < 0.9);
	pixDestroy(&pix);

	/* The clean page fills its picture: no outline. */
	pix = pixCreate(PAGE_W, PAGE_H, 8);
	assert_non_null(pix);
	d = pixGetData(pix);
	wpl = pixGetWpl(pix);
	for (y = 0; y < PAGE_H; y++)
		for (x = 0; x < PAGE_W; x++)
			SET_DATA_BYTE(d + (size_t)y * wpl, x,
				      the_page.grey[(size_t)y * PAGE_W + x]);
	lt_photo_find_page(&pg, pix);
	assert_true(!pg.found || pg.corners < 2);
	pixDestroy(&pix);
	lt_image_free(photo);
	lt_buf_free(&jpeg);
}

/* The simulator is deterministic. */
static void test_photosim_deterministic(void **state)
{
	photosim_options o;
	lt_image img = {0};
	lt_buf a = {0}, b = {0};

	(void)state;
	photosim_defaults(&o, 9);
	o.max_side = 300;
	img.width = PAGE_W;
	img.height = PAGE_H;
	img.channels = 1;
	img.pixels = the_page.grey;
	assert_int_equal(photosim_make(&a, &img, &o), LT_OK);
	assert_int_equal(photosim_make(&b, &img, &o), LT_OK);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	lt_buf_free(&a);
	lt_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_photosim_deterministic),
		cmocka_unit_test(test_find_page),
		cmocka_unit_test(test_bad_images),
		cmocka_unit_test(test_clean_page),
		cmocka_unit_test(test_screenshot_png),
		cmocka_unit_test(test_phone_photos),
		cmocka_unit_test(test_cropped_photos),
		cmocka_unit_test(test_exif_orientation),
		cmocka_unit_test(test_sparse_page),
		cmocka_unit_test(test_blank_and_noise),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
