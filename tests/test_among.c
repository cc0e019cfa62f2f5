/*
 * test_among.c - a candidate set fixed before the marks are read
 * (lt_trace_options, trace.h; lt_among_holders, investigate.h).
 *
 * The document is the test's own: a title and 30 lines, each with one
 * author markup slot {{a|b}} (always used, whatever the rule policy), so a
 * retyped copy of it carries exactly one bit a line under the uniform
 * code.  Issued to 100 recipients:
 *  - 25 retyped lines are 25 bits: too few among all 100 (26.6 needed at
 *    1e-6), enough among 12 named candidates (23.5 needed) that hold the
 *    leaker's copy;
 *  - a set that does not hold the leaker's copy never yields an
 *    accusation, over many trials (fixed seeds) of full copies, excerpts
 *    and mixes of two copies;
 *  - the set, its basis, size and reason are in the result, its JSON and
 *    the ledger's trace event.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "leaktrace/buf.h"
#include "leaktrace/document.h"
#include "leaktrace/error.h"
#include "leaktrace/investigate.h"
#include "leaktrace/issue.h"
#include "leaktrace/ledger.h"
#include "leaktrace/trace.h"
#include "leaktrace/vault.h"
#include "support/support.h"

#define RECIPIENTS 100
#define LINES 30

static char vault_dir[512];
static lt_vault *vault;
static char *names[RECIPIENTS];
static char *copies[RECIPIENTS]; /* each copy retyped: typography gone */

static const char *const words_a[LINES] = {
	"alpha", "gamma", "red", "north", "oak", "river", "iron", "spring",
	"violin", "lion", "maple", "salt", "wool", "canal", "comet", "falcon",
	"garnet", "quartz", "tulip", "walnut", "raven", "silver", "pebble",
	"meadow", "candle", "anchor", "barley", "cobalt", "willow", "thistle"};
static const char *const words_b[LINES] = {
	"beta", "delta", "blue", "south", "pine", "lake", "copper", "autumn",
	"cello", "tiger", "cedar", "sugar", "linen", "harbour", "meteor", "heron",
	"opal", "basalt", "daisy", "almond", "crow", "bronze", "boulder",
	"orchard", "lantern", "compass", "millet", "indigo", "poplar", "clover"};

/* What retyping does to the typographic channel: no-break spaces, curly
 * quotes and dashes become plain characters (in place). */
static void retype(char *s)
{
	char *w = s;
	const unsigned char *r = (const unsigned char *)s;

	while (*r) {
		if (r[0] == 0xc2 && r[1] == 0xa0) {
			*w++ = ' ';
			r += 2;
		} else if (r[0] == 0xe2 && r[1] == 0x80 &&
			   (r[2] == 0x98 || r[2] == 0x99)) {
			*w++ = '\'';
			r += 3;
		} else if (r[0] == 0xe2 && r[1] == 0x80 &&
			   (r[2] == 0x9c || r[2] == 0x9d)) {
			*w++ = '"';
			r += 3;
		} else if (r[0] == 0xe2 && r[1] == 0x80 &&
			   (r[2] == 0x93 || r[2] == 0x94)) {
			*w++ = '-';
			r += 3;
		} else {
			*w++ = (char)*r++;
		}
	}
	*w = '\0';
}

static int setup(void **state)
{
	lt_document_info *info;
	lt_issue_result *res;
	lt_buf doc = {0};
	char out[600];
	size_t i, len;

	(void)state;
	vault = ts_vault(vault_dir, sizeof(vault_dir), "among");
	lt_buf_puts(&doc, "Inventory notes for the storeroom\n");
	for (i = 0; i < LINES; i++)
		lt_buf_printf(&doc, "Shelf %zu holds the {{%s|%s}} crate\n", i + 1,
			      words_a[i], words_b[i]);
	assert_int_equal(lt_document_register_buffer(&info, vault, doc.data,
						     doc.len, "inv.md", "inv",
						     NULL), LT_OK);
	lt_document_info_free(info);
	lt_buf_free(&doc);
	for (i = 0; i < RECIPIENTS; i++) {
		char n[32];

		snprintf(n, sizeof(n), "Officer %zu", i + 1);
		names[i] = strdup(n);
	}
	snprintf(out, sizeof(out), "%s/copies", vault_dir);
	assert_int_equal(lt_issue(&res, vault, "inv",
				  (const char *const *)names, RECIPIENTS, out,
				  "md"), LT_OK);
	assert_int_equal(res->n, RECIPIENTS);
	for (i = 0; i < RECIPIENTS; i++) {
		/* Issued in the order given. */
		assert_string_equal(res->copies[i].recipient, names[i]);
		copies[i] = ts_read_file(res->copies[i].path, &len);
		retype(copies[i]);
	}
	lt_issue_result_free(res);
	return 0;
}

static int teardown(void **state)
{
	size_t i;

	(void)state;
	lt_vault_close(vault);
	for (i = 0; i < RECIPIENTS; i++) {
		free(names[i]);
		free(copies[i]);
	}
	return ts_rmdir(vault_dir);
}

/* The first `lines` lines of text (a new string). */
static char *head(const char *text, size_t lines)
{
	const char *p = text;
	char *out;

	while (lines-- && (p = strchr(p, '\n')))
		p++;
	if (!p)
		p = text + strlen(text);
	out = strndup(text, (size_t)(p - text));
	assert_non_null(out);
	return out;
}

/* Line i of copy a for even lines and of copy b for odd ones. */
static char *mix(const char *a, const char *b)
{
	lt_buf m = {0};
	const char *pa = a, *pb = b;
	size_t line = 0;

	while (*pa && *pb) {
		const char *ea = strchr(pa, '\n'), *eb = strchr(pb, '\n');

		if (!ea || !eb)
			break;
		if (line % 2)
			lt_buf_append(&m, pb, (size_t)(eb - pb + 1));
		else
			lt_buf_append(&m, pa, (size_t)(ea - pa + 1));
		pa = ea + 1;
		pb = eb + 1;
		line++;
	}
	return lt_buf_detach(&m, NULL);
}

static lt_trace_result *trace_among(const char *text,
				    const char *const *among, size_t n)
{
	lt_trace_options opt = {0};
	lt_trace_result *r;

	opt.among = among;
	opt.namong = n;
	assert_int_equal(lt_trace_text_ex(&r, vault, text, strlen(text), &opt),
			 LT_OK);
	return r;
}

static size_t accused(const lt_trace_result *r, const char **who)
{
	size_t i, n = 0;

	for (i = 0; i < r->nsuspects; i++)
		if (r->suspects[i].accused) {
			n++;
			*who = r->suspects[i].recipient;
		}
	return n;
}

/* (a) 25 bits: inconclusive among all 100, accused among 12 named. */
static void test_fewer_bits_among_twelve(void **state)
{
	const char *twelve[12], *who = NULL;
	char *leak = head(copies[16], 1 + 25); /* Officer 17's copy */
	lt_trace_result *r;
	size_t i;

	(void)state;
	for (i = 0; i < 12; i++)
		twelve[i] = names[10 + i]; /* Officers 11..22 */
	r = trace_among(leak, NULL, 0);
	assert_string_equal(r->document, "inv");
	assert_int_equal(r->lexical_observed, 25);
	assert_int_equal(r->typographic_observed, 0);
	assert_true(r->bits > 24.9 && r->bits < 25.1);
	assert_int_equal(r->among, LT_AMONG_ALL);
	assert_int_equal(r->candidate_copies, RECIPIENTS);
	assert_true(r->bits < r->bits_needed);
	assert_int_equal(r->verdict, LT_VERDICT_INCONCLUSIVE);
	assert_int_equal(accused(r, &who), 0);
	/* The leaker does score best: the bound, not the score, holds back. */
	assert_string_equal(r->suspects[0].recipient, "Officer 17");
	lt_trace_result_free(r);

	r = trace_among(leak, twelve, 12);
	assert_int_equal(r->among, LT_AMONG_NAMED);
	assert_int_equal(r->ncandidates, 12);
	assert_int_equal(r->candidate_copies, 12);
	assert_int_equal(r->outside, RECIPIENTS - 12);
	assert_true(r->bits_needed < r->bits && r->bits < r->bits_needed_all);
	assert_int_equal(r->verdict, LT_VERDICT_IDENTIFIED);
	assert_int_equal(accused(r, &who), 1);
	assert_string_equal(who, "Officer 17");
	assert_true(r->suspects[0].p_false < 1e-6);
	/* Only candidates are ranked. */
	for (i = 0; i < r->nsuspects; i++) {
		int n = atoi(r->suspects[i].recipient + strlen("Officer "));

		assert_true(n >= 11 && n <= 22);
	}
	lt_trace_result_free(r);
	free(leak);
}

/* A candidate set of `k` drawn by `rng` from everyone but `skip1` and
 * `skip2` (indexes; -1 for none), into set[]. */
static void draw_set(const char **set, size_t k, uint64_t *rng, long skip1,
		     long skip2)
{
	unsigned char used[RECIPIENTS] = {0};
	size_t n = 0;

	if (skip1 >= 0)
		used[skip1] = 1;
	if (skip2 >= 0)
		used[skip2] = 1;
	while (n < k) {
		size_t i = (size_t)(ts_rng(rng) % RECIPIENTS);

		if (used[i])
			continue;
		used[i] = 1;
		set[n++] = names[i];
	}
}

/*
 * (b) A set that does not hold the leaker's copy never yields an
 * accusation: full copies (30 bits, enough among all), excerpts, and
 * mixes of two copies outside the set, 240 trials with a fixed seed;
 * the same leaks among sets that do hold the leaker's copy accuse nobody
 * else.
 */
static void test_innocent_set_never_accused(void **state)
{
	uint64_t rng = 0x5eed1e55;
	size_t t, outside_wins = 0, hits = 0, full_hits = 0;

	(void)state;
	for (t = 0; t < 240; t++) {
		const char *set[12], *who = NULL;
		long l1 = (long)(ts_rng(&rng) % RECIPIENTS), l2 = -1;
		size_t k = 1 + (size_t)(ts_rng(&rng) % 12);
		lt_trace_result *r;
		char *leak;

		switch (t % 3) {
		case 0: /* the whole copy */
			leak = strdup(copies[l1]);
			break;
		case 1: /* an excerpt of 20 to 30 lines */
			leak = head(copies[l1], 1 + 20 + (t / 3) % 11);
			break;
		default: /* two copies mixed line by line */
			do
				l2 = (long)(ts_rng(&rng) % RECIPIENTS);
			while (l2 == l1);
			leak = mix(copies[l1], copies[l2]);
			break;
		}
		assert_non_null(leak);
		draw_set(set, k, &rng, l1, l2);
		r = trace_among(leak, set, k);
		assert_int_equal(r->among, LT_AMONG_NAMED);
		assert_int_equal(r->candidate_copies, k);
		assert_int_not_equal(r->verdict, LT_VERDICT_IDENTIFIED);
		assert_int_equal(accused(r, &who), 0);
		if (r->outside_best.recipient &&
		    (!strcmp(r->outside_best.recipient, names[l1]) ||
		     (l2 >= 0 && !strcmp(r->outside_best.recipient, names[l2]))))
			outside_wins++;
		lt_trace_result_free(r);

		/* The same leak among a set holding the leaker(s): nobody
		 * outside the leakers is ever accused. */
		set[0] = names[l1];
		if (l2 >= 0 && k > 1)
			set[1] = names[l2];
		r = trace_among(leak, set, k);
		if (accused(r, &who) > 0) {
			size_t i;

			for (i = 0; i < r->nsuspects; i++)
				if (r->suspects[i].accused)
					assert_true(!strcmp(r->suspects[i].recipient,
							    names[l1]) ||
						    (l2 >= 0 &&
						     !strcmp(r->suspects[i].recipient,
							     names[l2])));
			hits++;
			full_hits += t % 3 == 0;
		}
		lt_trace_result_free(r);
		free(leak);
	}
	/* The leak's own copy is the best outsider nearly always, and every
	 * whole copy (30 bits) is named among a set holding it. */
	print_message("among: 240 innocent sets, 0 accused; best outsider was "
		      "a leaker %zu/240; leaker in the set named %zu/240 "
		      "(whole copies %zu/80)\n", outside_wins, hits, full_hits);
	assert_true(outside_wins >= 180);
	assert_int_equal(full_hits, 80);
}

/* (c) The set is in the result, its JSON and the ledger's event. */
static void test_set_reported(void **state)
{
	const char *three[] = {"Officer 5", "Officer 17", "Officer 5",
			       "Officer 40"};
	char *leak = head(copies[16], 1 + 25);
	lt_trace_result *r = trace_among(leak, three, 4);
	lt_buf out = {0};
	json_t *doc, *among;
	json_error_t err;
	size_t n;

	(void)state;
	/* Duplicates count once; names sorted. */
	assert_int_equal(r->ncandidates, 3);
	assert_string_equal(r->candidates[0], "Officer 17");
	assert_string_equal(r->candidates[1], "Officer 40");
	assert_string_equal(r->candidates[2], "Officer 5");
	assert_non_null(r->among_reason);
	assert_non_null(strstr(r->explanation, "among the 3 candidate copies"));
	assert_int_equal(lt_trace_result_json(&out, r), LT_OK);
	doc = json_loadb(out.data, out.len, 0, &err);
	assert_non_null(doc);
	among = json_object_get(doc, "among");
	assert_string_equal(json_string_value(json_object_get(among, "basis")),
			    "named");
	assert_int_equal(json_integer_value(json_object_get(among, "size")), 3);
	assert_int_equal(json_integer_value(json_object_get(among, "copies")), 3);
	assert_int_equal(json_integer_value(json_object_get(among, "outside")),
			 RECIPIENTS - 3);
	assert_int_equal(json_array_size(json_object_get(among, "candidates")),
			 3);
	assert_true(json_is_string(json_object_get(among, "reason")));
	assert_true(json_is_null(json_object_get(among, "first_sighting")));
	assert_true(json_is_object(json_object_get(among, "outside_best")));
	assert_true(json_real_value(json_object_get(among, "bits_needed_all")) >
		    json_real_value(json_object_get(
			    json_object_get(doc, "slots"), "bits_needed")));
	json_decref(doc);
	lt_buf_free(&out);
	lt_trace_result_free(r);

	/* Without a set: basis "all", every recipient. */
	r = trace_among(leak, NULL, 0);
	assert_int_equal(lt_trace_result_json(&out, r), LT_OK);
	doc = json_loadb(out.data, out.len, 0, &err);
	among = json_object_get(doc, "among");
	assert_string_equal(json_string_value(json_object_get(among, "basis")),
			    "all");
	n = (size_t)json_integer_value(json_object_get(among, "size"));
	assert_int_equal(n, RECIPIENTS);
	json_decref(doc);
	lt_buf_free(&out);
	lt_trace_result_free(r);
	free(leak);
}

/* The ledger's last trace event names the set. */
static void test_set_recorded(void **state)
{
	const char *two[] = {"Officer 17", "Officer 3"};
	char *leak = head(copies[16], 1 + 25);
	lt_trace_result *r = trace_among(leak, two, 2);
	lt_event *e = NULL;
	size_t n = 0, i;
	const char *detail = NULL;

	(void)state;
	lt_trace_result_free(r);
	assert_int_equal(lt_ledger_events(&e, &n, vault, 0, 0), LT_OK);
	for (i = n; i-- > 0;)
		if (!strcmp(e[i].kind, "trace")) {
			detail = e[i].detail;
			break;
		}
	assert_non_null(detail);
	assert_non_null(strstr(detail, "\"among\":{\"basis\":\"named\","
				       "\"size\":2,\"copies\":2"));
	assert_non_null(strstr(detail, "\"candidates\":[\"Officer 17\","
				       "\"Officer 3\"]"));
	lt_events_free(e, n);
	free(leak);
}

/* Names that hold no copy are refused; both kinds of set at once too. */
static void test_bad_sets(void **state)
{
	const char *bad[] = {"Officer 3", "Nobody"};
	char *leak = head(copies[16], 1 + 25);
	lt_trace_options opt = {0};
	lt_trace_result *r = NULL;

	(void)state;
	opt.among = bad;
	opt.namong = 2;
	assert_int_equal(lt_trace_text_ex(&r, vault, leak, strlen(leak), &opt),
			 LT_ENOTFOUND);
	assert_null(r);
	assert_non_null(strstr(lt_vault_errmsg(vault), "'Nobody'"));
	opt.among_fn = lt_among_holders;
	assert_int_equal(lt_trace_text_ex(&r, vault, leak, strlen(leak), &opt),
			 LT_EUSAGE);
	bad[1] = "";
	opt.among_fn = NULL;
	assert_int_equal(lt_trace_text_ex(&r, vault, leak, strlen(leak), &opt),
			 LT_EUSAGE);
	free(leak);
}

/* A set function sees the document only; an empty set accuses nobody. */
static int seen_calls;

static int empty_set(lt_among_set *out, lt_vault *v, const char *document,
		     void *ctx)
{
	(void)v;
	assert_string_equal(document, "inv");
	assert_ptr_equal(ctx, &seen_calls);
	seen_calls++;
	out->basis = LT_AMONG_NAMED;
	out->reason = strdup("nobody, for the test");
	return out->reason ? LT_OK : LT_ENOMEM;
}

static void test_empty_set(void **state)
{
	char *leak = strdup(copies[16]); /* 30 bits: enough among all */
	lt_trace_options opt = {0};
	lt_trace_result *r;
	const char *who;

	(void)state;
	opt.among_fn = empty_set;
	opt.among_ctx = &seen_calls;
	assert_int_equal(lt_trace_text_ex(&r, vault, leak, strlen(leak), &opt),
			 LT_OK);
	assert_int_equal(seen_calls, 1);
	assert_int_equal(r->candidate_copies, 0);
	assert_int_equal(r->nsuspects, 0);
	assert_int_equal(accused(r, &who), 0);
	assert_int_equal(r->verdict, LT_VERDICT_INCONCLUSIVE);
	assert_string_equal(r->outside_best.recipient, "Officer 17");
	assert_non_null(strstr(r->explanation, "nobody can be accused"));
	lt_trace_result_free(r);
	free(leak);
}

/* Holders before the first sighting: with none recorded, everyone who
 * holds a copy now, and the reason says so. */
static void test_holders_without_sighting(void **state)
{
	char *leak = strdup(copies[16]);
	lt_trace_options opt = {0};
	lt_trace_result *r;
	const char *who = NULL;

	(void)state;
	opt.among_fn = lt_among_holders;
	assert_int_equal(lt_trace_text_ex(&r, vault, leak, strlen(leak), &opt),
			 LT_OK);
	assert_int_equal(r->among, LT_AMONG_HOLDERS);
	assert_int_equal(r->ncandidates, RECIPIENTS);
	assert_int_equal(r->candidate_copies, RECIPIENTS);
	assert_null(r->first_sighting);
	assert_non_null(strstr(r->among_reason, "no dated sighting"));
	assert_int_equal(accused(r, &who), 1);
	assert_string_equal(who, "Officer 17");
	lt_trace_result_free(r);
	free(leak);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fewer_bits_among_twelve),
		cmocka_unit_test(test_innocent_set_never_accused),
		cmocka_unit_test(test_set_reported),
		cmocka_unit_test(test_set_recorded),
		cmocka_unit_test(test_bad_sets),
		cmocka_unit_test(test_empty_set),
		cmocka_unit_test(test_holders_without_sighting),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
