/*
 * sqlite_internal.h - what the SQLite backend's files (store/sqlite_*.c)
 * share: statements, error mapping and the column and binding helpers.
 * Nothing outside src/store/ includes this header.
 */
#ifndef LT_SQLITE_INTERNAL_H
#define LT_SQLITE_INTERNAL_H

#include <sqlite3.h>

#include "store/vault_internal.h"

/* Map a SQLite failure to an LT_E* code with a message naming `what`. */
int lt_vault_sqlite_error(lt_vault *v, int rc, const char *what);

/* Prepare a statement or set the error. */
int lt_vault_prepare(lt_vault *v, sqlite3_stmt **st, const char *sql);

/* Run SQL without results or set the error naming `what`. */
int lt_sqlite_exec(lt_vault *v, const char *sql, const char *what);

/* A column's text as a new string; NULL when the value is NULL (or on
 * ENOMEM: callers check the columns that may not be NULL). */
char *lt_sqlite_strdup(sqlite3_stmt *st, int col);

/* Bind `s`, or NULL when `s` is NULL (the text is copied). */
void lt_sqlite_bind_text(sqlite3_stmt *st, int i, const char *s);

/* Bind `s`, or "" when `s` is NULL (the text is copied). */
void lt_sqlite_bind_text_or_empty(sqlite3_stmt *st, int i, const char *s);

/* Step a statement that returns no rows; LT_OK or the error naming
 * `what`.  The statement is reset either way. */
int lt_sqlite_step_done(lt_vault *v, sqlite3_stmt *st, const char *what);

/* The vault area's operations of the SQLite backend (sqlite_vault.c). */
extern const struct lt_store_vault_ops lt_sqlite_vault_ops;

#endif
