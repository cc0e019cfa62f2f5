/*
 * style.h - the style profile of one document, read from the document
 * itself: its variety of English, its house-style habits and its register.
 *
 * The rule context (rules/common.c) computes the profile once per text;
 * the rule families read it to offer only forms the document's own house
 * style would use, and the safety pass (rules/safety.c) reads it to decide
 * which candidates stay default and which become suggestions.  Nothing
 * here changes the text or finds a slot.
 */
#ifndef LEAKTRACE_STYLE_H
#define LEAKTRACE_STYLE_H

#include <stddef.h>

#include "mark/rules.h"

/* Variety of English.  The values equal STYLE_* of rules/common.h. */
enum lt_variety {
	LT_VARIETY_UNKNOWN = 0,
	LT_VARIETY_UK = 1,
	LT_VARIETY_US = 2
};

typedef struct lt_style {
	/* variety: the evidence for each side and the verdict; unknown
	 * unless one side clearly outweighs the other */
	unsigned uk, us;
	int variety;             /* enum lt_variety */
	/* register: legal or regulatory text (statutes, judgments,
	 * contracts, sanctions, directives) */
	unsigned legal_hits;     /* occurrences of legal markers */
	unsigned legal_kinds;    /* distinct kinds of marker seen */
	int legal;
	/* house-style habits, as counts of what the text writes */
	unsigned dq_straight, dq_curly;       /* double quotation marks */
	unsigned apos_straight, apos_curly;   /* apostrophes inside words */
	unsigned dash_em, dash_en, dash_double, dash_hyphen; /* between words */
	unsigned space_one, space_two;        /* after a sentence's stop */
	unsigned num_words, num_digits;       /* two to nine, before a word */
	unsigned dotted_abbr, undotted_abbr;  /* "U.S." / "US" and the like */
	unsigned words;
} lt_style;

/* Compute the profile of `text` (its word tokens `w`) into *out.  Never
 * fails; an empty text gives an all-unknown profile. */
void lt_style_profile(lt_style *out, const char *text, size_t len,
		      const lt_word *w, size_t nw);

/* "UK", "US" or "unknown" (for reports and tests). */
const char *lt_variety_name(int variety);

#endif
