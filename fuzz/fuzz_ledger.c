/*
 * fuzz_ledger.c - libFuzzer target for the ledger's parsers of untrusted
 * input: proof documents (lt_ledger_proof_parse, then the offline check),
 * ledger entries (lt_event_entry_parse) and access-log CSV
 * (lt_access_csv_parse).  The first input byte picks the parser.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "leaktrace/error.h"
#include "leaktrace/investigate.h"
#include "leaktrace/ledger.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned char key[LT_SIGN_PUBLIC_BYTES] = {1, 2, 3};
	const char *text = (const char *)data + 1;
	size_t len;

	if (size < 1)
		return 0;
	if (sodium_init() < 0)
		return 0;
	len = size - 1;
	switch (data[0] % 3) {
	case 0: {
		lt_ledger_proof *p;

		if (lt_ledger_proof_parse(&p, text, len, "fuzz.json") == LT_OK) {
			lt_ledger_proof_check(p, key);
			lt_ledger_proof_check(p, p->public_key);
			lt_ledger_proof_free(p);
		}
		break;
	}
	case 1: {
		lt_event e;
		lt_buf b = {0};

		if (lt_event_entry_parse(&e, text, len) == LT_OK) {
			/* A parsed entry serialises back to the same bytes. */
			if (lt_event_entry(&b, &e) != LT_OK || b.len != len ||
			    memcmp(b.data, text, len) != 0)
				__builtin_trap();
			lt_buf_free(&b);
			lt_event_clear(&e);
		}
		break;
	}
	default: {
		lt_access_row *rows;
		size_t n;

		if (lt_access_csv_parse(&rows, &n, text, len, "fuzz.csv") == LT_OK)
			lt_access_rows_free(rows, n);
		break;
	}
	}
	return 0;
}
