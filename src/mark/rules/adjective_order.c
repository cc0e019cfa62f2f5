/*
 * adjective_order.c - the order of coordinate adjectives: "an
 * independent, full and credible inquiry" / "a full, independent and
 * credible inquiry"; "must be fair, open and transparent" / "must be
 * open, fair and transparent".
 *
 * The commas show that the adjectives are coordinate (each describes the
 * noun on its own), so their order says nothing about what is described;
 * but an author may have put the weightiest first.  The slot is a
 * suggestion for the author (list-order and pair-order handle nouns and
 * fixed pairs; this family handles only adjectives).
 */
#include <string.h>

#include "mark/rules/common.h"

/* =====================================================================
 * Family: order of coordinate adjectives
 *
 * Changes: the order of two to four single-word adjectives written as a
 * list with at least one comma ("A, B noun", "A, B and C noun", "A, B,
 * or C noun", after a determiner or preposition; "is A, B and C." after a
 * form of "be"), keeping every separator where it stands.  Never
 * touches: words that do not look like adjectives by their ending or the
 * short list below; adjectives of sequence, rank, scale, time, number or
 * place ("first", "final", "small", "annual", "federal", "local"), whose
 * order can carry meaning; hyphenated or capitalised words; a list that
 * runs on past four items; quotations.
 * =================================================================== */

/* Adjectives by their look: a suffix, or the list. */
static int adjective(const lt_rule_ctx *c, size_t i)
{
	const char *s = wlc(c, i);

	if (!(c->wf[i] & WF_LOWER) || strlen(s) < 3 ||
	    in_list(lt_wl_ordered_adjectives, s))
		return 0;
	if (in_list(lt_wl_adjectives, s))
		return 1;
	return lt_rule_has_suffix(s, lt_wl_adjective_suffixes);
}

/* Before an attributive list: a determiner or a preposition. */
static int opens_np(const lt_rule_ctx *c, size_t i)
{
	static const char *const before[] = {
		"a", "an", "the", "this", "these", "those", "its", "their",
		"our", "his", "her", "your", "with", "for", "of", "by", "in",
		"on", "to", "from", "provide", "provides", NULL
	};

	return (c->wf[i] & WF_LOWER) && in_list(before, wlc(c, i));
}

static int copula(const lt_rule_ctx *c, size_t i)
{
	static const char *const be[] = {
		"is", "are", "was", "were", "be", "been", "remain", "remains",
		"remained", "become", "becomes", "became", NULL
	};

	return (c->wf[i] & WF_LOWER) && in_list(be, wlc(c, i));
}

/* The article a word takes by its spelling: 1 "an", 0 "a", -1 when the
 * spelling does not tell ("honest", "unique", "European", "one-off"). */
static int article_of(const char *s)
{
	if (!strncmp(s, "eu", 2) || !strncmp(s, "one", 3) || s[0] == 'h' ||
	    s[0] == 'u')
		return -1;
	return strchr("aeio", s[0]) != NULL;
}

/* Add the candidate for items it[0..n) whose separators are the bytes
 * between them: every order but the original, up to the variant limit.
 * After "a" or "an" an order must start with a word taking the same
 * article. */
static int add_orders(lt_rule_ctx *c, const size_t *it, size_t n)
{
	static const unsigned char perms3[5][3] = {
		{ 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 }
	};
	static const unsigned char perms4[7][4] = {
		{ 1, 0, 2, 3 }, { 0, 2, 1, 3 }, { 0, 1, 3, 2 }, { 3, 2, 1, 0 },
		{ 2, 3, 0, 1 }, { 1, 2, 3, 0 }, { 3, 0, 1, 2 }
	};
	char buf[LT_SLOT_MAX_VARIANTS - 1][256];
	const char *alts[LT_SLOT_MAX_VARIANTS - 1];
	uint32_t s = c->w[it[0]].start, e = c->w[it[n - 1]].end;
	unsigned na = 0, p, np = n == 2 ? 1 : n == 3 ? 5 : 7;
	size_t k;
	int article = wis(c, it[0] - 1, "a") || wis(c, it[0] - 1, "an");

	if (e - s >= sizeof(buf[0]))
		return LT_OK;
	for (p = 0; p < np; p++) {
		size_t len = 0, lead = n == 2 ? 1 : n == 3 ? perms3[p][0] :
						    perms4[p][0];

		if (article && lead != 0 &&
		    (article_of(wlc(c, it[lead])) < 0 ||
		     article_of(wlc(c, it[lead])) != article_of(wlc(c, it[0]))))
			continue;

		for (k = 0; k < n; k++) {
			size_t from = n == 2 ? 1 - k :
				      n == 3 ? perms3[p][k] : perms4[p][k];
			const lt_word *w = &c->w[it[from]];
			size_t wl = w->end - w->start;

			memcpy(buf[na] + len, c->t + w->start, wl);
			len += wl;
			if (k + 1 < n) {
				/* the separator that stands after place k */
				uint32_t gs = c->w[it[k]].end,
					 ge = c->w[it[k + 1]].start;

				memcpy(buf[na] + len, c->t + gs, ge - gs);
				len += ge - gs;
			}
		}
		buf[na][len] = '\0';
		alts[na] = buf[na];
		na++;
	}
	return lt_rule_add_alts(c, s, e, LT_FAM_ADJECTIVE_ORDER, alts, na);
}

int lt_rule_adjective_order(lt_rule_ctx *c)
{
	size_t i;
	int rc;

	for (i = 1; i + 2 < c->nw; i++) {
		size_t it[5], n = 0, k = i, commas = 0;
		int attributive, done = 0;

		if (!adjective(c, i) || (c->wf[i] & (WF_QUOTED | WF_SENT)))
			continue;
		attributive = opens_np(c, i - 1);
		if (!attributive && !copula(c, i - 1))
			continue;
		if (!gap_is(c, i - 1, " "))
			continue;
		/* collect "A, B, and C" */
		while (!done && n < 5 && k < c->nw && adjective(c, k) &&
		       !lt_rule_glued(c, c->w[k].start, c->w[k].end)) {
			it[n++] = k;
			if (k + 1 >= c->nw)
				break;
			if (gap_is(c, k, ", ")) {
				commas++;
				if (wexact(c, k + 1, "and") || wexact(c, k + 1, "or")) {
					if (!gap_is(c, k + 1, " "))
						break;
					k += 2;
					done = 1;
				} else {
					k += 1;
				}
			} else if (gap_is(c, k, " ") &&
				   (wexact(c, k + 1, "and") ||
				    wexact(c, k + 1, "or")) &&
				   k + 2 < c->nw && gap_is(c, k + 1, " ")) {
				k += 2;
				done = 1;
			} else {
				break;
			}
			if (done) {
				if (k < c->nw && adjective(c, k) &&
				    !lt_rule_glued(c, c->w[k].start, c->w[k].end))
					it[n++] = k;
				else
					n = 0;
			}
		}
		if (n < 2 || n > 4 || !commas)
			continue;
		/* the list ends where it should: before a noun (attributive)
		 * or at a punctuation mark (after "be") */
		{
			size_t last = it[n - 1];
			const char *after = c->t + c->w[last].end;

			if (attributive) {
				if (last + 1 >= c->nw || !gap_is(c, last, " ") ||
				    !(c->wf[last + 1] & WF_LOWER) ||
				    in_list(lt_rule_function_words,
					    wlc(c, last + 1)) ||
				    lt_rule_glued(c, c->w[last + 1].start,
						  c->w[last + 1].end))
					continue;
			} else if (c->w[last].end >= c->len ||
				   !strchr(".;", *after)) {
				continue;
			}
			/* no list before or after this one */
			if (c->w[last].end < c->len && *after == ',')
				continue;
		}
		if (i >= 2 && gap_is(c, i - 2, ", "))
			continue;
		if (range_quoted(c, c->w[it[0]].start, c->w[it[n - 1]].end))
			continue;
		if ((rc = add_orders(c, it, n)) != 0)
			return rc;
		i = it[n - 1];
	}
	return LT_OK;
}
