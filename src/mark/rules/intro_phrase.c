/*
 * intro_phrase.c - the comma after a short introductory prepositional
 * phrase that has none ("Under the scheme the council ..." / "Under the
 * scheme, the council ...").
 *
 * The intro-comma family (commas.c) adds or drops the comma after the
 * phrases of its list and dates, and only drops it after any other
 * phrase; this family is the other direction for those other phrases.
 * The comma is one every house style allows after a short opening
 * phrase, so the slot is a default one, kept only where no reading of
 * the sentence can change.
 */
#include <string.h>

#include "mark/rules/common.h"

/* =====================================================================
 * Family: comma after a short introductory phrase (insertion)
 *
 * Changes: "During the review the team ..." -> "During the review, the
 * team ...": a sentence-initial preposition, a determiner, a year or a
 * name, up to four more words, then a determiner or subject pronoun that
 * opens the main clause.  One way only (dropping a comma is intro-comma).
 *
 * Never touches:
 *   - a phrase with a noun that can take a clause of its own ("At the
 *     time the order was made ...", "In the event the bid fails ...", "On
 *     the basis the ..."): the phrase stops there and has no slot;
 *   - a sentence with any other comma, colon, semicolon, bracket or dash
 *     after the phrase, where the phrase may really end further on ("Under
 *     the plan the board approved, ..."), or with two groups of verbs
 *     before a word that joins clauses ("In the house the man built there
 *     were three rooms");
 *   - quantifiers that read differently with a comma ("At least the
 *     first ...", "In all the cases ..."), phrases with a verb, negation,
 *     conjunction or relative word in them;
 *   - a place where intro-comma already has a slot, quotations, headings
 *     (a sentence must end in ".", "!" or "?").
 * =================================================================== */

static const char *const preps[] = {
	"in", "on", "at", "for", "with", "during", "under", "by", "from",
	"within", "following", "over", "throughout", "across", "after",
	"before", "since", "despite", "among", "amongst", "between",
	"through", "without", "beyond", "outside", "inside", "alongside",
	NULL
};

/* What may follow the preposition: the phrase is a noun phrase. */
static const char *const phrase_dets[] = {
	"the", "this", "these", "those", "our", "their", "its", "a", "an",
	"each", "every", "recent", "both", NULL
};

/* Heads that take a clause without "that" or a relative word: a comma
 * after them can cut a clause in two ("At the moment the bell rang"). */
static const char *const clause_heads[] = {
	"time", "times", "moment", "moments", "day", "days", "year", "years",
	"week", "weeks", "month", "months", "hour", "hours", "night",
	"morning", "evening", "afternoon", "weekend", "minute", "period",
	"date", "event", "case", "cases", "way", "ways", "extent", "point",
	"degree", "place", "stage", "reason", "reasons", "hope", "basis",
	"condition", "conditions", "assumption", "understanding", "ground",
	"grounds", "belief", "view", "fact", "knowledge", "expectation",
	"sense", "result", "effect", "light", "order", "respect", "least",
	"most", "all", "first", "last", "same", "end", "instant", "minute",
	"one", "ones", "kind", "sort", "type", "amount", "number", "level",
	"rate", "speed", "manner", "aim", "goal", "hopes", "knowing",
	NULL
};

/* Words that open the main clause after the phrase. */
static const char *const openers[] = {
	"the", "this", "these", "those", "our", "their", "its", "we", "they",
	"he", "she", "it", "there", "many", "most", "some", NULL
};

/* Words that may never be inside the phrase. */
static const char *const stoppers[] = {
	"who", "which", "that", "whom", "whose", "to", "is", "are", "was",
	"were", "be", "been", "being", "has", "have", "had", "will", "would",
	"can", "could", "should", "must", "may", "might", "shall", "do",
	"does", "did", "not", "no", "never", "nor", "and", "or", "but", "if",
	"than", "as", "when", "where", "while", "whether", "because", "so",
	"it", "we", "they", "he", "she", "i", "you", "there", "here",
	NULL
};

/* Word i may end the phrase: a lower-case noun-like word, a name or a
 * four-digit year. */
static int phrase_end(const lt_rule_ctx *c, size_t i)
{
	const char *s = wlc(c, i);
	size_t n = strlen(s);

	if (c->wf[i] & WF_DIGITS)
		return n == 4 && (s[0] == '1' || s[0] == '2');
	if (c->wf[i] & (WF_CAP | WF_ALLCAPS))
		return !(c->wf[i] & WF_SENT);
	if (!(c->wf[i] & WF_LOWER) || n < 3)
		return 0;
	if (in_list(lt_rule_function_words, s) || in_list(clause_heads, s) ||
	    in_list(phrase_dets, s))
		return 0;
	/* no verb forms or adverbs */
	if ((n > 4 && !strcmp(s + n - 3, "ing")) ||
	    (n > 3 && !strcmp(s + n - 2, "ed")) ||
	    (n > 3 && !strcmp(s + n - 2, "ly")))
		return 0;
	return 1;
}

/* From byte p, the sentence ends with ".", "!" or "?" before any comma,
 * colon, semicolon, bracket, dash, quotation mark or paragraph break, and
 * holds at least `minw` more words. */
static int clean_to_end(const lt_rule_ctx *c, size_t p, size_t wi, size_t minw)
{
	const char *t = c->t;
	size_t k, words = 0;

	for (k = p; k < c->len; k++) {
		unsigned char ch = (unsigned char)t[k];

		if (ch == '.' || ch == '!' || ch == '?') {
			/* a dot inside a number or an abbreviation goes on */
			if (ch == '.' && k + 1 < c->len && t[k + 1] != ' ' &&
			    t[k + 1] != '\n' && t[k + 1] != '\r')
				continue;
			break;
		}
		if (strchr(",;:()[]\"", ch) || ch >= 0x80)
			return 0;
		if (ch == '-' && k > 0 && t[k - 1] == ' ')
			return 0;
		if (ch == '\n' && k + 1 < c->len &&
		    (t[k + 1] == '\n' || t[k + 1] == '\r'))
			return 0;
	}
	if (k >= c->len)
		return 0;
	for (; wi < c->nw && c->w[wi].start < k; wi++)
		words++;
	return words >= minw;
}

/* Word i shows a finite verb: an auxiliary or modal, a lower-case word
 * in -ed, or a common irregular past tense. */
static int verb_marker(const lt_rule_ctx *c, size_t i)
{
	static const char *const verbs[] = {
		"is", "are", "was", "were", "be", "been", "being", "has",
		"have", "had", "will", "would", "can", "could", "shall",
		"should", "may", "might", "must", "do", "does", "did", "built",
		"made", "took", "gave", "wrote", "found", "held", "set", "put",
		"met", "paid", "sent", "left", "brought", "bought", "kept",
		"said", "told", "won", "lost", "ran", "began", "chose", "drew",
		"drove", "knew", "led", "read", "saw", "spent", "stood",
		"thought", "understood", "sold", "got", "went", "came", "felt",
		"heard", "meant", "showed", "shown", "seen", "done", "taken",
		"given", "written", NULL
	};
	const char *s = wlc(c, i);
	size_t n = strlen(s);

	if (!(c->wf[i] & WF_LOWER))
		return 0;
	return in_list(verbs, s) || (n > 3 && !strcmp(s + n - 2, "ed"));
}

/*
 * The words after the phrase (from word i to the sentence end) read as
 * one clause: no second group of verbs comes before a word that opens
 * another clause.  Two groups ("In the house the man built there were
 * three rooms") show that the phrase really ends later, its noun taking a
 * clause of its own; the comma must not go after the noun then.
 */
static int one_clause(const lt_rule_ctx *c, size_t i)
{
	static const char *const joins[] = {
		"and", "or", "but", "that", "which", "who", "whom", "whose",
		"when", "where", "while", "if", "because", "as", "to", "than",
		"so", "since", "until", "unless", "after", "before", "whether",
		NULL
	};
	static const char *const neutral[] = {
		"not", "also", "never", "already", "now", "then", "still",
		"always", "often", "just", "only", NULL
	};
	size_t groups = 0;
	int in_group = 0;

	for (; i < c->nw && !(c->wf[i] & WF_SENT); i++) {
		const char *s = wlc(c, i);
		size_t n = strlen(s);

		if ((c->wf[i] & WF_LOWER) && in_list(joins, s))
			break;
		if (verb_marker(c, i)) {
			if (!in_group && ++groups >= 2)
				return 0;
			in_group = 1;
		} else if (!in_list(neutral, s) &&
			   !(n > 3 && !strcmp(s + n - 2, "ly"))) {
			in_group = 0;
		}
	}
	return 1;
}

/* intro-comma already has a slot at byte e. */
static int intro_comma_at(const lt_rule_ctx *c, uint32_t e)
{
	size_t k;

	for (k = 0; k < c->out->n; k++)
		if (c->out->c[k].family == LT_FAM_INTRO_COMMA &&
		    c->out->c[k].start <= e && c->out->c[k].end >= e)
			return 1;
	return 0;
}

int lt_rule_intro_phrase_comma(lt_rule_ctx *c)
{
	size_t i, k;
	int rc;

	for (i = 0; i + 3 < c->nw; i++) {
		size_t first = i + 1, end = 0;
		int found = 0;

		if (!(c->wf[i] & WF_SENT) || !(c->wf[i] & WF_CAP) ||
		    (c->wf[i] & WF_QUOTED) || !in_list(preps, wlc(c, i)))
			continue;
		if (!gap_is(c, i, " "))
			continue;
		/* the phrase opens with a determiner, a year or a name */
		if (!((c->wf[first] & WF_LOWER) &&
		      in_list(phrase_dets, wlc(c, first))) &&
		    !phrase_end(c, first))
			continue;
		if ((c->wf[first] & WF_LOWER) &&
		    !in_list(phrase_dets, wlc(c, first)))
			continue; /* a bare common noun: "In all", "At least" */
		for (k = first; k < c->nw && k <= i + 6; k++) {
			if ((c->wf[k] & (WF_QUOTED | WF_SENT)) ||
			    in_list(stoppers, wlc(c, k)) ||
			    in_list(clause_heads, wlc(c, k)))
				break;
			if (k + 1 < c->nw && gap_is(c, k, " ") &&
			    phrase_end(c, k) && (c->wf[k + 1] & WF_LOWER) &&
			    in_list(openers, wlc(c, k + 1))) {
				end = k;
				found = 1;
				break;
			}
			if (!gap_is(c, k, " "))
				break;
		}
		if (!found || end == i)
			continue;
		/* a name must not run on into a name ("In Paris France") or
		 * end in a possessive */
		if (lt_rule_glued(c, c->w[i].start, c->w[end].end) ||
		    lt_rule_glued(c, c->w[end].start, c->w[end].end))
			continue;
		if (!clean_to_end(c, c->w[end].end, end + 1, 4) ||
		    !one_clause(c, end + 1) ||
		    intro_comma_at(c, c->w[end].end))
			continue;
		rc = add1(c, c->w[end].end, c->w[end].end,
			  LT_FAM_INTRO_PHRASE_COMMA, ",");
		if (rc)
			return rc;
	}
	return LT_OK;
}
