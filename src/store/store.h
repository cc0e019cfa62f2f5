/*
 * store.h - the storage interface: the only way liblt's modules reach
 * persistent state.  Everything that speaks SQL lives in src/store/.
 *
 * A backend is a table of operations (lt_store_ops), one sub-table per
 * area of the data.  The vault picks the backend when it opens (today
 * SQLite, store/sqlite*.c); a PostgreSQL backend is another table of the
 * same shape, so callers never change.
 *
 * Callers use the dispatching functions declared in each area's header
 * (store/<area>.h), named lt_store_<area>_<verb>(lt_vault *v, ...).  Each
 * returns LT_OK or an LT_E* code with the error recorded.  Nothing outside
 * src/store/ includes <sqlite3.h>, and no area reads another area's
 * tables: an area that needs another's data calls that area's functions.
 *
 * Areas:
 *   vault      meta values, schema, transactions         store/vault_internal.h
 *   docs       documents, recipients, codes, shingles    store/docs.h
 *   copies     issued copies, manifests, copy files      store/copies.h
 *   pages      page images' PDQ hashes                   store/pages.h
 *   sightings  sightings found by scans                  store/sightings.h
 *   ledger     events, Merkle leaves, nodes, tree heads  store/ledger.h
 *   access     access events and the suspects query      store/access.h
 *   report     what the HTML report reads                store/report.h
 */
#ifndef LT_STORE_H
#define LT_STORE_H

struct lt_store_vault_ops;
struct lt_store_docs_ops;
struct lt_store_copies_ops;
struct lt_store_pages_ops;
struct lt_store_sightings_ops;
struct lt_store_ledger_ops;
struct lt_store_access_ops;
struct lt_store_report_ops;

/* One storage backend: a name and its areas' operation tables. */
typedef struct lt_store_ops {
	const char *name; /* "sqlite" */

	const struct lt_store_vault_ops *vault;

	const struct lt_store_docs_ops *docs;

	const struct lt_store_copies_ops *copies;

	const struct lt_store_pages_ops *pages;

	const struct lt_store_sightings_ops *sightings;

	const struct lt_store_ledger_ops *ledger;

	const struct lt_store_access_ops *access;

	const struct lt_store_report_ops *report;
} lt_store_ops;

/* The SQLite backend (store/sqlite.c). */
extern const lt_store_ops lt_store_sqlite;

#endif
