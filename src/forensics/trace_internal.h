/*
 * trace_internal.h - tracing for liblt's own modules (the scanner), which
 * have identified the document already and record their own event.
 */
#ifndef LT_TRACE_INTERNAL_H
#define LT_TRACE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/render.h"
#include "leaktrace/trace.h"

/*
 * As lt_trace_text(), except that when `doc_id` is not NULL the text is
 * aligned with that document instead of being identified, and that a
 * "trace" event is recorded only when `record_event` is non-zero.  The
 * result is freed with lt_trace_result_free().
 */
int lt_trace_run(lt_trace_result **out, lt_vault *v, const char *text,
		 size_t len, const char *doc_id, int record_event);

/* As lt_trace_run(), with the words seen on rendered pages (their layout
 * marks count too). */
int lt_trace_run_words(lt_trace_result **out, lt_vault *v, const char *text,
		       size_t len, const char *doc_id, int record_event,
		       const lt_seen_word *words, size_t nwords);

/*
 * Trace the image symbols symbols[0..nimage) read from a figure of the
 * image document `doc_id` (trace_image.c): the document's code extended
 * by its nimage image slots, scored and bounded as any trace, recorded as
 * a "trace" event.
 */
int lt_trace_run_image(lt_trace_result **out, lt_vault *v,
		       const char *doc_id, const int16_t *symbols,
		       size_t nimage, const lt_trace_options *opt);

/*
 * When the picture in `len` bytes (`name` for messages) is a figure of a
 * registered image document (by PDQ hash), trace it by its image marks:
 * *handled 1 and the result in *out.  Otherwise (no picture, or no
 * image document like it) *handled 0 and LT_OK: the caller reads it as
 * usual (a photo of text goes to OCR).
 */
int lt_trace_image_buffer(lt_trace_result **out, lt_vault *v,
			  const void *data, size_t len, const char *name,
			  const lt_trace_options *opt, int *handled);

/* As lt_trace_image_buffer(), for the file at `path`. */
int lt_trace_image_file(lt_trace_result **out, lt_vault *v, const char *path,
			const lt_trace_options *opt, int *handled);

#endif
