/*
 * text.c - text in, tokens out: decoding raw bytes to UTF-8, tokenising
 * with normalised forms, folding for comparison, and edit distance.
 *
 * Data flows one way: bytes --lt_text_decode--> valid UTF-8 (no NUL)
 * --lt_tokenize--> lt_tokens (byte offsets into that UTF-8 plus a pool of
 * normalised forms) --lt_align (align.c)--> token map.
 *
 * Decoding decisions (see also text.h):
 *  - a UTF-8 BOM is dropped and the rest must then be valid UTF-8;
 *  - UTF-16 is recognised only by its BOM (FF FE or FE FF);
 *  - anything else that is valid UTF-8 is UTF-8, otherwise it is read as
 *    Windows-1252 (Latin-1 with 0x80-0x9F mapped to the Windows-1252
 *    characters); the five bytes Windows-1252 leaves undefined (0x81,
 *    0x8D, 0x8F, 0x90, 0x9D) become U+FFFD so that no input is refused
 *    for them;
 *  - a NUL byte (or NUL code unit) is always refused with its offset.
 *
 * Tokenising: a token is a maximal run of letters, marks and numbers
 * (Unicode general categories L*, M*, N*).  Default-ignorable format
 * characters inside a run (soft hyphen, zero-width space and joiners,
 * word joiner, BOM) do not end it and are dropped from the normalised
 * form, so an invisible character planted inside a word keeps the word
 * whole.  Runs longer than TOKEN_MAX_BYTES bytes are cut into pieces so
 * that normalised forms always fit their 16-bit length.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/array.h"
#include "base/file.h"
#include "base/utf8.h"
#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "leaktrace/text.h"
#include "text/text_internal.h"

#define TOKEN_MAX_BYTES 1024

/* ------------------------------------------------------------------------
 * Decoding
 * --------------------------------------------------------------------- */

const char *lt_encoding_name(lt_encoding enc)
{
	switch (enc) {
	case LT_ENC_UTF8: return "utf-8";
	case LT_ENC_UTF8_BOM: return "utf-8-bom";
	case LT_ENC_UTF16LE: return "utf-16le";
	case LT_ENC_UTF16BE: return "utf-16be";
	case LT_ENC_LATIN1: return "latin-1";
	}
	return "unknown";
}

/* Windows-1252 for bytes 0x80-0x9F; U+FFFD where it defines nothing. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178
};

/* Report a NUL byte at `off`, hinting at BOM-less UTF-16 when it looks so. */
static int nul_error(const unsigned char *s, size_t len, size_t off)
{
	if (len >= 2 && (s[0] == 0) != (s[1] == 0))
		return lt_error_set(LT_EINPUT,
			"NUL byte at offset %zu (UTF-16 without a byte-order "
			"mark is not supported)", off);
	return lt_error_set(LT_EINPUT, "NUL byte at offset %zu", off);
}

/* Convert UTF-16 (after its BOM, starting at byte `base`) to UTF-8. */
static int decode_utf16(lt_buf *out, const unsigned char *s, size_t len,
			size_t base, int big_endian)
{
	size_t i;
	int rc;

	if ((len - base) % 2)
		return lt_error_set(LT_EINPUT,
			"UTF-16 text has an odd number of bytes (%zu)", len);
	rc = lt_buf_reserve(out, len - base + (len - base) / 2);
	if (rc)
		return rc;
	for (i = base; i < len; i += 2) {
		uint32_t u = big_endian ? ((uint32_t)s[i] << 8 | s[i + 1])
					: ((uint32_t)s[i + 1] << 8 | s[i]);
		if (u == 0)
			return lt_error_set(LT_EINPUT,
				"NUL character at offset %zu", i);
		if (u >= 0xDC00 && u <= 0xDFFF)
			return lt_error_set(LT_EINPUT,
				"unpaired UTF-16 low surrogate at offset %zu",
				i);
		if (u >= 0xD800 && u <= 0xDBFF) {
			uint32_t lo;

			if (i + 3 >= len)
				return lt_error_set(LT_EINPUT,
					"unpaired UTF-16 high surrogate at "
					"offset %zu", i);
			lo = big_endian ? ((uint32_t)s[i + 2] << 8 | s[i + 3])
					: ((uint32_t)s[i + 3] << 8 | s[i + 2]);
			if (lo < 0xDC00 || lo > 0xDFFF)
				return lt_error_set(LT_EINPUT,
					"unpaired UTF-16 high surrogate at "
					"offset %zu", i);
			u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
			i += 2;
		}
		rc = lt_utf8_put(out, u);
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* Convert Windows-1252 / Latin-1 bytes to UTF-8. */
static int decode_latin1(lt_buf *out, const unsigned char *s, size_t len)
{
	size_t i;
	int rc = lt_buf_reserve(out, len * 2);

	if (rc)
		return rc;
	for (i = 0; i < len; i++) {
		uint32_t c = s[i];

		if (c >= 0x80 && c < 0xA0)
			c = cp1252_high[c - 0x80];
		rc = lt_utf8_put(out, c);
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* Decode bytes to UTF-8; see text.h.  On failure `out` is left as it was. */
int lt_text_decode(lt_buf *out, const void *data, size_t len,
		   lt_encoding *enc)
{
	const unsigned char *s = data;
	size_t old_len = out->len, bad;
	const void *nul;
	lt_encoding e;
	int rc;

	if (len && !s)
		return lt_error_set(LT_EUSAGE, "lt_text_decode: NULL data");
	if (len >= 2 && (s[0] == 0xFF && s[1] == 0xFE)) {
		e = LT_ENC_UTF16LE;
		rc = decode_utf16(out, s, len, 2, 0);
	} else if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
		e = LT_ENC_UTF16BE;
		rc = decode_utf16(out, s, len, 2, 1);
	} else {
		size_t base = 0;

		nul = len ? memchr(s, 0, len) : NULL;
		if (nul)
			return nul_error(s, len,
					 (size_t)((const unsigned char *)nul - s));
		if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
			base = 3;
		bad = base + lt_utf8_invalid_at(s + base, len - base);
		if (base && bad < len)
			return lt_error_set(LT_EINPUT,
				"invalid UTF-8 at offset %zu after a UTF-8 "
				"byte-order mark", bad);
		if (bad == len) {
			e = base ? LT_ENC_UTF8_BOM : LT_ENC_UTF8;
			rc = lt_buf_append(out, s + base, len - base);
		} else {
			e = LT_ENC_LATIN1;
			rc = decode_latin1(out, s, len);
		}
	}
	if (rc) {
		out->len = old_len;
		if (out->data)
			out->data[old_len] = '\0';
		return rc;
	}
	rc = lt_buf_reserve(out, 0); /* always hand back a terminated string */
	if (rc)
		return rc;
	out->data[out->len] = '\0';
	if (enc)
		*enc = e;
	return LT_OK;
}

/*
 * Read a whole file (lt_file_read) and decode it.  Missing, unreadable,
 * directory and too-large files are LT_EINPUT; a failing read() is
 * LT_EIO.  Every message starts with the path.
 */
int lt_text_read_file(lt_buf *out, const char *path, size_t max_bytes,
		      lt_encoding *enc)
{
	lt_buf raw = {0};
	char msg[1024];
	int rc;

	if (!path)
		return lt_error_set(LT_EUSAGE, "lt_text_read_file: NULL path");
	if ((rc = lt_file_read(&raw, path, max_bytes)))
		goto done;
	rc = lt_text_decode(out, raw.data, raw.len, enc);
	if (rc) {
		snprintf(msg, sizeof(msg), "%s", lt_error_message());
		rc = lt_error_set(rc, "%s: %s", path, msg);
	}
done:
	lt_buf_free(&raw);
	return rc;
}

/* ------------------------------------------------------------------------
 * Tokenising
 * --------------------------------------------------------------------- */

#define NORM_OPTIONS                                                        \
	(UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |           \
	 UTF8PROC_STRIPMARK | UTF8PROC_IGNORE)

/* What a code point is to the tokeniser. */
enum { CP_OTHER = 0, CP_LETTER, CP_MARK, CP_NUMBER, CP_IGNORABLE };

/* Classify code point `cp`; `upper` is set for upper/title case letters. */
static int classify(uint32_t cp, int *upper)
{
	*upper = 0;
	if (cp < 0x80) {
		if (cp >= 'a' && cp <= 'z')
			return CP_LETTER;
		if (cp >= 'A' && cp <= 'Z') {
			*upper = 1;
			return CP_LETTER;
		}
		if (cp >= '0' && cp <= '9')
			return CP_NUMBER;
		return CP_OTHER;
	}
	if (cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
	    cp == 0xFEFF)
		return CP_IGNORABLE;
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		*upper = 1;
		return CP_LETTER;
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return CP_LETTER;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return CP_MARK;
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return CP_NUMBER;
	default:
		return CP_OTHER;
	}
}

/* Is `cp` a line break (for blank-line detection)? */
static int is_line_break(uint32_t cp)
{
	return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C ||
	       cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

/* Is `cp` white space that may sit on an otherwise blank line? */
static int is_blank_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200D) || cp == 0x202F ||
	       cp == 0x205F || cp == 0x2060 || cp == 0x3000 || cp == 0xFEFF;
}

/*
 * 64-bit hash of a byte string: FNV-1a followed by a strong final mix
 * (murmur3's fmix64) so that nearby inputs spread over all bits.
 */
static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/* Scratch space for normalising tokens without an allocation per token. */
typedef struct norm_scratch {
	utf8proc_int32_t *buf;
	size_t cap; /* in code points */
} norm_scratch;

/*
 * Append the normalised form of the token s[0..n) to the pool (without
 * its NUL) and return its length through *out_len.
 */
static int normalise_token(lt_buf *pool, norm_scratch *sc, const char *s,
			   size_t n, int ascii, size_t *out_len)
{
	utf8proc_ssize_t got, bytes;
	size_t i, start = pool->len;
	int rc;

	if (ascii) {
		rc = lt_buf_reserve(pool, n);
		if (rc)
			return rc;
		for (i = 0; i < n; i++) {
			char c = s[i];

			if (c >= 'A' && c <= 'Z')
				c = (char)(c + ('a' - 'A'));
			pool->data[pool->len++] = c;
		}
		pool->data[pool->len] = '\0';
		*out_len = n;
		return LT_OK;
	}
	for (;;) {
		got = utf8proc_decompose((const utf8proc_uint8_t *)s,
					 (utf8proc_ssize_t)n, sc->buf,
					 (utf8proc_ssize_t)sc->cap,
					 NORM_OPTIONS);
		if (got < 0)
			return lt_error_set(LT_EINTERNAL,
				"normalisation failed: %s",
				utf8proc_errmsg(got));
		if ((size_t)got < sc->cap)
			break;
		if ((rc = LT_ARRAY_GROW(sc->buf, sc->cap, (size_t)got + 64)))
			return rc;
	}
	bytes = utf8proc_reencode(sc->buf, got, NORM_OPTIONS);
	if (bytes < 0)
		return lt_error_set(LT_EINTERNAL, "normalisation failed: %s",
				    utf8proc_errmsg(bytes));
	/* Keep the form within the 16-bit length, cut on a character. */
	while (bytes > 65535) {
		bytes--;
		while (bytes > 0 &&
		       (((const unsigned char *)sc->buf)[bytes] & 0xC0) == 0x80)
			bytes--;
	}
	rc = lt_buf_append(pool, sc->buf, (size_t)bytes);
	if (rc)
		return rc;
	*out_len = pool->len - start;
	return LT_OK;
}

/* Append one token to `t`, growing its array as needed. */
static int push_token(lt_tokens *t, size_t *cap, const lt_token *tok)
{
	int rc = LT_ARRAY_GROW(t->tok, *cap, t->n + 1);

	if (rc)
		return rc;
	t->tok[t->n++] = *tok;
	return LT_OK;
}

/* Tokenise valid UTF-8; see text.h. */
int lt_tokenize(lt_tokens **out, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	lt_tokens *t;
	lt_buf pool = {0};
	norm_scratch sc = {0};
	size_t cap = 0, i = 0;
	int para = 1, line_break_seen = 0, rc = LT_OK;

	*out = NULL;
	if (len && !text)
		return lt_error_set(LT_EUSAGE, "lt_tokenize: NULL text");
	if (len > UINT32_MAX)
		return lt_error_set(LT_EINPUT,
			"text too large to tokenise (%zu bytes)", len);
	t = calloc(1, sizeof(*t));
	if (!t)
		return lt_error_set(LT_ENOMEM, "out of memory");
	if (len)
		rc = lt_buf_reserve(&pool, len + len / 4 + 16);
	else
		rc = lt_buf_reserve(&pool, 0);
	if (rc)
		goto fail;

	while (i < len) {
		uint32_t cp;
		size_t n = lt_utf8_next(s + i, len - i, &cp);
		int upper, cls = classify(cp, &upper);

		if (cls == CP_LETTER || cls == CP_MARK || cls == CP_NUMBER) {
			lt_token tok;
			size_t start = i, end, norm_len = 0;
			int ascii = 1, has_letter = 0, capital = 0;

			/* Extend the run. */
			end = i;
			while (end < len && end - start < TOKEN_MAX_BYTES) {
				uint32_t c2;
				size_t n2 = lt_utf8_next(s + end, len - end, &c2);
				int up2, cl2 = classify(c2, &up2);

				if (cl2 == CP_IGNORABLE) {
					/* Continue only if a token character
					 * follows the ignorables. */
					size_t k = end + n2;
					int upk, clk = CP_OTHER;

					while (k < len) {
						uint32_t ck;
						size_t nk = lt_utf8_next(s + k,
							len - k, &ck);

						clk = classify(ck, &upk);
						if (clk != CP_IGNORABLE)
							break;
						k += nk;
					}
					if (k >= len || clk == CP_OTHER ||
					    clk == CP_IGNORABLE)
						break;
					ascii = 0;
					end = k;
					continue;
				}
				if (cl2 == CP_OTHER)
					break;
				if (n2 > 1 || s[end] >= 0x80)
					ascii = 0;
				if (cl2 == CP_LETTER && !has_letter) {
					has_letter = 1;
					capital = up2;
				}
				end += n2;
			}
			/* Never cut inside a character (TOKEN_MAX_BYTES). */
			memset(&tok, 0, sizeof(tok));
			tok.start = (uint32_t)start;
			tok.end = (uint32_t)end;
			tok.norm = (uint32_t)pool.len;
			rc = normalise_token(&pool, &sc, text + start,
					     end - start, ascii, &norm_len);
			if (rc)
				goto fail;
			tok.norm_len = (uint16_t)norm_len;
			rc = lt_buf_putc(&pool, '\0');
			if (rc)
				goto fail;
			tok.hash = hash_bytes(pool.data + tok.norm, norm_len);
			tok.kind = has_letter ? LT_TOK_WORD : LT_TOK_NUMBER;
			tok.flags = (uint8_t)((capital ? LT_TOKF_CAPITAL : 0) |
					      (para ? LT_TOKF_PARA_START : 0));
			rc = push_token(t, &cap, &tok);
			if (rc)
				goto fail;
			para = 0;
			line_break_seen = 0;
			i = end;
			continue;
		}
		/* Between tokens: watch for a blank line. */
		if (cp == '\r' && i + 1 < len && s[i + 1] == '\n') {
			n = 2; /* CRLF is one line break */
			cp = '\n';
		}
		if (cp == 0x2029) {
			para = 1;
		} else if (is_line_break(cp)) {
			if (line_break_seen)
				para = 1;
			line_break_seen = 1;
		} else if (!is_blank_space(cp)) {
			line_break_seen = 0;
		}
		i += n;
	}
	free(sc.buf);
	t->pool = lt_buf_detach(&pool, &t->pool_len);
	*out = t;
	return LT_OK;
fail:
	free(sc.buf);
	lt_buf_free(&pool);
	free(t->tok);
	free(t);
	return rc;
}

/* Free tokens made by lt_tokenize (NULL is fine). */
void lt_tokens_free(lt_tokens *t)
{
	if (!t)
		return;
	free(t->tok);
	free(t->pool);
	free(t);
}

/* Normalised form of token i, or "" when i is out of range. */
const char *lt_token_norm(const lt_tokens *t, size_t i)
{
	if (!t || i >= t->n || !t->pool)
		return "";
	return t->pool + t->tok[i].norm;
}

/* ------------------------------------------------------------------------
 * Folding
 * --------------------------------------------------------------------- */

/* Is `cp` folded to a space under LT_FOLD_SPACE? */
static int fold_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	       cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0xA0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
	       cp == 0x205F || cp == 0x3000;
}

/* Is `cp` a zero-width character dropped under LT_FOLD_SPACE? */
static int fold_is_zero_width(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
	       cp == 0xFEFF;
}

/*
 * Under LT_FOLD_PUNCT: the ASCII replacement of `cp`, or NULL when it has
 * none.  Dashes map to "-" (runs are collapsed by the caller).
 */
static const char *fold_punct(uint32_t cp)
{
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
		return "'";
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
		return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212:
		return "-";
	case 0x2026:
		return "...";
	}
	return NULL;
}

/* Fold UTF-8 text for comparison; see text.h. */
int lt_text_fold(lt_buf *out, const char *s, size_t len, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)s;
	utf8proc_uint8_t *mapped = NULL;
	lt_buf clean = {0};
	size_t old_len = out->len, i = 0;
	int rc = LT_OK, pending_space = 0, any = 0, last_dash = 0;

	if (len && !s)
		return lt_error_set(LT_EUSAGE, "lt_text_fold: NULL text");
	if (flags & (LT_FOLD_CASE | LT_FOLD_MARKS)) {
		utf8proc_ssize_t m;
		int opt = UTF8PROC_COMPOSE;

		/* utf8proc needs valid UTF-8: replace bad bytes first. */
		if (lt_utf8_invalid_at(p, len) < len || memchr(p, 0, len)) {
			while (i < len && rc == LT_OK) {
				uint32_t cp;
				size_t n = lt_utf8_next(p + i, len - i, &cp);

				rc = cp ? lt_utf8_put(&clean, cp)
					: lt_buf_putc(&clean, ' ');
				i += n;
			}
			if (rc)
				goto done;
			p = (const unsigned char *)clean.data;
			len = clean.len;
			i = 0;
		}
		if (flags & LT_FOLD_CASE)
			opt |= UTF8PROC_CASEFOLD;
		if (flags & LT_FOLD_MARKS)
			opt |= UTF8PROC_STRIPMARK;
		m = utf8proc_map(p, (utf8proc_ssize_t)len, &mapped,
				 (utf8proc_option_t)opt);
		if (m < 0) {
			rc = m == UTF8PROC_ERROR_NOMEM
				? lt_error_set(LT_ENOMEM, "out of memory folding text")
				: lt_error_set(LT_EINTERNAL, "folding failed: %s",
					       utf8proc_errmsg(m));
			goto done;
		}
		p = mapped;
		len = (size_t)m;
	}
	rc = lt_buf_reserve(out, len);
	if (rc)
		goto done;
	while (i < len) {
		uint32_t cp;
		size_t n = lt_utf8_next(p + i, len - i, &cp);
		const char *rep = NULL;

		i += n;
		if (flags & LT_FOLD_SPACE) {
			if (fold_is_zero_width(cp))
				continue;
			if (fold_is_space(cp)) {
				pending_space = 1;
				last_dash = 0;
				continue;
			}
			if (pending_space && any) {
				rc = lt_buf_putc(out, ' ');
				if (rc)
					goto done;
			}
			pending_space = 0;
		}
		if (flags & LT_FOLD_PUNCT) {
			rep = fold_punct(cp);
			if (cp == '-' || (rep && rep[0] == '-')) {
				if (last_dash)
					continue; /* "--", "---", "–-" */
				last_dash = 1;
				rc = lt_buf_putc(out, '-');
				any = 1;
				if (rc)
					goto done;
				continue;
			}
			last_dash = 0;
		}
		rc = rep ? lt_buf_puts(out, rep) : lt_utf8_put(out, cp);
		if (rc)
			goto done;
		any = 1;
	}
	if (!out->data)
		rc = lt_buf_reserve(out, 0);
	if (!rc)
		out->data[out->len] = '\0';
done:
	free(mapped);
	lt_buf_free(&clean);
	if (rc) {
		out->len = old_len;
		if (out->data)
			out->data[old_len] = '\0';
	}
	return rc;
}

/* ------------------------------------------------------------------------
 * Edit distance
 * --------------------------------------------------------------------- */

/*
 * Banded Levenshtein (or, with `transpositions`, optimal-string-alignment)
 * distance between code point arrays.  Only cells within `limit` of the
 * diagonal are computed; returns limit+1 as soon as every cell of a row
 * exceeds it.  Shared with align.c, which wants transpositions counted as
 * one edit when matching typo'd words.
 */
size_t lt_edit_distance_cp(const uint32_t *a, size_t n, const uint32_t *b,
			   size_t m, size_t limit, int transpositions)
{
	size_t stack[3][72], *rows[3], *heap = NULL;
	size_t i, j, k, inf, result;

	k = limit;
	if (k > (n > m ? n : m))
		k = n > m ? n : m;
	if ((n > m ? n - m : m - n) > k)
		return limit + 1;
	if (n == 0 || m == 0)
		return n > m ? n : m;
	inf = k + 1;
	if (m + 2 <= 72) {
		rows[0] = stack[0];
		rows[1] = stack[1];
		rows[2] = stack[2];
	} else {
		if (m + 2 > (size_t)-1 / (3 * sizeof(size_t)))
			return limit + 1;
		heap = malloc(3 * (m + 2) * sizeof(size_t));
		if (!heap)
			return limit + 1; /* cannot tell: treat as too far */
		rows[0] = heap;
		rows[1] = heap + (m + 2);
		rows[2] = heap + 2 * (m + 2);
	}
	/* Row 0. */
	for (j = 0; j <= m && j <= k; j++)
		rows[1][j] = j;
	if (j <= m)
		rows[1][j] = inf;
	result = inf;
	for (i = 1; i <= n; i++) {
		size_t *cur = rows[(i + 1) % 3], *prev = rows[i % 3];
		size_t *prev2 = rows[(i + 2) % 3];
		size_t lo = i > k ? i - k : 1, hi = i + k < m ? i + k : m;
		size_t best = inf;

		cur[lo - 1] = lo == 1 ? (i <= k ? i : inf) : inf;
		for (j = lo; j <= hi; j++) {
			size_t v = prev[j - 1] + (a[i - 1] != b[j - 1]);

			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (transpositions && i > 1 && j > 1 &&
			    a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			if (v > inf)
				v = inf;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (hi + 1 <= m)
			cur[hi + 1] = inf;
		if (best > k && !(lo == 1 && cur[0] <= k)) {
			free(heap);
			return limit + 1;
		}
		if (i == n)
			result = cur[m];
	}
	free(heap);
	return result > k ? limit + 1 : result;
}

/* Decode UTF-8 into a code point array; *out is `stack` or malloc'd. */
static int to_cps(const char *s, size_t len, uint32_t *stack, size_t cap,
		  uint32_t **out, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t *a = stack;
	size_t i = 0, k = 0;

	if (len > cap) {
		a = malloc(len * sizeof(*a));
		if (!a)
			return LT_ENOMEM;
	}
	while (i < len)
		i += lt_utf8_next(p + i, len - i, &a[k++]);
	*out = a;
	*n = k;
	return LT_OK;
}

/* Code-point Levenshtein distance, capped at limit+1; see text.h. */
/* Levenshtein or optimal-string-alignment distance of two UTF-8 strings. */
static size_t edit_distance(const char *a, size_t alen, const char *b,
			    size_t blen, size_t limit, int transpositions)
{
	uint32_t sa[64], sb[64], *ca = NULL, *cb = NULL;
	size_t na = 0, nb = 0, d;

	if (limit == (size_t)-1)
		limit = (size_t)-2; /* keep limit+1 representable */
	if ((alen && !a) || (blen && !b))
		return limit + 1;
	if (to_cps(a, alen, sa, 64, &ca, &na) ||
	    to_cps(b, blen, sb, 64, &cb, &nb)) {
		d = limit + 1; /* out of memory: cannot tell */
		goto done;
	}
	d = lt_edit_distance_cp(ca, na, cb, nb, limit, transpositions);
done:
	if (ca && ca != sa)
		free(ca);
	if (cb && cb != sb)
		free(cb);
	return d;
}

size_t lt_edit_distance(const char *a, size_t alen, const char *b,
			size_t blen, size_t limit)
{
	return edit_distance(a, alen, b, blen, limit, 0);
}

size_t lt_edit_distance_typo(const char *a, size_t alen, const char *b,
			     size_t blen, size_t limit)
{
	return edit_distance(a, alen, b, blen, limit, 1);
}
