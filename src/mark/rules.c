/*
 * rules.c - the rule families that find marking opportunities in a plain
 * text.
 *
 * lt_rules_find() tokenises nothing itself: it gets the words from slots.c,
 * computes per-word facts (lower-case form, capitalisation, sentence
 * start, inside a quotation) once, then runs each family in turn.  Each
 * family appends candidate slots; overlaps between families are resolved
 * later by slots.c.  Every family section says what it changes and what it
 * must never touch.  Common guarantees, enforced here for every family but
 * the quotation marks themselves:
 *   - nothing inside a quotation is changed;
 *   - a word capitalised in mid-sentence (a name) is never a trigger;
 *   - numbers keep their value, negations and modals ("not", "shall",
 *     "must", "may", "will") are never variants.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "leaktrace/error.h"
#include "leaktrace/text.h"
#include "mark/rules.h"

/* =====================================================================
 * Words and candidates
 * =================================================================== */

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

/* =====================================================================
 * Rule context: per-word facts computed once
 * =================================================================== */

enum {
	WF_CAP = 1,     /* first letter upper case, rest not all caps */
	WF_ALLCAPS = 2, /* two or more letters, all upper case */
	WF_DIGITS = 4,  /* ASCII digits only */
	WF_LOWER = 8,   /* ASCII lower-case letters only */
	WF_SENT = 16,   /* starts a sentence, a paragraph or a list item */
	WF_QUOTED = 32  /* inside a quotation */
};

enum { STYLE_NEUTRAL = 0, STYLE_UK = 1, STYLE_US = 2 };

typedef struct qpair {
	uint32_t open, open_len, close, close_len;
} qpair;

typedef struct rctx {
	const char *t;
	size_t len;
	const lt_word *w;
	size_t nw;
	char *lc;          /* lower-case ASCII forms, NUL-separated */
	uint32_t *lco;     /* offset of word i's form in lc */
	uint8_t *wf;       /* WF_* per word */
	uint8_t *quoted;   /* per byte: inside a quotation */
	qpair *qp;         /* quotation pairs */
	size_t nqp;
	int style;         /* STYLE_* */
	int curly_apos;    /* the text prefers typographic apostrophes */
	lt_cand_list *out;
} rctx;

static const char *wlc(const rctx *c, size_t i)
{
	return c->lc + c->lco[i];
}

/* Word i's lower-case form equals s. */
static int wis(const rctx *c, size_t i, const char *s)
{
	return i < c->nw && !strcmp(wlc(c, i), s);
}

/* Word i is written exactly as s (all lower case). */
static int wexact(const rctx *c, size_t i, const char *s)
{
	size_t n = strlen(s);

	return i < c->nw && c->w[i].end - c->w[i].start == n &&
	       !memcmp(c->t + c->w[i].start, s, n);
}

static int in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return 1;
	return 0;
}

/* The bytes between word i and word i+1 are exactly s. */
static int gap_is_strict(const rctx *c, size_t i, const char *s)
{
	size_t n = strlen(s);

	return i + 1 < c->nw &&
	       c->w[i + 1].start - c->w[i].end == n &&
	       !memcmp(c->t + c->w[i].end, s, n);
}

/* The same, except that a line break in a hard-wrapped paragraph counts
 * as the single space it stands for (context checks only: a slot range
 * that removes such a gap would change the line structure). */
static int gap_is(const rctx *c, size_t i, const char *s)
{
	const char *g, *ge;

	if (i + 1 >= c->nw)
		return 0;
	g = c->t + c->w[i].end;
	ge = c->t + c->w[i + 1].start;
	for (; *s; s++) {
		if (g < ge && *g == *s) {
			g++;
			continue;
		}
		if (*s != ' ' || g >= ge)
			return 0;
		if (*g == '\r' && g + 1 < ge && g[1] == '\n')
			g += 2;
		else if (*g == '\n')
			g++;
		else
			return 0;
	}
	return g == ge;
}

/* Any byte of [s, e) is inside a quotation (for e == s: both sides). */
static int range_quoted(const rctx *c, uint32_t s, uint32_t e)
{
	uint32_t i;

	if (s == e)
		return s > 0 && s < c->len && c->quoted[s - 1] && c->quoted[s];
	for (i = s; i < e && i < c->len; i++)
		if (c->quoted[i])
			return 1;
	return 0;
}

/* Add candidate [s, e) whose first variant is the text itself, with the
 * `nalt` alternatives given as NUL-terminated strings. */
static int add_alts(rctx *c, uint32_t s, uint32_t e, unsigned family,
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

static int add1(rctx *c, uint32_t s, uint32_t e, unsigned family,
		const char *alt)
{
	return add_alts(c, s, e, family, &alt, 1);
}

static int is_upper(int ch) { return ch >= 'A' && ch <= 'Z'; }
static int is_lower(int ch) { return ch >= 'a' && ch <= 'z'; }

/* Start of a UTF-8 sequence at p equals the 3-byte sequence s. */
static int at3(const rctx *c, size_t p, const char *s)
{
	return p + 3 <= c->len && !memcmp(c->t + p, s, 3);
}

#define LDQ "\xe2\x80\x9c" /* left double quotation mark */
#define RDQ "\xe2\x80\x9d"
#define LSQ "\xe2\x80\x98"
#define RSQ "\xe2\x80\x99" /* also the typographic apostrophe */
#define EMD "\xe2\x80\x94"
#define END "\xe2\x80\x93"
#define NBSP "\xc2\xa0"

/* Whether word i starts a sentence, paragraph, line item or heading. */
static int compute_sentence_start(const rctx *c, size_t i)
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
static int compute_quotes(rctx *c)
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

static int rctx_init(rctx *c, const char *text, size_t len,
		     const lt_word *w, size_t nw, lt_cand_list *out)
{
	size_t i, pool = 0, uk = 0, us = 0, straight = 0, curly = 0;
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
		if (in_list(lt_wl_style_uk, c->lc + c->lco[i]))
			uk++;
		if (in_list(lt_wl_style_us, c->lc + c->lco[i]))
			us++;
	}
	for (i = 0; i < nw; i++)
		if (compute_sentence_start(c, i))
			c->wf[i] |= WF_SENT;
	if ((rc = compute_quotes(c)) != 0)
		return rc;
	for (i = 0; i < nw; i++)
		if (c->quoted[w[i].start])
			c->wf[i] |= WF_QUOTED;
	c->style = uk > us ? STYLE_UK : us > uk ? STYLE_US : STYLE_NEUTRAL;
	for (i = 0; i + 3 <= len; i++) {
		if (text[i] == '\'')
			straight++;
		else if (at3(c, i, RSQ))
			curly++;
	}
	c->curly_apos = curly > straight;
	return LT_OK;
}

static void rctx_free(rctx *c)
{
	free(c->lc);
	free(c->lco);
	free(c->wf);
	free(c->quoted);
	free(c->qp);
}

/* Index of the word that ends exactly at byte e, searching from word i;
 * -1 if e falls inside a word or between words. */
static long word_ending_at(const rctx *c, size_t i, size_t e)
{
	for (; i < c->nw && c->w[i].start < e; i++)
		if (c->w[i].end == e)
			return (long)i;
	return -1;
}

/* A word glued to its neighbour by a hyphen, slash, @ or underscore
 * (compounds, paths, addresses, references) is never a trigger. */
static int glued(const rctx *c, size_t s, size_t e)
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

static const char *const determiners[] = {
	"the", "a", "an", "this", "that", "these", "those", "its", "their",
	"our", "his", "her", "your", "any", "each", "every", "said", "such",
	"further", "no", NULL
};

/* Function words: after a compound adjective they show it is not before
 * a noun ("the approach is risk-based and fair"). */
static const char *const function_words[] = {
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
static const char *const clause_openers[] = {
	"the", "a", "an", "this", "these", "those", "it", "its", "they",
	"their", "we", "our", "there", "he", "she", "his", "her", "you",
	"your", "all", "each", "every", "some", "many", "most", "any",
	"such", "both", "several", NULL
};

/* The following word opens a clause: a determiner or pronoun written in
 * lower case, or a name (capitalised mid-sentence). */
static int opens_clause(const rctx *c, size_t i)
{
	if (i >= c->nw)
		return 0;
	if (c->wf[i] & WF_LOWER)
		return in_list(clause_openers, wlc(c, i));
	return (c->wf[i] & WF_CAP) && !(c->wf[i] & WF_SENT);
}

/* A plural noun by its look: lower case ending in -s (not -ss, -us, -is)
 * or a common irregular plural. */
static int looks_plural(const rctx *c, size_t i)
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
 * Family: synonyms, hyphenation, spelling variants, pair order
 * (one phrase engine driven by the word lists)
 *
 * Changes: one phrase of a curated group into another of the same group,
 * keeping the capital of a sentence-initial first letter and the article
 * ("a"/"an") agreement.  Never touches: a capitalised word in mid-sentence
 * (a name), text inside quotations, a phrase glued to a neighbour by a
 * hyphen or slash, ALL-CAPS headings, a variant the document's house style
 * excludes (British-only spellings in an American text and vice versa).
 * =================================================================== */

enum {
	GF_ONEWAY = 1 << 0, GF_SENT_COMMA = 1 << 1, GF_SENT = 1 << 2,
	GF_MID = 1 << 3, GF_AFTER_COMMA = 1 << 4, GF_NOT_OF = 1 << 5,
	GF_NOT_DET = 1 << 6, GF_NEXT_LOWER = 1 << 7, GF_AFTER_DET = 1 << 8,
	GF_AFTER_HAVE = 1 << 9, GF_CAUSAL = 1 << 10, GF_NOT_ASKED = 1 << 11,
	GF_BEFORE_NUMBER = 1 << 12, GF_NOT_PREP = 1 << 13,
	GF_CLAUSE_END = 1 << 14, GF_NOT_TO_OR = 1 << 15
};

#define MAX_GROUPS 1024
#define MAX_TRIGGERS 4096
#define POOL_SIZE 65536

typedef struct vgroup {
	uint16_t family;
	uint16_t flags;
	uint8_t nv;
	uint8_t style[LT_SLOT_MAX_VARIANTS];
	const char *v[LT_SLOT_MAX_VARIANTS];
} vgroup;

typedef struct trigger {
	uint64_t key;
	uint16_t group;
	uint8_t var;
} trigger;

static vgroup groups[MAX_GROUPS];
static size_t ngroups;
static trigger triggers[MAX_TRIGGERS];
static size_t ntriggers;
static char pool[POOL_SIZE];
static size_t pool_used;
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

/* FNV-1a over a lower-case token. */
static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)tolower((unsigned char)s[i]);
		h *= 1099511628211ULL;
	}
	return h;
}

/* Hash of the first token of a phrase. */
static uint64_t first_token_key(const char *s)
{
	size_t n = 0;

	while (s[n] && isalnum((unsigned char)s[n]))
		n++;
	return hash_bytes(s, n);
}

static const char *pool_dup(const char *s, size_t n)
{
	char *p;

	if (pool_used + n + 1 > POOL_SIZE)
		return NULL;
	p = pool + pool_used;
	memcpy(p, s, n);
	p[n] = '\0';
	pool_used += n + 1;
	return p;
}

static void add_trigger(size_t g, unsigned v)
{
	if (ntriggers >= MAX_TRIGGERS)
		return;
	triggers[ntriggers].key = first_token_key(groups[g].v[v]);
	triggers[ntriggers].group = (uint16_t)g;
	triggers[ntriggers].var = (uint8_t)v;
	ntriggers++;
}

/* Parse one "FLAGS:v1|v2|..." entry into a group. */
static void parse_group(const char *entry, unsigned family)
{
	const char *colon = strchr(entry, ':'), *p;
	vgroup *g;
	unsigned v;

	if (!colon || ngroups >= MAX_GROUPS)
		return;
	g = &groups[ngroups];
	memset(g, 0, sizeof(*g));
	g->family = (uint16_t)family;
	for (p = entry; p < colon; p++) {
		switch (*p) {
		case '>': g->flags |= GF_ONEWAY; break;
		case '^': g->flags |= GF_SENT_COMMA; break;
		case 's': g->flags |= GF_SENT; break;
		case 'm': g->flags |= GF_MID; break;
		case ',': g->flags |= GF_AFTER_COMMA; break;
		case 'o': g->flags |= GF_NOT_OF; break;
		case 'v': g->flags |= GF_NOT_DET; break;
		case 'n': g->flags |= GF_NEXT_LOWER; break;
		case 'd': g->flags |= GF_AFTER_DET; break;
		case 'h': g->flags |= GF_AFTER_HAVE; break;
		case 'c': g->flags |= GF_CAUSAL; break;
		case 'a': g->flags |= GF_NOT_ASKED; break;
		case 'D': g->flags |= GF_BEFORE_NUMBER; break;
		case 'P': g->flags |= GF_NOT_PREP; break;
		case 'E': g->flags |= GF_CLAUSE_END; break;
		case 'W': g->flags |= GF_NOT_TO_OR; break;
		default: break;
		}
	}
	p = colon + 1;
	while (*p && g->nv < LT_SLOT_MAX_VARIANTS) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		uint8_t style = STYLE_NEUTRAL;

		if (n && p[n - 1] == '!') {
			style = STYLE_UK;
			n--;
		} else if (n && p[n - 1] == '~') {
			style = STYLE_US;
			n--;
		}
		g->style[g->nv] = style;
		g->v[g->nv] = pool_dup(p, n);
		if (!g->v[g->nv])
			return;
		g->nv++;
		p += n + (style != STYLE_NEUTRAL);
		if (*p == '|')
			p++;
	}
	if (g->nv < 2)
		return;
	for (v = 0; v < g->nv; v++)
		if (v == 0 || !(g->flags & GF_ONEWAY))
			add_trigger(ngroups, v);
	ngroups++;
}

static int trigger_cmp(const void *a, const void *b)
{
	const trigger *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

static void build_tables(void)
{
	size_t i;
	char buf[256];

	for (i = 0; lt_wl_synonyms[i]; i++)
		parse_group(lt_wl_synonyms[i], LT_FAM_SYNONYM);
	for (i = 0; lt_wl_hyphens[i]; i++)
		parse_group(lt_wl_hyphens[i], LT_FAM_HYPHENATION);
	for (i = 0; lt_wl_spelling[i]; i++)
		parse_group(lt_wl_spelling[i], LT_FAM_SPELLING);
	for (i = 0; lt_wl_pairs[i]; i++) {
		const char *s = lt_wl_pairs[i], *bar = strchr(s, '|');
		int n;

		if (!bar)
			continue;
		n = snprintf(buf, sizeof(buf), "=:%.*s and %s|%s and %.*s",
			     (int)(bar - s), s, bar + 1, bar + 1,
			     (int)(bar - s), s);
		if (n > 0 && (size_t)n < sizeof(buf))
			parse_group(buf, LT_FAM_PAIR_ORDER);
	}
	qsort(triggers, ntriggers, sizeof(*triggers), trigger_cmp);
}

static int starts_vowel(const char *s)
{
	return strchr("aeiouAEIOU", s[0]) != NULL && s[0];
}

/* Words after which "about" names a topic, not an approximation. */
static const char *const about_takers[] = {
	"information", "questions", "question", "queries", "query",
	"enquiries", "enquiry", "inquiries", "inquiry", "concerns", "concern",
	"details", "guidance", "advice", "comments", "comment", "views",
	"feedback", "complaints", "complaint", "evidence", "data", "figures",
	"statistics", "updates", "update", "news", "report", "reports",
	"ask", "asks", "asked", "know", "knows", "knew", "known", "learn",
	"learned", "learnt", "hear", "heard", "talk", "talked", "think",
	"thought", "speak", "spoke", "write", "wrote", "written", "say",
	"says", "said", "tell", "told", "complain", "complained", "worry",
	"worried", "concerned", "care", "cares", "read", "remind", "reminded",
	"inform", "informed", "warn", "warned", "something", "anything",
	"nothing", "more", "much", "writing", "thinking", "talking",
	"asking", "speaking", "learning", "reading", "hearing", "telling",
	"worrying", "caring", "complaining", "warning", "informing",
	"reminding", "remind", "write", "writes", "talks", "thinks",
	"speaks", "reads", "hears", "tells", "learns", NULL
};

static int word_value(const char *w);

/* Check the context flags of group g for a match of words [i, j]. */
static int group_context_ok(const rctx *c, const vgroup *g, size_t i,
			    size_t j, size_t e)
{
	int sent = (c->wf[i] & WF_SENT) != 0;
	const char *prev = i > 0 ? wlc(c, i - 1) : "";
	const char *next = j + 1 < c->nw ? wlc(c, j + 1) : "";

	if ((g->flags & (GF_SENT_COMMA | GF_SENT)) && !sent)
		return 0;
	if ((g->flags & GF_SENT_COMMA) && (e >= c->len || c->t[e] != ','))
		return 0;
	if ((g->flags & GF_MID) && sent)
		return 0;
	if (g->flags & GF_AFTER_COMMA) {
		size_t p = c->w[i].start;

		while (p > 0 && c->t[p - 1] == ' ')
			p--;
		if (!sent && !(p > 0 && c->t[p - 1] == ','))
			return 0;
	}
	if ((g->flags & GF_NOT_OF) && (!strcmp(next, "of") ||
					!strcmp(next, "other")))
		return 0;
	if (g->flags & GF_NOT_PREP) {
		/* "immediately after the meeting" has no "at once" form. */
		static const char *const preps[] = {
			"after", "before", "following", "upon", "on", "prior",
			"once", "when", "if", "to", "from", "at", "in", NULL
		};

		for (size_t k = 0; preps[k]; k++)
			if (!strcmp(next, preps[k]))
				return 0;
	}
	if (g->flags & GF_BEFORE_NUMBER) {
		static const char *const negators[] = {
			"no", "not", "nothing", "none", "never", NULL
		};
		size_t p = e;

		/* "no more than 5", "not less than 10": left alone */
		if (in_list(negators, prev))
			return 0;
		/* "information about 300 complaints": "about" is the topic */
		if (wis(c, i, "about") && i > 0 && in_list(about_takers, prev))
			return 0;

		while (p < c->len && c->t[p] == ' ')
			p++;
		/* a number word from two up: "more than three months" */
		if (j + 1 < c->nw && c->w[j + 1].start == p &&
		    (c->wf[j + 1] & WF_LOWER) && word_value(next) >= 2)
			;
		else if (p >= c->len || !(isdigit((unsigned char)c->t[p]) ||
				     c->t[p] == '$' || at3(c, p, "\xe2\x82\xac") ||
				     (p + 2 <= c->len &&
				      !memcmp(c->t + p, "\xc2\xa3", 2))))
			return 0;
	}
	if ((g->flags & GF_NOT_TO_OR) &&
	    (!strcmp(next, "to") || !strcmp(next, "or")))
		return 0;
	if ((g->flags & GF_CLAUSE_END) && e < c->len &&
	    !strchr(".,;:)!?", c->t[e]))
		return 0;
	if ((g->flags & GF_NOT_DET) && i > 0 && in_list(determiners, prev))
		return 0;
	if ((g->flags & GF_AFTER_DET) && !(i > 0 && in_list(determiners, prev)))
		return 0;
	if ((g->flags & GF_AFTER_HAVE) && strcmp(prev, "has") &&
	    strcmp(prev, "have") && strcmp(prev, "had"))
		return 0;
	if ((g->flags & GF_NOT_ASKED) && !strcmp(next, "asked"))
		return 0;
	if (g->flags & GF_NEXT_LOWER) {
		if (j + 1 >= c->nw || !gap_is(c, j, " ") ||
		    !is_lower((unsigned char)c->t[c->w[j + 1].start]) ||
		    in_list(function_words, next))
			return 0;
	}
	if (g->flags & GF_CAUSAL) {
		static const char *const money[] = {
			"payment", "payments", "amount", "amounts", "sum",
			"sums", "fund", "funds", "fee", "fees", "money",
			"monies", "balance", "rent", "tax", "interest",
			"compensation", "credit", "refund", "owed", "paid",
			"debt", "debts", NULL
		};
		if (i > 0 && (in_list(money, prev) || (c->wf[i - 1] & WF_DIGITS)))
			return 0;
		if (j + 1 >= c->nw)
			return 0;
		if (!in_list(clause_openers, next) && !looks_plural(c, j + 1))
			return 0;
	}
	return 1;
}

/* Try group g's variant vi as a match at word i; add a candidate. */
static int try_group(rctx *c, const vgroup *g, unsigned vi, size_t i)
{
	const char *v = g->v[vi];
	size_t n = strlen(v), s = c->w[i].start, e = s + n, k;
	const char *alts[LT_SLOT_MAX_VARIANTS];
	char altbuf[LT_SLOT_MAX_VARIANTS][96];
	unsigned na = 0, a;
	long j;
	int cap, article = 0;

	if (e > c->len || (c->wf[i] & (WF_QUOTED | WF_ALLCAPS)))
		return LT_OK;
	/* the first letter may be upper case, the rest must match exactly */
	if (tolower((unsigned char)c->t[s]) != v[0])
		return LT_OK;
	if (memcmp(c->t + s + 1, v + 1, n - 1))
		return LT_OK;
	cap = is_upper((unsigned char)c->t[s]);
	if (cap && !(c->wf[i] & WF_SENT))
		return LT_OK;
	j = word_ending_at(c, i, e);
	if (j < 0 || glued(c, s, e))
		return LT_OK;
	if (!group_context_ok(c, g, i, (size_t)j, e))
		return LT_OK;
	if (g->style[vi] != STYLE_NEUTRAL && c->style != STYLE_NEUTRAL &&
	    g->style[vi] != c->style)
		return LT_OK;
	if (i > 0 && (wexact(c, i - 1, "a") || wexact(c, i - 1, "an") ||
		      wexact(c, i - 1, "A") || wexact(c, i - 1, "An")))
		article = 1;
	for (a = 0; a < g->nv; a++) {
		if (a == vi)
			continue;
		if (g->style[a] != STYLE_NEUTRAL && c->style != STYLE_NEUTRAL &&
		    g->style[a] != c->style)
			continue;
		if (article && starts_vowel(g->v[a]) != starts_vowel(v))
			continue;
		k = strlen(g->v[a]);
		if (k + 1 > sizeof(altbuf[0]))
			continue;
		memcpy(altbuf[na], g->v[a], k + 1);
		if (cap)
			altbuf[na][0] = (char)toupper((unsigned char)altbuf[na][0]);
		alts[na] = altbuf[na];
		na++;
	}
	if (!na)
		return LT_OK;
	return add_alts(c, (uint32_t)s, (uint32_t)e, g->family, alts, na);
}

static int rule_phrase_groups(rctx *c)
{
	size_t i, lo, hi, mid;
	int rc;

	for (i = 0; i < c->nw; i++) {
		uint64_t key = hash_bytes(c->t + c->w[i].start,
					  c->w[i].end - c->w[i].start);

		lo = 0;
		hi = ntriggers;
		while (lo < hi) {
			mid = (lo + hi) / 2;
			if (triggers[mid].key < key)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < ntriggers && triggers[lo].key == key; lo++) {
			const trigger *tr = &triggers[lo];

			rc = try_group(c, &groups[tr->group], tr->var, i);
			if (rc)
				return rc;
		}
	}
	return LT_OK;
}

/* =====================================================================
 * Family: serial comma
 *
 * Changes: the comma before the last "and"/"or" of a list of three or
 * more short items ("A, B, and C" <-> "A, B and C").  Never touches: a
 * comma that joins clauses (the item after "and" opening with a pronoun),
 * a comma after an introductory phrase, items longer than three words,
 * lists inside quotations.
 * =================================================================== */

static const char *const subordinators[] = {
	"if", "when", "where", "as", "in", "on", "at", "for", "to", "by",
	"with", "after", "before", "following", "since", "once", "while",
	"whilst", "although", "though", "because", "unless", "until",
	"during", "under", "over", "given", "despite", "however", "finally",
	"first", "second", "third", "currently", "also", "additionally",
	"furthermore", "moreover", "therefore", "thus", "meanwhile",
	"nevertheless", "overall", "today", "again", "from", "within",
	"having", "whereas", "last", "next", "this", "accordingly", "so",
	"instead", "indeed", "yet", "still", "then", "now", "here", NULL
};

static int rule_serial_comma(rctx *c)
{
	static const char *const pronouns[] = {
		"we", "it", "they", "there", "he", "she", "i", "you", "this",
		"that", "these", "those", "its", NULL
	};
	size_t i;
	int rc;

	for (i = 2; i + 1 < c->nw; i++) {
		size_t j = i - 1, k, s0, m;
		int serial, found = 0, commas_before = 0;

		if (!wexact(c, i, "and") && !wexact(c, i, "or"))
			continue;
		if (gap_is(c, j, ", "))
			serial = 1;
		else if (gap_is(c, j, " "))
			serial = 0;
		else
			continue;
		if (!gap_is(c, i, " ") || in_list(pronouns, wlc(c, i + 1)))
			continue;
		/* find the previous list comma within three words */
		for (k = j; k > 0 && j - k < 3; k--) {
			size_t g = k - 1;
			const char *gs = c->t + c->w[g].end;
			size_t gl = c->w[k].start - c->w[g].end, x;
			int stop = 0;

			if (wexact(c, k, "and") || wexact(c, k, "or"))
				break;
			if (c->wf[k] & WF_SENT)
				break;
			if (gap_is(c, g, ", ")) {
				found = 1;
				k = g;
				break;
			}
			for (x = 0; x < gl; x++)
				if (gs[x] != ' ' && gs[x] != '-')
					stop = 1;
			if (stop)
				break;
		}
		if (!found)
			continue;
		/* the sentence that holds the list */
		for (s0 = k; s0 > 0 && !(c->wf[s0] & WF_SENT) && k - s0 < 60; s0--)
			;
		for (m = s0; m < k; m++) {
			const char *gs = c->t + c->w[m].end;

			if (memchr(gs, ',', c->w[m + 1].start - c->w[m].end))
				commas_before++;
		}
		if (!commas_before && (c->wf[s0] & WF_SENT) &&
		    in_list(subordinators, wlc(c, s0)))
			continue;
		if (serial)
			rc = add1(c, c->w[j].end, c->w[j].end + 1,
				  LT_FAM_SERIAL_COMMA, "");
		else
			rc = add1(c, c->w[j].end, c->w[j].end,
				  LT_FAM_SERIAL_COMMA, ",");
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Family: optional "that"
 *
 * Changes: drops "that" after a reporting verb before a clause ("stated
 * that the" -> "stated the"), and adds it where the verb is followed
 * directly by a subject pronoun, which can only open a clause ("said we
 * would" -> "said that we would"; "expect there will" likewise).
 * Never touches: "that" as a demonstrative or relative pronoun (the next
 * word must be a determiner, pronoun or name), a clause opened by a
 * negation ("found that no"), quotations.
 * =================================================================== */

static int rule_optional_that(rctx *c)
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
		    !(i >= 2 && in_list(determiners, wlc(c, i - 2))))
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
		if (!opens_clause(c, i + 1))
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
 * Family: abbreviations with or without full stops
 *
 * Changes: "U.S." <-> "US" (also U.K., U.N., E.U.) and the stop after
 * the titles Mr, Mrs, Ms and Dr.  Never touches: an abbreviation that may
 * end a sentence (the stop would double as a full stop), "US"/"UK" in an
 * ALL-CAPS line (it may be the word "us"), the name after a title.
 * =================================================================== */

static int rule_abbreviations(rctx *c)
{
	static const char *const pairs[] = { "US", "UK", "UN", "EU", NULL };
	static const char *const titles[] = { "Mr", "Mrs", "Ms", "Dr", NULL };
	static const char *const starters[] = {
		"the", "this", "it", "we", "they", "there", "a", "an", "in",
		"on", "at", "for", "as", "all", "each", "he", "she", "our",
		"these", "those", "its", "however", "if", "when", "i", NULL
	};
	const char *t = c->t;
	size_t i, p;
	int rc;

	for (i = 0; i < c->nw; i++) {
		size_t s = c->w[i].start, e = c->w[i].end, n = e - s;

		/* dotted form: two single capitals each followed by a stop */
		if (n == 1 && i + 1 < c->nw && e < c->len && t[e] == '.' &&
		    c->w[i + 1].start == e + 1 &&
		    c->w[i + 1].end == e + 2 && e + 2 < c->len &&
		    t[e + 2] == '.' && (s == 0 || !isalnum((unsigned char)t[s - 1]))
		    && t[s - 1 + (s == 0)] != '.') {
			char two[3] = { t[s], t[e + 1], 0 };
			size_t after = e + 3;

			if (!in_list(pairs, two) || (s > 0 && t[s - 1] == '.'))
				continue;
			if (after >= c->len || t[after] != ' ' || i + 2 >= c->nw ||
			    c->w[i + 2].start != after + 1)
				continue;
			if (in_list(starters, wlc(c, i + 2)) &&
			    !(c->wf[i + 2] & WF_LOWER))
				continue;
			rc = add1(c, (uint32_t)s, (uint32_t)after,
				  LT_FAM_ABBREVIATION, two);
			if (rc)
				return rc;
			i++;
			continue;
		}
		if (n == 2 && (c->wf[i] & WF_ALLCAPS)) {
			char dotted[5];
			char two[3] = { t[s], t[s + 1], 0 };

			if (!in_list(pairs, two) || glued(c, s, e))
				continue;
			if ((i > 0 && (c->wf[i - 1] & WF_ALLCAPS)) ||
			    (i + 1 < c->nw && (c->wf[i + 1] & WF_ALLCAPS)))
				continue;
			if (e >= c->len || t[e] != ' ' || (s > 0 && t[s - 1] == '.'))
				continue;
			dotted[0] = two[0];
			dotted[1] = '.';
			dotted[2] = two[1];
			dotted[3] = '.';
			dotted[4] = 0;
			rc = add1(c, (uint32_t)s, (uint32_t)e,
				  LT_FAM_ABBREVIATION, dotted);
			if (rc)
				return rc;
			continue;
		}
		/* titles: "Mr." <-> "Mr" before a capitalised name */
		{
			char w4[5] = { 0 };

			if (n > 3)
				continue;
			memcpy(w4, t + s, n);
			if (!in_list(titles, w4) || glued(c, s, e))
				continue;
			p = e;
			if (p < c->len && t[p] == '.')
				p++;
			if (p >= c->len || t[p] != ' ' || i + 1 >= c->nw ||
			    c->w[i + 1].start != p + 1 ||
			    !is_upper((unsigned char)t[p + 1]))
				continue;
			rc = p > e ? add1(c, (uint32_t)e, (uint32_t)p,
					  LT_FAM_ABBREVIATION, "")
				   : add1(c, (uint32_t)e, (uint32_t)e,
					  LT_FAM_ABBREVIATION, ".");
			if (rc)
				return rc;
		}
	}
	return LT_OK;
}

/* =====================================================================
 * Family: number words and digits
 *
 * Changes: "three" <-> "3", "seventy-two" <-> "72" (two to ninety-nine)
 * before a plural lower-case noun,
 * possibly after one or two lower-case modifiers.  Never touches: a
 * number after Section/Article/Annex/No./Room/Chapter/page and the like,
 * numbers in dates, money, decimals, ranges ("two or three", "5-7"), list
 * labels, a number opening a sentence, any value (the digit always
 * equals the word).
 * =================================================================== */

static const char *const units[] = {
	"", "one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
	"sixteen", "seventeen", "eighteen", "nineteen"
};
static const char *const tens[] = {
	"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
	"eighty", "ninety"
};

/* Value of a number word ("one" .. "nineteen", "twenty" .. "ninety"),
 * or -1. */
static int word_value(const char *w)
{
	int k;

	for (k = 1; k < 20; k++)
		if (!strcmp(units[k], w))
			return k;
	for (k = 2; k < 10; k++)
		if (!strcmp(tens[k], w))
			return 10 * k;
	return -1;
}

/* Write 2..99 in words ("seventy-two"). */
static void number_to_words(char *out, size_t n, int v)
{
	if (v < 20)
		snprintf(out, n, "%s", units[v]);
	else if (v % 10 == 0)
		snprintf(out, n, "%s", tens[v / 10]);
	else
		snprintf(out, n, "%s-%s", tens[v / 10], units[v % 10]);
}

static int rule_number_words(rctx *c)
{
	static const char *const words[] = {
		"two", "three", "four", "five", "six", "seven", "eight",
		"nine", "ten", NULL
	};
	static const char *const blocked[] = {
		"section", "sections", "article", "articles", "annex",
		"annexes", "annexe", "no", "nos", "number", "numbers", "room",
		"rooms", "chapter", "chapters", "page", "pages", "paragraph",
		"paragraphs", "para", "part", "parts", "stage", "stages",
		"phase", "phases", "figure", "figures", "fig", "table",
		"tables", "level", "levels", "grade", "grades", "clause",
		"clauses", "schedule", "item", "items", "appendix", "rule",
		"rules", "regulation", "regulations", "step", "steps", "tier",
		"line", "lines", "unit", "units", "box", "form", "category",
		"band", "class", "division", "platform", "gate", "floor",
		"building", "block", "route", "lot", "version", "question",
		"questions", "point", "points", "exhibit", "option", "options",
		"note", "notes", "act", "bill", "team", "group", "zone",
		"area", "district", "ward", "sector", "vol", "volume", "issue",
		"edition", "case", "account", "code", "ref", "reference",
		"circular", "instruction", "decision", "directive",
		"resolution", "amendment", "protocol", "to", "or", "and",
		"than", "by", "of", "from", "between", "plus", "minus",
		"times", "year", "flight", "bus", "channel", "grid", "size",
		"type", "model", "mark", "batch", "tranche", "wave", "round",
		"priority", "category", "class", "term", "quarter", "q",
		"week", "day", "month", "ii", "iii", NULL
	};
	const char *t = c->t;
	size_t i, m;
	int rc;

	for (i = 0; i + 1 < c->nw; i++) {
		size_t s = c->w[i].start, e = c->w[i].end;
		const char *lw = wlc(c, i);
		int value = -1, is_digit = 0;
		char alt[24];

		size_t last = i;

		if ((c->wf[i] & WF_LOWER) && in_list(words, lw)) {
			for (value = 0; words[value] && strcmp(words[value], lw);
			     value++)
				;
			value += 2;
		} else if ((c->wf[i] & WF_LOWER) && (value = word_value(lw)) > 10) {
			/* "twenty-five": a tens word, a hyphen, a unit word */
			if (value % 10 == 0 && value >= 20 && i + 1 < c->nw &&
			    t[e] == '-' && c->w[i + 1].start == e + 1 &&
			    (c->wf[i + 1] & WF_LOWER)) {
				int u = word_value(wlc(c, i + 1));

				if (u < 1 || u > 9)
					continue;
				value += u;
				last = i + 1;
				e = c->w[last].end;
			}
		} else if ((c->wf[i] & WF_DIGITS) && e - s <= 2 &&
			   t[s] != '0') {
			value = atoi(lw);
			if (value < 2 || value > 99)
				continue;
			is_digit = 1;
		} else {
			continue;
		}
		if ((c->wf[i] & (WF_SENT | WF_QUOTED)) || s == 0 ||
		    t[s - 1] != ' ' || e >= c->len || t[e] != ' ')
			continue;
		if (s >= 2 && !isalpha((unsigned char)t[s - 2]))
			continue; /* after punctuation, a symbol or a digit */
		if (i == 0 || in_list(blocked, wlc(c, i - 1)) ||
		    (c->wf[i - 1] & (WF_DIGITS | WF_CAP | WF_ALLCAPS)))
			continue;
		if (i >= 2 && (wis(c, i - 1, "to") || wis(c, i - 1, "or")))
			continue;
		/* a plural noun within three words, only lower-case between */
		for (m = last + 1; m < c->nw && m <= last + 3; m++) {
			if (!gap_is(c, m - 1, " ") || !(c->wf[m] & WF_LOWER))
				break;
			if (looks_plural(c, m))
				break;
			if (wis(c, m, "or") || wis(c, m, "to") ||
			    wis(c, m, "and") || wis(c, m, "of") ||
			    wis(c, m, "per") || in_list(words, wlc(c, m)))
				break;
		}
		if (m >= c->nw || m > last + 3 || !looks_plural(c, m) ||
		    !gap_is(c, m - 1, " ") || gap_is(c, last, "-"))
			continue;
		if (is_digit)
			number_to_words(alt, sizeof(alt), value);
		else
			snprintf(alt, sizeof(alt), "%d", value);
		rc = add1(c, (uint32_t)s, (uint32_t)e, LT_FAM_NUMBER_WORD, alt);
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Family: percent
 *
 * Changes: the unit after a number written in digits: " percent",
 * " per cent" or "%" (three variants; " per cent" is dropped from an
 * American text).  Never touches: the number itself, a spelled-out
 * number ("seven per cent" stays), "percentage".
 * =================================================================== */

static int rule_percent(rctx *c)
{
	const char *t = c->t;
	size_t i;
	int rc;

	for (i = 0; i < c->nw; i++) {
		size_t e = c->w[i].end, r = 0;
		const char *alts[3];
		unsigned na = 0;

		if (!(c->wf[i] & WF_DIGITS))
			continue;
		if (e + 8 <= c->len && !memcmp(t + e, " percent", 8))
			r = e + 8;
		else if (e + 9 <= c->len && !memcmp(t + e, " per cent", 9))
			r = e + 9;
		else if (e < c->len && t[e] == '%')
			r = e + 1;
		else
			continue;
		if (r < c->len && (isalnum((unsigned char)t[r]) || t[r] == '-' ||
				   (unsigned char)t[r] >= 0x80))
			continue;
		{
			static const char *const forms[] = {
				" percent", " per cent", "%"
			};
			size_t f;

			for (f = 0; f < 3; f++) {
				if (strlen(forms[f]) == r - e &&
				    !memcmp(t + e, forms[f], r - e))
					continue;
				if (f == 1 && c->style == STYLE_US)
					continue;
				alts[na++] = forms[f];
			}
		}
		rc = add_alts(c, (uint32_t)e, (uint32_t)r, LT_FAM_PERCENT,
			      alts, na);
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Family: contractions without negation
 *
 * Changes: "it is" <-> "it's", "that is", "there is", "we will",
 * "we are", "they are", "we have" (auxiliary only), "you are",
 * "they will", "you will".  Never touches: anything with "not" or
 * "never" next to it, "is"/"will" at the end of a clause, "have" as a
 * main verb, "it's" <-> "its" (possessive), "that is," meaning "i.e.".
 * =================================================================== */

static int looks_participle(const rctx *c, size_t i)
{
	static const char *const irregular[] = {
		"been", "made", "taken", "done", "had", "seen", "set", "put",
		"sent", "kept", "found", "given", "begun", "shown", "written",
		"held", "met", "paid", "brought", "built", "heard", "read",
		"known", "become", "chosen", "won", "spent", "told", NULL
	};
	const char *s = wlc(c, i);
	size_t n = strlen(s);

	if (!(c->wf[i] & WF_LOWER))
		return 0;
	return (n > 3 && !strcmp(s + n - 2, "ed")) || in_list(irregular, s);
}

static int rule_contractions(rctx *c)
{
	static const char *const table[][3] = {
		{ "it", "is", "s" }, { "that", "is", "s" },
		{ "there", "is", "s" }, { "we", "will", "ll" },
		{ "we", "are", "re" }, { "they", "are", "re" },
		{ "we", "have", "ve" }, { "you", "are", "re" },
		{ "they", "will", "ll" }, { "you", "will", "ll" },
		{ "they", "have", "ve" }
	};
	static const char *const negations[] = {
		"not", "never", "no", "nor", "neither", "nothing", "none",
		"nobody", "t", NULL
	};
	const char *apos = c->curly_apos ? RSQ : "'";
	const char *t = c->t;
	size_t i, k;
	int rc;

	for (i = 0; i + 2 < c->nw; i++) {
		const char *a = wlc(c, i);
		int lower = (c->wf[i] & WF_LOWER) != 0;

		if (!lower && !((c->wf[i] & (WF_CAP | WF_SENT)) ==
				(WF_CAP | WF_SENT)))
			continue;
		for (k = 0; k < sizeof(table) / sizeof(table[0]); k++) {
			char alt[16];
			size_t e1 = c->w[i].end;

			if (strcmp(a, table[k][0]))
				continue;
			/* expanded form: "it is" followed by a word */
			if (gap_is_strict(c, i, " ") &&
			    wexact(c, i + 1, table[k][1]) &&
			    gap_is(c, i + 1, " ") &&
			    (c->wf[i + 2] & WF_LOWER) &&
			    !in_list(negations, wlc(c, i + 2))) {
				if (!strcmp(table[k][1], "have") &&
				    !looks_participle(c, i + 2))
					continue;
				if (i + 3 < c->nw && wis(c, i + 2, "been") == 0 &&
				    in_list(negations, wlc(c, i + 3)) &&
				    !strcmp(table[k][1], "have"))
					continue;
				snprintf(alt, sizeof(alt), "%s%s", apos, table[k][2]);
				rc = add1(c, (uint32_t)e1,
					  (uint32_t)c->w[i + 1].end,
					  LT_FAM_CONTRACTION, alt);
				if (rc)
					return rc;
				continue;
			}
			/* contracted form: "it's" followed by a word */
			{
				size_t al = 0;

				if (e1 < c->len && t[e1] == '\'')
					al = 1;
				else if (at3(c, e1, RSQ))
					al = 3;
				if (!al || c->w[i + 1].start != e1 + al ||
				    !wexact(c, i + 1, table[k][2]) ||
				    !gap_is(c, i + 1, " ") ||
				    !(c->wf[i + 2] & WF_LOWER) ||
				    in_list(negations, wlc(c, i + 2)))
					continue;
				snprintf(alt, sizeof(alt), " %s", table[k][1]);
				rc = add1(c, (uint32_t)e1,
					  (uint32_t)c->w[i + 1].end,
					  LT_FAM_CONTRACTION, alt);
				if (rc)
					return rc;
			}
		}
	}
	return LT_OK;
}

/* =====================================================================
 * Family: optional comma after an introductory phrase
 *
 * Changes: the comma after a sentence-initial phrase from the list ("In
 * addition," <-> "In addition").  Never touches: a phrase that is not at
 * the start of a sentence, a comma followed by anything but a determiner,
 * pronoun or name (so "In particular, plans" never becomes "In particular
 * plans"), quotations.
 * =================================================================== */

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december", "monday",
	"tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	NULL
};

/* Word i is a month or weekday name written with a capital. */
static int is_month(const rctx *c, size_t i)
{
	return i < c->nw && (c->wf[i] & WF_CAP) && in_list(months, wlc(c, i));
}

/* Words that may not appear in a prepositional phrase whose comma may go:
 * they could make the phrase a clause ("For those who wish to apply,"). */
static int verbish(const rctx *c, size_t i)
{
	static const char *const v[] = {
		"who", "which", "that", "whom", "whose", "to", "is", "are",
		"was", "were", "be", "been", "being", "has", "have", "had",
		"will", "would", "can", "could", "should", "must", "may",
		"might", "shall", "do", "does", "did", "not", "no", "never",
		"nor", "and", "or", "but", "if", "than", "as", NULL
	};
	const char *s = wlc(c, i);
	size_t n = strlen(s);

	if (in_list(v, s))
		return 1;
	if (!(c->wf[i] & WF_LOWER))
		return 0;
	return (n > 4 && !strcmp(s + n - 3, "ing")) ||
	       (n > 3 && !strcmp(s + n - 2, "ed"));
}

/*
 * A sentence-initial phrase of two to seven words starting at word i with
 * a preposition or subordinator and followed by ", ": returns the index of
 * its last word, or -1.  After a prepositional phrase the comma may go
 * before any determiner, pronoun or name; after a clause ("When the team
 * arrived,") only before a subject pronoun, so that no object can be read
 * into the clause ("When the team arrived the staff...").
 */
static long general_intro(const rctx *c, size_t i)
{
	static const char *const preps[] = {
		"in", "on", "at", "for", "with", "during", "under", "by",
		"from", "within", "following", "over", "throughout", "across",
		"despite", "without", "outside", "beyond", "between", "among",
		"amongst", "through", "like", "unlike", "besides", NULL
	};
	static const char *const subs[] = {
		"where", "when", "if", "once", "as", "although", "though",
		"while", "whilst", "until", "unless", "after", "before",
		"since", "because", "whenever", "wherever", NULL
	};
	static const char *const subjects[] = {
		"we", "they", "he", "she", "i", "you", NULL
	};
	int prep = in_list(preps, wlc(c, i)), sub = in_list(subs, wlc(c, i));
	size_t k;

	if (!prep && !sub)
		return -1;
	for (k = i; k < c->nw && k < i + 7; k++) {
		if (k > i && ((c->wf[k] & (WF_QUOTED | WF_SENT)) ||
			      (prep && verbish(c, k))))
			return -1;
		if (wis(c, k, "not") || wis(c, k, "no") || wis(c, k, "never"))
			return -1;
		if (gap_is(c, k, ", ")) {
			if (k == i || k + 1 >= c->nw)
				return -1;
			if (sub && !((c->wf[k + 1] & WF_LOWER) &&
				     in_list(subjects, wlc(c, k + 1))))
				return -1;
			if (prep && !opens_clause(c, k + 1))
				return -1;
			return (long)k;
		}
		if (!gap_is(c, k, " "))
			return -1;
	}
	return -1;
}

/*
 * A date phrase opening a sentence ("On 17 March", "In April 2025", "By
 * Friday") and followed by a single space: returns its last word, or -1.
 */
static long date_intro(const rctx *c, size_t i)
{
	static const char *const preps[] = {
		"on", "in", "by", "from", "since", "until", "during", "after",
		"before", "throughout", NULL
	};
	size_t k = i + 1;

	if (!in_list(preps, wlc(c, i)) || !gap_is(c, i, " ") || k >= c->nw)
		return -1;
	if ((c->wf[k] & WF_DIGITS) && c->w[k].end - c->w[k].start <= 2 &&
	    gap_is(c, k, " ") && is_month(c, k + 1))
		k++;
	if (is_month(c, k)) {
		if (gap_is(c, k, " ") && (c->wf[k + 1] & WF_DIGITS) &&
		    c->w[k + 1].end - c->w[k + 1].start == 4)
			k++;
	} else if (!((c->wf[k] & WF_DIGITS) &&
		     c->w[k].end - c->w[k].start == 4 && k == i + 1)) {
		return -1;
	}
	return (long)k;
}

static int rule_intro_comma(rctx *c)
{
	const char *t = c->t;
	size_t i, k;
	int rc;

	for (i = 0; i < c->nw; i++) {
		size_t s = c->w[i].start, e = 0;
		long j = -1;

		if (!(c->wf[i] & WF_SENT) || (c->wf[i] & (WF_QUOTED | WF_ALLCAPS)))
			continue;
		for (k = 0; lt_wl_intro[k]; k++) {
			const char *p = lt_wl_intro[k];
			size_t n = strlen(p);

			if (s + n > c->len || tolower((unsigned char)t[s]) != p[0] ||
			    memcmp(t + s + 1, p + 1, n - 1))
				continue;
			j = word_ending_at(c, i, s + n);
			if (j >= 0) {
				e = s + n;
				break;
			}
		}
		/* "In 2023," */
		if (j < 0 && (wexact(c, i, "In") || wexact(c, i, "in")) &&
		    i + 1 < c->nw && gap_is(c, i, " ") &&
		    (c->wf[i + 1] & WF_DIGITS) &&
		    c->w[i + 1].end - c->w[i + 1].start == 4 &&
		    (t[c->w[i + 1].start] == '1' || t[c->w[i + 1].start] == '2')) {
			j = (long)i + 1;
			e = c->w[j].end;
		}
		/* "On 17 March" the comma may be added or dropped */
		if (j < 0 && (j = date_intro(c, i)) >= 0)
			e = c->w[j].end;
		/* any other short introductory phrase: the comma may go */
		if (j < 0) {
			long g = general_intro(c, i);

			if (g < 0 || glued(c, s, c->w[g].end))
				continue;
			rc = add1(c, c->w[g].end, c->w[g].end + 1,
				  LT_FAM_INTRO_COMMA, "");
			if (rc)
				return rc;
			continue;
		}
		if (j < 0 || (size_t)j + 1 >= c->nw || glued(c, s, e))
			continue;
		if (gap_is(c, (size_t)j, ", ") && opens_clause(c, (size_t)j + 1))
			rc = add1(c, (uint32_t)e, (uint32_t)e + 1,
				  LT_FAM_INTRO_COMMA, "");
		else if (gap_is(c, (size_t)j, " ") &&
			 opens_clause(c, (size_t)j + 1))
			rc = add1(c, (uint32_t)e, (uint32_t)e,
				  LT_FAM_INTRO_COMMA, ",");
		else
			continue;
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Family: capitalisation of institutions after "the"
 *
 * Changes: the first letter of an institution noun referred to as "the
 * Department"/"the department" in mid-sentence.  Never touches: a full
 * name ("the Department of Health", "the Security Office" - a capitalised
 * neighbour or a following "of"/"for" means a name), headings, the start
 * of a sentence, quotations.
 * =================================================================== */

static int rule_capitalisation(rctx *c)
{
	const char *t = c->t;
	size_t i;
	int rc;

	for (i = 1; i < c->nw; i++) {
		size_t s = c->w[i].start;
		char alt[2];

		if (!(wexact(c, i - 1, "the") || wexact(c, i - 1, "The")) ||
		    !gap_is(c, i - 1, " "))
			continue;
		if (!(c->wf[i] & (WF_CAP | WF_LOWER)) ||
		    (c->wf[i] & (WF_SENT | WF_QUOTED)))
			continue;
		if (!in_list(lt_wl_institutions, wlc(c, i)) ||
		    (s > 0 && strchr("-/", c->t[s - 1])) ||
		    (c->w[i].end < c->len && strchr("-/@_", c->t[c->w[i].end]) &&
		     c->t[c->w[i].end]))
			continue;
		if (i + 1 < c->nw && (wis(c, i + 1, "of") || wis(c, i + 1, "for") ||
				      (c->wf[i + 1] & (WF_CAP | WF_ALLCAPS))))
			continue;
		if (i >= 2 && (c->wf[i - 2] & WF_CAP) && !(c->wf[i - 2] & WF_SENT) &&
		    !(c->wf[i - 1] & WF_SENT))
			continue;
		{
			size_t ls = s;

			while (ls > 0 && t[ls - 1] != '\n')
				ls--;
			if (t[ls] == '#')
				continue;
		}
		alt[0] = (char)(is_upper((unsigned char)t[s]) ?
				tolower((unsigned char)t[s]) :
				toupper((unsigned char)t[s]));
		alt[1] = 0;
		rc = add1(c, (uint32_t)s, (uint32_t)s + 1,
			  LT_FAM_CAPITALISATION, alt);
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

static int rule_optional_of(rctx *c)
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

static int rule_relative_which(rctx *c)
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
		    (!in_list(aux, wlc(c, i + 1)) && !looks_plural(c, i - 1) &&
		     !in_list(clause_openers, wlc(c, i + 1))))
			continue;
		rc = add1(c, c->w[i].start, c->w[i].end, LT_FAM_RELATIVE_WHICH,
			  "that");
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Family: comma before a conjunction that joins two clauses
 *
 * Changes: ", and we" <-> " and we" (also "but"), the comma before a
 * coordinating conjunction followed by a subject pronoun; an existing
 * comma before "and"/"but"/"or"/"yet" followed by a subject or a
 * determiner may also go.  Never touches: a sentence that already has a
 * comma, colon, semicolon, bracket or dash before the conjunction (the
 * comma could close an aside), "here and there", lists (the serial comma
 * family), quotations.
 * =================================================================== */

static int rule_clause_comma(rctx *c)
{
	static const char *const subjects[] = {
		"we", "they", "he", "she", "i", NULL
	};
	static const char *const dets[] = {
		"the", "this", "these", "those", "our", "their", "its", "it",
		"there", "some", "many", "most", "all", "we", "they", "he",
		"she", "i", "you", "no", NULL
	};
	const char *t = c->t;
	size_t i, k, s0;
	int rc;

	for (i = 3; i + 1 < c->nw; i++) {
		int comma, clean = 1, and = wexact(c, i, "and"),
			       but = wexact(c, i, "but");

		if (!and && !but && !wexact(c, i, "or") && !wexact(c, i, "yet"))
			continue;
		if (gap_is(c, i - 1, ", "))
			comma = 1;
		else if (gap_is(c, i - 1, " "))
			comma = 0;
		else
			continue;
		if (!gap_is(c, i, " ") || !(c->wf[i + 1] & WF_LOWER) ||
		    (c->wf[i] & WF_QUOTED) || (c->wf[i - 1] & WF_SENT) ||
		    wis(c, i - 1, "here"))
			continue;
		for (s0 = i - 1; s0 > 0 && !(c->wf[s0] & WF_SENT) && i - s0 < 80;
		     s0--)
			;
		if (!(c->wf[s0] & WF_SENT) || i - s0 < 3)
			continue;
		for (k = s0; k + 1 < i && clean; k++) {
			const char *g = t + c->w[k].end;
			size_t n = c->w[k + 1].start - c->w[k].end, x;

			for (x = 0; x < n; x++)
				if (strchr(",;:()[]\"", g[x]) || (unsigned char)g[x] >= 0x80 ||
				    (g[x] == '-' && n > 1))
					clean = 0;
		}
		if (!clean)
			continue;
		if (comma && in_list(dets, wlc(c, i + 1)))
			rc = add1(c, c->w[i - 1].end, c->w[i - 1].end + 1,
				  LT_FAM_CLAUSE_COMMA, "");
		else if (!comma && (and || but) &&
			 in_list(subjects, wlc(c, i + 1)) &&
			 gap_is_strict(c, i - 1, " ") && (c->wf[i - 1] & WF_LOWER))
			rc = add1(c, c->w[i - 1].end, c->w[i - 1].end,
				  LT_FAM_CLAUSE_COMMA, ",");
		else
			continue;
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

static int rule_relative_who(rctx *c)
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
static int list_word_blocked(const rctx *c, size_t i)
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
	if (in_list(stop, s) || word_value(s) > 0 || in_list(months, s))
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
static int list_inner_gap(const rctx *c, size_t i)
{
	return gap_is_strict(c, i, " ") || gap_is_strict(c, i, "-");
}

static const char *const list_dets[] = {
	"the", "their", "our", "its", "your", "his", "her", "any", "all",
	"each", "every", "these", "those", "this", "such", NULL
};

/* A word that may modify a whole list when it opens the first item
 * ("trained staff, volunteers and contractors"): adjective-like. */
static int list_modifier(const rctx *c, size_t i)
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
	size_t n = strlen(s), k;

	if (in_list(adjectives, s))
		return 1;
	for (k = 0; suffixes[k]; k++) {
		size_t m = strlen(suffixes[k]);

		if (n > m + 2 && !strcmp(s + n - m, suffixes[k]))
			return 1;
	}
	return 0;
}

/* Swap-safe context before the first item (word f). */
static int list_opener_ok(const rctx *c, size_t f, int any_det, size_t nitems)
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
static long list_item_back(const rctx *c, size_t lo, size_t last, int *det,
			   int first, int any_det, size_t nitems)
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
static int list_closer_ok(const rctx *c, size_t l)
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

static int rule_list_order(rctx *c)
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

/* =====================================================================
 * Family: times of day ("9 am", "4.30 pm")
 *
 * Changes: the way a clock time before "am"/"pm" is written: the suffix
 * spaced, dotted or closed up ("9 am", "9 a.m.", "9am") and the minutes
 * separator ("4.30 pm" <-> "4:30 pm"; a whole hour may gain ".00"), up to
 * six forms of the same time (a stop that also ends the sentence is kept
 * single).  Never touches: "am" not after a number ("I am"), an hour
 * above 12 or minutes above 59, a time glued to a neighbour ("9-11 am",
 * "9am" as written), quotations.
 * =================================================================== */

static int rule_am_pm(rctx *c)
{
	const char *t = c->t;
	size_t i;
	int rc;

	for (i = 1; i < c->nw; i++) {
		size_t s = c->w[i].start, e = c->w[i].end, ts, hs, he, p;
		int dotted = 0, final = 0, hour, minutes = -1;
		char letter, sep = 0;
		char tf[2][16], v[8][48];
		const char *alts[8];
		unsigned na = 0, a, b;

		if (!(c->wf[i - 1] & WF_DIGITS) || !gap_is_strict(c, i - 1, " ") ||
		    (c->wf[i] & WF_QUOTED))
			continue;
		if (wexact(c, i, "am") || wexact(c, i, "pm")) {
			letter = t[s];
		} else if ((wexact(c, i, "a") || wexact(c, i, "p")) &&
			   i + 1 < c->nw && wexact(c, i + 1, "m") &&
			   c->w[i + 1].start == e + 1 && t[e] == '.' &&
			   c->w[i + 1].end < c->len && t[c->w[i + 1].end] == '.') {
			letter = t[s];
			dotted = 1;
			e = c->w[i + 1].end + 1;
		} else {
			continue;
		}
		if (e < c->len && (isalnum((unsigned char)t[e]) ||
				   (unsigned char)t[e] >= 0x80))
			continue;
		/* the clock time: "9" or "4.30"/"4:30" */
		he = c->w[i - 1].end;
		hs = c->w[i - 1].start;
		ts = hs;
		if (he - hs > 2)
			continue;
		hour = atoi(t + hs);
		if (i >= 2 && he - hs == 2 && hs >= 2 &&
		    (t[hs - 1] == '.' || t[hs - 1] == ':') &&
		    c->w[i - 2].end == hs - 1 && (c->wf[i - 2] & WF_DIGITS) &&
		    c->w[i - 2].end - c->w[i - 2].start <= 2) {
			minutes = hour;
			sep = t[hs - 1];
			ts = c->w[i - 2].start;
			hour = atoi(t + ts);
		}
		if (hour < 1 || hour > 12 || minutes > 59 || t[ts] == '0')
			continue;
		if (ts > 0 && !(t[ts - 1] == ' ' || t[ts - 1] == '(' ||
				t[ts - 1] == '\n'))
			continue;
		if (minutes >= 0) {
			snprintf(tf[0], sizeof(tf[0]), "%d%c%02d", hour, sep, minutes);
			snprintf(tf[1], sizeof(tf[1]), "%d%c%02d", hour,
				 sep == '.' ? ':' : '.', minutes);
		} else {
			snprintf(tf[0], sizeof(tf[0]), "%d", hour);
			snprintf(tf[1], sizeof(tf[1]), "%d%c00", hour,
				 c->style == STYLE_US ? ':' : '.');
		}
		/* a stop right after the suffix: shared with the sentence's end
		 * only when a new sentence or a line follows */
		p = e;
		if (!dotted && e < c->len && t[e] == '.')
			p = e + 1;
		if (dotted || p > e) {
			size_t q = p;

			while (q < c->len && t[q] == ' ')
				q++;
			final = q >= c->len || is_upper((unsigned char)t[q]) ||
				t[q] == '\n' || t[q] == '\r';
			if (!dotted && !final)
				continue; /* "9 am." mid-sentence: leave it */
			if (!dotted)
				e = p;
		}
		for (a = 0; a < 2; a++) {
			static const char *const suf[3] = { " %cm", " %c.m.", "%cm" };

			for (b = 0; b < 3; b++) {
				char sb[8];

				snprintf(sb, sizeof(sb), suf[b], letter);
				snprintf(v[na], sizeof(v[na]), "%s%s%s", tf[a], sb,
					 final && b != 1 ? "." : "");
				alts[na] = v[na];
				na++;
			}
		}
		rc = add_alts(c, (uint32_t)ts, (uint32_t)e, LT_FAM_ABBREVIATION,
			      alts, na);
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Family: how a date is written
 *
 * Changes: a day and a month name, with or without a year, among the
 * forms every reader takes as the same date: "14 March 2024", "14th
 * March 2024", "March 14, 2024" (and from "March 14, 2024" back); and the
 * optional comma after a weekday before such a date ("Monday 3 June" <->
 * "Monday, 3 June").  Never touches: all-numeric dates ("3/4/2024" is
 * read differently in different countries), a day outside 1..31, ranges
 * ("12-14 March", "12 to 14 March", "March 12 and 13"), a date glued to
 * a neighbour, a year followed by a hyphen or slash ("2024-25"), "May"
 * before a number (it may be the modal), quotations.
 * =================================================================== */

/* Month index 0..11 of word i written with a capital, or -1. */
static int month_of(const rctx *c, size_t i)
{
	int k;

	if (i >= c->nw || !(c->wf[i] & WF_CAP))
		return -1;
	for (k = 0; k < 12; k++)
		if (!strcmp(months[k], wlc(c, i)))
			return k;
	return -1;
}

/* Word i is a weekday name written with a capital. */
static int is_weekday(const rctx *c, size_t i)
{
	int k;

	if (i >= c->nw || !(c->wf[i] & WF_CAP))
		return 0;
	for (k = 12; months[k]; k++)
		if (!strcmp(months[k], wlc(c, i)))
			return 1;
	return 0;
}

/* Day of the month written by word i ("14" or "14th"), or -1.  *ord is
 * set when the ordinal suffix is written. */
static int day_of(const rctx *c, size_t i, int *ord)
{
	static const char *const sfx[] = { "th", "st", "nd", "rd" };
	const char *s;
	size_t n, k;
	int d;

	*ord = 0;
	if (i >= c->nw)
		return -1;
	s = c->t + c->w[i].start;
	n = c->w[i].end - c->w[i].start;
	for (k = 0; k < n && k < 3 && isdigit((unsigned char)s[k]); k++)
		;
	if (k == 0 || k > 2 || s[0] == '0')
		return -1;
	d = atoi(s);
	if (d < 1 || d > 31)
		return -1;
	if (k == n)
		return d;
	if (n != k + 2)
		return -1;
	{
		int want = (d % 10 == 1 && d != 11) ? 1 :
			   (d % 10 == 2 && d != 12) ? 2 :
			   (d % 10 == 3 && d != 13) ? 3 : 0;

		if (memcmp(s + k, sfx[want], 2))
			return -1;
	}
	*ord = 1;
	return d;
}

static const char *ordinal_suffix(int d)
{
	if (d % 10 == 1 && d != 11)
		return "st";
	if (d % 10 == 2 && d != 12)
		return "nd";
	if (d % 10 == 3 && d != 13)
		return "rd";
	return "th";
}

/* Word i is a four-digit year 1000..2999. */
static int is_year(const rctx *c, size_t i)
{
	return i < c->nw && (c->wf[i] & WF_DIGITS) &&
	       c->w[i].end - c->w[i].start == 4 &&
	       (c->t[c->w[i].start] == '1' || c->t[c->w[i].start] == '2');
}

/* The text right after byte e continues a range or a compound. */
static int range_follows(const rctx *c, size_t e, size_t next)
{
	const char *t = c->t;

	if (e < c->len && (strchr("-/", t[e]) || at3(c, e, END) ||
			   at3(c, e, EMD)) && t[e])
		return 1;
	if (e + 1 < c->len && t[e] == ' ' && (t[e + 1] == '-' ||
					      at3(c, e + 1, END)))
		return 1;
	/* "12 and 13 March", "March 12 to 14" */
	if (next < c->nw && (wis(c, next, "and") || wis(c, next, "to") ||
			     wis(c, next, "or") || wis(c, next, "through")) &&
	    next + 1 < c->nw && (c->t[c->w[next + 1].start] >= '0' &&
				 c->t[c->w[next + 1].start] <= '9'))
		return 1;
	return 0;
}

/* The text right before word i ends a range ("12-", "12 to", "12 and"). */
static int range_precedes(const rctx *c, size_t i)
{
	const char *t = c->t;
	size_t s = c->w[i].start;
	int ord;

	if (s > 0 && (strchr("-/.:,", t[s - 1]) && t[s - 1]))
		return t[s - 1] != ',' || (s > 1 && t[s - 2] != ' ' &&
					    isdigit((unsigned char)t[s - 2]));
	if (s >= 3 && (at3(c, s - 3, END) || at3(c, s - 3, EMD)))
		return 1;
	if (s >= 2 && t[s - 1] == ' ' && t[s - 2] == '-')
		return 1;
	if (i >= 1 && (c->wf[i - 1] & WF_DIGITS))
		return 1;
	if (i >= 2 && (wis(c, i - 1, "and") || wis(c, i - 1, "to") ||
		       wis(c, i - 1, "or") || wis(c, i - 1, "through")) &&
	    (day_of(c, i - 2, &ord) > 0 || (c->wf[i - 2] & WF_DIGITS)))
		return 1;
	return 0;
}

static int rule_dates(rctx *c)
{
	static const char *const month_names[12] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};
	size_t i;
	int rc;

	for (i = 0; i + 1 < c->nw; i++) {
		char v[3][48], year[8] = "";
		const char *alts[3];
		size_t s, e, last;
		int d, m, ord, dm;

		if (c->wf[i] & (WF_QUOTED | WF_ALLCAPS))
			continue;
		if ((d = day_of(c, i, &ord)) > 0 && gap_is_strict(c, i, " ") &&
		    (m = month_of(c, i + 1)) >= 0) {
			dm = 1;
			last = i + 1;
			if (gap_is_strict(c, last, " ") && is_year(c, last + 1))
				last++;
			else if (last + 1 < c->nw && gap_is(c, last, " ") &&
				 (c->wf[last + 1] & WF_DIGITS))
				continue; /* "14 March 15": not a plain date */
		} else if ((m = month_of(c, i)) >= 0 && m != 4 &&
			   gap_is_strict(c, i, " ") &&
			   (d = day_of(c, i + 1, &ord)) > 0) {
			dm = 0;
			last = i + 1;
			if (gap_is_strict(c, last, ", ") && is_year(c, last + 1))
				last++;
			else if (last + 1 < c->nw && gap_is(c, last, " ") &&
				 (c->wf[last + 1] & WF_DIGITS))
				continue;
		} else {
			continue;
		}
		s = c->w[i].start;
		e = c->w[last].end;
		if (range_precedes(c, i) || range_follows(c, e, last + 1))
			continue;
		if (e < c->len && (isalnum((unsigned char)c->t[e]) ||
				   c->t[e] == '\'' || at3(c, e, RSQ)))
			continue;
		if (is_year(c, last))
			memcpy(year, c->t + c->w[last].start, 4);
		year[4] = '\0';
		snprintf(v[0], sizeof(v[0]), "%d %s%s%s", d, month_names[m],
			 *year ? " " : "", year);
		snprintf(v[1], sizeof(v[1]), "%d%s %s%s%s", d, ordinal_suffix(d),
			 month_names[m], *year ? " " : "", year);
		snprintf(v[2], sizeof(v[2]), "%s %d%s%s", month_names[m], d,
			 *year ? ", " : "", year);
		if (!dm) {
			/* "March 14th, 2024" rather than "14th March" */
			snprintf(v[1], sizeof(v[1]), "%s %d%s%s%s", month_names[m],
				 d, ordinal_suffix(d), *year ? ", " : "", year);
		}
		alts[0] = v[0];
		alts[1] = v[1];
		alts[2] = v[2];
		rc = add_alts(c, (uint32_t)s, (uint32_t)e, LT_FAM_DATE, alts, 3);
		if (rc)
			return rc;
		/* the weekday before it: "Monday 3 June" <-> "Monday, 3 June" */
		if (i >= 1 && is_weekday(c, i - 1) && !(c->wf[i - 1] & WF_QUOTED)) {
			size_t we = c->w[i - 1].end;

			if (gap_is_strict(c, i - 1, ", "))
				rc = add1(c, (uint32_t)we, (uint32_t)we + 1,
					  LT_FAM_DATE, "");
			else if (gap_is_strict(c, i - 1, " "))
				rc = add1(c, (uint32_t)we, (uint32_t)we, LT_FAM_DATE,
					  ",");
			if (rc)
				return rc;
		}
		i = last;
	}
	return LT_OK;
}

/* =====================================================================
 * Family: the preposition after a noun of information
 *
 * Changes: "questions about the changes" among "about", "regarding",
 * "concerning" and "with regard to" (also from "in relation to" and
 * "relating to"), after a noun such as "information", "advice",
 * "concerns" or "comments"; "questions"/"queries" (and the singulars)
 * are exchanged as well.  Never touches: "about" before a number (it may
 * mean "approximately"), "on" (it may say where: "information on our
 * website"), a following word that is not a lower-case word or a name,
 * "concerns concerning", quotations.
 * =================================================================== */

static int rule_topic_preposition(rctx *c)
{
	static const char *const nouns[] = {
		"information", "questions", "question", "queries", "query",
		"enquiries", "enquiry", "inquiries", "inquiry", "concerns",
		"concern", "details", "guidance", "advice", "comments",
		"comment", "views", "feedback", "complaints", "complaint",
		"evidence", "representations", "correspondence", "data",
		"figures", "statistics", "updates", NULL
	};
	static const char *const preps[] = {
		"about", "regarding", "concerning", "with regard to",
		"in relation to", "relating to", NULL
	};
	static const char *const out[] = {
		"about", "regarding", "concerning", "with regard to"
	};
	size_t i;
	int rc;

	for (i = 0; i + 2 < c->nw; i++) {
		const char *n = wlc(c, i), *swap = NULL;
		const char *v[LT_SLOT_MAX_VARIANTS];
		char buf[LT_SLOT_MAX_VARIANTS][48];
		size_t p, pe = 0, k, after, os;
		unsigned nv = 0, a, nn;
		long j = -1;

		int cap = (c->wf[i] & (WF_CAP | WF_SENT)) == (WF_CAP | WF_SENT);

		if (!((c->wf[i] & WF_LOWER) || cap) || (c->wf[i] & WF_QUOTED) ||
		    !in_list(nouns, n) || !gap_is_strict(c, i, " "))
			continue;
		p = c->w[i + 1].start;
		for (k = 0; preps[k]; k++) {
			size_t l = strlen(preps[k]);

			if (p + l <= c->len && !memcmp(c->t + p, preps[k], l) &&
			    (j = word_ending_at(c, i + 1, p + l)) >= 0) {
				pe = p + l;
				break;
			}
		}
		if (j < 0 || (size_t)j + 1 >= c->nw || !gap_is(c, (size_t)j, " "))
			continue;
		after = (size_t)j + 1;
		if ((c->wf[after] & (WF_DIGITS | WF_QUOTED | WF_ALLCAPS)) ||
		    !((c->wf[after] & WF_LOWER) ||
		      ((c->wf[after] & WF_CAP) && !(c->wf[after] & WF_SENT))) ||
		    isdigit((unsigned char)c->t[c->w[after].start]) ||
		    glued(c, c->w[i].start, pe))
			continue;
		if (!strcmp(n, "questions"))
			swap = "queries";
		else if (!strcmp(n, "queries"))
			swap = "questions";
		else if (!strcmp(n, "question"))
			swap = "query";
		else if (!strcmp(n, "query"))
			swap = "question";
		nn = swap ? 2 : 1;
		os = swap ? c->w[i].start : p;
		for (a = 0; a < nn; a++) {
			unsigned b;

			for (b = 0; b < 4 && nv < LT_SLOT_MAX_VARIANTS - 1; b++) {
				if (!strncmp(n, "concern", 7) && b == 2)
					continue;
				if (swap) {
					snprintf(buf[nv], sizeof(buf[nv]), "%s %s",
						 a ? swap : n, out[b]);
					if (cap)
						buf[nv][0] = (char)toupper(
							(unsigned char)buf[nv][0]);
				} else
					snprintf(buf[nv], sizeof(buf[nv]), "%s", out[b]);
				/* the original's own form is variant 0 already */
				if (strlen(buf[nv]) == pe - os &&
				    !memcmp(buf[nv], c->t + os, pe - os))
					continue;
				v[nv] = buf[nv];
				nv++;
			}
		}
		rc = add_alts(c, (uint32_t)os, (uint32_t)pe,
			      LT_FAM_TOPIC_PREPOSITION, v, nv);
		if (rc)
			return rc;
		i = (size_t)j;
	}
	return LT_OK;
}

/* =====================================================================
 * Family: how a number is written (its value never changes)
 *
 * Changes: the thousands separator of a four-digit quantity ("8,400
 * customers" <-> "8400 customers", "£1,500" <-> "£1500"), and the
 * separator of a 24-hour clock time ("06:40" <-> "06.40").  Never
 * touches: years and anything that may be one (1900-2099 without a
 * separator), codes, references and ids (after "No.", "Section",
 * "Room", a hyphen or slash, or glued to letters), numbers of five
 * digits or more, decimals, "3:1" ratios and verse references (one-digit
 * minutes, a name before), quotations.
 * =================================================================== */

static int number_label_before(const rctx *c, size_t i)
{
	static const char *const labels[] = {
		"no", "nos", "number", "section", "sections", "room", "page",
		"pages", "para", "paragraph", "article", "clause", "schedule",
		"annex", "appendix", "ref", "reference", "code", "case", "file",
		"box", "po", "flight", "route", "bus", "line", "platform",
		"unit", "building", "floor", "form", "version", "vol", "volume",
		"chapter", "table", "figure", "item", "rule", "regulation",
		"order", "account", "application", "grant", "licence", "license",
		"permit", "ticket", "invoice", "id", "tel", "telephone", "phone",
		"ext", "extension", "fax", "year", "years", "in", "since",
		"until", "till", "from", "circa", NULL
	};

	return i > 0 && (in_list(labels, wlc(c, i - 1)) ||
			 ((c->wf[i - 1] & WF_CAP) && !(c->wf[i - 1] & WF_SENT)) ||
			 (c->wf[i - 1] & (WF_ALLCAPS | WF_DIGITS)));
}

/* A currency sign ends right before byte s. */
static int currency_before(const rctx *c, size_t s)
{
	return (s >= 1 && c->t[s - 1] == '$') ||
	       (s >= 2 && !memcmp(c->t + s - 2, "\xc2\xa3", 2)) ||
	       (s >= 3 && at3(c, s - 3, "\xe2\x82\xac"));
}

/* A plural noun follows word j, directly or after one lower-case word. */
static int quantity_follows(const rctx *c, size_t j)
{
	if (j + 1 >= c->nw || !gap_is(c, j, " "))
		return 0;
	if (looks_plural(c, j + 1) || wis(c, j + 1, "pounds") ||
	    wis(c, j + 1, "euros") || wis(c, j + 1, "dollars"))
		return 1;
	return j + 2 < c->nw && (c->wf[j + 1] & WF_LOWER) &&
	       gap_is(c, j + 1, " ") && looks_plural(c, j + 2) &&
	       !wis(c, j + 1, "and") && !wis(c, j + 1, "or") &&
	       !wis(c, j + 1, "to") && !wis(c, j + 1, "of");
}

static int rule_number_format(rctx *c)
{
	const char *t = c->t;
	size_t i;
	int rc;

	for (i = 0; i < c->nw; i++) {
		size_t s = c->w[i].start, e = c->w[i].end, n = e - s;
		char alt[16];
		int cur;

		if (!(c->wf[i] & WF_DIGITS) || (c->wf[i] & WF_QUOTED))
			continue;
		cur = currency_before(c, s);
		if (!cur && s > 0 && t[s - 1] != ' ' && t[s - 1] != '(')
			continue;
		/* "8,400" -> "8400" */
		if (n == 1 && t[s] != '0' && i + 1 < c->nw && e + 1 < c->len && t[e] == ',' &&
		    c->w[i + 1].start == e + 1 && (c->wf[i + 1] & WF_DIGITS) &&
		    c->w[i + 1].end - c->w[i + 1].start == 3) {
			size_t e2 = c->w[i + 1].end;

			if (e2 < c->len && (t[e2] == ',' || t[e2] == '-' ||
					    t[e2] == '/' ||
					    isalnum((unsigned char)t[e2]) ||
					    (t[e2] == '.' && e2 + 1 < c->len &&
					     isdigit((unsigned char)t[e2 + 1]))))
				continue;
			if (!cur && (number_label_before(c, i) ||
				     !quantity_follows(c, i + 1)))
				continue;
			snprintf(alt, sizeof(alt), "%c%.3s", t[s], t + e + 1);
			rc = add1(c, (uint32_t)s, (uint32_t)e2,
				  LT_FAM_NUMBER_FORMAT, alt);
			if (rc)
				return rc;
			i++;
			continue;
		}
		/* "8400" -> "8,400" */
		if (n == 4 && t[s] != '0') {
			int val = atoi(t + s);

			if (e < c->len && (t[e] == ',' || t[e] == '-' ||
					   t[e] == '/' || t[e] == '.' ||
					   t[e] == ':'))
				if (!(t[e] == ',' || t[e] == '.') ||
				    (e + 1 < c->len && t[e + 1] != ' ' &&
				     t[e + 1] != '\n'))
					continue;
			if (!cur && (val < 1000 || (val >= 1900 && val <= 2099) ||
				     number_label_before(c, i) ||
				     !quantity_follows(c, i)))
				continue;
			snprintf(alt, sizeof(alt), "%c,%.3s", t[s], t + s + 1);
			rc = add1(c, (uint32_t)s, (uint32_t)e,
				  LT_FAM_NUMBER_FORMAT, alt);
			if (rc)
				return rc;
			continue;
		}
		/* "06:40" -> "06.40" */
		if (n <= 2 && i + 1 < c->nw && t[e] == ':' &&
		    c->w[i + 1].start == e + 1 && (c->wf[i + 1] & WF_DIGITS) &&
		    c->w[i + 1].end - c->w[i + 1].start == 2) {
			size_t e2 = c->w[i + 1].end;
			int h = atoi(t + s), mi = atoi(t + e + 1);

			if (h > 23 || mi > 59 || cur)
				continue;
			if (e2 < c->len && (t[e2] == ':' || t[e2] == '-' ||
					    t[e2] == '/' ||
					    isalnum((unsigned char)t[e2]) ||
					    (t[e2] == '.' && e2 + 1 < c->len &&
					     isdigit((unsigned char)t[e2 + 1]))))
				continue;
			if (i > 0 && (c->wf[i - 1] & (WF_CAP | WF_ALLCAPS)) &&
			    !(c->wf[i - 1] & WF_SENT))
				continue;
			snprintf(alt, sizeof(alt), "%.*s.%.2s", (int)n, t + s,
				 t + e + 1);
			rc = add1(c, (uint32_t)s, (uint32_t)e2,
				  LT_FAM_NUMBER_FORMAT, alt);
			if (rc)
				return rc;
			i++;
		}
	}
	return LT_OK;
}

/* =====================================================================
 * Family: salutation and sign-off of a letter, label of a memo
 *
 * Changes: the punctuation after "Dear Ms Smith" at the end of its line
 * (comma, colon or none); the comma after a sign-off on a line of its own
 * and the sign-off's words where they are interchangeable ("Kind
 * regards"/"Best regards"/"Regards", "Yours sincerely"/"Sincerely");
 * a memo's "Subject:" <-> "Re:" label at the start of a line.  Never
 * touches: a "Dear" line with more than six words, anything that is not
 * alone on its line, quotations.
 * =================================================================== */

/* Byte range of the line holding byte p: [*ls, *le), trailing spaces and
 * CR excluded. */
static void line_of(const rctx *c, size_t p, size_t *ls, size_t *le)
{
	size_t a = p, b = p;

	while (a > 0 && c->t[a - 1] != '\n')
		a--;
	while (b < c->len && c->t[b] != '\n')
		b++;
	while (b > a && (c->t[b - 1] == ' ' || c->t[b - 1] == '\r' ||
			 c->t[b - 1] == '\t'))
		b--;
	*ls = a;
	*le = b;
}

static int rule_letter(rctx *c)
{
	static const char *const signoffs[][3] = {
		{ "Kind regards", "Best regards", "Regards" },
		{ "Best regards", "Kind regards", "Regards" },
		{ "Regards", "Kind regards", "Best regards" },
		{ "Yours sincerely", "Sincerely", NULL },
		{ "Sincerely", "Yours sincerely", NULL },
		{ "Yours faithfully", NULL, NULL },
		{ "With best wishes", "Best wishes", NULL },
		{ "Best wishes", "With best wishes", NULL },
		{ "Yours truly", NULL, NULL },
	};
	const char *t = c->t;
	size_t i, k, ls, le;
	int rc;

	for (i = 0; i < c->nw; i++) {
		size_t s = c->w[i].start;

		if ((c->wf[i] & WF_QUOTED) || (c->wf[i] & WF_ALLCAPS))
			continue;
		line_of(c, s, &ls, &le);
		if (ls != s)
			continue;
		/* salutation */
		if (wexact(c, i, "Dear")) {
			size_t words = 0, j = i + 1, p;
			char last = t[le - 1];

			while (j < c->nw && c->w[j].end <= le) {
				if (!(c->wf[j] & (WF_CAP | WF_ALLCAPS)) &&
				    !wis(c, j, "or") && !wis(c, j, "and"))
					words = 99;
				words++;
				j++;
			}
			if (words < 1 || words > 6)
				continue;
			if (last == ',' || last == ':') {
				p = le - 1;
				rc = add_alts(c, (uint32_t)p, (uint32_t)le, LT_FAM_LETTER,
					      (const char *const[]){
						      last == ',' ? ":" : ",", "" }, 2);
			} else if (isalnum((unsigned char)last)) {
				rc = add_alts(c, (uint32_t)le, (uint32_t)le, LT_FAM_LETTER,
					      (const char *const[]){ ",", ":" }, 2);
			} else {
				continue;
			}
			if (rc)
				return rc;
			i = j - 1;
			continue;
		}
		if (wexact(c, i, "Subject") && s + 8 <= c->len &&
		    !memcmp(t + s, "Subject:", 8)) {
			rc = add1(c, (uint32_t)s, (uint32_t)s + 8, LT_FAM_LETTER, "Re:");
			if (rc)
				return rc;
			continue;
		}
		if (wexact(c, i, "Re") && s + 3 <= c->len && !memcmp(t + s, "Re:", 3)) {
			rc = add1(c, (uint32_t)s, (uint32_t)s + 3, LT_FAM_LETTER,
				  "Subject:");
			if (rc)
				return rc;
			continue;
		}
		/* sign-off alone on its line, with or without a comma */
		for (k = 0; k < sizeof(signoffs) / sizeof(signoffs[0]); k++) {
			const char *so = signoffs[k][0];
			size_t n = strlen(so), body = le - ls, a;
			const char *alts[6];
			char buf[6][32];
			unsigned na = 0;
			int comma;

			if (body == n + 1 && t[le - 1] == ',' && !memcmp(t + ls, so, n))
				comma = 1;
			else if (body == n && !memcmp(t + ls, so, n))
				comma = 0;
			else
				continue;
			for (a = 0; a < 3 && signoffs[k][a]; a++) {
				unsigned cm;

				for (cm = 0; cm < 2; cm++) {
					snprintf(buf[na], sizeof(buf[na]), "%s%s",
						 signoffs[k][a],
						 (cm == 0) == (comma == 1) ? "," : "");
					alts[na] = buf[na];
					na++;
				}
			}
			rc = add_alts(c, (uint32_t)ls, (uint32_t)le, LT_FAM_LETTER,
				      alts, na);
			if (rc)
				return rc;
			break;
		}
	}
	return LT_OK;
}

/* =====================================================================
 * Family: punctuation of a short aside
 *
 * Changes: an aside of one to eight words opened by "including", "such
 * as", "for example", "for instance", "in particular", "notably" or
 * "especially" and set off by commas, into parentheses or dashes (and
 * back from parentheses); "for example" <-> "for instance" inside it.
 * The aside must close the sentence or be followed by a verb ("A list,
 * including free products, is published"), so that its closing comma
 * cannot be a list comma.  Never touches: an aside with any other
 * punctuation inside, a list after the opener ("including A, B and C"),
 * quotations.
 * =================================================================== */

static int rule_aside(rctx *c)
{
	static const char *const openers[] = {
		"including", "such as", "for example", "for instance",
		"in particular", "notably", "especially", NULL
	};
	static const char *const verbs[] = {
		"is", "are", "was", "were", "has", "have", "had", "will",
		"would", "should", "must", "may", "might", "can", "could",
		"shall", "remain", "remains", "need", "needs", NULL
	};
	const char *t = c->t;
	lt_buf b = { 0 };
	size_t i;
	int rc = LT_OK;

	for (i = 1; i + 1 < c->nw && !rc; i++) {
		size_t s = c->w[i].start, k, oe = 0, j, last, xs, xe, ce, end;
		const char *op = NULL;
		int paren, final;
		const char *v[LT_SLOT_MAX_VARIANTS];
		size_t vl[LT_SLOT_MAX_VARIANTS], off[LT_SLOT_MAX_VARIANTS];
		unsigned nv = 0, o, f, nop;
		long je = -1;

		if (!(c->wf[i] & WF_LOWER) || (c->wf[i] & WF_QUOTED))
			continue;
		if (gap_is_strict(c, i - 1, ", "))
			paren = 0;
		else if (gap_is_strict(c, i - 1, " ("))
			paren = 1;
		else
			continue;
		for (k = 0; openers[k]; k++) {
			size_t l = strlen(openers[k]);

			if (s + l <= c->len && !memcmp(t + s, openers[k], l) &&
			    (je = word_ending_at(c, i, s + l)) >= 0) {
				op = openers[k];
				oe = s + l;
				break;
			}
		}
		if (!op || !gap_is_strict(c, (size_t)je, " "))
			continue;
		/* the aside's words: spaces, hyphens and apostrophes only */
		for (j = (size_t)je + 1, last = 0; j < c->nw && j <= (size_t)je + 8;
		     j++) {
			if ((c->wf[j] & WF_QUOTED) || wis(c, j, "not") ||
			    wis(c, j, "no"))
				break;
			if (j + 1 < c->nw && (gap_is_strict(c, j, " ") ||
					      gap_is_strict(c, j, "-") ||
					      gap_is_strict(c, j, "'")))
				continue;
			last = j;
			break;
		}
		if (!last)
			continue;
		xs = c->w[(size_t)je + 1].start;
		xe = c->w[last].end;
		/* how it closes */
		if (paren) {
			if (xe >= c->len || t[xe] != ')')
				continue;
			ce = xe + 1;
			final = ce < c->len && t[ce] == '.';
			if (!final && !(ce < c->len && t[ce] == ' ' && last + 1 < c->nw &&
					c->w[last + 1].start == ce + 1 &&
					(c->wf[last + 1] & WF_LOWER) &&
					in_list(verbs, wlc(c, last + 1))))
				continue;
		} else {
			if (xe < c->len && t[xe] == '.' &&
			    (xe + 1 >= c->len || t[xe + 1] == ' ' || t[xe + 1] == '\n' ||
			     t[xe + 1] == '\r')) {
				final = 1;
				ce = xe;
			} else if (xe + 1 < c->len && t[xe] == ',' && t[xe + 1] == ' ' &&
				   last + 1 < c->nw && c->w[last + 1].start == xe + 2 &&
				   (c->wf[last + 1] & WF_LOWER) &&
				   in_list(verbs, wlc(c, last + 1))) {
				final = 0;
				ce = xe + 1;
			} else {
				continue;
			}
		}
		if (final && paren)
			end = ce;
		else
			end = ce;
		if (range_quoted(c, c->w[i - 1].end, end))
			continue;
		/* variants: original first, then forms x openers */
		nop = (!strcmp(op, "for example") || !strcmp(op, "for instance")) ? 2 : 1;
		lt_buf_clear(&b);
		off[nv] = 0;
		if ((rc = lt_buf_append(&b, t + c->w[i - 1].end, end - c->w[i - 1].end)))
			break;
		vl[nv] = b.len;
		nv++;
		for (o = 0; o < nop && !rc; o++) {
			const char *opw = o == 0 ? op :
					  (!strcmp(op, "for example") ? "for instance" :
					   "for example");

			for (f = 0; f < 3 && !rc; f++) {
				static const char *const pre[3] = { ", ", " (", " \xe2\x80\x94 " };
				static const char *const post_mid[3] = { ",", ")", " \xe2\x80\x94" };

				off[nv] = b.len;
				rc = lt_buf_puts(&b, pre[f]);
				if (!rc)
					rc = lt_buf_puts(&b, opw);
				if (!rc)
					rc = lt_buf_puts(&b, " ");
				if (!rc)
					rc = lt_buf_append(&b, t + xs, xe - xs);
				if (!rc && f == 1)
					rc = lt_buf_puts(&b, ")");
				else if (!rc && !final)
					rc = lt_buf_puts(&b, post_mid[f]);
				vl[nv] = b.len - off[nv];
				nv++;
			}
		}
		if (rc)
			break;
		for (o = 0; o < nv; o++)
			v[o] = b.data + off[o];
		rc = lt_cand_add(c->out, c->w[i - 1].end, (uint32_t)end,
				 LT_FAM_ASIDE, nv, v, vl);
		(void)oe;
		i = last;
	}
	lt_buf_free(&b);
	return rc;
}

/* =====================================================================
 * Shared helpers for the amount families
 * =================================================================== */

/* Word i is a number: ASCII digits or a number word ("two".."ninety"). */
static int is_number_word(const rctx *c, size_t i)
{
	if (i >= c->nw)
		return 0;
	if (c->wf[i] & WF_DIGITS)
		return 1;
	return (c->wf[i] & WF_LOWER) && word_value(wlc(c, i)) > 0;
}

/* Words the rate and amount rules accept after a phrase without a
 * punctuation mark between: the clause goes on, the phrase has ended. */
static const char *const phrase_enders[] = {
	"and", "or", "but", "for", "in", "from", "until", "on", "at", "by",
	"during", "throughout", "over", "with", "which", "if", "unless",
	"while", "to", NULL
};

/* The phrase ending with word j is followed by a punctuation mark, the
 * end of the text or a word that cannot continue it. */
static int phrase_ends_after(const rctx *c, size_t j)
{
	size_t p;

	if (j + 1 >= c->nw)
		return 1;
	p = c->w[j].end;
	if (p < c->len && c->t[p] != ' ' && c->t[p] != '\n' && c->t[p] != '\r')
		return strchr(".,;:)!?", c->t[p]) != NULL;
	return gap_is(c, j, " ") && (c->wf[j + 1] & WF_LOWER) &&
	       in_list(phrase_enders, wlc(c, j + 1));
}

/* =====================================================================
 * Family: rates after an amount
 *
 * Changes: the period of a rate after a number or a counted amount:
 * "per year" <-> "a year" <-> "annually" <-> "each year" (also month,
 * week and day; "per hour" <-> "an hour"; "per annum" becomes any of
 * them).  "£500 per year", "10 miles per hour", "twice a week",
 * "24 hours a day".  Never touches: a period not after an amount ("the
 * cost per year", "a year ago"), a number that is a reference or a
 * year ("section 5 a year"), a phrase the clause continues ("3 a year
 * later"), quotations.
 * =================================================================== */

static const struct rate_period {
	const char *unit;   /* "year" */
	const char *adverb; /* "annually", or NULL */
	int each;           /* "each year" reads the same */
} rate_periods[] = {
	{ "year", "annually", 1 }, { "month", "monthly", 1 },
	{ "week", "weekly", 1 },   { "day", "daily", 1 },
	{ "hour", NULL, 0 },
};

/* An amount ends at word i - 1: "500", "twice", "10 miles",
 * "three times". */
static int amount_before(const rctx *c, size_t i)
{
	size_t n;

	if (i < 1 || !gap_is(c, i - 1, " "))
		return 0;
	if (wexact(c, i - 1, "once") || wexact(c, i - 1, "twice"))
		return 1;
	n = i - 1;
	if (!is_number_word(c, n)) {
		if (i < 2 || !(c->wf[i - 1] & WF_LOWER) ||
		    !(looks_plural(c, i - 1) || wis(c, i - 1, "times")) ||
		    !gap_is(c, i - 2, " "))
			return 0;
		n = i - 2;
		if (!is_number_word(c, n))
			return 0;
	}
	/* "section 5", "in 2024", "Room 12": not amounts */
	while (n > 0 && (c->wf[n] & WF_DIGITS) && (c->wf[n - 1] & WF_DIGITS) &&
	       c->w[n].start - c->w[n - 1].end == 1 &&
	       strchr(",.", c->t[c->w[n - 1].end]))
		n--;
	if (number_label_before(c, n) && !currency_before(c, c->w[n].start))
		return 0;
	if ((c->wf[n] & WF_DIGITS) && c->w[n].end - c->w[n].start == 4 &&
	    !currency_before(c, c->w[n].start))
		return 0;
	return 1;
}

static int rule_rate(rctx *c)
{
	size_t i, p;
	int rc;

	for (i = 1; i < c->nw; i++) {
		const struct rate_period *rp = NULL;
		size_t j = i;
		int form = -1; /* 0 per, 1 a/an, 2 adverb, 3 each */
		const char *alts[4];
		char buf[4][24];
		unsigned na = 0;

		if (!(c->wf[i] & WF_LOWER) || (c->wf[i] & WF_QUOTED))
			continue;
		for (p = 0; p < sizeof(rate_periods) / sizeof(rate_periods[0]); p++) {
			const struct rate_period *r = &rate_periods[p];

			if (r->adverb && wexact(c, i, r->adverb)) {
				rp = r;
				form = 2;
				break;
			}
			if (i + 1 >= c->nw || !gap_is_strict(c, i, " ") ||
			    !wexact(c, i + 1, r->unit)) {
				if (p == 0 && i + 1 < c->nw && wexact(c, i, "per") &&
				    gap_is_strict(c, i, " ") && wexact(c, i + 1, "annum")) {
					rp = r;
					form = 0;
					j = i + 1;
					break;
				}
				continue;
			}
			if (wexact(c, i, "per"))
				form = 0;
			else if (wexact(c, i, r->adverb ? "a" : "an"))
				form = 1;
			else if (r->each && wexact(c, i, "each"))
				form = 3;
			else
				continue;
			rp = r;
			j = i + 1;
			break;
		}
		if (!rp || !amount_before(c, i) || !phrase_ends_after(c, j) ||
		    glued(c, c->w[i].start, c->w[j].end))
			continue;
		snprintf(buf[na++], sizeof(buf[0]), "per %s", rp->unit);
		snprintf(buf[na++], sizeof(buf[0]), "%s %s",
			 rp->adverb ? "a" : "an", rp->unit);
		if (rp->adverb)
			snprintf(buf[na++], sizeof(buf[0]), "%s", rp->adverb);
		if (rp->each)
			snprintf(buf[na++], sizeof(buf[0]), "each %s", rp->unit);
		for (p = 0; p < na; p++)
			alts[p] = buf[p];
		(void)form;
		rc = add_alts(c, c->w[i].start, c->w[j].end, LT_FAM_RATE, alts, na);
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Family: bounds and totals before a counted number
 *
 * Changes: "at least 20 staff" <-> "a minimum of 20 staff", "a total of
 * £284,600" <-> "£284,600".  ("up to N" is left alone: "a maximum of N"
 * would make an approximate bound a strict one.)  The number must count something: a plural
 * noun follows it, or a currency sign or a per cent precedes or follows
 * it.  Never touches: a time or a date ("up to 5 pm", "at least 31
 * March"), negated bounds ("not at least"), "up to" after a verb of
 * movement ("rose up to 30 metres"), "a total of" opening a sentence,
 * the number itself.
 * =================================================================== */

/* Word j starts a number that counts something (see above).  The gap
 * before it (from byte `from`) must be a space, optionally followed by
 * a currency sign. */
static int counted_number_at(const rctx *c, size_t j, size_t from)
{
	size_t k = j, s;
	int cur;

	if (j >= c->nw)
		return 0;
	s = c->w[j].start;
	cur = currency_before(c, s);
	if (from >= s || c->t[from] != ' ')
		return 0;
	if (from + 1 != s && !(cur && (s - from == 2 || s - from == 3 ||
				      s - from == 4)))
		return 0;
	if (c->wf[j] & WF_DIGITS) {
		while (k + 1 < c->nw && (c->wf[k + 1] & WF_DIGITS) &&
		       c->w[k + 1].start - c->w[k].end == 1 &&
		       strchr(",.", c->t[c->w[k].end]))
			k++;
		if (c->w[k].end < c->len && c->t[c->w[k].end] == '%')
			return 1;
		if (cur)
			return 1;
	} else if ((c->wf[j] & WF_LOWER) && word_value(wlc(c, j)) >= 2) {
		if (k + 1 < c->nw && gap_is_strict(c, k, "-") &&
		    word_value(wlc(c, k + 1)) > 0)
			k++;
	} else {
		return 0;
	}
	if (wis(c, k + 1, "percent") ||
	    (wis(c, k + 1, "per") && wis(c, k + 2, "cent")))
		return 1;
	return quantity_follows(c, k);
}

static int rule_amount(rctx *c)
{
	static const char *const negators[] = {
		"not", "no", "nor", "never", NULL
	};
	size_t i;
	int rc;

	for (i = 0; i + 2 < c->nw; i++) {
		int sent = (c->wf[i] & WF_SENT) != 0;
		const char *prev = i > 0 ? wlc(c, i - 1) : "";
		char alt[24];

		if (c->wf[i] & WF_QUOTED)
			continue;
		if (!sent && !(c->wf[i] & WF_LOWER))
			continue;
		if (wexact(c, i, "a") && !sent && wexact(c, i + 1, "total") &&
		    i + 3 < c->nw && wexact(c, i + 2, "of") &&
		    gap_is_strict(c, i, " ") && gap_is_strict(c, i + 1, " ") &&
		    counted_number_at(c, i + 3, c->w[i + 2].end)) {
			rc = add1(c, c->w[i].start, c->w[i + 2].end + 1,
				  LT_FAM_AMOUNT, "");
			if (rc)
				return rc;
			continue;
		}
		if (!gap_is_strict(c, i, " ") || in_list(negators, prev))
			continue;
		if (wis(c, i, "at") && wexact(c, i + 1, "least") &&
		    counted_number_at(c, i + 2, c->w[i + 1].end)) {
			snprintf(alt, sizeof(alt), "%c minimum of",
				 is_upper((unsigned char)c->t[c->w[i].start]) ? 'A' : 'a');
		} else {
			continue;
		}
		if (glued(c, c->w[i].start, c->w[i + 1].end))
			continue;
		rc = add1(c, c->w[i].start, c->w[i + 1].end, LT_FAM_AMOUNT, alt);
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

static int rule_optional_to(rctx *c)
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
 * Family: compound adjectives with a curated head
 *
 * Changes: the hyphen of a two-word compound adjective before a noun,
 * "a risk-based approach" <-> "a risk based approach", for heads such as
 * -term, -scale, -level, -based, -wide, -related, -led, -free.  Only from
 * the hyphenated form and only attributively: the next word must be a
 * lower-case content word.  Never touches: a predicative compound ("the
 * approach is risk-based and fair"), prefixes that always keep their
 * hyphen (non-, self-, co-, re-, ...), longer chains ("end-of-life"),
 * names, numbers, quotations.
 * =================================================================== */

/* The hyphen list already has a group for the compound [s, e). */
static int hyphen_listed(const rctx *c, size_t s, size_t e)
{
	size_t i, n = e - s;

	for (i = 0; lt_wl_hyphens[i]; i++) {
		const char *p = lt_wl_hyphens[i];

		while ((p = strstr(p, "-")) != NULL) {
			const char *b = p;

			while (b > lt_wl_hyphens[i] && b[-1] != ':' && b[-1] != '|')
				b--;
			if (!strncasecmp(b, c->t + s, n) &&
			    (b[n] == '|' || b[n] == '\0'))
				return 1;
			p++;
		}
	}
	return 0;
}

static int rule_compound_head(rctx *c)
{
	static const char *const heads[] = {
		"term", "scale", "level", "based", "wide", "related", "making",
		"free", "led", "specific", "sized", "funded", "owned", "run",
		"focused", "driven", "friendly", NULL
	};
	static const char *const prefixes[] = {
		"non", "self", "ex", "co", "re", "pre", "post", "anti", "sub",
		"multi", "cross", "inter", "semi", "pro", "over", "under",
		"all", "well", "ill", "mid", "e", "x", NULL
	};
	size_t i;
	int rc;

	for (i = 0; i + 2 < c->nw; i++) {
		const char *next;
		size_t n;

		if (!(c->wf[i] & WF_LOWER) || !(c->wf[i + 1] & WF_LOWER) ||
		    (c->wf[i] & WF_QUOTED) || !gap_is_strict(c, i, "-") ||
		    !in_list(heads, wlc(c, i + 1)) ||
		    in_list(prefixes, wlc(c, i)) ||
		    c->w[i].end - c->w[i].start < 3)
			continue;
		if (c->w[i].start > 0 && strchr("-/", c->t[c->w[i].start - 1]))
			continue;
		if (!gap_is_strict(c, i + 1, " ") || !(c->wf[i + 2] & WF_LOWER))
			continue;
		next = wlc(c, i + 2);
		n = strlen(next);
		if (n < 3 || in_list(function_words, next) ||
		    (n > 2 && !strcmp(next + n - 2, "ly")) ||
		    hyphen_listed(c, c->w[i].start, c->w[i + 1].end))
			continue;
		rc = add1(c, c->w[i].end, c->w[i + 1].start,
			  LT_FAM_COMPOUND_HEAD, " ");
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

static int rule_relative_that(rctx *c)
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
		    in_list(function_words, wlc(c, i)) ||
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

/* =====================================================================
 * Typographic family: double quotation marks
 *
 * Changes: a pair of double quotes, straight "..." <-> curly, both marks
 * together.  Never touches: the quoted text itself, an unpaired quote.
 * A quotation longer than 240 bytes gets one slot per mark.
 * =================================================================== */

static int rule_quotes(rctx *c)
{
	lt_buf b = { 0 };
	size_t q;
	int rc = LT_OK;

	for (q = 0; q < c->nqp && !rc; q++) {
		const qpair *p = &c->qp[q];
		int curly = p->open_len == 3;
		const char *o = curly ? "\"" : LDQ, *cl = curly ? "\"" : RDQ;
		uint32_t end = p->close + p->close_len;

		if (end - p->open <= 240) {
			lt_buf_clear(&b);
			if ((rc = lt_buf_puts(&b, o)) ||
			    (rc = lt_buf_append(&b, c->t + p->open + p->open_len,
						p->close - p->open - p->open_len)) ||
			    (rc = lt_buf_puts(&b, cl)))
				break;
			rc = add1(c, p->open, end, LT_FAM_QUOTES, b.data);
		} else {
			rc = add1(c, p->open, p->open + p->open_len,
				  LT_FAM_QUOTES, o);
			if (!rc)
				rc = add1(c, p->close, end, LT_FAM_QUOTES, cl);
		}
	}
	lt_buf_free(&b);
	return rc;
}

/* =====================================================================
 * Typographic family: apostrophes
 *
 * Changes: an apostrophe inside a word ("Ministry's", "it's"), straight
 * ' <-> typographic U+2019.  Never touches: single quotation marks,
 * apostrophes inside quotations, a trailing apostrophe (it could close a
 * quotation).
 * =================================================================== */

static int rule_apostrophes(rctx *c)
{
	size_t i;
	int rc;

	for (i = 0; i + 1 < c->nw; i++) {
		size_t e = c->w[i].end, al;

		if (e < c->len && c->t[e] == '\'')
			al = 1;
		else if (at3(c, e, RSQ))
			al = 3;
		else
			continue;
		if (c->w[i + 1].start != e + al)
			continue;
		rc = add1(c, (uint32_t)e, (uint32_t)(e + al), LT_FAM_APOSTROPHE,
			  al == 1 ? RSQ : "'");
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Typographic family: dashes
 *
 * Changes: a dash between words: em dash, spaced en dash or a double
 * hyphen (three variants; the spacing of an em dash is kept).  Never
 * touches: hyphens inside words, en dashes in ranges ("2024-25", any dash
 * next to a digit), bullets at the start of a line.
 * =================================================================== */

static int rule_dashes(rctx *c)
{
	const char *t = c->t;
	size_t p;
	int rc;

	for (p = 1; p + 1 < c->len; p++) {
		size_t s, e, ls;
		int spaced, em = at3(c, p, EMD), en = at3(c, p, END);
		int dd = t[p] == '-' && t[p + 1] == '-';
		int sh = t[p] == '-' && t[p - 1] == ' ' && t[p + 1] == ' ';
		const char *alts[2];
		size_t dl;

		if (!em && !en && !dd && !sh)
			continue;
		dl = em || en ? 3 : dd ? 2 : 1;
		if (dd && ((p + 2 < c->len && t[p + 2] == '-') || t[p - 1] == '-'))
			continue;
		spaced = t[p - 1] == ' ' && p + dl < c->len && t[p + dl] == ' ';
		if (!spaced && (en || sh))
			continue;
		if (!spaced && (t[p - 1] == ' ' ||
				(p + dl < c->len && t[p + dl] == ' ')))
			continue;
		s = spaced ? p - 1 : p;
		e = spaced ? p + dl + 1 : p + dl;
		if (s == 0 || e >= c->len)
			continue;
		/* neighbours: not digits, not line ends, not a bullet */
		if (isdigit((unsigned char)t[s - 1]) || isdigit((unsigned char)t[e]) ||
		    t[s - 1] == '\n' || t[e] == '\n' || t[s - 1] == ' ' ||
		    t[e] == ' ')
			continue;
		for (ls = s; ls > 0 && t[ls - 1] != '\n'; ls--)
			;
		while (ls < s && (t[ls] == ' ' || t[ls] == '\t'))
			ls++;
		if (ls == s)
			continue;
		if (em && spaced) {
			alts[0] = " " END " ";
			alts[1] = " -- ";
		} else if (em) {
			alts[0] = " " END " ";
			alts[1] = "--";
		} else if (en) {
			alts[0] = " " EMD " ";
			alts[1] = " -- ";
		} else if (dd && spaced) {
			alts[0] = " " EMD " ";
			alts[1] = " " END " ";
		} else if (dd) {
			alts[0] = EMD;
			alts[1] = " " END " ";
		} else {
			alts[0] = " " END " ";
			alts[1] = " " EMD " ";
		}
		rc = add_alts(c, (uint32_t)s, (uint32_t)e, LT_FAM_DASH, alts, 2);
		if (rc)
			return rc;
		p = e - 1;
	}
	return LT_OK;
}

/* =====================================================================
 * Typographic family: spacing between sentences
 *
 * Changes: one <-> two spaces after a full stop, question or exclamation
 * mark between two sentences on the same line.  Never touches: the stop
 * after an abbreviation, an initial or a list number, line ends.
 * =================================================================== */

static int rule_sentence_space(rctx *c)
{
	static const char *const abbrevs[] = {
		"mr", "mrs", "ms", "dr", "st", "no", "nos", "vol", "fig", "art",
		"sec", "para", "pp", "cf", "vs", "approx", "inc", "ltd", "co",
		"jr", "sr", "prof", "gen", "col", "lt", "capt", "sgt", "rev",
		"hon", "gov", "dept", "est", "etc", "al", "ref", "tel", "ext",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
		"oct", "nov", "dec", "op", "cit", "ibid", "viz", NULL
	};
	const char *t = c->t;
	size_t i;
	int rc;

	for (i = 0; i + 1 < c->nw; i++) {
		size_t e = c->w[i].end, q = e, n = 0;
		size_t ls;

		if (e >= c->len || (t[e] != '.' && t[e] != '!' && t[e] != '?'))
			continue;
		q = e + 1;
		while (q < c->len && (t[q] == ')' || t[q] == '"'))
			q++;
		while (q + n < c->len && t[q + n] == ' ')
			n++;
		if (n < 1 || n > 2 || q + n != c->w[i + 1].start)
			continue;
		if (!is_upper((unsigned char)t[q + n]))
			continue;
		if (c->w[i].end - c->w[i].start == 1 ||
		    in_list(abbrevs, wlc(c, i)))
			continue;
		if (i > 0 && c->w[i - 1].end + 1 == c->w[i].start &&
		    t[c->w[i - 1].end] == '.')
			continue; /* "e.g." and the like */
		for (ls = c->w[i].start; ls > 0 && t[ls - 1] != '\n'; ls--)
			;
		while (ls < c->w[i].start && (t[ls] == ' ' || t[ls] == '\t' ||
					      t[ls] == '(' || t[ls] == '#'))
			ls++;
		if (ls == c->w[i].start && (c->wf[i] & WF_DIGITS))
			continue; /* "1. Purpose" */
		if (c->wf[i] & WF_QUOTED)
			continue;
		rc = add1(c, (uint32_t)q, (uint32_t)(q + n),
			  LT_FAM_SENTENCE_SPACE, n == 1 ? "  " : " ");
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Typographic family: no-break spaces
 *
 * Changes: the single ASCII space after a short word (three letters or
 * fewer: "a", "of", "the"...) or after a number, into U+00A0 (or back).
 * Never touches: line ends, runs of several spaces, spaces inside
 * quotations, spaces next to punctuation.
 * =================================================================== */

static int rule_nbsp(rctx *c)
{
	const char *t = c->t;
	size_t i;
	int rc;

	for (i = 0; i + 1 < c->nw; i++) {
		size_t s = c->w[i].start, e = c->w[i].end, n = e - s;
		size_t k;
		int letters = 1;

		for (k = s; k < e; k++)
			if (!isalpha((unsigned char)t[k]))
				letters = 0;
		if (!((letters && n <= 3) || (c->wf[i] & WF_DIGITS)))
			continue;
		if (s > 0 && (t[s - 1] == '-' || t[s - 1] == '/' ||
			      t[s - 1] == '@' || t[s - 1] == '.'))
			continue;
		if (c->wf[i] & WF_QUOTED)
			continue;
		if (gap_is_strict(c, i, " "))
			rc = add1(c, (uint32_t)e, (uint32_t)e + 1, LT_FAM_NBSP, NBSP);
		else if (gap_is_strict(c, i, NBSP))
			rc = add1(c, (uint32_t)e, (uint32_t)e + 2, LT_FAM_NBSP, " ");
		else
			continue;
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* =====================================================================
 * Driver
 * =================================================================== */

int lt_rules_find(lt_cand_list *out, const char *text, size_t len,
		  const lt_word *words, size_t nwords)
{
	static int (*const families[])(rctx *) = {
		rule_phrase_groups, rule_serial_comma, rule_optional_that,
		rule_abbreviations, rule_number_words, rule_percent,
		rule_contractions, rule_intro_comma, rule_capitalisation,
		rule_optional_of, rule_relative_which, rule_clause_comma,
		rule_relative_who, rule_am_pm, rule_list_order, rule_dates,
		rule_topic_preposition, rule_number_format, rule_letter,
		rule_aside, rule_rate, rule_amount, rule_optional_to,
		rule_compound_head, rule_relative_that, rule_quotes,
		rule_apostrophes,
		rule_dashes,
		rule_sentence_space, rule_nbsp
	};
	rctx c;
	size_t f;
	int rc;

	pthread_once(&tables_once, build_tables);
	rc = rctx_init(&c, text, len, words, nwords, out);
	for (f = 0; !rc && f < sizeof(families) / sizeof(families[0]); f++)
		rc = families[f](&c);
	rctx_free(&c);
	return rc;
}
