/*
 * array.h - growing a malloc'ed array, with the size arithmetic checked.
 *
 * Every growable array of liblt (tokens, pairs, candidates, sightings,
 * file names...) is a pointer, a count and a capacity; lt_array_grow()
 * is the one place that enlarges one.
 */
#ifndef LT_BASE_ARRAY_H
#define LT_BASE_ARRAY_H

#include <stddef.h>

/*
 * Make the array *p of *cap elements of `elem` bytes hold at least `need`
 * elements: the capacity doubles (from 16) until it does, and the array is
 * reallocated.  *p may be NULL with *cap 0.  Returns LT_OK, or LT_ENOMEM
 * (with a message) when memory is short or the size would overflow; *p
 * and *cap are then left as they were, so the caller still owns *p.
 */
int lt_array_grow(void **p, size_t *cap, size_t need, size_t elem);

/* lt_array_grow() for a typed pointer `arr` and its capacity `cap`. */
#define LT_ARRAY_GROW(arr, cap, need)                                      \
	lt_array_grow((void **)&(arr), &(cap), (need), sizeof(*(arr)))

#endif
