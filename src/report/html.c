/*
 * html.c - the report page: the page frame (head, styles,
 * header, notes) and each document's section with its tables (copies
 * traced, altered copies, takedown list); the timeline comes from svg.c.
 *
 * Every string that came from the vault or from an export goes through
 * lt_html_escape (escape.c) before it reaches the page, attribute values included;
 * numbers are formatted here.  The page carries a Content-Security-Policy
 * that allows inline styles only, so even a mistake here could not make it
 * run a script or fetch anything.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "leaktrace/report.h"
#include "base/time.h"
#include "report/report_internal.h"

int lt_report_url_linkable(const char *url)
{
	const unsigned char *p;

	if (!url)
		return 0;
	if (strncasecmp(url, "http://", 7) && strncasecmp(url, "https://", 8))
		return 0;
	for (p = (const unsigned char *)url; *p; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

/* ===================================================================
 * Page frame: head, styles, header, notes
 * =================================================================== */

static const char page_style[] =
	"body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,"
	"'Helvetica Neue',Arial,sans-serif;color:#1f2328;background:#fff;"
	"margin:0;line-height:1.45;font-size:15px}\n"
	"main{max-width:1180px;margin:0 auto;padding:24px 28px 48px}\n"
	"h1{font-size:26px;margin:0 0 4px}\n"
	"h2{font-size:21px;margin:36px 0 6px;padding-top:14px;"
	"border-top:3px solid #1f2328}\n"
	"h3{font-size:16px;margin:22px 0 8px}\n"
	".sub{color:#57606a;margin:0 0 16px}\n"
	".summary{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0;padding:0}\n"
	".summary div{border:1px solid #d0d7de;border-radius:6px;"
	"padding:8px 14px;min-width:110px;background:#f6f8fa}\n"
	".summary dt{font-size:12px;color:#57606a;text-transform:uppercase;"
	"letter-spacing:.04em}\n"
	".summary dd{margin:0;font-size:20px;font-weight:600}\n"
	".howto{background:#fff8e1;border-left:4px solid #f0b400;"
	"padding:8px 16px;margin:16px 0;font-size:14px}\n"
	".howto h3{margin:6px 0}\n"
	".howto ul{margin:4px 0 6px;padding-left:20px}\n"
	".empty{font-size:17px;padding:18px;border:1px dashed #8c959f;"
	"border-radius:6px;background:#f6f8fa}\n"
	".chart{width:100%;height:auto;display:block;border:1px solid #d0d7de;"
	"border-radius:6px;background:#fff}\n"
	".legend{font-size:13px;color:#57606a;margin:6px 0 0}\n"
	".legend svg{vertical-align:middle;margin:0 4px 0 12px}\n"
	"table{border-collapse:collapse;width:100%;font-size:13.5px;"
	"margin:4px 0}\n"
	"th,td{border-bottom:1px solid #d8dee4;padding:5px 8px;text-align:left;"
	"vertical-align:top}\n"
	"th{background:#f6f8fa;font-weight:600;white-space:nowrap}\n"
	"td.num{text-align:right;font-variant-numeric:tabular-nums;"
	"white-space:nowrap}\n"
	"td.url{word-break:break-all;max-width:360px}\n"
	"td.when{white-space:nowrap}\n"
	"a{color:#0550ae}\n"
	".verdict-identified{color:#1a7f37;font-weight:600}\n"
	".verdict-inconclusive{color:#9a6700}\n"
	".v-altered{color:#cf222e;font-weight:600}\n"
	".v-genuine{color:#1a7f37}\n"
	".v-unknown,.none{color:#8c959f}\n"
	".altered-copy{border:1px solid #d0d7de;border-radius:6px;"
	"padding:6px 14px;margin:10px 0}\n"
	".altered-copy ul{padding-left:20px;margin:6px 0}\n"
	".altered-copy li{margin:4px 0}\n"
	".kind{display:inline-block;min-width:140px;color:#57606a;"
	"font-size:12.5px;text-transform:uppercase;letter-spacing:.03em}\n"
	"del.original{color:#c92a2a;background:#fff0f0;"
	"text-decoration:line-through;text-decoration-color:#c92a2a;"
	"padding:0 3px}\n"
	"ins.found{color:#1a7f37;background:#e6f7ea;text-decoration:none;"
	"font-weight:600;padding:0 3px}\n"
	".where{color:#8c959f;font-size:12.5px}\n"
	"footer{margin-top:40px;color:#8c959f;font-size:12px}\n"
	"@media print{h2{break-before:page}.chart{border:none}}\n";

void lt_report_page_head(writer *w)
{
	put(w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	       "<meta charset=\"utf-8\">\n"
	       "<meta http-equiv=\"Content-Security-Policy\" content=\""
	       "default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, "
	       "initial-scale=1\">\n"
	       "<meta name=\"generator\" content=\"leaktrace\">\n"
	       "<title>leaktrace report</title>\n<style>\n");
	put(w, page_style);
	put(w, "</style>\n</head>\n<body>\n<main>\n");
}

static void summary_cell(writer *w, const char *label, size_t n)
{
	putf(w, "<div><dt>%s</dt><dd>%zu</dd></div>", label, n);
}

void lt_report_page_header(writer *w, const lt_report_summary *s,
			   const char *generated)
{
	int64_t t;
	char when[64];

	put(w, "<header>\n<h1>leaktrace report: how far the documents have "
	       "spread</h1>\n<p class=\"sub\">Generated ");
	if (!lt_time_parse_str(generated, &t)) {
		lt_report_format_time(t, when, sizeof(when));
		esc(w, when);
	} else {
		esc(w, generated);
	}
	put(w, " from the vault's sightings.</p>\n<dl class=\"summary\">");
	summary_cell(w, "Documents", s->documents);
	summary_cell(w, "Copies issued", s->copies);
	summary_cell(w, "Recipients", s->recipients);
	summary_cell(w, "Sightings", s->sightings);
	summary_cell(w, "Documents sighted", s->reported);
	put(w, "<div><dt>Generated</dt><dd style=\"font-size:15px;"
	       "padding-top:4px\">");
	esc(w, generated);
	put(w, "</dd></div></dl>\n</header>\n");
}

void lt_report_how_to_read(writer *w)
{
	put(w,
	    "<section class=\"howto\">\n<h3>How to read this</h3>\n<ul>\n"
	    "<li>Each document that was found somewhere has its own section. "
	    "The <b>timeline</b> has one row per platform; every dot is one "
	    "sighting, placed at the time it was posted (hover a dot for the "
	    "channel, author, time and address). The ringed dot labelled "
	    "<b>first</b> is the earliest sighting: where the document "
	    "surfaced first.</li>\n"
	    "<li><b>Copies traced</b> names the recipient whose marked copy a "
	    "sighting was, only when the marks prove it: <i>p_false</i> bounds "
	    "the probability that an innocent recipient would match this well. "
	    "Sightings too short to name anyone are counted as not traced; "
	    "they accuse nobody.</li>\n"
	    "<li><b>Altered copies</b> shows words that differ from the "
	    "original: the original's words <del class=\"original\">struck "
	    "through in red</del>, what was found instead "
	    "<ins class=\"found\">in green</ins>.</li>\n"
	    "<li>The <b>takedown list</b> gives every place the document was "
	    "seen, oldest first, with its link and the recipient traced.</li>\n"
	    "</ul>\n</section>\n");
}

/* ===================================================================
 * Tables
 * =================================================================== */

static void cell_time(writer *w, const item *it)
{
	char when[64];

	put(w, "<td class=\"when\">");
	if (it->has_time) {
		lt_report_format_time(it->t, when, sizeof(when));
		esc(w, when);
	} else if (it->g->posted_at) {
		esc(w, it->g->posted_at);
	} else {
		put(w, "<span class=\"none\">unknown</span>");
	}
	put(w, "</td>");
}

static void cell_text(writer *w, const char *s, const char *cls)
{
	if (cls)
		putf(w, "<td class=\"%s\">", cls);
	else
		put(w, "<td>");
	if (s && *s)
		esc(w, s);
	else
		put(w, "<span class=\"none\">&#8212;</span>");
	put(w, "</td>");
}

static void cell_url(writer *w, const char *url)
{
	put(w, "<td class=\"url\">");
	if (!url || !*url) {
		put(w, "<span class=\"none\">&#8212;</span>");
	} else if (lt_report_url_linkable(url)) {
		put(w, "<a href=\"");
		esc(w, url);
		put(w, "\" rel=\"noopener noreferrer nofollow\">");
		esc(w, url);
		put(w, "</a>");
	} else {
		put(w, "<span class=\"url-text\">");
		esc(w, url);
		put(w, "</span>");
	}
	put(w, "</td>");
}

static void cell_verified(writer *w, const item *it)
{
	if (!it->verified[0]) {
		put(w, "<td><span class=\"none\">not verified</span></td>");
		return;
	}
	putf(w, "<td class=\"v-%s\">", !strcmp(it->verified, "altered") ? "altered"
		 : !strcmp(it->verified, "genuine") ? "genuine" : "unknown");
	esc(w, it->verified);
	put(w, "</td>");
}

static void format_p(double p, char *buf, size_t size)
{
	if (isnan(p))
		snprintf(buf, size, "&#8212;");
	else
		snprintf(buf, size, "%.2g", p);
}

/* The copies the sightings were traced to, one row per copy. */
static void copies_traced(writer *w, const item *its, size_t n,
			  const doc_row *d)
{
	size_t i, j, untraced = 0, ncopies = 0;
	char p[32];

	for (i = 0; i < n; i++) {
		if (!its[i].g->copy) {
			untraced++;
			continue;
		}
		for (j = 0; j < i; j++)
			if (its[j].g->copy && !strcmp(its[j].g->copy, its[i].g->copy))
				break;
		ncopies += j == i;
	}
	putf(w, "<h3>Copies traced</h3>\n<p>%zu cop%s of this document %s "
		"issued; %zu %s traced from the sightings.</p>\n", d->copies,
	     d->copies == 1 ? "y" : "ies", d->copies == 1 ? "was" : "were",
	     ncopies, ncopies == 1 ? "copy was" : "copies were");
	if (ncopies) {
		put(w, "<table class=\"copies\">\n<thead><tr><th>Recipient</th>"
		       "<th>Copy</th><th>Verdict</th><th>p_false (best)</th>"
		       "<th>Sightings</th><th>First seen in a post</th>"
		       "<th>Altered</th></tr></thead>\n<tbody>\n");
		for (i = 0; i < n; i++) {
			const lt_sighting *g = its[i].g;
			double best = NAN;
			size_t count = 0, altered = 0;

			if (!g->copy)
				continue;
			for (j = 0; j < i; j++)
				if (its[j].g->copy && !strcmp(its[j].g->copy, g->copy))
					break;
			if (j < i)
				continue; /* listed with its earlier sighting */
			for (j = i; j < n; j++) {
				if (!its[j].g->copy || strcmp(its[j].g->copy, g->copy))
					continue;
				count++;
				altered += !strcmp(its[j].verified, "altered");
				if (!isnan(its[j].g->p_false) &&
				    (isnan(best) || its[j].g->p_false < best))
					best = its[j].g->p_false;
			}
			put(w, "<tr class=\"copy\">");
			cell_text(w, g->recipient, NULL);
			cell_text(w, g->copy, NULL);
			putf(w, "<td class=\"verdict-%s\">",
			     g->verdict && !strcmp(g->verdict, "identified")
				? "identified" : "inconclusive");
			esc(w, g->verdict ? g->verdict : "identified");
			put(w, "</td>");
			format_p(best, p, sizeof(p));
			putf(w, "<td class=\"num\">%s</td><td class=\"num\">%zu</td>",
			     p, count);
			cell_time(w, &its[i]);
			putf(w, "<td class=\"num\">%zu</td></tr>\n", altered);
		}
		put(w, "</tbody>\n</table>\n");
	}
	if (untraced)
		putf(w, "<p>%zu sighting%s could not be traced to one copy (too "
			"few marks survived to name anyone beyond doubt); nobody is "
			"accused on %s.</p>\n", untraced, untraced == 1 ? "" : "s",
		     untraced == 1 ? "its strength" : "their strength");
}

static void change_kind_label(writer *w, const char *kind)
{
	const char *p;

	put(w, "<span class=\"kind\">");
	for (p = kind; *p; p++) {
		char one[2] = { *p == '-' ? ' ' : *p, 0 };

		esc(w, one);
	}
	put(w, "</span> ");
}

/* Sightings whose text differs from the original, word by word. */
static void altered_copies(writer *w, const item *its, size_t n)
{
	size_t i, j, verified = 0, altered = 0, genuine = 0;
	char when[64];

	for (i = 0; i < n; i++) {
		verified += its[i].verified[0] != '\0';
		altered += !strcmp(its[i].verified, "altered");
		genuine += !strcmp(its[i].verified, "genuine");
	}
	put(w, "<h3>Altered copies</h3>\n");
	if (!verified) {
		put(w, "<p class=\"none\">None of these sightings has been verified "
		       "yet.</p>\n");
		return;
	}
	putf(w, "<p>%zu of %zu sighting%s verified: %zu genuine, %zu altered, "
		"%zu undecided.</p>\n", verified, n, n == 1 ? "" : "s", genuine,
	     altered, verified - genuine - altered);
	for (i = 0; i < n; i++) {
		const item *it = &its[i];
		const lt_sighting *g = it->g;
		const char *label = lt_report_platform_label(g->platform);

		if (strcmp(it->verified, "altered"))
			continue;
		put(w, "<div class=\"altered-copy\">\n<p><b>");
		esc(w, label ? label : g->platform);
		if (g->channel[0]) {
			put(w, " #");
			esc(w, g->channel);
		}
		put(w, "</b>");
		if (g->message[0]) {
			put(w, ", message ");
			esc(w, g->message);
		}
		if (g->author) {
			put(w, ", by ");
			esc(w, g->author);
		}
		if (it->has_time) {
			lt_report_format_time(it->t, when, sizeof(when));
			put(w, ", ");
			esc(w, when);
		}
		if (g->recipient) {
			put(w, " &#8212; copy of ");
			esc(w, g->recipient);
		}
		putf(w, "</p>\n");
		if (!it->nchanges) {
			put(w, "<p class=\"none\">The changed words were not "
			       "recorded.</p>\n</div>\n");
			continue;
		}
		put(w, "<ul>\n");
		for (j = 0; j < it->nchanges; j++) {
			const change *c = &it->changes[j];

			put(w, "<li class=\"change\">");
			change_kind_label(w, c->kind);
			if (c->original[0]) {
				put(w, "<del class=\"original\">");
				esc(w, c->original);
				put(w, "</del> ");
			}
			if (c->found[0]) {
				put(w, "<ins class=\"found\">");
				esc(w, c->found);
				put(w, "</ins> ");
			}
			if (c->original_at >= 0)
				putf(w, "<span class=\"where\">at byte %lld of the "
					"original</span>", c->original_at);
			if (!isnan(c->confidence))
				putf(w, "<span class=\"where\">, confidence %.0f%%</span>",
				     100 * c->confidence);
			put(w, "</li>\n");
		}
		put(w, "</ul>\n</div>\n");
	}
	if (!altered)
		put(w, "<p>No sighting was found altered.</p>\n");
}

static void takedown_list(writer *w, const item *its, size_t n)
{
	size_t i;

	put(w, "<h3>Takedown list</h3>\n<table class=\"takedown\">\n<thead><tr>"
	       "<th>Platform</th><th>Channel</th><th>Message</th><th>URL</th>"
	       "<th>Author</th><th>Posted at</th><th>Recipient traced</th>"
	       "<th>Verified</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		const lt_sighting *g = its[i].g;
		const char *label = lt_report_platform_label(g->platform);

		put(w, "<tr class=\"takedown-row\">");
		cell_text(w, label ? label : g->platform, NULL);
		cell_text(w, g->channel, NULL);
		cell_text(w, g->message, NULL);
		cell_url(w, g->url);
		cell_text(w, g->author, NULL);
		cell_time(w, &its[i]);
		cell_text(w, g->recipient, NULL);
		cell_verified(w, &its[i]);
		put(w, "</tr>\n");
	}
	put(w, "</tbody>\n</table>\n");
}

int lt_report_document_section(writer *w, const doc_row *d, item *its,
			       size_t n)
{
	size_t first = lt_report_first_sighting(its, n);

	put(w, "<section class=\"document\" id=\"doc-");
	esc(w, d->id);
	put(w, "\">\n<h2>");
	esc(w, d->title && *d->title ? d->title : d->id);
	if (d->title && *d->title) {
		put(w, " <span class=\"sub\" style=\"font-weight:400\">(");
		esc(w, d->id);
		put(w, ")</span>");
	}
	putf(w, "</h2>\n<p class=\"sub\">%zu sighting%s.</p>\n", n,
	     n == 1 ? "" : "s");
	put(w, "<h3>Timeline</h3>\n");
	if (lt_report_timeline(w, its, n, first))
		return w->rc;
	copies_traced(w, its, n, d);
	altered_copies(w, its, n);
	takedown_list(w, its, n);
	put(w, "</section>\n");
	return w->rc;
}
