/*
 * trace.h - who leaked this text?
 *
 * Flow: extract the text -> tokenise -> identify the document (shingle
 * votes, then alignment) -> read every surviving slot -> score every issued
 * copy -> bound each score's innocent tail, union-bounded over the
 * document's recipients -> accuse only below the vault's threshold.  The
 * result is recorded as a "trace" event.
 *
 * A candidate set (lt_trace_options) restricts who can be accused: it is
 * fixed from the identified document and the vault alone, before any mark
 * is read, and the union bound then counts only its copies, so fewer bits
 * suffice (log2(copies / threshold)).  Copies outside it are scored, for
 * the record, and never accused.
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

/* How the candidate set of a trace was chosen. */
typedef enum lt_among_basis {
	LT_AMONG_ALL = 0,    /* every recipient of the document (the default) */
	LT_AMONG_NAMED = 1,  /* recipients the caller named */
	LT_AMONG_HOLDERS = 2 /* who held it before its first sighting, by the
				ledger (lt_among_holders(), investigate.h) */
} lt_among_basis;

/* "all", "named" or "holders". */
const char *lt_among_basis_name(lt_among_basis b);

/*
 * A candidate set as an lt_among_fn fixes it.  Every string is allocated
 * with malloc() by the function that fills it and released by
 * lt_among_set_clear() (trace does that).
 */
typedef struct lt_among_set {
	lt_among_basis basis;
	char **names;         /* the candidates (recipient names) */
	size_t n;
	char *reason;         /* one sentence: how and why they were chosen */
	char *first_sighting; /* holders: the first sighting (ISO 8601), or
				 NULL when none is recorded */
} lt_among_set;

void lt_among_set_clear(lt_among_set *s);

/*
 * A function that fixes the candidate set of a trace from the identified
 * document and the vault alone: it is called after the document is
 * identified and before any mark is read, and it is never shown a mark or
 * a score.  Fill *out (zeroed on entry) and return LT_OK, or an error code
 * with the message set (lt_error_set()).
 */
typedef int (*lt_among_fn)(lt_among_set *out, lt_vault *v,
			   const char *document, void *ctx);

/*
 * How to trace (zero-initialise, then set what is wanted; a NULL options
 * pointer is all zero: every recipient is a candidate).  At most one of
 * `among` and `among_fn` may be set (else LT_EUSAGE).
 */
typedef struct lt_trace_options {
	/* Candidates named by the caller (namong of them, duplicates counted
	 * once; copied).  Each must hold a copy of the document the text is
	 * identified as, else LT_ENOTFOUND naming the first that does not. */
	const char *const *among;
	size_t namong;
	/* Or candidates fixed by a function, e.g. lt_among_holders()
	 * (investigate.h) with among_ctx NULL. */
	lt_among_fn among_fn;
	void *among_ctx;
} lt_trace_options;

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
	size_t layout_observed; /* layout marks read from rendered pages or
				   an own-look PDF copy's lines */
	int source;         /* lt_extract_kind of the input (extract.h) */
	/* OCR of the input under its budget (extract.h; 0 for text) */
	size_t ocr_pages;      /* pages read by OCR */
	size_t ocr_skipped;    /* pages left unread: over the OCR budget */
	size_t ocr_downscaled; /* page images scaled down to the pixel limit */
	const char *ocr_limit; /* "pages", "pixels", "seconds" or NULL */
	/* The candidate set: only its copies are in `suspects` and can be
	 * accused; bits_needed and every p_false count candidate_copies. */
	lt_among_basis among;
	char *among_reason;     /* how it was chosen; NULL for all recipients */
	char *first_sighting;   /* LT_AMONG_HOLDERS: the sighting used, or NULL */
	char **candidates;      /* the candidates' names, sorted (none for all) */
	size_t ncandidates;
	size_t candidate_copies; /* copies they hold (= recipients for all) */
	size_t outside;          /* copies outside the set: never accused */
	double bits_needed_all;  /* log2(recipients / threshold) */
	/* The best-scoring copy outside the set, for the record (recipient
	 * NULL when there is none): p_false is union-bounded over all the
	 * document's recipients, and it is never accused. */
	lt_suspect outside_best;
	/* A figure traced by its image marks (an image document): the image
	 * slots read, and how well the picture matched the original. */
	size_t image_observed;
	int image_aligned;    /* 1 when registered to the original */
	double image_fit;     /* correlation with the original, 0..1 */
	int image_distance;   /* PDQ distance to the original's hash */
} lt_trace_result;

/* Trace the file at `path`: text or Markdown in any supported encoding, a
 * PDF, or a PNG/JPEG photo, scan or screenshot (see extract.h); the layout
 * marks of rendered pages count with the lexical and typographic ones in
 * one score and one bound.  A PDF whose pages are those of the document's
 * PDF original (an own-look copy, pdfcopy.h) is read by its line marks
 * alone, against the original kept in the vault (its text, the original's,
 * says nothing of the copy).  A PNG/JPEG picture of a registered image
 * document (found by its PDQ hash: the copy, a screenshot, a photo of the
 * figure alone) is registered to the original kept in the vault and
 * traced by its image marks.  Free the result with lt_trace_result_free(). */
int lt_trace_file(lt_trace_result **out, lt_vault *v, const char *path);

/* Trace `len` bytes in memory, of any kind lt_trace_file() accepts: the
 * same result as for a file holding them.  `name` (may be NULL) as for
 * lt_extract_buffer() (extract.h). */
int lt_trace_buffer(lt_trace_result **out, lt_vault *v, const void *data,
		    size_t len, const char *name);

/* Trace `len` bytes of UTF-8 text. */
int lt_trace_text(lt_trace_result **out, lt_vault *v, const char *text,
		  size_t len);

/* As lt_trace_file(), lt_trace_buffer() and lt_trace_text(), with
 * options (may be NULL). */
int lt_trace_file_ex(lt_trace_result **out, lt_vault *v, const char *path,
		     const lt_trace_options *opt);
int lt_trace_buffer_ex(lt_trace_result **out, lt_vault *v, const void *data,
		       size_t len, const char *name,
		       const lt_trace_options *opt);
int lt_trace_text_ex(lt_trace_result **out, lt_vault *v, const char *text,
		     size_t len, const lt_trace_options *opt);

void lt_trace_result_free(lt_trace_result *r);

/*
 * Append the JSON document of `trace --json` for `r` to `out`: document,
 * verdict, slots {total, observed, lexical, typographic, layout, image,
 * bits, bits_needed}, recipients, threshold, similarity, coverage, suspects
 * [{recipient, copy, score, p_false, accused}], explanation, ocr
 * {pages, skipped, downscaled, reason} (reason: the OCR budget's limit
 * that left pages unread, or null), and among {basis ("all", "named" or
 * "holders"), size (candidates), copies (their copies: what the union
 * bound counts), candidates [names], reason, first_sighting, outside
 * (copies never accused), bits_needed_all, outside_best {recipient, copy,
 * score, p_false} or null}.  LT_OK or LT_ENOMEM.
 */
int lt_trace_result_json(lt_buf *out, const lt_trace_result *r);

#ifdef __cplusplus
}
#endif
#endif
