/*
 * photo.c - reading a photographed, scanned or screenshotted page
 * (photo.h, ocr.h): pixels in, words with boxes out.
 *
 * The picture is turned to grey and capped in size; the page is looked for
 * (rectify.c) and, when its outline is seen, mapped onto an upright
 * rectangle of the page's proportions; then its uneven light is
 * flattened, it is deskewed and sharpened (Leptonica), and Tesseract
 * thresholds and reads it through its C API, on the calling thread only.
 * Every word keeps its box in the rectified page's pixels (moved, its
 * size kept, to centre it on the centre of mass of the word's ink and to
 * put its bottom on the ink's baseline, to a fraction of a pixel: what
 * the layout marks are read from) and its
 * confidence; the text is the words joined by spaces, with a line break at
 * the end of each line and a blank line between paragraphs, so that the
 * text tracer can align it like any other text.
 *
 * An OCR context (lt_ocr) keeps one Tesseract engine, loaded at its first
 * page and reused; the process-wide settings are made once.
 *
 * Budget: before a page is worked on, the file's budget (lt_ocr_budget) is
 * checked against what the extract has spent: a page over it is skipped
 * and counted, a picture larger than the page limit is scaled down first,
 * and Tesseract is given the seconds left as the page's deadline.
 */
#include <dlfcn.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "base/array.h"
#include "base/error.h"
#include "leaktrace/error.h"
#include "leaktrace/image.h"
#include "leaktrace/ocr.h"
#include "leaktrace/photo.h"
#include "read/photo_internal.h"

/* One OCR context: where the data is, and the engine once loaded. */
struct lt_ocr {
	char *tessdata;     /* as given in the options, or NULL */
	TessBaseAPI *api;   /* loaded by the first page; NULL before */
	lt_ocr_limits budget; /* of each file read through the context */
	lt_ocr_limits cur;  /* of the file being read */
	lt_error_slot err;
};

/* Pictures smaller than this a side hold no readable page. */
#define MIN_SIDE 32

/* ---------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------- */

double lt_photo_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Copy grey or RGB rows into a new 8-bit Leptonica image (NULL when out
 * of memory).  RGB is weighted as luminance (BT.601). */
static PIX *pix_from_rows(const unsigned char *pixels, int w, int h,
			  int channels, int stride)
{
	PIX *pix = pixCreate(w, h, 8);
	l_uint32 *data;
	int wpl, x, y;

	if (!pix)
		return NULL;
	data = pixGetData(pix);
	wpl = pixGetWpl(pix);
	for (y = 0; y < h; y++) {
		const unsigned char *row = pixels + (size_t)y * stride;
		l_uint32 *line = data + (size_t)y * wpl;

		for (x = 0; x < w; x++) {
			unsigned v;

			if (channels == 1) {
				v = row[x];
			} else {
				const unsigned char *p = row + 3 * x;

				v = (299u * p[0] + 587u * p[1] + 114u * p[2] +
				     500u) / 1000u;
			}
			SET_DATA_BYTE(line, x, v);
		}
	}
	return pix;
}

/*
 * Keep Tesseract on the calling thread.  Tesseract parallelises with
 * OpenMP; on a loaded or small machine its spinning worker threads make a
 * page several times slower (7 s instead of 1 s on two cores), and a
 * caller that reads pages in parallel wants one core a page.  With no
 * active parallel level allowed, every OpenMP region runs on one thread.
 * That setting belongs to the thread that makes it (OpenMP keeps it per
 * thread), so it is made by every thread before it reads a page; the
 * runtime's function is looked up once.  The OpenMP runtime is
 * Tesseract's own dependency, so it is looked up rather than linked.
 */
static pthread_once_t process_settings_once = PTHREAD_ONCE_INIT;
static void (*omp_set_levels)(int);

static void ocr_process_settings(void)
{
	TessBaseAPI *api;

	*(void **)&omp_set_levels =
		dlsym(RTLD_DEFAULT, "omp_set_max_active_levels");
	/* Tesseract's diagnostics would go to stderr otherwise.  Its
	 * "debug_file" is one variable for the whole process, set through
	 * an engine: set once here, not by every engine loaded. */
	if ((api = TessBaseAPICreate())) {
		TessBaseAPISetVariable(api, "debug_file", "/dev/null");
		TessBaseAPIDelete(api);
	}
	/* Leptonica's own complaints (from inside Tesseract too) are not
	 * the user's business; failures reach the caller as lt errors.
	 * The setting is the process's. */
	setMsgSeverity(L_SEVERITY_NONE);
}

/* Before a page is read on this thread. */
static void ocr_on_this_thread_only(void)
{
	pthread_once(&process_settings_once, ocr_process_settings);
	if (omp_set_levels)
		omp_set_levels(0);
}

/* ---------------------------------------------------------------------
 * OCR data
 * ------------------------------------------------------------------- */

static int file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * The directory holding eng.traineddata: `given` (itself or its tessdata/
 * subdirectory; the command passes $TESSDATA_PREFIX), else the places
 * Tesseract's packages install it.  Writes into dir (size n); LT_OK, or
 * LT_EIO with a message saying how to install the data.
 */
static int find_tessdata(const char *given, char *dir, size_t n)
{
	static const char *const known[] = {
		"/usr/share/tesseract-ocr/5/tessdata",
		"/usr/share/tesseract-ocr/4.00/tessdata",
		"/usr/share/tessdata",
		"/usr/local/share/tessdata",
		"/usr/local/share/tesseract-ocr/tessdata",
		"/opt/homebrew/share/tessdata",
	};
	const char *env = given;
	char path[4096];
	size_t i;

	if (env && *env) {
		const char *sub[2] = {"", "/tessdata"};

		for (i = 0; i < 2; i++) {
			snprintf(path, sizeof path, "%s%s/eng.traineddata",
				 env, sub[i]);
			if (file_exists(path)) {
				snprintf(dir, n, "%s%s", env, sub[i]);
				return LT_OK;
			}
		}
	}
	for (i = 0; i < sizeof known / sizeof known[0]; i++) {
		snprintf(path, sizeof path, "%s/eng.traineddata", known[i]);
		if (file_exists(path)) {
			snprintf(dir, n, "%s", known[i]);
			return LT_OK;
		}
	}
	return lt_error_set(LT_EIO,
			    "English OCR data (eng.traineddata) is not "
			    "installed: install the tesseract-ocr-eng package "
			    "or set TESSDATA_PREFIX to its directory");
}

/* ---------------------------------------------------------------------
 * Filling the extract
 * ------------------------------------------------------------------- */

static int add_word(lt_extract *e, size_t *cap, const char *text, int x0,
		    int y0, int x1, int y1, float conf, uint32_t page)
{
	lt_seen_word *w;
	char *copy;

	if (LT_ARRAY_GROW(e->words, *cap, e->nwords + 1))
		return LT_ENOMEM;
	copy = strdup(text);
	if (!copy)
		return lt_error_set(LT_ENOMEM, "out of memory");
	w = &e->words[e->nwords++];
	w->text = copy;
	w->x0 = x0;
	w->y0 = y0;
	w->x1 = x1;
	w->y1 = y1;
	w->confidence = conf;
	w->page = page;
	return LT_OK;
}

/* Tesseract's words' text has trailing blanks and, rarely, inner spaces
 * or control characters; keep one clean token. */
static void clean_word(char *s)
{
	char *r = s, *w = s;

	for (; *r; r++) {
		unsigned char c = (unsigned char)*r;

		if (c > ' ')
			*w++ = (char)c;
	}
	*w = '\0';
}

/* How far beyond a word's box its ink is looked for (pixels): the blurred
 * edges of its letters; never past the middle of the gap to a neighbour
 * on its line. */
#define CENTRE_MARGIN_X 10
#define CENTRE_MARGIN_Y 3
/* Darkness below the paper's that counts as ink: above the sensor's
 * noise and the JPEG ringing around letters (measured on blurred phone
 * photos: 25 reads the marks best, 4 and 35 clearly worse). */
#define INK_FLOOR 25

static int cmp_u8(const void *a, const void *b)
{
	return (int)*(const unsigned char *)a - (int)*(const unsigned char *)b;
}

/* Do boxes a and b overlap in height (words of one line)? */
static int same_row(const lt_seen_word *a, const lt_seen_word *b)
{
	return a->y0 < b->y1 && b->y0 < a->y1;
}

/* Rows of a word's profile, at most (longer windows are not words). */
#define EDGE_ROWS 256

/*
 * Where the ink of rows [y0, y1) and columns [x0, x1) of the 8-bit page
 * `data` drops most steeply going down, to a fraction of a pixel: the
 * centre of mass of the drop of its row profile (ink weighed as in
 * centre_boxes against the paper `bg`) within two rows of its steepest
 * step.  For a word that is its baseline, where most letters end: a blur
 * widens the drop but does not move its centre.  NAN when no ink.
 */
static double baseline_of(const l_uint32 *data, int wpl, int x0, int x1,
			  int y0, int y1, double bg)
{
	double row[EDGE_ROWS], best = 0, sum = 0, sy = 0;
	int x, y, n = y1 - y0, at = -1;

	if (n < 3 || n > EDGE_ROWS)
		return NAN;
	for (y = 0; y < n; y++) {
		const l_uint32 *line = data + (size_t)(y0 + y) * wpl;

		row[y] = 0;
		for (x = x0; x < x1; x++) {
			double ink = bg - INK_FLOOR - GET_DATA_BYTE(line, x);

			if (ink > 0)
				row[y] += ink;
		}
	}
	for (y = 1; y < n; y++)
		if (row[y - 1] - row[y] > best) {
			best = row[y - 1] - row[y];
			at = y;
		}
	if (at < 0)
		return NAN;
	/* The drop between rows y - 1 and y is at the boundary y. */
	for (y = at - 2 < 1 ? 1 : at - 2; y <= at + 2 && y < n; y++)
		if (row[y - 1] > row[y]) {
			sum += row[y - 1] - row[y];
			sy += (row[y - 1] - row[y]) * y;
		}
	return sum > 0 ? y0 + sy / sum : NAN;
}

/*
 * Put the horizontal centre of the boxes of words[first..n) where their
 * ink's centre of mass is, keeping their widths, and their bottoms on
 * their ink's baselines, keeping their heights.  A box's sides are where
 * the thresholded ink ends, whole pixels decided by a letter's extremity
 * (and on a blurred page a box is often as tall as the line); the centre
 * of mass weighs every pixel's darkness against the paper, so it keeps a
 * fraction of a pixel, which is what the layout marks (render.h) are read
 * from.  Blur moves ink but not its centre, as long as all of it is
 * taken: the window reaches past the box, up to the middle of the gap to
 * the word beside it, and the darkness counts above a floor that keeps
 * the noise and the JPEG ringing out.  `pix` is the sharpened page the
 * boxes were read on: its sharpening takes out the slow changes of light
 * that would pull a centre aside.
 */
static void centre_boxes(lt_seen_word *words, size_t first, size_t n, PIX *pix)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
	l_uint32 *data = pixGetData(pix);
	unsigned char *v = NULL;
	double *cx = NULL, *cy = NULL;
	size_t cap = 0, i;

	if (n <= first || !(cx = malloc((n - first) * sizeof(*cx))) ||
	    !(cy = malloc((n - first) * sizeof(*cy)))) {
		free(cx);
		return;
	}
	for (i = first; i < n; i++) {
		lt_seen_word *wd = &words[i];
		double lo = wd->x0 - CENTRE_MARGIN_X, hi = wd->x1 + CENTRE_MARGIN_X;
		int x0, x1, y0 = (int)wd->y0 - CENTRE_MARGIN_Y,
			    y1 = (int)wd->y1 + CENTRE_MARGIN_Y, x, y;
		size_t m = 0, need;
		double bg, sum = 0, sx = 0;

		cx[i - first] = cy[i - first] = NAN;
		if (i > first && same_row(&words[i - 1], wd) &&
		    words[i - 1].x1 <= wd->x0 && (words[i - 1].x1 + wd->x0) / 2 > lo)
			lo = (words[i - 1].x1 + wd->x0) / 2;
		if (i + 1 < n && same_row(&words[i + 1], wd) &&
		    words[i + 1].x0 >= wd->x1 && (words[i + 1].x0 + wd->x1) / 2 < hi)
			hi = (words[i + 1].x0 + wd->x1) / 2;
		x0 = (int)floor(lo);
		x1 = (int)ceil(hi);
		if (x0 < 0)
			x0 = 0;
		if (y0 < 0)
			y0 = 0;
		if (x1 > w)
			x1 = w;
		if (y1 > h)
			y1 = h;
		if (x1 - x0 < 3 || y1 - y0 < 3)
			continue;
		need = (size_t)(x1 - x0) * (size_t)(y1 - y0);
		if (need > cap) {
			unsigned char *nv = realloc(v, need);

			if (!nv)
				break;
			v = nv;
			cap = need;
		}
		for (y = y0; y < y1; y++) {
			const l_uint32 *line = data + (size_t)y * wpl;

			for (x = x0; x < x1; x++)
				v[m++] = (unsigned char)GET_DATA_BYTE(line, x);
		}
		/* The paper: most of the window is between strokes. */
		qsort(v, m, 1, cmp_u8);
		bg = v[m * 3 / 4];
		for (y = y0; y < y1; y++) {
			const l_uint32 *line = data + (size_t)y * wpl;

			for (x = x0; x < x1; x++) {
				double ink = bg - INK_FLOOR - GET_DATA_BYTE(line, x);

				if (ink > 0) {
					sum += ink;
					sx += ink * (x + 0.5);
				}
			}
		}
		if (sum > 0)
			cx[i - first] = sx / sum;
		cy[i - first] = baseline_of(data, wpl, x0, x1, y0, y1, bg);
	}
	/* Moved only once every centre is measured: a window depends on the
	 * neighbours' boxes as OCR gave them. */
	for (i = first; i < n; i++) {
		lt_seen_word *wd = &words[i];
		double d = cx[i - first] - (wd->x0 + wd->x1) / 2;

		if (isfinite(d) && fabs(d) < (wd->x1 - wd->x0) / 4) {
			wd->x0 += d;
			wd->x1 += d;
		}
		d = cy[i - first] - wd->y1;
		if (isfinite(d)) {
			wd->y0 += d;
			wd->y1 += d;
		}
	}
	free(v);
	free(cx);
	free(cy);
}

/*
 * Load the English model into the context's engine, once: LT_OK, LT_ENOMEM
 * or LT_EIO.  A failed load leaves no engine, so a later page tries again.
 */
static int ocr_load(lt_ocr *ocr)
{
	char datadir[4096];
	int rc;

	if (ocr->api)
		return LT_OK;
	rc = find_tessdata(ocr->tessdata, datadir, sizeof datadir);
	if (rc != LT_OK)
		return rc;
	ocr->api = TessBaseAPICreate();
	if (!ocr->api)
		return lt_error_set(LT_ENOMEM, "out of memory");
	if (TessBaseAPIInit3(ocr->api, datadir, "eng") != 0) {
		TessBaseAPIDelete(ocr->api);
		ocr->api = NULL;
		return lt_error_set(LT_EIO,
				    "cannot load the English OCR data from %s: "
				    "reinstall tesseract-ocr-eng or set "
				    "TESSDATA_PREFIX",
				    datadir);
	}
	TessBaseAPISetPageSegMode(ocr->api, PSM_AUTO);
	return LT_OK;
}

/*
 * Read the rectified page `pix` with the context's engine and append its
 * words to e as page `page`.  `dpi` is the page's resolution, told to
 * Tesseract so it does not guess.  Recognition stops after `seconds`;
 * *stopped is then set and nothing is appended.  The engine forgets the
 * page (and what it adapted to) afterwards.
 */
static int ocr_page(lt_ocr *ocr, lt_extract *e, PIX *pix, int dpi,
		    uint32_t page, double seconds, int *stopped)
{
	TessBaseAPI *api;
	TessResultIterator *ri = NULL;
	ETEXT_DESC *monitor;
	size_t cap = e->nwords, first = e->nwords;
	int rc, started = 0, failed;
	double sum = 0, t0;
	size_t i;

	*stopped = 0;
	if ((rc = ocr_load(ocr)) != LT_OK)
		return rc;
	if (!(monitor = TessMonitorCreate()))
		return lt_error_set(LT_ENOMEM, "out of memory");
	ocr_on_this_thread_only();
	api = ocr->api;
	TessBaseAPISetImage2(api, pix);
	TessBaseAPISetSourceResolution(api, dpi);
	if (seconds < 1e-3)
		seconds = 1e-3;
	TessMonitorSetDeadlineMSecs(monitor, seconds > 2e6 ? 2000000000
				    : (int)(seconds * 1000));
	t0 = lt_photo_now();
	failed = TessBaseAPIRecognize(api, monitor) != 0;
	TessMonitorDelete(monitor);
	if (failed && lt_photo_now() - t0 >= seconds) {
		*stopped = 1; /* the deadline, not the page, ended it */
		rc = LT_OK;
		goto out;
	}
	if (failed) {
		rc = lt_error_set(LT_EINPUT, "OCR failed on the page image");
		goto out;
	}
	ri = TessBaseAPIGetIterator(api);
	if (!ri)
		goto out; /* nothing on the page */
	do {
		TessPageIterator *pi = TessResultIteratorGetPageIterator(ri);
		char *word = TessResultIteratorGetUTF8Text(ri, RIL_WORD);
		const char *sep;
		int l, t, r, b;
		float conf;

		if (!word)
			continue;
		clean_word(word);
		if (!*word ||
		    !TessPageIteratorBoundingBox(pi, RIL_WORD, &l, &t, &r, &b)) {
			TessDeleteText(word);
			continue;
		}
		conf = TessResultIteratorConfidence(ri, RIL_WORD) / 100.0f;
		if (conf < 0)
			conf = 0;
		if (conf > 1)
			conf = 1;
		if (!started)
			sep = e->text.len > 0 ? "\n\n" : ""; /* a new page */
		else if (TessPageIteratorIsAtBeginningOf(pi, RIL_PARA))
			sep = "\n\n";
		else if (TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE))
			sep = "\n";
		else
			sep = " ";
		started = 1;
		rc = lt_buf_puts(&e->text, sep);
		if (rc == LT_OK)
			rc = lt_buf_puts(&e->text, word);
		if (rc == LT_OK)
			rc = add_word(e, &cap, word, l, t, r, b, conf, page);
		TessDeleteText(word);
		if (rc != LT_OK)
			goto out;
	} while (TessResultIteratorNext(ri, RIL_WORD));

	centre_boxes(e->words, first, e->nwords, pix);
	/* Mean confidence over every word read so far. */
	for (i = 0; i < e->nwords; i++)
		sum += e->words[i].confidence;
	e->confidence = e->nwords ? sum / e->nwords : 0;
	rc = LT_OK;
out:
	if (ri)
		TessResultIteratorDelete(ri);
	TessBaseAPIClear(api);
	TessBaseAPIClearAdaptiveClassifier(api);
	return rc;
}

/* ---------------------------------------------------------------------
 * The OCR context
 * ------------------------------------------------------------------- */

int lt_ocr_new(lt_ocr **out, const lt_ocr_options *opts)
{
	lt_ocr *ocr;

	*out = NULL;
	pthread_once(&process_settings_once, ocr_process_settings);
	if (!(ocr = calloc(1, sizeof *ocr)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	lt_ocr_budget_limits(&ocr->budget, opts ? &opts->budget : NULL);
	ocr->cur = ocr->budget;
	if (opts && opts->tessdata && !(ocr->tessdata = strdup(opts->tessdata))) {
		free(ocr);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	*out = ocr;
	return LT_OK;
}

void lt_ocr_free(lt_ocr *ocr)
{
	if (!ocr)
		return;
	if (ocr->api) {
		TessBaseAPIEnd(ocr->api);
		TessBaseAPIDelete(ocr->api);
	}
	free(ocr->tessdata);
	free(ocr);
}

/* ---------------------------------------------------------------------
 * The budget
 * ------------------------------------------------------------------- */

#define NO_LIMIT 1e18

/* A field of a budget: its default when 0, no limit when negative. */
static double limit_of(double v, double dflt)
{
	return v == 0 ? dflt : v < 0 ? NO_LIMIT : v;
}

void lt_ocr_budget_limits(lt_ocr_limits *out, const lt_ocr_budget *b)
{
	lt_ocr_budget none = {0};

	if (!b)
		b = &none;
	out->pages = b->pages == 0 ? LT_OCR_DEFAULT_PAGES
		: b->pages < 0 ? LONG_MAX : b->pages;
	out->page_pixels = 1e6 * limit_of(b->page_megapixels,
					  LT_OCR_DEFAULT_PAGE_MEGAPIXELS);
	out->file_pixels = 1e6 * limit_of(b->file_megapixels,
					  LT_OCR_DEFAULT_FILE_MEGAPIXELS);
	out->seconds = limit_of(b->seconds, LT_OCR_DEFAULT_SECONDS);
	if (out->page_pixels < 1e4)
		out->page_pixels = 1e4; /* a hundred pixels a side at least */
}

void lt_ocr_set_budget(lt_ocr *ocr, const lt_ocr_budget *budget)
{
	if (!ocr)
		return;
	lt_ocr_budget_limits(&ocr->budget, budget);
	ocr->cur = ocr->budget;
}

void lt_ocr_context_limits(const lt_ocr *ocr, lt_ocr_limits *out)
{
	if (ocr)
		*out = ocr->budget;
	else
		lt_ocr_budget_limits(out, NULL);
}

void lt_ocr_use_limits(lt_ocr *ocr, const lt_ocr_limits *lim)
{
	if (ocr)
		ocr->cur = lim ? *lim : ocr->budget;
}

/* Count a page left unread because `limit` was reached. */
static void over_budget(lt_extract *e, const char *limit)
{
	e->ocr_skipped++;
	if (!e->ocr_limit)
		e->ocr_limit = limit;
}

int lt_ocr_keep_error(lt_ocr *ocr, int rc)
{
	return lt_error_keep(ocr ? &ocr->err : NULL, rc);
}

int lt_ocr_errcode(const lt_ocr *ocr)
{
	return ocr ? ocr->err.code : LT_EUSAGE;
}

const char *lt_ocr_errmsg(const lt_ocr *ocr)
{
	return ocr ? ocr->err.message : "no OCR context";
}

/* ---------------------------------------------------------------------
 * Public API
 * ------------------------------------------------------------------- */

/*
 * Rectify and read the picture `grey` as e's next page, within the
 * context's current limits: a page over them is skipped and counted, a
 * picture over the page's pixel limit is scaled down first.
 */
static int extract_pix(lt_ocr *ocr, lt_extract *e, PIX *grey,
		       const char *name)
{
	const lt_ocr_limits *lim = &ocr->cur;
	PIX *page = NULL, *small = NULL;
	double t0, t1, t2, px;
	int dpi = 0, rc, stopped = 0;

	px = (double)pixGetWidth(grey) * pixGetHeight(grey);
	if ((long)e->ocr_pages >= lim->pages) {
		over_budget(e, "pages");
		return LT_OK;
	}
	if (e->ocr_seconds >= lim->seconds) {
		over_budget(e, "seconds");
		return LT_OK;
	}
	t0 = lt_photo_now();
	if (px > lim->page_pixels) {
		float f = (float)sqrt(lim->page_pixels / px);

		if (!(small = pixScale(grey, f, f)))
			return lt_error_set(LT_ENOMEM, "out of memory");
		grey = small;
		px = (double)pixGetWidth(grey) * pixGetHeight(grey);
		e->ocr_downscaled++;
	}
	if (e->ocr_megapixels * 1e6 + px > lim->file_pixels) {
		pixDestroy(&small);
		over_budget(e, "pixels");
		return LT_OK;
	}
	rc = lt_photo_rectify(&page, &dpi, grey, name);
	pixDestroy(&small);
	if (rc != LT_OK)
		return rc;
	t1 = lt_photo_now();
	rc = ocr_page(ocr, e, page, dpi, (uint32_t)e->pages,
		      lim->seconds - e->ocr_seconds - (t1 - t0), &stopped);
	t2 = lt_photo_now();
	pixDestroy(&page);
	e->ocr_seconds += t2 - t0;
	if (rc != LT_OK)
		return rc;
	if (stopped) {
		over_budget(e, "seconds");
		return LT_OK;
	}
	e->kind = LT_EXTRACT_OCR;
	e->pages++;
	e->ocr_pages++;
	e->ocr_megapixels += px / 1e6;
	e->t_rectify += t1 - t0;
	e->t_ocr += t2 - t1;
	return LT_OK;
}

static int check_dims(const char *name, int w, int h)
{
	if (w < MIN_SIDE || h < MIN_SIDE)
		return lt_error_set(LT_EINPUT,
				    "%s: image too small to read (%d x %d "
				    "pixels; at least %d a side needed)",
				    name, w, h, MIN_SIDE);
	return LT_OK;
}

static int read_pixels(lt_ocr *ocr, lt_extract *e, const unsigned char *pixels,
		       int width, int height, int channels, int stride)
{
	PIX *grey;
	int rc;

	if (!ocr || !e || !pixels || width <= 0 || height <= 0 ||
	    (channels != 1 && channels != 3) ||
	    (long)stride < (long)width * channels)
		return lt_error_set(LT_EUSAGE, "photo: bad pixel buffer");
	if (width > LT_IMAGE_MAX_SIDE || height > LT_IMAGE_MAX_SIDE ||
	    (long)width * height > LT_IMAGE_MAX_PIXELS)
		return lt_error_set(LT_EINPUT,
				    "page image too large (%d x %d pixels)",
				    width, height);
	rc = check_dims("page image", width, height);
	if (rc != LT_OK)
		return rc;
	grey = pix_from_rows(pixels, width, height, channels, stride);
	if (!grey)
		return lt_error_set(LT_ENOMEM, "out of memory");
	rc = extract_pix(ocr, e, grey, "page image");
	pixDestroy(&grey);
	return rc;
}

/* How a photo is decoded: upright, grey, and no larger than needed. */
static void photo_image_options(lt_image_options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->apply_orientation = 1;
	opt->luminance = 1;
	/* A large JPEG is decoded at 1/2, 1/4 or 1/8 scale when that still
	 * leaves the LT_PHOTO_MAX_SIDE worked on. */
	opt->min_side = LT_PHOTO_MAX_SIDE * 2 / 3;
}

/* OCR a decoded image (consumed) named `name`. */
static int read_decoded(lt_ocr *ocr, lt_extract *e, lt_image *img,
			const char *name)
{
	PIX *grey;
	int rc;

	rc = check_dims(name, img->width, img->height);
	if (rc != LT_OK) {
		lt_image_free(img);
		return rc;
	}
	grey = pix_from_rows(img->pixels, img->width, img->height,
			     img->channels, img->width * img->channels);
	lt_image_free(img);
	if (!grey)
		return lt_error_set(LT_ENOMEM, "out of memory");
	rc = extract_pix(ocr, e, grey, name);
	pixDestroy(&grey);
	return rc;
}

static int read_file(lt_ocr *ocr, lt_extract *e, const char *path)
{
	lt_image_options opt;
	lt_image *img = NULL;
	int rc;

	if (!ocr || !e || !path)
		return lt_error_set(LT_EUSAGE, "photo: no file");
	photo_image_options(&opt);
	rc = lt_image_load(&img, path, &opt);
	if (rc != LT_OK)
		return rc;
	return read_decoded(ocr, e, img, path);
}

int lt_ocr_read_pixels(lt_ocr *ocr, lt_extract *e,
		       const unsigned char *pixels, int width, int height,
		       int channels, int stride)
{
	return lt_error_keep(ocr ? &ocr->err : NULL,
			     read_pixels(ocr, e, pixels, width, height,
					 channels, stride));
}

int lt_ocr_read_file(lt_ocr *ocr, lt_extract *e, const char *path)
{
	return lt_error_keep(ocr ? &ocr->err : NULL, read_file(ocr, e, path));
}

int lt_ocr_read_image(lt_ocr *ocr, lt_extract *e, const void *data,
		      size_t len, const char *name)
{
	lt_image_options opt;
	lt_image *img = NULL;
	int rc;

	if (!name)
		name = "image";
	if (!ocr || !e || (!data && len))
		rc = lt_error_set(LT_EUSAGE, "photo: no image");
	else {
		photo_image_options(&opt);
		rc = lt_image_decode(&img, data ? data : "", len, name, &opt);
		if (rc == LT_OK)
			rc = read_decoded(ocr, e, img, name);
	}
	return lt_error_keep(ocr ? &ocr->err : NULL, rc);
}

/* The functions of photo.h: a context for the one call. */

int lt_photo_extract_pixels(lt_extract *e, const unsigned char *pixels,
			    int width, int height, int channels, int stride)
{
	lt_ocr *ocr;
	int rc;

	if ((rc = lt_ocr_new(&ocr, NULL)))
		return rc;
	rc = read_pixels(ocr, e, pixels, width, height, channels, stride);
	lt_ocr_free(ocr);
	return rc;
}

int lt_photo_extract(lt_extract *e, const char *path)
{
	lt_ocr *ocr;
	int rc;

	if ((rc = lt_ocr_new(&ocr, NULL)))
		return rc;
	rc = read_file(ocr, e, path);
	lt_ocr_free(ocr);
	return rc;
}
