/*
 * report.h - the store's report area: what the HTML report reads besides
 * the sightings (store/store.h explains areas).  It only reads, and it
 * reads across the documents and copies areas' data in one query each, as
 * a report's summary does.
 */
#ifndef LT_STORE_REPORT_H
#define LT_STORE_REPORT_H

#include <stddef.h>

#include "store/vault_internal.h"

/* A registered document as the report shows it. */
typedef struct lt_store_report_doc {
	char *id;
	char *title; /* may be NULL */
	size_t copies;
} lt_store_report_doc;

struct lt_store_report_ops {
	/* How many documents, copies and recipients the vault holds. */
	int (*counts)(lt_vault *v, size_t *documents, size_t *copies,
		      size_t *recipients);
	/* The registered documents (or the one with id `only`), by id. */
	int (*documents)(lt_vault *v, const char *only, lt_store_report_doc **out,
			 size_t *n);
};

int lt_store_report_counts(lt_vault *v, size_t *documents, size_t *copies,
			   size_t *recipients);
int lt_store_report_documents(lt_vault *v, const char *only,
			      lt_store_report_doc **out, size_t *n);

/* Free what lt_store_report_documents() returned. */
void lt_store_report_documents_free(lt_store_report_doc *d, size_t n);

/* The SQLite backend's table (store/sqlite_report.c). */
extern const struct lt_store_report_ops lt_sqlite_report_ops;

#endif
