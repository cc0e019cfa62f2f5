/*
 * aside.c - the punctuation of a short aside ("including ...", "such as
 * ...", "for example ...").
 *
 * Marks: an aside set off by commas / parentheses / dashes, and "for
 * example" / "for instance" inside it.  Never touches: an aside with any
 * other punctuation inside, a list after the opener, quotations.
 */
#include <string.h>

#include "mark/rules/common.h"

/* =====================================================================
 * Family: punctuation of a short aside
 *
 * Changes: an aside of one to eight words opened by "including", "such
 * as", "for example", "for instance", "in particular", "notably" or
 * "especially" and set off by commas, into parentheses or dashes (and
 * back from parentheses); "for example" <-> "for instance" inside it.
 * The aside must close the sentence or be followed by a verb ("A list,
 * including free products, is published"), so that its closing comma
 * cannot be a list comma.  Never touches: an aside with any other
 * punctuation inside, a list after the opener ("including A, B and C"),
 * quotations.
 * =================================================================== */

int lt_rule_aside(lt_rule_ctx *c)
{
	static const char *const openers[] = {
		"including", "such as", "for example", "for instance",
		"in particular", "notably", "especially", NULL
	};
	static const char *const verbs[] = {
		"is", "are", "was", "were", "has", "have", "had", "will",
		"would", "should", "must", "may", "might", "can", "could",
		"shall", "remain", "remains", "need", "needs", NULL
	};
	const char *t = c->t;
	lt_buf b = { 0 };
	size_t i;
	int rc = LT_OK;

	for (i = 1; i + 1 < c->nw && !rc; i++) {
		size_t s = c->w[i].start, k, oe = 0, j, last, xs, xe, ce, end;
		const char *op = NULL;
		int paren, final;
		const char *v[LT_SLOT_MAX_VARIANTS];
		size_t vl[LT_SLOT_MAX_VARIANTS], off[LT_SLOT_MAX_VARIANTS];
		unsigned nv = 0, o, f, nop;
		long je = -1;

		if (!(c->wf[i] & WF_LOWER) || (c->wf[i] & WF_QUOTED))
			continue;
		if (gap_is_strict(c, i - 1, ", "))
			paren = 0;
		else if (gap_is_strict(c, i - 1, " ("))
			paren = 1;
		else
			continue;
		for (k = 0; openers[k]; k++) {
			size_t l = strlen(openers[k]);

			if (s + l <= c->len && !memcmp(t + s, openers[k], l) &&
			    (je = lt_rule_word_ending_at(c, i, s + l)) >= 0) {
				op = openers[k];
				oe = s + l;
				break;
			}
		}
		if (!op || !gap_is_strict(c, (size_t)je, " "))
			continue;
		/* the aside's words: spaces, hyphens and apostrophes only */
		for (j = (size_t)je + 1, last = 0; j < c->nw && j <= (size_t)je + 8;
		     j++) {
			if ((c->wf[j] & WF_QUOTED) || wis(c, j, "not") ||
			    wis(c, j, "no"))
				break;
			if (j + 1 < c->nw && (gap_is_strict(c, j, " ") ||
					      gap_is_strict(c, j, "-") ||
					      gap_is_strict(c, j, "'")))
				continue;
			last = j;
			break;
		}
		if (!last)
			continue;
		xs = c->w[(size_t)je + 1].start;
		xe = c->w[last].end;
		/* how it closes */
		if (paren) {
			if (xe >= c->len || t[xe] != ')')
				continue;
			ce = xe + 1;
			final = ce < c->len && t[ce] == '.';
			if (!final && !(ce < c->len && t[ce] == ' ' && last + 1 < c->nw &&
					c->w[last + 1].start == ce + 1 &&
					(c->wf[last + 1] & WF_LOWER) &&
					in_list(verbs, wlc(c, last + 1))))
				continue;
		} else {
			if (xe < c->len && t[xe] == '.' &&
			    (xe + 1 >= c->len || t[xe + 1] == ' ' || t[xe + 1] == '\n' ||
			     t[xe + 1] == '\r')) {
				final = 1;
				ce = xe;
			} else if (xe + 1 < c->len && t[xe] == ',' && t[xe + 1] == ' ' &&
				   last + 1 < c->nw && c->w[last + 1].start == xe + 2 &&
				   (c->wf[last + 1] & WF_LOWER) &&
				   in_list(verbs, wlc(c, last + 1))) {
				final = 0;
				ce = xe + 1;
			} else {
				continue;
			}
		}
		if (final && paren)
			end = ce;
		else
			end = ce;
		if (range_quoted(c, c->w[i - 1].end, end))
			continue;
		/* variants: original first, then forms x openers */
		nop = (!strcmp(op, "for example") || !strcmp(op, "for instance")) ? 2 : 1;
		lt_buf_clear(&b);
		off[nv] = 0;
		if ((rc = lt_buf_append(&b, t + c->w[i - 1].end, end - c->w[i - 1].end)))
			break;
		vl[nv] = b.len;
		nv++;
		for (o = 0; o < nop && !rc; o++) {
			const char *opw = o == 0 ? op :
					  (!strcmp(op, "for example") ? "for instance" :
					   "for example");

			for (f = 0; f < 3 && !rc; f++) {
				static const char *const pre[3] = { ", ", " (", " \xe2\x80\x94 " };
				static const char *const post_mid[3] = { ",", ")", " \xe2\x80\x94" };

				off[nv] = b.len;
				rc = lt_buf_puts(&b, pre[f]);
				if (!rc)
					rc = lt_buf_puts(&b, opw);
				if (!rc)
					rc = lt_buf_puts(&b, " ");
				if (!rc)
					rc = lt_buf_append(&b, t + xs, xe - xs);
				if (!rc && f == 1)
					rc = lt_buf_puts(&b, ")");
				else if (!rc && !final)
					rc = lt_buf_puts(&b, post_mid[f]);
				vl[nv] = b.len - off[nv];
				nv++;
			}
		}
		if (rc)
			break;
		for (o = 0; o < nv; o++)
			v[o] = b.data + off[o];
		rc = lt_cand_add(c->out, c->w[i - 1].end, (uint32_t)end,
				 LT_FAM_ASIDE, nv, v, vl);
		(void)oe;
		i = last;
	}
	lt_buf_free(&b);
	return rc;
}
