#!/bin/sh
# run.sh - run the whole test suite against one or more build directories.
#
#   tests/run.sh build [build-asan ...]
#
# Each build's unit tests (cmocka binaries in BUILD/tests/) and the
# end-to-end CLI tests (tests/cli/*.sh against BUILD/leaktrace) are run;
# a build without the CLI (the ThreadSanitizer one) runs its tests only.
# The last line is "N passed, N failed"; the exit status is 1 on any failure.
set -u

# Font and OCR libraries keep a few allocations for the life of the
# process; LeakSanitizer is told about those (and only those).
LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
# ThreadSanitizer is told only about races inside third-party libraries;
# any report fails the test (exit status 66).
TSAN_OPTIONS="suppressions=$PWD/tests/tsan.supp${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
export TSAN_OPTIONS

passed=0
failed=0
failures=""

for build in "$@"; do
	for t in "$build"/tests/test_*; do
		[ -x "$t" ] || continue
		echo "== $t"
		if "$t"; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
			failures="$failures $t"
		fi
	done
	for t in tests/cli/test_*.sh; do
		[ -f "$t" ] && [ -x "$build/leaktrace" ] || continue
		echo "== $t ($build)"
		if LEAKTRACE="$build/leaktrace" TOOLS="$build/tools" sh "$t"; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
			failures="$failures $t($build)"
		fi
	done
done

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
