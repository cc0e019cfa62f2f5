/*
 * identify.h - which registered document a text is: the one place that
 * decides it, for trace, verify and scan alike.
 *
 * A text's chosen shingles vote for candidate documents (match.h); the
 * best candidates are aligned with the text and kept when the alignment
 * is convincing (a dense run of aligned words, not scattered common
 * words).  A one-shot identifier (lt_identify) reads the index from the
 * store; a long-lived one (lt_identifier_new with `resident` set, for the
 * scanner) loads it into memory and keeps recently used documents loaded.
 * Both give the same answer for the same text and vault.
 */
#ifndef LT_IDENTIFY_H
#define LT_IDENTIFY_H

#include <stddef.h>

#include "leaktrace/text.h"
#include "identify/doc.h"
#include "store/vault_internal.h"

/* At most this many documents are aligned with, and found in, a text. */
#define LT_IDENTIFY_MAX 4
/* A text of fewer tokens is never identified (a cheap early answer). */
#define LT_IDENTIFY_MIN_TOKENS 12

typedef struct lt_identifier lt_identifier;

/* One document a text was found to quote. */
typedef struct lt_identified {
	lt_doc *doc;       /* owned by the identifier (see lt_identifier_find) */
	lt_alignment *al;  /* the text aligned with doc->tok; caller frees */
	double similarity; /* aligned words / the longer aligned stretch */
} lt_identified;

/*
 * An identifier over vault `v` (which must outlive it).  With `resident`
 * set the shingle index is loaded now and documents stay loaded between
 * texts.  Freed with lt_identifier_free().
 */
int lt_identifier_new(lt_identifier **out, lt_vault *v, int resident);
void lt_identifier_free(lt_identifier *id);

/*
 * The documents `text` quotes, most aligned words first, at most `max`
 * (<= LT_IDENTIFY_MAX), into out[]; *n gets their number.  Each doc stays
 * valid until the next call or lt_identifier_free(); each al is the
 * caller's.
 */
int lt_identifier_find(lt_identifier *id, const lt_tokens *text,
		       lt_identified *out, size_t max, size_t *n);

/*
 * Align `text` with the document `d` as identification does: whole, or,
 * for a text far longer than the document whose whole alignment does not
 * convince (a copy pasted many times over), on its best window.  For
 * callers that already know the document (a scan's trace).  Free *out
 * with lt_alignment_free().
 */
int lt_identify_align(lt_alignment **out, const lt_doc *d,
		      const lt_tokens *text);

/*
 * One-shot: the registered document `text` comes from, if any.  On
 * success *doc and *al are set (both NULL when no document matches); the
 * caller frees them.
 */
int lt_identify(lt_vault *v, const lt_tokens *text, lt_doc **doc,
		lt_alignment **al);

#endif
