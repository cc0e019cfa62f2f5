/*
 * page_record.c - recording a page image's PDQ hash for a document or an
 * issued copy: the stored row and its "page-hash" ledger event, together.
 */
#include <stdlib.h>

#include <sodium.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "ledger/event.h"
#include "read/page_record.h"
#include "store/copies.h"
#include "store/docs.h"
#include "store/pages.h"

/* The "page-hash" event for a new row. */
static int log_event(lt_vault *v, int64_t doc, int64_t copy, int page,
		     const unsigned char hash[32], int quality)
{
	lt_buf detail = {0};
	char *doc_id = NULL, copy_id[16];
	char hex[65];
	int rc;

	sodium_bin2hex(hex, sizeof(hex), hash, 32);
	if ((rc = lt_store_docs_describe(v, doc, &doc_id, NULL)))
		goto out;
	if (copy && (rc = lt_store_copies_id_of(v, copy, copy_id)))
		goto out;
	/* Copy ids are short hex names; the hash is hex: nothing to escape. */
	if (copy)
		rc = lt_buf_printf(&detail, "{\"copy\":\"%s\",\"page\":%d,"
				   "\"pdq\":\"%s\",\"quality\":%d}",
				   copy_id, page, hex, quality);
	else
		rc = lt_buf_printf(&detail, "{\"copy\":null,\"page\":%d,"
				   "\"pdq\":\"%s\",\"quality\":%d}", page, hex,
				   quality);
	if (rc == LT_OK)
		rc = lt_ledger_event(v, "page-hash", doc_id, detail.data);
out:
	free(doc_id);
	lt_buf_free(&detail);
	return rc;
}

int lt_page_hash_record(lt_vault *v, int64_t doc, int64_t copy, int page,
			  const unsigned char hash[32], int quality,
			  const char *source, int *added)
{
	lt_store_page_new row;
	char now[32];
	int rc, changed;

	if (added)
		*added = 0;
	if (page < 1)
		return lt_error_set(LT_EUSAGE, "page numbers start at 1 "
				    "(got %d)", page);
	lt_time_now(now);
	row = (lt_store_page_new){doc, copy, page, hash, quality, source, now,
				  0};
	if ((rc = lt_store_pages_add(v, &row, &changed)))
		return rc;
	if (added)
		*added = changed;
	return changed ? log_event(v, doc, copy, page, hash, quality) : LT_OK;
}

int lt_figure_hash_record(lt_vault *v, int64_t doc, int figure,
			  const unsigned char hash[32], int quality,
			  const char *source)
{
	lt_store_page_new row;
	lt_buf detail = {0};
	char *doc_id = NULL, hex[65], now[32];
	int rc, changed;

	if (figure < 0)
		return lt_error_set(LT_EUSAGE, "figure numbers start at 0 "
				    "(got %d)", figure);
	lt_time_now(now);
	row = (lt_store_page_new){doc, 0, 0, hash, quality, source, now,
				  figure + 1};
	if ((rc = lt_store_pages_add(v, &row, &changed)) || !changed)
		return rc;
	sodium_bin2hex(hex, sizeof(hex), hash, 32);
	if ((rc = lt_store_docs_describe(v, doc, &doc_id, NULL)) == LT_OK &&
	    (rc = lt_buf_printf(&detail, "{\"copy\":null,\"figure\":%d,"
				"\"pdq\":\"%s\",\"quality\":%d}", figure, hex,
				quality)) == LT_OK)
		rc = lt_ledger_event(v, "page-hash", doc_id, detail.data);
	free(doc_id);
	lt_buf_free(&detail);
	return rc;
}
