/*
 * render.c - the layout plan of a document and print-ready pages of its
 * marked copies (render.h), drawn with Cairo and Pango.
 *
 * Flow: slot set --lt_layout_plan_new--> plan (lines of the plain text,
 * broken only at spaces that belong to no lexical slot, each with room for
 * the widest variant of every lexical slot on it; pages; carriers of the
 * layout marks and the layout slot each carries) --lt_render_pdf /
 * lt_render_png(copy's symbols)--> pages where every line is drawn by
 * itself from the copy's text for that line (typographic slots as the
 * original has them), data lines moved up or down and every other plain
 * word moved left or right by a fraction of a point as the copy's layout
 * symbols and the carriers' signs say.
 *
 * Metrics are taken with hinting off and glyph positions unrounded, so a
 * line measures the same at every resolution and in PDF and PNG alike.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#pragma GCC diagnostic pop

#include "base/array.h"
#include "leaktrace/error.h"
#include "leaktrace/render.h"
#include "render/render_internal.h"

/* ---------------------------------------------------------------------
 * Pango set-up
 * ------------------------------------------------------------------- */

/* A context at 72 units per inch (one unit = one point), without hinting
 * and without rounding of glyph positions.  NULL when out of memory. */
static PangoContext *context_new(void)
{
	PangoFontMap *fm = pango_cairo_font_map_new();
	PangoContext *ctx;
	cairo_font_options_t *fo;

	if (!fm)
		return NULL;
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fm), 72.0);
	ctx = pango_font_map_create_context(fm);
	g_object_unref(fm); /* the context keeps it */
	if (!ctx)
		return NULL;
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	return ctx;
}

/* A layout in `family` at `size` points (bold when asked). */
static PangoLayout *layout_new(PangoContext *ctx, const char *family,
			       double size, int bold)
{
	PangoLayout *l = pango_layout_new(ctx);
	PangoFontDescription *fd;

	if (!l)
		return NULL;
	fd = pango_font_description_new();
	pango_font_description_set_family(fd, family);
	pango_font_description_set_size(fd, (gint)lround(size * PANGO_SCALE));
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_single_paragraph_mode(l, TRUE);
	return l;
}

/* Logical width of `len` bytes of text, in points. */
static double text_width(PangoLayout *l, const char *s, size_t len)
{
	PangoRectangle logical;

	pango_layout_set_text(l, s, (int)len);
	pango_layout_get_extents(l, NULL, &logical);
	return (double)logical.width / PANGO_SCALE;
}

/* ---------------------------------------------------------------------
 * Slots seen from the plain text
 * ------------------------------------------------------------------- */

/* Does the slot change what a page shows?  Typographic marks are for
 * digital text only: a page shows the original's form. */
static int printed(const lt_slot *sl)
{
	return sl->channel != LT_CHANNEL_TYPOGRAPHIC;
}

/* Index of the first slot whose end is beyond `pos` (or an empty slot at
 * pos), i.e. the first slot that can contain or follow pos. */
static size_t slot_from(const lt_slot_set *set, size_t pos)
{
	size_t lo = 0, hi = set->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (set->slots[mid].end < pos ||
		    (set->slots[mid].end == pos && set->slots[mid].start < pos))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Does byte `pos` lie inside a slot's range? */
static int in_slot(const lt_slot_set *set, size_t pos)
{
	size_t i = slot_from(set, pos);

	for (; i < set->n && set->slots[i].start <= pos; i++)
		if (set->slots[i].start <= pos && pos < set->slots[i].end &&
		    printed(&set->slots[i]))
			return 1;
	return 0;
}

/* Does a slot touch [s, e] (an empty slot at either end counts)? */
static int touches_slot(const lt_slot_set *set, size_t s, size_t e)
{
	size_t i = slot_from(set, s);

	for (; i < set->n && set->slots[i].start <= e; i++) {
		const lt_slot *sl = &set->slots[i];

		if (!printed(sl))
			continue;
		if (sl->start < e && sl->end > s)
			return 1;
		if (sl->start == sl->end && sl->start >= s && sl->start <= e)
			return 1;
	}
	return 0;
}

/* Can the slot be split at its newlines?  Only when every variant has as
 * many as the plain text: then the k-th line of a variant stands for the
 * k-th line of the slot's range. */
static int slot_splits(const lt_slot *sl, const char *plain)
{
	size_t k, n = 0;
	unsigned v;

	for (k = sl->start; k < sl->end; k++)
		n += plain[k] == '\n';
	for (v = 0; v < sl->nvariants; v++) {
		size_t m = 0;
		const char *c;

		for (c = sl->variants[v]; *c; c++)
			m += *c == '\n';
		if (m != n)
			return 0;
	}
	return 1;
}

/* Does the newline at `pos` end a line (it is in no slot, or in one whose
 * variants keep their newlines)? */
static int newline_breaks(const lt_slot_set *set, size_t pos)
{
	size_t i = slot_from(set, pos);

	for (; i < set->n && set->slots[i].start <= pos; i++)
		if (pos < set->slots[i].end && printed(&set->slots[i]) &&
		    !slot_splits(&set->slots[i], set->plain))
			return 0;
	return 1;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Does [s, e) hold a letter or digit (any non-ASCII byte counts)? */
static int has_alnum(const char *t, size_t s, size_t e)
{
	for (; s < e; s++) {
		unsigned char c = (unsigned char)t[s];

		if (c >= 0x80 || (c >= '0' && c <= '9') ||
		    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return 1;
	}
	return 0;
}

static int word_sep(char c)
{
	return c == ' ' || c == '\n';
}

/* Bytes [*a, *b) of words [from, to) of `var`, words being runs of
 * characters other than spaces and newlines: from its first byte when
 * from == 0, through its last when to == 0.  0 when it has too few
 * words. */
static int variant_words(const char *var, size_t from, size_t to, size_t *a,
			 size_t *b)
{
	size_t i = 0, k = 0, len = strlen(var);

	*a = 0;
	*b = len;
	for (;;) {
		while (i < len && word_sep(var[i]))
			i++;
		if (i == len)
			return to == 0 && k > from;
		if (k == from && from > 0)
			*a = i;
		while (i < len && !word_sep(var[i]))
			i++;
		if (++k == to) {
			*b = i;
			return to > from;
		}
	}
}

/* Number of words of `var`. */
static size_t variant_word_count(const char *var)
{
	size_t n = 0, i = 0, len = strlen(var);

	while (i < len) {
		while (i < len && word_sep(var[i]))
			i++;
		if (i < len)
			n++;
		while (i < len && !word_sep(var[i]))
			i++;
	}
	return n;
}

/* ---------------------------------------------------------------------
 * The plan
 * ------------------------------------------------------------------- */

typedef struct unit {
	uint32_t start, end;
	double width; /* widest over the slots' variants */
	int part;     /* part of a split slot (see split_unit), or -1 */
	int last;     /* the slot's last part */
} unit;

typedef struct planner {
	const lt_slot_set *set;
	PangoLayout *measure;
	uint8_t *widest; /* per slot: the variant of largest width */
	double space;
	unit *units;
	size_t nunits, capunits;
	lt_plan_line *lines;
	size_t nlines, caplines;
	lt_plan_word *words;
	size_t nwords, capwords;
	lt_buf scratch;
} planner;

/* Width of [s, e) of the plain text with every slot in it written as its
 * widest variant. */
static int unit_width(planner *pl, size_t s, size_t e, double *w)
{
	const lt_slot_set *set = pl->set;
	size_t i = slot_from(set, s), pos = s;
	int rc;

	lt_buf_clear(&pl->scratch);
	for (; i < set->n && set->slots[i].start < e; i++) {
		const lt_slot *sl = &set->slots[i];

		if (sl->start < pos || sl->end > e || !printed(sl))
			continue;
		if ((rc = lt_buf_append(&pl->scratch, set->plain + pos,
					sl->start - pos)) ||
		    (rc = lt_buf_puts(&pl->scratch, sl->variants[pl->widest[i]])))
			return rc;
		pos = sl->end;
	}
	if ((rc = lt_buf_append(&pl->scratch, set->plain + pos, e - pos)))
		return rc;
	*w = text_width(pl->measure, pl->scratch.data, pl->scratch.len);
	return LT_OK;
}

static int push_line(planner *pl, const lt_plan_line *ln)
{
	int rc = LT_ARRAY_GROW(pl->lines, pl->caplines, pl->nlines + 1);

	if (rc)
		return rc;
	pl->lines[pl->nlines++] = *ln;
	return LT_OK;
}

/* Rasterisation of a word for its centre of mass, pixels a point. */
#define CENTRE_RES 8.0

/* Plain bytes [s, e) set alone: their advance, and the horizontal centre
 * of mass of their ink from their origin, in points (the origin's
 * advance plus half when there is no ink). */
static void word_centre(planner *pl, size_t s, size_t e, double *adv,
			double *centre)
{
	PangoRectangle ink, logical;
	cairo_surface_t *surf;
	cairo_t *cr;
	double x0, sum = 0, sx = 0;
	int w, h, x, y, stride;
	const unsigned char *px;

	pango_layout_set_text(pl->measure, pl->set->plain + s, (int)(e - s));
	pango_layout_get_extents(pl->measure, &ink, &logical);
	*adv = (double)logical.width / PANGO_SCALE;
	*centre = *adv / 2;
	x0 = (double)ink.x / PANGO_SCALE - 1;
	w = (int)ceil(((double)ink.width / PANGO_SCALE + 2) * CENTRE_RES);
	h = (int)ceil(((double)logical.height / PANGO_SCALE + 2) * CENTRE_RES);
	if (w <= 0 || h <= 0 || w > 20000 || h > 2000)
		return;
	surf = cairo_image_surface_create(CAIRO_FORMAT_A8, w, h);
	cr = cairo_create(surf);
	cairo_scale(cr, CENTRE_RES, CENTRE_RES);
	cairo_move_to(cr, -x0, 1);
	pango_cairo_show_layout(cr, pl->measure);
	cairo_surface_flush(surf);
	px = cairo_image_surface_get_data(surf);
	stride = cairo_image_surface_get_stride(surf);
	for (y = 0; px && y < h; y++)
		for (x = 0; x < w; x++) {
			double a = px[(size_t)y * stride + x];

			sum += a;
			sx += a * (x + 0.5);
		}
	if (sum > 0)
		*centre = x0 + sx / sum / CENTRE_RES;
	cairo_destroy(cr);
	cairo_surface_destroy(surf);
}

/* Can unit k of u[0..n) carry a word shift?  It and both its neighbours
 * touch no printed slot and hold a letter or digit, one plain space
 * apart: then the two gaps beside it are the same in every copy but for
 * the mark, and an OCR reads the three as words. */
static int can_carry(const planner *pl, const unit *u, size_t n, size_t k)
{
	const lt_slot_set *set = pl->set;
	const char *t = set->plain;
	size_t j;

	if (k == 0 || k + 1 >= n)
		return 0;
	for (j = k - 1; j <= k + 1; j++)
		if (touches_slot(set, u[j].start, u[j].end) ||
		    !has_alnum(t, u[j].start, u[j].end))
			return 0;
	return u[k - 1].end + 1 == u[k].start &&
	       (t[u[k - 1].end] == ' ' || t[u[k - 1].end] == '\n') &&
	       u[k].end + 1 == u[k + 1].start &&
	       (t[u[k].end] == ' ' || t[u[k].end] == '\n');
}

/* The word carriers of a line made of units u[0..n): every unit that can
 * carry one, never two side by side (each gap beside at most one moved
 * word).  Appended to pl->words; their slots are numbered later. */
static int choose_words(planner *pl, const unit *u, size_t n,
			lt_plan_line *ln)
{
	size_t k;
	int rc;

	ln->first_word = (uint32_t)pl->nwords;
	ln->nwords = 0;
	for (k = 1; k + 1 < n; k++) {
		lt_plan_word w = {0};
		double al, ac, bl, bc, cl, cc;

		if (!can_carry(pl, u, n, k))
			continue;
		word_centre(pl, u[k - 1].start, u[k - 1].end, &al, &ac);
		word_centre(pl, u[k].start, u[k].end, &bl, &bc);
		word_centre(pl, u[k + 1].start, u[k + 1].end, &cl, &cc);
		w.start = u[k].start;
		w.end = u[k].end;
		w.slot = -1;
		w.centre_left = al + pl->space + bc - ac;
		w.centre_right = bl + pl->space + cc - bc;
		if ((rc = LT_ARRAY_GROW(pl->words, pl->capwords, pl->nwords + 1)))
			return rc;
		pl->words[pl->nwords++] = w;
		ln->nwords++;
		k++; /* its right neighbour stays where it is */
	}
	return LT_OK;
}

/* Append a unit. */
static int push_unit(planner *pl, const unit *u)
{
	int rc = LT_ARRAY_GROW(pl->units, pl->capunits, pl->nunits + 1);

	if (rc)
		return rc;
	pl->units[pl->nunits++] = *u;
	return LT_OK;
}

/*
 * A unit [p, q) (text between breakable spaces) that holds one printed
 * slot whose every variant has two words or more can be broken between
 * words: the slot is cut into parts, the k-th word of every variant (the
 * first part with the text before the slot, the last with the rest of the
 * words and the text after it), each as wide as its widest variant.
 * Pushes the parts and returns 1, or 0 when the unit cannot be split.
 */
static int split_unit(planner *pl, size_t p, size_t q, int *rc)
{
	const lt_slot_set *set = pl->set;
	size_t i = slot_from(set, p), si = set->n, nparts = SIZE_MAX, k;
	const lt_slot *sl;

	*rc = LT_OK;
	for (; i < set->n && set->slots[i].start < q; i++) {
		if (!printed(&set->slots[i]) || set->slots[i].end <= p)
			continue;
		if (si < set->n)
			return 0; /* two slots: keep the unit whole */
		si = i;
	}
	if (si == set->n)
		return 0;
	sl = &set->slots[si];
	if (sl->start < p || sl->end > q)
		return 0;
	for (k = 0; k < sl->nvariants; k++) {
		size_t n = variant_word_count(sl->variants[k]);

		nparts = n < nparts ? n : nparts;
	}
	if (nparts < 2)
		return 0;
	for (k = 0; k < nparts; k++) {
		unit u = {0};
		unsigned v;

		u.start = (uint32_t)(k == 0 ? p : sl->start);
		u.end = (uint32_t)(k + 1 == nparts ? q : sl->end);
		u.part = (int)k;
		u.last = k + 1 == nparts;
		for (v = 0; v < sl->nvariants; v++) {
			size_t a, b;
			double w;

			variant_words(sl->variants[v], k, u.last ? 0 : k + 1, &a, &b);
			lt_buf_clear(&pl->scratch);
			if (k == 0 &&
			    (*rc = lt_buf_append(&pl->scratch, set->plain + p,
						 sl->start - p)))
				return 1;
			if ((*rc = lt_buf_append(&pl->scratch,
						 sl->variants[v] + a, b - a)))
				return 1;
			if (u.last &&
			    (*rc = lt_buf_append(&pl->scratch, set->plain + sl->end,
						 q - sl->end)))
				return 1;
			w = text_width(pl->measure, pl->scratch.data,
				       pl->scratch.len);
			u.width = w > u.width ? w : u.width;
		}
		if ((*rc = push_unit(pl, &u)))
			return 1;
	}
	return 1;
}

/* Break one source line [s, e) into plan lines (page and y set later). */
static int break_paragraph(planner *pl, size_t s, size_t e, int para_start)
{
	const lt_slot_set *set = pl->set;
	const char *t = set->plain;
	double limit = LT_BODY_WIDTH * (1.0 - LT_LINE_SLACK);
	size_t p = s, first = 0;
	int rc;

	pl->nunits = 0;
	while (p < e) {
		size_t q = p;
		unit u = {0};

		while (q < e && !((is_blank(t[q]) || t[q] == '\n') &&
				  !in_slot(set, q)))
			q++;
		if (q > p && !split_unit(pl, p, q, &rc)) {
			u.start = (uint32_t)p;
			u.end = (uint32_t)q;
			u.part = -1;
			u.last = 1;
			if ((rc = unit_width(pl, p, q, &u.width)) ||
			    (rc = push_unit(pl, &u)))
				return rc;
		}
		if (rc)
			return rc;
		p = q + 1;
	}
	while (first < pl->nunits) {
		double w = pl->units[first].width;
		size_t last = first + 1;
		lt_plan_line ln = {0};

		while (last < pl->nunits &&
		       w + pl->space + pl->units[last].width <= limit) {
			w += pl->space + pl->units[last].width;
			last++;
		}
		ln.start = pl->units[first].start;
		ln.end = pl->units[last - 1].end;
		ln.skip_words = (uint16_t)(pl->units[first].part > 0
					   ? pl->units[first].part : 0);
		ln.keep_words = (uint16_t)(pl->units[last - 1].last
					   ? 0 : pl->units[last - 1].part + 1);
		ln.line_slot = -1;
		ln.para_end = last == pl->nunits;
		/* Paragraph start flag kept in `index` until pagination. */
		ln.index = para_start && first == 0;
		if ((rc = choose_words(pl, pl->units + first, last - first, &ln)) ||
		    (rc = push_line(pl, &ln)))
			return rc;
		first = last;
	}
	return LT_OK;
}

/* A carrier's fixed sign, from its place in the plan: +1 or -1. */
static int8_t chip(size_t line, size_t k)
{
	uint64_t x = (uint64_t)line * 0x9E3779B97F4A7C15ull + k + 1;

	x ^= x >> 31;
	x *= 0xBF58476D1CE4E5B9ull;
	x ^= x >> 29;
	return (x >> 17) & 1 ? 1 : -1;
}

/* Place lines on pages, choose the data lines, and give every carrier
 * (in reading order: a line's vertical shift, then its words) its sign and
 * its layout slot: each page's carriers in runs of about
 * LT_CARRIERS_PER_SLOT neighbours. */
static void paginate(lt_layout_plan *p)
{
	const double first_y = LT_FONT_SIZE, bottom = LT_BODY_HEIGHT - 4.0;
	double y = first_y;
	size_t i, k, page = 0, idx = 0, slot = 0, first = 0;

	for (i = 0; i < p->nlines; i++) {
		lt_plan_line *ln = &p->lines[i];
		int para = ln->index != 0;

		if (idx > 0) {
			y += LT_LINE_PITCH + (para ? LT_PARA_GAP : 0);
			if (y > bottom) {
				page++;
				idx = 0;
				y = first_y;
			}
		}
		ln->page = (uint32_t)page;
		ln->index = (uint32_t)idx++;
		ln->y = y;
	}
	p->npages = p->nlines ? page + 1 : 1;
	/* Data lines: odd lines with a line below them on the same page. */
	for (i = 0; i < p->nlines; i++) {
		lt_plan_line *ln = &p->lines[i];

		ln->line_slot = -1;
		if ((ln->index & 1) && i + 1 < p->nlines &&
		    p->lines[i + 1].page == ln->page) {
			ln->line_slot = 0; /* numbered below */
			ln->line_chip = chip(i, 0);
		}
		for (k = 0; k < ln->nwords; k++)
			p->words[ln->first_word + k].chip = chip(i, k + 1);
	}
	/* Slots, page by page. */
	while (first < p->nlines) {
		size_t end = first, count = 0, nslot, at = 0;

		while (end < p->nlines &&
		       p->lines[end].page == p->lines[first].page)
			end++;
		for (i = first; i < end; i++)
			count += (p->lines[i].line_slot >= 0) + p->lines[i].nwords;
		nslot = (count + LT_CARRIERS_PER_SLOT / 2) / LT_CARRIERS_PER_SLOT;
		if (nslot == 0 && count >= LT_SLOT_MIN_SEEN)
			nslot = 1;
		for (i = first; i < end; i++) {
			lt_plan_line *ln = &p->lines[i];

			if (ln->line_slot >= 0)
				ln->line_slot = nslot ? (int32_t)(slot + at++ * nslot /
								  count) : -1;
			for (k = 0; k < ln->nwords; k++)
				p->words[ln->first_word + k].slot =
					nslot ? (int32_t)(slot + at++ * nslot /
							  count) : -1;
		}
		slot += nslot;
		first = end;
	}
	p->nslots = slot;
}

/* The width (bytes) a text written with hard line breaks is wrapped at:
 * its longest line when that is under 100 bytes and most of its lines
 * are long, else 0 (the text is not wrapped). */
static size_t wrap_width(const char *t, size_t len)
{
	size_t s, max = 0, lines = 0, longish = 0;

	for (s = 0; s < len;) {
		const char *nl = memchr(t + s, '\n', len - s);
		size_t e = nl ? (size_t)(nl - t) : len;

		if (e - s > max)
			max = e - s;
		s = e + 1;
	}
	if (max >= 100 || max < 40)
		return 0;
	for (s = 0; s < len;) {
		const char *nl = memchr(t + s, '\n', len - s);
		size_t e = nl ? (size_t)(nl - t) : len;

		lines += e > s;
		longish += e - s >= max * 3 / 4;
		s = e + 1;
	}
	return 2 * longish >= lines ? max : 0;
}

/* Does the newline at `nl`, ending the source line that starts at `ls`,
 * only wrap a paragraph?  When the text is wrapped at `wrap` bytes, the
 * line is long (the next word would not have fitted), does not end in a
 * colon, and the next line goes on with text (not blank, not a list
 * item). */
static int soft_wrap(const char *t, size_t len, size_t ls, size_t nl,
		     size_t wrap)
{
	size_t n = nl + 1, k;

	if (!wrap || nl - ls < wrap * 3 / 4 || nl == ls || t[nl - 1] == ':' ||
	    n >= len || t[n] == '\n' || t[n] == ' ' || t[n] == '\t' ||
	    t[n] == '-' || t[n] == '*' || t[n] == '#' || t[n] == '(')
		return 0;
	for (k = n; k < len && t[k] >= '0' && t[k] <= '9'; k++)
		;
	if (k > n && k < len && (t[k] == '.' || t[k] == ')'))
		return 0; /* "2. " opens an item */
	return 1;
}

int lt_layout_plan_new(lt_layout_plan **out, const lt_slot_set *set,
		       const lt_render_options *opt)
{
	planner pl = {0};
	PangoContext *ctx = NULL;
	lt_layout_plan *p = NULL;
	const char *t = set->plain;
	size_t i, s, len = set->plain_len;
	int rc = LT_OK, para = 1;
	size_t wrap;

	*out = NULL;
	if (len > UINT32_MAX)
		return lt_error_set(LT_EUSAGE, "document too large to lay out");
	pl.set = set;
	if (!(p = calloc(1, sizeof(*p))) ||
	    !(pl.widest = calloc(set->n ? set->n : 1, 1)) ||
	    !(ctx = context_new()) ||
	    !(pl.measure = layout_new(ctx, LT_FONT_FAMILY, LT_FONT_SIZE, 0))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	p->paper = opt ? opt->paper : LT_PAPER_A4;
	p->line_shift = LT_LINE_SHIFT;
	p->word_shift = LT_WORD_SHIFT;
	for (i = 0; i < set->n; i++) {
		double best = -1;
		unsigned v;

		for (v = 0; v < set->slots[i].nvariants; v++) {
			const char *var = set->slots[i].variants[v];
			double w = text_width(pl.measure, var, strlen(var));

			if (w > best) {
				best = w;
				pl.widest[i] = (uint8_t)v;
			}
		}
	}
	pl.space = text_width(pl.measure, " ", 1);

	/* Source lines are paragraphs; blank lines open a new one.  A newline
	 * inside a slot does not break, nor one that only wraps a text
	 * written with hard line breaks (soft_wrap). */
	wrap = wrap_width(t, len);
	for (s = 0; s <= len;) {
		size_t e = s, a, b, ls = s;

		while (e < len && !(t[e] == '\n' && newline_breaks(set, e) &&
				    !soft_wrap(t, len, ls, e, wrap))) {
			if (t[e] == '\n')
				ls = e + 1;
			e++;
		}
		a = s;
		b = e;
		while (a < b && is_blank(t[a]) && !in_slot(set, a))
			a++;
		while (b > a && is_blank(t[b - 1]) && !in_slot(set, b - 1))
			b--;
		if (a == b) {
			para = 1;
		} else {
			if ((rc = break_paragraph(&pl, a, b, para)))
				goto out;
			para = 0;
		}
		s = e + 1;
	}
	p->lines = pl.lines;
	p->nlines = pl.nlines;
	pl.lines = NULL;
	p->words = pl.words;
	p->nwords = pl.nwords;
	pl.words = NULL;
	paginate(p);
	*out = p;
	p = NULL;
out:
	if (pl.measure)
		g_object_unref(pl.measure);
	if (ctx)
		g_object_unref(ctx);
	free(pl.widest);
	free(pl.units);
	free(pl.lines);
	free(pl.words);
	lt_buf_free(&pl.scratch);
	lt_layout_plan_free(p);
	return rc;
}

void lt_layout_plan_free(lt_layout_plan *p)
{
	if (!p)
		return;
	free(p->lines);
	free(p->words);
	free(p);
}

size_t lt_layout_pages(const lt_layout_plan *p)
{
	return p->npages;
}

size_t lt_layout_slots(const lt_layout_plan *p)
{
	return p->nslots;
}

/* ---------------------------------------------------------------------
 * Drawing
 * ------------------------------------------------------------------- */

static void paper_size(lt_paper paper, double *w, double *h)
{
	if (paper == LT_PAPER_LETTER) {
		*w = 612.0;
		*h = 792.0;
	} else {
		*w = 595.2756;
		*h = 841.8898;
	}
}

/* Check every text symbol is within its slot's alphabet. */
static int check_symbols(const lt_slot_set *set, const lt_layout_plan *p,
			 const uint8_t *sym)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (sym[i] >= set->slots[i].nvariants)
			return lt_error_set(LT_EUSAGE, "symbol %u out of range at "
					    "slot %zu", sym[i], i);
	for (i = 0; i < p->nslots; i++)
		if (sym[set->n + i] > 1)
			return lt_error_set(LT_EUSAGE, "layout symbol %u out of "
					    "range at layout slot %zu",
					    sym[set->n + i], i);
	return LT_OK;
}

/* Append plain bytes [pos, upto) of the line, noting where its word
 * carriers falling there start and end in `out` (ws[k], we[k] for the
 * line's k-th carrier). */
static int emit_plain(lt_buf *out, const lt_layout_plan *p,
		      const lt_slot_set *set, const lt_plan_line *ln,
		      size_t pos, size_t upto, size_t *ws, size_t *we)
{
	size_t k;

	for (k = 0; k < ln->nwords; k++) {
		const lt_plan_word *w = &p->words[ln->first_word + k];

		if (pos <= w->start && w->end <= upto) {
			ws[k] = out->len + (w->start - pos);
			we[k] = ws[k] + (w->end - w->start);
		}
	}
	return lt_buf_append(out, set->plain + pos, upto - pos);
}

/* Line `k` (newline-separated, from 0) of a variant. */
static int emit_variant_line(lt_buf *out, const char *var, size_t k)
{
	const char *e;

	for (; k > 0 && var; k--)
		if ((var = strchr(var, '\n')))
			var++;
	if (!var)
		return LT_OK;
	e = strchr(var, '\n');
	return lt_buf_append(out, var, e ? (size_t)(e - var) : strlen(var));
}

/*
 * The copy's text of plan line `ln` into `out`, and where its word
 * carriers start and end in that text (ws, we: ln->nwords each; a carrier
 * not found keeps ws[k] == we[k]).  A printed slot wholly on the line is
 * written as its variant; one that runs over several lines gives each
 * line its own line of the variant (see slot_splits).  Typographic slots
 * keep the original's text.
 */
static int line_text(lt_buf *out, const lt_layout_plan *p,
		     const lt_slot_set *set, const lt_plan_line *ln,
		     const uint8_t *sym, size_t *ws, size_t *we)
{
	size_t i = slot_from(set, ln->start), pos = ln->start, k;
	int rc;

	lt_buf_clear(out);
	for (k = 0; k < ln->nwords; k++)
		ws[k] = we[k] = 0;
	for (; i < set->n && set->slots[i].start <= ln->end; i++) {
		const lt_slot *sl = &set->slots[i];
		/* what the copy writes here (lt_slots_effective) */
		const char *var = sl->variants[lt_slot_active(sl) && sl->group < set->n
					       ? sym[sl->group] : 0];
		size_t a, b, nl = 0;

		if (sl->end < pos || (sl->end == pos && sl->start < pos) ||
		    !printed(sl))
			continue;
		if (sl->start >= ln->start && sl->end <= ln->end) {
			if (sl->start == sl->end &&
			    (sl->start == ln->start || sl->start == ln->end))
				continue; /* an insertion at a line's edge */
			if ((rc = emit_plain(out, p, set, ln, pos, sl->start, ws,
					     we)))
				return rc;
			if ((sl->start == ln->start && ln->skip_words) ||
			    (sl->end == ln->end && ln->keep_words)) {
				/* a slot split over two lines: this line's
				 * words of it */
				size_t from = sl->start == ln->start
						      ? ln->skip_words : 0;
				size_t to = sl->end == ln->end ? ln->keep_words
							       : 0;

				if (variant_words(var, from, to, &a, &b) &&
				    (rc = lt_buf_append(out, var + a, b - a)))
					return rc;
			} else if ((rc = lt_buf_puts(out, var))) {
				return rc;
			}
			pos = sl->end;
			continue;
		}
		if (!slot_splits(sl, set->plain))
			continue;
		a = sl->start > ln->start ? sl->start : ln->start;
		b = sl->end < ln->end ? sl->end : ln->end;
		for (k = sl->start; k < a; k++)
			nl += set->plain[k] == '\n';
		if ((rc = emit_plain(out, p, set, ln, pos, a, ws, we)) ||
		    (rc = emit_variant_line(out, var, nl)))
			return rc;
		pos = b;
	}
	if ((rc = emit_plain(out, p, set, ln, pos, ln->end, ws, we)))
		return rc;
	for (k = 0; k < out->len; k++)
		if (out->data[k] == '\n' || out->data[k] == '\t' ||
		    out->data[k] == '\r')
			out->data[k] = ' ';
	return LT_OK;
}

/* Draw `text` centred on the page with its baseline at `y`. */
static void draw_centred(cairo_t *cr, PangoContext *ctx, const char *text,
			 double size, int bold, double page_w, double y)
{
	PangoLayout *l = layout_new(ctx, LT_FONT_FAMILY, size, bold);
	double w;

	if (!l)
		return;
	w = text_width(l, text, strlen(text));
	cairo_move_to(cr, (page_w - w) / 2,
		      y - (double)pango_layout_get_baseline(l) / PANGO_SCALE);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
}

/* Show `len` bytes of `text` with the layout's font, baseline at (x, y). */
static void draw_run(cairo_t *cr, PangoLayout *l, const char *text,
		     size_t len, double x, double y)
{
	if (len == 0)
		return;
	pango_layout_set_text(l, text, (int)len);
	cairo_move_to(cr, x, y - (double)pango_layout_get_baseline(l) /
				     PANGO_SCALE);
	pango_cairo_show_layout(cr, l);
}

/* First line of page `page` (lines are in page order). */
static size_t page_first_line(const lt_layout_plan *p, size_t page)
{
	size_t lo = 0, hi = p->nlines;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (p->lines[mid].page < page)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Draw page `page` of the copy on `cr`, whose user space is in points. */
static int draw_page(cairo_t *cr, const lt_layout_plan *p,
		     const lt_slot_set *set, const uint8_t *sym,
		     const lt_render_options *opt, size_t page)
{
	PangoContext *ctx = context_new();
	PangoLayout *body = NULL;
	lt_buf text = {0}, num = {0};
	double pw, ph, x0, y0;
	size_t i, cap = 0, *ws = NULL, *we;
	int rc = LT_OK;

	if (!ctx || !(body = layout_new(ctx, LT_FONT_FAMILY, LT_FONT_SIZE, 0))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	pango_cairo_update_context(cr, ctx);
	pango_layout_context_changed(body);
	paper_size(opt ? opt->paper : p->paper, &pw, &ph);
	x0 = (pw - LT_BODY_WIDTH) / 2;
	y0 = LT_MARGIN;
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (i = page_first_line(p, page); i < p->nlines &&
					   p->lines[i].page == page; i++) {
		const lt_plan_line *ln = &p->lines[i];
		double y = y0 + ln->y;
		size_t k, from = 0;
		double dx = 0;

		if (ln->nwords > cap) {
			size_t *a = realloc(ws, 2 * ln->nwords * sizeof(*ws));

			if (!a) {
				rc = lt_error_set(LT_ENOMEM, "out of memory");
				goto out;
			}
			ws = a;
			cap = ln->nwords;
		}
		we = ws + ln->nwords;
		if ((rc = line_text(&text, p, set, ln, sym, ws, we)))
			goto out;
		if (ln->line_slot >= 0)
			y += (sym[set->n + (size_t)ln->line_slot] ? 1 : -1) *
			     ln->line_chip * p->line_shift;
		/* Runs between carriers at their own places; each carrier
		 * moved by its mark. */
		pango_layout_set_text(body, text.data, (int)text.len);
		for (k = 0; k <= ln->nwords; k++) {
			const lt_plan_word *w = k < ln->nwords
				? &p->words[ln->first_word + k] : NULL;
			size_t upto = w ? ws[k] : text.len;
			PangoRectangle at;

			if (w && (we[k] <= ws[k] || w->slot < 0))
				continue;
			pango_layout_index_to_pos(body, (int)from, &at);
			draw_run(cr, body, text.data + from, upto - from,
				 x0 + (double)at.x / PANGO_SCALE + dx, y);
			if (!w)
				break;
			dx = (sym[set->n + (size_t)w->slot] ? 1 : -1) * w->chip *
			     p->word_shift;
			pango_layout_set_text(body, text.data, (int)text.len);
			pango_layout_index_to_pos(body, (int)ws[k], &at);
			draw_run(cr, body, text.data + ws[k], we[k] - ws[k],
				 x0 + (double)at.x / PANGO_SCALE + dx, y);
			dx = 0;
			from = we[k];
			pango_layout_set_text(body, text.data, (int)text.len);
		}
	}
	if (opt && opt->banner && *opt->banner) {
		draw_centred(cr, ctx, opt->banner, 10.0, 1, pw, 40.0);
		draw_centred(cr, ctx, opt->banner, 10.0, 1, pw, ph - 22.0);
	}
	if ((rc = lt_buf_printf(&num, "Page %zu of %zu", page + 1, p->npages)))
		goto out;
	draw_centred(cr, ctx, num.data, 9.0, 0, pw, ph - 52.0);
	if (opt && opt->footer && *opt->footer)
		draw_centred(cr, ctx, opt->footer, 8.0, 0, pw, ph - 37.0);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		rc = lt_error_set(cairo_status(cr) == CAIRO_STATUS_NO_MEMORY
					  ? LT_ENOMEM : LT_EINTERNAL,
				  "drawing page %zu: %s", page + 1,
				  cairo_status_to_string(cairo_status(cr)));
out:
	if (body)
		g_object_unref(body);
	if (ctx)
		g_object_unref(ctx);
	lt_buf_free(&text);
	lt_buf_free(&num);
	free(ws);
	return rc;
}

static cairo_status_t write_buf(void *closure, const unsigned char *data,
				unsigned int len)
{
	return lt_buf_append(closure, data, len) == LT_OK
		       ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static int surface_error(cairo_surface_t *s, const char *what)
{
	cairo_status_t st = cairo_surface_status(s);

	return lt_error_set(st == CAIRO_STATUS_NO_MEMORY ? LT_ENOMEM
							  : LT_EINTERNAL,
			    "%s: %s", what, cairo_status_to_string(st));
}

int lt_render_pdf(lt_buf *out, const lt_layout_plan *p, const lt_slot_set *set,
		  const uint8_t *sym, const lt_render_options *opt)
{
	cairo_surface_t *s;
	cairo_t *cr;
	double pw, ph;
	size_t page, before = out->len;
	int rc;

	if ((rc = check_symbols(set, p, sym)))
		return rc;
	paper_size(opt ? opt->paper : p->paper, &pw, &ph);
	s = cairo_pdf_surface_create_for_stream(write_buf, out, pw, ph);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		rc = surface_error(s, "PDF surface");
		cairo_surface_destroy(s);
		return rc;
	}
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
				       "leaktrace");
	cr = cairo_create(s);
	for (page = 0; page < p->npages && rc == LT_OK; page++) {
		rc = draw_page(cr, p, set, sym, opt, page);
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (rc == LT_OK && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		rc = surface_error(s, "writing the PDF");
	cairo_surface_destroy(s);
	if (rc) {
		out->len = before;
		if (out->data)
			out->data[before] = '\0';
	}
	return rc;
}

/* Render one page into a new RGB24 image surface at `dpi`. */
static int page_surface(cairo_surface_t **out, const lt_layout_plan *p,
			   const lt_slot_set *set, const uint8_t *sym,
			   const lt_render_options *opt, size_t page,
			   double dpi)
{
	cairo_surface_t *s;
	cairo_t *cr;
	double pw, ph, w, h;
	int rc;

	*out = NULL;
	if (page >= p->npages)
		return lt_error_set(LT_EUSAGE, "page %zu out of range (%zu pages)",
				    page + 1, p->npages);
	if (!(dpi >= 36 && dpi <= 1200))
		return lt_error_set(LT_EUSAGE, "resolution %g dpi out of range "
				    "(36 to 1200)", dpi);
	if ((rc = check_symbols(set, p, sym)))
		return rc;
	paper_size(opt ? opt->paper : p->paper, &pw, &ph);
	w = ceil(pw * dpi / 72.0);
	h = ceil(ph * dpi / 72.0);
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)h);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		rc = surface_error(s, "page image");
		cairo_surface_destroy(s);
		return rc;
	}
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, dpi / 72.0, dpi / 72.0);
	rc = draw_page(cr, p, set, sym, opt, page);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	if (rc) {
		cairo_surface_destroy(s);
		return rc;
	}
	*out = s;
	return LT_OK;
}

int lt_render_png(lt_buf *out, const lt_layout_plan *p, const lt_slot_set *set,
		  const uint8_t *sym, const lt_render_options *opt,
		  size_t page, double dpi)
{
	cairo_surface_t *s;
	size_t before = out->len;
	int rc;

	if ((rc = page_surface(&s, p, set, sym, opt, page, dpi)))
		return rc;
	if (cairo_surface_write_to_png_stream(s, write_buf, out) !=
	    CAIRO_STATUS_SUCCESS) {
		rc = lt_error_set(LT_ENOMEM, "encoding page %zu as PNG", page + 1);
		out->len = before;
		if (out->data)
			out->data[before] = '\0';
	}
	cairo_surface_destroy(s);
	return rc;
}

int lt_render_page_luma(float **luma, int *width, int *height,
			const lt_layout_plan *p, const lt_slot_set *set,
			const uint8_t *sym, const lt_render_options *opt,
			size_t page, double dpi)
{
	cairo_surface_t *s;
	const unsigned char *px;
	float *l;
	int w, h, stride, x, y, rc;

	*luma = NULL;
	if ((rc = page_surface(&s, p, set, sym, opt, page, dpi)))
		return rc;
	w = cairo_image_surface_get_width(s);
	h = cairo_image_surface_get_height(s);
	stride = cairo_image_surface_get_stride(s);
	px = cairo_image_surface_get_data(s);
	if (!(l = malloc((size_t)w * (size_t)h * sizeof(*l)))) {
		cairo_surface_destroy(s);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(px + (size_t)y * stride);

		for (x = 0; x < w; x++) {
			uint32_t v = row[x];

			l[(size_t)y * w + x] = 0.299f * ((v >> 16) & 0xff) +
					       0.587f * ((v >> 8) & 0xff) +
					       0.114f * (v & 0xff);
		}
	}
	cairo_surface_destroy(s);
	*luma = l;
	*width = w;
	*height = h;
	return LT_OK;
}
