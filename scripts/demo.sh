#!/bin/sh
# demo.sh - leaktrace's story in the terminal: a vault, a memo whose
# suggested marks the author approves, fifty recipients, a leaked excerpt
# retyped with typos, and trace naming whose copy it was.
#
#   scripts/demo.sh [path/to/leaktrace]
set -eu

LT=${1:-build/leaktrace}
SIM=$(dirname "$LT")/tools/leaksim
DIR=$(mktemp -d "${TMPDIR:-/tmp}/leaktrace-demo.XXXXXX")
trap 'rm -rf "$DIR"' EXIT
export LEAKTRACE_VAULT="$DIR/vault"

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

say "1. The organisation creates a vault (database + secret key)."
run "$LT" init

say "2. It registers a memo; leaktrace finds where the text can be marked."
run "$LT" register samples/memo-budget.txt --id budget-2024 --title "Revised capital budget"
echo "Default marks are those a strict editor of the memo's own house style"
echo "accepts anywhere; the others (synonyms, contractions, dates, ...) are only"
echo "suggested, and issue uses one only once the author approves it. The first"
echo "suggestions, with their context:"
"$LT" slots budget-2024 --suggested | sed -n '3,11p'

say "2b. The author reads the suggestions and approves them (here all at once;"
printf '    one by one with --approve N..., or --reject N... those that do not fit).\n'
run "$LT" slots budget-2024 --approve-all
echo "A few of the marks issue now uses:"
"$LT" slots budget-2024 | sed -n '6,$p' | grep -v ' nbsp ' | head -8

say "3. Fifty recipients each get an individually marked copy."
run "$LT" issue budget-2024 --recipients samples/recipients.txt --out "$DIR/copies" | head -6
echo "Two copies read the same; here is how two of them differ:"
A=$(ls "$DIR"/copies/*.txt | sed -n 1p)
B=$(ls "$DIR"/copies/*.txt | sed -n 2p)
diff "$A" "$B" | grep '^[<>]' | head -6 || true

LEAKER=$(sed -n '/^[^#]/p' samples/recipients.txt | sed -n 23p)
SLUG=$(echo "$LEAKER" | tr 'A-Z' 'a-z' | sed 's/[^a-z0-9][^a-z0-9]*/-/g; s/-$//')
say "4. Weeks later part of the memo turns up on a forum, retyped with typos."
"$SIM" excerpt "$DIR/copies/budget-2024-$SLUG.txt" 3 5 >"$DIR/excerpt.txt"
"$SIM" retype "$DIR/excerpt.txt" 2024 0.005 >"$DIR/leak.txt"
fold -s -w 78 "$DIR/leak.txt"

say "5. trace: which document is it, and whose copy?"
run "$LT" trace "$DIR/leak.txt"

say "6. The original itself, and an unrelated text, accuse nobody."
run "$LT" trace samples/memo-budget.txt | tail -2
run "$LT" trace samples/unrelated.txt

say "7. Another copy circulates with the budget figure changed: is it genuine?"
sed 's/\$48\.6/$58.6/' "$DIR/copies/budget-2024-$SLUG.txt" >"$DIR/circulating.txt"
run "$LT" verify "$DIR/circulating.txt"

say "8. A printed copy is photographed with a phone (tilted, blurred, JPEG, 1200 px)."
PHOTO=$(dirname "$LT")/tools/photosim
PRINTED=$(sed -n '/^[^#]/p' samples/recipients.txt | sed -n 7p)
run "$LT" issue budget-2024 --to "$PRINTED" --format png --out "$DIR/print" >/dev/null
# (a one-page copy is one PNG; a longer one has -p1, -p2, ...)
PAGE=$(ls "$DIR"/print/*-p1.png 2>/dev/null | head -1)
[ -n "$PAGE" ] || PAGE=$(ls "$DIR"/print/*.png | head -1)
"$PHOTO" "$PAGE" "$DIR/photo.jpg" --seed 7 --rotate 3 \
	--perspective 8 --blur 1.0 --noise 3 --light 0.3 --quality 50 --max-side 1200
run "$LT" trace "$DIR/photo.jpg"
printf '(That page was printed for %s.)\n' "$PRINTED"

say "9. A Word original: its copies are Word documents, and one names its recipient."
run "$LT" register tests/data/docx/memo-health.docx --id circular-2024-08 | head -2
"$LT" slots circular-2024-08 --approve-all >/dev/null
run "$LT" issue circular-2024-08 --recipients samples/recipients.txt --out "$DIR/word" | head -3
WORD=$(ls "$DIR"/word/*.docx | sed -n 12p)
run "$LT" trace "$WORD" | grep -E "ACCUSED|Verdict"
printf '(That Word copy is %s.)\n' "$(basename "$WORD")"

say "10. A PDF original: its copies keep its own look, marked by sub-point moves of its lines."
run "$LT" register tests/data/pdf/report.pdf --id report-q3 | grep -E "^[$]|Registered|own look"
run "$LT" issue report-q3 --recipients samples/recipients.txt --out "$DIR/pdf" | head -3
OWN=$(ls "$DIR"/pdf/*.pdf | sed -n 23p)
run "$LT" trace "$OWN" | grep -E "ACCUSED|Verdict"
printf '(That PDF copy is %s.)\n' "$(basename "$OWN")"

say "11. A chart: each copy carries an invisible pattern; a photo of one names its holder."
run "$LT" register tests/data/images/figure.png --id chart-q3 | head -2
run "$LT" issue chart-q3 --recipients samples/recipients.txt --out "$DIR/chart" | head -3
CHART=$(ls "$DIR"/chart/*.png | sed -n 31p)
"$PHOTO" "$CHART" "$DIR/chart-photo.jpg" --seed 11 --rotate 2 \
	--perspective 6 --blur 1.0 --noise 3 --light 0.3 --quality 60 --max-side 1200
run "$LT" trace "$DIR/chart-photo.jpg" | grep -E "ACCUSED|Verdict"
printf '(That chart was issued as %s.)\n' "$(basename "$CHART")"

say "12. Everything above is in the tamper-evident ledger."
run "$LT" log verify

printf '\n(The leaked copy was issued to %s.)\n' "$LEAKER"
