/*
 * test_new_marks.c - the lexical families added for issue 11 (comma after
 * a short introductory phrase, "whether or not to", "on" before a weekday
 * in American text, the order of coordinate adjectives, the comma after an
 * opening time of day): each
 * fires where the variant says the same in the same register, stays
 * silent where it would not, and is default or suggested as its registry
 * row says.
 *
 * The cases are one table on sentences written for it; a last test reads
 * every variant these families offer on the real texts of the shared
 * data (prose-real/) through a checker of its own: a variant may add a
 * comma or leave out the words the family names, or (adjective order)
 * hold the same words in another order with the same punctuation, and
 * nothing else.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "leaktrace/error.h"
#include "leaktrace/slots.h"
#include "mark/rules.h"
#include "support/support.h"

/* Family number by name. */
static unsigned fam(const char *name)
{
	int f = lt_slot_family_by_name(name);

	if (f < 0)
		fail_msg("no family %s", name);
	return (unsigned)f;
}

enum expect {
	FIRES,   /* a slot of `family` on `orig` offers `alt`, with `use` */
	NO_SLOT  /* no slot of `family` on `orig` (anywhere: orig "") */
};

typedef struct mark_case {
	enum expect expect;
	const char *family;
	const char *text;
	const char *orig;   /* the slot's original text */
	const char *alt;    /* a variant it must offer */
	int use;            /* lt_slot_use expected (FIRES) */
} mark_case;

#define DEF LT_SLOT_DEFAULT
#define SUG LT_SLOT_SUGGESTED

static const mark_case cases[] = {
	/* ---- comma after a short introductory phrase ---- */
	{ FIRES, "intro-phrase-comma",
	  "During the review the team found no fault in the system.",
	  "", ",", DEF },
	{ FIRES, "intro-phrase-comma",
	  "In those circumstances it is right to act at once.",
	  "", ",", DEF },
	{ FIRES, "intro-phrase-comma",
	  "Under the new scheme the council will pay the grant monthly.",
	  "", ",", DEF },
	{ FIRES, "intro-phrase-comma",
	  "Across Scotland the number of claims rose sharply last winter.",
	  "", ",", DEF },
	/* a comma is already there: nothing to add */
	{ NO_SLOT, "intro-phrase-comma",
	  "During the review, the team found no fault in the system.",
	  "", NULL, 0 },
	/* nouns that take a clause of their own */
	{ NO_SLOT, "intro-phrase-comma",
	  "At the time the order was made the company had no assets.",
	  "", NULL, 0 },
	{ NO_SLOT, "intro-phrase-comma",
	  "In the event the bid fails the board will meet again.",
	  "", NULL, 0 },
	{ NO_SLOT, "intro-phrase-comma",
	  "On the basis the figures are right the plan can proceed.",
	  "", NULL, 0 },
	/* quantifiers */
	{ NO_SLOT, "intro-phrase-comma",
	  "At least the first two payments were made on time.",
	  "", NULL, 0 },
	{ NO_SLOT, "intro-phrase-comma",
	  "In all the cases we reviewed the forms were complete.",
	  "", NULL, 0 },
	/* the phrase may end later: a comma further on */
	{ NO_SLOT, "intro-phrase-comma",
	  "Under the plan the board approved, councils get more money.",
	  "", NULL, 0 },
	/* the noun takes a clause without a comma: two groups of verbs */
	{ NO_SLOT, "intro-phrase-comma",
	  "In the house the man built there were three rooms.",
	  "", NULL, 0 },
	{ NO_SLOT, "intro-phrase-comma",
	  "In the report the committee published the figures showed growth.",
	  "", NULL, 0 },
	/* one clause, with an adverb and a clause joined by "that" */
	{ FIRES, "intro-phrase-comma",
	  "During the review the team has not always found that staff were late.",
	  "", ",", DEF },
	/* a verb, a negation or a conjunction in the phrase */
	{ NO_SLOT, "intro-phrase-comma",
	  "By turning off the power the staff lost the evidence.",
	  "", NULL, 0 },
	{ NO_SLOT, "intro-phrase-comma",
	  "With no warning the system stopped for an hour.",
	  "", NULL, 0 },
	/* not at a sentence start; a name in the middle of a sentence is no
	 * trigger; an inversion has no subject after the phrase */
	{ NO_SLOT, "intro-phrase-comma",
	  "Staff said that during the review the team found no fault.",
	  "", NULL, 0 },
	{ NO_SLOT, "intro-phrase-comma",
	  "Among the documents were three letters from the minister.",
	  "", NULL, 0 },
	/* a heading (no full stop) and a quotation */
	{ NO_SLOT, "intro-phrase-comma",
	  "During the review the team\n\nfound no fault.",
	  "", NULL, 0 },
	{ NO_SLOT, "intro-phrase-comma",
	  "He wrote: \"During the review the team found no fault.\"",
	  "", NULL, 0 },
	/* the phrase stops at a noun that takes a clause */
	{ NO_SLOT, "intro-phrase-comma",
	  "By the end of the year the fund had doubled in size.",
	  "", NULL, 0 },
	/* places the intro-comma family marks itself */
	{ NO_SLOT, "intro-phrase-comma",
	  "In addition the team found no fault in the system.",
	  "", NULL, 0 },

	/* ---- whether or not to ---- */
	{ FIRES, "whether-to",
	  "The board will decide whether or not to appeal the ruling.",
	  " or not", "", DEF },
	/* a condition: the clause after it needs "or not" */
	{ NO_SLOT, "whether-to",
	  "Whether or not the bid succeeds, the board will meet.",
	  "", NULL, 0 },
	{ NO_SLOT, "whether-to",
	  "The board will meet whether or not the bid succeeds.",
	  "", NULL, 0 },
	{ NO_SLOT, "whether-to",
	  "She asked \"whether or not to appeal\" at the meeting.",
	  "", NULL, 0 },

	/* ---- "on" before a weekday, American text only ---- */
	{ FIRES, "weekday-on",
	  "The organization announced on Monday that the program would end.",
	  "on ", "", SUG },
	{ FIRES, "weekday-on",
	  "The organization announced Monday that the program would end.",
	  "", "on ", SUG },
	/* British text keeps "on" */
	{ NO_SLOT, "weekday-on",
	  "The organisation announced on Monday that the programme would end.",
	  "", NULL, 0 },
	/* after a noun, at a sentence start, before a month */
	{ NO_SLOT, "weekday-on",
	  "The organization held the meeting on Monday at its center.",
	  "", NULL, 0 },
	{ NO_SLOT, "weekday-on",
	  "On Monday, the organization closed its center for the day.",
	  "", NULL, 0 },
	{ NO_SLOT, "weekday-on",
	  "The organization announced on March 3 that its center would close.",
	  "", NULL, 0 },
	/* a document that already uses both forms is left alone */
	{ NO_SLOT, "weekday-on",
	  "The organization announced on Monday that the center would close. "
	  "Its director resigned Tuesday.",
	  "", NULL, 0 },

	/* ---- order of coordinate adjectives ---- */
	{ FIRES, "adjective-order",
	  "The board wants a simple, robust and transparent process for appeals.",
	  "simple, robust and transparent", "robust, simple and transparent",
	  SUG },
	{ FIRES, "adjective-order",
	  "The process for appeals must be fair, open and transparent.",
	  "fair, open and transparent", "open, fair and transparent", SUG },
	{ FIRES, "adjective-order",
	  "The team focuses on efficient, predictable service for tenants.",
	  "efficient, predictable", "predictable, efficient", SUG },
	/* after "an", no order that needs "a" ("an robust") */
	{ NO_SLOT, "adjective-order",
	  "The board wants an effective, robust process for appeals.",
	  "", NULL, 0 },
	/* sequence, scale and place carry meaning; nouns are no adjectives */
	{ NO_SLOT, "adjective-order",
	  "The first, second and final payments were made on time.",
	  "", NULL, 0 },
	{ NO_SLOT, "adjective-order",
	  "The plan covers federal, state and local agencies alike.",
	  "", NULL, 0 },
	{ NO_SLOT, "adjective-order",
	  "The unit deals with drugs, drones and mobile phones in prisons.",
	  "", NULL, 0 },
	/* no comma: a pair is pair-order's, or not coordinate at all */
	{ NO_SLOT, "adjective-order",
	  "The board wants a simple and robust process for appeals.",
	  "", NULL, 0 },
	{ NO_SLOT, "adjective-order",
	  "The board wants a simple robust process for appeals.",
	  "", NULL, 0 },
	/* a list that runs on, a quotation */
	{ NO_SLOT, "adjective-order",
	  "The data is accurate, complete, timely, relevant, secure and tidy.",
	  "", NULL, 0 },
	{ NO_SLOT, "adjective-order",
	  "He called it \"a simple, robust and transparent process\" today.",
	  "", NULL, 0 },

	/* ---- comma after an opening time of day ---- */
	{ FIRES, "time-comma",
	  "The day was long. At 2.35pm, the police secured the wings.",
	  ",", "", DEF },
	{ FIRES, "time-comma",
	  "The day was long. Shortly after 10pm, prisoners were moved.",
	  ",", "", DEF },
	{ FIRES, "time-comma",
	  "The day was long. At 2.35pm the police secured the wings.",
	  "", ",", DEF },
	/* a number after the time, a time zone, a continued phrase */
	{ NO_SLOT, "time-comma",
	  "The day was long. At 3pm, 200 people had left the site.",
	  "", NULL, 0 },
	{ NO_SLOT, "time-comma",
	  "The day was long. At 3pm GMT the market closed early.",
	  "", NULL, 0 },
	{ NO_SLOT, "time-comma",
	  "The day was long. At 9.15am on Friday the staff withdrew.",
	  "", NULL, 0 },
	{ NO_SLOT, "time-comma",
	  "The day was long. At 10pm, when the teams arrived, it ended.",
	  "", NULL, 0 },
	/* a time that another slot writes another way ("11:20" / "11.20")
	 * would be merged with its comma into a slot of its own choice:
	 * then no time of the text is marked, or a copy could mix both */
	{ NO_SLOT, "time-comma",
	  "The day was long. At 11:20, the teams arrived. At 2.35pm, the "
	  "police secured the wings.",
	  "", NULL, 0 },
	/* "p.m." keeps its comma: its full stop would end the sentence */
	{ NO_SLOT, "time-comma",
	  "The day was long. At 3:10 p.m., Smith left the tunnel.",
	  "", NULL, 0 },
	/* not a clock time; not at a sentence start; a quotation */
	{ NO_SLOT, "time-comma",
	  "The day was long. At 15, most pupils choose their subjects.",
	  "", NULL, 0 },
	{ NO_SLOT, "time-comma",
	  "The staff met and at 3pm, the board joined them.",
	  "", NULL, 0 },
	{ NO_SLOT, "time-comma",
	  "He wrote: \"At 3pm, the board joined us.\"",
	  "", NULL, 0 },
};

/* Whether case c holds; explains itself when it does not. */
static int case_holds(const mark_case *mc)
{
	lt_slot_set *set = NULL;
	unsigned f = fam(mc->family), v;
	size_t i;
	int found = 0, use_ok = 0;

	assert_int_equal(lt_slots_find(&set, mc->text, strlen(mc->text)),
			 LT_OK);
	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];

		if (s->family != f)
			continue;
		if (mc->expect == NO_SLOT) {
			found = 1;
			continue;
		}
		if (strcmp(s->variants[0], mc->orig))
			continue;
		for (v = 1; v < s->nvariants; v++)
			if (!strcmp(s->variants[v], mc->alt)) {
				found = 1;
				use_ok = s->use == mc->use;
			}
	}
	lt_slot_set_free(set);
	if (mc->expect == NO_SLOT)
		return !found;
	return found && use_ok;
}

static void test_new_mark_cases(void **st)
{
	size_t i, failed = 0;

	(void)st;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (case_holds(&cases[i]))
			continue;
		print_error("case %zu (%s %s): \"%s\"\n", i,
			    cases[i].expect == FIRES ? "fires" : "no slot",
			    cases[i].family, cases[i].text);
		failed++;
	}
	assert_int_equal(failed, 0);
}

/* Parallel time phrases keep one punctuation in a copy: their slots are
 * one document-level group. */
static void test_time_comma_one_choice(void **st)
{
	static const char text[] =
		"The day was long. At 1.20pm, the teams arrived. At 2.35pm, "
		"the police secured the wings. At 8.35pm, the staff left.";
	lt_slot_set *set = NULL;
	unsigned f = fam("time-comma");
	size_t i, n = 0;
	uint32_t group = 0;

	(void)st;
	assert_int_equal(lt_slots_find(&set, text, strlen(text)), LT_OK);
	for (i = 0; i < set->n; i++) {
		if (set->slots[i].family != f)
			continue;
		if (n++ == 0)
			group = set->slots[i].group;
		assert_int_equal(set->slots[i].group, group);
	}
	assert_true(n >= 2);
	lt_slot_set_free(set);
}

/* ---------------------------------------------------------------------
 * Every variant on the real texts, through a checker of its own
 * ------------------------------------------------------------------- */

/* Next word of s (ASCII letters and digits) from *p into w[cap]; 0 at the
 * end. */
static int next_word(const char *s, size_t *p, char *w, size_t cap)
{
	size_t n = 0;

	while (s[*p] && !((s[*p] >= 'a' && s[*p] <= 'z') ||
			  (s[*p] >= 'A' && s[*p] <= 'Z') ||
			  (s[*p] >= '0' && s[*p] <= '9')))
		(*p)++;
	if (!s[*p])
		return 0;
	while ((s[*p] >= 'a' && s[*p] <= 'z') || (s[*p] >= 'A' && s[*p] <= 'Z') ||
	       (s[*p] >= '0' && s[*p] <= '9')) {
		if (n + 1 < cap)
			w[n++] = s[*p];
		(*p)++;
	}
	w[n] = '\0';
	return 1;
}

/*
 * Variant `alt` of a slot whose original is `orig` only adds commas or
 * leaves out words of `droppable` (exact case): every word of alt is the
 * next word of orig, skipping droppable ones, and all other characters
 * match but for commas.
 */
static int only_drops(const char *orig, const char *alt,
		      const char *const *droppable)
{
	size_t po = 0, pa = 0;
	char wo[64], wa[64];
	const char *a = alt, *o = orig;
	size_t k;

	while (next_word(alt, &pa, wa, sizeof(wa))) {
		int ok = 0;

		while (next_word(orig, &po, wo, sizeof(wo))) {
			if (!strcmp(wo, wa)) {
				ok = 1;
				break;
			}
			for (k = 0; droppable[k] && strcmp(droppable[k], wo); k++)
				;
			if (!droppable[k])
				return 0;
		}
		if (!ok)
			return 0;
	}
	while (next_word(orig, &po, wo, sizeof(wo))) {
		for (k = 0; droppable[k] && strcmp(droppable[k], wo); k++)
			;
		if (!droppable[k])
			return 0;
	}
	/* no other character appears in alt that orig lacks, but commas */
	for (; *a; a++)
		if (*a != ',' && *a != ' ' && !strchr(o, *a))
			return 0;
	return 1;
}

/* Words of s, sorted, joined by spaces, into out[cap]; and the
 * characters that are not letters, in order, into punct[cap]. */
static void words_and_punct(const char *s, char *out, size_t cap,
			    char *punct, size_t pcap)
{
	char w[32][64];
	size_t n = 0, p = 0, i, j, len = 0, pl = 0;

	while (n < 32 && next_word(s, &p, w[n], sizeof(w[n])))
		n++;
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (strcmp(w[j], w[i]) < 0) {
				char t[64];

				memcpy(t, w[i], sizeof(t));
				memcpy(w[i], w[j], sizeof(t));
				memcpy(w[j], t, sizeof(t));
			}
	out[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, len < cap ? cap - len : 0,
					"%s ", w[i]);
	for (; *s && pl + 1 < pcap; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
			punct[pl++] = *s;
	punct[pl] = '\0';
}

/* Variant `alt` holds the words of `orig` in another order, with the
 * same punctuation in the same order. */
static int same_words(const char *orig, const char *alt)
{
	char wo[2048], wa[2048], po[256], pa[256];

	words_and_punct(orig, wo, sizeof(wo), po, sizeof(po));
	words_and_punct(alt, wa, sizeof(wa), pa, sizeof(pa));
	return !strcmp(wo, wa) && !strcmp(po, pa);
}

static void test_real_prose_variants(void **st)
{
	static const char *const drop_none[] = { NULL };
	static const char *const drop_whether[] = { "or", "not", NULL };
	static const char *const drop_on[] = { "on", NULL };
	const char *dir = ts_shared_data("prose-real");
	unsigned f_intro = fam("intro-phrase-comma"), f_wh = fam("whether-to"),
		 f_day = fam("weekday-on"), f_adj = fam("adjective-order"),
		 f_time = fam("time-comma");
	struct dirent *de;
	DIR *d;
	size_t files = 0, bad = 0;

	(void)st;
	d = opendir(dir);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		char path[4096];
		lt_slot_set *set = NULL;
		size_t len, i, n = strlen(de->d_name);
		char *text;

		if (n < 5 || strcmp(de->d_name + n - 4, ".txt"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		text = ts_read_file(path, &len);
		assert_int_equal(lt_slots_find(&set, text, len), LT_OK);
		files++;
		for (i = 0; i < set->n; i++) {
			const lt_slot *s = &set->slots[i];
			const char *const *drop;
			unsigned v;

			if (s->family == f_adj) {
				for (v = 1; v < s->nvariants; v++) {
					if (same_words(s->variants[0],
						       s->variants[v]))
						continue;
					print_error("%s @%u: [%s] -> [%s]\n",
						    de->d_name, s->start,
						    s->variants[0], s->variants[v]);
					bad++;
				}
				continue;
			}
			if (s->family == f_intro || s->family == f_time)
				drop = drop_none;
			else if (s->family == f_wh)
				drop = drop_whether;
			else if (s->family == f_day)
				drop = drop_on;
			else
				continue;
			for (v = 1; v < s->nvariants; v++) {
				if (only_drops(s->variants[0], s->variants[v], drop))
					continue;
				/* "on" put in: the other way round */
				if (s->family == f_day &&
				    only_drops(s->variants[v], s->variants[0], drop))
					continue;
				print_error("%s @%u: [%s] -> [%s]\n", de->d_name,
					    s->start, s->variants[0],
					    s->variants[v]);
				bad++;
			}
			/* the comma goes after a word and before a space */
			if (s->family == f_intro &&
			    (s->start == 0 || (set->plain[s->start] != ' ' &&
						      set->plain[s->start] != '\n'))) {
				print_error("%s @%u: comma not before a space\n",
					    de->d_name, s->start);
				bad++;
			}
		}
		lt_slot_set_free(set);
		free(text);
	}
	closedir(d);
	assert_true(files > 0);
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_mark_cases),
		cmocka_unit_test(test_time_comma_one_choice),
		cmocka_unit_test(test_real_prose_variants),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
