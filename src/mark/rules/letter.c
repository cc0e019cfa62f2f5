/*
 * letter.c - the salutation and sign-off of a letter, the label of a memo.
 *
 * Marks: the punctuation after "Dear Ms Smith", the comma after a
 * sign-off and its interchangeable words ("Kind regards" / "Best
 * regards"), "Subject:" / "Re:".  Never touches: a "Dear" line of more
 * than six words, anything not alone on its line, quotations.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "mark/rules/common.h"

/* =====================================================================
 * Family: salutation and sign-off of a letter, label of a memo
 *
 * Changes: the punctuation after "Dear Ms Smith" at the end of its line
 * (comma, colon or none); the comma after a sign-off on a line of its own
 * and the sign-off's words where they are interchangeable ("Kind
 * regards"/"Best regards"/"Regards", "Yours sincerely"/"Sincerely");
 * a memo's "Subject:" <-> "Re:" label at the start of a line.  Never
 * touches: a "Dear" line with more than six words, anything that is not
 * alone on its line, quotations.
 * =================================================================== */

/* Byte range of the line holding byte p: [*ls, *le), trailing spaces and
 * CR excluded. */
static void line_of(const lt_rule_ctx *c, size_t p, size_t *ls, size_t *le)
{
	size_t a = p, b = p;

	while (a > 0 && c->t[a - 1] != '\n')
		a--;
	while (b < c->len && c->t[b] != '\n')
		b++;
	while (b > a && (c->t[b - 1] == ' ' || c->t[b - 1] == '\r' ||
			 c->t[b - 1] == '\t'))
		b--;
	*ls = a;
	*le = b;
}

int lt_rule_letter(lt_rule_ctx *c)
{
	static const char *const signoffs[][3] = {
		{ "Kind regards", "Best regards", "Regards" },
		{ "Best regards", "Kind regards", "Regards" },
		{ "Regards", "Kind regards", "Best regards" },
		{ "Yours sincerely", "Sincerely", NULL },
		{ "Sincerely", "Yours sincerely", NULL },
		{ "Yours faithfully", NULL, NULL },
		{ "With best wishes", "Best wishes", NULL },
		{ "Best wishes", "With best wishes", NULL },
		{ "Yours truly", NULL, NULL },
	};
	const char *t = c->t;
	size_t i, k, ls, le;
	int rc;

	for (i = 0; i < c->nw; i++) {
		size_t s = c->w[i].start;

		if ((c->wf[i] & WF_QUOTED) || (c->wf[i] & WF_ALLCAPS))
			continue;
		line_of(c, s, &ls, &le);
		if (ls != s)
			continue;
		/* salutation */
		if (wexact(c, i, "Dear")) {
			size_t words = 0, j = i + 1, p;
			char last = t[le - 1];

			while (j < c->nw && c->w[j].end <= le) {
				if (!(c->wf[j] & (WF_CAP | WF_ALLCAPS)) &&
				    !wis(c, j, "or") && !wis(c, j, "and"))
					words = 99;
				words++;
				j++;
			}
			if (words < 1 || words > 6)
				continue;
			if (last == ',' || last == ':') {
				p = le - 1;
				rc = lt_rule_add_alts(c, (uint32_t)p, (uint32_t)le, LT_FAM_LETTER,
					      (const char *const[]){
						      last == ',' ? ":" : ",", "" }, 2);
			} else if (isalnum((unsigned char)last)) {
				rc = lt_rule_add_alts(c, (uint32_t)le, (uint32_t)le, LT_FAM_LETTER,
					      (const char *const[]){ ",", ":" }, 2);
			} else {
				continue;
			}
			if (rc)
				return rc;
			i = j - 1;
			continue;
		}
		if (wexact(c, i, "Subject") && s + 8 <= c->len &&
		    !memcmp(t + s, "Subject:", 8)) {
			rc = add1(c, (uint32_t)s, (uint32_t)s + 8, LT_FAM_LETTER, "Re:");
			if (rc)
				return rc;
			continue;
		}
		if (wexact(c, i, "Re") && s + 3 <= c->len && !memcmp(t + s, "Re:", 3)) {
			rc = add1(c, (uint32_t)s, (uint32_t)s + 3, LT_FAM_LETTER,
				  "Subject:");
			if (rc)
				return rc;
			continue;
		}
		/* sign-off alone on its line, with or without a comma */
		for (k = 0; k < sizeof(signoffs) / sizeof(signoffs[0]); k++) {
			const char *so = signoffs[k][0];
			size_t n = strlen(so), body = le - ls, a;
			const char *alts[6];
			char buf[6][32];
			unsigned na = 0;
			int comma;

			if (body == n + 1 && t[le - 1] == ',' && !memcmp(t + ls, so, n))
				comma = 1;
			else if (body == n && !memcmp(t + ls, so, n))
				comma = 0;
			else
				continue;
			for (a = 0; a < 3 && signoffs[k][a]; a++) {
				unsigned cm;

				for (cm = 0; cm < 2; cm++) {
					snprintf(buf[na], sizeof(buf[na]), "%s%s",
						 signoffs[k][a],
						 (cm == 0) == (comma == 1) ? "," : "");
					alts[na] = buf[na];
					na++;
				}
			}
			rc = lt_rule_add_alts(c, (uint32_t)ls, (uint32_t)le, LT_FAM_LETTER,
				      alts, na);
			if (rc)
				return rc;
			break;
		}
	}
	return LT_OK;
}
