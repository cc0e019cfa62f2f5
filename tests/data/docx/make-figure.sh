#!/bin/sh
# make-figure.sh - how memo-figure.docx and ../pdf/memo-figure.pdf were
# made.  The Word file: pandoc's Word writer, the security memo with two
# figures for the embedded-figure marks,
#
#   word/media/<sha>.png  tests/data/images/figure.png as it is (1000 x 700)
#   word/media/<sha>.jpg  another drawing of the test figure (seed 2,
#                         800 x 560) written as JPEG at quality 92
#
# The PDF: LibreOffice Writer's PDF export of that Word file (three pages
# of A4; both figures written as JPEG image XObjects, DCTDecode).
# Run from the repository root after `make BUILD=build-dev tools`:
#   sh tests/data/docx/make-figure.sh [BUILD]
# The files are kept in the repository, so the tests need no tool to read
# them.
set -eu
build=${1:-build-dev}
out=tests/data/docx
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp tests/data/images/figure.png "$tmp/figure-a.png"
"$build/tools/figure" "$tmp/figure-b.png" --width 800 --height 560 --seed 2
"$build/tools/rescale" "$tmp/figure-b.png" "$tmp/figure-b.jpg" --scale 1 \
	--quality 92
{
	sed -n '1,20p' samples/memo-security.txt
	printf '\n![Incidents by week](figure-a.png)\n\n'
	sed -n '21,$p' samples/memo-security.txt
	printf '\n![Sites affected](figure-b.jpg)\n'
} > "$tmp/memo-figure.md"
(cd "$tmp" && pandoc -f markdown -t docx memo-figure.md -o memo-figure.docx)
cp "$tmp/memo-figure.docx" "$out/memo-figure.docx"
HOME="$tmp" soffice --headless --convert-to pdf --outdir "$tmp" \
	"$out/memo-figure.docx" >/dev/null 2>&1
cp "$tmp/memo-figure.pdf" tests/data/pdf/memo-figure.pdf
