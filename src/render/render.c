/*
 * render.c - the layout plan of a document and print-ready pages of its
 * marked copies (render.h), drawn with Cairo and Pango.
 *
 * Flow: slot set --lt_layout_plan_new--> plan (lines of the plain text,
 * broken only at spaces that belong to no slot, each with room for the
 * widest variant of every slot on it; pages; layout slots) --lt_render_pdf
 * / lt_render_png(copy's symbols)--> pages where every line is drawn by
 * itself from the copy's text for that line, data lines moved up or down
 * and one word per line moved left or right as the copy's layout symbols
 * say.
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
		if (set->slots[i].start <= pos && pos < set->slots[i].end)
			return 1;
	return 0;
}

/* Does a slot touch [s, e] (an empty slot at either end counts)? */
static int touches_slot(const lt_slot_set *set, size_t s, size_t e)
{
	size_t i = slot_from(set, s);

	for (; i < set->n && set->slots[i].start <= e; i++) {
		const lt_slot *sl = &set->slots[i];

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
		if (pos < set->slots[i].end &&
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

/* ---------------------------------------------------------------------
 * The plan
 * ------------------------------------------------------------------- */

typedef struct unit {
	uint32_t start, end;
	double width; /* widest over the slots' variants */
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

		if (sl->start < pos || sl->end > e)
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

/* Choose the marked word of a line made of units u[0..n): a unit touching
 * no slot, with a letter or digit, between two such neighbours separated
 * from it by one plain space each; nearest the middle, preferring
 * neighbours that touch no slot either.  Returns the unit index or -1. */
static long choose_word(const planner *pl, const unit *u, size_t n)
{
	const lt_slot_set *set = pl->set;
	const char *t = set->plain;
	long best = -1, k;
	double best_cost = 1e9, mid = (double)(n - 1) / 2;

	if (n < 4)
		return -1;
	for (k = 1; k + 1 < (long)n; k++) {
		double cost;

		if (touches_slot(set, u[k].start, u[k].end) ||
		    !has_alnum(t, u[k].start, u[k].end) ||
		    !has_alnum(t, u[k - 1].start, u[k - 1].end) ||
		    !has_alnum(t, u[k + 1].start, u[k + 1].end) ||
		    u[k - 1].end + 1 != u[k].start || t[u[k - 1].end] != ' ' ||
		    u[k].end + 1 != u[k + 1].start || t[u[k].end] != ' ')
			continue;
		cost = fabs((double)k - mid);
		if (touches_slot(set, u[k - 1].start, u[k - 1].end) ||
		    touches_slot(set, u[k + 1].start, u[k + 1].end))
			cost += 4;
		if (cost < best_cost) {
			best_cost = cost;
			best = k;
		}
	}
	return best;
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
		unit u;

		while (q < e && !(is_blank(t[q]) && !in_slot(set, q)))
			q++;
		if (q > p) {
			u.start = (uint32_t)p;
			u.end = (uint32_t)q;
			if ((rc = unit_width(pl, p, q, &u.width)))
				return rc;
			if ((rc = LT_ARRAY_GROW(pl->units, pl->capunits,
						pl->nunits + 1)))
				return rc;
			pl->units[pl->nunits++] = u;
		}
		p = q + 1;
	}
	while (first < pl->nunits) {
		double w = pl->units[first].width;
		size_t last = first + 1;
		lt_plan_line ln = {0};
		long k;

		while (last < pl->nunits &&
		       w + pl->space + pl->units[last].width <= limit) {
			w += pl->space + pl->units[last].width;
			last++;
		}
		ln.start = pl->units[first].start;
		ln.end = pl->units[last - 1].end;
		ln.line_slot = ln.word_slot = -1;
		/* Paragraph start flag kept in `index` until pagination. */
		ln.index = para_start && first == 0;
		k = choose_word(pl, pl->units + first, last - first);
		if (k >= 0) {
			ln.word_start = pl->units[first + (size_t)k].start;
			ln.word_end = pl->units[first + (size_t)k].end;
		}
		if ((rc = push_line(pl, &ln)))
			return rc;
		first = last;
	}
	return LT_OK;
}

/* Place lines on pages and number the layout slots. */
static void paginate(lt_layout_plan *p)
{
	const double first_y = LT_FONT_SIZE, bottom = LT_BODY_HEIGHT - 4.0;
	double y = first_y;
	size_t i, page = 0, idx = 0, slot = 0;

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

		if ((ln->index & 1) && i + 1 < p->nlines &&
		    p->lines[i + 1].page == ln->page)
			ln->line_slot = (int32_t)slot++;
		if (ln->word_end > ln->word_start)
			ln->word_slot = (int32_t)slot++;
	}
	p->nslots = slot;
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
	 * inside a slot does not break. */
	for (s = 0; s <= len;) {
		size_t e = s, a, b;

		while (e < len && !(t[e] == '\n' && newline_breaks(set, e)))
			e++;
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
	lt_buf_free(&pl.scratch);
	lt_layout_plan_free(p);
	return rc;
}

void lt_layout_plan_free(lt_layout_plan *p)
{
	if (!p)
		return;
	free(p->lines);
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

/* Append plain bytes [pos, upto) of the line, noting where the marked
 * word falls. */
static int emit_plain(lt_buf *out, const lt_slot_set *set,
		      const lt_plan_line *ln, size_t pos, size_t upto,
		      size_t *ws, size_t *we)
{
	if (ln->word_end > ln->word_start && pos <= ln->word_start &&
	    ln->word_start < upto) {
		*ws = out->len + (ln->word_start - pos);
		*we = *ws + (ln->word_end - ln->word_start);
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
 * The copy's text of plan line `ln` into `out`, and where its marked word
 * starts and ends in that text.  A slot wholly on the line is written as
 * its variant; a slot that runs over several lines gives each line its
 * own line of the variant (see slot_splits).
 */
static int line_text(lt_buf *out, const lt_slot_set *set,
		     const lt_plan_line *ln, const uint8_t *sym, size_t *ws,
		     size_t *we)
{
	size_t i = slot_from(set, ln->start), pos = ln->start, k;
	int rc;

	lt_buf_clear(out);
	*ws = *we = 0;
	for (; i < set->n && set->slots[i].start <= ln->end; i++) {
		const lt_slot *sl = &set->slots[i];
		/* what the copy writes here (lt_slots_effective) */
		const char *var = sl->variants[lt_slot_active(sl) && sl->group < set->n
					       ? sym[sl->group] : 0];
		size_t a, b, nl = 0;

		if (sl->end < pos || (sl->end == pos && sl->start < pos))
			continue;
		if (sl->start >= ln->start && sl->end <= ln->end) {
			if (sl->start == sl->end &&
			    (sl->start == ln->start || sl->start == ln->end))
				continue; /* an insertion at a line's edge */
			if ((rc = emit_plain(out, set, ln, pos, sl->start, ws,
					     we)) ||
			    (rc = lt_buf_puts(out, var)))
				return rc;
			pos = sl->end;
			continue;
		}
		if (!slot_splits(sl, set->plain))
			continue;
		a = sl->start > ln->start ? sl->start : ln->start;
		b = sl->end < ln->end ? sl->end : ln->end;
		for (k = sl->start; k < a; k++)
			nl += set->plain[k] == '\n';
		if ((rc = emit_plain(out, set, ln, pos, a, ws, we)) ||
		    (rc = emit_variant_line(out, var, nl)))
			return rc;
		pos = b;
	}
	if ((rc = emit_plain(out, set, ln, pos, ln->end, ws, we)))
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
	size_t i;
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
		size_t ws, we;

		if ((rc = line_text(&text, set, ln, sym, &ws, &we)))
			goto out;
		if (ln->line_slot >= 0)
			y += sym[set->n + (size_t)ln->line_slot] ? LT_LINE_SHIFT
								 : -LT_LINE_SHIFT;
		if (ln->word_slot >= 0 && we > ws) {
			double dx = sym[set->n + (size_t)ln->word_slot]
					    ? LT_WORD_SHIFT : -LT_WORD_SHIFT;
			PangoRectangle a, b;

			pango_layout_set_text(body, text.data, (int)text.len);
			pango_layout_index_to_pos(body, (int)ws, &a);
			pango_layout_index_to_pos(body, (int)we, &b);
			draw_run(cr, body, text.data, ws, x0, y);
			draw_run(cr, body, text.data + ws, we - ws,
				 x0 + (double)a.x / PANGO_SCALE + dx, y);
			draw_run(cr, body, text.data + we, text.len - we,
				 x0 + (double)b.x / PANGO_SCALE, y);
		} else {
			draw_run(cr, body, text.data, text.len, x0, y);
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
