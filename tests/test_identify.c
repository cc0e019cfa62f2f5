/*
 * test_identify.c - one decision on which document a text is: trace's
 * path (a one-shot identifier reading the index from the vault), verify's
 * and scan's (a resident identifier with the index in memory) give the
 * same answer for an excerpt of an issued copy, the whole copy, a short
 * quote and an unrelated text, in a temporary vault of three documents.
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

#include "leaktrace/buf.h"
#include "leaktrace/document.h"
#include "leaktrace/error.h"
#include "leaktrace/extract.h"
#include "leaktrace/issue.h"
#include "leaktrace/scan.h"
#include "leaktrace/text.h"
#include "leaktrace/trace.h"
#include "leaktrace/vault.h"
#include "leaktrace/verify.h"
#include "forensics/trace_internal.h"
#include "forensics/verify_internal.h"
#include "identify/identify.h"

static char vault_dir[256];
static lt_vault *vault;
static lt_buf copy; /* the text of budget's copy issued to Alice */

static void reg(const char *path, const char *id)
{
	lt_document_info *d;

	assert_int_equal(lt_document_register(&d, vault, path, id, NULL), LT_OK);
	lt_document_info_free(d);
}

static int setup(void **state)
{
	static const char *const to[] = {"Alice Example"};
	lt_issue_result *r;
	char out[300];

	(void)state;
	snprintf(vault_dir, sizeof(vault_dir), "%s/lt-identify-test-%ld",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
	snprintf(out, sizeof(out), "%s/out", vault_dir);
	if (lt_vault_init(vault_dir) || lt_vault_open(&vault, vault_dir))
		return -1;
	reg("samples/memo-budget.txt", "budget");
	reg("samples/memo-audit.txt", "audit");
	reg("samples/memo-compliance.txt", "compliance");
	if (lt_issue(&r, vault, "budget", to, 1, out, "txt"))
		return -1;
	if (lt_text_read_file(&copy, r->copies[0].path, 1u << 20, NULL)) {
		lt_issue_result_free(r);
		return -1;
	}
	lt_issue_result_free(r);
	return 0;
}

static int teardown(void **state)
{
	char cmd[400];

	(void)state;
	lt_vault_close(vault);
	lt_buf_free(&copy);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", vault_dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Words [from, to) of `text` (split at spaces and newlines), into out. */
static void words_of(lt_buf *out, const char *text, size_t from, size_t to)
{
	size_t w = 0;
	const char *p = text, *start = NULL;

	lt_buf_clear(out);
	while (*p) {
		while (*p == ' ' || *p == '\n')
			p++;
		if (!*p)
			break;
		if (w == from)
			start = p;
		while (*p && *p != ' ' && *p != '\n')
			p++;
		if (++w == to)
			break;
	}
	assert_non_null(start);
	assert_int_equal(lt_buf_append(out, start, (size_t)(p - start)), LT_OK);
}

/*
 * The document each path finds in `text` (NULL for none), checked equal;
 * returns it (a static copy).
 */
static const char *same_answer(const char *text)
{
	static char found[80];
	lt_trace_result *tr;
	lt_verify_result *vr;
	lt_scanner *sc;
	lt_scan_match m[4];
	lt_tokens *tok;
	lt_doc *doc;
	lt_alignment *al;
	size_t n;
	const char *scan_doc;

	/* trace's path */
	assert_int_equal(lt_trace_run(&tr, vault, text, strlen(text), NULL, 0),
			 LT_OK);
	/* verify's path */
	assert_int_equal(lt_verify_run(&vr, vault, text, strlen(text), NULL, 0,
				       LT_EXTRACT_TEXT, NULL, 0), LT_OK);
	/* scan's path: a resident identifier */
	assert_int_equal(lt_scanner_open(&sc, vault), LT_OK);
	assert_int_equal(lt_scanner_identify(sc, text, strlen(text), m, 4, &n),
			 LT_OK);
	scan_doc = n ? m[0].document : NULL;
	/* the one-shot identifier itself */
	assert_int_equal(lt_tokenize(&tok, text, strlen(text)), LT_OK);
	assert_int_equal(lt_identify(vault, tok, &doc, &al), LT_OK);

	if (tr->document) {
		assert_non_null(vr->document);
		assert_non_null(scan_doc);
		assert_non_null(doc);
		assert_string_equal(tr->document, vr->document);
		assert_string_equal(tr->document, scan_doc);
		assert_string_equal(tr->document, doc->id);
		snprintf(found, sizeof(found), "%s", tr->document);
	} else {
		assert_null(vr->document);
		assert_null(scan_doc);
		assert_null(doc);
		found[0] = '\0';
	}
	lt_trace_result_free(tr);
	lt_verify_result_free(vr);
	lt_scanner_free(sc);
	lt_tokens_free(tok);
	lt_doc_free(doc);
	lt_alignment_free(al);
	return found[0] ? found : NULL;
}

static void test_full_copy(void **state)
{
	(void)state;
	assert_string_equal(same_answer(copy.data), "budget");
}

static void test_excerpt(void **state)
{
	lt_buf ex = {0};

	(void)state;
	words_of(&ex, copy.data, 120, 200);
	assert_string_equal(same_answer(ex.data), "budget");
	lt_buf_free(&ex);
}

static void test_short_quote(void **state)
{
	lt_buf ex = {0};

	(void)state;
	/* A quote of 20 words: identified by every path alike. */
	words_of(&ex, copy.data, 60, 80);
	assert_string_equal(same_answer(ex.data), "budget");
	lt_buf_free(&ex);
}

static void test_unrelated(void **state)
{
	lt_buf text = {0};

	(void)state;
	assert_int_equal(lt_text_read_file(&text, "samples/unrelated.txt",
					   1u << 20, NULL), LT_OK);
	assert_null(same_answer(text.data));
	lt_buf_free(&text);
}

/* `text` `times` times in a row, into out. */
static void repeated(lt_buf *out, const char *text, int times)
{
	int i;

	lt_buf_clear(out);
	for (i = 0; i < times; i++)
		assert_int_equal(lt_buf_puts(out, text), LT_OK);
}

/* The recipient accused by tracing `text` (against `doc`, as the scanner
 * does, when not NULL), or NULL; a static copy. */
static const char *accused(const char *text, const char *doc)
{
	static char who[80];
	lt_trace_result *tr;
	size_t i;

	assert_int_equal(lt_trace_run(&tr, vault, text, strlen(text), doc, 0),
			 LT_OK);
	who[0] = '\0';
	for (i = 0; i < tr->nsuspects; i++) {
		if (!tr->suspects[i].accused)
			continue;
		assert_string_equal(who, ""); /* one leaker, one accused */
		snprintf(who, sizeof(who), "%s", tr->suspects[i].recipient);
	}
	lt_trace_result_free(tr);
	return who[0] ? who : NULL;
}

/* The copy pasted ten times into one message: still the budget memo, and
 * still Alice's copy, whether traced alone or after the scanner found it. */
static void test_repeated_copy(void **state)
{
	lt_buf text = {0};
	int times[] = {2, 10, 25};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(times) / sizeof(times[0]); i++) {
		repeated(&text, copy.data, times[i]);
		assert_string_equal(same_answer(text.data), "budget");
		assert_string_equal(accused(text.data, NULL), "Alice Example");
		assert_string_equal(accused(text.data, "budget"),
				    "Alice Example");
	}
	lt_buf_free(&text);
}

/* An excerpt pasted ten times, with chatter around: the same. */
static void test_repeated_excerpt(void **state)
{
	lt_buf ex = {0}, text = {0};
	int i;

	(void)state;
	words_of(&ex, copy.data, 100, 260);
	assert_int_equal(lt_buf_puts(&text, "look at this, posting it again "
				     "and again so nobody misses it\n"), LT_OK);
	for (i = 0; i < 10; i++) {
		assert_int_equal(lt_buf_puts(&text, ex.data), LT_OK);
		assert_int_equal(lt_buf_puts(&text, "\n\n"), LT_OK);
	}
	assert_string_equal(same_answer(text.data), "budget");
	lt_buf_free(&ex);
	lt_buf_free(&text);
}

/* An unrelated text pasted ten times is still no document. */
static void test_repeated_unrelated(void **state)
{
	lt_buf one = {0}, text = {0};

	(void)state;
	assert_int_equal(lt_text_read_file(&one, "samples/unrelated.txt",
					   1u << 20, NULL), LT_OK);
	repeated(&text, one.data, 10);
	assert_null(same_answer(text.data));
	assert_null(accused(text.data, NULL));
	lt_buf_free(&one);
	lt_buf_free(&text);
}

static void test_too_short(void **state)
{
	(void)state;
	assert_null(same_answer("The budget memo."));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_copy),
		cmocka_unit_test(test_excerpt),
		cmocka_unit_test(test_short_quote),
		cmocka_unit_test(test_unrelated),
		cmocka_unit_test(test_too_short),
		cmocka_unit_test(test_repeated_copy),
		cmocka_unit_test(test_repeated_excerpt),
		cmocka_unit_test(test_repeated_unrelated),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
