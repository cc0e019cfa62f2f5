/*
 * pdf_original.h - the registered PDF original of a document, as issue,
 * register and trace use it for copies in the original's own look
 * (pdfcopy.h).
 */
#ifndef LT_ISSUE_PDF_ORIGINAL_H
#define LT_ISSUE_PDF_ORIGINAL_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/buf.h"
#include "leaktrace/pdfcopy.h"
#include "leaktrace/vault.h"
#include "read/pdf_pages.h"

/* The format recorded with an own-look PDF copy. */
#define LT_PDF_ORIGINAL_FORMAT "pdf-original"

/*
 * The plan of the PDF original kept for the document at `rowid`, with
 * its bytes into `raw` when `raw` is not NULL; *out is NULL (and LT_OK
 * returned) when the document has no PDF original (a text, Markdown or
 * Word one).  LT_EVAULT when the kept original cannot be read as the PDF
 * it was registered as.
 */
int lt_pdf_original_plan(lt_pdf_plan **out, lt_buf *raw, lt_vault *v,
			 int64_t rowid, const char *doc_id);

/*
 * Record, inside the issue's transaction, the PDQ hashes `h[0..n)` of the
 * original's pages as those of copy `copy` of the document at `doc_row`
 * (its marks move no line by more than 0.2 pt, which no page hash sees);
 * `source` names the copy's file.
 */
int lt_pdf_original_record_pages(lt_vault *v, int64_t doc_row,
				 const char *copy,
				 const lt_pdf_page_hash *h, size_t n,
				 const char *source);

/* Check, at register, that a PDF original can be issued in its own look:
 * LT_EINPUT with a message naming `path` when it cannot (damaged,
 * truncated, encrypted). */
int lt_pdf_original_check(const void *data, size_t len, const char *path);

#endif
