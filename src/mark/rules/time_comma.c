/*
 * time_comma.c - the comma after a time of day that opens a sentence:
 * "At 2.35pm, the police secured the wings" / "At 2.35pm the police
 * secured the wings"; "Shortly after 10pm, the teams ..." likewise.
 *
 * The intro-comma family (commas.c) handles phrases of plain words and
 * dates; a clock time ("2.35pm", "11:20", "7:50 am") is written with
 * punctuation inside, which that family does not read.  A short opening
 * phrase of time takes the comma or not in every house style, so the
 * slot is a default one.
 */
#include <ctype.h>
#include <string.h>

#include "mark/rules/common.h"

/* =====================================================================
 * Family: comma after an opening time of day
 *
 * Changes: the comma after "At", "By", "From", "Until", "Before",
 * "After", "Around" or "Since" (or "Shortly/Just/Soon after/before")
 * with an optional "approximately/about/around" and a clock time, at the
 * start of a sentence: dropped before a word that opens the clause, or
 * added before a determiner, pronoun or name.  The choice is one per
 * copy (registry scope): parallel sentences keep one punctuation; so
 * where another lexical slot touches one of the places (a time written
 * another way, "11:20" / "11.20"), slots.c would merge the two into a
 * slot of its own choice, and the family marks none of the text's times.
 *
 * Never touches: a time followed by a number ("At 3pm, 200 people ..."
 * would run two numbers together), by a time zone or "on/at/in ..." that
 * continues the phrase, by a conjunction or relative word ("At 10pm, when
 * ..."); the comma after "a.m."/"p.m." (without it the full stop of the
 * abbreviation reads as the end of the sentence); years and dates
 * (intro-comma's); quotations.
 * =================================================================== */

/* What may follow a time when the comma is dropped or added. */
static const char *const stoppers[] = {
	"and", "or", "but", "nor", "which", "who", "whom", "whose", "that",
	"when", "where", "while", "whilst", "if", "as", "because", "though",
	"although", "until", "unless", "on", "at", "in", "of", "for", "by",
	"from", "to", "with", "after", "before", "during", "since", "local",
	"hours", "hrs", "am", "pm", "o", "clock", "today", "yesterday",
	"tomorrow", "tonight", "then", "next", "following", "same",
	"eastern", "pacific", "central", "mountain", "time", NULL
};

static const char *const openers[] = {
	"the", "this", "these", "those", "our", "their", "its", "a", "an",
	"we", "they", "he", "she", "it", "there", "i", "you", "all", "some",
	"most", "many", "both", "each", "every", NULL
};

/* Skip a clock time at byte p: "2.35pm", "11:20", "7:50 am", "3 p.m.",
 * "10pm".  Returns the byte after it, 0 when there is none; *dotted says
 * it ends in "a.m."/"p.m.". */
static size_t clock_time(const lt_rule_ctx *c, size_t p, int *dotted)
{
	const char *t = c->t;
	size_t q = p, d = 0;
	int minutes = 0, ampm = 0;

	*dotted = 0;
	while (q < c->len && isdigit((unsigned char)t[q]) && d < 3) {
		q++;
		d++;
	}
	if (d == 0 || d > 2)
		return 0;
	if (q + 2 < c->len && (t[q] == ':' || t[q] == '.') &&
	    isdigit((unsigned char)t[q + 1]) && isdigit((unsigned char)t[q + 2]) &&
	    !(q + 3 < c->len && isdigit((unsigned char)t[q + 3]))) {
		q += 3;
		minutes = 1;
	}
	{
		size_t r = q + (q < c->len && t[q] == ' ');

		if (r + 4 <= c->len && (t[r] == 'a' || t[r] == 'p') &&
		    !memcmp(t + r + 1, ".m.", 3)) {
			q = r + 4;
			ampm = 1;
			*dotted = 1;
		} else if (r + 2 <= c->len && (t[r] == 'a' || t[r] == 'p') &&
			   t[r + 1] == 'm' &&
			   !(r + 2 < c->len && isalnum((unsigned char)t[r + 2]))) {
			q = r + 2;
			ampm = 1;
		}
	}
	if (!minutes && !ampm)
		return 0;	/* a bare number: a year, an age, a count */
	if (q < c->len && isalnum((unsigned char)t[q]))
		return 0;
	return q;
}

/* The first word that starts at or after byte p. */
static size_t word_at(const lt_rule_ctx *c, size_t from, size_t p)
{
	while (from < c->nw && c->w[from].start < p)
		from++;
	return from;
}

int lt_rule_time_comma(lt_rule_ctx *c)
{
	static const char *const preps[] = {
		"at", "by", "from", "until", "before", "after", "around",
		"since", NULL
	};
	static const char *const about[] = {
		"approximately", "about", "around", "roughly", NULL
	};
	size_t i;
	int rc, pass;

	/* pass 0: any place another slot would merge with; then none at
	 * all, or the copy would mix the two punctuations.  pass 1: add. */
	for (pass = 0; pass < 2; pass++)
	for (i = 0; i + 2 < c->nw; i++) {
		size_t k = i, p, n;
		int dotted, comma;

		if (!(c->wf[i] & WF_SENT) || !(c->wf[i] & WF_CAP) ||
		    (c->wf[i] & WF_QUOTED))
			continue;
		if ((wis(c, i, "shortly") || wis(c, i, "just") ||
		     wis(c, i, "soon")) && gap_is(c, i, " ") &&
		    (wexact(c, i + 1, "after") || wexact(c, i + 1, "before")))
			k = i + 1;
		else if (!in_list(preps, wlc(c, i)))
			continue;
		if (!gap_is(c, k, " "))
			continue;
		if (k + 1 < c->nw && (c->wf[k + 1] & WF_LOWER) &&
		    in_list(about, wlc(c, k + 1))) {
			k++;
			if (!gap_is(c, k, " "))
				continue;
		}
		p = clock_time(c, c->w[k].end + 1, &dotted);
		if (!p || p + 1 >= c->len)
			continue;
		if (c->t[p] == ',' && c->t[p + 1] == ' ')
			comma = 1;
		else if (c->t[p] == ' ')
			comma = 0;
		else
			continue;
		n = word_at(c, k + 1, p + 1 + comma);
		if (n >= c->nw || c->w[n].start != p + 1 + comma ||
		    (c->wf[n] & (WF_DIGITS | WF_QUOTED)) ||
		    in_list(stoppers, wlc(c, n)))
			continue;
		if (comma && (dotted || !(c->wf[n] & (WF_LOWER | WF_CAP |
						       WF_ALLCAPS))))
			continue;
		/* added: only before a determiner, pronoun or name */
		if (!comma && !(((c->wf[n] & WF_LOWER) &&
				 in_list(openers, wlc(c, n))) ||
				((c->wf[n] & WF_CAP) && !(c->wf[n] & WF_SENT))))
			continue;
		if (pass == 0) {
			if (lt_rule_lexical_near(c, (uint32_t)p,
						 (uint32_t)(p + comma),
						 c->w[k].end + 1, c->w[n].end, 2,
						 LT_FAM_TIME_COMMA))
				return LT_OK;
			continue;
		}
		if (comma)
			rc = add1(c, (uint32_t)p, (uint32_t)p + 1,
				  LT_FAM_TIME_COMMA, "");
		else
			rc = add1(c, (uint32_t)p, (uint32_t)p,
				  LT_FAM_TIME_COMMA, ",");
		if (rc)
			return rc;
	}
	return LT_OK;
}
