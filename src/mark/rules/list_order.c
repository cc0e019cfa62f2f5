/*
 * list_order.c - the order of coordinated noun phrases.
 *
 * Marks: "names, email addresses and telephone numbers" in another order
 * (the serial comma travels with it), "the provider and the customer" /
 * "the customer and the provider".  Never touches: items that are not
 * plain lower-case noun phrases (verbs, numbers, names, ordinals), fixed
 * pairs, lists at the start of a sentence, quotations.
 */
#include <ctype.h>
#include <string.h>

#include "mark/rules/common.h"

/* =====================================================================
 * Family: order of coordinated noun phrases
 *
 * Changes: the order of the items of a short list of noun phrases,
 * "names, email addresses and telephone numbers" (three items: up to six
 * orders, plus the serial comma toggled for two of them; four items: eight
 * orders), and of a pair whose items repeat their determiner, "the
 * provider and the customer".  Never touches: an item that is not a plain
 * lower-case noun phrase of one to three words (verbs, auxiliaries,
 * prepositions, numbers, names, ordinals and other words of sequence or
 * scale), a list opened by anything but a determiner, a preposition (not
 * "to"; "of" only before bare nouns), a colon or a verb that introduces a
 * list ("include", "contain"), a list followed by anything but
 * punctuation or an auxiliary (a following phrase could attach to the
 * last item only), fixed pairs ("terms and conditions"), lists at the
 * start of a sentence, quotations.
 * =================================================================== */

#define LIST_MAX_ITEMS 4

/* Words that may not appear in a permuted item. */
static int list_word_blocked(const lt_rule_ctx *c, size_t i)
{
	static const char *const stop[] = {
		/* function words, auxiliaries, modals, negations */
		"a", "an", "to", "be", "is", "are", "was", "were", "been",
		"being", "has", "have", "had", "do", "does", "did", "will",
		"would", "shall", "should", "must", "may", "might", "can",
		"could", "not", "no", "nor", "never", "and", "or", "but", "if",
		"than", "as", "so", "who", "whom", "whose", "which", "that",
		"what", "when", "where", "why", "how", "it", "we", "they", "he",
		"she", "i", "you", "us", "them", "him", "me", "there", "here",
		"then", "also", "only", "either", "neither", "both", "whether",
		/* prepositions */
		"of", "in", "on", "at", "by", "for", "from", "with", "without",
		"into", "onto", "about", "under", "over", "after", "before",
		"during", "between", "among", "through", "within", "against",
		"per", "via", "until", "since", "towards", "toward", "upon",
		"across", "around", "including", "except", "like",
		/* sequence, rank and scale: their order may carry meaning */
		"first", "second", "third", "fourth", "fifth", "last", "next",
		"final", "finally", "initial", "initially", "previous", "later",
		"earlier", "former", "latter", "start", "end", "beginning",
		"middle", "past", "present", "future", "morning", "afternoon",
		"evening", "night", "today", "tomorrow", "yesterday", "small",
		"medium", "large", "low", "high", "higher", "lower", "minor",
		"major", "primary", "secondary", "junior", "senior", "more",
		"less", "most", "least", "fewer", "many", "few", "other",
		"others", "another", "same", "different", "respectively", "etc",
		"above", "below", "up", "down", "left", "right", "north",
		"south", "east", "west", "minimum", "maximum", "min", "max",
		"one", "ones", "half", "once", "twice", NULL
	};
	const char *s = wlc(c, i);
	size_t n = strlen(s);

	if (!(c->wf[i] & WF_LOWER) || (c->wf[i] & WF_QUOTED))
		return 1;
	if (in_list(stop, s) || lt_rule_word_value(s) > 0 ||
	    in_list(lt_wl_months, s))
		return 1;
	if (n > 2 && !strcmp(s + n - 2, "ly"))
		return 1; /* adverbs */
	return 0;
}

/* Fixed pairs whose order is part of the phrase. */
static int list_idiom(const char *a, const char *b)
{
	static const char *const idioms[] = {
		"bread|butter", "research|development", "terms|conditions",
		"law|order", "trial|error", "ladies|gentlemen", "pros|cons",
		"by|large", "profit|loss", "supply|demand", "give|take",
		"checks|balances", "rank|file", "wear|tear", "odds|ends",
		"peace|quiet", "health|safety", "fixtures|fittings",
		"arts|crafts", "question|answer", "questions|answers",
		"cause|effect", "assets|liabilities", "debits|credits",
		"income|expenditure", "trials|tribulations", "friends|family", "nuts|bolts",
		"time|place", "times|places", "dos|don", "cut|paste",
		"copy|paste", "hit|miss", "life|death", "goods|services",
		"fish|chips", "salt|pepper", "black|white", "sooner|later",
		"plan|do", "mergers|acquisitions", "search|rescue",
		"stop|search", "arrivals|departures", "import|export",
		"imports|exports", "input|output", "inputs|outputs",
		"cause|consequence", "risk|reward", "command|control",
		"monitoring|evaluation", "hide|seek", "lock|key", NULL
	};
	char buf[96];
	size_t na = strlen(a), nb = strlen(b);

	if (na + nb + 2 > sizeof(buf))
		return 1;
	memcpy(buf, a, na);
	buf[na] = '|';
	memcpy(buf + na + 1, b, nb + 1);
	return in_list(idioms, buf);
}

/* The gap after word i is a single space or a hyphen inside a compound. */
static int list_inner_gap(const lt_rule_ctx *c, size_t i)
{
	return gap_is_strict(c, i, " ") || gap_is_strict(c, i, "-");
}

static const char *const list_dets[] = {
	"the", "their", "our", "its", "your", "his", "her", "any", "all",
	"each", "every", "these", "those", "this", "such", NULL
};

/* A word that may modify a whole list when it opens the first item
 * ("trained staff, volunteers and contractors"): adjective-like. */
static int list_modifier(const lt_rule_ctx *c, size_t i)
{
	static const char *const suffixes[] = {
		"ed", "al", "ic", "ive", "ous", "ful", "ant", "ent", "able",
		"ible", "ary", "ory", "less", "ish", "est", "er", NULL
	};
	static const char *const adjectives[] = {
		"new", "old", "key", "main", "young", "full", "free", "good",
		"poor", "certain", "existing", "public", "private", "local",
		"own", "various", "several", "relevant", "affected", NULL
	};
	const char *s = wlc(c, i);

	if (in_list(adjectives, s))
		return 1;
	return lt_rule_has_suffix(s, suffixes);
}

/* Swap-safe context before the first item (word f). */
static int list_opener_ok(const lt_rule_ctx *c, size_t f, int any_det,
			  size_t nitems)
{
	static const char *const preps[] = {
		"in", "on", "at", "by", "for", "from", "with", "without",
		"about", "into", "across", "among", "amongst", "between",
		"through", "throughout", "towards", "toward", "via", "under",
		"over", "within", "regarding", "concerning", "affecting",
		"like", "both", "either", "as", NULL
	};
	static const char *const openers[] = {
		"include", "includes", "including", "included", "contain",
		"contains", "contained", "containing", "cover", "covers",
		"covered", "covering", "involve", "involves", "involved",
		"involving", "asked", "ask", "invites", "invite", "invited",
		"hold", "holds", "held", "collect", "collects", "collected",
		"provide", "provides", "provided", "are", "were", "is", "was",
		NULL
	};
	const char *g, *ge;
	size_t p;

	if (f == 0 || (c->wf[f] & WF_SENT))
		return 0;
	g = c->t + c->w[f - 1].end;
	ge = c->t + c->w[f].start;
	for (; g < ge; g++)
		if (*g == ':')
			return 1;
	p = f - 1;
	if (!gap_is(c, p, " "))
		return 0;
	if (!(c->wf[p] & WF_LOWER))
		/* "All berth operators, shipping agents and contractors" */
		return (c->wf[p] & (WF_CAP | WF_SENT)) == (WF_CAP | WF_SENT) &&
		       !any_det && in_list(list_dets, wlc(c, p));
	if (wis(c, p, "of"))
		return !any_det && nitems >= 3;
	/* items that open with a determiner are noun phrases whatever
	 * precedes them (but "of" could bind the first one alone) */
	if (in_list(list_dets, wlc(c, f)))
		return 1;
	if (in_list(preps, wlc(c, p)) || in_list(openers, wlc(c, p)))
		return !wis(c, p, "as") || (p > 0 && wis(c, p - 1, "such"));
	/* a determiner that distributes over bare items */
	return !any_det && in_list(list_dets, wlc(c, p));
}

/*
 * Parse one item ending at word `last` (scanning back), at most three
 * spaced words (a hyphenated compound counts as one) after an optional
 * determiner, and not before word `lo`.  An inner item must reach back to
 * the comma before it; the
 * first item of the list (`first`) ends at the shortest start whose
 * opener is safe.  Returns the index of the item's first word, or -1 when
 * it is not a plain noun phrase.
 */
static long list_item_back(const lt_rule_ctx *c, size_t lo, size_t last,
			   int *det, int first, int any_det, size_t nitems)
{
	size_t k = last, spaced = 1;
	const char *s = wlc(c, last);
	size_t n = strlen(s);

	*det = 0;
	/* the head word: not a verb form */
	if ((n > 4 && !strcmp(s + n - 3, "ing")) ||
	    (n > 3 && !strcmp(s + n - 2, "ed")))
		return -1;
	for (;;) {
		if (in_list(list_dets, wlc(c, k)) && (c->wf[k] & WF_LOWER)) {
			if (k == last)
				return -1;
			*det = 1;
			if (first && !list_opener_ok(c, k, 1, nitems))
				return -1;
			return (long)k;
		}
		if (list_word_blocked(c, k))
			return -1;
		if (k == 0 || k == lo || !list_inner_gap(c, k - 1)) {
			if (first && (!list_opener_ok(c, k, any_det, nitems) ||
				      (k < last && list_modifier(c, k))))
				return -1;
			return (long)k;
		}
		if (first && gap_is_strict(c, k - 1, " ") &&
		    list_opener_ok(c, k, any_det, nitems) &&
		    !(k < last && list_modifier(c, k)))
			return (long)k;
		if (gap_is_strict(c, k - 1, " ") && ++spaced > 3 &&
		    !(in_list(list_dets, wlc(c, k - 1)) &&
		      (c->wf[k - 1] & WF_LOWER)))
			return -1;
		k--;
	}
}

/* Swap-safe context after the last item (word l). */
static int list_closer_ok(const lt_rule_ctx *c, size_t l)
{
	static const char *const aux[] = {
		"is", "are", "was", "were", "has", "have", "had", "will",
		"would", "should", "must", "may", "might", "can", "could",
		"shall", "remain", "remains", "remained", NULL
	};
	const char *g;

	if (l + 1 >= c->nw)
		return 1;
	g = c->t + c->w[l].end;
	if (*g == '.' || *g == ',' || *g == ';' || *g == ':' || *g == ')' ||
	    *g == '\n' || *g == '\r')
		return *g != '.' || !(c->t[c->w[l].end + 1] &&
				      isalnum((unsigned char)c->t[c->w[l].end + 1]));
	return gap_is(c, l, " ") && (c->wf[l + 1] & WF_LOWER) &&
	       in_list(aux, wlc(c, l + 1));
}

int lt_rule_list_order(lt_rule_ctx *c)
{
	/* the first eight orders of three and four items, then, for three
	 * items, two orders with the serial comma toggled */
	static const uint8_t perm3[6][3] = {
		{ 0, 1, 2 }, { 1, 0, 2 }, { 2, 1, 0 }, { 0, 2, 1 },
		{ 1, 2, 0 }, { 2, 0, 1 }
	};
	static const uint8_t perm4[8][4] = {
		{ 0, 1, 2, 3 }, { 1, 0, 3, 2 }, { 2, 3, 0, 1 }, { 3, 2, 1, 0 },
		{ 0, 2, 1, 3 }, { 1, 3, 0, 2 }, { 2, 0, 3, 1 }, { 3, 1, 2, 0 }
	};
	lt_buf b = { 0 };
	size_t i;
	int rc = LT_OK;

	for (i = 1; i + 1 < c->nw && !rc; i++) {
		size_t is[LIST_MAX_ITEMS], ie[LIST_MAX_ITEMS], n = 0, k, last;
		int serial, det, any_det = 0, all_det = 1;
		const char *conj;
		const char *v[LT_SLOT_MAX_VARIANTS];
		size_t vl[LT_SLOT_MAX_VARIANTS], off[LT_SLOT_MAX_VARIANTS];
		unsigned nv = 0, p;
		long f;

		if (wexact(c, i, "and"))
			conj = "and";
		else if (wexact(c, i, "or"))
			conj = "or";
		else
			continue;
		if ((c->wf[i] & WF_QUOTED) || !gap_is_strict(c, i, " "))
			continue;
		if (gap_is_strict(c, i - 1, ", "))
			serial = 1;
		else if (gap_is_strict(c, i - 1, " "))
			serial = 0;
		else
			continue;
		/* the last item: up to four words, ends at the closer */
		for (last = i + 1; last < c->nw && last <= i + 5; last++)
			if (!list_inner_gap(c, last) || list_closer_ok(c, last))
				break;
		if (last >= c->nw || last > i + 5 || !list_closer_ok(c, last))
			continue;
		f = list_item_back(c, i + 1, last, &det, 0, 0, 0);
		if (f != (long)i + 1)
			continue;
		any_det |= det;
		all_det &= det;
		is[LIST_MAX_ITEMS - 1] = i + 1;
		ie[LIST_MAX_ITEMS - 1] = last;
		n = 1;
		/* earlier items, back to the start of the list */
		k = i - 1;
		for (;;) {
			f = list_item_back(c, 0, k, &det, 0, 0, 0);
			if (f < 0 || f == 0 || !gap_is_strict(c, (size_t)f - 1, ", "))
				f = list_item_back(c, 0, k, &det, 1, any_det, n + 1);
			if (f < 0)
				break;
			if (n == LIST_MAX_ITEMS) {
				n = 0; /* too long a list */
				break;
			}
			is[LIST_MAX_ITEMS - 1 - n] = (size_t)f;
			ie[LIST_MAX_ITEMS - 1 - n] = k;
			n++;
			any_det |= det;
			all_det &= det;
			if (f == 0 || !gap_is_strict(c, (size_t)f - 1, ", "))
				break;
			k = (size_t)f - 1;
		}
		if (f < 0 || n < 2)
			continue;
		if (n == 2 && (serial || !all_det))
			continue;
		if (n >= 3 && serial && c->t[c->w[i - 1].end] != ',')
			continue;
		{
			size_t o = LIST_MAX_ITEMS - n, a;
			size_t first = is[o];
			int idiom = 0;

			if (!list_opener_ok(c, first, any_det, n))
				continue;
			/* the same determiner on both items of a pair */
			if (n == 2 && strcmp(wlc(c, is[o]), wlc(c, is[o + 1])))
				continue;
			for (a = o; a + 1 < LIST_MAX_ITEMS; a++)
				if (list_idiom(wlc(c, ie[a]), wlc(c, ie[a + 1])) ||
				    list_idiom(wlc(c, ie[a + 1]), wlc(c, ie[a])))
					idiom = 1;
			if (idiom)
				continue;
			memmove(is, is + o, n * sizeof(is[0]));
			memmove(ie, ie + o, n * sizeof(ie[0]));
		}
		/* build the variants */
		lt_buf_clear(&b);
		for (p = 0; p < LT_SLOT_MAX_VARIANTS; p++) {
			const uint8_t *ord;
			int ser = serial;
			size_t a;

			if (n == 2) {
				static const uint8_t two[2][2] = { { 0, 1 }, { 1, 0 } };

				if (p >= 2)
					break;
				ord = two[p];
			} else if (n == 3) {
				ord = perm3[p < 6 ? p : p - 6];
				if (p >= 6)
					ser = !serial;
			} else {
				ord = perm4[p];
			}
			off[nv] = b.len;
			for (a = 0; a < n && !rc; a++) {
				size_t w = ord[a];

				if (a > 0 && a + 1 < n)
					rc = lt_buf_puts(&b, ", ");
				else if (a > 0)
					rc = lt_buf_puts(&b, ser && n >= 3 ? ", " : " ");
				if (!rc && a > 0 && a + 1 == n) {
					rc = lt_buf_puts(&b, conj);
					if (!rc)
						rc = lt_buf_puts(&b, " ");
				}
				if (!rc)
					rc = lt_buf_append(&b, c->t + c->w[is[w]].start,
							   c->w[ie[w]].end - c->w[is[w]].start);
			}
			if (rc)
				break;
			vl[nv] = b.len - off[nv];
			nv++;
		}
		if (rc)
			break;
		for (p = 0; p < nv; p++)
			v[p] = b.data + off[p];
		/* the original text must read exactly as variant 0 */
		if (vl[0] != c->w[ie[n - 1]].end - c->w[is[0]].start ||
		    memcmp(v[0], c->t + c->w[is[0]].start, vl[0]) ||
		    range_quoted(c, c->w[is[0]].start, c->w[ie[n - 1]].end))
			continue;
		rc = lt_cand_add(c->out, c->w[is[0]].start, c->w[ie[n - 1]].end,
				 LT_FAM_LIST_ORDER, nv, v, vl);
		i = ie[n - 1];
	}
	lt_buf_free(&b);
	return rc;
}
