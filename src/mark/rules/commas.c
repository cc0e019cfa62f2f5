/*
 * commas.c - optional commas: the serial comma, the comma after an
 * introductory phrase, the comma before a conjunction joining two clauses.
 *
 * Marks: "A, B, and C" / "A, B and C"; "In addition," / "In addition";
 * ", and we" / " and we".  Never touches: a comma that joins clauses or
 * may close an aside, a phrase not at a sentence start, a comma followed
 * by anything that could run into the phrase, quotations.
 */
#include <ctype.h>
#include <string.h>

#include "mark/rules/common.h"

/* =====================================================================
 * Family: serial comma
 *
 * Changes: the comma before the last "and"/"or" of a list of three or
 * more short items ("A, B, and C" <-> "A, B and C").  Never touches: a
 * comma that joins clauses (the item after "and" opening with a pronoun
 * or followed by a verb), a comma after an introductory phrase, a date or
 * a number, a pair after an aside or an apposition, coordinate
 * adjectives, a title after a name, commas inside a capitalised name or
 * defined term, items longer than three words, lists inside quotations
 * (list_items_ok).
 * =================================================================== */

static const char *const subordinators[] = {
	"if", "when", "where", "as", "in", "on", "at", "for", "to", "by",
	"with", "after", "before", "following", "since", "once", "while",
	"whilst", "although", "though", "because", "unless", "until",
	"during", "under", "over", "given", "despite", "however", "finally",
	"first", "second", "third", "currently", "also", "additionally",
	"furthermore", "moreover", "therefore", "thus", "meanwhile",
	"nevertheless", "overall", "today", "again", "from", "within",
	"having", "whereas", "last", "next", "this", "accordingly", "so",
	"instead", "indeed", "yet", "still", "then", "now", "here", NULL
};

/* Words that open something other than a list item after a comma: an
 * aside, a clause, an example ("..., particularly in Tirana and ...",
 * "..., while 2-year and 10-year yields ..."). */
static const char *const not_item_starters[] = {
	"while", "whilst", "whereas", "particularly", "especially",
	"notably", "including", "such", "in", "at", "on", "by", "for",
	"with", "from", "to", "of", "under", "over", "after", "before",
	"during", "since", "until", "because", "although", "though", "if",
	"when", "where", "which", "who", "whom", "whose", "that", "as",
	"but", "so", "then", "also", "even", "only", "mainly", "mostly",
	"primarily", "chiefly", "largely", "not", "however", "therefore",
	"thus", "i.e", "e.g", "ie", "eg", "say", "perhaps", "possibly",
	"probably", "often", "usually", "sometimes", "typically", NULL
};

/* Verbs that make the words after "and" a clause of their own. */
static const char *const auxiliaries[] = {
	"is", "are", "was", "were", "am", "be", "been", "have", "has", "had",
	"will", "would", "can", "could", "should", "may", "might", "must",
	"shall", "do", "does", "did", NULL
};

/* Titles that follow a name as an apposition ("Tracy Price, President
 * and CEO of ..."). */
static const char *const titles[] = {
	"president", "chairman", "chair", "chairwoman", "director",
	"minister", "secretary", "ceo", "cfo", "coo", "chief", "head",
	"founder", "governor", "commissioner", "partner", "member",
	"manager", "officer", "vice", "deputy", "senior", "executive", NULL
};

static int capital_word(const lt_rule_ctx *c, size_t i)
{
	return i < c->nw && (c->wf[i] & (WF_CAP | WF_ALLCAPS)) &&
	       !(c->wf[i] & WF_SENT);
}

/* Occurrences of the bytes [s, e) of the text in the whole text. */
static size_t text_count(const lt_rule_ctx *c, size_t s, size_t e)
{
	size_t p, n = e - s, count = 0;

	for (p = 0; p + n <= c->len; p++)
		if (!memcmp(c->t + p, c->t + s, n))
			count++;
	return count;
}

/*
 * Whether "A, B and C" is a real list of three or more items: word k ends
 * A (before the earlier comma), word j ends B, word i is the conjunction.
 * Not a list: a pair after an introductory phrase, a date or a number
 * ("At 2.35pm, the police and Prison Service"), an aside or example
 * opened by "particularly", "while"..., an apposition ("X, a long-time
 * partner, and the only ..."), a title after a name ("Tracy Price,
 * President and CEO of ..."), coordinate adjectives before a noun ("a
 * long, complex and costly review"), a clause after the conjunction ("and
 * Albanians are ..."), and anything inside a capitalised name or defined
 * term ("Department for Business, Energy and Industrial Strategy",
 * "Terms and Conditions").
 */
static int list_items_ok(const lt_rule_ctx *c, size_t k, size_t j, size_t i)
{
	size_t b = k + 1, x, a0, ce;

	if (b >= c->nw || i + 1 >= c->nw)
		return 0;
	if (in_list(not_item_starters, wlc(c, b)))
		return 0;
	/* A: not a date, a number or a lone sentence adverb */
	for (x = c->w[k].start; x < c->w[k].end; x++)
		if (c->t[x] >= '0' && c->t[x] <= '9')
			return 0;
	if (c->wf[k] & WF_SENT)
		return 0;
	/* coordinate adjectives after an article */
	if (k > 0 && (wis(c, k - 1, "a") || wis(c, k - 1, "an")))
		return 0;
	/* an apposition: B opens with an article that A does not have */
	if (wis(c, b, "a") || wis(c, b, "an")) {
		int seen = 0;

		for (x = k > 3 ? k - 3 : 0; x <= k; x++)
			if (wis(c, x, "a") || wis(c, x, "an"))
				seen = 1;
		if (!seen)
			return 0;
	}
	if (capital_word(c, k) && (c->wf[b] & WF_LOWER) &&
	    in_list(lt_rule_determiners, wlc(c, b)))
		return 0;
	/* a clause after the conjunction */
	if (in_list(auxiliaries, wlc(c, i + 1)) ||
	    (i + 2 < c->nw && in_list(auxiliaries, wlc(c, i + 2))))
		return 0;
	/* a title after a name */
	if (capital_word(c, k) && in_list(titles, wlc(c, b)))
		return 0;
	if (!(capital_word(c, j) && capital_word(c, i + 1)))
		return 1;
	/* capitalised items: not inside a name or a defined term */
	for (ce = i + 1; ce + 1 < c->nw && capital_word(c, ce + 1) &&
			 gap_is(c, ce, " "); ce++)
		;
	if (ce + 1 < c->nw && gap_is(c, ce, " ") &&
	    (wis(c, ce + 1, "of") || wis(c, ce + 1, "for")))
		return 0;
	/* back over the capitalised items to the word before the list */
	for (a0 = k; a0 > 0 && capital_word(c, a0 - 1) &&
		     (gap_is(c, a0 - 1, " ") || gap_is(c, a0 - 1, ", "));
	     a0--)
		;
	if (a0 >= 2 && gap_is(c, a0 - 1, " ") &&
	    (wis(c, a0 - 1, "of") || wis(c, a0 - 1, "for") ||
	     wis(c, a0 - 1, "and")) && capital_word(c, a0 - 2))
		return 0;
	/* "Terms and Conditions" written elsewhere as one term */
	if (text_count(c, c->w[j].start, c->w[i + 1].end) > 1)
		return 0;
	return 1;
}

int lt_rule_serial_comma(lt_rule_ctx *c)
{
	static const char *const pronouns[] = {
		"we", "it", "they", "there", "he", "she", "i", "you", "this",
		"that", "these", "those", "its", NULL
	};
	size_t i;
	int rc;

	for (i = 2; i + 1 < c->nw; i++) {
		size_t j = i - 1, k, s0, m;
		int serial, found = 0, commas_before = 0;

		if (!wexact(c, i, "and") && !wexact(c, i, "or"))
			continue;
		if (gap_is(c, j, ", "))
			serial = 1;
		else if (gap_is(c, j, " "))
			serial = 0;
		else
			continue;
		if (!gap_is(c, i, " ") || in_list(pronouns, wlc(c, i + 1)))
			continue;
		/* find the previous list comma within three words */
		for (k = j; k > 0 && j - k < 3; k--) {
			size_t g = k - 1;
			const char *gs = c->t + c->w[g].end;
			size_t gl = c->w[k].start - c->w[g].end, x;
			int stop = 0;

			if (wexact(c, k, "and") || wexact(c, k, "or"))
				break;
			if (c->wf[k] & WF_SENT)
				break;
			if (gap_is(c, g, ", ")) {
				found = 1;
				k = g;
				break;
			}
			for (x = 0; x < gl; x++)
				if (gs[x] != ' ' && gs[x] != '-')
					stop = 1;
			if (stop)
				break;
		}
		if (!found)
			continue;
		/* the sentence that holds the list */
		for (s0 = k; s0 > 0 && !(c->wf[s0] & WF_SENT) && k - s0 < 60; s0--)
			;
		for (m = s0; m < k; m++) {
			const char *gs = c->t + c->w[m].end;

			if (memchr(gs, ',', c->w[m + 1].start - c->w[m].end))
				commas_before++;
		}
		if (!commas_before && (c->wf[s0] & WF_SENT) &&
		    in_list(subordinators, wlc(c, s0)))
			continue;
		if (!list_items_ok(c, k, j, i))
			continue;
		if (serial)
			rc = add1(c, c->w[j].end, c->w[j].end + 1,
				  LT_FAM_SERIAL_COMMA, "");
		else
			rc = add1(c, c->w[j].end, c->w[j].end,
				  LT_FAM_SERIAL_COMMA, ",");
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Family: optional comma after an introductory phrase
 *
 * Changes: the comma after a sentence-initial phrase from the list ("In
 * addition," <-> "In addition"), after a date phrase, after any short
 * prepositional phrase ("In the past year the district" <-> "In the past
 * year, the district").  Never touches: a phrase that is not at the start
 * of a sentence, a comma followed by anything but a determiner, pronoun
 * or name (so "In particular, plans" never becomes "In particular
 * plans"), a phrase whose noun may take a clause ("By the time the team
 * arrived"), quotations.
 * =================================================================== */

/* Word i is a month or weekday name written with a capital. */
static int is_month(const lt_rule_ctx *c, size_t i)
{
	return i < c->nw && (c->wf[i] & WF_CAP) &&
	       in_list(lt_wl_months, wlc(c, i));
}

/* Words that may not appear in a prepositional phrase whose comma may go:
 * they could make the phrase a clause ("For those who wish to apply,"). */
static int verbish(const lt_rule_ctx *c, size_t i)
{
	static const char *const v[] = {
		"who", "which", "that", "whom", "whose", "to", "is", "are",
		"was", "were", "be", "been", "being", "has", "have", "had",
		"will", "would", "can", "could", "should", "must", "may",
		"might", "shall", "do", "does", "did", "not", "no", "never",
		"nor", "and", "or", "but", "if", "than", "as", NULL
	};
	const char *s = wlc(c, i);
	size_t n = strlen(s);

	if (in_list(v, s))
		return 1;
	if (!(c->wf[i] & WF_LOWER))
		return 0;
	return (n > 4 && !strcmp(s + n - 3, "ing")) ||
	       (n > 3 && !strcmp(s + n - 2, "ed"));
}

/*
 * A sentence-initial phrase of two to seven words starting at word i with
 * a preposition or subordinator and followed by ", ": returns the index of
 * its last word, or -1.  After a prepositional phrase the comma may go
 * before any determiner, pronoun or name; after a clause ("When the team
 * arrived,") only before a subject pronoun, so that no object can be read
 * into the clause ("When the team arrived the staff...").
 */
static long general_intro(const lt_rule_ctx *c, size_t i)
{
	static const char *const preps[] = {
		"in", "on", "at", "for", "with", "during", "under", "by",
		"from", "within", "following", "over", "throughout", "across",
		"despite", "without", "outside", "beyond", "between", "among",
		"amongst", "through", "like", "unlike", "besides", NULL
	};
	static const char *const subs[] = {
		"where", "when", "if", "once", "as", "although", "though",
		"while", "whilst", "until", "unless", "after", "before",
		"since", "because", "whenever", "wherever", NULL
	};
	static const char *const subjects[] = {
		"we", "they", "he", "she", "i", "you", NULL
	};
	int prep = in_list(preps, wlc(c, i)), sub = in_list(subs, wlc(c, i));
	size_t k;

	if (!prep && !sub)
		return -1;
	for (k = i; k < c->nw && k < i + 7; k++) {
		if (k > i && ((c->wf[k] & (WF_QUOTED | WF_SENT)) ||
			      (prep && verbish(c, k))))
			return -1;
		if (wis(c, k, "not") || wis(c, k, "no") || wis(c, k, "never"))
			return -1;
		if (gap_is(c, k, ", ")) {
			if (k == i || k + 1 >= c->nw)
				return -1;
			if (sub && !((c->wf[k + 1] & WF_LOWER) &&
				     in_list(subjects, wlc(c, k + 1))))
				return -1;
			if (prep && !lt_rule_opens_clause(c, k + 1))
				return -1;
			return (long)k;
		}
		if (!gap_is(c, k, " "))
			return -1;
	}
	return -1;
}

/*
 * A date phrase opening a sentence ("On 17 March", "In April 2025", "By
 * Friday") and followed by a single space: returns its last word, or -1.
 */
static long date_intro(const lt_rule_ctx *c, size_t i)
{
	static const char *const preps[] = {
		"on", "in", "by", "from", "since", "until", "during", "after",
		"before", "throughout", NULL
	};
	size_t k = i + 1;

	if (!in_list(preps, wlc(c, i)) || !gap_is(c, i, " ") || k >= c->nw)
		return -1;
	if ((c->wf[k] & WF_DIGITS) && c->w[k].end - c->w[k].start <= 2 &&
	    gap_is(c, k, " ") && is_month(c, k + 1))
		k++;
	if (is_month(c, k)) {
		if (gap_is(c, k, " ") && (c->wf[k + 1] & WF_DIGITS) &&
		    c->w[k + 1].end - c->w[k + 1].start == 4)
			k++;
	} else if (!((c->wf[k] & WF_DIGITS) &&
		     c->w[k].end - c->w[k].start == 4 && k == i + 1)) {
		return -1;
	}
	return (long)k;
}

int lt_rule_intro_comma(lt_rule_ctx *c)
{
	const char *t = c->t;
	size_t i, k;
	int rc;

	for (i = 0; i < c->nw; i++) {
		size_t s = c->w[i].start, e = 0;
		long j = -1;

		if (!(c->wf[i] & WF_SENT) || (c->wf[i] & (WF_QUOTED | WF_ALLCAPS)))
			continue;
		for (k = 0; lt_wl_intro[k]; k++) {
			const char *p = lt_wl_intro[k];
			size_t n = strlen(p);

			if (s + n > c->len || tolower((unsigned char)t[s]) != p[0] ||
			    memcmp(t + s + 1, p + 1, n - 1))
				continue;
			j = lt_rule_word_ending_at(c, i, s + n);
			if (j >= 0) {
				e = s + n;
				break;
			}
		}
		/* "In 2023," */
		if (j < 0 && (wexact(c, i, "In") || wexact(c, i, "in")) &&
		    i + 1 < c->nw && gap_is(c, i, " ") &&
		    (c->wf[i + 1] & WF_DIGITS) &&
		    c->w[i + 1].end - c->w[i + 1].start == 4 &&
		    (t[c->w[i + 1].start] == '1' || t[c->w[i + 1].start] == '2')) {
			j = (long)i + 1;
			e = c->w[j].end;
		}
		/* "On 17 March" the comma may be added or dropped */
		if (j < 0 && (j = date_intro(c, i)) >= 0)
			e = c->w[j].end;
		/* any other short introductory phrase: the comma may go
		 * (where it is missing, intro-phrase-comma may add it) */
		if (j < 0) {
			long g = general_intro(c, i);

			if (g >= 0 && !lt_rule_glued(c, s, c->w[g].end)) {
				rc = add1(c, c->w[g].end, c->w[g].end + 1,
					  LT_FAM_INTRO_COMMA, "");
			} else {
				continue;
			}
			if (rc)
				return rc;
			continue;
		}
		if (j < 0 || (size_t)j + 1 >= c->nw || lt_rule_glued(c, s, e))
			continue;
		if (gap_is(c, (size_t)j, ", ") && lt_rule_opens_clause(c, (size_t)j + 1))
			rc = add1(c, (uint32_t)e, (uint32_t)e + 1,
				  LT_FAM_INTRO_COMMA, "");
		else if (gap_is(c, (size_t)j, " ") &&
			 lt_rule_opens_clause(c, (size_t)j + 1))
			rc = add1(c, (uint32_t)e, (uint32_t)e,
				  LT_FAM_INTRO_COMMA, ",");
		else
			continue;
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Family: comma before a conjunction that joins two clauses
 *
 * Changes: ", and we" <-> " and we" (also "but"), the comma before a
 * coordinating conjunction followed by a subject pronoun; an existing
 * comma before "and"/"but"/"or"/"yet" followed by a subject or a
 * determiner may also go.  Never touches: a sentence that already has a
 * comma, colon, semicolon, bracket or dash before the conjunction (the
 * comma could close an aside), "here and there", lists (the serial comma
 * family), quotations.
 * =================================================================== */

int lt_rule_clause_comma(lt_rule_ctx *c)
{
	static const char *const subjects[] = {
		"we", "they", "he", "she", "i", NULL
	};
	static const char *const dets[] = {
		"the", "this", "these", "those", "our", "their", "its", "it",
		"there", "some", "many", "most", "all", "we", "they", "he",
		"she", "i", "you", "no", NULL
	};
	const char *t = c->t;
	size_t i, k, s0;
	int rc;

	for (i = 3; i + 1 < c->nw; i++) {
		int comma, clean = 1, and = wexact(c, i, "and"),
			       but = wexact(c, i, "but");

		if (!and && !but && !wexact(c, i, "or") && !wexact(c, i, "yet"))
			continue;
		if (gap_is(c, i - 1, ", "))
			comma = 1;
		else if (gap_is(c, i - 1, " "))
			comma = 0;
		else
			continue;
		if (!gap_is(c, i, " ") || !(c->wf[i + 1] & WF_LOWER) ||
		    (c->wf[i] & WF_QUOTED) || (c->wf[i - 1] & WF_SENT) ||
		    wis(c, i - 1, "here"))
			continue;
		for (s0 = i - 1; s0 > 0 && !(c->wf[s0] & WF_SENT) && i - s0 < 80;
		     s0--)
			;
		if (!(c->wf[s0] & WF_SENT) || i - s0 < 3)
			continue;
		for (k = s0; k + 1 < i && clean; k++) {
			const char *g = t + c->w[k].end;
			size_t n = c->w[k + 1].start - c->w[k].end, x;

			for (x = 0; x < n; x++)
				if (strchr(",;:()[]\"", g[x]) || (unsigned char)g[x] >= 0x80 ||
				    (g[x] == '-' && n > 1))
					clean = 0;
		}
		if (!clean)
			continue;
		if (comma && in_list(dets, wlc(c, i + 1)))
			rc = add1(c, c->w[i - 1].end, c->w[i - 1].end + 1,
				  LT_FAM_CLAUSE_COMMA, "");
		else if (!comma && (and || but) &&
			 in_list(subjects, wlc(c, i + 1)) &&
			 gap_is_strict(c, i - 1, " ") && (c->wf[i - 1] & WF_LOWER))
			rc = add1(c, c->w[i - 1].end, c->w[i - 1].end,
				  LT_FAM_CLAUSE_COMMA, ",");
		else
			continue;
		if (rc)
			return rc;
	}
	return LT_OK;
}
