#!/bin/sh
# test_pdq.sh - `leaktrace pdq` and `leaktrace export-hashes` end to end:
# hashes as the reference prints them, bad files reported while good ones
# are still printed, page images recorded in the vault and exported as the
# ThreatExchange CSV.
. tests/cli/lib.sh

PDQ=${LEAKTRACE_SHARED_DATA:-../shared/data}/pdq
if [ ! -f "$PDQ/expected.csv" ]; then
	echo "FAIL: PDQ reference data not found at $PDQ (set LEAKTRACE_SHARED_DATA)"
	exit 1
fi
PDQ=$(cd "$PDQ" && pwd)
IMG="$PDQ/images"

# One line an image: hash,quality,file; the small labelme image exactly.
expect_exit 0 "pdq one image" "$LT" pdq "$IMG/labelme-q0122.jpg"
ok "pdq line" grep -qx "cfb2009ddd21c6dab0046a7745b5984757a8a4535b3377aea2591d32b33ff940,100,$IMG/labelme-q0122.jpg" "$T/last.out"
expect_exit 0 "pdq several" "$LT" pdq "$IMG/wee.jpg" "$IMG/aaa-orig.jpg" --fast
ok "pdq two lines" sh -c "[ \$(wc -l <'$T/last.out') -eq 2 ]"
ok "pdq format" sh -c "grep -Eqx '[0-9a-f]{64},[0-9]+,.*' '$T/last.out'"
expect_exit 0 "pdq dihedral" "$LT" pdq --dihedral "$IMG/labelme-q0122.jpg"
ok "dihedral line" grep -q "^cfb2009ddd21c6dab0046a7745b5984757a8a4535b3377aea2591d32b33ff940,b94b59ce0c5bd64aa5255d2b94ba5d49c290eab6a6b63b91509ab0ed95769895," "$T/last.out"

# One process over many files (memory kept from file to file) prints what
# one process a file prints, dihedral hashes and --fast included.
for opt in "" --dihedral --fast; do
	"$LT" pdq $opt "$IMG"/*.jpg >"$T/many.out" 2>/dev/null
	: >"$T/each.out"
	for f in "$IMG"/*.jpg; do
		"$LT" pdq $opt "$f" >>"$T/each.out" 2>/dev/null
	done
	ok "one process = one a file ${opt:-(plain)}" cmp -s "$T/many.out" "$T/each.out"
done
ok "all images hashed" sh -c "[ \$(wc -l <'$T/many.out') -eq \$(ls '$IMG'/*.jpg | wc -l) ]"

# Bad files: exit 2, a message per file, the good ones still printed.
printf 'not an image\n' >"$T/notes.jpg"
head -c 5000 "$IMG/aaa-orig.jpg" >"$T/cut.jpg"
: >"$T/empty.png"
expect_exit 2 "pdq bad files" "$LT" pdq "$T/notes.jpg" "$IMG/wee.jpg" "$T/cut.jpg" "$T/empty.png" "$T/missing.png"
ok "good file printed" grep -q "^6227401f601ff4ccafcc9fad4b0d95d371a2eb7265a3285234d228ca94deeb2d,100," "$T/last.out"
ok "only good file printed" sh -c "[ \$(wc -l <'$T/last.out') -eq 1 ]"
ok "non-image named" grep -q "notes.jpg: not a JPEG or PNG" "$T/last.err"
ok "truncated named" grep -q "cut.jpg:.*truncated" "$T/last.err"
ok "empty named" grep -q "empty.png: empty" "$T/last.err"
ok "missing named" grep -q "missing.png" "$T/last.err"
expect_exit 2 "pdq without files" "$LT" pdq
expect_exit 2 "pdq unknown option" "$LT" pdq --bogus "$IMG/wee.jpg"
"$LT" --json pdq "$IMG/wee.jpg" "$T/notes.jpg" >"$T/pdq.json" 2>/dev/null
jq_ok "pdq --json" "$T/pdq.json" '.hashes[0].hash == "6227401f601ff4ccafcc9fad4b0d95d371a2eb7265a3285234d228ca94deeb2d" and .hashes[0].quality == 100 and (.errors | length) == 1'

# Page images recorded for a document (one of two pages), then exported.
MEMO="$SAMPLES/memo-markup.md"
expect_exit 0 "init" "$LT" init
expect_exit 0 "register" "$LT" register "$MEMO" --id memo
expect_exit 0 "register page 1" "$LT" pdq "$IMG/aaa-orig.jpg" --register memo --page 1
expect_exit 0 "register page 2" "$LT" pdq "$IMG/labelme-q2821.jpg" --register memo --page 2
expect_exit 0 "register page 2 again" "$LT" pdq "$IMG/labelme-q2821.jpg" --register memo --page 2
expect_exit 0 "register low quality" "$LT" pdq "$IMG/labelme-q0003.jpg" --register memo --page 1
expect_exit 2 "register unknown document" "$LT" pdq "$IMG/wee.jpg" --register nope --page 1
ok "unknown document named" grep -q "nope" "$T/last.err"
expect_exit 2 "register without page" "$LT" pdq "$IMG/wee.jpg" --register memo
expect_exit 2 "register bad image" "$LT" pdq "$T/notes.jpg" --register memo --page 2

expect_exit 0 "export-hashes" "$LT" export-hashes memo
cp "$T/last.out" "$T/export.csv"
ok "two hashes exported" sh -c "[ \$(wc -l <'$T/export.csv') -eq 2 ]"
ok "CSV fields" sh -c "grep -Eqx '[0-9a-f]{64},[0-9]+,[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\+0000,leaktrace media_type_photo page_[0-9]+' '$T/export.csv'"
ok "all lines well formed" sh -c "! grep -Evx '[0-9a-f]{64},[0-9]+,[^,]+,[^,]+' '$T/export.csv'"
ok "labelme hash exported" grep -q "^b150231ffae4710ffcf4f18bb574b109a576f14bb8543189f8743289f174b109," "$T/export.csv"
ok "low quality left out" sh -c "! grep -q '^54a9f7c3' '$T/export.csv'"
ok "document not named" sh -c "! grep -q memo '$T/export.csv'"
ok "left-out count said" grep -q "quality below 50" "$T/last.err"
expect_exit 0 "export-hashes all" "$LT" export-hashes --out "$T/all.csv"
ok "same as the one document" cmp -s "$T/all.csv" "$T/export.csv"
expect_exit 2 "export unknown document" "$LT" export-hashes nope
"$LT" --json export-hashes memo >"$T/export.json"
jq_ok "export --json" "$T/export.json" '.exported == 2 and .skipped_low_quality == 1 and (.csv | split("\n") | length) == 3'
expect_exit 3 "export without a vault" "$LT" --vault "$T/nowhere" export-hashes
ok "events logged" sh -c "\"$LT\" --json log | grep -q page-hash"

finish
