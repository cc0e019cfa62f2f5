/*
 * merkle.c - RFC 6962 Merkle tree hashing, inclusion and consistency
 * proofs and their verifiers (ledger.h).
 *
 * Pure functions: hashes come in through a callback that yields the hash
 * of any complete (perfect) subtree, so that a store keeping those hashes
 * can produce any root or proof with O(log n) reads.  The verifiers follow
 * RFC 9162 sections 2.1.3.2 and 2.1.4.2 step by step.
 */
#include <string.h>

#include <sodium.h>

#include "leaktrace/error.h"
#include "leaktrace/ledger.h"

/* ---------------------------------------------------------------------
 * Hashing
 * ------------------------------------------------------------------- */

void lt_merkle_leaf_hash(lt_hash out, const void *entry, size_t len)
{
	crypto_hash_sha256_state st;
	static const unsigned char prefix = 0x00;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, &prefix, 1);
	crypto_hash_sha256_update(&st, entry, len);
	crypto_hash_sha256_final(&st, out);
}

void lt_merkle_node_hash(lt_hash out, const lt_hash left, const lt_hash right)
{
	unsigned char buf[1 + 2 * LT_HASH_BYTES];

	buf[0] = 0x01;
	memcpy(buf + 1, left, LT_HASH_BYTES);
	memcpy(buf + 1 + LT_HASH_BYTES, right, LT_HASH_BYTES);
	crypto_hash_sha256(out, buf, sizeof(buf));
}

/* The largest power of two strictly smaller than n (n >= 2). */
static uint64_t split_point(uint64_t n)
{
	uint64_t k = 1;

	while (k << 1 < n)
		k <<= 1;
	return k;
}

/* Height of a power of two. */
static unsigned log2_exact(uint64_t k)
{
	unsigned l = 0;

	while (k > 1) {
		k >>= 1;
		l++;
	}
	return l;
}

/* ---------------------------------------------------------------------
 * Roots and proofs from stored perfect subtrees
 * ------------------------------------------------------------------- */

int lt_merkle_subtree_hash(lt_hash out, lt_merkle_node_fn get, void *ctx,
			   uint64_t start, uint64_t size)
{
	lt_hash pieces[64], acc;
	unsigned n = 0;
	int rc;

	if (size == 0) {
		crypto_hash_sha256(out, (const unsigned char *)"", 0);
		return LT_OK;
	}
	/* The subtree is a right fold of the perfect subtrees its size's
	 * binary digits describe, largest (leftmost) first. */
	while (size) {
		uint64_t k = (size & (size - 1)) ? split_point(size) : size;
		unsigned level = log2_exact(k);

		if (start % k != 0)
			return lt_error_set(LT_EINTERNAL, "merkle: subtree at %llu of "
					    "size %llu is not aligned",
					    (unsigned long long)start,
					    (unsigned long long)k);
		if ((rc = get(ctx, level, start >> level, pieces[n])))
			return rc;
		n++;
		start += k;
		size -= k;
	}
	memcpy(acc, pieces[n - 1], LT_HASH_BYTES);
	while (n-- > 1)
		lt_merkle_node_hash(acc, pieces[n - 1], acc);
	memcpy(out, acc, LT_HASH_BYTES);
	return LT_OK;
}

/* PATH(m, D[start:start+size]) of RFC 6962 2.1.1, appended leaf side first. */
static int inclusion_path(lt_hash *proof, size_t *n, lt_merkle_node_fn get,
			  void *ctx, uint64_t m, uint64_t start, uint64_t size)
{
	uint64_t k;
	int rc;

	if (size <= 1)
		return LT_OK;
	k = split_point(size);
	if (m < k) {
		if ((rc = inclusion_path(proof, n, get, ctx, m, start, k)))
			return rc;
		rc = lt_merkle_subtree_hash(proof[*n], get, ctx, start + k, size - k);
	} else {
		if ((rc = inclusion_path(proof, n, get, ctx, m - k, start + k,
					 size - k)))
			return rc;
		rc = lt_merkle_subtree_hash(proof[*n], get, ctx, start, k);
	}
	if (rc == LT_OK)
		(*n)++;
	return rc;
}

int lt_merkle_inclusion_proof(lt_hash *proof, size_t *nproof,
			      lt_merkle_node_fn get, void *ctx, uint64_t index,
			      uint64_t size)
{
	*nproof = 0;
	if (index >= size)
		return lt_error_set(LT_EUSAGE, "merkle: leaf %llu is not in a tree "
				    "of %llu leaves", (unsigned long long)index,
				    (unsigned long long)size);
	return inclusion_path(proof, nproof, get, ctx, index, 0, size);
}

/* SUBPROOF(m, D[start:start+size], b) of RFC 6962 2.1.2. */
static int consistency_subproof(lt_hash *proof, size_t *n, lt_merkle_node_fn get,
				void *ctx, uint64_t m, uint64_t start,
				uint64_t size, int whole)
{
	uint64_t k;
	int rc;

	if (m == size) {
		if (whole)
			return LT_OK;
		if ((rc = lt_merkle_subtree_hash(proof[*n], get, ctx, start, size)))
			return rc;
		(*n)++;
		return LT_OK;
	}
	k = split_point(size);
	if (m <= k) {
		if ((rc = consistency_subproof(proof, n, get, ctx, m, start, k,
					       whole)))
			return rc;
		rc = lt_merkle_subtree_hash(proof[*n], get, ctx, start + k, size - k);
	} else {
		if ((rc = consistency_subproof(proof, n, get, ctx, m - k, start + k,
					       size - k, 0)))
			return rc;
		rc = lt_merkle_subtree_hash(proof[*n], get, ctx, start, k);
	}
	if (rc == LT_OK)
		(*n)++;
	return rc;
}

int lt_merkle_consistency_proof(lt_hash *proof, size_t *nproof,
				lt_merkle_node_fn get, void *ctx,
				uint64_t size1, uint64_t size2)
{
	*nproof = 0;
	if (size1 == 0 || size1 > size2)
		return lt_error_set(LT_EUSAGE, "merkle: no consistency proof from "
				    "size %llu to size %llu",
				    (unsigned long long)size1,
				    (unsigned long long)size2);
	if (size1 == size2)
		return LT_OK;
	return consistency_subproof(proof, nproof, get, ctx, size1, 0, size2, 1);
}

/* ---------------------------------------------------------------------
 * Verifiers (RFC 9162)
 * ------------------------------------------------------------------- */

int lt_merkle_verify_inclusion(uint64_t index, uint64_t size, const lt_hash leaf,
			       const lt_hash *proof, size_t nproof,
			       const lt_hash root)
{
	uint64_t fn = index, sn;
	lt_hash r;
	size_t i;

	if (index >= size)
		return lt_error_set(LT_EINPUT, "inclusion proof: leaf index %llu is "
				    "not below the tree size %llu",
				    (unsigned long long)index,
				    (unsigned long long)size);
	sn = size - 1;
	memcpy(r, leaf, LT_HASH_BYTES);
	for (i = 0; i < nproof; i++) {
		if (sn == 0)
			return lt_error_set(LT_EINPUT, "inclusion proof: %zu hashes "
					    "where a tree of %llu leaves needs fewer",
					    nproof, (unsigned long long)size);
		if ((fn & 1) || fn == sn) {
			lt_merkle_node_hash(r, proof[i], r);
			while (!(fn & 1) && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else {
			lt_merkle_node_hash(r, r, proof[i]);
		}
		fn >>= 1;
		sn >>= 1;
	}
	if (sn != 0)
		return lt_error_set(LT_EINPUT, "inclusion proof: %zu hashes are too "
				    "few for a tree of %llu leaves", nproof,
				    (unsigned long long)size);
	if (sodium_memcmp(r, root, LT_HASH_BYTES) != 0)
		return lt_error_set(LT_EINPUT, "inclusion proof: the path does not "
				    "lead to the root (leaf %llu of %llu)",
				    (unsigned long long)index,
				    (unsigned long long)size);
	return LT_OK;
}

int lt_merkle_verify_consistency(uint64_t size1, uint64_t size2,
				 const lt_hash *proof, size_t nproof,
				 const lt_hash root1, const lt_hash root2)
{
	uint64_t fn, sn;
	lt_hash fr, sr;
	size_t i = 0;

	if (size1 > size2)
		return lt_error_set(LT_EINPUT, "consistency proof: size1 %llu is "
				    "larger than size2 %llu",
				    (unsigned long long)size1,
				    (unsigned long long)size2);
	if (size1 == 0)
		return lt_error_set(LT_EINPUT, "consistency proof: from the empty "
				    "tree proves nothing");
	if (size1 == size2) {
		if (nproof != 0)
			return lt_error_set(LT_EINPUT, "consistency proof: equal sizes "
					    "need an empty proof, got %zu hashes",
					    nproof);
		if (sodium_memcmp(root1, root2, LT_HASH_BYTES) != 0)
			return lt_error_set(LT_EINPUT, "consistency proof: equal sizes "
					    "but different roots");
		return LT_OK;
	}
	if (nproof == 0)
		return lt_error_set(LT_EINPUT, "consistency proof: empty proof "
				    "between different sizes");
	/* When size1 is a power of two the old root itself starts the path. */
	if ((size1 & (size1 - 1)) == 0) {
		memcpy(fr, root1, LT_HASH_BYTES);
	} else {
		memcpy(fr, proof[0], LT_HASH_BYTES);
		i = 1;
	}
	memcpy(sr, fr, LT_HASH_BYTES);
	fn = size1 - 1;
	sn = size2 - 1;
	while (fn & 1) {
		fn >>= 1;
		sn >>= 1;
	}
	for (; i < nproof; i++) {
		if (sn == 0)
			return lt_error_set(LT_EINPUT, "consistency proof: %zu hashes "
					    "are too many", nproof);
		if ((fn & 1) || fn == sn) {
			lt_merkle_node_hash(fr, proof[i], fr);
			lt_merkle_node_hash(sr, proof[i], sr);
			while (!(fn & 1) && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else {
			lt_merkle_node_hash(sr, sr, proof[i]);
		}
		fn >>= 1;
		sn >>= 1;
	}
	if (sn != 0)
		return lt_error_set(LT_EINPUT, "consistency proof: %zu hashes are "
				    "too few", nproof);
	if (sodium_memcmp(fr, root1, LT_HASH_BYTES) != 0)
		return lt_error_set(LT_EINPUT, "consistency proof: does not lead to "
				    "the root of size %llu",
				    (unsigned long long)size1);
	if (sodium_memcmp(sr, root2, LT_HASH_BYTES) != 0)
		return lt_error_set(LT_EINPUT, "consistency proof: does not lead to "
				    "the root of size %llu",
				    (unsigned long long)size2);
	return LT_OK;
}

/* ---------------------------------------------------------------------
 * Frontier (compact range of the right edge)
 * ------------------------------------------------------------------- */

int lt_merkle_frontier_push(lt_merkle_frontier *f, const lt_hash leaf,
			    lt_merkle_emit_fn emit, void *ctx)
{
	uint64_t i = f->size;
	unsigned level = 0;
	lt_hash cur;
	int rc;

	if (i == UINT64_MAX)
		return lt_error_set(LT_EINTERNAL, "merkle: tree is full");
	memcpy(cur, leaf, LT_HASH_BYTES);
	if (emit && (rc = emit(ctx, 0, i, cur)))
		return rc;
	while (i >> level & 1) {
		lt_merkle_node_hash(cur, f->hash[level], cur);
		level++;
		if (emit && (rc = emit(ctx, level, i >> level, cur)))
			return rc;
	}
	memcpy(f->hash[level], cur, LT_HASH_BYTES);
	f->size = i + 1;
	return LT_OK;
}

void lt_merkle_frontier_root(const lt_merkle_frontier *f, lt_hash out)
{
	lt_hash acc;
	unsigned level;
	int have = 0;

	for (level = 0; level < 64; level++) {
		if (!(f->size >> level & 1))
			continue;
		if (!have) {
			memcpy(acc, f->hash[level], LT_HASH_BYTES);
			have = 1;
		} else {
			lt_merkle_node_hash(acc, f->hash[level], acc);
		}
	}
	if (!have)
		crypto_hash_sha256(acc, (const unsigned char *)"", 0);
	memcpy(out, acc, LT_HASH_BYTES);
}

int lt_merkle_frontier_load(lt_merkle_frontier *f, uint64_t size,
			    lt_merkle_node_fn get, void *ctx)
{
	uint64_t start = 0;
	int level, rc;

	memset(f, 0, sizeof(*f));
	for (level = 63; level >= 0; level--) {
		if (!(size >> level & 1))
			continue;
		if ((rc = get(ctx, (unsigned)level, start >> level,
			      f->hash[level])))
			return rc;
		start += (uint64_t)1 << level;
	}
	f->size = size;
	return LT_OK;
}
