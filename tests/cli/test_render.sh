#!/bin/sh
# test_render.sh - marked pages through the CLI: issue PDF and PNG copies
# (A4 and Letter, banner, footer, ragged and justified, plain text and
# Markdown), check the files and the manifest, and trace PDF copies and a
# justified page image back to their recipients with no one else
# accused.
. tests/cli/lib.sh

# fontconfig keeps its configuration until exit (see tests/lsan.supp).
LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS

MEMO="$SAMPLES/memo-budget.txt"
"$LT" init >/dev/null || exit 1
"$LT" register "$MEMO" --id budget >/dev/null || exit 1
# Every suggested mark approved: this test is about rendering, not about
# which marks are safe by default.
"$LT" slots budget --approve-all >/dev/null || exit 1

"$LT" --json issue budget --to "Officer 1" --to "Officer 2" --to "Officer 3" \
	--out "$T/pdf" --format pdf --banner "SECRET//NOFORN" --footer >"$T/issue.json"
jq_ok "pdf issue json" "$T/issue.json" \
	'(.copies | length) == 3 and all(.copies[]; .path | endswith(".pdf"))'
ok "pdf written" sh -c "head -c 5 '$T/pdf/budget-officer-1.pdf' | grep -q '%PDF-'"
ok "pdf copies differ" sh -c "! cmp -s '$T/pdf/budget-officer-1.pdf' '$T/pdf/budget-officer-2.pdf'"

# One page: one PNG named after the copy; two pages: one PNG a page.
"$LT" --json issue budget --to "Officer 4" --out "$T/png" --format png \
	--paper letter >"$T/png1.json"
jq_ok "one-page png issue json" "$T/png1.json" '.copies[0].path | endswith("officer-4.png")'
ok "png is a PNG" sh -c "head -c 4 '$T/png/budget-officer-4.png' | grep -q PNG"
"$LT" register "$SAMPLES/memo-markup.md" --id markup >/dev/null || exit 1
"$LT" --json issue markup --to "Officer 4" --out "$T/png" --format png \
	--paper letter >"$T/png.json"
jq_ok "png issue json" "$T/png.json" '.copies[0].path | endswith("-p1.png")'
ok "png pages written" test -s "$T/png/markup-officer-4-p2.png"
ok "png page is a PNG" sh -c "head -c 4 '$T/png/markup-officer-4-p1.png' | grep -q PNG"
ok "no temporary files left" test -z "$(find "$T/pdf" "$T/png" -name '*.tmp-*')"

expect_exit 2 "unknown format" "$LT" issue budget --to X --format docx
expect_exit 2 "unknown paper" "$LT" issue budget --to X --format pdf --paper a3
expect_exit 2 "banner needs pages" "$LT" issue budget --to X --banner S
expect_exit 2 "justify needs pages" "$LT" issue budget --to X --justify

# The PDF itself names its recipient, and no one else.
"$LT" --json trace "$T/pdf/budget-officer-2.pdf" >"$T/trace.json"
jq_ok "pdf traced" "$T/trace.json" \
	'.verdict == "identified" and ([.suspects[] | select(.accused) | .recipient] == ["Officer 2"])'

# Justified copies: the same plan, so a trace reads their marks as well.
"$LT" --json issue budget --to "Officer 5" --to "Officer 6" --out "$T/just" \
	--format pdf --justify >"$T/just.json"
jq_ok "justified pdf issue json" "$T/just.json" '(.copies | length) == 2'
"$LT" --json trace "$T/just/budget-officer-6.pdf" >"$T/trace-just.json"
jq_ok "justified pdf traced" "$T/trace-just.json" \
	'.verdict == "identified" and ([.suspects[] | select(.accused) | .recipient] == ["Officer 6"]) and .slots.layout > 40'
"$LT" issue budget --to "Officer 7" --out "$T/just" --format png --justify \
	>/dev/null || exit 1
"$LT" --json trace "$T/just/budget-officer-7.png" >"$T/trace-just-png.json"
jq_ok "justified page image: nobody else accused, layout marks read" \
	"$T/trace-just-png.json" \
	'([.suspects[] | select(.accused and .recipient != "Officer 7")] | length) == 0 and .slots.layout > 20'

# Markdown prints as Markdown (no '#' or '**' on the page) and its PDF
# still names its recipient.
"$LT" issue markup --to "Officer 8" --to "Officer 9" --out "$T/md" --format pdf \
	--justify >/dev/null || exit 1
"$LT" --json trace "$T/md/markup-officer-9.pdf" >"$T/trace-md.json"
jq_ok "markdown pdf traced" "$T/trace-md.json" \
	'.verdict == "identified" and ([.suspects[] | select(.accused) | .recipient] == ["Officer 9"]) and .slots.layout > 30'
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext "$T/md/markup-officer-9.pdf" "$T/md.txt"
	ok "no Markdown marks on the page" sh -c "! grep -q -e '^#' -e '\*\*' '$T/md.txt'"
fi
ok "ledger verifies" "$LT" log verify

finish
