/*
 * dates.c - how a date is written.
 *
 * Marks: "14 March 2024" / "14th March 2024" / "March 14, 2024", and the
 * comma after a weekday before a date.  Never touches: all-numeric dates,
 * a day outside 1..31, ranges, a date glued to a neighbour, "May" before
 * a number, quotations.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mark/rules/common.h"

/* =====================================================================
 * Family: how a date is written
 *
 * Changes: a day and a month name, with or without a year, among the
 * forms every reader takes as the same date: "14 March 2024", "14th
 * March 2024", "March 14, 2024" (and from "March 14, 2024" back); and the
 * optional comma after a weekday before such a date ("Monday 3 June" <->
 * "Monday, 3 June").  Never touches: all-numeric dates ("3/4/2024" is
 * read differently in different countries), a day outside 1..31, ranges
 * ("12-14 March", "12 to 14 March", "March 12 and 13"), a date glued to
 * a neighbour, a year followed by a hyphen or slash ("2024-25"), "May"
 * before a number (it may be the modal), quotations.
 * =================================================================== */

/* Month index 0..11 of word i written with a capital, or -1. */
static int month_of(const lt_rule_ctx *c, size_t i)
{
	int k;

	if (i >= c->nw || !(c->wf[i] & WF_CAP))
		return -1;
	for (k = 0; k < 12; k++)
		if (!strcmp(lt_wl_months[k], wlc(c, i)))
			return k;
	return -1;
}

/* Word i is a weekday name written with a capital. */
static int is_weekday(const lt_rule_ctx *c, size_t i)
{
	int k;

	if (i >= c->nw || !(c->wf[i] & WF_CAP))
		return 0;
	for (k = 12; lt_wl_months[k]; k++)
		if (!strcmp(lt_wl_months[k], wlc(c, i)))
			return 1;
	return 0;
}

/* Day of the month written by word i ("14" or "14th"), or -1.  *ord is
 * set when the ordinal suffix is written. */
static int day_of(const lt_rule_ctx *c, size_t i, int *ord)
{
	static const char *const sfx[] = { "th", "st", "nd", "rd" };
	const char *s;
	size_t n, k;
	int d;

	*ord = 0;
	if (i >= c->nw)
		return -1;
	s = c->t + c->w[i].start;
	n = c->w[i].end - c->w[i].start;
	for (k = 0; k < n && k < 3 && isdigit((unsigned char)s[k]); k++)
		;
	if (k == 0 || k > 2 || s[0] == '0')
		return -1;
	d = atoi(s);
	if (d < 1 || d > 31)
		return -1;
	if (k == n)
		return d;
	if (n != k + 2)
		return -1;
	{
		int want = (d % 10 == 1 && d != 11) ? 1 :
			   (d % 10 == 2 && d != 12) ? 2 :
			   (d % 10 == 3 && d != 13) ? 3 : 0;

		if (memcmp(s + k, sfx[want], 2))
			return -1;
	}
	*ord = 1;
	return d;
}

static const char *ordinal_suffix(int d)
{
	if (d % 10 == 1 && d != 11)
		return "st";
	if (d % 10 == 2 && d != 12)
		return "nd";
	if (d % 10 == 3 && d != 13)
		return "rd";
	return "th";
}

/* Word i is a four-digit year 1000..2999. */
static int is_year(const lt_rule_ctx *c, size_t i)
{
	return i < c->nw && (c->wf[i] & WF_DIGITS) &&
	       c->w[i].end - c->w[i].start == 4 &&
	       (c->t[c->w[i].start] == '1' || c->t[c->w[i].start] == '2');
}

/* The text right after byte e continues a range or a compound. */
static int range_follows(const lt_rule_ctx *c, size_t e, size_t next)
{
	const char *t = c->t;

	if (e < c->len && (strchr("-/", t[e]) || at3(c, e, END) ||
			   at3(c, e, EMD)) && t[e])
		return 1;
	if (e + 1 < c->len && t[e] == ' ' && (t[e + 1] == '-' ||
					      at3(c, e + 1, END)))
		return 1;
	/* "12 and 13 March", "March 12 to 14" */
	if (next < c->nw && (wis(c, next, "and") || wis(c, next, "to") ||
			     wis(c, next, "or") || wis(c, next, "through")) &&
	    next + 1 < c->nw && (c->t[c->w[next + 1].start] >= '0' &&
				 c->t[c->w[next + 1].start] <= '9'))
		return 1;
	return 0;
}

/* The text right before word i ends a range ("12-", "12 to", "12 and"). */
static int range_precedes(const lt_rule_ctx *c, size_t i)
{
	const char *t = c->t;
	size_t s = c->w[i].start;
	int ord;

	if (s > 0 && (strchr("-/.:,", t[s - 1]) && t[s - 1]))
		return t[s - 1] != ',' || (s > 1 && t[s - 2] != ' ' &&
					    isdigit((unsigned char)t[s - 2]));
	if (s >= 3 && (at3(c, s - 3, END) || at3(c, s - 3, EMD)))
		return 1;
	if (s >= 2 && t[s - 1] == ' ' && t[s - 2] == '-')
		return 1;
	if (i >= 1 && (c->wf[i - 1] & WF_DIGITS))
		return 1;
	if (i >= 2 && (wis(c, i - 1, "and") || wis(c, i - 1, "to") ||
		       wis(c, i - 1, "or") || wis(c, i - 1, "through")) &&
	    (day_of(c, i - 2, &ord) > 0 || (c->wf[i - 2] & WF_DIGITS)))
		return 1;
	return 0;
}

int lt_rule_dates(lt_rule_ctx *c)
{
	static const char *const month_names[12] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};
	size_t i;
	int rc;

	for (i = 0; i + 1 < c->nw; i++) {
		char v[3][48], year[8] = "";
		const char *alts[3];
		size_t s, e, last;
		int d, m, ord, dm;

		if (c->wf[i] & (WF_QUOTED | WF_ALLCAPS))
			continue;
		if ((d = day_of(c, i, &ord)) > 0 && gap_is_strict(c, i, " ") &&
		    (m = month_of(c, i + 1)) >= 0) {
			dm = 1;
			last = i + 1;
			if (gap_is_strict(c, last, " ") && is_year(c, last + 1))
				last++;
			else if (last + 1 < c->nw && gap_is(c, last, " ") &&
				 (c->wf[last + 1] & WF_DIGITS))
				continue; /* "14 March 15": not a plain date */
		} else if ((m = month_of(c, i)) >= 0 && m != 4 &&
			   gap_is_strict(c, i, " ") &&
			   (d = day_of(c, i + 1, &ord)) > 0) {
			dm = 0;
			last = i + 1;
			if (gap_is_strict(c, last, ", ") && is_year(c, last + 1))
				last++;
			else if (last + 1 < c->nw && gap_is(c, last, " ") &&
				 (c->wf[last + 1] & WF_DIGITS))
				continue;
		} else {
			continue;
		}
		s = c->w[i].start;
		e = c->w[last].end;
		if (range_precedes(c, i) || range_follows(c, e, last + 1))
			continue;
		if (e < c->len && (isalnum((unsigned char)c->t[e]) ||
				   c->t[e] == '\'' || at3(c, e, RSQ)))
			continue;
		if (is_year(c, last))
			memcpy(year, c->t + c->w[last].start, 4);
		year[4] = '\0';
		snprintf(v[0], sizeof(v[0]), "%d %s%s%s", d, month_names[m],
			 *year ? " " : "", year);
		snprintf(v[1], sizeof(v[1]), "%d%s %s%s%s", d, ordinal_suffix(d),
			 month_names[m], *year ? " " : "", year);
		snprintf(v[2], sizeof(v[2]), "%s %d%s%s", month_names[m], d,
			 *year ? ", " : "", year);
		if (!dm) {
			/* "March 14th, 2024" rather than "14th March" */
			snprintf(v[1], sizeof(v[1]), "%s %d%s%s%s", month_names[m],
				 d, ordinal_suffix(d), *year ? ", " : "", year);
		}
		alts[0] = v[0];
		alts[1] = v[1];
		alts[2] = v[2];
		rc = lt_rule_add_alts(c, (uint32_t)s, (uint32_t)e, LT_FAM_DATE, alts, 3);
		if (rc)
			return rc;
		/* the weekday before it: "Monday 3 June" <-> "Monday, 3 June" */
		if (i >= 1 && is_weekday(c, i - 1) && !(c->wf[i - 1] & WF_QUOTED)) {
			size_t we = c->w[i - 1].end;

			if (gap_is_strict(c, i - 1, ", "))
				rc = add1(c, (uint32_t)we, (uint32_t)we + 1,
					  LT_FAM_DATE, "");
			else if (gap_is_strict(c, i - 1, " "))
				rc = add1(c, (uint32_t)we, (uint32_t)we, LT_FAM_DATE,
					  ",");
			if (rc)
				return rc;
		}
		i = last;
	}
	return LT_OK;
}
