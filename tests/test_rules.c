/*
 * test_rules.c - every rule family fires where it should and leaves alone
 * what it must never touch (numbers in dates, money and sections, names,
 * quotations, negations, "shall").
 *
 * The cases are one table: a family, a text, and what must (or must not)
 * happen there.  Every family of the rule registry must find a slot in at
 * least one of its positive examples, so a family added without one fails
 * here.
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
#include "mark/rules.h"

/* Family number by name. */
static unsigned fam(const char *name)
{
	int f = lt_slot_family_by_name(name);

	if (f < 0)
		fail_msg("no family %s", name);
	return (unsigned)f;
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

/*
 * Whether a slot touches the bytes of `what` in text: with `family` NULL,
 * any lexical slot (an insertion strictly inside counts too); otherwise a
 * slot of that family overlapping them.
 */
static int touched_by(const char *text, const char *what, const char *family)
{
	lt_slot_set *set = NULL;
	const char *p = strstr(text, what);
	unsigned f = family ? fam(family) : 0;
	size_t a, b, i;
	int hit = 0;

	assert_non_null(p);
	a = (size_t)(p - text);
	b = a + strlen(what);
	assert_int_equal(lt_slots_find(&set, text, strlen(text)), LT_OK);
	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];

		if (family) {
			if (s->family == f && s->start < b && s->end > a)
				hit = 1;
			continue;
		}
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

static int touched(const char *text, const char *what)
{
	return touched_by(text, what, NULL);
}

/* ---------------------------------------------------------------------
 * The cases
 * ------------------------------------------------------------------- */

enum expect {
	FIRES,	   /* a slot of `family` on `orig` offers `alt` (any: NULL) */
	NO_SLOT,   /* no such slot */
	UNTOUCHED  /* no lexical slot (or none of `family`) touches `orig` */
};

typedef struct rule_case {
	enum expect expect;
	const char *family;
	const char *text;
	const char *orig;
	const char *alt;
} rule_case;

static const rule_case cases[] = {
	/* ---- author markup ---- */
	{ FIRES, "markup",
	  "Staff should reply {{within|in}} ten days of the notice.",
	  "within", "in" },

	/* ---- serial comma ---- */
	{ FIRES, "serial-comma",
	  "The review examined the cost, the timetable and the method of each project.",
	  "", "," },
	{ FIRES, "serial-comma",
	  "Plans must list deferred projects, current projects, and new projects in full.",
	  ",", "" },
	/* a comma after an introductory clause is not a list */
	{ NO_SLOT, "serial-comma",
	  "If approved, staff and managers will be told.",
	  "", NULL },
	/* a comma joining clauses (pronoun after "and") */
	{ NO_SLOT, "serial-comma",
	  "The Board met, the plan was approved, and it was published.",
	  ",", NULL },
	{ UNTOUCHED, NULL,
	  "He said \"red, green and blue\" to us.",
	  "green and", NULL },

	/* ---- optional that ---- */
	{ FIRES, "optional-that",
	  "The Directorate noted that the reduction was necessary for this year.",
	  "that ", "" },
	{ NO_SLOT, "optional-that",
	  "The review found that report unclear in several places.",
	  "that ", NULL },
	{ NO_SLOT, "optional-that",
	  "The review found that no record had been kept at all.",
	  "that ", NULL },
	{ NO_SLOT, "optional-that",
	  "The Board decided that the plan would go ahead at once.",
	  "that ", NULL },

	/* ---- abbreviations ---- */
	{ FIRES, "abbreviation",
	  "The U.S. delegation arrived on time for the talks.",
	  "U.S.", "US" },
	{ FIRES, "abbreviation",
	  "The UK position is set out in the attached paper.",
	  "UK", "U.K." },
	{ FIRES, "abbreviation",
	  "The report was written by Dr. Venn for the panel.",
	  ".", "" },
	/* at a sentence end the stop is also the full stop */
	{ NO_SLOT, "abbreviation",
	  "The team flew to the U.S. The visit lasted a week.",
	  "U.S.", NULL },
	{ NO_SLOT, "abbreviation",
	  "LET US KNOW BY FRIDAY IF YOU CAN ATTEND.",
	  "US", NULL },

	/* ---- number words ---- */
	{ FIRES, "number-word",
	  "The review will cover three major road projects again.",
	  "three", "3" },
	{ FIRES, "number-word",
	  "Plans are due within 6 weeks of the notice.",
	  "6", "six" },
	{ UNTOUCHED, NULL,
	  "The rules in Section 3 apply to all staff members.",
	  "3", NULL },
	{ NO_SLOT, "number-word",
	  "The meeting is on 3 March in Room 4 with all members.",
	  "3", NULL },
	{ UNTOUCHED, NULL,
	  "The meeting is on 3 March in Room 4 with all members.",
	  "Room 4", NULL },
	{ UNTOUCHED, NULL,
	  "The fee of $5 covers all claims for the year.",
	  "5", NULL },
	{ UNTOUCHED, NULL,
	  "It lasts 2.5 hours in total for most people.",
	  "2.5", NULL },
	{ UNTOUCHED, NULL,
	  "Divide them every three or four years as needed.",
	  "three", NULL },
	{ UNTOUCHED, NULL,
	  "Three projects were deferred this year by the board.",
	  "Three", NULL },
	{ UNTOUCHED, NULL,
	  "See Annex 2 documents for the full list of items.",
	  "2", NULL },

	/* ---- percent ---- */
	{ FIRES, "percent",
	  "Spending rose by 12 per cent last year in most regions.",
	  " per cent", "%" },
	{ FIRES, "percent",
	  "Spending rose by 12% last year in most regions.",
	  "%", " percent" },
	{ UNTOUCHED, NULL,
	  "Spending rose by seven per cent last year in most regions.",
	  "per cent", NULL },
	{ UNTOUCHED, NULL,
	  "The percentage of staff trained rose last year.",
	  "percentage", NULL },

	/* ---- contractions ---- */
	{ FIRES, "contraction",
	  "We believe it is important to act now on this matter.",
	  " is", "'s" },
	{ FIRES, "contraction",
	  "In the autumn we will continue to assist the offices.",
	  " will", "'ll" },
	{ UNTOUCHED, NULL,
	  "We believe it is not possible to act now on this.",
	  "it is not", NULL },
	{ UNTOUCHED, NULL,
	  "In the autumn we will never assist the offices again.",
	  "we will", NULL },
	{ UNTOUCHED, NULL,
	  "The Office shall submit the plan by Friday next week.",
	  "shall", NULL },
	{ NO_SLOT, "contraction",
	  "The ministry and its agencies work together closely.",
	  "its", NULL },

	/* ---- synonyms ---- */
	{ FIRES, "synonym",
	  "The course takes approximately 90 minutes to complete.",
	  "approximately", "about" },
	{ FIRES, "synonym",
	  "Staff must register prior to the meeting on Monday.",
	  "prior to", "before" },
	{ FIRES, "synonym",
	  "The project went ahead. Therefore, the plan was revised by the Board.",
	  "Therefore", "Consequently" },
	{ FIRES, "synonym",
	  "Training will commence on Monday in the main hall.",
	  "commence", "begin" },
	/* article agreement: "an additional" never becomes "an further" */
	{ NO_SLOT, "synonym",
	  "This places an additional burden on the staff of the unit.",
	  "additional", "further" },
	/* one-way: "about" is ambiguous and never becomes "approximately" */
	{ NO_SLOT, "synonym",
	  "Questions about this memorandum go to the unit.",
	  "about", NULL },
	/* quotation, name, modals */
	{ UNTOUCHED, NULL,
	  "He wrote \"approximately ten\" in the margin of the page.",
	  "approximately", NULL },
	{ UNTOUCHED, NULL,
	  "The Numerous Trust is a charity working with the unit.",
	  "Numerous", NULL },
	{ UNTOUCHED, NULL,
	  "Payments due to the contractor shall be made by Friday.",
	  "due to", NULL },
	{ UNTOUCHED, NULL,
	  "The work is due to start in the spring of next year.",
	  "due to", NULL },
	{ UNTOUCHED, NULL,
	  "Staff must not disclose the findings before they are published.",
	  "must not", NULL },
	/* "immediately after" has no "at once after" */
	{ NO_SLOT, "synonym",
	  "The Office must inform the unit immediately after the meeting ends.",
	  "immediately", "at once" },
	{ FIRES, "synonym",
	  "The Office must inform the unit immediately and keep a record.",
	  "immediately", "at once" },

	/* ---- hyphenation ---- */
	/* a compound modifier before a noun keeps its hyphen */
	{ NO_SLOT, "hyphenation",
	  "This is essential to the long-term success of the firm.",
	  "long-term", "long term" },
	{ FIRES, "hyphenation",
	  "This is essential to the long term success of the firm.",
	  "long term", "long-term" },
	{ FIRES, "hyphenation",
	  "Questions should be sent by e-mail to the office.",
	  "e-mail", "email" },
	/* "long term" as a noun phrase at the end of a clause */
	{ NO_SLOT, "hyphenation",
	  "This will pay off in the long term.",
	  "long term", NULL },
	{ UNTOUCHED, NULL,
	  "See the file long-term.txt on the server for the list.",
	  "long-term", NULL },

	/* ---- intro comma ---- */
	{ FIRES, "intro-comma",
	  "The plan was agreed. At this point, the Board approved the budget.",
	  ",", NULL },
	{ FIRES, "intro-comma",
	  "The plan was agreed. Last year the Board approved the budget.",
	  "", "," },
	{ NO_SLOT, "intro-comma",
	  "The plan was agreed. In particular, plans should be clear.",
	  ",", NULL },
	{ NO_SLOT, "intro-comma",
	  "The staff, in addition, the Board approved it.",
	  ",", NULL },

	/* ---- spelling ---- */
	{ FIRES, "spelling",
	  "The panel will use its judgment in each of the cases.",
	  "judgment", "judgement" },
	{ FIRES, "spelling",
	  "Progress toward the target has been slow this year.",
	  "toward", "towards" },
	/* house style: an American text gets no British-only variant */
	{ NO_SLOT, "spelling",
	  "The organization will use its judgment; the color and defense of the center are realized.",
	  "judgment", "judgement" },
	/* defence/defense is a house-style spelling, never a slot */
	{ UNTOUCHED, NULL,
	  "The defence budget rose again in the autumn.",
	  "defence", NULL },

	/* ---- capitalisation ---- */
	{ FIRES, "capitalisation",
	  "Offices must inform the Directorate at once about delays.",
	  "D", "d" },
	{ NO_SLOT, "capitalisation",
	  "Offices must inform the Department of Health at once.",
	  "D", NULL },
	{ NO_SLOT, "capitalisation",
	  "Offices must inform the Security Office at once.",
	  "O", NULL },

	/* ---- pair order ---- */
	{ FIRES, "pair-order",
	  "We must protect the safety and security of our staff.",
	  "safety and security", "security and safety" },
	{ UNTOUCHED, NULL,
	  "We must protect \"safety and security\" of our staff.",
	  "safety", NULL },
	{ UNTOUCHED, NULL,
	  "The Safety and Security Unit meets weekly at the office.",
	  "Safety", NULL },

	/* ---- optional of ---- */
	{ FIRES, "optional-of",
	  "We will consider all of the comments received so far.",
	  "of ", "" },
	{ FIRES, "optional-of",
	  "We will consider all the comments received so far.",
	  "", "of " },
	{ NO_SLOT, "optional-of",
	  "It was agreed by both the Board and the Committee.",
	  "", NULL },
	{ NO_SLOT, "optional-of",
	  "We will act all the same when the time comes.",
	  "", NULL },

	/* ---- restrictive which ---- */
	{ FIRES, "relative-which",
	  "The files were kept in a folder which had not been secured.",
	  "which", "that" },
	{ NO_SLOT, "relative-which",
	  "The files were kept in a folder, which had not been secured.",
	  "which", NULL },
	{ NO_SLOT, "relative-which",
	  "The Board will decide which is the best option.",
	  "which", NULL },

	/* ---- typographic families ---- */
	{ FIRES, "quotes",
	  "Documents marked \"SECRET\" must be kept in the safe.",
	  "\"SECRET\"", "\xe2\x80\x9cSECRET\xe2\x80\x9d" },
	{ NO_SLOT, "quotes",
	  "A stray \" quote is left alone in the text.",
	  "\"", NULL },
	{ FIRES, "apostrophe",
	  "Each member's staff were told on Monday.",
	  "'", "\xe2\x80\x99" },
	{ FIRES, "dash",
	  "The plan \xe2\x80\x94 agreed last year \xe2\x80\x94 still stands.",
	  " \xe2\x80\x94 ", " \xe2\x80\x93 " },
	/* ranges and hyphens are not dashes */
	{ NO_SLOT, "dash",
	  "The 2024\xe2\x80\x93" "25 budget is final.",
	  "\xe2\x80\x93", NULL },
	{ NO_SLOT, "dash",
	  "A long-term plan is needed.",
	  "-", NULL },
	{ FIRES, "sentence-space",
	  "The plan was agreed. The Board met.",
	  " ", "  " },
	{ NO_SLOT, "sentence-space",
	  "The plan was sent to Mr. Venn today.",
	  " ", NULL },
	{ FIRES, "nbsp",
	  "It is a matter for the Board.",
	  " ", "\xc2\xa0" },

	/* ---- introductory phrases and dates ---- */
	{ FIRES, "intro-comma",
	  "During the inspection of the kitchen, the inspector took samples.",
	  ",", "" },
	{ FIRES, "intro-comma",
	  "On 17 March our provider told us about the breach.",
	  "", "," },
	{ FIRES, "intro-comma",
	  "In April 2025, the council agreed the budget.",
	  ",", "" },
	{ FIRES, "intro-comma",
	  "If the weather worsens, we will close the site.",
	  ",", "" },
	/* a number after the comma would run into the phrase */
	{ UNTOUCHED, NULL,
	  "In 2023, 40 staff left the service.",
	  "2023, 40", NULL },
	/* a clause: no comma dropped before a possible object */
	{ NO_SLOT, "intro-comma",
	  "When the team arrived, the staff had left the building.",
	  ",", NULL },
	/* a phrase holding a verb or relative clause */
	{ NO_SLOT, "intro-comma",
	  "For those who wish to apply, the form is online.",
	  ",", NULL },
	/* negation, "However", quotations */
	{ NO_SLOT, "intro-comma",
	  "If not, the plan will be dropped.",
	  ",", NULL },
	{ NO_SLOT, "intro-comma",
	  "However, the review is done by the unit.",
	  ",", "" },
	{ UNTOUCHED, NULL,
	  "He wrote \"In the end, the plan failed\" in the margin.",
	  "end, the", NULL },

	/* ---- clause-joining comma ---- */
	{ FIRES, "clause-comma",
	  "Staff were unable to explain the gaps, and the manager was absent.",
	  ",", "" },
	{ FIRES, "clause-comma",
	  "The provider closed the account and they reset every password.",
	  "", "," },
	{ FIRES, "clause-comma",
	  "Requests will be considered, but we cannot guarantee approval.",
	  ",", "" },
	/* an earlier comma: the comma may close an aside */
	{ NO_SLOT, "clause-comma",
	  "The report, which was late, and the letter were sent.",
	  ",", NULL },
	/* no comma added before "and it" or "and you" (objects), nor "or" */
	{ NO_SLOT, "clause-comma",
	  "The board met the staff and it agreed the plan.",
	  "", NULL },
	{ NO_SLOT, "clause-comma",
	  "The board will decide or they will ask the minister.",
	  "", NULL },
	/* "here and there" */
	{ NO_SLOT, "clause-comma",
	  "Leaflets were left here and there was no reply.",
	  "", NULL },
	{ UNTOUCHED, NULL,
	  "He said \"we agreed, and they left\" to the panel.",
	  "agreed, and", NULL },

	/* ---- relative who ---- */
	{ FIRES, "relative-who",
	  "Staff on duty know that officers who work nights may park free.",
	  "who", "that" },
	{ FIRES, "relative-who",
	  "Operators who wish to apply should write to us.",
	  "who", "that" },
	/* non-restrictive, interrogative, "those who", a clause after who */
	{ NO_SLOT, "relative-who",
	  "The officers, who work nights, may park free.",
	  "who", NULL },
	{ NO_SLOT, "relative-who",
	  "We asked staff who had seen the file to come forward.",
	  "who", NULL },
	{ NO_SLOT, "relative-who",
	  "Support goes to those who need it most.",
	  "who", NULL },
	{ NO_SLOT, "relative-who",
	  "The managers who the panel interviewed agreed.",
	  "who", NULL },

	/* ---- am/pm ---- */
	{ FIRES, "abbreviation",
	  "The race starts at 9 am at the campus.",
	  "9 am", "9 a.m." },
	{ FIRES, "abbreviation",
	  "The race starts at 9 am at the campus.",
	  "9 am", "9am" },
	{ FIRES, "abbreviation",
	  "The race starts at 9 am at the campus.",
	  "9 am", "9.00 am" },
	{ FIRES, "abbreviation",
	  "The gates open at 8.35 am. Parents may wait inside.",
	  "8.35 am.", "8.35 a.m." },
	{ FIRES, "abbreviation",
	  "The gates open at 8.35 am. Parents may wait inside.",
	  "8.35 am.", "8:35am." },
	{ FIRES, "abbreviation",
	  "Clinics close at 5 p.m. on Fridays.",
	  "5 p.m.", "5 pm" },
	{ FIRES, "abbreviation",
	  "Clinics close at 5 p.m. Staff may leave.",
	  "5 p.m.", "5 pm." },
	/* never a value change: no hour above 12, no minutes above 59 */
	{ NO_SLOT, "abbreviation",
	  "The train leaves at 14 pm according to the notice.",
	  "14 pm", NULL },
	{ NO_SLOT, "abbreviation",
	  "The train leaves at 4.75 pm according to the notice.",
	  "4.75 pm", NULL },
	{ UNTOUCHED, NULL,
	  "Counters open 9-11 am on weekdays only.",
	  "11 am", NULL },
	{ UNTOUCHED, NULL,
	  "I am writing to you about the 2 am incident report.",
	  "I am", NULL },
	{ UNTOUCHED, NULL,
	  "The shift ends at 9am sharp every day.",
	  "9am", NULL },

	/* ---- number words above ten ---- */
	{ FIRES, "number-word",
	  "We reported the incident within the required 72 hours of notice.",
	  "72", "seventy-two" },
	{ FIRES, "number-word",
	  "Operators have fourteen days to appeal the decision.",
	  "fourteen", "14" },
	{ FIRES, "number-word",
	  "The panel has twenty-one members from the regions.",
	  "twenty-one", "21" },
	/* dates, money, sections, years, thousands, ranges */
	{ NO_SLOT, "number-word",
	  "The order takes effect on 18 May and costs 15 pounds.",
	  "18", NULL },
	{ UNTOUCHED, NULL,
	  "See Section 12 paragraphs for the details of the scheme.",
	  "12", NULL },
	{ UNTOUCHED, NULL,
	  "About 12,000 runners and 60,000 spectators are expected.",
	  "000 runners", NULL },
	{ UNTOUCHED, NULL,
	  "Between 20 and 30 officers will be deployed on the day.",
	  "30 officers", NULL },
	{ UNTOUCHED, NULL,
	  "Staff aged 16 to 18 years may apply for the scheme.",
	  "18 years", NULL },

	/* ---- new synonym groups ---- */
	{ FIRES, "synonym",
	  "About 150 spaces will be closed, around 40 of them today.",
	  "around", "approximately" },
	{ FIRES, "synonym",
	  "The uptake was higher compared with last year in the region.",
	  "compared with", "compared to" },
	{ FIRES, "synonym",
	  "The marathon will take place on Sunday in the city.",
	  "will take place", "will be held" },
	{ FIRES, "synonym",
	  "Visits must be agreed in advance with the nurse in charge.",
	  "in advance", "beforehand" },
	{ FIRES, "synonym",
	  "Managers should make sure that rotas are updated.",
	  "make sure that", "ensure that" },
	/* "around" not before a number, "in advance of", "ensure" + noun */
	{ NO_SLOT, "synonym",
	  "Barriers were placed around the square by the team.",
	  "around", NULL },
	{ NO_SLOT, "synonym",
	  "Forms are due in advance of the meeting with the board.",
	  "in advance", NULL },
	{ NO_SLOT, "synonym",
	  "Our aim is to ensure the safety of runners on the day.",
	  "ensure", NULL },
	/* "take place" after a plural subject stays */
	{ NO_SLOT, "synonym",
	  "Inspections take place every month in the region.",
	  "take place", NULL },

	/* ---- new hyphenation pairs and institutions ---- */
	{ NO_SLOT, "hyphenation",
	  "Pupils attend after-school clubs until 5.30 pm on weekdays.",
	  "after-school", "after school" },
	{ FIRES, "hyphenation",
	  "Pupils attend after school clubs until 5.30 pm on weekdays.",
	  "after school", "after-school" },
	{ FIRES, "hyphenation",
	  "Call the helpline for advice about the changes.",
	  "helpline", NULL },
	{ FIRES, "capitalisation",
	  "Please contact the embassy on the emergency number.",
	  "e", "E" },
	/* a full name is never touched */
	{ UNTOUCHED, NULL,
	  "Staff at the Embassy of Ruritania were told of the changes.",
	  "Embassy", NULL },

	/* ---- order of coordinated noun phrases ---- */
	{ FIRES, "list-order",
	  "The tickets contained names, email addresses and telephone numbers.",
	  "names, email addresses and telephone numbers", "email addresses, names and telephone numbers" },
	/* three items: the serial comma travels with the order */
	{ FIRES, "list-order",
	  "The tickets contained names, email addresses and telephone numbers.",
	  "names, email addresses and telephone numbers", "names, email addresses, and telephone numbers" },
	{ FIRES, "list-order",
	  "Roads between the regional airport and the coast have been closed.",
	  "the regional airport and the coast", "the coast and the regional airport" },
	{ FIRES, "list-order",
	  "All berth operators, shipping agents, stevedoring companies and contractors must attend.",
	  "berth operators, shipping agents, stevedoring companies and contractors", NULL },
	{ FIRES, "list-order",
	  "Please check your personal details, your address and your emergency contact.",
	  "your personal details, your address and your emergency contact", "your emergency contact, your address and your personal details" },
	/* verbs, a modal before the list, a phrase that attaches to the last item */
	{ UNTOUCHED, "list-order",
	  "Departments plan, award and manage large contracts.",
	  "plan, award and manage", NULL },
	{ UNTOUCHED, "list-order",
	  "Students can attend classes, use the library or receive support.",
	  "attend classes, use the library or receive", NULL },
	{ UNTOUCHED, "list-order",
	  "We asked parents, pupils and staff for their views.",
	  "parents, pupils", NULL },
	{ UNTOUCHED, "list-order",
	  "The cost of the scheme and the timetable were agreed.",
	  "scheme and the timetable", NULL },
	/* sequence, numbers, names, fixed pairs, quotations, negation */
	{ UNTOUCHED, "list-order",
	  "Work is done in the first, second and third weeks.",
	  "first, second and third", NULL },
	{ UNTOUCHED, "list-order",
	  "Reports came from Paris, Rome and Vienna.",
	  "Paris, Rome and Vienna", NULL },
	{ UNTOUCHED, "list-order",
	  "Bids were due from 3, 5 and 7 suppliers.",
	  "3, 5 and 7", NULL },
	{ NO_SLOT, "list-order",
	  "We agreed the terms and conditions and the fees.",
	  "the terms and conditions and the fees", NULL },
	{ UNTOUCHED, "list-order",
	  "He wrote \"names, addresses and bank details\" on the form.",
	  "names, addresses and bank details", NULL },
	{ UNTOUCHED, "list-order",
	  "Review, approve and publish the plan.",
	  "Review, approve", NULL },
	{ UNTOUCHED, "list-order",
	  "We will cover trained staff, volunteers and contractors.",
	  "trained staff", NULL },

	/* ---- rates after an amount ---- */
	{ FIRES, "rate",
	  "The fee is £500 per year for each member.",
	  "per year", "annually" },
	{ FIRES, "rate",
	  "The speed limit remains 10 miles per hour. Drivers must stop.",
	  "per hour", "an hour" },
	{ FIRES, "rate",
	  "The line is staffed 24 hours a day, and calls are recorded.",
	  "a day", "daily" },
	{ FIRES, "rate",
	  "Inspections take place twice a year.",
	  "a year", "each year" },
	{ FIRES, "rate",
	  "Members pay 30 euros monthly.",
	  "monthly", "per month" },
	/* no amount before the period */
	{ UNTOUCHED, NULL,
	  "The cost per year is shown in the table below.",
	  "per year", NULL },
	{ UNTOUCHED, NULL,
	  "The scheme started a year ago.",
	  "a year", NULL },
	/* a year, a reference or a section number is not an amount */
	{ UNTOUCHED, NULL,
	  "The office opened in 2024 a year after the merger.",
	  "a year", NULL },
	{ UNTOUCHED, NULL,
	  "See section 5 a day before the hearing.",
	  "a day", NULL },
	/* the clause goes on: "3 a year later" */
	{ UNTOUCHED, NULL,
	  "We received 3 letters a year later than planned.",
	  "a year", NULL },
	/* quotations are left alone */
	{ UNTOUCHED, NULL,
	  "The notice said \"10 miles per hour\" at the gate.",
	  "per hour", NULL },
	/* no "each hour" or "hourly" variant */
	{ NO_SLOT, "rate",
	  "The limit is 10 miles per hour.",
	  "per hour", "each hour" },

	/* ---- bounds and totals before a counted number ---- */
	{ FIRES, "amount",
	  "Please give us at least 20 days notice.",
	  "at least", "a minimum of" },
	/* "up to" is an approximate bound: never made a strict maximum */
	{ UNTOUCHED, NULL,
	  "You may speak for up to three minutes.",
	  "up to", NULL },
	{ UNTOUCHED, NULL,
	  "Transfers of up to 10% of a heading are allowed.",
	  "up to", NULL },
	{ FIRES, "amount",
	  "The award is for a total of £284,600 over three years.",
	  "a total of ", "" },
	{ FIRES, "amount",
	  "We inspected a total of 120 files in May.",
	  "a total of ", "" },
	/* times and dates are not counted amounts */
	{ UNTOUCHED, NULL,
	  "The office is open up to 5 pm on weekdays.",
	  "up to", NULL },
	{ UNTOUCHED, NULL,
	  "Comments are accepted up to 31 March.",
	  "up to", NULL },
	/* negated bounds */
	{ UNTOUCHED, NULL,
	  "The charge is not at least 20 euros.",
	  "at least", NULL },
	/* "up to" after a verb of movement */
	{ UNTOUCHED, NULL,
	  "The water rose up to 30 metres above the quay.",
	  "up to", NULL },
	/* no number after the phrase */
	{ NO_SLOT, "amount",
	  "Records must be kept up to date at all times.",
	  "up to", NULL },
	{ UNTOUCHED, NULL,
	  "At least, that is the plan we agreed.",
	  "At least", NULL },
	/* "A total of" opening a sentence stays */
	{ NO_SLOT, "amount",
	  "A total of 46 homes will be built.",
	  "A total of ", "" },

	/* ---- optional "to" after "help" ---- */
	{ FIRES, "optional-to",
	  "Staff at reception will help you find the documents you need.",
	  "", "to " },
	{ FIRES, "optional-to",
	  "The new rules will help to reduce delays at the port.",
	  "to ", "" },
	{ FIRES, "optional-to",
	  "The grant helped us to improve the service.",
	  "to ", "" },
	/* the noun "help" */
	{ UNTOUCHED, NULL,
	  "We offer help to find work for every applicant.",
	  "to find", NULL },
	{ UNTOUCHED, NULL,
	  "This is the help you find most useful.",
	  "you find", NULL },
	/* a verb outside the list */
	{ UNTOUCHED, NULL,
	  "We will help you to leave the building safely.",
	  "to leave", NULL },
	/* quotations */
	{ UNTOUCHED, NULL,
	  "The sign read \"we will help you find it\" in red.",
	  "you find", NULL },

	/* ---- compound adjectives with a curated head ---- */
	{ FIRES, "compound-head",
	  "We support a community-led approach to every inspection.",
	  "-", " " },
	{ FIRES, "compound-head",
	  "Reports of work-related stress have risen.",
	  "-", " " },
	{ FIRES, "compound-head",
	  "The organisation-wide review starts in May.",
	  "-", " " },
	/* predicative */
	{ UNTOUCHED, NULL,
	  "The approach is risk-based and fair.",
	  "risk-based", NULL },
	{ UNTOUCHED, NULL,
	  "The injury was work-related.",
	  "work-related", NULL },
	/* prefixes that keep their hyphen, chains, names, numbers */
	{ UNTOUCHED, NULL,
	  "A self-funded scheme was proposed.",
	  "self-funded", NULL },
	{ UNTOUCHED, NULL,
	  "We held an end-of-term review.",
	  "of-term", NULL },
	{ UNTOUCHED, NULL,
	  "The Council-led scheme begins soon.",
	  "Council-led", NULL },
	{ UNTOUCHED, NULL,
	  "A 12-month period applies.",
	  "12-month", NULL },
	/* an adverb after the compound */
	{ UNTOUCHED, NULL,
	  "The review was council-wide recently.",
	  "council-wide", NULL },

	/* ---- more synonym groups of this round ---- */
	{ FIRES, "synonym",
	  "Everyone else must stay behind the barriers.",
	  "Everyone", "Everybody" },
	{ FIRES, "synonym",
	  "Students are unable to reply by post.",
	  "are unable to", "are not able to" },
	{ FIRES, "synonym",
	  "The changes take effect on 1 October.",
	  "take effect", "come into effect" },
	{ FIRES, "synonym",
	  "Sessions run each weekday; no appointment is needed.",
	  "is needed", "is required" },
	{ FIRES, "synonym",
	  "Views will be taken into account by the panel.",
	  "into account", "into consideration" },
	{ FIRES, "synonym",
	  "Anyone who wishes to comment should write to us.",
	  "wishes to", "wants to" },
	{ FIRES, "synonym",
	  "We reply within two working days of receipt.",
	  "working days", "business days" },
	/* obligation stays: "is required to attend" is not "is needed to attend" */
	{ NO_SLOT, "synonym",
	  "Each student is required to attend in person.",
	  "is required", NULL },
	/* "has come into effect" never becomes "has take effect" */
	{ NO_SLOT, "synonym",
	  "The rule has come into effect.",
	  "come into effect", NULL },
	/* "plan to" as a noun phrase is never a trigger */
	{ NO_SLOT, "synonym",
	  "We have a plan to build homes.",
	  "plan to", NULL },
	/* "effect on" only after a determiner ("take effect on 1 May" stays) */
	{ NO_SLOT, "synonym",
	  "The changes take effect on 1 May.",
	  "effect on", NULL },
	{ FIRES, "synonym",
	  "We considered the effect on neighbouring homes.",
	  "effect on", "impact on" },
	/* "increase" as a noun stays */
	{ NO_SLOT, "synonym",
	  "The increase the council approved is small.",
	  "increase the", NULL },

	/* ---- whether/if, clause-final "not required", "that" before you/it ---- */
	{ FIRES, "synonym",
	  "Please check whether your details are correct.",
	  "check whether", "check if" },
	{ NO_SLOT, "synonym",
	  "You must decide whether to apply this year.",
	  "decide whether", NULL },
	{ NO_SLOT, "synonym",
	  "Please check whether or not the form is signed.",
	  "check whether", NULL },
	{ FIRES, "synonym",
	  "A boil notice was not required.",
	  "not required", "not needed" },
	{ NO_SLOT, "synonym",
	  "Visitors are not required to sign in.",
	  "not required", NULL },
	{ FIRES, "optional-that",
	  "We believe you are entitled to a refund.",
	  "", "that " },
	{ FIRES, "optional-that",
	  "The panel found it was not possible to proceed.",
	  "", "that " },
	/* "you" as an object stays without "that" */
	{ UNTOUCHED, NULL,
	  "We recommend you for the award this year.",
	  "you for", NULL },
	{ NO_SLOT, "optional-that",
	  "We expect you to attend the meeting.",
	  "", "that " },
	/* comparisons and approximations before number words from two */
	{ FIRES, "synonym",
	  "The delay lasted more than three months.",
	  "more than", "over" },
	{ NO_SLOT, "synonym",
	  "We are writing about two changes to the rules.",
	  "about", "approximately" },
	{ NO_SLOT, "synonym",
	  "The work took more than one month.",
	  "more than", "over" },
	/* "nothing more than" is not "nothing further than" */
	{ UNTOUCHED, NULL,
	  "This is nothing more than a delay.",
	  "nothing more", NULL },
	{ FIRES, "synonym",
	  "You do not need to do anything further.",
	  "anything further", "anything else" },
	/* a river bank is not an institution */
	{ UNTOUCHED, NULL,
	  "Water reached the bank overnight.",
	  "bank", NULL },
	{ FIRES, "capitalisation",
	  "Forms are returned to the University by post.",
	  "U", "u" },
	{ FIRES, "synonym",
	  "Evidence should be sent through the portal by May.",
	  "through the portal", "via the portal" },
	{ UNTOUCHED, NULL,
	  "We got through the winter without closures.",
	  "through", NULL },

	/* ---- optional "that" in object relative clauses ---- */
	{ FIRES, "optional-that",
	  "Staff will help you find the documents you need today.",
	  "", "that " },
	{ FIRES, "optional-that",
	  "We use the address that you give us for letters.",
	  "that ", "" },
	{ FIRES, "optional-that",
	  "We hope the changes make the process simpler.",
	  "", "that " },
	/* an adverbial phrase before the subject, not a noun with a clause */
	{ NO_SLOT, "optional-that",
	  "In the meantime we need your patience.",
	  "", "that " },
	{ NO_SLOT, "optional-that",
	  "At the same time we need more staff.",
	  "", "that " },
	/* a content clause keeps its "that" */
	{ UNTOUCHED, NULL,
	  "We accept the fact that we need more staff.",
	  "that we", NULL },
	/* a verb outside the list */
	{ UNTOUCHED, NULL,
	  "Please read the notes you were sent.",
	  "notes you", NULL },
	/* "hope" and "think" only before a determiner */
	{ UNTOUCHED, NULL,
	  "We think carefully before we act.",
	  "think carefully", NULL },

	/* ---- optional "that" added after a reporting verb ---- */
	{ FIRES, "optional-that",
	  "The Chair said we would publish the report in June.",
	  "", "that " },
	{ FIRES, "optional-that",
	  "We expect there will be delays on the east quay.",
	  "", "that " },
	/* objects, not clauses; quotations; names */
	{ NO_SLOT, "optional-that",
	  "The panel found the report useful.",
	  "", "that " },
	{ NO_SLOT, "optional-that",
	  "The officers noted the incident and left.",
	  "", "that " },
	{ NO_SLOT, "optional-that",
	  "He wrote \"we said we would\" in the log.",
	  "", "that " },
	{ NO_SLOT, "optional-that",
	  "They expect there to be delays.",
	  "", "that " },

	/* ---- dates ---- */
	/* a text's own date order shows its variety: never the other one */
	{ NO_SLOT, "date",
	  "The changes take effect on 1 October 2024 for all operators.",
	  "1 October 2024", "October 1, 2024" },
	{ FIRES, "date",
	  "The changes take effect on 1 October 2024 for all operators.",
	  "1 October 2024", "1st October 2024" },
	{ NO_SLOT, "date",
	  "The office reopens on March 3, 2025 after the repairs.",
	  "March 3, 2025", "3 March 2025" },
	{ FIRES, "date",
	  "Comments are due by 22 April at the latest.",
	  "22 April", "22nd April" },
	{ FIRES, "combined",
	  "Registration opens on Monday 12 January for all students.",
	  "", ", 12 January" },
	/* all-numeric dates, ranges, compounds, quotations, "May" the modal */
	{ UNTOUCHED, NULL,
	  "The form dated 3/4/2024 was received by the office.",
	  "3/4/2024", NULL },
	{ UNTOUCHED, NULL,
	  "The course runs 12-14 March at the college.",
	  "14 March", NULL },
	{ UNTOUCHED, NULL,
	  "The course runs from 12 to 14 March at the college.",
	  "14 March", NULL },
	{ UNTOUCHED, NULL,
	  "The course runs on March 12 and 13 at the college.",
	  "March 12", NULL },
	{ UNTOUCHED, NULL,
	  "The course runs on 12 and 14 March at the college.",
	  "14 March", NULL },
	{ UNTOUCHED, NULL,
	  "He wrote \"due on 3 March\" on the form.",
	  "3 March", NULL },
	{ UNTOUCHED, NULL,
	  "The budget for 2024-25 was agreed on 14 March 2024-25.",
	  "14 March", NULL },
	{ NO_SLOT, "date",
	  "Staff may 3 times apply. May 3 staff attend?",
	  "May 3", NULL },
	{ UNTOUCHED, NULL,
	  "The count on 32 March is not a date at all.",
	  "32 March", NULL },

	/* ---- the preposition after a noun of information ---- */
	{ FIRES, "topic-preposition",
	  "Staff with questions about the new rota should contact their manager.",
	  "questions about", "queries regarding" },
	{ FIRES, "topic-preposition",
	  "Questions about this circular should be sent to the unit.",
	  "Questions about", "Queries concerning" },
	{ FIRES, "topic-preposition",
	  "Please send your comments regarding the draft to the team.",
	  "regarding", "about" },
	{ FIRES, "topic-preposition",
	  "We have received concerns in relation to the closure of the depot.",
	  "in relation to", "with regard to" },
	/* "about" before a number, "on" (a place), no "concerns concerning" */
	{ UNTOUCHED, NULL,
	  "We received information about 300 complaints last year.",
	  "about", NULL },
	{ FIRES, "synonym",
	  "The survey took about 300 staff members an hour.",
	  "about", NULL },
	{ UNTOUCHED, NULL,
	  "The information on our website was out of date.",
	  "on", NULL },
	{ NO_SLOT, "topic-preposition",
	  "Residents raised concerns about the noise at night.",
	  "about", "concerning" },
	{ UNTOUCHED, NULL,
	  "He said \"questions about the budget\" were closed.",
	  "about", NULL },
	{ UNTOUCHED, NULL,
	  "Staff must not give advice about the case to anyone.",
	  "must not", NULL },

	/* ---- how a number is written ---- */
	{ FIRES, "number-format",
	  "Records relating to 8,400 customers were exposed.",
	  "8,400", "8400" },
	{ FIRES, "number-format",
	  "The fee is \xc2\xa3" "1,500 for each applicant.",
	  "1,500", "1500" },
	{ FIRES, "number-format",
	  "The storm left 2400 households without power.",
	  "2400", "2,400" },
	{ FIRES, "number-format",
	  "The main burst at 06:40 on Saturday morning.",
	  "06:40", "06.40" },
	/* years, ids, labels, five digits, decimals, ratios, verses, phones */
	{ UNTOUCHED, NULL,
	  "In 2024 staff were trained in the new system.",
	  "2024", NULL },
	{ UNTOUCHED, NULL,
	  "The 2024 figures were published in the spring.",
	  "2024", NULL },
	{ UNTOUCHED, NULL,
	  "See Room 2400 for the details of the scheme.",
	  "2400", NULL },
	{ UNTOUCHED, NULL,
	  "Reference No. 1234 applies to all cases.",
	  "1234", NULL },
	{ UNTOUCHED, NULL,
	  "About 12,000 runners and 60,000 spectators are expected.",
	  "12,000", NULL },
	{ UNTOUCHED, NULL,
	  "The cost was 1,234.50 pounds in the end.",
	  "1,234", NULL },
	{ UNTOUCHED, NULL,
	  "The vote was carried 3:1 by the members.",
	  "3:1", NULL },
	{ UNTOUCHED, NULL,
	  "The text of John 3:16 was read aloud.",
	  "3:16", NULL },
	{ UNTOUCHED, NULL,
	  "The office opens at 24:75 hours on the day.",
	  "24:75", NULL },
	{ UNTOUCHED, NULL,
	  "Call 0800 1234 for advice on the scheme.",
	  "0800", NULL },

	/* ---- letters and memos ---- */
	{ FIRES, "letter",
	  "Dear Dr Okafor,\n\nThank you for your letter of 3 May.\n\n" "Yours sincerely,\n\nHelen Marsh\n",
	  ",", ":" },
	{ FIRES, "letter",
	  "Dear Dr Okafor,\n\nThank you for your letter of 3 May.\n\n" "Yours sincerely,\n\nHelen Marsh\n",
	  "Yours sincerely,", "Sincerely," },
	{ FIRES, "letter",
	  "Dear Dr Okafor,\n\nThank you for your letter of 3 May.\n\n" "Yours sincerely,\n\nHelen Marsh\n",
	  "Yours sincerely,", "Yours sincerely" },
	{ FIRES, "letter",
	  "To: All staff\nSubject: Changes to the rota\n\nThe rota changes.\n" "\nKind regards\nThe Team\n",
	  "Subject:", "Re:" },
	{ FIRES, "letter",
	  "To: All staff\nSubject: Changes to the rota\n\nThe rota changes.\n" "\nKind regards\nThe Team\n",
	  "Kind regards", "Best regards," },
	/* not alone on its line, or not a salutation */
	{ UNTOUCHED, NULL,
	  "I remain yours sincerely, as ever, at the office.",
	  "sincerely", NULL },
	{ NO_SLOT, "letter",
	  "Dear colleagues in the regional offices, thank you.\n",
	  ",", NULL },

	/* ---- comparisons before numbers, telling, other phrases ---- */
	{ FIRES, "synonym",
	  "Consignments worth less than 150 euros are exempt.",
	  "less than", "under" },
	{ FIRES, "synonym",
	  "Teams with fewer than 10 staff may apply.",
	  "fewer than", "under" },
	{ UNTOUCHED, NULL,
	  "The report must be no less than 10 pages long.",
	  "less than", NULL },
	{ UNTOUCHED, NULL,
	  "Submissions should be no more than 3,000 words.",
	  "more than", NULL },
	{ FIRES, "synonym",
	  "Our provider told us that a server had been accessed.",
	  "told us that", "informed us that" },
	{ FIRES, "synonym",
	  "Please let us know if your details change.",
	  "let us know if", "tell us if" },
	{ FIRES, "synonym",
	  "Please contact the Finance Office rather than the Registry.",
	  "rather than", "instead of" },
	{ UNTOUCHED, NULL,
	  "We chose to wait rather than act at once.",
	  "rather than", NULL },
	{ FIRES, "synonym",
	  "The Committee will hold hearings in the spring and report later.",
	  "in the spring", "in spring" },
	{ UNTOUCHED, NULL,
	  "The Committee will report in the spring of next year.",
	  "in the spring", NULL },
	{ FIRES, "synonym",
	  "Staff may speak to their manager first.",
	  "speak to", "speak with" },

	/* ---- punctuation of a short aside ---- */
	{ FIRES, "aside",
	  "A list of software, including several free products, is published online.",
	  ", including several free products,", " (including several free products)" },
	{ FIRES, "aside",
	  "Staff may take action, for example a written warning.",
	  ", for example a written warning", " (for example a written warning)" },
	{ FIRES, "aside",
	  "Some bodies (such as the regulator) are exempt from the rule.",
	  " (such as the regulator)", ", such as the regulator," },
	/* a list after the opener, a following noun, a negation, quotations */
	{ UNTOUCHED, NULL,
	  "It covers many areas, including finance, staffing and estates.",
	  "including", NULL },
	{ NO_SLOT, "aside",
	  "Several bodies, including the regulator, the council and the police, agreed.",
	  ", including the regulator,", NULL },
	{ UNTOUCHED, NULL,
	  "Some staff, in particular those not trained, must wait.",
	  "in particular", NULL },
	{ UNTOUCHED, NULL,
	  "He said \"all bodies, including the regulator, are bound\" today.",
	  "including", NULL },

	/* ---- families of issue 11 (more cases in test_new_marks.c) ---- */
	{ FIRES, "intro-phrase-comma",
	  "During the review the team found no fault in the system.",
	  "", "," },
	{ FIRES, "whether-to",
	  "The board will decide whether or not to appeal the ruling.",
	  " or not", "" },
	{ FIRES, "weekday-on",
	  "The organization announced on Monday that the program would end.",
	  "on ", "" },
	{ FIRES, "adjective-order",
	  "The process for appeals must be fair, open and transparent.",
	  "fair, open and transparent", "open, fair and transparent" },
	{ FIRES, "time-comma",
	  "The day was long. At 2.35pm, the police secured the wings.",
	  ",", "" },
};

/* Whether case c holds. */
static int case_holds(const rule_case *c)
{
	switch (c->expect) {
	case FIRES:
		return has_slot(c->text, c->family, c->orig, c->alt);
	case NO_SLOT:
		return !has_slot(c->text, c->family, c->orig, c->alt);
	case UNTOUCHED:
		return !touched_by(c->text, c->orig, c->family);
	}
	return 0;
}

static void test_rule_cases(void **st)
{
	size_t i, failed = 0;

	(void)st;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const rule_case *c = &cases[i];

		if (case_holds(c))
			continue;
		print_error("case %zu (%s %s): \"%s\" on \"%s\"\n", i,
			    c->expect == FIRES ? "fires" :
			    c->expect == NO_SLOT ? "no slot" : "untouched",
			    c->family ? c->family : "lexical", c->text, c->orig);
		failed++;
	}
	assert_int_equal(failed, 0);
}

/* Every family of the registry finds a slot in one of its positive
 * examples at least. */
static void test_every_family_has_positive_example(void **st)
{
	size_t r, i, failed = 0;

	(void)st;
	for (r = 0; r < LT_FAM_COUNT; r++) {
		const lt_rule_family *f = lt_rule_family_of((unsigned)r);
		const char *name = f ? f->name : NULL;
		int found = 0;

		if (!name)
			continue;
		for (i = 0; i < sizeof(cases) / sizeof(cases[0]) && !found; i++)
			if (cases[i].expect == FIRES &&
			    !strcmp(cases[i].family, name))
				found = case_holds(&cases[i]);
		if (!found) {
			print_error("family %s finds no slot in any positive example\n",
				    name);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

/* ---------------------------------------------------------------------
 * Cases that do not fit the table
 * ------------------------------------------------------------------- */

/* A no-break space is never offered at a line end. */
static void test_nbsp_never_at_line_end(void **st)
{
	lt_slot_set *set = NULL;
	const char *t = "It is a\nmatter for us.";
	size_t i;

	(void)st;
	assert_int_equal(lt_slots_find(&set, t, strlen(t)), LT_OK);
	for (i = 0; i < set->n; i++)
		assert_int_not_equal(set->slots[i].start, 7);
	lt_slot_set_free(set);
}

/* A year after "at least" is not a counted amount. */
static void test_amount_leaves_a_year(void **st)
{
	(void)st;
	assert_false(touched("Bring at least 2024 forms to the desk.", "at least") &&
		     touched("Bring at least 2024 forms to the desk.", "2024"));
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

/* Two adjacent slots merge into one with every combination. */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule_cases),
		cmocka_unit_test(test_every_family_has_positive_example),
		cmocka_unit_test(test_nbsp_never_at_line_end),
		cmocka_unit_test(test_amount_leaves_a_year),
		cmocka_unit_test(test_never_touches_protected_words),
		cmocka_unit_test(test_combined_merges_neighbours),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
