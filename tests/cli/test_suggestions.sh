#!/bin/sh
# test_suggestions.sh - suggested marks, approved by the author, through
# the CLI: register reports what approving buys, `slots --suggested` lists
# the suggestions with their context, --approve / --reject / --approve-all
# / --reject-all record decisions in the vault and the ledger, `slots
# --json` splits what issue uses from the rest, issue and trace agree on
# the approved marks (a retyped copy is traced), decisions are refused once
# copies are issued, and bad arguments are clear errors (exit 2).
. tests/cli/lib.sh

MEMO="$SAMPLES/memo-budget.txt"

"$LT" init >/dev/null || exit 1

# Register: capacity of the default marks and with every suggestion.
"$LT" --json register "$MEMO" --id budget >"$T/reg.json"
jq_ok "register: suggestions counted" "$T/reg.json" \
	'.suggestions.total > 0 and .suggestions.pending == .suggestions.total and .suggestions.approved == 0'
jq_ok "register: default and with-suggestions capacity" "$T/reg.json" \
	'.capacity_with_suggestions.lexical > .capacity_default.lexical and .capacity.lexical == .capacity_default.lexical and .capacity.typographic == .capacity_default.typographic and .capacity.suggested > 0'
jq_ok "register: bits per 100 words" "$T/reg.json" \
	'(.capacity_default.lexical_per_100_words - 100 * .capacity_default.lexical / .words | fabs) < 1e-9 and .capacity_with_suggestions.lexical_per_100_words > .capacity_default.lexical_per_100_words'
jq_ok "register: old fields kept" "$T/reg.json" \
	'.document == "budget" and .slots > 0 and .words > 300 and (.slots_by_channel.lexical | type) == "number" and (.bias | type) == "string"'
TOTAL=$(jq .suggestions.total "$T/reg.json")
"$LT" register "$SAMPLES/memo-audit.txt" --id audit >"$T/reg.txt"
ok "register human: default marks" grep -q "^Default marks: .* bits lexical (.* per 100 words" "$T/reg.txt"
ok "register human: with every suggestion" grep -q "^With every suggestion approved: .* bits lexical" "$T/reg.txt"
ok "register human: how to review" grep -q "slots audit --suggested" "$T/reg.txt"

# Listing suggestions.
expect_exit 0 "slots --suggested" "$LT" slots budget --suggested
ok "suggested: numbered, pending" grep -Eq "^ +1  [a-z-]+ +pending +\"" "$T/last.out"
ok "suggested: reason" grep -q "why suggested: " "$T/last.out"
ok "suggested: context marks the slot" grep -Eq "^ {7}.*\[.+\]" "$T/last.out"
ok "suggested: last number is the total" grep -Eq "^ *$TOTAL  " "$T/last.out"
"$LT" --json slots budget >"$T/s0.json"
jq_ok "slots json: active only under slots" "$T/s0.json" \
	'all(.slots[]; has("suggestion") | not) and (.slots | length) > 0'
jq_ok "slots json: the rest under suggested" "$T/s0.json" \
	"(.suggested | length) == $TOTAL and all(.suggested[]; .decision == \"pending\" and (.reason | length) > 0 and (.context | test(\"\\\\[\")) and (.variants | length) >= 2 and .occurrences >= 1 and (.slot | type) == \"number\")"
jq_ok "slots json: numbered 1..N" "$T/s0.json" \
	"[.suggested[].suggestion] == [range(1; $TOTAL + 1)]"
"$LT" --json slots budget --suggested >"$T/sall.json"
jq_ok "slots --suggested --json" "$T/sall.json" "(.suggested | length) == $TOTAL"

# Approve two, reject one.
"$LT" --json slots budget --approve 1 2 >"$T/a12.json"
jq_ok "approve 1 2" "$T/a12.json" \
	'.decision == "approved" and .matched == 2 and .changed == 2 and .suggestions.approved == 2'
jq_ok "approving raised the capacity" "$T/a12.json" \
	"(.capacity.lexical + .capacity.typographic) > ($(jq '.capacity.lexical + .capacity.typographic' "$T/reg.json"))"
expect_exit 0 "reject 3" "$LT" slots budget --reject 3
ok "reject says so" grep -q "^Rejected 1 suggestion of 'budget'" "$T/last.out"
expect_exit 0 "approve 1 again" "$LT" slots budget --approve=1
ok "already approved" grep -q "(1 already was)" "$T/last.out"
"$LT" --json slots budget >"$T/s1.json"
jq_ok "approved ones moved to slots" "$T/s1.json" \
	'([.slots[] | select(.suggestion == 1 or .suggestion == 2) | .decision] | unique) == ["approved"] and ([.suggested[].suggestion] | index(1) == null and index(2) == null)'
jq_ok "rejected one stays under suggested" "$T/s1.json" \
	'[.suggested[] | select(.suggestion == 3) | .decision] == ["rejected"] and .suggestions.rejected == 1'
jq_ok "a rejection lowers what approving the rest can give" "$T/s1.json" \
	"(.capacity_with_suggestions.lexical + .capacity_with_suggestions.typographic) < ($(jq '.capacity_with_suggestions.lexical + .capacity_with_suggestions.typographic' "$T/reg.json")) and .capacity_default == $(jq -c .capacity_default "$T/reg.json")"
"$LT" slots budget >"$T/s1.txt"
ok "slots human: approved suggestion tagged" grep -q "(suggestion 1, approved)" "$T/s1.txt"
ok "slots human: counts" grep -q "^Suggestions: $TOTAL (2 approved, 1 rejected" "$T/s1.txt"

# By family: only that family, and the count the listing shows.
FAM=$(jq -r '[.suggested[] | select(.decision == "pending") | .family] | group_by(.) | max_by(length) | .[0]' "$T/s1.json")
NFAM=$(jq "[.suggested[], .slots[] | select(.family == \"$FAM\" and has(\"suggestion\")) | .suggestion] | unique | length" "$T/s0.json")
"$LT" --json slots budget --approve-all "$FAM" >"$T/af.json"
jq_ok "approve-all $FAM" "$T/af.json" ".family == \"$FAM\" and .matched == $NFAM"
"$LT" --json slots budget >"$T/s2.json"
jq_ok "no $FAM pending" "$T/s2.json" "[.suggested[] | select(.family == \"$FAM\")] | all(.decision == \"rejected\")"
expect_exit 0 "reject-all markup (none)" "$LT" slots budget --reject-all markup
ok "nothing of that family" grep -q "no markup suggestions" "$T/last.out"

# Every suggestion: what issue uses is the default plus all of them.
"$LT" --json slots budget --approve-all >"$T/all.json"
jq_ok "approve-all: everything approved" "$T/all.json" \
	".matched == $TOTAL and .suggestions.approved == $TOTAL and .suggestions.pending == 0"
"$LT" --json slots budget >"$T/s3.json"
jq_ok "approve-all: nothing left under suggested" "$T/s3.json" \
	'(.suggested | length) == 0 and .capacity.lexical == .capacity_with_suggestions.lexical'

# Bad arguments: exit 2, nothing recorded.
"$LT" --json log >"$T/log0.json"
N0=$(jq '.events | length' "$T/log0.json")
expect_exit 2 "number 0" "$LT" slots budget --approve 0
expect_exit 2 "number past the last" "$LT" slots budget --approve 99999
ok "says how they are numbered" grep -q "numbered 1 to $TOTAL" "$T/last.err"
expect_exit 2 "not a number" "$LT" slots budget --reject two
expect_exit 2 "bad range" "$LT" slots budget --reject 5-3
expect_exit 2 "missing number" "$LT" slots budget --approve
expect_exit 2 "unknown family" "$LT" slots budget --approve-all synonyms
ok "names the family" grep -q "no rule family is named 'synonyms'" "$T/last.err"
expect_exit 2 "approve and reject at once" "$LT" slots budget --approve 1 --reject 2
expect_exit 2 "list and decide at once" "$LT" slots budget --suggested --approve 1
expect_exit 2 "extra operand" "$LT" slots budget extra
expect_exit 2 "unknown document" "$LT" slots nosuch --approve 1
expect_exit 2 "unknown document, family" "$LT" slots nosuch --approve-all
expect_exit 2 "no document" "$LT" slots --approve-all
expect_exit 3 "read-only vault records nothing" "$LT" --read-only slots budget --reject 1
"$LT" --json log >"$T/log1.json"
jq_ok "bad arguments recorded nothing" "$T/log1.json" "(.events | length) == $N0"

# The ledger shows the decisions, and verifies.
"$LT" --json log >"$T/log.json"
jq_ok "review events" "$T/log.json" \
	'[.events[] | select(.kind == "review")] | length == 4 and (.[0].detail | .decision == "approved" and .suggestions == [1,2])'
expect_exit 0 "log lists review" "$LT" log
ok "log human shows review" grep -q " review .*budget" "$T/last.out"
expect_exit 0 "log verify" "$LT" log verify

# Issue and trace agree: a retyped copy (lexical marks only) is traced.
i=1
while [ $i -le 100 ]; do echo "Officer $i"; i=$((i + 1)); done >"$T/names.txt"
"$LT" issue budget --recipients "$T/names.txt" --out "$T/copies" >/dev/null || exit 1
"$SIM" retype "$T/copies/budget-officer-42.txt" 42 0.005 >"$T/rt.txt"
"$LT" --json trace "$T/rt.txt" >"$T/t-rt.json"
jq_ok "retyped copy: accused" "$T/t-rt.json" \
	'.verdict == "identified" and ([.suspects[] | select(.accused) | .recipient] == ["Officer 42"]) and .slots.typographic == 0'

# Once copies exist, decisions are refused.
expect_exit 2 "reject after issue refused" "$LT" slots budget --reject 1
ok "refusal says why" grep -q "already has 100 issued copies, so its marks are fixed: trace and verify read every copy" "$T/last.err"
expect_exit 2 "reject-all after issue refused" "$LT" slots budget --reject-all
"$LT" --json log >"$T/log2.json"
jq_ok "refusals recorded nothing" "$T/log2.json" \
	'[.events[] | select(.kind == "review")] | length == 4'
expect_exit 0 "suggested still listed after issue" "$LT" slots budget --suggested
ok "says decisions are fixed" grep -q "decisions are fixed" "$T/last.out"

# Unreviewed, the suggestions are not used: a retyped copy of the other
# memo shows no more lexical marks than its default ones.
"$LT" issue audit --to "A. Reader" --to "B. Writer" --out "$T/copies" >/dev/null || exit 1
"$SIM" retype "$T/copies/audit-a-reader.txt" 7 0 >"$T/rt2.txt"
"$LT" --json trace "$T/rt2.txt" >"$T/t-rt2.json"
"$LT" --json slots audit >"$T/audit.json"
jq_ok "pending suggestions not read" "$T/t-rt2.json" \
	".slots.lexical <= $(jq .capacity_default.lexical_slots "$T/audit.json")"

finish
