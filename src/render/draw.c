/*
 * draw.c - print-ready pages of a marked copy (render.h): the plan's lines
 * drawn with Cairo and Pango as one copy writes them, as PDF (all pages),
 * PNG (one page) or a page's luminance for hashing.
 *
 * Flow: plan + copy's symbols --line_text--> each line's text (printed
 * slots as the copy's variants, typographic slots as the original has
 * them) and its Markdown styles --draw_line--> runs of the line at the
 * places Pango gives them in the whole line, each word carrier moved left
 * or right by its mark, justified gaps widened by the line's stretch, the
 * line moved up or down by its mark --> the page, with banner, footer and
 * page number in the margins.
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

#include "leaktrace/error.h"
#include "leaktrace/render.h"
#include "render/render_internal.h"
#include "render/typeset.h"

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

/* Fill the styles `mask` of a line's text up to `len` bytes with `fill`
 * (a variant's bytes: printed, in the style of its slot's first byte). */
static int fill_mask(lt_buf *mask, size_t len, const lt_layout_plan *p,
		     size_t at)
{
	char fill = p->style ? (char)(p->style[at] & ~LT_STYLE_HIDDEN) : 0;
	int rc = LT_OK;

	while (!rc && mask->len < len)
		rc = lt_buf_putc(mask, fill);
	return rc;
}

/* Append plain bytes [pos, upto) of the line, noting where its word
 * carriers falling there start and end in `out` (ws[k], we[k] for the
 * line's k-th carrier), and their styles to `mask`. */
static int emit_plain(lt_buf *out, lt_buf *mask, const lt_layout_plan *p,
		      const lt_slot_set *set, const lt_plan_line *ln,
		      size_t pos, size_t upto, size_t *ws, size_t *we)
{
	size_t k;
	int rc;

	for (k = pos; k < upto; k++)
		if ((rc = lt_buf_putc(mask, p->style ? (char)p->style[k] : 0)))
			return rc;

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
 * line its own line of the variant (see lt_plan_slot_splits).
 * Typographic slots keep the original's text.  `mask` receives the
 * Markdown style of every byte of the text.
 */
static int line_text(lt_buf *out, lt_buf *mask, const lt_layout_plan *p,
		     const lt_slot_set *set, const lt_plan_line *ln,
		     const uint8_t *sym, size_t *ws, size_t *we)
{
	size_t i = lt_plan_slot_from(set, ln->start), pos = ln->start, k;
	int rc;

	lt_buf_clear(out);
	lt_buf_clear(mask);
	for (k = 0; k < ln->nwords; k++)
		ws[k] = we[k] = 0;
	for (; i < set->n && set->slots[i].start <= ln->end; i++) {
		const lt_slot *sl = &set->slots[i];
		/* what the copy writes here (lt_slots_effective) */
		const char *var = sl->variants[lt_slot_active(sl) && sl->group < set->n
					       ? sym[sl->group] : 0];
		size_t a, b, nl = 0;

		if (sl->end < pos || (sl->end == pos && sl->start < pos) ||
		    !lt_plan_printed(sl))
			continue;
		if (sl->start >= ln->start && sl->end <= ln->end) {
			if (sl->start == sl->end &&
			    (sl->start == ln->start || sl->start == ln->end))
				continue; /* an insertion at a line's edge */
			if ((rc = emit_plain(out, mask, p, set, ln, pos,
					     sl->start, ws, we)))
				return rc;
			if ((sl->start == ln->start && ln->skip_words) ||
			    (sl->end == ln->end && ln->keep_words)) {
				/* a slot split over two lines: this line's
				 * words of it */
				size_t from = sl->start == ln->start
						      ? ln->skip_words : 0;
				size_t to = sl->end == ln->end ? ln->keep_words
							       : 0;

				if (lt_plan_variant_words(var, from, to, &a, &b) &&
				    (rc = lt_buf_append(out, var + a, b - a)))
					return rc;
			} else if ((rc = lt_buf_puts(out, var))) {
				return rc;
			}
			if ((rc = fill_mask(mask, out->len, p, sl->start)))
				return rc;
			pos = sl->end;
			continue;
		}
		if (!lt_plan_slot_splits(sl, set->plain))
			continue;
		a = sl->start > ln->start ? sl->start : ln->start;
		b = sl->end < ln->end ? sl->end : ln->end;
		for (k = sl->start; k < a; k++)
			nl += set->plain[k] == '\n';
		if ((rc = emit_plain(out, mask, p, set, ln, pos, a, ws, we)) ||
		    (rc = emit_variant_line(out, var, nl)) ||
		    (rc = fill_mask(mask, out->len, p, sl->start)))
			return rc;
		pos = b;
	}
	if ((rc = emit_plain(out, mask, p, set, ln, pos, ln->end, ws, we)))
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
	PangoLayout *l = lt_pango_layout_new(ctx, LT_FONT_FAMILY, size, bold);
	double w;

	if (!l)
		return;
	w = lt_pango_text_width(l, text, strlen(text));
	cairo_move_to(cr, (page_w - w) / 2,
		      y - (double)pango_layout_get_baseline(l) / PANGO_SCALE);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
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

/* What drawing a page needs from line to line. */
typedef struct page_pen {
	cairo_t *cr;
	PangoLayout *line;  /* the whole line, for positions */
	PangoLayout *piece; /* one run of it */
	lt_buf text, mask;
	size_t *ws, *we, cap;
	uint8_t *cut;       /* per byte of the line: a run starts here */
	double *dx;         /* per byte: how far a run starting here moves */
	size_t capbytes;
	int justify;
} page_pen;

/* Room for a line of `nwords` carriers and `len` bytes. */
static int pen_reserve(page_pen *pen, size_t nwords, size_t len)
{
	if (nwords > pen->cap) {
		size_t *a = realloc(pen->ws, 2 * nwords * sizeof(*a));

		if (!a)
			return lt_error_set(LT_ENOMEM, "out of memory");
		pen->ws = a;
		pen->cap = nwords;
	}
	pen->we = pen->ws + pen->cap;
	if (len + 1 > pen->capbytes) {
		uint8_t *c = realloc(pen->cut, len + 1);
		double *d;

		if (!c)
			return lt_error_set(LT_ENOMEM, "out of memory");
		pen->cut = c;
		if (!(d = realloc(pen->dx, (len + 1) * sizeof(*d))))
			return lt_error_set(LT_ENOMEM, "out of memory");
		pen->dx = d;
		pen->capbytes = len + 1;
	}
	return LT_OK;
}

/*
 * Draw plan line `ln` of the copy with its left edge at x0 and baseline
 * at y (its vertical mark applied by the caller).  The line's text is cut
 * into runs: each word carrier is a run of its own, moved by its mark;
 * justified, every gap ends a run and the runs after it move right
 * by the line's stretch.  Each run is drawn where Pango puts it in the
 * whole line, plus those offsets.  (A copy whose variants have fewer
 * gaps or narrower words than the widest ends short of the margin.)
 */
static int draw_line(page_pen *pen, const lt_layout_plan *p,
		     const lt_slot_set *set, const uint8_t *sym,
		     const lt_plan_line *ln, double x0, double y)
{
	const uint8_t *mask;
	double stretch = pen->justify ? ln->stretch : 0, extra = 0;
	size_t k, len, from;
	int rc;

	if ((rc = pen_reserve(pen, ln->nwords, 0)) ||
	    (rc = line_text(&pen->text, &pen->mask, p, set, ln, sym, pen->ws,
			    pen->we)))
		return rc;
	len = pen->text.len;
	if ((rc = pen_reserve(pen, ln->nwords, len)))
		return rc;
	mask = (const uint8_t *)pen->mask.data;
	lt_plan_drop_hidden(pen->text.data, (uint8_t *)pen->mask.data, &len,
			    pen->ws, pen->we, ln->nwords);
	memset(pen->cut, 0, len + 1);
	for (k = 0; k <= len; k++)
		pen->dx[k] = 0;
	for (k = 0; k < ln->nwords; k++) {
		const lt_plan_word *w = &p->words[ln->first_word + k];

		if (pen->we[k] <= pen->ws[k] || w->slot < 0)
			continue;
		pen->cut[pen->ws[k]] = pen->cut[pen->we[k]] = 1;
		pen->dx[pen->ws[k]] = (sym[set->n + (size_t)w->slot] ? 1 : -1) *
				      w->chip * p->word_shift;
	}
	if (ln->marker[0]) {
		size_t ml = strlen(ln->marker);
		double mw;

		lt_pango_set_styled(pen->piece, ln->marker, NULL, 0, ml);
		mw = lt_pango_text_width(pen->piece, ln->marker, ml);
		cairo_move_to(pen->cr, x0 + ln->indent - LT_MARKER_GAP - mw,
			      y - (double)pango_layout_get_baseline(pen->piece) /
					  PANGO_SCALE);
		pango_cairo_show_layout(pen->cr, pen->piece);
	}
	x0 += ln->indent;
	lt_pango_set_styled(pen->line, pen->text.data, p->style ? mask : NULL,
			    0, len);
	for (k = 0, from = 0; k <= len; k++) {
		PangoRectangle at;
		int gap_end = stretch > 0 && k > 0 && k < len &&
			      pen->text.data[k - 1] == ' ' &&
			      pen->text.data[k] != ' ';

		if (k > from && (k == len || pen->cut[k] || gap_end)) {
			pango_layout_index_to_pos(pen->line, (int)from, &at);
			lt_pango_set_styled(pen->piece, pen->text.data,
				   p->style ? mask : NULL, from, k);
			cairo_move_to(pen->cr, x0 + (double)at.x / PANGO_SCALE +
					       extra + pen->dx[from],
				      y - (double)pango_layout_get_baseline(
						  pen->piece) / PANGO_SCALE);
			pango_cairo_show_layout(pen->cr, pen->piece);
			from = k;
		}
		if (gap_end)
			extra += stretch;
	}
	return LT_OK;
}

/* Draw page `page` of the copy on `cr`, whose user space is in points. */
static int draw_page(cairo_t *cr, const lt_layout_plan *p,
		     const lt_slot_set *set, const uint8_t *sym,
		     const lt_render_options *opt, size_t page)
{
	PangoContext *ctx = lt_pango_context_new();
	page_pen pen = {0};
	lt_buf num = {0};
	double pw, ph, x0, y0;
	size_t i;
	int rc = LT_OK;

	pen.cr = cr;
	pen.justify = opt && opt->justify;
	if (!ctx ||
	    !(pen.line = lt_pango_layout_new(ctx, LT_FONT_FAMILY,
					     LT_FONT_SIZE, 0)) ||
	    !(pen.piece = lt_pango_layout_new(ctx, LT_FONT_FAMILY,
					      LT_FONT_SIZE, 0))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	pango_cairo_update_context(cr, ctx);
	pango_layout_context_changed(pen.line);
	pango_layout_context_changed(pen.piece);
	paper_size(opt ? opt->paper : p->paper, &pw, &ph);
	x0 = (pw - LT_BODY_WIDTH) / 2;
	y0 = LT_MARGIN;
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (i = page_first_line(p, page); i < p->nlines &&
					   p->lines[i].page == page; i++) {
		const lt_plan_line *ln = &p->lines[i];
		double y = y0 + ln->y;

		if (ln->line_slot >= 0)
			y += (sym[set->n + (size_t)ln->line_slot] ? 1 : -1) *
			     ln->line_chip * p->line_shift;
		if ((rc = draw_line(&pen, p, set, sym, ln, x0, y)))
			goto out;
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
	if (pen.line)
		g_object_unref(pen.line);
	if (pen.piece)
		g_object_unref(pen.piece);
	if (ctx)
		g_object_unref(ctx);
	lt_buf_free(&pen.text);
	lt_buf_free(&pen.mask);
	lt_buf_free(&num);
	free(pen.ws);
	free(pen.cut);
	free(pen.dx);
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
