/*
 * report_internal.h - what the parts of the HTML report share (report.h is
 * the public face): a sighting as the report sees it (item, with the
 * changes its verification found), a registered document (doc_row), the
 * writer that appends to the page, and the functions of model.c, html.c
 * and svg.c.
 *
 * Data flow: report.c reads the vault and the stored sightings -> model.c
 * reads each sighting's stored verification into its item -> html.c writes
 * the page, with svg.c drawing each document's timeline.
 */
#ifndef LEAKTRACE_REPORT_INTERNAL_H
#define LEAKTRACE_REPORT_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/report.h"
#include "leaktrace/scan.h"
#include "store/report.h"

typedef struct change {
	char *kind;     /* "number-changed", ... */
	char *original; /* "" for insertions */
	char *found;    /* "" for deletions */
	long long at, original_at; /* -1 when not given */
	double confidence;         /* NAN when not given */
} change;

/* One sighting with what the report derives from it. */
typedef struct item {
	const lt_sighting *g;
	int has_time;
	int64_t t;
	char verified[16]; /* "genuine", "altered", "unknown" or "" */
	change *changes;
	size_t nchanges;
	int lane; /* vertical offset index within its timeline row */
} item;

typedef lt_store_report_doc doc_row;

/* The writer: appends to `out`, remembering the first failure. */
typedef struct writer {
	lt_buf *out;
	int rc;
} writer;

static inline void put(writer *w, const char *s)
{
	if (w->rc == LT_OK)
		w->rc = lt_buf_puts(w->out, s);
}

static inline void esc(writer *w, const char *s)
{
	if (w->rc == LT_OK)
		w->rc = lt_html_escape(w->out, s);
}

__attribute__((format(printf, 2, 3)))
static inline void putf(writer *w, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	if (w->rc != LT_OK)
		return;
	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		w->rc = lt_error_set(LT_EINTERNAL, "report: formatted text too long");
	else
		w->rc = lt_buf_append(w->out, tmp, (size_t)n);
}

/* A malloc'ed copy of s, or NULL. */
static inline char *dup_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}

/* model.c: the changes of a sighting's stored verification into `it`
 * (LT_ENOMEM only), and their release. */
int lt_report_parse_verification(item *it, const char *text);
void lt_report_item_clear(item *it);

/* model.c: short month names; "1 Mar 2023 17:04 UTC" into buf[40]. */
extern const char *const lt_report_month_names[12];
void lt_report_format_time(int64_t t, char *buf, size_t size);

/* html.c: the page's head, header with the summary, the notes on how to
 * read it, and one document's section (timeline and tables). */
void lt_report_page_head(writer *w);
void lt_report_page_header(writer *w, const lt_report_summary *s,
			   const char *generated);
void lt_report_how_to_read(writer *w);
int lt_report_document_section(writer *w, const doc_row *d, item *its,
			       size_t n);

/* svg.c: a platform's display name; the earliest dated sighting of `its`
 * (n when none is dated); the timeline chart of one document's sightings,
 * the first sighting marked. */
const char *lt_report_platform_label(const char *p);
size_t lt_report_first_sighting(const item *its, size_t n);
int lt_report_timeline(writer *w, item *its, size_t n, size_t first);

#endif
