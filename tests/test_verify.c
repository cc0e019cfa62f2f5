/*
 * test_verify.c - verify on pages read back by OCR: an untouched page is
 * genuine, and a number changed on the printed page is reported as a
 * number change, with the reader's confidence.
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
#include "leaktrace/render.h"
#include "support/support.h"

static char dir[256];
static char vault_dir[300];

static int setup(void **state)
{
	lt_document_info *info;
	lt_vault *v;

	(void)state;
	if (ts_tmpdir(dir, sizeof(dir), "verify-test"))
		return -1;
	snprintf(vault_dir, sizeof(vault_dir), "%s/vault", dir);
	if (lt_vault_init(vault_dir) || lt_vault_open(&v, vault_dir))
		return -1;
	if (lt_document_register(&info, v, "samples/memo-budget.txt", "budget",
				 NULL))
		return -1;
	lt_document_info_free(info);
	lt_vault_close(v);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return ts_rmdir(dir);
}

/* Render page 1 of the document, with `edit` applied to its text, as a
 * 150 dpi PNG at `path`. */
static void render_page(const char *path, const char *from, const char *to)
{
	lt_vault *v;
	lt_slot_set *set;
	lt_layout_plan *plan;
	lt_render_options opt = {LT_PAPER_A4, NULL, NULL, 0};
	lt_buf png = {0};
	uint8_t *sym;
	char *at;
	FILE *f;

	assert_int_equal(lt_vault_open(&v, vault_dir), LT_OK);
	assert_int_equal(lt_document_slots(&set, v, "budget"), LT_OK);
	lt_vault_close(v);
	if (from) {
		/* An edit of the same length keeps every slot's offsets. */
		assert_int_equal(strlen(from), strlen(to));
		at = strstr(set->plain, from);
		assert_non_null(at);
		memcpy(at, to, strlen(to));
	}
	assert_int_equal(lt_layout_plan_new(&plan, set, &opt), LT_OK);
	sym = calloc(set->n + lt_layout_slots(plan) + 1, 1);
	assert_non_null(sym);
	assert_int_equal(lt_render_png(&png, plan, set, sym, &opt, 0, 150.0),
			 LT_OK);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(png.data, 1, png.len, f), png.len);
	fclose(f);
	free(sym);
	lt_buf_free(&png);
	lt_layout_plan_free(plan);
	lt_slot_set_free(set);
}

static void test_untouched_page_genuine(void **state)
{
	char path[400];
	lt_verify_result *r;
	lt_vault *v;

	(void)state;
	snprintf(path, sizeof(path), "%s/page.png", dir);
	render_page(path, NULL, NULL);
	assert_int_equal(lt_vault_open(&v, vault_dir), LT_OK);
	assert_int_equal(lt_verify_file(&r, v, path), LT_OK);
	assert_string_equal(r->document, "budget");
	assert_int_equal(r->verdict, LT_VERIFY_GENUINE);
	assert_true(r->part_share > 0.5);
	lt_verify_result_free(r);
	lt_vault_close(v);
}

static void test_changed_number_on_page(void **state)
{
	char path[400];
	lt_verify_result *r;
	lt_vault *v;
	size_t i, numbers = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/altered.png", dir);
	render_page(path, "$48.6 million", "$84.6 million");
	assert_int_equal(lt_vault_open(&v, vault_dir), LT_OK);
	assert_int_equal(lt_verify_file(&r, v, path), LT_OK);
	assert_int_equal(r->verdict, LT_VERIFY_ALTERED);
	for (i = 0; i < r->nchanges; i++) {
		const lt_change *c = &r->changes[i];

		printf("# %s: \"%s\" -> \"%s\" (sure %.2f)\n",
		       lt_change_kind_name(c->kind), c->original, c->found,
		       c->confidence);
		if (c->kind == LT_CHANGE_NUMBER && strstr(c->original, "48") &&
		    strstr(c->found, "84")) {
			numbers++;
			assert_true(c->confidence > 0.5 && c->confidence <= 1);
		}
	}
	assert_int_equal(numbers, 1);
	lt_verify_result_free(r);
	lt_vault_close(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_untouched_page_genuine),
		cmocka_unit_test(test_changed_number_on_page),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
