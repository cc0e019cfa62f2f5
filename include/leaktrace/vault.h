/*
 * vault.h - one organisation's leaktrace state on disk.
 *
 * A vault is a directory holding `vault.db` (SQLite, WAL journal, schema
 * versioned and migrated on open) and `key` (32 secret bytes, mode 0600,
 * made with libsodium) from which every document's marks are derived.
 * Several processes may use one vault at once: every change runs in one
 * SQLite write transaction, so a command that fails or is killed leaves
 * either all of its records or none.
 */
#ifndef LEAKTRACE_VAULT_H
#define LEAKTRACE_VAULT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lt_vault lt_vault;

/* The default accusation threshold on p_false. */
#define LT_DEFAULT_THRESHOLD 1e-6

/*
 * Create a vault in `dir` (created with mode 0700 if absent).  Refuses with
 * LT_EEXISTS when `dir` already holds a vault.  Nothing is left behind on
 * failure.
 */
int lt_vault_init(const char *dir);

/*
 * Open the vault in `dir`.  LT_EVAULT when it is missing, damaged, written
 * by a newer leaktrace or its key does not match; LT_ELOCKED when another
 * process keeps it busy past the lock timeout (5 s, or the
 * LEAKTRACE_LOCK_TIMEOUT_MS environment variable).  Close with
 * lt_vault_close().
 */
int lt_vault_open(lt_vault **out, const char *dir);
void lt_vault_close(lt_vault *v);

/* The vault's directory (owned by the vault). */
const char *lt_vault_dir(const lt_vault *v);

/* The accusation threshold recorded in the vault. */
double lt_vault_threshold(const lt_vault *v);

/* Schema version of the open vault. */
int lt_vault_schema_version(const lt_vault *v);

#ifdef __cplusplus
}
#endif
#endif
