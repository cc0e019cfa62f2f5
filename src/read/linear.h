/*
 * linear.h - solving the small dense linear systems of the picture
 * readers (a homography through four points, rectify.c; through many by
 * least squares, image_mark_read.c).
 */
#ifndef LT_READ_LINEAR_H
#define LT_READ_LINEAR_H

/*
 * Solve the 8 x 8 system held in a (each row: 8 coefficients, then the
 * right-hand side) by Gauss-Jordan elimination with partial pivoting;
 * `a` is destroyed.  x receives the solution.  0, or -1 when singular.
 */
int lt_solve8(double a[8][9], double x[8]);

#endif
