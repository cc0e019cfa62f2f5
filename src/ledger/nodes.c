/*
 * nodes.c - the stored Merkle tree as the ledger reads it: perfect-subtree
 * hashes for merkle.c from the store's leaves and nodes (O(log n) reads
 * for a root or a proof), and the signed tree heads.
 */
#include <inttypes.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/ledger.h"
#include "ledger/ledger_internal.h"
#include "store/ledger.h"

int lt_ledger_node_source(void *ctx, unsigned level, uint64_t index,
			  lt_hash out)
{
	lt_store_node_row row;
	int found, rc;

	if ((rc = lt_store_ledger_node_get(ctx, level, index, &row, &found)))
		return rc;
	if (!found || !row.well_formed)
		return lt_error_set(LT_EVAULT, "the ledger is damaged: the stored "
				    "hash of subtree (level %u, index %" PRIu64
				    ") is missing or malformed (run 'leaktrace "
				    "log verify')", level, index);
	memcpy(out, row.hash, LT_HASH_BYTES);
	return LT_OK;
}

int lt_ledger_read_head(lt_tree_head *out, lt_vault *v, uint64_t size)
{
	lt_store_head_row row;
	int found, rc;

	if ((rc = lt_store_ledger_head_get(v, size, &row, &found)))
		return rc;
	if (!found)
		return size ? lt_error_set(LT_ENOTFOUND, "no signed tree head of "
					   "size %" PRIu64, size)
			    : lt_error_set(LT_ENOTFOUND, "the ledger is empty: "
					   "nothing was logged yet");
	if (!row.well_formed)
		return lt_error_set(LT_EVAULT, "the ledger is damaged: the tree "
				    "head of size %lld is malformed (run "
				    "'leaktrace log verify')", (long long)row.size);
	*out = row.head;
	return LT_OK;
}

int lt_ledger_head(lt_tree_head *out, lt_vault *v)
{
	return lt_ledger_read_head(out, v, 0);
}

int lt_ledger_no_head_error(lt_vault *v, uint64_t size)
{
	uint64_t below = 0, above = 0;

	if (lt_store_ledger_heads_nearest(v, size, &below, &above) != LT_OK)
		below = above = 0;
	if (below && above)
		return lt_error_set(LT_ENOTFOUND, "no signed tree head of size %" PRIu64
				    " (nearest signed sizes: %" PRIu64 " and %"
				    PRIu64 ")", size, below, above);
	if (below || above)
		return lt_error_set(LT_ENOTFOUND, "no signed tree head of size %" PRIu64
				    " (nearest signed size: %" PRIu64 ")", size,
				    below ? below : above);
	return lt_error_set(LT_ENOTFOUND, "no signed tree head of size %" PRIu64
			    " (the ledger is empty)", size);
}
