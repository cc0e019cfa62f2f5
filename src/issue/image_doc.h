/*
 * image_doc.h - an image original (a PNG or JPEG figure) loaded for work:
 * its decoded pixels from the vault and its image-mark grid from the
 * document key.  Issue marks copies of it; trace reads leaks against it.
 */
#ifndef LT_ISSUE_IMAGE_DOC_H
#define LT_ISSUE_IMAGE_DOC_H

#include "identify/doc.h"
#include "leaktrace/image.h"
#include "render/image_mark.h"
#include "store/vault_internal.h"

/* How an image original is decoded, at register and after: upright (its
 * EXIF orientation applied), full size. */
extern const lt_image_options lt_image_doc_decode;

typedef struct lt_image_doc {
	lt_image *orig;   /* the original's pixels */
	lt_imark *grid;   /* its image slots */
	lt_image_format format;
} lt_image_doc;

/* True when a document's recorded format is an image's ("png", "jpeg"). */
int lt_image_doc_format(const char *format);

/*
 * The figure `orig` with the image symbols `sym` embedded (grid `grid`,
 * render/image_mark.h), encoded as `format` (JPEG at quality
 * LT_IMAGE_DOC_JPEG_QUALITY) into `out` (cleared first).  A JPEG's own
 * loss adds to the mark's: the file is decoded again and, when it keeps
 * less than LT_IMARK_MIN_PSNR against the original, made again with a
 * fainter mark.  *psnr (may be NULL) gets the PSNR of the JPEG as decoded
 * (of the marked pixels for PNG).
 */
#define LT_IMAGE_DOC_JPEG_QUALITY 95
int lt_image_doc_mark(lt_buf *out, const lt_image *orig, const lt_imark *grid,
		      const uint8_t *sym, lt_image_format format, double *psnr);

/* Load the image original of `d` (LT_EVAULT when the vault lost it or
 * it no longer decodes).  Free with lt_image_doc_free(). */
int lt_image_doc_load(lt_image_doc **out, lt_vault *v, const lt_doc *d);
void lt_image_doc_free(lt_image_doc *g);

#endif
