/*
 * copies.c - the copies area's dispatch to the vault's backend
 * (store/copies.h), and freeing what it returns.
 */
#include <stdlib.h>

#include "store/copies.h"

int lt_store_copies_recipients(lt_vault *v, const char *const *names, size_t n,
			       int64_t *ids)
{
	return v->ops->copies->recipients(v, names, n, ids);
}

int lt_store_copies_find(lt_vault *v, int64_t doc, const int64_t *recipients,
			 size_t n, char (*ids)[16], int *found)
{
	return v->ops->copies->find(v, doc, recipients, n, ids, found);
}

int lt_store_copies_add_block(lt_vault *v, int64_t doc, size_t count,
			      size_t nslots, const uint8_t *symbols,
			      int64_t *block)
{
	return v->ops->copies->add_block(v, doc, count, nslots, symbols, block);
}

int lt_store_copies_add(lt_vault *v, const lt_store_copy_new *c, size_t n)
{
	return v->ops->copies->add(v, c, n);
}

int lt_store_copies_add_files(lt_vault *v, const lt_store_copy_file *f,
			      size_t n)
{
	return v->ops->copies->add_files(v, f, n);
}

int lt_store_copies_add_manifest(lt_vault *v, int64_t doc,
				 const char *created_at, const char *body,
				 size_t len, const unsigned char *sig,
				 size_t sig_len, const unsigned char *pk,
				 size_t pk_len)
{
	return v->ops->copies->add_manifest(v, doc, created_at, body, len, sig,
				     sig_len, pk, pk_len);
}

int lt_store_copies_row(lt_vault *v, const char *id, int64_t doc, int64_t *row)
{
	return v->ops->copies->row(v, id, doc, row);
}

int lt_store_copies_id_of(lt_vault *v, int64_t row, char id[16])
{
	return v->ops->copies->id_of(v, row, id);
}

int lt_store_copies_count(lt_vault *v, int64_t doc, size_t *n)
{
	return v->ops->copies->count(v, doc, n);
}

int lt_store_copies_each_block(lt_vault *v, int64_t doc, lt_store_block_fn fn,
			       void *ctx)
{
	return v->ops->copies->each_block(v, doc, fn, ctx);
}

int lt_store_copies_each_copy(lt_vault *v, int64_t doc, lt_store_copy_fn fn,
			      void *ctx)
{
	return v->ops->copies->each_copy(v, doc, fn, ctx);
}

int lt_store_copies_at(lt_vault *v, int64_t block, size_t index, char copy[16],
		       char **recipient)
{
	return v->ops->copies->at(v, block, index, copy, recipient);
}

int lt_store_copies_by_digest(lt_vault *v, const char *hex, int *found,
			      char copy[16], char **recipient, int64_t *doc)
{
	return v->ops->copies->by_digest(v, hex, found, copy, recipient, doc);
}

int lt_store_copies_info(lt_vault *v, const char *id, lt_store_copy_info *out)
{
	return v->ops->copies->info(v, id, out);
}

void lt_store_copy_info_clear(lt_store_copy_info *c)
{
	free(c->digest);
	free(c->issued_at);
	free(c->recipient);
	c->digest = c->issued_at = c->recipient = NULL;
}
