/*
 * common.c - the helpers every rule family shares: the rule context (per
 * word: lower-case form, capitalisation, sentence start, inside a
 * quotation; per text: the style profile of mark/style.c and the
 * apostrophe style), adding a candidate, and the word tests several
 * families use.
 *
 * Nothing here finds a slot by itself; the families (one file each or
 * per small group) do, in the order of the registry (registry.c).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "mark/rules/common.h"

/* =====================================================================
 * Rule context: per-word facts computed once
 * =================================================================== */

/* Whether word i starts a sentence, paragraph, line item or heading. */
static int compute_sentence_start(const lt_rule_ctx *c, size_t i)
{
	const char *t = c->t;
	size_t p = c->w[i].start;
	unsigned char ch = 0;

	for (;;) {
		if (p == 0)
			return 1;
		ch = (unsigned char)t[p - 1];
		if (ch == ' ' || ch == '\t' || ch == '(' || ch == '[' ||
		    ch == '"' || ch == '*' || ch == '_' || ch == '#' ||
		    ch == '>' || ch == '\'') {
			p--;
			continue;
		}
		if (p >= 3 && (at3(c, p - 3, LDQ) || at3(c, p - 3, LSQ))) {
			p -= 3;
			continue;
		}
		break;
	}
	if (ch == '\r' || ch == '\n') {
		size_t q = p - 1;

		while (q > 0 && (t[q - 1] == ' ' || t[q - 1] == '\t' ||
				 t[q - 1] == '\r'))
			q--;
		if (q == 0 || t[q - 1] == '\n')
			return 1;
		/* line start within a paragraph: look at the previous line's end */
		p = q;
		ch = (unsigned char)t[p - 1];
		while (p > 1 && (ch == ')' || ch == '"' || ch == '*' ||
				 (ch == 0x9d && p >= 3 && at3(c, p - 3, RDQ)))) {
			p -= ch == 0x9d ? 3 : 1;
			ch = (unsigned char)t[p - 1];
		}
		if (ch == '.' || ch == '!' || ch == '?')
			return 1;
		if (ch == ':')
			return (c->wf[i] & WF_CAP) != 0;
		/* a bullet or a label that begins this line */
	}
	if (ch == '.' || ch == '!' || ch == '?')
		return 1;
	if (ch == ':')
		return (c->wf[i] & WF_CAP) != 0;
	if (ch == ')' || ch == '"' || (p >= 3 && at3(c, p - 3, RDQ))) {
		size_t q = p - (ch == ')' || ch == '"' ? 1 : 3);
		size_t ls = q, k, nonsp = 0;

		if (q > 0 && (t[q - 1] == '.' || t[q - 1] == '!' ||
			      t[q - 1] == '?'))
			return 1;
		if (ch != ')')
			return 0;
		/* list label such as "(a)" or "2)" at line start */
		while (ls > 0 && t[ls - 1] != '\n')
			ls--;
		for (k = ls; k < q; k++)
			if (t[k] != ' ' && t[k] != '\t')
				nonsp++;
		return nonsp <= 4;
	}
	if (ch == '-' || ch == '+' || ch == '*') {
		size_t q = p - 1;

		while (q > 0 && (t[q - 1] == ' ' || t[q - 1] == '\t'))
			q--;
		return q == 0 || t[q - 1] == '\n';
	}
	return 0;
}

/* Mark quotations: straight or curly double quotes paired within a
 * paragraph, and curly single quotes opened by a left single quote. */
static int compute_quotes(lt_rule_ctx *c)
{
	const char *t = c->t;
	size_t i, cap = 0;
	long open = -1, sopen = -1;
	int open_curly = 0;

	for (i = 0; i < c->len; i++) {
		int is_str = t[i] == '"';
		int is_ldq = at3(c, i, LDQ), is_rdq = at3(c, i, RDQ);
		int closes = 0;

		if (t[i] == '\n' && i + 1 < c->len) {
			size_t k = i + 1;

			while (k < c->len && (t[k] == ' ' || t[k] == '\t' ||
					      t[k] == '\r'))
				k++;
			if (k < c->len && t[k] == '\n')
				open = sopen = -1; /* paragraph break */
			continue;
		}
		if (at3(c, i, LSQ) && sopen < 0 && open < 0) {
			sopen = (long)i;
			continue;
		}
		if (at3(c, i, RSQ) && sopen >= 0 &&
		    !(i + 3 < c->len && isalpha((unsigned char)t[i + 3]))) {
			memset(c->quoted + sopen, 1, i + 3 - (size_t)sopen);
			sopen = -1;
			continue;
		}
		if (!is_str && !is_ldq && !is_rdq)
			continue;
		if (open < 0) {
			if (is_rdq)
				continue;
			open = (long)i;
			open_curly = is_ldq;
			continue;
		}
		closes = open_curly ? is_rdq : is_str;
		if (!closes) {
			if (open_curly && is_ldq)
				open = (long)i; /* unbalanced: restart */
			continue;
		}
		{
			size_t ol = open_curly ? 3 : 1, cl = is_rdq ? 3 : 1;

			memset(c->quoted + open, 1, i + cl - (size_t)open);
			if (c->nqp == cap) {
				qpair *np;

				cap = cap ? cap * 2 : 16;
				np = realloc(c->qp, cap * sizeof(*np));
				if (!np)
					return lt_error_set(LT_ENOMEM, "out of memory");
				c->qp = np;
			}
			c->qp[c->nqp].open = (uint32_t)open;
			c->qp[c->nqp].open_len = (uint32_t)ol;
			c->qp[c->nqp].close = (uint32_t)i;
			c->qp[c->nqp].close_len = (uint32_t)cl;
			c->nqp++;
			i += cl - 1;
			open = -1;
		}
	}
	return LT_OK;
}

int lt_rule_ctx_init(lt_rule_ctx *c, const char *text, size_t len,
		     const lt_word *w, size_t nw, lt_cand_list *out)
{
	size_t i, pool = 0, straight = 0, curly = 0;
	int rc;

	memset(c, 0, sizeof(*c));
	c->t = text;
	c->len = len;
	c->w = w;
	c->nw = nw;
	c->out = out;
	for (i = 0; i < nw; i++)
		pool += w[i].end - w[i].start + 1;
	c->lc = malloc(pool + 1);
	c->lco = malloc((nw + 1) * sizeof(*c->lco));
	c->wf = calloc(nw + 1, 1);
	c->quoted = calloc(len + 1, 1);
	if (!c->lc || !c->lco || !c->wf || !c->quoted)
		return lt_error_set(LT_ENOMEM, "out of memory (rules)");
	pool = 0;
	for (i = 0; i < nw; i++) {
		const char *s = text + w[i].start;
		size_t n = w[i].end - w[i].start, k, up = 0, low = 0, dig = 0;

		c->lco[i] = (uint32_t)pool;
		for (k = 0; k < n; k++) {
			unsigned char ch = (unsigned char)s[k];

			up += is_upper(ch);
			low += is_lower(ch);
			dig += ch >= '0' && ch <= '9';
			c->lc[pool++] = (char)tolower(ch);
		}
		c->lc[pool++] = '\0';
		if (dig == n)
			c->wf[i] |= WF_DIGITS;
		if (low == n)
			c->wf[i] |= WF_LOWER;
		if (up >= 2 && up == n)
			c->wf[i] |= WF_ALLCAPS;
		else if (n && is_upper((unsigned char)s[0]) && up < n)
			c->wf[i] |= WF_CAP;
		else if (up == 1 && n == 1)
			c->wf[i] |= WF_CAP;
	}
	for (i = 0; i < nw; i++)
		if (compute_sentence_start(c, i))
			c->wf[i] |= WF_SENT;
	if ((rc = compute_quotes(c)) != 0)
		return rc;
	for (i = 0; i < nw; i++)
		if (c->quoted[w[i].start])
			c->wf[i] |= WF_QUOTED;
	lt_style_profile(&c->prof, text, len, w, nw);
	c->style = c->prof.variety;
	for (i = 0; i + 3 <= len; i++) {
		if (text[i] == '\'')
			straight++;
		else if (at3(c, i, RSQ))
			curly++;
	}
	c->curly_apos = curly > straight;
	return LT_OK;
}

void lt_rule_ctx_free(lt_rule_ctx *c)
{
	free(c->lc);
	free(c->lco);
	free(c->wf);
	free(c->quoted);
	free(c->qp);
}

/* Index of the word that ends exactly at byte e, searching from word i;
 * -1 if e falls inside a word or between words. */
long lt_rule_word_ending_at(const lt_rule_ctx *c, size_t i, size_t e)
{
	for (; i < c->nw && c->w[i].start < e; i++)
		if (c->w[i].end == e)
			return (long)i;
	return -1;
}

/* A word glued to its neighbour by a hyphen, slash, @ or underscore
 * (compounds, paths, addresses, references) is never a trigger. */
int lt_rule_glued(const lt_rule_ctx *c, size_t s, size_t e)
{
	const char *t = c->t;

	if (s > 0 && strchr("-/@_\\.", t[s - 1]) && t[s - 1])
		return t[s - 1] != '.' || (s > 1 && t[s - 2] != ' ');
	if (e < c->len && strchr("-/@_\\", t[e]) && t[e])
		return 1;
	if (e < c->len && (t[e] == '\'' || at3(c, e, RSQ))) {
		size_t k = e + (t[e] == '\'' ? 1 : 3);

		return k < c->len && isalpha((unsigned char)t[k]);
	}
	return 0;
}

const char *const lt_rule_determiners[] = {
	"the", "a", "an", "this", "that", "these", "those", "its", "their",
	"our", "his", "her", "your", "any", "each", "every", "said", "such",
	"further", "no", NULL
};

/* Function words: after a compound adjective they show it is not before
 * a noun ("the approach is risk-based and fair"). */
const char *const lt_rule_function_words[] = {
	"and", "or", "but", "nor", "to", "of", "in", "on", "at", "by",
	"for", "from", "with", "as", "than", "that", "which", "who",
	"is", "are", "was", "were", "be", "been", "will", "would",
	"should", "can", "could", "may", "might", "must", "shall",
	"has", "have", "had", "not", "if", "when", "where", "while",
	"so", "the", "a", "an", "this", "these", "those", "it", "its",
	"their", "our", "into", "over", "under", "across",
	"throughout", "within", "until", "after", "before", "during",
	"because", "also", "only", "rather", "too", "very", "enough",
	"both", "either", "each", "all", "any", "some", "such", "now",
	"then", "there", "here", "since", "unless", "though",
	"although", "whether", "do", "does", "did", NULL
};

/* Determiners and pronouns that safely open a clause. */
const char *const lt_rule_clause_openers[] = {
	"the", "a", "an", "this", "these", "those", "it", "its", "they",
	"their", "we", "our", "there", "he", "she", "his", "her", "you",
	"your", "all", "each", "every", "some", "many", "most", "any",
	"such", "both", "several", NULL
};

/* The following word opens a clause: a determiner or pronoun written in
 * lower case, or a name (capitalised mid-sentence). */
int lt_rule_opens_clause(const lt_rule_ctx *c, size_t i)
{
	if (i >= c->nw)
		return 0;
	if (c->wf[i] & WF_LOWER)
		return in_list(lt_rule_clause_openers, wlc(c, i));
	return (c->wf[i] & WF_CAP) && !(c->wf[i] & WF_SENT);
}

/* A plural noun by its look: lower case ending in -s (not -ss, -us, -is)
 * or a common irregular plural. */
int lt_rule_looks_plural(const lt_rule_ctx *c, size_t i)
{
	static const char *const irregular[] = {
		"people", "staff", "children", "men", "women", "personnel",
		"data", "media", "criteria", "feet", "police", NULL
	};
	static const char *const not_plural[] = {
		"its", "this", "thus", "has", "was", "does", "goes", "plus",
		"less", "unless", "across", "always", "perhaps", "besides",
		"whereas", "towards", "afterwards", "yes", "as", "us", "is",
		"his", "hers", "ours", "yours", "theirs", "sometimes",
		"nevertheless", "regardless", "series", "news", NULL
	};
	const char *s = wlc(c, i);
	size_t n = strlen(s);

	if (!(c->wf[i] & WF_LOWER))
		return 0;
	if (in_list(irregular, s))
		return 1;
	if (n < 3 || s[n - 1] != 's' || s[n - 2] == 's' || s[n - 2] == 'u' ||
	    s[n - 2] == 'i')
		return 0;
	return !in_list(not_plural, s);
}

/* =====================================================================
 * Candidates and numbers
 * =================================================================== */

/* Add candidate [s, e) whose first variant is the text itself, with the
 * `nalt` alternatives given as NUL-terminated strings. */
int lt_rule_add_alts(lt_rule_ctx *c, uint32_t s, uint32_t e, unsigned family,
		     const char *const *alts, unsigned nalt)
{
	const char *v[LT_SLOT_MAX_VARIANTS];
	size_t vl[LT_SLOT_MAX_VARIANTS];
	unsigned i, n = 1;

	if (family != LT_FAM_QUOTES && range_quoted(c, s, e))
		return LT_OK;
	v[0] = c->t + s;
	vl[0] = e - s;
	for (i = 0; i < nalt && n < LT_SLOT_MAX_VARIANTS; i++) {
		v[n] = alts[i];
		vl[n] = strlen(alts[i]);
		n++;
	}
	return lt_cand_add(c->out, s, e, family, n, v, vl);
}

/* Value of a number word ("one" .. "nineteen", "twenty" .. "ninety"),
 * or -1. */
int lt_rule_word_value(const char *w)
{
	int k;

	for (k = 1; k < 20; k++)
		if (!strcmp(lt_wl_number_units[k], w))
			return k;
	for (k = 2; k < 10; k++)
		if (!strcmp(lt_wl_number_tens[k], w))
			return 10 * k;
	return -1;
}

int lt_rule_has_suffix(const char *s, const char *const *suffixes)
{
	size_t n = strlen(s), k;

	for (k = 0; suffixes[k]; k++) {
		size_t m = strlen(suffixes[k]);

		if (n > m + 2 && !strcmp(s + n - m, suffixes[k]))
			return 1;
	}
	return 0;
}
