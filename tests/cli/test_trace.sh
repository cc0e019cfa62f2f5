#!/bin/sh
# test_trace.sh - the story end to end through the CLI: register a memo,
# issue 100 marked copies, leak them the ways users leak them, and check
# that trace names the right recipient and never an innocent one.
. tests/cli/lib.sh

MEMO="$SAMPLES/memo-budget.txt"

"$LT" init >/dev/null || exit 1
"$LT" --json register "$MEMO" --id budget --title "Capital budget" >"$T/reg.json"
jq_ok "register json" "$T/reg.json" \
	'.document == "budget" and .slots > 0 and .words > 300 and (.capacity.lexical > 0) and (.capacity.typographic > 0)'
# The author approves every suggested mark (test_suggestions.sh tests the
# review itself; this test is about tracing).
"$LT" slots budget --approve-all >/dev/null || exit 1
"$LT" --json slots budget >"$T/slots.json"
jq_ok "slots json" "$T/slots.json" \
	'.document == "budget" and (.slots | length) > 0 and all(.slots[]; (.variants | length) >= 2 and (.at | type) == "number")'
"$LT" slots budget >"$T/slots.txt"
ok "slots listing names families" grep -q "serial-comma\|optional-that\|synonym" "$T/slots.txt"

i=1
while [ $i -le 100 ]; do echo "Officer $i"; i=$((i + 1)); done >"$T/names.txt"
"$LT" --json issue budget --recipients "$T/names.txt" --out "$T/copies" >"$T/issue.json"
jq_ok "issue json" "$T/issue.json" \
	'.document == "budget" and (.copies | length) == 100 and all(.copies[]; (.path | test("copies")) and (.copy | startswith("c")))'
C17="$T/copies/budget-officer-17.txt"
ok "copy file written" test -s "$C17"
ok "copies differ" sh -c "! cmp -s '$C17' '$T/copies/budget-officer-18.txt'"
ok "copy keeps the original's line count" sh -c "[ \$(wc -l <'$C17') = \$(wc -l <'$MEMO') ]"

# Accused must be exactly the expected set (space-separated names).
accused_is() {
	jq -r '[.suspects[] | select(.accused) | .recipient] | sort | join(",")' "$1"
}

# Full copy.
"$LT" --json trace "$C17" >"$T/t-full.json"
jq_ok "full copy identified" "$T/t-full.json" \
	'.verdict == "identified" and .document == "budget" and ([.suspects[] | select(.accused)] | length) == 1 and .suspects[0].recipient == "Officer 17" and .suspects[0].p_false < 1e-6'
jq_ok "trace json fields" "$T/t-full.json" \
	'(.slots.total > 0) and (.slots.observed > 0) and (.slots.bits > 0) and (.suspects[0].copy | type) == "string" and (.suspects[0].score | type) == "number"'

# The human summary names the leaker.
"$LT" trace "$C17" >"$T/t-full.txt"
ok "summary names the leaker" grep -q "ACCUSED.*Officer 17" "$T/t-full.txt"

# Two-paragraph excerpt (pasted: typographic marks survive) and a retyped
# full copy (straight quotes, single spaces, 0.5% typos), ten recipients
# each: at least 9 of 10 named, never anyone else.
hits_ex=0; hits_rt=0; wrong=0
for n in 3 11 23 35 47 52 68 74 86 99; do
	"$SIM" excerpt "$T/copies/budget-officer-$n.txt" 4 2 >"$T/ex.txt"
	"$LT" --json trace "$T/ex.txt" >"$T/t-ex.json"
	a=$(accused_is "$T/t-ex.json")
	[ "$a" = "Officer $n" ] && hits_ex=$((hits_ex + 1))
	[ -n "$a" ] && [ "$a" != "Officer $n" ] && wrong=$((wrong + 1))
	"$SIM" retype "$T/copies/budget-officer-$n.txt" "$n" 0.005 >"$T/rt.txt"
	"$LT" --json trace "$T/rt.txt" >"$T/t-rt.json"
	a=$(accused_is "$T/t-rt.json")
	[ "$a" = "Officer $n" ] && hits_rt=$((hits_rt + 1))
	[ -n "$a" ] && [ "$a" != "Officer $n" ] && wrong=$((wrong + 1))
done
echo "excerpt: $hits_ex/10 identified; retyped: $hits_rt/10 identified; wrong: $wrong"
ok "excerpt identifies >= 9/10 ($hits_ex)" test "$hits_ex" -ge 9
ok "retyped identifies >= 9/10 ($hits_rt)" test "$hits_rt" -ge 9
ok "no innocent accused in excerpts or retypes" test "$wrong" -eq 0

# Retyping removes typographic marks: they must be read as unknown.
jq_ok "retyped copy reads no typographic marks" "$T/t-rt.json" \
	'.slots.typographic == 0 and .slots.lexical > 0'

# The unmarked original accuses nobody.
"$LT" --json trace "$MEMO" >"$T/t-orig.json"
jq_ok "original: document found, nobody accused" "$T/t-orig.json" \
	'.document == "budget" and .verdict == "inconclusive" and ([.suspects[] | select(.accused)] | length) == 0'

# An unrelated text is no document at all.
"$LT" --json trace "$SAMPLES/unrelated.txt" >"$T/t-unrel.json"
jq_ok "unrelated: no-document" "$T/t-unrel.json" \
	'.verdict == "no-document" and .document == null and (.suspects | length) == 0'
"$LT" trace "$SAMPLES/unrelated.txt" >"$T/t-unrel.txt"
ok "unrelated summary" grep -q "No registered document" "$T/t-unrel.txt"

# Another registered memo is recognised as itself, not as the budget.
"$LT" register "$SAMPLES/memo-health.txt" --id health >/dev/null
"$LT" --json trace "$SAMPLES/memo-health.txt" >"$T/t-health.json"
jq_ok "other memo identified as itself" "$T/t-health.json" '.document == "health"'

# A tiny excerpt cannot prove anything: inconclusive, not a guess.
head -c 160 "$C17" >"$T/tiny.txt"
"$LT" --json trace "$T/tiny.txt" >"$T/t-tiny.json"
jq_ok "tiny excerpt accuses nobody" "$T/t-tiny.json" \
	'([.suspects[] | select(.accused)] | length) == 0'

# Encodings: the same copy in UTF-16 is traced the same.
iconv -f UTF-8 -t UTF-16 "$C17" >"$T/c17-utf16.txt"
"$LT" --json trace "$T/c17-utf16.txt" >"$T/t-utf16.json"
jq_ok "utf-16 copy identified" "$T/t-utf16.json" \
	'.verdict == "identified" and .suspects[0].recipient == "Officer 17"'

# Bad input.
expect_exit 2 "trace of a missing file" "$LT" trace "$T/nope.txt"
ok "missing file named" grep -q "nope.txt" "$T/last.err"
head -c 3000 /dev/urandom | tr -d '\000' >"$T/noise.bin"
printf '\000\001\002' >>"$T/noise.bin"
expect_exit 2 "trace of binary data" "$LT" trace "$T/noise.bin"
expect_exit 2 "trace without file" "$LT" trace
expect_exit 2 "issue unknown document" "$LT" issue nosuch --to X
expect_exit 2 "issue without recipients" "$LT" issue budget
expect_exit 2 "issue bad format" "$LT" issue budget --to X --format doc
expect_exit 2 "register twice" "$LT" register "$MEMO" --id budget
expect_exit 2 "register bad id" "$LT" register "$MEMO" --id "../evil"
expect_exit 2 "register missing file" "$LT" register "$T/none.txt"
expect_exit 2 "slots unknown document" "$LT" slots nosuch

finish
