/*
 * topic_preposition.c - the preposition after a noun of information.
 *
 * Marks: "questions about" / "questions regarding" / "questions
 * concerning" / "questions with regard to".  Never touches: "about"
 * before a number, "on" (it may say where), quotations.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "mark/rules/common.h"

/* =====================================================================
 * Family: the preposition after a noun of information
 *
 * Changes: "questions about the changes" among "about", "regarding",
 * "concerning" and "with regard to" (also from "in relation to" and
 * "relating to"), after a noun such as "information", "advice",
 * "concerns" or "comments"; "questions"/"queries" (and the singulars)
 * are exchanged as well.  Never touches: "about" before a number (it may
 * mean "approximately"), "on" (it may say where: "information on our
 * website"), a following word that is not a lower-case word or a name,
 * "concerns concerning", quotations.
 * =================================================================== */

int lt_rule_topic_preposition(lt_rule_ctx *c)
{
	static const char *const nouns[] = {
		"information", "questions", "question", "queries", "query",
		"enquiries", "enquiry", "inquiries", "inquiry", "concerns",
		"concern", "details", "guidance", "advice", "comments",
		"comment", "views", "feedback", "complaints", "complaint",
		"evidence", "representations", "correspondence", "data",
		"figures", "statistics", "updates", NULL
	};
	static const char *const preps[] = {
		"about", "regarding", "concerning", "with regard to",
		"in relation to", "relating to", NULL
	};
	static const char *const out[] = {
		"about", "regarding", "concerning", "with regard to"
	};
	size_t i;
	int rc;

	for (i = 0; i + 2 < c->nw; i++) {
		const char *n = wlc(c, i), *swap = NULL;
		const char *v[LT_SLOT_MAX_VARIANTS];
		char buf[LT_SLOT_MAX_VARIANTS][48];
		size_t p, pe = 0, k, after, os;
		unsigned nv = 0, a, nn;
		long j = -1;

		int cap = (c->wf[i] & (WF_CAP | WF_SENT)) == (WF_CAP | WF_SENT);

		if (!((c->wf[i] & WF_LOWER) || cap) || (c->wf[i] & WF_QUOTED) ||
		    !in_list(nouns, n) || !gap_is_strict(c, i, " "))
			continue;
		p = c->w[i + 1].start;
		for (k = 0; preps[k]; k++) {
			size_t l = strlen(preps[k]);

			if (p + l <= c->len && !memcmp(c->t + p, preps[k], l) &&
			    (j = lt_rule_word_ending_at(c, i + 1,
							p + l)) >= 0) {
				pe = p + l;
				break;
			}
		}
		if (j < 0 || (size_t)j + 1 >= c->nw || !gap_is(c, (size_t)j, " "))
			continue;
		after = (size_t)j + 1;
		if ((c->wf[after] & (WF_DIGITS | WF_QUOTED | WF_ALLCAPS)) ||
		    !((c->wf[after] & WF_LOWER) ||
		      ((c->wf[after] & WF_CAP) && !(c->wf[after] & WF_SENT))) ||
		    isdigit((unsigned char)c->t[c->w[after].start]) ||
		    lt_rule_glued(c, c->w[i].start, pe))
			continue;
		if (!strcmp(n, "questions"))
			swap = "queries";
		else if (!strcmp(n, "queries"))
			swap = "questions";
		else if (!strcmp(n, "question"))
			swap = "query";
		else if (!strcmp(n, "query"))
			swap = "question";
		nn = swap ? 2 : 1;
		os = swap ? c->w[i].start : p;
		for (a = 0; a < nn; a++) {
			unsigned b;

			for (b = 0; b < 4 && nv < LT_SLOT_MAX_VARIANTS - 1; b++) {
				if (!strncmp(n, "concern", 7) && b == 2)
					continue;
				if (swap) {
					snprintf(buf[nv], sizeof(buf[nv]), "%s %s",
						 a ? swap : n, out[b]);
					if (cap)
						buf[nv][0] = (char)toupper(
							(unsigned char)buf[nv][0]);
				} else
					snprintf(buf[nv], sizeof(buf[nv]), "%s", out[b]);
				/* the original's own form is variant 0 already */
				if (strlen(buf[nv]) == pe - os &&
				    !memcmp(buf[nv], c->t + os, pe - os))
					continue;
				v[nv] = buf[nv];
				nv++;
			}
		}
		rc = lt_rule_add_alts(c, (uint32_t)os, (uint32_t)pe,
			      LT_FAM_TOPIC_PREPOSITION, v, nv);
		if (rc)
			return rc;
		i = (size_t)j;
	}
	return LT_OK;
}
