#!/bin/sh
# photo_rates.sh - how often a phone photo of a printed page names its
# recipient, among 100 and among 10,000 recipients, and how long a trace
# of one photographed page takes end to end (process start included).
#
#   bench/photo_rates.sh BUILD [PHOTOS]
#
# Photos are made from issued PNG pages with the standard conditions varied
# per photo: rotation up to 5 degrees, perspective up to 15, Gaussian blur
# sigma 0.1 to 1.5 px, sensor noise, uneven light, JPEG quality 50, 1200 px
# long side.
set -eu
B=${1:-build-bench}
N=${2:-20}
LT="$PWD/$B/leaktrace"
PHOTO="$PWD/$B/tools/photosim"
D=$(mktemp -d "${TMPDIR:-/tmp}/leaktrace-photos.XXXXXX")
trap 'rm -rf "$D"' EXIT

run_rate() {
	recipients=$1
	export LEAKTRACE_VAULT="$D/v$recipients"
	"$LT" init >/dev/null
	"$LT" register samples/memo-budget.txt --id budget >/dev/null
	i=1
	while [ "$i" -le "$recipients" ]; do echo "Recipient $i"; i=$((i + 1)); done >"$D/names"
	"$LT" issue budget --recipients "$D/names" --out "$D/txt$recipients" >/dev/null
	named=0; wrong=0; k=0; t0=$(date +%s.%N)
	while [ "$k" -lt "$N" ]; do
		r=$(( (k * 7919) % recipients + 1 ))
		"$LT" issue budget --to "Recipient $r" --format png --out "$D/png" >/dev/null
		rot=$(( k % 11 - 5 )); persp=$(( (k * 3) % 16 ))
		"$PHOTO" "$D/png/budget-recipient-$r-p1.png" "$D/p.jpg" --seed "$k" \
			--rotate "$rot" --perspective "$persp" \
			--blur "$(( (k % 15 + 1) / 10 )).$(( (k % 15 + 1) % 10 ))" \
			--noise 3 --light 0.3 --quality 50 --max-side 1200
		"$LT" --json trace "$D/p.jpg" >"$D/t.json"
		a=$(jq -r '[.suspects[] | select(.accused) | .recipient] | join(",")' "$D/t.json")
		[ "$a" = "Recipient $r" ] && named=$((named + 1))
		[ -n "$a" ] && [ "$a" != "Recipient $r" ] && wrong=$((wrong + 1))
		k=$((k + 1))
	done
	t1=$(date +%s.%N)
	echo "photo of page 1 among $recipients recipients: named $named/$N, wrong $wrong;" \
		"$(echo "$t0 $t1 $N" | awk '{printf "%.2f", ($2 - $1) / $3}') s per photo (issue of one PNG, photo making and trace included)"
}

run_rate 100
run_rate 10000
