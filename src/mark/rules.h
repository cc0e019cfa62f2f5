/*
 * rules.h - private interface between the slot module (slots.c) and the
 * rule families (src/mark/rules/, one file per family or small group)
 * with their word lists (wordlists.c).
 *
 * slots.c strips the author's markup, then hands the plain text to
 * lt_rules_find(), which runs every family of the registry over it and
 * returns candidate slots.  Candidates may overlap; slots.c resolves
 * conflicts (by channel and rank, from the registry) and builds the public
 * lt_slot_set.  Nothing here is exported from liblt's public headers.
 *
 * Adding a family: a number at the end of enum lt_family, a file in
 * src/mark/rules/ with its function, a row in the registry
 * (rules/registry.c) and positive examples in tests/test_rules.c.
 */
#ifndef LEAKTRACE_RULES_H
#define LEAKTRACE_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/buf.h"
#include "leaktrace/slots.h"
#include "mark/wordlists.h"

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
	LT_FAM_INTRO_PHRASE_COMMA,
	LT_FAM_WHETHER_TO,
	LT_FAM_WEEKDAY_ON,
	LT_FAM_ADJECTIVE_ORDER,
	LT_FAM_TIME_COMMA,
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

/*
 * Why a slot is only suggested (lt_slot.why; lt_slot_why_text() gives the
 * words).  Stored in saved slot sets: append only.
 */
enum lt_why {
	LT_WHY_NONE = 0,
	LT_WHY_SYNONYM,      /* a synonym may shift meaning or register */
	LT_WHY_CONTRACTION,  /* a contraction changes the register */
	LT_WHY_NUMBER,       /* a number written another way */
	LT_WHY_DATE,         /* a date written another way */
	LT_WHY_OPTIONAL,     /* an optional word left out or put in */
	LT_WHY_ORDER,        /* words or items in another order */
	LT_WHY_CASE,         /* a capital letter changed */
	LT_WHY_LEGAL,        /* legal or regulatory text: terms are fixed */
	LT_WHY_PUNCTUATION,  /* punctuation that may change the reading */
	LT_WHY_STYLE,        /* a form the document's house style may avoid */
	LT_WHY_COUNT
};

/* A candidate slot.  Variant bytes live in the candidate list's arena. */
typedef struct lt_cand {
	uint32_t start;
	uint32_t end;
	uint16_t family;
	uint8_t nvariants;
	uint8_t use;         /* lt_slot_use: the family's default unless the
				rule or the safety pass says otherwise */
	uint8_t why;         /* enum lt_why, for a suggested candidate */
	/* Document-level group key: candidates of one family with the same
	 * non-zero key become one group (one choice per copy); 0 groups by
	 * identical variants when the family's scope is the document. */
	uint32_t key;
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

/* The facts a rule family reads about one text (rules/common.h). */
typedef struct lt_rule_ctx lt_rule_ctx;

/* How far one choice of a family reaches. */
enum lt_scope {
	LT_SCOPE_SLOT = 0,    /* each occurrence is a slot of its own */
	LT_SCOPE_DOC = 1      /* a repeated form is one choice per copy */
};

/* What is known of a family (rules/families.c). */
typedef struct lt_rule_family {
	unsigned family;	/* enum lt_family */
	const char *name;	/* as in slot sets and JSON */
	lt_channel channel;
	uint8_t rank;		/* lower wins a conflict between equals */
	uint8_t use;		/* lt_slot_use of its candidates before the
				   safety pass (rules/safety.c) */
	uint8_t why;		/* enum lt_why when suggested */
	uint8_t scope;		/* enum lt_scope */
} lt_rule_family;

/* The facts of `family`, or NULL for an unknown number. */
const lt_rule_family *lt_rule_family_of(unsigned family);

/*
 * One row of the registry (rules/registry.c): a function that finds
 * candidates of `family` (a family may have several rows).
 * lt_rules_find() runs the rows in registry order; the order matters,
 * since between otherwise equal candidates the one found first wins
 * (slots.c).
 */
typedef struct lt_rule_step {
	unsigned family;	/* enum lt_family */
	int (*find)(lt_rule_ctx *c);
} lt_rule_step;

extern const lt_rule_step lt_rule_registry[];
extern const size_t lt_rule_registry_len;

/* Run every function of the registry over `text` (markup already
 * removed), appending candidates to `out`, then the safety pass
 * (rules/safety.c), which reads the document's style profile
 * (mark/style.h) and decides each candidate's use, reason and group key.
 * `words` are the text's tokens. */
int lt_rules_find(lt_cand_list *out, const char *text, size_t len,
		  const lt_word *words, size_t nwords);

/* Whether a variant of a typographic slot is "marked" (not plain ASCII
 * typing: curly quotes, no-break space, two spaces, em or en dash). */
int lt_variant_marked(const char *v);

#endif
