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

# ---------------------------------------------------------------------
# 3. A cut ledger: the other records, and a tree head saved earlier.
# ---------------------------------------------------------------------
expect_exit 0 "log head" "$LT" log head
cp "$T/last.out" "$T/head.json"
jq_ok "log head: a signed head of 8" "$T/head.json" '(keys == ["at","root","signature","size"]) and .size == 8 and (.signature | length) == 128'
expect_exit 0 "verify since the current head" "$LT" log verify --since-head "$T/head.json"
"$LT" access plan --by Carol --action view --at 2026-01-03T10:00:00Z >/dev/null
expect_exit 0 "verify since an earlier head" "$LT" log verify --since-head "$T/head.json"
ok "says it extends the saved head" grep -q -- "extends the saved tree head of size 8" "$T/last.out"
"$LT" --json log >"$T/logdoc.json"
expect_exit 0 "a log --json document serves as the saved head" "$LT" log verify --since-head "$T/logdoc.json"
"$LT" --json log verify --since-head "$T/head.json" >"$T/v.json"
jq_ok "verify --since-head --json" "$T/v.json" '.verified == true'

# cut N: the log cut back to N entries, with their leaves, nodes and heads.
cut() {
	rm -rf "$T/t"
	cp -r "$T/vault" "$T/t"
	sqlite3 "$T/t/vault.db" "DELETE FROM events WHERE seq > $1;
		DELETE FROM ledger_leaves WHERE idx >= $1;
		DELETE FROM ledger_nodes WHERE ((idx + 1) << level) > $1;
		DELETE FROM ledger_heads WHERE size > $1;"
}
cut 5   # plan's issue events (6, 7) and the access events gone
expect_exit 3 "cut ledger with orphaned copies detected" "$LT" --vault "$T/t" log verify
ok "orphaned copy named" grep -q -- "\[unlogged\] copy c[0-9a-f]* of plan (to Alice, issued .*) has no issue event" "$T/last.err"
"$LT" --vault "$T/t" --json log verify >"$T/cv.json" 2>/dev/null
jq_ok "cut: two unlogged copies" "$T/cv.json" '.verified == false and ([.problems[] | select(.kind == "unlogged")] | length) == 2'
expect_exit 3 "cut below the saved head detected" "$LT" --vault "$T/t" log verify --since-head "$T/head.json"
ok "cut named" grep -q -- "\[since-head\] the ledger was cut back: the saved tree head signed .* covers 8 entries but the vault now logs only 5" "$T/last.err"

cut 7   # only the access events gone: nothing else refers to them
expect_exit 0 "a cut of access events alone passes by itself" "$LT" --vault "$T/t" log verify
expect_exit 3 "but not against the saved head" "$LT" --vault "$T/t" log verify --since-head "$T/head.json"
ok "cut of access events named" grep -q -- "covers 8 entries but the vault now logs only 7" "$T/last.err"
"$LT" --vault "$T/t" access memo --by Bob --action view >/dev/null
"$LT" --vault "$T/t" access memo --by Bob --action view >/dev/null
expect_exit 0 "cut and extended again passes by itself" "$LT" --vault "$T/t" log verify
expect_exit 3 "cut and extended again detected" "$LT" --vault "$T/t" log verify --since-head "$T/head.json"
ok "rewrite named" grep -q -- "\[since-head\] the ledger was rewritten: its first 8 entries" "$T/last.err"

# Rewrite and sign again with the vault's own key: the whole tree rebuilt.
rm -rf "$T/t"
cp -r "$T/vault" "$T/t"
sqlite3 "$T/t/vault.db" "DELETE FROM ledger_leaves; DELETE FROM ledger_nodes;
	DELETE FROM ledger_heads;
	UPDATE events SET detail = json_set(detail, '\$.user', 'Mallory') WHERE seq = 8;"
"$LT" --vault "$T/t" access memo --by Bob --action view >/dev/null
expect_exit 0 "rewritten and signed again passes by itself" "$LT" --vault "$T/t" log verify
expect_exit 3 "rewritten and signed again detected" "$LT" --vault "$T/t" log verify --since-head "$T/head.json"
ok "re-signed rewrite named" grep -q -- "the ledger was rewritten: its first 8 entries no longer give the root" "$T/last.err"

# A new key as well: the saved head no longer verifies.
rm -rf "$T/t"
cp -r "$T/vault" "$T/t"
rm "$T/t/signing.key"
sqlite3 "$T/t/vault.db" "DELETE FROM ledger_leaves; DELETE FROM ledger_nodes;
	DELETE FROM ledger_heads; DELETE FROM meta WHERE key = 'ledger_public_key';"
"$LT" --vault "$T/t" access memo --by Bob --action view >/dev/null
expect_exit 3 "new key detected" "$LT" --vault "$T/t" log verify --since-head "$T/head.json"
ok "new key named" grep -q -- "does not verify with the vault's public key" "$T/last.err"
ok "no key material printed" sh -c "! grep -q \"\$(od -An -tx1 '$T/t/signing.key' | tr -d ' \n' | cut -c1-64)\" '$T/last.err'"

# Saved heads that are not heads.
jq '.root = ((if .root[0:2] == "00" then "01" else "00" end) + .root[2:])' "$T/head.json" >"$T/h1.json"
expect_exit 3 "forged saved head detected" "$LT" log verify --since-head "$T/h1.json"
ok "forged saved head named" grep -q -- "does not verify with the vault's public key" "$T/last.err"
jq '.note = "x"' "$T/head.json" >"$T/h2.json"
expect_exit 2 "unsigned field in saved head refused" "$LT" log verify --since-head "$T/h2.json"
ok "unsigned head field named" grep -q -- "unknown field 'note'" "$T/last.err"
expect_exit 2 "missing head file" "$LT" log verify --since-head "$T/nowhere.json"
expect_exit 2 "--since-head only with verify" "$LT" log --since-head "$T/head.json"

# ---------------------------------------------------------------------
# 4. Access times: stored in one canonical UTC form.
# ---------------------------------------------------------------------
expect_exit 0 "access at a lower-case, offset time" "$LT" access memo --by Bob --action view --at "2023-03-01t10:00:00+0100"
"$LT" --json log >"$T/log4.json"
jq_ok "access time stored as UTC" "$T/log4.json" '.events[-1].detail.accessed_at == "2023-03-01T09:00:00Z"'
printf 'time,user,action,document\n"2023-03-01 08:15:00,5",Carol,print,plan\n2023-03-01T10:00:00-0230,Alice,view,plan\n' >"$T/forms.csv"
expect_exit 0 "import of other time forms" "$LT" access --import "$T/forms.csv"
"$LT" --json log >"$T/log4.json"
jq_ok "imported times stored as UTC" "$T/log4.json" '[.events[-2:][].detail.accessed_at] == ["2023-03-01T08:15:00Z", "2023-03-01T12:30:00Z"]'
expect_exit 0 "the ledger still verifies" "$LT" log verify --since-head "$T/head.json"

finish
