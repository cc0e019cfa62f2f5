#!/bin/sh
# make.sh - how the PDF original of the tests was made, with a real tool
# (LibreOffice Writer's PDF export), from two sample memos.  Run from the
# repository root: sh tests/data/pdf/make.sh.  The file is kept in the
# repository, so the tests need no LibreOffice to read it.
#
#   report.pdf  three pages of A4 from an HTML page (Writer's HTML import):
#               headings in Liberation Sans (bold), body text in Liberation
#               Serif, a table with ruled cells, and a bar chart (a PNG
#               made here) as a figure
set -eu
out=tests/data/pdf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import html, struct, sys, zlib

tmp = sys.argv[1]

def png(path, w, h, pixel):
    rows = b"".join(b"\0" + bytes(c for x in range(w) for c in pixel(x, y))
                    for y in range(h))
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(rows, 9)))
        f.write(chunk(b"IEND", b""))

bars = [48, 31, 40, 22, 35]
def chart(x, y):
    k, off = divmod(x, 60)
    if 10 <= off < 50 and y >= 200 - bars[k] * 4:
        return (40, 80 + 30 * k, 160)
    return (255, 255, 255) if y % 40 else (200, 200, 200)
png(tmp + "/chart.png", 300, 200, chart)

def paras(name):
    text = open("samples/" + name).read().strip().split("\n\n")
    return "\n".join("<p>%s</p>" % html.escape(p.replace("\n", " "))
                     for p in text)

page = """<html><head><meta charset="utf-8"><style>
body { font-family: 'Liberation Serif'; font-size: 11pt; }
h1, h2 { font-family: 'Liberation Sans'; font-weight: bold; }
td, th { border: 1px solid black; padding: 3px; font-family: 'Liberation Sans'; }
</style></head><body>
<h1>Capital budget and logistics</h1>
%s
<h2>Budget by region</h2>
<table border="1" cellpadding="3" cellspacing="0">
<tr><th>Region</th><th>Approved</th><th>Revised</th><th>Deferred projects</th></tr>
<tr><td>North</td><td>12.4</td><td>11.1</td><td>3</td></tr>
<tr><td>South</td><td>9.8</td><td>9.0</td><td>2</td></tr>
<tr><td>East</td><td>14.2</td><td>13.5</td><td>4</td></tr>
<tr><td>West</td><td>16.9</td><td>15.0</td><td>5</td></tr>
</table>
<p><img src="chart.png" width="300" height="200" alt="chart"></p>
<p>Figure 1. Spending by quarter, in millions.</p>
<h2>Logistics</h2>
%s
</body></html>""" % (paras("memo-budget.txt"), paras("memo-logistics.txt"))
open(tmp + "/report.html", "w").write(page)
PY
HOME=$tmp soffice --headless --infilter="HTML (StarWriter)" --convert-to pdf \
	--outdir "$tmp" "$tmp/report.html" >/dev/null 2>&1
cp "$tmp/report.pdf" "$out/report.pdf"
