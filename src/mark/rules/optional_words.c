/*
 * optional_words.c - words that may go or be exchanged: "that" after a
 * reporting verb and in an object relative clause, "of" after "all",
 * "half" and "both", "to" after "help", and the restrictive relatives
 * "which" and "who" into "that".
 *
 * Marks: "stated that the" / "stated the", "all of the" / "all the",
 * "help you to find" / "help you find", "the folder which had" -> "the
 * folder that had", "staff who work" -> "staff that work", "the
 * documents you need" / "the documents that you need".  Never touches: a
 * demonstrative or non-restrictive use, "which"/"who" after a comma or a
 * preposition, a clause opened by a negation, quotations.
 */
#include <string.h>

#include "mark/rules/common.h"

/* =====================================================================
 * Family: optional "that"
 *
 * Changes: drops "that" after a reporting verb before a clause ("stated
 * that the" -> "stated the"), and adds it where the verb is followed
 * directly by a subject pronoun, which can only open a clause ("said we
 * would" -> "said that we would"; "expect there will" likewise).
 * Never touches: "that" as a demonstrative or relative pronoun (the next
 * word must be a determiner, pronoun or name), a clause opened by a
 * negation ("found that no"), "that" before a long subject (without it
 * the sentence reads as a garden path), quotations.
 * =================================================================== */

/*
 * The clause opening at word i has a subject longer than three words
 * ("that the committee of senior officials from every department would
 * meet"): without "that" the reader takes its start for the object of
 * the verb before it (a garden path).  Short: a pronoun, or a verb within
 * the next three words ("that the board will", "that the new board has").
 */
static int long_subject(const lt_rule_ctx *c, size_t i)
{
	static const char *const pronouns[] = {
		"we", "they", "he", "she", "i", "it", "you", "there", NULL
	};
	static const char *const verbs[] = {
		"is", "are", "was", "were", "will", "would", "has", "have",
		"had", "can", "could", "should", "may", "might", "must",
		"shall", "does", "do", "did", NULL
	};
	size_t k;

	if (in_list(pronouns, wlc(c, i)))
		return 0;
	for (k = i + 1; k < c->nw && k <= i + 3; k++)
		if (in_list(verbs, wlc(c, k)))
			return 0;
	return 1;
}

int lt_rule_optional_that(lt_rule_ctx *c)
{
	static const char *const subjects[] = {
		"we", "they", "he", "she", NULL
	};
	static const char *const there_aux[] = {
		"is", "are", "was", "were", "will", "would", "may", "might",
		"could", "should", "has", "have", "had", "must", "can", NULL
	};
	static const char *const hope_dets[] = {
		"the", "your", "our", "their", "this", "these", "some",
		"most", "all", "any", NULL
	};
	size_t i;
	int rc;

	/* insertion: verb + subject pronoun (or "there" + auxiliary) */
	for (i = 1; i + 1 < c->nw; i++) {
		int subj = (c->wf[i] & WF_LOWER) && in_list(subjects, wlc(c, i));

		if (!subj && wexact(c, i, "I"))
			subj = 1;
		if (!subj && wexact(c, i, "there") &&
		    (c->wf[i + 1] & WF_LOWER) && in_list(there_aux, wlc(c, i + 1)))
			subj = 1;
		/* after "hope" and "think" a determiner opens a clause
		 * ("we hope the changes help"): neither takes a noun object
		 * in official prose */
		if (!subj && (c->wf[i] & WF_LOWER) &&
		    (wis(c, i - 1, "hope") || wis(c, i - 1, "hopes") ||
		     wis(c, i - 1, "hoped") || wis(c, i - 1, "think") ||
		     wis(c, i - 1, "thinks")) &&
		    in_list(hope_dets, wlc(c, i)))
			subj = 1;
		/* "you" and "it" may be objects ("we recommend you for"):
		 * subjects only before an auxiliary ("we believe you are") */
		if (!subj && (wexact(c, i, "you") || wexact(c, i, "it")) &&
		    (c->wf[i + 1] & WF_LOWER) && gap_is_strict(c, i, " ") &&
		    in_list(there_aux, wlc(c, i + 1)) &&
		    !(i >= 2 && in_list(lt_rule_determiners, wlc(c, i - 2))))
			subj = 1;
		if (!subj || !gap_is_strict(c, i - 1, " ") ||
		    !(c->wf[i - 1] & WF_LOWER) || (c->wf[i] & WF_QUOTED) ||
		    !in_list(lt_wl_report_verbs, wlc(c, i - 1)))
			continue;
		rc = add1(c, c->w[i].start, c->w[i].start, LT_FAM_OPTIONAL_THAT,
			  "that ");
		if (rc)
			return rc;
	}

	for (i = 1; i + 1 < c->nw; i++) {
		if (!wexact(c, i, "that") || !gap_is(c, i - 1, " ") ||
		    !gap_is(c, i, " "))
			continue;
		if (!in_list(lt_wl_report_verbs, wlc(c, i - 1)) ||
		    !(c->wf[i - 1] & WF_LOWER))
			continue;
		if (!lt_rule_opens_clause(c, i + 1) || long_subject(c, i + 1))
			continue;
		if (gap_is_strict(c, i, " "))
			rc = add1(c, c->w[i].start, c->w[i + 1].start,
				  LT_FAM_OPTIONAL_THAT, "");
		else if (gap_is_strict(c, i - 1, " "))
			rc = add1(c, c->w[i - 1].end, c->w[i].end,
				  LT_FAM_OPTIONAL_THAT, "");
		else
			continue;
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Family: optional "of"
 *
 * Changes: "all of the" <-> "all the", "half of the" <-> "half the",
 * "both of the" -> "both the" (never inserted after "both": "both the X
 * and the Y").  Never touches: "all of us/them/it", idioms ("all the
 * same", "all the more"), quotations.
 * =================================================================== */

int lt_rule_optional_of(lt_rule_ctx *c)
{
	static const char *const dets[] = {
		"the", "these", "those", "this", "its", "their", "our", "his",
		"her", "your", NULL
	};
	static const char *const idioms[] = {
		"same", "more", "way", "time", "best", "better", "worse",
		"less", "while", "rest", "world", "year", "day", "night",
		"sooner", NULL
	};
	size_t i;
	int rc;

	for (i = 0; i + 2 < c->nw; i++) {
		int all = wis(c, i, "all"), both = wis(c, i, "both"),
		    half = wis(c, i, "half");

		if (!(all || both || half) || (c->wf[i] & WF_ALLCAPS) ||
		    ((c->wf[i] & WF_CAP) && !(c->wf[i] & WF_SENT)))
			continue;
		if (wexact(c, i + 1, "of") && gap_is(c, i, " ") &&
		    gap_is(c, i + 1, " ") && (c->wf[i + 2] & WF_LOWER) &&
		    in_list(dets, wlc(c, i + 2))) {
			if (gap_is_strict(c, i + 1, " "))
				rc = add1(c, c->w[i + 1].start, c->w[i + 2].start,
					  LT_FAM_OPTIONAL_OF, "");
			else if (gap_is_strict(c, i, " "))
				rc = add1(c, c->w[i].end, c->w[i + 1].end,
					  LT_FAM_OPTIONAL_OF, "");
			else
				continue;
			if (rc)
				return rc;
			continue;
		}
		if (both || !gap_is(c, i, " ") || !(c->wf[i + 1] & WF_LOWER) ||
		    !in_list(dets, wlc(c, i + 1)))
			continue;
		if (i + 2 < c->nw && in_list(idioms, wlc(c, i + 2)))
			continue;
		if (gap_is_strict(c, i, " "))
			rc = add1(c, c->w[i + 1].start, c->w[i + 1].start,
				  LT_FAM_OPTIONAL_OF, "of ");
		else
			rc = add1(c, c->w[i].end, c->w[i].end,
				  LT_FAM_OPTIONAL_OF, " of");
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Family: restrictive "which" -> "that"
 *
 * Changes: "which" opening a restrictive relative clause (no comma
 * before it, an auxiliary or modal after it: "the folder which had") into
 * "that".  One way only.  Never touches: "which" after a comma
 * (non-restrictive) or a preposition ("in which"), interrogative "which"
 * after a verb ("decide which is"), quotations.
 * =================================================================== */

int lt_rule_relative_which(lt_rule_ctx *c)
{
	static const char *const preps[] = {
		"in", "of", "on", "at", "by", "for", "from", "to", "with",
		"under", "through", "during", "upon", "into", "about", "within",
		"after", "before", "over", "without", "between", "against",
		"among", "amongst", "via", "that", "and", "or", "but", NULL
	};
	static const char *const question_verbs[] = {
		"decide", "decides", "decided", "know", "knows", "identify",
		"identifies", "determine", "determines", "ask", "asks", "asked",
		"see", "show", "shows", "consider", "considers", "choose",
		"chooses", "explain", "explains", "specify", "specifies",
		"indicate", "indicates", "state", "states", "establish",
		"confirm", "clarify", "assess", "review", "understand", "tell",
		"say", "learn", "whether", "check", "checks", "record",
		"records", "report", "reports", "note", "notes", "agree",
		"agreed", "unclear", "clear", "sure", "certain", "matter",
		"regardless", "irrespective", "question", "questions", NULL
	};
	static const char *const aux[] = {
		"is", "are", "was", "were", "has", "have", "had", "will",
		"would", "could", "can", "may", "might", "should", "must",
		"shall", "does", "do", "did", NULL
	};
	size_t i;
	int rc;

	for (i = 1; i + 1 < c->nw; i++) {
		if (!wexact(c, i, "which") || !gap_is(c, i - 1, " ") ||
		    !gap_is(c, i, " "))
			continue;
		if (!(c->wf[i - 1] & WF_LOWER) || in_list(preps, wlc(c, i - 1)) ||
		    in_list(question_verbs, wlc(c, i - 1)))
			continue;
		if (!(c->wf[i + 1] & WF_LOWER) ||
		    (!in_list(aux, wlc(c, i + 1)) &&
		     !lt_rule_looks_plural(c, i - 1) &&
		     !in_list(lt_rule_clause_openers, wlc(c, i + 1))))
			continue;
		rc = add1(c, c->w[i].start, c->w[i].end, LT_FAM_RELATIVE_WHICH,
			  "that");
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Family: relative "who" -> "that" after a plural noun of people
 *
 * Changes: "staff who work", "operators who wish" into "that".  One way.
 * Never touches: "who" after a comma (non-restrictive), after "those" or
 * a pronoun, an interrogative "who" after asking or telling ("asked staff
 * who had"), "who" followed by a pronoun or determiner, quotations.
 * =================================================================== */

int lt_rule_relative_who(lt_rule_ctx *c)
{
	static const char *const people[] = {
		"staff", "employees", "officers", "officials", "managers",
		"customers", "members", "people", "persons", "individuals",
		"pupils", "students", "parents", "patients", "visitors",
		"residents", "applicants", "operators", "suppliers",
		"contractors", "users", "passengers", "travellers", "travelers",
		"drivers", "workers", "colleagues", "volunteers", "candidates",
		"children", "families", "teachers", "nurses", "doctors",
		"clients", "tenants", "owners", "holders", "participants",
		"consultants", "inspectors", "investigators", "runners",
		"spectators", "citizens", "nationals", "claimants", "carers",
		"providers", "partners", "firms", "companies", "organisations",
		"organizations", "bodies", "authorities", "departments",
		"schools", NULL
	};
	static const char *const askers[] = {
		"ask", "asks", "asked", "tell", "tells", "told", "know",
		"knows", "knew", "show", "shows", "showed", "check", "checks",
		"checked", "confirm", "confirms", "confirmed", "identify",
		"identifies", "identified", "wonder", "wondered", "establish",
		"established", "decide", "decided", "record", "recorded",
		"list", "listed", NULL
	};
	static const char *const blocked_next[] = {
		"the", "a", "an", "this", "these", "those", "it", "they", "we",
		"he", "she", "i", "you", "there", "his", "her", "their", "our",
		"is", "was", NULL
	};
	size_t i;
	int rc;

	for (i = 1; i + 1 < c->nw; i++) {
		if (!wexact(c, i, "who") || !gap_is(c, i - 1, " ") ||
		    !gap_is(c, i, " ") || (c->wf[i] & WF_QUOTED))
			continue;
		if (!in_list(people, wlc(c, i - 1)) ||
		    !((c->wf[i - 1] & WF_LOWER) ||
		      (c->wf[i - 1] & (WF_CAP | WF_SENT)) == (WF_CAP | WF_SENT)))
			continue;
		if (i >= 2 && in_list(askers, wlc(c, i - 2)))
			continue;
		if (!(c->wf[i + 1] & WF_LOWER) || in_list(blocked_next, wlc(c, i + 1)))
			continue;
		rc = add1(c, c->w[i].start, c->w[i].end, LT_FAM_RELATIVE_WHO,
			  "that");
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Family: optional "to" after "help"
 *
 * Changes: "help you to find" <-> "help you find", "helped to reduce"
 * <-> "helped reduce", for a curated list of verbs after "help".  Never
 * touches: the noun "help" ("offer help to find work", "the help you
 * find useful": "help" itself must follow "to", a modal, a pronoun or
 * "will"), a verb outside the list, quotations.
 * =================================================================== */

int lt_rule_optional_to(lt_rule_ctx *c)
{
	static const char *const helps[] = {
		"help", "helps", "helped", "helping", NULL
	};
	static const char *const before_help[] = {
		"to", "will", "can", "could", "would", "should", "may",
		"might", "must", "also", "which", "that", "who", "we", "they",
		"you", "i", "please", "and", "further", "it", "this", "these",
		NULL
	};
	static const char *const objects[] = {
		"you", "us", "them", "him", "her", "me", "people", "staff",
		"customers", "students", "residents", "patients", "families",
		"businesses", "everyone", NULL
	};
	static const char *const verbs[] = {
		"find", "understand", "prepare", "plan", "make", "get",
		"identify", "reduce", "improve", "keep", "meet", "manage",
		"decide", "complete", "avoid", "protect", "deliver", "achieve",
		"develop", "support", "return", "choose", "stay", "check",
		"apply", "pay", "build", "cover", "ensure", "maintain",
		"prevent", "explain", "resolve", "recover", "settle", "answer",
		"tackle", "create", "lower", "restore", "limit", "shape",
		"strengthen", "speed", "raise", "fund", "pay", "cope", "learn",
		"access", "address", "assess", "reach", "save", "secure", NULL
	};
	size_t i;
	int rc;

	for (i = 1; i + 1 < c->nw; i++) {
		size_t k = i + 1;

		if (!(c->wf[i] & WF_LOWER) || (c->wf[i] & WF_QUOTED) ||
		    !in_list(helps, wlc(c, i)))
			continue;
		if (wexact(c, i, "help") &&
		    !((c->wf[i - 1] & (WF_LOWER | WF_SENT)) &&
		      in_list(before_help, wlc(c, i - 1))))
			continue;
		if (!gap_is_strict(c, i, " "))
			continue;
		if ((c->wf[k] & WF_LOWER) && in_list(objects, wlc(c, k))) {
			if (k + 1 >= c->nw || !gap_is_strict(c, k, " "))
				continue;
			k++;
		}
		if (!(c->wf[k] & WF_LOWER))
			continue;
		if (wexact(c, k, "to")) {
			if (k + 1 >= c->nw || !gap_is_strict(c, k, " ") ||
			    !(c->wf[k + 1] & WF_LOWER) ||
			    !in_list(verbs, wlc(c, k + 1)) ||
			    (k + 2 < c->nw && gap_is_strict(c, k + 1, "-")))
				continue;
			rc = add1(c, c->w[k].start, c->w[k + 1].start,
				  LT_FAM_OPTIONAL_TO, "");
		} else if (in_list(verbs, wlc(c, k)) &&
			   !(k + 1 < c->nw && gap_is_strict(c, k, "-"))) {
			rc = add1(c, c->w[k].start, c->w[k].start,
				  LT_FAM_OPTIONAL_TO, "to ");
		} else {
			continue;
		}
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Family: optional "that" in an object relative clause
 *
 * Changes: "the documents you need" <-> "the documents that you need",
 * after "the" + noun, before we/you/they and a curated transitive verb
 * whose object the relative clause lacks.  Never touches: a phrase
 * after a preposition ("in the meantime we will", "at the same time we
 * need": an adverbial, not a noun with a clause), nouns that take a
 * content clause ("the fact that we need"), quotations.
 * =================================================================== */

int lt_rule_relative_that(lt_rule_ctx *c)
{
	static const char *const pronouns[] = { "we", "you", "they", NULL };
	static const char *const verbs[] = {
		"need", "have", "give", "gave", "use", "receive", "received",
		"provide", "provided", "want", "send", "sent", "hold", "held",
		"make", "made", "submit", "submitted", "choose", "chose",
		"find", "found", "see", "saw", "require", "expect", "keep",
		"kept", "collect", "collected", "pay", "paid", "offer",
		"offered", "describe", "described", "raised", "requested",
		"agreed", "identified", "quoted", "booked", "bought", "buy",
		"publish", "published", "issued", "produce", "produced",
		"supply", "supplied", "reported", "recorded", "store", "stored",
		NULL
	};
	static const char *const no_relative[] = {
		"fact", "risk", "possibility", "chance", "hope", "view",
		"belief", "idea", "news", "claim", "suggestion", "concern",
		"assumption", "time", "moment", "meantime", "same", "end",
		"start", "beginning", "past", "future", "whole", "outset",
		"first", "last", "next", "rest", "most", "least", "extent",
		"case", "event", "way", NULL
	};
	static const char *const preps[] = {
		"in", "on", "at", "by", "for", "from", "with", "during",
		"after", "before", "since", "until", "over", "under", "to",
		"into", "throughout", "within", "of", "about", "like", "unlike",
		"despite", "as", "than", "between", "among", "across", NULL
	};
	size_t i;
	int rc;

	for (i = 1; i + 2 < c->nw; i++) {
		size_t p, v;
		int has_that;

		if (!wexact(c, i - 1, "the") || !(c->wf[i] & WF_LOWER) ||
		    (c->wf[i] & WF_QUOTED) || in_list(no_relative, wlc(c, i)) ||
		    in_list(lt_rule_function_words, wlc(c, i)) ||
		    !gap_is_strict(c, i - 1, " ") || !gap_is_strict(c, i, " "))
			continue;
		if (i >= 2 && (c->wf[i - 1] & WF_SENT) == 0 &&
		    (!gap_is(c, i - 2, " ") || in_list(preps, wlc(c, i - 2))))
			continue;
		has_that = wexact(c, i + 1, "that");
		p = i + 1 + (size_t)has_that;
		v = p + 1;
		if (v >= c->nw || (has_that && !gap_is_strict(c, i + 1, " ")) ||
		    !wexact(c, p, wlc(c, p)) || !in_list(pronouns, wlc(c, p)) ||
		    !gap_is_strict(c, p, " ") || !(c->wf[v] & WF_LOWER) ||
		    !in_list(verbs, wlc(c, v)))
			continue;
		/* "the documents you need to" keeps its object gap: fine; a
		 * hyphen after the verb is a compound, not a verb */
		if (v + 1 < c->nw && gap_is_strict(c, v, "-"))
			continue;
		if (has_that)
			rc = add1(c, c->w[i + 1].start, c->w[p].start,
				  LT_FAM_OPTIONAL_THAT, "");
		else
			rc = add1(c, c->w[p].start, c->w[p].start,
				  LT_FAM_OPTIONAL_THAT, "that ");
		if (rc)
			return rc;
	}
	return LT_OK;
}
