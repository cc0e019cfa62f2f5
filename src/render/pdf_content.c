/*
 * pdf_content.c - the lexer of PDF page content streams (pdf_content.h).
 *
 * Bytes in, tokens out with their byte ranges: nothing is decoded or
 * copied, and every read is checked against the end of the data.  The one
 * place that needs judgment is an inline image, whose binary data may hold
 * the bytes "EI": its end is the first "EI" between white space (or at
 * the end of the data) that is followed by what a content stream can hold
 * (printable text), unless the image's dictionary gives its length
 * (/L or /Length, PDF 2.0), which is then trusted when an "EI" is there.
 */
#include <stdlib.h>
#include <string.h>

#include "render/pdf_content.h"

/* Bytes looked at after a candidate "EI" of an inline image. */
#define EI_LOOKAHEAD 16
/* Tokens of an inline image's dictionary, at most. */
#define BI_MAX_TOKENS 256

static int is_space(uint8_t c)
{
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' ||
	       c == ' ';
}

static int is_delim(uint8_t c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' ||
	       c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
}

static int is_regular(uint8_t c)
{
	return !is_space(c) && !is_delim(c);
}

void lt_pdf_lexer_init(lt_pdf_lexer *lx, const void *data, size_t len)
{
	lx->data = data;
	lx->len = data ? len : 0;
	lx->pos = 0;
	lx->in_image = 0;
}

int lt_pdf_token_is(const lt_pdf_lexer *lx, const lt_pdf_token *t,
		    const char *op)
{
	size_t n = strlen(op);

	return t->kind == LT_PDF_TOK_OPERATOR && t->end - t->start == n &&
	       !memcmp(lx->data + t->start, op, n);
}

/* The value of the regular-character run [s, e) when it is a number
 * (digits with at most one point and an optional sign): 1, else 0. */
static int parse_number(const uint8_t *s, const uint8_t *e, double *out)
{
	double v = 0, scale = 1;
	int neg = 0, point = 0, digits = 0;

	if (s < e && (*s == '+' || *s == '-'))
		neg = *s++ == '-';
	for (; s < e; s++) {
		if (*s >= '0' && *s <= '9') {
			digits++;
			if (point)
				scale /= 10;
			v = v * 10 + (*s - '0');
		} else if (*s == '.' && !point) {
			point = 1;
		} else {
			return 0;
		}
	}
	if (!digits)
		return 0;
	*out = (neg ? -v : v) * scale;
	return 1;
}

/* The end of a literal string opened at `pos` (just past its ')'), or 0
 * when it is not closed. */
static size_t string_end(const uint8_t *d, size_t len, size_t pos)
{
	size_t depth = 0, i;

	for (i = pos; i < len; i++) {
		if (d[i] == '\\') {
			i++; /* the escaped byte, whatever it is */
		} else if (d[i] == '(') {
			depth++;
		} else if (d[i] == ')') {
			if (--depth == 0)
				return i + 1;
		}
	}
	return 0;
}

/* 1 when the bytes from `at` (up to EI_LOOKAHEAD of them) are what a
 * content stream holds after an inline image: printable text. */
static int looks_like_content(const uint8_t *d, size_t len, size_t at)
{
	size_t i;

	for (i = at; i < len && i < at + EI_LOOKAHEAD; i++)
		if (!(d[i] >= 0x20 && d[i] < 0x7f) && !is_space(d[i]))
			return 0;
	return 1;
}

/* 1 when an "EI" ending an inline image starts at `i`. */
static int ei_at(const uint8_t *d, size_t len, size_t i)
{
	return i + 2 <= len && d[i] == 'E' && d[i + 1] == 'I' &&
	       (i + 2 == len || is_space(d[i + 2]) || is_delim(d[i + 2])) &&
	       looks_like_content(d, len, i + 2);
}

/*
 * The rest of an inline image whose "BI" ended at lx->pos: its dictionary
 * up to "ID", one white-space byte, the data, "EI".  Returns the end of
 * "EI", or 0 when the image is not closed.
 */
static size_t inline_image_end(lt_pdf_lexer *lx)
{
	const uint8_t *d = lx->data;
	lt_pdf_token t;
	size_t start, i, known = (size_t)-1;
	int n, length_key = 0;

	for (n = 0; n < BI_MAX_TOKENS; n++) {
		lt_pdf_tok_kind k = lt_pdf_lex_next(lx, &t);

		if (k == LT_PDF_TOK_END || k == LT_PDF_TOK_ERROR ||
		    k == LT_PDF_TOK_INLINE_IMAGE)
			return 0;
		if (lt_pdf_token_is(lx, &t, "ID"))
			break;
		if (k == LT_PDF_TOK_NUMBER && length_key && t.number >= 0 &&
		    t.number < (double)lx->len)
			known = (size_t)t.number;
		length_key = k == LT_PDF_TOK_NAME &&
			     ((t.end - t.start == 2 && d[t.start + 1] == 'L') ||
			      (t.end - t.start == 7 &&
			       !memcmp(d + t.start, "/Length", 7)));
	}
	if (n == BI_MAX_TOKENS)
		return 0;
	/* one white-space byte ends "ID"; the data follow */
	start = t.end + (t.end < lx->len && is_space(d[t.end]));
	if (known != (size_t)-1 && known <= lx->len - start) {
		for (i = start + known; i < lx->len && i < start + known + 4 &&
		     is_space(d[i]); i++)
			;
		if (i + 2 <= lx->len && d[i] == 'E' && d[i + 1] == 'I')
			return i + 2;
	}
	for (i = start; i + 2 <= lx->len; i++)
		if ((i == start || is_space(d[i - 1])) && ei_at(d, lx->len, i))
			return i + 2;
	return 0;
}

lt_pdf_tok_kind lt_pdf_lex_next(lt_pdf_lexer *lx, lt_pdf_token *t)
{
	const uint8_t *d = lx->data;
	size_t len = lx->len, p = lx->pos, e;

	while (p < len && is_space(d[p]))
		p++;
	t->start = p;
	t->number = 0;
	if (p >= len) {
		lx->pos = len;
		t->end = len;
		return t->kind = LT_PDF_TOK_END;
	}
	switch (d[p]) {
	case '%':
		for (e = p; e < len && d[e] != '\n' && d[e] != '\r'; e++)
			;
		t->kind = LT_PDF_TOK_COMMENT;
		break;
	case '(':
		e = string_end(d, len, p);
		t->kind = e ? LT_PDF_TOK_STRING : LT_PDF_TOK_ERROR;
		if (!e)
			e = len;
		break;
	case '<':
		if (p + 1 < len && d[p + 1] == '<') {
			e = p + 2;
			t->kind = LT_PDF_TOK_DICT_OPEN;
			break;
		}
		for (e = p + 1; e < len && d[e] != '>'; e++)
			;
		t->kind = e < len ? LT_PDF_TOK_HEX : LT_PDF_TOK_ERROR;
		e = e < len ? e + 1 : len;
		break;
	case '>':
		if (p + 1 < len && d[p + 1] == '>') {
			e = p + 2;
			t->kind = LT_PDF_TOK_DICT_CLOSE;
		} else {
			e = p + 1;
			t->kind = LT_PDF_TOK_ERROR;
		}
		break;
	case '[':
		e = p + 1;
		t->kind = LT_PDF_TOK_ARRAY_OPEN;
		break;
	case ']':
		e = p + 1;
		t->kind = LT_PDF_TOK_ARRAY_CLOSE;
		break;
	case ')':
		e = p + 1;
		t->kind = LT_PDF_TOK_ERROR;
		break;
	case '{':
	case '}':
		e = p + 1;
		t->kind = LT_PDF_TOK_OPERATOR;
		break;
	case '/':
		for (e = p + 1; e < len && is_regular(d[e]); e++)
			;
		t->kind = LT_PDF_TOK_NAME;
		break;
	default:
		for (e = p; e < len && is_regular(d[e]); e++)
			;
		t->kind = parse_number(d + p, d + e, &t->number)
			? LT_PDF_TOK_NUMBER : LT_PDF_TOK_OPERATOR;
		break;
	}
	t->end = e;
	lx->pos = e;
	if (t->kind == LT_PDF_TOK_OPERATOR && e - p == 2 && d[p] == 'B' &&
	    d[p + 1] == 'I') {
		size_t end = 0;

		/* "BI" inside an image's dictionary: not nested, an error */
		if (!lx->in_image) {
			lx->in_image = 1;
			end = inline_image_end(lx);
			lx->in_image = 0;
		}

		t->kind = end ? LT_PDF_TOK_INLINE_IMAGE : LT_PDF_TOK_ERROR;
		t->end = end ? end : len;
		lx->pos = t->end;
	}
	return t->kind;
}
