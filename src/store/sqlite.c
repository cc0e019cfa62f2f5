/*
 * sqlite.c - the SQLite backend's table of operations: one entry per area,
 * each implemented in store/sqlite_<area>.c.
 */
#include "store/access.h"
#include "store/ledger.h"
#include "store/store.h"
#include "store/copies.h"
#include "store/docs.h"
#include "store/pages.h"
#include "store/report.h"
#include "store/sightings.h"
#include "store/sqlite_internal.h"

/* Each area's table, defined in its store/sqlite_<area>.c. */

const lt_store_ops lt_store_sqlite = {
	.name = "sqlite",

	.vault = &lt_sqlite_vault_ops,

	.docs = &lt_sqlite_docs_ops,

	.copies = &lt_sqlite_copies_ops,

	.pages = &lt_sqlite_pages_ops,

	.sightings = &lt_sqlite_sightings_ops,

	.ledger = &lt_sqlite_ledger_ops,

	.access = &lt_sqlite_access_ops,

	.report = &lt_sqlite_report_ops,
};
