/*
 * ledger.h - the storage area of the ledger: the event log, the Merkle
 * tree's leaves and interior nodes, the signed tree heads and the ledger's
 * recorded public key (store/store.h).
 *
 * Tables (schema migrations 1 and 2 in store/vault.c):
 *   events(seq, at, kind, document, detail)   one row per event
 *   ledger_leaves(idx, seq, hash)             leaf idx is event `seq`
 *   ledger_nodes(level, idx, hash)            complete subtrees, level >= 1
 *   ledger_heads(size, root, at, signature)   one per sealed transaction
 *   meta "ledger_public_key"                  hex of the Ed25519 key
 *
 * Every function reads or writes inside the vault's current transaction
 * when one is open.  Rows come back as plain C values: events through a
 * callback that sees each row's text only for the length of the call
 * (copy what you keep), the fixed-size rows by value.  A row that was
 * altered by hand is still returned, flagged, so that the ledger can name
 * what is wrong with it.  Each function returns LT_OK or an LT_E* code
 * with the error recorded; an error a callback returns stops the reading
 * and is passed on unchanged.
 */
#ifndef LT_STORE_LEDGER_H
#define LT_STORE_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/ledger.h"
#include "leaktrace/vault.h"

/*
 * One events row.  Text fields carry their byte length (a field altered
 * by hand may hold NUL bytes); a field is NULL when the row has none
 * (`document` for an event about no document).
 */
typedef struct lt_store_event_row {
	int64_t seq;
	const char *at;
	size_t at_len;
	const char *kind;
	size_t kind_len;
	const char *document;
	size_t document_len;
	const char *detail;
	size_t detail_len;
} lt_store_event_row;

/* Called with each events row, in seq order. */
typedef int (*lt_store_event_fn)(void *ctx, const lt_store_event_row *row);

/* A leaf or interior node row; `well_formed` is 0 when the stored hash is
 * not LT_HASH_BYTES long (then `hash` is zero). */
typedef struct lt_store_node_row {
	int64_t level; /* 0 for a leaf */
	int64_t idx;
	int64_t seq;   /* leaves: the event it logs */
	lt_hash hash;
	int well_formed;
} lt_store_node_row;

typedef int (*lt_store_node_fn)(void *ctx, const lt_store_node_row *row);

/*
 * A ledger_heads row.  `head` holds what is stored (the time cut to fit);
 * `well_formed` is 0 when the size is not positive, the root or signature
 * has the wrong length, or the time is missing or too long.
 */
typedef struct lt_store_head_row {
	int64_t size; /* as stored */
	lt_tree_head head;
	int well_formed;
} lt_store_head_row;

typedef int (*lt_store_head_fn)(void *ctx, const lt_store_head_row *row);

/* A node to write: a leaf (level 0, with its event's seq) or a complete
 * interior subtree. */
typedef struct lt_store_node {
	unsigned level;
	uint64_t idx;
	int64_t seq;
	lt_hash hash;
} lt_store_node;

/*
 * A record of another area that the ledger should hold an event for but
 * does not: a document without its "register" event, a copy without an
 * "issue" event naming it and its recipient, a sighting without the
 * "sighting" event naming its platform, channel, message and source, and
 * an author's decision on a suggested slot group that is not the one the
 * last "review" event naming that group records (or a group such an event
 * names with no decision recorded).
 */
typedef struct lt_store_unlogged_row {
	const char *what;     /* "document", "copy", "sighting" or "decision" */
	const char *id;       /* its id (a sighting's row number, a decision's
			       * slot group) */
	const char *document; /* the document concerned ("" when gone) */
	const char *party;    /* copy: recipient; sighting: platform;
			       * decision: the decision recorded (NULL: none) */
	const char *at;       /* when it was recorded */
} lt_store_unlogged_row;

typedef int (*lt_store_unlogged_fn)(void *ctx,
				    const lt_store_unlogged_row *row);

struct lt_store_ledger_ops {
	/* Read-only snapshot for a consistent read of several tables. */
	int (*read_begin)(lt_vault *v);
	void (*read_end)(lt_vault *v);

	int (*event_append)(lt_vault *v, const char *at, const char *kind,
			    const char *document, const char *detail);
	int (*events_each)(lt_vault *v, int64_t from_seq, size_t limit,
			   lt_store_event_fn fn, void *ctx);
	int (*event_get)(lt_vault *v, int64_t seq, int *found,
			 lt_store_event_fn fn, void *ctx);

	int (*tree_size)(lt_vault *v, uint64_t *size, int64_t *last_seq);
	int (*node_get)(lt_vault *v, unsigned level, uint64_t idx,
			lt_store_node_row *row, int *found);
	int (*leaf_of_seq)(lt_vault *v, int64_t seq, lt_store_node_row *row,
			   int *found);
	int (*nodes_put)(lt_vault *v, const lt_store_node *nodes, size_t n);
	int (*leaves_each)(lt_vault *v, lt_store_node_fn fn, void *ctx);
	int (*nodes_each)(lt_vault *v, lt_store_node_fn fn, void *ctx);

	int (*head_put)(lt_vault *v, const lt_tree_head *h);
	int (*head_get)(lt_vault *v, uint64_t size, lt_store_head_row *row,
			int *found);
	int (*heads_each)(lt_vault *v, lt_store_head_fn fn, void *ctx);
	int (*heads_nearest)(lt_vault *v, uint64_t size, uint64_t *below,
			     uint64_t *above);

	int (*public_key_get)(lt_vault *v, char hex[65]);
	int (*public_key_set)(lt_vault *v, const char *hex);

	int (*unlogged_each)(lt_vault *v, lt_store_unlogged_fn fn, void *ctx);
};

/* The SQLite implementation (store/sqlite_ledger.c). */
extern const struct lt_store_ledger_ops lt_sqlite_ledger_ops;

/*
 * Begin and end a read transaction: every read between them sees the same
 * state.  Not for use inside a write transaction.
 */
int lt_store_ledger_read_begin(lt_vault *v);
void lt_store_ledger_read_end(lt_vault *v);

/* Append an events row (the store gives it the next seq); `document` may
 * be NULL, `detail` is JSON text. */
int lt_store_ledger_event_append(lt_vault *v, const char *at, const char *kind,
				 const char *document, const char *detail);

/* Events with seq >= from_seq in seq order, at most `limit` (0: all). */
int lt_store_ledger_events_each(lt_vault *v, int64_t from_seq, size_t limit,
				lt_store_event_fn fn, void *ctx);

/* Event `seq` to `fn`; *found is 0 (and fn not called) when there is none. */
int lt_store_ledger_event_get(lt_vault *v, int64_t seq, int *found,
			      lt_store_event_fn fn, void *ctx);

/* Number of leaves (last idx + 1; 0 when none) and the seq of the last. */
int lt_store_ledger_tree_size(lt_vault *v, uint64_t *size, int64_t *last_seq);

/* Leaf (level 0) or interior node at (level, idx); *found is 0 when there
 * is no such row (row->well_formed says whether its hash is usable). */
int lt_store_ledger_node_get(lt_vault *v, unsigned level, uint64_t idx,
			     lt_store_node_row *row, int *found);

/* The leaf that logs event `seq`; *found is 0 when none does. */
int lt_store_ledger_leaf_of_seq(lt_vault *v, int64_t seq,
				lt_store_node_row *row, int *found);

/* Write leaves (inserted: a leaf is never replaced) and interior nodes
 * (inserted or replaced). */
int lt_store_ledger_nodes_put(lt_vault *v, const lt_store_node *nodes,
			      size_t n);

/* Every leaf in idx order; every interior node in (level, idx) order. */
int lt_store_ledger_leaves_each(lt_vault *v, lt_store_node_fn fn, void *ctx);
int lt_store_ledger_nodes_each(lt_vault *v, lt_store_node_fn fn, void *ctx);

/* Insert a signed tree head. */
int lt_store_ledger_head_put(lt_vault *v, const lt_tree_head *h);

/* The head of tree size `size` (0: the largest); *found 0 when none. */
int lt_store_ledger_head_get(lt_vault *v, uint64_t size,
			     lt_store_head_row *row, int *found);

/* Every head in size order. */
int lt_store_ledger_heads_each(lt_vault *v, lt_store_head_fn fn, void *ctx);

/* The largest signed size below `size` and the smallest above it (0 when
 * there is none). */
int lt_store_ledger_heads_nearest(lt_vault *v, uint64_t size, uint64_t *below,
				  uint64_t *above);

/* The recorded public key as 64 hex digits, or "" when none is. */
int lt_store_ledger_public_key_get(lt_vault *v, char hex[65]);

/* Record (or replace) the public key. */
int lt_store_ledger_public_key_set(lt_vault *v, const char *hex);

/* Every document, copy and sighting whose event is not in the events
 * table (lt_store_unlogged_row), documents first, then copies, then
 * sightings. */
int lt_store_ledger_unlogged_each(lt_vault *v, lt_store_unlogged_fn fn,
				  void *ctx);

#endif
