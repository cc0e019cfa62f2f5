/*
 * fuzz_ingest.c - libFuzzer target for the export readers: the first byte
 * picks Discord, Telegram or X, the rest is the export, read from memory.
 * Every message's fields are touched so that the sanitizers see them.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t touch(const char *s)
{
	return s ? strlen(s) : 0;
}

static int on_message(void *ctx, const lt_message *m)
{
	size_t *sum = ctx, i;

	*sum += touch(m->platform) + touch(m->channel) + touch(m->author) +
		touch(m->posted_at) + touch(m->url) + touch(m->id) +
		touch(m->source) + m->text_len;
	if (m->text_len && m->text[m->text_len - 1] == 0)
		__builtin_trap(); /* text must not hold NUL bytes */
	for (i = 0; i < m->nattachments; i++)
		*sum += touch(m->attachments[i]);
	return LT_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const lt_source_kind kinds[] = {
		LT_SOURCE_DISCORD, LT_SOURCE_TELEGRAM, LT_SOURCE_X
	};
	size_t sum = 0;

	if (size < 1)
		return 0;
	lt_ingest_memory(kinds[data[0] % 3], "fuzz.json", "base", data + 1,
			 size - 1, on_message, &sum, NULL);
	lt_error_clear();
	return 0;
}
