/*
 * array.c - growing arrays with overflow checks (array.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "leaktrace/error.h"

int lt_array_grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t ncap = *cap ? *cap : 16;
	void *old, *grown;

	if (need <= *cap)
		return LT_OK;
	if (elem == 0 || need > SIZE_MAX / elem)
		return lt_error_set(LT_ENOMEM, "out of memory (%zu elements of "
				    "%zu bytes)", need, elem);
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	if (ncap > SIZE_MAX / elem)
		ncap = need;
	memcpy(&old, p, sizeof(old));
	if (!(grown = realloc(old, ncap * elem)))
		return lt_error_set(LT_ENOMEM, "out of memory (%zu elements of "
				    "%zu bytes)", ncap, elem);
	memcpy(p, &grown, sizeof(grown));
	*cap = ncap;
	return LT_OK;
}
