#!/bin/sh
# make.sh - how the Word originals of the tests were made, with real tools
# (pandoc, LibreOffice), from the sample memos.  Run from the repository
# root: sh tests/data/docx/make.sh.  The files are kept in the repository,
# so the tests need neither tool to read them.
#
#   memo-security.docx  pandoc's Word writer (one run per paragraph, styles
#                       of its own)
#   memo-health.docx    LibreOffice Writer's Word export of an OpenDocument
#                       text (runs split where Writer splits them, its own
#                       settings, fonts and theme parts)
set -eu
out=tests/data/docx
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pandoc -f markdown -t docx samples/memo-security.txt -o "$out/memo-security.docx"
pandoc -f markdown -t odt samples/memo-health.txt -o "$tmp/memo-health.odt"
soffice --headless --convert-to docx:"MS Word 2007 XML" --outdir "$tmp" \
	"$tmp/memo-health.odt" >/dev/null 2>&1
cp "$tmp/memo-health.docx" "$out/memo-health.docx"
