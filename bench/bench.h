/*
 * bench.h - what every benchmark shares: a monotonic clock in seconds.
 * Header only, so that each bench/bench_*.c stays one program.
 */
#ifndef LT_BENCH_H
#define LT_BENCH_H

#include <time.h>

static inline double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#endif
