/*
 * scan.h - find protected documents in platform exports and folders, and
 * keep the sightings.
 *
 * Flow: lt_scanner_open loads the vault's identification index (the
 * shingles of every registered document) into memory -> lt_scanner_scan
 * streams each source through the readers of ingest.h; every message's
 * text (and every attached .txt/.md file) is identified exactly as trace
 * and verify identify a text (candidates by shared shingles, confirmed by
 * alignment), and each confirmed document becomes a sighting, traced
 * (whose copy) as far as the marks allow -> lt_scanner_commit writes the
 * run's new sightings and one "sighting" ledger event each in ONE
 * transaction.  Nothing is written before the commit, so a scan that
 * fails on broken input (or is killed) leaves the vault untouched: a scan
 * run is all-or-nothing.
 *
 * A sighting is identified by (platform, channel, message id, document,
 * source file, attachment); seeing it again (rescanning an export) adds
 * nothing and reports it with is_new = 0 and what was stored first.
 *
 * Image attachments are counted in `attachments_skipped` until image
 * matching is wired in; verification (genuine/altered) is left NULL.
 *
 * Ownership: the scanner keeps a pointer to the vault (which must outlive
 * it) and owns the sightings it returns; lt_sightings_list results are
 * freed with lt_sightings_free.
 *
 * Threads: a scanner is used by the thread of its vault, one at a time
 * (vault.h); run scans in parallel with a vault and a scanner per thread.
 * Errors: the scanner's calls record their outcome in it
 * (lt_scanner_errcode(), lt_scanner_errmsg()); lt_scanner_open and
 * lt_sightings_list in the vault.
 */
#ifndef LEAKTRACE_SCAN_H
#define LEAKTRACE_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/buf.h"
#include "leaktrace/extract.h"
#include "leaktrace/vault.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lt_sighting {
	int64_t id;          /* row id in the vault (0 until committed) */
	char *document;      /* document id */
	char *platform;      /* "discord", "telegram", "x", "file" */
	char *channel;       /* "" when the source has none */
	char *message;       /* message id ("" when none) */
	char *source;        /* absolute path of the file it was read from */
	char *attachment;    /* the attached file it was found in, or NULL */
	char *kind;          /* "text" (or "image" once image matching lands) */
	char *author;        /* may be NULL */
	char *posted_at;     /* ISO 8601 UTC, may be NULL */
	char *url;           /* may be NULL */
	double similarity;   /* aligned words / length of the matched stretch */
	size_t words;        /* words aligned with the original */
	long doc_first;      /* first and last token of the original covered */
	long doc_last;       /* (-1 when not applicable) */
	long doc_start;      /* byte range of the original's plain text */
	long doc_end;        /* covered, [start, end) (-1 when n/a) */
	char *verdict;       /* "identified", "inconclusive" */
	char *copy;          /* the accused copy, NULL unless identified */
	char *recipient;     /* its recipient, NULL unless identified */
	double p_false;      /* best suspect's bound; NAN when none */
	char *verify;        /* "genuine"/"altered" once verified; NULL now */
	char *first_seen;    /* when leaktrace first recorded it (ISO 8601) */
	int is_new;          /* recorded by this run */
} lt_sighting;

typedef struct lt_scan_stats {
	size_t messages;            /* messages and loose files read */
	size_t files;               /* export and loose files read */
	size_t skipped;             /* service messages, unreadable files */
	size_t attachments;         /* attachments present */
	size_t attachments_skipped; /* attachments not examined (images,
				       PDFs, missing files) */
	size_t refused;             /* attachments and files not read: they
				       lead outside their export, are
				       symbolic links or not regular files */
	size_t unreadable;          /* parts of a folder passed over: broken
				       exports, unlistable or too deep
				       folders */
	size_t truncated;           /* messages cut to LT_INGEST_MAX_TEXT */
	/* OCR of pictures and scanned PDF pages, under the budgets */
	size_t ocr_pages;           /* pages read by OCR */
	size_t ocr_skipped;         /* pages not read: over a file's or the
				       run's OCR budget */
	size_t ocr_downscaled;      /* page images scaled down first */
	size_t ocr_files_over;      /* attachments with pages left unread */
} lt_scan_stats;

/*
 * The OCR budget of a scan run: each attachment gets the file budget
 * (`file`, as lt_ocr_budget in extract.h), and the run as a whole reads
 * at most `pages` pages by OCR in at most `seconds` wall-clock seconds of
 * OCR (0: the defaults below, negative: no limit).  Past the run's
 * budget, pictures are not read and PDFs only by their text layer; what
 * was skipped is counted in the stats.
 */
typedef struct lt_scan_budget {
	lt_ocr_budget file;
	long pages;     /* default LT_SCAN_DEFAULT_OCR_PAGES */
	double seconds; /* default LT_SCAN_DEFAULT_OCR_SECONDS */
} lt_scan_budget;

#define LT_SCAN_DEFAULT_OCR_PAGES 2000
#define LT_SCAN_DEFAULT_OCR_SECONDS 1800.0

typedef struct lt_scanner lt_scanner;

/*
 * Load the identification index of every registered document.  Free with
 * lt_scanner_free().
 */
int lt_scanner_open(lt_scanner **out, lt_vault *v);
void lt_scanner_free(lt_scanner *s);

/* Set the OCR budget of the scans to come (NULL: the defaults). */
void lt_scanner_set_budget(lt_scanner *s, const lt_scan_budget *b);

/* Number of documents indexed. */
size_t lt_scanner_documents(const lt_scanner *s);

/*
 * Scan one source (any path lt_ingest_path reads).  Sightings are
 * collected in memory.  LT_EINPUT on broken input, naming the file and the
 * position; the scanner's sightings then include those of the messages
 * read before the error, but nothing has been written.  Inside a folder,
 * broken parts are passed over and attachments that lead outside their
 * export are refused: both are counted in the stats and named in
 * lt_scanner_notices(), and the scan goes on.  A long text is matched in
 * bounded windows, so memory does not grow with one message's size.
 */
int lt_scanner_scan(lt_scanner *s, const char *path);

/* Write the new sightings and their events in one transaction. */
int lt_scanner_commit(lt_scanner *s);

/* The sightings found so far (owned by the scanner), in scan order. */
const lt_sighting *lt_scanner_sightings(const lt_scanner *s, size_t *n);

/* Counts so far. */
const lt_scan_stats *lt_scanner_stats(const lt_scanner *s);

/* The outcome of the last call on `s`: LT_OK and "" when it worked.  The
 * message is owned by the scanner, valid until its next call. */
int lt_scanner_errcode(const lt_scanner *s);
const char *lt_scanner_errmsg(const lt_scanner *s);

/*
 * What was refused, passed over or cut so far, one sentence each naming
 * the file and what is wrong (the first 1000; the counts in the stats go
 * on).  Owned by the scanner; `*n` receives the number.
 */
const char *const *lt_scanner_notices(const lt_scanner *s, size_t *n);

/* One confirmed match of a text against a registered document. */
typedef struct lt_scan_match {
	const char *document; /* owned by the scanner */
	double similarity;
	size_t words;
	long doc_first, doc_last, doc_start, doc_end;
} lt_scan_match;

/*
 * Identify which documents `len` bytes of UTF-8 text contain (candidates
 * from the index, confirmed by alignment), best first, at most `max`,
 * without tracing or recording anything.  For tools and benchmarks.
 */
int lt_scanner_identify(lt_scanner *s, const char *text, size_t len,
			lt_scan_match *out, size_t max, size_t *n);

/*
 * The stored sightings, of document `doc_id` or of all documents (NULL),
 * ordered by document, then posted_at (unknown last), then id.
 */
int lt_sightings_list(lt_sighting **out, size_t *n, lt_vault *v,
		      const char *doc_id);
void lt_sightings_free(lt_sighting *s, size_t n);

/*
 * Append the JSON document of `scan --json` to `out`: the scanner's
 * sightings (each with "new"), what was scanned {messages, files,
 * skipped, attachments, attachments_skipped, refused, unreadable,
 * truncated}, the OCR done {pages, skipped, downscaled, files_over_budget}
 * and how many sightings are new.  LT_OK or LT_ENOMEM.
 */
int lt_scan_result_json(lt_buf *out, const lt_scanner *s);

/*
 * Append the JSON document of `sightings --json` to `out`: document (the
 * `doc_id` asked for, or null) and the `n` sightings.  Each sighting is
 * {id, document, platform, channel, message, author, posted_at, url,
 * source, attachment, kind, similarity, words, range, trace {verdict,
 * recipient, copy, p_false}, verify, first_seen}.  LT_OK or LT_ENOMEM.
 */
int lt_sightings_json(lt_buf *out, const char *doc_id, const lt_sighting *g,
		      size_t n);

#ifdef __cplusplus
}
#endif
#endif
