/*
 * layout.c - reading the layout marks back from words seen on pages
 * (lt_layout_read, render.h).
 *
 * Flow: seen words --group by page and height--> seen lines --tokens
 * aligned with the plain text's (lt_align)--> each seen line recognised as
 * a plan line by the majority of its aligned words (a lone unrecognised
 * line between plan lines k - 1 and k + 1 taken as k) --> every carrier's
 * shift measured: a data line's from its position between its control
 * neighbours, a word carrier's from its distances to its neighbours (unless
 * an OCR box is too tall to be the word's ink) --> per layout slot, the
 * mean of its carriers' shifts, each in units of its nominal size, signed
 * by its chip and clipped --> its sign the symbol, its size the weight
 * (LT_OBS, code.h: full from LT_SLOT_FULL on, in eighths below it, -1
 * unread below one eighth).  Reading depends on the plan and the words
 * only, never on any recipient's codeword, so an innocent recipient's
 * symbols stay independent of what is read and the accusation's bound
 * holds whatever is read.
 *
 * Everything is measured in ratios, so the unit of the boxes does not
 * matter: a line's shift is read from where it sits between its two
 * neighbours (no scale needed), a word's from the difference of its two
 * distances divided by the page's scale (observed line distance over the
 * plan's).  A text layer's boxes are the words' advances: a word's
 * distances are its gaps.  OCR boxes are ink, centred by photo.c on the
 * ink's centre of mass: a word's distances are from centre to centre,
 * compared with the plan's in the scale the three words themselves give
 * (justified pages, which the lines' widths tell, with the line's stretch
 * added to both distances); three words whose scale is far from the
 * page's scale across (the median of its carriers': a photo's page is
 * seldom rectified to the same scale across as down) hold a word lost or
 * merged.  A line's height is
 * the bottom its words share in a text layer, else the median bottom edge
 * of its words that have no descender, i.e. the baseline; a line whose
 * every word has a descender has no height and its marks stay unread.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "leaktrace/code.h"
#include "leaktrace/error.h"
#include "leaktrace/render.h"
#include "leaktrace/text.h"
#include "render/render_internal.h"

/* Characters that reach below the baseline in a serif font. */
#define DESCENDERS "gjpqyQJ,;()[]{}|@$/"

typedef struct seen_line {
	size_t first, count; /* into the reader's sorted word index */
	uint32_t page;
	double y;            /* measured height of the line */
	double box;          /* median height of its words' boxes */
	long plan;           /* plan line, or -1 */
} seen_line;

typedef struct reader {
	const lt_layout_plan *p;
	const lt_slot_set *set;
	const lt_seen_word *w;
	size_t *order;       /* word indices, grouped by line, left to right */
	size_t nused;
	seen_line *lines;
	size_t nlines;
	size_t *word_at;     /* per position in order: byte start in text */
	long *word_line;     /* per position in order: its seen line */
	lt_buf text;
	lt_tokens *ptok, *stok;
	lt_alignment *al;
	long *ptok_line;     /* plan line of each plain token */
	long *stok_pos;      /* position (in order) of each seen token's word */
	long *line_seen;     /* per plan line: seen line, -1, or -2 if twice */
	double *page_scale;  /* per input page: units per point, or 0 */
	unsigned char *text_layer; /* per input page: boxes of a text layer */
	uint32_t npages;
	int justified;       /* the lines look justified (see justified()) */
} reader;

static int cmp_y(const void *a, const void *b, void *words)
{
	const lt_seen_word *x = (const lt_seen_word *)words + *(const size_t *)a;
	const lt_seen_word *y = (const lt_seen_word *)words + *(const size_t *)b;
	double cx = x->y0 + x->y1, cy = y->y0 + y->y1;

	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	if (cx != cy)
		return cx < cy ? -1 : 1;
	return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

static int cmp_x(const void *a, const void *b, void *words)
{
	const lt_seen_word *x = (const lt_seen_word *)words + *(const size_t *)a;
	const lt_seen_word *y = (const lt_seen_word *)words + *(const size_t *)b;

	if (x->x0 != y->x0)
		return x->x0 < y->x0 ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The q-quantile of v[0..n) (sorts v). */
static double quantile(double *v, size_t n, double q)
{
	double pos;
	size_t i;

	qsort(v, n, sizeof(*v), cmp_double);
	pos = q * (double)(n - 1);
	i = (size_t)pos;
	if (i + 1 >= n)
		return v[n - 1];
	return v[i] + (pos - (double)i) * (v[i + 1] - v[i]);
}

static int usable(const lt_seen_word *w)
{
	return w->text && w->text[0] && isfinite(w->x0) && isfinite(w->x1) &&
	       isfinite(w->y0) && isfinite(w->y1) && w->x1 > w->x0 &&
	       w->y1 > w->y0 && fabs(w->x0) < 1e7 && fabs(w->y0) < 1e7 &&
	       fabs(w->x1) < 1e7 && fabs(w->y1) < 1e7 && w->page < (1u << 20);
}

/* Group the words into lines: per page, by the height of their centres. */
static int group_lines(reader *r, size_t nwords)
{
	size_t i, start, cap = 0;
	double *h = NULL;
	int rc = LT_OK;

	if (!(r->order = malloc((nwords ? nwords : 1) * sizeof(*r->order))) ||
	    !(h = malloc((nwords ? nwords : 1) * sizeof(*h))))
		goto nomem;
	for (i = 0; i < nwords; i++)
		if (usable(&r->w[i]))
			r->order[r->nused++] = i;
	qsort_r(r->order, r->nused, sizeof(*r->order), cmp_y, (void *)r->w);
	for (start = 0; start < r->nused;) {
		uint32_t page = r->w[r->order[start]].page;
		size_t end = start, n = 0, k;
		double hmed, sum = 0;
		long cur = -1;

		while (end < r->nused && r->w[r->order[end]].page == page)
			end++;
		for (k = start; k < end; k++)
			h[n++] = r->w[r->order[k]].y1 - r->w[r->order[k]].y0;
		hmed = quantile(h, n, 0.5);
		if (page + 1 > r->npages)
			r->npages = page + 1;
		for (k = start; k < end; k++) {
			const lt_seen_word *w = &r->w[r->order[k]];
			double yc = (w->y0 + w->y1) / 2;

			if (cur < 0 || yc - sum / (double)r->lines[cur].count >
					       0.5 * hmed) {
				if (LT_ARRAY_GROW(r->lines, cap, r->nlines + 1))
					goto nomem;
				cur = (long)r->nlines++;
				r->lines[cur] = (seen_line){k, 0, page, 0, 0, -1};
				sum = 0;
			}
			r->lines[cur].count++;
			sum += yc;
		}
		start = end;
	}
	if (!(r->text_layer = calloc(r->npages + 1, 1)))
		goto nomem;
	for (start = 0; start < r->nused;) {
		uint32_t page = r->w[r->order[start]].page;
		size_t end = start, n = 0, same = 0, k;
		double hmed;

		while (end < r->nused && r->w[r->order[end]].page == page)
			end++;
		for (k = start; k < end; k++)
			h[n++] = r->w[r->order[k]].y1 - r->w[r->order[k]].y0;
		hmed = quantile(h, n, 0.5);
		for (k = 0; k < n; k++)
			same += fabs(h[k] - hmed) <= 0.01 * hmed;
		/* A text layer's boxes have the font's height: most words
		 * of a page share it.  Ink boxes vary with the letters. */
		r->text_layer[page] = 10 * same >= 8 * n;
		start = end;
	}
	for (i = 0; i < r->nlines; i++) {
		seen_line *l = &r->lines[i];
		size_t k;

		size_t m = 0;
		double lo = INFINITY, hi = -INFINITY, ht;

		qsort_r(r->order + l->first, l->count, sizeof(*r->order), cmp_x,
			(void *)r->w);
		for (k = 0; k < l->count; k++) {
			const lt_seen_word *w = &r->w[r->order[l->first + k]];

			lo = w->y1 < lo ? w->y1 : lo;
			hi = w->y1 > hi ? w->y1 : hi;
			h[k] = w->y1 - w->y0;
		}
		ht = quantile(h, l->count, 0.5);
		l->box = ht;
		/* Boxes of a text layer share their bottom (the font's
		 * descent): take it.  Ink boxes: the words without descenders
		 * sit on the baseline; without such a word, unknown. */
		if (r->text_layer[l->page] && hi - lo <= 0.01 * ht) {
			l->y = lo;
			continue;
		}
		for (k = 0; k < l->count; k++) {
			const lt_seen_word *w = &r->w[r->order[l->first + k]];

			if (!strpbrk(w->text, DESCENDERS))
				h[m++] = w->y1;
		}
		l->y = m ? quantile(h, m, 0.5) : NAN;
	}
	free(h);
	return rc;
nomem:
	free(h);
	return lt_error_set(LT_ENOMEM, "out of memory");
}

/* The seen lines as one text, tokenised and aligned with the plain text. */
static int align_text(reader *r, const lt_slot_set *set)
{
	size_t i, k, pos = 0, t;
	int rc;

	if (!(r->word_at = malloc((r->nused + 1) * sizeof(*r->word_at))) ||
	    !(r->word_line = malloc((r->nused + 1) * sizeof(*r->word_line))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	for (i = 0; i < r->nlines; i++) {
		for (k = 0; k < r->lines[i].count; k++) {
			const char *s = r->w[r->order[pos]].text;

			if (k && (rc = lt_buf_putc(&r->text, ' ')))
				return rc;
			r->word_at[pos] = r->text.len;
			r->word_line[pos] = (long)i;
			if ((rc = lt_buf_puts(&r->text, s)))
				return rc;
			pos++;
		}
		if ((rc = lt_buf_putc(&r->text, '\n')))
			return rc;
	}
	r->word_at[pos] = r->text.len + 1;
	if ((rc = lt_tokenize(&r->ptok, set->plain, set->plain_len)) ||
	    (rc = lt_tokenize(&r->stok, r->text.data ? r->text.data : "",
			      r->text.len)) ||
	    (rc = lt_align(&r->al, r->ptok, r->stok)))
		return rc;
	if (!(r->ptok_line = malloc((r->ptok->n + 1) * sizeof(long))) ||
	    !(r->stok_pos = malloc((r->stok->n + 1) * sizeof(long))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	for (t = 0, i = 0; t < r->ptok->n; t++) {
		uint32_t s = r->ptok->tok[t].start;

		while (i < r->p->nlines && r->p->lines[i].end <= s)
			i++;
		r->ptok_line[t] = i < r->p->nlines && r->p->lines[i].start <= s
					  ? (long)i : -1;
		/* A slot split over two lines is in both: its words tell
		 * neither. */
		if (i + 1 < r->p->nlines && r->p->lines[i + 1].start <= s)
			r->ptok_line[t] = -1;
	}
	for (t = 0, k = 0; t < r->stok->n; t++) {
		size_t s = r->stok->tok[t].start;

		while (k + 1 < r->nused && r->word_at[k + 1] <= s)
			k++;
		r->stok_pos[t] = r->nused ? (long)k : -1;
	}
	return LT_OK;
}

/*
 * A short line whose words are mostly slot variants (or one the OCR got
 * wrong) may not be recognised by its words.  When it sits alone between
 * the seen lines of plan lines k - 1 and k + 1 of one page, and plan line
 * k is seen nowhere else, it is plan line k: a page shows its lines in
 * order.
 */
static void infer_between(reader *r)
{
	const lt_plan_line *pl = r->p->lines;
	size_t i;

	for (i = 1; i + 1 < r->nlines; i++) {
		seen_line *a = &r->lines[i - 1], *l = &r->lines[i],
			  *b = &r->lines[i + 1];
		long k = a->plan + 1;

		if (l->plan >= 0 || a->plan < 0 || b->plan != k + 1 ||
		    a->page != l->page || b->page != l->page ||
		    pl[k - 1].page != pl[k].page ||
		    pl[k + 1].page != pl[k].page || r->line_seen[k] != -1)
			continue;
		if (isfinite(l->y) && !(a->y < l->y && l->y < b->y))
			continue;
		l->plan = k;
		r->line_seen[k] = (long)i;
	}
}

/* Recognise each seen line as a plan line by its aligned words. */
static int recognise(reader *r)
{
	size_t i, t = 0;

	if (!(r->line_seen = malloc((r->p->nlines + 1) * sizeof(long))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	for (i = 0; i < r->p->nlines; i++)
		r->line_seen[i] = -1;
	for (i = 0; i < r->nlines; i++) {
		long best = -1, cand = -1;
		size_t aligned = 0, votes = 0, run = 0, ntok = 0;

		/* Tokens of line i are consecutive; plan lines of aligned
		 * tokens are monotone, so count runs. */
		for (; t < r->stok->n && r->stok_pos[t] >= 0 &&
		       r->word_line[r->stok_pos[t]] == (long)i; t++) {
			int32_t o = r->al->leak_to_orig[t];
			long pl;

			ntok++;
			if (o < 0 || (pl = r->ptok_line[o]) < 0)
				continue;
			aligned++;
			if (pl == cand) {
				run++;
			} else {
				cand = pl;
				run = 1;
			}
			if (run > votes) {
				votes = run;
				best = cand;
			}
		}
		/* A line of one word counts when that word is aligned (the
		 * alignment wants context around it). */
		if (best < 0 || 10 * votes < 6 * aligned ||
		    (votes < 2 && !(votes == 1 && ntok == 1)))
			continue;
		r->lines[i].plan = best;
		r->line_seen[best] = r->line_seen[best] == -1 ? (long)i : -2;
	}
	for (i = 0; i < r->nlines; i++)
		if (r->lines[i].plan >= 0 && r->line_seen[r->lines[i].plan] < 0)
			r->lines[i].plan = -1;
	infer_between(r);
	return LT_OK;
}

/* Units per point on each input page, from pairs of recognised lines
 * (seen lines are in page order). */
static int page_scales(reader *r)
{
	double *v;
	size_t i, n = 0;
	long prev = -1;

	if (!(r->page_scale = calloc(r->npages + 1, sizeof(double))) ||
	    !(v = malloc((r->nlines + r->npages + 1) * sizeof(*v))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	for (i = 0; i <= r->nlines; i++) {
		const seen_line *l = i < r->nlines ? &r->lines[i] : NULL;

		if (prev >= 0 && (!l || l->page != r->lines[prev].page)) {
			if (n)
				r->page_scale[r->lines[prev].page] =
					quantile(v, n, 0.5);
			n = 0;
			prev = -1;
		}
		if (!l || l->plan < 0 || !isfinite(l->y) ||
		    r->p->lines[l->plan].heading)
			continue;
		if (prev >= 0) {
			const seen_line *a = &r->lines[prev];
			const lt_plan_line *pa = &r->p->lines[a->plan];
			const lt_plan_line *pb = &r->p->lines[l->plan];

			if (pa->page == pb->page && pb->y > pa->y + 1)
				v[n++] = (l->y - a->y) / (pb->y - pa->y);
		}
		prev = (long)i;
	}
	/* A page with too few lines of its own (the last line of a
	 * document) takes the median scale of the other pages. */
	for (i = 0, n = 0; i < r->npages; i++)
		if (r->page_scale[i] > 0)
			v[n++] = r->page_scale[i];
	if (n) {
		double m = quantile(v, n, 0.5);

		for (i = 0; i < r->npages; i++)
			if (!(r->page_scale[i] > 0))
				r->page_scale[i] = m;
	}
	free(v);
	return LT_OK;
}

/* Median of |v[i] / median - 1| over v[0..n) (sorts v). */
static double spread(double *v, size_t n)
{
	double m = quantile(v, n, 0.5);
	size_t i;

	for (i = 0; i < n; i++)
		v[i] = fabs(v[i] / m - 1);
	return quantile(v, n, 0.5);
}

/*
 * Were the pages set justified?  A page does not say, and a plan is the
 * same either way (render.h), so the words tell: each recognised line
 * that a justified page stretches (not a paragraph's last, not a heading,
 * no list marker) is measured from its first word's left to its last
 * word's right in points (page scale); its ratio to the line's width
 * ragged and to its width justified is the same for every line under the
 * true setting but for noise (variants, a horizontal scale a photo gets
 * slightly wrong), and spreads with the stretch under the other.  Pages
 * are justified when their ratios spread clearly less so
 * (LT_JUSTIFIED_SPREAD); ragged otherwise, and with fewer than three such
 * lines: a few lines that barely stretch (half a page, blurred) tell the
 * two apart no better than a coin, and ragged is the default setting.
 * Only the plan and the words decide, as for every reading.
 */
static int justified(reader *r)
{
	double *rag, *just;
	size_t i, n = 0;

	if (!(rag = malloc((r->nlines + 1) * 2 * sizeof(double))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	just = rag + r->nlines + 1;
	for (i = 0; i < r->nlines; i++) {
		const seen_line *l = &r->lines[i];
		const lt_plan_line *pl;
		const lt_seen_word *a, *b;
		double w, scale = r->page_scale[l->page];

		if (l->plan < 0 || l->count < 3 || !(scale > 0))
			continue;
		pl = &r->p->lines[l->plan];
		if (pl->para_end || pl->heading || pl->marker[0] ||
		    !(pl->stretch > 0) || !(pl->width > 0))
			continue;
		a = &r->w[r->order[l->first]];
		b = &r->w[r->order[l->first + l->count - 1]];
		w = (b->x1 - a->x0) / scale;
		rag[n] = w / pl->width;
		just[n] = w / (pl->width + pl->stretch * (double)pl->gaps);
		n++;
	}
	if (n >= 3)
		r->justified = spread(just, n) < LT_JUSTIFIED_SPREAD * spread(rag, n);
	free(rag);
	return LT_OK;
}

/*
 * The shift of data plan line L measured from its position between its
 * control neighbours, in points (down positive), or NAN when the line or a
 * neighbour is not seen, or the three are not where a page puts them.
 */
static double read_line(const reader *r, size_t L)
{
	const lt_plan_line *pl = r->p->lines;
	long a, b, s;
	const seen_line *sa, *sb, *sl;
	double t, t0, span, scale;

	if (L == 0 || L + 1 >= r->p->nlines)
		return NAN;
	s = r->line_seen[L];
	a = r->line_seen[L - 1];
	b = r->line_seen[L + 1];
	if (s < 0 || a < 0 || b < 0)
		return NAN;
	sl = &r->lines[s];
	sa = &r->lines[a];
	sb = &r->lines[b];
	if (sa->page != sl->page || sb->page != sl->page ||
	    pl[L - 1].page != pl[L].page || pl[L + 1].page != pl[L].page)
		return NAN;
	span = pl[L + 1].y - pl[L - 1].y;
	if (!isfinite(sl->y) || !isfinite(sa->y) || !isfinite(sb->y) ||
	    !(sb->y - sa->y > 0) || span <= 0)
		return NAN;
	scale = r->page_scale[sl->page];
	if (scale > 0 && fabs((sb->y - sa->y) / span / scale - 1) > 0.1)
		return NAN;
	t = (sl->y - sa->y) / (sb->y - sa->y);
	t0 = (pl[L].y - pl[L - 1].y) / span;
	return (t - t0) * span;
}

/* First plain token starting at or after byte `pos`. */
static size_t ptok_at(const lt_tokens *t, uint32_t pos)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (t->tok[mid].start < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Seen word position (in order) of the token aligned with plain token
 * `pt`, or -1. */
static long seen_pos(const reader *r, size_t pt)
{
	int32_t j;

	if (pt >= r->ptok->n || (j = r->al->orig_to_leak[pt]) < 0)
		return -1;
	return r->stok_pos[j];
}

/* The slot whose range holds plain byte `pos`: its range in [*s, *e).
 * Returns 0 when pos is in no slot. */
static int slot_around(const lt_slot_set *set, uint32_t pos, uint32_t *s,
		       uint32_t *e)
{
	size_t lo = 0, hi = set->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (set->slots[mid].end <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == set->n || set->slots[lo].start > pos)
		return 0;
	*s = set->slots[lo].start;
	*e = set->slots[lo].end;
	return 1;
}

/*
 * Is the seen word at position `pos` the neighbour of the marked word on
 * side `dir` (-1 left, +1 right), whose edge token in the plain text is
 * `edge`?  When the plain neighbour token is aligned, it must be in that
 * word, unless it belongs to a slot whose variant reorders its words: then
 * the word's own aligned tokens must all come from that slot.  When it is
 * not aligned (a slot variant, an OCR error), the word's own aligned
 * tokens must fall just beside the marked word.
 */
static int neighbour_ok(const reader *r, long pos, size_t edge, int dir)
{
	size_t first = r->word_at[pos], last = r->word_at[pos + 1], t, nb;
	uint32_t ss, se;
	int in_slot;
	long at;

	if (dir < 0 ? edge == 0 : edge + 1 >= r->ptok->n)
		return 0;
	nb = dir < 0 ? edge - 1 : edge + 1;
	at = seen_pos(r, nb);
	if (at == pos)
		return 1;
	in_slot = slot_around(r->set, r->ptok->tok[nb].start, &ss, &se);
	if (at >= 0 && !in_slot)
		return 0;
	for (t = ptok_at(r->stok, (uint32_t)first);
	     t < r->stok->n && r->stok->tok[t].start < last; t++) {
		int32_t o;

		if ((o = r->al->leak_to_orig[t]) < 0)
			continue;
		if (at >= 0) {
			if (r->ptok->tok[o].start < ss ||
			    r->ptok->tok[o].start >= se)
				return 0;
			continue;
		}
		if (dir < 0 ? !((size_t)o < edge && (size_t)o + 4 >= edge)
			    : !((size_t)o > edge && (size_t)o <= edge + 4))
			return 0;
	}
	return 1;
}

/* Is the box of a word on line `l` taller than any word's ink (see
 * LT_INK_HEIGHT_MAX) and clearly taller than the line's other boxes?  The
 * boxes of a text layer, all of the font's full height, never are. */
static int too_tall(const lt_seen_word *w, const seen_line *l, double scale)
{
	double h = w->y1 - w->y0;

	return h / scale > LT_INK_HEIGHT_MAX * LT_FONT_SIZE &&
	       h > LT_BOX_HEIGHT_RATIO * l->box;
}

/*
 * The shift of word carrier `wi` of plan line L measured from its two
 * gaps, in points (right positive), or NAN when it is not seen as itself
 * between its own neighbours.  Ink boxes (OCR) are corrected by the
 * plan's centre distances and read from the boxes' centres (photo.c
 * centres them on the ink); a text layer's boxes are the words'
 * advances, read from their gaps.  *across receives the three words'
 * scale across the page over the page's scale down it (1 for a text
 * layer): the caller compares it with the other carriers' (a word lost or
 * merged changes it by far more than a photo's uneven rectification).
 */
static double read_word(const reader *r, size_t L, size_t wi, double *across)
{
	const lt_plan_word *pw_ = &r->p->words[wi];
	size_t ft, lt;
	long s = r->line_seen[L], pw, pl, pr;
	const seen_line *sl;
	const lt_seen_word *w, *lw, *rw;
	double scale, gl, gr, ml, mr, cl, cr;
	/* justified, both gaps beside the word grew by the line's stretch */
	double st = r->justified ? r->p->lines[L].stretch : 0;

	*across = 1;
	if (s < 0)
		return NAN;
	sl = &r->lines[s];
	scale = r->page_scale[sl->page];
	if (!(scale > 0))
		return NAN;
	ft = ptok_at(r->ptok, pw_->start);
	lt = ptok_at(r->ptok, pw_->end);
	if (ft >= lt || ft == 0 || lt >= r->ptok->n)
		return NAN;
	lt--; /* last token of the word */
	pw = seen_pos(r, ft);
	if (pw < 0 || seen_pos(r, lt) != pw || r->word_line[pw] != s)
		return NAN;
	/* The word must be seen as itself: its first and last tokens those of
	 * the seen word, and its neighbours the plain text's. */
	if ((size_t)pw <= sl->first || (size_t)pw + 1 >= sl->first + sl->count)
		return NAN;
	if (!neighbour_ok(r, pw - 1, ft, -1) || !neighbour_ok(r, pw + 1, lt, 1))
		return NAN;
	pl = pw - 1;
	pr = pw + 1;
	if (r->al->orig_to_leak[ft] > 0 &&
	    r->stok_pos[r->al->orig_to_leak[ft] - 1] == pw)
		return NAN;
	if ((size_t)r->al->orig_to_leak[lt] + 1 < r->stok->n &&
	    r->stok_pos[r->al->orig_to_leak[lt] + 1] == pw)
		return NAN;
	w = &r->w[r->order[pw]];
	lw = &r->w[r->order[pl]];
	rw = &r->w[r->order[pr]];
	if (too_tall(w, sl, scale) || too_tall(lw, sl, scale) ||
	    too_tall(rw, sl, scale))
		return NAN;
	if (r->text_layer[sl->page]) {
		gl = (w->x0 - lw->x1) / scale;
		gr = (rw->x0 - w->x1) / scale;
		/* A gap far from a space's width means a word was lost or
		 * merged. */
		if (gl < LT_GAP_MIN || gr < LT_GAP_MIN || gl > LT_GAP_MAX + st ||
		    gr > LT_GAP_MAX + st)
			return NAN;
		return (gl - gr) / 2;
	}
	/* Ink: from the words' centres, in the scale of these three words
	 * (a photo's page is seldom rectified to the same scale across and
	 * down, nor everywhere): with ml = s (L + d) and mr = s (R - d), L and
	 * R the plan's distances, d = (ml R - mr L) / (ml + mr). */
	ml = ((w->x0 + w->x1) - (lw->x0 + lw->x1)) / 2;
	mr = ((rw->x0 + rw->x1) - (w->x0 + w->x1)) / 2;
	cl = pw_->centre_left + st;
	cr = pw_->centre_right + st;
	if (!(ml > 0 && mr > 0))
		return NAN;
	*across = (ml + mr) / (cl + cr) / scale;
	return (ml * cr - mr * cl) / (ml + mr);
}

/*
 * The shifts of every word carrier of the plan, in points, into
 * shift[0..p->nwords) (NAN when unread).  A photo's page is seldom
 * rectified to the same scale across as down, nor everywhere (a half page
 * shows too little of its outline): each carrier's three words are
 * compared with the scale across that the carriers of its seen line give
 * (their median, from three or more), else those of its page, and a
 * carrier further than LT_SCALE_TOLERANCE from it holds a word lost or
 * merged and stays unread.
 */
static int read_words(const reader *r, double *shift)
{
	const lt_layout_plan *p = r->p;
	double *across, *v, *page_ref;
	size_t i, k, n;

	across = malloc((p->nwords + 1) * sizeof(*across));
	v = malloc((p->nwords + 1) * sizeof(*v));
	page_ref = malloc((r->npages + 1) * sizeof(*page_ref));
	if (!across || !v || !page_ref) {
		free(across);
		free(v);
		free(page_ref);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (i = 0; i < p->nlines; i++)
		for (k = 0; k < p->lines[i].nwords; k++) {
			size_t wi = p->lines[i].first_word + k;

			shift[wi] = read_word(r, i, wi, &across[wi]);
		}
	for (k = 0; k < r->npages; k++) {
		size_t pass;

		/* Lines that never stretch first: a justified page read as
		 * ragged (or the other way round) changes the scale of the
		 * others. */
		for (pass = 0, n = 0; pass < 2 && n < 3; pass++)
			for (i = 0, n = 0; i < p->nlines; i++) {
				const lt_plan_line *ln = &p->lines[i];
				size_t j;

				if (r->line_seen[i] < 0 ||
				    r->lines[r->line_seen[i]].page != k ||
				    (pass == 0 && ln->stretch > 0))
					continue;
				for (j = 0; j < ln->nwords; j++)
					if (isfinite(shift[ln->first_word + j]))
						v[n++] = across[ln->first_word + j];
			}
		page_ref[k] = n ? quantile(v, n, 0.5) : 1;
	}
	for (i = 0; i < p->nlines; i++) {
		const lt_plan_line *ln = &p->lines[i];
		double ref;
		size_t j;

		if (r->line_seen[i] < 0)
			continue;
		ref = page_ref[r->lines[r->line_seen[i]].page];
		for (j = 0; j < ln->nwords; j++) {
			size_t wi = ln->first_word + j;

			if (fabs(across[wi] / ref - 1) > LT_SCALE_TOLERANCE)
				shift[wi] = NAN;
		}
	}
	free(across);
	free(v);
	free(page_ref);
	return LT_OK;
}

/* Add one carrier's measured shift `d` (points), of nominal size `nominal`
 * and sign `chip`, to its slot's sums. */
static void add_carrier(double *sum, uint32_t *seen, int32_t slot, double d,
			double nominal, int chip)
{
	double z;

	if (slot < 0 || !isfinite(d))
		return;
	z = d / nominal;
	if (z > LT_SHIFT_CLIP)
		z = LT_SHIFT_CLIP;
	if (z < -LT_SHIFT_CLIP)
		z = -LT_SHIFT_CLIP;
	sum[slot] += chip * z;
	seen[slot]++;
}

int lt_layout_read(int16_t *layout_sym, const lt_layout_plan *p,
		   const lt_slot_set *set, const lt_seen_word *words,
		   size_t nwords)
{
	reader r = {0};
	double *sum = NULL, *shift = NULL;
	uint32_t *seen = NULL;
	size_t i, k;
	int rc;

	for (i = 0; i < p->nslots; i++)
		layout_sym[i] = -1;
	if (!nwords || !p->nslots)
		return LT_OK;
	r.p = p;
	r.set = set;
	r.w = words;
	if (!(sum = calloc(p->nslots, sizeof(*sum))) ||
	    !(seen = calloc(p->nslots, sizeof(*seen))) ||
	    !(shift = malloc((p->nwords + 1) * sizeof(*shift)))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = group_lines(&r, nwords)) || r.nused == 0 ||
	    (rc = align_text(&r, set)) || (rc = recognise(&r)) ||
	    (rc = page_scales(&r)) || (rc = justified(&r)))
		goto out;
	if ((rc = read_words(&r, shift)))
		goto out;
	for (i = 0; i < p->nlines; i++) {
		const lt_plan_line *ln = &p->lines[i];

		if (ln->line_slot >= 0)
			add_carrier(sum, seen, ln->line_slot, read_line(&r, i),
				    p->line_shift, ln->line_chip);
		for (k = 0; k < ln->nwords; k++) {
			const lt_plan_word *w = &p->words[ln->first_word + k];

			add_carrier(sum, seen, w->slot, shift[ln->first_word + k],
				    p->word_shift, w->chip);
		}
	}
	/* Each slot from the mean of its carriers' signed shifts: its sign
	 * the symbol, its size the weight (LT_OBS). */
	for (i = 0; i < p->nslots; i++) {
		double m;
		long w;

		if (seen[i] < LT_SLOT_MIN_SEEN)
			continue;
		m = sum[i] / seen[i];
		w = (long)floor(fabs(m) / LT_SLOT_FULL * LT_OBS_WEIGHT_MAX);
		if (w > LT_OBS_WEIGHT_MAX)
			w = LT_OBS_WEIGHT_MAX;
		if (w > 0)
			layout_sym[i] = LT_OBS(m > 0, w);
	}
out:
	free(sum);
	free(seen);
	free(shift);
	free(r.order);
	free(r.lines);
	free(r.word_at);
	free(r.word_line);
	lt_buf_free(&r.text);
	lt_tokens_free(r.ptok);
	lt_tokens_free(r.stok);
	lt_alignment_free(r.al);
	free(r.ptok_line);
	free(r.stok_pos);
	free(r.line_seen);
	free(r.page_scale);
	free(r.text_layer);
	return rc;
}
