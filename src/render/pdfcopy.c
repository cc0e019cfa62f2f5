/*
 * pdfcopy.c - own-look PDF copies: plan the layout marks of a registered
 * PDF from its page content streams, and write a copy with them
 * (pdfcopy.h).
 *
 * Flow: the original's bytes --qpdf--> pages, each page's content (its
 * streams joined) --lexer (pdf_content.h) + graphics and text state-->
 * the baseline of every text-showing operator --grouped by baseline-->
 * lines, every other one a data line (one or two layout slots).  Writing a
 * copy copies each page's content byte for byte, putting "r Ts" (and
 * "[k] TJ") before each of a data line's shows and the rise it had (and
 * "[-k] TJ") after it, and has qpdf write the
 * file again with that content as the page's one stream.  Nothing else of
 * the file is changed: streams are written with their own filters
 * (decode level none), objects as they were.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qpdf/qpdf-c.h>

#include "base/array.h"
#include "leaktrace/error.h"
#include "leaktrace/pdfcopy.h"
#include "render/pdf_content.h"
#include "render/pdfcopy_internal.h"

/* Shows whose baselines are this close (points) are one line. */
#define LINE_TOLERANCE 1.0
/* Nested q of the graphics state tracked (deeper ones are counted). */
#define GS_DEPTH 64
/* Parents walked up for an inherited page attribute. */
#define TREE_DEPTH 32
#define MAX_PAGES 10000

/* An affine matrix [a b c d e f] of PDF (row vectors: x' = x a + y c + e). */
typedef struct matrix {
	double a, b, c, d, e, f;
} matrix;

static const matrix identity = {1, 0, 0, 1, 0, 0};

/* One text-showing operator with its operands: bytes [start, end) of the
 * page's content, the rise in force, the vertical scale of its text space
 * on the page, the page distance of one unit of a TJ adjustment (0: not
 * known), whether it moves to the next line first (' and "), its baseline
 * (page space, up) and its line. */
typedef struct show {
	size_t start, end;
	double rise, scale, xunit, baseline;
	int next_line;
	size_t line;
} show;

typedef struct page_plan {
	unsigned char *content; /* the page's content streams, joined */
	size_t len;
	qpdf_oh page, stream;   /* stream: the copy's content (0: unchanged) */
	double top;             /* top of the crop box */
	show *shows;
	size_t nshows, cap;
	size_t slots;
} page_plan;

/* A JPEG image XObject of the original: its stream, its bytes as stored
 * and the first page that shows it. */
typedef struct pdf_figure {
	qpdf_oh stream;
	int object;
	unsigned char *jpeg;
	size_t len, page;
} pdf_figure;

struct lt_pdf_plan {
	qpdf_data q;
	char *bytes; /* the original, which qpdf reads in place */
	size_t len;
	page_plan *pages;
	size_t npages;
	lt_pdf_line *lines;
	size_t nlines, nslots;
	lt_buf work; /* one page's content being written */
	qpdf_oh null; /* PDF null, for "no filter" */
	pdf_figure *figures; /* JPEG image XObjects (pdfcopy.h) */
	size_t nfigures, figcap;
};

/* ---------------------------------------------------------------------
 * Content streams: where each text line is
 * ------------------------------------------------------------------- */

/* x * y: first x, then y. */
static matrix mul(matrix x, matrix y)
{
	matrix r;

	r.a = x.a * y.a + x.b * y.c;
	r.b = x.a * y.b + x.b * y.d;
	r.c = x.c * y.a + x.d * y.c;
	r.d = x.c * y.b + x.d * y.d;
	r.e = x.e * y.a + x.f * y.c + y.e;
	r.f = x.e * y.b + x.f * y.d + y.f;
	return r;
}

/* The graphics state that locating text needs. */
typedef struct gstate {
	matrix ctm;
	double leading, rise, size, hscale; /* TL, Ts, Tf's size, Tz / 100 */
} gstate;

/* The operands since the last operator (the last 6 kept). */
typedef struct operands {
	double v[6];
	int number[6];
	size_t n;     /* operands seen (may exceed 6) */
	size_t start; /* first one's byte, or (size_t)-1 */
} operands;

static void operand_push(operands *o, const lt_pdf_token *t)
{
	size_t i;

	if (o->start == (size_t)-1)
		o->start = t->start;
	for (i = 1; i < 6; i++) {
		o->v[i - 1] = o->v[i];
		o->number[i - 1] = o->number[i];
	}
	o->v[5] = t->number;
	o->number[5] = t->kind == LT_PDF_TOK_NUMBER;
	o->n++;
}

/* The last `k` operands (k <= 6) when they are all numbers: 1, else 0. */
static int numbers(const operands *o, size_t k, double *out)
{
	size_t i;

	if (o->n < k)
		return 0;
	for (i = 0; i < k; i++) {
		if (!o->number[6 - k + i])
			return 0;
		out[i] = o->v[6 - k + i];
	}
	return 1;
}

static void move_line(matrix *tm, matrix *tlm, double tx, double ty)
{
	tlm->e += tx * tlm->a + ty * tlm->c;
	tlm->f += tx * tlm->b + ty * tlm->d;
	*tm = *tlm;
}

/* Record a show at bytes [start, end) when its text is upright on the
 * page (any other carries no mark). */
static int add_show(page_plan *pg, size_t start, size_t end, matrix tm,
		    const gstate *gs, int next_line)
{
	matrix m = mul(tm, gs->ctm);
	show *s;

	/* upright, of a sane scale: the numbers written stay small */
	if (!(m.a > 0 && m.d > 1e-6 && m.d < 1e6 && fabs(m.b) <= 1e-4 * m.a &&
	      fabs(m.c) <= 1e-4 * m.d) || !(fabs(m.f) < 1e7) ||
	    !(fabs(gs->rise) < 1e6))
		return LT_OK;
	if (LT_ARRAY_GROW(pg->shows, pg->cap, pg->nshows + 1))
		return LT_ENOMEM;
	s = &pg->shows[pg->nshows++];
	s->start = start;
	s->end = end;
	s->rise = gs->rise;
	s->scale = m.d;
	s->xunit = gs->size * gs->hscale * m.a / 1000;
	if (!(fabs(s->xunit) > 1e-6 && fabs(s->xunit) < 1e6))
		s->xunit = 0;
	s->next_line = next_line;
	s->baseline = m.f + gs->rise * m.d;
	s->line = 0;
	return LT_OK;
}

/*
 * Find the shows of one page's content.  Content the lexer cannot read
 * (an unterminated string, a stray byte) leaves the page without shows:
 * it is copied as it is, unmarked.
 */
static int parse_page(page_plan *pg)
{
	gstate stack[GS_DEPTH], gs = {identity, 0, 0, 0, 1};
	matrix tm = identity, tlm = identity;
	operands o = {{0}, {0}, 0, (size_t)-1};
	lt_pdf_lexer lx;
	lt_pdf_token t;
	size_t depth = 0;
	int nest = 0, rc = LT_OK;
	double x[6];

	lt_pdf_lexer_init(&lx, pg->content, pg->len);
	for (;;) {
		lt_pdf_tok_kind k = lt_pdf_lex_next(&lx, &t);

		if (k == LT_PDF_TOK_END)
			break;
		if (k == LT_PDF_TOK_ERROR) {
			pg->nshows = 0;
			return LT_OK;
		}
		if (k == LT_PDF_TOK_COMMENT)
			continue;
		if (k == LT_PDF_TOK_ARRAY_OPEN || k == LT_PDF_TOK_DICT_OPEN) {
			if (nest++ == 0)
				operand_push(&o, &t);
			continue;
		}
		if (k == LT_PDF_TOK_ARRAY_CLOSE || k == LT_PDF_TOK_DICT_CLOSE) {
			if (nest > 0)
				nest--;
			continue;
		}
		if (nest > 0)
			continue; /* inside an operand */
		if (k != LT_PDF_TOK_OPERATOR && k != LT_PDF_TOK_INLINE_IMAGE) {
			operand_push(&o, &t);
			continue;
		}
		if (lt_pdf_token_is(&lx, &t, "q")) {
			if (depth < GS_DEPTH)
				stack[depth] = gs;
			depth++;
		} else if (lt_pdf_token_is(&lx, &t, "Q")) {
			if (depth > 0 && --depth < GS_DEPTH)
				gs = stack[depth];
		} else if (lt_pdf_token_is(&lx, &t, "cm") && numbers(&o, 6, x)) {
			matrix m = {x[0], x[1], x[2], x[3], x[4], x[5]};

			gs.ctm = mul(m, gs.ctm);
		} else if (lt_pdf_token_is(&lx, &t, "BT")) {
			tm = tlm = identity;
		} else if (lt_pdf_token_is(&lx, &t, "Tm") && numbers(&o, 6, x)) {
			matrix m = {x[0], x[1], x[2], x[3], x[4], x[5]};

			tm = tlm = m;
		} else if (lt_pdf_token_is(&lx, &t, "Td") && numbers(&o, 2, x)) {
			move_line(&tm, &tlm, x[0], x[1]);
		} else if (lt_pdf_token_is(&lx, &t, "TD") && numbers(&o, 2, x)) {
			gs.leading = -x[1];
			move_line(&tm, &tlm, x[0], x[1]);
		} else if (lt_pdf_token_is(&lx, &t, "T*")) {
			move_line(&tm, &tlm, 0, -gs.leading);
		} else if (lt_pdf_token_is(&lx, &t, "TL") && numbers(&o, 1, x)) {
			gs.leading = x[0];
		} else if (lt_pdf_token_is(&lx, &t, "Ts") && numbers(&o, 1, x)) {
			gs.rise = x[0];
		} else if (lt_pdf_token_is(&lx, &t, "Tz") && numbers(&o, 1, x)) {
			gs.hscale = x[0] / 100;
		} else if (lt_pdf_token_is(&lx, &t, "Tf") && numbers(&o, 1, x)) {
			gs.size = x[0];
		} else if (lt_pdf_token_is(&lx, &t, "Tj") ||
			   lt_pdf_token_is(&lx, &t, "TJ")) {
			rc = add_show(pg, o.start == (size_t)-1 ? t.start : o.start,
				      t.end, tm, &gs, 0);
		} else if (lt_pdf_token_is(&lx, &t, "'") ||
			   lt_pdf_token_is(&lx, &t, "\"")) {
			move_line(&tm, &tlm, 0, -gs.leading);
			rc = add_show(pg, o.start == (size_t)-1 ? t.start : o.start,
				      t.end, tm, &gs, 1);
		}
		if (rc)
			return rc;
		o.n = 0;
		o.start = (size_t)-1;
	}
	return LT_OK;
}

/* ---------------------------------------------------------------------
 * The plan
 * ------------------------------------------------------------------- */

/* The message of qpdf's last error, for `name`. */
static int qpdf_failed(qpdf_data q, const char *name, const char *what)
{
	const char *why = "unknown error";

	if (qpdf_has_error(q))
		why = qpdf_get_error_full_text(q, qpdf_get_error(q));
	return lt_error_set(LT_EINPUT, "%s: %s: %s", name, what, why);
}

/* The value of page attribute `key`, from the page or the nearest of its
 * parents that has it: 1, else 0. */
static int inherited(qpdf_data q, qpdf_oh page, const char *key,
		     qpdf_oh *out)
{
	qpdf_oh node = page;
	int i;

	for (i = 0; i < TREE_DEPTH; i++) {
		if (!qpdf_oh_is_dictionary(q, node))
			return 0;
		if (qpdf_oh_has_key(q, node, key)) {
			*out = qpdf_oh_get_key(q, node, key);
			return 1;
		}
		if (!qpdf_oh_has_key(q, node, "/Parent"))
			return 0;
		node = qpdf_oh_get_key(q, node, "/Parent");
	}
	return 0;
}

/* The top (largest y) of the page's box `key`: 1, else 0. */
static int box_top(qpdf_data q, qpdf_oh page, const char *key, double *top)
{
	qpdf_oh box, y1, y2;

	if (!inherited(q, page, key, &box) || !qpdf_oh_is_array(q, box) ||
	    qpdf_oh_get_array_n_items(q, box) != 4)
		return 0;
	y1 = qpdf_oh_get_array_item(q, box, 1);
	y2 = qpdf_oh_get_array_item(q, box, 3);
	if (!qpdf_oh_is_number(q, y1) || !qpdf_oh_is_number(q, y2))
		return 0;
	*top = fmax(qpdf_oh_get_numeric_value(q, y1),
		    qpdf_oh_get_numeric_value(q, y2));
	return 1;
}

/* Whether a page is turned by /Rotate (its lines are then not marked). */
static int rotated(qpdf_data q, qpdf_oh page)
{
	qpdf_oh r;

	return inherited(q, page, "/Rotate", &r) && qpdf_oh_is_number(q, r) &&
	       ((int)qpdf_oh_get_numeric_value(q, r)) % 360 != 0;
}

static int cmp_baseline_desc(const void *a, const void *b)
{
	const show *x = *(const show *const *)a, *y = *(const show *const *)b;

	if (x->baseline != y->baseline)
		return x->baseline > y->baseline ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Group one page's shows into lines, top to bottom, and give its data
 * lines their slots. */
static int plan_lines(lt_pdf_plan *p, page_plan *pg, uint32_t page,
		      size_t *cap)
{
	show **order;
	size_t i, first = p->nlines, n;
	double head = 0;

	if (pg->nshows == 0)
		return LT_OK;
	if (!(order = malloc(pg->nshows * sizeof(*order))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	for (i = 0; i < pg->nshows; i++)
		order[i] = &pg->shows[i];
	qsort(order, pg->nshows, sizeof(*order), cmp_baseline_desc);
	for (i = 0; i < pg->nshows; i++) {
		if (i == 0 || head - order[i]->baseline > LINE_TOLERANCE) {
			if (LT_ARRAY_GROW(p->lines, *cap, p->nlines + 1)) {
				free(order);
				return LT_ENOMEM;
			}
			head = order[i]->baseline;
			p->lines[p->nlines++] = (lt_pdf_line){page,
							      pg->top - head, -1,
							      -1};
		}
		order[i]->line = p->nlines - 1;
	}
	free(order);
	/* every other line with a neighbour above and below: moved up or
	 * down, and left or right when each of its shows can be */
	n = p->nlines - first;
	for (i = 1; i + 1 < n; i += 2) {
		lt_pdf_line *ln = &p->lines[first + i];
		size_t k;
		int across = 1;

		ln->slot = (int32_t)p->nslots++;
		pg->slots++;
		for (k = 0; k < pg->nshows && across; k++)
			if (pg->shows[k].line == first + i)
				across = pg->shows[k].xunit != 0 &&
					 !pg->shows[k].next_line;
		if (across) {
			ln->hslot = (int32_t)p->nslots++;
			pg->slots++;
		}
	}
	return LT_OK;
}

void lt_pdf_plan_free(lt_pdf_plan *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->npages; i++) {
		free(p->pages[i].content);
		free(p->pages[i].shows);
	}
	free(p->pages);
	free(p->lines);
	for (i = 0; i < p->nfigures; i++)
		free(p->figures[i].jpeg);
	free(p->figures);
	lt_buf_free(&p->work);
	if (p->q)
		qpdf_cleanup(&p->q);
	free(p->bytes);
	free(p);
}

/* Read one page: its content, box and shows; its content becomes a stream
 * of its own when it has a slot. */
static int plan_page(lt_pdf_plan *p, size_t i, size_t *cap)
{
	page_plan *pg = &p->pages[i];
	qpdf_data q = p->q;
	unsigned char *buf = NULL;
	size_t len = 0;
	int rc;

	pg->page = qpdf_get_page_n(q, i);
	if (qpdf_has_error(q) || !qpdf_oh_is_dictionary(q, pg->page))
		return qpdf_failed(q, "input", "a page cannot be read");
	if (rotated(q, pg->page) ||
	    (!box_top(q, pg->page, "/CropBox", &pg->top) &&
	     !box_top(q, pg->page, "/MediaBox", &pg->top)))
		return LT_OK;
	if (qpdf_oh_get_page_content_data(q, pg->page, &buf, &len) &
	    QPDF_ERRORS) {
		/* content qpdf cannot decode: the page stays unmarked */
		(void)qpdf_get_error(q);
		free(buf);
		return LT_OK;
	}
	pg->content = buf;
	pg->len = len;
	if ((rc = parse_page(pg)) ||
	    (rc = plan_lines(p, pg, (uint32_t)i, cap)))
		return rc;
	if (pg->slots == 0)
		return LT_OK;
	pg->stream = qpdf_oh_new_stream(q);
	qpdf_oh_replace_stream_data(q, pg->stream, pg->content, pg->len,
				    p->null, p->null);
	qpdf_oh_replace_key(q, pg->page, "/Contents", pg->stream);
	if (qpdf_has_error(q))
		return qpdf_failed(q, "input", "a page cannot be rewritten");
	return LT_OK;
}

/* Most image XObjects of one page looked at, and the largest JPEG taken
 * as a figure. */
#define MAX_PAGE_IMAGES 256
#define MAX_FIGURE_BYTES (32u << 20)

/* Whether `key` of dictionary `d` is the name `name`, or an array of just
 * that name. */
static int name_is(qpdf_data q, qpdf_oh d, const char *key, const char *name)
{
	qpdf_oh v = qpdf_oh_get_key(q, d, key);

	if (qpdf_oh_is_array(q, v) && qpdf_oh_get_array_n_items(q, v) == 1)
		v = qpdf_oh_get_array_item(q, v, 0);
	return qpdf_oh_is_name_and_equals(q, v, name);
}

/*
 * Whether the stream `x` is a figure the marks can be written into: an
 * image, DCTDecode alone, 8 bits of DeviceRGB or DeviceGray, no mask, soft
 * mask, decode array or image mask that would change how its pixels show.
 */
static int jpeg_figure(qpdf_data q, qpdf_oh x)
{
	qpdf_oh d, bpc;

	if (!qpdf_oh_is_stream(q, x))
		return 0;
	d = qpdf_oh_get_dict(q, x);
	bpc = qpdf_oh_get_key(q, d, "/BitsPerComponent");
	return name_is(q, d, "/Subtype", "/Image") &&
	       name_is(q, d, "/Filter", "/DCTDecode") &&
	       (name_is(q, d, "/ColorSpace", "/DeviceRGB") ||
		name_is(q, d, "/ColorSpace", "/DeviceGray")) &&
	       qpdf_oh_is_integer(q, bpc) &&
	       qpdf_oh_get_int_value_as_int(q, bpc) == 8 &&
	       !qpdf_oh_has_key(q, d, "/SMask") &&
	       !qpdf_oh_has_key(q, d, "/Mask") &&
	       !qpdf_oh_has_key(q, d, "/Decode") &&
	       !qpdf_oh_has_key(q, d, "/SMaskInData") &&
	       !(qpdf_oh_has_key(q, d, "/ImageMask") &&
		 qpdf_oh_get_bool_value(q, qpdf_oh_get_key(q, d, "/ImageMask")));
}

/* The JPEG image XObjects page `i` draws from its resources (each once
 * for the whole document, in order of pages and names). */
static int page_figures(lt_pdf_plan *p, size_t i)
{
	qpdf_data q = p->q;
	qpdf_oh res, xo, keys[MAX_PAGE_IMAGES];
	size_t nkeys = 0, k, j;
	int rc;

	if (!inherited(q, p->pages[i].page, "/Resources", &res) ||
	    !qpdf_oh_is_dictionary(q, res) ||
	    !qpdf_oh_is_dictionary(q, xo = qpdf_oh_get_key(q, res, "/XObject")))
		return LT_OK;
	/* the names first: a key walk cannot nest */
	qpdf_oh_begin_dict_key_iter(q, xo);
	while (qpdf_oh_dict_more_keys(q) && nkeys < MAX_PAGE_IMAGES) {
		const char *key = qpdf_oh_dict_next_key(q);

		keys[nkeys++] = qpdf_oh_get_key(q, xo, key);
	}
	for (k = 0; k < nkeys; k++) {
		pdf_figure *f;
		unsigned char *buf = NULL;
		size_t len = 0;
		int object = qpdf_oh_get_object_id(q, keys[k]);

		if (!object || !jpeg_figure(q, keys[k]))
			continue;
		for (j = 0; j < p->nfigures; j++)
			if (p->figures[j].object == object)
				break;
		if (j < p->nfigures)
			continue;
		if (qpdf_oh_get_stream_data(q, keys[k], qpdf_dl_none, NULL, &buf,
					    &len) & QPDF_ERRORS ||
		    len == 0 || len > MAX_FIGURE_BYTES) {
			/* a stream qpdf cannot read stays as it is */
			(void)qpdf_get_error(q);
			free(buf);
			continue;
		}
		if ((rc = LT_ARRAY_GROW(p->figures, p->figcap, p->nfigures + 1))) {
			free(buf);
			return rc;
		}
		f = &p->figures[p->nfigures++];
		f->stream = keys[k];
		f->object = object;
		f->jpeg = buf;
		f->len = len;
		f->page = i;
	}
	return LT_OK;
}

size_t lt_pdf_plan_figures(const lt_pdf_plan *p)
{
	return p->nfigures;
}

const unsigned char *lt_pdf_plan_figure(const lt_pdf_plan *p, size_t k,
					size_t *len, size_t *page)
{
	if (k >= p->nfigures) {
		*len = 0;
		return NULL;
	}
	*len = p->figures[k].len;
	if (page)
		*page = p->figures[k].page;
	return p->figures[k].jpeg;
}

int lt_pdf_plan_set_figure(lt_pdf_plan *p, size_t k, const void *jpeg,
			   size_t len)
{
	qpdf_data q = p->q;
	pdf_figure *f;

	if (k >= p->nfigures)
		return lt_error_set(LT_EUSAGE, "no figure %zu in the PDF", k);
	f = &p->figures[k];
	if (!jpeg) {
		jpeg = f->jpeg;
		len = f->len;
	}
	qpdf_oh_replace_stream_data(q, f->stream, jpeg, len,
				    qpdf_oh_new_name(q, "/DCTDecode"), p->null);
	if (qpdf_has_error(q))
		return qpdf_failed(q, "copy", "a figure cannot be replaced");
	return LT_OK;
}

int lt_pdf_plan_new(lt_pdf_plan **out, const void *data, size_t len,
		    const char *name)
{
	lt_pdf_plan *p;
	size_t i, cap = 0;
	int n, rc = LT_OK;

	*out = NULL;
	if (!name)
		name = "input";
	if (!(p = calloc(1, sizeof(*p))) || !(p->bytes = malloc(len + 1))) {
		free(p);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	if (len)
		memcpy(p->bytes, data, len);
	p->len = len;
	if (!(p->q = qpdf_init())) {
		lt_pdf_plan_free(p);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	qpdf_silence_errors(p->q);
	qpdf_set_suppress_warnings(p->q, QPDF_TRUE);
	/* a damaged file is refused, not repaired behind the author's back */
	qpdf_set_attempt_recovery(p->q, QPDF_FALSE);
	if (qpdf_read_memory(p->q, name, p->bytes, len, "") & QPDF_ERRORS) {
		rc = qpdf_failed(p->q, name, "not a well-formed PDF (damaged or "
				 "truncated; a repaired file, such as `qpdf` "
				 "writes, can be registered)");
		goto out;
	}
	if (qpdf_is_encrypted(p->q)) {
		rc = lt_error_set(LT_EINPUT, "%s: the PDF is encrypted: register "
				  "a copy without encryption", name);
		goto out;
	}
	n = qpdf_get_num_pages(p->q);
	if (n < 0 || qpdf_has_error(p->q)) {
		rc = qpdf_failed(p->q, name, "its pages cannot be read");
		goto out;
	}
	if (n == 0 || n > MAX_PAGES) {
		rc = lt_error_set(LT_EINPUT, "%s: the PDF has %d pages (1 to %d "
				  "are taken)", name, n, MAX_PAGES);
		goto out;
	}
	if (!(p->pages = calloc((size_t)n, sizeof(*p->pages)))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	p->npages = (size_t)n;
	p->null = qpdf_oh_new_null(p->q);
	for (i = 0; i < p->npages; i++)
		if ((rc = plan_page(p, i, &cap)) ||
		    (rc = page_figures(p, i))) {
			if (rc == LT_EINPUT)
				rc = lt_error_set(rc, "%s: page %zu: %s", name,
						  i + 1, lt_error_message());
			goto out;
		}
out:
	if (rc) {
		lt_pdf_plan_free(p);
		return rc;
	}
	*out = p;
	return LT_OK;
}

size_t lt_pdf_plan_pages(const lt_pdf_plan *p)
{
	return p->npages;
}

size_t lt_pdf_plan_slots(const lt_pdf_plan *p)
{
	return p->nslots;
}

size_t lt_pdf_plan_page_slots(const lt_pdf_plan *p, size_t page)
{
	return page < p->npages ? p->pages[page].slots : 0;
}

const lt_pdf_line *lt_pdf_plan_lines(const lt_pdf_plan *p, size_t *n)
{
	*n = p->nlines;
	return p->lines;
}

const void *lt_pdf_plan_bytes(const lt_pdf_plan *p, size_t *len)
{
	*len = p->len;
	return p->bytes;
}

/* ---------------------------------------------------------------------
 * Writing a copy
 * ------------------------------------------------------------------- */

/* Append "\nV Ts\n": PDF numbers have no exponent, so V is written in
 * fixed point, to 1e-10, without trailing zeros. */
static int put_rise(lt_buf *b, double v)
{
	char num[64];
	size_t n;

	snprintf(num, sizeof(num), "%.10f", v);
	n = strlen(num);
	while (n > 1 && num[n - 1] == '0')
		n--;
	if (n > 1 && num[n - 1] == '.')
		n--;
	num[n] = '\0';
	if (!strcmp(num, "-0"))
		strcpy(num, "0");
	return lt_buf_printf(b, "\n%s Ts\n", num);
}

/* The content of one page of the copy into `b`: the original's bytes
 * with each data line's shows raised or lowered. */
static int page_content(lt_buf *b, const lt_pdf_plan *p,
			const page_plan *pg, const uint8_t *sym)
{
	size_t i, at = 0;
	int rc = LT_OK;

	lt_buf_clear(b);
	for (i = 0; i < pg->nshows && rc == LT_OK; i++) {
		const show *s = &pg->shows[i];
		const lt_pdf_line *ln = &p->lines[s->line];
		double shift, across = 0;

		if (ln->slot < 0)
			continue;
		shift = sym[ln->slot] ? LT_PDF_LINE_SHIFT : -LT_PDF_LINE_SHIFT;
		if (ln->hslot >= 0)
			/* a TJ adjustment of -k moves what follows k units on */
			across = -(sym[ln->hslot] ? LT_PDF_LINE_ACROSS
				   : -LT_PDF_LINE_ACROSS) / s->xunit;
		if ((rc = lt_buf_append(b, pg->content + at, s->start - at)) ||
		    (rc = put_rise(b, s->rise + shift / s->scale)) ||
		    (across && (rc = lt_buf_printf(b, "[%.4f] TJ\n", across))) ||
		    (rc = lt_buf_append(b, pg->content + s->start,
					s->end - s->start)) ||
		    (across && (rc = lt_buf_printf(b, "\n[%.4f] TJ", -across))) ||
		    (rc = put_rise(b, s->rise)))
			break;
		at = s->end;
	}
	if (rc == LT_OK)
		rc = lt_buf_append(b, pg->content + at, pg->len - at);
	return rc;
}

int lt_pdf_copy_write(lt_buf *out, lt_pdf_plan *p, const uint8_t *sym)
{
	qpdf_data q = p->q;
	size_t i;
	int rc;

	for (i = 0; i < p->npages; i++) {
		page_plan *pg = &p->pages[i];

		if (!pg->slots)
			continue;
		if ((rc = page_content(&p->work, p, pg, sym)))
			return rc;
		qpdf_oh_replace_stream_data(q, pg->stream,
					    (const unsigned char *)p->work.data,
					    p->work.len, p->null, p->null);
	}
	if (qpdf_init_write_memory(q) & QPDF_ERRORS)
		return qpdf_failed(q, "copy", "cannot be written");
	/* every stream as it is (the new contents compressed), the same
	 * bytes for the same symbols */
	qpdf_set_decode_level(q, qpdf_dl_none);
	qpdf_set_compress_streams(q, QPDF_TRUE);
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	if (qpdf_write(q) & QPDF_ERRORS)
		return qpdf_failed(q, "copy", "cannot be written");
	lt_buf_clear(out);
	return lt_buf_append(out, qpdf_get_buffer(q),
			     qpdf_get_buffer_length(q));
}
