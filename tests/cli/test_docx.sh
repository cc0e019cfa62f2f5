#!/bin/sh
# test_docx.sh - Word and PDF originals end to end: register a DOCX made by
# LibreOffice and one made by pandoc (tests/data/docx/make.sh), issue
# copies as DOCX, and trace each copy file, text pasted out of a copy
# (LibreOffice's plain-text export) and the original; a copy opens in
# LibreOffice (converted to PDF, the same pages as the original's); verify
# tells an exact copy from an altered one; bad packages get clear errors.
# A PDF original (LibreOffice's export) is registered by its text and its
# copies, set by leaktrace, name their recipients.
. tests/cli/lib.sh

D=tests/data/docx
accused_is() {
	jq -r '[.suspects[] | select(.accused) | .recipient] | sort | join(",")' "$1"
}
# zip_edit IN OUT PY: OUT is IN with word/document.xml passed through the
# Python expression PY (on the string x).
zip_edit() {
	python3 - "$1" "$2" "$3" <<'EOF'
import sys, zipfile
src, dst, expr = sys.argv[1], sys.argv[2], sys.argv[3]
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
    for item in zi.infolist():
        data = zi.read(item.filename)
        if item.filename == "word/document.xml":
            x = data.decode("utf-8")
            data = eval(expr).encode("utf-8")
        zo.writestr(item, data)
EOF
}

"$LT" init >/dev/null || exit 1
"$LT" --json register "$D/memo-health.docx" --id health >"$T/reg.json"
jq_ok "register a LibreOffice DOCX" "$T/reg.json" \
	'.document == "health" and .format == "docx" and .words > 400 and .slots > 50'
"$LT" --json register "$D/memo-security.docx" --id security >"$T/reg2.json"
jq_ok "register a pandoc DOCX" "$T/reg2.json" '.format == "docx" and .words > 400'
jq_ok "capacity of every channel" "$T/reg.json" \
	'.pages >= 1 and .capacity.layout >= 20 * .pages and .capacity.image == 0 and .capacity.typographic > 50'
"$LT" slots health --approve-all >/dev/null
"$LT" slots security --approve-all >/dev/null

# Ten copies each, as Word documents by default.
i=1
while [ $i -le 10 ]; do
	echo "Officer $i"
	i=$((i + 1))
done >"$T/names.txt"
"$LT" --json issue health --recipients "$T/names.txt" --out "$T/h" >"$T/iss.json"
jq_ok "copies are DOCX" "$T/iss.json" \
	'(.copies | length) == 10 and all(.copies[]; .path | endswith(".docx"))'
"$LT" issue security --recipients "$T/names.txt" --out "$T/s" >/dev/null

# Every copy file names its recipient, nobody else.
named=0; wrong=0
for doc in health security; do
	dir=$T/h; [ $doc = security ] && dir=$T/s
	i=1
	while [ $i -le 10 ]; do
		"$LT" --json trace "$dir/$doc-officer-$i.docx" >"$T/t.json"
		a=$(accused_is "$T/t.json")
		[ "$a" = "Officer $i" ] && named=$((named + 1))
		[ -n "$a" ] && [ "$a" != "Officer $i" ] && wrong=$((wrong + 1))
		i=$((i + 1))
	done
done
ok "every DOCX copy names its recipient ($named/20)" test "$named" -eq 20
ok "no innocent accused by a DOCX copy" test "$wrong" -eq 0

# The unmarked original is the document, and accuses nobody.
"$LT" --json trace "$D/memo-health.docx" >"$T/t-orig.json"
jq_ok "original DOCX accuses nobody" "$T/t-orig.json" \
	'.document == "health" and ([.suspects[] | select(.accused)] | length) == 0'

# A copy opens in LibreOffice: converted to PDF with the original's
# pages; its plain-text export (text pasted out of Word) names the
# recipient.
if command -v soffice >/dev/null 2>&1; then
	mkdir -p "$T/lo" "$T/lo-orig"
	HOME=$T soffice --headless --convert-to pdf --outdir "$T/lo" \
		"$T/h/health-officer-3.docx" >/dev/null 2>&1
	HOME=$T soffice --headless --convert-to pdf --outdir "$T/lo-orig" \
		"$D/memo-health.docx" >/dev/null 2>&1
	ok "a DOCX copy converts to PDF in LibreOffice" test -s "$T/lo/health-officer-3.pdf"
	p1=$(pdfinfo "$T/lo/health-officer-3.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	p0=$(pdfinfo "$T/lo-orig/memo-health.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	ok "the copy keeps the original's page count ($p1/$p0)" test -n "$p1" -a "$p1" = "$p0"
	HOME=$T soffice --headless --convert-to "txt:Text (encoded):UTF8" --outdir "$T/lo" \
		"$T/s/security-officer-7.docx" >/dev/null 2>&1
	"$LT" --json trace "$T/lo/security-officer-7.txt" >"$T/t-paste.json"
	jq_ok "text exported from a DOCX copy names its recipient" "$T/t-paste.json" \
		'[.suspects[] | select(.accused) | .recipient] == ["Officer 7"]'
	# A PDF original (LibreOffice's): registered by its text, kept, and
	# issued as leaktrace's own PDF pages, which name their recipient.
	"$LT" --vault "$T/v-pdf" init >/dev/null
	"$LT" --vault "$T/v-pdf" --json register "$T/lo-orig/memo-health.pdf" \
		--id hpdf >"$T/reg-pdf.json"
	jq_ok "register a PDF original" "$T/reg-pdf.json" \
		'.format == "pdf" and .words > 400 and .capacity.layout > 0'
	"$LT" --vault "$T/v-pdf" --json issue hpdf --to "Officer 4" --to "Officer 9" \
		--out "$T/pdf" >"$T/iss-pdf.json"
	jq_ok "a PDF original's copies are PDF" "$T/iss-pdf.json" \
		'all(.copies[]; .path | endswith(".pdf"))'
	"$LT" --vault "$T/v-pdf" --json trace "$T/pdf/hpdf-officer-9.pdf" >"$T/t-pdf.json"
	jq_ok "a PDF original's copy names its recipient" "$T/t-pdf.json" \
		'[.suspects[] | select(.accused) | .recipient] == ["Officer 9"]'
else
	FAIL=$((FAIL + 1))
	echo "FAIL: soffice is not installed (scripts/install-deps.sh installs it)"
fi

# verify: an exact copy is genuine by its digest; a word changed inside
# the package is an alteration, shown.
"$LT" --json verify "$T/h/health-officer-5.docx" >"$T/v.json"
jq_ok "exact DOCX copy genuine" "$T/v.json" '.verdict == "genuine"'
zip_edit "$T/h/health-officer-5.docx" "$T/altered.docx" \
	'x.replace("pharmacies", "surgeries", 1)'
ok "the copy really was edited" sh -c "! cmp -s '$T/h/health-officer-5.docx' '$T/altered.docx'"
"$LT" --json verify "$T/altered.docx" >"$T/v2.json"
jq_ok "altered DOCX copy: the change shown" "$T/v2.json" \
	'.verdict == "altered" and any(.changes[]; (.original | test("pharmacies")) and (.found | test("surgeries")))'

# Other formats still convert from a Word original; a Word copy needs one.
"$LT" --json issue health --to "Officer 1" --format txt --out "$T/txt" >"$T/iss-txt.json"
jq_ok "a Word original issued as text" "$T/iss-txt.json" '.copies[0].path | endswith(".txt")'
"$LT" register "$SAMPLES/memo-budget.txt" --id budget >/dev/null
expect_exit 2 "--format docx for a text original" \
	"$LT" issue budget --to X --format docx --out "$T/x"
grep -q "Word" "$T/last.err" || { FAIL=$((FAIL + 1)); echo "FAIL: message names the Word original"; }

# Bad packages: a message naming the file and what is wrong, no vault
# change.
head -c 3000 "$D/memo-health.docx" >"$T/cut.docx"
expect_exit 2 "register a truncated DOCX" "$LT" register "$T/cut.docx" --id cut
grep -q "cut.docx" "$T/last.err" || { FAIL=$((FAIL + 1)); echo "FAIL: truncated: file not named"; }
python3 -c "
import zipfile
with zipfile.ZipFile('$T/nodoc.docx', 'w') as z:
    z.writestr('word/styles.xml', '<x/>')
"
expect_exit 2 "register a package without a document" "$LT" register "$T/nodoc.docx"
grep -q "not a Word document" "$T/last.err" || { FAIL=$((FAIL + 1)); echo "FAIL: no-document message"; }
zip_edit "$D/memo-health.docx" "$T/broken.docx" 'x[: len(x) // 2]'
expect_exit 2 "register a DOCX with broken XML" "$LT" register "$T/broken.docx"
zip_edit "$D/memo-health.docx" "$T/markup.docx" \
	'x.replace("pharmacies", "{{pharmacies|chemists}}", 1)'
expect_exit 2 "register a DOCX with author markup" "$LT" register "$T/markup.docx"
expect_exit 2 "trace a truncated DOCX" "$LT" trace "$T/cut.docx"
"$LT" --json log verify >"$T/log.json"
jq_ok "ledger intact after the refusals" "$T/log.json" '.verified == true'

finish
