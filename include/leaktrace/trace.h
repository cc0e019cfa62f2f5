/*
 * trace.h - who leaked this text?
 *
 * Flow: extract the text -> tokenise -> identify the document (shingle
 * votes, then alignment) -> read every surviving slot -> score every issued
 * copy -> bound each score's innocent tail, union-bounded over the
 * document's recipients -> accuse only below the vault's threshold.  The
 * result is recorded as a "trace" event.
 *
 * Threads and errors: as for the vault (vault.h) these functions take; a
 * failure is recorded in it (lt_vault_errmsg()).  Pages needing OCR are
 * read with the vault's OCR context.
 */
#ifndef LEAKTRACE_TRACE_H
#define LEAKTRACE_TRACE_H

#include <stddef.h>

#include "leaktrace/buf.h"
#include "leaktrace/vault.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum lt_verdict {
	LT_VERDICT_IDENTIFIED = 0,  /* at least one recipient accused */
	LT_VERDICT_INCONCLUSIVE = 1, /* document found, nobody provably guilty */
	LT_VERDICT_NO_DOCUMENT = 2   /* not a registered document */
} lt_verdict;

const char *lt_verdict_name(lt_verdict v);

typedef struct lt_suspect {
	char *recipient;
	char copy[16];
	double score;   /* symmetric Tardos score */
	double p_false; /* bound on the probability an innocent scores this */
	int accused;
} lt_suspect;

typedef struct lt_trace_result {
	char *document; /* NULL when no document was found */
	lt_verdict verdict;
	size_t slots_total;
	size_t slots_observed;
	size_t lexical_observed;
	size_t typographic_observed;
	double bits;        /* information the observed slots carry */
	double bits_needed; /* log2(recipients / threshold) */
	double threshold;
	size_t recipients;  /* copies issued of the document */
	double similarity;  /* share of the leak's words found in the document */
	double coverage;    /* share of the document's words present */
	lt_suspect *suspects; /* best scores first: accused ones, then up to
				 ten more */
	size_t nsuspects;
	char *explanation;  /* one sentence on why this verdict */
	size_t layout_observed; /* layout marks read from rendered pages */
	int source;         /* lt_extract_kind of the input (extract.h) */
	/* OCR of the input under its budget (extract.h; 0 for text) */
	size_t ocr_pages;      /* pages read by OCR */
	size_t ocr_skipped;    /* pages left unread: over the OCR budget */
	size_t ocr_downscaled; /* page images scaled down to the pixel limit */
	const char *ocr_limit; /* "pages", "pixels", "seconds" or NULL */
} lt_trace_result;

/* Trace the file at `path`: text or Markdown in any supported encoding, a
 * PDF, or a PNG/JPEG photo, scan or screenshot (see extract.h); the layout
 * marks of rendered pages count with the lexical and typographic ones in
 * one score and one bound.  Free the result with lt_trace_result_free(). */
int lt_trace_file(lt_trace_result **out, lt_vault *v, const char *path);

/* Trace `len` bytes in memory, of any kind lt_trace_file() accepts: the
 * same result as for a file holding them.  `name` (may be NULL) as for
 * lt_extract_buffer() (extract.h). */
int lt_trace_buffer(lt_trace_result **out, lt_vault *v, const void *data,
		    size_t len, const char *name);

/* Trace `len` bytes of UTF-8 text. */
int lt_trace_text(lt_trace_result **out, lt_vault *v, const char *text,
		  size_t len);

void lt_trace_result_free(lt_trace_result *r);

/*
 * Append the JSON document of `trace --json` for `r` to `out`: document,
 * verdict, slots {total, observed, lexical, typographic, layout, bits,
 * bits_needed}, recipients, threshold, similarity, coverage, suspects
 * [{recipient, copy, score, p_false, accused}], explanation, and ocr
 * {pages, skipped, downscaled, reason} (reason: the OCR budget's limit
 * that left pages unread, or null).  LT_OK or
 * LT_ENOMEM.
 */
int lt_trace_result_json(lt_buf *out, const lt_trace_result *r);

#ifdef __cplusplus
}
#endif
#endif
