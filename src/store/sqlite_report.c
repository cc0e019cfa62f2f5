/*
 * sqlite_report.c - the SQLite backend's report area (store/report.h):
 * counts and the document list, read from documents, copies and
 * recipients.
 */
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "store/report.h"
#include "store/sqlite_internal.h"

static int count_rows(lt_vault *v, const char *sql, size_t *out)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, sql)))
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = (size_t)sqlite3_column_int64(st, 0);
		rc = LT_OK;
	} else {
		rc = lt_vault_sqlite_error(v, rc, "count for the report");
	}
	sqlite3_finalize(st);
	return rc;
}

static int report_counts(lt_vault *v, size_t *documents, size_t *copies,
			 size_t *recipients)
{
	int rc;

	if ((rc = count_rows(v, "SELECT count(*) FROM documents", documents)) ||
	    (rc = count_rows(v, "SELECT count(*) FROM copies", copies)))
		return rc;
	return count_rows(v, "SELECT count(*) FROM recipients", recipients);
}

static int report_documents(lt_vault *v, const char *only,
			    lt_store_report_doc **out, size_t *n)
{
	sqlite3_stmt *st;
	lt_store_report_doc *d = NULL, *grown;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = lt_vault_prepare(v, &st,
			"SELECT d.id, d.title, (SELECT count(*) FROM copies c "
			"WHERE c.doc = d.rowid) FROM documents d "
			"WHERE ?1 IS NULL OR d.id = ?1 ORDER BY d.id")))
		return rc;
	if (only)
		sqlite3_bind_text(st, 1, only, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			if (!(grown = realloc(d, cap * sizeof(*d)))) {
				rc = LT_ENOMEM;
				break;
			}
			d = grown;
		}
		d[*n].id = sqlite3_column_type(st, 0) == SQLITE_NULL
			? strdup("") : lt_sqlite_strdup(st, 0);
		d[*n].title = lt_sqlite_strdup(st, 1);
		d[*n].copies = (size_t)sqlite3_column_int64(st, 2);
		(*n)++;
		if (!d[*n - 1].id || (sqlite3_column_type(st, 1) != SQLITE_NULL &&
				      !d[*n - 1].title)) {
			rc = LT_ENOMEM;
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		lt_store_report_documents_free(d, *n);
		*n = 0;
		if (rc == LT_ENOMEM)
			return lt_error_set(LT_ENOMEM, "out of memory");
		return lt_vault_sqlite_error(v, rc, "read documents for the report");
	}
	*out = d;
	return LT_OK;
}

const struct lt_store_report_ops lt_sqlite_report_ops = {
	.counts = report_counts,
	.documents = report_documents,
};
