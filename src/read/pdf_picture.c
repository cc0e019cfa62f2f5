/*
 * pdf_picture.c - reading the layout marks of an own-look PDF copy from a
 * photo, scan or screenshot of its pages (pdfcopy.h:
 * lt_pdf_copy_read_picture; pdf_picture.h).
 *
 * Flow: per pictured page, its OCR'd words in reading order --longest
 * common subsequence of their texts--> the words of the original page
 * that shares most of them --> an affine map from the picture's pixels to
 * the page's points, fitted by least squares on the words' positions
 * (horizontal centre, baseline) with outliers rejected --> every kept
 * word's offsets against the original in points (up: its baseline
 * against its line's; right: its centre against its box's) --> per line,
 * the medians and their standard errors --> a data line's shifts, less
 * its control neighbours' mean (a data line with no neighbour seen stays
 * unread) --> a symbol when the shift is about one of the two marks (0.4
 * to 2.5 times its size) and beyond its noise (its words' medians'
 * standard error, or the page's line noise, page_noise(), if larger):
 * full weight from SE_RATIO times that error on, a weight in eighths
 * from SE_SOFT times it (LT_OBS, code.h), else unread.
 *
 * Like is compared with like: the picture's boxes are ink (photo.h
 * centres a box on its ink's centre of mass and puts its bottom on its
 * baseline), so a pictured word's centre is compared with the centre of
 * the same word's ink on the original's page rendered (ink_centres), and
 * its baseline with its line's baseline in the original's content
 * stream.
 *
 * Why it is sound: the reading depends on the original and the picture
 * alone, never on a codeword, so an innocent recipient's symbols stay
 * independent of what is read and the accusation's bound holds; an
 * unmarked page moves no line against its neighbours, and what noise
 * reads there no code follows more than chance.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <poppler.h>

#include "leaktrace/code.h"
#include "leaktrace/error.h"
#include "leaktrace/pdfcopy.h"
#include "read/pdf_pages.h"
#include "read/linear.h"
#include "read/pdf_picture.h"

/* A pictured page is a page of the original when at least this many of
 * its words match that page in order, this share of its words, and the
 * fit keeps KEEP_SHARE of them within MAX_RMS points. */
#define MIN_PAIRS 8
#define MIN_SHARE 0.3
#define KEEP_SHARE 0.5
#define MAX_RMS 2.0
/* Outliers of the fit: beyond this distance (points) at least. */
#define FIT_FLOOR 0.75
/* The longest common subsequence's table, in cells at most. */
#define LCS_MAX_CELLS (1u << 23)
/* A line's offsets from this many of its words at least. */
#define LINE_MIN_WORDS 3
/* A shift reads as a mark between these multiples of the mark's size,
 * and when SE_RATIO standard errors from zero (each at least SE_FLOOR
 * points: a median of a few equal values has no spread). */
#define SHIFT_MIN 0.4
#define SHIFT_MAX 2.5
#define SE_RATIO 1.6
#define SE_SOFT 0.8 /* read, with a lower weight, from here */
#define SE_FLOOR 0.01
/* A page's noise is told from this many control lines at least. */
#define NOISE_MIN_LINES 4

/* ---------------------------------------------------------------------
 * The affine map
 * ------------------------------------------------------------------- */

void lt_pdf_affine_apply(const lt_pdf_affine *m, double x, double y,
			 double *u, double *v)
{
	*u = m->a * x + m->b * y + m->c;
	*v = m->d * x + m->e * y + m->f;
}

/* Least squares over the points with use[i] set (centred on their mean,
 * for a well-conditioned system); -1 when they are too few or on a line. */
static int fit_once(lt_pdf_affine *m, const uint8_t *use, const double *x,
		    const double *y, const double *u, const double *v,
		    size_t n)
{
	double mx = 0, my = 0, au[3][4] = {{0}}, av[3][4], su[3], sv[3];
	size_t i, k = 0;
	int r, c;

	for (i = 0; i < n; i++)
		if (use[i]) {
			mx += x[i];
			my += y[i];
			k++;
		}
	if (k < 3)
		return -1;
	mx /= (double)k;
	my /= (double)k;
	for (i = 0; i < n; i++) {
		double row[3];

		if (!use[i])
			continue;
		row[0] = x[i] - mx;
		row[1] = y[i] - my;
		row[2] = 1;
		for (r = 0; r < 3; r++) {
			for (c = 0; c < 3; c++)
				au[r][c] += row[r] * row[c];
			au[r][3] += row[r] * u[i];
		}
	}
	memcpy(av, au, sizeof(av));
	for (r = 0; r < 3; r++)
		av[r][3] = 0;
	for (i = 0; i < n; i++)
		if (use[i]) {
			av[0][3] += (x[i] - mx) * v[i];
			av[1][3] += (y[i] - my) * v[i];
			av[2][3] += v[i];
		}
	if (lt_solve(&au[0][0], 3, su, 1e-9) ||
	    lt_solve(&av[0][0], 3, sv, 1e-9))
		return -1;
	m->a = su[0];
	m->b = su[1];
	m->c = su[2] - su[0] * mx - su[1] * my;
	m->d = sv[0];
	m->e = sv[1];
	m->f = sv[2] - sv[0] * mx - sv[1] * my;
	return 0;
}

int lt_pdf_affine_fit(lt_pdf_affine *m, uint8_t *inlier, size_t *kept,
		      double *rms, const double *x, const double *y,
		      const double *u, const double *v, size_t n, double floor)
{
	uint8_t *use = calloc(n + 1, 1);
	double *dist = malloc((n + 1) * sizeof(*dist));
	double *tmp = malloc((n + 1) * sizeof(*tmp));
	size_t i, k = n, iter;
	int rc = 1;

	if (kept)
		*kept = 0;
	if (rms)
		*rms = NAN;
	if (!use || !dist || !tmp) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	memset(use, 1, n);
	for (iter = 0; iter < 30; iter++) {
		double thr, sum = 0;
		size_t nk = 0, changed = 0;

		if (fit_once(m, use, x, y, u, v, n))
			goto out;
		for (i = 0, k = 0; i < n; i++) {
			double pu, pv;

			lt_pdf_affine_apply(m, x[i], y[i], &pu, &pv);
			dist[i] = hypot(pu - u[i], pv - v[i]);
			if (use[i]) {
				tmp[k++] = dist[i];
				sum += dist[i] * dist[i];
			}
		}
		if (rms)
			*rms = sqrt(sum / (double)k);
		/* the median distance of a 2-D normal error is 1.18 sigma:
		 * 2.5 medians are about 3 sigmas */
		thr = 2.5 * lt_pdf_median(tmp, k);
		if (thr < floor)
			thr = floor;
		for (i = 0; i < n; i++) {
			uint8_t now = dist[i] < thr;

			changed += now != use[i];
			use[i] = now;
			nk += now;
		}
		if (!changed)
			break;
		if (nk < 3)
			goto out;
	}
	rc = LT_OK;
	if (kept)
		*kept = k;
	if (inlier)
		memcpy(inlier, use, n);
out:
	free(use);
	free(dist);
	free(tmp);
	return rc;
}

/* ---------------------------------------------------------------------
 * Words matched by text and order
 * ------------------------------------------------------------------- */

/*
 * The longest common subsequence of the texts of orig[oi[0..no)] and
 * seen[si[0..ns)]: its length, and when `po` is not NULL its pairs
 * (po[k], ps[k]: indices into oi and si).  `tab` holds (no + 1) (ns + 1)
 * cells.
 */
static size_t common_words(size_t *po, size_t *ps, uint16_t *tab,
			   const lt_seen_word *orig, const size_t *oi,
			   size_t no, const lt_seen_word *seen,
			   const size_t *si, size_t ns)
{
	size_t i, j, k = 0, w = ns + 1;

	/* tab[i][j]: the longest common subsequence of the suffixes */
	for (j = 0; j <= ns; j++)
		tab[no * w + j] = 0;
	for (i = no; i-- > 0;) {
		tab[i * w + ns] = 0;
		for (j = ns; j-- > 0;) {
			uint16_t a = tab[(i + 1) * w + j], b = tab[i * w + j + 1];

			if (!strcmp(orig[oi[i]].text, seen[si[j]].text))
				tab[i * w + j] = tab[(i + 1) * w + j + 1] + 1;
			else
				tab[i * w + j] = a > b ? a : b;
		}
	}
	if (!po)
		return tab[0];
	for (i = 0, j = 0; i < no && j < ns;) {
		if (!strcmp(orig[oi[i]].text, seen[si[j]].text)) {
			po[k] = i++;
			ps[k++] = j++;
		} else if (tab[(i + 1) * w + j] >= tab[i * w + j + 1]) {
			i++;
		} else {
			j++;
		}
	}
	return k;
}

/* ---------------------------------------------------------------------
 * The original's ink
 * ------------------------------------------------------------------- */

/* Pixels a point of the original's pages rendered for their words' ink,
 * and the largest page side so rendered (pixels). */
#define INK_SCALE 4.0
#define INK_MAX_SIDE 8000
/* Darkness (of 255) under which a pixel counts as paper, as photo.c. */
#define INK_FLOOR 25
/* How far past its box a word's ink is looked for when no neighbour is
 * nearer (points). */
#define INK_MARGIN 2.0

/*
 * The horizontal centre of the ink of each word orig[oi[0..no)] of page
 * `page` of the PDF of `len` bytes at `pdf`, in points, into cx[] (NAN
 * where no ink): the page rendered, and each word's darkness weighed
 * from the middle of the gap to its left neighbour on its line to the
 * middle of the gap to its right one, over its box's height - as photo.c
 * centres a pictured word, so the two are measured alike.  1 when the
 * page cannot be rendered (the boxes' centres are used then).
 */
static int ink_centres(double *cx, const void *pdf, size_t len, size_t page,
		       const lt_seen_word *orig, const size_t *oi, size_t no)
{
	GBytes *bytes = g_bytes_new(pdf, len);
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL,
								NULL);
	PopplerPage *pg = NULL;
	cairo_surface_t *s = NULL;
	const unsigned char *px;
	double pw, ph;
	int w, h, stride, rc = 1;
	size_t i;

	g_bytes_unref(bytes);
	if (!doc || page >= (size_t)poppler_document_get_n_pages(doc) ||
	    !(pg = poppler_document_get_page(doc, (int)page)))
		goto out;
	poppler_page_get_size(pg, &pw, &ph);
	w = (int)(pw * INK_SCALE + 0.5);
	h = (int)(ph * INK_SCALE + 0.5);
	if (!(pw > 1 && ph > 1) || w > INK_MAX_SIDE || h > INK_MAX_SIDE)
		goto out;
	if ((rc = lt_pdf_page_surface(&s, pg, w, h, INK_SCALE)))
		goto out;
	rc = LT_OK;
	stride = cairo_image_surface_get_stride(s);
	px = cairo_image_surface_get_data(s);
	for (i = 0; i < no; i++) {
		const lt_seen_word *o = &orig[oi[i]];
		double lo = o->x0 - INK_MARGIN, hi = o->x1 + INK_MARGIN;
		double sum = 0, sx = 0;
		int x0, x1, y0, y1, x, y;

		if (i > 0 && orig[oi[i - 1]].y0 < o->y1 &&
		    o->y0 < orig[oi[i - 1]].y1 && orig[oi[i - 1]].x1 <= o->x0 &&
		    (orig[oi[i - 1]].x1 + o->x0) / 2 > lo)
			lo = (orig[oi[i - 1]].x1 + o->x0) / 2;
		if (i + 1 < no && orig[oi[i + 1]].y0 < o->y1 &&
		    o->y0 < orig[oi[i + 1]].y1 && orig[oi[i + 1]].x0 >= o->x1 &&
		    (orig[oi[i + 1]].x0 + o->x1) / 2 < hi)
			hi = (orig[oi[i + 1]].x0 + o->x1) / 2;
		cx[i] = NAN;
		x0 = (int)floor(lo * INK_SCALE);
		x1 = (int)ceil(hi * INK_SCALE);
		y0 = (int)floor(o->y0 * INK_SCALE);
		y1 = (int)ceil(o->y1 * INK_SCALE);
		x0 = x0 < 0 ? 0 : x0;
		y0 = y0 < 0 ? 0 : y0;
		x1 = x1 > w ? w : x1;
		y1 = y1 > h ? h : y1;
		for (y = y0; y < y1; y++) {
			const uint32_t *row = (const uint32_t *)(px + (size_t)y * stride);

			for (x = x0; x < x1; x++) {
				uint32_t c = row[x];
				double luma = 0.299 * ((c >> 16) & 255) +
					      0.587 * ((c >> 8) & 255) +
					      0.114 * (c & 255);
				double ink = 255 - INK_FLOOR - luma;

				if (ink > 0) {
					sum += ink;
					sx += ink * (x + 0.5);
				}
			}
		}
		if (sum > 0)
			cx[i] = sx / sum / INK_SCALE;
	}
out:
	if (s)
		cairo_surface_destroy(s);
	if (pg)
		g_object_unref(pg);
	if (doc)
		g_object_unref(doc);
	return rc;
}

/* ---------------------------------------------------------------------
 * The reader
 * ------------------------------------------------------------------- */


/* The median of v[0..n) (sorted in place) and its standard error, from
 * the median absolute deviation (normal errors), at least SE_FLOOR. */
static double median_se(double *v, size_t n, double *tmp, double *se)
{
	double med = lt_pdf_median(v, n), s;
	size_t i;

	for (i = 0; i < n; i++)
		tmp[i] = fabs(v[i] - med);
	s = 1.2533 * 1.4826 * lt_pdf_median(tmp, n) / sqrt((double)n);
	*se = s > SE_FLOOR ? s : SE_FLOOR;
	return med;
}

/*
 * How far a line's offset strays from its neighbours' on each page, in
 * off[] (noise[pg], NAN when there are fewer than NOISE_MIN_LINES to
 * tell): the spread (1.4826 median absolute values) of every control
 * line's offset less the mean of the control lines two above and below
 * it.  Control lines do not move, so this is what the picture does to a
 * line - on a sharp scan, where a baseline is found to a fraction of a
 * pixel that depends on where the line falls on the pixel grid, more than
 * the spread of one line's words says - measured as a data line's shift
 * is.  `tmp` holds nlines values.
 */
static void page_noise(double *noise, size_t npages, const lt_pdf_line *lines,
		       size_t nlines, const double *off, double *tmp)
{
	size_t i, n = 0;

	for (i = 0; i < npages; i++)
		noise[i] = NAN;
	for (i = 0; i < nlines; i = i) {
		size_t pg = lines[i].page, j;

		for (n = 0, j = i; j < nlines && lines[j].page == pg; j++) {
			if (j < i + 2 || j + 2 >= nlines ||
			    lines[j + 2].page != pg)
				continue;
			if (lines[j].slot >= 0 || lines[j].hslot >= 0 ||
			    lines[j - 2].slot >= 0 || lines[j - 2].hslot >= 0 ||
			    lines[j + 2].slot >= 0 || lines[j + 2].hslot >= 0 ||
			    isnan(off[j]) || isnan(off[j - 2]) || isnan(off[j + 2]))
				continue;
			tmp[n++] = fabs(off[j] - (off[j - 2] + off[j + 2]) / 2);
		}
		if (n >= NOISE_MIN_LINES && pg < npages)
			noise[pg] = 1.4826 * lt_pdf_median(tmp, n);
		i = j;
	}
}

/* The symbol of data line i's shift in off[] (standard errors se[]),
 * against its control neighbours on its page, for a mark of `size`
 * points, when it stands out of its page's noise (page_noise; unread
 * when unknown) as well as of its words' spread; -1 when unread. */
static int16_t read_shift(const lt_pdf_line *lines, size_t nlines,
			  const double *off, const double *se,
			  const double *noise, size_t i, double size)
{
	double sum = 0, var = 0, shift, err;
	int n = 0, w;

	if (isnan(off[i]))
		return -1;
	if (i > 0 && lines[i - 1].page == lines[i].page && !isnan(off[i - 1])) {
		sum += off[i - 1];
		var += se[i - 1] * se[i - 1];
		n++;
	}
	if (i + 1 < nlines && lines[i + 1].page == lines[i].page &&
	    !isnan(off[i + 1])) {
		sum += off[i + 1];
		var += se[i + 1] * se[i + 1];
		n++;
	}
	if (!n)
		return -1;
	shift = off[i] - sum / n;
	err = sqrt(se[i] * se[i] + var / (n * n));
	if (!(noise[lines[i].page] >= 0))
		return -1;
	if (noise[lines[i].page] > err)
		err = noise[lines[i].page];
	if (fabs(shift) < SHIFT_MIN * size || fabs(shift) > SHIFT_MAX * size ||
	    fabs(shift) < SE_SOFT * err)
		return -1;
	/* a soft decision: full weight from SE_RATIO standard errors on,
	 * in eighths below, from the measurement alone (code.h, LT_OBS) */
	w = (int)lround(LT_OBS_WEIGHT_MAX * fabs(shift) / (SE_RATIO * err));
	if (w > LT_OBS_WEIGHT_MAX)
		w = LT_OBS_WEIGHT_MAX;
	if (w < 1)
		w = 1;
	return LT_OBS(shift > 0, w);
}

/* The reader's working memory. */
typedef struct picture {
	const lt_pdf_line *lines;
	size_t nlines, npages;
	const lt_seen_word *orig, *seen;
	const void *pdf;  /* the original, to render its words' ink (or NULL) */
	size_t pdf_len;
	double *ink;      /* the ink centres of one original page's words */
	size_t *first;    /* lines of original page pg: [first[pg], first[pg+1]) */
	size_t *oi, *opage; /* original words by page: oi[opage[pg]..opage[pg+1]) */
	size_t *si;       /* one pictured page's words */
	size_t *po, *ps;  /* matched pairs */
	uint16_t *tab;
	double *x, *y, *u, *v;
	long *line;       /* the original line of each pair */
	uint8_t *keep;
	lt_pdf_offset *offs;
	size_t noffs;
} picture;

/* Match pictured page `sp` (its words si[0..ns)) to an original page, fit
 * the map and add its kept words' offsets; *found is set when the page
 * is one of the original's. */
static int read_page(picture *pc, size_t ns, int *found)
{
	size_t pg, best_pg = 0, best = 0, n, k, kept, i;
	lt_pdf_affine m;
	double rms;
	int rc = 1;

	*found = 0;
	if (ns < MIN_PAIRS || ns > UINT16_MAX)
		return LT_OK;
	for (pg = 0; pg < pc->npages; pg++) {
		size_t no = pc->opage[pg + 1] - pc->opage[pg], len;

		if (no < MIN_PAIRS || no > UINT16_MAX ||
		    (no + 1) * (ns + 1) > LCS_MAX_CELLS)
			continue;
		len = common_words(NULL, NULL, pc->tab, pc->orig,
				   pc->oi + pc->opage[pg], no, pc->seen, pc->si,
				   ns);
		if (len > best) {
			best = len;
			best_pg = pg;
		}
	}
	if (best < MIN_PAIRS || best < MIN_SHARE * (double)ns)
		return LT_OK;
	pg = best_pg;
	n = common_words(pc->po, pc->ps, pc->tab, pc->orig,
			 pc->oi + pc->opage[pg], pc->opage[pg + 1] - pc->opage[pg],
			 pc->seen, pc->si, ns);
	/* the original's ink centres, to compare with the picture's */
	if (pc->pdf && (rc = ink_centres(pc->ink, pc->pdf, pc->pdf_len, pg,
					 pc->orig, pc->oi + pc->opage[pg],
					 pc->opage[pg + 1] - pc->opage[pg])) < 0)
		return rc;
	/* the pairs on a line of the plan: picture (centre, baseline) to
	 * original (centre, its line's baseline) */
	for (i = 0, k = 0; i < n; i++) {
		const lt_seen_word *o = &pc->orig[pc->oi[pc->opage[pg] + pc->po[i]]];
		const lt_seen_word *s = &pc->seen[pc->si[pc->ps[i]]];
		long ln = lt_pdf_word_line(pc->lines, pc->first[pg],
					   pc->first[pg + 1], o);

		if (ln < 0)
			continue;
		pc->x[k] = (s->x0 + s->x1) / 2;
		pc->y[k] = s->y1;
		pc->u[k] = pc->pdf && rc == LT_OK &&
			   isfinite(pc->ink[pc->po[i]])
			? pc->ink[pc->po[i]] : (o->x0 + o->x1) / 2;
		pc->v[k] = pc->lines[ln].top;
		pc->line[k++] = ln;
	}
	if (k < MIN_PAIRS)
		return LT_OK;
	rc = lt_pdf_affine_fit(&m, pc->keep, &kept, &rms, pc->x, pc->y, pc->u,
			       pc->v, k, FIT_FLOOR);
	if (rc < 0)
		return rc;
	if (rc > 0 || kept < MIN_PAIRS || kept < KEEP_SHARE * (double)k ||
	    !(rms <= MAX_RMS) || m.a * m.e - m.b * m.d <= 0)
		return LT_OK;
	*found = 1;
	for (i = 0; i < k; i++) {
		double pu, pv;

		if (!pc->keep[i])
			continue;
		lt_pdf_affine_apply(&m, pc->x[i], pc->y[i], &pu, &pv);
		pc->offs[pc->noffs++] = (lt_pdf_offset){(size_t)pc->line[i],
						 pc->v[i] - pv, pu - pc->u[i]};
	}
	return LT_OK;
}

/* Sort word indices by page (stable: the reading order is kept). */
static int by_page(size_t **out, size_t **start, const lt_seen_word *w,
		   size_t n, size_t npages)
{
	size_t *idx = malloc((n + 1) * sizeof(*idx));
	size_t *at = calloc(npages + 2, sizeof(*at)), i;

	if (!idx || !at) {
		free(idx);
		free(at);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (i = 0; i < n; i++)
		if (w[i].page < npages)
			at[w[i].page + 2]++;
	for (i = 2; i < npages + 2; i++)
		at[i] += at[i - 1];
	for (i = 0; i < n; i++)
		if (w[i].page < npages)
			idx[at[w[i].page + 1]++] = i;
	*out = idx;
	*start = at; /* page pg: [at[pg], at[pg + 1]) */
	return LT_OK;
}

int lt_pdf_picture_read(int16_t *sym, size_t nslots, size_t *pages,
			const lt_pdf_line *lines, size_t nlines, size_t npages,
			const void *pdf, size_t pdf_len,
			const lt_seen_word *orig, size_t norig,
			const lt_seen_word *seen, size_t nseen)
{
	picture pc = {0};
	size_t *sidx = NULL, *spage = NULL, npages_in = 0, i, j, k, maxo = 0;
	size_t maxs = 0, matched = 0;
	double *up = NULL, *right = NULL, *se_up = NULL, *se_right = NULL;
	double *tmp = NULL, *tmp2 = NULL, *noise_up = NULL, *noise_right = NULL;
	int rc = LT_OK;

	for (i = 0; i < nslots; i++)
		sym[i] = -1;
	if (pages)
		*pages = 0;
	if (!nslots || !nlines || !norig || !nseen)
		return LT_OK;
	for (i = 0; i < nseen; i++)
		if (seen[i].page + 1 > npages_in)
			npages_in = seen[i].page + 1;
	pc.lines = lines;
	pc.nlines = nlines;
	pc.npages = npages;
	pc.orig = orig;
	pc.seen = seen;
	pc.pdf = pdf;
	pc.pdf_len = pdf_len;
	if ((rc = by_page(&pc.oi, &pc.opage, orig, norig, npages)) ||
	    (rc = by_page(&sidx, &spage, seen, nseen, npages_in)))
		goto out;
	for (i = 0; i < npages; i++)
		if (pc.opage[i + 1] - pc.opage[i] > maxo)
			maxo = pc.opage[i + 1] - pc.opage[i];
	for (i = 0; i < npages_in; i++)
		if (spage[i + 1] - spage[i] > maxs)
			maxs = spage[i + 1] - spage[i];
	if (maxs > UINT16_MAX)
		maxs = UINT16_MAX;
	if (maxo > UINT16_MAX)
		maxo = UINT16_MAX;
	k = maxs + 1;
	pc.first = calloc(npages + 1, sizeof(*pc.first));
	pc.tab = malloc(((maxo + 1) * (maxs + 1) > LCS_MAX_CELLS
			 ? LCS_MAX_CELLS : (maxo + 1) * (maxs + 1)) *
			sizeof(*pc.tab));
	pc.po = malloc(k * sizeof(*pc.po));
	pc.ps = malloc(k * sizeof(*pc.ps));
	pc.x = malloc(k * sizeof(*pc.x));
	pc.y = malloc(k * sizeof(*pc.y));
	pc.u = malloc(k * sizeof(*pc.u));
	pc.v = malloc(k * sizeof(*pc.v));
	pc.line = malloc(k * sizeof(*pc.line));
	pc.keep = malloc(k);
	pc.ink = malloc((maxo + 1) * sizeof(*pc.ink));
	pc.offs = malloc((nseen + 1) * sizeof(*pc.offs));
	up = malloc((nlines + 1) * sizeof(*up));
	right = malloc((nlines + 1) * sizeof(*right));
	se_up = malloc((nlines + 1) * sizeof(*se_up));
	se_right = malloc((nlines + 1) * sizeof(*se_right));
	tmp = malloc((nseen + nlines + 1) * sizeof(*tmp));
	noise_up = malloc((npages + 1) * sizeof(*noise_up));
	noise_right = malloc((npages + 1) * sizeof(*noise_right));
	tmp2 = malloc((nseen + 1) * sizeof(*tmp2));
	if (!pc.first || !pc.tab || !pc.po || !pc.ps || !pc.x || !pc.y ||
	    !pc.u || !pc.v || !pc.line || !pc.keep || !pc.ink || !pc.offs || !up ||
	    !right || !se_up || !se_right || !tmp || !tmp2 || !noise_up || !noise_right) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	/* the lines of each original page: [first[pg], first[pg + 1]) */
	for (i = 0; i < nlines; i++)
		if (lines[i].page < npages)
			pc.first[lines[i].page + 1] = i + 1;
	for (i = 1; i <= npages; i++)
		if (pc.first[i] < pc.first[i - 1])
			pc.first[i] = pc.first[i - 1];

	for (i = 0; i < npages_in; i++) {
		int found;

		pc.si = sidx + spage[i];
		if ((rc = read_page(&pc, spage[i + 1] - spage[i], &found)))
			goto out;
		matched += found;
	}
	if (pages)
		*pages = matched;

	/* each line's median offsets, then each data line's shifts */
	qsort(pc.offs, pc.noffs, sizeof(*pc.offs), lt_pdf_cmp_offset);
	for (i = 0; i < nlines; i++)
		up[i] = right[i] = NAN;
	for (i = 0; i < pc.noffs; i = j) {
		for (j = i; j < pc.noffs && pc.offs[j].line == pc.offs[i].line; j++)
			;
		if (j - i < LINE_MIN_WORDS)
			continue;
		for (k = i; k < j; k++)
			tmp[k - i] = pc.offs[k].up;
		up[pc.offs[i].line] = median_se(tmp, j - i, tmp2,
						&se_up[pc.offs[i].line]);
		for (k = i; k < j; k++)
			tmp[k - i] = pc.offs[k].right;
		right[pc.offs[i].line] = median_se(tmp, j - i, tmp2,
						   &se_right[pc.offs[i].line]);
	}
	page_noise(noise_up, npages, lines, nlines, up, tmp);
	page_noise(noise_right, npages, lines, nlines, right, tmp);
	for (i = 0; i < nlines; i++) {
		if (lines[i].page >= npages)
			continue;
		if (lines[i].slot >= 0 && (size_t)lines[i].slot < nslots)
			sym[lines[i].slot] = read_shift(lines, nlines, up, se_up,
							noise_up, i,
							LT_PDF_LINE_SHIFT);
		if (lines[i].hslot >= 0 && (size_t)lines[i].hslot < nslots)
			sym[lines[i].hslot] = read_shift(lines, nlines, right,
							 se_right, noise_right,
							 i, LT_PDF_LINE_ACROSS);
	}
out:
	free(pc.oi);
	free(pc.opage);
	free(sidx);
	free(spage);
	free(pc.first);
	free(pc.tab);
	free(pc.po);
	free(pc.ps);
	free(pc.x);
	free(pc.y);
	free(pc.u);
	free(pc.v);
	free(pc.line);
	free(pc.keep);
	free(pc.ink);
	free(pc.offs);
	free(up);
	free(right);
	free(se_up);
	free(se_right);
	free(tmp);
	free(tmp2);
	free(noise_up);
	free(noise_right);
	return rc;
}

int lt_pdf_copy_read_picture(int16_t *sym, size_t *pages,
			     const lt_pdf_plan *p, const lt_seen_word *orig,
			     size_t norig, const lt_seen_word *seen,
			     size_t nseen)
{
	size_t nlines, len;
	const lt_pdf_line *lines = lt_pdf_plan_lines(p, &nlines);
	const void *pdf = lt_pdf_plan_bytes(p, &len);

	return lt_pdf_picture_read(sym, lt_pdf_plan_slots(p), pages, lines,
				   nlines, lt_pdf_plan_pages(p), pdf, len, orig,
				   norig, seen, nseen);
}
