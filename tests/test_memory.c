/*
 * test_memory.c - inputs and outputs in memory: a document registered,
 * copies issued to a caller's function, and leaks extracted, traced and
 * verified from bytes give the same results as through files; failures
 * are recorded in the handle they happened on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "leaktrace/leaktrace.h"
#include "leaktrace/extract.h"
#include "leaktrace/ocr.h"

static char dir[] = "/tmp/lt-memory-test.XXXXXX";
static char vault_dir[300];
static lt_vault *vault;

/* ---------------------------------------------------------------------
 * Files handed over by issue
 * ------------------------------------------------------------------- */

#define MAX_HANDED 32

typedef struct handed {
	char name[128];
	char format[8];
	lt_buf data;
} handed;

typedef struct sink_log {
	handed files[MAX_HANDED];
	size_t n;
	int refuse; /* return this instead of 0 */
} sink_log;

static int take_copy(void *ctx, const char *name, const void *data,
		     size_t len, const char *format)
{
	sink_log *log = ctx;
	handed *h;

	if (log->refuse)
		return log->refuse;
	if (log->n == MAX_HANDED)
		return 1;
	h = &log->files[log->n++];
	snprintf(h->name, sizeof h->name, "%s", name);
	snprintf(h->format, sizeof h->format, "%s", format);
	memset(&h->data, 0, sizeof h->data);
	return lt_buf_append(&h->data, data, len);
}

static void sink_log_free(sink_log *log)
{
	size_t i;

	for (i = 0; i < log->n; i++)
		lt_buf_free(&log->files[i].data);
	log->n = 0;
}

/* Issue "budget" to the recipients in `format` through the sink. */
static void issue_to_sink(sink_log *log, const char *format,
			  const char *const *names, size_t n)
{
	lt_issue_options opt = {0};
	lt_issue_result *r;

	opt.format = format;
	opt.sink = take_copy;
	opt.sink_ctx = log;
	assert_int_equal(lt_issue_ex(&r, vault, "budget", names, n, NULL, &opt),
			 LT_OK);
	lt_issue_result_free(r);
}

static void write_bytes(const char *path, const lt_buf *b)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
	assert_int_equal(fclose(f), 0);
}

static void read_bytes(const char *path, lt_buf *b)
{
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		assert_int_equal(lt_buf_append(b, chunk, n), LT_OK);
	fclose(f);
}

/* ---------------------------------------------------------------------
 * Fixture
 * ------------------------------------------------------------------- */

static int setup(void **state)
{
	lt_document_info *info;

	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(vault_dir, sizeof(vault_dir), "%s/vault", dir);
	if (lt_vault_init(vault_dir) || lt_vault_open(&vault, vault_dir))
		return -1;
	if (lt_document_register(&info, vault, "samples/memo-budget.txt",
				 "budget", NULL))
		return -1;
	lt_document_info_free(info);
	return 0;
}

static int teardown(void **state)
{
	char cmd[400];

	(void)state;
	lt_vault_close(vault);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---------------------------------------------------------------------
 * Tests
 * ------------------------------------------------------------------- */

static void test_register_buffer(void **state)
{
	lt_document_info *a, *b;
	lt_buf md = {0};

	(void)state;
	read_bytes("samples/memo-markup.md", &md);
	assert_int_equal(lt_document_register(&a, vault, "samples/memo-markup.md",
					      "markup-file", NULL),
			 LT_OK);
	/* No id: derived from the name, as from a file's. */
	assert_int_equal(lt_document_register_buffer(&b, vault, md.data, md.len,
						     "memo-markup.md", NULL,
						     "Markup"),
			 LT_OK);
	assert_string_equal(b->id, "memo-markup");
	assert_string_equal(b->title, "Markup");
	assert_string_equal(a->format, b->format);
	assert_string_equal(b->format, "md");
	assert_int_equal(a->words, b->words);
	assert_int_equal(a->nslots, b->nslots);
	assert_int_equal(a->lexical_slots, b->lexical_slots);
	assert_string_equal(a->bias, b->bias);
	lt_document_info_free(a);
	lt_document_info_free(b);

	/* Text that is not text, named: the message names it. */
	assert_int_equal(lt_document_register_buffer(&b, vault, "a\0b", 3,
						     "upload 7", "nul", NULL),
			 LT_EINPUT);
	assert_int_equal(lt_vault_errcode(vault), LT_EINPUT);
	assert_non_null(strstr(lt_vault_errmsg(vault), "upload 7"));
	assert_int_equal(lt_document_register_buffer(&b, vault, "x", 1, NULL,
						     NULL, NULL),
			 LT_EUSAGE);
	lt_buf_free(&md);
}

static void test_issue_to_sink(void **state)
{
	const char *const names[] = {"Alice Ames", "Bob Burns"};
	const char *const refused[] = {"Dave Dunn"};
	lt_issue_result *r;
	lt_document_info *info;
	sink_log log = {0};
	char out_dir[400], path[600];
	size_t i, copies;

	(void)state;
	issue_to_sink(&log, "txt", names, 2);
	assert_int_equal(log.n, 2);
	/* The same copies as written into a directory. */
	snprintf(out_dir, sizeof out_dir, "%s/copies", dir);
	assert_int_equal(lt_issue(&r, vault, "budget", names, 2, out_dir, NULL),
			 LT_OK);
	assert_int_equal(r->n, 2);
	for (i = 0; i < r->n; i++) {
		lt_buf file = {0};

		assert_int_equal(r->copies[i].reissued, 1);
		snprintf(path, sizeof path, "%s/%s", out_dir, log.files[i].name);
		assert_string_equal(r->copies[i].path, path);
		assert_string_equal(log.files[i].format, "txt");
		read_bytes(path, &file);
		assert_int_equal(file.len, log.files[i].data.len);
		assert_memory_equal(file.data, log.files[i].data.data, file.len);
		lt_buf_free(&file);
	}
	lt_issue_result_free(r);
	sink_log_free(&log);

	/* A sink that refuses: nothing recorded. */
	assert_int_equal(lt_document_get(&info, vault, "budget"), LT_OK);
	copies = info->copies;
	lt_document_info_free(info);
	log.refuse = 1;
	{
		lt_issue_options opt = {0};

		opt.sink = take_copy;
		opt.sink_ctx = &log;
		assert_int_equal(lt_issue_ex(&r, vault, "budget", refused, 1, NULL,
					     &opt),
				 LT_EIO);
		assert_int_equal(lt_vault_errcode(vault), LT_EIO);
		assert_non_null(strstr(lt_vault_errmsg(vault), "not taken"));
	}
	assert_int_equal(lt_document_get(&info, vault, "budget"), LT_OK);
	assert_int_equal(info->copies, copies);
	assert_int_equal(lt_vault_errcode(vault), LT_OK);
	assert_string_equal(lt_vault_errmsg(vault), "");
	lt_document_info_free(info);
}

/* Trace and verify a copy from a file and from its bytes. */
static void check_trace_verify(const handed *h, const char *recipient)
{
	lt_trace_result *tf, *tb;
	lt_verify_result *vf, *vb;
	char path[600];
	size_t i;

	snprintf(path, sizeof path, "%s/%s", dir, h->name);
	write_bytes(path, &h->data);
	assert_int_equal(lt_trace_file(&tf, vault, path), LT_OK);
	assert_int_equal(lt_trace_buffer(&tb, vault, h->data.data, h->data.len,
					 h->name),
			 LT_OK);
	assert_int_equal(tf->verdict, LT_VERDICT_IDENTIFIED);
	assert_int_equal(tb->verdict, tf->verdict);
	assert_int_equal(tb->source, tf->source);
	assert_int_equal(tb->slots_observed, tf->slots_observed);
	assert_int_equal(tb->nsuspects, tf->nsuspects);
	assert_string_equal(tf->suspects[0].recipient, recipient);
	for (i = 0; i < tf->nsuspects; i++) {
		assert_string_equal(tb->suspects[i].copy, tf->suspects[i].copy);
		assert_true(tb->suspects[i].score == tf->suspects[i].score);
	}
	lt_trace_result_free(tf);
	lt_trace_result_free(tb);

	assert_int_equal(lt_verify_file(&vf, vault, path), LT_OK);
	assert_int_equal(lt_verify_buffer(&vb, vault, h->data.data, h->data.len,
					  NULL),
			 LT_OK);
	assert_int_equal(vf->verdict, LT_VERIFY_GENUINE);
	assert_int_equal(vb->verdict, vf->verdict);
	assert_int_equal(vf->exact, 1);
	assert_int_equal(vb->exact, 1);
	assert_string_equal(vb->copy, vf->copy);
	assert_string_equal(vb->recipient, recipient);
	lt_verify_result_free(vf);
	lt_verify_result_free(vb);
}

static void test_trace_verify_buffer(void **state)
{
	const char *const names[] = {"Alice Ames", "Bob Burns", "Carol Cole"};
	lt_trace_result *t;
	sink_log log = {0};

	(void)state;
	issue_to_sink(&log, "txt", names, 3);
	assert_int_equal(log.n, 3);
	check_trace_verify(&log.files[1], "Bob Burns");
	sink_log_free(&log);

	issue_to_sink(&log, "pdf", names, 1);
	assert_int_equal(log.n, 1);
	assert_string_equal(log.files[0].format, "pdf");
	check_trace_verify(&log.files[0], "Alice Ames");
	sink_log_free(&log);

	/* A failure is the vault's, naming what failed. */
	assert_int_equal(lt_trace_buffer(&t, vault, "%PDF-1.4 broken", 15,
					 "leak.pdf"),
			 LT_EINPUT);
	assert_null(t);
	assert_int_equal(lt_vault_errcode(vault), LT_EINPUT);
	assert_non_null(strstr(lt_vault_errmsg(vault), "leak.pdf"));
}

/* Extract the same bytes from a file and from memory. */
static void check_extract(const lt_buf *b, const char *name, lt_ocr *ocr,
			  lt_extract_kind kind)
{
	lt_extract *ef, *eb;
	char path[600];
	size_t i;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	write_bytes(path, b);
	assert_int_equal(lt_extract_file_ocr(&ef, path, ocr), LT_OK);
	assert_int_equal(lt_extract_buffer(&eb, b->data, b->len, name, ocr),
			 LT_OK);
	assert_int_equal(ef->kind, kind);
	assert_int_equal(eb->kind, ef->kind);
	assert_int_equal(eb->pages, ef->pages);
	assert_int_equal(eb->text.len, ef->text.len);
	assert_memory_equal(eb->text.data, ef->text.data, ef->text.len);
	assert_int_equal(eb->nwords, ef->nwords);
	for (i = 0; i < ef->nwords; i++) {
		assert_string_equal(eb->words[i].text, ef->words[i].text);
		assert_true(eb->words[i].x0 == ef->words[i].x0);
		assert_true(eb->words[i].y1 == ef->words[i].y1);
	}
	assert_true(eb->confidence == ef->confidence);
	lt_extract_free(ef);
	lt_extract_free(eb);
}

static void test_extract_buffer(void **state)
{
	const char *const names[] = {"Alice Ames"};
	lt_ocr_options oo = {0};
	lt_issue_options opt = {0};
	lt_issue_result *r;
	lt_extract *e;
	sink_log log = {0};
	lt_buf text = {0};
	lt_ocr *ocr;

	(void)state;
	read_bytes("samples/memo-budget.txt", &text);
	assert_int_equal(lt_ocr_new(&ocr, &oo), LT_OK);
	check_extract(&text, "memo.txt", ocr, LT_EXTRACT_TEXT);
	issue_to_sink(&log, "pdf", names, 1);
	check_extract(&log.files[0].data, "copy.pdf", ocr, LT_EXTRACT_PDF_TEXT);
	sink_log_free(&log);

	/* A page image read by OCR: one context, reused, reads it the same
	 * from a file and from memory. */
	opt.format = "png";
	opt.sink = take_copy;
	opt.sink_ctx = &log;
	assert_int_equal(lt_issue_ex(&r, vault, "budget", names, 1, NULL, &opt),
			 LT_OK);
	lt_issue_result_free(r);
	assert_true(log.n >= 1);
	assert_string_equal(log.files[0].format, "png");
	check_extract(&log.files[0].data, "page.png", ocr, LT_EXTRACT_OCR);
	assert_int_equal(lt_ocr_errcode(ocr), LT_OK);
	sink_log_free(&log);

	/* Bytes that break the promise of their name; the context keeps the
	 * failure. */
	assert_int_equal(lt_extract_buffer(&e, text.data, text.len, "scan.png",
					   ocr),
			 LT_EINPUT);
	assert_int_equal(lt_ocr_errcode(ocr), LT_EINPUT);
	assert_non_null(strstr(lt_ocr_errmsg(ocr), "scan.png"));
	assert_non_null(strstr(lt_error_message(), "scan.png"));
	/* No context: the thread's last error only. */
	assert_int_equal(lt_extract_buffer(&e, "\x89PNG\r\n\x1a\n", 8, NULL, NULL),
			 LT_EINPUT);
	assert_int_equal(lt_ocr_errcode(ocr), LT_EINPUT);
	lt_ocr_free(ocr);
	lt_buf_free(&text);
}

static void test_vault_options(void **state)
{
	lt_vault_options opt = {0};
	lt_vault *v;

	(void)state;
	opt.lock_timeout_ms = 100;
	assert_int_equal(lt_vault_open_ex(&v, vault_dir, &opt), LT_OK);
	assert_int_equal(lt_vault_errcode(v), LT_OK);
	assert_int_equal(lt_vault_read_only(v), 0);
	lt_vault_close(v);
	/* Read-only: it opens, reads, and refuses to record anything. */
	opt.read_only = 1;
	assert_int_equal(lt_vault_open_ex(&v, vault_dir, &opt), LT_OK);
	assert_int_equal(lt_vault_read_only(v), 1);
	assert_int_equal(lt_access_record(v, "memo", "Ann", "view", NULL),
			 LT_EVAULT);
	assert_non_null(strstr(lt_error_message(), "read-only"));
	lt_vault_close(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_register_buffer),
		cmocka_unit_test(test_issue_to_sink),
		cmocka_unit_test(test_trace_verify_buffer),
		cmocka_unit_test(test_extract_buffer),
		cmocka_unit_test(test_vault_options),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
