/*
 * test_docx.c - Word packages as text and back (render/docx.c), on packages
 * built here with libzip: the body's text (paragraphs, runs split inside
 * a word, tabs, tracked deletions and compatibility choices left out),
 * edits inside a run, over several runs and as insertions, the package's
 * other parts kept byte for byte, the same edits giving the same bytes,
 * and every kind of bad package refused with a message naming what is
 * wrong.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <zip.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "render/docx.h"

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define MC "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""

static const char styles[] = "<?xml version=\"1.0\"?><w:styles " W "/>";

/* A package of the parts name[i] -> data[i] (NULL data: left out). */
static void package(lt_buf *out, const char *const *name,
		    const char *const *data, const size_t *len, size_t n)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_int64_t size;
	size_t i;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	for (i = 0; i < n; i++) {
		zip_source_t *p = zip_source_buffer(za, data[i], len[i], 0);

		assert_non_null(p);
		assert_true(zip_file_add(za, name[i], p, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_seek(src, 0, SEEK_END), 0);
	size = zip_source_tell(src);
	assert_int_equal(zip_source_seek(src, 0, SEEK_SET), 0);
	lt_buf_clear(out);
	assert_int_equal(lt_buf_reserve(out, (size_t)size), 0);
	assert_int_equal(zip_source_read(src, out->data, (zip_uint64_t)size),
			 size);
	out->len = (size_t)size;
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
}

/* A Word package whose body is `body` (the XML inside w:body). */
static void docx_of(lt_buf *out, const char *body)
{
	lt_buf doc = {0};
	const char *name[2] = {"word/document.xml", "word/styles.xml"};
	const char *data[2];
	size_t len[2];

	lt_buf_printf(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
		      "standalone=\"yes\"?><w:document " W " " MC "><w:body>%s"
		      "</w:body></w:document>", body);
	data[0] = doc.data;
	len[0] = doc.len;
	data[1] = styles;
	len[1] = sizeof(styles) - 1;
	package(out, name, data, len, 2);
	lt_buf_free(&doc);
}

static lt_docx *open_body(const char *body)
{
	lt_buf b = {0};
	lt_docx *d = NULL;

	docx_of(&b, body);
	assert_int_equal(lt_docx_open(&d, b.data, b.len, "t.docx"), LT_OK);
	lt_buf_free(&b);
	return d;
}

static void assert_text(const lt_docx *d, const char *want)
{
	size_t n;
	const char *t = lt_docx_text(d, &n);

	assert_int_equal(n, strlen(want));
	assert_memory_equal(t, want, n);
}

/* Paragraphs, split runs, tabs, breaks; deletions and field codes out;
 * of a compatibility choice the fallback only; tables' cells. */
static void test_text(void **st)
{
	lt_docx *d;

	(void)st;
	d = open_body(
		"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Budget</w:t></w:r>"
		"<w:r><w:t xml:space=\"preserve\"> me</w:t></w:r>"
		"<w:r><w:t>mo</w:t></w:r></w:p>"
		"<w:p/>"
		"<w:p><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/>"
		"<w:t>C &amp; D</w:t></w:r>"
		"<w:del><w:r><w:delText>gone</w:delText></w:r></w:del>"
		"<w:r><w:instrText> PAGE </w:instrText></w:r></w:p>"
		"<mc:AlternateContent><mc:Choice Requires=\"wps\"><w:p><w:r>"
		"<w:t>twice</w:t></w:r></w:p></mc:Choice><mc:Fallback><w:p>"
		"<w:r><w:t>once</w:t></w:r></w:p></mc:Fallback>"
		"</mc:AlternateContent>"
		"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell one</w:t></w:r></w:p>"
		"</w:tc><w:tc><w:p><w:r><w:t>cell two</w:t></w:r></w:p></w:tc>"
		"</w:tr></w:tbl>"
		"<w:sectPr><w:pgSz w:w=\"11906\"/></w:sectPr>");
	assert_text(d, "Budget memo\n\nA\tB\nC & D\n\nonce\n\ncell one\n\n"
		       "cell two");
	assert_true(lt_docx_editable(d, 0, 6));
	assert_true(lt_docx_editable(d, 6, 11));  /* " memo" over two runs */
	assert_true(lt_docx_editable(d, 11, 11)); /* at the end of a run */
	assert_false(lt_docx_editable(d, 10, 14)); /* into the blank line */
	assert_false(lt_docx_editable(d, 13, 16)); /* over the tab */
	lt_docx_free(d);
}

/* Edits: in a run, over runs (landing in the first), insertions; the
 * package read back holds the edited text, its other part unchanged, and
 * the same edits write the same bytes; the handle stays as it was. */
static void test_edits(void **st)
{
	static const char body[] =
		"<w:p><w:r><w:t>The board met on Tuesday and agreed.</w:t></w:r>"
		"</w:p><w:p><w:r><w:t xml:space=\"preserve\">It said </w:t>"
		"</w:r><w:r><w:rPr><w:i/></w:rPr><w:t>that</w:t></w:r>"
		"<w:r><w:t xml:space=\"preserve\"> it would, including "
		"grants, pay.</w:t></w:r></w:p>";
	lt_docx *d, *back;
	lt_buf a = {0}, b = {0}, orig = {0};
	const char *t;
	size_t n;
	/* "The board met on Tuesday and agreed.\n\nIt said that it would,
	 * including grants, pay." */
	lt_text_edit e[3] = {
		{17, 24, "Wednesday", 9},              /* inside a run */
		{46, 51, "", 0},                       /* "that " over two runs */
		{59, 78, " (including grants)", 19},   /* ", including grants," */
	};
	zip_error_t ze;

	(void)st;
	d = open_body(body);
	t = lt_docx_text(d, &n);
	assert_int_equal(n, 83);
	assert_memory_equal(t + 46, "that ", 5);
	assert_memory_equal(t + 59, ", including grants,", 19);
	assert_int_equal(lt_docx_write(&a, d, e, 3), LT_OK);
	assert_int_equal(lt_docx_open(&back, a.data, a.len, "copy.docx"), LT_OK);
	assert_text(back, "The board met on Wednesday and agreed.\n\nIt said it "
			  "would (including grants) pay.");
	lt_docx_free(back);
	/* the same again: the same bytes; nothing: the original's text */
	assert_int_equal(lt_docx_write(&b, d, e, 3), LT_OK);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	assert_text(d, "The board met on Tuesday and agreed.\n\nIt said that it "
		       "would, including grants, pay.");
	assert_int_equal(lt_docx_write(&orig, d, NULL, 0), LT_OK);
	assert_int_equal(lt_docx_open(&back, orig.data, orig.len, "o.docx"),
			 LT_OK);
	assert_text(back, "The board met on Tuesday and agreed.\n\nIt said that "
			  "it would, including grants, pay.");
	lt_docx_free(back);
	/* an insertion at the end of a run and a space kept at a run's
	 * edge */
	{
		lt_text_edit ins[1] = {{35, 35, " today", 6}};

		assert_int_equal(lt_docx_write(&b, d, ins, 1), LT_OK);
		assert_int_equal(lt_docx_open(&back, b.data, b.len, "i.docx"),
				 LT_OK);
		assert_text(back, "The board met on Tuesday and agreed today.\n\n"
				  "It said that it would, including grants, pay.");
		lt_docx_free(back);
	}
	/* the styles part is the original's, byte for byte */
	{
		zip_source_t *src;
		zip_t *za;
		zip_file_t *f;
		char got[256];
		zip_int64_t k;

		zip_error_init(&ze);
		src = zip_source_buffer_create(a.data, a.len, 0, &ze);
		za = zip_open_from_source(src, ZIP_RDONLY, &ze);
		assert_non_null(za);
		f = zip_fopen(za, "word/styles.xml", 0);
		assert_non_null(f);
		k = zip_fread(f, got, sizeof(got));
		assert_int_equal(k, sizeof(styles) - 1);
		assert_memory_equal(got, styles, sizeof(styles) - 1);
		zip_fclose(f);
		zip_discard(za);
		zip_error_fini(&ze);
	}
	/* edits out of order, overlapping or not in runs: refused */
	{
		lt_text_edit bad[2] = {{30, 35, "x", 1}, {20, 31, "y", 1}};
		lt_text_edit gap[1] = {{34, 40, "z", 1}};

		assert_int_equal(lt_docx_write(&b, d, bad, 2), LT_EUSAGE);
		assert_int_equal(lt_docx_write(&b, d, gap, 1), LT_EUSAGE);
	}
	lt_docx_free(d);
	lt_buf_free(&a);
	lt_buf_free(&b);
	lt_buf_free(&orig);
}

static void expect_refused(const void *data, size_t len, const char *what)
{
	lt_docx *d = (lt_docx *)1;

	assert_int_equal(lt_docx_open(&d, data, len, "bad.docx"), LT_EINPUT);
	assert_null(d);
	if (!strstr(lt_error_message(), what))
		fail_msg("message \"%s\" does not say \"%s\"", lt_error_message(),
			 what);
	assert_non_null(strstr(lt_error_message(), "bad.docx"));
}

/* Bad packages: a clear error each, never a crash. */
static void test_bad_packages(void **st)
{
	lt_buf b = {0}, doc = {0};
	const char *name[1] = {"word/document.xml"};
	const char *data[1];
	size_t len[1], i;
	char *big;

	(void)st;
	expect_refused("hello", 5, "no ZIP header");
	expect_refused("PK\x03\x04garbage", 11, "not a readable DOCX");
	/* a ZIP without the main part */
	{
		const char *n2[1] = {"content.xml"};
		const char *d2[1] = {"<x/>"};
		size_t l2[1] = {4};

		package(&b, n2, d2, l2, 1);
		expect_refused(b.data, b.len, "has no word/document.xml");
	}
	/* truncated */
	docx_of(&b, "<w:p><w:r><w:t>text</w:t></w:r></w:p>");
	expect_refused(b.data, b.len / 2, "not a readable DOCX");
	/* not XML, no w:document, no w:body */
	data[0] = "<w:document";
	len[0] = strlen(data[0]);
	package(&b, name, data, len, 1);
	expect_refused(b.data, b.len, "not well-formed XML");
	data[0] = "<document/>";
	len[0] = strlen(data[0]);
	package(&b, name, data, len, 1);
	expect_refused(b.data, b.len, "has no w:document");
	data[0] = "<w:document " W "/>";
	len[0] = strlen(data[0]);
	package(&b, name, data, len, 1);
	expect_refused(b.data, b.len, "has no w:body");
	/* a bomb: 80 MiB of one byte, a few hundred KiB compressed */
	big = malloc(80u << 20);
	assert_non_null(big);
	memset(big, ' ', 80u << 20);
	data[0] = big;
	len[0] = 80u << 20;
	package(&b, name, data, len, 1);
	assert_true(b.len < (1u << 20));
	expect_refused(b.data, b.len, "larger than 64 MiB");
	free(big);
	/* nesting beyond any document's */
	lt_buf_puts(&doc, "<w:p>");
	for (i = 0; i < 400; i++)
		lt_buf_puts(&doc, "<w:hyperlink>");
	for (i = 0; i < 400; i++)
		lt_buf_puts(&doc, "</w:hyperlink>");
	lt_buf_puts(&doc, "</w:p>");
	docx_of(&b, doc.data);
	expect_refused(b.data, b.len, "word/document.xml");
	lt_buf_free(&doc);
	lt_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_edits),
		cmocka_unit_test(test_bad_packages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
