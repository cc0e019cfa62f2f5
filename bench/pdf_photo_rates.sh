#!/bin/sh
# pdf_photo_rates.sh - how often a picture of one page of an own-look PDF
# copy (tests/data/pdf/report.pdf, three pages, issued to 100 recipients)
# names its recipient: scans at 150 and 300 dpi (pdftoppm) and phone
# photos (tools/photosim of the 300 dpi scan, 1640 px high) at blur 0.5,
# 1.0 and 1.5 px; and how many layout marks a page gives.
#
#   bench/pdf_photo_rates.sh BUILD [PICTURES]
#
# PICTURES pictures a condition (default 8), each of another recipient's
# copy and of the pages PAGES in turn (default "1 2": page 3 of the report
# has four lines of text and next to no marks); photos vary rotation (up to 4
# degrees) and perspective (up to 10), with sensor noise, uneven light and
# JPEG quality 60.  A picture counts as named when exactly its recipient
# is accused, as wrong when anybody else is.  About 3 s a picture on an
# idle machine (5 conditions x 8 pictures: about 3 minutes); not in make
# bench for that reason.
set -eu
B=${1:-build-bench}
N=${2:-8}
PDF=${PDF:-tests/data/pdf/report.pdf}
LT="$PWD/$B/leaktrace"
PHOTO="$PWD/$B/tools/photosim"
D=$(mktemp -d "${TMPDIR:-/tmp}/leaktrace-pdfphotos.XXXXXX")
trap 'rm -rf "$D"' EXIT
export LEAKTRACE_VAULT="$D/v"
"$LT" init >/dev/null
"$LT" --json register "$PDF" --id doc >"$D/reg.json"
i=1
while [ "$i" -le 100 ]; do echo "Recipient $i"; i=$((i + 1)); done >"$D/names"
"$LT" issue doc --recipients "$D/names" --out "$D/c" >/dev/null
set -- ${PAGES:-1 2}
npages=$#

# rate KIND ARG: KIND scan (ARG dpi) or photo (ARG blur).
rate() {
	named=0; wrong=0; k=0; layout=0; t0=$(date +%s.%N)
	while [ "$k" -lt "$N" ]; do
		r=$(( (k * 37 + 11) % 100 + 1 ))
		pg=$(echo "${PAGES:-1 2}" | awk -v i=$(( k % npages + 1 )) '{print $i}')
		rm -f "$D"/s-*.png
		if [ "$1" = scan ]; then
			pdftoppm -f "$pg" -l "$pg" -r "$2" -png "$D/c/doc-recipient-$r.pdf" "$D/s"
			pic=$(ls "$D"/s-*.png)
		else
			pdftoppm -f "$pg" -l "$pg" -r 300 -png "$D/c/doc-recipient-$r.pdf" "$D/s"
			"$PHOTO" "$(ls "$D"/s-*.png)" "$D/p.jpg" --seed "$k" \
				--rotate $(( k % 9 - 4 )) --perspective $(( (k * 3) % 11 )) \
				--blur "$2" --noise 3 --light 0.3 --quality 60 \
				--max-side 1640 --crop none
			pic="$D/p.jpg"
		fi
		"$LT" --json trace "$pic" >"$D/t.json"
		a=$(jq -r '[.suspects[] | select(.accused) | .recipient] | join(",")' "$D/t.json")
		[ "$a" = "Recipient $r" ] && named=$((named + 1))
		[ -n "$a" ] && [ "$a" != "Recipient $r" ] && wrong=$((wrong + 1))
		layout=$((layout + $(jq -r '.slots.layout // 0' "$D/t.json")))
		k=$((k + 1))
	done
	t1=$(date +%s.%N)
	if [ "$1" = scan ]; then what="scan at $2 dpi"; else what="photo, blur $2"; fi
	echo "PDF page, $what, among 100 recipients: named $named/$N, wrong $wrong;" \
		"layout marks read $(echo "$layout $N" | awk '{printf "%.1f", $1 / $2}') a page;" \
		"$(echo "$t0 $t1 $N" | awk '{printf "%.1f", ($2 - $1) / $3}') s a picture"
}

echo "layout slots of $PDF: $(jq '.capacity.layout' "$D/reg.json") on $(jq '.pages' "$D/reg.json") pages; pictured: pages ${PAGES:-1 2}"
for dpi in ${DPIS:-150 300}; do rate scan "$dpi"; done
for blur in ${BLURS:-0.5 1.0 1.5}; do rate photo "$blur"; done
