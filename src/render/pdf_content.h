/*
 * pdf_content.h - a lexer for PDF page content streams (ISO 32000-1,
 * 7.2 and 8.9.7), for the own-look PDF copies (pdfcopy.h).
 *
 * A content stream is a sequence of operands (numbers, names, strings,
 * arrays, dictionaries) each group closed by an operator.  The lexer
 * returns one token at a time with its byte range, so that a rewriter can
 * copy every byte it does not change.  An inline image (BI ... ID
 * <binary> EI) is returned whole as one token: its binary data is never
 * read as tokens.  Strings are delimited (nested and escaped parentheses,
 * hex strings) but not decoded.  Hostile input never makes it read out of
 * bounds: a token left open at the end of the data is an error token.
 */
#ifndef LT_RENDER_PDF_CONTENT_H
#define LT_RENDER_PDF_CONTENT_H

#include <stddef.h>
#include <stdint.h>

typedef enum lt_pdf_tok_kind {
	LT_PDF_TOK_END = 0,      /* no more data */
	LT_PDF_TOK_NUMBER,       /* 12, -3.5, .5 (value in `number`) */
	LT_PDF_TOK_NAME,         /* /Name */
	LT_PDF_TOK_STRING,       /* (literal), nested and escaped */
	LT_PDF_TOK_HEX,          /* <hex> */
	LT_PDF_TOK_ARRAY_OPEN,   /* [ */
	LT_PDF_TOK_ARRAY_CLOSE,  /* ] */
	LT_PDF_TOK_DICT_OPEN,    /* << */
	LT_PDF_TOK_DICT_CLOSE,   /* >> */
	LT_PDF_TOK_OPERATOR,     /* a keyword: Tj, cm, q, true, null, ... */
	LT_PDF_TOK_COMMENT,      /* % to the end of the line */
	LT_PDF_TOK_INLINE_IMAGE, /* BI ... ID data EI, whole */
	LT_PDF_TOK_ERROR         /* unterminated string, stray byte, ... */
} lt_pdf_tok_kind;

typedef struct lt_pdf_token {
	lt_pdf_tok_kind kind;
	size_t start, end; /* bytes [start, end) of the data */
	double number;     /* LT_PDF_TOK_NUMBER only */
} lt_pdf_token;

typedef struct lt_pdf_lexer {
	const uint8_t *data;
	size_t len, pos;
	int in_image; /* reading an inline image's dictionary */
} lt_pdf_lexer;

/* Start lexing `len` bytes at `data` (not copied: they must outlive the
 * lexer). */
void lt_pdf_lexer_init(lt_pdf_lexer *lx, const void *data, size_t len);

/*
 * The next token into *t; returns its kind.  After LT_PDF_TOK_ERROR the
 * lexer has moved past the offending byte (or to the end), so a caller
 * may go on; after LT_PDF_TOK_END it stays at the end.
 */
lt_pdf_tok_kind lt_pdf_lex_next(lt_pdf_lexer *lx, lt_pdf_token *t);

/* 1 when token `t` of `lx` is the operator `op`. */
int lt_pdf_token_is(const lt_pdf_lexer *lx, const lt_pdf_token *t,
		    const char *op);

#endif
