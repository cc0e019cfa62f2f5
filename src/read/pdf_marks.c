/*
 * pdf_marks.c - reading the layout marks of an own-look PDF copy from its
 * words (pdfcopy.h: lt_pdf_copy_read).
 *
 * Flow: the original's words --by baseline--> its plan's lines; the
 * input's words --same text, same place (within MATCH_PT)--> the
 * original's words, which pairs each input page with the original page
 * most of its words match; each matched word's offsets (up, right) against
 * the original --median per line--> line offsets; a data line's shifts
 * are its offsets less its control neighbours' mean (its own offsets when
 * no neighbour was seen) --> a symbol per slot, or unread when the shift
 * is not clearly one of the two marks.  Comparing against the original itself is
 * what makes this reading sure: an unmarked copy reads no mark at all.
 */
#define _GNU_SOURCE /* qsort_r */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/pdfcopy.h"
#include "read/pdf_picture.h"
#include "render/pdfcopy_internal.h"

/* Words of the input and the original are the same word when their
 * texts are equal, their left edges this close and their middles
 * MATCH_Y_PT (points). */
#define MATCH_PT 1.5
#define MATCH_Y_PT 3.0
/* An input page is a page of the original when at least this many of
 * its words, and this share, match that page. */
#define PAGE_MIN_WORDS 5
#define PAGE_MIN_SHARE 0.6
/* Pairs of pages counted, at most (input pages x original pages). */
#define MAX_PAGE_PAIRS (1u << 22)

/* The baseline of a word's box, estimated (Poppler's boxes run from the
 * font's ascent to its descent: the baseline is about a fifth up). */
static double baseline_of(const lt_seen_word *w)
{
	return w->y1 - 0.2 * (w->y1 - w->y0);
}

/* The line of the plan an original word is on, or -1 (pdf_picture.h). */
long lt_pdf_word_line(const lt_pdf_line *lines, size_t from, size_t to,
		    const lt_seen_word *w)
{
	double base = baseline_of(w), h = w->y1 - w->y0, best = 0;
	long found = -1;
	size_t i;

	for (i = from; i < to; i++) {
		double dist = fabs(lines[i].top - base);

		if (dist < 0.35 * h + 0.5 && (found < 0 || dist < best)) {
			best = dist;
			found = (long)i;
		}
	}
	return found;
}

/* Sorting the original's words (`ctx`) by text. */
static int cmp_text(const void *a, const void *b, void *ctx)
{
	const lt_seen_word *w = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(w[x].text, w[y].text);

	return c ? c : (x < y ? -1 : x > y);
}


int lt_pdf_cmp_offset(const void *a, const void *b)
{
	const lt_pdf_offset *x = a, *y = b;

	return x->line < y->line ? -1 : x->line > y->line;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The median of v[0..n) (n > 0; v is sorted; pdf_picture.h). */
double lt_pdf_median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* A data line's shift: its offset less the mean of its control
 * neighbours' (its own offset when neither was seen); NAN when unseen. */
static double shift_of(const lt_pdf_line *lines, size_t nlines,
		       const double *off, size_t i)
{
	double sum = 0;
	int n = 0;

	if (isnan(off[i]))
		return NAN;
	if (i > 0 && lines[i - 1].page == lines[i].page && !isnan(off[i - 1])) {
		sum += off[i - 1];
		n++;
	}
	if (i + 1 < nlines && lines[i + 1].page == lines[i].page &&
	    !isnan(off[i + 1])) {
		sum += off[i + 1];
		n++;
	}
	return off[i] - (n ? sum / n : 0);
}

/* The symbol a shift reads as (`size`: the mark's), or -1. */
static int16_t decide(double shift, double size)
{
	if (isnan(shift) || fabs(shift) < 0.4 * size || fabs(shift) > 2 * size)
		return -1;
	return shift > 0;
}

/* The first index of `order` whose word's text is `text` (or n). */
static size_t first_with(const size_t *order, size_t n,
			 const lt_seen_word *orig, const char *text)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(orig[order[mid]].text, text) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether words a and b are in the same place: their left edges and
 * middles close.  A PDF written again by another program (printed to PDF)
 * may give a font other metrics, which moves a word box's top and bottom
 * by a point or two but not the word: the marks are then read against the
 * neighbouring lines, which moved alike. */
static int same_place(const lt_seen_word *a, const lt_seen_word *b)
{
	return fabs(a->x0 - b->x0) < MATCH_PT &&
	       fabs((a->y0 + a->y1) - (b->y0 + b->y1)) < 2 * MATCH_Y_PT;
}

int lt_pdf_copy_read(int16_t *sym, size_t *pages, const lt_pdf_plan *p,
		     const lt_seen_word *orig, size_t norig,
		     const lt_seen_word *seen, size_t nseen)
{
	size_t nlines, nslots = lt_pdf_plan_slots(p), npages_orig;
	const lt_pdf_line *lines = lt_pdf_plan_lines(p, &nlines);
	size_t *order = NULL, *first = NULL, *votes = NULL, *count = NULL;
	long *word_line = NULL, *page_of = NULL;
	double *line_off = NULL, *line_across = NULL, *tmp = NULL;
	lt_pdf_offset *offs = NULL;
	size_t i, j, k, npages_in = 0, noffs = 0, matched = 0;
	int rc = LT_OK;

	for (i = 0; i < nslots; i++)
		sym[i] = -1;
	if (pages)
		*pages = 0;
	npages_orig = lt_pdf_plan_pages(p);
	for (i = 0; i < nseen; i++)
		if (seen[i].page + 1 > npages_in)
			npages_in = seen[i].page + 1;
	if (!nslots || !norig || !nseen ||
	    npages_in * npages_orig > MAX_PAGE_PAIRS)
		return LT_OK;
	order = malloc(norig * sizeof(*order));
	word_line = malloc(norig * sizeof(*word_line));
	first = calloc(npages_orig + 1, sizeof(*first));
	votes = calloc(npages_in * npages_orig, sizeof(*votes));
	count = calloc(npages_in, sizeof(*count));
	page_of = malloc(npages_in * sizeof(*page_of));
	offs = malloc(nseen * sizeof(*offs));
	line_off = malloc((nlines + 1) * sizeof(*line_off));
	line_across = malloc((nlines + 1) * sizeof(*line_across));
	tmp = malloc((nseen + 1) * sizeof(*tmp));
	if (!order || !word_line || !first || !votes || !count || !page_of ||
	    !offs || !line_off || !line_across || !tmp) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	/* the lines of each page: [first[pg], first[pg + 1]) */
	for (i = 0; i < nlines; i++)
		if (lines[i].page < npages_orig)
			first[lines[i].page + 1] = i + 1;
	for (i = 1; i <= npages_orig; i++)
		if (first[i] < first[i - 1])
			first[i] = first[i - 1];
	for (i = 0; i < norig; i++) {
		order[i] = i;
		word_line[i] = orig[i].page < npages_orig
			? lt_pdf_word_line(lines, first[orig[i].page],
				  first[orig[i].page + 1], &orig[i]) : -1;
	}
	qsort_r(order, norig, sizeof(*order), cmp_text, (void *)orig);

	/* which original page each input page is */
	for (i = 0; i < nseen; i++) {
		count[seen[i].page]++;
		for (j = first_with(order, norig, orig, seen[i].text);
		     j < norig && !strcmp(orig[order[j]].text, seen[i].text); j++) {
			const lt_seen_word *o = &orig[order[j]];

			if (o->page < npages_orig && same_place(o, &seen[i])) {
				votes[seen[i].page * npages_orig + o->page]++;
				break;
			}
		}
	}
	for (i = 0; i < npages_in; i++) {
		size_t best = 0;

		page_of[i] = -1;
		for (j = 1; j < npages_orig; j++)
			if (votes[i * npages_orig + j] >
			    votes[i * npages_orig + best])
				best = j;
		if (votes[i * npages_orig + best] >= PAGE_MIN_WORDS &&
		    votes[i * npages_orig + best] >=
		    PAGE_MIN_SHARE * (double)count[i]) {
			page_of[i] = (long)best;
			matched++;
		}
	}
	if (pages)
		*pages = matched;

	/* each matched word's offset on its line */
	for (i = 0; i < nseen; i++) {
		long pg = page_of[seen[i].page];
		double best = 0;
		long hit = -1;

		if (pg < 0)
			continue;
		for (j = first_with(order, norig, orig, seen[i].text);
		     j < norig && !strcmp(orig[order[j]].text, seen[i].text); j++) {
			const lt_seen_word *o = &orig[order[j]];
			double d;

			if (o->page != (uint32_t)pg || !same_place(o, &seen[i]))
				continue;
			d = fabs(o->x0 - seen[i].x0) +
			    fabs((o->y0 + o->y1) - (seen[i].y0 + seen[i].y1));
			if (hit < 0 || d < best) {
				best = d;
				hit = (long)order[j];
			}
		}
		if (hit < 0 || word_line[hit] < 0)
			continue;
		offs[noffs++] = (lt_pdf_offset){(size_t)word_line[hit],
			((orig[hit].y0 + orig[hit].y1) -
			 (seen[i].y0 + seen[i].y1)) / 2,
			((seen[i].x0 + seen[i].x1) -
			 (orig[hit].x0 + orig[hit].x1)) / 2};
	}
	qsort(offs, noffs, sizeof(*offs), lt_pdf_cmp_offset);
	for (i = 0; i < nlines; i++)
		line_off[i] = line_across[i] = NAN;
	for (i = 0; i < noffs; i = j) {
		for (j = i; j < noffs && offs[j].line == offs[i].line; j++)
			tmp[j - i] = offs[j].up;
		line_off[offs[i].line] = lt_pdf_median(tmp, j - i);
		for (k = i; k < j; k++)
			tmp[k - i] = offs[k].right;
		line_across[offs[i].line] = lt_pdf_median(tmp, j - i);
	}

	/* each data line's shifts against its control neighbours */
	for (i = 0; i < nlines; i++) {
		if (lines[i].slot >= 0)
			sym[lines[i].slot] = decide(shift_of(lines, nlines,
							     line_off, i),
						    LT_PDF_LINE_SHIFT);
		if (lines[i].hslot >= 0)
			sym[lines[i].hslot] = decide(shift_of(lines, nlines,
							      line_across, i),
						     LT_PDF_LINE_ACROSS);
	}
out:
	free(order);
	free(word_line);
	free(first);
	free(votes);
	free(count);
	free(page_of);
	free(offs);
	free(line_off);
	free(line_across);
	free(tmp);
	return rc;
}

/* ---------------------------------------------------------------------
 * How far two copies differ
 * ------------------------------------------------------------------- */

/* A word of copy a: its page, centre height, and its offset in copy b. */
typedef struct placed {
	uint32_t page;
	double y, dy;
} placed;

static int cmp_placed(const void *x, const void *y)
{
	const placed *p = x, *q = y;

	if (p->page != q->page)
		return p->page < q->page ? -1 : 1;
	return p->y < q->y ? -1 : p->y > q->y;
}

int lt_pdf_copy_differences(double *line, double *gap, const lt_seen_word *a,
			    size_t na, const lt_seen_word *b, size_t nb)
{
	placed *w;
	double prev_dy = 0, *dys;
	size_t i, j, k, prev_page = (size_t)-1;

	*line = *gap = 0;
	if (na != nb)
		return lt_error_set(LT_EINPUT, "the copies' text layers differ "
				    "(%zu and %zu words)", na, nb);
	for (i = 0; i < na; i++)
		if (a[i].page != b[i].page || strcmp(a[i].text, b[i].text))
			return lt_error_set(LT_EINPUT, "the copies' text layers "
					    "differ at word %zu", i);
	/* word gaps: neighbours in reading order on one line */
	for (i = 0; i + 1 < na; i++) {
		if (a[i].page != a[i + 1].page ||
		    fabs((a[i].y0 + a[i].y1) - (a[i + 1].y0 + a[i + 1].y1)) > 1 ||
		    a[i + 1].x0 < a[i].x1)
			continue;
		*gap = fmax(*gap, fabs((b[i + 1].x0 - b[i].x1) -
				       (a[i + 1].x0 - a[i].x1)));
	}
	/* line distances: lines by height on each page, each line's median
	 * offset, neighbours compared */
	if (!(w = malloc((na + 1) * sizeof(*w))) ||
	    !(dys = malloc((na + 1) * sizeof(*dys)))) {
		free(w);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (i = 0; i < na; i++)
		w[i] = (placed){a[i].page, (a[i].y0 + a[i].y1) / 2,
				(b[i].y0 + b[i].y1 - a[i].y0 - a[i].y1) / 2};
	qsort(w, na, sizeof(*w), cmp_placed);
	for (i = 0; i < na; i = j) {
		double dy;

		for (j = i; j < na && w[j].page == w[i].page &&
		     w[j].y - w[i].y < 1; j++)
			;
		for (k = i; k < j; k++)
			dys[k - i] = w[k].dy;
		dy = lt_pdf_median(dys, j - i);
		if (prev_page == w[i].page)
			*line = fmax(*line, fabs(dy - prev_dy));
		prev_dy = dy;
		prev_page = w[i].page;
	}
	free(w);
	free(dys);
	return LT_OK;
}
