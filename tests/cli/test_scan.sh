#!/bin/sh
# test_scan.sh - the spread story through the CLI: register a memo, issue
# copies, plant an excerpt of one copy in copies of the shared exports and
# in a folder, scan, check the sightings and the traced recipient; a
# rescan adds nothing; --csv is the takedown list; a broken export exits 2
# and leaves the vault as it was.
. tests/cli/lib.sh

EXPORTS="${LEAKTRACE_SHARED_DATA:-../shared/data}/exports"
if [ ! -f "$EXPORTS/discord-channel.json" ]; then
	echo "FAIL: shared export samples not found in $EXPORTS (set LEAKTRACE_SHARED_DATA)"
	exit 1
fi

"$LT" init >/dev/null || exit 1
"$LT" register "$SAMPLES/memo-budget.txt" --id budget >/dev/null || exit 1
"$LT" register "$SAMPLES/memo-audit.txt" --id audit >/dev/null || exit 1
# Every suggested mark approved: this test is about the spread, not about
# which marks are safe by default.
"$LT" slots budget --approve-all >/dev/null || exit 1
"$LT" slots audit --approve-all >/dev/null || exit 1
i=1
while [ $i -le 20 ]; do echo "Officer $i"; i=$((i + 1)); done >"$T/names.txt"
"$LT" issue budget --recipients "$T/names.txt" --out "$T/copies" >/dev/null || exit 1
C7="$T/copies/budget-officer-7.txt"

cp -r "$EXPORTS" "$T/ex"
chmod -R u+w "$T/ex"
# Plant: the whole copy 7 pasted in a Discord reply, a 60-word excerpt of
# it in a Telegram post, a retyped excerpt in a tweet, the copy in a folder.
python3 - "$C7" "$T/ex" <<'PY'
import json, sys
copy = open(sys.argv[1]).read()
words = copy.split()
ex = sys.argv[2]
d = json.load(open(ex + "/discord-channel.json"))
d["messages"][1]["content"] = "here it is:\n" + copy
json.dump(d, open(ex + "/discord-channel.json", "w"), indent=2)
t = json.load(open(ex + "/telegram-channel/result.json"))
t["messages"][4]["text"] = ["Leaked: ", {"type": "bold", "text": " ".join(words[150:210])}]
json.dump(t, open(ex + "/telegram-channel/result.json", "w"), indent=1)
js = open(ex + "/x-archive/data/tweets.js").read()
prefix, body = js.split("=", 1)
x = json.loads(body)
typed = " ".join(w if i % 9 else w[:1] + w[2:] for i, w in enumerate(words[300:370]))
x[0]["tweet"]["full_text"] = typed
open(ex + "/x-archive/data/tweets.js", "w").write(prefix + "= " + json.dumps(x, indent=2))
PY
mkdir -p "$T/dump/sub"
cp "$C7" "$T/dump/sub/notes.txt"
cp "$SAMPLES/unrelated.txt" "$T/dump/garden.txt"

"$LT" --json scan "$T/ex/discord-channel.json" "$T/ex/telegram-channel" \
	"$T/ex/x-archive" "$T/dump" >"$T/scan1.json"
jq_ok "scan finds four sightings, all new" "$T/scan1.json" \
	'(.sightings | length) == 4 and all(.sightings[]; .new == true and .document == "budget")'
jq_ok "discord sighting fields" "$T/scan1.json" \
	'[.sightings[] | select(.platform == "discord")][0] | .channel == "general" and .message == "1080224102553919538" and .author == "lurker42" and .posted_at == "2023-03-01T17:04:34Z" and (.url | startswith("https://discord.com/channels/")) and .similarity > 0.9'
jq_ok "full copy traced to Officer 7" "$T/scan1.json" \
	'[.sightings[] | select(.platform == "discord")][0].trace | .verdict == "identified" and .recipient == "Officer 7" and (.copy | startswith("c")) and .p_false < 1e-6'
jq_ok "untouched copies verified genuine" "$T/scan1.json" \
	'[.sightings[] | select(.platform == "discord" or .platform == "file")] | all(.verify.verdict == "genuine" and (.verify.changes | length) == 0)'
jq_ok "folder copy traced to Officer 7" "$T/scan1.json" \
	'[.sightings[] | select(.platform == "file")][0] | .message == "sub/notes.txt" and .trace.recipient == "Officer 7"'
jq_ok "telegram excerpt found, nobody wrongly named" "$T/scan1.json" \
	'[.sightings[] | select(.platform == "telegram")][0] | .message == "5" and .posted_at == "2023-04-06T08:05:49Z" and (.trace.recipient == null or .trace.recipient == "Officer 7") and .range.start >= 0 and .range.end > .range.start'
jq_ok "retyped tweet found" "$T/scan1.json" \
	'[.sightings[] | select(.platform == "x")][0] | .url == "https://x.com/i/status/1645061217651761152" and .words >= 30 and (.trace.recipient == null or .trace.recipient == "Officer 7")'
jq_ok "scan counts" "$T/scan1.json" \
	'.scanned.messages == 10 and .scanned.files == 5 and .scanned.skipped == 1 and .new == 4'
"$LT" --json log >"$T/log1.json"
jq_ok "four sighting events" "$T/log1.json" \
	'[.. | objects | select(.kind? == "sighting")] | length == 4'

# Rescan: nothing new.
"$LT" --json scan "$T/ex/discord-channel.json" "$T/ex/telegram-channel" \
	"$T/ex/x-archive" "$T/dump" >"$T/scan2.json"
jq_ok "rescan adds nothing" "$T/scan2.json" \
	'(.sightings | length) == 4 and all(.sightings[]; .new == false) and .new == 0'
jq_ok "rescan reports the stored trace" "$T/scan2.json" \
	'[.sightings[] | select(.platform == "discord")][0].trace.recipient == "Officer 7"'
"$LT" --json log >"$T/log2.json"
jq_ok "no new events on rescan" "$T/log2.json" \
	'[.. | objects | select(.kind? == "sighting")] | length == 4'

# The takedown list.
"$LT" sightings budget --csv >"$T/takedown.csv"
ok "csv header" sh -c "head -1 '$T/takedown.csv' | grep -qx 'platform,channel,message,url,author,posted_at,document,recipient,copy,first_seen'"
ok "csv has one row per sighting" sh -c "[ \$(wc -l <'$T/takedown.csv') -eq 5 ]"
ok "csv names the recipient" grep -q "Officer 7" "$T/takedown.csv"
python3 - "$T/takedown.csv" >"$T/csv.check" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
print("ok" if all(len(r) == 10 for r in rows) and rows[1][0] in ("discord", "telegram", "x", "file") else "bad")
PY
ok "csv parses with 10 fields a row" grep -qx ok "$T/csv.check"
"$LT" --json sightings >"$T/all.json"
jq_ok "sightings json ordered by time, each verified" "$T/all.json" \
	'(.sightings | length) == 4 and ([.sightings[].posted_at] as $t | $t == ($t | sort)) and all(.sightings[]; (.verify.verdict | type) == "string" and (.first_seen | type) == "string")'
"$LT" --json sightings audit >"$T/audit.json"
jq_ok "no sightings of the audit memo" "$T/audit.json" '(.sightings | length) == 0'

# Broken export: exit 2 naming the file, vault untouched.
cp "$T/ex/discord-channel.json" "$T/broken.json"
head -c 3000 "$T/ex/discord-channel.json" >"$T/broken.json"
cp "$T/vault/vault.db" "$T/before.db"
"$LT" --json log >"$T/log-before.json"
expect_exit 2 "broken export exits 2" "$LT" scan "$T/dump" "$T/broken.json"
ok "error names the file and position" grep -q "broken.json: byte [0-9]* (line [0-9]*): truncated JSON" "$T/last.err"
"$LT" --json log >"$T/log-after.json"
ok "ledger unchanged" cmp -s "$T/log-before.json" "$T/log-after.json"
"$LT" --json sightings >"$T/all2.json"
ok "sightings unchanged" cmp -s "$T/all.json" "$T/all2.json"
printf '{"guild":{},"channel":{},' >"$T/badutf.json.tmp"
printf '"messages":[{"content":"\377"}]}' >>"$T/badutf.json.tmp"
mv "$T/badutf.json.tmp" "$T/badutf.json"
expect_exit 2 "invalid UTF-8 exits 2" "$LT" scan "$T/badutf.json"
ok "invalid UTF-8 named" grep -q "badutf.json: byte .*invalid UTF-8" "$T/last.err"
expect_exit 2 "missing source exits 2" "$LT" scan "$T/nope.json"
expect_exit 2 "scan needs a source" "$LT" scan

# An altered copy in a folder: found, traced, and its changes shown.
mkdir -p "$T/altered"
sed 's/\$48\.6/$84.6/' "$C7" >"$T/altered/memo.txt"
"$LT" --json scan "$T/altered" >"$T/scan-alt.json"
jq_ok "altered copy verified altered" "$T/scan-alt.json" \
	'.sightings[0].verify.verdict == "altered" and any(.sightings[0].verify.changes[]; .kind == "number-changed" and .original == "48" and .found == "84")'

# A vault with no documents scans fine and finds nothing.
"$LT" --vault "$T/empty" init >/dev/null
"$LT" --vault "$T/empty" --json scan "$T/ex/discord-channel.json" >"$T/empty.json"
jq_ok "empty vault: no sightings" "$T/empty.json" '(.sightings | length) == 0'
"$LT" scan "$T/dump" >"$T/human.txt"
ok "human summary" grep -q "sightings, 0 new" "$T/human.txt"

finish
