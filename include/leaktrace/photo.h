/*
 * photo.h - reading a photographed, scanned or screenshotted page.
 *
 * Flow: decode (image.h, EXIF orientation honoured) -> find the page in the
 * picture and correct its perspective -> deskew -> flatten uneven light ->
 * binarise (Leptonica) -> OCR with Tesseract's C API, keeping every word's
 * box (in the rectified page's pixels) and confidence.  The rectified
 * page's coordinate system is what the layout reader measures in, so it is
 * kept consistent: x to the right, y down, one unit = one pixel of the
 * rectified page.
 *
 * The two functions here load the OCR engine for the one call; a program
 * that reads many pages keeps an OCR context instead (ocr.h).
 */
#ifndef LEAKTRACE_PHOTO_H
#define LEAKTRACE_PHOTO_H

#include <stddef.h>

#include "leaktrace/extract.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * OCR the image file at `path` (PNG or JPEG) into `e` (text, words with
 * boxes and confidences, timings); appends to what `e` holds, as page
 * `e->pages` (then increments it).  LT_EINPUT for a damaged image, and a
 * clear message when the English OCR data is not installed.
 */
int lt_photo_extract(lt_extract *e, const char *path);

/*
 * The same for an image already in memory: 8-bit grey or RGB rows
 * (`channels` 1 or 3), `stride` bytes per row.  Used for PDF pages that
 * have no text layer (rendered by Poppler first).
 */
int lt_photo_extract_pixels(lt_extract *e, const unsigned char *pixels,
			    int width, int height, int channels, int stride);

#ifdef __cplusplus
}
#endif
#endif
