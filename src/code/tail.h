/*
 * tail.h - rigorous upper tail of a sum of independent two-point terms.
 *
 * The accusation test needs P(S >= s) for S = sum_i T_i, where T_i equals
 * step * a[i] with probability p[i] and step * b[i] otherwise, the terms
 * independent.  The scores are defined on the grid (integer multiples of
 * `step`), so the distribution of S is computed exactly by convolution
 * over a window of the grid; everything that leaves the window is moved
 * conservatively (below the window: up to its floor; above it: to +inf).
 * A Chernoff bound, precomputed for a fixed set of exponents, covers the
 * far tail.  Each query then costs O(number of exponents).
 *
 * Private to liblt; the code module is its only user besides the tests.
 */
#ifndef LEAKTRACE_TAIL_H
#define LEAKTRACE_TAIL_H

#include <stddef.h>
#include <stdint.h>

typedef struct lt_tail lt_tail;

/*
 * Precompute the tail of the sum of `n` terms (n may be 0).  `step` is a
 * positive power of two; a[i] and b[i] are grid units, |a|,|b| < 2^24;
 * p[i] in [0,1] is the probability of a[i].  Returns LT_OK or LT_ENOMEM /
 * LT_EUSAGE.
 */
int lt_tail_new(lt_tail **out, const int32_t *a, const int32_t *b,
		const double *p, size_t n, double step);
/*
 * The same with a work budget (terms * bins) for the convolution: above it
 * the convolution runs on a coarser grid, every term rounded up to it, so
 * the result stays an upper bound (looser; the Chernoff bound, on the exact
 * terms, then usually wins).  lt_tail_new uses 2e7.
 */
int lt_tail_new_budget(lt_tail **out, const int32_t *a, const int32_t *b,
		       const double *p, size_t n, double step, double budget);
void lt_tail_free(lt_tail *t);

/* Rigorous upper bound on P(S >= s), in [0,1]; 0 only when s exceeds the
 * largest value S can take. */
double lt_tail_upper(const lt_tail *t, double s);

/* The two bounds separately (for tests): the convolution and Chernoff. */
double lt_tail_convolution(const lt_tail *t, double s);
double lt_tail_chernoff(const lt_tail *t, double s);

/* Number of grid bins the convolution kept (for benchmarks and tests). */
size_t lt_tail_bins(const lt_tail *t);

#endif
