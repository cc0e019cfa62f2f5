/*
 * access.h - the storage area of access events and the suspects query
 * (store/store.h): who holds a copy of a document, the access events
 * recorded for it (events of kind "access", appended through the ledger),
 * and its sightings' times.  Rows reach callers through callbacks that
 * see each row's text only for the length of the call (copy what you
 * keep).  Times are ISO 8601 text; "before" compares them as instants.
 * Each function returns LT_OK or an LT_E* code with the error recorded;
 * an error a callback returns stops the reading and is passed on.
 */
#ifndef LT_STORE_ACCESS_H
#define LT_STORE_ACCESS_H

#include <stdint.h>

#include "leaktrace/vault.h"

/* A recipient holding a copy of a document. */
typedef struct lt_store_holder_row {
	const char *recipient;
	const char *copy;
	const char *issued_at;
	int before; /* issued before the time asked about (1 when none) */
} lt_store_holder_row;

typedef int (*lt_store_holder_fn)(void *ctx, const lt_store_holder_row *row);

/* An access event of a document whose detail is JSON. */
typedef struct lt_store_access_event {
	int64_t seq;
	const char *user;   /* detail's "user", NULL when absent */
	const char *action;
	const char *at;     /* detail's "accessed_at" */
	int before;         /* accessed before the time asked about */
} lt_store_access_event;

typedef int (*lt_store_access_fn)(void *ctx, const lt_store_access_event *e);

/* The source of an access event ("import:DIGEST:LINE", "cli"). */
typedef int (*lt_store_source_fn)(void *ctx, const char *source);

struct lt_store_access_ops {
	int (*document_check)(lt_vault *v, const char *document);
	int (*copy_of)(lt_vault *v, const char *document, const char *recipient,
		       char **copy);
	int (*sightings_any)(lt_vault *v, int *any);
	int (*first_sighting)(lt_vault *v, const char *document,
			      char **posted_at);
	int (*holders_each)(lt_vault *v, const char *document,
			    const char *before, lt_store_holder_fn fn, void *ctx);
	int (*accesses_each)(lt_vault *v, const char *document,
			     const char *before, lt_store_access_fn fn,
			     void *ctx);
	int (*sources_each)(lt_vault *v, const char *prefix,
			    lt_store_source_fn fn, void *ctx);
};

/* The SQLite implementation (store/sqlite_access.c). */
extern const struct lt_store_access_ops lt_sqlite_access_ops;

/* LT_OK when the vault holds `document`, else LT_ENOTFOUND ("no document
 * 'ID' in the vault"). */
int lt_store_access_document_check(lt_vault *v, const char *document);

/*
 * The id of the copy of `document` issued to `recipient` into *copy
 * (caller frees), NULL when the recipient holds none.  LT_ENOTFOUND for
 * an unknown document.
 */
int lt_store_access_copy_of(lt_vault *v, const char *document,
			    const char *recipient, char **copy);

/* *any = 1 when the vault has recorded any sighting yet, else 0. */
int lt_store_access_sightings_any(lt_vault *v, int *any);

/* The earliest time a sighting of `document` was posted (caller frees),
 * NULL when none carries a time. */
int lt_store_access_first_sighting(lt_vault *v, const char *document,
				   char **posted_at);

/* Every holder of a copy of `document`, by recipient name; `before` (may
 * be NULL) is the time their issue is compared with. */
int lt_store_access_holders_each(lt_vault *v, const char *document,
				 const char *before, lt_store_holder_fn fn,
				 void *ctx);

/* Every access event of `document` in seq order; `before` (may be NULL)
 * is the time each access is compared with. */
int lt_store_access_accesses_each(lt_vault *v, const char *document,
				  const char *before, lt_store_access_fn fn,
				  void *ctx);

/* The source of every access event whose source starts with `prefix`
 * (an import's "import:SHA256:", to skip the rows already recorded). */
int lt_store_access_sources_each(lt_vault *v, const char *prefix,
				 lt_store_source_fn fn, void *ctx);

#endif
