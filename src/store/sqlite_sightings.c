/*
 * sqlite_sightings.c - the SQLite backend's sightings area
 * (store/sightings.h): table sightings.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "store/sightings.h"
#include "store/sqlite_internal.h"

/* A column that may be NULL as a real (NAN) or an integer (-1). */
static double col_real(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL
		? NAN : sqlite3_column_double(st, i);
}

static long col_long(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL
		? -1 : (long)sqlite3_column_int64(st, i);
}

static int sightings_find(lt_vault *v, int64_t doc, lt_sighting *g,
			  int *found)
{
	sqlite3_stmt *st;
	int rc;

	*found = 0;
	if ((rc = lt_vault_prepare(v, &st,
			"SELECT rowid, verdict, copy, recipient, p_false, verify, "
			"first_seen FROM sightings WHERE platform=? AND channel=? "
			"AND message=? AND doc=? AND source=? AND attachment=?")))
		return rc;
	lt_sqlite_bind_text_or_empty(st, 1, g->platform);
	lt_sqlite_bind_text_or_empty(st, 2, g->channel);
	lt_sqlite_bind_text_or_empty(st, 3, g->message);
	sqlite3_bind_int64(st, 4, doc);
	lt_sqlite_bind_text_or_empty(st, 5, g->source);
	lt_sqlite_bind_text_or_empty(st, 6, g->attachment);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		g->id = sqlite3_column_int64(st, 0);
		g->verdict = lt_sqlite_strdup(st, 1);
		g->copy = lt_sqlite_strdup(st, 2);
		g->recipient = lt_sqlite_strdup(st, 3);
		g->p_false = col_real(st, 4);
		g->verify = lt_sqlite_strdup(st, 5);
		g->first_seen = lt_sqlite_strdup(st, 6);
		*found = 1;
		rc = LT_OK;
	} else {
		rc = rc == SQLITE_DONE ? LT_OK
				       : lt_vault_sqlite_error(v, rc, "look up sightings");
	}
	sqlite3_finalize(st);
	return rc;
}

static int sightings_add(lt_vault *v, lt_store_sighting_new *s, size_t n,
			 const char *now)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "INSERT OR IGNORE INTO sightings("
			"doc, platform, channel, message, source, attachment, kind, "
			"author, posted_at, url, similarity, words, doc_first, "
			"doc_last, doc_start, doc_end, verdict, copy, recipient, "
			"p_false, verify, first_seen) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,"
			"?,?,?,?,?,?,?,?,?,?)")))
		return rc;
	for (i = 0; i < n; i++) {
		const lt_sighting *g = s[i].g;
		int k = 1;

		sqlite3_reset(st);
		sqlite3_bind_int64(st, k++, s[i].doc);
		lt_sqlite_bind_text_or_empty(st, k++, g->platform);
		lt_sqlite_bind_text_or_empty(st, k++, g->channel);
		lt_sqlite_bind_text_or_empty(st, k++, g->message);
		lt_sqlite_bind_text_or_empty(st, k++, g->source);
		lt_sqlite_bind_text_or_empty(st, k++, g->attachment);
		lt_sqlite_bind_text_or_empty(st, k++, g->kind);
		lt_sqlite_bind_text(st, k++, g->author);
		lt_sqlite_bind_text(st, k++, g->posted_at);
		lt_sqlite_bind_text(st, k++, g->url);
		sqlite3_bind_double(st, k++, g->similarity);
		sqlite3_bind_int64(st, k++, (int64_t)g->words);
		sqlite3_bind_int64(st, k++, g->doc_first);
		sqlite3_bind_int64(st, k++, g->doc_last);
		sqlite3_bind_int64(st, k++, g->doc_start);
		sqlite3_bind_int64(st, k++, g->doc_end);
		lt_sqlite_bind_text(st, k++, g->verdict);
		lt_sqlite_bind_text(st, k++, g->copy);
		lt_sqlite_bind_text(st, k++, g->recipient);
		if (isnan(g->p_false))
			sqlite3_bind_null(st, k++);
		else
			sqlite3_bind_double(st, k++, g->p_false);
		lt_sqlite_bind_text(st, k++, g->verify);
		lt_sqlite_bind_text_or_empty(st, k++, now);
		if ((rc = sqlite3_step(st)) != SQLITE_DONE) {
			rc = lt_vault_sqlite_error(v, rc, "record sighting");
			sqlite3_finalize(st);
			return rc;
		}
		/* 0: recorded meanwhile by another process. */
		s[i].id = sqlite3_changes(v->db) ? sqlite3_last_insert_rowid(v->db)
						 : 0;
	}
	sqlite3_finalize(st);
	return LT_OK;
}

static int sightings_list(lt_vault *v, int64_t doc, lt_sighting **out,
			  int64_t **docs, size_t *n)
{
	sqlite3_stmt *st;
	lt_sighting *s = NULL, *grown;
	int64_t *d = NULL, *dgrown;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*docs = NULL;
	*n = 0;
	if ((rc = lt_vault_prepare(v, &st,
			"SELECT rowid, doc, platform, channel, message, "
			"source, attachment, kind, author, posted_at, url, "
			"similarity, words, doc_first, doc_last, doc_start, "
			"doc_end, verdict, copy, recipient, p_false, "
			"verify, first_seen FROM sightings "
			"WHERE ?1 = 0 OR doc = ?1 "
			"ORDER BY posted_at IS NULL, posted_at, rowid")))
		return rc;
	sqlite3_bind_int64(st, 1, doc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		lt_sighting *g;

		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			grown = realloc(s, cap * sizeof(*grown));
			if (grown)
				s = grown;
			dgrown = realloc(d, cap * sizeof(*dgrown));
			if (dgrown)
				d = dgrown;
			if (!grown || !dgrown) {
				rc = LT_ENOMEM;
				break;
			}
		}
		g = &s[*n];
		memset(g, 0, sizeof(*g));
		d[(*n)++] = sqlite3_column_int64(st, 1);
		g->id = sqlite3_column_int64(st, 0);
		g->platform = lt_sqlite_strdup(st, 2);
		g->channel = lt_sqlite_strdup(st, 3);
		g->message = lt_sqlite_strdup(st, 4);
		g->source = lt_sqlite_strdup(st, 5);
		g->attachment = sqlite3_column_bytes(st, 6) ? lt_sqlite_strdup(st, 6)
							    : NULL;
		g->kind = lt_sqlite_strdup(st, 7);
		g->author = lt_sqlite_strdup(st, 8);
		g->posted_at = lt_sqlite_strdup(st, 9);
		g->url = lt_sqlite_strdup(st, 10);
		g->similarity = sqlite3_column_double(st, 11);
		g->words = (size_t)sqlite3_column_int64(st, 12);
		g->doc_first = col_long(st, 13);
		g->doc_last = col_long(st, 14);
		g->doc_start = col_long(st, 15);
		g->doc_end = col_long(st, 16);
		g->verdict = lt_sqlite_strdup(st, 17);
		g->copy = lt_sqlite_strdup(st, 18);
		g->recipient = lt_sqlite_strdup(st, 19);
		g->p_false = col_real(st, 20);
		g->verify = lt_sqlite_strdup(st, 21);
		g->first_seen = lt_sqlite_strdup(st, 22);
		if (!g->platform || !g->channel || !g->message || !g->source ||
		    !g->kind || !g->first_seen) {
			rc = LT_ENOMEM;
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		lt_sightings_free(s, *n);
		free(d);
		*n = 0;
		if (rc == LT_ENOMEM)
			return lt_error_set(LT_ENOMEM, "out of memory");
		return lt_vault_sqlite_error(v, rc, "read sightings");
	}
	*out = s;
	*docs = d;
	return LT_OK;
}

const struct lt_store_sightings_ops lt_sqlite_sightings_ops = {
	.find = sightings_find,
	.add = sightings_add,
	.list = sightings_list,
};
