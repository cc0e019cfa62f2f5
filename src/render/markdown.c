/*
 * markdown.c - the Markdown a document's plain text keeps, as a printed
 * page shows it: which bytes are markup (not printed), which are bold or
 * italic, which source lines are headings or list items.
 *
 * Flow: plain text --lt_md_detect--> is it Markdown? --lt_md_block (per
 * source line)--> heading level or list marker, and where the line's
 * printed content starts --lt_md_inline--> per byte style flags
 * (LT_STYLE_*, render_internal.h) that the planner measures with and the
 * renderer draws with.  Only the plain text is read, so a plan made at
 * trace time from the slot set alone styles the page as every copy was
 * styled.  The markup bytes stay in the plain text (and in the words a
 * reader aligns with it): tokens are letters and digits only, so a page
 * that prints "Date:" in bold for "**Date:**" still aligns word for word.
 */
#include <string.h>

#include "render/render_internal.h"

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_alnum(char c)
{
	unsigned char u = (unsigned char)c;

	return u >= 0x80 || (u >= '0' && u <= '9') ||
	       ((u | 0x20) >= 'a' && (u | 0x20) <= 'z');
}

/* Length of an ATX heading's marker ("## ") at t[a..e), or 0. */
static size_t heading_marker(const char *t, size_t a, size_t e, int *level)
{
	size_t k = a;

	while (k < e && t[k] == '#' && k - a < 6)
		k++;
	if (k == a || k >= e || t[k] != ' ')
		return 0;
	*level = (int)(k - a);
	while (k < e && t[k] == ' ')
		k++;
	return k < e ? k - a : 0;
}

/* Length of a list item's marker ("- ", "* ", "+ ", "12. ", "3) ") at
 * t[a..e), or 0; *number is 1 for a numbered item. */
static size_t list_marker(const char *t, size_t a, size_t e, int *number)
{
	size_t k = a;

	*number = 0;
	if (k < e && (t[k] == '-' || t[k] == '*' || t[k] == '+')) {
		k++;
	} else {
		while (k < e && t[k] >= '0' && t[k] <= '9' && k - a < 4)
			k++;
		if (k == a || k >= e || (t[k] != '.' && t[k] != ')'))
			return 0;
		k++;
		*number = 1;
	}
	if (k >= e || t[k] != ' ')
		return 0;
	while (k < e && t[k] == ' ')
		k++;
	return k < e ? k - a : 0;
}

int lt_md_detect(const char *t, size_t len)
{
	size_t s, k;
	int level;

	for (s = 0; s < len;) {
		const char *nl = memchr(t + s, '\n', len - s);
		size_t e = nl ? (size_t)(nl - t) : len;

		if (heading_marker(t, s, e, &level))
			return 1;
		for (k = s; k + 4 < e; k++)
			if (t[k] == '*' && t[k + 1] == '*' && !is_space(t[k + 2]) &&
			    t[k + 2] != '*' && memchr(t + k + 3, '*', e - k - 3)) {
				const char *c = t + k + 2;

				while ((c = memchr(c, '*', (size_t)(t + e - c))) &&
				       c + 1 < t + e) {
					if (c[1] == '*' && !is_space(c[-1]))
						return 1;
					c++;
				}
				break;
			}
		s = e + 1;
	}
	return 0;
}

void lt_md_block(lt_md_block_info *b, const char *t, size_t a, size_t e)
{
	int level = 0, number = 0;
	size_t n;

	memset(b, 0, sizeof(*b));
	b->content = a;
	if ((n = heading_marker(t, a, e, &level))) {
		b->heading = level > 3 ? 3 : level;
		b->content = a + n;
		return;
	}
	if ((n = list_marker(t, a, e, &number))) {
		size_t m = 0, k;

		b->list = 1;
		b->content = a + n;
		if (!number) {
			memcpy(b->marker, "\xe2\x80\xa2", 4); /* bullet */
			return;
		}
		for (k = a; k < a + n && t[k] != ' ' && m + 1 < sizeof(b->marker);
		     k++)
			b->marker[m++] = t[k];
		b->marker[m] = '\0';
	}
}

/* Find the closer of an emphasis opened by `n` (1 or 2) `c` characters at
 * t[k], in t[k + n .. e): the index of the closer, or 0. */
static size_t closer(const char *t, size_t k, size_t e, char c, size_t n)
{
	size_t j;

	for (j = k + n + 1; j + n <= e; j++) {
		if (t[j] != c || is_space(t[j - 1]))
			continue;
		if (n == 2 && (j + 1 >= e || t[j + 1] != c))
			continue;
		if (n == 1 && ((j + 1 < e && t[j + 1] == c) || t[j - 1] == c))
			continue;
		if (c == '_' && j + 1 < e && is_alnum(t[j + 1]))
			continue;
		return j;
	}
	return 0;
}

void lt_md_inline(uint8_t *style, const char *t, size_t a, size_t e)
{
	size_t k, j, i;

	for (k = a; k < e; k++) {
		char c = t[k];
		size_t n;
		uint8_t flag;

		if ((c != '*' && c != '_') || (style[k] & LT_STYLE_HIDDEN))
			continue;
		if (c == '_' && k > a && is_alnum(t[k - 1]))
			continue; /* snake_case */
		n = c == '*' && k + 1 < e && t[k + 1] == '*' ? 2 : 1;
		if (c == '_' && k + 1 < e && t[k + 1] == '_')
			n = 2;
		if (k + n >= e || is_space(t[k + n]) || t[k + n] == c)
			continue;
		if (!(j = closer(t, k, e, c, n)))
			continue;
		flag = n == 2 ? LT_STYLE_BOLD : LT_STYLE_ITALIC;
		for (i = k; i < k + n; i++)
			style[i] |= LT_STYLE_HIDDEN;
		for (i = j; i < j + n; i++)
			style[i] |= LT_STYLE_HIDDEN;
		for (i = k + n; i < j; i++)
			style[i] |= flag;
		k += n - 1; /* emphasis may nest inside */
	}
}
