#!/bin/sh
# test_verify.sh - verify end to end: genuine copies (byte-identical,
# re-saved, retyped, OCR'd, excerpted), altered ones (numbers, an inserted
# sentence, a deleted paragraph, a flipped negation, a substituted name),
# unrelated text, and signed statements checked offline.
. tests/cli/lib.sh

MEMO="$SAMPLES/memo-budget.txt"
"$LT" init >/dev/null || exit 1
"$LT" register "$MEMO" --id budget >/dev/null || exit 1
# Every suggested mark approved: this test is about verifying, not about
# which marks are safe by default.
"$LT" slots budget --approve-all >/dev/null || exit 1
"$LT" --json issue budget --to "Ann Lee" --to "Bob Ray" --to "Cy Dunn" \
	--to "Di Eze" --out "$T/c" >"$T/issue.json" || exit 1
"$LT" issue budget --to "Eve Fox" --format md --out "$T/c" >/dev/null || exit 1
A="$T/c/budget-ann-lee.txt"
B="$T/c/budget-bob-ray.txt"

verdict() { "$LT" --json verify "$1" >"$T/v.json"; }
# A space in a copy may be a no-break space: match either.
S='\( \|\xc2\xa0\)'

# Byte-identical copy: recognised with certainty.
verdict "$A"
ANN=$(jq -r '.copies[] | select(.recipient == "Ann Lee") | .copy' "$T/issue.json")
jq_ok "exact copy genuine" "$T/v.json" \
	".verdict == \"genuine\" and .exact == true and .copy == \"$ANN\" and .recipient == \"Ann Lee\" and .document == \"budget\""

# Every recipient's copy, re-saved (CRLF line ends) so the bytes differ:
# genuine through alignment, the marks explained, no changes.
for f in "$T"/c/budget-*; do
	sed 's/$/\r/' "$f" >"$T/crlf.txt"
	verdict "$T/crlf.txt"
	jq_ok "re-saved $(basename "$f") genuine" "$T/v.json" \
		'.verdict == "genuine" and .exact == false and (.changes | length) == 0 and .marks > 0'
done

# The unmarked original is genuine too.
verdict "$MEMO"
jq_ok "original genuine" "$T/v.json" '.verdict == "genuine" and .marks == 0 and .noise == 0'

# Retyped with typos, and OCR-like noise: still genuine.
for seed in 1 2 3 4 5; do
	"$SIM" retype "$B" "$seed" 0.005 >"$T/rt.txt"
	verdict "$T/rt.txt"
	# A slip that happens to turn "no" into "on" is still reported, but
	# only as uncertain.
	jq_ok "retyped copy genuine (seed $seed)" "$T/v.json" \
		'.verdict == "genuine" or all(.changes[]; .confidence <= 0.5)'
	"$SIM" ocr "$B" "$seed" 0.01 >"$T/ocr.txt"
	verdict "$T/ocr.txt"
	jq_ok "OCR-noisy copy genuine (seed $seed)" "$T/v.json" '.verdict == "genuine"'
done

# An excerpt: genuine, and it says which part is present.
"$SIM" excerpt "$B" 5 2 >"$T/ex.txt"
verdict "$T/ex.txt"
jq_ok "excerpt genuine, part named" "$T/v.json" \
	'.verdict == "genuine" and .part.share > 0.1 and .part.share < 0.5 and .part.from > 0 and .part.to > .part.from'

# Two numbers changed: both reported as number changes.
sed "s/\\\$48\\.6/\\\$84.6/; s/by${S}12\\([^0-9]\\)/by 21\\2/" "$B" >"$T/num.txt"
ok "numbers really edited" sh -c "! cmp -s '$B' '$T/num.txt'"
verdict "$T/num.txt"
jq_ok "two numbers changed" "$T/v.json" \
	'.verdict == "altered" and ([.changes[] | select(.kind == "number-changed")] | length) == 2 and any(.changes[]; (.original | test("48")) and (.found | test("84"))) and any(.changes[]; (.original | test("12")) and (.found | test("21")))'
jq_ok "change offsets point into the file" "$T/v.json" \
	'all(.changes[]; .at > 0 and .original_at > 0 and .confidence > 0.5)'

# A sentence inserted.
sed 's/^3\. /3. Staff bonuses will be doubled this year. /' "$B" >"$T/ins.txt"
verdict "$T/ins.txt"
jq_ok "sentence inserted" "$T/v.json" \
	'.verdict == "altered" and (.changes | length) == 1 and .changes[0].kind == "sentence-inserted" and (.changes[0].found | test("bonuses"))'

# A paragraph deleted (paragraph 4 of the memo).
awk 'BEGIN { p = 0 } /^4\. / { skip = 1 } /^5\. / { skip = 0 } !skip' "$B" >"$T/del.txt"
verdict "$T/del.txt"
jq_ok "paragraph deleted" "$T/v.json" \
	'.verdict == "altered" and ([.changes[] | select(.kind == "passage-deleted")] | length) == 1'

# A negation removed, and one added.
sed "s/do${S}not${S}follow/do follow/" "$B" >"$T/neg.txt"
verdict "$T/neg.txt"
jq_ok "negation removed" "$T/v.json" \
	'.verdict == "altered" and ([.changes[] | select(.kind == "negation-removed")] | length) == 1'
sed "s/will${S}be${S}deferred/will not be deferred/" "$B" >"$T/neg2.txt"
verdict "$T/neg2.txt"
jq_ok "negation added" "$T/v.json" \
	'.verdict == "altered" and ([.changes[] | select(.kind == "negation-added")] | length) == 1'

# "not" turned into "now": one letter, the opposite meaning.
sed "s/will${S}not${S}be${S}accepted/will now be accepted/" "$B" >"$T/now.txt"
verdict "$T/now.txt"
jq_ok "one-letter negation flip reported" "$T/v.json" \
	'.verdict == "altered" and ([.changes[] | select(.kind == "negation-removed" and .found == "now")] | length) == 1'

# A name substituted.
sed 's/[Tt]reasury/Cabinet Office/' "$B" >"$T/name.txt"
verdict "$T/name.txt"
jq_ok "name replaced" "$T/v.json" \
	'.verdict == "altered" and ([.changes[] | select(.kind == "word-replaced" and (.found | test("Cabinet")))] | length) == 1'

# A number changed in a retyped copy is still reported.
"$SIM" retype "$T/num.txt" 9 0.005 >"$T/num-rt.txt"
verdict "$T/num-rt.txt"
jq_ok "number change survives typos" "$T/v.json" \
	'.verdict == "altered" and ([.changes[] | select(.kind == "number-changed")] | length) == 2'

# The human diff names the change.
"$LT" verify "$T/num.txt" >"$T/v.txt"
ok "human diff shows the change" grep -q '\[-48-\]{+84+}' "$T/v.txt"

# Unrelated text.
verdict "$SAMPLES/unrelated.txt"
jq_ok "unrelated unknown" "$T/v.json" '.verdict == "unknown" and .document == null'

# Signed statements, checked offline with the public key.
"$LT" attest "$ANN" --out "$T/st.json" >/dev/null
ok "statement written" test -s "$T/st.json"
"$LT" log pubkey >"$T/pub.txt" 2>/dev/null || "$LT" --json log pubkey | jq -r '.public_key' >"$T/pub.txt"
PUB=$(grep -o '[0-9a-f]\{64\}' "$T/pub.txt" | head -1)
expect_exit 0 "statement valid (no vault needed)" \
	"$LT" --vault "$T/none" verify --statement "$T/st.json" "$A" --pubkey "$PUB"
ok "statement says the file matches" grep -q "attested copy" "$T/last.out"
ok "statement leaves out the recipient" sh -c "jq -e '.recipient == \"\"' '$T/st.json' >/dev/null"
expect_exit 2 "statement against another file" \
	"$LT" verify --statement "$T/st.json" "$B" --pubkey "$PUB"
sed 's/"budget"/"budget2"/' "$T/st.json" >"$T/forged.json"
expect_exit 2 "forged statement" "$LT" verify --statement "$T/forged.json" "$A"
expect_exit 2 "untrusted key" "$LT" verify --statement "$T/st.json" "$A" \
	--pubkey 0000000000000000000000000000000000000000000000000000000000000000
printf '{"statement": 1}' >"$T/bad.json"
expect_exit 2 "malformed statement" "$LT" verify --statement "$T/bad.json"
"$LT" attest "$ANN" --with-recipient >"$T/st2.json"
ok "statement with recipient" sh -c "jq -e '.recipient == \"Ann Lee\"' '$T/st2.json' >/dev/null"
expect_exit 2 "attest unknown copy" "$LT" attest cnothing
expect_exit 2 "verify without file" "$LT" verify

# Every verify is in the ledger.
ok "verify events recorded" sh -c "[ \$(sqlite3 '$LEAKTRACE_VAULT/vault.db' \"SELECT count(*) FROM events WHERE kind='verify'\") -gt 10 ]"

finish
