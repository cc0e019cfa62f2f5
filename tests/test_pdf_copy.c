/*
 * test_pdf_copy.c - own-look PDF copies (pdfcopy.h, render/pdf_content.h):
 * the content-stream lexer on tricky and hostile streams (strings with
 * escaped and nested parentheses, hex strings, comments, inline images
 * whose data hold "EI"), the plan's lines and slots, a rewrite that keeps
 * every byte but the marks' own operators, and copies of a LibreOffice PDF
 * (tests/data/pdf/report.pdf) whose text layer is the original's, whose
 * lines move by less than 0.3 pt and word gaps not at all between two
 * copies, and whose marks read back exactly; an unmarked original reads
 * no mark; damaged PDFs are refused with a message.
 */
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <qpdf/qpdf-c.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "leaktrace/extract.h"
#include "leaktrace/file.h"
#include "leaktrace/pdfcopy.h"
#include "render/pdf_content.h"

#define REPORT "tests/data/pdf/report.pdf"

/* ---------------------------------------------------------------------
 * Fixtures
 * ------------------------------------------------------------------- */

/* A one-page US Letter PDF (Helvetica as /F1) whose page content is the
 * `len` bytes at `content`. */
static void one_page(lt_buf *out, const char *content, size_t len)
{
	static const char *const obj[] = {
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
		"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		NULL, /* the content stream */
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
		"/Encoding /WinAnsiEncoding >>",
	};
	size_t off[5], i, xref;

	lt_buf_clear(out);
	assert_int_equal(lt_buf_puts(out, "%PDF-1.4\n"), LT_OK);
	for (i = 0; i < 5; i++) {
		off[i] = out->len;
		lt_buf_printf(out, "%zu 0 obj\n", i + 1);
		if (obj[i]) {
			lt_buf_printf(out, "%s\n", obj[i]);
		} else {
			lt_buf_printf(out, "<< /Length %zu >>\nstream\n", len);
			lt_buf_append(out, content, len);
			lt_buf_puts(out, "\nendstream\n");
		}
		lt_buf_puts(out, "endobj\n");
	}
	xref = out->len;
	lt_buf_puts(out, "xref\n0 6\n0000000000 65535 f \n");
	for (i = 0; i < 5; i++)
		lt_buf_printf(out, "%010zu 00000 n \n", off[i]);
	lt_buf_printf(out, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n"
		      "%%%%EOF\n", xref);
}

/* The content of page `page` of a PDF in memory (qpdf), malloc'd. */
static unsigned char *page_content(const lt_buf *pdf, size_t page,
				   size_t *len)
{
	qpdf_data q = qpdf_init();
	unsigned char *buf = NULL;

	qpdf_silence_errors(q);
	assert_false(qpdf_read_memory(q, "t", pdf->data, pdf->len, "") &
		     QPDF_ERRORS);
	assert_false(qpdf_oh_get_page_content_data(q, qpdf_get_page_n(q, page),
						   &buf, len) & QPDF_ERRORS);
	qpdf_cleanup(&q);
	return buf;
}

/* The tokens of `data` as one string, each followed by '|'; tokens of
 * the marks' own operators ("N Ts", "[N] TJ") left out when `strip`. */
static char *token_text(const void *data, size_t len, int strip)
{
	lt_pdf_lexer lx;
	lt_pdf_token t[4];
	lt_buf out = {0};
	size_t n = 0, i;

	lt_pdf_lexer_init(&lx, data, len);
	for (;;) {
		lt_pdf_tok_kind k = lt_pdf_lex_next(&lx, &t[n]);

		assert_int_not_equal(k, LT_PDF_TOK_ERROR);
		if (k == LT_PDF_TOK_END)
			break;
		n++;
		if (strip && n >= 2 && lt_pdf_token_is(&lx, &t[n - 1], "Ts") &&
		    t[n - 2].kind == LT_PDF_TOK_NUMBER) {
			n -= 2;
		} else if (strip && n >= 4 && lt_pdf_token_is(&lx, &t[n - 1], "TJ") &&
			   t[n - 2].kind == LT_PDF_TOK_ARRAY_CLOSE &&
			   t[n - 3].kind == LT_PDF_TOK_NUMBER &&
			   t[n - 4].kind == LT_PDF_TOK_ARRAY_OPEN) {
			n -= 4;
		}
		if (n == 4 || (!strip && n > 0)) {
			lt_buf_append(&out, (const char *)data + t[0].start,
				      t[0].end - t[0].start);
			lt_buf_putc(&out, '|');
			memmove(t, t + 1, (n - 1) * sizeof(*t));
			n--;
		}
	}
	for (i = 0; i < n; i++) {
		lt_buf_append(&out, (const char *)data + t[i].start,
			      t[i].end - t[i].start);
		lt_buf_putc(&out, '|');
	}
	return lt_buf_detach(&out, NULL);
}

/* ---------------------------------------------------------------------
 * The lexer
 * ------------------------------------------------------------------- */

static void test_lexer_strings(void **state)
{
	const char s[] = "(a\\)b(c(d))e\\\\) Tj <48 65\n6C> % a (comment\n"
			 "[(x) -250.5 (y)] TJ /Name-1 +3 -.5 1.2.3";
	char *t = token_text(s, strlen(s), 0);

	(void)state;
	assert_string_equal(t, "(a\\)b(c(d))e\\\\)|Tj|<48 65\n6C>|% a (comment|"
			    "[|(x)|-250.5|(y)|]|TJ|/Name-1|+3|-.5|1.2.3|");
	free(t);
	{
		lt_pdf_lexer lx;
		lt_pdf_token tok;
		const char n[] = "-.5 +3 1.2.3";

		lt_pdf_lexer_init(&lx, n, strlen(n));
		assert_int_equal(lt_pdf_lex_next(&lx, &tok), LT_PDF_TOK_NUMBER);
		assert_true(tok.number == -0.5);
		assert_int_equal(lt_pdf_lex_next(&lx, &tok), LT_PDF_TOK_NUMBER);
		assert_true(tok.number == 3);
		assert_int_equal(lt_pdf_lex_next(&lx, &tok), LT_PDF_TOK_OPERATOR);
		assert_int_equal(lt_pdf_lex_next(&lx, &tok), LT_PDF_TOK_END);
		assert_int_equal(lt_pdf_lex_next(&lx, &tok), LT_PDF_TOK_END);
	}
}

static void test_lexer_inline_image(void **state)
{
	/* "EI" inside the data: followed by binary, or not after a space */
	static const char img[] = "q BI /W 4 /H 2 /BPC 8 /CS /G ID \x01 EI\x02"
				  "\xff" "xEI \x80\x81\x82\x83 EI Q (after) Tj";
	/* the length given (/L): trusted when "EI" is there */
	static const char known[] = "BI /L 6 /W 6 /H 1 ID EI EI EI Q";
	lt_pdf_lexer lx;
	lt_pdf_token t;

	(void)state;
	lt_pdf_lexer_init(&lx, img, sizeof(img) - 1);
	assert_int_equal(lt_pdf_lex_next(&lx, &t), LT_PDF_TOK_OPERATOR);
	assert_int_equal(lt_pdf_lex_next(&lx, &t), LT_PDF_TOK_INLINE_IMAGE);
	assert_int_equal(t.start, 2);
	assert_memory_equal(img + t.end - 4, "\x83 EI", 4);
	assert_int_equal(lt_pdf_lex_next(&lx, &t), LT_PDF_TOK_OPERATOR);
	assert_true(lt_pdf_token_is(&lx, &t, "Q"));
	assert_int_equal(lt_pdf_lex_next(&lx, &t), LT_PDF_TOK_STRING);

	lt_pdf_lexer_init(&lx, known, sizeof(known) - 1);
	assert_int_equal(lt_pdf_lex_next(&lx, &t), LT_PDF_TOK_INLINE_IMAGE);
	assert_int_equal(t.end, strlen("BI /L 6 /W 6 /H 1 ID EI EI EI"));
	assert_int_equal(lt_pdf_lex_next(&lx, &t), LT_PDF_TOK_OPERATOR);
}

static void test_lexer_hostile(void **state)
{
	static const char *const bad[] = {
		"(never closed", "(a(b)", "<4865", ")", ">", "BI /W 1 ID \x01\x02",
		"BI /W BI /H 1 ID x EI", "BI", "(\\",
	};
	uint64_t seed = 0x9e3779b97f4a7c15u;
	unsigned char junk[512];
	lt_pdf_lexer lx;
	lt_pdf_token t;
	size_t i, r, steps;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int err = 0;

		lt_pdf_lexer_init(&lx, bad[i], strlen(bad[i]));
		for (steps = 0; lt_pdf_lex_next(&lx, &t) != LT_PDF_TOK_END &&
		     steps < 100; steps++) {
			err |= t.kind == LT_PDF_TOK_ERROR;
			assert_true(t.end <= strlen(bad[i]));
		}
		assert_true(err);
		assert_true(steps < 100);
	}
	/* random bytes: every token inside the data, always moving on */
	for (r = 0; r < 200; r++) {
		size_t prev = 0;

		for (i = 0; i < sizeof(junk); i++) {
			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			junk[i] = "()<>[]/% BIDE\n0.5Tj\\"[seed % 21] ^
				  (seed >> 40 & 1 ? (unsigned char)(seed >> 48) : 0);
		}
		lt_pdf_lexer_init(&lx, junk, sizeof(junk));
		for (steps = 0; lt_pdf_lex_next(&lx, &t) != LT_PDF_TOK_END;
		     steps++) {
			assert_true(t.start >= prev && t.end <= sizeof(junk));
			assert_true(t.end > t.start);
			prev = t.end;
			assert_true(steps <= sizeof(junk));
		}
	}
}

/* ---------------------------------------------------------------------
 * Plans and rewrites
 * ------------------------------------------------------------------- */

/* Seven lines of text (the fourth shown with '), a turned line, and an
 * inline image whose data hold "EI", with a comment. */
static const char seven[] =
	"% a page of seven lines\n"
	"q 1 0 0 1 0 0 cm BT /F1 12 Tf 14 TL 72 700 Td (First line of the page) Tj\n"
	"0 -14 Td [(Second) -250 (line, \\(with\\) parens)] TJ\n"
	"T* (Third line here) Tj\n"
	"(Fourth line by quote) '\n"
	"0 -14 Td <4669667468206C696E65> Tj\n"
	"0 -14 Td (Sixth line of text) Tj\n"
	"0 -14 Td (Seventh and last line) Tj ET Q\n"
	"BT /F1 10 Tf 0 1 -1 0 500 300 Tm (turned text) Tj ET\n"
	"q 20 0 0 10 72 100 cm BI /W 4 /H 2 /BPC 8 /CS /G ID \x01 EI\x02\x03\x04"
	"\x05\x06\x07 EI Q\n";

static void test_plan_lines(void **state)
{
	lt_pdf_plan *p = NULL;
	lt_buf pdf = {0};

	(void)state;
	one_page(&pdf, seven, sizeof(seven) - 1);
	assert_int_equal(lt_pdf_plan_new(&p, pdf.data, pdf.len, "seven"), LT_OK);
	assert_int_equal(lt_pdf_plan_pages(p), 1);
	/* data lines 2, 4 and 6: up/down each; left/right but the 4th (') */
	assert_int_equal(lt_pdf_plan_slots(p), 5);
	assert_int_equal(lt_pdf_plan_page_slots(p, 0), 5);
	lt_pdf_plan_free(p);
	lt_buf_free(&pdf);
}

static void test_rewrite_keeps_bytes(void **state)
{
	static const uint8_t ones[5] = {1, 1, 1, 1, 1}, zeros[5] = {0};
	lt_pdf_plan *p = NULL;
	lt_buf pdf = {0}, a = {0}, b = {0}, a2 = {0};
	unsigned char *ca;
	char *orig, *back, *raw;
	size_t la;

	(void)state;
	one_page(&pdf, seven, sizeof(seven) - 1);
	assert_int_equal(lt_pdf_plan_new(&p, pdf.data, pdf.len, "seven"), LT_OK);
	assert_int_equal(lt_pdf_copy_write(&a, p, ones), LT_OK);
	assert_int_equal(lt_pdf_copy_write(&b, p, zeros), LT_OK);
	assert_int_equal(lt_pdf_copy_write(&a2, p, ones), LT_OK);
	/* the same symbols, the same bytes; others, others */
	assert_true(a.len == a2.len && !memcmp(a.data, a2.data, a.len));
	assert_false(a.len == b.len && !memcmp(a.data, b.data, a.len));
	/* every token of the original, in order, and only the marks added */
	ca = page_content(&a, 0, &la);
	orig = token_text(seven, sizeof(seven) - 1, 0);
	back = token_text(ca, la, 1);
	raw = token_text(ca, la, 0);
	assert_string_equal(orig, back);
	assert_true(strlen(raw) > strlen(orig));
	/* the inline image's data byte for byte */
	assert_non_null(memmem(ca, la, "\x01 EI\x02\x03\x04\x05\x06\x07 EI", 13));
	free(ca);
	free(orig);
	free(back);
	free(raw);
	lt_pdf_plan_free(p);
	lt_buf_free(&pdf);
	lt_buf_free(&a);
	lt_buf_free(&b);
	lt_buf_free(&a2);
}

/* The words of a PDF in memory. */
static lt_extract *words_of(const lt_buf *pdf)
{
	lt_extract *e = NULL;

	assert_int_equal(lt_extract_buffer(&e, pdf->data, pdf->len, "t.pdf",
					   NULL), LT_OK);
	assert_int_equal(e->kind, LT_EXTRACT_PDF_TEXT);
	return e;
}

static void test_report_copies(void **state)
{
	lt_pdf_plan *p = NULL;
	lt_buf orig = {0}, a = {0}, b = {0}, c = {0};
	lt_extract *eo, *ea, *eb, *ec;
	uint8_t *sa, *sb, *sc;
	int16_t *got;
	size_t n, i, pages;
	double line, gap;
	uint64_t seed = 12345;

	(void)state;
	assert_int_equal(lt_file_read(&orig, REPORT, 1u << 24), LT_OK);
	assert_int_equal(lt_pdf_plan_new(&p, orig.data, orig.len, REPORT), LT_OK);
	assert_int_equal(lt_pdf_plan_pages(p), 3);
	n = lt_pdf_plan_slots(p);
	assert_true(n >= 60);
	for (i = 0; i < 3; i++)
		assert_true(lt_pdf_plan_page_slots(p, i) > 0);
	sa = calloc(n, 1);
	sb = malloc(n);
	sc = malloc(n);
	got = malloc(n * sizeof(*got));
	memset(sb, 1, n);
	for (i = 0; i < n; i++) {
		seed = seed * 6364136223846793005u + 1442695040888963407u;
		sc[i] = (uint8_t)(seed >> 63);
	}
	assert_int_equal(lt_pdf_copy_write(&a, p, sa), LT_OK);
	assert_int_equal(lt_pdf_copy_write(&b, p, sb), LT_OK);
	assert_int_equal(lt_pdf_copy_write(&c, p, sc), LT_OK);
	eo = words_of(&orig);
	ea = words_of(&a);
	eb = words_of(&b);
	ec = words_of(&c);
	/* the text layer is the original's, page for page */
	assert_int_equal(ea->pages, 3);
	assert_int_equal(ea->text.len, eo->text.len);
	assert_memory_equal(ea->text.data, eo->text.data, eo->text.len);
	assert_memory_equal(ec->text.data, eo->text.data, eo->text.len);
	/* two copies as far apart as copies get: lines within 0.3 pt, word
	 * gaps unchanged */
	assert_int_equal(lt_pdf_copy_differences(&line, &gap, ea->words,
						 ea->nwords, eb->words,
						 eb->nwords), LT_OK);
	assert_true(line > 0.2 && line <= 0.3);
	assert_true(gap < 0.01);
	/* the marks read back, every one */
	assert_int_equal(lt_pdf_copy_read(got, &pages, p, eo->words, eo->nwords,
					  ec->words, ec->nwords), LT_OK);
	assert_int_equal(pages, 3);
	for (i = 0; i < n; i++)
		assert_int_equal(got[i], sc[i]);
	/* the unmarked original reads no mark, but is its pages */
	assert_int_equal(lt_pdf_copy_read(got, &pages, p, eo->words, eo->nwords,
					  eo->words, eo->nwords), LT_OK);
	assert_int_equal(pages, 3);
	for (i = 0; i < n; i++)
		assert_int_equal(got[i], -1);
	/* an other PDF's words are not its pages */
	assert_int_equal(lt_pdf_copy_read(got, &pages, p, ea->words, 50,
					  eo->words + 60, 40), LT_OK);
	assert_int_equal(pages, 0);
	lt_extract_free(eo);
	lt_extract_free(ea);
	lt_extract_free(eb);
	lt_extract_free(ec);
	free(sa);
	free(sb);
	free(sc);
	free(got);
	lt_pdf_plan_free(p);
	lt_buf_free(&orig);
	lt_buf_free(&a);
	lt_buf_free(&b);
	lt_buf_free(&c);
}

static void test_hostile_pdfs(void **state)
{
	static const char unclosed[] = "BT /F1 12 Tf 72 700 Td (never closed Tj ET";
	lt_pdf_plan *p = NULL;
	lt_buf orig = {0}, pdf = {0}, out = {0};
	uint8_t none[1] = {0};

	(void)state;
	assert_int_equal(lt_file_read(&orig, REPORT, 1u << 24), LT_OK);
	/* truncated: refused, naming the file */
	assert_int_equal(lt_pdf_plan_new(&p, orig.data, orig.len / 2, "cut.pdf"),
			 LT_EINPUT);
	assert_null(p);
	assert_non_null(strstr(lt_error_message(), "cut.pdf"));
	assert_int_equal(lt_pdf_plan_new(&p, "%PDF-1.4\n", 9, "x.pdf"), LT_EINPUT);
	assert_int_equal(lt_pdf_plan_new(&p, "", 0, NULL), LT_EINPUT);
	/* content the lexer cannot read: the page is copied unmarked */
	one_page(&pdf, unclosed, sizeof(unclosed) - 1);
	assert_int_equal(lt_pdf_plan_new(&p, pdf.data, pdf.len, "u.pdf"), LT_OK);
	assert_int_equal(lt_pdf_plan_slots(p), 0);
	assert_int_equal(lt_pdf_copy_write(&out, p, none), LT_OK);
	assert_true(out.len > 0);
	lt_pdf_plan_free(p);
	lt_buf_free(&orig);
	lt_buf_free(&pdf);
	lt_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lexer_strings),
		cmocka_unit_test(test_lexer_inline_image),
		cmocka_unit_test(test_lexer_hostile),
		cmocka_unit_test(test_plan_lines),
		cmocka_unit_test(test_rewrite_keeps_bytes),
		cmocka_unit_test(test_report_copies),
		cmocka_unit_test(test_hostile_pdfs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
