/*
 * access.c - the access area's dispatching functions (store/access.h):
 * each passes the call to the vault's backend.
 */
#include "store/access.h"
#include "store/vault_internal.h"

#define OPS(v) ((v)->ops->access)

int lt_store_access_document_check(lt_vault *v, const char *document)
{
	return OPS(v)->document_check(v, document);
}

int lt_store_access_copy_of(lt_vault *v, const char *document,
			    const char *recipient, char **copy)
{
	return OPS(v)->copy_of(v, document, recipient, copy);
}

int lt_store_access_sightings_any(lt_vault *v, int *any)
{
	return OPS(v)->sightings_any(v, any);
}

int lt_store_access_first_sighting(lt_vault *v, const char *document,
				   char **posted_at)
{
	return OPS(v)->first_sighting(v, document, posted_at);
}

int lt_store_access_holders_each(lt_vault *v, const char *document,
				 const char *before, lt_store_holder_fn fn,
				 void *ctx)
{
	return OPS(v)->holders_each(v, document, before, fn, ctx);
}

int lt_store_access_accesses_each(lt_vault *v, const char *document,
				  const char *before, lt_store_access_fn fn,
				  void *ctx)
{
	return OPS(v)->accesses_each(v, document, before, fn, ctx);
}

int lt_store_access_sources_each(lt_vault *v, const char *prefix,
				 lt_store_source_fn fn, void *ctx)
{
	return OPS(v)->sources_each(v, prefix, fn, ctx);
}
