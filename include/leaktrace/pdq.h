/*
 * pdq.h - PDQ perceptual image hashes, their Hamming-distance index and
 * the vault's store of protected page-image hashes.
 *
 * PDQ (Meta, 2017) reduces an image to 256 bits that change little when
 * the image is re-encoded, resized, slightly cropped or recoloured:
 * an image larger than 512 pixels a side resampled to 512x512 (nearest
 * neighbour, as the reference hasher does), luminance, a two-pass box
 * ("Jarosz") filter and decimation to 64x64, a
 * 2D DCT keeping the 16x16 lowest non-constant frequencies, and one bit per
 * coefficient: above the median or not.  A quality from 0 to 100 measures
 * how much structure the image has; PDQ's authors advise discarding hashes
 * of quality 49 or less and calling two hashes a match at Hamming distance
 * 31 or less.  The eight dihedral hashes (the image rotated and flipped)
 * come from one DCT, so that a rotated or mirrored re-post still matches.
 *
 * Hex strings are the 64 hex digits the reference implementation prints;
 * lt_pdq_hash.bytes holds the same 32 bytes in the same order.
 *
 * The index (lt_pdq_index_*) finds every stored hash within a distance
 * without comparing against each one (multi-index hashing).  The store
 * (lt_pdq_register_image, lt_pdq_index_load, lt_pdq_export_csv) keeps the
 * hashes of protected documents' page images in the vault.
 */
#ifndef LEAKTRACE_PDQ_H
#define LEAKTRACE_PDQ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "leaktrace/image.h"
#include "leaktrace/vault.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LT_PDQ_BYTES 32
#define LT_PDQ_HEX_CHARS 64

/* The match threshold and the lowest trustworthy quality PDQ advises. */
#define LT_PDQ_MATCH_DISTANCE 31
#define LT_PDQ_MIN_QUALITY 50

/* Images with a side shorter than this hash to all zeros, quality 0. */
#define LT_PDQ_MIN_SIDE 5

typedef struct lt_pdq_hash {
	unsigned char bytes[LT_PDQ_BYTES];
} lt_pdq_hash;

/* The eight dihedral transforms, in the order the reference lists them. */
enum {
	LT_PDQ_ORIGINAL = 0,
	LT_PDQ_ROTATE90,
	LT_PDQ_ROTATE180,
	LT_PDQ_ROTATE270,
	LT_PDQ_FLIPX,
	LT_PDQ_FLIPY,
	LT_PDQ_FLIP_PLUS1,
	LT_PDQ_FLIP_MINUS1,
	LT_PDQ_DIHEDRAL
};

/* Flags for lt_pdq_hash_file(). */
enum {
	/*
	 * Decode a colour JPEG to its luminance (Y) channel only, at full
	 * size: some 20% faster, and within a few bits of the reference
	 * hashes, not bit for bit (the reference takes luminance from RGB
	 * rounded to 8 bits): at most 8 bits on the reference images, 2 on
	 * the pictures of pages (bench/bench_pdq.c prints both).  Decoding
	 * at a reduced scale is not used, by this flag or by `leaktrace pdq
	 * --fast`: on pages of text it moves the hash some 50 bits.
	 */
	LT_PDQ_FAST = 1,
	/* Apply the JPEG's EXIF orientation before hashing (the reference
	 * hasher does not, so off by default). */
	LT_PDQ_ORIENT = 2
};

#define LT_PDQ_FAST_MIN_SIDE 256

/*
 * Hash a decoded image.  `hashes` receives `count` hashes: count 1 gives
 * the hash of the image as it is, count LT_PDQ_DIHEDRAL gives all eight in
 * the order of the enum above.  *quality gets 0..100.  LT_OK, LT_EUSAGE
 * (bad count) or LT_ENOMEM.
 */
int lt_pdq_hash_image(lt_pdq_hash *hashes, int count, int *quality,
		      const lt_image *img);

/*
 * Hash a luminance buffer of rows x cols floats (row-major, 0..255).  The
 * buffer may be used as scratch and overwritten.  As lt_pdq_hash_image.
 */
int lt_pdq_hash_luma(lt_pdq_hash *hashes, int count, int *quality,
		     float *luma, int rows, int cols);

/*
 * Read, decode and hash the image file at `path` (flags: LT_PDQ_FAST,
 * LT_PDQ_ORIENT).  A JPEG is hashed as it is decoded, without holding the
 * decoded image.  Errors as lt_image_load.  To hash many files, an
 * lt_pdq_hasher is faster.
 */
int lt_pdq_hash_file(lt_pdq_hash *hash, int *quality, const char *path,
		     int flags);

/*
 * A hasher hashes one file after another, keeping the memory one needed
 * for the next: the file's bytes, the work buffers, and the coefficients
 * of a progressive JPEG (12 MB for a 1600x1004 photo), which would
 * otherwise be taken from the system, faulted in and zeroed for every
 * file - a third or more of the time such a file takes.  It keeps at most
 * some 64 MB between files.  A hasher must not be used by two threads at
 * once; give each thread its own.
 */
typedef struct lt_pdq_hasher lt_pdq_hasher;

/* A new hasher (LT_OK or LT_ENOMEM); free with lt_pdq_hasher_free. */
int lt_pdq_hasher_new(lt_pdq_hasher **out);
void lt_pdq_hasher_free(lt_pdq_hasher *h);

/*
 * As lt_pdq_hash_file, with `count` hashes as lt_pdq_hash_image (1, or
 * LT_PDQ_DIHEDRAL for all eight, from the one DCT).  The hashes are those
 * lt_pdq_hash_image gives for the image lt_image_load decodes, bit for
 * bit (with LT_PDQ_FAST, for the luminance-only decode).  LT_EUSAGE for a
 * bad count; otherwise errors as lt_image_load.
 */
int lt_pdq_hasher_file(lt_pdq_hasher *h, lt_pdq_hash *hashes, int count,
		       int *quality, const char *path, int flags);

/* The 64 lower-case hex digits of a hash, NUL-terminated, into hex[65]. */
void lt_pdq_to_hex(const lt_pdq_hash *hash, char hex[LT_PDQ_HEX_CHARS + 1]);

/* Parse 64 hex digits (either case, nothing else). LT_OK or LT_EINPUT. */
int lt_pdq_from_hex(lt_pdq_hash *hash, const char *hex);

/* The Hamming distance between two hashes, 0..256. */
int lt_pdq_distance(const lt_pdq_hash *a, const lt_pdq_hash *b);

/* ---------------------------------------------------------------------
 * Index: multi-index hashing.  The 256 bits are cut into 16 chunks of
 * 16 bits, each with its own table; a hash within distance d of the query
 * agrees with it within floor(d/16) bits in at least one chunk, so only
 * the table entries near the query's chunks are examined, then checked
 * with the full distance.  Distances up to 47 use the tables; larger ones
 * scan every hash.  Adding is cheap; the tables are rebuilt by the first
 * query after an add.  One index must not be used by two threads at once.
 * ------------------------------------------------------------------- */

typedef struct lt_pdq_index lt_pdq_index;

/* One hash found by a query: the id it was added with, and its distance. */
typedef struct lt_pdq_match {
	int64_t id;
	int distance;
} lt_pdq_match;

/*
 * Called once for each stored hash within the distance (in no particular
 * order); return non-zero to stop the query early.
 */
typedef int (*lt_pdq_match_fn)(void *ctx, int64_t id,
			       const lt_pdq_hash *hash, int distance);

/* A new empty index (free with lt_pdq_index_free). LT_OK or LT_ENOMEM. */
int lt_pdq_index_new(lt_pdq_index **out);
void lt_pdq_index_free(lt_pdq_index *ix);

/* Store `hash` under `id` (ids need not be unique). LT_OK or LT_ENOMEM. */
int lt_pdq_index_add(lt_pdq_index *ix, const lt_pdq_hash *hash, int64_t id);

/* How many hashes are stored. */
size_t lt_pdq_index_size(const lt_pdq_index *ix);

/*
 * Call `fn` for every stored hash within `max_distance` (0..256) of
 * `query`.  LT_OK, LT_EUSAGE (bad distance) or LT_ENOMEM.
 */
int lt_pdq_index_query(lt_pdq_index *ix, const lt_pdq_hash *query,
		       int max_distance, lt_pdq_match_fn fn, void *ctx);

/*
 * As lt_pdq_index_query, collecting the matches into a new array (*out,
 * freed by the caller with free(); NULL when none) of *n entries, sorted
 * by distance, then id.
 */
int lt_pdq_index_search(lt_pdq_index *ix, const lt_pdq_hash *query,
			int max_distance, lt_pdq_match **out, size_t *n);

/* ---------------------------------------------------------------------
 * The vault's page-image hashes
 * ------------------------------------------------------------------- */

/*
 * Hash the image at `path` (full scale, as stored) and record it as page
 * `page` (1-based) of document `doc_id` - of its issued copy `copy_id`, or
 * of the original when copy_id is NULL - with an event in the ledger.
 * Recording the same hash for the same page again changes nothing.
 * *quality (may be NULL) gets the hash's quality; hashes of low quality
 * are kept but never exported.  LT_ENOTFOUND for an unknown document or
 * copy, errors of lt_image_load for the image, vault errors.
 */
int lt_pdq_register_image(lt_vault *v, const char *doc_id,
			  const char *copy_id, int page, const char *path,
			  lt_pdq_hash *hash, int *quality);

/*
 * Load the stored page-image hashes (of document doc_id, or of every
 * document when NULL) into `ix`, each under its row id in the vault.
 */
int lt_pdq_index_load(lt_pdq_index *ix, lt_vault *v, const char *doc_id);

/*
 * Write the page-image hashes of document doc_id (every document when
 * NULL) to `out` as the CSV that ThreatExchange's hash-sharing tools
 * exchange for PDQ signals - one line a distinct hash, no header:
 *
 *     hash,id,added_at,tags
 *
 * hash: 64 hex digits; id: a number naming the hash within this vault;
 * added_at: ISO 8601 ("2026-01-31T12:00:00+0000"); tags: space-separated
 * words ("leaktrace media_type_photo page_N").  Neither the document nor
 * any recipient is named: a match reported by its id is traced back in the
 * vault.  Hashes of quality below LT_PDQ_MIN_QUALITY are left out; *rows
 * and *skipped (either may be NULL) count what was written and left out.
 * LT_ENOTFOUND for an unknown document, LT_EIO when writing fails.
 */
int lt_pdq_export_csv(lt_vault *v, const char *doc_id, FILE *out,
		      size_t *rows, size_t *skipped);

#ifdef __cplusplus
}
#endif
#endif
