/*
 * contractions.c - contractions without negation.
 *
 * Marks: "it is" / "it's", "we will" / "we'll" and the like.  Never
 * touches: anything with a negation next to it, "is"/"will" at the end
 * of a clause, "have" as a main verb, "its" (possessive), "that is,"
 * meaning "i.e.".
 */
#include <stdio.h>
#include <string.h>

#include "mark/rules/common.h"

/* =====================================================================
 * Family: contractions without negation
 *
 * Changes: "it is" <-> "it's", "that is", "there is", "we will",
 * "we are", "they are", "we have" (auxiliary only), "you are",
 * "they will", "you will".  Never touches: anything with "not" or
 * "never" next to it, "is"/"will" at the end of a clause, "have" as a
 * main verb, "it's" <-> "its" (possessive), "that is," meaning "i.e.".
 * =================================================================== */

static int looks_participle(const lt_rule_ctx *c, size_t i)
{
	static const char *const irregular[] = {
		"been", "made", "taken", "done", "had", "seen", "set", "put",
		"sent", "kept", "found", "given", "begun", "shown", "written",
		"held", "met", "paid", "brought", "built", "heard", "read",
		"known", "become", "chosen", "won", "spent", "told", NULL
	};
	const char *s = wlc(c, i);
	size_t n = strlen(s);

	if (!(c->wf[i] & WF_LOWER))
		return 0;
	return (n > 3 && !strcmp(s + n - 2, "ed")) || in_list(irregular, s);
}

int lt_rule_contractions(lt_rule_ctx *c)
{
	static const char *const table[][3] = {
		{ "it", "is", "s" }, { "that", "is", "s" },
		{ "there", "is", "s" }, { "we", "will", "ll" },
		{ "we", "are", "re" }, { "they", "are", "re" },
		{ "we", "have", "ve" }, { "you", "are", "re" },
		{ "they", "will", "ll" }, { "you", "will", "ll" },
		{ "they", "have", "ve" }
	};
	static const char *const negations[] = {
		"not", "never", "no", "nor", "neither", "nothing", "none",
		"nobody", "t", NULL
	};
	const char *apos = c->curly_apos ? RSQ : "'";
	const char *t = c->t;
	size_t i, k;
	int rc;

	for (i = 0; i + 2 < c->nw; i++) {
		const char *a = wlc(c, i);
		int lower = (c->wf[i] & WF_LOWER) != 0;

		if (!lower && !((c->wf[i] & (WF_CAP | WF_SENT)) ==
				(WF_CAP | WF_SENT)))
			continue;
		for (k = 0; k < sizeof(table) / sizeof(table[0]); k++) {
			char alt[16];
			size_t e1 = c->w[i].end;

			if (strcmp(a, table[k][0]))
				continue;
			/* expanded form: "it is" followed by a word */
			if (gap_is_strict(c, i, " ") &&
			    wexact(c, i + 1, table[k][1]) &&
			    gap_is(c, i + 1, " ") &&
			    (c->wf[i + 2] & WF_LOWER) &&
			    !in_list(negations, wlc(c, i + 2))) {
				if (!strcmp(table[k][1], "have") &&
				    !looks_participle(c, i + 2))
					continue;
				if (i + 3 < c->nw && wis(c, i + 2, "been") == 0 &&
				    in_list(negations, wlc(c, i + 3)) &&
				    !strcmp(table[k][1], "have"))
					continue;
				snprintf(alt, sizeof(alt), "%s%s", apos, table[k][2]);
				rc = add1(c, (uint32_t)e1,
					  (uint32_t)c->w[i + 1].end,
					  LT_FAM_CONTRACTION, alt);
				if (rc)
					return rc;
				continue;
			}
			/* contracted form: "it's" followed by a word */
			{
				size_t al = 0;

				if (e1 < c->len && t[e1] == '\'')
					al = 1;
				else if (at3(c, e1, RSQ))
					al = 3;
				if (!al || c->w[i + 1].start != e1 + al ||
				    !wexact(c, i + 1, table[k][2]) ||
				    !gap_is(c, i + 1, " ") ||
				    !(c->wf[i + 2] & WF_LOWER) ||
				    in_list(negations, wlc(c, i + 2)))
					continue;
				snprintf(alt, sizeof(alt), " %s", table[k][1]);
				rc = add1(c, (uint32_t)e1,
					  (uint32_t)c->w[i + 1].end,
					  LT_FAM_CONTRACTION, alt);
				if (rc)
					return rc;
			}
		}
	}
	return LT_OK;
}
