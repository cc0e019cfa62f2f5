/*
 * style.c - the style profile of a document (style.h): which variety of
 * English it is written in, which house-style habits it shows and whether
 * it is legal or regulatory text, all read from the text itself.
 *
 * Data flow: plain text and its word tokens in, one lt_style out.  The
 * rule context computes it once (rules/common.c); the families and the
 * safety pass (rules/safety.c) only read it.
 *
 * The evidence for a variety is the text's own lower-case spellings (the
 * lists of mark/wordlists.c), its dates ("March 3, 2014" is American, "3
 * March 2014" British), "percent" or "per cent", and dotted abbreviations
 * ("U.S.", "a.m.").  A variety is decided only when one side clearly
 * outweighs the other; otherwise it stays unknown and the families offer
 * no form that belongs to either side.
 */
#include <ctype.h>
#include <string.h>

#include "mark/style.h"
#include "mark/wordlists.h"

#define LDQ "\xe2\x80\x9c"
#define RDQ "\xe2\x80\x9d"
#define RSQ "\xe2\x80\x99"
#define EMD "\xe2\x80\x94"
#define END "\xe2\x80\x93"

/* Word i written in lower case equals s (s is lower case ASCII). */
static int word_is(const char *t, const lt_word *w, const char *s)
{
	size_t n = strlen(s), k;

	if (w->end - w->start != n)
		return 0;
	for (k = 0; k < n; k++)
		if (t[w->start + k] != s[k])
			return 0;
	return 1;
}

/* Word equals s ignoring the case of its letters. */
static int word_is_ci(const char *t, const lt_word *w, const char *s)
{
	size_t n = strlen(s), k;

	if (w->end - w->start != n)
		return 0;
	for (k = 0; k < n; k++)
		if (tolower((unsigned char)t[w->start + k]) != s[k])
			return 0;
	return 1;
}

static int word_in(const char *t, const lt_word *w, const char *const *list)
{
	for (; *list; list++)
		if (word_is(t, w, *list))
			return 1;
	return 0;
}

static int month_at(const char *t, const lt_word *w)
{
	size_t k;

	if (!isupper((unsigned char)t[w->start]))
		return 0;
	for (k = 0; k < 12; k++)
		if (word_is_ci(t, w, lt_wl_months[k]))
			return 1;
	return 0;
}

static int digits(const char *t, const lt_word *w, size_t lo, size_t hi)
{
	size_t n = w->end - w->start, k;

	if (n < lo || n > hi)
		return 0;
	for (k = w->start; k < w->end; k++)
		if (!isdigit((unsigned char)t[k]))
			return 0;
	return 1;
}

/* The bytes between two words are exactly s. */
static int gap(const char *t, const lt_word *a, const lt_word *b,
	       const char *s)
{
	size_t n = strlen(s);

	return b->start - a->end == n && !memcmp(t + a->end, s, n);
}

/* ---- variety -------------------------------------------------------- */

static void variety_evidence(lt_style *p, const char *t, size_t len,
			     const lt_word *w, size_t nw)
{
	size_t i;

	for (i = 0; i < nw; i++) {
		/* lower-case spellings only: a name keeps its own */
		if (word_in(t, &w[i], lt_wl_style_uk))
			p->uk++;
		if (word_in(t, &w[i], lt_wl_style_us))
			p->us++;
		if (word_is(t, &w[i], "percent"))
			p->us++;
		if (word_is(t, &w[i], "per") && i + 1 < nw &&
		    word_is(t, &w[i + 1], "cent"))
			p->uk++;
		/* "March 3, 2014" / "3 March 2014" */
		if (i + 2 < nw && month_at(t, &w[i]) &&
		    digits(t, &w[i + 1], 1, 2) && gap(t, &w[i], &w[i + 1], " ") &&
		    gap(t, &w[i + 1], &w[i + 2], ", ") && digits(t, &w[i + 2], 4, 4))
			p->us += 2;
		if (i + 2 < nw && digits(t, &w[i], 1, 2) && month_at(t, &w[i + 1]) &&
		    gap(t, &w[i], &w[i + 1], " ") && gap(t, &w[i + 1], &w[i + 2], " ") &&
		    digits(t, &w[i + 2], 4, 4))
			p->uk += 2;
	}
	for (i = 0; i + 4 <= len; i++) {
		if (!memcmp(t + i, "U.S.", 4) || !memcmp(t + i, "a.m.", 4) ||
		    !memcmp(t + i, "p.m.", 4)) {
			if (i == 0 || !isalnum((unsigned char)t[i - 1]))
				p->us++;
		}
	}
	if (p->uk && p->uk >= 2 * p->us + 1)
		p->variety = LT_VARIETY_UK;
	else if (p->us && p->us >= 2 * p->uk + 1)
		p->variety = LT_VARIETY_US;
	else
		p->variety = LT_VARIETY_UNKNOWN;
}

/* ---- register ------------------------------------------------------- */

static void register_evidence(lt_style *p, const char *t, size_t len,
			      const lt_word *w, size_t nw)
{
	unsigned seen[96] = { 0 };
	size_t i, k;
	unsigned extra_kinds = 0, section = 0, quoted_def = 0, cites = 0;

	for (i = 0; i < nw; i++) {
		for (k = 0; lt_wl_legal[k] && k < 96; k++) {
			if (word_is_ci(t, &w[i], lt_wl_legal[k])) {
				seen[k]++;
				p->legal_hits++;
				break;
			}
		}
		/* "section 5", "Article 102", "paragraph (2)" */
		if (i + 1 < nw && (word_is_ci(t, &w[i], "section") ||
				   word_is_ci(t, &w[i], "article") ||
				   word_is_ci(t, &w[i], "subsection")) &&
		    digits(t, &w[i + 1], 1, 4) && gap(t, &w[i], &w[i + 1], " "))
			section++;
	}
	for (i = 0; i + 3 <= len; i++) {
		/* "§", "U.S.C.", "C.F.R.", "v." between names */
		if (!memcmp(t + i, "\xc2\xa7", 2))
			cites++;
		if (i + 6 <= len && (!memcmp(t + i, "U.S.C.", 6) ||
				     !memcmp(t + i, "C.F.R.", 6)))
			cites++;
		if (i > 0 && i + 4 < len && !memcmp(t + i, " v. ", 4) &&
		    isupper((unsigned char)t[i + 4]))
			cites++;
		/* a quoted definition: '(the "Agreement")' or '"Term" means' */
		if (i + 6 <= len && (!memcmp(t + i, "(the \"", 6) ||
				     (i + 8 <= len && !memcmp(t + i, "(the " LDQ, 8))))
			quoted_def++;
		if (i + 8 <= len && (!memcmp(t + i, "\" means ", 8) ||
				     (i + 10 <= len &&
				      !memcmp(t + i, RDQ " means ", 10))))
			quoted_def++;
	}
	for (k = 0; k < 96; k++)
		if (seen[k])
			p->legal_kinds++;
	extra_kinds = (section > 0) + (cites > 0) + (quoted_def > 0);
	p->legal_kinds += extra_kinds;
	p->legal_hits += section + cites + quoted_def;
	/* strong words alone: "shall", "pursuant", "hereby", "notwithstanding" */
	p->legal = p->legal_kinds >= 4 ||
		   (p->legal_kinds >= 2 && p->words &&
		    100.0 * p->legal_hits / p->words >= 1.5) ||
		   seen[0] >= 2 || seen[1] || seen[2] || cites >= 2 ||
		   quoted_def > 0;
}

/* ---- house-style habits --------------------------------------------- */

static void habits(lt_style *p, const char *t, size_t len, const lt_word *w,
		   size_t nw)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (t[i] == '"')
			p->dq_straight++;
		else if (i + 3 <= len && (!memcmp(t + i, LDQ, 3) ||
					  !memcmp(t + i, RDQ, 3)))
			p->dq_curly++;
		if (i > 0 && isalpha((unsigned char)t[i - 1])) {
			if (t[i] == '\'' && i + 1 < len &&
			    isalpha((unsigned char)t[i + 1]))
				p->apos_straight++;
			else if (i + 3 < len && !memcmp(t + i, RSQ, 3) &&
				 isalpha((unsigned char)t[i + 3]))
				p->apos_curly++;
		}
		if (i + 3 <= len && !memcmp(t + i, EMD, 3))
			p->dash_em++;
		if (i > 0 && i + 4 <= len && t[i - 1] == ' ' &&
		    !memcmp(t + i, END, 3) && t[i + 3] == ' ')
			p->dash_en++;
		if (i > 0 && i + 2 < len && t[i] == '-' && t[i + 1] == '-' &&
		    t[i - 1] != '-' && t[i + 2] != '-')
			p->dash_double++;
		if (i > 0 && i + 1 < len && t[i] == '-' && t[i - 1] == ' ' &&
		    t[i + 1] == ' ' && !(i > 1 && t[i - 2] == '\n'))
			p->dash_hyphen++;
		if ((t[i] == '.' || t[i] == '?' || t[i] == '!') && i > 1 &&
		    isalpha((unsigned char)t[i - 1]) &&
		    isalpha((unsigned char)t[i - 2])) {
			if (i + 2 < len && t[i + 1] == ' ' &&
			    isupper((unsigned char)t[i + 2]))
				p->space_one++;
			else if (i + 3 < len && t[i + 1] == ' ' &&
				 t[i + 2] == ' ' && isupper((unsigned char)t[i + 3]))
				p->space_two++;
		}
	}
	for (i = 0; i + 1 < nw; i++) {
		static const char *const small[] = {
			"two", "three", "four", "five", "six", "seven",
			"eight", "nine", NULL
		};
		const lt_word *a = &w[i];

		if (!gap(t, a, &w[i + 1], " ") ||
		    !islower((unsigned char)t[w[i + 1].start]))
			continue;
		if (word_in(t, a, small))
			p->num_words++;
		else if (digits(t, a, 1, 1) && t[a->start] >= '2' &&
			 (a->start == 0 || t[a->start - 1] == ' '))
			p->num_digits++;
	}
	for (i = 0; i < nw; i++) {
		static const char *const undotted[] = {
			"US", "UK", "UN", "EU", NULL
		};

		if (word_in(t, &w[i], undotted))
			p->undotted_abbr++;
	}
	for (i = 0; i + 4 <= len; i++)
		if ((!memcmp(t + i, "U.S.", 4) || !memcmp(t + i, "U.K.", 4) ||
		     !memcmp(t + i, "U.N.", 4) || !memcmp(t + i, "E.U.", 4)) &&
		    (i == 0 || !isalnum((unsigned char)t[i - 1])))
			p->dotted_abbr++;
}

void lt_style_profile(lt_style *out, const char *text, size_t len,
		      const lt_word *w, size_t nw)
{
	memset(out, 0, sizeof(*out));
	out->words = (unsigned)nw;
	if (!text || !len)
		return;
	variety_evidence(out, text, len, w, nw);
	register_evidence(out, text, len, w, nw);
	habits(out, text, len, w, nw);
}

const char *lt_variety_name(int variety)
{
	return variety == LT_VARIETY_UK ? "UK" :
	       variety == LT_VARIETY_US ? "US" : "unknown";
}
