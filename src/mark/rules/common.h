/*
 * common.h - what the rule families share: the rule context (facts about
 * every word of the text, computed once by lt_rule_ctx_init), small
 * accessors, the helpers defined in common.c and the family functions
 * that the registry (registry.c) runs.  Private to src/mark/rules/.
 *
 * Common guarantees, kept by every family but the quotation marks
 * themselves:
 *   - nothing inside a quotation is changed (lt_rule_add_alts drops such
 *     a candidate);
 *   - a word capitalised in mid-sentence (a name) is never a trigger;
 *   - numbers keep their value, negations and modals ("not", "shall",
 *     "must", "may", "will") are never variants.
 */
#ifndef LEAKTRACE_RULES_COMMON_H
#define LEAKTRACE_RULES_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "leaktrace/error.h"
#include "mark/rules.h"
#include "mark/style.h"

/* Facts about a word, in lt_rule_ctx.wf. */
enum {
	WF_CAP = 1,     /* first letter upper case, rest not all caps */
	WF_ALLCAPS = 2, /* two or more letters, all upper case */
	WF_DIGITS = 4,  /* ASCII digits only */
	WF_LOWER = 8,   /* ASCII lower-case letters only */
	WF_SENT = 16,   /* starts a sentence, a paragraph or a list item */
	WF_QUOTED = 32  /* inside a quotation */
};

/* The house style a text shows by its spellings. */
enum { STYLE_NEUTRAL = 0, STYLE_UK = 1, STYLE_US = 2 };

/* A pair of quotation marks: byte offsets and lengths of both marks. */
typedef struct qpair {
	uint32_t open, open_len, close, close_len;
} qpair;

/* The rule context: the text, its words and the facts about them. */
struct lt_rule_ctx {
	const char *t;
	size_t len;
	const lt_word *w;
	size_t nw;
	char *lc;          /* lower-case ASCII forms, NUL-separated */
	uint32_t *lco;     /* offset of word i's form in lc */
	uint8_t *wf;       /* WF_* per word */
	uint8_t *quoted;   /* per byte: inside a quotation */
	qpair *qp;         /* quotation pairs */
	size_t nqp;
	lt_style prof;     /* the document's style profile (mark/style.h) */
	int style;         /* STYLE_*: prof.variety */
	int curly_apos;    /* the text prefers typographic apostrophes */
	lt_cand_list *out;
};

static inline const char *wlc(const lt_rule_ctx *c, size_t i)
{
	return c->lc + c->lco[i];
}

/* Word i's lower-case form equals s. */
static inline int wis(const lt_rule_ctx *c, size_t i, const char *s)
{
	return i < c->nw && !strcmp(wlc(c, i), s);
}

/* Word i is written exactly as s (all lower case). */
static inline int wexact(const lt_rule_ctx *c, size_t i, const char *s)
{
	size_t n = strlen(s);

	return i < c->nw && c->w[i].end - c->w[i].start == n &&
	       !memcmp(c->t + c->w[i].start, s, n);
}

static inline int in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return 1;
	return 0;
}

/* The bytes between word i and word i+1 are exactly s. */
static inline int gap_is_strict(const lt_rule_ctx *c, size_t i, const char *s)
{
	size_t n = strlen(s);

	return i + 1 < c->nw &&
	       c->w[i + 1].start - c->w[i].end == n &&
	       !memcmp(c->t + c->w[i].end, s, n);
}

/* The same, except that a line break in a hard-wrapped paragraph counts
 * as the single space it stands for (context checks only: a slot range
 * that removes such a gap would change the line structure). */
static inline int gap_is(const lt_rule_ctx *c, size_t i, const char *s)
{
	const char *g, *ge;

	if (i + 1 >= c->nw)
		return 0;
	g = c->t + c->w[i].end;
	ge = c->t + c->w[i + 1].start;
	for (; *s; s++) {
		if (g < ge && *g == *s) {
			g++;
			continue;
		}
		if (*s != ' ' || g >= ge)
			return 0;
		if (*g == '\r' && g + 1 < ge && g[1] == '\n')
			g += 2;
		else if (*g == '\n')
			g++;
		else
			return 0;
	}
	return g == ge;
}

/* Any byte of [s, e) is inside a quotation (for e == s: both sides). */
static inline int range_quoted(const lt_rule_ctx *c, uint32_t s, uint32_t e)
{
	uint32_t i;

	if (s == e)
		return s > 0 && s < c->len && c->quoted[s - 1] && c->quoted[s];
	for (i = s; i < e && i < c->len; i++)
		if (c->quoted[i])
			return 1;
	return 0;
}

/* Add candidate [s, e) whose first variant is the text itself, with the
 * `nalt` alternatives given as NUL-terminated strings.  A candidate
 * inside a quotation is dropped (except for the quotes family). */
int lt_rule_add_alts(lt_rule_ctx *c, uint32_t s, uint32_t e, unsigned family,
		     const char *const *alts, unsigned nalt);

/* Add candidate [s, e) with one alternative to the text itself. */
static inline int add1(lt_rule_ctx *c, uint32_t s, uint32_t e,
		       unsigned family, const char *alt)
{
	return lt_rule_add_alts(c, s, e, family, &alt, 1);
}

static inline int is_upper(int ch) { return ch >= 'A' && ch <= 'Z'; }
static inline int is_lower(int ch) { return ch >= 'a' && ch <= 'z'; }

/* Start of a UTF-8 sequence at p equals the 3-byte sequence s. */
static inline int at3(const lt_rule_ctx *c, size_t p, const char *s)
{
	return p + 3 <= c->len && !memcmp(c->t + p, s, 3);
}

#define LDQ "\xe2\x80\x9c" /* left double quotation mark */
#define RDQ "\xe2\x80\x9d"
#define LSQ "\xe2\x80\x98"
#define RSQ "\xe2\x80\x99" /* also the typographic apostrophe */
#define EMD "\xe2\x80\x94"
#define END "\xe2\x80\x93"
#define NBSP "\xc2\xa0"

/* Compute the per-word facts of `text` (words `w`) into *c; candidates go
 * to `out`.  LT_ENOMEM on failure; call lt_rule_ctx_free() either way. */
int lt_rule_ctx_init(lt_rule_ctx *c, const char *text, size_t len,
		     const lt_word *w, size_t nw, lt_cand_list *out);
void lt_rule_ctx_free(lt_rule_ctx *c);

/* Index of the word that ends exactly at byte e, searching from word i;
 * -1 if e falls inside a word or between words. */
long lt_rule_word_ending_at(const lt_rule_ctx *c, size_t i, size_t e);

/* A word glued to its neighbour by a hyphen, slash, @ or underscore
 * (compounds, paths, addresses, references) is never a trigger. */
int lt_rule_glued(const lt_rule_ctx *c, size_t s, size_t e);

/* The word i opens a clause: a determiner or pronoun written in lower
 * case, or a name (capitalised mid-sentence). */
int lt_rule_opens_clause(const lt_rule_ctx *c, size_t i);

/* `s` ends with one of `suffixes` (NULL-terminated) after at least three
 * other letters. */
int lt_rule_has_suffix(const char *s, const char *const *suffixes);

/* Word i is a plural noun by its look: lower case ending in -s (not -ss,
 * -us, -is) or a common irregular plural. */
int lt_rule_looks_plural(const lt_rule_ctx *c, size_t i);

/* Value of a number word ("one" .. "nineteen", "twenty" .. "ninety"),
 * or -1. */
int lt_rule_word_value(const char *w);

/* Determiners; function words (after a compound adjective they show it
 * is not before a noun); determiners and pronouns that safely open a
 * clause.  NULL-terminated. */
extern const char *const lt_rule_determiners[];
extern const char *const lt_rule_function_words[];
extern const char *const lt_rule_clause_openers[];

/* The families, in the files named; each appends its candidates to
 * c->out and returns LT_OK or an error code. */
int lt_rule_phrase_groups(lt_rule_ctx *c);	/* phrases.c */
int lt_rule_serial_comma(lt_rule_ctx *c);	/* commas.c */
int lt_rule_intro_comma(lt_rule_ctx *c);
int lt_rule_clause_comma(lt_rule_ctx *c);
int lt_rule_optional_that(lt_rule_ctx *c);	/* optional_words.c */
int lt_rule_optional_of(lt_rule_ctx *c);
int lt_rule_relative_which(lt_rule_ctx *c);
int lt_rule_relative_who(lt_rule_ctx *c);
int lt_rule_optional_to(lt_rule_ctx *c);
int lt_rule_relative_that(lt_rule_ctx *c);
int lt_rule_abbreviations(lt_rule_ctx *c);	/* abbreviations.c */
int lt_rule_am_pm(lt_rule_ctx *c);
int lt_rule_number_words(lt_rule_ctx *c);	/* numbers.c */
int lt_rule_percent(lt_rule_ctx *c);
int lt_rule_number_format(lt_rule_ctx *c);
int lt_rule_rate(lt_rule_ctx *c);
int lt_rule_amount(lt_rule_ctx *c);
int lt_rule_contractions(lt_rule_ctx *c);	/* contractions.c */
int lt_rule_capitalisation(lt_rule_ctx *c);	/* capitalisation.c */
int lt_rule_list_order(lt_rule_ctx *c);	/* list_order.c */
int lt_rule_dates(lt_rule_ctx *c);		/* dates.c */
int lt_rule_topic_preposition(lt_rule_ctx *c);	/* topic_preposition.c */
int lt_rule_letter(lt_rule_ctx *c);		/* letter.c */
int lt_rule_aside(lt_rule_ctx *c);		/* aside.c */
int lt_rule_compound_head(lt_rule_ctx *c);	/* compound_head.c */
/* A lexical candidate of another family than `family`, found so far,
 * would take a place [s, e) with `nvariants` variants out of its
 * document-level group (doc_choice.c): it overlaps the place and slots.c
 * prefers it, or it lies within [lo, hi] (the bytes from the free word
 * before the place to the free word after it), where slots.c would merge
 * the two.  A family whose choice is one per copy then marks no place of
 * the text. */
int lt_rule_lexical_near(const lt_rule_ctx *c, uint32_t s, uint32_t e,
			 uint32_t lo, uint32_t hi, unsigned nvariants,
			 unsigned family);

int lt_rule_intro_phrase_comma(lt_rule_ctx *c);	/* intro_phrase.c */
int lt_rule_whether_to(lt_rule_ctx *c);		/* whether_to.c */
int lt_rule_weekday_on(lt_rule_ctx *c);		/* weekday_on.c */
int lt_rule_adjective_order(lt_rule_ctx *c);	/* adjective_order.c */
int lt_rule_time_comma(lt_rule_ctx *c);		/* time_comma.c */
int lt_rule_quotes(lt_rule_ctx *c);		/* typographic.c */
int lt_rule_apostrophes(lt_rule_ctx *c);
int lt_rule_dashes(lt_rule_ctx *c);
int lt_rule_sentence_space(lt_rule_ctx *c);
int lt_rule_nbsp(lt_rule_ctx *c);

/* The safety pass (safety.c), run by lt_rules_find() after every family:
 * decides from the style profile which candidates stay default, which
 * become suggestions and which form one choice per copy. */
int lt_rule_safety(lt_rule_ctx *c);

#endif
