/*
 * seal.c - sealing a transaction's events: just before the transaction
 * commits (lt_vault's pre-commit hook, set by log.c when an event is
 * appended), every event not yet in the Merkle tree is hashed into it
 * (leaf rows and the interior nodes they complete) and one signed tree
 * head is written for the new size, so that the events, their leaves and
 * the head commit (or roll back) together with the effect they record.
 * One transaction costs one signature however many events it appended.
 */
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/ledger.h"
#include "base/time.h"
#include "ledger/ledger_internal.h"
#include "store/ledger.h"

/* Leaves and nodes written per call to the store. */
#define NODE_BATCH 4096

typedef struct seal_state {
	lt_vault *v;
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	int have_key;
	uint64_t size;         /* leaves before this seal */
	lt_merkle_frontier f;
	lt_buf entry;
	int64_t seq;           /* the event of the leaf being pushed */
	lt_store_node *nodes;  /* written, not yet stored */
	size_t nnodes;
} seal_state;

static int flush_nodes(seal_state *s)
{
	int rc = lt_store_ledger_nodes_put(s->v, s->nodes, s->nnodes);

	s->nnodes = 0;
	return rc;
}

/* lt_merkle_emit_fn collecting leaves and interior nodes to store. */
static int put_node(void *ctx, unsigned level, uint64_t index,
		    const lt_hash hash)
{
	seal_state *s = ctx;
	lt_store_node *n;
	int rc;

	if (s->nnodes == NODE_BATCH && (rc = flush_nodes(s)))
		return rc;
	n = &s->nodes[s->nnodes++];
	n->level = level;
	n->idx = index;
	n->seq = s->seq;
	memcpy(n->hash, hash, LT_HASH_BYTES);
	return LT_OK;
}

/* Hash one new event into the tree; the first one loads the key and the
 * tree's right edge. */
static int seal_event(void *ctx, const lt_store_event_row *row)
{
	seal_state *s = ctx;
	lt_hash leaf;
	int rc;

	if (!s->have_key) {
		if ((rc = lt_ledger_signing_key(s->v, s->sk, 1)))
			return rc;
		s->have_key = 1;
		if (!(s->nodes = malloc(NODE_BATCH * sizeof(*s->nodes))))
			return lt_error_set(LT_ENOMEM, "out of memory");
		if ((rc = lt_merkle_frontier_load(&s->f, s->size,
						  lt_ledger_node_source, s->v)))
			return rc;
	}
	lt_buf_clear(&s->entry);
	if ((rc = lt_ledger_entry_of_row(&s->entry, row, row->seq)))
		return rc;
	lt_merkle_leaf_hash(leaf, s->entry.data, s->entry.len);
	s->seq = row->seq;
	return lt_merkle_frontier_push(&s->f, leaf, put_node, s);
}

int lt_ledger_seal(lt_vault *v)
{
	seal_state s = {0};
	lt_buf msg = {0};
	lt_tree_head h;
	int64_t last_seq;
	int rc;

	s.v = v;
	if ((rc = lt_store_ledger_tree_size(v, &s.size, &last_seq)) ||
	    (rc = lt_store_ledger_events_each(v, last_seq + 1, 0, seal_event, &s)))
		goto out;
	if (!s.have_key)
		goto out; /* nothing new */
	if ((rc = flush_nodes(&s)))
		goto out;
	memset(&h, 0, sizeof(h));
	h.size = s.f.size;
	lt_merkle_frontier_root(&s.f, h.root);
	lt_time_now(h.at);
	if ((rc = lt_tree_head_message(&msg, &h)))
		goto out;
	crypto_sign_detached(h.signature, NULL, (const unsigned char *)msg.data,
			     msg.len, s.sk);
	rc = lt_store_ledger_head_put(v, &h);
out:
	if (s.have_key)
		sodium_memzero(s.sk, sizeof(s.sk));
	free(s.nodes);
	lt_buf_free(&s.entry);
	lt_buf_free(&msg);
	return rc;
}
