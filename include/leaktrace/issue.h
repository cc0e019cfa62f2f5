/*
 * issue.h - issuing individually marked copies.
 *
 * Each recipient's copy is the document's plain text with every slot
 * written as that recipient's codeword says.  The codewords of new
 * recipients are stored as one slot-major block (see code.h) so that trace
 * scores all copies in one tight loop.  Issuing again to a recipient who
 * already holds a copy writes the same copy again.
 *
 * All records (recipients, copies, codewords, one "issue" event per copy)
 * are written in one transaction; the copy files are written under
 * temporary names first and renamed into place only after the transaction
 * has committed, so a failure before the commit leaves neither records
 * nor files, and a kill after it leaves records whose files issuing again
 * to the same recipients writes - never a copy file without its record.
 * A caller may take the files itself instead (lt_issue_options.sink).
 *
 * Threads and errors: as for the vault (vault.h) these functions take; a
 * failure is recorded in it (lt_vault_errmsg()).
 */
#ifndef LEAKTRACE_ISSUE_H
#define LEAKTRACE_ISSUE_H

#include <stddef.h>

#include "leaktrace/buf.h"
#include "leaktrace/render.h"
#include "leaktrace/vault.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lt_issued_copy {
	char *recipient;
	char copy[16]; /* copy id */
	char *path;    /* file written (with a sink: the name handed over) */
	int reissued;  /* the recipient already held this copy */
} lt_issued_copy;

typedef struct lt_issue_result {
	char *document;
	lt_issued_copy *copies;
	size_t n;
} lt_issue_result;

/*
 * Issue `doc_id` to `n` recipients (names: non-empty UTF-8 without control
 * characters, at most 200 bytes; duplicates are issued once).  `out_dir`
 * is created if needed; `format` is "txt" or "md" (NULL: the document's
 * own).  Free the result with lt_issue_result_free().
 */
int lt_issue(lt_issue_result **out, lt_vault *v, const char *doc_id,
	     const char *const *recipients, size_t n, const char *out_dir,
	     const char *format);
void lt_issue_result_free(lt_issue_result *r);

/*
 * Takes one file of an issued copy instead of its being written into a
 * directory: `name` is the file name it would have had (no directory),
 * `data` its `len` bytes (valid during the call only), `format` "txt",
 * "md", "pdf" or "png".  Return 0 to go on; anything else stops the issue
 * (nothing is recorded; lt_issue_ex() returns a negative value given back
 * as it is, LT_EIO for a positive one).
 */
typedef int (*lt_issue_sink)(void *ctx, const char *name, const void *data,
			     size_t len, const char *format);

/* How copies are written (zero-initialise, then set what is wanted). */
typedef struct lt_issue_options {
	const char *format; /* "txt", "md", "pdf", "png" or "docx" (a Word
			       original's copies), "jpg" (or "jpeg") and
			       "png" for an image original; NULL: the
			       document's own (txt, md, docx; pdf for a PDF
			       original; png or jpg for a figure) */
	lt_paper paper;     /* pdf and png: A4 (default) or Letter */
	const char *banner; /* pdf and png: classification banner, or NULL */
	int footer;         /* pdf and png: visible footer "Copy ID - issued
			       to NAME" on every page */
	double dpi;         /* png: resolution (0: 150 dpi) */
	int justify;        /* pdf and png: justified text (render.h) */
	/* When set, every file of every copy is handed to `sink` (with
	 * `sink_ctx`) and nothing is written; `out_dir` may be NULL, and each
	 * copy's `path` in the result is the name it was handed with.  The
	 * files are handed over inside the issue's transaction: they are
	 * issued only when lt_issue_ex() returns LT_OK, so a caller discards
	 * what it was given when it fails. */
	lt_issue_sink sink;
	void *sink_ctx;
} lt_issue_options;

/*
 * As lt_issue(), with options.  "pdf" writes one PDF per copy; "png" one
 * PNG per page, named NAME-pK.png when there are several pages (the
 * result's path is then the first page's).  Pages carry the lexical and
 * typographic marks of the text and the layout marks of render.h: the
 * copy's codeword is that of the document's code extended with the layout
 * plan's slots (lt_code_extend).  The copy's format is recorded as
 * "pdf-a4", "pdf-letter", "png-a4" or "png-letter"; the manifest holds the
 * SHA-256 of every file (with its page number for PNG pages), and the PDQ
 * hash of every page is recorded for the copy (pdq.h).
 *
 * A document registered from a PDF: "pdf" (and NULL) writes each copy in
 * the original's own look instead (pdfcopy.h): the original file with the
 * layout marks of its text lines, no lexical or typographic mark, no
 * banner or footer; the codeword is that of the document's code extended
 * with the line slots, the format recorded as "pdf-original", and the PDQ
 * hashes of the original's pages recorded as the copy's.
 *
 * A PNG or JPEG original (an image document) gets one file per copy, PNG
 * or JPEG: the figure with an invisible pattern added to its luminance
 * (PSNR at least 38 dB against the original) that spells the copy's
 * symbols in the figure's image slots (its code extended by them, as
 * pages extend it by layout slots).  Any other format is LT_EUSAGE.
 */
int lt_issue_ex(lt_issue_result **out, lt_vault *v, const char *doc_id,
		const char *const *recipients, size_t n, const char *out_dir,
		const lt_issue_options *opt);

/*
 * Read recipient names from a file, one a line (blank lines and lines
 * starting with '#' skipped, surrounding white space trimmed).  Free with
 * lt_names_free().
 */
int lt_recipients_read_file(char ***names, size_t *n, const char *path);
void lt_names_free(char **names, size_t n);

/* LT_OK when `name` is an acceptable recipient name, else LT_EUSAGE. */
int lt_recipient_name_check(const char *name);

/*
 * Append the JSON document of `issue --json` for `r` to `out`: document,
 * copies [{recipient, copy, path, reissued}].  LT_OK or LT_ENOMEM.
 */
int lt_issue_result_json(lt_buf *out, const lt_issue_result *r);

#ifdef __cplusplus
}
#endif
#endif
