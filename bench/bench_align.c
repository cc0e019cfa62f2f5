/*
 * bench_align.c - how long lt_align takes on a ~5,000-word document
 * against a retyped copy of it (0.5% character typos), and how long
 * tokenising takes.  Prints timings only; asserts nothing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "leaktrace/text.h"

#define WORDS_IN_TEXT 5000
#define ROUNDS 20

static const char *const WORDS[] = {
	"department", "budget", "office", "regional", "review", "contract",
	"staff", "measure", "agency", "secretary", "treasury", "counsel",
	"schedule", "facility", "relocation", "archive", "material", "storage",
	"warehouse", "notice", "overtime", "security", "personnel", "crew",
	"infrastructure", "travel", "request", "mission", "policy", "report",
	"committee", "director", "minister", "council", "proposal", "decision",
	"meeting", "deadline", "payment", "invoice", "audit", "inspection",
	"procurement", "tender", "supplier", "allocation", "reserve", "fund",
	"the", "of", "and", "to", "a", "in", "for", "that", "is", "on", "with",
	"will", "be", "by", "as", "are", "this", "from", "at", "or", "an",
	"must", "should", "may", "all", "each", "every", "its", "their",
	"not", "only", "before", "after", "until", "during", "under", "within",
	"approve", "reduce", "require", "submit", "confirm", "assign",
	"circulate", "coordinate", "declined", "expected", "several",
	"temporary", "central", "northern", "western", "critical", "essential",
	"further", "pending", "detailed", "annual", "quarterly", "revised",
	"month", "week", "year", "quarter", "period", "number", "level",
	"cost", "saving", "risk", "impact", "plan", "program", "project",
};

/* xorshift64*: a small deterministic generator. */
static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* Milliseconds of a monotonic clock. */
static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Sentence-like text of `n` words from the word list. */
static int gen_text(lt_buf *b, size_t n, uint64_t seed)
{
	size_t i, nw = sizeof(WORDS) / sizeof(WORDS[0]);
	int rc = LT_OK;

	for (i = 0; i < n && !rc; i++) {
		if (i)
			rc = lt_buf_puts(b, i % 17 == 0 ? ".\n" : " ");
		if (!rc)
			rc = lt_buf_puts(b, WORDS[rng_next(&seed) % nw]);
	}
	return rc ? rc : lt_buf_putc(b, '.');
}

/* Copy of `s` with a letter replaced, dropped or doubled at `rate`. */
static int add_typos(lt_buf *out, const char *s, size_t len, double rate,
		     uint64_t seed)
{
	size_t i;
	int rc = LT_OK;

	for (i = 0; i < len && !rc; i++) {
		char c = s[i];

		if (c >= 'a' && c <= 'z' &&
		    (double)(rng_next(&seed) % 1000000) < rate * 1e6) {
			switch (rng_next(&seed) % 3) {
			case 0:
				c = (char)('a' + rng_next(&seed) % 26);
				break;
			case 1:
				continue;
			default:
				rc = lt_buf_putc(out, c);
				break;
			}
		}
		if (!rc)
			rc = lt_buf_putc(out, c);
	}
	return rc;
}

int main(void)
{
	lt_buf orig = {0}, copy = {0};
	lt_tokens *to = NULL, *tl = NULL;
	lt_alignment *a = NULL;
	double t0, tok_ms, align_ms, self_ms;
	int i, rc;

	rc = gen_text(&orig, WORDS_IN_TEXT, 2024);
	if (!rc)
		rc = add_typos(&copy, orig.data, orig.len, 0.005, 99);
	if (rc)
		goto fail;

	t0 = now_ms();
	for (i = 0; i < ROUNDS; i++) {
		lt_tokens_free(to);
		to = NULL;
		rc = lt_tokenize(&to, orig.data, orig.len);
		if (rc)
			goto fail;
	}
	tok_ms = (now_ms() - t0) / ROUNDS;
	rc = lt_tokenize(&tl, copy.data, copy.len);
	if (rc)
		goto fail;

	t0 = now_ms();
	for (i = 0; i < ROUNDS; i++) {
		lt_alignment_free(a);
		a = NULL;
		rc = lt_align(&a, to, tl);
		if (rc)
			goto fail;
	}
	align_ms = (now_ms() - t0) / ROUNDS;
	printf("tokenize %zu bytes: %.3f ms\n", orig.len, tok_ms);
	printf("align %zu words vs typo'd copy (%zu pairs, %zu exact): "
	       "%.2f ms\n", to->n, a->matched, a->exact, align_ms);

	t0 = now_ms();
	for (i = 0; i < ROUNDS; i++) {
		lt_alignment_free(a);
		a = NULL;
		rc = lt_align(&a, to, to);
		if (rc)
			goto fail;
	}
	self_ms = (now_ms() - t0) / ROUNDS;
	printf("align %zu words vs itself: %.2f ms\n", to->n, self_ms);

	lt_alignment_free(a);
	lt_tokens_free(to);
	lt_tokens_free(tl);
	lt_buf_free(&orig);
	lt_buf_free(&copy);
	return 0;
fail:
	fprintf(stderr, "bench_align: %s\n", lt_error_message());
	lt_alignment_free(a);
	lt_tokens_free(to);
	lt_tokens_free(tl);
	lt_buf_free(&orig);
	lt_buf_free(&copy);
	return 1;
}
