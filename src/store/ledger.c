/*
 * ledger.c - the ledger area's dispatching functions (store/ledger.h):
 * each passes the call to the vault's backend.
 */
#include "store/ledger.h"
#include "store/vault_internal.h"

#define OPS(v) ((v)->ops->ledger)

int lt_store_ledger_read_begin(lt_vault *v)
{
	return OPS(v)->read_begin(v);
}

void lt_store_ledger_read_end(lt_vault *v)
{
	OPS(v)->read_end(v);
}

int lt_store_ledger_event_append(lt_vault *v, const char *at, const char *kind,
				 const char *document, const char *detail)
{
	return OPS(v)->event_append(v, at, kind, document, detail);
}

int lt_store_ledger_events_each(lt_vault *v, int64_t from_seq, size_t limit,
				lt_store_event_fn fn, void *ctx)
{
	return OPS(v)->events_each(v, from_seq, limit, fn, ctx);
}

int lt_store_ledger_event_get(lt_vault *v, int64_t seq, int *found,
			      lt_store_event_fn fn, void *ctx)
{
	return OPS(v)->event_get(v, seq, found, fn, ctx);
}

int lt_store_ledger_tree_size(lt_vault *v, uint64_t *size, int64_t *last_seq)
{
	return OPS(v)->tree_size(v, size, last_seq);
}

int lt_store_ledger_node_get(lt_vault *v, unsigned level, uint64_t idx,
			     lt_store_node_row *row, int *found)
{
	return OPS(v)->node_get(v, level, idx, row, found);
}

int lt_store_ledger_leaf_of_seq(lt_vault *v, int64_t seq,
				lt_store_node_row *row, int *found)
{
	return OPS(v)->leaf_of_seq(v, seq, row, found);
}

int lt_store_ledger_nodes_put(lt_vault *v, const lt_store_node *nodes, size_t n)
{
	return OPS(v)->nodes_put(v, nodes, n);
}

int lt_store_ledger_leaves_each(lt_vault *v, lt_store_node_fn fn, void *ctx)
{
	return OPS(v)->leaves_each(v, fn, ctx);
}

int lt_store_ledger_nodes_each(lt_vault *v, lt_store_node_fn fn, void *ctx)
{
	return OPS(v)->nodes_each(v, fn, ctx);
}

int lt_store_ledger_head_put(lt_vault *v, const lt_tree_head *h)
{
	return OPS(v)->head_put(v, h);
}

int lt_store_ledger_head_get(lt_vault *v, uint64_t size, lt_store_head_row *row,
			     int *found)
{
	return OPS(v)->head_get(v, size, row, found);
}

int lt_store_ledger_heads_each(lt_vault *v, lt_store_head_fn fn, void *ctx)
{
	return OPS(v)->heads_each(v, fn, ctx);
}

int lt_store_ledger_heads_nearest(lt_vault *v, uint64_t size, uint64_t *below,
				  uint64_t *above)
{
	return OPS(v)->heads_nearest(v, size, below, above);
}

int lt_store_ledger_public_key_get(lt_vault *v, char hex[65])
{
	return OPS(v)->public_key_get(v, hex);
}

int lt_store_ledger_public_key_set(lt_vault *v, const char *hex)
{
	return OPS(v)->public_key_set(v, hex);
}

int lt_store_ledger_unlogged_each(lt_vault *v, lt_store_unlogged_fn fn,
				  void *ctx)
{
	return OPS(v)->unlogged_each(v, fn, ctx);
}
