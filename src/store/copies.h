/*
 * copies.h - the store's copies area: recipients, issued copies, the
 * codeword blocks they were issued from, the digests of their files and
 * the signed manifests of each issue (store/store.h explains areas).
 *
 * A copy's codeword is symbol `index` of codeword block `block`; blocks
 * and copies are named by row numbers (int64_t) inside liblt, copies by
 * their short ids ("c" and 12 hex digits) outside.
 */
#ifndef LT_STORE_COPIES_H
#define LT_STORE_COPIES_H

#include <stddef.h>
#include <stdint.h>

#include "store/vault_internal.h"

/* A copy to record. */
typedef struct lt_store_copy_new {
	const char *id;
	int64_t doc, recipient, block;
	size_t block_index;
	const char *format; /* "txt", "pdf-a4", ... */
	const char *path;
	const char *issued_at;
} lt_store_copy_new;

/* The SHA-256 (hex) of one file of a copy: page 0 for a copy of one
 * file, K for page K of a copy written as page images. */
typedef struct lt_store_copy_file {
	const char *copy;
	char digest[65];
	size_t page;
} lt_store_copy_file;

/* One stored codeword block: `count` codewords of `nslots` symbols. */
typedef struct lt_store_block {
	int64_t block;
	size_t count, nslots;
	const uint8_t *symbols; /* `bytes` bytes (count * nslots if sound) */
	size_t bytes;
} lt_store_block;

/* One copy of a document: where its codeword is, and to whom. */
typedef struct lt_store_copy_ref {
	int64_t block;
	size_t index;
	const char *recipient;
} lt_store_copy_ref;

/* What an attestation states about a copy; strings newly allocated
 * (freed with lt_store_copy_info_clear()). */
typedef struct lt_store_copy_info {
	int64_t doc;
	char copy[16];
	char *digest;    /* its latest first (or only) file's; NULL if none */
	char *issued_at;
	char *recipient;
} lt_store_copy_info;

/* Called once a row; a non-zero return stops the walk and is returned. */
typedef int (*lt_store_block_fn)(void *ctx, const lt_store_block *b);
typedef int (*lt_store_copy_fn)(void *ctx, const lt_store_copy_ref *c);

struct lt_store_copies_ops {
	/* The rows of recipients `names`, created when new, into ids[n]. */
	int (*recipients)(lt_vault *v, const char *const *names, size_t n,
			  int64_t *ids);
	/* For each recipient row, whether document `doc` has a copy for it
	 * (found[i]) and its id (ids[i]). */
	int (*find)(lt_vault *v, int64_t doc, const int64_t *recipients,
		    size_t n, char (*ids)[16], int *found);
	/* Store a codeword block; its row in *block. */
	int (*add_block)(lt_vault *v, int64_t doc, size_t count, size_t nslots,
			 const uint8_t *symbols, int64_t *block);
	int (*add)(lt_vault *v, const lt_store_copy_new *c, size_t n);
	int (*add_files)(lt_vault *v, const lt_store_copy_file *f, size_t n);
	/* Store a signed manifest of an issue of document `doc`. */
	int (*add_manifest)(lt_vault *v, int64_t doc, const char *created_at,
			    const char *body, size_t len,
			    const unsigned char *sig, size_t sig_len,
			    const unsigned char *pk, size_t pk_len);
	/* The row of copy `id` (of document `doc`, unless 0); LT_ENOTFOUND
	 * when there is none. */
	int (*row)(lt_vault *v, const char *id, int64_t doc, int64_t *row);
	/* The id of copy row `row`; LT_ENOTFOUND when there is none. */
	int (*id_of)(lt_vault *v, int64_t row, char id[16]);
	/* Number of copies of document `doc`. */
	int (*count)(lt_vault *v, int64_t doc, size_t *n);
	/* Every codeword block of document `doc`. */
	int (*each_block)(lt_vault *v, int64_t doc, lt_store_block_fn fn,
			  void *ctx);
	/* Every copy of document `doc`. */
	int (*each_copy)(lt_vault *v, int64_t doc, lt_store_copy_fn fn,
			 void *ctx);
	/* The copy issued with codeword `index` of block `block`: its id and
	 * recipient (newly allocated); LT_ENOTFOUND when there is none. */
	int (*at)(lt_vault *v, int64_t block, size_t index, char copy[16],
		  char **recipient);
	/* The copy one of whose files has SHA-256 `hex`, if any (*found):
	 * its id, recipient (newly allocated) and document row. */
	int (*by_digest)(lt_vault *v, const char *hex, int *found, char copy[16],
			 char **recipient, int64_t *doc);
	/* What an attestation states about copy `id`; LT_ENOTFOUND when
	 * there is none. */
	int (*info)(lt_vault *v, const char *id, lt_store_copy_info *out);
};

int lt_store_copies_recipients(lt_vault *v, const char *const *names, size_t n,
			       int64_t *ids);
int lt_store_copies_find(lt_vault *v, int64_t doc, const int64_t *recipients,
			 size_t n, char (*ids)[16], int *found);
int lt_store_copies_add_block(lt_vault *v, int64_t doc, size_t count,
			      size_t nslots, const uint8_t *symbols,
			      int64_t *block);
int lt_store_copies_add(lt_vault *v, const lt_store_copy_new *c, size_t n);
int lt_store_copies_add_files(lt_vault *v, const lt_store_copy_file *f,
			      size_t n);
int lt_store_copies_add_manifest(lt_vault *v, int64_t doc,
				 const char *created_at, const char *body,
				 size_t len, const unsigned char *sig,
				 size_t sig_len, const unsigned char *pk,
				 size_t pk_len);
int lt_store_copies_row(lt_vault *v, const char *id, int64_t doc,
			int64_t *row);
int lt_store_copies_id_of(lt_vault *v, int64_t row, char id[16]);
int lt_store_copies_count(lt_vault *v, int64_t doc, size_t *n);
int lt_store_copies_each_block(lt_vault *v, int64_t doc, lt_store_block_fn fn,
			       void *ctx);
int lt_store_copies_each_copy(lt_vault *v, int64_t doc, lt_store_copy_fn fn,
			      void *ctx);
int lt_store_copies_at(lt_vault *v, int64_t block, size_t index,
		       char copy[16], char **recipient);
int lt_store_copies_by_digest(lt_vault *v, const char *hex, int *found,
			      char copy[16], char **recipient, int64_t *doc);
int lt_store_copies_info(lt_vault *v, const char *id,
			 lt_store_copy_info *out);

void lt_store_copy_info_clear(lt_store_copy_info *c);

/* The SQLite backend's table (store/sqlite_copies.c). */
extern const struct lt_store_copies_ops lt_sqlite_copies_ops;

#endif
