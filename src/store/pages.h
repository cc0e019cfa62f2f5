/*
 * pages.h - the store's pages area: PDQ hashes of protected page images,
 * of a document's original (copy 0) or of one issued copy (store/store.h
 * explains areas), and of the figures inside a Word or PDF original.  Rows are numbered (int64_t); the number is the id a
 * platform reports a match back with.
 */
#ifndef LT_STORE_PAGES_H
#define LT_STORE_PAGES_H

#include <stddef.h>
#include <stdint.h>

#include "store/vault_internal.h"

/* A page hash to record. */
typedef struct lt_store_page_new {
	int64_t doc;
	int64_t copy;             /* 0 for the original */
	int page;                 /* 1-based */
	const unsigned char *hash; /* 32 bytes */
	int quality;              /* 0..100 */
	const char *source;       /* may be NULL */
	const char *added_at;
	int figure;               /* k + 1 for figure k of the original
				     (page then 0), 0 for a page image */
} lt_store_page_new;

/* One stored hash (for the export: one a distinct hash of a document,
 * with its first row, earliest time, first page and best quality). */
typedef struct lt_store_page {
	int64_t id;
	const unsigned char *hash;
	size_t bytes;             /* 32 unless the vault is damaged */
	const char *added_at;     /* may be NULL */
	int page;
	int quality;
	int figure;               /* k + 1 for figure k, 0 for a page */
} lt_store_page;

/* Called once a row; a non-zero return stops the walk and is returned. */
typedef int (*lt_store_page_fn)(void *ctx, const lt_store_page *p);

struct lt_store_pages_ops {
	/* Record a hash unless the same document, copy, page and hash are
	 * there already; *added says which. */
	int (*add)(lt_vault *v, const lt_store_page_new *p, int *added);
	/* Every hash (id and hash only) of document `doc`, or of all
	 * documents when `doc` is 0, by row. */
	int (*each)(lt_vault *v, int64_t doc, lt_store_page_fn fn, void *ctx);
	/* Every distinct hash of each document (of `doc` only, unless 0), by
	 * first row. */
	int (*each_distinct)(lt_vault *v, int64_t doc, lt_store_page_fn fn,
			     void *ctx);
	/* The document of hash row `id`; *found 0 when there is no such row. */
	int (*doc_of)(lt_vault *v, int64_t id, int64_t *doc, int *found);
};

int lt_store_pages_add(lt_vault *v, const lt_store_page_new *p, int *added);
int lt_store_pages_each(lt_vault *v, int64_t doc, lt_store_page_fn fn,
			void *ctx);
int lt_store_pages_each_distinct(lt_vault *v, int64_t doc,
				 lt_store_page_fn fn, void *ctx);
int lt_store_pages_doc_of(lt_vault *v, int64_t id, int64_t *doc, int *found);

/* The SQLite backend's table (store/sqlite_pages.c). */
extern const struct lt_store_pages_ops lt_sqlite_pages_ops;

#endif
