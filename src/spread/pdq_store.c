/*
 * pdq_store.c - the vault's PDQ hashes of protected page images (pdq.h):
 * registering them, loading them into an index, exporting them for
 * platforms (the rows themselves: store/pages.h).
 *
 * Each row of page_hashes is one page image of a document's original or
 * of one issued copy.  Copies of a page differ only by their marks, which
 * PDQ does not see, so their hashes are nearly always equal; rows with the
 * same document, copy, page and hash are kept once.  Recording a new row
 * logs a "page-hash" event (in the ledger, like every event).
 *
 * The export is the hash list platforms feed to their matchers: one line
 * a distinct hash of a document, in the CSV of ThreatExchange's sample
 * data and hash-sharing tools (hash,id,added_at,tags).  It names neither
 * the document nor any recipient: the id is the row number in this vault,
 * which is how a reported match is traced back here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "leaktrace/pdq.h"
#include "store/copies.h"
#include "store/docs.h"
#include "read/page_record.h"
#include "store/pages.h"

/* The row id of copy `id` of document row `doc`; LT_ENOTFOUND if none. */
static int copy_row(lt_vault *v, int64_t doc, const char *doc_id,
		    const char *id, int64_t *row)
{
	int rc = lt_store_copies_row(v, id, doc, row);

	if (rc == LT_ENOTFOUND)
		rc = lt_error_set(LT_ENOTFOUND, "no copy '%s' of document '%s' "
				  "in the vault", id, doc_id);
	return rc;
}

/* ---------------------------------------------------------------------
 * Recording
 * ------------------------------------------------------------------- */

static int register_image(lt_vault *v, const char *doc_id,
			  const char *copy_id, int page, const char *path,
			  lt_pdq_hash *hash, int *quality)
{
	lt_pdq_hash h;
	int64_t doc = 0, copy = 0;
	int q, rc;

	if (page < 1)
		return lt_error_set(LT_EUSAGE, "page numbers start at 1 "
				    "(got %d)", page);
	if ((rc = lt_pdq_hash_file(&h, &q, path, 0)))
		return rc;
	if ((rc = lt_vault_begin(v)))
		return rc;
	if ((rc = lt_store_docs_find(v, doc_id, &doc)) ||
	    (copy_id && (rc = copy_row(v, doc, doc_id, copy_id, &copy))) ||
	    (rc = lt_page_hash_record(v, doc, copy, page, h.bytes, q, path,
					NULL))) {
		lt_vault_rollback(v);
		return rc;
	}
	if ((rc = lt_vault_commit(v)))
		return rc;
	if (hash)
		*hash = h;
	if (quality)
		*quality = q;
	return LT_OK;
}

/* ---------------------------------------------------------------------
 * Loading and exporting
 * ------------------------------------------------------------------- */

/* A stored hash's 32 bytes, or LT_EVAULT when the row is damaged. */
static int page_hash(lt_pdq_hash *h, const lt_store_page *p)
{
	if (p->bytes != LT_PDQ_BYTES || !p->hash)
		return lt_error_set(LT_EVAULT, "vault database is damaged (a page "
				    "hash of %zu bytes)", p->bytes);
	memcpy(h->bytes, p->hash, LT_PDQ_BYTES);
	return LT_OK;
}

static int load_one(void *ctx, const lt_store_page *p)
{
	lt_pdq_hash h;
	int rc;

	if ((rc = page_hash(&h, p)))
		return rc;
	return lt_pdq_index_add(ctx, &h, p->id);
}

static int index_load(lt_pdq_index *ix, lt_vault *v, const char *doc_id)
{
	int64_t doc = 0;
	int rc;

	if (doc_id && (rc = lt_store_docs_find(v, doc_id, &doc)))
		return rc;
	return lt_store_pages_each(v, doc, load_one, ix);
}

/*
 * "2026-01-31T12:00:00Z" as ThreatExchange writes times,
 * "2026-01-31T12:00:00+0000", into out[32].
 */
static void te_time(const char *iso, char out[32])
{
	size_t n = strlen(iso);

	if (n > 0 && n < 26 && iso[n - 1] == 'Z')
		snprintf(out, 32, "%.*s+0000", (int)(n - 1), iso);
	else
		snprintf(out, 32, "%.31s", iso);
}

typedef struct export_ctx {
	FILE *out;
	size_t written, left;
} export_ctx;

static int export_one(void *ctx, const lt_store_page *p)
{
	export_ctx *x = ctx;
	char hex[LT_PDQ_HEX_CHARS + 1], when[32];
	lt_pdq_hash h;
	int rc;

	if ((rc = page_hash(&h, p)))
		return rc;
	if (p->quality < LT_PDQ_MIN_QUALITY) {
		x->left++;
		return LT_OK;
	}
	lt_pdq_to_hex(&h, hex);
	te_time(p->added_at ? p->added_at : "", when);
	/* a figure inside a Word or PDF original is named as one */
	if (fprintf(x->out, "%s,%lld,%s,leaktrace media_type_photo %s_%d\n",
		    hex, (long long)p->id, when,
		    p->figure > 0 ? "figure" : "page",
		    p->figure > 0 ? p->figure - 1 : p->page) < 0)
		return lt_error_set(LT_EIO, "cannot write the hash list");
	x->written++;
	return LT_OK;
}

static int export_csv(lt_vault *v, const char *doc_id, FILE *out,
		      size_t *rows, size_t *skipped)
{
	export_ctx x = {out, 0, 0};
	int64_t doc = 0;
	int rc;

	if (rows)
		*rows = 0;
	if (skipped)
		*skipped = 0;
	if (doc_id && (rc = lt_store_docs_find(v, doc_id, &doc)))
		return rc;
	/* One line a distinct hash of a document: its first row names it. */
	if ((rc = lt_store_pages_each_distinct(v, doc, export_one, &x)))
		return rc;
	if (fflush(out) != 0 || ferror(out))
		return lt_error_set(LT_EIO, "cannot write the hash list");
	if (rows)
		*rows = x.written;
	if (skipped)
		*skipped = x.left;
	return LT_OK;
}

/* ---------------------------------------------------------------------
 * The public calls: each records its outcome in the vault
 * ------------------------------------------------------------------- */

int lt_pdq_register_image(lt_vault *v, const char *doc_id,
			  const char *copy_id, int page, const char *path,
			  lt_pdq_hash *hash, int *quality)
{
	return lt_vault_keep_error(v, register_image(v, doc_id, copy_id, page,
						     path, hash, quality));
}

int lt_pdq_index_load(lt_pdq_index *ix, lt_vault *v, const char *doc_id)
{
	return lt_vault_keep_error(v, index_load(ix, v, doc_id));
}

int lt_pdq_export_csv(lt_vault *v, const char *doc_id, FILE *out,
		      size_t *rows, size_t *skipped)
{
	return lt_vault_keep_error(v, export_csv(v, doc_id, out, rows,
						 skipped));
}
