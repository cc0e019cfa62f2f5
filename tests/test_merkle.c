/*
 * test_merkle.c - RFC 6962 hashing, proofs and verifiers: the public
 * transparency-dev test vectors, every tree size up to 64 against a
 * straight transcription of the RFC's definitions, random larger trees,
 * and corrupted proofs.
 *
 * The vectors are read from $LEAKTRACE_SHARED_DATA/merkle when that is set,
 * else from ../shared/data/merkle relative to the repository root (the
 * working directory of the test run).  Missing vectors fail the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <cmocka.h>

#include <jansson.h>
#include <sodium.h>

#include "leaktrace/error.h"
#include "leaktrace/ledger.h"
#include "support/support.h"

/* ---------------------------------------------------------------------
 * An in-memory tree: every perfect subtree hash, built by the frontier.
 * ------------------------------------------------------------------- */

typedef struct mem_tree {
	uint64_t size;
	lt_hash *level[64]; /* level[l][j] */
	uint64_t count[64];
	lt_merkle_frontier f;
} mem_tree;

static int mem_emit(void *ctx, unsigned level, uint64_t index,
		    const lt_hash hash)
{
	mem_tree *t = ctx;

	if (index >= t->count[level]) {
		uint64_t n = t->count[level] ? t->count[level] * 2 : 16;

		while (n <= index)
			n *= 2;
		t->level[level] = realloc(t->level[level], n * sizeof(lt_hash));
		assert_non_null(t->level[level]);
		t->count[level] = n;
	}
	memcpy(t->level[level][index], hash, LT_HASH_BYTES);
	return LT_OK;
}

static int mem_get(void *ctx, unsigned level, uint64_t index, lt_hash out)
{
	mem_tree *t = ctx;

	if (level >= 64 || (index + 1) << level > t->size)
		return lt_error_set(LT_EINTERNAL, "no node %u/%llu", level,
				    (unsigned long long)index);
	memcpy(out, t->level[level][index], LT_HASH_BYTES);
	return LT_OK;
}

static void mem_push(mem_tree *t, const lt_hash leaf)
{
	assert_int_equal(lt_merkle_frontier_push(&t->f, leaf, mem_emit, t), LT_OK);
	t->size = t->f.size;
}

static void mem_free(mem_tree *t)
{
	for (int l = 0; l < 64; l++)
		free(t->level[l]);
	memset(t, 0, sizeof(*t));
}

/* The i-th test leaf entry: 8 bytes derived from i. */
static void test_leaf(lt_hash out, uint64_t i)
{
	unsigned char e[8];

	for (int b = 0; b < 8; b++)
		e[b] = (unsigned char)(i >> (8 * b));
	lt_merkle_leaf_hash(out, e, sizeof(e));
}

/* MTH(D[n]) transcribed from RFC 6962 2.1, recursively, on leaf hashes. */
static void ref_root(lt_hash out, const lt_hash *leaves, uint64_t n)
{
	uint64_t k = 1;
	lt_hash l, r;

	if (n == 0) {
		crypto_hash_sha256(out, (const unsigned char *)"", 0);
		return;
	}
	if (n == 1) {
		memcpy(out, leaves[0], LT_HASH_BYTES);
		return;
	}
	while (k << 1 < n)
		k <<= 1;
	ref_root(l, leaves, k);
	ref_root(r, leaves + k, n - k);
	lt_merkle_node_hash(out, l, r);
}

/* xorshift64*: fixed, portable randomness. */
static uint64_t rng_state = 0x243f6a8885a308d3ull;

static uint64_t rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

/* ---------------------------------------------------------------------
 * Shared vectors
 * ------------------------------------------------------------------- */

static char vector_dir[4096];

static void find_vectors(void)
{
	snprintf(vector_dir, sizeof(vector_dir), "%s",
		 ts_shared_data("merkle"));
}

/*
 * Decode a base64 hash into a 32-byte array.  A vector hash of another
 * length (empty, or "don't care" strings) is zero-padded or truncated:
 * liblt's hashes are fixed 32-byte arrays, and a proof file with a wrong
 * length is refused by the proof parser before any verifier runs.
 */
static size_t decode_hash(lt_hash out, json_t *j)
{
	unsigned char buf[128];
	size_t len = 0;
	const char *s = json_string_value(j);

	memset(out, 0, LT_HASH_BYTES);
	assert_non_null(s);
	if (*s)
		assert_int_equal(sodium_base642bin(buf, sizeof(buf), s, strlen(s),
						   NULL, &len, NULL,
						   sodium_base64_VARIANT_ORIGINAL),
				 0);
	memcpy(out, buf, len < LT_HASH_BYTES ? len : LT_HASH_BYTES);
	return len;
}

/* A vector's number; those beyond 2^53 (the wrapped "index - 1" cases)
 * arrive as reals and are clamped to UINT64_MAX. */
static uint64_t vector_uint(json_t *j)
{
	double d = json_number_value(j);

	if (d < 0)
		return UINT64_MAX;
	if (d >= 18446744073709551615.0)
		return UINT64_MAX;
	return (uint64_t)d;
}

static size_t decode_proof(lt_hash *proof, json_t *j)
{
	size_t i, n;

	if (json_is_null(j))
		return 0;
	assert_true(json_is_array(j));
	n = json_array_size(j);
	assert_true(n <= LT_MERKLE_MAX_PROOF);
	for (i = 0; i < n; i++)
		decode_hash(proof[i], json_array_get(j, i));
	return n;
}

typedef struct vector_counts {
	int files, happy, rejected_ok, wrong;
} vector_counts;

static void run_vector(const char *path, int consistency, vector_counts *c)
{
	json_error_t err;
	json_t *v = json_load_file(path, JSON_DECODE_INT_AS_REAL, &err);
	lt_hash proof[LT_MERKLE_MAX_PROOF], a, b;
	size_t n;
	int want_err, rc;

	if (!v)
		fail_msg("%s: %s", path, err.text);
	want_err = json_is_true(json_object_get(v, "wantErr"));
	n = decode_proof(proof, json_object_get(v, "proof"));
	if (consistency) {
		decode_hash(a, json_object_get(v, "root1"));
		decode_hash(b, json_object_get(v, "root2"));
		rc = lt_merkle_verify_consistency(
			vector_uint(json_object_get(v, "size1")),
			vector_uint(json_object_get(v, "size2")), proof, n, a, b);
	} else {
		size_t leaf_len = decode_hash(a, json_object_get(v, "leafHash"));

		decode_hash(b, json_object_get(v, "root"));
		/* A leaf hash that is not 32 bytes is refused before any
		 * path is walked, as lt_ledger_proof_parse does. */
		if (leaf_len != LT_HASH_BYTES)
			rc = lt_error_set(LT_EINPUT, "leaf hash is %zu bytes", leaf_len);
		else
			rc = lt_merkle_verify_inclusion(
				vector_uint(json_object_get(v, "leafIdx")),
				vector_uint(json_object_get(v, "treeSize")), a,
				proof, n, b);
	}
	c->files++;
	if (!want_err && rc == LT_OK)
		c->happy++;
	else if (want_err && rc != LT_OK)
		c->rejected_ok++;
	else {
		c->wrong++;
		print_error("vector %s: %s (%s)\n", path,
			    want_err ? "accepted a corrupted proof" : "rejected",
			    lt_error_message());
	}
	json_decref(v);
}

static void walk(const char *dir, int consistency, vector_counts *c)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];
	struct stat sb;

	if (!d)
		fail_msg("cannot read test vectors in %s", dir);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &sb) != 0)
			continue;
		if (S_ISDIR(sb.st_mode))
			walk(path, consistency, c);
		else if (strlen(e->d_name) > 5 &&
			 !strcmp(e->d_name + strlen(e->d_name) - 5, ".json"))
			run_vector(path, consistency, c);
	}
	closedir(d);
}

static void test_vectors_inclusion(void **state)
{
	vector_counts c = {0};
	char dir[4200];

	(void)state;
	find_vectors();
	snprintf(dir, sizeof(dir), "%s/inclusion", vector_dir);
	walk(dir, 0, &c);
	print_message("inclusion vectors: %d files, %d valid accepted, %d "
		      "corrupted rejected\n", c.files, c.happy, c.rejected_ok);
	assert_int_equal(c.wrong, 0);
	assert_true(c.files >= 90);
	assert_true(c.happy >= 5);
}

static void test_vectors_consistency(void **state)
{
	vector_counts c = {0};
	char dir[4200];

	(void)state;
	find_vectors();
	snprintf(dir, sizeof(dir), "%s/consistency", vector_dir);
	walk(dir, 1, &c);
	print_message("consistency vectors: %d files, %d valid accepted, %d "
		      "corrupted rejected\n", c.files, c.happy, c.rejected_ok);
	assert_int_equal(c.wrong, 0);
	assert_true(c.files >= 90);
	assert_true(c.happy >= 5);
}

/* The roots listed in the vectors' README for the 8-leaf reference tree. */
static void test_reference_roots(void **state)
{
	static const char *const leaves_hex[] = {
		"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
		"606162636465666768696a6b6c6d6e6f"};
	static const char *const roots[] = {
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
		"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
		"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
		"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
		"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
		"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
		"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
		"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
	mem_tree t = {0};
	lt_hash root;
	char hex[65];
	size_t i;

	(void)state;
	for (i = 0; i <= 8; i++) {
		if (i > 0) {
			unsigned char e[16];
			size_t len;
			lt_hash leaf;

			assert_int_equal(sodium_hex2bin(e, sizeof(e), leaves_hex[i - 1],
							strlen(leaves_hex[i - 1]),
							NULL, &len, NULL), 0);
			lt_merkle_leaf_hash(leaf, e, len);
			mem_push(&t, leaf);
		}
		lt_merkle_frontier_root(&t.f, root);
		sodium_bin2hex(hex, sizeof(hex), root, LT_HASH_BYTES);
		assert_string_equal(hex, roots[i]);
		assert_int_equal(lt_merkle_subtree_hash(root, mem_get, &t, 0, i), LT_OK);
		sodium_bin2hex(hex, sizeof(hex), root, LT_HASH_BYTES);
		assert_string_equal(hex, roots[i]);
	}
	mem_free(&t);
}

/* ---------------------------------------------------------------------
 * Generated proofs
 * ------------------------------------------------------------------- */

/* Check inclusion of `index` in the first `size` leaves of t, and that
 * every single corruption is rejected. */
static void check_inclusion(mem_tree *t, const lt_hash *leaves, uint64_t index,
			    uint64_t size, int corrupt)
{
	lt_hash proof[LT_MERKLE_MAX_PROOF], root, bad;
	mem_tree view = *t;
	size_t n, i;

	view.size = size;
	ref_root(root, leaves, size);
	assert_int_equal(lt_merkle_inclusion_proof(proof, &n, mem_get, &view,
						   index, size), LT_OK);
	assert_int_equal(lt_merkle_verify_inclusion(index, size, leaves[index],
						    proof, n, root), LT_OK);
	if (!corrupt)
		return;
	for (i = 0; i < n; i++) {
		proof[i][i % LT_HASH_BYTES] ^= 0x10;
		assert_int_not_equal(lt_merkle_verify_inclusion(index, size,
			leaves[index], proof, n, root), LT_OK);
		proof[i][i % LT_HASH_BYTES] ^= 0x10;
	}
	if (n > 0)
		assert_int_not_equal(lt_merkle_verify_inclusion(index, size,
			leaves[index], proof, n - 1, root), LT_OK);
	memcpy(proof[n], root, LT_HASH_BYTES);
	assert_int_not_equal(lt_merkle_verify_inclusion(index, size, leaves[index],
							proof, n + 1, root), LT_OK);
	if (index + 1 < size)
		assert_int_not_equal(lt_merkle_verify_inclusion(index + 1, size,
			leaves[index], proof, n, root), LT_OK);
	if (index > 0)
		assert_int_not_equal(lt_merkle_verify_inclusion(index - 1, size,
			leaves[index], proof, n, root), LT_OK);
	/* (A path can also fit another tree size with the same shape; the
	 * signed tree head, not the path, binds the size.) */
	memcpy(bad, leaves[index], LT_HASH_BYTES);
	bad[0] ^= 1;
	assert_int_not_equal(lt_merkle_verify_inclusion(index, size, bad, proof,
							n, root), LT_OK);
	memcpy(bad, root, LT_HASH_BYTES);
	bad[31] ^= 0x80;
	assert_int_not_equal(lt_merkle_verify_inclusion(index, size, leaves[index],
							proof, n, bad), LT_OK);
}

static void check_consistency(mem_tree *t, const lt_hash *leaves, uint64_t m,
			      uint64_t size, int corrupt)
{
	lt_hash proof[LT_MERKLE_MAX_PROOF], r1, r2, bad;
	mem_tree view = *t;
	size_t n, i;

	view.size = size;
	ref_root(r1, leaves, m);
	ref_root(r2, leaves, size);
	assert_int_equal(lt_merkle_consistency_proof(proof, &n, mem_get, &view, m,
						     size), LT_OK);
	assert_int_equal(lt_merkle_verify_consistency(m, size, proof, n, r1, r2),
			 LT_OK);
	if (!corrupt || m == size)
		return;
	for (i = 0; i < n; i++) {
		proof[i][7] ^= 0x04;
		assert_int_not_equal(lt_merkle_verify_consistency(m, size, proof, n,
								  r1, r2), LT_OK);
		proof[i][7] ^= 0x04;
	}
	assert_int_not_equal(lt_merkle_verify_consistency(m, size, proof, n - 1,
							  r1, r2), LT_OK);
	assert_int_not_equal(lt_merkle_verify_consistency(m, size, proof, n, r2,
							  r1), LT_OK);
	assert_int_not_equal(lt_merkle_verify_consistency(m + 1, size, proof, n,
							  r1, r2), LT_OK);
	memcpy(bad, r2, LT_HASH_BYTES);
	bad[3] ^= 2;
	assert_int_not_equal(lt_merkle_verify_consistency(m, size, proof, n, r1,
							  bad), LT_OK);
}

static void test_every_size_to_64(void **state)
{
	lt_hash leaves[64], root, ref;
	mem_tree t = {0};
	uint64_t size, i, m;

	(void)state;
	for (i = 0; i < 64; i++)
		test_leaf(leaves[i], i);
	for (size = 1; size <= 64; size++) {
		mem_push(&t, leaves[size - 1]);
		ref_root(ref, leaves, size);
		lt_merkle_frontier_root(&t.f, root);
		assert_memory_equal(root, ref, LT_HASH_BYTES);
		assert_int_equal(lt_merkle_subtree_hash(root, mem_get, &t, 0, size),
				 LT_OK);
		assert_memory_equal(root, ref, LT_HASH_BYTES);
		for (i = 0; i < size; i++)
			check_inclusion(&t, leaves, i, size, 1);
		for (m = 1; m <= size; m++)
			check_consistency(&t, leaves, m, size, 1);
	}
	mem_free(&t);
}

static void test_random_large(void **state)
{
	const uint64_t max = 40000;
	lt_hash *leaves = malloc(max * sizeof(lt_hash));
	mem_tree t = {0};
	lt_merkle_frontier g;
	uint64_t i;
	int round;

	(void)state;
	assert_non_null(leaves);
	for (i = 0; i < max; i++) {
		test_leaf(leaves[i], i * 7919);
		mem_push(&t, leaves[i]);
	}
	for (round = 0; round < 40; round++) {
		uint64_t size = 65 + rng_next() % (max - 65);
		uint64_t index = rng_next() % size;
		uint64_t m = 1 + rng_next() % size;

		check_inclusion(&t, leaves, index, size, round < 10);
		check_inclusion(&t, leaves, size - 1, size, 0);
		check_consistency(&t, leaves, m, size, round < 10);
		/* A frontier rebuilt from stored nodes continues the tree. */
		{
			mem_tree view = t;
			lt_hash r1, r2;

			view.size = size;
			assert_int_equal(lt_merkle_frontier_load(&g, size, mem_get,
								 &view), LT_OK);
			lt_merkle_frontier_root(&g, r1);
			ref_root(r2, leaves, size);
			assert_memory_equal(r1, r2, LT_HASH_BYTES);
			assert_int_equal(lt_merkle_frontier_push(&g, leaves[size], NULL,
								 NULL), LT_OK);
			lt_merkle_frontier_root(&g, r1);
			ref_root(r2, leaves, size + 1);
			assert_memory_equal(r1, r2, LT_HASH_BYTES);
		}
	}
	mem_free(&t);
	free(leaves);
}

static void test_bad_requests(void **state)
{
	lt_hash proof[LT_MERKLE_MAX_PROOF], h = {0};
	mem_tree t = {0};
	size_t n;

	(void)state;
	mem_push(&t, h);
	assert_int_equal(lt_merkle_inclusion_proof(proof, &n, mem_get, &t, 1, 1),
			 LT_EUSAGE);
	assert_int_equal(lt_merkle_consistency_proof(proof, &n, mem_get, &t, 0, 1),
			 LT_EUSAGE);
	assert_int_equal(lt_merkle_consistency_proof(proof, &n, mem_get, &t, 2, 1),
			 LT_EUSAGE);
	assert_int_equal(lt_merkle_verify_inclusion(0, 0, h, proof, 0, h),
			 LT_EINPUT);
	assert_non_null(strstr(lt_error_message(), "tree size"));
	mem_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors_inclusion),
		cmocka_unit_test(test_vectors_consistency),
		cmocka_unit_test(test_reference_roots),
		cmocka_unit_test(test_every_size_to_64),
		cmocka_unit_test(test_random_large),
		cmocka_unit_test(test_bad_requests),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
