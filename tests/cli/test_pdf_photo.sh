#!/bin/sh
# test_pdf_photo.sh - pictures of pages of PDF copies in the original's
# own look: a scan of page 1 of a copy at 300 dpi (pdftoppm) names its
# recipient from the lines' layout marks; a scan at 150 dpi and a phone
# photo (tools/photosim) name it or nobody, never anyone else; the
# unmarked original scanned and photographed accuses nobody.
. tests/cli/lib.sh

P=tests/data/pdf/report.pdf
PHOTO="$TOOLS/photosim"
accused_is() {
	jq -r '[.suspects[] | select(.accused) | .recipient] | sort | join(",")' "$1"
}
# page1 PDF DPI OUT: page 1 of PDF as a PNG at DPI, named OUT.
page1() {
	pdftoppm -f 1 -l 1 -r "$2" -singlefile -png "$1" "$T/page" &&
		mv "$T/page.png" "$3"
}
# photo IN OUT SEED: a moderate phone photo of the page image IN.
photo() {
	"$PHOTO" "$1" "$2" --seed "$3" --rotate 2 --perspective 6 --blur 1.0 \
		--noise 3 --light 0.3 --quality 60 --max-side 1640 --crop none
}

"$LT" init >/dev/null || exit 1
"$LT" register "$P" --id report >/dev/null
i=1
while [ $i -le 20 ]; do
	echo "Officer $i"
	i=$((i + 1))
done >"$T/names.txt"
"$LT" issue report --recipients "$T/names.txt" --out "$T/c" >/dev/null

# A scan at 300 dpi: named, from the lines' marks alone.
page1 "$T/c/report-officer-7.pdf" 300 "$T/s300.png"
"$LT" --json trace "$T/s300.png" >"$T/t300.json"
jq_ok "a 300 dpi scan of a copy's page is the document" "$T/t300.json" \
	'.document == "report" and .slots.layout >= 20 and .slots.lexical == 0'
ok "a 300 dpi scan names its recipient ($(accused_is "$T/t300.json"))" \
	test "$(accused_is "$T/t300.json")" = "Officer 7"

# A scan at 150 dpi and a photo: the recipient or nobody.
page1 "$T/c/report-officer-12.pdf" 150 "$T/s150.png"
"$LT" --json trace "$T/s150.png" >"$T/t150.json"
a=$(accused_is "$T/t150.json")
ok "a 150 dpi scan: its recipient or nobody ($a)" \
	test -z "$a" -o "$a" = "Officer 12"
page1 "$T/c/report-officer-3.pdf" 300 "$T/s3.png"
photo "$T/s3.png" "$T/p3.jpg" 5
"$LT" --json trace "$T/p3.jpg" >"$T/tp.json"
a=$(accused_is "$T/tp.json")
ok "a phone photo: its recipient or nobody ($a)" \
	test -z "$a" -o "$a" = "Officer 3"
jq_ok "a phone photo: some marks read" "$T/tp.json" '.slots.layout > 0'

# The unmarked original, scanned and photographed: nobody.
page1 "$P" 300 "$T/o300.png"
"$LT" --json trace "$T/o300.png" >"$T/to.json"
jq_ok "the original scanned accuses nobody" "$T/to.json" \
	'.document == "report" and ([.suspects[] | select(.accused)] | length) == 0'
photo "$T/o300.png" "$T/o.jpg" 9
"$LT" --json trace "$T/o.jpg" >"$T/toj.json"
jq_ok "the original photographed accuses nobody" "$T/toj.json" \
	'([.suspects[] | select(.accused)] | length) == 0'

finish
