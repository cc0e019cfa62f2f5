/*
 * registry.c - the order in which the rule families' functions run over a
 * text, and the driver that runs them and then the safety pass.
 *
 * The order matters: between otherwise equal candidates the one found
 * first wins (slots.c), so moving a row changes the slots of some texts.
 * A family may have more than one function (a row each, at its place in
 * the order); a family with none gets its slots elsewhere (author markup
 * and combined slots from slots.c; hyphenation, spelling and pair order
 * from the phrase engine of the synonym row).  What is known of each
 * family (name, channel, rank, use, scope) is in families.c.
 */
#include <stddef.h>

#include "mark/rules/common.h"

const lt_rule_step lt_rule_registry[] = {
	/* the phrase engine finds all four families of the word lists */
	{ LT_FAM_SYNONYM, lt_rule_phrase_groups },
	{ LT_FAM_SERIAL_COMMA, lt_rule_serial_comma },
	{ LT_FAM_OPTIONAL_THAT, lt_rule_optional_that },
	{ LT_FAM_ABBREVIATION, lt_rule_abbreviations },
	{ LT_FAM_NUMBER_WORD, lt_rule_number_words },
	{ LT_FAM_PERCENT, lt_rule_percent },
	{ LT_FAM_CONTRACTION, lt_rule_contractions },
	{ LT_FAM_INTRO_COMMA, lt_rule_intro_comma },
	{ LT_FAM_CAPITALISATION, lt_rule_capitalisation },
	{ LT_FAM_OPTIONAL_OF, lt_rule_optional_of },
	{ LT_FAM_RELATIVE_WHICH, lt_rule_relative_which },
	{ LT_FAM_CLAUSE_COMMA, lt_rule_clause_comma },
	{ LT_FAM_RELATIVE_WHO, lt_rule_relative_who },
	/* times of day ("9 am" / "9 a.m.") are abbreviations */
	{ LT_FAM_ABBREVIATION, lt_rule_am_pm },
	{ LT_FAM_LIST_ORDER, lt_rule_list_order },
	{ LT_FAM_DATE, lt_rule_dates },
	{ LT_FAM_TOPIC_PREPOSITION, lt_rule_topic_preposition },
	{ LT_FAM_NUMBER_FORMAT, lt_rule_number_format },
	{ LT_FAM_LETTER, lt_rule_letter },
	{ LT_FAM_ASIDE, lt_rule_aside },
	{ LT_FAM_RATE, lt_rule_rate },
	{ LT_FAM_AMOUNT, lt_rule_amount },
	{ LT_FAM_OPTIONAL_TO, lt_rule_optional_to },
	{ LT_FAM_COMPOUND_HEAD, lt_rule_compound_head },
	/* "that" left out of an object relative clause is optional-that */
	{ LT_FAM_OPTIONAL_THAT, lt_rule_relative_that },
	/* after intro-comma: it leaves alone the places that family marks */
	{ LT_FAM_INTRO_PHRASE_COMMA, lt_rule_intro_phrase_comma },
	{ LT_FAM_WHETHER_TO, lt_rule_whether_to },
	{ LT_FAM_WEEKDAY_ON, lt_rule_weekday_on },
	{ LT_FAM_ADJECTIVE_ORDER, lt_rule_adjective_order },
	/* one choice per copy: a run of "At 11:20, ..." "At 1:30pm, ..."
	 * sentences keeps one punctuation */
	{ LT_FAM_TIME_COMMA, lt_rule_time_comma },
	{ LT_FAM_QUOTES, lt_rule_quotes },
	{ LT_FAM_APOSTROPHE, lt_rule_apostrophes },
	{ LT_FAM_DASH, lt_rule_dashes },
	{ LT_FAM_SENTENCE_SPACE, lt_rule_sentence_space },
	{ LT_FAM_NBSP, lt_rule_nbsp },
};

const size_t lt_rule_registry_len =
	sizeof(lt_rule_registry) / sizeof(lt_rule_registry[0]);

int lt_rules_find(lt_cand_list *out, const char *text, size_t len,
		  const lt_word *words, size_t nwords)
{
	lt_rule_ctx c;
	size_t i;
	int rc;

	rc = lt_rule_ctx_init(&c, text, len, words, nwords, out);
	for (i = 0; !rc && i < lt_rule_registry_len; i++)
		rc = lt_rule_registry[i].find(&c);
	if (!rc)
		rc = lt_rule_safety(&c);
	lt_rule_ctx_free(&c);
	return rc;
}
