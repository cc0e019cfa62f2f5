/*
 * sqlite_access.c - the access area in SQLite (store/access.h): holders
 * from copies and recipients, access events from the events table (their
 * JSON detail read with json_extract), sightings' times, and times
 * compared as instants (julianday() on the canonical times liblt stores;
 * the first sighting, whose time comes as posted, with lt_time_parse).
 */
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "base/time.h"
#include "store/access.h"
#include "store/sqlite_internal.h"

static int document_check(lt_vault *v, const char *document)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "SELECT 1 FROM documents WHERE id=?")))
		return rc;
	sqlite3_bind_text(st, 1, document, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return LT_OK;
	if (rc == SQLITE_DONE)
		return lt_error_set(LT_ENOTFOUND, "no document '%s' in the vault",
				    document);
	return lt_vault_sqlite_error(v, rc, "look up document");
}

static int copy_of(lt_vault *v, const char *document, const char *recipient,
		   char **copy)
{
	sqlite3_stmt *st;
	int rc;

	*copy = NULL;
	if ((rc = document_check(v, document)) ||
	    (rc = lt_vault_prepare(v, &st, "SELECT c.id FROM copies c JOIN "
				  "recipients r ON r.rowid = c.recipient JOIN "
				  "documents d ON d.rowid = c.doc WHERE d.id=? "
				  "AND r.name=?")))
		return rc;
	sqlite3_bind_text(st, 1, document, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, recipient, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		*copy = lt_sqlite_strdup(st, 0);
	sqlite3_finalize(st);
	return LT_OK;
}

static int sightings_any(lt_vault *v, int *any)
{
	sqlite3_stmt *st;
	int rc;

	*any = 0;
	if ((rc = lt_vault_prepare(v, &st, "SELECT EXISTS(SELECT 1 FROM "
					  "sightings)")))
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		*any = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return LT_OK;
}

/* The earliest posted_at, compared as instants by lt_time_parse (any ISO
 * 8601 form a sighting was given in; julianday() reads only some). */
static int first_sighting(lt_vault *v, const char *document, char **posted_at)
{
	sqlite3_stmt *st;
	int64_t best = 0, secs;
	int rc;

	*posted_at = NULL;
	if ((rc = lt_vault_prepare(v, &st, "SELECT posted_at FROM sightings WHERE "
				  "doc = (SELECT rowid FROM documents WHERE id = "
				  "?) AND posted_at IS NOT NULL ORDER BY rowid")))
		return rc;
	sqlite3_bind_text(st, 1, document, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);

		if (!t || lt_time_parse_str(t, &secs) ||
		    (*posted_at && secs >= best))
			continue;
		free(*posted_at);
		if (!(*posted_at = strdup(t))) {
			sqlite3_finalize(st);
			return lt_error_set(LT_ENOMEM, "out of memory");
		}
		best = secs;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return LT_OK;
	free(*posted_at);
	*posted_at = NULL;
	return lt_vault_sqlite_error(v, rc, "read sightings");
}

static int holders_each(lt_vault *v, const char *document, const char *before,
			lt_store_holder_fn fn, void *ctx)
{
	lt_store_holder_row row;
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st,
			"SELECT r.name, c.id, c.issued_at, CASE WHEN ?2 IS NULL "
			"THEN 1 ELSE julianday(c.issued_at) < julianday(?2) END "
			"FROM copies c JOIN recipients r ON r.rowid = c.recipient "
			"WHERE c.doc = (SELECT rowid FROM documents WHERE id = ?1) "
			"ORDER BY r.name")))
		return rc;
	sqlite3_bind_text(st, 1, document, -1, SQLITE_TRANSIENT);
	if (before)
		sqlite3_bind_text(st, 2, before, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.recipient = (const char *)sqlite3_column_text(st, 0);
		row.copy = (const char *)sqlite3_column_text(st, 1);
		row.issued_at = (const char *)sqlite3_column_text(st, 2);
		row.before = sqlite3_column_int(st, 3) == 1;
		if ((rc = fn(ctx, &row)))
			break;
	}
	sqlite3_finalize(st);
	if (rc <= 0)
		return rc;
	return rc == SQLITE_DONE ? LT_OK
				 : lt_vault_sqlite_error(v, rc, "read copies");
}

static int accesses_each(lt_vault *v, const char *document, const char *before,
			 lt_store_access_fn fn, void *ctx)
{
	lt_store_access_event e;
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st,
			"SELECT seq, json_extract(detail, '$.user'), "
			"json_extract(detail, '$.action'), "
			"json_extract(detail, '$.accessed_at'), "
			"CASE WHEN ?2 IS NULL THEN 1 ELSE julianday(json_extract("
			"detail, '$.accessed_at')) < julianday(?2) END "
			"FROM events WHERE kind = 'access' AND document = ?1 "
			"AND json_valid(detail) ORDER BY seq")))
		return rc;
	sqlite3_bind_text(st, 1, document, -1, SQLITE_TRANSIENT);
	if (before)
		sqlite3_bind_text(st, 2, before, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		e.seq = sqlite3_column_int64(st, 0);
		e.user = (const char *)sqlite3_column_text(st, 1);
		e.action = (const char *)sqlite3_column_text(st, 2);
		e.at = (const char *)sqlite3_column_text(st, 3);
		e.before = sqlite3_column_int(st, 4) == 1;
		if ((rc = fn(ctx, &e)))
			break;
	}
	sqlite3_finalize(st);
	if (rc <= 0)
		return rc;
	return rc == SQLITE_DONE ? LT_OK
				 : lt_vault_sqlite_error(v, rc, "read access");
}

static int sources_each(lt_vault *v, const char *prefix,
			lt_store_source_fn fn, void *ctx)
{
	sqlite3_stmt *st;
	int rc;

	/* substr, not LIKE: the prefix is matched byte for byte. */
	if ((rc = lt_vault_prepare(v, &st, "SELECT s FROM (SELECT "
				  "json_extract(detail, '$.source') AS s FROM "
				  "events WHERE kind = 'access' AND "
				  "json_valid(detail)) WHERE substr(s, 1, "
				  "length(?1)) = ?1")))
		return rc;
	sqlite3_bind_text(st, 1, prefix, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *src = sqlite3_column_text(st, 0);

		if (src && (rc = fn(ctx, (const char *)src)))
			break;
	}
	sqlite3_finalize(st);
	if (rc <= 0)
		return rc;
	return rc == SQLITE_DONE ? LT_OK
				 : lt_vault_sqlite_error(v, rc, "read access");
}

const struct lt_store_access_ops lt_sqlite_access_ops = {
	.document_check = document_check,
	.copy_of = copy_of,
	.sightings_any = sightings_any,
	.first_sighting = first_sighting,
	.holders_each = holders_each,
	.accesses_each = accesses_each,
	.sources_each = sources_each,
};
