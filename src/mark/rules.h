/*
 * rules.h - private interface between the slot module (slots.c) and the
 * rule families (rules.c) with their word lists (wordlists.c).
 *
 * slots.c strips the author's markup, then hands the plain text to
 * lt_rules_find(), which runs every rule family over it and returns
 * candidate slots.  Candidates may overlap; slots.c resolves conflicts and
 * builds the public lt_slot_set.  Nothing here is exported from liblt's
 * public headers.
 */
#ifndef LEAKTRACE_RULES_H
#define LEAKTRACE_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/buf.h"
#include "leaktrace/slots.h"

/* Rule families.  The numbers are stored in saved slot sets: append only. */
enum lt_family {
	LT_FAM_MARKUP = 0,
	LT_FAM_SERIAL_COMMA,
	LT_FAM_OPTIONAL_THAT,
	LT_FAM_ABBREVIATION,
	LT_FAM_NUMBER_WORD,
	LT_FAM_PERCENT,
	LT_FAM_CONTRACTION,
	LT_FAM_SYNONYM,
	LT_FAM_HYPHENATION,
	LT_FAM_INTRO_COMMA,
	LT_FAM_SPELLING,
	LT_FAM_CAPITALISATION,
	LT_FAM_PAIR_ORDER,
	LT_FAM_OPTIONAL_OF,
	LT_FAM_QUOTES,
	LT_FAM_APOSTROPHE,
	LT_FAM_DASH,
	LT_FAM_SENTENCE_SPACE,
	LT_FAM_NBSP,
	LT_FAM_RELATIVE_WHICH,
	LT_FAM_COMBINED, /* two adjacent slots merged into one (slots.c) */
	LT_FAM_CLAUSE_COMMA,
	LT_FAM_RELATIVE_WHO,
	LT_FAM_LIST_ORDER,
	LT_FAM_DATE,
	LT_FAM_TOPIC_PREPOSITION,
	LT_FAM_NUMBER_FORMAT,
	LT_FAM_LETTER,
	LT_FAM_ASIDE,
	LT_FAM_RATE,
	LT_FAM_AMOUNT,
	LT_FAM_OPTIONAL_TO,
	LT_FAM_COMPOUND_HEAD,
	LT_FAM_COUNT
};

/* One word token of the plain text (letters, marks and digits). */
typedef struct lt_word {
	uint32_t start;
	uint32_t end;
} lt_word;

/* Split `text` into word tokens as lt_tokenize() does (runs of Unicode
 * letters, marks and digits).  *out is malloc'ed; LT_ENOMEM on failure. */
int lt_words_split(lt_word **out, size_t *n, const char *text, size_t len);

/* A candidate slot.  Variant bytes live in the candidate list's arena. */
typedef struct lt_cand {
	uint32_t start;
	uint32_t end;
	uint16_t family;
	uint8_t nvariants;
	uint32_t var_off[LT_SLOT_MAX_VARIANTS];
	uint32_t var_len[LT_SLOT_MAX_VARIANTS];
} lt_cand;

typedef struct lt_cand_list {
	lt_cand *c;
	size_t n;
	size_t cap;
	lt_buf arena;
} lt_cand_list;

/* Append a candidate with `nv` variants (v[0] must equal the text of
 * [start, end)).  Duplicate variants are dropped; fewer than two left is
 * not an error, just no candidate. */
int lt_cand_add(lt_cand_list *l, uint32_t start, uint32_t end,
		unsigned family, unsigned nv, const char *const *v,
		const size_t *vlen);
void lt_cand_list_free(lt_cand_list *l);

/* Run every rule family over `text` (markup already removed), appending
 * candidates to `out`.  `words` are the text's tokens. */
int lt_rules_find(lt_cand_list *out, const char *text, size_t len,
		  const lt_word *words, size_t nwords);

/* Whether a variant of a typographic slot is "marked" (not plain ASCII
 * typing: curly quotes, no-break space, two spaces, em or en dash). */
int lt_variant_marked(const char *v);

/* Word lists (wordlists.c); each NULL-terminated. */
extern const char *const lt_wl_synonyms[];
extern const char *const lt_wl_hyphens[];
extern const char *const lt_wl_spelling[];
extern const char *const lt_wl_pairs[];
extern const char *const lt_wl_intro[];
extern const char *const lt_wl_institutions[];
extern const char *const lt_wl_report_verbs[];
extern const char *const lt_wl_clause_starters[];
extern const char *const lt_wl_style_uk[];
extern const char *const lt_wl_style_us[];

#endif
