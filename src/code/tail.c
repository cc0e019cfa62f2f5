/*
 * tail.c - rigorous upper tail of an innocent recipient's score.
 *
 * An innocent's score is S = sum_i T_i with independent two-point terms:
 * T_i = step*a[i] with probability p[i], else step*b[i] (see tail.h).  The
 * accuser defines its scores on this grid, so no term is approximated: the
 * only departures from the exact distribution are conservative ones.
 *
 *   1. Convolution.  The distribution of the partial sums is kept on a
 *      window [lo, hi] of grid points chosen around the final mean
 *      (-12 to +40 standard deviations, clipped to the reachable range).
 *      Mass that would fall below the window is lifted to its floor; mass
 *      that would rise above it is kept aside as "overflow" and counted as
 *      exceeding every threshold.  Vanishing probabilities (< 1e-290) at the
 *      edges of the support are moved the same way: upwards, never down.
 *      When the window times the number of terms exceeds the work budget,
 *      the convolution runs on a grid `coarse` times wider, every term
 *      rounded up to it (S <= coarse * S'), which is again conservative.
 *      All these moves can only increase the tail, so the survival function
 *      computed from the top (never by subtraction) is an upper bound.
 *      Floating point: every operation adds or multiplies non-negative
 *      numbers, so the relative error is below (n + bins) * 2^-53, covered
 *      by a factor (1 + 1e-9); underflow loses at most ops * 2^-1074,
 *      covered by adding 1e-300.
 *
 *   2. Chernoff.  P(S >= s) <= exp(K(l) - l*s) for every l > 0, where
 *      K(l) = sum_i log(p e^{l a} + (1-p) e^{l b}).  K is precomputed on a
 *      geometric set of exponents; any of them gives a valid bound, so the
 *      query takes the smallest.
 *
 * The answer is the smaller of the two, and 0 exactly when s is above the
 * largest reachable score.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "code/tail.h"

#define TAIL_NLAMBDA 64
#define TAIL_TINY 1e-290
#define TAIL_MAX_BINS ((size_t)1 << 22)
#define TAIL_REL_SLACK 1e-9
#define TAIL_ABS_SLACK 1e-300
#define TAIL_BUDGET 2.0e7 /* terms * bins */

struct lt_tail {
	double step;       /* score grid step */
	int64_t coarse;    /* convolution grid = coarse * step */
	int64_t max_units; /* largest reachable sum, grid units */
	int64_t lo;        /* grid value of surv[0] */
	size_t nsurv;      /* surv[z] = P(S' >= lo + z) incl. overflow */
	double *surv;
	double overflow;   /* mass counted above every grid point */
	double lambda[TAIL_NLAMBDA]; /* per score unit */
	double logm[TAIL_NLAMBDA];   /* K(lambda) */
};

/*
 * Add prob * in[z] to out[z + shift] for z in [lo, hi]; what lands below 0
 * goes to *below, what lands above last goes to *above.
 */
static void tail_add_shifted(double *restrict out, const double *restrict in,
			     int64_t lo, int64_t hi, int64_t shift,
			     int64_t last, double prob, double *below,
			     double *above)
{
	int64_t z, mid_lo = lo, mid_hi = hi;
	double acc;

	if (mid_lo + shift < 0)
		mid_lo = -shift;
	if (mid_hi + shift > last)
		mid_hi = last - shift;
	acc = 0;
	for (z = lo; z <= hi && z < mid_lo; z++)
		acc += in[z];
	*below += prob * acc;
	acc = 0;
	for (z = (mid_hi + 1 > lo ? mid_hi + 1 : lo); z <= hi; z++)
		acc += in[z];
	*above += prob * acc;
	if (mid_lo > mid_hi)
		return;
	{
		double *restrict o = out + mid_lo + shift;
		const double *restrict s = in + mid_lo;
		int64_t k, len = mid_hi - mid_lo + 1;

		for (k = 0; k < len; k++)
			o[k] += prob * s[k];
	}
}

/* ceil(x / m) for m > 0, either sign of x. */
static int64_t tail_ceil_div(int64_t x, int64_t m)
{
	return x >= 0 ? (x + m - 1) / m : -((-x) / m);
}

/*
 * The coarsening factor (a power of two) that keeps the convolution
 * within `budget` terms * bins and TAIL_MAX_BINS bins.  The window spans
 * about 52 standard deviations of the sum, at most its whole range.
 */
static int64_t tail_choose_coarse(const int32_t *a, const int32_t *b,
				  const double *p, size_t n, double budget)
{
	double var = 0, range = 0, window, m = 1;
	size_t i;

	for (i = 0; i < n; i++) {
		double d = fabs((double)a[i] - (double)b[i]);

		var += p[i] * (1 - p[i]) * d * d;
		range += d;
	}
	window = 52 * sqrt(var) + 64;
	if (window > range + 1)
		window = range + 1;
	while (m < 1073741824.0 &&
	       (window / m > (double)TAIL_MAX_BINS / 4 ||
		(double)n * (window / m) > budget))
		m *= 2;
	return (int64_t)m;
}

/*
 * Run the windowed convolution and fill t->surv, t->lo, t->overflow.
 */
static int tail_convolve(lt_tail *t, const int32_t *fa, const int32_t *fb,
			 const double *p, size_t n)
{
	int64_t minsum = 0, maxsum = 0, maxjump = 0, wlo, whi, lo, hi, z0;
	double mean = 0, var = 0, sd, overflow = 0, *in, *out, *tmp;
	int32_t *a = NULL, *b = NULL;
	size_t i, width;

	if (n) {
		a = malloc(n * sizeof(*a));
		b = malloc(n * sizeof(*b));
		if (!a || !b) {
			free(a);
			free(b);
			return lt_error_set(LT_ENOMEM, "out of memory");
		}
	}
	for (i = 0; i < n; i++) {
		int64_t hiv, lov;
		double d;

		/* Round up to the convolution grid: never below the term. */
		a[i] = (int32_t)tail_ceil_div(fa[i], t->coarse);
		b[i] = (int32_t)tail_ceil_div(fb[i], t->coarse);
		hiv = a[i] > b[i] ? a[i] : b[i];
		lov = a[i] > b[i] ? b[i] : a[i];
		d = (double)a[i] - (double)b[i];

		minsum += lov;
		maxsum += hiv;
		if (hiv - lov > maxjump)
			maxjump = hiv - lov;
		mean += p[i] * a[i] + (1 - p[i]) * b[i];
		var += p[i] * (1 - p[i]) * d * d;
	}
	sd = sqrt(var);
	wlo = (int64_t)floor(mean - 12 * sd) - 1;
	if (wlo > 0)
		wlo = 0;
	if (wlo < minsum)
		wlo = minsum;
	whi = (int64_t)ceil(mean + 40 * sd) + maxjump + 1;
	if (whi < 0)
		whi = 0;
	if (whi > maxsum)
		whi = maxsum;
	if (whi < wlo)
		whi = wlo;
	if ((uint64_t)(whi - wlo) >= TAIL_MAX_BINS)
		whi = wlo + (int64_t)TAIL_MAX_BINS - 1;
	width = (size_t)(whi - wlo + 1);

	in = calloc(width, sizeof(*in));
	out = calloc(width, sizeof(*out));
	if (!in || !out) {
		free(in);
		free(out);
		free(a);
		free(b);
		return lt_error_set(LT_ENOMEM, "out of memory (tail of %zu bins)",
				    width);
	}
	/* The empty sum is 0: place it, lifted or overflowing if need be. */
	z0 = -wlo;
	if (z0 < 0)
		z0 = 0;
	lo = hi = z0;
	if (z0 > (int64_t)width - 1) {
		overflow = 1;
		lo = hi = 0;
	} else {
		in[z0] = 1;
	}
	for (i = 0; i < n && overflow < 1; i++) {
		int64_t s1 = a[i], s2 = b[i], nlo, nhi, last = width - 1;
		double below = 0;

		nlo = lo + (s1 < s2 ? s1 : s2);
		nhi = hi + (s1 > s2 ? s1 : s2);
		if (nlo < 0)
			nlo = 0;
		if (nhi > last)
			nhi = last;
		if (nlo > last)
			nlo = last;
		if (nhi < 0)
			nhi = 0;
		memset(out + nlo, 0, (size_t)(nhi - nlo + 1) * sizeof(*out));
		tail_add_shifted(out, in, lo, hi, s1, last, p[i], &below,
				 &overflow);
		tail_add_shifted(out, in, lo, hi, s2, last, 1 - p[i], &below,
				 &overflow);
		out[nlo] += below; /* below > 0 only when nlo == 0 */
		/* Trim vanishing edges: bottom mass moves up, top mass out. */
		while (nlo < nhi && out[nlo] < TAIL_TINY) {
			out[nlo + 1] += out[nlo];
			out[nlo] = 0;
			nlo++;
		}
		while (nhi > nlo && out[nhi] < TAIL_TINY) {
			overflow += out[nhi];
			out[nhi] = 0;
			nhi--;
		}
		memset(in + lo, 0, (size_t)(hi - lo + 1) * sizeof(*in));
		tmp = in;
		in = out;
		out = tmp;
		lo = nlo;
		hi = nhi;
	}
	free(out);
	free(a);
	free(b);

	/* Survival from the top: surv[z] = sum_{z' >= z} in[z'] + overflow. */
	t->surv = in; /* reuse: in-place suffix sums */
	t->overflow = overflow;
	t->lo = wlo;
	if (overflow >= 1) {
		t->nsurv = 0;
		return LT_OK;
	}
	{
		double acc = overflow;
		int64_t z;

		for (z = hi; z >= 0; z--) {
			acc += in[z];
			in[z] = acc;
		}
	}
	t->nsurv = (size_t)hi + 1;
	return LT_OK;
}

/*
 * log(p e^x + (1-p) e^y) without overflow.
 */
static double tail_log_mix(double p, double x, double y)
{
	double m = x > y ? x : y;

	if (p <= 0)
		return y;
	if (p >= 1)
		return x;
	return m + log(p * exp(x - m) + (1 - p) * exp(y - m));
}

/*
 * Precompute K(lambda) for a geometric set of exponents spanning the
 * Gaussian regime (lambda ~ s / var) up to the heavy far tail.
 */
static void tail_chernoff_prepare(lt_tail *t, const int32_t *a,
				  const int32_t *b, const double *p, size_t n)
{
	double var = 0, sd, lmin, lmax, ratio;
	size_t i, j;

	for (i = 0; i < n; i++) {
		double d = ((double)a[i] - (double)b[i]) * t->step;

		var += p[i] * (1 - p[i]) * d * d;
	}
	sd = sqrt(var);
	if (sd < 1e-3)
		sd = 1e-3;
	lmin = 0.01 / sd;
	lmax = 20.0;
	if (lmax < 10 * lmin)
		lmax = 10 * lmin;
	ratio = pow(lmax / lmin, 1.0 / (TAIL_NLAMBDA - 1));
	for (j = 0; j < TAIL_NLAMBDA; j++) {
		double l = lmin * pow(ratio, (double)j), k = 0;

		for (i = 0; i < n; i++)
			k += tail_log_mix(p[i], l * t->step * a[i],
					  l * t->step * b[i]);
		t->lambda[j] = l;
		t->logm[j] = k;
	}
}

int lt_tail_new(lt_tail **out, const int32_t *a, const int32_t *b,
		const double *p, size_t n, double step)
{
	return lt_tail_new_budget(out, a, b, p, n, step, TAIL_BUDGET);
}

int lt_tail_new_budget(lt_tail **out, const int32_t *a, const int32_t *b,
		       const double *p, size_t n, double step, double budget)
{
	lt_tail *t;
	size_t i;
	int rc;

	*out = NULL;
	if (!(step > 0) || !(budget > 0) || (n && (!a || !b || !p)))
		return lt_error_set(LT_EUSAGE, "tail: bad arguments");
	t = calloc(1, sizeof(*t));
	if (!t)
		return lt_error_set(LT_ENOMEM, "out of memory");
	t->step = step;
	for (i = 0; i < n; i++)
		t->max_units += a[i] > b[i] ? a[i] : b[i];
	t->coarse = tail_choose_coarse(a, b, p, n, budget);
	rc = tail_convolve(t, a, b, p, n);
	if (rc) {
		free(t);
		return rc;
	}
	tail_chernoff_prepare(t, a, b, p, n);
	*out = t;
	return LT_OK;
}

void lt_tail_free(lt_tail *t)
{
	if (!t)
		return;
	free(t->surv);
	free(t);
}

size_t lt_tail_bins(const lt_tail *t)
{
	return t->nsurv;
}

/*
 * Smallest grid value k (in units) with k * step >= s, rounded down by at
 * most one unit when s/step is within rounding of an integer, which only
 * raises the tail.
 */
static double tail_units(const lt_tail *t, double s)
{
	double u = s / t->step;

	return ceil(u - 1e-9 * (fabs(u) + 1));
}

double lt_tail_convolution(const lt_tail *t, double s)
{
	double k = tail_units(t, s), z, v;

	if (k > (double)t->max_units)
		return 0;
	/* S <= coarse * S', so S >= k implies S' >= ceil(k / coarse). */
	k = ceil(k / (double)t->coarse);
	z = k - (double)t->lo;
	if (t->nsurv == 0)
		v = 1;
	else if (z <= 0)
		v = t->surv[0];
	else if (z >= (double)t->nsurv)
		v = t->overflow;
	else
		v = t->surv[(size_t)z];
	v = v * (1 + TAIL_REL_SLACK) + TAIL_ABS_SLACK;
	return v > 1 ? 1 : v;
}

double lt_tail_chernoff(const lt_tail *t, double s)
{
	double best = 0, v;
	size_t j;

	if (tail_units(t, s) > (double)t->max_units)
		return 0;
	for (j = 0; j < TAIL_NLAMBDA; j++) {
		double e = t->logm[j] - t->lambda[j] * s;

		if (e < best)
			best = e;
	}
	/* Slack for rounding in the sum of logarithms. */
	v = exp(best + 1e-12 * fabs(best) + 1e-9);
	if (v < TAIL_ABS_SLACK)
		v = TAIL_ABS_SLACK;
	return v > 1 ? 1 : v;
}

double lt_tail_upper(const lt_tail *t, double s)
{
	double c = lt_tail_convolution(t, s), h = lt_tail_chernoff(t, s);

	return c < h ? c : h;
}
