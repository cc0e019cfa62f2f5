#!/bin/sh
# test_figures.sh - figures inside Word and PDF originals end to end: register a
# memo with two figures (tests/data/docx/memo-figure.docx: a PNG and a
# JPEG) and see their image capacity; issue Word copies to several
# recipients; a copy opens in LibreOffice; trace each figure taken out of a
# copy (unzip), a rescaled JPEG and simulated phone photos of it (named or
# inconclusive, never wrong); the original's figure; the whole copy file
# (its text and figures read together); verify: an exact picture or a
# photo of an unaltered figure is not altered, a figure with a rectangle
# painted over it is altered with a region over the paint, in a picture and
# inside a copy file; bad input (a figure that lies about its size) leaves
# that figure unmarked.  Then the same for a PDF original with two JPEG
# figures (tests/data/pdf/memo-figure.pdf): own-look copies, their figures
# (pdfimages -j) traced and verified.
. tests/cli/lib.sh

DOCX=tests/data/docx/memo-figure.docx
PNG=word/media/rId20.png
JPG=word/media/rId23.jpg
accused_is() {
	jq -r '[.suspects[] | select(.accused) | .recipient] | sort | join(",")' "$1"
}
# overlaps FILE X0 Y0 X1 Y1: a figure-altered change of FILE overlaps it.
overlaps() {
	jq -e --argjson r "[$2,$3,$4,$5]" '[.changes[] | select(.kind ==
		"figure-altered") | .region | select(.[0] < $r[2] and $r[0] < .[2]
		and .[1] < $r[3] and $r[1] < .[3])] | length > 0' "$1" >/dev/null
}

"$LT" init >/dev/null || exit 1
"$LT" --json register "$DOCX" --id memo >"$T/reg.json"
# figure.png (1000 x 700: 256 slots) and the 800 x 560 JPEG (256 slots)
jq_ok "register a Word original with figures" "$T/reg.json" \
	'.format == "docx" and .figures.count == 2 and .figures.slots == 512 and .capacity.image == 512'
"$LT" slots memo >"$T/slots.txt"
ok "slots of a Word original with figures: its text slots and figures" \
	sh -c "grep -q '188 slots found' '$T/slots.txt' && grep -q '^Figures: 2, 512 image slots' '$T/slots.txt'"
"$LT" export-hashes memo >"$T/hashes.txt" 2>/dev/null
ok "export-hashes lists the figures" test "$(grep -c ' figure_[01]$' "$T/hashes.txt")" -eq 2
# The same figure also registered as an image document: a picture of the
# memo's figure must still be read as the memo's.
"$LT" register tests/data/images/figure.png --id chart >/dev/null

for n in Ana Ben Chloe Dev; do echo "$n Smith"; done >"$T/names.txt"
"$LT" --json issue memo --recipients "$T/names.txt" --out "$T/c" >"$T/iss.json"
jq_ok "Word copies" "$T/iss.json" \
	'(.copies | length) == 4 and all(.copies[]; .path | endswith(".docx"))'
ok "a copy holds the same parts" sh -c "unzip -Z1 '$T/c/memo-ana-smith.docx' | sort >'$T/p1'; unzip -Z1 '$DOCX' | sort >'$T/p0'; cmp -s '$T/p0' '$T/p1'"
unzip -p "$T/c/memo-ana-smith.docx" "$PNG" >"$T/ana.png"
unzip -p "$T/c/memo-ben-smith.docx" "$JPG" >"$T/ben.jpg"
unzip -p "$DOCX" "$PNG" >"$T/orig.png"
ok "the figure is marked (its bytes differ)" sh -c "! cmp -s '$T/ana.png' '$T/orig.png'"
ok "the PNG figure stays a 1000x700 PNG" sh -c "file '$T/ana.png' | grep -q 'PNG image data, 1000 x 700'"
ok "the JPEG figure stays a JPEG" sh -c "file '$T/ben.jpg' | grep -q 'JPEG image data'"
if command -v soffice >/dev/null 2>&1; then
	ok "a copy opens in LibreOffice" sh -c "cd '$T' && HOME='$T' soffice --headless --convert-to pdf --outdir '$T/pdf' '$T/c/memo-ana-smith.docx' >/dev/null 2>&1 && test -s '$T/pdf/memo-ana-smith.pdf'"
fi

# Each figure taken out of a copy names its recipient.
named=0; wrong=0
for n in Ana Ben Chloe Dev; do
	slug=$(echo "$n-smith" | tr 'A-Z' 'a-z')
	for part in "$PNG" "$JPG"; do
		unzip -p "$T/c/memo-$slug.docx" "$part" >"$T/fig.${part##*.}"
		"$LT" --json trace "$T/fig.${part##*.}" >"$T/t.json"
		a=$(accused_is "$T/t.json")
		[ "$a" = "$n Smith" ] && named=$((named + 1))
		[ -n "$a" ] && [ "$a" != "$n Smith" ] && wrong=$((wrong + 1))
	done
done
ok "every figure of every copy names its recipient ($named/8)" test "$named" -eq 8
ok "no innocent accused by a figure" test "$wrong" -eq 0
"$LT" --json trace "$T/ana.png" >"$T/t.json"
jq_ok "trace JSON of a Word figure" "$T/t.json" \
	'.document == "memo" and .verdict == "identified" and .slots.image >= 200 and .slots.total == 188 + 512'

# A rescaled JPEG and phone photos: named or inconclusive, never wrong.
"$TOOLS/rescale" "$T/ana.png" "$T/ana-small.jpg" --scale 0.6 --quality 60
"$LT" --json trace "$T/ana-small.jpg" >"$T/t.json"
ok "a rescaled JPEG of a figure names its recipient" test "$(accused_is "$T/t.json")" = "Ana Smith"
wrong=0; named=0
for s in 1 2 3; do
	"$TOOLS/photosim" "$T/ana.png" "$T/ph$s.jpg" --seed $s --blur 1.0
	"$LT" --json trace "$T/ph$s.jpg" >"$T/t.json"
	a=$(accused_is "$T/t.json")
	[ "$a" = "Ana Smith" ] && named=$((named + 1))
	[ -n "$a" ] && [ "$a" != "Ana Smith" ] && wrong=$((wrong + 1))
done
"$TOOLS/photosim" "$T/ben.jpg" "$T/ph4.jpg" --seed 4
"$LT" --json trace "$T/ph4.jpg" >"$T/t.json"
a=$(accused_is "$T/t.json")
[ -n "$a" ] && [ "$a" != "Ben Smith" ] && wrong=$((wrong + 1))
ok "phone photos of a figure accuse no innocent" test "$wrong" -eq 0
ok "phone photos of a figure name its recipient ($named/3)" test "$named" -ge 2

# The unmarked original's figure accuses nobody.
"$LT" --json trace "$T/orig.png" >"$T/t.json"
jq_ok "the original's figure accuses nobody" "$T/t.json" \
	'.document == "memo" and .verdict == "inconclusive" and ([.suspects[] | select(.accused)] | length) == 0'
# The whole copy file traces by its text and its figures.
"$LT" --json trace "$T/c/memo-chloe-smith.docx" >"$T/t.json"
ok "the copy file names its recipient" test "$(accused_is "$T/t.json")" = "Chloe Smith"
jq_ok "a copy file's figures are read with its text" "$T/t.json" \
	'.slots.image >= 480 and .slots.total == 188 + 512'
"$LT" --json trace "$DOCX" >"$T/t.json"
jq_ok "the original file accuses nobody (no figure mark read)" "$T/t.json" \
	'([.suspects[] | select(.accused)] | length) == 0 and .slots.image == 0'

# verify: faithful pictures are not altered.
"$LT" --json verify "$T/ana.png" >"$T/v.json"
jq_ok "verify: a figure of a copy is genuine" "$T/v.json" \
	'.document == "memo" and .verdict == "genuine" and (.changes | length) == 0'
"$LT" --json verify "$T/ph1.jpg" >"$T/v.json"
jq_ok "verify: a photo of an unaltered figure is not altered" "$T/v.json" \
	'.verdict != "altered"'
"$LT" --json verify "$T/ana-small.jpg" >"$T/v.json"
jq_ok "verify: a rescaled JPEG of a figure is not altered" "$T/v.json" \
	'.verdict != "altered"'
"$LT" --json verify "$T/c/memo-dev-smith.docx" >"$T/v.json"
jq_ok "verify: an exact copy file is genuine" "$T/v.json" \
	'.verdict == "genuine" and .exact'

# verify: a rectangle painted over a figure.
"$TOOLS/paint" "$T/ana.png" "$T/ana-edit.png" 300 200 420 300 --png
"$LT" --json verify "$T/ana-edit.png" >"$T/v.json"
jq_ok "verify: a painted figure is altered" "$T/v.json" \
	'.document == "memo" and .verdict == "altered" and all(.changes[]; .kind == "figure-altered" and .figure == 0)'
ok "verify: the altered region covers the paint" overlaps "$T/v.json" 300 200 420 300
"$TOOLS/paint" "$T/ben.jpg" "$T/ben-edit.jpg" 100 100 180 160 --value 40
"$LT" --json verify "$T/ben-edit.jpg" >"$T/v.json"
jq_ok "verify: a painted JPEG figure is altered (figure 1)" "$T/v.json" \
	'.verdict == "altered" and .changes[0].figure == 1'
ok "verify: its region covers the paint" overlaps "$T/v.json" 100 100 180 160
"$TOOLS/photosim" "$T/ana-edit.png" "$T/ph-edit.jpg" --seed 6 --blur 1.0
"$LT" --json verify "$T/ph-edit.jpg" >"$T/v.json"
jq_ok "verify: a photo of a painted figure is never genuine" "$T/v.json" \
	'.verdict != "genuine"'
# A copy file whose figure was painted over: its text is the copy's, its
# figure is not.
mkdir -p "$T/edit/word/media"
cp "$T/c/memo-ana-smith.docx" "$T/edited.docx"
cp "$T/ana-edit.png" "$T/edit/$PNG"
(cd "$T/edit" && zip -q "$T/edited.docx" "$PNG")
"$LT" --json verify "$T/edited.docx" >"$T/v.json"
jq_ok "verify: a copy file with a painted figure is altered" "$T/v.json" \
	'.document == "memo" and .verdict == "altered" and ([.changes[] | select(.kind == "figure-altered")] | length) >= 1'
ok "verify: the copy's altered region covers the paint" overlaps "$T/v.json" 300 200 420 300

# Bad input: a figure whose PNG header lies about its size is no figure
# (left unmarked); the document registers and issues all the same.
python3 - "$DOCX" "$T/liar.docx" "$PNG" <<'PY'
import sys, zipfile, struct, zlib
src, dst, part = sys.argv[1:4]
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
    for it in zi.infolist():
        data = zi.read(it)
        if it.filename == part:
            ihdr = bytearray(data[8:33])
            ihdr[8:16] = struct.pack(">II", 40000, 40000)
            ihdr[21:25] = struct.pack(">I", zlib.crc32(bytes(ihdr[4:21])))
            data = data[:8] + bytes(ihdr) + data[33:]
        zo.writestr(it, data)
PY
"$LT" --json register "$T/liar.docx" --id liar >"$T/regl.json"
jq_ok "a lying figure is left out" "$T/regl.json" '.figures.count == 1 and .figures.slots == 256'
expect_exit 0 "a document with a lying figure issues" "$LT" issue liar --to "Eve Smith" --out "$T/l"
unzip -p "$T/liar.docx" "$PNG" >"$T/lp0"
unzip -p "$T/l/liar-eve-smith.docx" "$PNG" >"$T/lp1"
ok "its lying figure is copied as it was" cmp -s "$T/lp0" "$T/lp1"
# A PDF original with two JPEG figures (LibreOffice's export of the same
# memo): own-look copies carry image marks in their figures after the
# line marks.
# Its own vault: the memo's text and figures are registered above already.
PDF=tests/data/pdf/memo-figure.pdf
export LEAKTRACE_VAULT="$T/vault-pdf"
"$LT" init >/dev/null
"$LT" --json register "$PDF" --id report >"$T/regp.json"
jq_ok "register a PDF original with JPEG figures" "$T/regp.json" \
	'.format == "pdf" and .figures.count == 2 and .capacity.image == 512 and .capacity.layout > 20'
"$LT" --json issue report --to "Ana Smith" --to "Ben Smith" --out "$T/p" >"$T/issp.json"
jq_ok "own-look PDF copies" "$T/issp.json" \
	'(.copies | length) == 2 and all(.copies[]; .path | endswith(".pdf"))'
ok "a PDF copy keeps its pages and text" sh -c "[ \"\$(pdfinfo '$PDF' | grep Pages)\" = \"\$(pdfinfo '$T/p/report-ana-smith.pdf' | grep Pages)\" ] && [ \"\$(pdftotext '$PDF' -)\" = \"\$(pdftotext '$T/p/report-ana-smith.pdf' -)\" ]"
ok "a PDF copy's figures stay JPEG images of their size" sh -c "pdfimages -list '$T/p/report-ana-smith.pdf' | awk 'NR > 2 {print \$4, \$5, \$9}' >'$T/l1'; pdfimages -list '$PDF' | awk 'NR > 2 {print \$4, \$5, \$9}' >'$T/l0'; cmp -s '$T/l0' '$T/l1'"
pdfimages -j "$T/p/report-ana-smith.pdf" "$T/pa"
pdfimages -j "$T/p/report-ben-smith.pdf" "$T/pb"
pdfimages -j "$PDF" "$T/po"
wrong=0; named=0
for f in pa-000 pa-001 pb-000 pb-001; do
	want="Ana Smith"; [ "${f#pb}" != "$f" ] && want="Ben Smith"
	"$LT" --json trace "$T/$f.jpg" >"$T/t.json"
	a=$(accused_is "$T/t.json")
	[ "$a" = "$want" ] && named=$((named + 1))
	[ -n "$a" ] && [ "$a" != "$want" ] && wrong=$((wrong + 1))
done
ok "every figure taken out of a PDF copy names its recipient ($named/4)" test "$named" -eq 4
"$TOOLS/photosim" "$T/pb-000.jpg" "$T/pph.jpg" --seed 8 --blur 1.0
"$LT" --json trace "$T/pph.jpg" >"$T/t.json"
a=$(accused_is "$T/t.json")
[ -n "$a" ] && [ "$a" != "Ben Smith" ] && wrong=$((wrong + 1))
ok "no innocent accused by a PDF figure or a photo of one" test "$wrong" -eq 0
"$LT" --json trace "$T/po-001.jpg" >"$T/t.json"
jq_ok "the PDF original's figure accuses nobody" "$T/t.json" \
	'.document == "report" and ([.suspects[] | select(.accused)] | length) == 0'
"$LT" --json trace "$T/p/report-ben-smith.pdf" >"$T/t.json"
ok "the PDF copy file still names its recipient by its lines" test "$(accused_is "$T/t.json")" = "Ben Smith"
"$TOOLS/paint" "$T/pa-000.jpg" "$T/pa-edit.jpg" 600 100 760 220 --value 0
"$LT" --json verify "$T/pa-edit.jpg" >"$T/v.json"
jq_ok "verify: a painted PDF figure is altered" "$T/v.json" \
	'.document == "report" and .verdict == "altered" and all(.changes[]; .kind == "figure-altered")'
ok "verify: the PDF figure's region covers the paint" overlaps "$T/v.json" 600 100 760 220
"$LT" --json verify "$T/pa-001.jpg" >"$T/v.json"
jq_ok "verify: a PDF copy's figure is genuine" "$T/v.json" '.verdict == "genuine"'

ok "the vault verifies" "$LT" log verify

finish
