/*
 * vault.h - one organisation's leaktrace state on disk.
 *
 * A vault is a directory holding `vault.db` (SQLite, WAL journal, schema
 * versioned and migrated on open) and `key` (32 secret bytes, mode 0600,
 * made with libsodium) from which every document's marks are derived.
 * Several processes may use one vault at once: every change runs in one
 * SQLite write transaction, so a command that fails or is killed leaves
 * either all of its records or none.
 *
 * Threads: an open vault (lt_vault) is used by one thread at a time, with
 * everything read through it (its OCR context included).  Any number of
 * threads may each open their own lt_vault on the same directory and work
 * at once, as separate processes can: reads run in parallel, writes take
 * turns (a write waits up to the lock timeout for another to finish).
 *
 * Errors: every public function taking a vault records the outcome of the
 * call in it, as sqlite3_errmsg() does for a connection:
 * lt_vault_errcode() and lt_vault_errmsg() read it.  lt_vault_open() and
 * lt_vault_init(), which have no vault to record in, use the thread's last
 * error (error.h), as every function also does.
 */
#ifndef LEAKTRACE_VAULT_H
#define LEAKTRACE_VAULT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lt_vault lt_vault;
typedef struct lt_ocr lt_ocr; /* ocr.h */

/* The default accusation threshold on p_false. */
#define LT_DEFAULT_THRESHOLD 1e-6

/*
 * Create a vault in `dir` (created with mode 0700 if absent; an existing
 * empty directory of the user's is made 0700, a non-empty one others may
 * read is refused with LT_EVAULT).  Its files are created mode 0600
 * whatever the umask.  Refuses with LT_EEXISTS when `dir` already holds a
 * vault.  Nothing is left behind on failure.
 */
int lt_vault_init(const char *dir);

/* How long a call waits for a vault another connection keeps busy. */
#define LT_VAULT_LOCK_TIMEOUT_MS 5000

/* How to open a vault (zero-initialise, then set what is wanted). */
typedef struct lt_vault_options {
	/* How long a call waits for a vault another process or thread keeps
	 * busy before failing with LT_ELOCKED, in milliseconds: 0 the default
	 * (LT_VAULT_LOCK_TIMEOUT_MS), negative not at all, at most 600000.
	 * (The command takes it from LEAKTRACE_LOCK_TIMEOUT_MS.) */
	int lock_timeout_ms;
	/* Nonzero: open the vault read-only (SQLITE_OPEN_READONLY), for
	 * looking at it or at a copy kept as evidence.  Nothing is written:
	 * no journal mode is set, a vault whose schema needs upgrading is
	 * refused (LT_EVAULT), and anything that would record (a trace or
	 * verify event, a registration) fails with LT_EVAULT; trace and
	 * verify skip recording instead (lt_vault_read_only()).  With no
	 * -wal file present the database is read as immutable, so not even
	 * an empty -wal or -shm appears: do not open a vault read-only while
	 * another process is starting to write to it. */
	int read_only;
	/* The OCR context for pages read through this vault (trace, verify
	 * and scan of photos, scans and PDFs without a text layer); it must
	 * outlive the vault and is used by the vault's thread.  NULL: the
	 * vault keeps one of its own, made with `ocr_options` (NULL: the
	 * defaults).  The engine is loaded by the first page read. */
	lt_ocr *ocr;
	const struct lt_ocr_options *ocr_options;
} lt_vault_options;

/*
 * Open the vault in `dir` with the default options.  LT_EVAULT when it is
 * missing, damaged, written by a newer leaktrace or its key does not
 * match; when the directory or one of its files (key, signing.key,
 * vault.db and its -wal and -shm) belongs to another user, may be read or
 * changed by others (the directory must be mode 0700, the files 0600), or
 * is not a regular file (a symbolic link, a FIFO: never followed or
 * opened); LT_ELOCKED when another process keeps it busy past the lock
 * timeout.  Close with lt_vault_close().
 */
int lt_vault_open(lt_vault **out, const char *dir);

/* As lt_vault_open(), with options (`opts` may be NULL). */
int lt_vault_open_ex(lt_vault **out, const char *dir,
		     const lt_vault_options *opts);
void lt_vault_close(lt_vault *v);

/* The outcome of the last call on `v`: LT_OK and "" when it worked, else
 * its LT_E* code and message.  The message is owned by the vault and
 * valid until its next call. */
int lt_vault_errcode(const lt_vault *v);
const char *lt_vault_errmsg(const lt_vault *v);

/* The vault's directory (owned by the vault). */
const char *lt_vault_dir(const lt_vault *v);

/* The accusation threshold recorded in the vault. */
double lt_vault_threshold(const lt_vault *v);

/* 1 when `v` was opened read-only (lt_vault_options.read_only). */
int lt_vault_read_only(const lt_vault *v);

/* Schema version of the open vault. */
int lt_vault_schema_version(const lt_vault *v);

#ifdef __cplusplus
}
#endif
#endif
