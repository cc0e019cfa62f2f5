/*
 * hash.h - the 64-bit finaliser liblt's shingle hashes are mixed with
 * (MurmurHash3's fmix64): every input bit affects every output bit.
 */
#ifndef LT_HASH_H
#define LT_HASH_H

#include <stdint.h>

static inline uint64_t lt_mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

#endif
