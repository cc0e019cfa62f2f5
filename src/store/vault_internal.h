/*
 * vault_internal.h - what liblt's own modules use of an open vault:
 * transactions, key derivation and the event log, whatever the backend.
 *
 * The vault is a directory holding the secret key and the backend's data
 * (store/store.h).  vault.c owns the directory, the key and choosing the
 * backend; the backend (today SQLite, store/sqlite_vault.c) owns the
 * connection, the schema and transactions.
 */
#ifndef LT_VAULT_INTERNAL_H
#define LT_VAULT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "base/time.h"
#include "store/store.h"
#include "leaktrace/code.h"
#include "leaktrace/extract.h"
#include "leaktrace/vault.h"

struct sqlite3;

struct lt_vault {
	const lt_store_ops *ops; /* the storage backend (store/store.h) */
	char *dir;
	struct sqlite3 *db; /* the SQLite backend's connection (store/ only) */
	unsigned char key[LT_KEY_BYTES];
	double threshold;
	int schema;
	int in_tx;
	/* Run by lt_vault_commit just before COMMIT (a failure rolls the
	 * transaction back); cleared when the transaction ends.  The ledger
	 * sets it when it appends an event, to seal the transaction's
	 * events with it. */
	int (*before_commit)(lt_vault *v);
	int lock_timeout_ms; /* how long to wait for a busy vault */
	int read_only;       /* opened read-only: no write ever starts */
	lt_error_slot err; /* the outcome of the last public call on it */
	lt_ocr *ocr;       /* pages read through the vault: the options' */
	lt_ocr *own_ocr;   /* or this one, the vault's own, made when first
			    * needed by the reading stage (read/vault_ocr.c) */
	char *tessdata;    /* the OCR data for own_ocr (NULL: the default) */
	lt_ocr_budget ocr_budget; /* and its budget (zero: the defaults) */
	void (*free_ocr)(lt_ocr *); /* set with own_ocr; run at close */
};

/*
 * The backend's handling of the vault itself.  `dir` is the vault
 * directory; the backend keeps its data in or under it.
 */
struct lt_store_vault_ops {
	/* What the backend keeps in the directory, for messages ("vault.db"). */
	const char *data_name;
	/* 1 when `dir` holds this backend's data, else 0. */
	int (*exists)(const char *dir);
	/*
	 * Create the data of a new vault, not yet visible to open(): the
	 * schema and the settings `key_check` (hex) and `threshold`.  Leaves
	 * nothing open on v.  publish() makes it the vault's; discard() removes
	 * what a failed create() or publish() left.
	 */
	int (*create)(lt_vault *v, const char *dir, const char *key_check,
		      double threshold);
	int (*publish)(lt_vault *v, const char *dir);
	void (*discard)(const char *dir);
	/* Connect to an existing vault's data and bring its schema up to date
	 * (sets v->schema). */
	int (*open)(lt_vault *v, const char *dir);
	/* A setting written at creation, into out[outlen]; LT_EVAULT when
	 * missing. */
	int (*meta_get)(lt_vault *v, const char *key, char *out, size_t outlen);
	/* Roll back what is open and disconnect (v->db may be NULL). */
	void (*close)(lt_vault *v);
};

/* Record the outcome `rc` of a public call in `v` and return `rc`; a
 * public function taking a vault ends with it. */
int lt_vault_keep_error(lt_vault *v, int rc);

/* Begin a write transaction (BEGIN IMMEDIATE). */
int lt_vault_begin(lt_vault *v);
/* Run the before_commit hook, if set, then commit; on failure the
 * transaction is rolled back. */
int lt_vault_commit(lt_vault *v);
/* Roll back if a transaction is open (safe to call in cleanup paths). */
void lt_vault_rollback(lt_vault *v);

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
