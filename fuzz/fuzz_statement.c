/*
 * fuzz_statement.c - libFuzzer target for signed copy statements
 * (lt_statement_check): arbitrary bytes must give a clean error or a
 * verdict, never a crash.
 *
 *   make fuzz   (builds every fuzz/fuzz_*.c with clang -fsanitize=fuzzer)
 */
#include <stddef.h>
#include <stdint.h>

#include "leaktrace/verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lt_statement_check_result res;

	lt_statement_check(&res, (const char *)data, size,
			   "0000000000000000000000000000000000000000000000000000000000000000",
			   NULL);
	return 0;
}
