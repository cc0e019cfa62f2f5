#!/bin/sh
# test_collusion.sh - recipients who mix their copies: interleaving of 2
# and 3 copies and per-slot majority, minority and coin-flip attacks of 3.
# Whoever is accused must be a colluder; with a document of this size the
# attacks should not hide them all.
. tests/cli/lib.sh

# A longer briefing: six memos in one document (about 2,900 words), so
# that the marks carry enough evidence to expose a coalition of three.
cat "$SAMPLES/memo-audit.txt" "$SAMPLES/memo-logistics.txt" \
	"$SAMPLES/memo-security.txt" "$SAMPLES/memo-budget.txt" \
	"$SAMPLES/memo-health.txt" "$SAMPLES/memo-compliance.txt" >"$T/briefing.txt"
"$LT" init >/dev/null || exit 1
"$LT" register "$T/briefing.txt" --id briefing >/dev/null || exit 1
# The author approves every suggested mark (this test is about coalitions,
# not about which marks are safe by default).
"$LT" slots briefing --approve-all >/dev/null || exit 1
i=1
while [ $i -le 40 ]; do echo "Analyst $i"; i=$((i + 1)); done >"$T/names.txt"
"$LT" issue briefing --recipients "$T/names.txt" --out "$T/c" >/dev/null || exit 1
c() { echo "$T/c/briefing-analyst-$1.txt"; }

# check NAME FILE COLLUDERS...: nobody outside the coalition is accused,
# and somebody in it is.
check() {
	name=$1
	file=$2
	shift 2
	"$LT" --json trace "$file" >"$T/r.json"
	allowed=$(printf '"Analyst %s",' "$@")
	jq_ok "$name: only colluders accused" "$T/r.json" \
		"[.suspects[] | select(.accused) | .recipient] - [${allowed%,}] == []"
	jq_ok "$name: a colluder is accused" "$T/r.json" '.verdict == "identified"'
}

"$SIM" interleave "$(c 3)" "$(c 8)" >"$T/i2.txt"
check "interleave 2" "$T/i2.txt" 3 8
"$SIM" interleave "$(c 5)" "$(c 12)" "$(c 30)" >"$T/i3.txt"
check "interleave 3" "$T/i3.txt" 5 12 30
"$SIM" majority "$LEAKTRACE_VAULT" briefing "$(c 2)" "$(c 9)" "$(c 21)" >"$T/maj.txt"
check "majority 3" "$T/maj.txt" 2 9 21
"$SIM" minority "$LEAKTRACE_VAULT" briefing "$(c 4)" "$(c 14)" "$(c 33)" >"$T/min.txt"
check "minority 3" "$T/min.txt" 4 14 33
"$SIM" coinflip "$LEAKTRACE_VAULT" briefing 7 "$(c 6)" "$(c 16)" "$(c 26)" >"$T/coin.txt"
check "coin-flip 3" "$T/coin.txt" 6 16 26

finish
