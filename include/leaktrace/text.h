/*
 * text.h - text in, tokens out: decoding, normalisation, tokenising,
 * folding and alignment.
 *
 * Data flows one way: raw bytes --lt_text_decode--> UTF-8 text
 * --lt_tokenize--> tokens (each keeps its byte offsets in that text and a
 * normalised form for matching) --lt_align--> a map between the tokens of
 * a leaked text and those of the original.
 *
 * Tokens are words and numbers only: maximal runs of Unicode letters,
 * marks and digits.  Everything else (spaces, punctuation, quotes, dashes,
 * hyphens, apostrophes) separates tokens and is left to the slot reader,
 * which looks at the bytes between aligned tokens.  So "long-term" and
 * "long term" give the same two tokens, "U.S." gives "u" "s".
 */
#ifndef LEAKTRACE_TEXT_H
#define LEAKTRACE_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/buf.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum lt_encoding {
	LT_ENC_UTF8 = 0,
	LT_ENC_UTF8_BOM,
	LT_ENC_UTF16LE,
	LT_ENC_UTF16BE,
	LT_ENC_LATIN1
} lt_encoding;

/* Name of an encoding, e.g. "utf-16le". */
const char *lt_encoding_name(lt_encoding enc);

/*
 * Decode `len` bytes of text into valid UTF-8 appended to `out`.
 * UTF-8 (with or without BOM) is taken as is; UTF-16 needs a BOM; input
 * that is not valid UTF-8 and has no BOM is taken as Latin-1 (Windows-1252
 * for 0x80-0x9F).  The BOM is dropped; line endings are kept.  NUL bytes,
 * unpaired surrogates or odd-length UTF-16 are LT_EINPUT with a message
 * giving the byte offset.  `enc` (may be NULL) receives what was detected.
 * The five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90,
 * 0x9D) become U+FFFD; after a UTF-8 BOM, invalid UTF-8 is LT_EINPUT.
 * On error `out` is left as it was.
 */
int lt_text_decode(lt_buf *out, const void *data, size_t len, lt_encoding *enc);

/*
 * Read a whole file (at most `max_bytes`; 0 means 64 MiB) and decode it as
 * above.  Errors name the path: a missing, unreadable, too large file or
 * a directory is LT_EINPUT, a failing read LT_EIO.
 */
int lt_text_read_file(lt_buf *out, const char *path, size_t max_bytes,
		      lt_encoding *enc);

/* Token kinds. */
enum { LT_TOK_WORD = 1, LT_TOK_NUMBER = 2 };

typedef struct lt_token {
	uint32_t start;    /* byte offset of the token in the source text */
	uint32_t end;      /* one past its last byte */
	uint32_t norm;     /* offset of its normalised form in `pool` */
	uint16_t norm_len; /* length of the normalised form */
	uint8_t kind;      /* LT_TOK_WORD or LT_TOK_NUMBER */
	uint8_t flags;     /* LT_TOKF_* */
	uint64_t hash;     /* 64-bit hash of the normalised form */
} lt_token;

enum {
	LT_TOKF_CAPITAL = 1,   /* first letter is upper case in the source */
	LT_TOKF_PARA_START = 2 /* first token after a blank line (or text start) */
};

typedef struct lt_tokens {
	lt_token *tok;
	size_t n;
	char *pool; /* normalised forms, NUL-separated */
	size_t pool_len;
} lt_tokens;

/*
 * Tokenise `len` bytes of valid UTF-8.  Normalised form: NFKC, case folded,
 * diacritics stripped.  The source text is not kept: offsets refer to the
 * caller's buffer.  Free with lt_tokens_free().  Soft hyphens and
 * zero-width characters inside a word do not split it (they are dropped
 * from the normalised form); a run longer than 1024 bytes is cut into
 * pieces.  A token of marks only has an empty normalised form.
 */
int lt_tokenize(lt_tokens **out, const char *text, size_t len);
void lt_tokens_free(lt_tokens *t);

/* The normalised form of token i (NUL-terminated, owned by `t`). */
const char *lt_token_norm(const lt_tokens *t, size_t i);

/* Folding flags for lt_text_fold(). */
enum {
	LT_FOLD_CASE = 1,   /* case fold */
	LT_FOLD_PUNCT = 2,  /* curly quotes/apostrophes to ASCII, dash forms
			       (en, em, figure, minus, "--") to "-", ellipsis
			       to "..." */
	LT_FOLD_SPACE = 4,  /* every run of white space, including no-break,
			       thin and zero-width spaces and newlines, to one
			       ASCII space; leading/trailing trimmed */
	LT_FOLD_MARKS = 8   /* strip diacritics */
};

/* Append the folded form of `len` bytes of UTF-8 to `out`. */
int lt_text_fold(lt_buf *out, const char *s, size_t len, unsigned flags);

/*
 * Levenshtein distance between two UTF-8 strings, counted in code points.
 * Stops early and returns `limit`+1 when the distance exceeds `limit`.
 */
size_t lt_edit_distance(const char *a, size_t alen, const char *b,
			size_t blen, size_t limit);

/*
 * As lt_edit_distance(), but two adjacent characters swapped count as one
 * edit (optimal string alignment): the distance of a typist's slip.
 */
size_t lt_edit_distance_typo(const char *a, size_t alen, const char *b,
			     size_t blen, size_t limit);

/*
 * An alignment of a leaked text's tokens onto the original's.
 * orig_to_leak[i] is the leak token aligned with original token i, or -1;
 * leak_to_orig[j] the reverse.  The mapping is monotone (order-keeping).
 * quality[i] is LT_ALIGN_EXACT when the normalised forms are equal,
 * LT_ALIGN_FUZZY when they were matched despite a small edit distance
 * (typos, OCR errors), 0 when unaligned.
 */
enum { LT_ALIGN_NONE = 0, LT_ALIGN_FUZZY = 1, LT_ALIGN_EXACT = 2 };

typedef struct lt_alignment {
	size_t n_orig;
	size_t n_leak;
	int32_t *orig_to_leak;
	int32_t *leak_to_orig;
	uint8_t *quality; /* per original token */
	size_t matched;   /* number of aligned pairs */
	size_t exact;     /* of which exact */
	size_t orig_first; /* first aligned original token (valid if matched) */
	size_t orig_last;  /* last aligned original token */
} lt_alignment;

/*
 * Align `leak` onto `orig`.  Works when the leak is an excerpt (or several),
 * when lines were reflowed, quotes and dashes changed, words inserted,
 * dropped or replaced, and with typos and OCR-like character errors.  Runs
 * in roughly linear time for near-copies (unique-anchor chaining, then
 * dynamic programming in the gaps), so a 10-page document aligns in
 * milliseconds.  Pairs with too little evidence around them (a few short
 * common words, an isolated fuzzy match) are dropped, so a leak of fewer
 * than about three content words may align nothing.  Free with
 * lt_alignment_free().
 */
int lt_align(lt_alignment **out, const lt_tokens *orig, const lt_tokens *leak);
void lt_alignment_free(lt_alignment *a);

#ifdef __cplusplus
}
#endif
#endif
