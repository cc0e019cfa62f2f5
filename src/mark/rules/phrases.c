/*
 * phrases.c - the phrase engine: synonyms, hyphenation, spelling variants
 * and the order of fixed pairs, driven by the curated groups in
 * mark/wordlists.c (families synonym, hyphenation, spelling, pair-order).
 *
 * Marks: one phrase of a group replaced by another of the same group
 * ("prior to" / "before", "long-term" / "long term", "judgment" /
 * "judgement", "safety and security" / "security and safety").
 * Never touches: a name (capitalised mid-sentence), quotations, a phrase
 * glued to a neighbour by a hyphen or slash, ALL-CAPS headings, a variant
 * the document's house style excludes.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mark/rules/common.h"

/* =====================================================================
 * Family: synonyms, hyphenation, spelling variants, pair order
 * (one phrase engine driven by the word lists)
 *
 * Changes: one phrase of a curated group into another of the same group,
 * keeping the capital of a sentence-initial first letter and the article
 * ("a"/"an") agreement.  Never touches: a capitalised word in mid-sentence
 * (a name), text inside quotations, a phrase glued to a neighbour by a
 * hyphen or slash, ALL-CAPS headings, a variant the document's house style
 * excludes (British-only spellings in an American text and vice versa;
 * either, by default, when the variety is unknown), a hyphen taken out of
 * a compound modifier before a noun or put into an open compound that is
 * not one ("car park").
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

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n > m && !strcmp(s + n - m, tail);
}

/* Check the context flags of group g for a match of words [i, j]. */
static int group_context_ok(const lt_rule_ctx *c, const vgroup *g,
			    size_t i, size_t j, size_t e)
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
		    (c->wf[j + 1] & WF_LOWER) && lt_rule_word_value(next) >= 2)
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
	if ((g->flags & GF_NOT_DET) && i > 0 &&
	    in_list(lt_rule_determiners, prev))
		return 0;
	if ((g->flags & GF_AFTER_DET) &&
	    !(i > 0 && in_list(lt_rule_determiners, prev)))
		return 0;
	if ((g->flags & GF_AFTER_HAVE) && strcmp(prev, "has") &&
	    strcmp(prev, "have") && strcmp(prev, "had"))
		return 0;
	if ((g->flags & GF_NOT_ASKED) && !strcmp(next, "asked"))
		return 0;
	if (g->flags & GF_NEXT_LOWER) {
		if (j + 1 >= c->nw || !gap_is(c, j, " ") ||
		    !is_lower((unsigned char)c->t[c->w[j + 1].start]) ||
		    in_list(lt_rule_function_words, next))
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
		if (!in_list(lt_rule_clause_openers, next) &&
		    !lt_rule_looks_plural(c, j + 1))
			return 0;
	}
	return 1;
}

/* Try group g's variant vi as a match at word i; add a candidate. */
static int try_group(lt_rule_ctx *c, const vgroup *g, unsigned vi, size_t i)
{
	const char *v = g->v[vi];
	size_t n = strlen(v), s = c->w[i].start, e = s + n, k;
	const char *alts[LT_SLOT_MAX_VARIANTS];
	char altbuf[LT_SLOT_MAX_VARIANTS][96];
	unsigned na = 0, a;
	long j;
	int cap, article = 0, modifier, marked = 0, rc, before_word, open_noun;
	size_t before;

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
	j = lt_rule_word_ending_at(c, i, e);
	if (j < 0 || lt_rule_glued(c, s, e))
		return LT_OK;
	if (!group_context_ok(c, g, i, (size_t)j, e))
		return LT_OK;
	if (g->style[vi] != STYLE_NEUTRAL && c->style != STYLE_NEUTRAL &&
	    g->style[vi] != c->style)
		return LT_OK;
	if (i > 0 && (wexact(c, i - 1, "a") || wexact(c, i - 1, "an") ||
		      wexact(c, i - 1, "A") || wexact(c, i - 1, "An")))
		article = 1;
	/* a compound modifier before a noun keeps its hyphen
	 * ("cost-effective measures", never "cost effective measures"); an
	 * open compound gains one only there ("end of life care" ->
	 * "end-of-life care", never "car park" -> "car-park") */
	before_word = (size_t)j + 1 < c->nw && gap_is(c, (size_t)j, " ") &&
		      (c->wf[j + 1] & WF_LOWER) &&
		      !in_list(lt_rule_function_words, wlc(c, (size_t)j + 1));
	modifier = g->family == LT_FAM_HYPHENATION && strchr(v, '-') &&
		   before_word;
	open_noun = g->family == LT_FAM_HYPHENATION && strchr(v, ' ') &&
		    !strchr(v, '-') &&
		    !(before_word && !ends_with(wlc(c, (size_t)j + 1), "ing") &&
		      !ends_with(wlc(c, (size_t)j + 1), "ed") &&
		      !ends_with(wlc(c, (size_t)j + 1), "ly"));
	for (a = 0; a < g->nv; a++) {
		if (a == vi)
			continue;
		if (g->style[a] != STYLE_NEUTRAL && c->style != STYLE_NEUTRAL &&
		    g->style[a] != c->style)
			continue;
		if (article && starts_vowel(g->v[a]) != starts_vowel(v))
			continue;
		if (modifier && strchr(g->v[a], ' '))
			continue;
		if (open_noun && strchr(g->v[a], '-'))
			continue;
		if (g->style[a] != STYLE_NEUTRAL || g->style[vi] != STYLE_NEUTRAL)
			marked = 1;
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
	before = c->out->n;
	rc = lt_rule_add_alts(c, (uint32_t)s, (uint32_t)e, g->family, alts,
			      na);
	/* a form of one variety in a text whose variety is unknown: the
	 * author decides */
	if (!rc && c->out->n > before && marked &&
	    c->style == STYLE_NEUTRAL) {
		c->out->c[c->out->n - 1].use = LT_SLOT_SUGGESTED;
		c->out->c[c->out->n - 1].why = LT_WHY_STYLE;
	}
	return rc;
}

int lt_rule_phrase_groups(lt_rule_ctx *c)
{
	size_t i, lo, hi, mid;
	int rc;

	pthread_once(&tables_once, build_tables);
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
