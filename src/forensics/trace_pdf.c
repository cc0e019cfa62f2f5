/*
 * trace_pdf.c - the layout marks of an own-look PDF copy, read against
 * the document's PDF original kept in the vault (trace_pdf.h).
 *
 * Flow: the original's bytes --pdfcopy plan--> its lines and slots; the
 * original's text layer (extract.h) --with the input's words-->
 * lt_pdf_copy_read (a copy's text layer, in the original's places) or,
 * when no page is, lt_pdf_copy_read_picture (photos, scans and
 * screenshots: words in pixels) --> one symbol per data line, or unread.
 */
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/extract.h"
#include "leaktrace/pdfcopy.h"
#include "forensics/trace_pdf.h"
#include "issue/pdf_original.h"
#include "read/vault_ocr.h"

int lt_trace_pdf_marks(lt_vault *v, const lt_doc *d,
		       const lt_seen_word *words, size_t nwords, int16_t **sym,
		       size_t *nlayout, size_t *seen, int *own)
{
	lt_pdf_plan *plan = NULL;
	lt_extract *e = NULL;
	lt_buf raw = {0};
	int16_t *cur = NULL;
	size_t n, i, pages = 0, count = 0;
	int rc;

	*sym = NULL;
	*nlayout = *seen = 0;
	*own = 0;
	if ((rc = lt_pdf_original_plan(&plan, &raw, v, d->rowid, d->id)) ||
	    !plan || !(n = lt_pdf_plan_slots(plan)))
		goto out;
	/* the vault's OCR engine for pages without a text layer (they carry
	 * no mark, but their words are read with the rest) */
	if ((rc = lt_extract_buffer(&e, raw.data, raw.len, d->id,
				    lt_vault_ocr(v)))) {
		rc = lt_error_set(LT_EVAULT, "vault is damaged: the PDF original "
				  "of '%s' cannot be read: %s", d->id,
				  lt_error_message());
		goto out;
	}
	if (!(cur = malloc((d->set->n + n + 1) * sizeof(*cur)))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < d->set->n; i++)
		cur[i] = -1;
	if ((rc = lt_pdf_copy_read(cur + d->set->n, &pages, plan, e->words,
				   e->nwords, words, nwords)))
		goto out;
	/* not in the original's places: pictures of its pages (photos,
	 * scans, screenshots), whose words are in pixels */
	if (pages == 0 &&
	    (rc = lt_pdf_copy_read_picture(cur + d->set->n, &pages, plan,
					   e->words, e->nwords, words, nwords)))
		goto out;
	if (pages == 0)
		goto out;
	*own = 1;
	for (i = 0; i < n; i++)
		count += cur[d->set->n + i] >= 0;
	if (count) {
		*sym = cur;
		cur = NULL;
		*nlayout = n;
		*seen = count;
	}
out:
	free(cur);
	lt_extract_free(e);
	lt_pdf_plan_free(plan);
	lt_buf_free(&raw);
	return rc;
}
