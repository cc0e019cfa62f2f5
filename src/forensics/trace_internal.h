/*
 * trace_internal.h - tracing for liblt's own modules (the scanner), which
 * have identified the document already and record their own event.
 */
#ifndef LT_TRACE_INTERNAL_H
#define LT_TRACE_INTERNAL_H

#include <stddef.h>

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

#endif
