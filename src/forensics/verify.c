/*
 * verify.c - genuine, altered or unknown (verify.h).
 *
 * exact digest -> identify and align (as trace does) -> walk the alignment
 * between exactly matching words; each stretch in between that differs is
 * a "hunk" -> explain each hunk by slot variants, else by typing/OCR noise
 * -> what is left is a change, classified -> record a verify event.
 */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "base/array.h"
#include "leaktrace/error.h"
#include "leaktrace/extract.h"
#include "leaktrace/file.h"
#include "leaktrace/image.h"
#include "leaktrace/ledger.h"
#include "leaktrace/slots.h"
#include "leaktrace/text.h"
#include "leaktrace/verify.h"
#include "identify/match.h"
#include "mark/wordlists.h"
#include "forensics/verify_figure.h"
#include "forensics/verify_internal.h"
#include "ledger/event.h"
#include "read/vault_ocr.h"
#include "store/vault_internal.h"
#include "identify/doc.h"
#include "identify/identify.h"
#include "store/copies.h"
#include "store/docs.h"
#define MAX_INPUT_BYTES (64u << 20)
#define MAX_COMBINATIONS 512
#define STATEMENT_KIND "leaktrace copy attestation v1"

const char *lt_verify_verdict_name(lt_verify_verdict v)
{
	switch (v) {
	case LT_VERIFY_GENUINE: return "genuine";
	case LT_VERIFY_ALTERED: return "altered";
	default: return "unknown";
	}
}

const char *lt_change_kind_name(lt_change_kind k)
{
	static const char *const names[] = {
		"number-changed", "negation-added", "negation-removed",
		"word-replaced", "words-inserted", "sentence-inserted",
		"words-deleted", "passage-deleted", "figure-altered",
	};

	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}

void lt_verify_result_free(lt_verify_result *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nchanges; i++) {
		free(r->changes[i].original);
		free(r->changes[i].found);
	}
	free(r->changes);
	free(r->document);
	free(r->recipient);
	free(r);
}

static void sha256_hex(const void *data, size_t len, char hex[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(hex, 65, h, sizeof(h));
}

/* ---------------------------------------------------------------------
 * Exact copies
 * ------------------------------------------------------------------- */

/* Is `hex` the digest of an issued copy?  Fills the result if so. */
static int exact_copy(lt_vault *v, const char *hex, lt_verify_result *r,
		      int *found)
{
	int64_t doc = 0;
	int rc;

	if ((rc = lt_store_copies_by_digest(v, hex, found, r->copy,
					    &r->recipient, &doc)) || !*found)
		return rc;
	return lt_store_docs_describe(v, doc, &r->document, NULL);
}

/* ---------------------------------------------------------------------
 * Words that matter: numbers and negations
 * ------------------------------------------------------------------- */

static int is_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* Value of a number word (zero..nineteen, twenty..ninety), or -1. */
static int number_word(const char *s)
{
	const char *const *units = lt_wl_number_units;
	const char *const *tens = lt_wl_number_tens;
	size_t i;

	size_t n = strlen(s);

	for (i = 0; i < 20; i++)
		if (!strcmp(s, units[i]))
			return (int)i;
	for (i = 2; i < 10; i++)
		if (!strcmp(s, tens[i]))
			return 10 * (int)i;
	/* "thee" for "three": a slip in a number word of four letters or
	 * more still names that number. */
	if (n >= 4) {
		for (i = 0; i < 20; i++)
			if (strlen(units[i]) >= 4 &&
			    lt_edit_distance_typo(s, n, units[i], strlen(units[i]),
						  1) <= 1)
				return (int)i;
		for (i = 2; i < 10; i++)
			if (lt_edit_distance_typo(s, n, tens[i], strlen(tens[i]),
						  1) <= 1)
				return 10 * (int)i;
	}
	return -1;
}

static int is_negation(const lt_tokens *t, size_t i)
{
	const char *const *words = lt_wl_negations;
	const char *w = lt_token_norm(t, i);
	size_t k;

	for (k = 0; words[k]; k++) {
		if (!strcmp(w, words[k]))
			return 1;
		/* A long negation misread by a letter ("wlthout") is still one. */
		if (strlen(words[k]) >= 5 &&
		    lt_edit_distance_typo(w, strlen(w), words[k], strlen(words[k]),
					  1) <= 1)
			return 1;
	}
	/* "don't", "isn't": the tokeniser gives "don" "t". */
	if (!strcmp(w, "t") && i > 0) {
		const char *p = lt_token_norm(t, i - 1);
		size_t n = strlen(p);

		return (n > 1 && p[n - 1] == 'n') || !strcmp(p, "can") ||
		       !strcmp(p, "won");
	}
	return 0;
}

/* The numbers a run of tokens states, as a string "12|6|", with number
 * words counted as their values so "six" and "6" agree. */
static void numbers_of(lt_buf *out, const lt_tokens *t, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		const char *w = lt_token_norm(t, i);
		int n;

		if (is_digits(w)) {
			while (w[0] == '0' && w[1])
				w++;
			lt_buf_printf(out, "%s|", w);
		} else if ((n = number_word(w)) >= 0) {
			lt_buf_printf(out, "%d|", n);
		}
	}
}

static size_t negations_of(const lt_tokens *t, size_t from, size_t to)
{
	size_t i, n = 0;

	for (i = from; i < to; i++)
		n += is_negation(t, i);
	return n;
}

/* ---------------------------------------------------------------------
 * Explaining a hunk: slot variants, then noise
 * ------------------------------------------------------------------- */

/* Fold for comparison: case, quotes, dashes, white space; and the letter
 * shapes OCR confuses (0/o, 1/l, |/l, rn/m). */
static int fold_for_compare(lt_buf *out, const char *s, size_t len, int ocr)
{
	lt_buf tmp = {0};
	size_t i;
	int rc = lt_text_fold(&tmp, s, len, LT_FOLD_CASE | LT_FOLD_PUNCT |
						LT_FOLD_SPACE | LT_FOLD_MARKS);

	if (rc == LT_OK && tmp.len == 0)
		rc = lt_buf_reserve(&tmp, 0);
	for (i = 0; rc == LT_OK && i < tmp.len; i++) {
		char c = tmp.data[i];

		if (ocr) {
			if (c == '0')
				c = 'o';
			else if (c == '1' || c == '|')
				c = 'l';
			else if (c == 'r' && i + 1 < tmp.len && tmp.data[i + 1] == 'n') {
				c = 'm';
				i++;
			}
		}
		rc = lt_buf_putc(out, c);
	}
	lt_buf_free(&tmp);
	return rc;
}

typedef struct hunk {
	size_t p_from, p_to; /* original tokens strictly inside: [p_from, p_to) */
	size_t l_from, l_to; /* leak tokens strictly inside */
	size_t r_start, r_end; /* original bytes between the anchors */
	size_t s_start, s_end; /* leak bytes between the anchors */
} hunk;

/* The same word, allowing a typist's slip in words of letters only (never
 * in numbers, never in short words). */
static int same_word(const lt_tokens *a, size_t i, const lt_tokens *b,
		     size_t j)
{
	const char *x = lt_token_norm(a, i), *y = lt_token_norm(b, j);
	size_t nx = strlen(x), ny = strlen(y);

	if (!strcmp(x, y))
		return 1;
	if (a->tok[i].kind != LT_TOK_WORD || b->tok[j].kind != LT_TOK_WORD ||
	    nx < 3 || ny < 3)
		return 0;
	/* "not" and "now" are a letter apart and mean opposite things. */
	if (is_negation(a, i) || is_negation(b, j))
		return 0;
	return lt_edit_distance_typo(x, nx, y, ny, 1) <= 1;
}

/* Words of `a` and `b` left over once the words they share at either end
 * are taken off (compared normalised, slips allowed). */
static size_t token_remainder(const char *a, size_t alen, const char *b,
			      size_t blen)
{
	lt_tokens *ta = NULL, *tb = NULL;
	size_t i = 0, ea, eb, n;

	if (lt_tokenize(&ta, a, alen) || lt_tokenize(&tb, b, blen)) {
		lt_tokens_free(ta);
		return (size_t)-2;
	}
	ea = ta->n;
	eb = tb->n;
	while (i < ea && i < eb && same_word(ta, i, tb, i))
		i++;
	while (ea > i && eb > i && same_word(ta, ea - 1, tb, eb - 1)) {
		ea--;
		eb--;
	}
	n = (ea - i) + (eb - i);
	lt_tokens_free(ta);
	lt_tokens_free(tb);
	return n;
}

/*
 * Smallest edit distance between the leak's bytes and the original's
 * bytes of the hunk written with any combination of the variants of the
 * slots inside it (folded).  0 means the marks explain it exactly.
 */
static size_t best_distance(const lt_slot_set *set, const hunk *h,
			    const char *leak, size_t limit, lt_buf *best_text)
{
	size_t first = set->n, last = 0, i, best = limit + 1;
	size_t combos = 1, c, rest, best_rest = (size_t)-1;
	lt_buf want = {0}, got = {0}, cand = {0};

	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];

		if (s->start >= h->r_start && s->end <= h->r_end) {
			if (first == set->n)
				first = i;
			last = i;
		}
	}
	if (first < set->n)
		for (i = first; i <= last && combos <= MAX_COMBINATIONS; i++)
			combos *= set->slots[i].nvariants;
	if (combos > MAX_COMBINATIONS)
		combos = 1; /* too many: compare with the original only */
	for (c = 0; c < combos && best > 0; c++) {
		size_t pos = h->r_start, code = c, d;

		lt_buf_clear(&cand);
		if (first < set->n && combos > 1) {
			for (i = first; i <= last; i++) {
				const lt_slot *s = &set->slots[i];
				unsigned q = s->nvariants, k = (unsigned)(code % q);

				code /= q;
				lt_buf_append(&cand, set->plain + pos, s->start - pos);
				lt_buf_puts(&cand, s->variants[k]);
				pos = s->end;
			}
		}
		lt_buf_append(&cand, set->plain + pos, h->r_end - pos);
		/* Letter shapes OCR confuses are tried in every text: they
		 * only ever make a difference smaller. */
		for (int mode = 0; mode <= 1; mode++) {
			lt_buf_clear(&want);
			lt_buf_clear(&got);
			if (fold_for_compare(&want, cand.data ? cand.data : "",
					     cand.len, mode) ||
			    fold_for_compare(&got, leak + h->s_start,
					     h->s_end - h->s_start, mode))
				goto out;
			d = lt_edit_distance_typo(want.data ? want.data : "",
						  want.len, got.data ? got.data : "",
						  got.len, limit);
			if (d > limit)
				continue;
			rest = token_remainder(cand.data ? cand.data : "", cand.len,
					       leak + h->s_start,
					       h->s_end - h->s_start);
			/* The reading that leaves the fewest words unexplained
			 * wins; then the fewest letters. */
			if (rest < best_rest || (rest == best_rest && d < best)) {
				best = d;
				best_rest = rest;
				lt_buf_clear(best_text);
				lt_buf_append(best_text, cand.data ? cand.data : "",
					      cand.len);
			}
		}
	}
out:
	lt_buf_free(&want);
	lt_buf_free(&got);
	lt_buf_free(&cand);
	return best;
}

/* ---------------------------------------------------------------------
 * Changes
 * ------------------------------------------------------------------- */

static char *dup_range(const char *s, size_t from, size_t to)
{
	char *p = malloc(to - from + 1);

	if (p) {
		memcpy(p, s + from, to - from);
		p[to - from] = '\0';
	}
	return p;
}

static int sentence_end_in(const char *s, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		if (s[i] == '.' || s[i] == '!' || s[i] == '?' || s[i] == '\n')
			return 1;
	return 0;
}

static int add_change(lt_verify_result *r, size_t *cap, lt_change c)
{
	int rc = LT_ARRAY_GROW(r->changes, *cap, r->nchanges + 1);

	if (rc)
		return rc;
	r->changes[r->nchanges++] = c;
	return LT_OK;
}

/*
 * What really differs in a hunk: the words of the closest way an issued
 * copy could read there (`cand`) and the words found, with the words they
 * share at either end taken off.
 */
typedef struct remainder {
	lt_tokens *ct;       /* tokens of cand */
	size_t c_from, c_to; /* cand tokens that differ */
	size_t l_from, l_to; /* leak tokens that differ */
} remainder;

static int remainder_of(remainder *rm, const char *cand, size_t cand_len,
			const lt_tokens *lt, const hunk *h)
{
	int rc = lt_tokenize(&rm->ct, cand, cand_len);

	if (rc)
		return rc;
	rm->c_from = 0;
	rm->c_to = rm->ct->n;
	rm->l_from = h->l_from;
	rm->l_to = h->l_to;
	while (rm->c_from < rm->c_to && rm->l_from < rm->l_to &&
	       same_word(rm->ct, rm->c_from, lt, rm->l_from)) {
		rm->c_from++;
		rm->l_from++;
	}
	while (rm->c_to > rm->c_from && rm->l_to > rm->l_from &&
	       same_word(rm->ct, rm->c_to - 1, lt, rm->l_to - 1)) {
		rm->c_to--;
		rm->l_to--;
	}
	return LT_OK;
}

/* Does the remainder change a number or a negation?  Those are never
 * noise. */
static int meaningful(const remainder *rm, const lt_tokens *lt)
{
	lt_buf na = {0}, nb = {0};
	int diff;

	numbers_of(&na, rm->ct, rm->c_from, rm->c_to);
	numbers_of(&nb, lt, rm->l_from, rm->l_to);
	diff = na.len != nb.len || (na.len && memcmp(na.data, nb.data, na.len));
	lt_buf_free(&na);
	lt_buf_free(&nb);
	return diff || negations_of(rm->ct, rm->c_from, rm->c_to) !=
			       negations_of(lt, rm->l_from, rm->l_to);
}

/* Classify an unexplained hunk and record it. */
static int record_change(lt_verify_result *r, size_t *cap, const remainder *rm,
			 const char *cand, const lt_tokens *lt,
			 const char *leak, const hunk *h, size_t distance,
			 int noisy)
{
	size_t nc = rm->c_to - rm->c_from, nl = rm->l_to - rm->l_from;
	size_t neg_c = negations_of(rm->ct, rm->c_from, rm->c_to);
	size_t neg_l = negations_of(lt, rm->l_from, rm->l_to);
	lt_buf na = {0}, nb = {0};
	lt_change c = {0};
	int rc, numbers;

	numbers_of(&na, rm->ct, rm->c_from, rm->c_to);
	numbers_of(&nb, lt, rm->l_from, rm->l_to);
	numbers = (na.len || nb.len) &&
		  (na.len != nb.len || memcmp(na.data, nb.data, na.len) != 0);
	lt_buf_free(&na);
	lt_buf_free(&nb);
	c.confidence = noisy ? 0.9 : 0.99;
	if (neg_l != neg_c && (nc == 0 || nl == 0) && nc + nl <= 3)
		c.kind = neg_l > neg_c ? LT_CHANGE_NEGATION_ADDED
				       : LT_CHANGE_NEGATION_REMOVED;
	else if (nc == 0)
		c.kind = nl >= 4 && sentence_end_in(leak, lt->tok[rm->l_from].start,
						    h->s_end)
			? LT_CHANGE_SENTENCE_INSERTED : LT_CHANGE_WORDS_INSERTED;
	else if (nl == 0)
		c.kind = nc >= 8 || sentence_end_in(cand, rm->ct->tok[rm->c_from].start,
						     rm->ct->tok[rm->c_to - 1].end)
			? LT_CHANGE_PASSAGE_DELETED : LT_CHANGE_WORDS_DELETED;
	else if (numbers)
		c.kind = LT_CHANGE_NUMBER;
	else if (neg_l != neg_c)
		c.kind = neg_l > neg_c ? LT_CHANGE_NEGATION_ADDED
				       : LT_CHANGE_NEGATION_REMOVED;
	else {
		c.kind = LT_CHANGE_WORD_REPLACED;
		/* A near-miss spelling in noisy input is the least certain. */
		if (distance <= 2)
			c.confidence = noisy ? 0.6 : 0.8;
	}
	/* In typed-over or OCR'd text a single slip can turn "no" into "on"
	 * or "12" into "21": still reported, but as uncertain. */
	if (noisy && distance <= 1 && c.kind <= LT_CHANGE_NEGATION_REMOVED)
		c.confidence = 0.5;
	if (nc) {
		size_t off = rm->ct->tok[rm->c_from].start;

		c.original = dup_range(cand, off, rm->ct->tok[rm->c_to - 1].end);
		c.original_at = h->r_start + off < h->r_end ? h->r_start + off
							     : h->r_start;
	} else {
		c.original = strdup("");
		c.original_at = h->r_start;
	}
	if (nl) {
		c.at = lt->tok[rm->l_from].start;
		c.len = lt->tok[rm->l_to - 1].end - c.at;
		c.found = dup_range(leak, c.at, c.at + c.len);
	} else {
		c.at = h->s_start;
		c.found = strdup("");
	}
	if (!c.original || !c.found) {
		free(c.original);
		free(c.found);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	if ((rc = add_change(r, cap, c))) {
		free(c.original);
		free(c.found);
	}
	return rc;
}

/* ---------------------------------------------------------------------
 * OCR confidence: where each OCR'd word is in the text, and how sure the
 * reader was of it
 * ------------------------------------------------------------------- */

typedef struct ocr_conf {
	size_t n;
	size_t *start, *end;
	float *conf;
} ocr_conf;

static void ocr_conf_free(ocr_conf *oc)
{
	free(oc->start);
	free(oc->end);
	free(oc->conf);
	memset(oc, 0, sizeof(*oc));
}

/* Find each word of `words` in `text`, in order (words whose line was left
 * out as page furniture are not found and skipped). */
static int ocr_conf_build(ocr_conf *oc, const char *text, size_t len,
			  const lt_seen_word *words, size_t nwords)
{
	size_t pos = 0, i;

	memset(oc, 0, sizeof(*oc));
	oc->start = malloc((nwords + 1) * sizeof(*oc->start));
	oc->end = malloc((nwords + 1) * sizeof(*oc->end));
	oc->conf = malloc((nwords + 1) * sizeof(*oc->conf));
	if (!oc->start || !oc->end || !oc->conf) {
		ocr_conf_free(oc);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (i = 0; i < nwords; i++) {
		const char *w = words[i].text;
		size_t wl = w ? strlen(w) : 0, window;
		const char *hit;

		if (!wl || pos >= len)
			continue;
		window = len - pos < 256 + wl ? len - pos : 256 + wl;
		hit = memmem(text + pos, window, w, wl);
		if (!hit)
			continue;
		oc->start[oc->n] = (size_t)(hit - text);
		oc->end[oc->n] = oc->start[oc->n] + wl;
		oc->conf[oc->n++] = words[i].confidence;
		pos = (size_t)(hit - text) + wl;
	}
	return LT_OK;
}

/* The least confidence of the OCR'd words overlapping [from, to); 1 when
 * the range holds no word (nothing was read there: a deletion). */
static double ocr_conf_min(const ocr_conf *oc, size_t from, size_t to)
{
	double m = 1;
	size_t i;

	for (i = 0; i < oc->n; i++)
		if (oc->start[i] < to && oc->end[i] > from && oc->conf[i] < m)
			m = oc->conf[i];
	return m;
}

/*
 * Is an unexplained hunk of OCR'd text a change worth reporting?  OCR
 * garbles words of a photo that nobody touched, so only what the reader
 * was sure of counts: numbers and negations read with confidence, whole
 * sentences inserted or passages missing, words replaced by clearly
 * different, confidently read words.  *sure receives how sure.
 */
static int ocr_change_credible(const ocr_conf *oc, const remainder *rm,
			       const lt_tokens *lt, size_t dist, size_t span,
			       int meaningful_change, double *sure)
{
	size_t nl = rm->l_to - rm->l_from, nc = rm->c_to - rm->c_from;
	double conf = nl ? ocr_conf_min(oc, lt->tok[rm->l_from].start,
					lt->tok[rm->l_to - 1].end) : 1;

	lt_buf na = {0}, nb = {0};
	int both_numbers;

	*sure = conf;
	/* Nothing read where the original has words: OCR drops words it
	 * cannot make out, so only a whole passage missing counts. */
	if (nl == 0)
		return nc >= 12;
	/* A single character read as another ("(a)" as "(8)") says nothing. */
	if (nl == 1 && nc == 1 && lt->tok[rm->l_from].end -
					  lt->tok[rm->l_from].start == 1)
		return 0;
	if (meaningful_change) {
		/* A number counts as changed when another number was read
		 * there, confidently; a number read as letters is a misread. */
		numbers_of(&na, rm->ct, rm->c_from, rm->c_to);
		numbers_of(&nb, lt, rm->l_from, rm->l_to);
		both_numbers = na.len > 0 && nb.len > 0;
		lt_buf_free(&na);
		lt_buf_free(&nb);
		if (negations_of(rm->ct, rm->c_from, rm->c_to) !=
		    negations_of(lt, rm->l_from, rm->l_to))
			return conf >= 0.85;
		return both_numbers && conf >= 0.9;
	}
	if (nc == 0)
		return nl >= 6 && conf >= 0.8; /* a sentence inserted */
	return conf >= 0.9 && dist * 2 >= span && dist >= 3;
}

/* Are the two texts the same once folded and with all white space left
 * out ("within six" and "withinsix")? */
static int same_but_spacing(const char *a, size_t alen, const char *b,
			    size_t blen)
{
	lt_buf fa = {0}, fb = {0};
	size_t i, j = 0, k = 0;
	int same = 0;

	if (fold_for_compare(&fa, a ? a : "", alen, 1) == LT_OK &&
	    fold_for_compare(&fb, b ? b : "", blen, 1) == LT_OK) {
		for (i = 0; i < fa.len; i++)
			if (fa.data[i] != ' ')
				fa.data[j++] = fa.data[i];
		for (i = 0; i < fb.len; i++)
			if (fb.data[i] != ' ')
				fb.data[k++] = fb.data[i];
		same = j == k && (j == 0 || !memcmp(fa.data, fb.data, j));
	}
	lt_buf_free(&fa);
	lt_buf_free(&fb);
	return same;
}

/* Does some slot straddle a boundary of plain bytes [from, to)?  -1: a
 * slot crosses `from`, +1: a slot crosses `to`, 0: neither. */
static int slot_straddles(const lt_slot_set *set, size_t from, size_t to)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];

		if (s->start >= to)
			break;
		if (s->end <= from)
			continue;
		if (s->start < from)
			return -1;
		if (s->end > to)
			return 1;
	}
	return 0;
}

/*
 * Walk the alignment from one exactly matched word to the next; explain or
 * record each stretch that differs.  A stretch is widened to whole slots,
 * since a slot's variants may reach over words that happen to match.
 */
static int diff_text(lt_verify_result *r, const lt_doc *d, const lt_tokens *lt,
		     const lt_alignment *al, const char *leak, int ocr,
		     const ocr_conf *oc)
{
	const lt_tokens *ot = d->tok;
	size_t cap = 0, i, k, n = 0, fuzzy = 0, nspans = 0;
	size_t *pi = NULL, *pj = NULL;
	struct { size_t a, m; } *spans = NULL;
	remainder rm = {0};
	lt_buf cand = {0};
	int rc = LT_OK, noisy;

	pi = malloc((ot->n + 1) * sizeof(*pi));
	pj = malloc((ot->n + 1) * sizeof(*pj));
	spans = malloc((ot->n + 1) * sizeof(*spans));
	if (!pi || !pj || !spans) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	/* The exactly matched words, in order; and how noisy the text is. */
	for (i = al->orig_first; i <= al->orig_last && i < ot->n; i++) {
		fuzzy += al->quality[i] == LT_ALIGN_FUZZY;
		if (al->quality[i] == LT_ALIGN_EXACT) {
			pi[n] = i;
			pj[n++] = (size_t)al->orig_to_leak[i];
		}
	}
	/* A typed-over or OCR'd text (words matched despite slips): small
	 * letter-level differences in ordinary words are noise there. */
	noisy = ocr || fuzzy * 100 > al->matched;

	/* Stretches between exactly matched words that differ (or hold a
	 * slot), widened to whole slots and merged where they then meet. */
	for (k = 0; k + 1 < n; k++) {
		size_t a = k, m = k + 1;
		int side;

		if (pi[m] == pi[k] + 1 && pj[m] == pj[k] + 1 &&
		    !slot_straddles(d->set, ot->tok[pi[k]].end, ot->tok[pi[m]].start))
			continue;
		while ((side = slot_straddles(d->set, ot->tok[pi[a]].end,
					      ot->tok[pi[m]].start)) != 0) {
			if (side < 0 && a > 0)
				a--;
			else if (side > 0 && m + 1 < n)
				m++;
			else
				break;
		}
		if (nspans && a < spans[nspans - 1].m) {
			if (m > spans[nspans - 1].m)
				spans[nspans - 1].m = m;
			if (a < spans[nspans - 1].a)
				spans[nspans - 1].a = a;
		} else {
			spans[nspans].a = a;
			spans[nspans++].m = m;
		}
	}
	for (k = 0; k < nspans; k++) {
		size_t a = spans[k].a, m = spans[k].m, dist, limit, span, words;
		hunk h;

		h.p_from = pi[a] + 1;
		h.p_to = pi[m];
		h.l_from = pj[a] + 1;
		h.l_to = pj[m];
		h.r_start = ot->tok[pi[a]].end;
		h.r_end = ot->tok[pi[m]].start;
		h.s_start = lt->tok[pj[a]].end;
		h.s_end = lt->tok[pj[m]].start;
		span = h.r_end - h.r_start;
		if (span == h.s_end - h.s_start &&
		    !memcmp(d->set->plain + h.r_start, leak + h.s_start, span))
			continue; /* written as in the original */
		limit = span + (h.s_end - h.s_start) + 1;
		lt_buf_clear(&cand);
		dist = best_distance(d->set, &h, leak, limit, &cand);
		if (dist == 0) {
			r->marks++;
			continue;
		}
		if (!cand.data && (rc = lt_buf_reserve(&cand, 0)))
			goto out;
		lt_tokens_free(rm.ct);
		rm.ct = NULL;
		if ((rc = remainder_of(&rm, cand.data, cand.len, lt, &h)))
			goto out;
		/* Noise: a slip of a letter per word (more in OCR'd text),
		 * never a number or a negation. */
		words = h.p_to - h.p_from > h.l_to - h.l_from ? h.p_to - h.p_from
							       : h.l_to - h.l_from;
		if ((rm.c_from == rm.c_to && rm.l_from == rm.l_to) ||
		    same_but_spacing(cand.data, cand.len, leak + h.s_start,
				     h.s_end - h.s_start)) {
			/* Every word matches (with slips): only punctuation or
			 * spacing differ, which changes no word of the text. */
			r->noise++;
			continue;
		}
		if (oc) {
			double sure;

			if (!ocr_change_credible(oc, &rm, lt, dist, span,
						 meaningful(&rm, lt), &sure)) {
				r->noise++;
				continue;
			}
			if ((rc = record_change(r, &cap, &rm, cand.data, lt, leak,
						&h, dist, noisy)))
				goto out;
			/* How sure: as sure as the reader was of the words. */
			r->changes[r->nchanges - 1].confidence = 0.99 * sure;
			continue;
		}
		if (!meaningful(&rm, lt) &&
		    (dist <= 1 || dist <= words ||
		     (noisy && dist * 6 <= span + 6))) {
			r->noise++;
			continue;
		}
		if ((rc = record_change(r, &cap, &rm, cand.data, lt, leak, &h, dist,
					noisy)))
			goto out;
	}
out:
	free(pi);
	free(pj);
	free(spans);
	lt_tokens_free(rm.ct);
	lt_buf_free(&cand);
	return rc;
}

/* ---------------------------------------------------------------------
 * Verify
 * ------------------------------------------------------------------- */

static int record_event(lt_vault *v, const lt_verify_result *r)
{
	lt_buf detail = {0};
	int rc;

	lt_buf_printf(&detail, "{\"verdict\":\"%s\",\"changes\":%zu%s%s%s}",
		      lt_verify_verdict_name(r->verdict), r->nchanges,
		      r->exact ? ",\"copy\":\"" : "", r->exact ? r->copy : "",
		      r->exact ? "\"" : "");
	if ((rc = lt_vault_begin(v)) == LT_OK) {
		rc = lt_ledger_event(v, LT_EVENT_VERIFY, r->document, detail.data);
		rc = rc ? (lt_vault_rollback(v), rc) : lt_vault_commit(v);
	}
	lt_buf_free(&detail);
	return rc;
}

static int verify(lt_verify_result **out, lt_vault *v, const char *text,
		  size_t len, const char *digest, const char *doc_id,
		  int record, int source, const lt_seen_word *words,
		  size_t nwords)
{
	ocr_conf oc = {0};
	lt_verify_result *r;
	lt_tokens *leak = NULL;
	lt_doc *d = NULL;
	lt_alignment *al = NULL;
	int rc = LT_OK, found = 0;

	*out = NULL;
	if (!(r = calloc(1, sizeof(*r))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	r->verdict = LT_VERIFY_UNKNOWN;
	if (digest && (rc = exact_copy(v, digest, r, &found)))
		goto out;
	if (found) {
		r->exact = 1;
		r->verdict = LT_VERIFY_GENUINE;
		r->part_share = 1;
		goto record;
	}
	if ((rc = lt_tokenize(&leak, text, len)))
		goto out;
	if (doc_id) {
		/* Already identified by the caller: align with that document. */
		if ((rc = lt_doc_load(&d, v, doc_id, 0)) ||
		    (rc = lt_identify_align(&al, d, leak)))
			goto out;
		if (!al->matched) {
			lt_doc_free(d);
			d = NULL;
		}
	} else if ((rc = lt_identify(v, leak, &d, &al))) {
		goto out;
	}
	if (!d)
		goto record;
	if (!(r->document = strdup(d->id))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	r->words = al->matched;
	r->part_from = d->tok->tok[al->orig_first].start;
	r->part_to = d->tok->tok[al->orig_last].end;
	r->part_share = d->tok->n ? (double)(al->orig_last - al->orig_first + 1) /
					    (double)d->tok->n : 0;
	if (source == LT_EXTRACT_OCR &&
	    (rc = ocr_conf_build(&oc, text, len, words, nwords)))
		goto out;
	if ((rc = diff_text(r, d, leak, al, text, source == LT_EXTRACT_OCR,
			    source == LT_EXTRACT_OCR ? &oc : NULL)))
		goto out;
	r->verdict = r->nchanges ? LT_VERIFY_ALTERED : LT_VERIFY_GENUINE;
record:
	if (record && !lt_vault_read_only(v)) /* read-only: not recorded */
		rc = record_event(v, r);
out:
	ocr_conf_free(&oc);
	lt_tokens_free(leak);
	lt_alignment_free(al);
	lt_doc_free(d);
	if (rc) {
		lt_verify_result_free(r);
		return rc;
	}
	*out = r;
	return LT_OK;
}

int lt_verify_text(lt_verify_result **out, lt_vault *v, const char *text,
		   size_t len)
{
	char hex[65];

	sha256_hex(text, len, hex);
	return lt_vault_keep_error(v, verify(out, v, text, len, hex, NULL, 1,
					     LT_EXTRACT_TEXT, NULL, 0));
}

/* Verify what was extracted from `len` bytes (the digest is of the bytes,
 * as issued; a Word file's figures are compared too); `e` is freed here. */
static int verify_extracted(lt_verify_result **out, lt_vault *v,
			    lt_extract *e, const void *data, size_t len)
{
	char hex[65];
	int rc;

	sha256_hex(data ? data : "", len, hex);
	rc = verify(out, v, e->text.data ? e->text.data : "", e->text.len, hex,
		    NULL, 0, (int)e->kind, e->words, e->nwords);
	if (rc == LT_OK && e->kind == LT_EXTRACT_DOCX && !(*out)->exact)
		rc = lt_verify_docx_figures(*out, v, data, len);
	if (rc == LT_OK && !lt_vault_read_only(v))
		rc = record_event(v, *out);
	if (rc) {
		lt_verify_result_free(*out);
		*out = NULL;
	}
	lt_extract_free(e);
	return rc;
}

/*
 * A picture (PNG, JPEG) of a registered figure: an issued copy's file is
 * known by its digest; any other picture is compared with the figure's
 * original (verify_figure.h).  *handled 0, and nothing done, for any other
 * input, which is then read for its text.
 */
static int verify_picture(lt_verify_result **out, lt_vault *v,
			  const void *data, size_t len, const char *name,
			  int *handled)
{
	lt_verify_result *r;
	char hex[65];
	int rc, found = 0;

	*handled = 0;
	if (lt_image_detect(data, len) == LT_IMAGE_UNKNOWN)
		return LT_OK;
	if (!(r = calloc(1, sizeof(*r))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	r->verdict = LT_VERIFY_UNKNOWN;
	sha256_hex(data, len, hex);
	if ((rc = exact_copy(v, hex, r, &found)) == LT_OK && found) {
		r->exact = 1;
		r->verdict = LT_VERIFY_GENUINE;
		r->part_share = 1;
		*handled = 1;
	} else if (rc == LT_OK) {
		rc = lt_verify_figure(r, v, data, len, name, handled);
	}
	if (rc == LT_OK && *handled && !lt_vault_read_only(v))
		rc = record_event(v, r);
	if (rc || !*handled) {
		lt_verify_result_free(r);
		return rc;
	}
	*out = r;
	return LT_OK;
}

int lt_verify_buffer(lt_verify_result **out, lt_vault *v, const void *data,
		     size_t len, const char *name)
{
	lt_extract *e = NULL;
	int rc, handled = 0;

	*out = NULL;
	if ((rc = verify_picture(out, v, data, len, name, &handled)) || handled)
		return lt_vault_keep_error(v, rc);
	if ((rc = lt_extract_buffer(&e, data, len, name, lt_vault_ocr(v))) ==
	    LT_OK)
		rc = verify_extracted(out, v, e, data, len);
	return lt_vault_keep_error(v, rc);
}

/* The largest picture verified as a figure. */
#define MAX_PICTURE_BYTES (64u << 20)

int lt_verify_file(lt_verify_result **out, lt_vault *v, const char *path)
{
	lt_buf raw = {0};
	lt_extract *e = NULL;
	FILE *f;
	char chunk[65536];
	size_t n;
	int rc, handled = 0;

	*out = NULL;
	if ((f = fopen(path, "rb"))) {
		n = fread(chunk, 1, 16, f);
		fclose(f);
		if (lt_image_detect(chunk, n) != LT_IMAGE_UNKNOWN &&
		    lt_file_read(&raw, path, MAX_PICTURE_BYTES) == LT_OK) {
			rc = verify_picture(out, v, raw.data, raw.len, path,
					    &handled);
			lt_buf_free(&raw);
			if (rc || handled)
				return lt_vault_keep_error(v, rc);
		}
		lt_error_clear();
		lt_buf_free(&raw);
	}
	if ((rc = lt_extract_file_ocr(&e, path, lt_vault_ocr(v))))
		return lt_vault_keep_error(v, rc);
	/* The digest is of the file's bytes, as issued. */
	if (!(f = fopen(path, "rb"))) {
		lt_extract_free(e);
		return lt_vault_keep_error(v, lt_error_set(LT_EINPUT,
				"%s: cannot read", path));
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if ((rc = lt_buf_append(&raw, chunk, n)))
			break;
	fclose(f);
	if (rc == LT_OK)
		rc = verify_extracted(out, v, e, raw.data, raw.len);
	else
		lt_extract_free(e);
	lt_buf_free(&raw);
	return lt_vault_keep_error(v, rc);
}

int lt_verify_run(lt_verify_result **out, lt_vault *v, const char *text,
		  size_t len, const char *doc_id, int record, int source,
		  const lt_seen_word *words, size_t nwords)
{
	return verify(out, v, text, len, NULL, doc_id, record, source, words,
		      nwords);
}

int lt_verify_summary_json(lt_buf *out, const lt_verify_result *r)
{
	json_t *doc = json_pack("{s:s, s:[]}", "verdict",
				lt_verify_verdict_name(r->verdict), "changes");
	json_t *arr = doc ? json_object_get(doc, "changes") : NULL;
	char *dump;
	size_t i;
	int rc;

	for (i = 0; arr && i < r->nchanges; i++) {
		const lt_change *c = &r->changes[i];

		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:I, s:I, s:f}",
			"kind", lt_change_kind_name(c->kind), "original", c->original,
			"found", c->found, "at", (json_int_t)c->at, "original_at",
			(json_int_t)c->original_at, "confidence", c->confidence));
	}
	if (!doc || !(dump = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER))) {
		json_decref(doc);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	rc = lt_buf_puts(out, dump);
	free(dump);
	json_decref(doc);
	return rc;
}

/* ---------------------------------------------------------------------
 * Attestation
 * ------------------------------------------------------------------- */

/* The bytes that are signed: each field as "name:length:value\n", in a
 * fixed order, so no two statements share a message. */
static int statement_message(lt_buf *out, const char *const *fields,
			     const char *const *values, size_t n)
{
	size_t i;
	int rc = lt_buf_puts(out, STATEMENT_KIND "\n");

	for (i = 0; i < n && rc == LT_OK; i++)
		rc = lt_buf_printf(out, "%s:%zu:%s\n", fields[i],
				   strlen(values[i] ? values[i] : ""),
				   values[i] ? values[i] : "");
	return rc;
}

static const char *const statement_fields[] = {
	"document", "title", "copy", "sha256", "issued_at", "recipient",
};
#define NFIELDS (sizeof(statement_fields) / sizeof(statement_fields[0]))

static int attest(lt_buf *out, lt_vault *v, const char *copy_id,
		  int with_recipient)
{
	lt_store_copy_info info;
	const char *values[NFIELDS];
	char *owned[NFIELDS] = {0};
	unsigned char sig[LT_SIGNATURE_BYTES], pk[LT_SIGN_PUBLIC_BYTES];
	char sighex[2 * LT_SIGNATURE_BYTES + 1], pkhex[2 * LT_SIGN_PUBLIC_BYTES + 1];
	lt_buf msg = {0};
	json_t *doc = NULL;
	char *dump;
	size_t i;
	int rc;

	/* The statement is about the copy's latest first (or only) file. */
	if ((rc = lt_store_copies_info(v, copy_id, &info)))
		return rc;
	if ((rc = lt_store_docs_describe(v, info.doc, &owned[0], &owned[1])))
		goto out;
	owned[2] = strdup(info.copy);
	owned[3] = strdup(info.digest ? info.digest : "");
	owned[4] = strdup(info.issued_at);
	owned[5] = strdup(info.recipient);
	if (!owned[1])
		owned[1] = strdup("");
	for (i = 0; i < NFIELDS; i++) {
		values[i] = owned[i];
		if (!owned[i]) {
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			goto out;
		}
	}
	if (!values[3][0]) {
		rc = lt_error_set(LT_ENOTFOUND, "copy '%s' was issued before copies "
				  "were fingerprinted; issue it again to attest it",
				  copy_id);
		goto out;
	}
	if (!with_recipient)
		values[5] = "";
	if ((rc = statement_message(&msg, statement_fields, values, NFIELDS)))
		goto out;
	if ((rc = lt_ledger_sign(sig, pk, v, msg.data, msg.len)))
		goto out;
	sodium_bin2hex(sighex, sizeof(sighex), sig, sizeof(sig));
	sodium_bin2hex(pkhex, sizeof(pkhex), pk, sizeof(pk));
	doc = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
			"statement", STATEMENT_KIND, "document", values[0],
			"title", values[1], "copy", values[2], "sha256", values[3],
			"issued_at", values[4], "recipient", values[5],
			"public_key", pkhex, "signature", sighex);
	if (!doc || !(dump = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	rc = lt_buf_puts(out, dump);
	free(dump);
out:
	json_decref(doc);
	lt_buf_free(&msg);
	for (i = 0; i < NFIELDS; i++)
		free(owned[i]);
	lt_store_copy_info_clear(&info);
	return rc;
}

int lt_attest(lt_buf *out, lt_vault *v, const char *copy_id,
	      int with_recipient)
{
	return lt_vault_keep_error(v, attest(out, v, copy_id, with_recipient));
}

static int hex_field(unsigned char *out, size_t n, json_t *doc, const char *k)
{
	const char *s = json_string_value(json_object_get(doc, k));
	size_t got;

	if (!s || strlen(s) != 2 * n ||
	    sodium_hex2bin(out, n, s, 2 * n, NULL, &got, NULL) != 0 || got != n)
		return lt_error_set(LT_EINPUT, "statement: '%s' must be %zu hex "
				    "digits", k, 2 * n);
	return LT_OK;
}

/*
 * Every key of a statement is a signed field, the kind, the key or the
 * signature: anything else would read as attested without being signed.
 */
static int statement_known_fields(json_t *doc)
{
	static const char *const structural[] = {"statement", "public_key",
						 "signature"};
	const char *key;
	json_t *val;

	json_object_foreach(doc, key, val) {
		size_t i;
		int known = 0;

		(void)val;
		for (i = 0; i < NFIELDS && !known; i++)
			known = !strcmp(key, statement_fields[i]);
		for (i = 0; i < 3 && !known; i++)
			known = !strcmp(key, structural[i]);
		if (!known)
			return lt_error_set(LT_EINPUT, "statement: unknown field '%s' "
					    "(it is not covered by the signature)",
					    key);
	}
	return LT_OK;
}

int lt_statement_check(lt_statement_check_result *out, const char *json,
		       size_t len, const char *pubkey_hex, const char *file)
{
	json_error_t err;
	json_t *doc;
	const char *values[NFIELDS];
	unsigned char sig[LT_SIGNATURE_BYTES], pk[LT_SIGN_PUBLIC_BYTES],
		      want[LT_SIGN_PUBLIC_BYTES];
	lt_buf msg = {0};
	const char *kind;
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	out->file_matches = -1;
	if (sodium_init() < 0)
		return lt_error_set(LT_EINTERNAL, "libsodium failed to initialise");
	doc = json_loadb(json, len, JSON_REJECT_DUPLICATES, &err);
	if (!doc || !json_is_object(doc)) {
		json_decref(doc);
		return lt_error_set(LT_EINPUT, "statement is not a JSON object "
				    "(line %d: %s)", err.line, err.text);
	}
	kind = json_string_value(json_object_get(doc, "statement"));
	if (!kind || strcmp(kind, STATEMENT_KIND)) {
		rc = lt_error_set(LT_EINPUT, "not a leaktrace copy attestation");
		goto out;
	}
	if ((rc = statement_known_fields(doc)))
		goto out;
	for (i = 0; i < NFIELDS; i++) {
		json_t *j = json_object_get(doc, statement_fields[i]);

		values[i] = json_string_value(j);
		if (!values[i]) {
			rc = lt_error_set(LT_EINPUT, "statement: %s '%s'", j ?
					  "not a string:" : "missing",
					  statement_fields[i]);
			goto out;
		}
		if (strlen(values[i]) != json_string_length(j)) {
			rc = lt_error_set(LT_EINPUT, "statement: '%s' holds a NUL "
					  "character", statement_fields[i]);
			goto out;
		}
	}
	if ((rc = hex_field(sig, sizeof(sig), doc, "signature")) ||
	    (rc = hex_field(pk, sizeof(pk), doc, "public_key")))
		goto out;
	if (strlen(values[3]) != 64 ||
	    strspn(values[3], "0123456789abcdef") != 64) {
		rc = lt_error_set(LT_EINPUT, "statement: 'sha256' must be 64 "
				  "lower-case hex digits");
		goto out;
	}
	snprintf(out->document, sizeof(out->document), "%s", values[0]);
	snprintf(out->copy, sizeof(out->copy), "%s", values[2]);
	snprintf(out->sha256, sizeof(out->sha256), "%s", values[3]);
	sodium_bin2hex(out->public_key, sizeof(out->public_key), pk, sizeof(pk));
	if ((rc = statement_message(&msg, statement_fields, values, NFIELDS)))
		goto out;
	out->signature_ok = crypto_sign_verify_detached(sig,
		(const unsigned char *)msg.data, msg.len, pk) == 0;
	if (pubkey_hex) {
		if ((rc = lt_public_key_parse(want, pubkey_hex)))
			goto out;
		out->key_trusted = sodium_memcmp(want, pk, sizeof(pk)) == 0;
	}
	if (file) {
		lt_buf raw = {0};
		char chunk[65536], hex[65];
		FILE *f = fopen(file, "rb");
		size_t n;

		if (!f) {
			rc = lt_error_set(LT_EINPUT, "%s: cannot read", file);
			goto out;
		}
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			if ((rc = lt_buf_append(&raw, chunk, n)))
				break;
		fclose(f);
		if (rc == LT_OK) {
			sha256_hex(raw.data ? raw.data : "", raw.len, hex);
			out->file_matches = strcmp(hex, values[3]) == 0;
		}
		lt_buf_free(&raw);
	}
out:
	lt_buf_free(&msg);
	json_decref(doc);
	return rc;
}
