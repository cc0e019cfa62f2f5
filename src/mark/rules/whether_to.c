/*
 * whether_to.c - "whether or not to" / "whether to".
 *
 * Before an infinitive, "or not" after "whether" adds nothing: "decide
 * whether or not to appeal" and "decide whether to appeal" ask the same
 * question in the same register, so the slot is a default one.
 */
#include "mark/rules/common.h"

/* =====================================================================
 * Family: "whether or not to" -> "whether to"
 *
 * Changes: drops " or not" between "whether" and "to" followed by a
 * lower-case word.  One way only.  Never touches: "whether or not" before
 * a clause ("whether or not the bid succeeds, ..." is a condition, and
 * "whether the bid succeeds, ..." is no sentence), "whether or not" split
 * by a line or written with a capital, quotations.  One choice per copy:
 * where another slot overlaps or touches one of the places, none is
 * marked (doc_choice.c).
 * =================================================================== */

int lt_rule_whether_to(lt_rule_ctx *c)
{
	size_t i;
	int rc, pass;

	/* pass 0: a place near another slot marks none (doc_choice.c) */
	for (pass = 0; pass < 2; pass++)
	for (i = 0; i + 4 < c->nw; i++) {
		if (!wexact(c, i, "whether") || !wexact(c, i + 1, "or") ||
		    !wexact(c, i + 2, "not") || !wexact(c, i + 3, "to") ||
		    !(c->wf[i + 4] & WF_LOWER))
			continue;
		if (!gap_is_strict(c, i, " ") || !gap_is_strict(c, i + 1, " ") ||
		    !gap_is_strict(c, i + 2, " ") || !gap_is(c, i + 3, " "))
			continue;
		if (pass == 0) {
			if (lt_rule_lexical_near(c, c->w[i].end, c->w[i + 2].end,
						 c->w[i].start, c->w[i + 3].end,
						 2, LT_FAM_WHETHER_TO))
				return LT_OK;
			continue;
		}
		rc = add1(c, c->w[i].end, c->w[i + 2].end, LT_FAM_WHETHER_TO, "");
		if (rc)
			return rc;
	}
	return LT_OK;
}
