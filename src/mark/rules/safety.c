/*
 * safety.c - the safety pass: the one place that decides, from the
 * document's style profile (mark/style.h), which candidates every copy
 * uses (default), which wait for the author's approval (suggested) and
 * which repeated forms are one choice per copy (a group key).
 *
 * lt_rules_find() runs it after every family.  It only reads the text and
 * the profile, and changes a candidate's use, reason and key, drops a
 * variant the document's variety or house style excludes, or drops a
 * candidate left with one variant.  The families keep their own local
 * guards (names, quotations, numbers, negations); this pass adds what
 * only the whole document shows:
 *   - legal or regulatory register: no wording, number, order, comma
 *     or abbreviation variant by default (terms and punctuation there
 *     carry legal force);
 *   - variety: no form of the other variety, none of either when the
 *     variety is unknown, no spelling that would mix two spellings of one
 *     word (an occurrence no candidate covers);
 *   - house style: an aside set off by dashes only where the text uses
 *     spaced em dashes; the serial comma added only where the house uses it
 *     elsewhere, no comma dropped after a connective ("However,") or
 *     between two names ("In Islamabad, Ahsan Iqbal"), no double
 *     hyphen as a dash in a text that has none, no double space after a
 *     sentence in a text that has none, curly and straight marks one
 *     choice per copy;
 *   - repeated forms: spelling, hyphenation, abbreviations, thousands
 *     separators, quotation marks, apostrophes, dashes and sentence
 *     spaces are document-level groups (one choice per copy); a dash
 *     form some occurrence of which could not change with the others is
 *     only suggested.
 */
#include <ctype.h>
#include <string.h>

#include "mark/rules/common.h"

/* ---- candidate helpers ---------------------------------------------- */

static const char *var(const lt_rule_ctx *c, const lt_cand *k, unsigned v,
		       size_t *n)
{
	*n = k->var_len[v];
	return c->out->arena.data + k->var_off[v];
}

/* Variant v equals the NUL-terminated s. */
static int var_is(const lt_rule_ctx *c, const lt_cand *k, unsigned v,
		  const char *s)
{
	size_t n;
	const char *p = var(c, k, v, &n);

	return n == strlen(s) && !memcmp(p, s, n);
}

/* Variant v contains the NUL-terminated s. */
static int var_has(const lt_rule_ctx *c, const lt_cand *k, unsigned v,
		   const char *s)
{
	size_t n, m = strlen(s), i;
	const char *p = var(c, k, v, &n);

	for (i = 0; i + m <= n; i++)
		if (!memcmp(p + i, s, m))
			return 1;
	return 0;
}

static void suggest(lt_cand *k, unsigned why)
{
	k->use = LT_SLOT_SUGGESTED;
	k->why = (uint8_t)why;
}

/* Drop variant v (never the original, v > 0). */
static void drop_variant(lt_cand *k, unsigned v)
{
	unsigned i;

	for (i = v; i + 1 < k->nvariants; i++) {
		k->var_off[i] = k->var_off[i + 1];
		k->var_len[i] = k->var_len[i + 1];
	}
	k->nvariants--;
}

/* FNV-1a of the lower-case bytes, a trailing "s" left out (so a word and
 * its plural share a key), folded into a non-zero 32-bit key. */
static uint32_t form_hash(uint64_t h, const char *s, size_t n)
{
	size_t i;

	if (n > 3 && (s[n - 1] == 's' || s[n - 1] == 'S'))
		n--;
	for (i = 0; i < n; i++) {
		h ^= (unsigned char)tolower((unsigned char)s[i]);
		h *= 1099511628211ULL;
	}
	h ^= '|';
	h *= 1099511628211ULL;
	return (uint32_t)h;
}

/* ---- whole-text look-ups --------------------------------------------- */

/* Occurrences of s (any letter case) in the text as whole words. */
static size_t occurrences(const lt_rule_ctx *c, const char *s, size_t n)
{
	size_t i, k, count = 0;

	if (!n)
		return 0;
	for (i = 0; i + n <= c->len; i++) {
		for (k = 0; k < n; k++)
			if (tolower((unsigned char)c->t[i + k]) !=
			    tolower((unsigned char)s[k]))
				break;
		if (k < n)
			continue;
		if (i > 0 && (isalnum((unsigned char)c->t[i - 1]) ||
			      c->t[i - 1] == '-'))
			continue;
		if (i + n < c->len && (isalnum((unsigned char)c->t[i + n]) ||
				       c->t[i + n] == '-'))
			continue;
		count++;
	}
	return count;
}

/* Candidates of `family` whose original is s (any letter case). */
static size_t covered(const lt_rule_ctx *c, unsigned family, const char *s,
		      size_t n)
{
	size_t i, count = 0, k;

	for (i = 0; i < c->out->n; i++) {
		const lt_cand *o = &c->out->c[i];
		size_t m;
		const char *p;

		if (o->family != family || !o->nvariants)
			continue;
		p = var(c, o, 0, &m);
		if (m != n)
			continue;
		for (k = 0; k < n; k++)
			if (tolower((unsigned char)p[k]) !=
			    tolower((unsigned char)s[k]))
				break;
		count += k == n;
	}
	return count;
}

/* The original form of candidate k (without leading spaces) occurs in
 * the text more often than candidates of its family cover: a copy would
 * write one form here and another there. */
static int uncovered(const lt_rule_ctx *c, const lt_cand *k)
{
	size_t n, m, i, count = 0, cov = 0;
	const char *s = var(c, k, 0, &n);

	while (n && *s == ' ') {
		s++;
		n--;
	}
	if (!n)
		return 0;
	if (n == 1 && !isalnum((unsigned char)*s)) {
		for (i = 0; i < c->len; i++)
			count += c->t[i] == *s;
	} else {
		count = occurrences(c, s, n);
	}
	for (i = 0; i < c->out->n; i++) {
		const lt_cand *o = &c->out->c[i];
		const char *p;

		if (o->family != k->family || !o->nvariants)
			continue;
		p = var(c, o, 0, &m);
		while (m && *p == ' ') {
			p++;
			m--;
		}
		cov += m == n && !memcmp(p, s, n);
	}
	return count > cov;
}

/* The word that ends at byte e, or -1. */
static long word_ending(const lt_rule_ctx *c, size_t e)
{
	size_t lo = 0, hi = c->nw;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (c->w[mid].end < e)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nw && c->w[lo].end == e ? (long)lo : -1;
}

/* ---- the families --------------------------------------------------- */

/* Spelling and hyphenation: a form some occurrence of which no candidate
 * covers would leave two spellings of one word in a copy; any variant of
 * a variety the document does not show is handled by the phrase engine
 * (phrases.c).  Singular and plural share one choice per copy, and so do
 * the words of one short hyphenated prefix ("co-", "e-", "on-"). */
static void spelling(lt_rule_ctx *c, lt_cand *k)
{
	size_t n, v;
	const char *s = var(c, k, 0, &n);
	uint64_t h = 1469598103934665603ULL + k->family;

	if (occurrences(c, s, n) > covered(c, k->family, s, n))
		suggest(k, LT_WHY_STYLE);
	/* a closed compound opened up ("online" -> "on-line", "website" ->
	 * "web site") reads as dated or odd in most house styles */
	if (k->family == LT_FAM_HYPHENATION && !memchr(s, '-', n) &&
	    !memchr(s, ' ', n))
		suggest(k, LT_WHY_STYLE);
	for (v = 0; v < k->nvariants; v++) {
		size_t m;
		const char *p = var(c, k, (unsigned)v, &m);

		h = form_hash(h, p, m) | 0x80000000u;
	}
	k->key = (uint32_t)h ? (uint32_t)h : 1;
	/* a prefix closed up or hyphenated ("co-operation" / "co-operate",
	 * "e-mail" / "e-mails"): one choice for every word with it */
	if (k->family == LT_FAM_HYPHENATION && k->nvariants == 2) {
		size_t m, hy;
		const char *p = var(c, k, 1, &m);
		const char *with = memchr(s, '-', n) ? s : p;
		size_t wl = with == s ? n : m, ol = with == s ? m : n;
		const char *hp = memchr(with, '-', wl);

		hy = hp ? (size_t)(hp - with) : 0;
		if (hp && hy <= 4 && ol + 1 == wl && !memchr(hp + 1, '-', wl - hy - 1)) {
			uint64_t ph = 1469598103934665603ULL;

			ph = form_hash(ph, with, hy + 1);
			k->key = ((uint32_t)ph & 0x7ffffffeu) |
				 (uint32_t)(with == s) | 0x40000000u;
		}
	}
}

/* Abbreviations: dots taken away are fine in either variety; dots added
 * only in an American text (a British house style avoids "U.K."); never
 * when a name keeps the form elsewhere ("the U.S. House"); the
 * stop after "Mr"/"Dr" follows the variety and is left alone when it is
 * unknown; clock times ("9 am" / "9 a.m." / "9am") are a house style of
 * their own.  Each kind is one choice per copy. */
static void abbreviation(lt_rule_ctx *c, lt_cand *k)
{
	int dotted = var_has(c, k, 0, ".");

	if (k->nvariants > 2 || var_has(c, k, 0, "m") ||
	    var_has(c, k, 1, "m")) {
		suggest(k, LT_WHY_STYLE); /* a time of day */
		return;
	}
	if (var_is(c, k, 0, ".") || var_is(c, k, 0, "")) {
		/* the stop after a title: "Mr." is American, "Mr" British */
		if (c->style == STYLE_NEUTRAL ||
		    (dotted && c->style == STYLE_US) ||
		    (!dotted && c->style == STYLE_UK))
			suggest(k, LT_WHY_STYLE);
		k->key = 10 + (uint32_t)dotted;
		return;
	}
	if ((!dotted && c->style != STYLE_US) || uncovered(c, k))
		suggest(k, LT_WHY_STYLE);
	k->key = 20 + (uint32_t)dotted;
}

/* Percent: "per cent" is British, "percent" American; "%" either.  The
 * other variety's word is dropped (both words when the variety is
 * unknown, so that only "%" is offered); "%" written as a word in a text
 * of unknown variety, or a form some occurrence of which stays (after a
 * spelled-out number), is a style choice the author approves. */
static void percent(lt_rule_ctx *c, lt_cand *k)
{
	unsigned v;

	if (uncovered(c, k) ||
	    (c->style == STYLE_NEUTRAL && var_is(c, k, 0, "%"))) {
		suggest(k, LT_WHY_STYLE);
		return;
	}
	for (v = 1; v < k->nvariants; v++) {
		int uk = var_has(c, k, v, "per cent");
		int us = !uk && var_has(c, k, v, "percent");

		/* the word of the other variety, or of either when the
		 * variety is unknown ("%" belongs to both) */
		if ((uk && c->style != STYLE_UK) || (us && c->style != STYLE_US))
			drop_variant(k, v--);
	}
}

/* Number format: the thousands separator is one choice per copy; a
 * 24-hour clock written "06.40" is British. */
static void number_format(lt_rule_ctx *c, lt_cand *k)
{
	if (var_has(c, k, 0, ":") || var_has(c, k, 1, ":")) {
		if (c->style != STYLE_UK)
			suggest(k, LT_WHY_STYLE);
		k->key = 30 + (uint32_t)var_has(c, k, 0, ":");
		return;
	}
	k->key = 40 + (uint32_t)var_has(c, k, 0, ",");
}

/* Dates (a suggestion in any case): the other variety's order is never
 * offered, "3 March" in an American text or "March 3" in a British one. */
static void date(lt_rule_ctx *c, lt_cand *k)
{
	unsigned v;
	size_t n;

	if (c->style == STYLE_NEUTRAL)
		return;
	for (v = 1; v < k->nvariants; v++) {
		const char *p = var(c, k, v, &n);
		int day_first = n && isdigit((unsigned char)p[0]);
		const char *o = var(c, k, 0, &n);
		int orig_day_first = n && isdigit((unsigned char)o[0]);

		if (day_first == orig_day_first)
			continue;
		if ((day_first && c->style == STYLE_US) ||
		    (!day_first && c->style == STYLE_UK))
			drop_variant(k, v--);
	}
}

/* Connectives whose comma a strict editor keeps ("However, the..."). */
static const char *const connectives[] = {
	"however", "therefore", "moreover", "furthermore", "additionally",
	"meanwhile", "nevertheless", "nonetheless", "accordingly",
	"consequently", "indeed", "importantly", "notably", "similarly",
	"likewise", "instead", "finally", "overall", "initially",
	"currently", "secondly", "firstly", "thirdly", "lastly", "also",
	"in addition", "as a result", "in particular", "in general",
	"by contrast", "in contrast", "in summary", "in short", "in brief",
	"in conclusion", "above all", "on balance", "on the whole",
	"as a consequence", "as a rule", "in principle", "in practice",
	"in response", "to this end", "to that end", "on this basis",
	"on that basis", "in this regard", "for this reason",
	"for these reasons", "as a precaution", "as a first step",
	"at the same time", "for example", "for instance", "of course",
	"in fact", "in turn", "in other words", "on the other hand",
	"among other things", "amongst other things", "as many of you know",
	"as you know", "with permission", "in the meantime", NULL
};

/* Conjunctions that open a clause; the comma after the clause stays. */
static const char *const clause_openers[] = {
	"when", "if", "once", "as", "although", "though", "while", "whilst",
	"unless", "because", "whenever", "wherever", "where", NULL
};

/* Words that show a phrase after "since"/"until"/"after"/"before" is a
 * clause ("Since we met,"). */
static const char *const clause_words[] = {
	"we", "they", "he", "she", "i", "you", "it", "is", "are", "was",
	"were", "has", "have", "had", "will", "would", "can", "could", NULL
};

/* Intro comma: a comma after a connective, after a clause or before a
 * name addressed stays (only the author may drop it); after a time, place
 * or other phrase it is optional. */
static void intro_comma(lt_rule_ctx *c, lt_cand *k)
{
	long j = word_ending(c, k->start);
	size_t s0, i;
	char phrase[64];
	size_t n = 0;

	if (j < 0)
		return;
	for (s0 = (size_t)j; s0 > 0 && !(c->wf[s0] & WF_SENT) &&
			     (size_t)j - s0 < 8; s0--)
		;
	for (i = s0; i <= (size_t)j; i++) {
		const char *w = wlc(c, i);
		size_t m = strlen(w);

		if (n + m + 2 > sizeof(phrase))
			return;
		if (n)
			phrase[n++] = ' ';
		memcpy(phrase + n, w, m);
		n += m;
	}
	phrase[n] = 0;
	if (in_list(connectives, phrase) || in_list(clause_openers, wlc(c, s0)))
		suggest(k, LT_WHY_PUNCTUATION);
	if (wis(c, s0, "since") || wis(c, s0, "until") || wis(c, s0, "after") ||
	    wis(c, s0, "before"))
		for (i = s0 + 1; i <= (size_t)j; i++)
			if (in_list(clause_words, wlc(c, i)))
				suggest(k, LT_WHY_PUNCTUATION);
	/* two names would run together: "In Islamabad Ahsan Iqbal" */
	if ((c->wf[j] & (WF_CAP | WF_ALLCAPS)) && (size_t)j + 1 < c->nw &&
	    (c->wf[j + 1] & (WF_CAP | WF_ALLCAPS)))
		suggest(k, LT_WHY_PUNCTUATION);
	/* a name addressed after the comma: "With permission, Mr Speaker," */
	for (i = (size_t)j + 1; i < c->nw && (c->wf[i] & (WF_CAP | WF_ALLCAPS));
	     i++)
		if (i + 1 < c->nw && gap_is(c, i, ", ")) {
			suggest(k, LT_WHY_PUNCTUATION);
			break;
		}
}

/* Dashes: a double hyphen only where the text already types one; each
 * form is one choice per copy, so a copy never mixes an em-dash pair
 * with an en-dash pair. */
static void dash(lt_rule_ctx *c, lt_cand *k)
{
	unsigned v, form;

	for (v = 1; v < k->nvariants; v++)
		if (!c->prof.dash_double && var_has(c, k, v, "--"))
			drop_variant(k, v--);
	form = var_has(c, k, 0, EMD) ? 1 : var_has(c, k, 0, END) ? 2 :
	       var_has(c, k, 0, "--") ? 3 : 4;
	k->key = form * 2 + (uint32_t)var_has(c, k, 0, " ");
}

/* A lexical candidate touches candidate k (overlaps it or meets it at an
 * edge): slots.c may keep that one and drop k. */
static int touches_lexical(const lt_rule_ctx *c, const lt_cand *k)
{
	size_t i;

	for (i = 0; i < c->out->n; i++) {
		const lt_cand *o = &c->out->c[i];

		if (!o->nvariants ||
		    lt_rule_family_of(o->family)->channel != LT_CHANNEL_LEXICAL)
			continue;
		if (o->start <= k->end + 1 && o->end + 1 >= k->start)
			return 1;
	}
	return 0;
}

/* Dashes between words (not next to a digit: ranges are no pair) of
 * the form `d` in the text. */
static size_t dashes_in_text(const lt_rule_ctx *c, const char *d)
{
	size_t i, n = strlen(d), count = 0;

	for (i = 1; i + n < c->len; i++) {
		size_t a = i, b = i + n;

		if (memcmp(c->t + i, d, n))
			continue;
		while (a > 0 && c->t[a - 1] == ' ')
			a--;
		while (b < c->len && c->t[b] == ' ')
			b++;
		if (a > 0 && b < c->len && !isdigit((unsigned char)c->t[a - 1]) &&
		    !isdigit((unsigned char)c->t[b]))
			count++;
	}
	return count;
}

/* A typographic form the copy would change in some places only: some
 * occurrence has no candidate, or a candidate that a lexical one may
 * displace.  Then the whole form waits for the author. */
static void typographic_cover(lt_rule_ctx *c, unsigned family,
			      const char *form, size_t in_text)
{
	size_t i, safe = 0;

	for (i = 0; i < c->out->n; i++) {
		lt_cand *k = &c->out->c[i];

		if (k->family == family && k->nvariants &&
		    var_has(c, k, 0, form) && !touches_lexical(c, k))
			safe++;
	}
	if (safe >= in_text)
		return;
	for (i = 0; i < c->out->n; i++) {
		lt_cand *k = &c->out->c[i];

		if (k->family == family && k->nvariants &&
		    var_has(c, k, 0, form))
			suggest(k, LT_WHY_STYLE);
	}
}

/* Aside: commas or parentheses are both plain punctuation in any house
 * style; dashes only where the text already sets words off with spaced
 * em dashes (`dashes`), and "for example" stays "for example" (a word
 * swap is the synonym family's business, not punctuation's). */
static void aside(lt_rule_ctx *c, lt_cand *k, int dashes)
{
	unsigned v;

	for (v = k->nvariants; v-- > 1;) {
		int swap = (var_has(c, k, 0, "for example") &&
			    var_has(c, k, v, "for instance")) ||
			   (var_has(c, k, 0, "for instance") &&
			    var_has(c, k, v, "for example"));

		if (swap || (!dashes && var_has(c, k, v, EMD)))
			drop_variant(k, v);
	}
}

/* The family has at least one candidate in the text. */
static int family_present(const lt_rule_ctx *c, unsigned family)
{
	size_t i;

	for (i = 0; i < c->out->n; i++)
		if (c->out->c[i].family == family && c->out->c[i].nvariants)
			return 1;
	return 0;
}

/* Families whose candidates wait for the author in legal or regulatory
 * text: wording, numbers, order, optional words and commas, case,
 * abbreviations. */
static int legal_restricted(unsigned family)
{
	switch (family) {
	case LT_FAM_SYNONYM: case LT_FAM_CONTRACTION: case LT_FAM_NUMBER_WORD:
	case LT_FAM_NUMBER_FORMAT: case LT_FAM_PERCENT: case LT_FAM_RATE:
	case LT_FAM_AMOUNT: case LT_FAM_TOPIC_PREPOSITION:
	case LT_FAM_COMPOUND_HEAD: case LT_FAM_DATE: case LT_FAM_PAIR_ORDER:
	case LT_FAM_LIST_ORDER: case LT_FAM_OPTIONAL_THAT:
	case LT_FAM_OPTIONAL_OF: case LT_FAM_OPTIONAL_TO:
	case LT_FAM_RELATIVE_WHICH: case LT_FAM_RELATIVE_WHO:
	case LT_FAM_CAPITALISATION: case LT_FAM_LETTER: case LT_FAM_ASIDE:
	case LT_FAM_CLAUSE_COMMA: case LT_FAM_SERIAL_COMMA:
	case LT_FAM_ABBREVIATION:
		return 1;
	default:
		return 0;
	}
}

int lt_rule_safety(lt_rule_ctx *c)
{
	lt_cand_list *l = c->out;
	size_t i, o, serial_yes = 0;
	int quotes = family_present(c, LT_FAM_QUOTES);
	int spaced_em = dashes_in_text(c, " " EMD " ") > 0;

	for (i = 0; i < l->n; i++)
		if (l->c[i].family == LT_FAM_SERIAL_COMMA &&
		    var_is(c, &l->c[i], 0, ","))
			serial_yes++;
	for (i = 0; i < l->n; i++) {
		lt_cand *k = &l->c[i];

		if (k->family == LT_FAM_MARKUP)
			continue;
		switch (k->family) {
		case LT_FAM_SPELLING:
		case LT_FAM_HYPHENATION:
			spelling(c, k);
			break;
		case LT_FAM_ABBREVIATION:
			abbreviation(c, k);
			break;
		case LT_FAM_PERCENT:
			percent(c, k);
			break;
		case LT_FAM_NUMBER_FORMAT:
			number_format(c, k);
			break;
		case LT_FAM_DATE:
			date(c, k);
			break;
		case LT_FAM_SERIAL_COMMA:
			/* added only where the house writes it elsewhere (many
			 * house styles never do); taken away anywhere, since no
			 * house style requires it, all of a copy's at once */
			if (var_is(c, k, 0, "") && !serial_yes)
				suggest(k, LT_WHY_STYLE);
			break;
		case LT_FAM_INTRO_COMMA:
			if (var_is(c, k, 0, ","))
				intro_comma(c, k);
			break;
		case LT_FAM_QUOTES:
			k->key = 1 + (uint32_t)(var_has(c, k, 0, LDQ) ||
						var_has(c, k, 0, RDQ));
			break;
		case LT_FAM_APOSTROPHE:
			/* curly or straight is one choice per copy, taken by
			 * the quotation marks when the text has any */
			if (quotes)
				suggest(k, LT_WHY_STYLE);
			k->key = 1 + (uint32_t)var_has(c, k, 0, RSQ);
			break;
		case LT_FAM_DASH:
			dash(c, k);
			break;
		case LT_FAM_ASIDE:
			aside(c, k, spaced_em);
			break;
		case LT_FAM_SENTENCE_SPACE:
			if (!c->prof.space_two)
				suggest(k, LT_WHY_STYLE);
			k->key = 1 + k->var_len[0];
			break;
		default:
			break;
		}
		if (c->prof.legal && legal_restricted(k->family))
			suggest(k, LT_WHY_LEGAL);
	}
	/* quotation marks and apostrophes: every one of a form changes, or
	 * none (a pair counts two marks; a long quotation has a slot per
	 * mark) */
	typographic_cover(c, LT_FAM_QUOTES, "\"", c->prof.dq_straight / 2);
	typographic_cover(c, LT_FAM_QUOTES, LDQ, c->prof.dq_curly / 2);
	typographic_cover(c, LT_FAM_APOSTROPHE, "'", c->prof.apos_straight);
	typographic_cover(c, LT_FAM_APOSTROPHE, RSQ, c->prof.apos_curly);
	typographic_cover(c, LT_FAM_DASH, EMD, dashes_in_text(c, EMD));
	typographic_cover(c, LT_FAM_DASH, " " END " ",
			  dashes_in_text(c, " " END " "));
	typographic_cover(c, LT_FAM_DASH, " - ", dashes_in_text(c, " - "));
	/* drop candidates left with one variant */
	for (i = o = 0; i < l->n; i++)
		if (l->c[i].nvariants >= 2)
			l->c[o++] = l->c[i];
	l->n = o;
	return LT_OK;
}
