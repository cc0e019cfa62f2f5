/*
 * test_report.c - the HTML report: escaping of hostile strings from the
 * vault, links only for http(s) URLs, one timeline mark and one takedown
 * row per sighting, the first sighting being the earliest posted (time
 * zones included), the changed words of altered copies, and the page of
 * an empty vault.
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
#include "leaktrace/report.h"
#include "store/vault_internal.h"
#include "support/support.h"
#include "store/sqlite_internal.h"

/* ---------------------------------------------------------------------
 * Fixtures
 * ------------------------------------------------------------------- */

static char vault_dir[256];

static lt_vault *make_vault(int with_document)
{
	lt_vault *v = ts_vault(vault_dir, sizeof(vault_dir), "report-test");

	if (with_document) {
		lt_document_info *d;

		assert_int_equal(lt_document_register(&d, v,
			"samples/memo-budget.txt", "budget", "Budget <memo> & co"),
			LT_OK);
		lt_document_info_free(d);
	}
	return v;
}

static void drop_vault(lt_vault *v)
{
	lt_vault_close(v);
	assert_int_equal(ts_rmdir(vault_dir), 0);
}

/* Insert one sighting of "budget"; returns its row id. */
static int64_t add_sighting(lt_vault *v, const char *platform,
			    const char *channel, const char *message,
			    const char *author, const char *posted_at,
			    const char *url, const char *recipient,
			    const char *verify)
{
	sqlite3_stmt *st;

	assert_int_equal(lt_vault_prepare(v, &st,
		"INSERT INTO sightings(doc, platform, channel, message, source, "
		"kind, author, posted_at, url, similarity, words, verdict, copy, "
		"recipient, p_false, verify, first_seen) VALUES ((SELECT rowid "
		"FROM documents WHERE id = 'budget'), ?1, ?2, ?3, '/exports/x', "
		"'text', ?4, ?5, ?6, 0.97, 120, ?7, ?8, ?9, ?10, ?11, "
		"'2024-01-01T00:00:00Z')"), LT_OK);
	sqlite3_bind_text(st, 1, platform, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, message, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, author, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, posted_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, url, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, recipient ? "identified" : "inconclusive", -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(st, 8, recipient ? "c0123456789ab" : NULL, -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(st, 9, recipient, -1, SQLITE_STATIC);
	if (recipient)
		sqlite3_bind_double(st, 10, 3e-9);
	sqlite3_bind_text(st, 11, verify, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	return sqlite3_last_insert_rowid(v->db);
}

static char *report(lt_vault *v, const char *doc, lt_report_summary *sum)
{
	lt_report_options opt = { doc, "2024-05-01T10:00:00Z" };
	lt_buf b = { 0 };

	assert_int_equal(lt_report_html(&b, v, &opt, sum), LT_OK);
	assert_non_null(b.data);
	return lt_buf_detach(&b, NULL);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* The page is one HTML document with nothing outside it. */
static void assert_page(const char *html)
{
	size_t len = strlen(html);

	assert_true(!strncmp(html, "<!DOCTYPE html>\n", 16));
	assert_true(len > 8 && !strcmp(html + len - 8, "</html>\n"));
	assert_int_equal(count(html, "<body>"), 1);
	assert_int_equal(count(html, "</body>"), 1);
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<link"));
	assert_null(strstr(html, " src=\""));
	assert_null(strstr(html, "url("));
}

/* ---------------------------------------------------------------------
 * Escaping
 * ------------------------------------------------------------------- */

static void escape_text(void **state)
{
	lt_buf b = { 0 };

	(void)state;
	assert_int_equal(lt_html_escape(&b, "<a href=\"x\">'&'</a>"), LT_OK);
	assert_string_equal(b.data, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;"
			    "&lt;/a&gt;");
	lt_buf_clear(&b);
	/* Valid UTF-8 passes, invalid bytes and controls become U+FFFD. */
	assert_int_equal(lt_html_escape(&b, "caf\xc3\xa9 \xff\x01x\xc2\x85\xe2\x82"),
			 LT_OK);
	assert_string_equal(b.data, "caf\xc3\xa9 \xef\xbf\xbd\xef\xbf\xbdx"
			    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	lt_buf_clear(&b);
	assert_int_equal(lt_html_escape(&b, NULL), LT_OK);
	assert_int_equal(lt_html_escape(&b, "a\tb\nc"), LT_OK);
	assert_string_equal(b.data, "a\tb\nc");
	lt_buf_free(&b);
}

static void linkable_urls(void **state)
{
	(void)state;
	assert_true(lt_report_url_linkable("https://x.com/i/status/1"));
	assert_true(lt_report_url_linkable("http://example.org/a?b=1&c=2"));
	assert_true(lt_report_url_linkable("HTTPS://EXAMPLE.ORG/"));
	assert_false(lt_report_url_linkable("javascript:alert(1)"));
	assert_false(lt_report_url_linkable("JavaScript:alert(1)"));
	assert_false(lt_report_url_linkable(" https://example.org/"));
	assert_false(lt_report_url_linkable("https://exa mple.org/"));
	assert_false(lt_report_url_linkable("https://example.org/\n"));
	assert_false(lt_report_url_linkable("data:text/html,<b>x</b>"));
	assert_false(lt_report_url_linkable("file:///etc/passwd"));
	assert_false(lt_report_url_linkable("//example.org/"));
	assert_false(lt_report_url_linkable(""));
	assert_false(lt_report_url_linkable(NULL));
}

/* Hostile names, channels, authors and URLs reach the page as text. */
static void hostile_strings(void **state)
{
	lt_vault *v = make_vault(1);
	char *html;

	(void)state;
	add_sighting(v, "discord", "<script>alert(1)</script>", "'1'",
		     "\"><img src=x onerror=alert(2)>", "2023-03-01T17:04:34Z",
		     "javascript:alert(3)", "Eve <eve@example.org>", NULL);
	add_sighting(v, "<b>platform</b>", "chan\"nel", "2", "o'neil",
		     "2023-03-02T10:00:00Z", "https://example.org/?a=1&b=<2>\"",
		     NULL, "{\"verdict\": \"altered\", \"changes\": [{\"kind\": "
		     "\"word-replaced\", \"original\": \"<i>old</i>\", \"found\": "
		     "\"<script>new</script>\", \"at\": 5, \"original_at\": 9, "
		     "\"confidence\": 0.9}]}");
	html = report(v, NULL, NULL);
	assert_page(html);
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "<b>platform"));
	assert_null(strstr(html, "<i>old"));
	assert_null(strstr(html, "javascript:alert(3)\""));
	assert_null(strstr(html, "href=\"javascript"));
	assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(html, "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
	assert_non_null(strstr(html, "<span class=\"url-text\">javascript:alert(3)"
			       "</span>"));
	assert_non_null(strstr(html, "<a href=\"https://example.org/?a=1&amp;b="
			       "&lt;2&gt;&quot;\" rel=\"noopener noreferrer "
			       "nofollow\">"));
	assert_non_null(strstr(html, "Eve &lt;eve@example.org&gt;"));
	assert_non_null(strstr(html, "Budget &lt;memo&gt; &amp; co"));
	assert_non_null(strstr(html, "<del class=\"original\">&lt;i&gt;old"
			       "&lt;/i&gt;</del>"));
	assert_non_null(strstr(html, "<ins class=\"found\">&lt;script&gt;new"
			       "&lt;/script&gt;</ins>"));
	assert_non_null(strstr(html, "o&#39;neil"));
	free(html);
	drop_vault(v);
}

/* ---------------------------------------------------------------------
 * Timeline and tables
 * ------------------------------------------------------------------- */

/* Return the data-id of the mark with class "sighting first". */
static long long first_mark_id(const char *html)
{
	const char *p = strstr(html, "class=\"sighting first");

	assert_non_null(p);
	assert_null(strstr(p + 1, "class=\"sighting first"));
	p = strstr(p, "data-id=\"");
	assert_non_null(p);
	return atoll(p + 9);
}

static void one_mark_per_sighting(void **state)
{
	lt_vault *v = make_vault(1);
	lt_report_summary sum;
	int64_t earliest;
	char *html;

	(void)state;
	add_sighting(v, "discord", "general", "1", "a", "2023-03-01T17:00:00Z",
		     "https://discord.com/channels/1/2/3", "Officer 7", NULL);
	/* Sorts after the first as a string, but is an hour earlier. */
	earliest = add_sighting(v, "telegram", "news", "2", "b",
				"2023-03-01T18:00:00+02:00", NULL, NULL, NULL);
	add_sighting(v, "x", "", "3", "c", "2023-04-09T12:38:14.000Z",
		     "https://x.com/i/status/3", "Officer 7", NULL);
	add_sighting(v, "file", "dump", "notes.txt", NULL, NULL, NULL, NULL,
		     NULL);
	add_sighting(v, "discord", "general", "5", "a", "2023-03-01T17:00:30Z",
		     NULL, NULL, "{\"verdict\": \"genuine\", \"changes\": []}");
	html = report(v, NULL, &sum);
	assert_page(html);
	assert_int_equal(sum.sightings, 5);
	assert_int_equal(sum.documents, 1);
	assert_int_equal(sum.reported, 1);
	assert_int_equal(count(html, "<svg class=\"chart\""), 1);
	assert_int_equal(count(html, "<circle class=\"sighting"), 5);
	assert_int_equal(count(html, "<tr class=\"takedown-row\">"), 5);
	assert_int_equal(first_mark_id(html), earliest);
	/* Every mark has a tooltip naming platform, author, time and url. */
	assert_int_equal(count(html, "<title>"), 5 + 1);
	assert_non_null(strstr(html, "<title>Discord \xc2\xb7 channel general "
			       "\xc2\xb7 message 1\nauthor: a\nposted: 1 Mar 2023 "
			       "17:00 UTC\nurl: https://discord.com/channels/1/2/3"));
	assert_non_null(strstr(html, "first: Telegram #news, 1 Mar 2023 16:00 UTC"));
	/* The undated sighting is charted apart, not dropped. */
	assert_non_null(strstr(html, "time unknown</text>"));
	/* One traced copy, with both of its sightings counted. */
	assert_int_equal(count(html, "<tr class=\"copy\">"), 1);
	assert_non_null(strstr(html, "<td>Officer 7</td><td>c0123456789ab</td>"
			       "<td class=\"verdict-identified\">identified</td>"
			       "<td class=\"num\">3e-09</td><td class=\"num\">2"
			       "</td>"));
	assert_non_null(strstr(html, "3 sightings could not be traced"));
	assert_non_null(strstr(html, "1 of 5 sightings verified: 1 genuine, "
			       "0 altered"));
	assert_non_null(strstr(html, "Generated 1 May 2024 10:00 UTC"));
	free(html);

	/* Only one document, and an unknown one. */
	html = report(v, "budget", &sum);
	assert_int_equal(count(html, "<circle class=\"sighting"), 5);
	free(html);
	{
		lt_report_options opt = { "nosuch", NULL };
		lt_buf b = { 0 };

		assert_int_equal(lt_report_html(&b, v, &opt, NULL), LT_ENOTFOUND);
		lt_buf_free(&b);
	}
	drop_vault(v);
}

static void altered_words(void **state)
{
	lt_vault *v = make_vault(1);
	char *html;

	(void)state;
	add_sighting(v, "telegram", "leaks", "7", "mole", "2023-04-06T08:05:49Z",
		     NULL, NULL, "{\"verdict\": \"altered\", \"changes\": ["
		     "{\"kind\": \"number-changed\", \"original\": \"12\", "
		     "\"found\": \"21\", \"at\": 40, \"original_at\": 38, "
		     "\"confidence\": 1},"
		     "{\"kind\": \"sentence-inserted\", \"original\": \"\", "
		     "\"found\": \"All of it is cancelled.\", \"at\": 90}]}");
	/* A malformed verification does not break the report. */
	add_sighting(v, "telegram", "leaks", "8", "mole", "2023-04-07T08:05:49Z",
		     NULL, NULL, "{not json");
	html = report(v, NULL, NULL);
	assert_page(html);
	assert_non_null(strstr(html, "<span class=\"kind\">number changed</span> "
			       "<del class=\"original\">12</del> <ins class=\""
			       "found\">21</ins> <span class=\"where\">at byte 38 "
			       "of the original</span><span class=\"where\">, "
			       "confidence 100%</span>"));
	assert_non_null(strstr(html, "<span class=\"kind\">sentence inserted"
			       "</span> <ins class=\"found\">All of it is "
			       "cancelled.</ins>"));
	assert_int_equal(count(html, "<del class=\"original\">"), 1 + 1);
	assert_int_equal(count(html, " altered\" data-id="), 1);
	assert_non_null(strstr(html, "2 of 2 sightings verified: 0 genuine, "
			       "1 altered, 1 undecided"));
	free(html);
	drop_vault(v);
}

/* An empty vault, and a vault whose documents were never sighted. */
static void empty_vault(void **state)
{
	lt_report_summary sum;
	lt_vault *v;
	char *html;

	(void)state;
	v = make_vault(0);
	html = report(v, NULL, &sum);
	assert_page(html);
	assert_int_equal(sum.sightings, 0);
	assert_int_equal(sum.documents, 0);
	assert_non_null(strstr(html, "id=\"no-sightings\">There are no "
			       "sightings"));
	assert_null(strstr(html, "class=\"sighting"));
	assert_null(strstr(html, "<svg class=\"chart\""));
	free(html);
	drop_vault(v);

	v = make_vault(1);
	html = report(v, NULL, &sum);
	assert_page(html);
	assert_int_equal(sum.documents, 1);
	assert_int_equal(sum.reported, 0);
	assert_non_null(strstr(html, "id=\"no-sightings\""));
	assert_non_null(strstr(html, "Registered documents with no sightings: "
			       "budget."));
	free(html);
	drop_vault(v);
}

/* Wide and narrow time ranges get ticks, none outside the plot. */
static void time_axis(void **state)
{
	static const char *const spans[][2] = {
		{ "2023-03-01T17:00:00Z", "2023-03-01T17:00:00Z" },
		{ "2023-03-01T17:00:00Z", "2023-03-01T19:30:00Z" },
		{ "2023-03-01T17:00:00Z", "2023-03-09T08:00:00Z" },
		{ "2023-03-01T17:00:00Z", "2023-11-20T08:00:00Z" },
		{ "1999-12-31T23:59:59Z", "2031-06-01T00:00:00Z" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(spans) / sizeof(spans[0]); i++) {
		lt_vault *v = make_vault(1);
		char *html;
		size_t ticks;

		add_sighting(v, "discord", "a", "1", "x", spans[i][0], NULL, NULL,
			     NULL);
		add_sighting(v, "discord", "a", "2", "x", spans[i][1], NULL, NULL,
			     NULL);
		html = report(v, NULL, NULL);
		ticks = count(html, "<text class=\"tick\"");
		assert_true(ticks >= 2 && ticks <= 10);
		assert_int_equal(count(html, "<circle class=\"sighting"), 2);
		/* Far apart, the axis is broken and the gap labelled. */
		if (i == 4)
			assert_non_null(strstr(html, "+31.4 years</text>"));
		if (i <= 1)
			assert_null(strstr(html, "axis-break"));
		free(html);
		drop_vault(v);
	}
}

/* One late outlier does not squeeze the other marks into a corner. */
static void axis_break(void **state)
{
	lt_vault *v = make_vault(1);
	char *html;

	(void)state;
	add_sighting(v, "discord", "a", "1", "x", "2023-03-01T17:00:00Z", NULL,
		     NULL, NULL);
	add_sighting(v, "discord", "a", "2", "x", "2023-03-01T19:00:00Z", NULL,
		     NULL, NULL);
	add_sighting(v, "telegram", "b", "3", "y", "2023-03-03T09:00:00Z", NULL,
		     NULL, NULL);
	add_sighting(v, "file", "c", "4", NULL, "2026-11-25T19:00:00Z", NULL,
		     NULL, NULL);
	html = report(v, NULL, NULL);
	assert_int_equal(count(html, "class=\"axis-break\""), 1);
	assert_non_null(strstr(html, "+3.7 years</text>"));
	assert_int_equal(count(html, "<circle class=\"sighting"), 4);
	free(html);
	drop_vault(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escape_text),
		cmocka_unit_test(linkable_urls),
		cmocka_unit_test(hostile_strings),
		cmocka_unit_test(one_mark_per_sighting),
		cmocka_unit_test(altered_words),
		cmocka_unit_test(empty_vault),
		cmocka_unit_test(time_axis),
		cmocka_unit_test(axis_break),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
