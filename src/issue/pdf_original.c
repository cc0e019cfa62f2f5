/*
 * pdf_original.c - a document's PDF original, kept in the vault, for
 * own-look copies (pdf_original.h): the one place register, issue,
 * document info and trace get its plan from.
 */
#include <stdio.h>
#include <string.h>

#include "leaktrace/error.h"
#include "issue/pdf_original.h"
#include "read/page_record.h"
#include "store/copies.h"
#include "store/docs.h"

int lt_pdf_original_plan(lt_pdf_plan **out, lt_buf *raw, lt_vault *v,
			 int64_t rowid, const char *doc_id)
{
	lt_buf own = {0}, *b = raw ? raw : &own;
	char msg[512];
	int rc;

	*out = NULL;
	lt_buf_clear(b);
	rc = lt_store_docs_original_get(v, rowid, b);
	if (rc == LT_ENOTFOUND) {
		lt_error_clear();
		rc = LT_OK;
	} else if (rc == LT_OK && b->len >= 5 && !memcmp(b->data, "%PDF-", 5) &&
		   (rc = lt_pdf_plan_new(out, b->data, b->len, doc_id))) {
		snprintf(msg, sizeof(msg), "%s", lt_error_message());
		rc = lt_error_set(LT_EVAULT, "vault is damaged: the PDF original "
				  "of '%s' cannot be read: %s", doc_id, msg);
	}
	lt_buf_free(&own);
	return rc;
}

int lt_pdf_original_check(const void *data, size_t len, const char *path)
{
	lt_pdf_plan *p = NULL;
	int rc = lt_pdf_plan_new(&p, data, len, path);

	lt_pdf_plan_free(p);
	return rc;
}

int lt_pdf_original_record_pages(lt_vault *v, int64_t doc_row,
				 const char *copy,
				 const lt_pdf_page_hash *h, size_t n,
				 const char *source)
{
	int64_t copy_row = 0;
	size_t k;
	int rc;

	if ((rc = lt_store_copies_row(v, copy, 0, &copy_row)))
		return rc;
	for (k = 0; k < n; k++)
		if ((rc = lt_page_hash_record(v, doc_row, copy_row, (int)k + 1,
					      h[k].hash.bytes, h[k].quality,
					      source, NULL)))
			return rc;
	return LT_OK;
}
