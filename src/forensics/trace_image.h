/*
 * trace_image.h - reading a leaked picture as a figure of a registered
 * image document (trace_image.c); trace.c scores what it reads.
 */
#ifndef LT_FORENSICS_TRACE_IMAGE_H
#define LT_FORENSICS_TRACE_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/vault.h"
#include "identify/doc.h"
#include "read/image_mark_read.h"

/* What a picture of a figure gave. */
typedef struct lt_image_leak {
	char *doc_id;           /* the image document it is, or the Word
				   original it is a figure of */
	int figure;             /* that figure (0-based), -1 for an image
				   document */
	int16_t *symbols;       /* its image slots as read (-1 unread) */
	size_t n;               /* image slots */
	size_t at;              /* where they lie in the code's extension */
	size_t total;           /* slots of the whole extension (every
				   figure's of a Word original) */
	lt_imark_reading reading;
	int distance;           /* PDQ distance to the original */
	lt_image *orig;         /* the figure's original (for verify) */
	lt_image *picture;      /* the picture, decoded */
} lt_image_leak;

/*
 * When the picture in `len` bytes (`name` for messages) is a figure of a
 * registered image document, or a figure inside a registered Word
 * original (by PDQ hash), read its image slots against the original: *handled 1 and *out filled (free with
 * lt_image_leak_clear()).  Otherwise (no picture, or no image document
 * like it) *handled 0 and LT_OK: the caller reads it as usual (a photo of
 * text goes to OCR).
 */
int lt_image_leak_read(lt_image_leak *out, lt_vault *v, const void *data,
		       size_t len, const char *name, int *handled);

/* As lt_image_leak_read(), taking figures up to PDQ distance
 * `max_distance` (verify: an altered figure's hash moves further). */
int lt_image_leak_read_near(lt_image_leak *out, lt_vault *v,
			    const void *data, size_t len, const char *name,
			    int max_distance, int *handled);

/* As lt_image_leak_read(), for the file at `path`. */
int lt_image_leak_file(lt_image_leak *out, lt_vault *v, const char *path,
		       int *handled);

void lt_image_leak_clear(lt_image_leak *l);

/*
 * The figures of the Word file pkg[0..len), a copy of Word original `d`:
 * each figure's image slots read against the original's figure
 * (issue/figures.h) into *obs (allocated; *total of them, the whole
 * extension after the text slots, -1 where unread; *observed read).  None
 * (*obs NULL, *total 0) when the original has no figures or the file is no
 * readable package; a figure missing or broken in the file stays unread.
 */
int lt_image_leak_docx(int16_t **obs, size_t *total, size_t *observed,
		       lt_vault *v, const lt_doc *d, const void *pkg,
		       size_t len);

#endif
