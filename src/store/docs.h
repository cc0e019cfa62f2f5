/*
 * docs.h - the store's documents area: registered documents, the
 * author's decisions on their suggested marks, and the shingle index that
 * identification votes with (store/store.h explains areas and backends).
 *
 * Documents are named by their text id outside the store and by a row
 * number (int64_t, never 0) inside liblt, as the other areas refer to them.
 */
#ifndef LT_STORE_DOCS_H
#define LT_STORE_DOCS_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/buf.h"
#include "leaktrace/document.h"
#include "store/vault_internal.h"

/* A document to register: every field is stored as given. */
typedef struct lt_store_doc_new {
	const char *id;
	const char *title;  /* may be NULL */
	const char *source; /* the file it was registered from */
	const char *format; /* "txt", "md", "docx", "pdf" */
	const char *registered_at;
	size_t words, nslots, lexical_slots, typographic_slots;
	const char *bias;   /* lt_bias_scheme_name() */
	double cap_lexical, cap_typographic;
	const void *slots;  /* lt_slot_set_save() */
	size_t slots_len;
} lt_store_doc_new;

/* What loading a document for work needs; freed with
 * lt_store_doc_clear(). */
typedef struct lt_store_doc {
	int64_t rowid;
	char *id;
	char *bias;
	lt_buf slots; /* as saved by lt_slot_set_save() */
} lt_store_doc;

/* A document's row and id. */
typedef struct lt_store_doc_ref {
	int64_t rowid;
	char *id;
} lt_store_doc_ref;

/* Called once a row; a non-zero return stops the walk and is returned. */
typedef int (*lt_store_doc_row_fn)(void *ctx, int64_t doc);
typedef int (*lt_store_shingle_fn)(void *ctx, uint64_t hash, int64_t doc);
/* One recorded decision on a suggested slot group: the group's first
 * slot, LT_DECISION_APPROVED or LT_DECISION_REJECTED, and when. */
typedef int (*lt_store_decision_fn)(void *ctx, uint32_t group, int decision,
				    const char *decided_at);

struct lt_store_docs_ops {
	/* Record a document (inside a transaction); its row in *rowid.
	 * LT_EEXISTS when the id is taken. */
	int (*add)(lt_vault *v, const lt_store_doc_new *d, int64_t *rowid);
	/* Fill `out` (all but `copies`) for document `id`; its row in *rowid.
	 * LT_ENOTFOUND when there is none. */
	int (*info)(lt_vault *v, const char *id, lt_document_info *out,
		    int64_t *rowid);
	/* Load document `id` (when not NULL) or row `rowid`.  LT_ENOTFOUND
	 * when there is none. */
	int (*load)(lt_vault *v, const char *id, int64_t rowid,
		    lt_store_doc *out);
	/* The row of document `id`; LT_ENOTFOUND when there is none. */
	int (*find)(lt_vault *v, const char *id, int64_t *rowid);
	/* The id and title (either may be NULL) of row `rowid`, newly
	 * allocated; LT_ENOTFOUND when there is none. */
	int (*describe)(lt_vault *v, int64_t rowid, char **id, char **title);
	/* Every document's row and id, by row. */
	int (*list)(lt_vault *v, lt_store_doc_ref **out, size_t *n);
	/* Add a document's chosen shingle hashes to the index. */
	int (*add_shingles)(lt_vault *v, int64_t doc, const uint64_t *hashes,
			    size_t n);
	/* For each of `n` shingle hashes, in order, call fn with every
	 * document it occurs in. */
	int (*each_shingle_doc)(lt_vault *v, const uint64_t *hashes, size_t n,
				lt_store_doc_row_fn fn, void *ctx);
	/* The whole shingle index, by hash, then document. */
	int (*each_shingle)(lt_vault *v, lt_store_shingle_fn fn, void *ctx);
	/* Record (inside a transaction) the author's decision on the
	 * suggested group whose first slot is `group`, replacing an earlier
	 * one; `decision` is LT_DECISION_APPROVED or LT_DECISION_REJECTED. */
	int (*decision_put)(lt_vault *v, int64_t doc, uint32_t group,
			    int decision, const char *decided_at);
	/* Every decision recorded for document `doc`, by group. */
	int (*decisions_each)(lt_vault *v, int64_t doc,
			      lt_store_decision_fn fn, void *ctx);
	/* Keep (inside a transaction) the file document `doc` was registered
	 * from; read it back into `out`, LT_ENOTFOUND when none was kept. */
	int (*original_put)(lt_vault *v, int64_t doc, const void *data,
			    size_t len);
	int (*original_get)(lt_vault *v, int64_t doc, lt_buf *out);
};

int lt_store_docs_add(lt_vault *v, const lt_store_doc_new *d, int64_t *rowid);
int lt_store_docs_info(lt_vault *v, const char *id, lt_document_info *out,
		       int64_t *rowid);
int lt_store_docs_load(lt_vault *v, const char *id, int64_t rowid,
		       lt_store_doc *out);
int lt_store_docs_find(lt_vault *v, const char *id, int64_t *rowid);
int lt_store_docs_describe(lt_vault *v, int64_t rowid, char **id, char **title);
int lt_store_docs_list(lt_vault *v, lt_store_doc_ref **out, size_t *n);
int lt_store_docs_add_shingles(lt_vault *v, int64_t doc, const uint64_t *hashes,
			       size_t n);
int lt_store_docs_each_shingle_doc(lt_vault *v, const uint64_t *hashes,
				   size_t n, lt_store_doc_row_fn fn, void *ctx);
int lt_store_docs_each_shingle(lt_vault *v, lt_store_shingle_fn fn, void *ctx);
int lt_store_docs_decision_put(lt_vault *v, int64_t doc, uint32_t group,
			       int decision, const char *decided_at);
int lt_store_docs_decisions_each(lt_vault *v, int64_t doc,
				 lt_store_decision_fn fn, void *ctx);

int lt_store_docs_original_put(lt_vault *v, int64_t doc, const void *data,
			       size_t len);
int lt_store_docs_original_get(lt_vault *v, int64_t doc, lt_buf *out);

/* Free what lt_store_docs_load() filled (not `d` itself). */
void lt_store_doc_clear(lt_store_doc *d);
/* Free what lt_store_docs_list() returned. */
void lt_store_doc_refs_free(lt_store_doc_ref *r, size_t n);

/* The SQLite backend's table (store/sqlite_docs.c). */
extern const struct lt_store_docs_ops lt_sqlite_docs_ops;

#endif
