/*
 * render.c - the layout plan of a document (render.h), measured with
 * Pango; draw.c draws the copies' pages from it.
 *
 * Flow: slot set --lt_layout_plan_new--> Markdown styles of the plain
 * text when it has Markdown (markdown.c) --> plan (lines of the plain
 * text, broken only at spaces that belong to no lexical slot, each with
 * room for the widest variant of every lexical slot on it and the stretch
 * of its gaps when justified; headings, list items; pages; carriers of
 * the layout marks and the layout slot each carries) --> draw.c.
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
#include <pango/pangocairo.h>
#pragma GCC diagnostic pop

#include "base/array.h"
#include "leaktrace/error.h"
#include "leaktrace/render.h"
#include "render/render_internal.h"
#include "render/typeset.h"

/* ---------------------------------------------------------------------
 * Pango set-up
 * ------------------------------------------------------------------- */

/* A context at 72 units per inch (one unit = one point), without hinting
 * and without rounding of glyph positions.  NULL when out of memory. */
PangoContext *lt_pango_context_new(void)
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
PangoLayout *lt_pango_layout_new(PangoContext *ctx, const char *family,
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
double lt_pango_text_width(PangoLayout *l, const char *s, size_t len)
{
	PangoRectangle logical;

	pango_layout_set_text(l, s, (int)len);
	pango_layout_get_extents(l, NULL, &logical);
	return (double)logical.width / PANGO_SCALE;
}

/* Pango attributes for the styles (LT_STYLE_*) of bytes [from, upto) of
 * a text without hidden bytes, indices from `from`. */
static PangoAttrList *style_attrs(const uint8_t *mask, size_t from,
				  size_t upto)
{
	static const double sizes[] = LT_HEADING_SIZES;
	PangoAttrList *al = pango_attr_list_new();
	size_t i = from;

	while (i < upto) {
		uint8_t m = mask[i];
		size_t j = i;
		PangoAttribute *a[3];
		int n = 0, k;

		while (j < upto && mask[j] == m)
			j++;
		if (m & LT_STYLE_BOLD)
			a[n++] = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
		if (m & LT_STYLE_ITALIC)
			a[n++] = pango_attr_style_new(PANGO_STYLE_ITALIC);
		if (LT_STYLE_LEVEL(m))
			a[n++] = pango_attr_size_new((int)lround(
				sizes[LT_STYLE_LEVEL(m)] * PANGO_SCALE));
		for (k = 0; k < n; k++) {
			a[k]->start_index = (guint)(i - from);
			a[k]->end_index = (guint)(j - from);
			pango_attr_list_insert(al, a[k]);
		}
		i = j;
	}
	return al;
}

/* Set bytes [from, upto) of `text` on `l`, styled by `mask` (NULL: body
 * type). */
void lt_pango_set_styled(PangoLayout *l, const char *text, const uint8_t *mask,
			 size_t from, size_t upto)
{
	pango_layout_set_text(l, text + from, (int)(upto - from));
	if (mask) {
		PangoAttrList *al = style_attrs(mask, from, upto);

		pango_layout_set_attributes(l, al);
		pango_attr_list_unref(al);
	} else {
		pango_layout_set_attributes(l, NULL);
	}
}

/* Where byte `pos` of a text lands when its hidden bytes are dropped. */
static size_t after_hidden(const uint8_t *mask, size_t len, size_t pos)
{
	size_t i, before = 0;

	for (i = 0; i < pos && i < len; i++)
		before += (mask[i] & LT_STYLE_HIDDEN) != 0;
	return pos - before;
}

/* Drop the hidden bytes (markup) of text[0..*len) and mask alike, moving
 * the offsets ws[0..n) and we[0..n) with them. */
void lt_plan_drop_hidden(char *text, uint8_t *mask, size_t *len, size_t *ws,
			 size_t *we, size_t n)
{
	size_t i, j = 0, k;

	for (k = 0; k < n; k++) {
		ws[k] = after_hidden(mask, *len, ws[k]);
		we[k] = after_hidden(mask, *len, we[k]);
	}
	for (i = 0; i < *len; i++)
		if (!(mask[i] & LT_STYLE_HIDDEN)) {
			text[j] = text[i];
			mask[j++] = mask[i];
		}
	*len = j;
	text[j] = '\0';
}

/* ---------------------------------------------------------------------
 * Slots seen from the plain text
 * ------------------------------------------------------------------- */

/* Does the slot change what a page shows?  Typographic marks are for
 * digital text only: a page shows the original's form. */
int lt_plan_printed(const lt_slot *sl)
{
	return sl->channel != LT_CHANNEL_TYPOGRAPHIC;
}

/* Index of the first slot whose end is beyond `pos` (or an empty slot at
 * pos), i.e. the first slot that can contain or follow pos. */
size_t lt_plan_slot_from(const lt_slot_set *set, size_t pos)
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
	size_t i = lt_plan_slot_from(set, pos);

	for (; i < set->n && set->slots[i].start <= pos; i++)
		if (set->slots[i].start <= pos && pos < set->slots[i].end &&
		    lt_plan_printed(&set->slots[i]))
			return 1;
	return 0;
}

/* Does a slot touch [s, e] (an empty slot at either end counts)? */
static int touches_slot(const lt_slot_set *set, size_t s, size_t e)
{
	size_t i = lt_plan_slot_from(set, s);

	for (; i < set->n && set->slots[i].start <= e; i++) {
		const lt_slot *sl = &set->slots[i];

		if (!lt_plan_printed(sl))
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
int lt_plan_slot_splits(const lt_slot *sl, const char *plain)
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
	size_t i = lt_plan_slot_from(set, pos);

	for (; i < set->n && set->slots[i].start <= pos; i++)
		if (pos < set->slots[i].end && lt_plan_printed(&set->slots[i]) &&
		    !lt_plan_slot_splits(&set->slots[i], set->plain))
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
int lt_plan_variant_words(const char *var, size_t from, size_t to, size_t *a,
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
	uint8_t *style;  /* per plain byte, LT_STYLE_*, or NULL (no Markdown) */
	double space;    /* a space of the paragraph's type */
	double body_space; /* a space of the body type */
	unit *units;
	size_t nunits, capunits;
	lt_plan_line *lines;
	size_t nlines, caplines;
	lt_plan_word *words;
	size_t nwords, capwords;
	lt_buf scratch;
	lt_buf mscratch; /* styles of scratch's bytes */
} planner;

/* Append plain bytes [s, e) to the planner's scratch text, with their
 * styles. */
static int scratch_plain(planner *pl, size_t s, size_t e)
{
	int rc = lt_buf_append(&pl->scratch, pl->set->plain + s, e - s);
	size_t i;

	for (i = s; !rc && i < e; i++)
		rc = lt_buf_putc(&pl->mscratch, pl->style ? (char)pl->style[i] : 0);
	return rc;
}

/* Append `len` bytes of a variant of the slot starting at plain byte
 * `at`: printed as they are, in the style of the slot's first byte. */
static int scratch_variant(planner *pl, const char *v, size_t len, size_t at)
{
	int rc = lt_buf_append(&pl->scratch, v, len);
	char m = pl->style && at < pl->set->plain_len
			 ? (char)(pl->style[at] & ~LT_STYLE_HIDDEN) : 0;
	size_t i;

	for (i = 0; !rc && i < len; i++)
		rc = lt_buf_putc(&pl->mscratch, m);
	return rc;
}

/* Width of the planner's scratch text as printed (markup dropped, styles
 * applied), in points; the scratch is emptied. */
static double scratch_width(planner *pl)
{
	PangoRectangle logical;
	size_t len = pl->scratch.len;

	if (!pl->style) {
		double w = lt_pango_text_width(pl->measure, pl->scratch.data
					       ? pl->scratch.data : "", len);

		lt_buf_clear(&pl->scratch);
		lt_buf_clear(&pl->mscratch);
		return w;
	}
	if (!len) {
		lt_buf_clear(&pl->mscratch);
		return 0;
	}
	lt_plan_drop_hidden(pl->scratch.data, (uint8_t *)pl->mscratch.data,
			    &len, NULL, NULL, 0);
	lt_pango_set_styled(pl->measure, pl->scratch.data,
			    (uint8_t *)pl->mscratch.data, 0, len);
	pango_layout_get_extents(pl->measure, NULL, &logical);
	pango_layout_set_attributes(pl->measure, NULL);
	lt_buf_clear(&pl->scratch);
	lt_buf_clear(&pl->mscratch);
	return (double)logical.width / PANGO_SCALE;
}

/* [s, e) of the plain text with every slot in it written as its widest
 * variant, into the planner's scratch (with its styles). */
static int unit_width_text(planner *pl, size_t s, size_t e)
{
	const lt_slot_set *set = pl->set;
	size_t i = lt_plan_slot_from(set, s), pos = s;
	int rc;

	lt_buf_clear(&pl->scratch);
	lt_buf_clear(&pl->mscratch);
	for (; i < set->n && set->slots[i].start < e; i++) {
		const lt_slot *sl = &set->slots[i];
		const char *var = sl->variants[pl->widest[i]];

		if (sl->start < pos || sl->end > e || !lt_plan_printed(sl))
			continue;
		if ((rc = scratch_plain(pl, pos, sl->start)) ||
		    (rc = scratch_variant(pl, var, strlen(var), sl->start)))
			return rc;
		pos = sl->end;
	}
	return scratch_plain(pl, pos, e);
}

/* Width of [s, e) of the plain text with every slot in it written as its
 * widest variant, as printed. */
static int unit_width(planner *pl, size_t s, size_t e, double *w)
{
	int rc = unit_width_text(pl, s, e);

	if (rc)
		return rc;
	*w = scratch_width(pl);
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

/* Does plain [s, e) hold a byte with a Markdown style (markup, bold,
 * italic, a heading's type)? */
static int styled(const planner *pl, size_t s, size_t e)
{
	for (; pl->style && s < e; s++)
		if (pl->style[s])
			return 1;
	return 0;
}

/* Can unit k of u[0..n) carry a word shift?  It and both its neighbours
 * touch no printed slot, hold a letter or digit and are set in the body
 * type without Markdown styles, one plain space apart: then the two gaps
 * beside it are the same in every copy but for the mark, and an OCR reads
 * the three as words. */
static int can_carry(const planner *pl, const unit *u, size_t n, size_t k)
{
	const lt_slot_set *set = pl->set;
	const char *t = set->plain;
	size_t j;

	if (k == 0 || k + 1 >= n)
		return 0;
	for (j = k - 1; j <= k + 1; j++)
		if (touches_slot(set, u[j].start, u[j].end) ||
		    !has_alnum(t, u[j].start, u[j].end) ||
		    styled(pl, u[j].start, u[j].end))
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
		w.centre_left = al + pl->body_space + bc - ac;
		w.centre_right = bl + pl->body_space + cc - bc;
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
	size_t i = lt_plan_slot_from(set, p), si = set->n, nparts = SIZE_MAX, k;
	const lt_slot *sl;

	*rc = LT_OK;
	for (; i < set->n && set->slots[i].start < q; i++) {
		if (!lt_plan_printed(&set->slots[i]) || set->slots[i].end <= p)
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

			lt_plan_variant_words(sl->variants[v], k,
					      u.last ? 0 : k + 1, &a, &b);
			lt_buf_clear(&pl->scratch);
			lt_buf_clear(&pl->mscratch);
			if (k == 0 && (*rc = scratch_plain(pl, p, sl->start)))
				return 1;
			if ((*rc = scratch_variant(pl, sl->variants[v] + a, b - a,
						   sl->start)))
				return 1;
			if (u.last && (*rc = scratch_plain(pl, sl->end, q)))
				return 1;
			w = scratch_width(pl);
			u.width = w > u.width ? w : u.width;
		}
		if ((*rc = push_unit(pl, &u)))
			return 1;
	}
	return 1;
}

/* Number of gaps a justified line [s, e) stretches: the runs of blanks
 * of its text with every slot at its widest variant, markup dropped. */
static int line_gaps(planner *pl, size_t s, size_t e, uint32_t *n)
{
	size_t i, len;
	int rc, in_gap = 0;

	lt_buf_clear(&pl->scratch);
	lt_buf_clear(&pl->mscratch);
	if ((rc = unit_width_text(pl, s, e)))
		return rc;
	len = pl->scratch.len;
	*n = 0;
	for (i = 0; i < len; i++) {
		char c = pl->scratch.data[i];
		int gap = (is_blank(c) || c == '\n') &&
			  !(pl->mscratch.data[i] & LT_STYLE_HIDDEN);

		*n += gap && !in_gap;
		if (!(pl->mscratch.data[i] & LT_STYLE_HIDDEN))
			in_gap = gap;
	}
	lt_buf_clear(&pl->scratch);
	lt_buf_clear(&pl->mscratch);
	return LT_OK;
}

/* Break one source line [s, e) into plan lines (page and y set later);
 * `blk` says whether it is a Markdown heading or list item. */
static int break_paragraph(planner *pl, size_t s, size_t e, int para_start,
			   const lt_md_block_info *blk)
{
	const lt_slot_set *set = pl->set;
	const char *t = set->plain;
	double indent = blk->list ? LT_LIST_INDENT : 0;
	double limit = LT_BODY_WIDTH * (1.0 - LT_LINE_SLACK) - indent;
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
		ln.width = w;
		ln.heading = (uint8_t)blk->heading;
		ln.styled = styled(pl, ln.start, ln.end);
		ln.indent = indent;
		if (first == 0)
			memcpy(ln.marker, blk->marker, sizeof(ln.marker));
		if ((rc = line_gaps(pl, ln.start, ln.end, &ln.gaps)))
			return rc;
		if (!ln.para_end && !ln.heading) {
			if (ln.gaps && limit > w)
				ln.stretch = (limit - w) / (double)ln.gaps;
			if (ln.stretch > LT_JUSTIFY_MAX)
				ln.stretch = LT_JUSTIFY_MAX;
		}
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
static int paginate(lt_layout_plan *p)
{
	static const double sizes[] = LT_HEADING_SIZES;
	const double bottom = LT_BODY_HEIGHT - 4.0;
	double y = 0;
	size_t i, k, page = 0, idx = 0, slot = 0, first = 0;
	uint8_t *para = calloc(p->nlines + 1, 1);

	if (!para)
		return lt_error_set(LT_ENOMEM, "out of memory");
	/* The paragraph start flags, kept in `index` until now. */
	for (i = 0; i < p->nlines; i++)
		para[i] = p->lines[i].index != 0;
	for (i = 0; i < p->nlines; i++) {
		lt_plan_line *ln = &p->lines[i];
		double size = sizes[ln->heading];
		int starts = i == 0 || p->lines[i - 1].para_end;

		if (idx > 0) {
			const lt_plan_line *prev = &p->lines[i - 1];
			double next = 0;

			y += (ln->heading ? LT_HEADING_PITCH * size
					  : LT_LINE_PITCH) +
			     (para[i] ? LT_PARA_GAP : 0);
			if (ln->heading && starts)
				y += LT_HEADING_BEFORE;
			if (prev->heading && prev->para_end && !ln->heading)
				y += LT_HEADING_AFTER;
			/* A heading's last line keeps its next line on its
			 * page. */
			if (ln->heading && ln->para_end && i + 1 < p->nlines &&
			    !p->lines[i + 1].heading)
				next = LT_LINE_PITCH + LT_HEADING_AFTER +
				       (para[i + 1] ? LT_PARA_GAP : 0);
			if (y + next > bottom) {
				page++;
				idx = 0;
			}
		}
		if (idx == 0)
			y = size;
		ln->page = (uint32_t)page;
		ln->index = (uint32_t)idx++;
		ln->y = y;
	}
	free(para);
	p->npages = p->nlines ? page + 1 : 1;
	/* Data lines: odd lines with a line below them on the same page, all
	 * three in the body type (a heading's or a styled word's box sits
	 * lower or higher on its baseline). */
	for (i = 0; i < p->nlines; i++) {
		lt_plan_line *ln = &p->lines[i];

		ln->line_slot = -1;
		if ((ln->index & 1) && i + 1 < p->nlines &&
		    p->lines[i + 1].page == ln->page && !ln->styled &&
		    !p->lines[i - 1].styled && !p->lines[i + 1].styled) {
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
	return LT_OK;
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

/*
 * The Markdown of source line [a, b) (*blk: heading, list item, where its
 * printed content starts): its markup hidden, its spans styled, and the
 * width of a space in its type.  Without Markdown, a plain paragraph.
 */
static int style_paragraph(planner *pl, lt_md_block_info *blk, size_t a,
			   size_t b)
{
	const char *t = pl->set->plain;
	size_t i;

	memset(blk, 0, sizeof(*blk));
	blk->content = a;
	pl->space = pl->body_space;
	if (!pl->style)
		return LT_OK;
	lt_md_block(blk, t, a, b);
	for (i = a; i < blk->content; i++)
		pl->style[i] |= LT_STYLE_HIDDEN;
	if (blk->heading)
		for (i = blk->content; i < b; i++)
			pl->style[i] |= (uint8_t)(LT_STYLE_BOLD |
				blk->heading << LT_STYLE_LEVEL_SHIFT);
	lt_md_inline(pl->style, t, blk->content, b);
	if (blk->heading) {
		int rc;

		lt_buf_clear(&pl->scratch);
		lt_buf_clear(&pl->mscratch);
		/* a space in the heading's type */
		if ((rc = scratch_variant(pl, " ", 1, blk->content)))
			return rc;
		pl->space = scratch_width(pl);
	}
	return LT_OK;
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
	    !(ctx = lt_pango_context_new()) ||
	    !(pl.measure = lt_pango_layout_new(ctx, LT_FONT_FAMILY,
					       LT_FONT_SIZE, 0))) {
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
			double w = lt_pango_text_width(pl.measure, var, strlen(var));

			if (w > best) {
				best = w;
				pl.widest[i] = (uint8_t)v;
			}
		}
	}
	pl.body_space = lt_pango_text_width(pl.measure, " ", 1);
	if (lt_md_detect(t, len)) {
		if (!(pl.style = calloc(len + 1, 1))) {
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			goto out;
		}
		p->style = pl.style;
	}

	/* Source lines are paragraphs; blank lines open a new one.  A newline
	 * inside a slot does not break, nor one that only wraps a text
	 * written with hard line breaks (soft_wrap). */
	wrap = wrap_width(t, len);
	for (s = 0; s <= len;) {
		size_t e = s, a, b, ls = s;
		lt_md_block_info blk;

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
			if ((rc = style_paragraph(&pl, &blk, a, b)) ||
			    (rc = break_paragraph(&pl, blk.content, b, para, &blk)))
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
	if ((rc = paginate(p)))
		goto out;
	*out = p;
	p = NULL;
out:
	if (pl.measure)
		g_object_unref(pl.measure);
	if (ctx)
		g_object_unref(ctx);
	free(pl.widest);
	free(pl.units);
	lt_buf_free(&pl.mscratch);
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
	free(p->style);
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
