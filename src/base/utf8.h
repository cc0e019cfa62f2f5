/*
 * utf8.h - the one UTF-8 decoder of liblt, built on utf8proc.
 *
 * Valid means shortest form, no surrogates, nothing above U+10FFFF, as
 * utf8proc_iterate() checks.  Every reader of UTF-8 bytes in the library
 * (the text decoder and tokeniser, the export readers, the aligner, the
 * verifier) steps through them with these functions.
 */
#ifndef LT_BASE_UTF8_H
#define LT_BASE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/buf.h"

/*
 * Decode one code point from s[0..len).  Returns the number of bytes it
 * takes (1-4) and stores it in *cp; returns 0 (and leaves *cp alone) when
 * the bytes at s are not a valid UTF-8 sequence or len is 0.
 */
size_t lt_utf8_decode(const void *s, size_t len, uint32_t *cp);

/*
 * Like lt_utf8_decode() but never fails on len > 0: an invalid byte is
 * U+FFFD with a length of 1.  For text that should be valid but must not
 * make the reader misbehave when it is not.
 */
size_t lt_utf8_next(const void *s, size_t len, uint32_t *cp);

/* Offset of the first byte of s[0..len) that is not valid UTF-8, or len. */
size_t lt_utf8_invalid_at(const void *s, size_t len);

/* The number of code points of valid UTF-8 (lead bytes counted). */
size_t lt_utf8_count(const void *s, size_t len);

/* Whether byte offset `off` of s[0..len) starts a character (or is len). */
int lt_utf8_at_boundary(const void *s, size_t len, size_t off);

/* Encode code point `cp` (a scalar value) into out; returns 1-4. */
size_t lt_utf8_encode(uint32_t cp, char out[4]);

/* Append code point `cp` (a scalar value) to `b` as UTF-8. */
int lt_utf8_put(lt_buf *b, uint32_t cp);

#endif
