/*
 * sqlite_copies.c - the SQLite backend's copies area (store/copies.h):
 * tables recipients, copies, code_blocks, copy_files and manifests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "store/copies.h"
#include "store/sqlite_internal.h"

static int copies_recipients(lt_vault *v, const char *const *names, size_t n,
			     int64_t *ids)
{
	sqlite3_stmt *ins = NULL, *sel = NULL;
	size_t i;
	int rc;

	if ((rc = lt_vault_prepare(v, &ins, "INSERT OR IGNORE INTO "
				   "recipients(name) VALUES(?)")) ||
	    (rc = lt_vault_prepare(v, &sel, "SELECT rowid FROM recipients "
				   "WHERE name=?")))
		goto out;
	for (i = 0; i < n; i++) {
		sqlite3_bind_text(ins, 1, names[i], -1, SQLITE_STATIC);
		if ((rc = lt_sqlite_step_done(v, ins, "record recipient")))
			goto out;
		sqlite3_bind_text(sel, 1, names[i], -1, SQLITE_STATIC);
		rc = sqlite3_step(sel);
		if (rc == SQLITE_ROW)
			ids[i] = sqlite3_column_int64(sel, 0);
		sqlite3_reset(sel);
		if (rc != SQLITE_ROW) {
			rc = lt_vault_sqlite_error(v, rc, "record recipient");
			goto out;
		}
	}
	rc = LT_OK;
out:
	sqlite3_finalize(ins);
	sqlite3_finalize(sel);
	return rc;
}

static int copies_find(lt_vault *v, int64_t doc, const int64_t *recipients,
		       size_t n, char (*ids)[16], int *found)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "SELECT id FROM copies WHERE doc=? "
				   "AND recipient=?")))
		return rc;
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, doc);
		sqlite3_bind_int64(st, 2, recipients[i]);
		rc = sqlite3_step(st);
		found[i] = rc == SQLITE_ROW;
		if (found[i])
			snprintf(ids[i], 16, "%s", sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			rc = lt_vault_sqlite_error(v, rc, "look up copies");
			sqlite3_finalize(st);
			return rc;
		}
	}
	sqlite3_finalize(st);
	return LT_OK;
}

static int copies_add_block(lt_vault *v, int64_t doc, size_t count,
			    size_t nslots, const uint8_t *symbols, int64_t *block)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "INSERT INTO code_blocks(doc, count, "
				   "nslots, symbols) VALUES(?,?,?,?)")))
		return rc;
	sqlite3_bind_int64(st, 1, doc);
	sqlite3_bind_int64(st, 2, (int64_t)count);
	sqlite3_bind_int64(st, 3, (int64_t)nslots);
	sqlite3_bind_blob64(st, 4, symbols, count * nslots, SQLITE_STATIC);
	if ((rc = lt_sqlite_step_done(v, st, "store codewords")) == LT_OK)
		*block = sqlite3_last_insert_rowid(v->db);
	sqlite3_finalize(st);
	return rc;
}

static int copies_add(lt_vault *v, const lt_store_copy_new *c, size_t n)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = LT_OK;

	if ((rc = lt_vault_prepare(v, &st, "INSERT INTO copies(id, doc, "
				   "recipient, block, block_index, format, path, "
				   "issued_at) VALUES(?,?,?,?,?,?,?,?)")))
		return rc;
	for (i = 0; i < n && rc == LT_OK; i++) {
		sqlite3_bind_text(st, 1, c[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, c[i].doc);
		sqlite3_bind_int64(st, 3, c[i].recipient);
		sqlite3_bind_int64(st, 4, c[i].block);
		sqlite3_bind_int64(st, 5, (int64_t)c[i].block_index);
		sqlite3_bind_text(st, 6, c[i].format, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, c[i].path, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, c[i].issued_at, -1, SQLITE_STATIC);
		rc = lt_sqlite_step_done(v, st, "record copy");
	}
	sqlite3_finalize(st);
	return rc;
}

static int copies_add_files(lt_vault *v, const lt_store_copy_file *f, size_t n)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = LT_OK;

	if (n == 0)
		return LT_OK;
	if ((rc = lt_vault_prepare(v, &st, "INSERT INTO copy_files(copy, digest, "
				   "page, issued_at) VALUES(?,?,?,"
				   "strftime('%Y-%m-%dT%H:%M:%SZ'))")))
		return rc;
	for (i = 0; i < n && rc == LT_OK; i++) {
		sqlite3_bind_text(st, 1, f[i].copy, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, f[i].digest, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, (int64_t)f[i].page);
		rc = lt_sqlite_step_done(v, st, "record copy file digest");
	}
	sqlite3_finalize(st);
	return rc;
}

static int copies_add_manifest(lt_vault *v, int64_t doc, const char *created_at,
			       const char *body, size_t len,
			       const unsigned char *sig, size_t sig_len,
			       const unsigned char *pk, size_t pk_len)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "INSERT INTO manifests(doc, created_at, "
				   "body, signature, public_key) "
				   "VALUES(?,?,?,?,?)")))
		return rc;
	sqlite3_bind_int64(st, 1, doc);
	sqlite3_bind_text(st, 2, created_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, body, (int)len, SQLITE_STATIC);
	sqlite3_bind_blob(st, 4, sig, (int)sig_len, SQLITE_STATIC);
	sqlite3_bind_blob(st, 5, pk, (int)pk_len, SQLITE_STATIC);
	rc = lt_sqlite_step_done(v, st, "store manifest");
	sqlite3_finalize(st);
	return rc;
}

static int copies_row(lt_vault *v, const char *id, int64_t doc, int64_t *row)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, doc
			? "SELECT rowid FROM copies WHERE id = ? AND doc = ?"
			: "SELECT rowid FROM copies WHERE id = ?")))
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (doc)
		sqlite3_bind_int64(st, 2, doc);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*row = sqlite3_column_int64(st, 0);
		rc = LT_OK;
	} else if (rc == SQLITE_DONE) {
		rc = lt_error_set(LT_ENOTFOUND, "no copy '%s' in the vault", id);
	} else {
		rc = lt_vault_sqlite_error(v, rc, "find copy");
	}
	sqlite3_finalize(st);
	return rc;
}

static int copies_id_of(lt_vault *v, int64_t row, char id[16])
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "SELECT id FROM copies WHERE rowid = ?")))
		return rc;
	sqlite3_bind_int64(st, 1, row);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(id, 16, "%s", sqlite3_column_text(st, 0));
		rc = LT_OK;
	} else if (rc == SQLITE_DONE) {
		rc = lt_error_set(LT_ENOTFOUND, "no copy row %lld in the vault",
				  (long long)row);
	} else {
		rc = lt_vault_sqlite_error(v, rc, "find copy");
	}
	sqlite3_finalize(st);
	return rc;
}

static int copies_count(lt_vault *v, int64_t doc, size_t *n)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "SELECT count(*) FROM copies "
				   "WHERE doc = ?")))
		return rc;
	sqlite3_bind_int64(st, 1, doc);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? LT_OK
				: lt_vault_sqlite_error(v, rc, "read document");
}

static int copies_each_block(lt_vault *v, int64_t doc, lt_store_block_fn fn,
			     void *ctx)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "SELECT rowid, count, nslots, symbols "
				   "FROM code_blocks WHERE doc=?")))
		return rc;
	sqlite3_bind_int64(st, 1, doc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		lt_store_block b;

		b.block = sqlite3_column_int64(st, 0);
		b.count = (size_t)sqlite3_column_int64(st, 1);
		b.nslots = (size_t)sqlite3_column_int64(st, 2);
		b.symbols = sqlite3_column_blob(st, 3);
		b.bytes = (size_t)sqlite3_column_bytes(st, 3);
		if ((rc = fn(ctx, &b))) {
			sqlite3_finalize(st);
			return rc;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? LT_OK
				 : lt_vault_sqlite_error(v, rc, "read codewords");
}

static int copies_each_copy(lt_vault *v, int64_t doc, lt_store_copy_fn fn,
			    void *ctx)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "SELECT c.block, c.block_index, r.name "
				   "FROM copies c JOIN recipients r "
				   "ON r.rowid = c.recipient WHERE c.doc=?")))
		return rc;
	sqlite3_bind_int64(st, 1, doc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		lt_store_copy_ref c;

		c.block = sqlite3_column_int64(st, 0);
		c.index = (size_t)sqlite3_column_int64(st, 1);
		c.recipient = (const char *)sqlite3_column_text(st, 2);
		if ((rc = fn(ctx, &c))) {
			sqlite3_finalize(st);
			return rc;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? LT_OK
				 : lt_vault_sqlite_error(v, rc, "read copies");
}

static int copies_at(lt_vault *v, int64_t block, size_t index, char copy[16],
		     char **recipient)
{
	sqlite3_stmt *st;
	int rc;

	*recipient = NULL;
	if ((rc = lt_vault_prepare(v, &st, "SELECT c.id, r.name FROM copies c "
				   "JOIN recipients r ON r.rowid = c.recipient "
				   "WHERE c.block=? AND c.block_index=?")))
		return rc;
	sqlite3_bind_int64(st, 1, block);
	sqlite3_bind_int64(st, 2, (int64_t)index);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(copy, 16, "%s", sqlite3_column_text(st, 0));
		*recipient = lt_sqlite_strdup(st, 1);
		rc = *recipient ? LT_OK : lt_error_set(LT_ENOMEM, "out of memory");
	} else if (rc == SQLITE_DONE) {
		rc = lt_error_set(LT_ENOTFOUND, "no copy for codeword %zu of block "
				  "%lld", index, (long long)block);
	} else {
		rc = lt_vault_sqlite_error(v, rc, "read copies");
	}
	sqlite3_finalize(st);
	return rc;
}

static int copies_by_digest(lt_vault *v, const char *hex, int *found,
			    char copy[16], char **recipient, int64_t *doc)
{
	sqlite3_stmt *st;
	int rc;

	*found = 0;
	*recipient = NULL;
	if ((rc = lt_vault_prepare(v, &st, "SELECT c.id, r.name, c.doc FROM copies c"
				   " JOIN recipients r ON r.rowid = c.recipient"
				   " JOIN copy_files f ON f.copy = c.id"
				   " WHERE f.digest = ? LIMIT 1")))
		return rc;
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(copy, 16, "%s", sqlite3_column_text(st, 0));
		*recipient = lt_sqlite_strdup(st, 1);
		*doc = sqlite3_column_int64(st, 2);
		*found = 1;
		rc = *recipient ? LT_OK : lt_error_set(LT_ENOMEM, "out of memory");
	} else {
		rc = rc == SQLITE_DONE ? LT_OK
				       : lt_vault_sqlite_error(v, rc, "look up digest");
	}
	sqlite3_finalize(st);
	return rc;
}

static int copies_info(lt_vault *v, const char *id, lt_store_copy_info *out)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = lt_vault_prepare(v, &st, "SELECT c.doc, c.id, "
				   "(SELECT f.digest FROM copy_files f WHERE "
				   "f.copy = c.id AND f.page <= 1 ORDER BY "
				   "f.rowid DESC LIMIT 1), "
				   "c.issued_at, r.name FROM copies c "
				   "JOIN recipients r ON r.rowid = c.recipient "
				   "WHERE c.id = ?")))
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc == SQLITE_DONE)
			return lt_error_set(LT_ENOTFOUND, "no copy '%s' in the vault",
					    id);
		return lt_vault_sqlite_error(v, rc, "read copy");
	}
	out->doc = sqlite3_column_int64(st, 0);
	snprintf(out->copy, sizeof(out->copy), "%s", sqlite3_column_text(st, 1));
	out->digest = lt_sqlite_strdup(st, 2);
	out->issued_at = lt_sqlite_strdup(st, 3);
	out->recipient = lt_sqlite_strdup(st, 4);
	rc = (sqlite3_column_type(st, 2) != SQLITE_NULL && !out->digest) ||
	     !out->issued_at || !out->recipient;
	sqlite3_finalize(st);
	if (rc) {
		lt_store_copy_info_clear(out);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	return LT_OK;
}

const struct lt_store_copies_ops lt_sqlite_copies_ops = {
	.recipients = copies_recipients,
	.find = copies_find,
	.add_block = copies_add_block,
	.add = copies_add,
	.add_files = copies_add_files,
	.add_manifest = copies_add_manifest,
	.row = copies_row,
	.id_of = copies_id_of,
	.count = copies_count,
	.each_block = copies_each_block,
	.each_copy = copies_each_copy,
	.at = copies_at,
	.by_digest = copies_by_digest,
	.info = copies_info,
};
