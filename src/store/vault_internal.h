/*
 * vault_internal.h - what liblt's own modules use of an open vault: the
 * SQLite handle, transactions and key derivation.
 */
#ifndef LT_VAULT_INTERNAL_H
#define LT_VAULT_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>

#include "base/time.h"
#include "store/store.h"
#include "leaktrace/code.h"
#include "leaktrace/vault.h"

struct lt_vault {
	const lt_store_ops *ops; /* the storage backend (store/store.h) */
	char *dir;
	sqlite3 *db;
	unsigned char key[LT_KEY_BYTES];
	double threshold;
	int schema;
	int in_tx;
	/* Run by lt_vault_commit just before COMMIT (a failure rolls the
	 * transaction back); cleared when the transaction ends.  The ledger
	 * sets it when it appends an event, to seal the transaction's
	 * events with it. */
	int (*before_commit)(lt_vault *v);
};

/* Begin a write transaction (BEGIN IMMEDIATE). */
int lt_vault_begin(lt_vault *v);
/* Run the before_commit hook, if set, then commit; on failure the
 * transaction is rolled back. */
int lt_vault_commit(lt_vault *v);
/* Roll back if a transaction is open (safe to call in cleanup paths). */
void lt_vault_rollback(lt_vault *v);

/* Map a SQLite failure to an LT_E* code with a message naming `what`. */
int lt_vault_sqlite_error(lt_vault *v, int rc, const char *what);

/* Prepare a statement or set the error. */
int lt_vault_prepare(lt_vault *v, sqlite3_stmt **st, const char *sql);

/* Derive a document's 32-byte code key from the vault key. */
void lt_vault_document_key(const lt_vault *v, const char *doc_id,
			   unsigned char key[LT_KEY_BYTES]);

/*
 * A short identifier for the copy of `doc_id` issued to `recipient`,
 * derived from the vault key ("c" and 12 hex digits), written to id[16].
 */
void lt_vault_copy_id(const lt_vault *v, const char *doc_id,
		      const char *recipient, char id[16]);


#endif
