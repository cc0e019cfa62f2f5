/*
 * slots.c - slot sets: finding marking opportunities, writing a marked
 * copy, reading the choices back from a leak, and storing a set as JSON.
 *
 * Data flows: registered text --(markup parser)--> plain text + author
 * slots --(rules/, the registry)--> candidate slots --(conflict resolution)--> slot set
 * --lt_slots_render--> a copy.  Reading goes the other way: leaked text +
 * token alignment --lt_slots_read--> the variant each slot shows.
 *
 * Invariant of every set (checked again on load): slots are sorted, do not
 * overlap, and between two slots lies at least one whole token that
 * belongs to no slot, so each slot is read between fixed anchor tokens.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/utf8.h"
#include "leaktrace/error.h"
#include "leaktrace/slots.h"
#include "mark/rules.h"

/* =====================================================================
 * Families
 * =================================================================== */

/* Names, channels and ranks live in the rule registry (rules.h). */

size_t lt_slot_family_count(void)
{
	return LT_FAM_COUNT;
}

const char *lt_slot_family_name(unsigned family)
{
	const lt_rule_family *f = lt_rule_family_of(family);

	return f ? f->name : "unknown";
}

int lt_slot_family_by_name(const char *name)
{
	unsigned f;

	for (f = 0; name && f < LT_FAM_COUNT; f++) {
		const lt_rule_family *rf = lt_rule_family_of(f);

		if (rf && !strcmp(rf->name, name))
			return (int)f;
	}
	return -1;
}

lt_channel lt_slot_family_channel(unsigned family)
{
	const lt_rule_family *f = lt_rule_family_of(family);

	return f ? f->channel : LT_CHANNEL_LEXICAL;
}

/* =====================================================================
 * Slot set basics
 * =================================================================== */

void lt_slot_set_free(lt_slot_set *set)
{
	size_t i;
	unsigned v;

	if (!set)
		return;
	for (i = 0; i < set->n; i++)
		for (v = 0; v < set->slots[i].nvariants; v++)
			free(set->slots[i].variants[v]);
	free(set->slots);
	free(set->plain);
	free(set);
}

size_t lt_slot_set_words(const lt_slot_set *set)
{
	lt_word *w = NULL;
	size_t n = 0, i, k, words = 0;

	if (!set || lt_words_split(&w, &n, set->plain, set->plain_len))
		return 0;
	for (i = 0; i < n; i++) {
		for (k = w[i].start; k < w[i].end; k++)
			if (!((unsigned char)set->plain[k] >= '0' &&
			      (unsigned char)set->plain[k] <= '9'))
				break;
		if (k < w[i].end)
			words++;
	}
	free(w);
	return words;
}

/* Whether slot i is counted under `scope` (first slot of its group only). */
static int in_scope(const lt_slot_set *set, size_t i, lt_channel channel,
		    lt_slot_scope scope)
{
	const lt_slot *s = &set->slots[i];

	if (s->channel != channel || s->group != i)
		return 0;
	switch (scope) {
	case LT_SCOPE_DEFAULT:
		return s->use == LT_SLOT_DEFAULT;
	case LT_SCOPE_ALL:
		return s->use == LT_SLOT_DEFAULT ||
		       s->decision != LT_DECISION_REJECTED;
	default:
		return lt_slot_active(s);
	}
}

size_t lt_slot_set_count_ex(const lt_slot_set *set, lt_channel channel,
			    lt_slot_scope scope)
{
	size_t i, n = 0;

	for (i = 0; set && i < set->n; i++)
		n += in_scope(set, i, channel, scope);
	return n;
}

double lt_slot_set_capacity_ex(const lt_slot_set *set, lt_channel channel,
			       lt_slot_scope scope)
{
	size_t i;
	double bits = 0;

	for (i = 0; set && i < set->n; i++)
		if (in_scope(set, i, channel, scope))
			bits += log2((double)set->slots[i].nvariants);
	return bits;
}

size_t lt_slot_set_count(const lt_slot_set *set, lt_channel channel)
{
	return lt_slot_set_count_ex(set, channel, LT_SCOPE_ACTIVE);
}

double lt_slot_set_capacity(const lt_slot_set *set, lt_channel channel)
{
	return lt_slot_set_capacity_ex(set, channel, LT_SCOPE_ACTIVE);
}

static char *dup_bytes(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* =====================================================================
 * Author markup: {{a|b|c}}
 * =================================================================== */

typedef struct markup {
	uint32_t start, end; /* in the plain text */
	unsigned nv;
	uint32_t off[LT_SLOT_MAX_VARIANTS]; /* into the source text */
	uint32_t len[LT_SLOT_MAX_VARIANTS];
} markup;

/*
 * Copy `text` into `plain` with each {{a|b|...}} replaced by a; record the
 * markups.  Errors (LT_EINPUT, naming the byte offset in `text`): an
 * unclosed or nested markup, fewer than two or more than eight variants,
 * repeated variants.
 */
static int parse_markup(lt_buf *plain, markup **out, size_t *nout,
			const char *text, size_t len)
{
	markup *m = NULL, *nm;
	size_t n = 0, cap = 0, i = 0, run = 0;
	int rc;

	*out = NULL;
	*nout = 0;
	while (i < len) {
		size_t j, close, vs;
		markup mk;

		if (!(text[i] == '{' && i + 1 < len && text[i + 1] == '{')) {
			i++;
			continue;
		}
		if ((rc = lt_buf_append(plain, text + run, i - run)) != 0)
			goto fail;
		close = 0;
		for (j = i + 2; j + 1 < len; j++) {
			if (text[j] == '{' && text[j + 1] == '{') {
				rc = lt_error_set(LT_EINPUT,
						  "nested markup at byte %zu (inside the markup opened at byte %zu)",
						  j, i);
				goto fail;
			}
			if (text[j] == '}' && text[j + 1] == '}') {
				close = j;
				break;
			}
		}
		if (!close) {
			rc = lt_error_set(LT_EINPUT,
					  "unclosed markup at byte %zu: \"{{\" without \"}}\"", i);
			goto fail;
		}
		memset(&mk, 0, sizeof(mk));
		vs = i + 2;
		for (j = i + 2; j <= close; j++) {
			unsigned a;

			if (j < close && text[j] != '|')
				continue;
			if (mk.nv == LT_SLOT_MAX_VARIANTS) {
				rc = lt_error_set(LT_EINPUT,
						  "markup at byte %zu has more than %d variants",
						  i, LT_SLOT_MAX_VARIANTS);
				goto fail;
			}
			for (a = 0; a < mk.nv; a++)
				if (mk.len[a] == j - vs &&
				    !memcmp(text + mk.off[a], text + vs, j - vs)) {
					rc = lt_error_set(LT_EINPUT,
							  "markup at byte %zu repeats the variant \"%.*s\"",
							  i, (int)(j - vs), text + vs);
					goto fail;
				}
			mk.off[mk.nv] = (uint32_t)vs;
			mk.len[mk.nv] = (uint32_t)(j - vs);
			mk.nv++;
			vs = j + 1;
		}
		if (close == i + 2) {
			rc = lt_error_set(LT_EINPUT, "empty markup at byte %zu", i);
			goto fail;
		}
		if (mk.nv < 2) {
			rc = lt_error_set(LT_EINPUT,
					  "markup at byte %zu has a single variant; write {{a|b}}",
					  i);
			goto fail;
		}
		mk.start = (uint32_t)plain->len;
		if ((rc = lt_buf_append(plain, text + mk.off[0], mk.len[0])) != 0)
			goto fail;
		mk.end = (uint32_t)plain->len;
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			nm = realloc(m, cap * sizeof(*m));
			if (!nm) {
				rc = lt_error_set(LT_ENOMEM, "out of memory (markup)");
				goto fail;
			}
			m = nm;
		}
		m[n++] = mk;
		i = close + 2;
		run = i;
	}
	if ((rc = lt_buf_append(plain, text + run, len - run)) != 0)
		goto fail;
	*out = m;
	*nout = n;
	return LT_OK;
fail:
	free(m);
	return rc;
}

/* =====================================================================
 * Conflict resolution
 * =================================================================== */

typedef struct ranked {
	size_t idx;     /* candidate index */
	uint32_t lo, hi; /* covered positions [lo, hi] in gap/token space */
	uint8_t channel, q, rank;
	uint8_t markup, use;
} ranked;

/* Positions: 2k is the gap before token k, 2k+1 is token k.  A slot
 * covers from the gap before its first touched token to the gap after its
 * last; two slots leave a free token between them iff their covers do not
 * intersect. */
static void cover(const lt_word *w, size_t n, uint32_t s, uint32_t e,
		  uint32_t *lo, uint32_t *hi)
{
	size_t a = 0, b = n, m;

	/* L = number of tokens with end <= s */
	while (a < b) {
		m = (a + b) / 2;
		if (w[m].end <= s)
			a = m + 1;
		else
			b = m;
	}
	*lo = (uint32_t)(2 * a);
	/* R = first token with start >= e (and, for an empty range inside a
	 * token, past that token) */
	b = n;
	while (a < b) {
		m = (a + b) / 2;
		if (w[m].start < e || (s == e && w[m].start < s + 1 &&
				       w[m].end > s && w[m].start != s))
			a = m + 1;
		else
			b = m;
	}
	*hi = (uint32_t)(2 * a);
}

static int ranked_cmp(const void *pa, const void *pb)
{
	const ranked *a = pa, *b = pb;

	if (a->markup != b->markup)
		return b->markup - a->markup;
	if (a->channel != b->channel)
		return a->channel - b->channel;
	if (a->use != b->use)
		return a->use - b->use;
	if (a->q != b->q)
		return b->q - a->q;
	if (a->hi - a->lo != b->hi - b->lo)
		return (a->hi - a->lo) < (b->hi - b->lo) ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank - b->rank;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int slot_cmp(const void *pa, const void *pb)
{
	const lt_slot *a = pa, *b = pb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end < b->end ? -1 : a->end > b->end;
}

/* Whether the slot's variants are all different. */
static int variants_distinct(char *const *v, unsigned n)
{
	unsigned a, b;

	for (a = 0; a < n; a++)
		for (b = 0; b < a; b++)
			if (!strcmp(v[a], v[b]))
				return 0;
	return 1;
}

/*
 * Merge candidate c into the chosen lexical slot s when no free token lies
 * between them: the merged slot spans both, and its variants are every
 * combination (variants[0] the original's, then the rest in order), at
 * most LT_SLOT_MAX_VARIANTS.  Returns 1 when merged, 0 when the two cannot
 * be combined (byte overlap, too many variants, a repeated combination),
 * or a negative error.
 */
static int merge_into(lt_slot *s, const lt_cand *c, const lt_cand_list *cl,
		      const char *plain)
{
	char *v[LT_SLOT_MAX_VARIANTS] = { 0 };
	const lt_slot first = *s;
	unsigned qa, qb, a, b, k = 0;
	int c_first = c->end <= s->start && c->start < s->start;
	uint32_t gs, ge;

	if (!c_first && s->end > c->start)
		return 0; /* overlapping bytes */
	if (c_first && c->end > s->start)
		return 0;
	if (c->start == c->end && s->start == s->end)
		return 0;
	qa = c_first ? c->nvariants : s->nvariants;
	qb = c_first ? s->nvariants : c->nvariants;
	if (qa * qb > LT_SLOT_MAX_VARIANTS)
		return 0;
	gs = c_first ? c->end : s->end;
	ge = c_first ? s->start : c->start;
	for (a = 0; a < qa; a++) {
		for (b = 0; b < qb; b++) {
			const char *pa, *pb;
			size_t la, lb;
			char *m;

			if (c_first) {
				pa = cl->arena.data + c->var_off[a];
				la = c->var_len[a];
				pb = first.variants[b];
				lb = strlen(pb);
			} else {
				pa = first.variants[a];
				la = strlen(pa);
				pb = cl->arena.data + c->var_off[b];
				lb = c->var_len[b];
			}
			m = malloc(la + (ge - gs) + lb + 1);
			if (!m) {
				while (k)
					free(v[--k]);
				return lt_error_set(LT_ENOMEM, "out of memory (slots)");
			}
			memcpy(m, pa, la);
			memcpy(m + la, plain + gs, ge - gs);
			memcpy(m + la + (ge - gs), pb, lb);
			m[la + (ge - gs) + lb] = '\0';
			v[k++] = m;
		}
	}
	if (!variants_distinct(v, k)) {
		while (k)
			free(v[--k]);
		return 0;
	}
	for (a = 0; a < first.nvariants; a++)
		free(s->variants[a]);
	memset(s->variants, 0, sizeof(s->variants));
	memcpy(s->variants, v, k * sizeof(v[0]));
	s->nvariants = (uint8_t)k;
	s->start = c_first ? c->start : first.start;
	s->end = c_first ? first.end : c->end;
	s->family = LT_FAM_COMBINED;
	return 1;
}

/*
 * Choose a conflict-free subset of the candidates and build the set.
 * Candidates are taken in order of preference (author markup, lexical
 * before typographic, default before suggested (a suggestion the author
 * may never approve never takes a default mark's place), more variants,
 * narrower, family rank).  A lexical
 * candidate that touches exactly one chosen lexical slot, with no free
 * token between them, is merged into it when the product of their
 * variants stays within LT_SLOT_MAX_VARIANTS; otherwise it is dropped.
 */
/* Whether slots a and b offer the same variants, in the same order. */
static int same_variants(const lt_slot *a, const lt_slot *b)
{
	unsigned v;

	if (a->nvariants != b->nvariants)
		return 0;
	for (v = 0; v < a->nvariants; v++)
		if (strcmp(a->variants[v], b->variants[v]))
			return 0;
	return 1;
}

/* Whether a family's candidates are grouped document-wide. */
static int doc_scope(unsigned family)
{
	const lt_rule_family *f = lt_rule_family_of(family);

	return f && f->scope == LT_SCOPE_DOC;
}

/*
 * Append to `broken` (NUL-separated) the group identity of a candidate or
 * slot: family and key, and with no key its variants.  A group whose
 * identity is there lost a member to a neighbouring slot (dropped, or
 * merged into a combined slot that chooses on its own), so that copies
 * would mix two forms: group_slots() removes it.
 */
static int group_ident(lt_buf *b, unsigned family, uint32_t key,
		       unsigned nv, const char *const *v, const size_t *vl)
{
	unsigned k;
	int rc;

	if ((rc = lt_buf_printf(b, "%u|%u|", family, key)))
		return rc;
	for (k = 0; !key && k < nv; k++)
		if ((rc = lt_buf_append(b, v[k], vl[k])) ||
		    (rc = lt_buf_append(b, "\x1f", 1)))
			return rc;
	return lt_buf_append(b, "", 1);
}

static int slot_ident(lt_buf *b, const lt_slot *s, uint32_t key)
{
	const char *v[LT_SLOT_MAX_VARIANTS];
	size_t vl[LT_SLOT_MAX_VARIANTS];
	unsigned k;

	for (k = 0; k < s->nvariants; k++) {
		v[k] = s->variants[k];
		vl[k] = strlen(v[k]);
	}
	return group_ident(b, s->family, key, s->nvariants, v, vl);
}

static int in_broken(const lt_buf *broken, const char *id)
{
	size_t at = 0;

	while (broken->data && at < broken->len) {
		if (!strcmp(broken->data + at, id))
			return 1;
		at += strlen(broken->data + at) + 1;
	}
	return 0;
}

/*
 * Document-level groups (sorted slots; each slot's group field holds its
 * candidate's key on entry).  Slots of one family join the group of the
 * first earlier slot with the same non-zero key and as many variants, or,
 * in a family whose scope is the document, with the same variants: a
 * repeated form is then one choice per copy.  A group is suggested when
 * any member is.  Quadratic in the slots of one family at worst; a
 * document has a few hundred.
 */
static int group_slots(lt_slot_set *set, const lt_buf *broken)
{
	uint32_t *key = malloc((set->n + 1) * sizeof(*key));
	size_t i, j, n;
	lt_buf id = { 0 };

	if (!key)
		return lt_error_set(LT_ENOMEM, "out of memory (slots)");
	for (i = 0; i < set->n; i++)
		key[i] = set->slots[i].group;
	/* groups that lost a member go whole: never a mixed copy */
	for (i = n = 0; broken->len && i < set->n; i++) {
		lt_slot *s = &set->slots[i];
		unsigned v;

		lt_buf_clear(&id);
		if ((key[i] || doc_scope(s->family)) &&
		    slot_ident(&id, s, key[i]) == LT_OK &&
		    in_broken(broken, id.data)) {
			for (v = 0; v < s->nvariants; v++)
				free(s->variants[v]);
			continue;
		}
		key[n] = key[i];
		set->slots[n++] = *s;
	}
	if (broken->len)
		set->n = n;
	lt_buf_free(&id);
	for (i = 0; i < set->n; i++) {
		lt_slot *s = &set->slots[i];
		const lt_rule_family *f = lt_rule_family_of(s->family);
		int doc = f && f->scope == LT_SCOPE_DOC;

		s->group = (uint32_t)i;
		if (!key[i] && !doc)
			continue;
		for (j = 0; j < i; j++) {
			const lt_slot *t = &set->slots[j];

			if (t->group != j || t->family != s->family ||
			    t->nvariants != s->nvariants || key[j] != key[i])
				continue;
			if (!key[i] && !same_variants(s, t))
				continue;
			s->group = (uint32_t)j;
			break;
		}
	}
	free(key);
	/* a group is as cautious as its most cautious member */
	for (i = 0; i < set->n; i++) {
		lt_slot *s = &set->slots[i], *g = &set->slots[s->group];

		if (s->use > g->use) {
			g->use = s->use;
			g->why = s->why;
		}
	}
	for (i = 0; i < set->n; i++) {
		lt_slot *s = &set->slots[i];

		s->use = set->slots[s->group].use;
		s->why = set->slots[s->group].why;
	}
	return LT_OK;
}

static int resolve(lt_slot_set *set, const lt_cand_list *cl,
		   const lt_word *w, size_t nw, size_t nmarkup,
		   const char *plain)
{
	ranked *r = NULL;
	uint32_t *occ = NULL; /* 1 + index of the slot covering a position */
	uint32_t *slo = NULL, *shi = NULL;
	size_t i, n = 0;
	lt_buf broken = { 0 }; /* group identities that lost a member */
	int rc = LT_OK;

	r = malloc((cl->n + 1) * sizeof(*r));
	occ = calloc(2 * nw + 2, sizeof(*occ));
	slo = malloc((cl->n + 1) * sizeof(*slo));
	shi = malloc((cl->n + 1) * sizeof(*shi));
	set->slots = calloc(cl->n + 1, sizeof(*set->slots));
	if (!r || !occ || !slo || !shi || !set->slots) {
		rc = lt_error_set(LT_ENOMEM, "out of memory (slots)");
		goto out;
	}
	for (i = 0; i < cl->n; i++) {
		const lt_cand *c = &cl->c[i];

		r[i].idx = i;
		cover(w, nw, c->start, c->end, &r[i].lo, &r[i].hi);
		r[i].channel = (uint8_t)lt_slot_family_channel(c->family);
		r[i].q = c->nvariants;
		r[i].rank = lt_rule_family_of(c->family)->rank;
		r[i].markup = i < nmarkup;
		r[i].use = c->use;
	}
	qsort(r, cl->n, sizeof(*r), ranked_cmp);
	for (i = 0; i < cl->n; i++) {
		const lt_cand *c = &cl->c[r[i].idx];
		lt_slot *s;
		uint32_t p, other = 0;
		unsigned v;
		int clash = 0, several = 0;

		for (p = r[i].lo; p <= r[i].hi; p++) {
			if (!occ[p])
				continue;
			if (clash && occ[p] != other)
				several = 1;
			clash = 1;
			other = occ[p];
		}
		if (clash) {
			if (r[i].markup) {
				rc = lt_error_set(LT_EINPUT,
						  "markup at plain-text byte %u has no fixed word between it and another markup",
						  c->start);
				goto out;
			}
			s = &set->slots[other - 1];
			if (c->key || doc_scope(c->family)) {
				const char *cv[LT_SLOT_MAX_VARIANTS];
				size_t vl[LT_SLOT_MAX_VARIANTS];
				unsigned k;

				for (k = 0; k < c->nvariants; k++) {
					cv[k] = cl->arena.data + c->var_off[k];
					vl[k] = c->var_len[k];
				}
				if ((rc = group_ident(&broken, c->family, c->key,
						      c->nvariants, cv, vl)))
					goto out;
			}
			if (several || r[i].channel != LT_CHANNEL_LEXICAL ||
			    s->channel != LT_CHANNEL_LEXICAL ||
			    s->family == LT_FAM_MARKUP)
				continue;
			{
				uint32_t lo = slo[other - 1] < r[i].lo ?
					      slo[other - 1] : r[i].lo;
				uint32_t hi = shi[other - 1] > r[i].hi ?
					      shi[other - 1] : r[i].hi;
				size_t mark = broken.len;
				int m;

				/* s may be a member of a group: if it is merged,
				 * the group loses it */
				if ((s->group || doc_scope(s->family)) &&
				    (rc = slot_ident(&broken, s, s->group)))
					goto out;
				m = merge_into(s, c, cl, plain);
				if (m < 0) {
					rc = m;
					goto out;
				}
				if (!m) {
					broken.len = mark;
					continue;
				}
				/* a combined slot is as cautious as its parts,
				 * and a choice of its own */
				if (c->use > s->use) {
					s->use = c->use;
					s->why = c->why;
				}
				s->group = 0;
				for (p = lo; p <= hi; p++)
					occ[p] = other;
				slo[other - 1] = lo;
				shi[other - 1] = hi;
			}
			continue;
		}
		for (p = r[i].lo; p <= r[i].hi; p++)
			occ[p] = (uint32_t)(n + 1);
		slo[n] = r[i].lo;
		shi[n] = r[i].hi;
		s = &set->slots[n++];
		set->n = n; /* so that an error path frees what was made */
		s->start = c->start;
		s->end = c->end;
		s->family = c->family;
		s->channel = (uint8_t)lt_slot_family_channel(c->family);
		s->nvariants = c->nvariants;
		s->use = c->use;
		s->why = c->why;
		s->group = c->key; /* the grouping key until group_slots() */
		for (v = 0; v < c->nvariants; v++) {
			s->variants[v] = dup_bytes(cl->arena.data + c->var_off[v],
						   c->var_len[v]);
			if (!s->variants[v]) {
				rc = lt_error_set(LT_ENOMEM, "out of memory (slots)");
				goto out;
			}
		}
	}
	set->n = n;
	qsort(set->slots, n, sizeof(*set->slots), slot_cmp);
	rc = group_slots(set, &broken);
out:
	lt_buf_free(&broken);
	free(r);
	free(occ);
	free(slo);
	free(shi);
	return rc;
}

/* =====================================================================
 * Finding
 * =================================================================== */

/* Valid UTF-8 without NUL bytes; otherwise LT_EINPUT naming the offset. */
static int check_utf8(const char *s, size_t len, const char *what)
{
	const char *nul = memchr(s, '\0', len);
	size_t bad = lt_utf8_invalid_at(s, nul ? (size_t)(nul - s) : len);

	if (bad < (nul ? (size_t)(nul - s) : len))
		return lt_error_set(LT_EINPUT,
				    "%s: invalid UTF-8 at byte offset %zu",
				    what, bad);
	if (nul)
		return lt_error_set(LT_EINPUT, "%s: NUL byte at offset %zu",
				    what, (size_t)(nul - s));
	return LT_OK;
}

int lt_slots_find(lt_slot_set **out, const char *text, size_t len)
{
	lt_buf plain = { 0 };
	markup *mk = NULL;
	size_t nmk = 0, i, nw = 0;
	lt_word *w = NULL;
	lt_cand_list cl = { 0 };
	lt_slot_set *set = NULL;
	int rc;

	*out = NULL;
	if (len > UINT32_MAX / 2)
		return lt_error_set(LT_EINPUT, "text too large for slots (%zu bytes)",
				    len);
	if ((rc = check_utf8(text, len, "document")) != 0)
		return rc;
	if ((rc = parse_markup(&plain, &mk, &nmk, text, len)) != 0)
		goto out;
	if (!plain.data && (rc = lt_buf_reserve(&plain, 0)) != 0)
		goto out;
	if ((rc = lt_words_split(&w, &nw, plain.data, plain.len)) != 0)
		goto out;
	/* author slots first: resolve() gives them precedence */
	for (i = 0; i < nmk; i++) {
		const char *v[LT_SLOT_MAX_VARIANTS];
		size_t vl[LT_SLOT_MAX_VARIANTS];
		unsigned k;

		for (k = 0; k < mk[i].nv; k++) {
			v[k] = text + mk[i].off[k];
			vl[k] = mk[i].len[k];
		}
		if ((rc = lt_cand_add(&cl, mk[i].start, mk[i].end, LT_FAM_MARKUP,
				      mk[i].nv, v, vl)) != 0)
			goto out;
	}
	if (cl.n != nmk) {
		rc = lt_error_set(LT_EINTERNAL, "markup lost");
		goto out;
	}
	if ((rc = lt_rules_find(&cl, plain.data, plain.len, w, nw)) != 0)
		goto out;
	set = calloc(1, sizeof(*set));
	if (!set) {
		rc = lt_error_set(LT_ENOMEM, "out of memory (slots)");
		goto out;
	}
	if ((rc = resolve(set, &cl, w, nw, nmk, plain.data)) != 0)
		goto out;
	set->plain_len = plain.len;
	set->plain = lt_buf_detach(&plain, NULL);
	*out = set;
	set = NULL;
out:
	lt_slot_set_free(set);
	lt_cand_list_free(&cl);
	lt_buf_free(&plain);
	free(mk);
	free(w);
	return rc;
}

/* =====================================================================
 * Rendering
 * =================================================================== */

void lt_slots_effective(uint8_t *out, const lt_slot_set *set,
			const uint8_t *symbols)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];

		out[i] = lt_slot_active(s) && s->group < set->n
				 ? symbols[s->group] : 0;
	}
}

int lt_slots_render(lt_buf *out, const lt_slot_set *set,
		    const uint8_t *symbols)
{
	size_t i, total = set->plain_len, at = 0;
	uint8_t *eff;
	int rc;

	if (!(eff = malloc(set->n + 1)))
		return lt_error_set(LT_ENOMEM, "out of memory (render)");
	lt_slots_effective(eff, set, symbols);
	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];

		if (eff[i] >= s->nvariants) {
			unsigned bad = eff[i];

			free(eff);
			return lt_error_set(LT_EUSAGE,
					    "symbol %u out of range for slot %zu (%u variants)",
					    bad, i, s->nvariants);
		}
		total += strlen(s->variants[eff[i]]);
		total -= s->end - s->start;
	}
	if ((rc = lt_buf_reserve(out, total)) != 0) {
		free(eff);
		return rc;
	}
	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];
		const char *v = s->variants[eff[i]];
		size_t n = strlen(v);

		memcpy(out->data + out->len, set->plain + at, s->start - at);
		out->len += s->start - at;
		memcpy(out->data + out->len, v, n);
		out->len += n;
		at = s->end;
	}
	memcpy(out->data + out->len, set->plain + at, set->plain_len - at);
	out->len += set->plain_len - at;
	out->data[out->len] = '\0';
	free(eff);
	return LT_OK;
}

/* =====================================================================
 * Reading
 * =================================================================== */

/* Raw comparison form of typographic regions: line ends unified, tabs as
 * spaces, everything else byte for byte. */
static int typo_norm(lt_buf *b, const char *s, size_t n)
{
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		char ch = s[i];

		if (ch == '\r') {
			if (i + 1 < n && s[i + 1] == '\n')
				continue;
			ch = '\n';
		} else if (ch == '\t') {
			ch = ' ';
		}
		if ((rc = lt_buf_putc(b, ch)) != 0)
			return rc;
	}
	return LT_OK;
}

static int region_form(lt_buf *b, const char *s, size_t n, unsigned family)
{
	lt_buf_clear(b);
	if (lt_slot_family_channel(family) == LT_CHANNEL_TYPOGRAPHIC) {
		int rc = typo_norm(b, s, n);

		if (!rc && !b->data)
			rc = lt_buf_reserve(b, 0);
		return rc;
	}
	if (family == LT_FAM_CAPITALISATION || family == LT_FAM_COMBINED)
		return lt_text_fold(b, s, n, LT_FOLD_PUNCT | LT_FOLD_SPACE);
	return lt_text_fold(b, s, n, LT_FOLD_PUNCT | LT_FOLD_SPACE | LT_FOLD_CASE);
}

/* Read one slot; returns the variant or -1. */
static int read_one(const lt_slot_set *set, size_t si, const lt_tokens *ot,
		    const uint8_t *inslot, const char *leak,
		    const lt_tokens *lt, const lt_alignment *al, lt_buf *lb,
		    lt_buf *eb, lt_buf *tmp, int *err)
{
	const lt_slot *s = &set->slots[si];
	size_t a = 0, b = ot->n, m, best_d = (size_t)-1, second = (size_t)-1;
	long la, ra;
	int32_t lk, rk;
	unsigned v;
	int best = -1;
	size_t lstart, lend, ostart, oend, limit;

	while (a < b) { /* first token with end > start */
		m = (a + b) / 2;
		if (ot->tok[m].end <= s->start)
			a = m + 1;
		else
			b = m;
	}
	la = (long)a - 1;
	while (la >= 0 && inslot[la])
		la--;
	ra = (long)a;
	while ((size_t)ra < ot->n && (ot->tok[ra].start < s->end ||
				      (s->start == s->end &&
				       ot->tok[ra].start < s->start) ||
				      inslot[ra]))
		ra++;
	if (la < 0 || (size_t)ra >= ot->n || (size_t)ra >= al->n_orig)
		return -1;
	lk = al->orig_to_leak[la];
	rk = al->orig_to_leak[ra];
	if (lk < 0 || rk < 0 || lk >= rk || (size_t)rk >= lt->n)
		return -1;
	if (rk - lk > ra - la + 4)
		return -1;
	ostart = ot->tok[la].end;
	oend = ot->tok[ra].start;
	lstart = lt->tok[lk].end;
	lend = lt->tok[rk].start;
	if (lend < lstart || lend - lstart > 4 * (oend - ostart) + 64)
		return -1;
	if ((*err = region_form(lb, leak + lstart, lend - lstart, s->family)))
		return -1;
	for (v = 0; v < s->nvariants; v++) {
		size_t d, vl = strlen(s->variants[v]);

		lt_buf_clear(tmp);
		if ((*err = lt_buf_append(tmp, set->plain + ostart,
					  s->start - ostart)) ||
		    (*err = lt_buf_append(tmp, s->variants[v], vl)) ||
		    (*err = lt_buf_append(tmp, set->plain + s->end,
					  oend - s->end)))
			return -1;
		if ((*err = region_form(eb, tmp->data, tmp->len, s->family)))
			return -1;
		d = lt_edit_distance(lb->data, lb->len, eb->data, eb->len, 64);
		if (d < best_d) {
			second = best_d;
			best_d = d;
			best = (int)v;
			limit = 1 + eb->len / 12;
		} else if (d < second) {
			second = d;
		}
	}
	if (best < 0 || best_d >= second)
		return -1;
	limit = 1 + lb->len / 12;
	if (best_d > limit)
		return -1;
	return best;
}

/*
 * After reading: inactive slots are no evidence (-1); a group's choice is
 * read once, at its first slot, as the choice most of its readable
 * occurrences show (-1 on a tie), and its other slots read -1.
 */
static int read_groups(int16_t *symbols, const lt_slot_set *set)
{
	unsigned cnt[LT_SLOT_MAX_VARIANTS];
	size_t i, j;

	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];
		unsigned v, best = 0, second = 0;
		int pick = -1;

		if (!lt_slot_active(s)) {
			symbols[i] = -1;
			continue;
		}
		if (s->group != i)
			continue;
		memset(cnt, 0, sizeof(cnt));
		for (j = i; j < set->n; j++)
			if (set->slots[j].group == i && symbols[j] >= 0 &&
			    symbols[j] < LT_SLOT_MAX_VARIANTS)
				cnt[symbols[j]]++;
		for (v = 0; v < LT_SLOT_MAX_VARIANTS; v++) {
			if (cnt[v] > best) {
				second = best;
				best = cnt[v];
				pick = (int)v;
			} else if (cnt[v] > second) {
				second = cnt[v];
			}
		}
		symbols[i] = (int16_t)(best > second ? pick : -1);
	}
	for (i = 0; i < set->n; i++)
		if (set->slots[i].group != i)
			symbols[i] = -1;
	return LT_OK;
}

int lt_slots_read(int16_t *symbols, const lt_slot_set *set,
		  const lt_tokens *orig_tok, const char *leak, size_t leak_len,
		  const lt_tokens *leak_tok, const lt_alignment *al)
{
	uint8_t *inslot;
	lt_buf lb = { 0 }, eb = { 0 }, tmp = { 0 };
	size_t i, t = 0;
	unsigned f;
	int err = LT_OK;

	(void)leak_len;
	inslot = calloc(orig_tok->n + 1, 1);
	if (!inslot)
		return lt_error_set(LT_ENOMEM, "out of memory (slot reading)");
	/* tokens overlapping a slot are not anchors */
	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];

		while (t < orig_tok->n && orig_tok->tok[t].end <= s->start)
			t++;
		for (size_t k = t; k < orig_tok->n &&
				   orig_tok->tok[k].start < s->end; k++)
			if (orig_tok->tok[k].end > s->start)
				inslot[k] = 1;
		if (s->start == s->end && t < orig_tok->n &&
		    orig_tok->tok[t].start < s->start)
			inslot[t] = 1;
	}
	for (i = 0; i < set->n && !err; i++)
		symbols[i] = (int16_t)read_one(set, i, orig_tok, inslot, leak,
					       leak_tok, al, &lb, &eb, &tmp, &err);
	free(inslot);
	lt_buf_free(&lb);
	lt_buf_free(&eb);
	lt_buf_free(&tmp);
	if (err)
		return err;
	/* typographic erasure: a family never seen marked is unreadable, and
	 * so is every family when the whole channel shows no mark at all
	 * (a retyped or OCR'd text).  Depends on the leak only. */
	{
		size_t fr[LT_FAM_COUNT] = { 0 }, fm[LT_FAM_COUNT] = { 0 };
		size_t all_r = 0, all_m = 0;

		for (i = 0; i < set->n; i++) {
			unsigned fam = set->slots[i].family;

			if (set->slots[i].channel != LT_CHANNEL_TYPOGRAPHIC ||
			    symbols[i] < 0 || fam >= LT_FAM_COUNT)
				continue;
			fr[fam]++;
			fm[fam] += lt_variant_marked(set->slots[i].variants[symbols[i]]);
		}
		for (f = 0; f < LT_FAM_COUNT; f++) {
			all_r += fr[f];
			all_m += fm[f];
		}
		for (i = 0; i < set->n; i++) {
			unsigned fam = set->slots[i].family;

			if (set->slots[i].channel != LT_CHANNEL_TYPOGRAPHIC ||
			    fam >= LT_FAM_COUNT || fm[fam])
				continue;
			if (fr[fam] >= 4 || (all_r >= 4 && !all_m))
				symbols[i] = -1;
		}
	}
	return read_groups(symbols, set);
}

/* =====================================================================
 * Storage: {"v":1,"plain":...,"slots":[[start,end,family,channel,[...],
 * use,why,group]]} (sets saved before suggestions and groups have the
 * first five fields only: every slot default and alone)
 * =================================================================== */

int lt_slot_set_save(lt_buf *out, const lt_slot_set *set)
{
	json_t *root = json_object(), *arr = json_array(), *plain;
	char *dump = NULL;
	size_t i;
	unsigned v;
	int rc = LT_OK;

	plain = json_stringn(set->plain, set->plain_len);
	if (!root || !arr || !plain) {
		json_decref(plain);
		rc = lt_error_set(LT_ENOMEM, "out of memory (slot JSON)");
		goto out;
	}
	if (json_object_set_new(root, "v", json_integer(1)) ||
	    json_object_set_new(root, "plain", plain) ||
	    json_object_set(root, "slots", arr)) {
		rc = lt_error_set(LT_ENOMEM, "out of memory (slot JSON)");
		goto out;
	}
	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];
		json_t *e = json_array(), *vars = json_array();

		if (!e || !vars ||
		    json_array_append_new(e, json_integer(s->start)) ||
		    json_array_append_new(e, json_integer(s->end)) ||
		    json_array_append_new(e, json_integer(s->family)) ||
		    json_array_append_new(e, json_integer(s->channel))) {
			json_decref(e);
			json_decref(vars);
			rc = lt_error_set(LT_ENOMEM, "out of memory (slot JSON)");
			goto out;
		}
		for (v = 0; v < s->nvariants; v++)
			if (json_array_append_new(vars, json_string(s->variants[v])))
				rc = lt_error_set(LT_ENOMEM, "out of memory (slot JSON)");
		if (json_array_append_new(e, vars) ||
		    json_array_append_new(e, json_integer(s->use)) ||
		    json_array_append_new(e, json_integer(s->why)) ||
		    json_array_append_new(e, json_integer(s->group)) ||
		    json_array_append_new(arr, e))
			rc = lt_error_set(LT_ENOMEM, "out of memory (slot JSON)");
		if (rc)
			goto out;
	}
	dump = json_dumps(root, JSON_COMPACT);
	if (!dump) {
		rc = lt_error_set(LT_ENOMEM, "out of memory (slot JSON)");
		goto out;
	}
	rc = lt_buf_puts(out, dump);
out:
	free(dump);
	json_decref(arr);
	json_decref(root);
	return rc;
}

static int on_boundary(const char *s, size_t len, size_t off)
{
	return off == len || ((unsigned char)s[off] & 0xC0) != 0x80;
}

/* Check a loaded set's invariants; LT_EINPUT with the slot index. */
static int validate_set(const lt_slot_set *set)
{
	lt_word *w = NULL;
	size_t nw = 0, i;
	uint32_t prev_hi = 0;
	int rc;

	if ((rc = lt_words_split(&w, &nw, set->plain, set->plain_len)) != 0)
		return rc;
	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];
		uint32_t lo, hi;

		cover(w, nw, s->start, s->end, &lo, &hi);
		if (i > 0 && lo <= prev_hi) {
			free(w);
			return lt_error_set(LT_EINPUT,
					    "slot set JSON: slot %zu has no free word between it and slot %zu",
					    i, i - 1);
		}
		prev_hi = hi;
	}
	free(w);
	return LT_OK;
}

int lt_slot_set_load(lt_slot_set **out, const char *json, size_t len)
{
	json_error_t jerr;
	json_t *root, *jv, *jplain, *jslots;
	lt_slot_set *set = NULL;
	size_t i;
	int rc = LT_OK;

	*out = NULL;
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return lt_error_set(LT_EINPUT, "slot set JSON: %s (line %d, column %d)",
				    jerr.text, jerr.line, jerr.column);
#define BAD(...) do { rc = lt_error_set(LT_EINPUT, __VA_ARGS__); goto out; } while (0)
	if (!json_is_object(root))
		BAD("slot set JSON: not an object");
	jv = json_object_get(root, "v");
	jplain = json_object_get(root, "plain");
	jslots = json_object_get(root, "slots");
	if (!json_is_integer(jv) || json_integer_value(jv) != 1)
		BAD("slot set JSON: missing or unsupported version \"v\"");
	if (!json_is_string(jplain))
		BAD("slot set JSON: \"plain\" is not a string");
	if (!json_is_array(jslots))
		BAD("slot set JSON: \"slots\" is not an array");
	set = calloc(1, sizeof(*set));
	if (!set)
		BAD("out of memory");
	set->plain_len = json_string_length(jplain);
	if (set->plain_len > UINT32_MAX / 2)
		BAD("slot set JSON: text too large");
	if (memchr(json_string_value(jplain), 0, set->plain_len))
		BAD("slot set JSON: NUL in \"plain\"");
	set->plain = dup_bytes(json_string_value(jplain), set->plain_len);
	set->slots = calloc(json_array_size(jslots) + 1, sizeof(*set->slots));
	if (!set->plain || !set->slots) {
		rc = lt_error_set(LT_ENOMEM, "out of memory (slot JSON)");
		goto out;
	}
	for (i = 0; i < json_array_size(jslots); i++) {
		json_t *e = json_array_get(jslots, i), *vars;
		lt_slot *s = &set->slots[i];
		json_int_t st, en, fam, ch;
		size_t v, nv;

		if (!json_is_array(e) || (json_array_size(e) != 5 &&
					  json_array_size(e) != 8))
			BAD("slot set JSON: slot %zu is not [start,end,family,channel,variants(,use,why,group)]", i);
		if (!json_is_integer(json_array_get(e, 0)) ||
		    !json_is_integer(json_array_get(e, 1)) ||
		    !json_is_integer(json_array_get(e, 2)) ||
		    !json_is_integer(json_array_get(e, 3)) ||
		    !json_is_array(json_array_get(e, 4)))
			BAD("slot set JSON: slot %zu has a field of the wrong type", i);
		st = json_integer_value(json_array_get(e, 0));
		en = json_integer_value(json_array_get(e, 1));
		fam = json_integer_value(json_array_get(e, 2));
		ch = json_integer_value(json_array_get(e, 3));
		vars = json_array_get(e, 4);
		if (st < 0 || en < st || (size_t)en > set->plain_len)
			BAD("slot set JSON: slot %zu range [%lld, %lld) outside the text (%zu bytes)",
			    i, (long long)st, (long long)en, set->plain_len);
		if (!on_boundary(set->plain, set->plain_len, (size_t)st) ||
		    !on_boundary(set->plain, set->plain_len, (size_t)en))
			BAD("slot set JSON: slot %zu range splits a UTF-8 character", i);
		if (i > 0 && ((uint32_t)st < set->slots[i - 1].end ||
			      ((uint32_t)st == set->slots[i - 1].start)))
			BAD("slot set JSON: slot %zu overlaps or is out of order", i);
		if (fam < 0 || fam >= LT_FAM_COUNT ||
		    ch != (json_int_t)lt_slot_family_channel((unsigned)fam))
			BAD("slot set JSON: slot %zu has an unknown family or wrong channel", i);
		nv = json_array_size(vars);
		if (nv < 2 || nv > LT_SLOT_MAX_VARIANTS)
			BAD("slot set JSON: slot %zu has %zu variants (2..%d allowed)",
			    i, nv, LT_SLOT_MAX_VARIANTS);
		s->start = (uint32_t)st;
		s->end = (uint32_t)en;
		s->family = (uint16_t)fam;
		s->channel = (uint8_t)ch;
		set->n = i + 1;
		for (v = 0; v < nv; v++) {
			json_t *jv2 = json_array_get(vars, v);
			size_t k;

			if (!json_is_string(jv2) ||
			    memchr(json_string_value(jv2), 0, json_string_length(jv2)))
				BAD("slot set JSON: slot %zu variant %zu is not a string", i, v);
			s->variants[v] = dup_bytes(json_string_value(jv2),
						   json_string_length(jv2));
			if (!s->variants[v]) {
				rc = lt_error_set(LT_ENOMEM, "out of memory (slot JSON)");
				goto out;
			}
			s->nvariants = (uint8_t)(v + 1);
			for (k = 0; k < v; k++)
				if (!strcmp(s->variants[k], s->variants[v]))
					BAD("slot set JSON: slot %zu repeats a variant", i);
		}
		if (strlen(s->variants[0]) != s->end - s->start ||
		    memcmp(s->variants[0], set->plain + s->start, s->end - s->start))
			BAD("slot set JSON: slot %zu variant 0 differs from the text", i);
		s->group = (uint32_t)i;
		if (json_array_size(e) == 8) {
			json_t *ju = json_array_get(e, 5), *jw = json_array_get(e, 6),
			       *jg = json_array_get(e, 7);
			json_int_t u, w, g;

			if (!json_is_integer(ju) || !json_is_integer(jw) ||
			    !json_is_integer(jg))
				BAD("slot set JSON: slot %zu has a field of the wrong type", i);
			u = json_integer_value(ju);
			w = json_integer_value(jw);
			g = json_integer_value(jg);
			if (u < 0 || u > LT_SLOT_SUGGESTED || w < 0 || w >= LT_WHY_COUNT)
				BAD("slot set JSON: slot %zu has an unknown use or reason", i);
			if (g < 0 || (size_t)g > i)
				BAD("slot set JSON: slot %zu names group %lld (not an earlier slot)",
				    i, (long long)g);
			s->use = (uint8_t)u;
			s->why = (uint8_t)w;
			s->group = (uint32_t)g;
			if ((size_t)g < i) {
				const lt_slot *l = &set->slots[g];

				if (l->group != (uint32_t)g || l->family != s->family ||
				    l->nvariants != s->nvariants || l->use != s->use)
					BAD("slot set JSON: slot %zu does not match the first slot of its group", i);
			}
		}
	}
	if ((rc = validate_set(set)) != 0)
		goto out;
	*out = set;
	set = NULL;
#undef BAD
out:
	lt_slot_set_free(set);
	json_decref(root);
	return rc;
}
