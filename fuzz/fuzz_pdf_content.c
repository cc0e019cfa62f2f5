/*
 * fuzz_pdf_content.c - libFuzzer target for PDF page content streams
 * (render/pdf_content.c, render/pdfcopy.c): lex arbitrary bytes - every
 * token must lie inside the data, after the one before, and the lexer
 * must always move on; then make them the content of a one-page PDF, plan
 * its marks, write a copy with every mark set and plan the copy again,
 * which must work.  Built and run by fuzz/run.sh (make fuzz).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "leaktrace/pdfcopy.h"
#include "render/pdf_content.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A one-page PDF whose page content is `data`. */
static void wrap(lt_buf *out, const uint8_t *data, size_t size)
{
	size_t off[4], xref, i;

	lt_buf_puts(out, "%PDF-1.4\n");
	off[0] = out->len;
	lt_buf_puts(out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	off[1] = out->len;
	lt_buf_puts(out, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\n"
		    "endobj\n");
	off[2] = out->len;
	lt_buf_puts(out, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox "
		    "[0 0 612 792] /Contents 4 0 R >>\nendobj\n");
	off[3] = out->len;
	lt_buf_printf(out, "4 0 obj\n<< /Length %zu >>\nstream\n", size);
	lt_buf_append(out, data, size);
	lt_buf_puts(out, "\nendstream\nendobj\n");
	xref = out->len;
	lt_buf_puts(out, "xref\n0 5\n0000000000 65535 f \n");
	for (i = 0; i < 4; i++)
		lt_buf_printf(out, "%010zu 00000 n \n", off[i]);
	lt_buf_printf(out, "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n"
		      "%zu\n%%%%EOF\n", xref);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lt_pdf_lexer lx;
	lt_pdf_token t;
	lt_pdf_plan *p = NULL, *back = NULL;
	lt_buf pdf = {0}, copy = {0};
	uint8_t *sym;
	size_t prev = 0, steps = 0;

	lt_pdf_lexer_init(&lx, data, size);
	while (lt_pdf_lex_next(&lx, &t) != LT_PDF_TOK_END) {
		if (t.start < prev || t.end > size || t.end <= t.start ||
		    ++steps > size)
			abort();
		prev = t.end;
	}
	wrap(&pdf, data, size);
	if (lt_pdf_plan_new(&p, pdf.data, pdf.len, "fuzz.pdf") == LT_OK) {
		sym = malloc(lt_pdf_plan_slots(p) + 1);
		if (!sym)
			abort();
		memset(sym, 1, lt_pdf_plan_slots(p) + 1);
		if (lt_pdf_copy_write(&copy, p, sym) ||
		    lt_pdf_plan_new(&back, copy.data, copy.len, "copy.pdf"))
			abort();
		free(sym);
	}
	lt_pdf_plan_free(back);
	lt_pdf_plan_free(p);
	lt_buf_free(&pdf);
	lt_buf_free(&copy);
	return 0;
}
