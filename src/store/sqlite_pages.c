/*
 * sqlite_pages.c - the SQLite backend's pages area (store/pages.h): table
 * page_hashes.
 */
#include "leaktrace/error.h"
#include "store/pages.h"
#include "store/sqlite_internal.h"

static int pages_add(lt_vault *v, const lt_store_page_new *p, int *added)
{
	sqlite3_stmt *st;
	int rc;

	*added = 0;
	if ((rc = lt_vault_prepare(v, &st, "INSERT OR IGNORE INTO page_hashes"
					   "(doc, copy, page, hash, quality, "
					   "source, added_at, figure) "
					   "VALUES(?,?,?,?,?,?,?,?)")))
		return rc;
	sqlite3_bind_int64(st, 1, p->doc);
	if (p->copy)
		sqlite3_bind_int64(st, 2, p->copy);
	sqlite3_bind_int(st, 3, p->page);
	sqlite3_bind_blob(st, 4, p->hash, 32, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, p->quality);
	if (p->source)
		sqlite3_bind_text(st, 6, p->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, p->added_at, -1, SQLITE_TRANSIENT);
	if (p->figure > 0)
		sqlite3_bind_int(st, 8, p->figure);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return lt_vault_sqlite_error(v, rc, "store page hash");
	*added = sqlite3_changes(v->db) > 0;
	return LT_OK;
}

/* Walk the rows of `st` (columns: id, hash, figure[, added_at, page,
 * quality]). */
static int walk(lt_vault *v, sqlite3_stmt *st, int full, lt_store_page_fn fn,
		void *ctx, const char *what)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		lt_store_page p = {0};

		p.id = sqlite3_column_int64(st, 0);
		p.hash = sqlite3_column_blob(st, 1);
		p.bytes = (size_t)sqlite3_column_bytes(st, 1);
		p.figure = sqlite3_column_int(st, 2);
		if (full) {
			p.added_at = (const char *)sqlite3_column_text(st, 3);
			p.page = sqlite3_column_int(st, 4);
			p.quality = sqlite3_column_int(st, 5);
		}
		if ((rc = fn(ctx, &p))) {
			sqlite3_finalize(st);
			return rc;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? LT_OK : lt_vault_sqlite_error(v, rc, what);
}

static int pages_each(lt_vault *v, int64_t doc, lt_store_page_fn fn, void *ctx)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, doc
			? "SELECT rowid, hash, ifnull(figure, 0) FROM page_hashes "
			  "WHERE doc = ? ORDER BY rowid"
			: "SELECT rowid, hash, ifnull(figure, 0) FROM page_hashes "
			  "ORDER BY rowid")))
		return rc;
	if (doc)
		sqlite3_bind_int64(st, 1, doc);
	return walk(v, st, 0, fn, ctx, "load page hashes");
}

static int pages_each_distinct(lt_vault *v, int64_t doc, lt_store_page_fn fn,
			       void *ctx)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st,
			"SELECT MIN(rowid), hash, MIN(ifnull(figure, 0)), "
			"MIN(added_at), MIN(page), MAX(quality) FROM page_hashes "
			"WHERE ?1 = 0 OR doc = ?1 "
			"GROUP BY doc, hash ORDER BY MIN(rowid)")))
		return rc;
	sqlite3_bind_int64(st, 1, doc);
	return walk(v, st, 1, fn, ctx, "export page hashes");
}

static int pages_doc_of(lt_vault *v, int64_t id, int64_t *doc, int *found)
{
	sqlite3_stmt *st;
	int rc;

	*found = 0;
	if ((rc = lt_vault_prepare(v, &st, "SELECT doc FROM page_hashes "
					   "WHERE rowid = ?")))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*doc = sqlite3_column_int64(st, 0);
		*found = 1;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
		? LT_OK : lt_vault_sqlite_error(v, rc, "find page hash");
}

const struct lt_store_pages_ops lt_sqlite_pages_ops = {
	.add = pages_add,
	.each = pages_each,
	.each_distinct = pages_each_distinct,
	.doc_of = pages_doc_of,
};
