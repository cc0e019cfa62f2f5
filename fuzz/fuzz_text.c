/*
 * fuzz_text.c - libFuzzer target for the text module: decode arbitrary
 * bytes, tokenise, fold with every flag, and align the first half of the
 * text against the second (and the text against itself).
 *
 * Build and run:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Isrc \
 *     fuzz/fuzz_text.c src/text.c src/align.c src/buf.c src/error.c \
 *     -lutf8proc -o build-fuzz/fuzz_text && build-fuzz/fuzz_text
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "leaktrace/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Check the invariants lt_align promises. */
static void check_alignment(const lt_alignment *a)
{
	size_t i, matched = 0;
	int32_t last = -1;

	for (i = 0; i < a->n_orig; i++) {
		int32_t j = a->orig_to_leak[i];

		if (j < 0)
			continue;
		if (j <= last || (size_t)j >= a->n_leak ||
		    a->leak_to_orig[j] != (int32_t)i)
			abort();
		last = j;
		matched++;
	}
	if (matched != a->matched || a->exact > a->matched)
		abort();
}

/* One fuzz input. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lt_buf text = {0}, fold = {0};
	lt_tokens *t1 = NULL, *t2 = NULL;
	lt_alignment *a = NULL;
	size_t half, i;

	if (lt_text_decode(&text, data, size, NULL) != LT_OK)
		goto done;
	if (strlen(text.data) != text.len)
		abort(); /* decoded text never holds a NUL */
	lt_text_fold(&fold, text.data, text.len, 15);
	lt_buf_free(&fold);
	lt_text_fold(&fold, text.data, text.len, LT_FOLD_PUNCT | LT_FOLD_SPACE);

	half = text.len / 2;
	if (lt_tokenize(&t1, text.data, half) != LT_OK ||
	    lt_tokenize(&t2, text.data + half, text.len - half) != LT_OK)
		goto done;
	for (i = 0; i < t1->n; i++)
		if (t1->tok[i].end > half || t1->tok[i].start >= t1->tok[i].end)
			abort();
	if (t1->n && t2->n)
		(void)lt_edit_distance(lt_token_norm(t1, 0),
				       t1->tok[0].norm_len,
				       lt_token_norm(t2, 0),
				       t2->tok[0].norm_len, 3);
	if (lt_align(&a, t1, t2) == LT_OK)
		check_alignment(a);
	lt_alignment_free(a);
	a = NULL;
	if (lt_align(&a, t1, t1) == LT_OK) {
		check_alignment(a);
		/* A text of some length aligns fully with itself (very short
		 * ones may be too little evidence to align at all). */
		if (t1->n >= 8 && t1->n <= 1000 && a->matched != t1->n)
			abort();
	}
done:
	lt_alignment_free(a);
	lt_tokens_free(t1);
	lt_tokens_free(t2);
	lt_buf_free(&text);
	lt_buf_free(&fold);
	return 0;
}
