# lib.sh - helpers for the end-to-end CLI tests (sourced, POSIX sh).
#
# Every test script gets $LT (the leaktrace binary), $SIM (the leak
# simulator), a fresh scratch directory $T that is removed on exit, and
# `ok NAME COMMAND...` / `expect_exit CODE NAME COMMAND...` that count
# results.  `finish` prints "N passed, N failed" and sets the exit status.

LT=${LEAKTRACE:-build/leaktrace}
case $LT in /*) ;; *) LT="$PWD/$LT" ;; esac
TOOLS=${TOOLS:-build/tools}
case $TOOLS in /*) ;; *) TOOLS="$PWD/$TOOLS" ;; esac
SIM="$TOOLS/leaksim"
SAMPLES="$PWD/samples"
T=$(mktemp -d "${TMPDIR:-/tmp}/leaktrace-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export LEAKTRACE_VAULT="$T/vault"
PASS=0
FAIL=0

# ok NAME COMMAND...: the command must succeed (exit 0).
ok() {
	name=$1
	shift
	if "$@" >"$T/.out" 2>"$T/.err"; then
		PASS=$((PASS + 1))
	else
		FAIL=$((FAIL + 1))
		echo "FAIL: $name"
		sed 's/^/    /' "$T/.err" | head -5
		# The last checked command's own words, for the record.
		[ -s "$T/last.err" ] && sed 's/^/    last stderr: /' "$T/last.err" | head -5
	fi
	return 0
}

# expect_exit CODE NAME COMMAND...: the command must exit with CODE and,
# when CODE is not 0, say something on stderr.  Its output is kept in
# $T/last.out and $T/last.err for further checks.
expect_exit() {
	code=$1
	name=$2
	shift 2
	"$@" >"$T/last.out" 2>"$T/last.err"
	got=$?
	if [ "$got" -eq "$code" ] && { [ "$code" -eq 0 ] || [ -s "$T/last.err" ]; }; then
		PASS=$((PASS + 1))
	else
		FAIL=$((FAIL + 1))
		echo "FAIL: $name (exit $got, wanted $code)"
		sed 's/^/    /' "$T/last.err" | head -5
	fi
}

# jq_ok NAME FILE FILTER: the jq filter must print true for FILE.
jq_ok() {
	if [ "$(jq -r "$3" "$2" 2>/dev/null)" = true ]; then
		PASS=$((PASS + 1))
	else
		FAIL=$((FAIL + 1))
		echo "FAIL: $1: $3"
		head -c 1500 "$2" | sed 's/^/    /'
	fi
}

finish() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
}
