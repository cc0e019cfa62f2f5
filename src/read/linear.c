/*
 * linear.c - Gauss-Jordan elimination of an 8 x 8 system (linear.h).
 */
#include <math.h>

#include "read/linear.h"

int lt_solve8(double a[8][9], double x[8])
{
	int i, j, k;

	for (i = 0; i < 8; i++) {
		int p = i;

		for (j = i + 1; j < 8; j++)
			if (fabs(a[j][i]) > fabs(a[p][i]))
				p = j;
		if (fabs(a[p][i]) < 1e-12)
			return -1;
		if (p != i)
			for (k = 0; k < 9; k++) {
				double t = a[i][k];

				a[i][k] = a[p][k];
				a[p][k] = t;
			}
		for (j = 0; j < 8; j++) {
			double f;

			if (j == i)
				continue;
			f = a[j][i] / a[i][i];
			for (k = i; k < 9; k++)
				a[j][k] -= f * a[i][k];
		}
	}
	for (i = 0; i < 8; i++)
		x[i] = a[i][8] / a[i][i];
	return 0;
}
