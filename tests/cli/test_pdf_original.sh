#!/bin/sh
# test_pdf_original.sh - PDF originals issued in their own look: register a
# three-page PDF made by LibreOffice (tests/data/pdf/make.sh: two fonts, a
# table, a figure) and a memo converted by LibreOffice here; issue copies
# to twenty recipients; each copy keeps the original's pages, size, fonts,
# images and text layer; trace names exactly its recipient from the file,
# nobody from the unmarked original, never an innocent from one page of a
# copy, from two copies' pages mixed or from a copy printed to PDF again;
# verify says an exact copy is genuine; a damaged PDF is refused with
# nothing registered.
. tests/cli/lib.sh

P=tests/data/pdf/report.pdf
accused_is() {
	jq -r '[.suspects[] | select(.accused) | .recipient] | sort | join(",")' "$1"
}
# same_look A B: the two PDFs have the same pages, sizes, fonts (all but
# the object numbers), images and text.
same_look() {
	[ "$(pdfinfo "$1" | grep -E '^(Pages|Page size)')" = \
	  "$(pdfinfo "$2" | grep -E '^(Pages|Page size)')" ] &&
	[ "$(pdffonts "$1" | awk '{NF -= 2; print}')" = \
	  "$(pdffonts "$2" | awk '{NF -= 2; print}')" ] &&
	[ "$(pdfimages -list "$1" | awk '{$11 = $12 = ""; print}')" = \
	  "$(pdfimages -list "$2" | awk '{$11 = $12 = ""; print}')" ] &&
	[ "$(pdftotext "$1" -)" = "$(pdftotext "$2" -)" ]
}
# trace_each DIR DOC N...: trace DIR/DOC-officer-N.pdf for each N; $named
# counts those naming exactly Officer N, $wrong those accusing anyone else.
trace_each() {
	dir=$1 doc=$2
	shift 2
	named=0; wrong=0
	for i in "$@"; do
		"$LT" --json trace "$dir/$doc-officer-$i.pdf" >"$T/t.json"
		a=$(accused_is "$T/t.json")
		[ "$a" = "Officer $i" ] && named=$((named + 1))
		[ -n "$a" ] && [ "$a" != "Officer $i" ] && wrong=$((wrong + 1))
	done
}

"$LT" init >/dev/null || exit 1
"$LT" --json register "$P" --id report >"$T/reg.json"
jq_ok "register a PDF original" "$T/reg.json" \
	'.document == "report" and .format == "pdf" and .pages == 3'
jq_ok "its layout capacity: the line slots of its pages" "$T/reg.json" \
	'.capacity.layout >= 60'

i=1
while [ $i -le 20 ]; do
	echo "Officer $i"
	i=$((i + 1))
done >"$T/names.txt"
"$LT" --json issue report --recipients "$T/names.txt" --out "$T/c" >"$T/iss.json"
jq_ok "twenty copies, as PDF" "$T/iss.json" \
	'(.copies | length) == 20 and all(.copies[]; .path | endswith(".pdf"))'
ok "a copy keeps the original's pages, fonts, images and text" \
	same_look "$P" "$T/c/report-officer-7.pdf"
ok "copies differ from the original and from each other" sh -c \
	"! cmp -s '$P' '$T/c/report-officer-7.pdf' && ! cmp -s '$T/c/report-officer-7.pdf' '$T/c/report-officer-8.pdf'"

trace_each "$T/c" report 1 4 7 13 20
ok "every copy traced names its recipient ($named/5)" test "$named" -eq 5
ok "no innocent accused by a copy" test "$wrong" -eq 0
"$LT" --json trace "$T/c/report-officer-13.pdf" >"$T/t13.json"
jq_ok "the layout marks carry the copy, the text none" "$T/t13.json" \
	'.slots.layout >= 60 and .slots.lexical == 0 and .slots.typographic == 0'

"$LT" --json trace "$P" >"$T/t-orig.json"
jq_ok "the unmarked original accuses nobody" "$T/t-orig.json" \
	'.document == "report" and ([.suspects[] | select(.accused)] | length) == 0'

# One page of a copy: right or inconclusive, never wrong.
pdfseparate -f 1 -l 1 "$T/c/report-officer-5.pdf" "$T/page1.pdf"
"$LT" --json trace "$T/page1.pdf" >"$T/t-p1.json"
a=$(accused_is "$T/t-p1.json")
ok "one page of a copy: its recipient or nobody ($a)" \
	test -z "$a" -o "$a" = "Officer 5"
jq_ok "one page of a copy: its marks read" "$T/t-p1.json" '.slots.layout > 0'

# Two copies' pages mixed: never anyone outside the two.
pdfseparate -f 1 -l 1 "$T/c/report-officer-2.pdf" "$T/a1.pdf"
pdfseparate -f 2 -l 3 "$T/c/report-officer-3.pdf" "$T/b%d.pdf"
pdfunite "$T/a1.pdf" "$T/b2.pdf" "$T/b3.pdf" "$T/mix.pdf"
"$LT" --json trace "$T/mix.pdf" >"$T/t-mix.json"
a=$(accused_is "$T/t-mix.json")
case "$a" in
"" | "Officer 2" | "Officer 3" | "Officer 2,Officer 3") mixed=0 ;;
*) mixed=1 ;;
esac
ok "two copies mixed accuse no one outside them ($a)" test "$mixed" -eq 0

# Printed to PDF again (Cairo writes it anew, other font metrics): its
# recipient or nobody; the original so written accuses nobody.
pdftocairo -pdf "$T/c/report-officer-9.pdf" "$T/again.pdf"
"$LT" --json trace "$T/again.pdf" >"$T/t-again.pdf.json"
a=$(accused_is "$T/t-again.pdf.json")
ok "a copy printed to PDF again: its recipient or nobody ($a)" \
	test -z "$a" -o "$a" = "Officer 9"
pdftocairo -pdf "$P" "$T/orig-again.pdf"
"$LT" --json trace "$T/orig-again.pdf" >"$T/t-orig-again.json"
jq_ok "the original printed to PDF again accuses nobody" "$T/t-orig-again.json" \
	'([.suspects[] | select(.accused)] | length) == 0'

# The copies' page hashes are recorded for scans.
"$LT" export-hashes report >"$T/hashes.csv" 2>/dev/null
ok "the copies' pages have PDQ hashes" test "$(wc -l <"$T/hashes.csv")" -ge 2

# verify: an exact copy is genuine.
"$LT" --json verify "$T/c/report-officer-9.pdf" >"$T/v.json"
jq_ok "an exact copy is genuine" "$T/v.json" '.verdict == "genuine"'

# --format pdf is the own look too; --format png still sets the text anew.
"$LT" --json issue report --to "Analyst" --format pdf --out "$T/f" >"$T/f.json"
ok "--format pdf keeps the original's look" same_look "$P" "$T/f/report-analyst.pdf"
"$LT" --json issue report --to "Analyst" --format png --out "$T/g" >"$T/g.json"
jq_ok "--format png: page images" "$T/g.json" \
	'all(.copies[]; .path | endswith(".png"))'

# A damaged PDF: exit 2, a clear message, nothing registered.
head -c 30000 "$P" >"$T/cut.pdf"
expect_exit 2 "a truncated PDF is refused" "$LT" register "$T/cut.pdf" --id cut
ok "the refusal says why" grep -qi "pdf" "$T/last.err"
ok "nothing was registered" sh -c "! '$LT' slots cut >/dev/null 2>&1"

# A memo converted by LibreOffice at test time.
if command -v soffice >/dev/null 2>&1; then
	mkdir -p "$T/lo"
	HOME=$T soffice --headless --convert-to pdf --outdir "$T/lo" \
		tests/data/docx/memo-health.docx >/dev/null 2>&1
	"$LT" --json register "$T/lo/memo-health.pdf" --id memo >"$T/reg2.json"
	jq_ok "register a LibreOffice memo PDF" "$T/reg2.json" \
		'.format == "pdf" and .capacity.layout >= 30'
	"$LT" issue memo --recipients "$T/names.txt" --out "$T/m" >/dev/null
	ok "the memo's copy keeps its look" same_look "$T/lo/memo-health.pdf" \
		"$T/m/memo-officer-11.pdf"
	trace_each "$T/m" memo 2 11 19
	ok "memo copies name their recipients ($named/3)" test "$named" -eq 3
	ok "no innocent accused by a memo copy" test "$wrong" -eq 0
	"$LT" --json trace "$T/lo/memo-health.pdf" >"$T/t-memo.json"
	jq_ok "the unmarked memo accuses nobody" "$T/t-memo.json" \
		'([.suspects[] | select(.accused)] | length) == 0'
else
	FAIL=$((FAIL + 1))
	echo "FAIL: soffice is not installed (scripts/install-deps.sh installs it)"
fi

finish
