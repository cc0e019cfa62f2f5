/*
 * ledger_internal.h - what the ledger's files share among themselves:
 * entries from stored rows, the signing key, the stored tree as a source
 * of Merkle nodes, tree heads, proofs and JSON pieces.  Nothing outside
 * src/ledger/ and src/investigate/ includes it.
 */
#ifndef LT_LEDGER_INTERNAL_H
#define LT_LEDGER_INTERNAL_H

#include <stdint.h>

#include <jansson.h>
#include <sodium.h>

#include "leaktrace/ledger.h"
#include "store/ledger.h"

/* entry.c: the canonical entry of a stored events row, as if it carried
 * `seq` (normally row->seq). */
int lt_ledger_entry_of_row(lt_buf *out, const lt_store_event_row *row,
			   int64_t seq);

/* keys.c: exactly 2*len hex digits into out[len]; -1 when not. */
int lt_ledger_hex_decode(unsigned char *out, size_t len, const char *hex);

/* keys.c: the path of the vault's signing.key (caller frees), or NULL. */
char *lt_ledger_key_path(lt_vault *v);

/* keys.c: read signing.key (64 bytes, regular file, mode 0600); 1 when
 * it does not exist. */
int lt_ledger_read_key(const char *path,
		       unsigned char sk[crypto_sign_SECRETKEYBYTES]);

/*
 * keys.c: the signing key, checked against the public key the vault
 * recorded.  With `create`, a vault that never signed gets a new key (and
 * records its public half).
 */
int lt_ledger_signing_key(lt_vault *v,
			  unsigned char sk[crypto_sign_SECRETKEYBYTES],
			  int create);

/*
 * seal.c: inside the open write transaction, hash every event not yet in
 * the Merkle tree into it and write one signed tree head for the new
 * size; nothing when no event is waiting.  Creates `signing.key` on first
 * use.  Set as lt_vault's before_commit hook by lt_ledger_event.
 */
int lt_ledger_seal(lt_vault *v);

/* nodes.c: lt_merkle_node_fn over the stored tree (ctx: the lt_vault). */
int lt_ledger_node_source(void *ctx, unsigned level, uint64_t index,
			  lt_hash out);

/* nodes.c: the signed head of exactly `size` leaves (0: the latest). */
int lt_ledger_read_head(lt_tree_head *out, lt_vault *v, uint64_t size);

/* nodes.c: LT_ENOTFOUND naming the signed sizes nearest `size`. */
int lt_ledger_no_head_error(lt_vault *v, uint64_t size);

/* proof.c: an empty proof of `type` with room for the longest path. */
lt_ledger_proof *lt_ledger_proof_new(lt_proof_type type);

/* json.c: a tree head, an event, as JSON objects (NULL without memory). */
json_t *lt_ledger_head_json(const lt_tree_head *h);
json_t *lt_ledger_event_json(const lt_event *e);

/* json.c: append `doc` as indented JSON and release it (LT_ENOMEM when
 * doc is NULL). */
int lt_ledger_json_dump(lt_buf *out, json_t *doc);

#endif
