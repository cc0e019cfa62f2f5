/*
 * test_review.c - the author's review of suggested marks: decisions kept
 * in the vault (schema migration 9) and logged as "review" events, applied
 * wherever a document's slot set is loaded, reported in the capacities,
 * refused once copies are issued, and issue and trace agreeing on which
 * slots count.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "leaktrace/leaktrace.h"
#include "identify/doc.h"
#include "support/support.h"

#define MEMO "samples/memo-audit.txt"

static char vault_dir[256];

static lt_vault *new_vault_with_memo(void)
{
	lt_vault *v = ts_vault(vault_dir, sizeof(vault_dir), "review-test");
	lt_document_info *d;

	assert_int_equal(lt_document_register(&d, v, MEMO, "memo", NULL), LT_OK);
	assert_true(d->suggestions > 0);
	lt_document_info_free(d);
	return v;
}

static void drop_vault(lt_vault *v)
{
	lt_vault_close(v);
	assert_int_equal(ts_rmdir(vault_dir), 0);
}


/* The slot set and its suggestions (first slot of each). */
static lt_slot_set *slots_of(lt_vault *v, size_t **first, size_t *n)
{
	lt_slot_set *set;

	assert_int_equal(lt_document_slots(&set, v, "memo"), LT_OK);
	assert_int_equal(lt_document_suggestions(first, n, set), LT_OK);
	return set;
}

/* Every member of every group carries its group's decision. */
static void assert_groups_agree(const lt_slot_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i], *g = &set->slots[s->group];

		assert_int_equal(s->decision, g->decision);
		assert_int_equal(lt_slot_active(s), lt_slot_active(g));
	}
}

static size_t count_events(lt_vault *v, const char *kind, lt_event **last)
{
	lt_event *e;
	size_t n, i, found = 0;

	assert_int_equal(lt_ledger_events(&e, &n, v, 1, 100000), LT_OK);
	for (i = 0; i < n; i++) {
		if (strcmp(e[i].kind, kind))
			continue;
		found++;
		if (last) {
			lt_event_clear(*last);
			(*last)->seq = e[i].seq;
			(*last)->kind = strdup(e[i].kind);
			(*last)->document = e[i].document ? strdup(e[i].document)
							  : NULL;
			(*last)->detail = strdup(e[i].detail);
			(*last)->at = strdup(e[i].at);
		}
	}
	lt_events_free(e, n);
	return found;
}

static void assert_ledger_ok(lt_vault *v)
{
	lt_ledger_report *r;

	assert_int_equal(lt_ledger_verify(&r, v), LT_OK);
	if (r->nproblems)
		fail_msg("ledger: %s", r->problems[0].message);
	lt_ledger_report_free(r);
}

/* ---------------------------------------------------------------------
 * Schema
 * ------------------------------------------------------------------- */

static void test_migration(void **state)
{
	lt_vault *v = ts_vault(vault_dir, sizeof(vault_dir), "review-test");
	lt_document_info *d;

	(void)state;
	assert_int_equal(lt_vault_schema_version(v), 11);
	/* A vault of schema 8 gets the decisions table (and that of kept
	 * originals, schema 10, and the figures' hashes, 11) on its next
	 * open. */
	ts_sql(v, "DROP TABLE originals; DROP TABLE slot_decisions; "
	       "DROP INDEX page_hashes_unique; "
	       "ALTER TABLE page_hashes DROP COLUMN figure; "
	       "CREATE UNIQUE INDEX page_hashes_unique"
	       "  ON page_hashes(doc, ifnull(copy, 0), page, hash); "
	       "PRAGMA user_version=8;");
	lt_vault_close(v);
	assert_int_equal(lt_vault_open(&v, vault_dir), LT_OK);
	assert_int_equal(lt_vault_schema_version(v), 11);
	assert_int_equal(lt_document_register(&d, v, MEMO, "memo", NULL), LT_OK);
	lt_document_info_free(d);
	assert_int_equal(lt_document_review(v, "memo", (unsigned[]){1}, 1,
					    LT_DECISION_APPROVED, NULL), LT_OK);
	drop_vault(v);
}

/* ---------------------------------------------------------------------
 * Decisions by number
 * ------------------------------------------------------------------- */

static void test_review_numbers(void **state)
{
	lt_vault *v = new_vault_with_memo();
	lt_document_info *before, *after;
	lt_event ev = {0}, *evp = &ev;
	lt_slot_set *set;
	size_t *first, n, changed = 99;
	unsigned nums[] = {1, 2, 2};

	(void)state;
	set = slots_of(v, &first, &n);
	assert_true(n >= 3);
	for (size_t i = 0; i < set->n; i++) {
		assert_int_equal(set->slots[i].decision, LT_DECISION_PENDING);
		assert_int_equal(lt_slot_active(&set->slots[i]),
				 set->slots[i].use == LT_SLOT_DEFAULT);
	}
	lt_slot_set_free(set);
	free(first);
	assert_int_equal(lt_document_get(&before, v, "memo"), LT_OK);
	assert_int_equal(before->approved + before->rejected, 0);
	assert_true(before->cap_lexical == before->default_cap_lexical);
	assert_true(before->all_cap_lexical > before->default_cap_lexical);

	/* Approving 1 and 2 (2 twice) records two decisions, one event. */
	assert_int_equal(lt_document_review(v, "memo", nums, 3,
					    LT_DECISION_APPROVED, &changed), LT_OK);
	assert_int_equal(changed, 2);
	assert_int_equal(count_events(v, LT_EVENT_REVIEW, &evp), 1);
	assert_string_equal(ev.document, "memo");
	assert_non_null(strstr(ev.detail, "\"decision\":\"approved\""));
	assert_non_null(strstr(ev.detail, "\"suggestions\":[1,2]"));
	set = slots_of(v, &first, &n);
	assert_int_equal(set->slots[first[0]].decision, LT_DECISION_APPROVED);
	assert_int_equal(set->slots[first[1]].decision, LT_DECISION_APPROVED);
	assert_int_equal(set->slots[first[2]].decision, LT_DECISION_PENDING);
	assert_true(lt_slot_active(&set->slots[first[0]]));
	assert_groups_agree(set);
	lt_slot_set_free(set);
	free(first);
	assert_int_equal(lt_document_get(&after, v, "memo"), LT_OK);
	assert_int_equal(after->approved, 2);
	assert_true(after->cap_lexical > before->cap_lexical);
	assert_true(after->all_cap_lexical == before->all_cap_lexical);
	assert_true(after->default_cap_lexical == before->default_cap_lexical);
	lt_document_info_free(after);

	/* The same again changes nothing and logs nothing. */
	assert_int_equal(lt_document_review(v, "memo", nums, 1,
					    LT_DECISION_APPROVED, &changed), LT_OK);
	assert_int_equal(changed, 0);
	assert_int_equal(count_events(v, LT_EVENT_REVIEW, NULL), 1);

	/* The author changes their mind: rejected, and inactive again. */
	assert_int_equal(lt_document_review(v, "memo", nums, 1,
					    LT_DECISION_REJECTED, &changed), LT_OK);
	assert_int_equal(changed, 1);
	assert_int_equal(count_events(v, LT_EVENT_REVIEW, &evp), 2);
	assert_non_null(strstr(ev.detail, "\"decision\":\"rejected\""));
	set = slots_of(v, &first, &n);
	assert_int_equal(set->slots[first[0]].decision, LT_DECISION_REJECTED);
	assert_false(lt_slot_active(&set->slots[first[0]]));
	assert_groups_agree(set);
	lt_slot_set_free(set);
	free(first);
	assert_int_equal(lt_document_get(&after, v, "memo"), LT_OK);
	assert_int_equal(after->approved, 1);
	assert_int_equal(after->rejected, 1);
	lt_document_info_free(after);
	lt_document_info_free(before);
	lt_event_clear(&ev);
	assert_ledger_ok(v);
	drop_vault(v);
}

static void test_review_errors(void **state)
{
	lt_vault *v = new_vault_with_memo();
	lt_document_info *d;
	unsigned zero = 0, big = 100000, one = 1;
	size_t matched;

	(void)state;
	assert_int_equal(lt_document_get(&d, v, "memo"), LT_OK);
	assert_int_equal(lt_document_review(v, "memo", &zero, 1,
					    LT_DECISION_APPROVED, NULL), LT_EUSAGE);
	assert_int_equal(lt_document_review(v, "memo", &big, 1,
					    LT_DECISION_APPROVED, NULL), LT_EUSAGE);
	assert_non_null(strstr(lt_vault_errmsg(v), "numbered 1 to"));
	assert_int_equal(lt_document_review(v, "memo", &one, 0,
					    LT_DECISION_APPROVED, NULL), LT_EUSAGE);
	assert_int_equal(lt_document_review(v, "memo", &one, 1,
					    LT_DECISION_PENDING, NULL), LT_EUSAGE);
	assert_int_equal(lt_document_review(v, "nosuch", &one, 1,
					    LT_DECISION_APPROVED, NULL),
			 LT_ENOTFOUND);
	assert_int_equal(lt_document_review_family(v, "memo", "synonyms",
						   LT_DECISION_APPROVED, &matched,
						   NULL), LT_EUSAGE);
	assert_non_null(strstr(lt_vault_errmsg(v), "'synonyms'"));
	/* A family the document has no suggestion of: nothing, no error. */
	assert_int_equal(lt_document_review_family(v, "memo", "markup",
						   LT_DECISION_APPROVED, &matched,
						   NULL), LT_OK);
	assert_int_equal(matched, 0);
	/* None of it recorded anything. */
	assert_int_equal(count_events(v, LT_EVENT_REVIEW, NULL), 0);
	lt_document_info_free(d);
	assert_int_equal(lt_document_get(&d, v, "memo"), LT_OK);
	assert_int_equal(d->approved + d->rejected, 0);
	lt_document_info_free(d);
	drop_vault(v);
}

/* ---------------------------------------------------------------------
 * Decisions by family
 * ------------------------------------------------------------------- */

static void test_review_family(void **state)
{
	lt_vault *v = new_vault_with_memo();
	lt_slot_set *set;
	lt_document_info *d;
	size_t *first, n, i, synonyms = 0, matched, changed;
	unsigned fam = 0;

	(void)state;
	set = slots_of(v, &first, &n);
	for (i = 0; i < lt_slot_family_count(); i++)
		if (lt_slot_family_name((unsigned)i) &&
		    !strcmp(lt_slot_family_name((unsigned)i), "synonym"))
			fam = (unsigned)i;
	for (i = 0; i < n; i++)
		synonyms += set->slots[first[i]].family == fam;
	assert_true(synonyms > 0 && synonyms < n);
	lt_slot_set_free(set);
	free(first);

	assert_int_equal(lt_document_review_family(v, "memo", "synonym",
						   LT_DECISION_APPROVED, &matched,
						   &changed), LT_OK);
	assert_int_equal(matched, synonyms);
	assert_int_equal(changed, synonyms);
	set = slots_of(v, &first, &n);
	for (i = 0; i < n; i++)
		assert_int_equal(set->slots[first[i]].decision,
				 set->slots[first[i]].family == fam
					 ? LT_DECISION_APPROVED
					 : LT_DECISION_PENDING);
	assert_groups_agree(set);
	lt_slot_set_free(set);
	free(first);

	/* Every suggestion: all active, capacity now that of all. */
	assert_int_equal(lt_document_review_family(v, "memo", NULL,
						   LT_DECISION_APPROVED, &matched,
						   &changed), LT_OK);
	assert_int_equal(matched, n);
	assert_int_equal(changed, n - synonyms);
	set = slots_of(v, &first, &n);
	for (i = 0; i < set->n; i++)
		assert_true(lt_slot_active(&set->slots[i]));
	lt_slot_set_free(set);
	free(first);
	assert_int_equal(lt_document_get(&d, v, "memo"), LT_OK);
	assert_true(d->cap_lexical == d->all_cap_lexical);
	assert_int_equal(d->approved, d->suggestions);
	lt_document_info_free(d);
	assert_int_equal(count_events(v, LT_EVENT_REVIEW, NULL), 2);
	assert_ledger_ok(v);
	drop_vault(v);
}

/* ---------------------------------------------------------------------
 * Issue, trace and the rule after issue
 * ------------------------------------------------------------------- */

typedef struct copy_text {
	lt_buf text;
} copy_text;

static int take(void *ctx, const char *name, const void *data, size_t len,
		const char *format)
{
	copy_text *c = ctx;

	(void)name;
	(void)format;
	return lt_buf_append(&c->text, data, len);
}

static void issue_one(lt_vault *v, const char *to, lt_buf *text)
{
	lt_issue_options opt = {0};
	lt_issue_result *r;
	copy_text c = {{0}};

	opt.format = "txt";
	opt.sink = take;
	opt.sink_ctx = &c;
	assert_int_equal(lt_issue_ex(&r, v, "memo", &to, 1, NULL, &opt), LT_OK);
	lt_issue_result_free(r);
	*text = c.text;
}

/* The leak retyped: straight quotes, plain spaces, single spaces. */
static void retype(lt_buf *t)
{
	lt_buf out = {0};
	size_t i;

	for (i = 0; i < t->len; i++) {
		const unsigned char *p = (const unsigned char *)t->data + i;

		if (p[0] == 0xe2 && i + 2 < t->len && p[1] == 0x80 &&
		    (p[2] == 0x98 || p[2] == 0x99)) {
			lt_buf_append(&out, "'", 1);
			i += 2;
		} else if (p[0] == 0xe2 && i + 2 < t->len && p[1] == 0x80 &&
			   (p[2] == 0x9c || p[2] == 0x9d)) {
			lt_buf_append(&out, "\"", 1);
			i += 2;
		} else if (p[0] == 0xc2 && i + 1 < t->len && p[1] == 0xa0) {
			lt_buf_append(&out, " ", 1);
			i += 1;
		} else if (p[0] == ' ' && out.len && out.data[out.len - 1] == ' ') {
			continue;
		} else {
			lt_buf_append(&out, (const char *)p, 1);
		}
	}
	lt_buf_free(t);
	*t = out;
}

static void test_issue_trace_and_refusal(void **state)
{
	lt_vault *v = new_vault_with_memo();
	const char *names[] = {"A. Reader", "B. Writer", "C. Clerk", "D. Deputy"};
	lt_trace_result *tr;
	lt_slot_set *set;
	lt_buf copy = {0};
	size_t *first, n, i, changed;
	unsigned one = 1;
	lt_event ev = {0}, *evp = &ev;

	(void)state;
	assert_int_equal(lt_document_review_family(v, "memo", NULL,
						   LT_DECISION_APPROVED, NULL,
						   &changed), LT_OK);
	assert_true(changed > 0);
	for (i = 1; i < 4; i++) {
		lt_issue_result *r;
		lt_issue_options opt = {0};
		copy_text c = {{0}};

		opt.format = "txt";
		opt.sink = take;
		opt.sink_ctx = &c;
		assert_int_equal(lt_issue_ex(&r, v, "memo", &names[i], 1, NULL,
					     &opt), LT_OK);
		lt_issue_result_free(r);
		lt_buf_free(&c.text);
	}
	issue_one(v, names[0], &copy);
	retype(&copy);
	/* Retyped, only lexical marks survive: the approved suggestions
	 * carry enough of them to name the reader among four. */
	assert_int_equal(lt_trace_text(&tr, v, copy.data, copy.len), LT_OK);
	assert_non_null(tr->document);
	assert_true(tr->lexical_observed > 0);
	assert_int_equal(tr->typographic_observed, 0);
	assert_true(tr->nsuspects > 0);
	assert_string_equal(tr->suspects[0].recipient, names[0]);
	assert_true(tr->suspects[0].accused);
	for (i = 1; i < tr->nsuspects; i++)
		assert_false(tr->suspects[i].accused);
	lt_trace_result_free(tr);
	lt_buf_free(&copy);

	/* Once copies exist, every decision is refused, and nothing is
	 * recorded. */
	assert_int_equal(count_events(v, LT_EVENT_REVIEW, NULL), 1);
	assert_int_equal(lt_document_review(v, "memo", &one, 1,
					    LT_DECISION_REJECTED, NULL), LT_EUSAGE);
	assert_non_null(strstr(lt_vault_errmsg(v), "so its marks are fixed"));
	assert_int_equal(lt_document_review_family(v, "memo", "synonym",
						   LT_DECISION_REJECTED, NULL,
						   NULL), LT_EUSAGE);
	assert_int_equal(lt_document_review_family(v, "memo", NULL,
						   LT_DECISION_APPROVED, NULL,
						   NULL), LT_EUSAGE);
	assert_int_equal(count_events(v, LT_EVENT_REVIEW, &evp), 1);
	set = slots_of(v, &first, &n);
	for (i = 0; i < n; i++)
		assert_int_equal(set->slots[first[i]].decision,
				 LT_DECISION_APPROVED);
	lt_slot_set_free(set);
	free(first);
	lt_event_clear(&ev);
	assert_ledger_ok(v);
	drop_vault(v);
}

/* Pending suggestions are neither written nor read: a retyped copy shows
 * no more lexical marks than the default ones. */
static void test_pending_not_written(void **state)
{
	lt_vault *v = new_vault_with_memo();
	lt_document_info *d;
	lt_trace_result *tr;
	lt_slot_set *set;
	lt_buf copy = {0}, other = {0};
	size_t *first, n, i;

	(void)state;
	issue_one(v, "B. Writer", &other);
	issue_one(v, "A. Reader", &copy);
	retype(&copy);
	assert_int_equal(lt_document_get(&d, v, "memo"), LT_OK);
	assert_int_equal(lt_trace_text(&tr, v, copy.data, copy.len), LT_OK);
	assert_non_null(tr->document);
	assert_true(tr->lexical_observed <= d->default_lexical_slots);
	assert_true(d->default_lexical_slots < d->all_lexical_slots);
	lt_trace_result_free(tr);
	lt_document_info_free(d);
	set = slots_of(v, &first, &n);
	for (i = 0; i < n; i++) {
		const lt_slot *s = &set->slots[first[i]];
		lt_buf ctx = {0};

		assert_false(lt_slot_active(s));
		assert_int_equal(lt_slot_context(&ctx, set, first[i], 30), LT_OK);
		assert_non_null(strchr(ctx.data, '['));
		assert_null(strchr(ctx.data, '\n'));
		lt_buf_free(&ctx);
	}
	lt_slot_set_free(set);
	free(first);
	lt_buf_free(&copy);
	lt_buf_free(&other);
	drop_vault(v);
}

/* A decision recorded after issue loaded the document: issue refuses
 * to record copies made with the old decisions. */
static void test_decisions_changed_under_issue(void **state)
{
	lt_vault *v = new_vault_with_memo();
	lt_doc *d;
	unsigned one = 1;

	(void)state;
	assert_int_equal(lt_doc_load(&d, v, "memo", 0), LT_OK);
	assert_int_equal(lt_doc_decisions_current(v, d), LT_OK);
	assert_int_equal(lt_document_review(v, "memo", &one, 1,
					    LT_DECISION_APPROVED, NULL), LT_OK);
	assert_int_equal(lt_doc_decisions_current(v, d), LT_EUSAGE);
	lt_doc_free(d);
	assert_int_equal(lt_doc_load(&d, v, "memo", 0), LT_OK);
	assert_int_equal(lt_doc_decisions_current(v, d), LT_OK);
	lt_doc_free(d);
	drop_vault(v);
}

/* A decision on a slot that is no suggestion is a damaged vault. */
static void test_damaged_decision(void **state)
{
	lt_vault *v = new_vault_with_memo();
	lt_slot_set *set;
	size_t i;
	char q[200];

	(void)state;
	assert_int_equal(lt_document_slots(&set, v, "memo"), LT_OK);
	for (i = 0; i < set->n && set->slots[i].use != LT_SLOT_DEFAULT; i++)
		;
	assert_true(i < set->n);
	lt_slot_set_free(set);
	snprintf(q, sizeof(q), "INSERT INTO slot_decisions VALUES((SELECT rowid "
		 "FROM documents WHERE id='memo'), %zu, 'approved', "
		 "'2026-01-01T00:00:00Z')", i);
	ts_sql(v, q);
	assert_int_equal(lt_document_slots(&set, v, "memo"), LT_EVAULT);
	assert_non_null(strstr(lt_vault_errmsg(v), "not a suggestion"));
	drop_vault(v);
}

/* The decisions must be those the ledger's review events record. */
static size_t unlogged_decisions(lt_vault *v, const char *expect)
{
	lt_ledger_report *r;
	size_t i, n = 0;

	assert_int_equal(lt_ledger_verify(&r, v), LT_OK);
	for (i = 0; i < r->nproblems; i++) {
		assert_int_equal(r->problems[i].kind, LT_PROBLEM_UNLOGGED);
		if (expect && !strstr(r->problems[i].message, expect))
			fail_msg("problem: %s", r->problems[i].message);
		n++;
	}
	lt_ledger_report_free(r);
	return n;
}

static void test_decisions_against_ledger(void **state)
{
	lt_vault *v = new_vault_with_memo();
	unsigned nums[] = {1, 2};
	size_t *first, n;
	lt_slot_set *set;
	char q[300];

	(void)state;
	assert_int_equal(lt_document_review(v, "memo", nums, 2,
					    LT_DECISION_APPROVED, NULL), LT_OK);
	assert_int_equal(lt_document_review(v, "memo", nums, 1,
					    LT_DECISION_REJECTED, NULL), LT_OK);
	assert_int_equal(unlogged_decisions(v, NULL), 0);
	set = slots_of(v, &first, &n);
	/* Turned back by hand to what an older event said. */
	snprintf(q, sizeof(q), "UPDATE slot_decisions SET decision='approved' "
		 "WHERE slot_group=%zu", first[0]);
	ts_sql(v, q);
	assert_int_equal(unlogged_decisions(v, "not the one the last review"),
			 1);
	/* Deleted by hand. */
	snprintf(q, sizeof(q), "DELETE FROM slot_decisions WHERE slot_group=%zu",
		 first[0]);
	ts_sql(v, q);
	assert_int_equal(unlogged_decisions(v, "no decision recorded"), 1);
	/* Added by hand. */
	snprintf(q, sizeof(q), "INSERT INTO slot_decisions SELECT doc, %zu, "
		 "'approved', decided_at FROM slot_decisions LIMIT 1;"
		 "DELETE FROM slot_decisions WHERE slot_group <> %zu",
		 first[2], first[2]);
	ts_sql(v, q);
	assert_int_equal(unlogged_decisions(v, NULL), 3);
	lt_slot_set_free(set);
	free(first);
	drop_vault(v);
}

/* Valid UTF-8 (no character cut), no control character. */
static int clean_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t k, n = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1
			    : (*p & 0xf0) == 0xe0 ? 2 : (*p & 0xf8) == 0xf0 ? 3
			    : 9;

		if (n == 9 || (n == 0 && *p < 0x20))
			return 0;
		for (k = 1; k <= n; k++)
			if ((p[k] & 0xc0) != 0x80)
				return 0;
		p += n + 1;
	}
	return 1;
}

static void test_context(void **state)
{
	char plain[] = "Le comité\nrégional a décidé: les élèves\tétudieront "
		       "the main report avec soin, même après l'été prochain.";
	lt_slot slot = {0};
	lt_slot_set set = {0};
	const char *at = strstr(plain, "main");
	size_t width;

	(void)state;
	set.plain = plain;
	set.plain_len = strlen(plain);
	set.slots = &slot;
	set.n = 1;
	slot.start = (uint32_t)(at - plain);
	slot.end = slot.start + 4;
	for (width = 0; width < 80; width++) {
		lt_buf b = {0};

		assert_int_equal(lt_slot_context(&b, &set, 0, width), LT_OK);
		assert_non_null(strstr(b.data, "[main]"));
		if (!clean_utf8(b.data))
			fail_msg("width %zu: '%s'", width, b.data);
		/* Cut at a word: what follows a leading "..." starts a word
		 * of the text. */
		if (!strncmp(b.data, "...", 3) && b.data[3] != '[') {
			char word[64], *sp;
			int found = 0;

			snprintf(word, sizeof(word), "%s", b.data + 3);
			if ((sp = strchr(word, ' ')))
				*sp = '\0';
			for (const char *p = plain; (p = strstr(p, word)); p++)
				found |= p > plain && (p[-1] == ' ' || p[-1] == '\n' ||
						       p[-1] == '\t');
			if (!found)
				fail_msg("width %zu: '%s' cut inside a word", width,
					 b.data);
		}
		assert_true(width >= 60 || strstr(b.data, "...") != NULL);
		lt_buf_free(&b);
	}
	/* A slot past the end writes nothing. */
	{
		lt_buf b = {0};

		assert_int_equal(lt_slot_context(&b, &set, 5, 10), LT_OK);
		assert_int_equal(b.len, 0);
		lt_buf_free(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migration),
		cmocka_unit_test(test_review_numbers),
		cmocka_unit_test(test_review_errors),
		cmocka_unit_test(test_review_family),
		cmocka_unit_test(test_issue_trace_and_refusal),
		cmocka_unit_test(test_pending_not_written),
		cmocka_unit_test(test_decisions_changed_under_issue),
		cmocka_unit_test(test_damaged_decision),
		cmocka_unit_test(test_decisions_against_ledger),
		cmocka_unit_test(test_context),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
