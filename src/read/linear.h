/*
 * linear.h - solving the small dense linear systems of the picture
 * readers (a homography through four points, rectify.c; through many by
 * least squares, image_mark_read.c; an affine map, pdf_picture.c).
 */
#ifndef LT_READ_LINEAR_H
#define LT_READ_LINEAR_H

/*
 * Solve the n x n system held row by row in a (each row: n coefficients,
 * then the right-hand side) by Gauss-Jordan elimination with partial
 * pivoting; `a` is destroyed.  x receives the solution.  0, or -1 when a
 * pivot is under `tiny` in magnitude (singular, or nearly).
 */
int lt_solve(double *a, int n, double *x, double tiny);

/*
 * Solve the 8 x 8 system held in a (each row: 8 coefficients, then the
 * right-hand side) by Gauss-Jordan elimination with partial pivoting;
 * `a` is destroyed.  x receives the solution.  0, or -1 when singular.
 */
int lt_solve8(double a[8][9], double x[8]);

#endif
