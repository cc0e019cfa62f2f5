#!/bin/sh
# test_among.sh - trace --among / --among-file / --among-holders: a
# candidate set fixed before the marks are read needs fewer bits
# (log2(copies / 1e-6)), accuses only its own members, never accuses when
# the leaker is not in it, and is reported (basis, size, reason).
#
# The document is the test's own: a title and 30 lines with one author
# markup slot {{a|b}} each (markup is always used, whatever the rule
# policy), so a retyped copy carries one bit a line: 25 lines are too few
# among 100 recipients (26.6 bits needed) and enough among 12 (23.5).
. tests/cli/lib.sh

set -- alpha:beta gamma:delta red:blue north:south oak:pine river:lake \
	iron:copper spring:autumn violin:cello lion:tiger maple:cedar \
	salt:sugar wool:linen canal:harbour comet:meteor falcon:heron \
	garnet:opal quartz:basalt tulip:daisy walnut:almond raven:crow \
	silver:bronze pebble:boulder meadow:orchard candle:lantern \
	anchor:compass barley:millet cobalt:indigo willow:poplar thistle:clover
{
	echo "Inventory notes for the storeroom"
	i=1
	for pair in "$@"; do
		echo "Shelf $i holds the {{${pair%%:*}|${pair#*:}}} crate"
		i=$((i + 1))
	done
} >"$T/inv.md"

"$LT" init >/dev/null || exit 1
"$LT" register "$T/inv.md" --id inv >/dev/null || exit 1
i=1
while [ $i -le 100 ]; do echo "Officer $i"; i=$((i + 1)); done >"$T/names.txt"
"$LT" issue inv --recipients "$T/names.txt" --out "$T/c" >/dev/null || exit 1
copy() { echo "$T/c/inv-officer-$1.md"; }
accused() {
	jq -r '[.suspects[] | select(.accused) | .recipient] | sort | join(",")' "$1"
}

# Officer 17's copy retyped (typographic marks gone), its first 25 lines.
"$SIM" retype "$(copy 17)" 1 0 >"$T/rt17.md"
head -n 26 "$T/rt17.md" >"$T/leak25.md"
seq 11 22 | sed 's/^/Officer /' >"$T/twelve.txt"      # holds Officer 17
seq 30 41 | sed 's/^/Officer /' >"$T/innocent.txt"    # does not

# Among all 100: the leaker scores best, but 25 bits cannot prove it.
"$LT" --json trace "$T/leak25.md" >"$T/all.json"
jq_ok "among all: inconclusive, 25 bits < 26.6 needed" "$T/all.json" \
	'.verdict == "inconclusive" and .slots.lexical == 25 and .slots.typographic == 0 and (.slots.bits | floor) == 25 and .slots.bits_needed > 26.5 and .suspects[0].recipient == "Officer 17" and ([.suspects[] | select(.accused)] | length) == 0'
jq_ok "among all: reported as every recipient" "$T/all.json" \
	'.among.basis == "all" and .among.size == 100 and .among.copies == 100 and .among.outside == 0 and .among.outside_best == null'

# Among 12 named that hold the leaker's copy: accused.
"$LT" --json trace "$T/leak25.md" --among-file "$T/twelve.txt" >"$T/named.json"
jq_ok "among 12: Officer 17 accused" "$T/named.json" \
	'.verdict == "identified" and ([.suspects[] | select(.accused) | .recipient] == ["Officer 17"]) and .suspects[0].p_false < 1e-6'
jq_ok "among 12: the set reported" "$T/named.json" \
	'.among.basis == "named" and .among.size == 12 and .among.copies == 12 and .among.outside == 88 and (.among.candidates | length) == 12 and (.among.reason | test("named")) and .slots.bits_needed < 24 and .among.bits_needed_all > 26.5'
jq_ok "among 12: only candidates ranked" "$T/named.json" \
	'all(.suspects[]; .recipient as $r | ([range(11; 23) | "Officer \(.)"] | index($r)) != null)'
# The same set as --among flags, one name each.
set --
while read -r n; do set -- "$@" --among "$n"; done <"$T/twelve.txt"
"$LT" --json trace "$T/leak25.md" "$@" >"$T/named2.json"
jq_ok "--among flags: same verdict" "$T/named2.json" \
	'.verdict == "identified" and .among.size == 12 and ([.suspects[] | select(.accused) | .recipient] == ["Officer 17"])'
expect_exit 0 "human summary" "$LT" trace "$T/leak25.md" "$@"
ok "summary states the set" grep -q "Candidates (named, 12)" "$T/last.out"
ok "summary states the bits needed" grep -q "needed among 12 candidate copies (26.6 among all 100)" "$T/last.out"
ok "summary accuses" grep -q "ACCUSED  *Officer 17" "$T/last.out"
ok "the event records the set" sh -c "'$LT' --json log | jq -e '[.events[] | select(.kind == \"trace\")][-1].detail.among | .basis == \"named\" and .size == 12' >/dev/null"

# A set without the leaker never accuses, even with the whole copy (30
# bits, enough among everyone).
"$SIM" retype "$(copy 17)" 2 0 >"$T/whole17.md"
"$LT" --json trace "$T/whole17.md" >"$T/whole-all.json"
jq_ok "whole copy among all: accused" "$T/whole-all.json" \
	'([.suspects[] | select(.accused) | .recipient] == ["Officer 17"])'
for f in leak25 whole17; do
	"$LT" --json trace "$T/$f.md" --among-file "$T/innocent.txt" >"$T/inn.json"
	jq_ok "$f among an innocent set: nobody accused" "$T/inn.json" \
		'.verdict == "inconclusive" and ([.suspects[] | select(.accused)] | length) == 0 and .among.outside_best.recipient == "Officer 17" and (.explanation | test("outside the candidate set"))'
done
# Ten more leakers, each among a set of 12 that leaves them out.
wrong=0
for n in 3 8 29 44 51 63 77 85 92 100; do
	"$SIM" retype "$(copy $n)" "$n" 0 >"$T/w.md"
	set --
	k=1
	while [ $k -le 12 ]; do
		m=$(( (n + 7 * k) % 100 + 1 ))
		[ "$m" -eq "$n" ] && m=$(( m % 100 + 1 ))
		set -- "$@" --among "Officer $m"
		k=$((k + 1))
	done
	"$LT" --json trace "$T/w.md" "$@" >"$T/w.json"
	[ -n "$(accused "$T/w.json")" ] && wrong=$((wrong + 1))
done
ok "ten innocent sets: nobody accused ($wrong)" test "$wrong" -eq 0

# Usage errors.
expect_exit 2 "unknown name" "$LT" trace "$T/leak25.md" --among "Officer 17" --among "Nobody"
ok "unknown name named" grep -q "'Nobody' holds no copy of document 'inv'" "$T/last.err"
expect_exit 2 "--among and --among-holders" "$LT" trace "$T/leak25.md" --among "Officer 17" --among-holders
expect_exit 2 "empty --among" "$LT" trace "$T/leak25.md" --among ""
expect_exit 2 "missing --among-file" "$LT" trace "$T/leak25.md" --among-file "$T/nope.txt"
: >"$T/empty.txt"
expect_exit 2 "empty --among-file" "$LT" trace "$T/leak25.md" --among-file "$T/empty.txt"
expect_exit 2 "--among without a value" "$LT" trace "$T/leak25.md" --among

# --among-holders without a sighting: every holder so far, said so.
"$LT" --json trace "$T/leak25.md" --among-holders >"$T/h0.json" 2>/dev/null
jq_ok "holders without a sighting: everyone, said so" "$T/h0.json" \
	'.among.basis == "holders" and .among.size == 100 and .among.first_sighting == null and (.among.reason | test("no dated sighting")) and .verdict == "inconclusive"'
expect_exit 0 "holders without a sighting: a note on stderr" "$LT" trace "$T/leak25.md" --among-holders
ok "the note says no sighting" grep -q "note: --among-holders: no dated sighting of 'inv'" "$T/last.err"

# --among-holders after a sighting: 12 held the notes when they were first
# seen online; 88 more received them afterwards.
V2="$T/v2"
"$LT" --vault "$V2" init >/dev/null || exit 1
"$LT" --vault "$V2" register "$T/inv.md" --id inv >/dev/null || exit 1
seq 1 12 | sed 's/^/Early /' >"$T/early.txt"
seq 1 88 | sed 's/^/Late /' >"$T/late.txt"
"$LT" --vault "$V2" issue inv --recipients "$T/early.txt" --out "$T/c2" >/dev/null || exit 1
sleep 1
mkdir "$T/seen"
"$SIM" retype "$T/c2/inv-early-5.md" 3 0 | head -n 26 >"$T/seen/notes.md"
touch "$T/seen/notes.md"
sleep 1
"$LT" --vault "$V2" issue inv --recipients "$T/late.txt" --out "$T/c2" >/dev/null || exit 1
"$LT" --vault "$V2" --json scan "$T/seen" >"$T/scan.json"
jq_ok "scan records the sighting" "$T/scan.json" '(.sightings | length) == 1 and .sightings[0].document == "inv"'
"$LT" --vault "$V2" --json trace "$T/seen/notes.md" >"$T/h-all.json"
jq_ok "holders doc among all: inconclusive" "$T/h-all.json" \
	'.verdict == "inconclusive" and .recipients == 100 and ([.suspects[] | select(.accused)] | length) == 0'
"$LT" --vault "$V2" --json trace "$T/seen/notes.md" --among-holders >"$T/h.json"
jq_ok "--among-holders: the 12 early holders, Early 5 accused" "$T/h.json" \
	'.among.basis == "holders" and .among.size == 12 and .among.copies == 12 and .among.outside == 88 and (.among.first_sighting | type) == "string" and (.among.reason | test("before its first sighting at")) and .verdict == "identified" and ([.suspects[] | select(.accused) | .recipient] == ["Early 5"])'
"$LT" --vault "$V2" --json suspects inv >"$T/sus.json"
ok "--among-holders is what suspects computes" sh -c \
	"[ \"\$(jq -c '[.suspects[].recipient] | sort' '$T/sus.json')\" = \"\$(jq -c '.among.candidates | sort' '$T/h.json')\" ]"
expect_exit 0 "holders human summary" "$LT" --vault "$V2" trace "$T/seen/notes.md" --among-holders
ok "summary states the holders" grep -q "Candidates (holders, 12): recipients who held 'inv' before its first sighting at" "$T/last.out"
# A late recipient's copy sighted later is never pinned on an early one.
"$SIM" retype "$T/c2/inv-late-40.md" 4 0 >"$T/late40.md"
"$LT" --vault "$V2" --json trace "$T/late40.md" --among-holders >"$T/h-late.json"
jq_ok "late leaker outside the holders: nobody accused" "$T/h-late.json" \
	'([.suspects[] | select(.accused)] | length) == 0 and .among.outside_best.recipient == "Late 40"'

finish
