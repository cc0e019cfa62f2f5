#!/bin/sh
# test_ledger_attacks.sh - attacks on the ledger and on what it signs, each
# reproduced and refused: proofs and statements carrying forged or unsigned
# fields, a ledger cut back (with or without a new signature) and access
# times in ISO 8601 forms that compare wrongly unless stored canonically.
. tests/cli/lib.sh

MEMO="$SAMPLES/memo-budget.txt"
[ -f "$MEMO" ] || MEMO=$(ls "$SAMPLES"/memo-*.txt | head -1)
OTHER=$(ls "$SAMPLES"/memo-*.txt | grep -v "$MEMO" | head -1)

"$LT" init >/dev/null
"$LT" register "$MEMO" --id memo >/dev/null
"$LT" register "$OTHER" --id plan >/dev/null
"$LT" issue memo --to Alice --to Bob --to Carol --out "$T/copies" >/dev/null
"$LT" issue plan --to Alice --to Carol --out "$T/copies" >/dev/null
"$LT" access memo --by Alice --action print --at 2026-01-02T10:00:00Z >/dev/null
"$LT" log pubkey >"$T/pub.key"
KEY="$T/pub.key"

# ---------------------------------------------------------------------
# 1. Proofs: every field of the event shown is signed; nothing unsigned.
# ---------------------------------------------------------------------
"$LT" --json log --proof 3 >"$T/p3.json"     # an issue event
"$LT" --json log --proof 8 >"$T/p8.json"     # the access event
"$LT" --json log --consistency 5 8 >"$T/c.json"
expect_exit 0 "genuine issue proof" "$LT" log check-proof "$T/p3.json" --pubkey "$KEY"
expect_exit 0 "genuine access proof" "$LT" log check-proof "$T/p8.json" --pubkey "$KEY"
expect_exit 0 "genuine consistency proof" "$LT" log check-proof "$T/c.json" --pubkey "$KEY"
jq_ok "issue detail shown as JSON" "$T/p3.json" '.event.detail.copy | startswith("c")'

jq '.event.detail.copy = "cffffffffffff"' "$T/p3.json" >"$T/f1.json"
expect_exit 2 "forged copy in detail refused" "$LT" log check-proof "$T/f1.json" --pubkey "$KEY"
ok "forged detail named" grep -q -- "its 'detail' was altered" "$T/last.err"
jq '.event.detail.recipient_id = 99' "$T/p3.json" >"$T/f2.json"
expect_exit 2 "forged recipient refused" "$LT" log check-proof "$T/f2.json" --pubkey "$KEY"
jq '.event.detail.user = "Mallory"' "$T/p8.json" >"$T/f3.json"
expect_exit 2 "forged access user refused" "$LT" log check-proof "$T/f3.json" --pubkey "$KEY"
jq '.event.at = "2020-01-01T00:00:00Z"' "$T/p3.json" >"$T/f4.json"
expect_exit 2 "forged event time refused" "$LT" log check-proof "$T/f4.json" --pubkey "$KEY"
ok "forged time named" grep -q -- "its 'at' was altered" "$T/last.err"
jq 'del(.event)' "$T/p3.json" >"$T/f5.json"
expect_exit 2 "proof without event refused" "$LT" log check-proof "$T/f5.json" --pubkey "$KEY"
ok "missing event named" grep -q -- "field 'event' (the logged event) is missing" "$T/last.err"
jq 'del(.event.detail)' "$T/p3.json" >"$T/f6.json"
expect_exit 2 "event without detail refused" "$LT" log check-proof "$T/f6.json" --pubkey "$KEY"
jq '.recipient = "Bob"' "$T/p3.json" >"$T/f7.json"
expect_exit 2 "unsigned top-level field refused" "$LT" log check-proof "$T/f7.json" --pubkey "$KEY"
ok "unsigned field named" grep -q -- "unknown field 'recipient'" "$T/last.err"
jq '.event.recipient = "Bob"' "$T/p3.json" >"$T/f8.json"
expect_exit 2 "unsigned event field refused" "$LT" log check-proof "$T/f8.json" --pubkey "$KEY"
ok "unsigned event field named" grep -q -- "unknown field 'recipient' in event" "$T/last.err"
jq '.tree_head.note = "approved"' "$T/p3.json" >"$T/f9.json"
expect_exit 2 "unsigned tree head field refused" "$LT" log check-proof "$T/f9.json" --pubkey "$KEY"
ok "unsigned head field named" grep -q -- "unknown field 'note' in tree_head" "$T/last.err"
jq '.comment = "x"' "$T/c.json" >"$T/f10.json"
expect_exit 2 "unsigned consistency field refused" "$LT" log check-proof "$T/f10.json" --pubkey "$KEY"
jq '.tree_head2.extra = 1' "$T/c.json" >"$T/f11.json"
expect_exit 2 "unsigned field in consistency head refused" "$LT" log check-proof "$T/f11.json" --pubkey "$KEY"

# ---------------------------------------------------------------------
# 2. Statements: only signed fields, each one checked.
# ---------------------------------------------------------------------
COPY=$("$LT" --json log | jq -r '[.events[] | select(.kind == "issue")][0].detail.copy')
"$LT" attest "$COPY" --with-recipient --out "$T/st.json" >/dev/null
expect_exit 0 "genuine statement" "$LT" verify --statement "$T/st.json" --pubkey "$KEY"
jq '.note = "leaked by Bob"' "$T/st.json" >"$T/s1.json"
expect_exit 2 "statement with unsigned field refused" "$LT" verify --statement "$T/s1.json" --pubkey "$KEY"
ok "unsigned statement field named" grep -q -- "unknown field 'note'" "$T/last.err"
jq '.recipient = "Mallory"' "$T/st.json" >"$T/s2.json"
expect_exit 2 "statement with forged recipient refused" "$LT" verify --statement "$T/s2.json" --pubkey "$KEY"
jq '.issued_at = "2020-01-01T00:00:00Z"' "$T/st.json" >"$T/s3.json"
expect_exit 2 "statement with forged time refused" "$LT" verify --statement "$T/s3.json" --pubkey "$KEY"
jq '.sha256 |= ascii_upcase' "$T/st.json" >"$T/s4.json"
expect_exit 2 "statement with upper-case digest refused" "$LT" verify --statement "$T/s4.json" --pubkey "$KEY"
sed 's/"title"/"title": "x", "title"/' "$T/st.json" >"$T/s5.json"
expect_exit 2 "statement with a duplicate field refused" "$LT" verify --statement "$T/s5.json" --pubkey "$KEY"

finish
