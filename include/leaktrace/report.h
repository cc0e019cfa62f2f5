/*
 * report.h - one self-contained HTML page on how far protected documents
 * have spread.
 *
 * Flow: the vault's counts, documents and stored sightings (scan.h) ->
 * per document with sightings: a timeline chart (inline SVG, one row per
 * platform, one mark per sighting, the first sighting marked), the copies
 * the sightings were traced to, the altered copies with their changed
 * words (from each sighting's stored verification), and the takedown list
 * -> one HTML document in an lt_buf.  The page needs nothing else: CSS and
 * SVG are inline, there are no scripts, fonts or images, and a
 * Content-Security-Policy forbids fetching anything.  Every string taken
 * from the vault is HTML-escaped; only http and https URLs become links.
 */
#ifndef LEAKTRACE_REPORT_H
#define LEAKTRACE_REPORT_H

#include <stddef.h>

#include "leaktrace/buf.h"
#include "leaktrace/vault.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lt_report_options {
	const char *document;     /* report only this document (NULL: all) */
	const char *generated_at; /* time printed as the generation time
				     (NULL: now, ISO 8601 UTC) */
} lt_report_options;

/* What a report covered, for callers that summarise it. */
typedef struct lt_report_summary {
	size_t documents;  /* registered documents */
	size_t reported;   /* documents with sightings (one section each) */
	size_t copies;     /* copies issued */
	size_t recipients; /* recipients known to the vault */
	size_t sightings;  /* sightings in the report */
} lt_report_summary;

/*
 * Append the HTML report of vault `v` to `out` (the caller owns and frees
 * it).  `opt` may be NULL.  `summary` (may be NULL) receives the counts.
 * LT_ENOTFOUND when opt->document names no registered document; on any
 * error `out` may hold a partial page, which the caller discards.
 */
int lt_report_html(lt_buf *out, lt_vault *v, const lt_report_options *opt,
		   lt_report_summary *summary);

/*
 * Append `s` (NUL-terminated UTF-8, may be NULL for nothing) escaped for
 * HTML text and quoted attribute values: & < > " ' become entities,
 * invalid UTF-8 and control characters other than tab and newline become
 * U+FFFD.
 */
int lt_html_escape(lt_buf *out, const char *s);

/*
 * True when `url` may become a link: it starts with http:// or https://
 * (any case) and holds no whitespace or control characters.
 */
int lt_report_url_linkable(const char *url);

#ifdef __cplusplus
}
#endif
#endif
