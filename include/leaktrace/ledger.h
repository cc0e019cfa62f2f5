/*
 * ledger.h - the tamper-evident record of everything a vault did.
 *
 * Every state-changing command appends an event (register, issue, access,
 * sighting, trace, verify) to the vault's `events` table inside the same
 * transaction as its effect.  The ledger hashes the events into an
 * append-only Merkle tree exactly as RFC 6962 / RFC 9162 does (SHA-256;
 * leaf hash = SHA-256(0x00 || entry), interior node = SHA-256(0x01 ||
 * left || right), the largest power of two smaller than n splits a tree of
 * n leaves), and when the transaction commits it writes a signed tree
 * head: Ed25519 over the tree size, root and time, with a key kept in the
 * vault directory as `signing.key` (mode 0600, created on first use; the
 * public key is recorded in the vault and can be exported).  One
 * transaction costs one signature however many events it appended.
 *
 * Data flow:
 *   an event (liblt's commands; ledger/event.h) -> events row --(at
 *     commit)--> leaf + completed interior nodes + signed tree head
 *   events, leaves, nodes, heads --lt_ledger_verify--> problems, first named
 *   leaf + O(log n) stored nodes --lt_ledger_prove_*--> proof document
 *     --lt_ledger_proof_check (offline, public key only)--> valid or not
 *
 * The entry: the exact bytes hashed into leaf i are the canonical
 * serialisation of event seq = i + 1, in ASCII with length-prefixed fields
 * so that no two events share an entry:
 *
 *   "leaktrace event v1\n"
 *   "seq " DECIMAL "\n"
 *   "at " LEN ":" AT "\n"
 *   "kind " LEN ":" KIND "\n"
 *   "document " (LEN ":" DOCUMENT | "-") "\n"     ("-" when there is none)
 *   "detail " LEN ":" DETAIL "\n"
 *
 * where LEN is the decimal byte length of the field that follows the
 * colon and every field is copied byte for byte from the events row (the
 * detail is the stored JSON text, not re-formatted).  DECIMAL and LEN have
 * no sign and no leading zeros.
 *
 * The signed tree head: the signature is Ed25519 (detached) over
 *
 *   "leaktrace tree head v1\n" "size " DECIMAL "\n" "root " HEX64 "\n"
 *   "at " ISO8601 "\n"
 *
 * with the root in lower-case hex.
 *
 * Ownership: every `out` result is allocated by liblt and released with the
 * matching *_free function; strings inside results belong to the result.
 */
#ifndef LEAKTRACE_LEDGER_H
#define LEAKTRACE_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/buf.h"
#include "leaktrace/vault.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LT_HASH_BYTES 32
#define LT_SIGN_PUBLIC_BYTES 32
#define LT_SIGNATURE_BYTES 64
/* Longest proof for any tree of up to 2^64 leaves (consistency: 2*64). */
#define LT_MERKLE_MAX_PROOF 130

/* Event kinds written by leaktrace's commands. */
#define LT_EVENT_REGISTER "register"
#define LT_EVENT_ISSUE "issue"
#define LT_EVENT_ACCESS "access"
/* A scan finding; detail {"platform","channel","message","author",
 * "posted_at","url","similarity"}. */
#define LT_EVENT_SIGHTING "sighting"
#define LT_EVENT_TRACE "trace"
/* A verify result; detail {"verdict","changes"}. */
#define LT_EVENT_VERIFY "verify"
/* The author's decision on suggested marks (document.h); detail
 * {"decision": "approved"|"rejected", "suggestions": [N...], "slots":
 * [first slot of each suggestion's group...], "family": F (when the
 * decision was for a whole family)}. */
#define LT_EVENT_REVIEW "review"

typedef unsigned char lt_hash[LT_HASH_BYTES];

/* =====================================================================
 * Merkle tree (pure functions: no vault, no I/O)
 * =================================================================== */

/* SHA-256(0x00 || entry). */
void lt_merkle_leaf_hash(lt_hash out, const void *entry, size_t len);

/* SHA-256(0x01 || left || right). */
void lt_merkle_node_hash(lt_hash out, const lt_hash left, const lt_hash right);

/*
 * A source of perfect-subtree hashes: write to `out` the hash of the
 * complete subtree of height `level` at position `index`, i.e. of leaves
 * [index * 2^level, (index + 1) * 2^level).  Level 0 is the leaf hash.
 * Return LT_OK or an LT_E* code (which the caller passes on).
 */
typedef int (*lt_merkle_node_fn)(void *ctx, unsigned level, uint64_t index,
				 lt_hash out);

/*
 * Hash of the tree over leaves [start, start + size), where start is a
 * multiple of the largest power of two not above size (every subtree of an
 * RFC 6962 tree is).  Size 0 gives SHA-256 of the empty string.  Needs at
 * most 64 calls to `get`.
 */
int lt_merkle_subtree_hash(lt_hash out, lt_merkle_node_fn get, void *ctx,
			   uint64_t start, uint64_t size);

/*
 * The RFC 6962 inclusion proof (audit path) of leaf `index` in the tree of
 * `size` leaves, leaf side first, into proof[LT_MERKLE_MAX_PROOF];
 * *nproof gets its length.  LT_EUSAGE when index >= size.
 */
int lt_merkle_inclusion_proof(lt_hash *proof, size_t *nproof,
			      lt_merkle_node_fn get, void *ctx, uint64_t index,
			      uint64_t size);

/*
 * The RFC 6962 consistency proof between the trees of size1 and size2
 * leaves (0 < size1 <= size2) into proof[LT_MERKLE_MAX_PROOF].
 */
int lt_merkle_consistency_proof(lt_hash *proof, size_t *nproof,
				lt_merkle_node_fn get, void *ctx,
				uint64_t size1, uint64_t size2);

/*
 * Check that `leaf` is leaf `index` of the tree of `size` leaves whose root
 * is `root`, by RFC 9162 section 2.1.3.2.  LT_OK, or LT_EINPUT with a
 * message saying what did not hold.
 */
int lt_merkle_verify_inclusion(uint64_t index, uint64_t size, const lt_hash leaf,
			       const lt_hash *proof, size_t nproof,
			       const lt_hash root);

/*
 * Check that the tree of size1 leaves with root1 is a prefix of the tree
 * of size2 leaves with root2, by RFC 9162 section 2.1.4.2.  Equal sizes
 * need equal roots and an empty proof; size1 = 0 is refused (a proof from
 * the empty tree proves nothing).  LT_OK or LT_EINPUT.
 */
int lt_merkle_verify_consistency(uint64_t size1, uint64_t size2,
				 const lt_hash *proof, size_t nproof,
				 const lt_hash root1, const lt_hash root2);

/*
 * The right edge of a tree being built leaf by leaf (a compact range):
 * hash[l] is the root of the complete subtree of height l that ends the
 * tree, for every bit l set in size.  Zero-initialise for the empty tree.
 */
typedef struct lt_merkle_frontier {
	uint64_t size;
	lt_hash hash[64];
} lt_merkle_frontier;

/* Called with every node a push completes: the leaf itself (level 0) and
 * each interior node it closes. */
typedef int (*lt_merkle_emit_fn)(void *ctx, unsigned level, uint64_t index,
				 const lt_hash hash);

/* Append a leaf hash; `emit` may be NULL. */
int lt_merkle_frontier_push(lt_merkle_frontier *f, const lt_hash leaf,
			    lt_merkle_emit_fn emit, void *ctx);

/* The root of the tree built so far. */
void lt_merkle_frontier_root(const lt_merkle_frontier *f, lt_hash out);

/* Rebuild the frontier of a tree of `size` leaves from stored nodes
 * (popcount(size) calls to `get`). */
int lt_merkle_frontier_load(lt_merkle_frontier *f, uint64_t size,
			    lt_merkle_node_fn get, void *ctx);

/* =====================================================================
 * Events and their canonical entries
 * =================================================================== */

typedef struct lt_event {
	int64_t seq;
	char *at;       /* when it was recorded, ISO 8601 UTC */
	char *kind;
	char *document; /* NULL when the event concerns no document */
	char *detail;   /* JSON text */
} lt_event;

/* Append the canonical entry of `e` (see the top of this file) to `out`. */
int lt_event_entry(lt_buf *out, const lt_event *e);

/*
 * Parse an entry back into `out` (fields allocated; release with
 * lt_event_clear).  LT_EINPUT when the bytes are not exactly one canonical
 * entry.
 */
int lt_event_entry_parse(lt_event *out, const void *entry, size_t len);

/* Free the strings of `e` and zero it. */
void lt_event_clear(lt_event *e);

/* =====================================================================
 * Signed tree heads
 * =================================================================== */

typedef struct lt_tree_head {
	uint64_t size;
	lt_hash root;
	char at[32]; /* ISO 8601 UTC */
	unsigned char signature[LT_SIGNATURE_BYTES];
} lt_tree_head;

/* Append the signed message of `h` (see the top of this file). */
int lt_tree_head_message(lt_buf *out, const lt_tree_head *h);

/* LT_OK when h->signature is valid for `public_key`, else LT_EINPUT. */
int lt_tree_head_verify(const lt_tree_head *h,
			const unsigned char public_key[LT_SIGN_PUBLIC_BYTES]);

/* =====================================================================
 * The ledger of a vault
 * =================================================================== */

/* The latest signed tree head.  LT_ENOTFOUND when nothing was logged. */
int lt_ledger_head(lt_tree_head *out, lt_vault *v);

/* The vault's ledger public key.  LT_ENOTFOUND when nothing was signed. */
int lt_ledger_public_key(unsigned char out[LT_SIGN_PUBLIC_BYTES], lt_vault *v);

/*
 * Sign `len` bytes of `msg` with the vault's Ed25519 key (the key that signs
 * tree heads) and give its public half.  Inside a write transaction a
 * vault that never signed gets its key; outside one that is LT_ENOTFOUND.
 */
int lt_ledger_sign(unsigned char sig[LT_SIGNATURE_BYTES],
		   unsigned char pk[LT_SIGN_PUBLIC_BYTES], lt_vault *v,
		   const void *msg, size_t len);

/*
 * Events with seq >= from_seq, in order, at most `limit` (0: all).
 * Release with lt_events_free.
 */
int lt_ledger_events(lt_event **out, size_t *n, lt_vault *v, int64_t from_seq,
		     size_t limit);
void lt_events_free(lt_event *e, size_t n);

/*
 * Append the document `leaktrace log --json` prints: {"size", "tree_head"
 * (null when `head` is NULL), "events": [{"seq", "at", "kind",
 * "document", "detail"}]}, the detail parsed when it is JSON.  Indented
 * JSON without a final newline.
 */
int lt_ledger_events_json(lt_buf *out, const lt_event *events, size_t n,
			  const lt_tree_head *head);

typedef enum lt_ledger_problem_kind {
	LT_PROBLEM_CHANGED,     /* an entry's content differs from its leaf */
	LT_PROBLEM_DELETED,     /* a logged entry is gone */
	LT_PROBLEM_REORDERED,   /* two entries swapped places */
	LT_PROBLEM_INSERTED,    /* an entry that was never logged */
	LT_PROBLEM_UNSIGNED,    /* logged entries no tree head covers */
	LT_PROBLEM_HEAD_FORGED, /* a tree head whose signature fails */
	LT_PROBLEM_HEAD_MISMATCH, /* a signed root the entries no longer give */
	LT_PROBLEM_NODE,        /* a stored hash proofs rely on is wrong */
	LT_PROBLEM_KEY,         /* the signing key does not match the vault */
	LT_PROBLEM_UNLOGGED,    /* a document, copy or sighting whose event
				   is gone (or that was added by hand) */
	LT_PROBLEM_SINCE_HEAD   /* the ledger does not extend a tree head
				   signed earlier: cut back or rewritten */
} lt_ledger_problem_kind;

/* A short name for a problem kind, e.g. "changed". */
const char *lt_ledger_problem_name(lt_ledger_problem_kind k);

typedef struct lt_ledger_problem {
	lt_ledger_problem_kind kind;
	int64_t seq;       /* entry concerned (0 when none) */
	uint64_t size;     /* tree head concerned (0 when none) */
	char *message;     /* one sentence naming what is wrong */
} lt_ledger_problem;

typedef struct lt_ledger_report {
	uint64_t entries;    /* events in the vault */
	uint64_t leaves;     /* entries logged in the tree */
	uint64_t heads;      /* signed tree heads */
	lt_hash root;        /* root recomputed from the entries */
	int has_head;
	lt_tree_head head;   /* latest signed tree head */
	lt_ledger_problem *problems; /* in log order; the first is named first */
	size_t nproblems;
	size_t problems_dropped; /* found beyond the kept ones */
} lt_ledger_report;

/*
 * Recompute every entry's leaf, every stored node and every signed tree
 * head from the events themselves and check the signatures.  Returns
 * LT_OK when the check ran (the report says whether it passed: nproblems
 * == 0), or an error when it could not run.  Release with
 * lt_ledger_report_free.
 */
int lt_ledger_verify(lt_ledger_report **out, lt_vault *v);

/*
 * lt_ledger_verify, cross-checked too against the vault's other records
 * (every document needs its register event, every copy the issue event
 * naming it and its recipient, every sighting its sighting event: those
 * missing are LT_PROBLEM_UNLOGGED), and, when `since` is not NULL, against
 * a signed tree head saved earlier: its signature must verify with the
 * vault's public key, the vault's entries must still give its root for
 * its first since->size leaves, and the stored tree must prove the latest
 * signed head consistent with it (LT_PROBLEM_SINCE_HEAD otherwise).  A
 * ledger cut back or rewritten and signed again after `since` was saved
 * fails, although by itself it would verify.
 */
int lt_ledger_verify_since(lt_ledger_report **out, lt_vault *v,
			   const lt_tree_head *since);
void lt_ledger_report_free(lt_ledger_report *r);

/*
 * Append a signed tree head as the JSON object {"size", "root", "at",
 * "signature"} (what `leaktrace log head` prints; indented, no final
 * newline).
 */
int lt_tree_head_to_json(lt_buf *out, const lt_tree_head *h);

/*
 * Parse a saved signed tree head: the object lt_tree_head_to_json writes,
 * or a document holding one as "tree_head" (`leaktrace log --json`, an
 * inclusion proof).  The head itself may hold no other field.  `name` (a
 * file name) prefixes messages; LT_EINPUT naming what is wrong.  The
 * signature is not checked here.
 */
int lt_tree_head_parse(lt_tree_head *out, const char *text, size_t len,
		       const char *name);

/*
 * Append the document `leaktrace log verify --json` prints: {"verified",
 * "entries", "leaves", "tree_heads", "root", "tree_head", "problems":
 * [{"kind", "seq", "size", "message"}], "problems_not_shown"}.  Indented
 * JSON without a final newline.
 */
int lt_ledger_report_json(lt_buf *out, const lt_ledger_report *r);

/* =====================================================================
 * Proofs, self-contained and checkable offline
 * =================================================================== */

typedef enum lt_proof_type {
	LT_PROOF_INCLUSION,
	LT_PROOF_CONSISTENCY
} lt_proof_type;

typedef struct lt_ledger_proof {
	lt_proof_type type;
	/* inclusion */
	lt_buf entry;       /* the exact leaf entry bytes */
	lt_event event;     /* the event as the proof shows it (its entry
			       must hash to leaf_hash: lt_ledger_proof_check) */
	int detail_is_text; /* the event's detail was shown as a JSON string:
			       the entry holds that text or its JSON encoding */
	uint64_t index;     /* leaf index (seq - 1) */
	lt_hash leaf_hash;
	lt_tree_head head;  /* head the proof leads to (size = tree size) */
	/* consistency */
	lt_tree_head head1, head2; /* sizes size1 <= size2 */
	/* both */
	lt_hash *path;
	size_t npath;
	unsigned char public_key[LT_SIGN_PUBLIC_BYTES];
} lt_ledger_proof;

/*
 * Inclusion proof of the event `seq` against the latest signed tree head
 * (O(log n) reads).  LT_ENOTFOUND when no such entry is logged.
 */
int lt_ledger_prove_inclusion(lt_ledger_proof **out, lt_vault *v, int64_t seq);

/*
 * Consistency proof between the signed tree heads of sizes size1 and
 * size2.  LT_ENOTFOUND (naming the nearest signed sizes) when either size
 * has no signed head.
 */
int lt_ledger_prove_consistency(lt_ledger_proof **out, lt_vault *v,
				uint64_t size1, uint64_t size2);

void lt_ledger_proof_free(lt_ledger_proof *p);

/* Append the proof document (JSON, format "leaktrace-proof-v1"). */
int lt_ledger_proof_to_json(lt_buf *out, const lt_ledger_proof *p);

/*
 * Parse a proof document of `len` bytes; `name` (a file name) prefixes
 * error messages.  Every field is one the signature or the leaf covers:
 * an unknown field anywhere (at the top, in "event" or in a tree head) and
 * a missing "event" are LT_EINPUT, naming the field.
 */
int lt_ledger_proof_parse(lt_ledger_proof **out, const char *text, size_t len,
			  const char *name);

/*
 * Check a proof offline: its signature(s) with `public_key`, the entry's
 * leaf hash, the event as shown (its canonical entry, recomputed, must be
 * the proven leaf: every field of it is signed), and the path.  LT_OK, or
 * LT_EINPUT saying what failed.
 */
int lt_ledger_proof_check(const lt_ledger_proof *p,
			  const unsigned char public_key[LT_SIGN_PUBLIC_BYTES]);

/*
 * Read a public key given as 64 hex digits, or as the path of a file
 * holding them (or the 32 raw bytes).  LT_EINPUT when it is neither.
 */
int lt_public_key_parse(unsigned char out[LT_SIGN_PUBLIC_BYTES], const char *arg);

#ifdef __cplusplus
}
#endif
#endif
