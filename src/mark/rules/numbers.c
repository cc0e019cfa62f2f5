/*
 * numbers.c - how numbers and amounts are written: number words and
 * digits, percent, thousands and clock separators, the period of a rate,
 * bounds and totals before a counted number.
 *
 * Marks: "three" / "3", " percent" / " per cent" / "%", "8,400" / "8400",
 * "per year" / "a year" / "annually", "at least 20" / "a minimum of 20",
 * "a total of £284,600" / "£284,600".  Never touches: a value (every
 * variant states the same number), a number after Section/Article/Room
 * and other labels, years, dates, codes, decimals, ranges, negated
 * bounds, quotations.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mark/rules/common.h"

/* =====================================================================
 * Family: number words and digits
 *
 * Changes: "three" <-> "3", "seventy-two" <-> "72" (two to ninety-nine)
 * before a plural lower-case noun,
 * possibly after one or two lower-case modifiers.  Never touches: a
 * number after Section/Article/Annex/No./Room/Chapter/page and the like,
 * numbers in dates, money, decimals, ranges ("two or three", "5-7"), list
 * labels, a number opening a sentence, any value (the digit always
 * equals the word).
 * =================================================================== */

/* Write 2..99 in words ("seventy-two"). */
static void number_to_words(char *out, size_t n, int v)
{
	if (v < 20)
		snprintf(out, n, "%s", lt_wl_number_units[v]);
	else if (v % 10 == 0)
		snprintf(out, n, "%s", lt_wl_number_tens[v / 10]);
	else
		snprintf(out, n, "%s-%s", lt_wl_number_tens[v / 10],
			 lt_wl_number_units[v % 10]);
}

int lt_rule_number_words(lt_rule_ctx *c)
{
	static const char *const words[] = {
		"two", "three", "four", "five", "six", "seven", "eight",
		"nine", "ten", NULL
	};
	static const char *const blocked[] = {
		"section", "sections", "article", "articles", "annex",
		"annexes", "annexe", "no", "nos", "number", "numbers", "room",
		"rooms", "chapter", "chapters", "page", "pages", "paragraph",
		"paragraphs", "para", "part", "parts", "stage", "stages",
		"phase", "phases", "figure", "figures", "fig", "table",
		"tables", "level", "levels", "grade", "grades", "clause",
		"clauses", "schedule", "item", "items", "appendix", "rule",
		"rules", "regulation", "regulations", "step", "steps", "tier",
		"line", "lines", "unit", "units", "box", "form", "category",
		"band", "class", "division", "platform", "gate", "floor",
		"building", "block", "route", "lot", "version", "question",
		"questions", "point", "points", "exhibit", "option", "options",
		"note", "notes", "act", "bill", "team", "group", "zone",
		"area", "district", "ward", "sector", "vol", "volume", "issue",
		"edition", "case", "account", "code", "ref", "reference",
		"circular", "instruction", "decision", "directive",
		"resolution", "amendment", "protocol", "to", "or", "and",
		"than", "by", "of", "from", "between", "plus", "minus",
		"times", "year", "flight", "bus", "channel", "grid", "size",
		"type", "model", "mark", "batch", "tranche", "wave", "round",
		"priority", "category", "class", "term", "quarter", "q",
		"week", "day", "month", "ii", "iii", NULL
	};
	const char *t = c->t;
	size_t i, m;
	int rc;

	for (i = 0; i + 1 < c->nw; i++) {
		size_t s = c->w[i].start, e = c->w[i].end;
		const char *lw = wlc(c, i);
		int value = -1, is_digit = 0;
		char alt[24];

		size_t last = i;

		if ((c->wf[i] & WF_LOWER) && in_list(words, lw)) {
			for (value = 0; words[value] && strcmp(words[value], lw);
			     value++)
				;
			value += 2;
		} else if ((c->wf[i] & WF_LOWER) && (value = lt_rule_word_value(lw)) > 10) {
			/* "twenty-five": a tens word, a hyphen, a unit word */
			if (value % 10 == 0 && value >= 20 && i + 1 < c->nw &&
			    t[e] == '-' && c->w[i + 1].start == e + 1 &&
			    (c->wf[i + 1] & WF_LOWER)) {
				int u = lt_rule_word_value(wlc(c, i + 1));

				if (u < 1 || u > 9)
					continue;
				value += u;
				last = i + 1;
				e = c->w[last].end;
			}
		} else if ((c->wf[i] & WF_DIGITS) && e - s <= 2 &&
			   t[s] != '0') {
			value = atoi(lw);
			if (value < 2 || value > 99)
				continue;
			is_digit = 1;
		} else {
			continue;
		}
		if ((c->wf[i] & (WF_SENT | WF_QUOTED)) || s == 0 ||
		    t[s - 1] != ' ' || e >= c->len || t[e] != ' ')
			continue;
		if (s >= 2 && !isalpha((unsigned char)t[s - 2]))
			continue; /* after punctuation, a symbol or a digit */
		if (i == 0 || in_list(blocked, wlc(c, i - 1)) ||
		    (c->wf[i - 1] & (WF_DIGITS | WF_CAP | WF_ALLCAPS)))
			continue;
		if (i >= 2 && (wis(c, i - 1, "to") || wis(c, i - 1, "or")))
			continue;
		/* a plural noun within three words, only lower-case between */
		for (m = last + 1; m < c->nw && m <= last + 3; m++) {
			if (!gap_is(c, m - 1, " ") || !(c->wf[m] & WF_LOWER))
				break;
			if (lt_rule_looks_plural(c, m))
				break;
			if (wis(c, m, "or") || wis(c, m, "to") ||
			    wis(c, m, "and") || wis(c, m, "of") ||
			    wis(c, m, "per") || in_list(words, wlc(c, m)))
				break;
		}
		if (m >= c->nw || m > last + 3 || !lt_rule_looks_plural(c, m) ||
		    !gap_is(c, m - 1, " ") || gap_is(c, last, "-"))
			continue;
		if (is_digit)
			number_to_words(alt, sizeof(alt), value);
		else
			snprintf(alt, sizeof(alt), "%d", value);
		rc = add1(c, (uint32_t)s, (uint32_t)e, LT_FAM_NUMBER_WORD, alt);
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Family: percent
 *
 * Changes: the unit after a number written in digits: " percent",
 * " per cent" or "%" (three variants; " per cent" is dropped from an
 * American text).  Never touches: the number itself, a spelled-out
 * number ("seven per cent" stays), "percentage".
 * =================================================================== */

int lt_rule_percent(lt_rule_ctx *c)
{
	const char *t = c->t;
	size_t i;
	int rc;

	for (i = 0; i < c->nw; i++) {
		size_t e = c->w[i].end, r = 0;
		const char *alts[3];
		unsigned na = 0;

		if (!(c->wf[i] & WF_DIGITS))
			continue;
		if (e + 8 <= c->len && !memcmp(t + e, " percent", 8))
			r = e + 8;
		else if (e + 9 <= c->len && !memcmp(t + e, " per cent", 9))
			r = e + 9;
		else if (e < c->len && t[e] == '%')
			r = e + 1;
		else
			continue;
		if (r < c->len && (isalnum((unsigned char)t[r]) || t[r] == '-' ||
				   (unsigned char)t[r] >= 0x80))
			continue;
		{
			static const char *const forms[] = {
				" percent", " per cent", "%"
			};
			size_t f;

			for (f = 0; f < 3; f++) {
				if (strlen(forms[f]) == r - e &&
				    !memcmp(t + e, forms[f], r - e))
					continue;
				if (f == 1 && c->style == STYLE_US)
					continue;
				alts[na++] = forms[f];
			}
		}
		rc = lt_rule_add_alts(c, (uint32_t)e, (uint32_t)r,
				      LT_FAM_PERCENT, alts, na);
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Family: how a number is written (its value never changes)
 *
 * Changes: the thousands separator of a four-digit quantity ("8,400
 * customers" <-> "8400 customers", "£1,500" <-> "£1500"), and the
 * separator of a 24-hour clock time ("06:40" <-> "06.40").  Never
 * touches: years and anything that may be one (1900-2099 without a
 * separator), codes, references and ids (after "No.", "Section",
 * "Room", a hyphen or slash, or glued to letters), numbers of five
 * digits or more, decimals, "3:1" ratios and verse references (one-digit
 * minutes, a name before), quotations.
 * =================================================================== */

static int number_label_before(const lt_rule_ctx *c, size_t i)
{
	static const char *const labels[] = {
		"no", "nos", "number", "section", "sections", "room", "page",
		"pages", "para", "paragraph", "article", "clause", "schedule",
		"annex", "appendix", "ref", "reference", "code", "case", "file",
		"box", "po", "flight", "route", "bus", "line", "platform",
		"unit", "building", "floor", "form", "version", "vol", "volume",
		"chapter", "table", "figure", "item", "rule", "regulation",
		"order", "account", "application", "grant", "licence", "license",
		"permit", "ticket", "invoice", "id", "tel", "telephone", "phone",
		"ext", "extension", "fax", "year", "years", "in", "since",
		"until", "till", "from", "circa", NULL
	};

	return i > 0 && (in_list(labels, wlc(c, i - 1)) ||
			 ((c->wf[i - 1] & WF_CAP) && !(c->wf[i - 1] & WF_SENT)) ||
			 (c->wf[i - 1] & (WF_ALLCAPS | WF_DIGITS)));
}

/* A currency sign ends right before byte s. */
static int currency_before(const lt_rule_ctx *c, size_t s)
{
	return (s >= 1 && c->t[s - 1] == '$') ||
	       (s >= 2 && !memcmp(c->t + s - 2, "\xc2\xa3", 2)) ||
	       (s >= 3 && at3(c, s - 3, "\xe2\x82\xac"));
}

/* A plural noun follows word j, directly or after one lower-case word. */
static int quantity_follows(const lt_rule_ctx *c, size_t j)
{
	if (j + 1 >= c->nw || !gap_is(c, j, " "))
		return 0;
	if (lt_rule_looks_plural(c, j + 1) || wis(c, j + 1, "pounds") ||
	    wis(c, j + 1, "euros") || wis(c, j + 1, "dollars"))
		return 1;
	return j + 2 < c->nw && (c->wf[j + 1] & WF_LOWER) &&
	       gap_is(c, j + 1, " ") && lt_rule_looks_plural(c, j + 2) &&
	       !wis(c, j + 1, "and") && !wis(c, j + 1, "or") &&
	       !wis(c, j + 1, "to") && !wis(c, j + 1, "of");
}

int lt_rule_number_format(lt_rule_ctx *c)
{
	const char *t = c->t;
	size_t i;
	int rc;

	for (i = 0; i < c->nw; i++) {
		size_t s = c->w[i].start, e = c->w[i].end, n = e - s;
		char alt[16];
		int cur;

		if (!(c->wf[i] & WF_DIGITS) || (c->wf[i] & WF_QUOTED))
			continue;
		cur = currency_before(c, s);
		if (!cur && s > 0 && t[s - 1] != ' ' && t[s - 1] != '(')
			continue;
		/* "8,400" -> "8400" */
		if (n == 1 && t[s] != '0' && i + 1 < c->nw && e + 1 < c->len && t[e] == ',' &&
		    c->w[i + 1].start == e + 1 && (c->wf[i + 1] & WF_DIGITS) &&
		    c->w[i + 1].end - c->w[i + 1].start == 3) {
			size_t e2 = c->w[i + 1].end;

			if (e2 < c->len && (t[e2] == ',' || t[e2] == '-' ||
					    t[e2] == '/' ||
					    isalnum((unsigned char)t[e2]) ||
					    (t[e2] == '.' && e2 + 1 < c->len &&
					     isdigit((unsigned char)t[e2 + 1]))))
				continue;
			if (!cur && (number_label_before(c, i) ||
				     !quantity_follows(c, i + 1)))
				continue;
			snprintf(alt, sizeof(alt), "%c%.3s", t[s], t + e + 1);
			rc = add1(c, (uint32_t)s, (uint32_t)e2,
				  LT_FAM_NUMBER_FORMAT, alt);
			if (rc)
				return rc;
			i++;
			continue;
		}
		/* "8400" -> "8,400" */
		if (n == 4 && t[s] != '0') {
			int val = atoi(t + s);

			if (e < c->len && (t[e] == ',' || t[e] == '-' ||
					   t[e] == '/' || t[e] == '.' ||
					   t[e] == ':'))
				if (!(t[e] == ',' || t[e] == '.') ||
				    (e + 1 < c->len && t[e + 1] != ' ' &&
				     t[e + 1] != '\n'))
					continue;
			if (!cur && (val < 1000 || (val >= 1900 && val <= 2099) ||
				     number_label_before(c, i) ||
				     !quantity_follows(c, i)))
				continue;
			snprintf(alt, sizeof(alt), "%c,%.3s", t[s], t + s + 1);
			rc = add1(c, (uint32_t)s, (uint32_t)e,
				  LT_FAM_NUMBER_FORMAT, alt);
			if (rc)
				return rc;
			continue;
		}
		/* "06:40" -> "06.40" */
		if (n <= 2 && i + 1 < c->nw && t[e] == ':' &&
		    c->w[i + 1].start == e + 1 && (c->wf[i + 1] & WF_DIGITS) &&
		    c->w[i + 1].end - c->w[i + 1].start == 2) {
			size_t e2 = c->w[i + 1].end;
			int h = atoi(t + s), mi = atoi(t + e + 1);

			if (h > 23 || mi > 59 || cur)
				continue;
			if (e2 < c->len && (t[e2] == ':' || t[e2] == '-' ||
					    t[e2] == '/' ||
					    isalnum((unsigned char)t[e2]) ||
					    (t[e2] == '.' && e2 + 1 < c->len &&
					     isdigit((unsigned char)t[e2 + 1]))))
				continue;
			if (i > 0 && (c->wf[i - 1] & (WF_CAP | WF_ALLCAPS)) &&
			    !(c->wf[i - 1] & WF_SENT))
				continue;
			snprintf(alt, sizeof(alt), "%.*s.%.2s", (int)n, t + s,
				 t + e + 1);
			rc = add1(c, (uint32_t)s, (uint32_t)e2,
				  LT_FAM_NUMBER_FORMAT, alt);
			if (rc)
				return rc;
			i++;
		}
	}
	return LT_OK;
}

/* =====================================================================
 * Shared helpers for the amount families
 * =================================================================== */

/* Word i is a number: ASCII digits or a number word ("two".."ninety"). */
static int is_number_word(const lt_rule_ctx *c, size_t i)
{
	if (i >= c->nw)
		return 0;
	if (c->wf[i] & WF_DIGITS)
		return 1;
	return (c->wf[i] & WF_LOWER) && lt_rule_word_value(wlc(c, i)) > 0;
}

/* Words the rate and amount rules accept after a phrase without a
 * punctuation mark between: the clause goes on, the phrase has ended. */
static const char *const phrase_enders[] = {
	"and", "or", "but", "for", "in", "from", "until", "on", "at", "by",
	"during", "throughout", "over", "with", "which", "if", "unless",
	"while", "to", NULL
};

/* The phrase ending with word j is followed by a punctuation mark, the
 * end of the text or a word that cannot continue it. */
static int phrase_ends_after(const lt_rule_ctx *c, size_t j)
{
	size_t p;

	if (j + 1 >= c->nw)
		return 1;
	p = c->w[j].end;
	if (p < c->len && c->t[p] != ' ' && c->t[p] != '\n' && c->t[p] != '\r')
		return strchr(".,;:)!?", c->t[p]) != NULL;
	return gap_is(c, j, " ") && (c->wf[j + 1] & WF_LOWER) &&
	       in_list(phrase_enders, wlc(c, j + 1));
}

/* =====================================================================
 * Family: rates after an amount
 *
 * Changes: the period of a rate after a number or a counted amount:
 * "per year" <-> "a year" <-> "annually" <-> "each year" (also month,
 * week and day; "per hour" <-> "an hour"; "per annum" becomes any of
 * them).  "£500 per year", "10 miles per hour", "twice a week",
 * "24 hours a day".  Never touches: a period not after an amount ("the
 * cost per year", "a year ago"), a number that is a reference or a
 * year ("section 5 a year"), a phrase the clause continues ("3 a year
 * later"), quotations.
 * =================================================================== */

static const struct rate_period {
	const char *unit;   /* "year" */
	const char *adverb; /* "annually", or NULL */
	int each;           /* "each year" reads the same */
} rate_periods[] = {
	{ "year", "annually", 1 }, { "month", "monthly", 1 },
	{ "week", "weekly", 1 },   { "day", "daily", 1 },
	{ "hour", NULL, 0 },
};

/* An amount ends at word i - 1: "500", "twice", "10 miles",
 * "three times". */
static int amount_before(const lt_rule_ctx *c, size_t i)
{
	size_t n;

	if (i < 1 || !gap_is(c, i - 1, " "))
		return 0;
	if (wexact(c, i - 1, "once") || wexact(c, i - 1, "twice"))
		return 1;
	n = i - 1;
	if (!is_number_word(c, n)) {
		if (i < 2 || !(c->wf[i - 1] & WF_LOWER) ||
		    !(lt_rule_looks_plural(c, i - 1) ||
		      wis(c, i - 1, "times")) ||
		    !gap_is(c, i - 2, " "))
			return 0;
		n = i - 2;
		if (!is_number_word(c, n))
			return 0;
	}
	/* "section 5", "in 2024", "Room 12": not amounts */
	while (n > 0 && (c->wf[n] & WF_DIGITS) && (c->wf[n - 1] & WF_DIGITS) &&
	       c->w[n].start - c->w[n - 1].end == 1 &&
	       strchr(",.", c->t[c->w[n - 1].end]))
		n--;
	if (number_label_before(c, n) && !currency_before(c, c->w[n].start))
		return 0;
	if ((c->wf[n] & WF_DIGITS) && c->w[n].end - c->w[n].start == 4 &&
	    !currency_before(c, c->w[n].start))
		return 0;
	return 1;
}

int lt_rule_rate(lt_rule_ctx *c)
{
	size_t i, p;
	int rc;

	for (i = 1; i < c->nw; i++) {
		const struct rate_period *rp = NULL;
		size_t j = i;
		int form = -1; /* 0 per, 1 a/an, 2 adverb, 3 each */
		const char *alts[4];
		char buf[4][24];
		unsigned na = 0;

		if (!(c->wf[i] & WF_LOWER) || (c->wf[i] & WF_QUOTED))
			continue;
		for (p = 0; p < sizeof(rate_periods) / sizeof(rate_periods[0]); p++) {
			const struct rate_period *r = &rate_periods[p];

			if (r->adverb && wexact(c, i, r->adverb)) {
				rp = r;
				form = 2;
				break;
			}
			if (i + 1 >= c->nw || !gap_is_strict(c, i, " ") ||
			    !wexact(c, i + 1, r->unit)) {
				if (p == 0 && i + 1 < c->nw && wexact(c, i, "per") &&
				    gap_is_strict(c, i, " ") && wexact(c, i + 1, "annum")) {
					rp = r;
					form = 0;
					j = i + 1;
					break;
				}
				continue;
			}
			if (wexact(c, i, "per"))
				form = 0;
			else if (wexact(c, i, r->adverb ? "a" : "an"))
				form = 1;
			else if (r->each && wexact(c, i, "each"))
				form = 3;
			else
				continue;
			rp = r;
			j = i + 1;
			break;
		}
		if (!rp || !amount_before(c, i) || !phrase_ends_after(c, j) ||
		    lt_rule_glued(c, c->w[i].start, c->w[j].end))
			continue;
		snprintf(buf[na++], sizeof(buf[0]), "per %s", rp->unit);
		snprintf(buf[na++], sizeof(buf[0]), "%s %s",
			 rp->adverb ? "a" : "an", rp->unit);
		if (rp->adverb)
			snprintf(buf[na++], sizeof(buf[0]), "%s", rp->adverb);
		if (rp->each)
			snprintf(buf[na++], sizeof(buf[0]), "each %s", rp->unit);
		for (p = 0; p < na; p++)
			alts[p] = buf[p];
		(void)form;
		rc = lt_rule_add_alts(c, c->w[i].start, c->w[j].end, LT_FAM_RATE, alts, na);
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Family: bounds and totals before a counted number
 *
 * Changes: "at least 20 staff" <-> "a minimum of 20 staff", "a total of
 * £284,600" <-> "£284,600".  ("up to N" is left alone: "a maximum of N"
 * would make an approximate bound a strict one.)  The number must count something: a plural
 * noun follows it, or a currency sign or a per cent precedes or follows
 * it.  Never touches: a time or a date ("up to 5 pm", "at least 31
 * March"), negated bounds ("not at least"), "up to" after a verb of
 * movement ("rose up to 30 metres"), "a total of" opening a sentence,
 * the number itself.
 * =================================================================== */

/* Word j starts a number that counts something (see above).  The gap
 * before it (from byte `from`) must be a space, optionally followed by
 * a currency sign. */
static int counted_number_at(const lt_rule_ctx *c, size_t j, size_t from)
{
	size_t k = j, s;
	int cur;

	if (j >= c->nw)
		return 0;
	s = c->w[j].start;
	cur = currency_before(c, s);
	if (from >= s || c->t[from] != ' ')
		return 0;
	if (from + 1 != s && !(cur && (s - from == 2 || s - from == 3 ||
				      s - from == 4)))
		return 0;
	if (c->wf[j] & WF_DIGITS) {
		while (k + 1 < c->nw && (c->wf[k + 1] & WF_DIGITS) &&
		       c->w[k + 1].start - c->w[k].end == 1 &&
		       strchr(",.", c->t[c->w[k].end]))
			k++;
		if (c->w[k].end < c->len && c->t[c->w[k].end] == '%')
			return 1;
		if (cur)
			return 1;
	} else if ((c->wf[j] & WF_LOWER) &&
		   lt_rule_word_value(wlc(c, j)) >= 2) {
		if (k + 1 < c->nw && gap_is_strict(c, k, "-") &&
		    lt_rule_word_value(wlc(c, k + 1)) > 0)
			k++;
	} else {
		return 0;
	}
	if (wis(c, k + 1, "percent") ||
	    (wis(c, k + 1, "per") && wis(c, k + 2, "cent")))
		return 1;
	return quantity_follows(c, k);
}

int lt_rule_amount(lt_rule_ctx *c)
{
	static const char *const negators[] = {
		"not", "no", "nor", "never", NULL
	};
	size_t i;
	int rc;

	for (i = 0; i + 2 < c->nw; i++) {
		int sent = (c->wf[i] & WF_SENT) != 0;
		const char *prev = i > 0 ? wlc(c, i - 1) : "";
		char alt[24];

		if (c->wf[i] & WF_QUOTED)
			continue;
		if (!sent && !(c->wf[i] & WF_LOWER))
			continue;
		if (wexact(c, i, "a") && !sent && wexact(c, i + 1, "total") &&
		    i + 3 < c->nw && wexact(c, i + 2, "of") &&
		    gap_is_strict(c, i, " ") && gap_is_strict(c, i + 1, " ") &&
		    counted_number_at(c, i + 3, c->w[i + 2].end)) {
			rc = add1(c, c->w[i].start, c->w[i + 2].end + 1,
				  LT_FAM_AMOUNT, "");
			if (rc)
				return rc;
			continue;
		}
		if (!gap_is_strict(c, i, " ") || in_list(negators, prev))
			continue;
		if (wis(c, i, "at") && wexact(c, i + 1, "least") &&
		    counted_number_at(c, i + 2, c->w[i + 1].end)) {
			snprintf(alt, sizeof(alt), "%c minimum of",
				 is_upper((unsigned char)c->t[c->w[i].start]) ? 'A' : 'a');
		} else {
			continue;
		}
		if (lt_rule_glued(c, c->w[i].start, c->w[i + 1].end))
			continue;
		rc = add1(c, c->w[i].start, c->w[i + 1].end, LT_FAM_AMOUNT, alt);
		if (rc)
			return rc;
	}
	return LT_OK;
}
