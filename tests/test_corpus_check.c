/*
 * test_corpus_check.c - an independent check of every default variant on
 * the real texts of the shared corpus (the .txt files of prose-real).
 *
 * Written without the rule families' code or word lists: it reads only
 * the slot sets and the copies lt_slots_render() writes, with tables of
 * its own, and asserts what a strict editor of each text would:
 *   - a default lexical variant keeps the words: the same letters and
 *     digits up to accepted spelling equivalences (no synonym, no
 *     contraction, no negation or number changed, no words reordered);
 *   - no default variant changes anything inside a run of capitalised
 *     words (a name: "UK Border Force") or changes the case of a letter;
 *   - no copy writes more spellings of one word than the original does;
 *   - no copy gains a spelling of the other variety of English (or of
 *     either, when the text shows neither);
 *   - no copy mixes straight and curly double quotes in a sentence, em
 *     and en dashes, or gains double spaces the text never has.
 * Copies: every default slot at its first alternative, at its last, and
 * a few mixed codewords.
 */
#include <ctype.h>
#include <glob.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "leaktrace/buf.h"
#include "leaktrace/slots.h"
#include "support/support.h"

/* ---- reading files ---- */

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *b;
	long l;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	l = ftell(f);
	rewind(f);
	b = malloc((size_t)l + 1);
	if (b)
		*n = fread(b, 1, (size_t)l, f);
	if (b)
		b[*n] = 0;
	fclose(f);
	return b;
}

/* ---- canonical forms: accepted spelling equivalences ---- */

/* Pairs (from, to) applied to a lower-case letter-and-digit string; both
 * the original and the variant go through the same map, so a pair only
 * says "these two spellings are the same word". */
static const char *const equivalent[][2] = {
	{ "visor", "viser" }, { "isation", "ization" }, { "ise", "ize" },
	{ "yse", "yze" },
	{ "our", "or" }, { "tre", "ter" }, { "ogue", "og" },
	{ "dgement", "dgment" }, { "ence", "ense" }, { "ll", "l" },
	{ "ss", "s" }, { "amongst", "among" }, { "towards", "toward" },
	{ "afterwards", "afterward" }, { "whilst", "while" },
	{ "despatch", "dispatch" },
	{ "orientat", "orient" }, { "benefitt", "benefit" },
	{ "gramme", "gram" }, { "grey", "gray" }, { "learnt", "learned" },
	{ "spelt", "spelled" }, { "appendixes", "appendices" },
	{ "fora", "forums" }, { "referenda", "referendums" },
	{ "memorandums", "memoranda" },
};

/* Canonical form of bytes [s, s+n): lower-case letters and digits only,
 * "%" read as "percent", then the equivalences.  Returns its length. */
static size_t canon(char *out, size_t cap, const char *s, size_t n)
{
	char tmp[512];
	size_t i, k = 0, e;

	for (i = 0; i < n && k + 8 < sizeof(tmp); i++) {
		unsigned char ch = (unsigned char)s[i];

		if (isalnum(ch))
			tmp[k++] = (char)tolower(ch);
		else if (ch == '%') {
			memcpy(tmp + k, "percent", 7);
			k += 7;
		}
	}
	tmp[k] = 0;
	for (e = 0; e < sizeof(equivalent) / sizeof(equivalent[0]); e++) {
		const char *from = equivalent[e][0], *to = equivalent[e][1];
		size_t fl = strlen(from), tl = strlen(to);
		char *p = tmp;

		while ((p = strstr(p, from)) != NULL) {
			memmove(p + tl, p + fl, strlen(p + fl) + 1);
			memcpy(p, to, tl);
			p += tl;
		}
	}
	k = strlen(tmp);
	if (k >= cap)
		k = cap - 1;
	memcpy(out, tmp, k);
	out[k] = 0;
	return k;
}

/* ---- words of a text ---- */

typedef struct word {
	size_t s, e;
} word;

static int word_byte(unsigned char ch)
{
	return isalnum(ch) || ch >= 0x80;
}

/* Words: runs of letters, digits and inner hyphens. */
static size_t split(word *w, size_t cap, const char *t, size_t n)
{
	size_t i = 0, k = 0;

	while (i < n && k < cap) {
		size_t s;

		while (i < n && !word_byte((unsigned char)t[i]))
			i++;
		if (i >= n)
			break;
		s = i;
		while (i < n && (word_byte((unsigned char)t[i]) ||
				 (t[i] == '-' && i + 1 < n &&
				  word_byte((unsigned char)t[i + 1]) && i > s)))
			i++;
		w[k].s = s;
		w[k].e = i;
		k++;
	}
	return k;
}

/* ---- check: spellings of one word ---- */

#define MAX_FORMS 4096

typedef struct form {
	char key[64];
	char surface[64];
} form;

static size_t add_form(form *f, size_t n, const char *key, const char *surf)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(f[i].key, key) && !strcmp(f[i].surface, surf))
			return n;
	if (n >= MAX_FORMS)
		return n;
	snprintf(f[n].key, sizeof(f[n].key), "%s", key);
	snprintf(f[n].surface, sizeof(f[n].surface), "%s", surf);
	return n + 1;
}

/* The distinct written forms of every word of t, keyed by canonical form
 * (a trailing plural "s" left out); a two-word "web site" joins the key
 * of "website" when the text also has the one-word form. */
static size_t forms_of(form *f, const char *t, size_t len)
{
	static word w[65536];
	size_t nw = split(w, 65536, t, len), i, n = 0, k;
	char key[64], surf[64];

	for (i = 0; i < nw; i++) {
		size_t l = w[i].e - w[i].s;

		if (l >= sizeof(surf))
			continue;
		for (k = 0; k < l; k++)
			surf[k] = (char)tolower((unsigned char)t[w[i].s + k]);
		surf[l] = 0;
		if (strspn(surf, "0123456789") == l)
			continue;
		k = canon(key, sizeof(key), surf, l);
		if (k > 3 && key[k - 1] == 's')
			key[k - 1] = 0;
		n = add_form(f, n, key, surf);
	}
	for (i = 0; i + 1 < nw; i++) {
		size_t l = w[i + 1].e - w[i].s, j;
		int single = 0;

		if (w[i + 1].s != w[i].e + 1 || t[w[i].e] != ' ' ||
		    l >= sizeof(surf))
			continue;
		for (k = 0; k < l; k++)
			surf[k] = (char)tolower((unsigned char)t[w[i].s + k]);
		surf[l] = 0;
		k = canon(key, sizeof(key), surf, l);
		if (k > 3 && key[k - 1] == 's')
			key[k - 1] = 0;
		for (j = 0; j < n && !single; j++)
			single = !strcmp(f[j].key, key) && !strchr(f[j].surface, ' ');
		if (single)
			n = add_form(f, n, key, surf);
	}
	return n;
}

static size_t count_key(const form *f, size_t n, const char *key)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += !strcmp(f[i].key, key);
	return c;
}

/* The text with typographic spaces and punctuation read as ASCII (a
 * no-break space is a space, a curly quote a straight one, a dash a
 * hyphen): the word checks look at words only.  Caller frees. */
static char *plain_words(const char *t, size_t len, size_t *out_len)
{
	char *o = malloc(len + 1);
	size_t i, k = 0;

	assert_non_null(o);
	for (i = 0; i < len; i++) {
		if (i + 2 <= len && !memcmp(t + i, "\xc2\xa0", 2)) {
			o[k++] = ' ';
			i += 1;
		} else if (i + 3 <= len && !memcmp(t + i, "\xe2\x80", 2)) {
			unsigned char c3 = (unsigned char)t[i + 2];

			o[k++] = c3 == 0x98 || c3 == 0x99 ? '\'' :
				 c3 == 0x9c || c3 == 0x9d ? '"' : '-';
			i += 2;
		} else {
			o[k++] = t[i];
		}
	}
	o[k] = 0;
	*out_len = k;
	return o;
}

/* Words the copy writes in more ways than the original: 0 if none. */
static int spelling_mix(const char *name, const char *orig_raw, size_t olen_raw,
			const char *copy_raw, size_t clen_raw)
{
	static form fo[MAX_FORMS], fc[MAX_FORMS];
	size_t olen, clen;
	char *orig = plain_words(orig_raw, olen_raw, &olen);
	char *copy = plain_words(copy_raw, clen_raw, &clen);
	size_t no = forms_of(fo, orig, olen), nc = forms_of(fc, copy, clen), i;
	int bad = 0;

	for (i = 0; i < nc; i++) {
		size_t a = count_key(fc, nc, fc[i].key);

		if (a > 1 && a > count_key(fo, no, fc[i].key)) {
			print_error("%s: a copy writes \"%s\" in %zu ways "
				    "(the original in %zu)\n", name, fc[i].key,
				    a, count_key(fo, no, fc[i].key));
			bad = 1;
			break;
		}
	}
	free(orig);
	free(copy);
	return bad;
}

/* ---- check: variety ---- */

/* Lower-case words that belong to one variety only. */
static const char *const uk_only[] = {
	"organisation", "organisations", "organise", "organised",
	"recognise", "recognised", "centre", "centres", "colour", "behaviour",
	"labour", "favour", "honour", "defence", "offence", "analyse",
	"catalogue", "travelled", "cancelled", "programme", "programmes",
	"grey", "whilst", "amongst", "learnt", "spelt", "despatch",
	"focussed", "orientated", "prioritise", "authorised", "minimise",
	NULL
};
static const char *const us_only[] = {
	"organization", "organizations", "organize", "organized",
	"recognize", "recognized", "center", "centers", "color", "behavior",
	"labor", "favor", "honor", "defense", "offense", "analyze",
	"catalog", "traveled", "canceled", "gray", "prioritize",
	"authorized", "minimize", NULL
};

/* Counts of UK-only and US-only forms in t (lower-case words, "per cent"
 * and "percent", day-month and month-day dates). */
static void variety_counts(const char *t, size_t len, size_t *uk, size_t *us)
{
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December", NULL
	};
	static word w[65536];
	size_t nw = split(w, 65536, t, len), i, m;

	*uk = *us = 0;
	for (i = 0; i < nw; i++) {
		size_t l = w[i].e - w[i].s;
		const char *const *p;

		for (p = uk_only; *p; p++)
			*uk += strlen(*p) == l && !memcmp(*p, t + w[i].s, l);
		for (p = us_only; *p; p++)
			*us += strlen(*p) == l && !memcmp(*p, t + w[i].s, l);
		*us += l == 7 && !memcmp(t + w[i].s, "percent", 7);
		if (l == 3 && !memcmp(t + w[i].s, "per", 3) && i + 1 < nw &&
		    w[i + 1].e - w[i + 1].s == 4 &&
		    !memcmp(t + w[i + 1].s, "cent", 4))
			(*uk)++;
		for (m = 0; months[m] && i + 2 < nw; m++) {
			size_t ml = strlen(months[m]);
			int month_here = l == ml && !memcmp(t + w[i].s, months[m], ml);
			int month_next = w[i + 1].e - w[i + 1].s == ml &&
					 !memcmp(t + w[i + 1].s, months[m], ml);

			/* "March 3, 2014" */
			if (month_here && isdigit((unsigned char)t[w[i + 1].s]) &&
			    w[i + 1].e < len && t[w[i + 1].e] == ',' &&
			    w[i + 2].e - w[i + 2].s == 4)
				(*us)++;
			/* "3 March 2014" */
			if (month_next && isdigit((unsigned char)t[w[i].s]) &&
			    l <= 2 && w[i + 2].e - w[i + 2].s == 4 &&
			    isdigit((unsigned char)t[w[i + 2].s]))
				(*uk)++;
		}
	}
}

static int variety_gain(const char *name, const char *orig_raw, size_t olen_raw,
			const char *copy_raw, size_t clen_raw)
{
	size_t ouk, ous, cuk, cus, olen, clen;
	int us_text, uk_text;
	char *orig = plain_words(orig_raw, olen_raw, &olen);
	char *copy = plain_words(copy_raw, clen_raw, &clen);

	variety_counts(orig, olen, &ouk, &ous);
	variety_counts(copy, clen, &cuk, &cus);
	free(orig);
	free(copy);
	us_text = ous > ouk;
	uk_text = ouk > ous;
	if (!uk_text && cuk > ouk) {
		print_error("%s: a copy gains a British form (%zu -> %zu)\n",
			    name, ouk, cuk);
		return 1;
	}
	if (!us_text && cus > ous) {
		print_error("%s: a copy gains an American form (%zu -> %zu)\n",
			    name, ous, cus);
		return 1;
	}
	return 0;
}

/* ---- check: typography ---- */

/* Sentences (runs between . ? ! and line ends) with both straight and
 * curly double quotes. */
static size_t mixed_quote_sentences(const char *t, size_t len)
{
	size_t i, c = 0;
	int straight = 0, curly = 0;

	for (i = 0; i <= len; i++) {
		if (i == len || t[i] == '.' || t[i] == '?' || t[i] == '!' ||
		    t[i] == '\n') {
			c += straight && curly;
			straight = curly = 0;
			continue;
		}
		if (t[i] == '"')
			straight = 1;
		else if (i + 3 <= len && (!memcmp(t + i, "\xe2\x80\x9c", 3) ||
					  !memcmp(t + i, "\xe2\x80\x9d", 3)))
			curly = 1;
	}
	return c;
}

static size_t double_spaces(const char *t, size_t len)
{
	size_t i, c = 0;

	for (i = 1; i + 3 < len; i++)
		c += (t[i] == '.' || t[i] == '?' || t[i] == '!') &&
		     t[i + 1] == ' ' && t[i + 2] == ' ' &&
		     isupper((unsigned char)t[i + 3]);
	return c;
}

/* Dashes of the form d between words, not in a range ("2017 - 2018"). */
static size_t pair_dashes(const char *t, size_t len, const char *d)
{
	size_t n = strlen(d), i, c = 0;

	for (i = 1; i + n < len; i++) {
		size_t a = i, b = i + n;

		if (memcmp(t + i, d, n))
			continue;
		while (a > 0 && t[a - 1] == ' ')
			a--;
		while (b < len && t[b] == ' ')
			b++;
		c += a > 0 && b < len && !isdigit((unsigned char)t[a - 1]) &&
		     !isdigit((unsigned char)t[b]);
	}
	return c;
}

static int typography_mix(const char *name, const char *orig, size_t olen,
			  const char *copy, size_t clen)
{
	size_t oem = pair_dashes(orig, olen, "\xe2\x80\x94"),
	       oen = pair_dashes(orig, olen, " \xe2\x80\x93 "),
	       cem = pair_dashes(copy, clen, "\xe2\x80\x94"),
	       cen = pair_dashes(copy, clen, " \xe2\x80\x93 ");

	if (mixed_quote_sentences(copy, clen) >
	    mixed_quote_sentences(orig, olen)) {
		print_error("%s: a copy mixes straight and curly quotes in a sentence\n",
			    name);
		return 1;
	}
	if (cem && cen && !(oem && oen)) {
		print_error("%s: a copy mixes em and en dashes (%zu/%zu, original %zu/%zu)\n",
			    name, cem, cen, oem, oen);
		return 1;
	}
	if (!double_spaces(orig, olen) && double_spaces(copy, clen)) {
		print_error("%s: a copy has double spaces the original never has\n",
			    name);
		return 1;
	}
	return 0;
}

/* ---- checks on each default variant ---- */

/* Word starts with an upper-case ASCII letter (the pronoun "I" is not
 * part of a name). */
static int capital_at(const char *t, size_t s)
{
	return isupper((unsigned char)t[s]) &&
	       !(t[s] == 'I' && !isalnum((unsigned char)t[s + 1]));
}

/* Every variant of the slot holds the bytes [a, b) of the text as they
 * are (a slot around a whole name that keeps it: "(including the
 * American Rescue Plan)"). */
static int keeps_run(const lt_slot *sl, const char *t, size_t a, size_t b)
{
	unsigned v;

	if (a < sl->start || b > sl->end)
		return 0;
	for (v = 0; v < sl->nvariants; v++) {
		const char *p = sl->variants[v];
		size_t n = strlen(p), i;
		int found = 0;

		for (i = 0; !found && i + (b - a) <= n; i++)
			found = !memcmp(p + i, t + a, b - a);
		if (!found)
			return 0;
	}
	return 1;
}

/*
 * The slot changes something inside a run of two or more capitalised
 * words joined by single spaces (a name or a title), one of them longer
 * than one letter.  A slot only at the run's edge (a comma after it), or
 * one that holds the whole run unchanged in every variant, is fine.
 */
static int inside_name(const char *t, size_t len, const lt_slot *sl)
{
	size_t s = sl->start, e = sl->end;
	static word w[65536];
	size_t nw = split(w, 65536, t, len), i, j;

	for (i = 0; i < nw; i = j + 1) {
		int longer = 0;

		j = i;
		if (!capital_at(t, w[i].s))
			continue;
		while (j + 1 < nw && capital_at(t, w[j + 1].s) &&
		       (w[j + 1].s == w[j].e + 1 &&
			(t[w[j].e] == ' ' || t[w[j].e] == '.')))
			j++;
		if (j == i)
			continue;
		for (size_t k = i; k <= j; k++)
			longer |= w[k].e - w[k].s > 1;
		if (!longer)
			continue;
		/* the run [w[i].s, w[j].e): does the slot reach inside it? */
		if (s < w[j].e && e > w[i].s && !(s >= w[j].e || e <= w[i].s) &&
		    !keeps_run(sl, t, w[i].s, w[j].e))
			return 1;
		if (s == e && s > w[i].s && s < w[j].e)
			return 1;
	}
	return 0;
}

/* Letters differing only by case between two equal-length strings. */
static int case_change(const char *a, const char *b)
{
	size_t n = strlen(a), i;
	int diff = 0;

	if (strlen(b) != n)
		return 0;
	for (i = 0; i < n; i++) {
		if (a[i] == b[i])
			continue;
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return 0;
		diff = 1;
	}
	return diff;
}

static int check_slots(const char *name, const lt_slot_set *set)
{
	size_t i;
	unsigned v;
	int bad = 0;

	for (i = 0; i < set->n && !bad; i++) {
		const lt_slot *s = &set->slots[i];
		char c0[512], cv[512];

		if (s->use != LT_SLOT_DEFAULT)
			continue;
		for (v = 1; v < s->nvariants && !bad; v++) {
			if (case_change(s->variants[0], s->variants[v])) {
				print_error("%s @%u: case changed: [%s] -> [%s]\n",
					    name, s->start, s->variants[0],
					    s->variants[v]);
				bad = 1;
			}
			if (s->channel != LT_CHANNEL_LEXICAL)
				continue;
			canon(c0, sizeof(c0), s->variants[0],
			      strlen(s->variants[0]));
			canon(cv, sizeof(cv), s->variants[v],
			      strlen(s->variants[v]));
			if (strcmp(c0, cv)) {
				print_error("%s @%u: words changed: [%s] -> [%s]\n",
					    name, s->start, s->variants[0],
					    s->variants[v]);
				bad = 1;
			}
		}
		if (!bad && s->channel == LT_CHANNEL_LEXICAL &&
		    inside_name(set->plain, set->plain_len, s)) {
			print_error("%s @%u: inside a name: [%.*s]\n", name,
				    s->start, (int)(s->end - s->start),
				    set->plain + s->start);
			bad = 1;
		}
	}
	return bad;
}

/* ---- copies ---- */

static int check_copies(const char *name, const lt_slot_set *set)
{
	uint8_t *sym = calloc(set->n + 1, 1);
	lt_buf out = { 0 };
	unsigned round;
	uint32_t seed = 12345;
	int bad = 0;

	assert_non_null(sym);
	for (round = 0; round < 6 && !bad; round++) {
		size_t i;

		for (i = 0; i < set->n; i++) {
			unsigned q = set->slots[i].nvariants;

			seed = seed * 1103515245u + 12345u;
			sym[i] = (uint8_t)(round == 0 ? 1 :
					   round == 1 ? q - 1 :
					   (seed >> 16) % q);
		}
		lt_buf_clear(&out);
		assert_int_equal(lt_slots_render(&out, set, sym), 0);
		bad = spelling_mix(name, set->plain, set->plain_len, out.data,
				   out.len) ||
		      variety_gain(name, set->plain, set->plain_len, out.data,
				   out.len) ||
		      typography_mix(name, set->plain, set->plain_len, out.data,
				     out.len);
	}
	lt_buf_free(&out);
	free(sym);
	return bad;
}

static void test_corpus_default_variants(void **st)
{
	const char *dir = ts_shared_data("prose-real");
	char pattern[4096];
	glob_t g;
	size_t k, failed = 0;

	(void)st;
	snprintf(pattern, sizeof(pattern), "%s/*.txt", dir);
	assert_int_equal(glob(pattern, 0, NULL, &g), 0);
	assert_true(g.gl_pathc >= 10);
	for (k = 0; k < g.gl_pathc; k++) {
		const char *name = strrchr(g.gl_pathv[k], '/') + 1;
		size_t n = 0;
		char *t = slurp(g.gl_pathv[k], &n);
		lt_slot_set *set = NULL;

		assert_non_null(t);
		assert_int_equal(lt_slots_find(&set, t, n), 0);
		failed += check_slots(name, set) | check_copies(name, set);
		lt_slot_set_free(set);
		free(t);
	}
	globfree(&g);
	assert_int_equal(failed, 0);
}

/* The checker itself catches what it is for (on sentences of its own). */
static void test_checker_catches(void **st)
{
	static const char orig[] =
		"The organisation met UK Border Force. The judgement stands.";

	(void)st;
	assert_true(spelling_mix("t", "The judgment and the judgment.", 30,
				 "The judgment and the judgement.", 31));
	assert_false(spelling_mix("t", "The judgment and the judgment.", 30,
				  "The judgement and the judgement.", 32));
	assert_true(variety_gain("t", orig, strlen(orig),
				 "The organization met UK Border Force. The judgement stands.",
				 strlen(orig)));
	{
		/* "U.K." inside the name; the name wrapped whole in
		 * parentheses, or dotted */
		static const char aside[] =
			"We met, including UK Border Force.";
		char *dotted[] = { "UK", "U.K." };
		char *wrapped[] = { ", including UK Border Force",
				    " (including UK Border Force)" };
		char *cut[] = { ", including UK Border Force",
				" (including UK Border) Force" };
		lt_slot sl = { 0 };

		sl.start = 21;
		sl.end = 23;
		sl.nvariants = 2;
		memcpy(sl.variants, dotted, sizeof(dotted));
		assert_true(inside_name(orig, strlen(orig), &sl));
		sl.start = sl.end = 3;
		assert_false(inside_name(orig, strlen(orig), &sl));
		sl.start = 6;
		sl.end = 33;
		memcpy(sl.variants, wrapped, sizeof(wrapped));
		assert_false(inside_name(aside, strlen(aside), &sl));
		memcpy(sl.variants, cut, sizeof(cut));
		assert_true(inside_name(aside, strlen(aside), &sl));
	}
	assert_true(typography_mix("t", "We met. Then.", 13, "We met.  Then.", 14));
	{
		char a[64], b[64];

		canon(a, sizeof(a), "do not", 6);
		canon(b, sizeof(b), "don't", 5);
		assert_string_not_equal(a, b);
		canon(a, sizeof(a), " per cent", 9);
		canon(b, sizeof(b), "%", 1);
		assert_string_equal(a, b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checker_catches),
		cmocka_unit_test(test_corpus_default_variants),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
