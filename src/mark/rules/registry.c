/*
 * registry.c - the one table of rule families: for each, its name, its
 * channel, its rank in a conflict and the function that finds it; and the
 * driver that runs the functions over a text.
 *
 * The use column is each family's starting point: the safety pass
 * (safety.c), run after every family, makes a default candidate a
 * suggestion where the document's variety, register or house style asks
 * for it, and sets the document-level groups.
 *
 * Family numbers are stored in saved slot sets, so enum lt_family only
 * grows; the order of the rows is the order in which the functions run
 * (see rules.h: it breaks ties between equal candidates, so moving a row
 * changes the slots of some texts).
 */
#include <stddef.h>

#include "mark/rules/common.h"

#define LEX LT_CHANNEL_LEXICAL
#define TYPO LT_CHANNEL_TYPOGRAPHIC

const lt_rule_family lt_rule_registry[] = {
	/* author markup {{a|b}}, found by slots.c before the rules */
	{ LT_FAM_MARKUP, "markup", LEX, 0, NULL,
	  LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_SLOT },
	/* the phrase engine finds all four families of the word lists */
	{ LT_FAM_SYNONYM, "synonym", LEX, 1, lt_rule_phrase_groups,
	  LT_SLOT_SUGGESTED, LT_WHY_SYNONYM, LT_SCOPE_DOC },
	{ LT_FAM_HYPHENATION, "hyphenation", LEX, 6, NULL,
	  LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_DOC },
	{ LT_FAM_SPELLING, "spelling", LEX, 6, NULL,
	  LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_DOC },
	{ LT_FAM_PAIR_ORDER, "pair-order", LEX, 2, NULL,
	  LT_SLOT_SUGGESTED, LT_WHY_ORDER, LT_SCOPE_SLOT },
	{ LT_FAM_SERIAL_COMMA, "serial-comma", LEX, 9, lt_rule_serial_comma,
	  LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_DOC },
	{ LT_FAM_OPTIONAL_THAT, "optional-that", LEX, 5,
	  lt_rule_optional_that,
	  LT_SLOT_SUGGESTED, LT_WHY_OPTIONAL, LT_SCOPE_SLOT },
	{ LT_FAM_ABBREVIATION, "abbreviation", LEX, 4, lt_rule_abbreviations,
	  LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_DOC },
	{ LT_FAM_NUMBER_WORD, "number-word", LEX, 3, lt_rule_number_words,
	  LT_SLOT_SUGGESTED, LT_WHY_NUMBER, LT_SCOPE_DOC },
	{ LT_FAM_PERCENT, "percent", LEX, 3, lt_rule_percent,
	  LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_DOC },
	{ LT_FAM_CONTRACTION, "contraction", LEX, 7, lt_rule_contractions,
	  LT_SLOT_SUGGESTED, LT_WHY_CONTRACTION, LT_SCOPE_DOC },
	{ LT_FAM_INTRO_COMMA, "intro-comma", LEX, 10, lt_rule_intro_comma,
	  LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_SLOT },
	{ LT_FAM_CAPITALISATION, "capitalisation", LEX, 11,
	  lt_rule_capitalisation,
	  LT_SLOT_SUGGESTED, LT_WHY_CASE, LT_SCOPE_DOC },
	{ LT_FAM_OPTIONAL_OF, "optional-of", LEX, 8, lt_rule_optional_of,
	  LT_SLOT_SUGGESTED, LT_WHY_OPTIONAL, LT_SCOPE_SLOT },
	{ LT_FAM_RELATIVE_WHICH, "relative-which", LEX, 7,
	  lt_rule_relative_which,
	  LT_SLOT_SUGGESTED, LT_WHY_STYLE, LT_SCOPE_DOC },
	{ LT_FAM_CLAUSE_COMMA, "clause-comma", LEX, 10, lt_rule_clause_comma,
	  LT_SLOT_SUGGESTED, LT_WHY_PUNCTUATION, LT_SCOPE_SLOT },
	{ LT_FAM_RELATIVE_WHO, "relative-who", LEX, 7, lt_rule_relative_who,
	  LT_SLOT_SUGGESTED, LT_WHY_STYLE, LT_SCOPE_DOC },
	/* times of day ("9 am" / "9 a.m.") are abbreviations */
	{ LT_FAM_ABBREVIATION, NULL, LEX, 4, lt_rule_am_pm,
	  LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_DOC },
	{ LT_FAM_LIST_ORDER, "list-order", LEX, 2, lt_rule_list_order,
	  LT_SLOT_SUGGESTED, LT_WHY_ORDER, LT_SCOPE_SLOT },
	{ LT_FAM_DATE, "date", LEX, 3, lt_rule_dates,
	  LT_SLOT_SUGGESTED, LT_WHY_DATE, LT_SCOPE_DOC },
	{ LT_FAM_TOPIC_PREPOSITION, "topic-preposition", LEX, 0,
	  lt_rule_topic_preposition,
	  LT_SLOT_SUGGESTED, LT_WHY_SYNONYM, LT_SCOPE_SLOT },
	{ LT_FAM_NUMBER_FORMAT, "number-format", LEX, 3,
	  lt_rule_number_format,
	  LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_DOC },
	{ LT_FAM_LETTER, "letter", LEX, 4, lt_rule_letter,
	  LT_SLOT_SUGGESTED, LT_WHY_STYLE, LT_SCOPE_SLOT },
	{ LT_FAM_ASIDE, "aside", LEX, 5, lt_rule_aside,
	  LT_SLOT_SUGGESTED, LT_WHY_PUNCTUATION, LT_SCOPE_SLOT },
	{ LT_FAM_RATE, "rate", LEX, 1, lt_rule_rate,
	  LT_SLOT_SUGGESTED, LT_WHY_NUMBER, LT_SCOPE_DOC },
	{ LT_FAM_AMOUNT, "amount", LEX, 3, lt_rule_amount,
	  LT_SLOT_SUGGESTED, LT_WHY_NUMBER, LT_SCOPE_DOC },
	{ LT_FAM_OPTIONAL_TO, "optional-to", LEX, 5, lt_rule_optional_to,
	  LT_SLOT_SUGGESTED, LT_WHY_OPTIONAL, LT_SCOPE_SLOT },
	{ LT_FAM_COMPOUND_HEAD, "compound-head", LEX, 6,
	  lt_rule_compound_head,
	  LT_SLOT_SUGGESTED, LT_WHY_SYNONYM, LT_SCOPE_SLOT },
	/* "that" left out of an object relative clause is optional-that */
	{ LT_FAM_OPTIONAL_THAT, NULL, LEX, 5, lt_rule_relative_that,
	  LT_SLOT_SUGGESTED, LT_WHY_OPTIONAL, LT_SCOPE_SLOT },
	/* after intro-comma: it leaves alone the places that family marks */
	{ LT_FAM_INTRO_PHRASE_COMMA, "intro-phrase-comma", LEX, 10,
	  lt_rule_intro_phrase_comma,
	  LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_SLOT },
	{ LT_FAM_WHETHER_TO, "whether-to", LEX, 5, lt_rule_whether_to,
	  LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_DOC },
	{ LT_FAM_WEEKDAY_ON, "weekday-on", LEX, 5, lt_rule_weekday_on,
	  LT_SLOT_SUGGESTED, LT_WHY_STYLE, LT_SCOPE_DOC },
	{ LT_FAM_ADJECTIVE_ORDER, "adjective-order", LEX, 2,
	  lt_rule_adjective_order,
	  LT_SLOT_SUGGESTED, LT_WHY_ORDER, LT_SCOPE_SLOT },
	/* one choice per copy: a run of "At 11:20, ..." "At 1:30pm, ..."
	 * sentences keeps one punctuation */
	{ LT_FAM_TIME_COMMA, "time-comma", LEX, 10, lt_rule_time_comma,
	  LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_DOC },
	{ LT_FAM_QUOTES, "quotes", TYPO, 0, lt_rule_quotes,
	  LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_SLOT },
	{ LT_FAM_APOSTROPHE, "apostrophe", TYPO, 1, lt_rule_apostrophes,
	  LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_SLOT },
	{ LT_FAM_DASH, "dash", TYPO, 0, lt_rule_dashes,
	  LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_SLOT },
	{ LT_FAM_SENTENCE_SPACE, "sentence-space", TYPO, 2,
	  lt_rule_sentence_space,
	  LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_SLOT },
	{ LT_FAM_NBSP, "nbsp", TYPO, 3, lt_rule_nbsp,
	  LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_SLOT },
	/* two adjacent slots merged into one, by slots.c */
	{ LT_FAM_COMBINED, "combined", LEX, 12, NULL,
	  LT_SLOT_DEFAULT, LT_WHY_NONE, LT_SCOPE_SLOT },
};

const size_t lt_rule_registry_len =
	sizeof(lt_rule_registry) / sizeof(lt_rule_registry[0]);

const lt_rule_family *lt_rule_family_of(unsigned family)
{
	size_t i;

	for (i = 0; i < lt_rule_registry_len; i++)
		if (lt_rule_registry[i].family == family &&
		    lt_rule_registry[i].name)
			return &lt_rule_registry[i];
	return NULL;
}

int lt_rules_find(lt_cand_list *out, const char *text, size_t len,
		  const lt_word *words, size_t nwords)
{
	lt_rule_ctx c;
	size_t i;
	int rc;

	rc = lt_rule_ctx_init(&c, text, len, words, nwords, out);
	for (i = 0; !rc && i < lt_rule_registry_len; i++)
		if (lt_rule_registry[i].find)
			rc = lt_rule_registry[i].find(&c);
	if (!rc)
		rc = lt_rule_safety(&c);
	lt_rule_ctx_free(&c);
	return rc;
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
