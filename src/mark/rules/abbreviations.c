/*
 * abbreviations.c - abbreviations with or without full stops, and the way
 * a clock time before "am"/"pm" is written (both family abbreviation).
 *
 * Marks: "U.S." / "US", "Dr." / "Dr", "9 am" / "9 a.m." / "9am" /
 * "9.00 am", "4.30 pm" / "4:30 pm".  Never touches: an abbreviation whose
 * stop may end the sentence, "US"/"UK" in an ALL-CAPS line, the name
 * after a title, "am" not after a number, an hour above 12 or minutes
 * above 59, a time glued to a neighbour, quotations.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mark/rules/common.h"

/* =====================================================================
 * Family: abbreviations with or without full stops
 *
 * Changes: "U.S." <-> "US" (also U.K., U.N., E.U.) and the stop after
 * the titles Mr, Mrs, Ms and Dr.  Never touches: an abbreviation that may
 * end a sentence (the stop would double as a full stop), "US"/"UK" in an
 * ALL-CAPS line (it may be the word "us"), the name after a title, an
 * abbreviation inside a name ("UK Border Force", "the U.S. House of
 * Representatives": a capitalised word next to it).
 * =================================================================== */

/* Word i follows a capitalised word of a name ("Bank of England UK") or
 * "of"/"for" after one ("Department for the UK"...): it may be part of
 * the name. */
static int in_name_before(const lt_rule_ctx *c, size_t i)
{
	if (i == 0 || !gap_is(c, i - 1, " "))
		return 0;
	if ((c->wf[i - 1] & (WF_CAP | WF_ALLCAPS)) && !(c->wf[i - 1] & WF_SENT))
		return 1;
	return 0;
}

int lt_rule_abbreviations(lt_rule_ctx *c)
{
	static const char *const pairs[] = { "US", "UK", "UN", "EU", NULL };
	static const char *const titles[] = { "Mr", "Mrs", "Ms", "Dr", NULL };
	static const char *const starters[] = {
		"the", "this", "it", "we", "they", "there", "a", "an", "in",
		"on", "at", "for", "as", "all", "each", "he", "she", "our",
		"these", "those", "its", "however", "if", "when", "i", NULL
	};
	const char *t = c->t;
	size_t i, p;
	int rc;

	for (i = 0; i < c->nw; i++) {
		size_t s = c->w[i].start, e = c->w[i].end, n = e - s;

		/* dotted form: two single capitals each followed by a stop */
		if (n == 1 && i + 1 < c->nw && e < c->len && t[e] == '.' &&
		    c->w[i + 1].start == e + 1 &&
		    c->w[i + 1].end == e + 2 && e + 2 < c->len &&
		    t[e + 2] == '.' && (s == 0 || !isalnum((unsigned char)t[s - 1]))
		    && t[s - 1 + (s == 0)] != '.') {
			char two[3] = { t[s], t[e + 1], 0 };
			size_t after = e + 3;

			if (!in_list(pairs, two) || (s > 0 && t[s - 1] == '.'))
				continue;
			if (after >= c->len || t[after] != ' ' || i + 2 >= c->nw ||
			    c->w[i + 2].start != after + 1)
				continue;
			if (in_list(starters, wlc(c, i + 2)) &&
			    !(c->wf[i + 2] & WF_LOWER))
				continue;
			/* part of a name: "U.S. House of Representatives" */
			if (is_upper((unsigned char)t[c->w[i + 2].start]) ||
			    in_name_before(c, i))
				continue;
			rc = add1(c, (uint32_t)s, (uint32_t)after,
				  LT_FAM_ABBREVIATION, two);
			if (rc)
				return rc;
			i++;
			continue;
		}
		if (n == 2 && (c->wf[i] & WF_ALLCAPS)) {
			char dotted[5];
			char two[3] = { t[s], t[s + 1], 0 };

			if (!in_list(pairs, two) || lt_rule_glued(c, s, e))
				continue;
			if ((i > 0 && (c->wf[i - 1] & WF_ALLCAPS)) ||
			    (i + 1 < c->nw && (c->wf[i + 1] & WF_ALLCAPS)))
				continue;
			if (e >= c->len || t[e] != ' ' || (s > 0 && t[s - 1] == '.'))
				continue;
			/* part of a name: "UK Border Force" */
			if ((i + 1 < c->nw &&
			     is_upper((unsigned char)t[c->w[i + 1].start])) ||
			    in_name_before(c, i))
				continue;
			dotted[0] = two[0];
			dotted[1] = '.';
			dotted[2] = two[1];
			dotted[3] = '.';
			dotted[4] = 0;
			rc = add1(c, (uint32_t)s, (uint32_t)e,
				  LT_FAM_ABBREVIATION, dotted);
			if (rc)
				return rc;
			continue;
		}
		/* titles: "Mr." <-> "Mr" before a capitalised name */
		{
			char w4[5] = { 0 };

			if (n > 3)
				continue;
			memcpy(w4, t + s, n);
			if (!in_list(titles, w4) || lt_rule_glued(c, s, e))
				continue;
			p = e;
			if (p < c->len && t[p] == '.')
				p++;
			if (p >= c->len || t[p] != ' ' || i + 1 >= c->nw ||
			    c->w[i + 1].start != p + 1 ||
			    !is_upper((unsigned char)t[p + 1]))
				continue;
			rc = p > e ? add1(c, (uint32_t)e, (uint32_t)p,
					  LT_FAM_ABBREVIATION, "")
				   : add1(c, (uint32_t)e, (uint32_t)e,
					  LT_FAM_ABBREVIATION, ".");
			if (rc)
				return rc;
		}
	}
	return LT_OK;
}

/* =====================================================================
 * Family: times of day ("9 am", "4.30 pm")
 *
 * Changes: the way a clock time before "am"/"pm" is written: the suffix
 * spaced, dotted or closed up ("9 am", "9 a.m.", "9am") and the minutes
 * separator ("4.30 pm" <-> "4:30 pm"; a whole hour may gain ".00"), up to
 * six forms of the same time (a stop that also ends the sentence is kept
 * single).  Never touches: "am" not after a number ("I am"), an hour
 * above 12 or minutes above 59, a time glued to a neighbour ("9-11 am",
 * "9am" as written), quotations.
 * =================================================================== */

int lt_rule_am_pm(lt_rule_ctx *c)
{
	const char *t = c->t;
	size_t i;
	int rc;

	for (i = 1; i < c->nw; i++) {
		size_t s = c->w[i].start, e = c->w[i].end, ts, hs, he, p;
		int dotted = 0, final = 0, hour, minutes = -1;
		char letter, sep = 0;
		char tf[2][16], v[8][48];
		const char *alts[8];
		unsigned na = 0, a, b;

		if (!(c->wf[i - 1] & WF_DIGITS) || !gap_is_strict(c, i - 1, " ") ||
		    (c->wf[i] & WF_QUOTED))
			continue;
		if (wexact(c, i, "am") || wexact(c, i, "pm")) {
			letter = t[s];
		} else if ((wexact(c, i, "a") || wexact(c, i, "p")) &&
			   i + 1 < c->nw && wexact(c, i + 1, "m") &&
			   c->w[i + 1].start == e + 1 && t[e] == '.' &&
			   c->w[i + 1].end < c->len && t[c->w[i + 1].end] == '.') {
			letter = t[s];
			dotted = 1;
			e = c->w[i + 1].end + 1;
		} else {
			continue;
		}
		if (e < c->len && (isalnum((unsigned char)t[e]) ||
				   (unsigned char)t[e] >= 0x80))
			continue;
		/* the clock time: "9" or "4.30"/"4:30" */
		he = c->w[i - 1].end;
		hs = c->w[i - 1].start;
		ts = hs;
		if (he - hs > 2)
			continue;
		hour = atoi(t + hs);
		if (i >= 2 && he - hs == 2 && hs >= 2 &&
		    (t[hs - 1] == '.' || t[hs - 1] == ':') &&
		    c->w[i - 2].end == hs - 1 && (c->wf[i - 2] & WF_DIGITS) &&
		    c->w[i - 2].end - c->w[i - 2].start <= 2) {
			minutes = hour;
			sep = t[hs - 1];
			ts = c->w[i - 2].start;
			hour = atoi(t + ts);
		}
		if (hour < 1 || hour > 12 || minutes > 59 || t[ts] == '0')
			continue;
		if (ts > 0 && !(t[ts - 1] == ' ' || t[ts - 1] == '(' ||
				t[ts - 1] == '\n'))
			continue;
		if (minutes >= 0) {
			snprintf(tf[0], sizeof(tf[0]), "%d%c%02d", hour, sep, minutes);
			snprintf(tf[1], sizeof(tf[1]), "%d%c%02d", hour,
				 sep == '.' ? ':' : '.', minutes);
		} else {
			snprintf(tf[0], sizeof(tf[0]), "%d", hour);
			snprintf(tf[1], sizeof(tf[1]), "%d%c00", hour,
				 c->style == STYLE_US ? ':' : '.');
		}
		/* a stop right after the suffix: shared with the sentence's end
		 * only when a new sentence or a line follows */
		p = e;
		if (!dotted && e < c->len && t[e] == '.')
			p = e + 1;
		if (dotted || p > e) {
			size_t q = p;

			while (q < c->len && t[q] == ' ')
				q++;
			final = q >= c->len || is_upper((unsigned char)t[q]) ||
				t[q] == '\n' || t[q] == '\r';
			if (!dotted && !final)
				continue; /* "9 am." mid-sentence: leave it */
			if (!dotted)
				e = p;
		}
		for (a = 0; a < 2; a++) {
			static const char *const suf[3] = { " %cm", " %c.m.", "%cm" };

			for (b = 0; b < 3; b++) {
				char sb[8];

				snprintf(sb, sizeof(sb), suf[b], letter);
				snprintf(v[na], sizeof(v[na]), "%s%s%s", tf[a], sb,
					 final && b != 1 ? "." : "");
				alts[na] = v[na];
				na++;
			}
		}
		rc = lt_rule_add_alts(c, (uint32_t)ts, (uint32_t)e,
				      LT_FAM_ABBREVIATION, alts, na);
		if (rc)
			return rc;
	}
	return LT_OK;
}
