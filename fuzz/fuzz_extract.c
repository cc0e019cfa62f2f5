/*
 * fuzz_extract.c - libFuzzer target for the extractor: arbitrary bytes are
 * written to a temporary file and read with lt_extract_file (a PDF when
 * they start with "%PDF-", an image or text otherwise); when words come
 * back, the layout reader runs over them against a small document's plan.
 *
 * Build and run: see fuzz/run.sh (it links every src/*.c).  Seed the
 * corpus with rendered copies (leaktrace issue ... --format pdf).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "leaktrace/error.h"
#include "leaktrace/extract.h"
#include "leaktrace/render.h"
#include "leaktrace/slots.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char memo[] =
	"MEMORANDUM\n\nThe Committee has approved the revised budget of the "
	"Directorate for the coming year, and the regional offices shall "
	"submit their plans no later than 30 April.\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static lt_slot_set *set;
	static lt_layout_plan *plan;
	char path[] = "/tmp/fuzz-extract-XXXXXX";
	lt_extract *e = NULL;
	int fd;

	if (!set && (lt_slots_find(&set, memo, sizeof(memo) - 1) ||
		     lt_layout_plan_new(&plan, set, NULL)))
		abort();
	if ((fd = mkstemp(path)) < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	if (lt_extract_file(&e, path) == LT_OK) {
		int16_t *sym = malloc((lt_layout_slots(plan) + 1) * sizeof(*sym));

		if (!e->text.data && e->text.len)
			abort();
		if (sym && lt_layout_read(sym, plan, set, e->words, e->nwords) !=
				   LT_OK && lt_error_code() != LT_ENOMEM)
			abort();
		free(sym);
		lt_extract_free(e);
	} else if (e) {
		abort();
	}
	unlink(path);
	return 0;
}
