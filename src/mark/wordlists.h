/*
 * wordlists.h - the curated word lists (wordlists.c): the phrase groups
 * and context lists behind the lexical rule families, and the lists of
 * words that matter (numbers, negations, months) shared with the
 * verification of a leaked text (forensics/verify.c).
 *
 * Data only; each list is NULL-terminated unless its size is given.
 */
#ifndef LEAKTRACE_WORDLISTS_H
#define LEAKTRACE_WORDLISTS_H

/* Phrase groups "FLAGS:variant|variant|..." (flags in wordlists.c). */
extern const char *const lt_wl_synonyms[];
extern const char *const lt_wl_hyphens[];
extern const char *const lt_wl_spelling[];
/* Fixed pairs "a|b": "a and b" <-> "b and a". */
extern const char *const lt_wl_pairs[];
/* Context lists of the rule families. */
extern const char *const lt_wl_intro[];
extern const char *const lt_wl_institutions[];
extern const char *const lt_wl_report_verbs[];
extern const char *const lt_wl_clause_starters[];
/* Words that show a British or an American house style. */
extern const char *const lt_wl_style_uk[];
extern const char *const lt_wl_style_us[];
/* Words that show legal or regulatory text. */
extern const char *const lt_wl_legal[];
/* Adjectives: endings, plain ones, and those whose order means something
 * (never reordered). */
extern const char *const lt_wl_adjective_suffixes[];
extern const char *const lt_wl_adjectives[];
extern const char *const lt_wl_ordered_adjectives[];

/* Number words by value: "zero" .. "nineteen". */
extern const char *const lt_wl_number_units[20];
/* Tens by value / 10: "twenty" .. "ninety" at 2..9; 0 and 1 are "". */
extern const char *const lt_wl_number_tens[10];
/* Negations: "not", "no", "never", "without"... */
extern const char *const lt_wl_negations[];
/* Month names (0..11) then weekday names, lower case. */
extern const char *const lt_wl_months[];

#endif
