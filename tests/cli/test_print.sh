#!/bin/sh
# test_print.sh - printed and photographed copies end to end: issue PDF and
# PNG pages, then trace and verify the PDF itself, a screenshot-like page,
# phone photos (rotation, perspective, blur sigma 0.5 to 1.5 px, noise,
# uneven light, JPEG 50, 1200 px wide) of ragged and justified pages and a
# half-page crop.  The right
# recipient is named where the marks suffice, and nobody else ever is.
#
# The layout marks are below perception (render.h: 0.14 pt lines, 0.23 pt
# words); a photo 1200 px wide reads them at blur up to 1 px, hardly at
# 1.5 px (bench/photo_rates.sh has the rates), so the photos below are
# counted by blur and only the sharper ones must name their recipient.
. tests/cli/lib.sh

MEMO="$SAMPLES/memo-budget.txt"
PHOTO="$TOOLS/photosim"
"$LT" init >/dev/null || exit 1
"$LT" register "$MEMO" --id budget >/dev/null || exit 1
# Every suggested mark approved: this test is about printing, not about
# which marks are safe by default.
"$LT" slots budget --approve-all >/dev/null || exit 1
i=1
while [ $i -le 100 ]; do echo "Officer $i"; i=$((i + 1)); done >"$T/names.txt"
"$LT" issue budget --recipients "$T/names.txt" --format pdf --out "$T/pdf" \
	--banner "SECRET//NOFORN" >/dev/null || exit 1
for n in 17 18 41 63 88; do
	"$LT" issue budget --to "Officer $n" --format png --out "$T/png" >/dev/null || exit 1
done

# page1 COPY: the PNG of page 1 of a copy (a one-page copy has no page
# suffix).
page1() {
	if [ -f "$T/png/$1-p1.png" ]; then echo "$T/png/$1-p1.png"; else echo "$T/png/$1.png"; fi
}

# accused NAME FILE: exactly NAME is accused.  never_wrong NAME FILE:
# nobody but NAME is accused.
accused() {
	[ "$(jq -r '[.suspects[] | select(.accused) | .recipient] | join(",")' "$2")" = "$1" ]
}
never_wrong() {
	[ "$(jq -r --arg n "$1" '[.suspects[] | select(.accused and .recipient != $n)] | length' "$2")" = 0 ]
}

# The PDF file itself: text layer and exact word positions.
"$LT" --json trace "$T/pdf/budget-officer-17.pdf" >"$T/t-pdf.json"
ok "PDF names its recipient" accused "Officer 17" "$T/t-pdf.json"
# Few lexical marks are on by default (the rest wait for the author's
# review): the page's own marks carry a printed copy.
jq_ok "PDF layout marks read" "$T/t-pdf.json" '.slots.layout > 40 and .slots.lexical > 0 and .slots.typographic == 0'
"$LT" --json verify "$T/pdf/budget-officer-17.pdf" >"$T/v-pdf.json"
jq_ok "PDF copy genuine, byte for byte" "$T/v-pdf.json" '.verdict == "genuine" and .exact == true and .recipient == "Officer 17"'
cp "$T/pdf/budget-officer-17.pdf" "$T/resaved.pdf"
printf '\n%% re-saved\n' >>"$T/resaved.pdf"
"$LT" --json verify "$T/resaved.pdf" >"$T/v-pdf2.json"
jq_ok "re-saved PDF genuine through its text" "$T/v-pdf2.json" '.verdict == "genuine" and .exact == false'

# A screenshot-like page: the PNG as issued.
"$LT" --json trace "$(page1 budget-officer-18)" >"$T/t-png.json"
ok "screenshot names its recipient" accused "Officer 18" "$T/t-png.json"
jq_ok "screenshot layout marks read" "$T/t-png.json" '.slots.layout > 20'

# Phone photos of page 1 under the standard conditions, 1200 px wide (1640
# px high), from sharp to blurred (Gaussian sigma 0.5, 1.0, 1.5 px).
named=0; total=0; sharp=0
for n in 17 18 41 63 88; do
	for seed in 1 2 3; do
		case $seed in 1) blur=0.5 ;; 2) blur=1.0 ;; *) blur=1.5 ;; esac
		"$PHOTO" "$(page1 "budget-officer-$n")" "$T/photo.jpg" --seed "$seed$n" \
			--rotate $((seed + 1)) --perspective $((seed * 2 + 4)) \
			--blur $blur --noise 3 --light 0.3 --quality 50 --max-side 1640 || exit 1
		"$LT" --json trace "$T/photo.jpg" >"$T/t-photo.json"
		total=$((total + 1))
		if accused "Officer $n" "$T/t-photo.json"; then
			named=$((named + 1))
			[ $seed -le 2 ] && sharp=$((sharp + 1))
		else
			echo "not named: Officer $n, seed $seed, blur $blur ($(jq -r .verdict "$T/t-photo.json"))"
		fi
		ok "photo of Officer $n's copy (seed $seed, blur $blur): nobody else accused" \
			never_wrong "Officer $n" "$T/t-photo.json"
	done
done
echo "phone photos: $named/$total named the right recipient ($sharp/10 at blur 0.5 and 1.0)"
ok "phone photos at blur up to 1 px name the recipient in >= 8 of 10 ($sharp)" test "$sharp" -ge 8
genuine=0
for n in 17 18 41 63 88; do
	"$PHOTO" "$(page1 "budget-officer-$n")" "$T/photo.jpg" --seed "$n" \
		--rotate 3 --perspective 8 --blur 0.8 --noise 3 --light 0.3 \
		--quality 50 --max-side 1640 || exit 1
	"$LT" --json verify "$T/photo.jpg" >"$T/v-photo.json"
	jq -e '.verdict == "genuine" and .document == "budget"' "$T/v-photo.json" \
		>/dev/null && genuine=$((genuine + 1))
done
echo "untouched photos verified genuine: $genuine/5"
ok "untouched photographed copies genuine (>= 4 of 5: $genuine)" test "$genuine" -ge 4

# Justified pages: the same plan, so a trace reads the marks of their
# photos as well (it tells a justified page by its lines' widths).
for n in 29 52; do
	"$LT" issue budget --to "Officer $n" --format png --justify --out "$T/just" \
		>/dev/null || exit 1
	for seed in 1 2; do
		case $seed in 1) blur=0.5 ;; *) blur=1.0 ;; esac
		"$PHOTO" "$T/just/budget-officer-$n.png" "$T/photo.jpg" --seed "$seed$n" \
			--rotate $((seed + 1)) --perspective $((seed * 2 + 4)) \
			--blur $blur --noise 3 --light 0.3 --quality 50 \
			--max-side 1640 || exit 1
		"$LT" --json trace "$T/photo.jpg" >"$T/t-just.json"
		ok "photo of Officer $n's justified copy (blur $blur) names its recipient" \
			accused "Officer $n" "$T/t-just.json"
	done
done

# Half a page: traced from what is visible, never a guess.
for half in top bottom; do
	"$PHOTO" "$(page1 budget-officer-41)" "$T/crop.jpg" --seed 5 --rotate 2 \
		--perspective 6 --blur 0.6 --noise 2 --quality 50 --max-side 1640 \
		--crop "$half" || exit 1
	"$LT" --json trace "$T/crop.jpg" >"$T/t-crop.json"
	ok "$half half: nobody else accused" never_wrong "Officer 41" "$T/t-crop.json"
	jq_ok "$half half: document found" "$T/t-crop.json" '.document == "budget"'
done

# A photo of something else entirely.
head -c 2000 "$T/photo.jpg" >"$T/truncated.jpg"
expect_exit 2 "truncated photo refused" "$LT" trace "$T/truncated.jpg"
printf 'not a pdf' >"$T/fake.pdf"
expect_exit 2 "a .pdf that is not a PDF is refused" "$LT" trace "$T/fake.pdf"
ok "refusal says why" grep -q "not a PDF" "$T/last.err"

finish
