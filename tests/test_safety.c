/*
 * test_safety.c - the default marks are safe: the style profile of a
 * document (mark/style.c) and the safety pass (mark/rules/safety.c),
 * tested both ways on sentences written for these tests.  For each class
 * of the issue "Lexical marks that never change what a document says" a
 * default rule fires where a strict editor of that document accepts the
 * variant, and stays silent or only suggests where he would not.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "leaktrace/slots.h"
#include "mark/rules.h"
#include "mark/style.h"

enum expect {
	DEF,   /* a default slot with that original and alternative */
	SUG,   /* the slot exists, but only as a suggestion */
	QUIET, /* no default slot of the family there */
	NONE   /* no slot of the family there at all, not even suggested */
};

typedef struct safety_case {
	enum expect expect;
	const char *family;
	const char *text;
	const char *at;    /* the slot starts inside the first `at` */
	const char *orig;  /* its original text */
	const char *alt;   /* one of its alternatives; NULL: any */
} safety_case;

static int has_variant(const lt_slot *s, const char *v)
{
	unsigned k;

	if (!v)
		return 1;
	for (k = 1; k < s->nvariants; k++)
		if (!strcmp(s->variants[k], v))
			return 1;
	return 0;
}

/* The slot of `family` that starts inside the first `at` of the plain
 * text with original `orig` and alternative `alt`, or NULL. */
static const lt_slot *find(const lt_slot_set *set, const char *family,
			   const char *at, const char *orig, const char *alt)
{
	const char *p = strstr(set->plain, at);
	size_t lo, hi, i;

	if (!p)
		return NULL;
	lo = (size_t)(p - set->plain);
	hi = lo + strlen(at);
	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];

		if (strcmp(lt_slot_family_name(s->family), family) ||
		    s->start < lo || s->start > hi)
			continue;
		if (orig && strcmp(s->variants[0], orig))
			continue;
		if (has_variant(s, alt))
			return s;
	}
	return NULL;
}

static const safety_case cases[] = {
	/* ---- 5. variety: no form of the other variety ---- */
	{ DEF, "percent",
	  "The organization said on March 3, 2014, that prices rose 5 percent in the center.",
	  "5 percent", " percent", "%" },
	{ QUIET, "percent",
	  "The organization said on March 3, 2014, that prices rose 5 percent in the center.",
	  "5 percent", " percent", " per cent" },
	{ DEF, "percent",
	  "The organisation said on 3 March 2014 that prices rose 5 per cent in the centre.",
	  "5 per cent", " per cent", "%" },
	{ QUIET, "percent",
	  "The organisation said on 3 March 2014 that prices rose 5 per cent in the centre.",
	  "5 per cent", " per cent", " percent" },
	/* variety unknown: "%" belongs to both, the words to one each */
	{ DEF, "percent",
	  "The organization said prices rose 5 per cent in the centre.",
	  "5 per cent", " per cent", "%" },
	{ QUIET, "percent",
	  "The organization said prices rose 5 per cent in the centre.",
	  "5 per cent", " per cent", " percent" },
	{ SUG, "percent",
	  "The organization said prices rose 5% in the centre.",
	  "5%", "%", NULL },
	{ DEF, "spelling",
	  "The organisation will publish its judgment on the programme soon.",
	  "judgment", "judgment", "judgement" },
	{ QUIET, "spelling",
	  "The organization will publish its judgment on the program soon, the center said.",
	  "judgment", "judgment", "judgement" },
	{ SUG, "spelling",
	  "The panel will publish its judgment soon.",
	  "judgment", "judgment", "judgement" },
	/* one copy never mixes two spellings: a quoted occurrence stays */
	{ SUG, "spelling",
	  "The organisation read out the judgment. She said \"the judgment stands\" at the centre.",
	  "judgment.", "judgment", "judgement" },
	/* dated forms are corrected, never introduced */
	{ DEF, "spelling",
	  "Deaths on the roads are amongst the highest in the region, the organisation said.",
	  "amongst", "amongst", "among" },
	{ QUIET, "spelling",
	  "Drug use among young people fell, the organisation said.",
	  "among", "among", "amongst" },
	/* dates wait for the author, and never in the other order */
	{ SUG, "date",
	  "The organisation met on 3 March 2014 at the centre.",
	  "3 March", "3 March 2014", "3rd March 2014" },
	{ NONE, "date",
	  "The organisation met on 3 March 2014 at the centre.",
	  "3 March", "3 March 2014", "March 3, 2014" },
	{ NONE, "date",
	  "The organization met on March 3, 2014, at the center.",
	  "March 3", "March 3, 2014", "3 March 2014" },
	/* dots: taken away anywhere, added only in an American text */
	{ DEF, "abbreviation",
	  "The U.S. economy grew, the organization said in the center of town.",
	  "U.S.", "U.S.", "US" },
	{ SUG, "abbreviation",
	  "Officials met US officials in the city on Monday.",
	  "US off", "US", "U.S." },
	{ DEF, "abbreviation",
	  "Officials from the organization met US officials at the center on Monday.",
	  "US off", "US", "U.S." },

	/* ---- 4. and 6. register: legal text gets no wording, number or
	 * comma variants by default ---- */
	{ SUG, "percent",
	  "The Licensee shall pay 5 per cent of the fee pursuant to section 4 of the Agreement, and the licence is binding. Notwithstanding this, the centre shall stay open.",
	  "5 per cent", " per cent", "%" },
	{ DEF, "percent",
	  "The council will pay 5 per cent of the fee, and the centre will stay open.",
	  "5 per cent", " per cent", "%" },
	{ SUG, "serial-comma",
	  "The Tenant shall pay rent, rates and charges pursuant to section 4. Notwithstanding clause 2, the Tenant shall not sublet.",
	  "rates", "", "," },
	/* added where the house writes it elsewhere, never into a text
	 * that does without it; taken away anywhere */
	{ DEF, "serial-comma",
	  "It sold tea, coffee and milk. It bought apples, pears, and plums.",
	  "coffee", "", "," },
	{ SUG, "serial-comma",
	  "The team bought apples, pears and plums for the office.",
	  "pears", "", "," },
	{ DEF, "serial-comma",
	  "The team bought apples, pears, and plums for the office.",
	  "pears", ",", "" },

	/* ---- 2. lists that are not lists ---- */
	{ QUIET, "serial-comma",
	  "At 2.35pm, the police and fire crews arrived at the scene.",
	  "police", NULL, NULL },
	{ QUIET, "serial-comma",
	  "Security is good, particularly in the capital and the coast is calm.",
	  "capital", NULL, NULL },
	{ QUIET, "serial-comma",
	  "It was a long, complex and costly review of the scheme.",
	  "complex", NULL, NULL },
	{ QUIET, "serial-comma",
	  "Read our Privacy Policy, Terms and Conditions before you sign. The Terms and Conditions apply to every order.",
	  "Terms", NULL, NULL },
	{ QUIET, "serial-comma",
	  "She met the Minister for Planning, Development and Reform on Monday.",
	  "Development", NULL, NULL },
	{ QUIET, "serial-comma",
	  "She thanked John Smith, a long-time partner, and the only donor who stayed.",
	  "partner", NULL, NULL },
	{ QUIET, "serial-comma",
	  "Tracy Price, President and CEO of the firm, will lead the new team.",
	  "President", NULL, NULL },
	{ QUIET, "serial-comma",
	  "The town is quiet, the food is good and people are friendly to visitors.",
	  "good", NULL, NULL },

	/* ---- 1. capitals of names and defined bodies ---- */
	{ QUIET, "capitalisation",
	  "The appeal went to the Tribunal. Later the Tribunal found that the tribunal below had erred.",
	  "tribunal below", NULL, NULL },
	{ QUIET, "capitalisation",
	  "He wrote to the Office of the Attorney General and the Board about the delay.",
	  "Attorney", NULL, NULL },

	/* ---- 3. names keep their abbreviations ---- */
	{ QUIET, "abbreviation",
	  "Officers from UK Border Force met the organization at the center on Monday.",
	  "UK", NULL, NULL },
	{ QUIET, "abbreviation",
	  "She testified before the U.S. House of Representatives, the organization said.",
	  "U.S.", NULL, NULL },

	/* ---- 7. grammar: compound modifiers keep their hyphen ---- */
	{ QUIET, "hyphenation",
	  "These are cost-effective measures for the council.",
	  "cost-effective", "cost-effective", "cost effective" },
	{ DEF, "hyphenation",
	  "These are cost effective measures for the council.",
	  "cost effective", "cost effective", "cost-effective" },
	{ QUIET, "hyphenation",
	  "Work on the staff car park will begin in April.",
	  "car park", "car park", "car-park" },
	{ DEF, "hyphenation",
	  "Nurses give end of life care on the ward.",
	  "end of life", "end of life", "end-of-life" },
	{ SUG, "hyphenation",
	  "You can apply online for a licence at any time.",
	  "online", "online", "on-line" },

	/* ---- 6. register: a connective keeps its comma ---- */
	{ SUG, "intro-comma",
	  "In particular, the plan failed within a year.",
	  "particular", ",", "" },
	{ DEF, "intro-comma",
	  "In March 2013, the department took expert advice.",
	  "2013", ",", "" },
	{ SUG, "intro-comma",
	  "In Islamabad, Ahsan Iqbal opened the show.",
	  "Islamabad", ",", "" },
	{ DEF, "intro-phrase-comma",
	  "Under the new scheme the council will pay the grant monthly.",
	  "scheme", "", "," },
	{ NONE, "intro-comma",
	  "During the time the team worked the hall stayed shut.",
	  "time", NULL, NULL },
	{ NONE, "intro-comma",
	  "In the case of the council the rules differ.",
	  "case", NULL, NULL },
	{ SUG, "intro-comma",
	  "With permission, Mr Speaker, I will make a statement.",
	  "permission", ",", "" },
	{ SUG, "intro-comma",
	  "When the hall opened, we went in.",
	  "opened", ",", "" },

	/* ---- 5. typography in the form the document uses ---- */
	{ SUG, "sentence-space",
	  "We met the team. Then we left the hall. All was well.",
	  "team.", NULL, NULL },
	{ DEF, "sentence-space",
	  "We met the team.  Then we left the hall.  All was well.",
	  "team.", NULL, NULL },
	{ QUIET, "dash",
	  "The plan \xe2\x80\x94 if approved \xe2\x80\x94 will start in May.",
	  "plan", NULL, " -- " },
	{ DEF, "dash",
	  "The plan \xe2\x80\x94 if approved \xe2\x80\x94 will start in May.",
	  "plan", NULL, " \xe2\x80\x93 " },
	{ DEF, "quotes",
	  "He said \"yes\" and the plan was the firm's.",
	  "\"yes\"", NULL, NULL },
	{ SUG, "apostrophe",
	  "He said \"yes\" and the plan was the firm's.",
	  "firm", NULL, NULL },
	{ DEF, "apostrophe",
	  "He said yes and the plan was the firm's.",
	  "firm", NULL, NULL },

	/* ---- 6. no contraction, number word or synonym by default ---- */
	{ QUIET, "contraction",
	  "We do not know whether three officers will help.",
	  "do not", NULL, NULL },
	{ QUIET, "number-word",
	  "We do not know whether three officers will help.",
	  "three", NULL, NULL },
	{ QUIET, "optional-that",
	  "She said that the committee of senior officials from every department would meet.",
	  "said", NULL, NULL },
	/* not even as a suggestion before a long subject (a garden path) */
	{ NONE, "optional-that",
	  "She said that the committee of senior officials from every department would meet.",
	  "that", "that ", NULL },
	{ SUG, "optional-that",
	  "She said that the board will meet on Monday.",
	  "that", "that ", "" },

	/* ---- asides: commas and parentheses by default, dashes only in a
	 * text that sets words off with spaced em dashes, no word swap ---- */
	{ DEF, "aside",
	  "The budget, including the grants, was kept by the council.",
	  ", including", ", including the grants,", " (including the grants)" },
	{ QUIET, "aside",
	  "The council cut its budget, including the grants. The plan stays.",
	  ", including", ", including the grants", " \xe2\x80\x94 including the grants" },
	{ DEF, "aside",
	  "The council cut its budget \xe2\x80\x94 and its staff \xe2\x80\x94 this year, including the grants. The plan stays.",
	  ", including", ", including the grants", " \xe2\x80\x94 including the grants" },
	{ QUIET, "aside",
	  "Staff may act, for example a written warning.",
	  ", for", ", for example a written warning", ", for instance a written warning" },
	{ SUG, "aside",
	  "The Licensee shall pay the fees, including the costs. Notwithstanding clause 2, the Licensee shall not assign the licence pursuant to section 4 of the Agreement.",
	  ", including", ", including the costs", " (including the costs)" },
};

static const char *expect_name(enum expect e)
{
	return e == DEF ? "default" : e == SUG ? "suggested" :
	       e == NONE ? "no slot" : "no default";
}

static int case_holds(const safety_case *c)
{
	lt_slot_set *set = NULL;
	const lt_slot *s;
	int ok;

	if (lt_slots_find(&set, c->text, strlen(c->text)))
		return 0;
	s = find(set, c->family, c->at, c->orig, c->alt);
	switch (c->expect) {
	case DEF:
		ok = s && s->use == LT_SLOT_DEFAULT;
		break;
	case SUG:
		ok = s && s->use == LT_SLOT_SUGGESTED;
		break;
	case NONE:
		ok = !s;
		break;
	default:
		ok = !s || s->use != LT_SLOT_DEFAULT;
		break;
	}
	lt_slot_set_free(set);
	return ok;
}

static void test_safety_cases(void **st)
{
	size_t i, failed = 0;

	(void)st;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (case_holds(&cases[i]))
			continue;
		print_error("case %zu (%s %s at \"%s\"): \"%s\"\n", i,
			    expect_name(cases[i].expect), cases[i].family,
			    cases[i].at, cases[i].text);
		failed++;
	}
	assert_int_equal(failed, 0);
}

/* ---- the style profile ---- */

static void profile_of(lt_style *p, const char *text)
{
	lt_word *w = NULL;
	size_t nw = 0;

	assert_int_equal(lt_words_split(&w, &nw, text, strlen(text)), 0);
	lt_style_profile(p, text, strlen(text), w, nw);
	free(w);
}

static void test_profile(void **st)
{
	lt_style p;

	(void)st;
	profile_of(&p, "On March 3, 2014, the organization said prices rose 5 percent.");
	assert_int_equal(p.variety, LT_VARIETY_US);
	assert_false(p.legal);
	profile_of(&p, "On 3 March 2014 the organisation said prices rose 5 per cent.");
	assert_int_equal(p.variety, LT_VARIETY_UK);
	profile_of(&p, "The organisation and the organization met on Monday.");
	assert_int_equal(p.variety, LT_VARIETY_UNKNOWN);
	profile_of(&p, "The meeting of the U.S. delegation starts at 9 a.m. today.");
	assert_int_equal(p.variety, LT_VARIETY_US);
	profile_of(&p, "The Licensee shall, pursuant to section 4, pay the fee. "
		       "Notwithstanding clause 2, the Licensee shall not assign it.");
	assert_true(p.legal);
	profile_of(&p, "The Court held that the statute was unlawful; the "
		       "defendant appealed and the judgment stands.");
	assert_true(p.legal);
	profile_of(&p, "We opened a new library in the town last week and "
		       "children loved it.");
	assert_false(p.legal);
	profile_of(&p, "He said yes.  We left \xe2\x80\x94 quickly.  It's \"done\".");
	assert_int_equal(p.dq_straight, 2);
	assert_int_equal(p.dq_curly, 0);
	assert_int_equal(p.space_two, 2);
	assert_int_equal(p.space_one, 0);
	assert_int_equal(p.dash_em, 1);
	assert_int_equal(p.apos_straight, 1);
}

/* ---- repeated forms: one choice per copy ---- */

/* The slots of `family` in `text` all share one group (with `all_default`,
 * all default marks too); their number. */
static size_t one_group(const char *text, const char *family, int all_default)
{
	lt_slot_set *set = NULL;
	size_t i, n = 0;
	uint32_t g = UINT32_MAX;

	assert_int_equal(lt_slots_find(&set, text, strlen(text)), 0);
	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];

		if (strcmp(lt_slot_family_name(s->family), family))
			continue;
		if (g == UINT32_MAX)
			g = s->group;
		assert_int_equal(s->group, g);
		if (all_default)
			assert_int_equal(s->use, LT_SLOT_DEFAULT);
		n++;
	}
	if (all_default)
		assert_true(lt_slot_set_count_ex(set, LT_CHANNEL_LEXICAL,
						 LT_SCOPE_DEFAULT) >= 1);
	lt_slot_set_free(set);
	return n;
}

static void test_repeated_forms_grouped(void **st)
{
	(void)st;
	/* singular and plural too */
	assert_int_equal(one_group(
		"The organisation read the judgment on Monday. Staff "
		"discussed the judgments at the centre, and the judgment "
		"was published.", "spelling", 1), 3);
}

/* Words with one hyphenated prefix change together. */
static void test_prefix_grouped(void **st)
{
	(void)st;
	assert_int_equal(one_group(
		"We thank staff for their co-operation. Teams will co-operate "
		"closely and co-ordinate the work through the year.",
		"hyphenation", 0), 3);
}

/* Dashes, quotation marks and sentence spaces change together. */
static void test_typography_grouped(void **st)
{
	static const char text[] =
		"The plan \xe2\x80\x94 if approved \xe2\x80\x94 will start.  "
		"He said \"yes\" and she said \"no\".  The work \xe2\x80\x94 "
		"all of it \xe2\x80\x94 is done.";
	lt_slot_set *set = NULL;
	size_t i;
	uint32_t gd = UINT32_MAX, gq = UINT32_MAX, gs = UINT32_MAX;

	(void)st;
	assert_int_equal(lt_slots_find(&set, text, strlen(text)), 0);
	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];
		const char *f = lt_slot_family_name(s->family);
		uint32_t *g = !strcmp(f, "dash") ? &gd :
			      !strcmp(f, "quotes") ? &gq :
			      !strcmp(f, "sentence-space") ? &gs : NULL;

		if (!g)
			continue;
		if (*g == UINT32_MAX)
			*g = s->group;
		assert_int_equal(s->group, *g);
	}
	assert_int_not_equal(gd, UINT32_MAX);
	assert_int_not_equal(gq, UINT32_MAX);
	assert_int_not_equal(gs, UINT32_MAX);
	lt_slot_set_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_profile),
		cmocka_unit_test(test_safety_cases),
		cmocka_unit_test(test_repeated_forms_grouped),
		cmocka_unit_test(test_prefix_grouped),
		cmocka_unit_test(test_typography_grouped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
