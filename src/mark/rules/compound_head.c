/*
 * compound_head.c - the hyphen of a compound adjective with a curated
 * head (-term, -scale, -based, -wide...).
 *
 * Marks: "a risk-based approach" -> "a risk based approach".  Never
 * touches: a predicative compound, prefixes that always keep their hyphen
 * (non-, self-, co-), longer chains, names, numbers, quotations.
 */
#include <string.h>
#include <strings.h>

#include "mark/rules/common.h"

/* =====================================================================
 * Family: compound adjectives with a curated head
 *
 * Changes: the hyphen of a two-word compound adjective before a noun,
 * "a risk-based approach" <-> "a risk based approach", for heads such as
 * -term, -scale, -level, -based, -wide, -related, -led, -free.  Only from
 * the hyphenated form and only attributively: the next word must be a
 * lower-case content word.  Never touches: a predicative compound ("the
 * approach is risk-based and fair"), prefixes that always keep their
 * hyphen (non-, self-, co-, re-, ...), longer chains ("end-of-life"),
 * names, numbers, quotations.
 * =================================================================== */

/* The hyphen list already has a group for the compound [s, e). */
static int hyphen_listed(const lt_rule_ctx *c, size_t s, size_t e)
{
	size_t i, n = e - s;

	for (i = 0; lt_wl_hyphens[i]; i++) {
		const char *p = lt_wl_hyphens[i];

		while ((p = strstr(p, "-")) != NULL) {
			const char *b = p;

			while (b > lt_wl_hyphens[i] && b[-1] != ':' && b[-1] != '|')
				b--;
			if (!strncasecmp(b, c->t + s, n) &&
			    (b[n] == '|' || b[n] == '\0'))
				return 1;
			p++;
		}
	}
	return 0;
}

int lt_rule_compound_head(lt_rule_ctx *c)
{
	static const char *const heads[] = {
		"term", "scale", "level", "based", "wide", "related", "making",
		"free", "led", "specific", "sized", "funded", "owned", "run",
		"focused", "driven", "friendly", NULL
	};
	static const char *const prefixes[] = {
		"non", "self", "ex", "co", "re", "pre", "post", "anti", "sub",
		"multi", "cross", "inter", "semi", "pro", "over", "under",
		"all", "well", "ill", "mid", "e", "x", NULL
	};
	size_t i;
	int rc;

	for (i = 0; i + 2 < c->nw; i++) {
		const char *next;
		size_t n;

		if (!(c->wf[i] & WF_LOWER) || !(c->wf[i + 1] & WF_LOWER) ||
		    (c->wf[i] & WF_QUOTED) || !gap_is_strict(c, i, "-") ||
		    !in_list(heads, wlc(c, i + 1)) ||
		    in_list(prefixes, wlc(c, i)) ||
		    c->w[i].end - c->w[i].start < 3)
			continue;
		if (c->w[i].start > 0 && strchr("-/", c->t[c->w[i].start - 1]))
			continue;
		if (!gap_is_strict(c, i + 1, " ") || !(c->wf[i + 2] & WF_LOWER))
			continue;
		next = wlc(c, i + 2);
		n = strlen(next);
		if (n < 3 || in_list(lt_rule_function_words, next) ||
		    (n > 2 && !strcmp(next + n - 2, "ly")) ||
		    hyphen_listed(c, c->w[i].start, c->w[i + 1].end))
			continue;
		rc = add1(c, c->w[i].end, c->w[i + 1].start,
			  LT_FAM_COMPOUND_HEAD, " ");
		if (rc)
			return rc;
	}
	return LT_OK;
}
