/*
 * capitalisation.c - the capital of an institution noun after "the".
 *
 * Marks: "the Department" / "the department" in mid-sentence.  Never
 * touches: a full name ("the Department of Health"), headings, the start
 * of a sentence, quotations.
 */
#include <ctype.h>
#include <string.h>

#include "mark/rules/common.h"

/* =====================================================================
 * Family: capitalisation of institutions after "the"
 *
 * Changes: the first letter of an institution noun referred to as "the
 * Department"/"the department" in mid-sentence.  Never touches: a full
 * name ("the Department of Health", "the Security Office" - a capitalised
 * neighbour or a following "of"/"for" means a name; so does "of the"
 * after a capitalised word: "Office of the Attorney General"), a body the
 * text itself writes with a capital elsewhere ("the Tribunal", "the
 * Board": that body, never another), headings, the start of a sentence,
 * quotations.
 * =================================================================== */

/* Some other "the X" of the text writes word i's noun with a capital in
 * mid-sentence: the document defines that body. */
static int capital_elsewhere(const lt_rule_ctx *c, size_t i)
{
	size_t k;

	for (k = 1; k < c->nw; k++)
		if (k != i && !strcmp(wlc(c, k), wlc(c, i)) &&
		    (c->wf[k] & WF_CAP) && !(c->wf[k] & WF_SENT) &&
		    wis(c, k - 1, "the"))
			return 1;
	return 0;
}

int lt_rule_capitalisation(lt_rule_ctx *c)
{
	const char *t = c->t;
	size_t i;
	int rc;

	for (i = 1; i < c->nw; i++) {
		size_t s = c->w[i].start;
		char alt[2];

		if (!(wexact(c, i - 1, "the") || wexact(c, i - 1, "The")) ||
		    !gap_is(c, i - 1, " "))
			continue;
		if (!(c->wf[i] & (WF_CAP | WF_LOWER)) ||
		    (c->wf[i] & (WF_SENT | WF_QUOTED)))
			continue;
		if (!in_list(lt_wl_institutions, wlc(c, i)) ||
		    (s > 0 && strchr("-/", c->t[s - 1])) ||
		    (c->w[i].end < c->len && strchr("-/@_", c->t[c->w[i].end]) &&
		     c->t[c->w[i].end]))
			continue;
		if (i + 1 < c->nw && (wis(c, i + 1, "of") || wis(c, i + 1, "for") ||
				      (c->wf[i + 1] & (WF_CAP | WF_ALLCAPS))))
			continue;
		if (i >= 2 && (c->wf[i - 2] & WF_CAP) && !(c->wf[i - 2] & WF_SENT) &&
		    !(c->wf[i - 1] & WF_SENT))
			continue;
		/* "Office of the Attorney General": "of the" inside a name */
		if (i >= 3 && (wis(c, i - 2, "of") || wis(c, i - 2, "for")) &&
		    (c->wf[i - 3] & (WF_CAP | WF_ALLCAPS)) &&
		    !(c->wf[i - 3] & WF_SENT))
			continue;
		/* a body the text names with a capital elsewhere is that body:
		 * "the Tribunal" stays, and so does "the tribunal" (another) */
		if (capital_elsewhere(c, i))
			continue;
		{
			size_t ls = s;

			while (ls > 0 && t[ls - 1] != '\n')
				ls--;
			if (t[ls] == '#')
				continue;
		}
		alt[0] = (char)(is_upper((unsigned char)t[s]) ?
				tolower((unsigned char)t[s]) :
				toupper((unsigned char)t[s]));
		alt[1] = 0;
		rc = add1(c, (uint32_t)s, (uint32_t)s + 1,
			  LT_FAM_CAPITALISATION, alt);
		if (rc)
			return rc;
	}
	return LT_OK;
}
