#!/bin/sh
# test_report.sh - the report through the CLI and a real browser: register
# a memo, issue copies, plant excerpts of issued copies in copies of the
# shared exports (one with a hostile author name, one with a number
# changed), scan, write the report, then load it in headless Chromium:
# the rendered DOM must hold the timeline with one `sighting` mark per
# sighting in the vault, exactly one `first` mark on the earliest one, the
# takedown rows, the changed words, and no script; the screenshot must be
# a real picture.  An empty vault gives a page that says so.
. tests/cli/lib.sh

EXPORTS="${LEAKTRACE_SHARED_DATA:-../shared/data}/exports"
if [ ! -f "$EXPORTS/discord-channel.json" ]; then
	echo "FAIL: shared export samples not found in $EXPORTS (set LEAKTRACE_SHARED_DATA)"
	exit 1
fi
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
	echo "FAIL: chromium not found: the report test renders the page in headless Chromium (scripts/install-deps.sh installs it)"
	exit 1
fi

# chromium_run OUTFILE ARGS...: headless Chromium, bounded in time, with a
# throw-away profile and no network activity of its own.
chromium_run() {
	out=$1
	shift
	profile=$(mktemp -d "$T/chromium.XXXXXX")
	timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$profile" "$@" >"$out" 2>"$T/chromium.err"
}

"$LT" init >/dev/null || exit 1
"$LT" register "$SAMPLES/memo-budget.txt" --id budget >/dev/null || exit 1
"$LT" register "$SAMPLES/memo-audit.txt" --id audit >/dev/null || exit 1
# Every suggested mark approved: this test is about the report, not about
# which marks are safe by default.
"$LT" slots budget --approve-all >/dev/null || exit 1
"$LT" slots audit --approve-all >/dev/null || exit 1
i=1
while [ $i -le 20 ]; do echo "Officer $i"; i=$((i + 1)); done >"$T/names.txt"
"$LT" issue budget --recipients "$T/names.txt" --out "$T/copies" >/dev/null || exit 1

# An empty report first: no sightings yet.
expect_exit 0 "report with no sightings" "$LT" --json report --out "$T/empty.html"
jq_ok "empty report json" "$T/last.out" \
	'.sightings == 0 and .documents == 0 and .registered == 2 and (.report | endswith("empty.html"))'
ok "empty report says so" grep -q 'id="no-sightings"' "$T/empty.html"
ok "empty report has no marks" sh -c "! grep -q 'class=\"sighting' '$T/empty.html'"

cp -r "$EXPORTS" "$T/ex"
chmod -R u+w "$T/ex"
# Plant: copy 7 whole in a Discord message whose author's name is hostile
# markup, an excerpt of copy 12 in the next one, excerpts of copy 7 in two
# Telegram posts (one with the budget figure changed), a retyped excerpt in
# a tweet, and copy 7 in a folder.
python3 - "$T/copies/budget-officer-7.txt" "$T/copies/budget-officer-12.txt" "$T/ex" <<'PY'
import json, sys
c7 = open(sys.argv[1]).read()
c12 = open(sys.argv[2]).read()
w7, w12 = c7.split(), c12.split()
ex = sys.argv[3]
d = json.load(open(ex + "/discord-channel.json"))
d["messages"][1]["content"] = "here it is:\n" + c7
d["messages"][1]["author"]["name"] = "<script>alert('x')</script> & \"co\""
d["messages"][1]["author"]["nickname"] = d["messages"][1]["author"]["name"]
d["messages"][2]["content"] = " ".join(w12[200:300])
json.dump(d, open(ex + "/discord-channel.json", "w"), indent=2)
t = json.load(open(ex + "/telegram-channel/result.json"))
t["messages"][2]["text"] = " ".join(w7[150:230])
altered = " ".join(w7[0:110]).replace("$48.6", "$84.6")
assert "$84.6" in altered
t["messages"][4]["text"] = ["Leaked: ", {"type": "bold", "text": altered}]
json.dump(t, open(ex + "/telegram-channel/result.json", "w"), indent=1)
js = open(ex + "/x-archive/data/tweets.js").read()
prefix, body = js.split("=", 1)
x = json.loads(body)
typed = " ".join(w if i % 9 else w[:1] + w[2:] for i, w in enumerate(w7[300:370]))
x[0]["tweet"]["full_text"] = typed
open(ex + "/x-archive/data/tweets.js", "w").write(prefix + "= " + json.dumps(x, indent=2))
PY
mkdir -p "$T/dump"
cp "$T/copies/budget-officer-7.txt" "$T/dump/notes.txt"

"$LT" --json scan "$T/ex/discord-channel.json" "$T/ex/telegram-channel" \
	"$T/ex/x-archive" "$T/dump" >"$T/scan.json" || { echo "FAIL: scan"; exit 1; }
"$LT" --json sightings >"$T/sightings.json" || { echo "FAIL: sightings"; exit 1; }
N=$(jq '.sightings | length' "$T/sightings.json")
jq_ok "at least five sightings on four platforms" "$T/sightings.json" \
	'(.sightings | length) >= 5 and ([.sightings[].platform] | unique | length) == 4'

# The scanner verified every sighting: the altered post shows its change.
jq_ok "sightings verified by the scanner" "$T/sightings.json" \
	'all(.sightings[]; (.verify.verdict | type) == "string") and any(.sightings[]; .verify.verdict == "altered")'

expect_exit 0 "report" "$LT" --json report --out "$T/report.html"
cp "$T/last.out" "$T/report.json"
jq_ok "report json" "$T/report.json" \
	".sightings == $N and .documents == 1 and .registered == 2 and .report == \"$T/report.html\""
ok "no temporary file left" sh -c "[ -z \"\$(ls '$T' | grep 'report.html.tmp')\" ]"
ok "hostile name escaped" grep -q '&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;' "$T/report.html"
ok "no script in the page" sh -c "! grep -qi '<script' '$T/report.html'"
python3 - "$T/report.html" >"$T/fetch.check" <<'PY'
import re, sys
page = open(sys.argv[1]).read()
refs = re.findall(r'\s(src|href|xlink:href|srcset|action)\s*=\s*"([^"]*)"', page, re.I)
bad = [r for r in refs if r[0].lower() != "href" or not re.match(r"(#|https?://)", r[1])]
bad += re.findall(r"url\(|@import|<link|<img|<iframe|<object|<embed", page, re.I)
print("ok" if not bad else "bad %r" % bad[:5])
PY
ok "nothing to fetch, only http(s) links" grep -qx ok "$T/fetch.check"
ok "vault summary" grep -q '<dt>Copies issued</dt><dd>20</dd>' "$T/report.html"

# Render it.
chromium_run "$T/dom.html" --dump-dom "file://$T/report.html"
rc=$?
if [ $rc -ne 0 ] || [ ! -s "$T/dom.html" ]; then
	FAIL=$((FAIL + 1))
	echo "FAIL: chromium --dump-dom (exit $rc)"
	sed 's/^/    /' "$T/chromium.err" | tail -5
fi
python3 - "$T/dom.html" "$T/sightings.json" "$N" >"$T/dom.check" <<'PY'
import json, sys
from html.parser import HTMLParser

class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.marks, self.first = [], [], []
        self.rows = self.scripts = self.svgs = self.copies = 0
        self.dels, self.ins, self.text = [], [], None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        in_svg = "svg" in self.stack
        if tag == "svg" and "chart" in cls:
            self.svgs += 1
        if tag == "script":
            self.scripts += 1
        if in_svg and "sighting" in cls:
            self.marks.append(a)
            if "first" in cls:
                self.first.append(a)
        if tag == "tr" and "takedown-row" in cls:
            self.rows += 1
        if tag == "tr" and "copy" in cls:
            self.copies += 1
        if tag == "del" and "original" in cls:
            self.text = self.dels
        if tag == "ins" and "found" in cls:
            self.text = self.ins
        if tag not in ("circle", "line", "rect", "meta", "br", "path"):
            self.stack.append(tag)
    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass
        if tag in ("del", "ins"):
            self.text = None
    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)

dom = Dom()
dom.feed(open(sys.argv[1]).read())
sightings = json.load(open(sys.argv[2]))["sightings"]
n = int(sys.argv[3])
timed = [s for s in sightings if s["posted_at"]]
earliest = min(timed, key=lambda s: (s["posted_at"], s["id"]))
def check(name, cond):
    print(("ok " if cond else "FAIL ") + name)
check("one chart", dom.svgs == 1)
check("one mark per sighting (%d marks, %d sightings)" % (len(dom.marks), n), len(dom.marks) == n)
check("one first mark", len(dom.first) == 1)
check("first mark is the earliest posted", dom.first and dom.first[0].get("data-id") == str(earliest["id"]))
check("takedown rows (%d)" % dom.rows, dom.rows == n)
check("copies traced table", dom.copies >= 1)
check("no script element", dom.scripts == 0)
check("changed words shown", "48" in "".join(dom.dels) and "84" in "".join(dom.ins))
PY
while read -r verdict name; do
	if [ "$verdict" = ok ]; then
		PASS=$((PASS + 1))
	else
		FAIL=$((FAIL + 1))
		echo "FAIL: rendered DOM: $name"
	fi
done <"$T/dom.check"
[ -s "$T/dom.check" ] || { FAIL=$((FAIL + 1)); echo "FAIL: DOM check did not run"; }
ok "rendered DOM names the traced recipient" grep -q "Officer 7" "$T/dom.html"
ok "rendered DOM links the Discord message" grep -q 'href="https://discord.com/channels/' "$T/dom.html"

chromium_run "$T/shot.out" --screenshot="$T/shot.png" --window-size=1280,2000 \
	"file://$T/report.html"
python3 - "$T/shot.png" >"$T/png.check" <<'PY'
import struct, sys
try:
    data = open(sys.argv[1], "rb").read()
except OSError:
    print("missing"); sys.exit()
ok = data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
w, h = struct.unpack(">II", data[16:24]) if ok else (0, 0)
print("ok" if ok and w == 1280 and h == 2000 and len(data) > 40000 else
      "bad %dx%d %d bytes" % (w, h, len(data)))
PY
ok "screenshot is a 1280x2000 PNG with content" grep -qx ok "$T/png.check"
[ "${KEEP_REPORT:-}" ] && cp "$T/report.html" "$T/shot.png" "$KEEP_REPORT/"

# One document only; errors.
expect_exit 0 "report of one document" "$LT" --json report budget --out "$T/budget.html"
jq_ok "one document's report" "$T/last.out" ".documents == 1 and .sightings == $N"
expect_exit 0 "report of a document with no sightings" "$LT" report audit --out "$T/audit.html"
ok "no sightings of the audit memo" grep -q 'id="no-sightings"' "$T/audit.html"
expect_exit 2 "unknown document" "$LT" report nosuch --out "$T/nosuch.html"
ok "nothing written for an unknown document" sh -c "[ ! -e '$T/nosuch.html' ]"
expect_exit 2 "unknown option" "$LT" report --bogus
expect_exit 2 "--out needs a value" "$LT" report --out
expect_exit 2 "unwritable destination" "$LT" report --out "$T/no/such/dir/r.html"
(cd "$T" && "$LT" report >/dev/null 2>&1)
ok "default file name" test -s "$T/leaktrace-report.html"
expect_exit 3 "missing vault" "$LT" --vault "$T/none" report --out "$T/x.html"

finish
