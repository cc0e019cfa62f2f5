#!/bin/sh
# test_ledger.sh - the ledger through the CLI: listing, verification,
# inclusion and consistency proofs checked offline, access events and
# their CSV import, suspects, and each kind of tampering detected and
# named by `log verify` (exit 3).
. tests/cli/lib.sh

MEMO="$SAMPLES/memo-budget.txt"
[ -f "$MEMO" ] || MEMO=$(ls "$SAMPLES"/memo-*.txt | head -1)
OTHER=$(ls "$SAMPLES"/memo-*.txt | grep -v "$MEMO" | head -1)

"$LT" init >/dev/null
"$LT" register "$MEMO" --id memo >/dev/null
"$LT" register "$OTHER" --id plan >/dev/null
"$LT" issue memo --to Alice --to Bob --to Carol --out "$T/copies" >/dev/null
"$LT" issue plan --to Alice --to Carol --out "$T/copies" >/dev/null

# Listing and verifying a clean log.
expect_exit 0 "log lists entries" "$LT" log
ok "log shows the issues" grep -q -- "issue" "$T/last.out"
"$LT" --json log >"$T/log.json"
jq_ok "log --json: 7 events" "$T/log.json" '(.events | length) == 7 and .size == 7'
jq_ok "log --json: signed head" "$T/log.json" '.tree_head.signature | length == 128'
"$LT" --json log --from 3 --limit 2 >"$T/log2.json"
jq_ok "log --from --limit" "$T/log2.json" '[.events[].seq] == [3,4]'
expect_exit 0 "log verify" "$LT" log verify
ok "verify says verified" grep -q -- "Ledger verified: 7 entries" "$T/last.out"
"$LT" --json log verify >"$T/verify.json"
jq_ok "verify --json" "$T/verify.json" '.verified == true and .entries == 7 and .tree_heads == 4'
ok "signing.key is 0600" sh -c "[ \"\$(stat -c %a '$T/vault/signing.key')\" = 600 ]"

# Access events.
expect_exit 0 "access" "$LT" access memo --by Alice --action print --at 2026-01-02T10:00:00Z
expect_exit 0 "access now" "$LT" access plan --by Alice --action view
expect_exit 2 "access bad action" "$LT" access memo --by Alice --action edit
ok "bad action message" grep -q -- "view, print or download" "$T/last.err"
expect_exit 2 "access bad time" "$LT" access memo --by Alice --action view --at yesterday
expect_exit 2 "access without --by" "$LT" access memo --action view
expect_exit 2 "access unknown document" "$LT" access nosuch --by A --action view
ok "unknown document message" grep -q -- "no document 'nosuch'" "$T/last.err"
cat >"$T/audit.csv" <<'EOF'
time,user,action,document,ip
2026-01-02T11:00:00Z,Carol,view,plan,10.0.0.1
"2026-01-02T12:00:00Z","Dave, external",download,memo,10.0.0.2
EOF
expect_exit 0 "access --import" "$LT" access --import "$T/audit.csv"
ok "import count" grep -q -- "Recorded 2 access events" "$T/last.out"
printf 'time,user,action,document\n2026-01-02T11:00:00Z,Carol,view,plan\n2026-01-02T11:00:00Z,Carol,scan,plan\n' >"$T/bad.csv"
expect_exit 2 "import bad row" "$LT" access --import "$T/bad.csv"
ok "import error names file:line" grep -q -- "bad.csv:3: action 'scan'" "$T/last.err"
printf 'when,who\n' >"$T/nohdr.csv"
expect_exit 2 "import bad header" "$LT" access --import "$T/nohdr.csv"
ok "header error names columns" grep -q -- "time,user,action,document" "$T/last.err"
expect_exit 2 "import missing file" "$LT" access --import "$T/nowhere.csv"
"$LT" --json log >"$T/log.json"
jq_ok "bad import left nothing" "$T/log.json" '(.events | length) == 11'

# Inclusion proof, checked offline with the public key only.
"$LT" log pubkey >"$T/pub.key"
ok "pubkey is 64 hex" grep -Eq '^[0-9a-f]{64}$' "$T/pub.key"
"$LT" --json log --proof 8 >"$T/proof8.json"
jq_ok "proof document" "$T/proof8.json" '.format == "leaktrace-proof-v1" and .type == "inclusion" and .index == 7 and .tree_size == 11 and .event.kind == "access" and (.proof | length) > 0 and (.tree_head.signature | length) == 128'
ok "private key not in proof" sh -c "! grep -q \"\$(od -An -tx1 '$T/vault/signing.key' | tr -d ' \n' | cut -c1-64)\" '$T/proof8.json'"
mkdir "$T/offline"
cp "$T/proof8.json" "$T/pub.key" "$T/offline/"
expect_exit 0 "check-proof offline" "$LT" --vault "$T/nowhere" log check-proof "$T/offline/proof8.json" --pubkey "$T/offline/pub.key"
ok "check-proof says verifies" grep -q -- "Proof verifies: entry 8" "$T/last.out"
expect_exit 0 "check-proof hex key" "$LT" log check-proof "$T/proof8.json" --pubkey "$(cat "$T/pub.key")"
"$LT" --json log check-proof "$T/proof8.json" --pubkey "$T/pub.key" >"$T/check.json"
jq_ok "check-proof --json" "$T/check.json" '.valid == true and .seq == 8'
# Tampered proofs are refused.
jq '.entry = (.entry | sub("^bGVha3"; "bGVha4"))' "$T/proof8.json" >"$T/bad1.json"
expect_exit 2 "altered entry refused" "$LT" log check-proof "$T/bad1.json" --pubkey "$T/pub.key"
jq '.index = 6' "$T/proof8.json" >"$T/bad2.json"
expect_exit 2 "wrong index refused" "$LT" log check-proof "$T/bad2.json" --pubkey "$T/pub.key"
# Change the first byte for certain (a fixed value could be the one there).
jq '.tree_head.root = ((if .tree_head.root[0:2] == "00" then "01" else "00" end) + .tree_head.root[2:])' "$T/proof8.json" >"$T/bad3.json"
expect_exit 2 "forged root refused" "$LT" log check-proof "$T/bad3.json" --pubkey "$T/pub.key"
ok "forged root message" grep -q -- "signature" "$T/last.err"
jq '.proof[0] = ((if .proof[0][0:2] == "ff" then "fe" else "ff" end) + .proof[0][2:])' "$T/proof8.json" >"$T/bad4.json"
expect_exit 2 "altered path refused" "$LT" log check-proof "$T/bad4.json" --pubkey "$T/pub.key"
jq '.event.kind = "issue"' "$T/proof8.json" >"$T/bad5.json"
expect_exit 2 "readable event must match" "$LT" log check-proof "$T/bad5.json" --pubkey "$T/pub.key"
OTHERKEY=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
expect_exit 2 "other key refused" "$LT" log check-proof "$T/proof8.json" --pubkey "$OTHERKEY"
printf '{"format":' >"$T/trunc.json"
expect_exit 2 "truncated proof file" "$LT" log check-proof "$T/trunc.json" --pubkey "$T/pub.key"
ok "truncated message names file" grep -q -- "trunc.json" "$T/last.err"
expect_exit 2 "bad pubkey" "$LT" log check-proof "$T/proof8.json" --pubkey nothex
expect_exit 2 "check-proof without key" "$LT" log check-proof "$T/proof8.json"
expect_exit 2 "proof of unknown entry" "$LT" log --proof 999
expect_exit 2 "proof not a number" "$LT" log --proof x

# Consistency proof between two signed sizes.
"$LT" --json log --consistency 5 11 >"$T/cons.json"
jq_ok "consistency document" "$T/cons.json" '.type == "consistency" and .size1 == 5 and .size2 == 11'
expect_exit 0 "consistency checks offline" "$LT" log check-proof "$T/cons.json" --pubkey "$T/pub.key"
jq '.tree_head1.root = .tree_head2.root' "$T/cons.json" >"$T/badc.json"
expect_exit 2 "forged consistency refused" "$LT" log check-proof "$T/badc.json" --pubkey "$T/pub.key"
expect_exit 2 "consistency at an unsigned size" "$LT" log --consistency 3 11
ok "names nearest signed sizes" grep -q -- "nearest signed sizes" "$T/last.err"
expect_exit 2 "consistency A > B" "$LT" log --consistency 9 4

# Suspects.
"$LT" --json suspects memo plan >"$T/sus.json"
jq_ok "suspects: sightings unknown" "$T/sus.json" '.sightings_known == false and (.note | test("unknown"))'
jq_ok "suspects: only accessors" "$T/sus.json" '[.suspects[].recipient] == ["Alice"]'
jq_ok "suspects: evidence" "$T/sus.json" '.suspects[0].evidence | length == 2 and (.[0].copy | startswith("c")) and (.[0].accesses[0].action == "print")'
jq_ok "suspects: Carol excluded for no access to memo" "$T/sus.json" '.excluded[0].recipient == "Carol" and (.excluded[0].reason | test("memo"))'
expect_exit 0 "suspects human" "$LT" suspects memo
ok "suspects note printed" grep -q -- "first sighting is unknown" "$T/last.out"
expect_exit 2 "suspects unknown doc" "$LT" suspects memo nosuch
expect_exit 2 "suspects no args" "$LT" suspects
expect_exit 0 "log verify after all" "$LT" log verify

# Tampering, each on a copy of the vault.
tamper() {
	rm -rf "$T/t"
	cp -r "$T/vault" "$T/t"
	sqlite3 "$T/t/vault.db" "$1"
}
tamper "UPDATE events SET detail='{\"copy\":\"cffffffffffff\"}' WHERE seq=3"
expect_exit 3 "edited entry detected" "$LT" --vault "$T/t" log verify
ok "edited entry named" grep -q -- "\[changed\] entry 3 " "$T/last.err"
"$LT" --vault "$T/t" --json log verify >"$T/tv.json" 2>/dev/null
jq_ok "verify --json names it" "$T/tv.json" '.verified == false and .problems[0].kind == "changed" and .problems[0].seq == 3'
expect_exit 3 "proof of edited entry refused" "$LT" --vault "$T/t" log --proof 3

tamper "DELETE FROM events WHERE seq=5"
expect_exit 3 "deleted entry detected" "$LT" --vault "$T/t" log verify
ok "deleted entry named" grep -q -- "\[deleted\] entry 5 " "$T/last.err"

tamper "UPDATE events SET seq=-1 WHERE seq=3; UPDATE events SET seq=3 WHERE seq=4; UPDATE events SET seq=4 WHERE seq=-1"
expect_exit 3 "reordered pair detected" "$LT" --vault "$T/t" log verify
ok "reordered pair named" grep -q -- "\[reordered\] entries 3 and 4" "$T/last.err"

tamper "UPDATE ledger_heads SET root=randomblob(32) WHERE size=(SELECT max(size) FROM ledger_heads)"
expect_exit 3 "forged tree head detected" "$LT" --vault "$T/t" log verify
ok "forged tree head named" grep -q -- "\[forged-head\] the tree head of size 11" "$T/last.err"

tamper "INSERT INTO events(at, kind, document, detail) VALUES('2026-01-01T00:00:00Z','issue','memo','{}')"
expect_exit 3 "inserted entry detected" "$LT" --vault "$T/t" log verify
ok "inserted entry named" grep -q -- "\[inserted\] entry 12" "$T/last.err"

rm -rf "$T/t"
cp -r "$T/vault" "$T/t"
rm "$T/t/signing.key"
expect_exit 3 "lost signing key stops writes" "$LT" --vault "$T/t" access memo --by Bob --action view
ok "lost key message" grep -q -- "signing key .* is missing" "$T/last.err"
expect_exit 0 "vault unchanged after refusal" "$LT" --vault "$T/t" log verify

# Usage errors.
expect_exit 2 "log bad option" "$LT" log --frobnicate
expect_exit 2 "log two modes" "$LT" log verify --proof 1
expect_exit 2 "log --consistency one size" "$LT" log --consistency 3
expect_exit 2 "log extra word" "$LT" log verify extra

finish
