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

#include <utf8proc.h>

#include "leaktrace/error.h"
#include "mark/rules.h"

/* Whether code point `c` belongs in a token: a letter, mark or digit. */
static int is_token_cp(utf8proc_int32_t c)
{
	utf8proc_category_t cat = utf8proc_category(c);

	switch (cat) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

/* Split into tokens.  Invalid UTF-8 bytes count as separators. */
int lt_words_split(lt_word **out, size_t *n, const char *text, size_t len)
{
	lt_word *w = NULL, *nw;
	size_t cap = 0, cnt = 0, i = 0;
	long in = -1;

	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k;
		int tok;

		if ((unsigned char)text[i] < 0x80) {
			c = (unsigned char)text[i];
			k = 1;
			tok = isalnum((unsigned char)c) != 0;
		} else {
			k = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
					     (utf8proc_ssize_t)(len - i), &c);
			if (k <= 0) {
				k = 1;
				tok = 0;
			} else {
				tok = is_token_cp(c);
			}
		}
		if (tok && in < 0) {
			in = (long)i;
		} else if (!tok && in >= 0) {
			if (cnt == cap) {
				cap = cap ? cap * 2 : 256;
				nw = realloc(w, cap * sizeof(*w));
				if (!nw) {
					free(w);
					return lt_error_set(LT_ENOMEM, "out of memory (tokens)");
				}
				w = nw;
			}
			w[cnt].start = (uint32_t)in;
			w[cnt].end = (uint32_t)i;
			cnt++;
			in = -1;
		}
		i += (size_t)k;
	}
	if (in >= 0) {
		if (cnt == cap) {
			cap = cap ? cap + 1 : 1;
			nw = realloc(w, cap * sizeof(*w));
			if (!nw) {
				free(w);
				return lt_error_set(LT_ENOMEM, "out of memory (tokens)");
			}
			w = nw;
		}
		w[cnt].start = (uint32_t)in;
		w[cnt].end = (uint32_t)len;
		cnt++;
	}
	*out = w;
	*n = cnt;
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
