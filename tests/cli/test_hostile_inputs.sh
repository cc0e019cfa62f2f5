#!/bin/sh
# test_hostile_inputs.sh - inputs built to cost or to hide: a PDF of many
# pages without a text layer and a huge picture must stay within the OCR
# budget and say what they skipped; a copy pasted ten times into one
# message must still name its recipient, and an unrelated text pasted ten
# times must still be no document.  Counts are checked, never timings.
. tests/cli/lib.sh

GEN="$PWD/tests/cli/gen"
MEMO="$SAMPLES/memo-budget.txt"

"$LT" init >/dev/null || exit 1
"$LT" register "$MEMO" --id budget >/dev/null || exit 1
printf 'Officer %s\n' 1 2 3 4 5 6 7 8 9 10 >"$T/names.txt"
"$LT" issue budget --recipients "$T/names.txt" --out "$T/copies" >/dev/null || exit 1
C3="$T/copies/budget-officer-3.txt"

# --- Repetition ----------------------------------------------------------
i=0
while [ $i -lt 10 ]; do cat "$C3"; i=$((i + 1)); done >"$T/pasted10.txt"
i=0
while [ $i -lt 10 ]; do cat "$SAMPLES/unrelated.txt"; i=$((i + 1)); done >"$T/unrelated10.txt"
"$LT" --json trace "$T/pasted10.txt" >"$T/t-rep.json"
jq_ok "copy pasted 10 times: traced to its recipient" "$T/t-rep.json" \
	'.verdict == "identified" and .document == "budget" and ([.suspects[] | select(.accused) | .recipient] == ["Officer 3"])'
"$LT" --json trace "$T/unrelated10.txt" >"$T/t-unrel.json"
jq_ok "unrelated text pasted 10 times: no document" "$T/t-unrel.json" \
	'.verdict == "no-document" and .document == null and ([.suspects[]? | select(.accused)] | length) == 0'
mkdir -p "$T/feed"
cp "$T/pasted10.txt" "$T/unrelated10.txt" "$T/feed/"
"$LT" --json scan "$T/feed" >"$T/s-rep.json"
jq_ok "scan of the pasted copy names the same recipient" "$T/s-rep.json" \
	'([.sightings[] | select(.message == "pasted10.txt") | [.document, .trace.recipient]] == [["budget", "Officer 3"]]) and ([.sightings[] | select(.message == "unrelated10.txt")] | length) == 0'

# --- OCR budget: a PDF of 60 blank pages without a text layer ------------
python3 "$GEN/blank_pdf.py" "$T/blank60.pdf" 60 || exit 1
# (The time budget is set far out of reach here, so that only the pages
# budget - the default, 50 - decides, on a slow or sanitized build too.)
expect_exit 0 "trace of a 60-page scanned PDF finishes" \
	"$LT" --json --ocr-seconds 3600 trace "$T/blank60.pdf"
jq_ok "pages over the budget reported" "$T/last.out" \
	'.verdict == "no-document" and .ocr.pages == 50 and .ocr.skipped == 10 and .ocr.reason == "pages"'
ok "stderr says pages were not read" grep -q "10 pages not read by OCR" "$T/last.err"
mkdir -p "$T/scans"
cp "$T/blank60.pdf" "$T/scans/"
"$LT" --json --ocr-seconds 3600 scan "$T/scans" >"$T/s-pdf.json" 2>"$T/s-pdf.err"
jq_ok "scan counts the pages skipped for budget" "$T/s-pdf.json" \
	'.ocr.pages == 50 and .ocr.skipped == 10 and .ocr.files_over_budget == 1'
ok "scan warns about the skipped pages" grep -q "not read by OCR" "$T/s-pdf.err"
"$LT" --json --ocr-pages 5 scan "$T/scans" >"$T/s-pdf5.json" 2>/dev/null
jq_ok "--ocr-pages sets each scanned file's budget" "$T/s-pdf5.json" \
	'.ocr.pages == 5 and .ocr.skipped == 55'
"$LT" --json --ocr-pages 5 trace "$T/blank60.pdf" >"$T/t-pdf5.json"
jq_ok "--ocr-pages sets the budget" "$T/t-pdf5.json" \
	'.ocr.pages == 5 and .ocr.skipped == 55 and .ocr.reason == "pages"'
expect_exit 2 "--ocr-pages 0 is a usage error" \
	"$LT" --ocr-pages 0 trace "$T/blank60.pdf"
expect_exit 2 "--ocr-seconds needs a number" \
	"$LT" trace "$T/blank60.pdf" --ocr-seconds

# --- OCR budget: huge pictures -------------------------------------------
python3 "$GEN/big_png.py" "$T/huge.png" 10000 8800 || exit 1
# (Reading it whole takes about a minute; five seconds of OCR are enough
# to show that the time budget stops it and says so.)
expect_exit 0 "trace of an 88-megapixel picture finishes" \
	"$LT" --json --ocr-seconds 5 trace "$T/huge.png"
jq_ok "the picture was scaled down and stopped by the time budget, and that is reported" "$T/last.out" \
	'.ocr.downscaled == 1 and .ocr.skipped == 1 and .ocr.reason == "seconds"'
ok "stderr says it was scaled down" grep -q "scaled down" "$T/last.err"
python3 "$GEN/big_png.py" "$T/huger.png" 12000 9000 || exit 1
expect_exit 2 "a 108-megapixel picture is refused" \
	"$LT" --json trace "$T/huger.png"
ok "the refusal says why" grep -q "over the limit" "$T/last.err"

finish
