/*
 * report.c - the HTML report on how far documents have spread (report.h).
 *
 * Data flow: vault counts and documents (SQL) + stored sightings
 * (lt_sightings_list) -> per sighting: its posted_at parsed to seconds
 * (base/time.h) and its stored verification parsed from JSON (model.c) ->
 * per document with sightings: timeline (svg.c), copies traced, altered
 * copies, takedown list (html.c) -> HTML appended to one lt_buf.
 *
 * The page is written by html.c, which escapes every string from the
 * vault or an export; see there for the page's security.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "leaktrace/error.h"
#include "leaktrace/report.h"
#include "leaktrace/scan.h"
#include "store/report.h"
#include "base/time.h"
#include "report/report_internal.h"


/* ===================================================================
 * The report
 * =================================================================== */

static int report_html(lt_buf *out, lt_vault *v,
		       const lt_report_options *opt,
		       lt_report_summary *summary)
{
	lt_report_options none = { NULL, NULL };
	lt_report_summary s = { 0 };
	writer w = { out, LT_OK };
	doc_row *docs = NULL;
	lt_sighting *g = NULL;
	item *its = NULL;
	size_t ndocs = 0, n = 0, i, start, end, unsighted = 0;
	char now[32];
	int rc;

	if (!opt)
		opt = &none;
	if ((rc = lt_store_report_counts(v, &s.documents, &s.copies,
					 &s.recipients)))
		return rc;
	if ((rc = lt_store_report_documents(v, opt->document, &docs, &ndocs)))
		return rc;
	if (opt->document && ndocs == 0) {
		lt_store_report_documents_free(docs, ndocs);
		return lt_error_set(LT_ENOTFOUND, "no document '%s' in the vault",
				    opt->document);
	}
	if ((rc = lt_sightings_list(&g, &n, v, opt->document)))
		goto out;
	if (n && !(its = calloc(n, sizeof(*its)))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		its[i].g = &g[i];
		its[i].has_time = !lt_time_parse_str(g[i].posted_at, &its[i].t);
		if ((rc = lt_report_parse_verification(&its[i], g[i].verify)))
			goto out;
	}
	s.sightings = n;
	for (i = 0; i < ndocs; i++) {
		int seen = 0;
		size_t k;

		for (k = 0; k < n && !seen; k++)
			seen = !strcmp(g[k].document, docs[i].id);
		s.reported += seen;
		unsighted += !seen;
	}
	if (!opt->generated_at)
		lt_time_now(now);

	lt_report_page_head(&w);
	lt_report_page_header(&w, &s,
			      opt->generated_at ? opt->generated_at : now);
	lt_report_how_to_read(&w);
	if (n == 0) {
		put(&w, "<p class=\"empty\" id=\"no-sightings\">There are no "
			"sightings: none of the vault's documents has been found "
			"in what was scanned so far (run <code>leaktrace scan "
			"SOURCE...</code> on platform exports and folders).</p>\n");
	} else if (s.reported > 1) {
		put(&w, "<nav><p>Documents sighted: ");
		for (i = 0, start = 0; i < ndocs; i++) {
			size_t k;

			for (k = 0; k < n; k++)
				if (!strcmp(g[k].document, docs[i].id))
					break;
			if (k == n)
				continue;
			put(&w, start++ ? " &#183; <a href=\"#doc-" : "<a href=\"#doc-");
			esc(&w, docs[i].id);
			put(&w, "\">");
			esc(&w, docs[i].id);
			put(&w, "</a>");
		}
		put(&w, "</p></nav>\n");
	}
	/* Sightings come ordered by document id, like the documents. */
	for (i = 0; i < ndocs && w.rc == LT_OK; i++) {
		for (start = 0; start < n && strcmp(g[start].document, docs[i].id);
		     start++)
			;
		for (end = start; end < n && !strcmp(g[end].document, docs[i].id);
		     end++)
			;
		if (end > start)
			lt_report_document_section(&w, &docs[i], its + start,
						   end - start);
	}
	if (unsighted && w.rc == LT_OK) {
		size_t k = 0;

		put(&w, "<p class=\"sub\" id=\"unsighted\">Registered documents "
			"with no sightings: ");
		for (i = 0; i < ndocs; i++) {
			size_t j;

			for (j = 0; j < n; j++)
				if (!strcmp(g[j].document, docs[i].id))
					break;
			if (j < n)
				continue;
			if (k++)
				put(&w, ", ");
			esc(&w, docs[i].id);
		}
		put(&w, ".</p>\n");
	}
	put(&w, "<footer>Written by leaktrace from the vault's records. "
		"Times are UTC. This page is self-contained: it loads nothing "
		"and runs no scripts.</footer>\n</main>\n</body>\n</html>\n");
	rc = w.rc;
	if (summary && rc == LT_OK)
		*summary = s;
out:
	for (i = 0; its && i < n; i++)
		lt_report_item_clear(&its[i]);
	free(its);
	lt_sightings_free(g, n);
	lt_store_report_documents_free(docs, ndocs);
	if (rc == LT_ENOMEM && !lt_error_message()[0])
		lt_error_set(LT_ENOMEM, "out of memory");
	return rc;
}

int lt_report_html(lt_buf *out, lt_vault *v, const lt_report_options *opt,
		   lt_report_summary *summary)
{
	return lt_vault_keep_error(v, report_html(out, v, opt, summary));
}
