/*
 * bench_slots.c - slot density, capacity and speed on the sample texts.
 *
 *   build/bench/bench_slots [--dump] [--real] [FILE...]
 *
 * Without files: every file in samples/, tests/data/prose/,
 * tests/data/prose2/, tests/data/prose3/ and tests/data/prose4/ (held-out
 * official prose the rules were not written against; prose2, prose3 and
 * prose4 were each added before a round of widening the rules), run from the
 * repository root, and the real public texts of the shared data's
 * prose-real/ ($LEAKTRACE_SHARED_DATA/prose-real when that is set, else
 * ../shared/data/prose-real; skipped with a note when absent).  For each
 * text: words, lexical and typographic slots (and per 100 words), each
 * channel's capacity in bits (sum of log2 q) as issue uses it now, the
 * lexical bits per 100 words of the default marks and of the default marks
 * plus every suggestion, and the time to find the slots and to render one
 * copy; then a total line per group (lexical slots and bits per 100 words
 * over the group, default and default + suggested, and the lowest file).
 * --dump lists every slot, suggested ones marked with "?"; --real benches
 * prose-real/ alone.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "leaktrace/error.h"
#include "leaktrace/slots.h"

static void dump(const lt_slot_set *set)
{
	size_t i;
	unsigned v;

	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];
		size_t a = s->start > 20 ? s->start - 20 : 0;
		size_t b = s->end + 20 < set->plain_len ? s->end + 20 : set->plain_len;

		printf("  %-17s%s @%-5u ", lt_slot_family_name(s->family),
		       s->use == LT_SLOT_SUGGESTED ? "?" : " ", s->start);
		for (v = 0; v < s->nvariants; v++)
			printf("%s[%s]", v ? "|" : "", s->variants[v]);
		printf("   ...%.*s...\n", (int)(b - a), set->plain + a);
	}
}

/* Running totals over a group of files. */
typedef struct totals {
	size_t files, words, lex;
	double lex_bits, min_per100;
	double def_bits, all_bits;	/* LT_SCOPE_DEFAULT, LT_SCOPE_ALL */
} totals;

static int bench_file(const char *path, int want_dump, totals *tot)
{
	lt_buf text = { 0 }, out = { 0 };
	lt_slot_set *set = NULL;
	uint8_t *sym;
	size_t words, lex, typ, i;
	double t0, t1, t2, def_bits, all_bits;
	int rc, reps = 200, r;

	if ((rc = lt_text_read_file(&text, path, 0, NULL)) != 0) {
		fprintf(stderr, "%s: %s\n", path, lt_error_message());
		return rc;
	}
	t0 = now();
	for (r = 0; r < reps; r++) {
		lt_slot_set_free(set);
		set = NULL;
		if ((rc = lt_slots_find(&set, text.data, text.len)) != 0) {
			fprintf(stderr, "%s: %s\n", path, lt_error_message());
			lt_buf_free(&text);
			return rc;
		}
	}
	t1 = now();
	sym = calloc(set->n + 1, 1);
	for (i = 0; i < set->n; i++)
		sym[i] = (uint8_t)(i % set->slots[i].nvariants);
	for (r = 0; r < reps; r++) {
		lt_buf_clear(&out);
		lt_slots_render(&out, set, sym);
	}
	t2 = now();
	words = lt_slot_set_words(set);
	lex = lt_slot_set_count(set, LT_CHANNEL_LEXICAL);
	typ = lt_slot_set_count(set, LT_CHANNEL_TYPOGRAPHIC);
	def_bits = lt_slot_set_capacity_ex(set, LT_CHANNEL_LEXICAL,
					   LT_SCOPE_DEFAULT);
	all_bits = lt_slot_set_capacity_ex(set, LT_CHANNEL_LEXICAL,
					   LT_SCOPE_ALL);
	printf("%-46s words %4zu  lexical %3zu (%5.1f/100w, %6.1f bits)  "
	       "default %5.1f bits/100w  default+suggested %5.1f bits/100w  "
	       "typographic %3zu (%5.1f/100w, %6.1f bits)  find %.3f ms  render %.4f ms\n",
	       path, words, lex, words ? 100.0 * lex / words : 0,
	       lt_slot_set_capacity(set, LT_CHANNEL_LEXICAL),
	       words ? 100.0 * def_bits / words : 0,
	       words ? 100.0 * all_bits / words : 0, typ,
	       words ? 100.0 * typ / words : 0,
	       lt_slot_set_capacity(set, LT_CHANNEL_TYPOGRAPHIC),
	       (t1 - t0) * 1e3 / reps, (t2 - t1) * 1e3 / reps);
	if (tot && words) {
		double per100 = 100.0 * (double)lex / (double)words;

		if (!tot->files || per100 < tot->min_per100)
			tot->min_per100 = per100;
		tot->files++;
		tot->words += words;
		tot->lex += lex;
		tot->lex_bits += lt_slot_set_capacity(set, LT_CHANNEL_LEXICAL);
		tot->def_bits += def_bits;
		tot->all_bits += all_bits;
	}
	if (want_dump)
		dump(set);
	free(sym);
	lt_slot_set_free(set);
	lt_buf_free(&text);
	lt_buf_free(&out);
	return 0;
}

/* Bench every file matching `pattern`, then print the group's totals
 * under `label`. */
static int bench_group(const char *label, const char *pattern, int want_dump)
{
	totals tot = { 0 };
	glob_t g;
	size_t k;
	int rc = 0;

	if (glob(pattern, 0, NULL, &g) != 0) {
		fprintf(stderr, "%s: no files (run from the repository root)\n",
			pattern);
		return 1;
	}
	for (k = 0; k < g.gl_pathc; k++)
		rc |= bench_file(g.gl_pathv[k], want_dump, &tot);
	globfree(&g);
	if (tot.words)
		printf("%-46s files %zu  words %zu  lexical %.1f/100w, %.1f bits/100w"
		       " (%.1f bits per 300 words), lowest file %.1f/100w;"
		       " default %.2f bits/100w, default+suggested %.2f bits/100w\n\n",
		       label, tot.files, tot.words,
		       100.0 * (double)tot.lex / (double)tot.words,
		       100.0 * tot.lex_bits / (double)tot.words,
		       300.0 * tot.lex_bits / (double)tot.words, tot.min_per100,
		       100.0 * tot.def_bits / (double)tot.words,
		       100.0 * tot.all_bits / (double)tot.words);
	return rc;
}

/* The real public texts of the shared test data (prose-real/), found as
 * the tests find it: $LEAKTRACE_SHARED_DATA, else ../shared/data from the
 * repository root.  Absent data is a note, not a failure. */
static int bench_real(int want_dump)
{
	const char *env = getenv("LEAKTRACE_SHARED_DATA");
	char pattern[4096];
	glob_t g;

	snprintf(pattern, sizeof(pattern), "%s/prose-real/*.txt",
		 env && *env ? env : "../shared/data");
	if (glob(pattern, 0, NULL, &g) != 0) {
		printf("prose-real: no files at %s (run from the repository "
		       "root, or set LEAKTRACE_SHARED_DATA)\n", pattern);
		return 0;
	}
	globfree(&g);
	return bench_group("prose-real", pattern, want_dump);
}

int main(int argc, char **argv)
{
	int i, want_dump = 0, only_real = 0, nfiles = 0, rc = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--dump"))
			want_dump = 1;
		else if (!strcmp(argv[i], "--real"))
			only_real = 1;
		else {
			nfiles++;
			rc |= bench_file(argv[i], want_dump, NULL);
		}
	}
	if (nfiles)
		return rc ? 1 : 0;
	if (only_real)
		return bench_real(want_dump) ? 1 : 0;
	rc |= bench_group("samples/memo-*", "samples/memo-*", want_dump);
	rc |= bench_group("tests/data/prose/*.txt", "tests/data/prose/*.txt",
			  want_dump);
	rc |= bench_group("tests/data/prose2/*.txt", "tests/data/prose2/*.txt",
			  want_dump);
	rc |= bench_group("tests/data/prose3/*.txt", "tests/data/prose3/*.txt",
			  want_dump);
	rc |= bench_group("tests/data/prose4/*.txt", "tests/data/prose4/*.txt",
			  want_dump);
	rc |= bench_real(want_dump);
	return rc ? 1 : 0;
}
