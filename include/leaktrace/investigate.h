/*
 * investigate.h - what an investigation asks of a vault beyond tracing:
 * access events (who viewed, printed or downloaded a document, recorded
 * one by one or imported from an audit log's CSV export, each an "access"
 * event in the ledger) and the suspects query (who held copies of all the
 * leaked documents, and accessed them, before each was first sighted).
 *
 * Ownership: every `out` result is allocated by liblt and released with the
 * matching *_free function; strings inside results belong to the result.
 */
#ifndef LEAKTRACE_INVESTIGATE_H
#define LEAKTRACE_INVESTIGATE_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/buf.h"
#include "leaktrace/trace.h"
#include "leaktrace/vault.h"

#ifdef __cplusplus
extern "C" {
#endif

/* =====================================================================
 * Access events
 * =================================================================== */

/* Kinds of access: "view", "print", "download". */
int lt_access_action_valid(const char *action);

/* LT_OK when `s` is an ISO 8601 date-time as lt_time_parse reads it
 * ("YYYY-MM-DDTHH:MM[:SS[.f]]", then "Z", "+HH:MM", "-HH:MM" or nothing
 * for UTC; a space may replace the "T"), else LT_EINPUT. */
int lt_iso8601_valid(const char *s);

/*
 * Record that `user` did `action` to `document` at `at` (ISO 8601; NULL:
 * now) as an "access" event, detail {"user","action","accessed_at",
 * "source", "copy"} (copy: the user's copy when the user is a recipient
 * holding one).  LT_ENOTFOUND for an unknown document, LT_EUSAGE for a bad
 * action or time.
 */
int lt_access_record(lt_vault *v, const char *document, const char *user,
		     const char *action, const char *at);

typedef struct lt_access_row {
	char *time;
	char *user;
	char *action;   /* lower-cased */
	char *document;
	size_t line;    /* line in the file */
} lt_access_row;

/*
 * Parse a CSV export of an audit log: RFC 4180 (commas, double-quoted
 * fields, "" for a quote, CRLF or LF), a header row naming at least the
 * columns time, user, action, document (any order, case-insensitive,
 * other columns ignored), then one access a row; action is view, print or
 * download (any case).  `name` prefixes messages: "FILE:LINE: ...".
 * Release with lt_access_rows_free.
 */
int lt_access_csv_parse(lt_access_row **out, size_t *n, const char *data,
			size_t len, const char *name);
void lt_access_rows_free(lt_access_row *rows, size_t n);

/*
 * Import a CSV file (as above) into the ledger in one transaction: either
 * every row is recorded or none.  Unknown documents are errors naming the
 * line.  Each event's source is "import:SHA256:LINE" (the file's content
 * digest, the row's line); rows already recorded by an earlier import of
 * the same content are skipped, so importing a file again (after a kill
 * just after the commit, say) counts nothing twice.  *count gets the
 * number of events appended.
 */
int lt_access_import(size_t *count, lt_vault *v, const char *path);

/* =====================================================================
 * Suspects
 * =================================================================== */

typedef struct lt_access_evidence {
	int64_t seq;       /* the access event */
	char *at;          /* when the access happened */
	char *action;
} lt_access_evidence;

typedef struct lt_holding {
	char *document;
	char *copy;
	char *issued_at;
	lt_access_evidence *accesses; /* before the first sighting */
	size_t naccesses;
} lt_holding;

typedef struct lt_ledger_suspect {
	char *recipient;
	lt_holding *holdings; /* one per document asked about, in order */
	size_t nholdings;
	char *excluded;       /* NULL for a suspect; else why not one */
} lt_ledger_suspect;

typedef struct lt_suspect_document {
	char *document;
	char *first_sighting; /* NULL when unknown */
	size_t holders;       /* copies issued */
	size_t access_events; /* access events recorded for it */
} lt_suspect_document;

typedef struct lt_suspects_result {
	int sightings_known;  /* a sightings table exists */
	lt_suspect_document *documents;
	size_t ndocuments;
	lt_ledger_suspect *suspects; /* held (and accessed) all in time */
	size_t nsuspects;
	lt_ledger_suspect *excluded; /* held all, but not in time / no access */
	size_t nexcluded;
	char *note;           /* how "before the first sighting" was decided */
} lt_suspects_result;

/*
 * Recipients who held copies of every one of `ids` before each
 * document's first sighting (from a `sightings` table with columns
 * document and posted_at when the vault has one; otherwise unknown, and
 * every holder qualifies), and, for a document with any access events,
 * accessed it before then.  LT_ENOTFOUND for an unknown document.
 */
int lt_suspects(lt_suspects_result **out, lt_vault *v, const char *const *ids,
		size_t nids);
void lt_suspects_result_free(lt_suspects_result *r);

/*
 * Append the document `leaktrace suspects --json` prints: {"documents":
 * [{"document", "first_sighting", "holders", "access_events"}],
 * "sightings_known", "suspects": [{"recipient", "evidence": [{"document",
 * "copy", "issued_at", "accesses": [{"seq", "action", "at"}]}]}],
 * "excluded": [the same with "reason"], "note"}.  Indented JSON without a
 * final newline.
 */
int lt_suspects_json(lt_buf *out, const lt_suspects_result *r);

/*
 * An lt_among_fn (trace.h) for lt_trace_options.among_fn (ctx unused):
 * the candidates of a trace of `document` are the suspects lt_suspects()
 * finds for it alone -- the recipients who held a copy before its first
 * sighting (every holder when no sighting is recorded yet; the reason
 * says which) and, where access events are recorded, accessed it before
 * then.  Computed from the ledger and the sightings only, never from
 * marks.  The set may be empty.
 */
int lt_among_holders(lt_among_set *out, lt_vault *v, const char *document,
		     void *ctx);

#ifdef __cplusplus
}
#endif
#endif
