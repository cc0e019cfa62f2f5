/*
 * pdq_store.c - the vault's PDQ hashes of protected page images (pdq.h,
 * pdq_store.h): recording them, loading them into an index, exporting
 * them for platforms.
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
#include "spread/pdq_store.h"
#include "store/vault_internal.h"

/* ---------------------------------------------------------------------
 * Lookups
 * ------------------------------------------------------------------- */

/* The row id of document `id`; LT_ENOTFOUND when there is none. */
static int document_row(lt_vault *v, const char *id, int64_t *row)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "SELECT rowid FROM documents "
					   "WHERE id = ?")))
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*row = sqlite3_column_int64(st, 0);
		rc = LT_OK;
	} else if (rc == SQLITE_DONE) {
		rc = lt_error_set(LT_ENOTFOUND, "no document '%s' in the vault",
				  id);
	} else {
		rc = lt_vault_sqlite_error(v, rc, "find document");
	}
	sqlite3_finalize(st);
	return rc;
}

/* The row id of copy `id` of document row `doc`; LT_ENOTFOUND if none. */
static int copy_row(lt_vault *v, int64_t doc, const char *doc_id,
		    const char *id, int64_t *row)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "SELECT rowid FROM copies "
					   "WHERE id = ? AND doc = ?")))
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, doc);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*row = sqlite3_column_int64(st, 0);
		rc = LT_OK;
	} else if (rc == SQLITE_DONE) {
		rc = lt_error_set(LT_ENOTFOUND, "no copy '%s' of document '%s' "
				  "in the vault", id, doc_id);
	} else {
		rc = lt_vault_sqlite_error(v, rc, "find copy");
	}
	sqlite3_finalize(st);
	return rc;
}

/* The text id of a row of `table` (documents or copies) into *out. */
static int text_id(lt_vault *v, const char *sql, int64_t row, lt_buf *out)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, sql)))
		return rc;
	sqlite3_bind_int64(st, 1, row);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);

		rc = lt_buf_puts(out, s ? s : "");
	} else if (rc == SQLITE_DONE) {
		rc = lt_error_set(LT_ENOTFOUND, "no row %lld for a page hash",
				  (long long)row);
	} else {
		rc = lt_vault_sqlite_error(v, rc, "find page hash owner");
	}
	sqlite3_finalize(st);
	return rc;
}

/* ---------------------------------------------------------------------
 * Recording
 * ------------------------------------------------------------------- */

/* The "page-hash" event for a new row. */
static int log_event(lt_vault *v, int64_t doc, int64_t copy, int page,
		     const lt_pdq_hash *hash, int quality)
{
	lt_buf doc_id = {0}, copy_id = {0}, detail = {0};
	char hex[LT_PDQ_HEX_CHARS + 1];
	int rc;

	lt_pdq_to_hex(hash, hex);
	if ((rc = text_id(v, "SELECT id FROM documents WHERE rowid = ?", doc,
			  &doc_id)))
		goto out;
	if (copy && (rc = text_id(v, "SELECT id FROM copies WHERE rowid = ?",
				  copy, &copy_id)))
		goto out;
	/* Copy ids are short hex names; the hash is hex: nothing to escape. */
	if (copy)
		rc = lt_buf_printf(&detail, "{\"copy\":\"%s\",\"page\":%d,"
				   "\"pdq\":\"%s\",\"quality\":%d}",
				   copy_id.data, page, hex, quality);
	else
		rc = lt_buf_printf(&detail, "{\"copy\":null,\"page\":%d,"
				   "\"pdq\":\"%s\",\"quality\":%d}", page, hex,
				   quality);
	if (rc == LT_OK)
		rc = lt_vault_event(v, "page-hash", doc_id.data, detail.data);
out:
	lt_buf_free(&doc_id);
	lt_buf_free(&copy_id);
	lt_buf_free(&detail);
	return rc;
}

int lt_pdq_store_add(lt_vault *v, int64_t doc, int64_t copy, int page,
		     const lt_pdq_hash *hash, int quality, const char *source,
		     int *added)
{
	sqlite3_stmt *st;
	char now[32];
	int rc, changed;

	if (added)
		*added = 0;
	if (page < 1)
		return lt_error_set(LT_EUSAGE, "page numbers start at 1 "
				    "(got %d)", page);
	if ((rc = lt_vault_prepare(v, &st, "INSERT OR IGNORE INTO page_hashes"
					   "(doc, copy, page, hash, quality, "
					   "source, added_at) "
					   "VALUES(?,?,?,?,?,?,?)")))
		return rc;
	lt_time_now(now);
	sqlite3_bind_int64(st, 1, doc);
	if (copy)
		sqlite3_bind_int64(st, 2, copy);
	sqlite3_bind_int(st, 3, page);
	sqlite3_bind_blob(st, 4, hash->bytes, LT_PDQ_BYTES, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, quality);
	if (source)
		sqlite3_bind_text(st, 6, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, now, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return lt_vault_sqlite_error(v, rc, "store page hash");
	changed = sqlite3_changes(v->db) > 0;
	if (added)
		*added = changed;
	return changed ? log_event(v, doc, copy, page, hash, quality) : LT_OK;
}

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
	if ((rc = document_row(v, doc_id, &doc)) ||
	    (copy_id && (rc = copy_row(v, doc, doc_id, copy_id, &copy))) ||
	    (rc = lt_pdq_store_add(v, doc, copy, page, &h, q, path, NULL))) {
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

static int index_load(lt_pdq_index *ix, lt_vault *v, const char *doc_id)
{
	sqlite3_stmt *st;
	int64_t doc = 0;
	int rc;

	if (doc_id && (rc = document_row(v, doc_id, &doc)))
		return rc;
	if ((rc = lt_vault_prepare(v, &st, doc_id
			? "SELECT rowid, hash FROM page_hashes WHERE doc = ? "
			  "ORDER BY rowid"
			: "SELECT rowid, hash FROM page_hashes ORDER BY rowid")))
		return rc;
	if (doc_id)
		sqlite3_bind_int64(st, 1, doc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		lt_pdq_hash h;
		int nb = sqlite3_column_bytes(st, 1);

		if (nb != LT_PDQ_BYTES) {
			sqlite3_finalize(st);
			return lt_error_set(LT_EVAULT, "vault database is "
					    "damaged (a page hash of %d bytes)",
					    nb);
		}
		memcpy(h.bytes, sqlite3_column_blob(st, 1), LT_PDQ_BYTES);
		if ((rc = lt_pdq_index_add(ix, &h, sqlite3_column_int64(st, 0)))) {
			sqlite3_finalize(st);
			return rc;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? LT_OK
				 : lt_vault_sqlite_error(v, rc, "load page hashes");
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

static int export_csv(lt_vault *v, const char *doc_id, FILE *out,
		      size_t *rows, size_t *skipped)
{
	sqlite3_stmt *st;
	int64_t doc = 0;
	size_t written = 0, left = 0;
	int rc;

	if (rows)
		*rows = 0;
	if (skipped)
		*skipped = 0;
	if (doc_id && (rc = document_row(v, doc_id, &doc)))
		return rc;
	/* One line a distinct hash of a document: its first row names it. */
	if ((rc = lt_vault_prepare(v, &st,
			"SELECT MIN(rowid), hash, MIN(added_at), MIN(page), "
			"MAX(quality) FROM page_hashes "
			"WHERE ?1 = 0 OR doc = ?1 "
			"GROUP BY doc, hash ORDER BY MIN(rowid)")))
		return rc;
	sqlite3_bind_int64(st, 1, doc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *added = sqlite3_column_text(st, 2);
		char hex[LT_PDQ_HEX_CHARS + 1], when[32];
		lt_pdq_hash h;
		int nb = sqlite3_column_bytes(st, 1);

		if (nb != LT_PDQ_BYTES) {
			sqlite3_finalize(st);
			return lt_error_set(LT_EVAULT, "vault database is "
					    "damaged (a page hash of %d bytes)",
					    nb);
		}
		if (sqlite3_column_int(st, 4) < LT_PDQ_MIN_QUALITY) {
			left++;
			continue;
		}
		memcpy(h.bytes, sqlite3_column_blob(st, 1), LT_PDQ_BYTES);
		lt_pdq_to_hex(&h, hex);
		te_time(added ? (const char *)added : "", when);
		if (fprintf(out, "%s,%lld,%s,leaktrace media_type_photo "
			    "page_%d\n", hex,
			    (long long)sqlite3_column_int64(st, 0), when,
			    sqlite3_column_int(st, 3)) < 0) {
			sqlite3_finalize(st);
			return lt_error_set(LT_EIO, "cannot write the hash "
					    "list");
		}
		written++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return lt_vault_sqlite_error(v, rc, "export page hashes");
	if (fflush(out) != 0 || ferror(out))
		return lt_error_set(LT_EIO, "cannot write the hash list");
	if (rows)
		*rows = written;
	if (skipped)
		*skipped = left;
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
