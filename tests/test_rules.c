/*
 * test_rules.c - every rule family fires where it should and leaves alone
 * what it must never touch (numbers in dates, money and sections, names,
 * quotations, negations, "shall").
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "leaktrace/error.h"
#include "leaktrace/slots.h"

/* Family number by name. */
static unsigned fam(const char *name)
{
	unsigned f;

	for (f = 0; f < lt_slot_family_count(); f++)
		if (!strcmp(lt_slot_family_name(f), name))
			return f;
	fail_msg("no family %s", name);
	return 0;
}

/*
 * Whether a combined slot (two adjacent slots merged) contains `orig` in
 * its original text and offers `alt` (anything when NULL) in its place,
 * the text before it unchanged.
 */
static int combined_has(const lt_slot *s, const char *orig, const char *alt)
{
	const char *p = *orig ? strstr(s->variants[0], orig) : NULL;
	size_t k, at;
	unsigned v;

	if (!*orig) {
		/* an insertion: any variant that adds `alt` somewhere */
		for (v = 1; v < s->nvariants; v++)
			if (!alt || strstr(s->variants[v], alt))
				return 1;
		return 0;
	}
	if (!p)
		return 0;
	at = (size_t)(p - s->variants[0]);
	if (!alt)
		return 1;
	k = strlen(alt);
	for (v = 1; v < s->nvariants; v++)
		if (!strncmp(s->variants[v], s->variants[0], at) &&
		    !strncmp(s->variants[v] + at, alt, k))
			return 1;
	return 0;
}

/*
 * Whether `text` gets a slot of family `family` whose original text is
 * `orig` (at its first occurrence after `after`, or anywhere when NULL)
 * and that offers `alt` as a variant (any variant when NULL).
 */
static int has_slot(const char *text, const char *family, const char *orig,
		    const char *alt)
{
	lt_slot_set *set = NULL;
	unsigned f = fam(family);
	size_t i;
	unsigned v;
	int found = 0;

	assert_int_equal(lt_slots_find(&set, text, strlen(text)), LT_OK);
	for (i = 0; i < set->n && !found; i++) {
		const lt_slot *s = &set->slots[i];

		if (s->family == fam("combined") && combined_has(s, orig, alt)) {
			found = 1;
			continue;
		}
		if (s->family != f || strcmp(s->variants[0], orig))
			continue;
		if (!alt)
			found = 1;
		for (v = 1; alt && v < s->nvariants; v++)
			if (!strcmp(s->variants[v], alt))
				found = 1;
	}
	lt_slot_set_free(set);
	return found;
}

/* Whether any slot (of any family) touches the bytes of `what` in text. */
static int touched(const char *text, const char *what)
{
	lt_slot_set *set = NULL;
	const char *p = strstr(text, what);
	size_t a, b, i;
	int hit = 0;

	assert_non_null(p);
	a = (size_t)(p - text);
	b = a + strlen(what);
	assert_int_equal(lt_slots_find(&set, text, strlen(text)), LT_OK);
	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];

		if (s->channel != LT_CHANNEL_LEXICAL)
			continue;
		if (s->start < b && s->end > a)
			hit = 1;
		if (s->start == s->end && s->start > a && s->start < b)
			hit = 1;
	}
	lt_slot_set_free(set);
	return hit;
}

/* ---- serial comma ---- */
static void test_serial_comma_fires(void **st)
{
	(void)st;
	assert_true(has_slot("The review examined the cost, the timetable and the method of each project.",
			     "serial-comma", "", ","));
	assert_true(has_slot("Plans must list deferred projects, current projects, and new projects in full.",
			     "serial-comma", ",", ""));
}

static void test_serial_comma_leaves_clauses(void **st)
{
	(void)st;
	/* a comma after an introductory clause is not a list */
	assert_false(has_slot("If approved, staff and managers will be told.",
			      "serial-comma", "", NULL));
	/* a comma joining clauses (pronoun after "and") */
	assert_false(has_slot("The Board met, the plan was approved, and it was published.",
			      "serial-comma", ",", NULL));
	assert_false(touched("He said \"red, green and blue\" to us.", "green and"));
}

/* ---- optional that ---- */
static void test_optional_that_fires(void **st)
{
	(void)st;
	assert_true(has_slot("The Directorate noted that the reduction was necessary for this year.",
			     "optional-that", "that ", ""));
}

static void test_optional_that_leaves(void **st)
{
	(void)st;
	assert_false(has_slot("The review found that report unclear in several places.",
			      "optional-that", "that ", NULL));
	assert_false(has_slot("The review found that no record had been kept at all.",
			      "optional-that", "that ", NULL));
	assert_false(has_slot("The Board decided that the plan would go ahead at once.",
			      "optional-that", "that ", NULL));
}

/* ---- abbreviations ---- */
static void test_abbreviation_fires(void **st)
{
	(void)st;
	assert_true(has_slot("The U.S. delegation arrived on time for the talks.",
			     "abbreviation", "U.S.", "US"));
	assert_true(has_slot("The UK position is set out in the attached paper.",
			     "abbreviation", "UK", "U.K."));
	assert_true(has_slot("The report was written by Dr. Venn for the panel.",
			     "abbreviation", ".", ""));
}

static void test_abbreviation_leaves(void **st)
{
	(void)st;
	/* at a sentence end the stop is also the full stop */
	assert_false(has_slot("The team flew to the U.S. The visit lasted a week.",
			      "abbreviation", "U.S.", NULL));
	assert_false(has_slot("LET US KNOW BY FRIDAY IF YOU CAN ATTEND.",
			      "abbreviation", "US", NULL));
}

/* ---- number words ---- */
static void test_number_word_fires(void **st)
{
	(void)st;
	assert_true(has_slot("The review will cover three major road projects again.",
			     "number-word", "three", "3"));
	assert_true(has_slot("Plans are due within 6 weeks of the notice.",
			     "number-word", "6", "six"));
}

static void test_number_word_leaves(void **st)
{
	(void)st;
	assert_false(touched("The rules in Section 3 apply to all staff members.", "3"));
	assert_false(has_slot("The meeting is on 3 March in Room 4 with all members.",
			      "number-word", "3", NULL));
	assert_false(touched("The meeting is on 3 March in Room 4 with all members.", "Room 4"));
	assert_false(touched("The fee of $5 covers all claims for the year.", "5"));
	assert_false(touched("It lasts 2.5 hours in total for most people.", "2.5"));
	assert_false(touched("Divide them every three or four years as needed.", "three"));
	assert_false(touched("Three projects were deferred this year by the board.", "Three"));
	assert_false(touched("See Annex 2 documents for the full list of items.", "2"));
}

/* ---- percent ---- */
static void test_percent_fires(void **st)
{
	(void)st;
	assert_true(has_slot("Spending rose by 12 per cent last year in most regions.",
			     "percent", " per cent", "%"));
	assert_true(has_slot("Spending rose by 12% last year in most regions.",
			     "percent", "%", " percent"));
}

static void test_percent_leaves(void **st)
{
	(void)st;
	assert_false(touched("Spending rose by seven per cent last year in most regions.",
			     "per cent"));
	assert_false(touched("The percentage of staff trained rose last year.", "percentage"));
}

/* ---- contractions ---- */
static void test_contraction_fires(void **st)
{
	(void)st;
	assert_true(has_slot("We believe it is important to act now on this matter.",
			     "contraction", " is", "'s"));
	assert_true(has_slot("In the autumn we will continue to assist the offices.",
			     "contraction", " will", "'ll"));
}

static void test_contraction_leaves(void **st)
{
	(void)st;
	assert_false(touched("We believe it is not possible to act now on this.", "it is not"));
	assert_false(touched("In the autumn we will never assist the offices again.", "we will"));
	assert_false(touched("The Office shall submit the plan by Friday next week.", "shall"));
	assert_false(has_slot("The ministry and its agencies work together closely.",
			      "contraction", "its", NULL));
}

/* ---- synonyms ---- */
static void test_synonym_fires(void **st)
{
	(void)st;
	assert_true(has_slot("The course takes approximately 90 minutes to complete.",
			     "synonym", "approximately", "about"));
	assert_true(has_slot("Staff must register prior to the meeting on Monday.",
			     "synonym", "prior to", "before"));
	assert_true(has_slot("The project went ahead. Therefore, the plan was revised by the Board.",
			     "synonym", "Therefore", "Consequently"));
	assert_true(has_slot("Training will commence on Monday in the main hall.",
			     "synonym", "commence", "begin"));
	/* article agreement: "an additional" never becomes "an further" */
	assert_false(has_slot("This places an additional burden on the staff of the unit.",
			      "synonym", "additional", "further"));
}

static void test_synonym_leaves(void **st)
{
	(void)st;
	/* one-way: "about" is ambiguous and never becomes "approximately" */
	assert_false(has_slot("Questions about this memorandum go to the unit.",
			      "synonym", "about", NULL));
	/* quotation, name, modals */
	assert_false(touched("He wrote \"approximately ten\" in the margin of the page.",
			     "approximately"));
	assert_false(touched("The Numerous Trust is a charity working with the unit.", "Numerous"));
	assert_false(touched("Payments due to the contractor shall be made by Friday.", "due to"));
	assert_false(touched("The work is due to start in the spring of next year.", "due to"));
	assert_false(touched("Staff must not disclose the findings before they are published.", "must not"));
	/* "immediately after" has no "at once after" */
	assert_false(has_slot("The Office must inform the unit immediately after the meeting ends.",
			      "synonym", "immediately", "at once"));
	assert_true(has_slot("The Office must inform the unit immediately and keep a record.",
			     "synonym", "immediately", "at once"));
}

/* ---- hyphenation ---- */
static void test_hyphenation_fires(void **st)
{
	(void)st;
	assert_true(has_slot("This is essential to the long-term success of the firm.",
			     "hyphenation", "long-term", "long term"));
	assert_true(has_slot("Questions should be sent by e-mail to the office.",
			     "hyphenation", "e-mail", "email"));
}

static void test_hyphenation_leaves(void **st)
{
	(void)st;
	/* "long term" as a noun phrase at the end of a clause */
	assert_false(has_slot("This will pay off in the long term.", "hyphenation",
			      "long term", NULL));
	assert_false(touched("See the file long-term.txt on the server for the list.", "long-term"));
}

/* ---- intro comma ---- */
static void test_intro_comma_fires(void **st)
{
	(void)st;
	assert_true(has_slot("The plan was agreed. At this point, the Board approved the budget.",
			     "intro-comma", ",", NULL));
	assert_true(has_slot("The plan was agreed. Last year the Board approved the budget.",
			     "intro-comma", "", ","));
}

static void test_intro_comma_leaves(void **st)
{
	(void)st;
	assert_false(has_slot("The plan was agreed. In particular, plans should be clear.",
			      "intro-comma", ",", NULL));
	assert_false(has_slot("The staff, in addition, the Board approved it.",
			      "intro-comma", ",", NULL));
}

/* ---- spelling ---- */
static void test_spelling_fires(void **st)
{
	(void)st;
	assert_true(has_slot("The panel will use its judgment in each of the cases.",
			     "spelling", "judgment", "judgement"));
	assert_true(has_slot("Progress toward the target has been slow this year.",
			     "spelling", "toward", "towards"));
}

static void test_spelling_leaves(void **st)
{
	(void)st;
	/* house style: an American text gets no British-only variant */
	assert_false(has_slot("The organization will use its judgment; the color and defense of the center are realized.",
			      "spelling", "judgment", "judgement"));
	/* defence/defense is a house-style spelling, never a slot */
	assert_false(touched("The defence budget rose again in the autumn.", "defence"));
}

/* ---- capitalisation ---- */
static void test_capitalisation_fires(void **st)
{
	(void)st;
	assert_true(has_slot("Offices must inform the Directorate at once about delays.",
			     "capitalisation", "D", "d"));
}

static void test_capitalisation_leaves(void **st)
{
	(void)st;
	assert_false(has_slot("Offices must inform the Department of Health at once.",
			      "capitalisation", "D", NULL));
	assert_false(has_slot("Offices must inform the Security Office at once.",
			      "capitalisation", "O", NULL));
}

/* ---- pair order ---- */
static void test_pair_order_fires(void **st)
{
	(void)st;
	assert_true(has_slot("We must protect the safety and security of our staff.",
			     "pair-order", "safety and security", "security and safety"));
}

static void test_pair_order_leaves(void **st)
{
	(void)st;
	assert_false(touched("We must protect \"safety and security\" of our staff.", "safety"));
	assert_false(touched("The Safety and Security Unit meets weekly at the office.", "Safety"));
}

/* ---- optional of ---- */
static void test_optional_of_fires(void **st)
{
	(void)st;
	assert_true(has_slot("We will consider all of the comments received so far.",
			     "optional-of", "of ", ""));
	assert_true(has_slot("We will consider all the comments received so far.",
			     "optional-of", "", "of "));
}

static void test_optional_of_leaves(void **st)
{
	(void)st;
	assert_false(has_slot("It was agreed by both the Board and the Committee.",
			      "optional-of", "", NULL));
	assert_false(has_slot("We will act all the same when the time comes.",
			      "optional-of", "", NULL));
}

/* ---- restrictive which ---- */
static void test_relative_which(void **st)
{
	(void)st;
	assert_true(has_slot("The files were kept in a folder which had not been secured.",
			     "relative-which", "which", "that"));
	assert_false(has_slot("The files were kept in a folder, which had not been secured.",
			      "relative-which", "which", NULL));
	assert_false(has_slot("The Board will decide which is the best option.",
			      "relative-which", "which", NULL));
}

/* ---- typographic families ---- */
static void test_quotes(void **st)
{
	(void)st;
	assert_true(has_slot("Documents marked \"SECRET\" must be kept in the safe.",
			     "quotes", "\"SECRET\"", "\xe2\x80\x9cSECRET\xe2\x80\x9d"));
	assert_false(has_slot("A stray \" quote is left alone in the text.", "quotes",
			      "\"", NULL));
}

static void test_apostrophe(void **st)
{
	(void)st;
	assert_true(has_slot("Each member's staff were told on Monday.", "apostrophe",
			     "'", "\xe2\x80\x99"));
}

static void test_dash(void **st)
{
	(void)st;
	assert_true(has_slot("The plan \xe2\x80\x94 agreed last year \xe2\x80\x94 still stands.",
			     "dash", " \xe2\x80\x94 ", " \xe2\x80\x93 "));
	/* ranges and hyphens are not dashes */
	assert_false(has_slot("The 2024\xe2\x80\x93" "25 budget is final.", "dash",
			      "\xe2\x80\x93", NULL));
	assert_false(has_slot("A long-term plan is needed.", "dash", "-", NULL));
}

static void test_sentence_space(void **st)
{
	(void)st;
	assert_true(has_slot("The plan was agreed. The Board met.", "sentence-space",
			     " ", "  "));
	assert_false(has_slot("The plan was sent to Mr. Venn today.", "sentence-space",
			      " ", NULL));
}

static void test_nbsp(void **st)
{
	(void)st;
	assert_true(has_slot("It is a matter for the Board.", "nbsp", " ", "\xc2\xa0"));
	/* never at a line end */
	{
		lt_slot_set *set = NULL;
		const char *t = "It is a\nmatter for us.";
		size_t i;

		assert_int_equal(lt_slots_find(&set, t, strlen(t)), LT_OK);
		for (i = 0; i < set->n; i++)
			assert_int_not_equal(set->slots[i].start, 7);
		lt_slot_set_free(set);
	}
}

/* No family ever changes a digit, "not", "shall", "must" or "may". */
static void test_never_touches_protected_words(void **st)
{
	const char *t =
		"The Office shall not approve more than 3 requests. Staff must "
		"submit the form by 30 April 2024, and they may ask for help. "
		"It is not expected that the fee of $250 will rise by 5 percent.";
	lt_slot_set *set = NULL;
	size_t i;
	unsigned v;

	(void)st;
	assert_int_equal(lt_slots_find(&set, t, strlen(t)), LT_OK);
	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];

		for (v = 0; v < s->nvariants; v++) {
			assert_null(strstr(s->variants[v], "shall"));
			assert_null(strstr(s->variants[v], "not"));
			assert_null(strstr(s->variants[v], "must"));
			assert_null(strstr(s->variants[v], "may"));
			/* numbers keep their value in every variant */
			if (strstr(s->variants[0], "250"))
				assert_non_null(strstr(s->variants[v], "250"));
			if (strstr(s->variants[0], "30"))
				assert_non_null(strstr(s->variants[v], "30"));
			assert_null(strstr(s->variants[v], "thirty"));
		}
	}
	lt_slot_set_free(set);
}


/* ---- combined slots ---- */
static void test_combined_merges_neighbours(void **st)
{
	const char *t = "The project went ahead. Therefore, the plan was revised by the Board.";
	lt_slot_set *set = NULL;
	size_t i;
	int found = 0;

	(void)st;
	assert_int_equal(lt_slots_find(&set, t, strlen(t)), LT_OK);
	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];

		if (s->family != fam("combined"))
			continue;
		/* the synonym and the optional comma, every combination */
		assert_string_equal(s->variants[0], "Therefore,");
		assert_true(s->nvariants >= 4 && s->nvariants <= LT_SLOT_MAX_VARIANTS);
		found = 1;
	}
	assert_true(found);
	lt_slot_set_free(set);
}

/* ---- introductory phrases and dates ---- */
static void test_intro_general_fires(void **st)
{
	(void)st;
	assert_true(has_slot("During the inspection of the kitchen, the inspector took samples.",
			     "intro-comma", ",", ""));
	assert_true(has_slot("On 17 March our provider told us about the breach.",
			     "intro-comma", "", ","));
	assert_true(has_slot("In April 2025, the council agreed the budget.",
			     "intro-comma", ",", ""));
	assert_true(has_slot("If the weather worsens, we will close the site.",
			     "intro-comma", ",", ""));
}

static void test_intro_general_leaves(void **st)
{
	(void)st;
	/* a number after the comma would run into the phrase */
	assert_false(touched("In 2023, 40 staff left the service.", "2023, 40"));
	/* a clause: no comma dropped before a possible object */
	assert_false(has_slot("When the team arrived, the staff had left the building.",
			      "intro-comma", ",", NULL));
	/* a phrase holding a verb or relative clause */
	assert_false(has_slot("For those who wish to apply, the form is online.",
			      "intro-comma", ",", NULL));
	/* negation, "However", quotations */
	assert_false(has_slot("If not, the plan will be dropped.", "intro-comma", ",", NULL));
	assert_false(has_slot("However, the review is done by the unit.", "intro-comma", ",", ""));
	assert_false(touched("He wrote \"In the end, the plan failed\" in the margin.", "end, the"));
}

/* ---- clause-joining comma ---- */
static void test_clause_comma_fires(void **st)
{
	(void)st;
	assert_true(has_slot("Staff were unable to explain the gaps, and the manager was absent.",
			     "clause-comma", ",", ""));
	assert_true(has_slot("The provider closed the account and they reset every password.",
			     "clause-comma", "", ","));
	assert_true(has_slot("Requests will be considered, but we cannot guarantee approval.",
			     "clause-comma", ",", ""));
}

static void test_clause_comma_leaves(void **st)
{
	(void)st;
	/* an earlier comma: the comma may close an aside */
	assert_false(has_slot("The report, which was late, and the letter were sent.",
			      "clause-comma", ",", NULL));
	/* no comma added before "and it" or "and you" (objects), nor "or" */
	assert_false(has_slot("The board met the staff and it agreed the plan.",
			      "clause-comma", "", NULL));
	assert_false(has_slot("The board will decide or they will ask the minister.",
			      "clause-comma", "", NULL));
	/* "here and there" */
	assert_false(has_slot("Leaflets were left here and there was no reply.",
			      "clause-comma", "", NULL));
	assert_false(touched("He said \"we agreed, and they left\" to the panel.", "agreed, and"));
}

/* ---- relative who ---- */
static void test_relative_who(void **st)
{
	(void)st;
	assert_true(has_slot("Staff on duty know that officers who work nights may park free.",
			     "relative-who", "who", "that"));
	assert_true(has_slot("Operators who wish to apply should write to us.",
			     "relative-who", "who", "that"));
	/* non-restrictive, interrogative, "those who", a clause after who */
	assert_false(has_slot("The officers, who work nights, may park free.",
			      "relative-who", "who", NULL));
	assert_false(has_slot("We asked staff who had seen the file to come forward.",
			      "relative-who", "who", NULL));
	assert_false(has_slot("Support goes to those who need it most.",
			      "relative-who", "who", NULL));
	assert_false(has_slot("The managers who the panel interviewed agreed.",
			      "relative-who", "who", NULL));
}

/* ---- am/pm ---- */
static void test_am_pm(void **st)
{
	(void)st;
	assert_true(has_slot("The race starts at 9 am at the campus.", "abbreviation", "9 am", "9 a.m."));
	assert_true(has_slot("The race starts at 9 am at the campus.", "abbreviation", "9 am", "9am"));
	assert_true(has_slot("The race starts at 9 am at the campus.", "abbreviation", "9 am", "9.00 am"));
	assert_true(has_slot("The gates open at 8.35 am. Parents may wait inside.",
			     "abbreviation", "8.35 am.", "8.35 a.m."));
	assert_true(has_slot("The gates open at 8.35 am. Parents may wait inside.",
			     "abbreviation", "8.35 am.", "8:35am."));
	assert_true(has_slot("Clinics close at 5 p.m. on Fridays.", "abbreviation", "5 p.m.", "5 pm"));
	assert_true(has_slot("Clinics close at 5 p.m. Staff may leave.", "abbreviation", "5 p.m.", "5 pm."));
	/* never a value change: no hour above 12, no minutes above 59 */
	assert_false(has_slot("The train leaves at 14 pm according to the notice.", "abbreviation", "14 pm", NULL));
	assert_false(has_slot("The train leaves at 4.75 pm according to the notice.", "abbreviation", "4.75 pm", NULL));
	assert_false(touched("Counters open 9-11 am on weekdays only.", "11 am"));
	assert_false(touched("I am writing to you about the 2 am incident report.", "I am"));
	assert_false(touched("The shift ends at 9am sharp every day.", "9am"));
}

/* ---- number words above ten ---- */
static void test_number_words_large(void **st)
{
	(void)st;
	assert_true(has_slot("We reported the incident within the required 72 hours of notice.",
			     "number-word", "72", "seventy-two"));
	assert_true(has_slot("Operators have fourteen days to appeal the decision.",
			     "number-word", "fourteen", "14"));
	assert_true(has_slot("The panel has twenty-one members from the regions.",
			     "number-word", "twenty-one", "21"));
	/* dates, money, sections, years, thousands, ranges */
	assert_false(has_slot("The order takes effect on 18 May and costs 15 pounds.",
			      "number-word", "18", NULL));
	assert_false(touched("See Section 12 paragraphs for the details of the scheme.", "12"));
	assert_false(touched("About 12,000 runners and 60,000 spectators are expected.", "000 runners"));
	assert_false(touched("Between 20 and 30 officers will be deployed on the day.", "30 officers"));
	assert_false(touched("Staff aged 16 to 18 years may apply for the scheme.", "18 years"));
}

/* ---- new synonym groups ---- */
static void test_new_synonyms(void **st)
{
	(void)st;
	assert_true(has_slot("About 150 spaces will be closed, around 40 of them today.",
			     "synonym", "around", "approximately"));
	assert_true(has_slot("The uptake was higher compared with last year in the region.",
			     "synonym", "compared with", "compared to"));
	assert_true(has_slot("The marathon will take place on Sunday in the city.",
			     "synonym", "will take place", "will be held"));
	assert_true(has_slot("Visits must be agreed in advance with the nurse in charge.",
			     "synonym", "in advance", "beforehand"));
	assert_true(has_slot("Managers should make sure that rotas are updated.",
			     "synonym", "make sure that", "ensure that"));
	/* "around" not before a number, "in advance of", "ensure" + noun */
	assert_false(has_slot("Barriers were placed around the square by the team.",
			      "synonym", "around", NULL));
	assert_false(has_slot("Forms are due in advance of the meeting with the board.",
			      "synonym", "in advance", NULL));
	assert_false(has_slot("Our aim is to ensure the safety of runners on the day.",
			      "synonym", "ensure", NULL));
	/* "take place" after a plural subject stays */
	assert_false(has_slot("Inspections take place every month in the region.",
			      "synonym", "take place", NULL));
}

/* ---- new hyphenation pairs and institutions ---- */
static void test_new_hyphens_and_institutions(void **st)
{
	(void)st;
	assert_true(has_slot("Pupils attend after-school clubs until 5.30 pm on weekdays.",
			     "hyphenation", "after-school", "after school"));
	assert_true(has_slot("Call the helpline for advice about the changes.",
			     "hyphenation", "helpline", NULL));
	assert_true(has_slot("Please contact the embassy on the emergency number.",
			     "capitalisation", "e", "E"));
	/* a full name is never touched */
	assert_false(touched("Staff at the Embassy of Ruritania were told of the changes.",
			     "Embassy"));
}

/* ---- order of coordinated noun phrases ---- */
static void test_list_order_fires(void **st)
{
	(void)st;
	assert_true(has_slot("The tickets contained names, email addresses and telephone numbers.",
			     "list-order", "names, email addresses and telephone numbers",
			     "email addresses, names and telephone numbers"));
	/* three items: the serial comma travels with the order */
	assert_true(has_slot("The tickets contained names, email addresses and telephone numbers.",
			     "list-order", "names, email addresses and telephone numbers",
			     "names, email addresses, and telephone numbers"));
	assert_true(has_slot("Roads between the regional airport and the coast have been closed.",
			     "list-order", "the regional airport and the coast",
			     "the coast and the regional airport"));
	assert_true(has_slot("All berth operators, shipping agents, stevedoring companies and contractors must attend.",
			     "list-order", "berth operators, shipping agents, stevedoring companies and contractors",
			     NULL));
	assert_true(has_slot("Please check your personal details, your address and your emergency contact.",
			     "list-order", "your personal details, your address and your emergency contact",
			     "your emergency contact, your address and your personal details"));
}

/* Whether a list-order slot touches the bytes of `what` in text. */
static int list_touched(const char *text, const char *what)
{
	lt_slot_set *set = NULL;
	const char *p = strstr(text, what);
	size_t a, b, i;
	int hit = 0;

	assert_non_null(p);
	a = (size_t)(p - text);
	b = a + strlen(what);
	assert_int_equal(lt_slots_find(&set, text, strlen(text)), LT_OK);
	for (i = 0; i < set->n; i++)
		if (set->slots[i].family == fam("list-order") &&
		    set->slots[i].start < b && set->slots[i].end > a)
			hit = 1;
	lt_slot_set_free(set);
	return hit;
}

static void test_list_order_leaves_alone(void **st)
{
	(void)st;
	/* verbs, a modal before the list, a phrase that attaches to the last item */
	assert_false(list_touched("Departments plan, award and manage large contracts.",
			     "plan, award and manage"));
	assert_false(list_touched("Students can attend classes, use the library or receive support.",
			     "attend classes, use the library or receive"));
	assert_false(list_touched("We asked parents, pupils and staff for their views.",
			     "parents, pupils"));
	assert_false(list_touched("The cost of the scheme and the timetable were agreed.",
			     "scheme and the timetable"));
	/* sequence, numbers, names, fixed pairs, quotations, negation */
	assert_false(list_touched("Work is done in the first, second and third weeks.",
			     "first, second and third"));
	assert_false(list_touched("Reports came from Paris, Rome and Vienna.",
			     "Paris, Rome and Vienna"));
	assert_false(list_touched("Bids were due from 3, 5 and 7 suppliers.",
			     "3, 5 and 7"));
	assert_false(has_slot("We agreed the terms and conditions and the fees.",
			      "list-order", "the terms and conditions and the fees", NULL));
	assert_false(list_touched("He wrote \"names, addresses and bank details\" on the form.",
			     "names, addresses and bank details"));
	assert_false(list_touched("Review, approve and publish the plan.", "Review, approve"));
	assert_false(list_touched("We will cover trained staff, volunteers and contractors.",
			     "trained staff"));
}

/* ---- rates after an amount ---- */
static void test_rate_fires(void **st)
{
	(void)st;
	assert_true(has_slot("The fee is £500 per year for each member.", "rate",
			     "per year", "annually"));
	assert_true(has_slot("The speed limit remains 10 miles per hour. Drivers must stop.",
			     "rate", "per hour", "an hour"));
	assert_true(has_slot("The line is staffed 24 hours a day, and calls are recorded.",
			     "rate", "a day", "daily"));
	assert_true(has_slot("Inspections take place twice a year.", "rate",
			     "a year", "each year"));
	assert_true(has_slot("Members pay 30 euros monthly.", "rate", "monthly",
			     "per month"));
}

static void test_rate_leaves(void **st)
{
	(void)st;
	/* no amount before the period */
	assert_false(touched("The cost per year is shown in the table below.", "per year"));
	assert_false(touched("The scheme started a year ago.", "a year"));
	/* a year, a reference or a section number is not an amount */
	assert_false(touched("The office opened in 2024 a year after the merger.", "a year"));
	assert_false(touched("See section 5 a day before the hearing.", "a day"));
	/* the clause goes on: "3 a year later" */
	assert_false(touched("We received 3 letters a year later than planned.", "a year"));
	/* quotations are left alone */
	assert_false(touched("The notice said \"10 miles per hour\" at the gate.", "per hour"));
	/* no "each hour" or "hourly" variant */
	assert_false(has_slot("The limit is 10 miles per hour.", "rate", "per hour", "each hour"));
}

/* ---- bounds and totals before a counted number ---- */
static void test_amount_fires(void **st)
{
	(void)st;
	assert_true(has_slot("Please give us at least 20 days notice.", "amount",
			     "at least", "a minimum of"));
	/* "up to" is an approximate bound: never made a strict maximum */
	assert_false(touched("You may speak for up to three minutes.", "up to"));
	assert_false(touched("Transfers of up to 10% of a heading are allowed.", "up to"));
	assert_true(has_slot("The award is for a total of £284,600 over three years.",
			     "amount", "a total of ", ""));
	assert_true(has_slot("We inspected a total of 120 files in May.", "amount",
			     "a total of ", ""));
}

static void test_amount_leaves(void **st)
{
	(void)st;
	/* times and dates are not counted amounts */
	assert_false(touched("The office is open up to 5 pm on weekdays.", "up to"));
	assert_false(touched("Comments are accepted up to 31 March.", "up to"));
	assert_false(touched("Bring at least 2024 forms to the desk.", "at least") &&
		     touched("Bring at least 2024 forms to the desk.", "2024"));
	/* negated bounds */
	assert_false(touched("The charge is not at least 20 euros.", "at least"));
	/* "up to" after a verb of movement */
	assert_false(touched("The water rose up to 30 metres above the quay.", "up to"));
	/* no number after the phrase */
	assert_false(has_slot("Records must be kept up to date at all times.", "amount",
			      "up to", NULL));
	assert_false(touched("At least, that is the plan we agreed.", "At least"));
	/* "A total of" opening a sentence stays */
	assert_false(has_slot("A total of 46 homes will be built.", "amount", "A total of ", ""));
}

/* ---- optional "to" after "help" ---- */
static void test_optional_to_fires(void **st)
{
	(void)st;
	assert_true(has_slot("Staff at reception will help you find the documents you need.",
			     "optional-to", "", "to "));
	assert_true(has_slot("The new rules will help to reduce delays at the port.",
			     "optional-to", "to ", ""));
	assert_true(has_slot("The grant helped us to improve the service.",
			     "optional-to", "to ", ""));
}

static void test_optional_to_leaves(void **st)
{
	(void)st;
	/* the noun "help" */
	assert_false(touched("We offer help to find work for every applicant.", "to find"));
	assert_false(touched("This is the help you find most useful.", "you find"));
	/* a verb outside the list */
	assert_false(touched("We will help you to leave the building safely.", "to leave"));
	/* quotations */
	assert_false(touched("The sign read \"we will help you find it\" in red.", "you find"));
}

/* ---- compound adjectives with a curated head ---- */
static void test_compound_head_fires(void **st)
{
	(void)st;
	assert_true(has_slot("We support a community-led approach to every inspection.",
			     "compound-head", "-", " "));
	assert_true(has_slot("Reports of work-related stress have risen.",
			     "compound-head", "-", " "));
	assert_true(has_slot("The organisation-wide review starts in May.",
			     "compound-head", "-", " "));
}

static void test_compound_head_leaves(void **st)
{
	(void)st;
	/* predicative */
	assert_false(touched("The approach is risk-based and fair.", "risk-based"));
	assert_false(touched("The injury was work-related.", "work-related"));
	/* prefixes that keep their hyphen, chains, names, numbers */
	assert_false(touched("A self-funded scheme was proposed.", "self-funded"));
	assert_false(touched("We held an end-of-term review.", "of-term"));
	assert_false(touched("The Council-led scheme begins soon.", "Council-led"));
	assert_false(touched("A 12-month period applies.", "12-month"));
	/* an adverb after the compound */
	assert_false(touched("The review was council-wide recently.", "council-wide"));
}

/* ---- more synonym groups of this round ---- */
static void test_round5_synonyms(void **st)
{
	(void)st;
	assert_true(has_slot("Everyone else must stay behind the barriers.", "synonym",
			     "Everyone", "Everybody"));
	assert_true(has_slot("Students are unable to reply by post.", "synonym",
			     "are unable to", "are not able to"));
	assert_true(has_slot("The changes take effect on 1 October.", "synonym",
			     "take effect", "come into effect"));
	assert_true(has_slot("Sessions run each weekday; no appointment is needed.",
			     "synonym", "is needed", "is required"));
	assert_true(has_slot("Views will be taken into account by the panel.", "synonym",
			     "into account", "into consideration"));
	assert_true(has_slot("Anyone who wishes to comment should write to us.", "synonym",
			     "wishes to", "wants to"));
	assert_true(has_slot("We reply within two working days of receipt.", "synonym",
			     "working days", "business days"));
	/* obligation stays: "is required to attend" is not "is needed to attend" */
	assert_false(has_slot("Each student is required to attend in person.", "synonym",
			      "is required", NULL));
	/* "has come into effect" never becomes "has take effect" */
	assert_false(has_slot("The rule has come into effect.", "synonym", "come into effect",
			      NULL));
	/* "plan to" as a noun phrase is never a trigger */
	assert_false(has_slot("We have a plan to build homes.", "synonym", "plan to", NULL));
	/* "effect on" only after a determiner ("take effect on 1 May" stays) */
	assert_false(has_slot("The changes take effect on 1 May.", "synonym", "effect on", NULL));
	assert_true(has_slot("We considered the effect on neighbouring homes.", "synonym",
			     "effect on", "impact on"));
	/* "increase" as a noun stays */
	assert_false(has_slot("The increase the council approved is small.", "synonym",
			      "increase the", NULL));
}

/* ---- whether/if, clause-final "not required", "that" before you/it ---- */
static void test_round5_more(void **st)
{
	(void)st;
	assert_true(has_slot("Please check whether your details are correct.", "synonym",
			     "check whether", "check if"));
	assert_false(has_slot("You must decide whether to apply this year.", "synonym",
			      "decide whether", NULL));
	assert_false(has_slot("Please check whether or not the form is signed.", "synonym",
			      "check whether", NULL));
	assert_true(has_slot("A boil notice was not required.", "synonym",
			     "not required", "not needed"));
	assert_false(has_slot("Visitors are not required to sign in.", "synonym",
			      "not required", NULL));
	assert_true(has_slot("We believe you are entitled to a refund.", "optional-that",
			     "", "that "));
	assert_true(has_slot("The panel found it was not possible to proceed.",
			     "optional-that", "", "that "));
	/* "you" as an object stays without "that" */
	assert_false(touched("We recommend you for the award this year.", "you for"));
	assert_false(has_slot("We expect you to attend the meeting.", "optional-that", "",
			      "that "));
	/* comparisons and approximations before number words from two */
	assert_true(has_slot("The delay lasted more than three months.", "synonym",
			     "more than", "over"));
	assert_false(has_slot("We are writing about two changes to the rules.", "synonym",
			      "about", "approximately"));
	assert_false(has_slot("The work took more than one month.", "synonym",
			      "more than", "over"));
	/* "nothing more than" is not "nothing further than" */
	assert_false(touched("This is nothing more than a delay.", "nothing more"));
	assert_true(has_slot("You do not need to do anything further.", "synonym",
			     "anything further", "anything else"));
	/* a river bank is not an institution */
	assert_false(touched("Water reached the bank overnight.", "bank"));
	assert_true(has_slot("Forms are returned to the University by post.",
			     "capitalisation", "U", "u"));
	assert_true(has_slot("Evidence should be sent through the portal by May.",
			     "synonym", "through the portal", "via the portal"));
	assert_false(touched("We got through the winter without closures.", "through"));
}

/* ---- optional "that" in object relative clauses ---- */
static void test_relative_that(void **st)
{
	(void)st;
	assert_true(has_slot("Staff will help you find the documents you need today.",
			     "optional-that", "", "that "));
	assert_true(has_slot("We use the address that you give us for letters.",
			     "optional-that", "that ", ""));
	assert_true(has_slot("We hope the changes make the process simpler.",
			     "optional-that", "", "that "));
	/* an adverbial phrase before the subject, not a noun with a clause */
	assert_false(has_slot("In the meantime we need your patience.", "optional-that",
			      "", "that "));
	assert_false(has_slot("At the same time we need more staff.", "optional-that",
			      "", "that "));
	/* a content clause keeps its "that" */
	assert_false(touched("We accept the fact that we need more staff.", "that we"));
	/* a verb outside the list */
	assert_false(touched("Please read the notes you were sent.", "notes you"));
	/* "hope" and "think" only before a determiner */
	assert_false(touched("We think carefully before we act.", "think carefully"));
}

/* ---- optional "that" added after a reporting verb ---- */
static void test_that_insertion(void **st)
{
	(void)st;
	assert_true(has_slot("The Chair said we would publish the report in June.",
			     "optional-that", "", "that "));
	assert_true(has_slot("We expect there will be delays on the east quay.",
			     "optional-that", "", "that "));
	/* objects, not clauses; quotations; names */
	assert_false(has_slot("The panel found the report useful.",
			      "optional-that", "", "that "));
	assert_false(has_slot("The officers noted the incident and left.",
			      "optional-that", "", "that "));
	assert_false(has_slot("He wrote \"we said we would\" in the log.",
			      "optional-that", "", "that "));
	assert_false(has_slot("They expect there to be delays.",
			      "optional-that", "", "that "));
}


/* ---- dates ---- */
static void test_date_fires(void **st)
{
	(void)st;
	assert_true(has_slot("The changes take effect on 1 October 2024 for all operators.",
			     "date", "1 October 2024", "October 1, 2024"));
	assert_true(has_slot("The changes take effect on 1 October 2024 for all operators.",
			     "date", "1 October 2024", "1st October 2024"));
	assert_true(has_slot("The office reopens on March 3, 2025 after the repairs.",
			     "date", "March 3, 2025", "3 March 2025"));
	assert_true(has_slot("Comments are due by 22 April at the latest.",
			     "date", "22 April", "22nd April"));
	assert_true(has_slot("Registration opens on Monday 12 January for all students.",
			     "combined", "", ", 12 January"));
}

static void test_date_leaves(void **st)
{
	(void)st;
	/* all-numeric dates, ranges, compounds, quotations, "May" the modal */
	assert_false(touched("The form dated 3/4/2024 was received by the office.", "3/4/2024"));
	assert_false(touched("The course runs 12-14 March at the college.", "14 March"));
	assert_false(touched("The course runs from 12 to 14 March at the college.", "14 March"));
	assert_false(touched("The course runs on March 12 and 13 at the college.", "March 12"));
	assert_false(touched("The course runs on 12 and 14 March at the college.", "14 March"));
	assert_false(touched("He wrote \"due on 3 March\" on the form.", "3 March"));
	assert_false(touched("The budget for 2024-25 was agreed on 14 March 2024-25.", "14 March"));
	assert_false(has_slot("Staff may 3 times apply. May 3 staff attend?", "date", "May 3", NULL));
	assert_false(touched("The count on 32 March is not a date at all.", "32 March"));
}

/* ---- the preposition after a noun of information ---- */
static void test_topic_preposition_fires(void **st)
{
	(void)st;
	assert_true(has_slot("Staff with questions about the new rota should contact their manager.",
			     "topic-preposition", "questions about", "queries regarding"));
	assert_true(has_slot("Questions about this circular should be sent to the unit.",
			     "topic-preposition", "Questions about", "Queries concerning"));
	assert_true(has_slot("Please send your comments regarding the draft to the team.",
			     "topic-preposition", "regarding", "about"));
	assert_true(has_slot("We have received concerns in relation to the closure of the depot.",
			     "topic-preposition", "in relation to", "with regard to"));
}

static void test_topic_preposition_leaves(void **st)
{
	(void)st;
	/* "about" before a number, "on" (a place), no "concerns concerning" */
	assert_false(touched("We received information about 300 complaints last year.", "about"));
	assert_true(has_slot("The survey took about 300 staff members an hour.", "synonym", "about", NULL));
	assert_false(touched("The information on our website was out of date.", "on"));
	assert_false(has_slot("Residents raised concerns about the noise at night.",
			      "topic-preposition", "about", "concerning"));
	assert_false(touched("He said \"questions about the budget\" were closed.", "about"));
	assert_false(touched("Staff must not give advice about the case to anyone.", "must not"));
}

/* ---- how a number is written ---- */
static void test_number_format_fires(void **st)
{
	(void)st;
	assert_true(has_slot("Records relating to 8,400 customers were exposed.",
			     "number-format", "8,400", "8400"));
	assert_true(has_slot("The fee is \xc2\xa3" "1,500 for each applicant.",
			     "number-format", "1,500", "1500"));
	assert_true(has_slot("The storm left 2400 households without power.",
			     "number-format", "2400", "2,400"));
	assert_true(has_slot("The main burst at 06:40 on Saturday morning.",
			     "number-format", "06:40", "06.40"));
}

static void test_number_format_leaves(void **st)
{
	(void)st;
	/* years, ids, labels, five digits, decimals, ratios, verses, phones */
	assert_false(touched("In 2024 staff were trained in the new system.", "2024"));
	assert_false(touched("The 2024 figures were published in the spring.", "2024"));
	assert_false(touched("See Room 2400 for the details of the scheme.", "2400"));
	assert_false(touched("Reference No. 1234 applies to all cases.", "1234"));
	assert_false(touched("About 12,000 runners and 60,000 spectators are expected.", "12,000"));
	assert_false(touched("The cost was 1,234.50 pounds in the end.", "1,234"));
	assert_false(touched("The vote was carried 3:1 by the members.", "3:1"));
	assert_false(touched("The text of John 3:16 was read aloud.", "3:16"));
	assert_false(touched("The office opens at 24:75 hours on the day.", "24:75"));
	assert_false(touched("Call 0800 1234 for advice on the scheme.", "0800"));
}

/* ---- letters and memos ---- */
static void test_letter(void **st)
{
	const char *letter = "Dear Dr Okafor,\n\nThank you for your letter of 3 May.\n\n"
			     "Yours sincerely,\n\nHelen Marsh\n";
	const char *memo = "To: All staff\nSubject: Changes to the rota\n\nThe rota changes.\n"
			   "\nKind regards\nThe Team\n";

	(void)st;
	assert_true(has_slot(letter, "letter", ",", ":"));
	assert_true(has_slot(letter, "letter", "Yours sincerely,", "Sincerely,"));
	assert_true(has_slot(letter, "letter", "Yours sincerely,", "Yours sincerely"));
	assert_true(has_slot(memo, "letter", "Subject:", "Re:"));
	assert_true(has_slot(memo, "letter", "Kind regards", "Best regards,"));
	/* not alone on its line, or not a salutation */
	assert_false(touched("I remain yours sincerely, as ever, at the office.", "sincerely"));
	assert_false(has_slot("Dear colleagues in the regional offices, thank you.\n",
			      "letter", ",", NULL));
}

/* ---- comparisons before numbers, telling, other phrases ---- */
static void test_more_phrases(void **st)
{
	(void)st;
	assert_true(has_slot("Consignments worth less than 150 euros are exempt.",
			     "synonym", "less than", "under"));
	assert_true(has_slot("Teams with fewer than 10 staff may apply.",
			     "synonym", "fewer than", "under"));
	assert_false(touched("The report must be no less than 10 pages long.", "less than"));
	assert_false(touched("Submissions should be no more than 3,000 words.", "more than"));
	assert_true(has_slot("Our provider told us that a server had been accessed.",
			     "synonym", "told us that", "informed us that"));
	assert_true(has_slot("Please let us know if your details change.",
			     "synonym", "let us know if", "tell us if"));
	assert_true(has_slot("Please contact the Finance Office rather than the Registry.",
			     "synonym", "rather than", "instead of"));
	assert_false(touched("We chose to wait rather than act at once.", "rather than"));
	assert_true(has_slot("The Committee will hold hearings in the spring and report later.",
			     "synonym", "in the spring", "in spring"));
	assert_false(touched("The Committee will report in the spring of next year.", "in the spring"));
	assert_true(has_slot("Staff may speak to their manager first.",
			     "synonym", "speak to", "speak with"));
}

/* ---- punctuation of a short aside ---- */
static void test_aside(void **st)
{
	(void)st;
	assert_true(has_slot("A list of software, including several free products, is published online.",
			     "aside", ", including several free products,",
			     " (including several free products)"));
	assert_true(has_slot("Staff may take action, for example a written warning.",
			     "aside", ", for example a written warning", " (for instance a written warning)"));
	assert_true(has_slot("Some bodies (such as the regulator) are exempt from the rule.",
			     "aside", " (such as the regulator)", ", such as the regulator,"));
	/* a list after the opener, a following noun, a negation, quotations */
	assert_false(touched("It covers many areas, including finance, staffing and estates.", "including"));
	assert_false(has_slot("Several bodies, including the regulator, the council and the police, agreed.",
			      "aside", ", including the regulator,", NULL));
	assert_false(touched("Some staff, in particular those not trained, must wait.", "in particular"));
	assert_false(touched("He said \"all bodies, including the regulator, are bound\" today.", "including"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_serial_comma_fires),
		cmocka_unit_test(test_serial_comma_leaves_clauses),
		cmocka_unit_test(test_optional_that_fires),
		cmocka_unit_test(test_optional_that_leaves),
		cmocka_unit_test(test_abbreviation_fires),
		cmocka_unit_test(test_abbreviation_leaves),
		cmocka_unit_test(test_number_word_fires),
		cmocka_unit_test(test_number_word_leaves),
		cmocka_unit_test(test_percent_fires),
		cmocka_unit_test(test_percent_leaves),
		cmocka_unit_test(test_contraction_fires),
		cmocka_unit_test(test_contraction_leaves),
		cmocka_unit_test(test_synonym_fires),
		cmocka_unit_test(test_synonym_leaves),
		cmocka_unit_test(test_hyphenation_fires),
		cmocka_unit_test(test_hyphenation_leaves),
		cmocka_unit_test(test_intro_comma_fires),
		cmocka_unit_test(test_intro_comma_leaves),
		cmocka_unit_test(test_spelling_fires),
		cmocka_unit_test(test_spelling_leaves),
		cmocka_unit_test(test_capitalisation_fires),
		cmocka_unit_test(test_capitalisation_leaves),
		cmocka_unit_test(test_pair_order_fires),
		cmocka_unit_test(test_pair_order_leaves),
		cmocka_unit_test(test_optional_of_fires),
		cmocka_unit_test(test_optional_of_leaves),
		cmocka_unit_test(test_relative_which),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_apostrophe),
		cmocka_unit_test(test_dash),
		cmocka_unit_test(test_sentence_space),
		cmocka_unit_test(test_nbsp),
		cmocka_unit_test(test_never_touches_protected_words),
		cmocka_unit_test(test_combined_merges_neighbours),
		cmocka_unit_test(test_intro_general_fires),
		cmocka_unit_test(test_intro_general_leaves),
		cmocka_unit_test(test_clause_comma_fires),
		cmocka_unit_test(test_clause_comma_leaves),
		cmocka_unit_test(test_relative_who),
		cmocka_unit_test(test_am_pm),
		cmocka_unit_test(test_date_fires),
		cmocka_unit_test(test_date_leaves),
		cmocka_unit_test(test_topic_preposition_fires),
		cmocka_unit_test(test_topic_preposition_leaves),
		cmocka_unit_test(test_number_format_fires),
		cmocka_unit_test(test_number_format_leaves),
		cmocka_unit_test(test_letter),
		cmocka_unit_test(test_more_phrases),
		cmocka_unit_test(test_aside),
		cmocka_unit_test(test_number_words_large),
		cmocka_unit_test(test_new_synonyms),
		cmocka_unit_test(test_new_hyphens_and_institutions),
		cmocka_unit_test(test_list_order_fires),
		cmocka_unit_test(test_list_order_leaves_alone),
		cmocka_unit_test(test_that_insertion),
		cmocka_unit_test(test_rate_fires),
		cmocka_unit_test(test_rate_leaves),
		cmocka_unit_test(test_amount_fires),
		cmocka_unit_test(test_amount_leaves),
		cmocka_unit_test(test_optional_to_fires),
		cmocka_unit_test(test_optional_to_leaves),
		cmocka_unit_test(test_compound_head_fires),
		cmocka_unit_test(test_compound_head_leaves),
		cmocka_unit_test(test_round5_synonyms),
		cmocka_unit_test(test_round5_more),
		cmocka_unit_test(test_relative_that),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
