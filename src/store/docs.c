/*
 * docs.c - the documents area's dispatch to the vault's backend
 * (store/docs.h), and freeing what it returns.
 */
#include <stdlib.h>

#include "store/docs.h"

int lt_store_docs_add(lt_vault *v, const lt_store_doc_new *d, int64_t *rowid)
{
	return v->ops->docs->add(v, d, rowid);
}

int lt_store_docs_info(lt_vault *v, const char *id, lt_document_info *out,
		       int64_t *rowid)
{
	return v->ops->docs->info(v, id, out, rowid);
}

int lt_store_docs_load(lt_vault *v, const char *id, int64_t rowid,
		       lt_store_doc *out)
{
	return v->ops->docs->load(v, id, rowid, out);
}

int lt_store_docs_find(lt_vault *v, const char *id, int64_t *rowid)
{
	return v->ops->docs->find(v, id, rowid);
}

int lt_store_docs_describe(lt_vault *v, int64_t rowid, char **id, char **title)
{
	return v->ops->docs->describe(v, rowid, id, title);
}

int lt_store_docs_list(lt_vault *v, lt_store_doc_ref **out, size_t *n)
{
	return v->ops->docs->list(v, out, n);
}

int lt_store_docs_add_shingles(lt_vault *v, int64_t doc, const uint64_t *hashes,
			       size_t n)
{
	return v->ops->docs->add_shingles(v, doc, hashes, n);
}

int lt_store_docs_each_shingle_doc(lt_vault *v, const uint64_t *hashes,
				   size_t n, lt_store_doc_row_fn fn, void *ctx)
{
	return v->ops->docs->each_shingle_doc(v, hashes, n, fn, ctx);
}

int lt_store_docs_each_shingle(lt_vault *v, lt_store_shingle_fn fn, void *ctx)
{
	return v->ops->docs->each_shingle(v, fn, ctx);
}

int lt_store_docs_decision_put(lt_vault *v, int64_t doc, uint32_t group,
			       int decision, const char *decided_at)
{
	return v->ops->docs->decision_put(v, doc, group, decision, decided_at);
}

int lt_store_docs_decisions_each(lt_vault *v, int64_t doc,
				 lt_store_decision_fn fn, void *ctx)
{
	return v->ops->docs->decisions_each(v, doc, fn, ctx);
}

int lt_store_docs_original_put(lt_vault *v, int64_t doc, const void *data,
			       size_t len)
{
	return v->ops->docs->original_put(v, doc, data, len);
}

int lt_store_docs_original_get(lt_vault *v, int64_t doc, lt_buf *out)
{
	return v->ops->docs->original_get(v, doc, out);
}

void lt_store_doc_clear(lt_store_doc *d)
{
	free(d->id);
	free(d->bias);
	lt_buf_free(&d->slots);
	d->id = d->bias = NULL;
}

void lt_store_doc_refs_free(lt_store_doc_ref *r, size_t n)
{
	size_t i;

	for (i = 0; r && i < n; i++)
		free(r[i].id);
	free(r);
}
