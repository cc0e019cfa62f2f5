#!/bin/sh
# test_hostile_exports.sh - exports are evidence from outside, and may be
# built to mislead: attachments that point at the investigator's own
# copies (by "..", an absolute path, an X tweet id, a symbolic link) must
# never produce a sighting; a FIFO must not hang the scan; one broken part
# of a dump must not hide the rest; a huge message must not exhaust memory.
. tests/cli/lib.sh

EXPORTS="${LEAKTRACE_SHARED_DATA:-../shared/data}/exports"
if [ ! -f "$EXPORTS/discord-channel.json" ]; then
	echo "FAIL: shared export samples not found in $EXPORTS (set LEAKTRACE_SHARED_DATA)"
	exit 1
fi

"$LT" init >/dev/null || exit 1
"$LT" register "$SAMPLES/memo-budget.txt" --id budget >/dev/null || exit 1
i=1
while [ $i -le 8 ]; do echo "Officer $i"; i=$((i + 1)); done >"$T/names.txt"
"$LT" issue budget --recipients "$T/names.txt" --out "$T/copies" >/dev/null || exit 1
C6="$T/copies/budget-officer-6.txt"
C3="$T/copies/budget-officer-3.txt"

# no_sightings NAME: the vault holds no sighting at all.
no_sightings() {
	"$LT" --json sightings >"$T/stored.json"
	jq_ok "$1" "$T/stored.json" '(.sightings | length) == 0'
}

# --- 1. attachments that lead out of the export --------------------------

# Telegram: "../copies/..." (the attack as reported), and an absolute path.
mkdir -p "$T/tg"
cat >"$T/tg/result.json" <<EOF
{"name": "Leaks", "type": "public_channel", "id": 1, "messages": [
 {"id": 1, "type": "message", "date_unixtime": "1680729040", "from": "a",
  "text": "look", "file": "../copies/budget-officer-6.txt"},
 {"id": 2, "type": "message", "date_unixtime": "1680729041", "from": "a",
  "text": "and", "photo": "$C6"}]}
EOF
"$LT" --json scan "$T/tg" >"$T/tg.json" 2>"$T/tg.err"
jq_ok "telegram: no sighting from files outside the export" "$T/tg.json" \
	'(.sightings | length) == 0 and .scanned.refused == 2 and .scanned.attachments == 0'
ok "telegram: refusal named on stderr" grep -q \
	'result.json: attachment "../copies/budget-officer-6.txt" refused' "$T/tg.err"
no_sightings "telegram: nothing stored"

# Discord: attachments[].url with ".." and an absolute path.
mkdir -p "$T/dc"
cat >"$T/dc/chan.json" <<EOF
{"guild": {"id": "1", "name": "g"}, "channel": {"id": "2", "name": "c"},
 "messages": [{"id": "10", "content": "files", "author": {"name": "x"},
  "attachments": [{"url": "../copies/budget-officer-6.txt"}, {"url": "$C6"}]}]}
EOF
"$LT" --json scan "$T/dc/chan.json" >"$T/dc.json" 2>"$T/dc.err"
jq_ok "discord: no sighting from files outside the export" "$T/dc.json" \
	'(.sightings | length) == 0 and .scanned.refused == 2'
no_sightings "discord: nothing stored"

# X: a tweet id spliced into tweets_media/<id>-<name> climbs out.
mkdir -p "$T/xa/data/tweets_media"
cat >"$T/xa/data/tweets.js" <<'EOF'
window.YTD.tweets.part0 = [{"tweet": {"id_str": "../../../copies/budget",
 "full_text": "see attached", "created_at": "Sun Apr 09 12:38:14 +0000 2023",
 "extended_entities": {"media": [{"media_url": "http://pbs.twimg.com/media/officer-6.txt"}]}}}]
EOF
"$LT" --json scan "$T/xa" >"$T/xa.json" 2>"$T/xa.err"
jq_ok "x: a tweet id cannot name a file outside" "$T/xa.json" \
	'(.sightings | length) == 0 and .scanned.refused == 1'
ok "x: refusal named" grep -q "must be digits" "$T/xa.err"

# Symbolic links inside an export and inside a dump folder.
mkdir -p "$T/tgl/photos" "$T/dump-link"
ln -s "$C6" "$T/tgl/photos/photo_1.txt"
cat >"$T/tgl/result.json" <<'EOF'
{"name": "Leaks", "messages": [{"id": 1, "type": "message",
 "date_unixtime": "1680729040", "text": "pic", "photo": "photos/photo_1.txt"}]}
EOF
ln -s "$C6" "$T/dump-link/notes.txt"
ln -s "$T/copies" "$T/dump-link/more"
"$LT" --json scan "$T/tgl" "$T/dump-link" >"$T/link.json" 2>"$T/link.err"
jq_ok "symbolic links are not followed" "$T/link.json" \
	'(.sightings | length) == 0 and .scanned.refused == 3'
ok "symbolic link named" grep -q "photo_1.txt\" refused: a symbolic link" "$T/link.err"
no_sightings "links: nothing stored"

# Text mode names the count.
"$LT" scan "$T/tg" >"$T/tg.txt" 2>/dev/null
ok "text summary counts refused attachments" grep -q "Not read: 2 refused" "$T/tg.txt"

# A genuine attachment inside the export is still read and traced.
mkdir -p "$T/tgok/files"
cp "$C3" "$T/tgok/files/notes.txt"
cat >"$T/tgok/result.json" <<'EOF'
{"name": "Leaks", "messages": [{"id": 7, "type": "message",
 "date_unixtime": "1680729040", "text": "here", "file": "files/notes.txt"}]}
EOF
"$LT" --json scan "$T/tgok" >"$T/tgok.json"
jq_ok "attachment inside the export traced" "$T/tgok.json" \
	'(.sightings | length) == 1 and .sightings[0].trace.recipient == "Officer 3" and .scanned.refused == 0'

# --- 2. FIFOs never hang a scan -------------------------------------------

mkdir -p "$T/xf/data" "$T/dumpf"
cp "$EXPORTS/x-archive/data/tweets.js" "$T/xf/data/tweets.js"
mkfifo "$T/xf/data/account.js"
mkfifo "$T/dumpf/pipe.txt"
cp "$C3" "$T/dumpf/memo.txt"
mkdir -p "$T/tgf/files"
mkfifo "$T/tgf/files/x.txt"
cat >"$T/tgf/result.json" <<'EOF'
{"name": "c", "messages": [{"id": 1, "type": "message",
 "date_unixtime": "1", "text": "t", "file": "files/x.txt"}]}
EOF
expect_exit 0 "FIFO as account.js, in a dump and as an attachment: no hang" \
	timeout 60 "$LT" --json scan "$T/xf" "$T/dumpf" "$T/tgf"
jq_ok "FIFOs refused, the rest read" "$T/last.out" \
	'.scanned.refused == 2 and .scanned.messages == 3 and (.sightings | length) == 1'
ok "FIFO named" grep -q "pipe.txt: a FIFO" "$T/last.err"

# --- 3. one bad part of a dump does not hide the rest ---------------------

mkdir -p "$T/dump/sub"
cp "$C3" "$T/dump/sub/leak.txt"
head -c 1500 "$EXPORTS/discord-channel.json" >"$T/dump/broken.json"
d="$T/dump/deep"
i=0
while [ $i -lt 70 ]; do d="$d/d"; i=$((i + 1)); done
mkdir -p "$d"
echo "deep" >"$d/x.txt"
"$LT" --json scan "$T/dump" >"$T/dump.json" 2>"$T/dump.err"
jq_ok "dump: leak found despite a broken export and a deep branch" "$T/dump.json" \
	'(.sightings | length) == 1 and .sightings[0].trace.recipient == "Officer 3" and .scanned.unreadable == 2'
ok "dump: broken export named" grep -q "broken.json: byte [0-9]* (line [0-9]*): truncated JSON.*(skipped)" "$T/dump.err"
ok "dump: deep branch named" grep -q "nested deeper than 64 (skipped)" "$T/dump.err"
"$LT" --json sightings >"$T/stored.json"
jq_ok "dump: the sighting is stored" "$T/stored.json" \
	'[.sightings[] | select(.message == "sub/leak.txt")] | length == 1'
expect_exit 2 "broken export given directly still exits 2" "$LT" scan "$T/dump/broken.json"

# A cut inside a \u escape is still "truncated JSON".
printf '{"guild":{},"channel":{},"messages":[{"id":"1","content":"caf\\u00' >"$T/cut.json"
expect_exit 2 "cut inside an escape exits 2" "$LT" scan "$T/cut.json"
ok "cut inside an escape is truncated JSON" grep -q "cut.json: byte [0-9]* (line 1): truncated JSON" "$T/last.err"

# --- 4. a huge message is cut, not swallowed whole ------------------------

python3 - "$C6" "$T/huge.json" <<'PY'
import json, sys
copy = open(sys.argv[1]).read()
filler = ("lorem ipsum dolor sit amet " * 400000)[:10_000_000]
text = filler[:3_000_000] + "\n" + copy + "\n" + filler
d = {"guild": {"id": "1", "name": "g"}, "channel": {"id": "2", "name": "c"},
     "messages": [{"id": "77", "content": text, "author": {"name": "big"}}]}
json.dump(d, open(sys.argv[2], "w"))
PY
"$LT" --json scan "$T/huge.json" >"$T/huge.out" 2>"$T/huge.err"
jq_ok "huge message cut to 8 MiB and counted, the copy inside still traced" "$T/huge.out" \
	'.scanned.truncated == 1 and (.sightings | length) == 1 and .sightings[0].trace.recipient == "Officer 6"'
ok "huge message named" grep -q 'huge.json: message "77": text of [0-9]* bytes cut to the first 8 MiB' "$T/huge.err"

finish
