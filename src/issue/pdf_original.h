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

/* Check, at register, that a PDF original can be issued in its own look:
 * LT_EINPUT with a message naming `path` when it cannot (damaged,
 * truncated, encrypted). */
int lt_pdf_original_check(const void *data, size_t len, const char *path);

#endif
