/*
 * fuzz_slots.c - libFuzzer target for the slot module: find slots in
 * arbitrary text (with or without markup), check the set's invariants,
 * render a copy, read it back, save and reload; and load the raw input as
 * slot-set JSON.
 *
 * Build and run (fuzz/run.sh does this for every target):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Isrc \
 *     fuzz/fuzz_slots.c src/[every library file] -lutf8proc -ljansson ...
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "leaktrace/slots.h"
#include "leaktrace/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_set(const lt_slot_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];

		if (s->end < s->start || s->end > set->plain_len ||
		    s->nvariants < 2 || s->nvariants > LT_SLOT_MAX_VARIANTS ||
		    strlen(s->variants[0]) != s->end - s->start ||
		    memcmp(s->variants[0], set->plain + s->start,
			   s->end - s->start))
			abort();
		if (i > 0 && s->start < set->slots[i - 1].end)
			abort();
	}
}

static void exercise(const lt_slot_set *set)
{
	lt_buf out = { 0 }, js = { 0 };
	uint8_t *sym = calloc(set->n + 1, 1);
	int16_t *got = calloc(set->n + 1, sizeof(*got));
	lt_tokens *ot = NULL, *lk = NULL;
	lt_alignment *al = NULL;
	lt_slot_set *back = NULL;
	size_t i;

	if (!sym || !got)
		abort();
	for (i = 0; i < set->n; i++)
		sym[i] = (uint8_t)((i * 7 + 3) % set->slots[i].nvariants);
	if (lt_slots_render(&out, set, sym) == LT_OK &&
	    lt_tokenize(&ot, set->plain, set->plain_len) == LT_OK &&
	    lt_tokenize(&lk, out.data ? out.data : "", out.len) == LT_OK &&
	    lt_align(&al, ot, lk) == LT_OK)
		lt_slots_read(got, set, ot, out.data ? out.data : "", out.len,
			      lk, al);
	if (lt_slot_set_save(&js, set) == LT_OK) {
		if (lt_slot_set_load(&back, js.data, js.len) != LT_OK)
			abort(); /* what we save we must be able to load */
		if (back->n != set->n)
			abort();
	}
	lt_slot_set_free(back);
	lt_alignment_free(al);
	lt_tokens_free(ot);
	lt_tokens_free(lk);
	lt_buf_free(&out);
	lt_buf_free(&js);
	free(sym);
	free(got);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lt_slot_set *set = NULL;

	if (lt_slots_find(&set, (const char *)data, size) == LT_OK) {
		check_set(set);
		exercise(set);
		lt_slot_set_free(set);
	}
	set = NULL;
	if (lt_slot_set_load(&set, (const char *)data, size) == LT_OK) {
		check_set(set);
		exercise(set);
		lt_slot_set_free(set);
	}
	return 0;
}
