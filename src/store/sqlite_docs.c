/*
 * sqlite_docs.c - the SQLite backend's documents area (store/docs.h):
 * tables documents, slot_decisions and shingles.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "store/docs.h"
#include "store/sqlite_internal.h"

static int docs_add(lt_vault *v, const lt_store_doc_new *d, int64_t *rowid)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st,
		"INSERT INTO documents(id, title, source, format, registered_at, "
		"words, nslots, bias, cap_lexical, cap_typographic, slots, "
		"lexical_slots, typographic_slots) "
		"VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)")))
		return rc;
	sqlite3_bind_text(st, 1, d->id, -1, SQLITE_STATIC);
	if (d->title)
		sqlite3_bind_text(st, 2, d->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, d->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, d->format, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, d->registered_at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, (int64_t)d->words);
	sqlite3_bind_int64(st, 7, (int64_t)d->nslots);
	sqlite3_bind_text(st, 8, d->bias, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 9, d->cap_lexical);
	sqlite3_bind_double(st, 10, d->cap_typographic);
	sqlite3_bind_blob(st, 11, d->slots, (int)d->slots_len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 12, (int64_t)d->lexical_slots);
	sqlite3_bind_int64(st, 13, (int64_t)d->typographic_slots);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_CONSTRAINT)
		return lt_error_set(LT_EEXISTS, "document '%s' is already registered",
				    d->id);
	if (rc != SQLITE_DONE)
		return lt_vault_sqlite_error(v, rc, "register document");
	*rowid = sqlite3_last_insert_rowid(v->db);
	return LT_OK;
}

static int not_found(const char *id)
{
	return lt_error_set(LT_ENOTFOUND, "no document '%s' in the vault",
			    id ? id : "?");
}

static int docs_info(lt_vault *v, const char *id, lt_document_info *d,
		     int64_t *rowid)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st,
		"SELECT id, title, format, registered_at, words, nslots, bias, "
		"cap_lexical, cap_typographic, lexical_slots, typographic_slots, "
		"rowid FROM documents WHERE id = ?")))
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return rc == SQLITE_DONE ? not_found(id)
					 : lt_vault_sqlite_error(v, rc, "read document");
	}
	d->id = lt_sqlite_strdup(st, 0);
	d->title = lt_sqlite_strdup(st, 1);
	d->format = lt_sqlite_strdup(st, 2);
	d->registered_at = lt_sqlite_strdup(st, 3);
	d->words = (size_t)sqlite3_column_int64(st, 4);
	d->nslots = (size_t)sqlite3_column_int64(st, 5);
	snprintf(d->bias, sizeof(d->bias), "%s", sqlite3_column_text(st, 6));
	d->cap_lexical = sqlite3_column_double(st, 7);
	d->cap_typographic = sqlite3_column_double(st, 8);
	d->lexical_slots = (size_t)sqlite3_column_int64(st, 9);
	d->typographic_slots = (size_t)sqlite3_column_int64(st, 10);
	*rowid = sqlite3_column_int64(st, 11);
	sqlite3_finalize(st);
	if (!d->id || !d->format || !d->registered_at)
		return lt_error_set(LT_ENOMEM, "out of memory");
	return LT_OK;
}

static int docs_load(lt_vault *v, const char *id, int64_t rowid,
		     lt_store_doc *d)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, id
		? "SELECT rowid, id, bias, slots FROM documents WHERE id=?"
		: "SELECT rowid, id, bias, slots FROM documents WHERE rowid=?")))
		return rc;
	if (id)
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 1, rowid);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return rc == SQLITE_DONE ? not_found(id)
					 : lt_vault_sqlite_error(v, rc, "read document");
	}
	d->rowid = sqlite3_column_int64(st, 0);
	d->id = lt_sqlite_strdup(st, 1);
	d->bias = lt_sqlite_strdup(st, 2);
	rc = lt_buf_append(&d->slots, sqlite3_column_blob(st, 3),
			   (size_t)sqlite3_column_bytes(st, 3));
	sqlite3_finalize(st);
	if (rc == LT_OK && (!d->id || !d->bias))
		rc = lt_error_set(LT_ENOMEM, "out of memory");
	return rc;
}

static int docs_find(lt_vault *v, const char *id, int64_t *rowid)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "SELECT rowid FROM documents "
					   "WHERE id = ?")))
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*rowid = sqlite3_column_int64(st, 0);
		rc = LT_OK;
	} else if (rc == SQLITE_DONE) {
		rc = not_found(id);
	} else {
		rc = lt_vault_sqlite_error(v, rc, "find document");
	}
	sqlite3_finalize(st);
	return rc;
}

static int docs_describe(lt_vault *v, int64_t rowid, char **id, char **title)
{
	sqlite3_stmt *st;
	int rc;

	*id = NULL;
	if (title)
		*title = NULL;
	if ((rc = lt_vault_prepare(v, &st, "SELECT id, title FROM documents "
					   "WHERE rowid = ?")))
		return rc;
	sqlite3_bind_int64(st, 1, rowid);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = lt_sqlite_strdup(st, 0);
		if (title)
			*title = lt_sqlite_strdup(st, 1);
		rc = *id ? LT_OK : lt_error_set(LT_ENOMEM, "out of memory");
	} else if (rc == SQLITE_DONE) {
		rc = lt_error_set(LT_ENOTFOUND, "no document row %lld in the vault",
				  (long long)rowid);
	} else {
		rc = lt_vault_sqlite_error(v, rc, "find document");
	}
	sqlite3_finalize(st);
	return rc;
}

static int docs_list(lt_vault *v, lt_store_doc_ref **out, size_t *n)
{
	sqlite3_stmt *st;
	lt_store_doc_ref *r = NULL, *grown;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = lt_vault_prepare(v, &st, "SELECT rowid, id FROM documents "
					   "ORDER BY rowid")))
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			if (!(grown = realloc(r, cap * sizeof(*r)))) {
				rc = LT_ENOMEM;
				break;
			}
			r = grown;
		}
		r[*n].rowid = sqlite3_column_int64(st, 0);
		if (!(r[*n].id = lt_sqlite_strdup(st, 1))) {
			rc = LT_ENOMEM;
			break;
		}
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		lt_store_doc_refs_free(r, *n);
		*n = 0;
		return rc == LT_ENOMEM ? lt_error_set(LT_ENOMEM, "out of memory")
				       : lt_vault_sqlite_error(v, rc, "read documents");
	}
	*out = r;
	return LT_OK;
}

static int docs_add_shingles(lt_vault *v, int64_t doc, const uint64_t *h,
			     size_t n)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = LT_OK;

	if ((rc = lt_vault_prepare(v, &st, "INSERT OR IGNORE INTO shingles(hash, "
					  "doc) VALUES(?, ?)")))
		return rc;
	for (i = 0; i < n && rc == LT_OK; i++) {
		sqlite3_bind_int64(st, 1, (int64_t)h[i]);
		sqlite3_bind_int64(st, 2, doc);
		rc = lt_sqlite_step_done(v, st, "index document");
	}
	sqlite3_finalize(st);
	return rc;
}

static int docs_each_shingle_doc(lt_vault *v, const uint64_t *h, size_t n,
				 lt_store_doc_row_fn fn, void *ctx)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "SELECT doc FROM shingles WHERE hash=?")))
		return rc;
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, (int64_t)h[i]);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			if ((rc = fn(ctx, sqlite3_column_int64(st, 0)))) {
				sqlite3_finalize(st);
				return rc;
			}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			rc = lt_vault_sqlite_error(v, rc, "look up shingles");
			sqlite3_finalize(st);
			return rc;
		}
	}
	sqlite3_finalize(st);
	return LT_OK;
}

static int docs_each_shingle(lt_vault *v, lt_store_shingle_fn fn, void *ctx)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "SELECT hash, doc FROM shingles "
				   "ORDER BY hash, doc")))
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = fn(ctx, (uint64_t)sqlite3_column_int64(st, 0),
			     sqlite3_column_int64(st, 1)))) {
			sqlite3_finalize(st);
			return rc;
		}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? LT_OK
				 : lt_vault_sqlite_error(v, rc, "read shingles");
}

static int docs_decision_put(lt_vault *v, int64_t doc, uint32_t group,
			     int decision, const char *decided_at)
{
	sqlite3_stmt *st;
	int rc;

	if (decision != LT_DECISION_APPROVED && decision != LT_DECISION_REJECTED)
		return lt_error_set(LT_EINTERNAL, "decision %d is neither "
				    "approved nor rejected", decision);
	if ((rc = lt_vault_prepare(v, &st, "INSERT OR REPLACE INTO "
				   "slot_decisions(doc, slot_group, decision, "
				   "decided_at) VALUES(?, ?, ?, ?)")))
		return rc;
	sqlite3_bind_int64(st, 1, doc);
	sqlite3_bind_int64(st, 2, (int64_t)group);
	sqlite3_bind_text(st, 3, decision == LT_DECISION_APPROVED ? "approved"
								  : "rejected",
			  -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, decided_at, -1, SQLITE_STATIC);
	rc = lt_sqlite_step_done(v, st, "record a decision");
	sqlite3_finalize(st);
	return rc;
}

static int docs_decisions_each(lt_vault *v, int64_t doc,
			       lt_store_decision_fn fn, void *ctx)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "SELECT slot_group, decision, "
				   "decided_at FROM slot_decisions WHERE doc = ? "
				   "ORDER BY slot_group")))
		return rc;
	sqlite3_bind_int64(st, 1, doc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(st, 1);
		const char *at = (const char *)sqlite3_column_text(st, 2);
		int64_t group = sqlite3_column_int64(st, 0);
		int decision = d && !strcmp(d, "approved") ? LT_DECISION_APPROVED
			     : d && !strcmp(d, "rejected") ? LT_DECISION_REJECTED
							   : -1;

		if (decision < 0 || group < 0 || group > UINT32_MAX) {
			sqlite3_finalize(st);
			return lt_error_set(LT_EVAULT, "vault is damaged: a decision "
					    "on slot group %lld is unreadable",
					    (long long)group);
		}
		if ((rc = fn(ctx, (uint32_t)group, decision, at ? at : ""))) {
			sqlite3_finalize(st);
			return rc;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? LT_OK
				 : lt_vault_sqlite_error(v, rc, "read decisions");
}

static int docs_original_put(lt_vault *v, int64_t doc, const void *data,
			     size_t len)
{
	sqlite3_stmt *st;
	int rc;

	if (len > INT32_MAX)
		return lt_error_set(LT_EINPUT, "original too large to keep "
				    "(%zu bytes)", len);
	if ((rc = lt_vault_prepare(v, &st, "INSERT INTO originals(doc, data) "
				   "VALUES(?, ?)")))
		return rc;
	sqlite3_bind_int64(st, 1, doc);
	sqlite3_bind_blob(st, 2, len ? data : "", (int)len, SQLITE_STATIC);
	rc = lt_sqlite_step_done(v, st, "keep the original");
	sqlite3_finalize(st);
	return rc;
}

static int docs_original_get(lt_vault *v, int64_t doc, lt_buf *out)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "SELECT data FROM originals "
				   "WHERE doc = ?")))
		return rc;
	sqlite3_bind_int64(st, 1, doc);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		lt_buf_clear(out);
		rc = lt_buf_append(out, sqlite3_column_blob(st, 0),
				   (size_t)sqlite3_column_bytes(st, 0));
	} else if (rc == SQLITE_DONE) {
		rc = lt_error_set(LT_ENOTFOUND, "no original file is kept for "
				  "this document");
	} else {
		rc = lt_vault_sqlite_error(v, rc, "read the original");
	}
	sqlite3_finalize(st);
	return rc;
}

const struct lt_store_docs_ops lt_sqlite_docs_ops = {
	.add = docs_add,
	.info = docs_info,
	.load = docs_load,
	.find = docs_find,
	.describe = docs_describe,
	.list = docs_list,
	.add_shingles = docs_add_shingles,
	.each_shingle_doc = docs_each_shingle_doc,
	.each_shingle = docs_each_shingle,
	.decision_put = docs_decision_put,
	.decisions_each = docs_decisions_each,
	.original_put = docs_original_put,
	.original_get = docs_original_get,
};
