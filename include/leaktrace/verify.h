/*
 * verify.h - is a circulating text genuine, altered, or not ours at all?
 *
 * Flow: a byte-identical issued copy is recognised by its SHA-256 (recorded
 * and signed at issue time) with certainty.  Otherwise the text is
 * identified and aligned with the registered original like a leak (see
 * trace.h); every difference is then explained if it can be: by a slot's
 * variants (the marks of an issued copy, whichever copy or mix of copies
 * it came from) or, for small letter-level differences in ordinary words,
 * by the noise of retyping or OCR.  What cannot be explained is a change,
 * with its kind: a number changed, a negation added or removed, a word
 * replaced, words or a sentence inserted, words or a passage deleted.
 * Numbers and negations are never put down to noise.
 *
 * Figures: a picture of a registered figure (an image document, or a
 * figure inside a Word original) is registered to the original kept in
 * the vault and compared with it; a region that differs beyond what the
 * marks, JPEG and a photo's noise leave is a change of kind
 * "figure-altered" with the figure and the region's box in the original's
 * pixels.  A picture that matches everywhere is genuine; one that cannot
 * be registered, unknown (with its document).  A Word file's figures are
 * compared likewise, part by part, after its text.
 *
 * Attestation: lt_attest() signs a statement about one issued copy (its
 * document, copy id and SHA-256) with the vault's Ed25519 key, which a
 * third party checks offline with lt_statement_check().
 *
 * Threads and errors: as for the vault (vault.h) these functions take; a
 * failure is recorded in it (lt_vault_errmsg()).
 */
#ifndef LEAKTRACE_VERIFY_H
#define LEAKTRACE_VERIFY_H

#include <stddef.h>

#include "leaktrace/buf.h"
#include "leaktrace/vault.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum lt_verify_verdict {
	LT_VERIFY_GENUINE = 0,
	LT_VERIFY_ALTERED = 1,
	LT_VERIFY_UNKNOWN = 2
} lt_verify_verdict;

typedef enum lt_change_kind {
	LT_CHANGE_NUMBER = 0,
	LT_CHANGE_NEGATION_ADDED,
	LT_CHANGE_NEGATION_REMOVED,
	LT_CHANGE_WORD_REPLACED,
	LT_CHANGE_WORDS_INSERTED,
	LT_CHANGE_SENTENCE_INSERTED,
	LT_CHANGE_WORDS_DELETED,
	LT_CHANGE_PASSAGE_DELETED,
	/* a region of a figure differs from the original beyond what marks,
	 * JPEG and a photo's noise leave: `figure` and `region` say where */
	LT_CHANGE_FIGURE_ALTERED
} lt_change_kind;

const char *lt_verify_verdict_name(lt_verify_verdict v);
/* "number-changed", "negation-added", ... */
const char *lt_change_kind_name(lt_change_kind k);

typedef struct lt_change {
	lt_change_kind kind;
	char *original;     /* the original's words here ("" for insertions) */
	char *found;        /* the words found instead ("" for deletions) */
	size_t at;          /* byte offset in the verified text */
	size_t len;         /* bytes of the verified text involved */
	size_t original_at; /* byte offset in the registered original */
	double confidence;  /* how sure, 0..1 */
	/* LT_CHANGE_FIGURE_ALTERED: the figure (0-based: figure k of a Word
	 * original, 0 for an image document) and the altered region in its
	 * original's pixels, [x0, y0, x1, y1) (original and found are then
	 * "", at and len 0). */
	int figure;
	int region[4];
} lt_change;

typedef struct lt_verify_result {
	char *document;      /* NULL when unknown */
	lt_verify_verdict verdict;
	int exact;           /* byte-identical to an issued copy */
	char copy[16];       /* that copy's id (exact only) */
	char *recipient;     /* its recipient (exact only) */
	size_t part_from;    /* part of the original present: byte range */
	size_t part_to;
	double part_share;   /* share of the original's words present */
	size_t words;        /* words of the text matched to the original */
	size_t marks;        /* slot variants recognised (not changes) */
	size_t noise;        /* small differences put down to typing/OCR */
	lt_change *changes;
	size_t nchanges;
} lt_verify_result;

/* Verify the file at `path` (any text input trace accepts). */
int lt_verify_file(lt_verify_result **out, lt_vault *v, const char *path);

/* Verify `len` bytes in memory, of any kind lt_verify_file() accepts: the
 * same result as for a file holding them (a byte-identical issued copy is
 * recognised by the digest of these bytes).  `name` (may be NULL) as for
 * lt_extract_buffer() (extract.h). */
int lt_verify_buffer(lt_verify_result **out, lt_vault *v, const void *data,
		     size_t len, const char *name);

/* Verify `len` bytes of UTF-8 text. */
int lt_verify_text(lt_verify_result **out, lt_vault *v, const char *text,
		   size_t len);

void lt_verify_result_free(lt_verify_result *r);

/*
 * A signed statement (JSON) about issued copy `copy_id`: document, title,
 * copy, SHA-256 of the copy file, issue time and, when `with_recipient`,
 * the recipient; with the public key and an Ed25519 signature.
 */
int lt_attest(lt_buf *out, lt_vault *v, const char *copy_id,
	      int with_recipient);

typedef struct lt_statement_check_result {
	int signature_ok;    /* the signature matches the statement's key */
	int key_trusted;     /* the key equals the expected one (if given) */
	int file_matches;    /* the file's SHA-256 is the attested one (-1:
				no file given) */
	char document[65];
	char copy[16];
	char sha256[65];
	char public_key[65];
} lt_statement_check_result;

/*
 * Check a statement offline.  `pubkey_hex` (64 hex digits, may be NULL) is
 * the key the checker trusts; `file` (may be NULL) a file to compare with
 * the attested digest.  LT_EINPUT for a malformed statement.
 */
int lt_statement_check(lt_statement_check_result *out, const char *json,
		       size_t len, const char *pubkey_hex, const char *file);

/*
 * Append the JSON document of `verify --json` for `r` to `out`: document,
 * verdict, exact, copy, recipient, part {from, to, share}, words, marks,
 * noise, changes [{kind, original, found, at, original_at, confidence}];
 * a figure's change also has figure (k) and region [x0, y0, x1, y1].
 * LT_OK or LT_ENOMEM.
 */
int lt_verify_result_json(lt_buf *out, const lt_verify_result *r);

/*
 * Whether a checked statement holds: a good signature, by the trusted key
 * when one was given (`key_given`), about the file when one was given.
 */
int lt_statement_check_valid(const lt_statement_check_result *r,
			     int key_given);

/*
 * Append the JSON document of `verify --statement --json` to `out`: valid,
 * signature, key, file, document, copy, sha256, public_key.
 */
int lt_statement_check_json(lt_buf *out, const lt_statement_check_result *r,
			    int key_given);

#ifdef __cplusplus
}
#endif
#endif
