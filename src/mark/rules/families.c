/*
 * families.c - what is known of every rule family, whatever finds it: its
 * name, channel, rank in a conflict, whether its slots are default or
 * suggested (and why), and how far one choice reaches.  A leaf: the
 * functions that find slots (registry.c) and the slot module read it, it
 * reads nothing.
 *
 * The use column is each family's starting point: the safety pass
 * (safety.c), run after every family, makes a default candidate a
 * suggestion where the document's variety, register or house style asks
 * for it, and sets the document-level groups.
 *
 * Family numbers are stored in saved slot sets, so enum lt_family only
 * grows (rules.h).
 */
#include <stddef.h>

#include "mark/rules.h"

#define LEX LT_CHANNEL_LEXICAL
#define TYPO LT_CHANNEL_TYPOGRAPHIC

static const lt_rule_family families[LT_FAM_COUNT] = {
	[LT_FAM_MARKUP] = { LT_FAM_MARKUP, "markup", LEX, 0,
		LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_SLOT },
	[LT_FAM_SYNONYM] = { LT_FAM_SYNONYM, "synonym", LEX, 1,
		LT_SLOT_SUGGESTED, LT_WHY_SYNONYM, LT_SCOPE_DOC },
	[LT_FAM_HYPHENATION] = { LT_FAM_HYPHENATION, "hyphenation", LEX, 6,
		LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_DOC },
	[LT_FAM_SPELLING] = { LT_FAM_SPELLING, "spelling", LEX, 6,
		LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_DOC },
	[LT_FAM_PAIR_ORDER] = { LT_FAM_PAIR_ORDER, "pair-order", LEX, 2,
		LT_SLOT_SUGGESTED, LT_WHY_ORDER, LT_SCOPE_SLOT },
	[LT_FAM_SERIAL_COMMA] = { LT_FAM_SERIAL_COMMA, "serial-comma", LEX, 9,
		LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_DOC },
	[LT_FAM_OPTIONAL_THAT] = { LT_FAM_OPTIONAL_THAT, "optional-that", LEX, 5,
		LT_SLOT_SUGGESTED, LT_WHY_OPTIONAL, LT_SCOPE_SLOT },
	[LT_FAM_ABBREVIATION] = { LT_FAM_ABBREVIATION, "abbreviation", LEX, 4,
		LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_DOC },
	[LT_FAM_NUMBER_WORD] = { LT_FAM_NUMBER_WORD, "number-word", LEX, 3,
		LT_SLOT_SUGGESTED, LT_WHY_NUMBER, LT_SCOPE_DOC },
	[LT_FAM_PERCENT] = { LT_FAM_PERCENT, "percent", LEX, 3,
		LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_DOC },
	[LT_FAM_CONTRACTION] = { LT_FAM_CONTRACTION, "contraction", LEX, 7,
		LT_SLOT_SUGGESTED, LT_WHY_CONTRACTION, LT_SCOPE_DOC },
	[LT_FAM_INTRO_COMMA] = { LT_FAM_INTRO_COMMA, "intro-comma", LEX, 10,
		LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_SLOT },
	[LT_FAM_CAPITALISATION] = { LT_FAM_CAPITALISATION, "capitalisation", LEX, 11,
		LT_SLOT_SUGGESTED, LT_WHY_CASE, LT_SCOPE_DOC },
	[LT_FAM_OPTIONAL_OF] = { LT_FAM_OPTIONAL_OF, "optional-of", LEX, 8,
		LT_SLOT_SUGGESTED, LT_WHY_OPTIONAL, LT_SCOPE_SLOT },
	[LT_FAM_RELATIVE_WHICH] = { LT_FAM_RELATIVE_WHICH, "relative-which", LEX, 7,
		LT_SLOT_SUGGESTED, LT_WHY_STYLE, LT_SCOPE_DOC },
	[LT_FAM_CLAUSE_COMMA] = { LT_FAM_CLAUSE_COMMA, "clause-comma", LEX, 10,
		LT_SLOT_SUGGESTED, LT_WHY_PUNCTUATION, LT_SCOPE_SLOT },
	[LT_FAM_RELATIVE_WHO] = { LT_FAM_RELATIVE_WHO, "relative-who", LEX, 7,
		LT_SLOT_SUGGESTED, LT_WHY_STYLE, LT_SCOPE_DOC },
	[LT_FAM_LIST_ORDER] = { LT_FAM_LIST_ORDER, "list-order", LEX, 2,
		LT_SLOT_SUGGESTED, LT_WHY_ORDER, LT_SCOPE_SLOT },
	[LT_FAM_DATE] = { LT_FAM_DATE, "date", LEX, 3,
		LT_SLOT_SUGGESTED, LT_WHY_DATE, LT_SCOPE_DOC },
	[LT_FAM_TOPIC_PREPOSITION] = { LT_FAM_TOPIC_PREPOSITION, "topic-preposition", LEX, 0,
		LT_SLOT_SUGGESTED, LT_WHY_SYNONYM, LT_SCOPE_SLOT },
	[LT_FAM_NUMBER_FORMAT] = { LT_FAM_NUMBER_FORMAT, "number-format", LEX, 3,
		LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_DOC },
	[LT_FAM_LETTER] = { LT_FAM_LETTER, "letter", LEX, 4,
		LT_SLOT_SUGGESTED, LT_WHY_STYLE, LT_SCOPE_SLOT },
	[LT_FAM_ASIDE] = { LT_FAM_ASIDE, "aside", LEX, 5,
		LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_SLOT },
	[LT_FAM_RATE] = { LT_FAM_RATE, "rate", LEX, 1,
		LT_SLOT_SUGGESTED, LT_WHY_NUMBER, LT_SCOPE_DOC },
	[LT_FAM_AMOUNT] = { LT_FAM_AMOUNT, "amount", LEX, 3,
		LT_SLOT_SUGGESTED, LT_WHY_NUMBER, LT_SCOPE_DOC },
	[LT_FAM_OPTIONAL_TO] = { LT_FAM_OPTIONAL_TO, "optional-to", LEX, 5,
		LT_SLOT_SUGGESTED, LT_WHY_OPTIONAL, LT_SCOPE_SLOT },
	[LT_FAM_COMPOUND_HEAD] = { LT_FAM_COMPOUND_HEAD, "compound-head", LEX, 6,
		LT_SLOT_SUGGESTED, LT_WHY_SYNONYM, LT_SCOPE_SLOT },
	[LT_FAM_INTRO_PHRASE_COMMA] = { LT_FAM_INTRO_PHRASE_COMMA, "intro-phrase-comma", LEX, 10,
		LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_SLOT },
	[LT_FAM_WHETHER_TO] = { LT_FAM_WHETHER_TO, "whether-to", LEX, 5,
		LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_DOC },
	[LT_FAM_WEEKDAY_ON] = { LT_FAM_WEEKDAY_ON, "weekday-on", LEX, 5,
		LT_SLOT_SUGGESTED, LT_WHY_STYLE, LT_SCOPE_DOC },
	[LT_FAM_ADJECTIVE_ORDER] = { LT_FAM_ADJECTIVE_ORDER, "adjective-order", LEX, 2,
		LT_SLOT_SUGGESTED, LT_WHY_ORDER, LT_SCOPE_SLOT },
	[LT_FAM_TIME_COMMA] = { LT_FAM_TIME_COMMA, "time-comma", LEX, 10,
		LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_DOC },
	[LT_FAM_QUOTES] = { LT_FAM_QUOTES, "quotes", TYPO, 0,
		LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_SLOT },
	[LT_FAM_APOSTROPHE] = { LT_FAM_APOSTROPHE, "apostrophe", TYPO, 1,
		LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_SLOT },
	[LT_FAM_DASH] = { LT_FAM_DASH, "dash", TYPO, 0,
		LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_SLOT },
	[LT_FAM_SENTENCE_SPACE] = { LT_FAM_SENTENCE_SPACE, "sentence-space", TYPO, 2,
		LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_SLOT },
	[LT_FAM_NBSP] = { LT_FAM_NBSP, "nbsp", TYPO, 3,
		LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_SLOT },
	[LT_FAM_COMBINED] = { LT_FAM_COMBINED, "combined", LEX, 12,
		LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_SLOT },
};

const lt_rule_family *lt_rule_family_of(unsigned family)
{
	if (family >= LT_FAM_COUNT || !families[family].name)
		return NULL;
	return &families[family];
}

/* The words for enum lt_why, in its order. */
static const char *const why_text[LT_WHY_COUNT] = {
	"",
	"a synonym may shift the meaning or the register",
	"a contraction changes the register",
	"a number written another way may not fit the sentence",
	"a date written another way may not fit the house style",
	"an optional word left out or put in may change the reading",
	"another order of words or items may carry meaning",
	"a capital letter may mean another body or person",
	"legal or regulatory text: its terms mean one thing only",
	"punctuation that may change how the sentence reads",
	"a form the document's house style may avoid",
};

const char *lt_slot_why_text(unsigned why)
{
	return why < LT_WHY_COUNT ? why_text[why] : "";
}
