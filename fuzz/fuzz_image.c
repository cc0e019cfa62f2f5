/*
 * fuzz_image.c - libFuzzer target for the image decoders: decode arbitrary
 * bytes as JPEG or PNG (at full and at reduced scale, with the EXIF
 * orientation applied), and hash what decodes with PDQ.  Any crash, leak
 * or sanitizer report is a bug; failures must be LT_EINPUT (or LT_ENOMEM).
 *
 * Build and run (fuzz/run.sh does this for every target):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Isrc \
 *     fuzz/fuzz_image.c src/image.c src/pdq.c src/error.c src/buf.c \
 *     -ljpeg -lpng -lm -o build-fuzz/fuzz_image && build-fuzz/fuzz_image
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "leaktrace/error.h"
#include "leaktrace/image.h"
#include "leaktrace/pdq.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lt_image_options opt = {0};
	int pass;

	for (pass = 0; pass < 2; pass++) {
		lt_image *img = NULL;
		lt_pdq_hash h[LT_PDQ_DIHEDRAL];
		int rc, q;

		opt.min_side = pass ? 16 : 0;
		opt.apply_orientation = pass;
		rc = lt_image_decode(&img, data, size, "fuzz", &opt);
		if (rc != LT_OK) {
			if (img || (rc != LT_EINPUT && rc != LT_ENOMEM))
				abort();
			continue;
		}
		if (img->width <= 0 || img->height <= 0 ||
		    (img->channels != 1 && img->channels != 3) || !img->pixels)
			abort();
		/* Hash only what is cheap enough for a fuzzing loop. */
		if ((long)img->width * img->height <= 4000000L &&
		    lt_pdq_hash_image(h, pass ? LT_PDQ_DIHEDRAL : 1, &q, img) ==
			    LT_OK &&
		    (q < 0 || q > 100))
			abort();
		lt_image_free(img);
	}
	return 0;
}
