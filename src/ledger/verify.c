/*
 * verify.c - checking the whole ledger (lt_ledger_verify, ledger.h):
 * every event's entry against its logged leaf, every stored interior node
 * against the leaves below it, and every signed tree head's signature and
 * root against the entries of today, naming each kind of tampering.
 */
#define _GNU_SOURCE /* vasprintf */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/ledger.h"
#include "ledger/ledger_internal.h"
#include "store/ledger.h"

#define MAX_PROBLEMS 100

const char *lt_ledger_problem_name(lt_ledger_problem_kind k)
{
	switch (k) {
	case LT_PROBLEM_CHANGED: return "changed";
	case LT_PROBLEM_DELETED: return "deleted";
	case LT_PROBLEM_REORDERED: return "reordered";
	case LT_PROBLEM_INSERTED: return "inserted";
	case LT_PROBLEM_UNSIGNED: return "unsigned";
	case LT_PROBLEM_HEAD_FORGED: return "forged-head";
	case LT_PROBLEM_HEAD_MISMATCH: return "head-mismatch";
	case LT_PROBLEM_NODE: return "node";
	case LT_PROBLEM_UNLOGGED: return "unlogged";
	case LT_PROBLEM_SINCE_HEAD: return "since-head";
	default: return "key";
	}
}

typedef struct verify_state {
	lt_vault *v;
	lt_ledger_report *r;
	/* events, in seq order */
	int64_t *ev_seq;
	lt_hash *ev_hash;
	size_t nev, evcap;
	lt_buf entry;
	/* leaves, by idx */
	int64_t *lf_seq;
	lt_hash *lf_hash;
	unsigned char *lf_present;
	size_t nlf;
	/* interior nodes recomputed from the stored leaves */
	lt_hash *nodes[64];
	uint64_t nnodes[64];
	uint64_t nodes_seen;
	int node_reported;
	/* tree heads, in size order */
	const lt_hash *now;     /* leaf hashes the entries give today */
	unsigned char pk[LT_SIGN_PUBLIC_BYTES];
	int have_pk;
	lt_merkle_frontier f;
	uint64_t prev_ok, last_size;
	int mismatch_reported;
} verify_state;

static int problem(verify_state *s, lt_ledger_problem_kind kind, int64_t seq,
		   uint64_t size, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int problem(verify_state *s, lt_ledger_problem_kind kind, int64_t seq,
		   uint64_t size, const char *fmt, ...)
{
	lt_ledger_report *r = s->r;
	lt_ledger_problem *p;
	va_list ap;
	char *msg;
	int n;

	if (r->nproblems >= MAX_PROBLEMS) {
		r->problems_dropped++;
		return LT_OK;
	}
	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		return lt_error_set(LT_ENOMEM, "out of memory");
	p = &r->problems[r->nproblems++];
	p->kind = kind;
	p->seq = seq;
	p->size = size;
	p->message = msg;
	return LT_OK;
}

/* Record one event's seq and recomputed leaf hash. */
static int load_event(void *ctx, const lt_store_event_row *row)
{
	verify_state *s = ctx;
	int rc;

	if (s->nev == s->evcap) {
		size_t nc = s->evcap ? s->evcap * 2 : 1024;
		int64_t *a = realloc(s->ev_seq, nc * sizeof(*a));
		lt_hash *b;

		if (a)
			s->ev_seq = a;
		b = a ? realloc(s->ev_hash, nc * sizeof(*b)) : NULL;
		if (!b)
			return lt_error_set(LT_ENOMEM, "out of memory");
		s->ev_hash = b;
		s->evcap = nc;
	}
	lt_buf_clear(&s->entry);
	if ((rc = lt_ledger_entry_of_row(&s->entry, row, row->seq)))
		return rc;
	s->ev_seq[s->nev] = row->seq;
	lt_merkle_leaf_hash(s->ev_hash[s->nev], s->entry.data, s->entry.len);
	s->nev++;
	return LT_OK;
}

/* Load every event's seq and recomputed leaf hash. */
static int load_events(verify_state *s)
{
	return lt_store_ledger_events_each(s->v, INT64_MIN, 0, load_event, s);
}

/* Record one leaf (rows outside the tree's size are ignored). */
static int load_leaf(void *ctx, const lt_store_node_row *row)
{
	verify_state *s = ctx;

	if (row->idx < 0 || (uint64_t)row->idx >= s->nlf)
		return LT_OK;
	s->lf_seq[row->idx] = row->seq;
	if (row->well_formed) {
		memcpy(s->lf_hash[row->idx], row->hash, LT_HASH_BYTES);
		s->lf_present[row->idx] = 1;
	} else {
		s->lf_present[row->idx] = 2; /* malformed */
	}
	return LT_OK;
}

static int load_leaves(verify_state *s)
{
	uint64_t size;
	int64_t last;
	int rc;

	if ((rc = lt_store_ledger_tree_size(s->v, &size, &last)))
		return rc;
	if (size > ((uint64_t)1 << 40))
		return lt_error_set(LT_EVAULT, "the ledger is damaged: a leaf index "
				    "of %" PRIu64, size - 1);
	s->nlf = (size_t)size;
	s->lf_seq = calloc(s->nlf + 1, sizeof(*s->lf_seq));
	s->lf_hash = calloc(s->nlf + 1, sizeof(*s->lf_hash));
	s->lf_present = calloc(s->nlf + 1, 1);
	if (!s->lf_seq || !s->lf_hash || !s->lf_present)
		return lt_error_set(LT_ENOMEM, "out of memory");
	return lt_store_ledger_leaves_each(s->v, load_leaf, s);
}

typedef struct rehash {
	int64_t as_seq;
	lt_hash out;
} rehash;

static int rehash_event(void *ctx, const lt_store_event_row *row)
{
	rehash *h = ctx;
	lt_buf entry = {0};
	int rc = lt_ledger_entry_of_row(&entry, row, h->as_seq);

	if (rc == LT_OK)
		lt_merkle_leaf_hash(h->out, entry.data, entry.len);
	lt_buf_free(&entry);
	return rc;
}

/* The entry hash of event `seq` as if it carried `as_seq` instead. */
static int hash_with_seq(verify_state *s, int64_t seq, int64_t as_seq,
			 lt_hash out)
{
	rehash h = {as_seq, {0}};
	int found, rc;

	if ((rc = lt_store_ledger_event_get(s->v, seq, &found, rehash_event, &h)))
		return rc;
	if (!found)
		return lt_error_set(LT_ENOTFOUND, "no event %lld", (long long)seq);
	memcpy(out, h.out, LT_HASH_BYTES);
	return LT_OK;
}

typedef struct description {
	char *out;
	size_t outlen;
} description;

static int describe_event(void *ctx, const lt_store_event_row *row)
{
	description *d = ctx;

	snprintf(d->out, d->outlen, "entry %lld (%s%s%s, now dated %s)",
		 (long long)row->seq, row->kind ? row->kind : "?",
		 row->document ? " of " : "", row->document ? row->document : "",
		 row->at ? row->at : "?");
	return LT_OK;
}

/* A short description of event `seq` for messages: "issue of memo at T". */
static void describe(verify_state *s, int64_t seq, char *out, size_t outlen)
{
	description d = {out, outlen};
	int found;

	snprintf(out, outlen, "entry %lld", (long long)seq);
	lt_store_ledger_event_get(s->v, seq, &found, describe_event, &d);
}

/* Compare events with the leaves logged for them; fill `now` with the
 * leaf hashes the entries give today. */
static int check_entries(verify_state *s, lt_hash *now)
{
	size_t i, j = 0;
	char what[256];
	int rc = LT_OK;

	for (i = 0; i < s->nlf && rc == LT_OK; i++) {
		int64_t seq = s->lf_seq[i];

		if (s->lf_present[i] != 1) {
			rc = problem(s, LT_PROBLEM_NODE, 0, 0, "the leaf record of "
				     "position %zu is missing or malformed", i);
			memset(now[i], 0, LT_HASH_BYTES);
			continue;
		}
		while (j < s->nev && s->ev_seq[j] < seq && rc == LT_OK) {
			describe(s, s->ev_seq[j], what, sizeof(what));
			rc = problem(s, LT_PROBLEM_INSERTED, s->ev_seq[j], 0,
				     "%s was never logged: it was inserted into the "
				     "events table by hand", what);
			j++;
		}
		if (rc)
			break;
		if (j >= s->nev || s->ev_seq[j] > seq) {
			rc = problem(s, LT_PROBLEM_DELETED, seq, 0, "entry %lld (leaf "
				     "%zu) was deleted", (long long)seq, i);
			memcpy(now[i], s->lf_hash[i], LT_HASH_BYTES);
			continue;
		}
		memcpy(now[i], s->ev_hash[j], LT_HASH_BYTES);
		if (sodium_memcmp(s->ev_hash[j], s->lf_hash[i], LT_HASH_BYTES) == 0) {
			j++;
			continue;
		}
		/* Two neighbours that traded places (contents swapped
		 * between their seq numbers)? */
		if (i + 1 < s->nlf && j + 1 < s->nev && s->lf_present[i + 1] == 1 &&
		    s->ev_seq[j + 1] == s->lf_seq[i + 1]) {
			lt_hash a, b;

			if (hash_with_seq(s, seq, s->lf_seq[i + 1], a) == LT_OK &&
			    hash_with_seq(s, s->lf_seq[i + 1], seq, b) == LT_OK &&
			    !sodium_memcmp(a, s->lf_hash[i + 1], LT_HASH_BYTES) &&
			    !sodium_memcmp(b, s->lf_hash[i], LT_HASH_BYTES)) {
				rc = problem(s, LT_PROBLEM_REORDERED, seq, 0,
					     "entries %lld and %lld were reordered: "
					     "each now holds what the other held "
					     "when it was logged", (long long)seq,
					     (long long)s->lf_seq[i + 1]);
				memcpy(now[i + 1], s->ev_hash[j + 1], LT_HASH_BYTES);
				i++;
				j += 2;
				continue;
			}
		}
		describe(s, seq, what, sizeof(what));
		rc = problem(s, LT_PROBLEM_CHANGED, seq, 0, "%s was changed after it "
			     "was logged: it no longer hashes to its leaf", what);
		j++;
	}
	for (; j < s->nev && rc == LT_OK; j++) {
		describe(s, s->ev_seq[j], what, sizeof(what));
		rc = problem(s, LT_PROBLEM_INSERTED, s->ev_seq[j], 0,
			     "%s is not in the Merkle tree: it was added by hand "
			     "or its leaf was removed", what);
	}
	return rc;
}

static int collect_node(void *ctx, unsigned level, uint64_t index,
			const lt_hash hash)
{
	verify_state *s = ctx;

	if (level == 0)
		return LT_OK;
	if (index >= s->nnodes[level])
		return lt_error_set(LT_EINTERNAL, "verify: node index out of range");
	memcpy(s->nodes[level][index], hash, LT_HASH_BYTES);
	return LT_OK;
}

/* One stored interior node against the one the leaves give. */
static int check_node(void *ctx, const lt_store_node_row *row)
{
	verify_state *s = ctx;
	int bad;

	if (row->level < 1 || row->level > 63 || row->idx < 0 ||
	    (uint64_t)row->idx >= s->nnodes[row->level]) {
		bad = 1;
	} else {
		s->nodes_seen++;
		bad = !row->well_formed ||
		      memcmp(row->hash, s->nodes[row->level][row->idx],
			     LT_HASH_BYTES) != 0;
	}
	if (!bad || s->node_reported)
		return LT_OK;
	s->node_reported = 1;
	return problem(s, LT_PROBLEM_NODE, 0, 0, "the stored hash of subtree "
		       "(level %lld, index %lld) does not match the leaves below "
		       "it; proofs through it would fail", (long long)row->level,
		       (long long)row->idx);
}

/* Stored interior nodes against those the stored leaves give. */
static int check_nodes(verify_state *s)
{
	lt_merkle_frontier f = {0};
	uint64_t expected = 0;
	unsigned l;
	int rc;

	for (l = 1; l < 64; l++) {
		s->nnodes[l] = (uint64_t)s->nlf >> l;
		expected += s->nnodes[l];
		if (s->nnodes[l] &&
		    !(s->nodes[l] = malloc(s->nnodes[l] * sizeof(lt_hash))))
			return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < s->nlf; i++)
		if ((rc = lt_merkle_frontier_push(&f, s->lf_hash[i], collect_node, s)))
			return rc;
	if ((rc = lt_store_ledger_nodes_each(s->v, check_node, s)))
		return rc;
	if (s->nodes_seen != expected && !s->node_reported)
		return problem(s, LT_PROBLEM_NODE, 0, 0, "%" PRIu64 " of the %" PRIu64
			       " stored subtree hashes are missing",
			       expected - s->nodes_seen, expected);
	return LT_OK;
}

/* The key file, when present, must be the recorded key's. */
static int check_key_file(verify_state *s)
{
	unsigned char sk[crypto_sign_SECRETKEYBYTES], fpk[32];
	char *path = lt_ledger_key_path(s->v);
	int rc;

	if (!path)
		return lt_error_set(LT_ENOMEM, "out of memory");
	rc = lt_ledger_read_key(path, sk);
	if (rc == LT_OK) {
		crypto_sign_ed25519_sk_to_pk(fpk, sk);
		sodium_memzero(sk, sizeof(sk));
		if (s->have_pk && memcmp(fpk, s->pk, sizeof(s->pk)) != 0)
			rc = problem(s, LT_PROBLEM_KEY, 0, 0, "%s is not the key "
				     "whose public half the vault recorded", path);
	} else if (rc != 1) {
		rc = problem(s, LT_PROBLEM_KEY, 0, 0, "%s", lt_error_message());
	} else {
		rc = LT_OK;
	}
	free(path);
	return rc;
}

/* One signed head: its signature, and its root against today's entries. */
static int check_head(void *ctx, const lt_store_head_row *row)
{
	verify_state *s = ctx;
	const lt_tree_head *h = &row->head;
	lt_ledger_report *r = s->r;
	lt_hash root;
	int rc;

	r->heads++;
	s->last_size = h->size;
	if (!s->have_pk) {
		s->have_pk = -1;
		if ((rc = problem(s, LT_PROBLEM_KEY, 0, h->size, "the vault has "
				  "signed tree heads but no recorded public key")))
			return rc;
	}
	if (!row->well_formed ||
	    (s->have_pk == 1 && lt_tree_head_verify(h, s->pk)))
		return problem(s, LT_PROBLEM_HEAD_FORGED, 0, h->size, "the tree head "
			       "of size %" PRIu64 " (dated %s) is forged or "
			       "altered: its signature does not verify", h->size,
			       h->at);
	if (h->size > s->nlf)
		return problem(s, LT_PROBLEM_DELETED, 0, h->size, "the tree head of "
			       "size %" PRIu64 " covers entries that are no longer "
			       "logged (the log was cut to %zu)", h->size, s->nlf);
	while (s->f.size < h->size)
		if ((rc = lt_merkle_frontier_push(&s->f, s->now[s->f.size], NULL,
						  NULL)))
			return rc;
	lt_merkle_frontier_root(&s->f, root);
	if (sodium_memcmp(root, h->root, LT_HASH_BYTES) == 0) {
		s->prev_ok = h->size;
		r->has_head = 1;
		r->head = *h;
	} else if (!s->mismatch_reported) {
		s->mismatch_reported = 1;
		return problem(s, LT_PROBLEM_HEAD_MISMATCH, 0, h->size, "the entries "
			       "no longer give the root signed at size %" PRIu64
			       " (dated %s): one of entries %" PRIu64 "-%" PRIu64
			       " was altered together with its stored hashes",
			       h->size, h->at, s->prev_ok + 1, h->size);
	}
	return LT_OK;
}

/* Every signed head: signature, and root against the entries of today. */
static int check_heads(verify_state *s, const lt_hash *now)
{
	char hex[65];
	int rc;

	if ((rc = lt_store_ledger_public_key_get(s->v, hex)))
		return rc;
	s->have_pk = hex[0] && lt_ledger_hex_decode(s->pk, sizeof(s->pk), hex) == 0;
	s->now = now;
	if ((rc = check_key_file(s)) ||
	    (rc = lt_store_ledger_heads_each(s->v, check_head, s)))
		return rc;
	if (s->last_size < s->nlf)
		return problem(s, LT_PROBLEM_UNSIGNED,
			       (int64_t)s->lf_seq[s->last_size], 0, "entries from "
			       "leaf %" PRIu64 " on (%zu of them) are in the tree "
			       "but no signed tree head covers them", s->last_size,
			       s->nlf - (size_t)s->last_size);
	return LT_OK;
}

/* One record whose event is missing. */
static int unlogged_record(void *ctx, const lt_store_unlogged_row *row)
{
	verify_state *s = ctx;
	const char *at = row->at ? row->at : "?";

	if (!strcmp(row->what, "document"))
		return problem(s, LT_PROBLEM_UNLOGGED, 0, 0, "document %s "
			       "(registered %s) has no register event in the "
			       "ledger: its event was deleted, or it was added "
			       "by hand", row->id, at);
	if (!strcmp(row->what, "copy"))
		return problem(s, LT_PROBLEM_UNLOGGED, 0, 0, "copy %s of %s (to "
			       "%s, issued %s) has no issue event naming it and "
			       "its recipient: its event was deleted, or the copy "
			       "was added or reassigned by hand", row->id,
			       row->document, row->party ? row->party : "?", at);
	if (!strcmp(row->what, "decision"))
		return problem(s, LT_PROBLEM_UNLOGGED, 0, 0, row->party
			       ? "the decision on slot group %s of %s (%s, "
				 "recorded %s) is not the one the last review "
				 "event naming it records: it was recorded or "
				 "changed by hand"
			       : "slot group %s of %s has no decision recorded "
				 "though a review event (%s%s) names it: its "
				 "decision was deleted by hand",
			       row->id, row->document,
			       row->party ? row->party : "at ", at);
	return problem(s, LT_PROBLEM_UNLOGGED, 0, 0, "sighting %s of %s (on %s, "
		       "recorded %s) has no sighting event in the ledger: its "
		       "event was deleted, or it was added or edited by hand",
		       row->id, row->document, row->party ? row->party : "?", at);
}

/*
 * The ledger against a tree head signed earlier: signed with this vault's
 * key, its root still given by the first since->size entries of today,
 * and the latest signed head provably consistent with it.
 */
static int check_since(verify_state *s, const lt_tree_head *since,
		       const lt_hash *now)
{
	lt_ledger_report *r = s->r;
	lt_merkle_frontier f = {0};
	lt_hash root, *path;
	size_t npath;
	int rc;

	if (s->have_pk != 1)
		return problem(s, LT_PROBLEM_SINCE_HEAD, 0, since->size, "the saved "
			       "tree head cannot be checked: the vault records no "
			       "public key");
	if (lt_tree_head_verify(since, s->pk))
		return problem(s, LT_PROBLEM_SINCE_HEAD, 0, since->size, "the saved "
			       "tree head (size %" PRIu64 ", signed %s) does not "
			       "verify with the vault's public key: the vault's "
			       "key was replaced, or the head is not this vault's",
			       since->size, since->at);
	if (since->size > s->nlf)
		return problem(s, LT_PROBLEM_SINCE_HEAD, 0, since->size, "the ledger "
			       "was cut back: the saved tree head signed %s covers "
			       "%" PRIu64 " entries but the vault now logs only %zu",
			       since->at, since->size, s->nlf);
	for (uint64_t i = 0; i < since->size; i++)
		if ((rc = lt_merkle_frontier_push(&f, now[i], NULL, NULL)))
			return rc;
	lt_merkle_frontier_root(&f, root);
	if (sodium_memcmp(root, since->root, LT_HASH_BYTES) != 0)
		return problem(s, LT_PROBLEM_SINCE_HEAD, 0, since->size, "the ledger "
			       "was rewritten: its first %" PRIu64 " entries no "
			       "longer give the root of the saved tree head signed "
			       "%s (entries were altered, removed or added, and the "
			       "log signed again)", since->size, since->at);
	if (!r->has_head || r->head.size < since->size)
		return problem(s, LT_PROBLEM_SINCE_HEAD, 0, since->size, "no valid "
			       "signed tree head of the vault reaches the saved one "
			       "(size %" PRIu64 ", signed %s): the heads were cut "
			       "back", since->size, since->at);
	if (!(path = calloc(LT_MERKLE_MAX_PROOF, sizeof(*path))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	rc = lt_merkle_consistency_proof(path, &npath, lt_ledger_node_source,
					 s->v, since->size, r->head.size);
	if (rc == LT_OK &&
	    lt_merkle_verify_consistency(since->size, r->head.size, path, npath,
					 since->root, r->head.root) != LT_OK)
		rc = LT_EINPUT;
	free(path);
	if (rc == LT_ENOMEM)
		return rc;
	if (rc)
		return problem(s, LT_PROBLEM_SINCE_HEAD, 0, since->size, "the stored "
			       "hashes give no consistency proof from the saved tree "
			       "head (size %" PRIu64 ") to the latest one (size %"
			       PRIu64 ")", since->size, r->head.size);
	return LT_OK;
}

int lt_ledger_verify(lt_ledger_report **out, lt_vault *v)
{
	return lt_ledger_verify_since(out, v, NULL);
}

int lt_ledger_verify_since(lt_ledger_report **out, lt_vault *v,
			   const lt_tree_head *since)
{
	verify_state s = {0};
	lt_hash *now = NULL;
	lt_merkle_frontier f = {0};
	int rc;

	*out = NULL;
	s.v = v;
	if (!(s.r = calloc(1, sizeof(*s.r))) ||
	    !(s.r->problems = calloc(MAX_PROBLEMS, sizeof(lt_ledger_problem)))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	/* One read transaction: a consistent snapshot. */
	if ((rc = lt_store_ledger_read_begin(v)))
		goto out;
	if ((rc = load_events(&s)) || (rc = load_leaves(&s)))
		goto end;
	if (!(now = calloc(s.nlf + 1, sizeof(*now)))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto end;
	}
	if ((rc = check_entries(&s, now)) || (rc = check_nodes(&s)) ||
	    (rc = check_heads(&s, now)) ||
	    (rc = lt_store_ledger_unlogged_each(v, unlogged_record, &s)) ||
	    (since && (rc = check_since(&s, since, now))))
		goto end;
	for (size_t i = 0; i < s.nlf; i++)
		if ((rc = lt_merkle_frontier_push(&f, now[i], NULL, NULL)))
			goto end;
	lt_merkle_frontier_root(&f, s.r->root);
	s.r->entries = s.nev;
	s.r->leaves = s.nlf;
end:
	lt_store_ledger_read_end(v);
out:
	lt_buf_free(&s.entry);
	free(s.ev_seq);
	free(s.ev_hash);
	free(s.lf_seq);
	free(s.lf_hash);
	free(s.lf_present);
	for (int l = 0; l < 64; l++)
		free(s.nodes[l]);
	free(now);
	if (rc) {
		lt_ledger_report_free(s.r);
		return rc;
	}
	*out = s.r;
	return LT_OK;
}

void lt_ledger_report_free(lt_ledger_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; r->problems && i < r->nproblems; i++)
		free(r->problems[i].message);
	free(r->problems);
	free(r);
}
