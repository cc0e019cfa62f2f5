/*
 * candidates.c - the words of a plain text and the list of candidate
 * slots the rule families fill.
 *
 * slots.c splits its plain text with lt_words_split() (the same tokens as
 * lt_tokenize()), the families add candidates with lt_cand_add(), and
 * slots.c resolves the list into a slot set.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/text.h"
#include "mark/rules.h"

/* Split into tokens: the spans of lt_tokenize()'s tokens. */
int lt_words_split(lt_word **out, size_t *n, const char *text, size_t len)
{
	lt_tokens *t;
	lt_word *w;
	size_t i;
	int rc;

	if ((rc = lt_tokenize(&t, text, len)))
		return rc;
	if (!(w = malloc((t->n ? t->n : 1) * sizeof(*w)))) {
		lt_tokens_free(t);
		return lt_error_set(LT_ENOMEM, "out of memory (tokens)");
	}
	for (i = 0; i < t->n; i++) {
		w[i].start = t->tok[i].start;
		w[i].end = t->tok[i].end;
	}
	*out = w;
	*n = t->n;
	lt_tokens_free(t);
	return LT_OK;
}

int lt_cand_add(lt_cand_list *l, uint32_t start, uint32_t end,
		unsigned family, unsigned nv, const char *const *v,
		const size_t *vlen)
{
	lt_cand c;
	unsigned i, j, k = 0;
	int rc;

	memset(&c, 0, sizeof(c));
	c.start = start;
	c.end = end;
	c.family = (uint16_t)family;
	{
		const lt_rule_family *f = lt_rule_family_of(family);

		c.use = f ? f->use : LT_SLOT_SUGGESTED;
		c.why = f ? f->why : LT_WHY_NONE;
	}
	for (i = 0; i < nv && k < LT_SLOT_MAX_VARIANTS; i++) {
		int dup = 0;

		for (j = 0; j < i; j++)
			if (vlen[j] == vlen[i] && !memcmp(v[j], v[i], vlen[i]))
				dup = 1;
		if (dup)
			continue;
		c.var_off[k] = (uint32_t)l->arena.len;
		c.var_len[k] = (uint32_t)vlen[i];
		if ((rc = lt_buf_append(&l->arena, v[i], vlen[i])) != 0)
			return rc;
		k++;
	}
	if (k < 2)
		return LT_OK;
	c.nvariants = (uint8_t)k;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		lt_cand *p = realloc(l->c, cap * sizeof(*p));

		if (!p)
			return lt_error_set(LT_ENOMEM, "out of memory (slots)");
		l->c = p;
		l->cap = cap;
	}
	l->c[l->n++] = c;
	return LT_OK;
}

void lt_cand_list_free(lt_cand_list *l)
{
	free(l->c);
	lt_buf_free(&l->arena);
	memset(l, 0, sizeof(*l));
}

int lt_variant_marked(const char *v)
{
	for (; *v; v++)
		if ((unsigned char)*v >= 0x80 || (v[0] == ' ' && v[1] == ' '))
			return 1;
	return 0;
}
