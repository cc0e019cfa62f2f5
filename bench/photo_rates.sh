#!/bin/sh
# photo_rates.sh - how often a phone photo of a printed page names its
# recipient, among 100 and among 10,000 recipients, at blur 0.5, 1.0 and
# 1.5 px, and how many of the page's layout slots were read; and how long
# a trace of one photographed page takes end to end (process start
# included).
#
#   bench/photo_rates.sh BUILD [PHOTOS] [RECIPIENTS...]
#
# PHOTOS photos a blur (default 10) of page 1 of samples/memo-budget.txt,
# each of another recipient's copy, with the standard conditions varied per
# photo: rotation up to 5 degrees, perspective up to 15, the blur given,
# sensor noise, uneven light, JPEG quality 50, 1200 px wide (1640 px high;
# PHOTO_SIDE changes the long side: 1200 is a photo 880 px wide; BLURS the
# blurs; HALF=1 photographs half the page, the top and the bottom half in
# turn).  A photo
# counts as named when exactly its recipient is accused, as wrong when
# anybody else is.
set -eu
B=${1:-build-bench}
N=${2:-10}
shift 2 2>/dev/null || shift $#
SIZES=${*:-100 10000}
SIDE=${PHOTO_SIDE:-1640}
BLURS=${BLURS:-0.5 1.0 1.5}
LT="$PWD/$B/leaktrace"
PHOTO="$PWD/$B/tools/photosim"
D=$(mktemp -d "${TMPDIR:-/tmp}/leaktrace-photos.XXXXXX")
trap 'rm -rf "$D"' EXIT

# The PNG of page 1 of a copy (a one-page copy has no page suffix).
page1() {
	if [ -f "$D/png/$1-p1.png" ]; then echo "$D/png/$1-p1.png"; else echo "$D/png/$1.png"; fi
}

run_rate() {
	recipients=$1
	blur=$2
	export LEAKTRACE_VAULT="$D/v$recipients"
	if [ ! -d "$LEAKTRACE_VAULT" ]; then
		"$LT" init >/dev/null
		"$LT" register samples/memo-budget.txt --id budget >/dev/null
		i=1
		while [ "$i" -le "$recipients" ]; do echo "Recipient $i"; i=$((i + 1)); done >"$D/names"
		"$LT" issue budget --recipients "$D/names" --out "$D/txt$recipients" >/dev/null
	fi
	named=0; wrong=0; k=0; layout=0; total=0; t0=$(date +%s.%N)
	while [ "$k" -lt "$N" ]; do
		r=$(( (k * 7919 + 13) % recipients + 1 ))
		rm -rf "$D/png"
		"$LT" issue budget --to "Recipient $r" --format png --out "$D/png" >/dev/null
		rot=$(( k % 11 - 5 )); persp=$(( (k * 3) % 16 ))
		crop=none
		if [ -n "${HALF:-}" ]; then
			if [ $((k % 2)) -eq 0 ]; then crop=top; else crop=bottom; fi
		fi
		"$PHOTO" "$(page1 "budget-recipient-$r")" "$D/p.jpg" --seed "$k$recipients" \
			--rotate "$rot" --perspective "$persp" --blur "$blur" \
			--noise 3 --light 0.3 --quality 50 --max-side "$SIDE" \
			--crop "$crop"
		"$LT" --json trace "$D/p.jpg" >"$D/t.json"
		a=$(jq -r '[.suspects[] | select(.accused) | .recipient] | join(",")' "$D/t.json")
		[ "$a" = "Recipient $r" ] && named=$((named + 1))
		[ -n "$a" ] && [ "$a" != "Recipient $r" ] && wrong=$((wrong + 1))
		layout=$((layout + $(jq -r '.slots.layout // 0' "$D/t.json")))
		k=$((k + 1))
	done
	t1=$(date +%s.%N)
	echo "photo of ${HALF:+half of }page 1 ($SIDE px high), blur $blur, among $recipients recipients: named $named/$N," \
		"wrong $wrong; layout slots read $(echo "$layout $N" | awk '{printf "%.1f", $1 / $2}')" \
		"a photo; $(echo "$t0 $t1 $N" | awk '{printf "%.2f", ($2 - $1) / $3}') s per photo" \
		"(issue of one PNG, photo making and trace included)"
}

for n in $SIZES; do
	for blur in $BLURS; do
		run_rate "$n" "$blur"
	done
done
