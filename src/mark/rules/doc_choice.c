/*
 * doc_choice.c - what a family whose choice is one per copy (registry
 * scope LT_SCOPE_DOC) needs to know before it marks a text.
 *
 * slots.c keeps the candidates of such a family in one group only while
 * each stays a slot of its own: a candidate that overlaps another is
 * dropped or wins, and one that touches another lexical slot (no word
 * between them) is merged with it into a combined slot with a choice of
 * its own.  Either way one place of the text would leave the group, and a
 * copy could then write the form both ways.  A family that must not mix
 * checks its places with lt_rule_lexical_near() and, if any would lose
 * its place or be merged, marks none.
 */
#include "mark/rules/common.h"

/* Whether candidate x shares a byte with [s, e) (a point when s == e). */
static int overlaps(const lt_cand *x, uint32_t s, uint32_t e)
{
	if (s == e)
		return x->start < s && x->end > s;
	if (x->start == x->end)
		return x->start > s && x->start < e;
	return x->start < e && x->end > s;
}

int lt_rule_lexical_near(const lt_rule_ctx *c, uint32_t s, uint32_t e,
			 uint32_t lo, uint32_t hi, unsigned nvariants,
			 unsigned family)
{
	size_t k;

	for (k = 0; k < c->out->n; k++) {
		const lt_cand *x = &c->out->c[k];
		const lt_rule_family *f = lt_rule_family_of(x->family);

		if (!f || f->channel != LT_CHANNEL_LEXICAL || x->family == family)
			continue;
		if (overlaps(x, s, e)) {
			/* slots.c prefers more variants, then the narrower */
			if (x->nvariants > nvariants ||
			    (x->nvariants == nvariants &&
			     x->end - x->start <= e - s))
				return 1;
			continue;
		}
		if (x->start <= hi && x->end >= lo)
			return 1;
	}
	return 0;
}
