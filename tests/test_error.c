/*
 * test_error.c - the thread-local last error: set, read, clear, and a
 * message that survives being prefixed with context by a caller that
 * passes lt_error_message() back into lt_error_set().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "leaktrace/error.h"

static void test_set_and_clear(void **state)
{
	(void)state;
	assert_int_equal(lt_error_set(LT_EINPUT, "%s: line %d", "a.txt", 3),
			 LT_EINPUT);
	assert_string_equal(lt_error_message(), "a.txt: line 3");
	assert_int_equal(lt_error_code(), LT_EINPUT);
	lt_error_clear();
	assert_string_equal(lt_error_message(), "");
	assert_int_equal(lt_error_code(), LT_OK);
}

/* The pattern of the library's callers: add context to the last error. */
static void test_prefix_own_message(void **state)
{
	(void)state;
	lt_error_set(LT_EIO, "cannot write: %s", "No space left on device");
	lt_error_set(lt_error_code(), "%s: %s", "copies/memo/alice.txt",
		     lt_error_message());
	assert_string_equal(lt_error_message(), "copies/memo/alice.txt: "
			    "cannot write: No space left on device");
	lt_error_set(LT_EIO, "issuing '%s': %s", "memo", lt_error_message());
	assert_string_equal(lt_error_message(), "issuing 'memo': "
			    "copies/memo/alice.txt: cannot write: No space "
			    "left on device");
	/* As a suffix and twice in one message. */
	lt_error_set(LT_EINPUT, "%s", "bad");
	lt_error_set(LT_EINPUT, "[%s|%s]", lt_error_message(),
		     lt_error_message());
	assert_string_equal(lt_error_message(), "[bad|bad]");
}

/* A long message prefixed again is cut at the slot's size, not garbled. */
static void test_prefix_long_message(void **state)
{
	char big[2000], want[2000];
	size_t len;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	lt_error_set(LT_EINPUT, "%s", big);
	len = strlen(lt_error_message());
	assert_true(len > 500 && len < sizeof(big));
	lt_error_set(LT_EINPUT, "p: %s", lt_error_message());
	snprintf(want, sizeof(want), "p: %.*s", (int)len, big);
	want[len] = '\0'; /* the slot holds `len` characters at most */
	assert_int_equal(strlen(lt_error_message()), len);
	assert_string_equal(lt_error_message(), want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_and_clear),
		cmocka_unit_test(test_prefix_own_message),
		cmocka_unit_test(test_prefix_long_message),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
