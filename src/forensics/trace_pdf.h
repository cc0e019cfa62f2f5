/*
 * trace_pdf.h - trace's reading of the layout marks of own-look PDF copies
 * (pdfcopy.h), for trace.c.
 */
#ifndef LT_FORENSICS_TRACE_PDF_H
#define LT_FORENSICS_TRACE_PDF_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/render.h"
#include "leaktrace/vault.h"
#include "identify/doc.h"

/*
 * When document `d` has a PDF original and some input page is one of its
 * pages (its words in the original's places), *own = 1 and the marks of
 * its lines are read: *sym receives d->set->n + *nlayout symbols (every
 * text slot unread: an own-look copy's text is the original's; the layout
 * slots as read), or NULL when no mark could be read; *seen the marks
 * read.  Otherwise *own = 0 and nothing is set.  *sym is malloc'd.
 */
int lt_trace_pdf_marks(lt_vault *v, const lt_doc *d,
		       const lt_seen_word *words, size_t nwords, int16_t **sym,
		       size_t *nlayout, size_t *seen, int *own);

#endif
