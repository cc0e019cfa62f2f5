/*
 * ocr.h - a long-lived OCR context: Tesseract loaded once, reused for
 * every page read through it.
 *
 * Loading the English model takes a good part of a second, so a program
 * that reads many pages (a server, a scan of a feed) makes one context per
 * thread and keeps it.  Nothing is loaded until the first page is read;
 * after each page the engine forgets what it adapted to, so a page reads
 * the same whichever pages came before it.
 *
 * Threads: a context is used by one thread at a time (make one per
 * thread).  Several contexts may read pages in parallel.  The process-wide
 * settings OCR needs (OpenMP kept to the calling thread, Leptonica's
 * messages off) are made once, by the first context created.
 *
 * Errors: a failing call on a context records its code and message in it
 * (lt_ocr_errcode(), lt_ocr_errmsg()), as well as in the thread's last
 * error (error.h).
 */
#ifndef LEAKTRACE_OCR_H
#define LEAKTRACE_OCR_H

#include <stddef.h>

#include "leaktrace/extract.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lt_ocr lt_ocr;

/* How to find the OCR data (zero-initialise, then set what is wanted). */
typedef struct lt_ocr_options {
	/* Directory holding eng.traineddata, or a directory whose tessdata/
	 * subdirectory holds it (what TESSDATA_PREFIX names); NULL: the places
	 * Tesseract's packages install it. */
	const char *tessdata;
	/* What one file read through the context may cost (extract.h);
	 * zero: the defaults. */
	lt_ocr_budget budget;
} lt_ocr_options;

/*
 * A new context (`opts` may be NULL for the defaults); free with
 * lt_ocr_free().  Cheap: the model is loaded by the first page read.
 * LT_OK or LT_ENOMEM (recorded in the thread's last error).
 */
int lt_ocr_new(lt_ocr **out, const lt_ocr_options *opts);
void lt_ocr_free(lt_ocr *ocr);

/* Set the budget of every file read through `ocr` from now on (NULL:
 * the defaults); see lt_ocr_budget in extract.h. */
void lt_ocr_set_budget(lt_ocr *ocr, const lt_ocr_budget *budget);

/* The outcome of the last call on `ocr`: LT_OK and "" when it worked.
 * The message is owned by the context, valid until its next call. */
int lt_ocr_errcode(const lt_ocr *ocr);
const char *lt_ocr_errmsg(const lt_ocr *ocr);

/*
 * Read the page image in memory (`len` bytes of PNG or JPEG; `name`, for
 * messages, may be NULL) into `e` as its next page, as lt_photo_extract()
 * does for a file.  LT_EINPUT for a damaged image; LT_EIO when the
 * English OCR data cannot be found.
 */
int lt_ocr_read_image(lt_ocr *ocr, lt_extract *e, const void *data,
		      size_t len, const char *name);

/* As lt_photo_extract() and lt_photo_extract_pixels() (photo.h), with
 * this context. */
int lt_ocr_read_file(lt_ocr *ocr, lt_extract *e, const char *path);
int lt_ocr_read_pixels(lt_ocr *ocr, lt_extract *e,
		       const unsigned char *pixels, int width, int height,
		       int channels, int stride);

#ifdef __cplusplus
}
#endif
#endif
