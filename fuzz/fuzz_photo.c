/*
 * fuzz_photo.c - libFuzzer target for page reading (photo.h): arbitrary
 * bytes become a small grey or RGB picture (its size and channels taken
 * from the first bytes) that is rectified and read by OCR.  Any crash,
 * leak or sanitizer report is a bug; the only allowed failures are
 * LT_EINPUT and LT_ENOMEM, and a failure adds nothing to the extract.
 *
 * Build and run with fuzz/run.sh (it compiles every src/*.c with it).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/extract.h"
#include "leaktrace/photo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lt_extract *e;
	unsigned char *px;
	int w, h, channels, stride, rc;
	size_t n, i;

	if (size < 4)
		return 0;
	/* 16..143 pixels a side: below and above the smallest accepted. */
	w = 16 + data[0] % 128;
	h = 16 + data[1] % 128;
	channels = (data[2] & 1) ? 3 : 1;
	stride = w * channels + (data[3] & 3);
	data += 4;
	size -= 4;
	n = (size_t)stride * h;
	px = malloc(n);
	e = calloc(1, sizeof *e);
	if (!px || !e) {
		free(px);
		free(e);
		return 0;
	}
	/* The bytes, repeated to fill the picture (white when none). */
	for (i = 0; i < n; i++)
		px[i] = size ? data[i % size] : 255;
	rc = lt_photo_extract_pixels(e, px, w, h, channels, stride);
	if (rc != LT_OK) {
		if (rc != LT_EINPUT && rc != LT_ENOMEM)
			abort();
		if (e->pages != 0 || e->nwords != 0)
			abort();
	} else {
		if (e->pages != 1 || e->kind != LT_EXTRACT_OCR)
			abort();
		for (i = 0; i < e->nwords; i++)
			if (!e->words[i].text || e->words[i].page != 0 ||
			    !strstr(e->text.data, e->words[i].text))
				abort();
		if (e->confidence < 0 || e->confidence > 1)
			abort();
	}
	free(px);
	lt_extract_free(e);
	return 0;
}
