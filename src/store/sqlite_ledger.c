/*
 * sqlite_ledger.c - the ledger area in SQLite (store/ledger.h): the
 * events table, the Merkle tree's ledger_leaves and ledger_nodes, the
 * signed ledger_heads and the public key kept in `meta`.
 */
#include <stdio.h>
#include <string.h>

#include "leaktrace/error.h"
#include "store/ledger.h"
#include "store/sqlite_internal.h"

#define META_PUBLIC_KEY "ledger_public_key"

static int done(lt_vault *v, int rc, const char *what)
{
	return rc == SQLITE_DONE ? LT_OK : lt_vault_sqlite_error(v, rc, what);
}

static int read_begin(lt_vault *v)
{
	if (sqlite3_exec(v->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return lt_vault_sqlite_error(v, sqlite3_errcode(v->db),
					     "begin read");
	return LT_OK;
}

static void read_end(lt_vault *v)
{
	sqlite3_exec(v->db, "COMMIT", NULL, NULL, NULL);
}

static int event_append(lt_vault *v, const char *at, const char *kind,
			const char *document, const char *detail)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "INSERT INTO events(at, kind, document, "
					  "detail) VALUES(?,?,?,?)")))
		return rc;
	sqlite3_bind_text(st, 1, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	if (document)
		sqlite3_bind_text(st, 3, document, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, detail, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return done(v, rc, "append event");
}

/* The events row in columns seq, at, kind, document, detail. */
static void event_row(lt_store_event_row *r, sqlite3_stmt *st)
{
	r->seq = sqlite3_column_int64(st, 0);
	r->at = (const char *)sqlite3_column_text(st, 1);
	r->at_len = (size_t)sqlite3_column_bytes(st, 1);
	r->kind = (const char *)sqlite3_column_text(st, 2);
	r->kind_len = (size_t)sqlite3_column_bytes(st, 2);
	r->document = (const char *)sqlite3_column_text(st, 3);
	r->document_len = (size_t)sqlite3_column_bytes(st, 3);
	r->detail = (const char *)sqlite3_column_text(st, 4);
	r->detail_len = (size_t)sqlite3_column_bytes(st, 4);
}

static int events_each(lt_vault *v, int64_t from_seq, size_t limit,
		       lt_store_event_fn fn, void *ctx)
{
	lt_store_event_row row;
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "SELECT seq, at, kind, document, detail"
					  " FROM events WHERE seq >= ? ORDER BY seq"
					  " LIMIT ?")))
		return rc;
	sqlite3_bind_int64(st, 1, from_seq);
	sqlite3_bind_int64(st, 2, limit ? (int64_t)limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		event_row(&row, st);
		if ((rc = fn(ctx, &row)))
			break;
	}
	sqlite3_finalize(st);
	return rc > 0 ? done(v, rc, "read events") : rc;
}

static int event_get(lt_vault *v, int64_t seq, int *found, lt_store_event_fn fn,
		     void *ctx)
{
	lt_store_event_row row;
	sqlite3_stmt *st;
	int rc;

	*found = 0;
	if ((rc = lt_vault_prepare(v, &st, "SELECT seq, at, kind, document, detail"
					  " FROM events WHERE seq=?")))
		return rc;
	sqlite3_bind_int64(st, 1, seq);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*found = 1;
		event_row(&row, st);
		rc = fn(ctx, &row);
	} else {
		rc = done(v, rc, "read event");
	}
	sqlite3_finalize(st);
	return rc;
}

static int tree_size(lt_vault *v, uint64_t *size, int64_t *last_seq)
{
	sqlite3_stmt *st;
	int rc;

	*size = 0;
	*last_seq = 0;
	if ((rc = lt_vault_prepare(v, &st, "SELECT idx, seq FROM ledger_leaves "
					  "ORDER BY idx DESC LIMIT 1")))
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*size = (uint64_t)sqlite3_column_int64(st, 0) + 1;
		*last_seq = sqlite3_column_int64(st, 1);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	return done(v, rc, "read ledger size");
}

/* A node row from columns level, idx, seq, hash. */
static void node_row(lt_store_node_row *r, sqlite3_stmt *st)
{
	memset(r, 0, sizeof(*r));
	r->level = sqlite3_column_int64(st, 0);
	r->idx = sqlite3_column_int64(st, 1);
	r->seq = sqlite3_column_int64(st, 2);
	if (sqlite3_column_bytes(st, 3) == LT_HASH_BYTES) {
		memcpy(r->hash, sqlite3_column_blob(st, 3), LT_HASH_BYTES);
		r->well_formed = 1;
	}
}

/* Step a statement that yields at most one node row. */
static int one_node(lt_vault *v, sqlite3_stmt *st, lt_store_node_row *row,
		    int *found, const char *what)
{
	int rc = sqlite3_step(st);

	*found = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW) {
		node_row(row, st);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	return done(v, rc, what);
}

static int node_get(lt_vault *v, unsigned level, uint64_t idx,
		    lt_store_node_row *row, int *found)
{
	sqlite3_stmt *st;
	int rc;

	*found = 0;
	rc = lt_vault_prepare(v, &st, level
		? "SELECT level, idx, 0, hash FROM ledger_nodes WHERE level=?1 "
		  "AND idx=?2"
		: "SELECT 0, idx, seq, hash FROM ledger_leaves WHERE idx=?2");
	if (rc)
		return rc;
	if (level)
		sqlite3_bind_int(st, 1, (int)level);
	sqlite3_bind_int64(st, 2, (int64_t)idx);
	return one_node(v, st, row, found, "read ledger node");
}

static int leaf_of_seq(lt_vault *v, int64_t seq, lt_store_node_row *row,
		       int *found)
{
	sqlite3_stmt *st;
	int rc;

	*found = 0;
	if ((rc = lt_vault_prepare(v, &st, "SELECT 0, idx, seq, hash FROM "
					  "ledger_leaves WHERE seq=?")))
		return rc;
	sqlite3_bind_int64(st, 1, seq);
	return one_node(v, st, row, found, "read entry");
}

static int nodes_put(lt_vault *v, const lt_store_node *nodes, size_t n)
{
	sqlite3_stmt *leaf = NULL, *node = NULL;
	int rc;

	if ((rc = lt_vault_prepare(v, &leaf, "INSERT INTO ledger_leaves(idx, seq, "
					    "hash) VALUES(?,?,?)")) ||
	    (rc = lt_vault_prepare(v, &node, "INSERT OR REPLACE INTO ledger_nodes("
					    "level, idx, hash) VALUES(?,?,?)")))
		goto out;
	for (size_t i = 0; i < n; i++) {
		const lt_store_node *x = &nodes[i];
		sqlite3_stmt *st = x->level ? node : leaf;

		if (x->level) {
			sqlite3_bind_int(st, 1, (int)x->level);
			sqlite3_bind_int64(st, 2, (int64_t)x->idx);
		} else {
			sqlite3_bind_int64(st, 1, (int64_t)x->idx);
			sqlite3_bind_int64(st, 2, x->seq);
		}
		sqlite3_bind_blob(st, 3, x->hash, LT_HASH_BYTES, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if ((rc = done(v, rc, "write ledger")))
			break;
	}
out:
	sqlite3_finalize(leaf);
	sqlite3_finalize(node);
	return rc;
}

static int nodes_query(lt_vault *v, const char *sql, lt_store_node_fn fn,
		       void *ctx, const char *what)
{
	lt_store_node_row row;
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, sql)))
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		node_row(&row, st);
		if ((rc = fn(ctx, &row)))
			break;
	}
	sqlite3_finalize(st);
	return rc > 0 ? done(v, rc, what) : rc;
}

static int leaves_each(lt_vault *v, lt_store_node_fn fn, void *ctx)
{
	return nodes_query(v, "SELECT 0, idx, seq, hash FROM ledger_leaves "
			   "ORDER BY idx", fn, ctx, "read leaves");
}

static int nodes_each(lt_vault *v, lt_store_node_fn fn, void *ctx)
{
	return nodes_query(v, "SELECT level, idx, 0, hash FROM ledger_nodes "
			   "ORDER BY level, idx", fn, ctx, "read nodes");
}

static int head_put(lt_vault *v, const lt_tree_head *h)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "INSERT INTO ledger_heads(size, root,"
					  " at, signature) VALUES(?,?,?,?)")))
		return rc;
	sqlite3_bind_int64(st, 1, (int64_t)h->size);
	sqlite3_bind_blob(st, 2, h->root, LT_HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, h->at, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 4, h->signature, LT_SIGNATURE_BYTES, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return done(v, rc, "write tree head");
}

/* A head row from columns size, root, at, signature. */
static void head_row(lt_store_head_row *r, sqlite3_stmt *st)
{
	const unsigned char *at = sqlite3_column_text(st, 2);
	lt_tree_head *h = &r->head;

	memset(r, 0, sizeof(*r));
	r->size = sqlite3_column_int64(st, 0);
	h->size = r->size > 0 ? (uint64_t)r->size : 0;
	snprintf(h->at, sizeof(h->at), "%s", at ? (const char *)at : "");
	if (r->size <= 0 || sqlite3_column_bytes(st, 1) != LT_HASH_BYTES ||
	    sqlite3_column_bytes(st, 3) != LT_SIGNATURE_BYTES ||
	    !at || strlen((const char *)at) >= sizeof(h->at))
		return;
	memcpy(h->root, sqlite3_column_blob(st, 1), LT_HASH_BYTES);
	memcpy(h->signature, sqlite3_column_blob(st, 3), LT_SIGNATURE_BYTES);
	r->well_formed = 1;
}

static int head_get(lt_vault *v, uint64_t size, lt_store_head_row *row,
		    int *found)
{
	sqlite3_stmt *st;
	int rc;

	*found = 0;
	rc = lt_vault_prepare(v, &st, size
		? "SELECT size, root, at, signature FROM ledger_heads WHERE size=?"
		: "SELECT size, root, at, signature FROM ledger_heads "
		  "ORDER BY size DESC LIMIT 1");
	if (rc)
		return rc;
	if (size)
		sqlite3_bind_int64(st, 1, (int64_t)size);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*found = 1;
		head_row(row, st);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	return done(v, rc, "read tree head");
}

static int heads_each(lt_vault *v, lt_store_head_fn fn, void *ctx)
{
	lt_store_head_row row;
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "SELECT size, root, at, signature "
					  "FROM ledger_heads ORDER BY size")))
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		head_row(&row, st);
		if ((rc = fn(ctx, &row)))
			break;
	}
	sqlite3_finalize(st);
	return rc > 0 ? done(v, rc, "read tree heads") : rc;
}

static int heads_nearest(lt_vault *v, uint64_t size, uint64_t *below,
			 uint64_t *above)
{
	sqlite3_stmt *st;
	int rc;

	*below = *above = 0;
	if ((rc = lt_vault_prepare(v, &st, "SELECT (SELECT max(size) FROM "
					  "ledger_heads WHERE size < ?1), (SELECT "
					  "min(size) FROM ledger_heads WHERE size "
					  "> ?1)")))
		return rc;
	sqlite3_bind_int64(st, 1, (int64_t)size);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*below = (uint64_t)sqlite3_column_int64(st, 0);
		*above = (uint64_t)sqlite3_column_int64(st, 1);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	return done(v, rc, "read tree heads");
}

static int public_key_get(lt_vault *v, char hex[65])
{
	sqlite3_stmt *st;
	int rc;

	hex[0] = '\0';
	if ((rc = lt_vault_prepare(v, &st, "SELECT value FROM meta WHERE key=?")))
		return rc;
	sqlite3_bind_text(st, 1, META_PUBLIC_KEY, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);

		snprintf(hex, 65, "%s", t ? (const char *)t : "");
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	return done(v, rc, "read ledger key");
}

static int public_key_set(lt_vault *v, const char *hex)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "INSERT OR REPLACE INTO meta(key, value)"
					  " VALUES(?, ?)")))
		return rc;
	sqlite3_bind_text(st, 1, META_PUBLIC_KEY, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, hex, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return done(v, rc, "record ledger key");
}

/*
 * Records of the other areas against the events that logged them.  Each
 * side is compared as a tuple with NOT IN over a subquery SQLite builds
 * once (no NULLs in it, so NOT IN never turns unknown): a copy needs an
 * issue event of its document naming it and its recipient's row; a
 * sighting an event of its document with its platform, channel, message,
 * source and attachment (absent in the event when there is none); a
 * decision on a suggested slot group the decision of the last review
 * event naming the group, and a group a review event names a decision.
 */
static const char unlogged_sql[] =
	"SELECT 'document', d.id, d.id, NULL, d.registered_at FROM documents d "
	"WHERE d.id NOT IN (SELECT ifnull(document, '') FROM events "
	"  WHERE kind = 'register') "
	"UNION ALL "
	"SELECT 'copy', c.id, ifnull(d.id, ''), r.name, c.issued_at FROM copies c "
	"LEFT JOIN documents d ON d.rowid = c.doc "
	"LEFT JOIN recipients r ON r.rowid = c.recipient "
	"WHERE (ifnull(d.id, ''), c.id, c.recipient) NOT IN ("
	"  SELECT ifnull(document, ''), ifnull(json_extract(detail, '$.copy'), ''),"
	"  ifnull(json_extract(detail, '$.recipient_id'), -1) FROM events "
	"  WHERE kind = 'issue' AND json_valid(detail)) "
	"UNION ALL "
	"SELECT 'sighting', CAST(s.rowid AS TEXT), ifnull(d.id, ''), s.platform, "
	"s.first_seen FROM sightings s LEFT JOIN documents d ON d.rowid = s.doc "
	"WHERE (ifnull(d.id, ''), s.platform, s.channel, s.message, s.source, "
	"  s.attachment) NOT IN ("
	"  SELECT ifnull(document, ''), ifnull(json_extract(detail, '$.platform'),"
	"  ''), ifnull(json_extract(detail, '$.channel'), ''), "
	"  ifnull(json_extract(detail, '$.message'), ''), "
	"  ifnull(json_extract(detail, '$.source'), ''), "
	"  ifnull(json_extract(detail, '$.attachment'), '') FROM events "
	"  WHERE kind = 'sighting' AND json_valid(detail)) "
	/* A decision must be the one the last review event naming its
	 * group records; a group a review event names must have one. */
	"UNION ALL "
	"SELECT 'decision', CAST(sd.slot_group AS TEXT), ifnull(d.id, ''), "
	"sd.decision, sd.decided_at FROM slot_decisions sd "
	"LEFT JOIN documents d ON d.rowid = sd.doc "
	"WHERE sd.decision IS NOT (SELECT json_extract(e.detail, '$.decision') "
	"  FROM events e, json_each(CASE WHEN json_valid(e.detail) THEN "
	"  e.detail ELSE '{}' END, '$.slots') j WHERE e.kind = 'review' AND "
	"  e.document = d.id AND j.value = sd.slot_group "
	"  ORDER BY e.seq DESC LIMIT 1) "
	"UNION ALL "
	"SELECT 'decision', CAST(j.value AS TEXT), e.document, NULL, min(e.at) "
	"FROM events e, json_each(CASE WHEN json_valid(e.detail) THEN e.detail "
	"  ELSE '{}' END, '$.slots') j "
	"WHERE e.kind = 'review' AND e.document IN (SELECT id FROM documents) "
	"AND NOT EXISTS (SELECT 1 FROM slot_decisions sd JOIN documents d ON "
	"  d.rowid = sd.doc WHERE d.id = e.document AND sd.slot_group = j.value) "
	"GROUP BY e.document, j.value";

static int unlogged_each(lt_vault *v, lt_store_unlogged_fn fn, void *ctx)
{
	lt_store_unlogged_row row;
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, unlogged_sql)))
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *doc = (const char *)sqlite3_column_text(st, 2);

		row.what = (const char *)sqlite3_column_text(st, 0);
		row.id = (const char *)sqlite3_column_text(st, 1);
		row.document = doc ? doc : "";
		row.party = (const char *)sqlite3_column_text(st, 3);
		row.at = (const char *)sqlite3_column_text(st, 4);
		if ((rc = fn(ctx, &row)))
			break;
	}
	sqlite3_finalize(st);
	return rc > 0 ? done(v, rc, "compare records with the ledger") : rc;
}

const struct lt_store_ledger_ops lt_sqlite_ledger_ops = {
	.read_begin = read_begin,
	.read_end = read_end,
	.event_append = event_append,
	.events_each = events_each,
	.event_get = event_get,
	.tree_size = tree_size,
	.node_get = node_get,
	.leaf_of_seq = leaf_of_seq,
	.nodes_put = nodes_put,
	.leaves_each = leaves_each,
	.nodes_each = nodes_each,
	.head_put = head_put,
	.head_get = head_get,
	.heads_each = heads_each,
	.heads_nearest = heads_nearest,
	.public_key_get = public_key_get,
	.public_key_set = public_key_set,
	.unlogged_each = unlogged_each,
};
