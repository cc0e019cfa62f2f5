/*
 * pages.c - the pages area's dispatch to the vault's backend
 * (store/pages.h).
 */
#include "store/pages.h"

int lt_store_pages_add(lt_vault *v, const lt_store_page_new *p, int *added)
{
	return v->ops->pages->add(v, p, added);
}

int lt_store_pages_each(lt_vault *v, int64_t doc, lt_store_page_fn fn,
			void *ctx)
{
	return v->ops->pages->each(v, doc, fn, ctx);
}

int lt_store_pages_each_distinct(lt_vault *v, int64_t doc, lt_store_page_fn fn,
				 void *ctx)
{
	return v->ops->pages->each_distinct(v, doc, fn, ctx);
}

int lt_store_pages_doc_of(lt_vault *v, int64_t id, int64_t *doc, int *found)
{
	return v->ops->pages->doc_of(v, id, doc, found);
}
