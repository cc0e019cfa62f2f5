/*
 * text_internal.h - helpers shared by text.c and align.c, not part of the
 * public API.
 */
#ifndef LEAKTRACE_TEXT_INTERNAL_H
#define LEAKTRACE_TEXT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/*
 * Banded edit distance between code point arrays a[0..n) and b[0..m):
 * Levenshtein, or optimal-string-alignment distance (an adjacent
 * transposition counts as one edit) when `transpositions` is non-zero.
 * Returns limit+1 as soon as the distance is known to exceed `limit`.
 */
size_t lt_edit_distance_cp(const uint32_t *a, size_t n, const uint32_t *b,
			   size_t m, size_t limit, int transpositions);

#endif
