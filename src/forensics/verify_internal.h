/*
 * verify_internal.h - verification for liblt's own modules (the scanner),
 * which have identified the document already and record their own event.
 */
#ifndef LT_VERIFY_INTERNAL_H
#define LT_VERIFY_INTERNAL_H

#include <stddef.h>

#include "leaktrace/render.h"
#include "leaktrace/verify.h"

/*
 * As lt_verify_text(), except that when `doc_id` is not NULL the text is
 * aligned with that document instead of being identified, no digest is
 * looked up, and a "verify" event is recorded only when `record` is set.
 * `source` is the lt_extract_kind the text came from: OCR'd text is read
 * as noisy, with the OCR `words` (may be NULL) giving the reader's
 * confidence.
 */
int lt_verify_run(lt_verify_result **out, lt_vault *v, const char *text,
		  size_t len, const char *doc_id, int record, int source,
		  const lt_seen_word *words, size_t nwords);

/* The verdict and changes as compact JSON:
 * {"verdict": ..., "changes": [{"kind","original","found","at",
 * "original_at","confidence"}]}. */
int lt_verify_summary_json(lt_buf *out, const lt_verify_result *r);

#endif
