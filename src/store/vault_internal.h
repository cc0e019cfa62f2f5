/*
 * vault_internal.h - what liblt's own modules use of an open vault: the
 * SQLite handle, transactions, key derivation and the event log.
 */
#ifndef LT_VAULT_INTERNAL_H
#define LT_VAULT_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>

#include "base/error.h"
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
	lt_error_slot err; /* the outcome of the last public call on it */
	lt_ocr *ocr;       /* pages read through the vault: the options' */
	lt_ocr *own_ocr;   /* or this one, the vault's own */
};

/* Record the outcome `rc` of a public call in `v` and return `rc`; a
 * public function taking a vault ends with it. */
int lt_vault_keep_error(lt_vault *v, int rc);

/* The OCR context for pages read through the vault (trace, verify, scan). */
lt_ocr *lt_vault_ocr(const lt_vault *v);

/* Begin a write transaction (BEGIN IMMEDIATE). */
int lt_vault_begin(lt_vault *v);
/* Commit; on failure the transaction is rolled back. */
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

/*
 * Append an event to the log inside the current transaction.  `detail` is
 * a JSON text (may be NULL for "{}").
 */
int lt_vault_event(lt_vault *v, const char *kind, const char *document,
		   const char *detail);


#endif
