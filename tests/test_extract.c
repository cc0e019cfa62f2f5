/*
 * test_extract.c - text out of printed copies (read/extract.c): the
 * furniture a copy's pages carry (page numbers, the footer naming the
 * copy, a banner at the top and foot of the page) is left out of the
 * document's text on a one-page copy as on a longer one, while the
 * document's own first and last lines stay; a Word file is read as its
 * body text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "leaktrace/extract.h"
#include "leaktrace/render.h"
#include "leaktrace/slots.h"

/* The text extracted from a one-page PDF of `text` set with `opt`. */
static lt_extract *one_page(const char *text, const lt_render_options *opt)
{
	lt_slot_set *set = NULL;
	lt_layout_plan *plan = NULL;
	lt_buf pdf = {0};
	lt_extract *e = NULL;
	uint8_t *sym;
	size_t n;

	assert_int_equal(lt_slots_find(&set, text, strlen(text)), LT_OK);
	assert_int_equal(lt_layout_plan_new(&plan, set, opt), LT_OK);
	assert_int_equal(lt_layout_pages(plan), 1);
	n = set->n + lt_layout_slots(plan);
	sym = calloc(n + 1, 1);
	assert_non_null(sym);
	assert_int_equal(lt_render_pdf(&pdf, plan, set, sym, opt), LT_OK);
	assert_int_equal(lt_extract_buffer(&e, pdf.data, pdf.len, "copy.pdf",
					   NULL), LT_OK);
	free(sym);
	lt_buf_free(&pdf);
	lt_layout_plan_free(plan);
	lt_slot_set_free(set);
	return e;
}

static const char memo[] =
	"Quarterly Review of the Roads Budget\n\n"
	"The directorate met on Tuesday to review the spending on roads. "
	"The report will be sent to every district office next week.\n\n"
	"Signed for the directorate by the finance officer.\n";

/* Banner top and foot, the copy footer and the page number: gone. */
static void test_one_page_furniture(void **state)
{
	lt_render_options o = {
		.paper = LT_PAPER_A4, .banner = "OFFICIAL-SENSITIVE",
		.footer = "Copy 0a1b2c3d4e5f \xe2\x80\x94 issued to alice"};
	lt_extract *e;

	(void)state;
	e = one_page(memo, &o);
	assert_null(strstr(e->text.data, "OFFICIAL-SENSITIVE"));
	assert_null(strstr(e->text.data, "issued to alice"));
	assert_null(strstr(e->text.data, "Page 1 of 1"));
	assert_non_null(strstr(e->text.data, "Quarterly Review"));
	assert_non_null(strstr(e->text.data, "finance officer"));
	lt_extract_free(e);
}

/* Without a banner the document's first and last lines are its own. */
static void test_one_page_keeps_text(void **state)
{
	lt_render_options o = {.paper = LT_PAPER_A4};
	lt_extract *e;

	(void)state;
	e = one_page(memo, &o);
	assert_non_null(strstr(e->text.data, "Quarterly Review"));
	assert_non_null(strstr(e->text.data, "finance officer"));
	lt_extract_free(e);
	/* the same first and last line in the document itself: a banner
	 * only when the page shows it at top and foot, which a document
	 * of one line cannot tell apart; two different lines stay */
	e = one_page("Draft for comment\n\nThe plan is agreed by the board.\n\n"
		     "Draft for comment only\n", &o);
	assert_non_null(strstr(e->text.data, "Draft for comment\n"));
	assert_non_null(strstr(e->text.data, "Draft for comment only"));
	lt_extract_free(e);
}

/* A Word file is read as its body text (kind DOCX), whole: no line of it
 * is taken for page furniture, and a file named .docx that is not one is
 * refused naming it. */
static void test_docx_file(void **state)
{
	lt_extract *e = NULL;

	(void)state;
	assert_int_equal(lt_extract_file(&e, "tests/data/docx/memo-health.docx"),
			 LT_OK);
	assert_int_equal(e->kind, LT_EXTRACT_DOCX);
	assert_int_equal(e->pages, 1);
	assert_null(e->words);
	assert_non_null(strstr(e->text.data, "DEPARTMENT OF HEALTH AND SOCIAL CARE"));
	assert_non_null(strstr(e->text.data, "community pharmacies"));
	assert_null(strstr(e->text.data, "<w:"));
	lt_extract_free(e);
	e = NULL;
	assert_int_equal(lt_extract_buffer(&e, "PK\x03\x04not a zip", 14,
					   "fake.docx", NULL), LT_EINPUT);
	assert_null(e);
	assert_non_null(strstr(lt_error_message(), "fake.docx"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_page_furniture),
		cmocka_unit_test(test_one_page_keeps_text),
		cmocka_unit_test(test_docx_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
