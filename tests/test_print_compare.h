/*
 * test_print_compare.h - how far two printed copies of a document differ,
 * measured word box by word box on their PDFs' text layers (points), and
 * how many of a copy's lines end short.  Shared by tests/test_print_copies.c
 * and bench/bench_render.c (included once per program; every function is
 * static).
 *
 * The lines of a page are its words grouped by their bottom edge (a text
 * layer's boxes share it within a line), in page order.  Two copies have
 * the same lines (render.h); within a line, the words of the two copies
 * are matched by their text (longest common subsequence: a lexical slot's
 * variant matches nothing), and a word gap is compared when both its words
 * are matched and next to each other in both copies.  A line distance is
 * the distance between the bottoms of two neighbouring lines of a page.
 */
#ifndef LEAKTRACE_TEST_PRINT_COMPARE_H
#define LEAKTRACE_TEST_PRINT_COMPARE_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/extract.h"
#include "render/render_internal.h"

typedef struct pc_line {
	size_t first, count; /* into pc_copy.order */
	uint32_t page;
	double y;            /* bottom of its boxes */
} pc_line;

/* One copy's words as lines. */
typedef struct pc_copy {
	const lt_extract *e;
	size_t *order;       /* word indices by line, left to right */
	pc_line *lines;
	size_t nlines;
} pc_copy;

/* The largest differences seen so far between two copies, in points. */
typedef struct pc_diff {
	double gap;          /* same word gap */
	double line;         /* same line distance */
	size_t gaps, distances; /* how many were compared */
	int mismatch;        /* the copies' lines did not match up */
} pc_diff;

static const lt_extract *pc_sort_e;

static int pc_cmp(const void *a, const void *b)
{
	const lt_seen_word *x = &pc_sort_e->words[*(const size_t *)a];
	const lt_seen_word *y = &pc_sort_e->words[*(const size_t *)b];

	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	if (fabs(x->y1 - y->y1) > 2.0)
		return x->y1 < y->y1 ? -1 : 1;
	return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

/* Group e's words into lines (0, or -1 when out of memory).  Words of
 * the page furniture (the page number and anything below the text block)
 * are left out. */
static int pc_copy_init(pc_copy *c, const lt_extract *e, double page_h)
{
	size_t i, n = 0;

	memset(c, 0, sizeof(*c));
	c->e = e;
	if (!(c->order = malloc((e->nwords + 1) * sizeof(*c->order))) ||
	    !(c->lines = malloc((e->nwords + 1) * sizeof(*c->lines))))
		return -1;
	for (i = 0; i < e->nwords; i++) {
		double y = e->words[i].y1;

		if (y < LT_MARGIN || y > LT_MARGIN + LT_BODY_HEIGHT + 4)
			continue;
		(void)page_h;
		c->order[n++] = i;
	}
	pc_sort_e = e;
	qsort(c->order, n, sizeof(*c->order), pc_cmp);
	for (i = 0; i < n; i++) {
		const lt_seen_word *w = &e->words[c->order[i]];
		pc_line *l = c->nlines ? &c->lines[c->nlines - 1] : NULL;

		if (!l || l->page != w->page || fabs(w->y1 - l->y) > 2.0) {
			l = &c->lines[c->nlines++];
			l->first = i;
			l->count = 0;
			l->page = w->page;
			l->y = w->y1;
		}
		l->count++;
	}
	return 0;
}

static void pc_copy_free(pc_copy *c)
{
	free(c->order);
	free(c->lines);
}

static const lt_seen_word *pc_word(const pc_copy *c, const pc_line *l,
				   size_t k)
{
	return &c->e->words[c->order[l->first + k]];
}

/* Compare line la of copy a with line lb of copy b: word gaps. */
static void pc_line_gaps(const pc_copy *a, const pc_line *la, const pc_copy *b,
			 const pc_line *lb, pc_diff *d)
{
	size_t n = la->count, m = lb->count, i, j;
	unsigned short *t = calloc((n + 1) * (m + 1), sizeof(*t));
	long pi = -1, pj = -1;

	if (!t) {
		d->mismatch = 1;
		return;
	}
#define T(i, j) t[(i) * (m + 1) + (j)]
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;)
			T(i, j) = !strcmp(pc_word(a, la, i)->text,
					  pc_word(b, lb, j)->text)
					  ? T(i + 1, j + 1) + 1
					  : T(i + 1, j) > T(i, j + 1) ? T(i + 1, j)
								     : T(i, j + 1);
	for (i = 0, j = 0; i < n && j < m;) {
		if (!strcmp(pc_word(a, la, i)->text, pc_word(b, lb, j)->text) &&
		    T(i, j) == T(i + 1, j + 1) + 1) {
			if (pi >= 0 && (size_t)pi + 1 == i && (size_t)pj + 1 == j) {
				double ga = pc_word(a, la, i)->x0 -
					    pc_word(a, la, i - 1)->x1;
				double gb = pc_word(b, lb, j)->x0 -
					    pc_word(b, lb, j - 1)->x1;

				if (fabs(ga - gb) > d->gap)
					d->gap = fabs(ga - gb);
				d->gaps++;
			}
			pi = (long)i++;
			pj = (long)j++;
		} else if (T(i + 1, j) >= T(i, j + 1)) {
			i++;
		} else {
			j++;
		}
	}
#undef T
	free(t);
}

/* Compare two copies' lines: word gaps and line distances into d. */
static void pc_compare(const pc_copy *a, const pc_copy *b, pc_diff *d)
{
	size_t i;

	if (a->nlines != b->nlines) {
		d->mismatch = 1;
		return;
	}
	for (i = 0; i < a->nlines; i++) {
		const pc_line *la = &a->lines[i], *lb = &b->lines[i];

		if (la->page != lb->page) {
			d->mismatch = 1;
			return;
		}
		pc_line_gaps(a, la, b, lb, d);
		if (i > 0 && a->lines[i - 1].page == la->page) {
			double da = la->y - a->lines[i - 1].y;
			double db = lb->y - b->lines[i - 1].y;

			if (fabs(da - db) > d->line)
				d->line = fabs(da - db);
			d->distances++;
		}
	}
}

/*
 * Lines of copy c that end more than 25 % short of the right margin but
 * are not the last of their paragraph (the plan says which are): *short_
 * of *counted.  The copy's lines must be the plan's (-1 otherwise).
 */
static int pc_short_lines(const pc_copy *c, const lt_layout_plan *p,
			  size_t *short_, size_t *counted)
{
	size_t i;

	*short_ = *counted = 0;
	if (c->nlines != p->nlines)
		return -1;
	for (i = 0; i < c->nlines; i++) {
		const pc_line *l = &c->lines[i];
		double w;

		if (p->lines[i].para_end)
			continue;
		w = pc_word(c, l, l->count - 1)->x1 - pc_word(c, l, 0)->x0;
		(*counted)++;
		if (w < 0.75 * LT_BODY_WIDTH) {
			(*short_)++;
			if (getenv("LT_TEST_VERBOSE"))
				printf("    short line %zu (%.0f of %.0f pt): %s ...\n",
				       i, w, LT_BODY_WIDTH, pc_word(c, l, 0)->text);
		}
	}
	return 0;
}

#endif
