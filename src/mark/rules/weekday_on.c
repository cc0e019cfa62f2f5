/*
 * weekday_on.c - "on" before a weekday after a verb, in American text:
 * "was arrested on Tuesday" / "was arrested Tuesday".
 *
 * American news style leaves the "on" out, other American house styles
 * keep it; British English always keeps it.  So the slot exists only in
 * a document whose spellings are American, goes one way (the way the
 * document does not already show the other form), is one choice for the
 * whole copy, and is a suggestion: the author knows the house style.
 */
#include <string.h>

#include "mark/rules/common.h"

/* =====================================================================
 * Family: "on" before a weekday (American English)
 *
 * Changes: "announced on Monday" <-> "announced Monday", where the word
 * before is a lower-case past-tense verb (ending in "-ed" or a common
 * irregular one) in mid-sentence.  Never touches: a text whose style is
 * not American, a document that already uses both forms, a weekday at
 * the start of a sentence ("On Monday, the ..."), after a noun ("the
 * meeting on Monday"), months, quotations.
 * =================================================================== */

static int is_weekday(const lt_rule_ctx *c, size_t i)
{
	size_t k;

	if (i >= c->nw || !(c->wf[i] & WF_CAP) || (c->wf[i] & WF_SENT))
		return 0;
	for (k = 12; lt_wl_months[k]; k++)
		if (!strcmp(lt_wl_months[k], wlc(c, i)))
			return 1;
	return 0;
}

/* Word i is a lower-case past-tense verb. */
static int past_verb(const lt_rule_ctx *c, size_t i)
{
	static const char *const irregular[] = {
		"said", "met", "held", "made", "took", "gave", "sent", "left",
		"began", "spoke", "wrote", "told", "found", "brought", "set",
		"put", "paid", "sold", "won", "lost", "came", "went", NULL
	};
	static const char *const not_verbs[] = {
		"need", "needed", "red", "bed", "shed", "seed", "feed", "speed",
		"hundred", "proceed", "exceed", "succeed", "indeed", NULL
	};
	const char *s = wlc(c, i);
	size_t n = strlen(s);

	if (!(c->wf[i] & WF_LOWER) || (c->wf[i] & WF_SENT))
		return 0;
	if (in_list(irregular, s))
		return 1;
	return n > 4 && !strcmp(s + n - 2, "ed") && !in_list(not_verbs, s);
}

int lt_rule_weekday_on(lt_rule_ctx *c)
{
	size_t i, with_on = 0, bare = 0;
	int pass, rc;

	if (c->style != STYLE_US)
		return LT_OK;
	/* pass 0 counts both forms; pass 1 adds the slots */
	for (pass = 0; pass < 2; pass++) {
		for (i = 1; i < c->nw; i++) {
			if (i + 1 < c->nw && wexact(c, i, "on") &&
			    is_weekday(c, i + 1) &&
			    past_verb(c, i - 1) && gap_is_strict(c, i, " ") &&
			    gap_is(c, i - 1, " ")) {
				if (!pass) {
					with_on++;
					continue;
				}
				if (bare)
					continue;
				rc = add1(c, c->w[i].start, c->w[i + 1].start,
					  LT_FAM_WEEKDAY_ON, "");
				if (rc)
					return rc;
			} else if (is_weekday(c, i) && past_verb(c, i - 1) &&
				   gap_is_strict(c, i - 1, " ")) {
				if (!pass) {
					bare++;
					continue;
				}
				if (with_on)
					continue;
				rc = add1(c, c->w[i].start, c->w[i].start,
					  LT_FAM_WEEKDAY_ON, "on ");
				if (rc)
					return rc;
			}
		}
	}
	return LT_OK;
}
