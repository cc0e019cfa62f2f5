/*
 * typographic.c - the typographic channel: double quotation marks,
 * apostrophes, dashes, the space between sentences, no-break spaces.
 *
 * Marks: straight / curly quotes and apostrophes, em dash / spaced en dash
 * / double hyphen, one / two spaces after a full stop, a space / a
 * no-break space.  Never touches: the words themselves, hyphens and
 * ranges, unpaired quotes, the stop after an abbreviation, line ends.
 */
#include <ctype.h>
#include <string.h>

#include "mark/rules/common.h"

/* =====================================================================
 * Typographic family: double quotation marks
 *
 * Changes: a pair of double quotes, straight "..." <-> curly, both marks
 * together.  Never touches: the quoted text itself, an unpaired quote.
 * A quotation longer than 240 bytes gets one slot per mark.
 * =================================================================== */

int lt_rule_quotes(lt_rule_ctx *c)
{
	lt_buf b = { 0 };
	size_t q;
	int rc = LT_OK;

	for (q = 0; q < c->nqp && !rc; q++) {
		const qpair *p = &c->qp[q];
		int curly = p->open_len == 3;
		const char *o = curly ? "\"" : LDQ, *cl = curly ? "\"" : RDQ;
		uint32_t end = p->close + p->close_len;

		if (end - p->open <= 240) {
			lt_buf_clear(&b);
			if ((rc = lt_buf_puts(&b, o)) ||
			    (rc = lt_buf_append(&b, c->t + p->open + p->open_len,
						p->close - p->open - p->open_len)) ||
			    (rc = lt_buf_puts(&b, cl)))
				break;
			rc = add1(c, p->open, end, LT_FAM_QUOTES, b.data);
		} else {
			rc = add1(c, p->open, p->open + p->open_len,
				  LT_FAM_QUOTES, o);
			if (!rc)
				rc = add1(c, p->close, end, LT_FAM_QUOTES, cl);
		}
	}
	lt_buf_free(&b);
	return rc;
}

/* =====================================================================
 * Typographic family: apostrophes
 *
 * Changes: an apostrophe inside a word ("Ministry's", "it's"), straight
 * ' <-> typographic U+2019.  Never touches: single quotation marks,
 * apostrophes inside quotations, a trailing apostrophe (it could close a
 * quotation).
 * =================================================================== */

int lt_rule_apostrophes(lt_rule_ctx *c)
{
	size_t i;
	int rc;

	for (i = 0; i + 1 < c->nw; i++) {
		size_t e = c->w[i].end, al;

		if (e < c->len && c->t[e] == '\'')
			al = 1;
		else if (at3(c, e, RSQ))
			al = 3;
		else
			continue;
		if (c->w[i + 1].start != e + al)
			continue;
		rc = add1(c, (uint32_t)e, (uint32_t)(e + al), LT_FAM_APOSTROPHE,
			  al == 1 ? RSQ : "'");
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Typographic family: dashes
 *
 * Changes: a dash between words: em dash, spaced en dash or a double
 * hyphen (three variants; the spacing of an em dash is kept).  Never
 * touches: hyphens inside words, en dashes in ranges ("2024-25", any dash
 * next to a digit), bullets at the start of a line.
 * =================================================================== */

int lt_rule_dashes(lt_rule_ctx *c)
{
	const char *t = c->t;
	size_t p;
	int rc;

	for (p = 1; p + 1 < c->len; p++) {
		size_t s, e, ls;
		int spaced, em = at3(c, p, EMD), en = at3(c, p, END);
		int dd = t[p] == '-' && t[p + 1] == '-';
		int sh = t[p] == '-' && t[p - 1] == ' ' && t[p + 1] == ' ';
		const char *alts[2];
		size_t dl;

		if (!em && !en && !dd && !sh)
			continue;
		dl = em || en ? 3 : dd ? 2 : 1;
		if (dd && ((p + 2 < c->len && t[p + 2] == '-') || t[p - 1] == '-'))
			continue;
		spaced = t[p - 1] == ' ' && p + dl < c->len && t[p + dl] == ' ';
		if (!spaced && (en || sh))
			continue;
		if (!spaced && (t[p - 1] == ' ' ||
				(p + dl < c->len && t[p + dl] == ' ')))
			continue;
		s = spaced ? p - 1 : p;
		e = spaced ? p + dl + 1 : p + dl;
		if (s == 0 || e >= c->len)
			continue;
		/* neighbours: not digits, not line ends, not a bullet */
		if (isdigit((unsigned char)t[s - 1]) || isdigit((unsigned char)t[e]) ||
		    t[s - 1] == '\n' || t[e] == '\n' || t[s - 1] == ' ' ||
		    t[e] == ' ')
			continue;
		for (ls = s; ls > 0 && t[ls - 1] != '\n'; ls--)
			;
		while (ls < s && (t[ls] == ' ' || t[ls] == '\t'))
			ls++;
		if (ls == s)
			continue;
		if (em && spaced) {
			alts[0] = " " END " ";
			alts[1] = " -- ";
		} else if (em) {
			alts[0] = " " END " ";
			alts[1] = "--";
		} else if (en) {
			alts[0] = " " EMD " ";
			alts[1] = " -- ";
		} else if (dd && spaced) {
			alts[0] = " " EMD " ";
			alts[1] = " " END " ";
		} else if (dd) {
			alts[0] = EMD;
			alts[1] = " " END " ";
		} else {
			alts[0] = " " END " ";
			alts[1] = " " EMD " ";
		}
		rc = lt_rule_add_alts(c, (uint32_t)s, (uint32_t)e, LT_FAM_DASH, alts, 2);
		if (rc)
			return rc;
		p = e - 1;
	}
	return LT_OK;
}

/* =====================================================================
 * Typographic family: spacing between sentences
 *
 * Changes: one <-> two spaces after a full stop, question or exclamation
 * mark between two sentences on the same line.  Never touches: the stop
 * after an abbreviation, an initial or a list number, line ends.
 * =================================================================== */

int lt_rule_sentence_space(lt_rule_ctx *c)
{
	static const char *const abbrevs[] = {
		"mr", "mrs", "ms", "dr", "st", "no", "nos", "vol", "fig", "art",
		"sec", "para", "pp", "cf", "vs", "approx", "inc", "ltd", "co",
		"jr", "sr", "prof", "gen", "col", "lt", "capt", "sgt", "rev",
		"hon", "gov", "dept", "est", "etc", "al", "ref", "tel", "ext",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
		"oct", "nov", "dec", "op", "cit", "ibid", "viz", NULL
	};
	const char *t = c->t;
	size_t i;
	int rc;

	for (i = 0; i + 1 < c->nw; i++) {
		size_t e = c->w[i].end, q = e, n = 0;
		size_t ls;

		if (e >= c->len || (t[e] != '.' && t[e] != '!' && t[e] != '?'))
			continue;
		q = e + 1;
		while (q < c->len && (t[q] == ')' || t[q] == '"'))
			q++;
		while (q + n < c->len && t[q + n] == ' ')
			n++;
		if (n < 1 || n > 2 || q + n != c->w[i + 1].start)
			continue;
		if (!is_upper((unsigned char)t[q + n]))
			continue;
		if (c->w[i].end - c->w[i].start == 1 ||
		    in_list(abbrevs, wlc(c, i)))
			continue;
		if (i > 0 && c->w[i - 1].end + 1 == c->w[i].start &&
		    t[c->w[i - 1].end] == '.')
			continue; /* "e.g." and the like */
		for (ls = c->w[i].start; ls > 0 && t[ls - 1] != '\n'; ls--)
			;
		while (ls < c->w[i].start && (t[ls] == ' ' || t[ls] == '\t' ||
					      t[ls] == '(' || t[ls] == '#'))
			ls++;
		if (ls == c->w[i].start && (c->wf[i] & WF_DIGITS))
			continue; /* "1. Purpose" */
		if (c->wf[i] & WF_QUOTED)
			continue;
		rc = add1(c, (uint32_t)q, (uint32_t)(q + n),
			  LT_FAM_SENTENCE_SPACE, n == 1 ? "  " : " ");
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Typographic family: no-break spaces
 *
 * Changes: the single ASCII space after a short word (three letters or
 * fewer: "a", "of", "the"...) or after a number, into U+00A0 (or back).
 * Never touches: line ends, runs of several spaces, spaces inside
 * quotations, spaces next to punctuation.
 * =================================================================== */

int lt_rule_nbsp(lt_rule_ctx *c)
{
	const char *t = c->t;
	size_t i;
	int rc;

	for (i = 0; i + 1 < c->nw; i++) {
		size_t s = c->w[i].start, e = c->w[i].end, n = e - s;
		size_t k;
		int letters = 1;

		for (k = s; k < e; k++)
			if (!isalpha((unsigned char)t[k]))
				letters = 0;
		if (!((letters && n <= 3) || (c->wf[i] & WF_DIGITS)))
			continue;
		if (s > 0 && (t[s - 1] == '-' || t[s - 1] == '/' ||
			      t[s - 1] == '@' || t[s - 1] == '.'))
			continue;
		if (c->wf[i] & WF_QUOTED)
			continue;
		if (gap_is_strict(c, i, " "))
			rc = add1(c, (uint32_t)e, (uint32_t)e + 1, LT_FAM_NBSP, NBSP);
		else if (gap_is_strict(c, i, NBSP))
			rc = add1(c, (uint32_t)e, (uint32_t)e + 2, LT_FAM_NBSP, " ");
		else
			continue;
		if (rc)
			return rc;
	}
	return LT_OK;
}
