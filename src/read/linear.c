/*
 * linear.c - Gauss-Jordan elimination of a small dense system (linear.h).
 */
#include <math.h>

#include "read/linear.h"

int lt_solve(double *a, int n, double *x, double tiny)
{
	int i, j, k, w = n + 1;

	for (i = 0; i < n; i++) {
		int p = i;

		for (j = i + 1; j < n; j++)
			if (fabs(a[j * w + i]) > fabs(a[p * w + i]))
				p = j;
		if (fabs(a[p * w + i]) < tiny)
			return -1;
		if (p != i)
			for (k = 0; k < w; k++) {
				double t = a[i * w + k];

				a[i * w + k] = a[p * w + k];
				a[p * w + k] = t;
			}
		for (j = 0; j < n; j++) {
			double f;

			if (j == i)
				continue;
			f = a[j * w + i] / a[i * w + i];
			for (k = i; k < w; k++)
				a[j * w + k] -= f * a[i * w + k];
		}
	}
	for (i = 0; i < n; i++)
		x[i] = a[i * w + n] / a[i * w + i];
	return 0;
}

int lt_solve8(double a[8][9], double x[8])
{
	return lt_solve(&a[0][0], 8, x, 1e-12);
}
