/*
 * proof.c - inclusion and consistency proofs of the vault's ledger
 * (ledger.h): built from O(log n) stored nodes inside one read
 * transaction, never handed out unless they verify, and checked offline
 * with the public key alone.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/ledger.h"
#include "ledger/ledger_internal.h"
#include "store/ledger.h"

lt_ledger_proof *lt_ledger_proof_new(lt_proof_type type)
{
	lt_ledger_proof *p = calloc(1, sizeof(*p));

	if (p && !(p->path = calloc(LT_MERKLE_MAX_PROOF, sizeof(lt_hash)))) {
		free(p);
		return NULL;
	}
	if (p)
		p->type = type;
	return p;
}

void lt_ledger_proof_free(lt_ledger_proof *p)
{
	if (!p)
		return;
	lt_buf_free(&p->entry);
	lt_event_clear(&p->event);
	free(p->path);
	free(p);
}

/* Copy event `seq`'s entry into the proof. */
static int proof_entry(void *ctx, const lt_store_event_row *row)
{
	lt_ledger_proof *p = ctx;

	return lt_ledger_entry_of_row(&p->entry, row, row->seq);
}

int lt_ledger_prove_inclusion(lt_ledger_proof **out, lt_vault *v, int64_t seq)
{
	lt_ledger_proof *p = NULL;
	lt_store_node_row leaf;
	int found, rc;

	*out = NULL;
	if (!(p = lt_ledger_proof_new(LT_PROOF_INCLUSION)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	if ((rc = lt_store_ledger_read_begin(v)))
		goto out;
	if ((rc = lt_ledger_public_key(p->public_key, v)) ||
	    (rc = lt_ledger_head(&p->head, v)) ||
	    (rc = lt_store_ledger_leaf_of_seq(v, seq, &leaf, &found)))
		goto end;
	if (!found) {
		rc = lt_error_set(LT_ENOTFOUND, "no ledger entry %lld (see "
				  "'leaktrace log')", (long long)seq);
		goto end;
	}
	if (leaf.well_formed &&
	    (rc = lt_store_ledger_event_get(v, seq, &found, proof_entry, p)))
		goto end;
	if (!leaf.well_formed || !found) {
		rc = lt_error_set(LT_EVAULT, "ledger entry %lld was deleted or its "
				  "leaf damaged (run 'leaktrace log verify')",
				  (long long)seq);
		goto end;
	}
	lt_merkle_leaf_hash(p->leaf_hash, p->entry.data, p->entry.len);
	if (sodium_memcmp(leaf.hash, p->leaf_hash, LT_HASH_BYTES) != 0) {
		rc = lt_error_set(LT_EVAULT, "ledger entry %lld was changed after it "
				  "was logged (run 'leaktrace log verify')",
				  (long long)seq);
		goto end;
	}
	if ((uint64_t)leaf.idx >= p->head.size) {
		rc = lt_error_set(LT_ENOTFOUND, "ledger entry %lld is not yet covered "
				  "by a signed tree head", (long long)seq);
		goto end;
	}
	if ((rc = lt_event_entry_parse(&p->event, p->entry.data, p->entry.len))) {
		rc = lt_error_set(LT_EVAULT, "ledger entry %lld cannot be serialised "
				  "(a field holds a NUL byte)", (long long)seq);
		goto end;
	}
	p->index = (uint64_t)leaf.idx;
	if ((rc = lt_merkle_inclusion_proof(p->path, &p->npath,
					    lt_ledger_node_source, v, p->index,
					    p->head.size)))
		goto end;
	/* Never hand out a proof that does not verify. */
	if (lt_merkle_verify_inclusion(p->index, p->head.size, p->leaf_hash,
				       p->path, p->npath, p->head.root) != LT_OK)
		rc = lt_error_set(LT_EVAULT, "the stored hashes do not lead to the "
				  "signed root (run 'leaktrace log verify')");
end:
	lt_store_ledger_read_end(v);
out:
	if (rc) {
		lt_ledger_proof_free(p);
		return rc;
	}
	*out = p;
	return LT_OK;
}

/* The signed head of `size` leaves, or an error naming the nearest. */
static int signed_head(lt_tree_head *out, lt_vault *v, uint64_t size)
{
	int rc = lt_ledger_read_head(out, v, size);

	return rc == LT_ENOTFOUND ? lt_ledger_no_head_error(v, size) : rc;
}

int lt_ledger_prove_consistency(lt_ledger_proof **out, lt_vault *v,
				uint64_t size1, uint64_t size2)
{
	lt_ledger_proof *p;
	int rc;

	*out = NULL;
	if (size1 == 0 || size1 > size2)
		return lt_error_set(LT_EUSAGE, "a consistency proof needs 0 < A <= B "
				    "(got %" PRIu64 " and %" PRIu64 ")", size1, size2);
	if (!(p = lt_ledger_proof_new(LT_PROOF_CONSISTENCY)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	if ((rc = lt_store_ledger_read_begin(v)))
		goto out;
	if ((rc = lt_ledger_public_key(p->public_key, v)))
		goto end;
	if ((rc = signed_head(&p->head1, v, size1)) ||
	    (rc = signed_head(&p->head2, v, size2)))
		goto end;
	if ((rc = lt_merkle_consistency_proof(p->path, &p->npath,
					      lt_ledger_node_source, v, size1,
					      size2)))
		goto end;
	if (lt_merkle_verify_consistency(size1, size2, p->path, p->npath,
					 p->head1.root, p->head2.root) != LT_OK)
		rc = lt_error_set(LT_EVAULT, "the stored hashes do not connect the "
				  "signed roots of sizes %" PRIu64 " and %" PRIu64
				  " (run 'leaktrace log verify')", size1, size2);
end:
	lt_store_ledger_read_end(v);
out:
	if (rc) {
		lt_ledger_proof_free(p);
		return rc;
	}
	*out = p;
	return LT_OK;
}


/* The leaf hash of `e`'s canonical entry, with `detail` in its place. */
static int event_leaf(lt_hash out, const lt_event *e, const char *detail)
{
	lt_event with = *e;
	lt_buf entry = {0};
	int rc;

	with.detail = (char *)detail;
	if ((rc = lt_event_entry(&entry, &with)) == LT_OK)
		lt_merkle_leaf_hash(out, entry.data, entry.len);
	lt_buf_free(&entry);
	return rc;
}

/* The name of the first field in which the event shown differs from the
 * signed entry, for messages. */
static const char *differing_field(const lt_ledger_proof *p)
{
	lt_event s;
	const char *what = "detail";

	if (lt_event_entry_parse(&s, p->entry.data, p->entry.len))
		return "entry";
	if (s.seq != p->event.seq)
		what = "seq";
	else if (strcmp(s.at, p->event.at ? p->event.at : ""))
		what = "at";
	else if (strcmp(s.kind, p->event.kind ? p->event.kind : ""))
		what = "kind";
	else if (!s.document != !p->event.document ||
		 (s.document && strcmp(s.document, p->event.document)))
		what = "document";
	lt_event_clear(&s);
	return what;
}

/*
 * Every field of the event as shown must be the signed one: its entry,
 * recomputed, hashes to the proven leaf.  A detail shown as a string
 * stands for that text or for its JSON encoding.
 */
static int check_event(const lt_ledger_proof *p, const lt_hash leaf)
{
	lt_hash h;
	char *quoted = NULL;
	int rc, same;

	if ((rc = event_leaf(h, &p->event, p->event.detail)))
		return rc;
	same = sodium_memcmp(h, leaf, LT_HASH_BYTES) == 0;
	if (!same && p->detail_is_text && p->event.detail) {
		json_t *j = json_string(p->event.detail);

		quoted = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
		json_decref(j);
		if (!quoted)
			return lt_error_set(LT_ENOMEM, "out of memory");
		rc = event_leaf(h, &p->event, quoted);
		free(quoted);
		if (rc)
			return rc;
		same = sodium_memcmp(h, leaf, LT_HASH_BYTES) == 0;
	}
	if (!same)
		return lt_error_set(LT_EINPUT, "the event shown is not the signed "
				    "entry: its '%s' was altered",
				    differing_field(p));
	return LT_OK;
}

int lt_ledger_proof_check(const lt_ledger_proof *p,
			  const unsigned char public_key[LT_SIGN_PUBLIC_BYTES])
{
	lt_hash leaf;
	int rc;

	if (sodium_memcmp(p->public_key, public_key, LT_SIGN_PUBLIC_BYTES) != 0)
		return lt_error_set(LT_EINPUT, "the proof was signed by another key "
				    "than the one given");
	if (p->type == LT_PROOF_CONSISTENCY) {
		if ((rc = lt_tree_head_verify(&p->head1, public_key)) ||
		    (rc = lt_tree_head_verify(&p->head2, public_key)))
			return rc;
		return lt_merkle_verify_consistency(p->head1.size, p->head2.size,
						    p->path, p->npath, p->head1.root,
						    p->head2.root);
	}
	if ((rc = lt_tree_head_verify(&p->head, public_key)))
		return rc;
	lt_merkle_leaf_hash(leaf, p->entry.data, p->entry.len);
	if (sodium_memcmp(leaf, p->leaf_hash, LT_HASH_BYTES) != 0)
		return lt_error_set(LT_EINPUT, "the entry does not hash to leaf_hash: "
				    "it was altered");
	if ((rc = check_event(p, leaf)))
		return rc;
	if (p->event.seq < 1 || (uint64_t)p->event.seq != p->index + 1)
		return lt_error_set(LT_EINPUT, "the entry is event %lld but the "
				    "proof is for leaf %" PRIu64 " (event %" PRIu64 ")",
				    (long long)p->event.seq, p->index, p->index + 1);
	return lt_merkle_verify_inclusion(p->index, p->head.size, leaf, p->path,
					  p->npath, p->head.root);
}

