#!/bin/sh
# test_hostile_cli.sh - the command line against hostile input: names from
# exports and altered words that carry terminal escapes, a takedown CSV
# that would run spreadsheet formulas, --out paths that point into the
# vault, error messages built from other messages, and the exit status of
# bad arguments and unreadable files.
. tests/cli/lib.sh

EXPORTS="${LEAKTRACE_SHARED_DATA:-../shared/data}/exports"
if [ ! -f "$EXPORTS/discord-channel.json" ]; then
	echo "FAIL: shared export samples not found in $EXPORTS (set LEAKTRACE_SHARED_DATA)"
	exit 1
fi

ESC=$(printf '\033')
RLO=$(printf '\342\200\256') # U+202E, right-to-left override
CSI8=$(printf '\302\233')    # U+009B, the C1 control sequence introducer

# no_raw NAME FILE...: none of the files holds an ESC, RLO or C1 CSI.
no_raw() {
	name=$1
	shift
	if cat "$@" | grep -q -e "$ESC" -e "$RLO" -e "$CSI8"; then
		FAIL=$((FAIL + 1))
		echo "FAIL: $name: a raw control sequence reached the terminal"
		cat "$@" | grep -e "$ESC" -e "$RLO" -e "$CSI8" | od -c | head -4 | sed 's/^/    /'
	else
		PASS=$((PASS + 1))
	fi
}

"$LT" init >/dev/null || exit 1
VAULT="$LEAKTRACE_VAULT"
"$LT" register "$SAMPLES/memo-budget.txt" --id budget >/dev/null || exit 1
"$LT" issue budget --to "Officer 1" --to "Officer 2" --out "$T/copies" >/dev/null || exit 1
C1="$T/copies/budget-officer-1.txt"

# ---------------------------------------------------------------------
# 1. Terminal escapes from exports, altered copies and statements
# ---------------------------------------------------------------------

# A Discord export whose channel name erases the line and writes its own
# verdict; four messages carry copy 1, by authors named like formulas.
python3 - "$C1" "$EXPORTS/discord-channel.json" "$T/discord.json" <<'PY'
import copy, json, sys
text = open(sys.argv[1]).read()
d = json.load(open(sys.argv[2]))
d["channel"]["name"] = "\033[2K\rGENUINE"
base = d["messages"][1]
d["messages"] = d["messages"][:1]
for i, a in enumerate(['=HYPERLINK("http://x")', "+1", "-2", "@SUM(1)"]):
    m = copy.deepcopy(base)
    m["id"] = str(1080224102553919538 + i)
    m["content"] = "here:\n" + text
    m["author"]["name"] = a
    m["author"]["nickname"] = None
    d["messages"].append(m)
json.dump(d, open(sys.argv[3], "w"), indent=2)
PY
# A folder whose file name holds an escape, a C1 CSI and an override.
mkdir -p "$T/dump"
cp "$C1" "$T/dump/$(printf 'a\033[2K\302\233\342\200\256txt.exe').txt"

expect_exit 0 "scan hostile export" "$LT" scan "$T/discord.json" "$T/dump"
no_raw "scan output" "$T/last.out" "$T/last.err"
ok "scan shows the escape visibly" grep -q '\\x1b\[2K\\x0dGENUINE' "$T/last.out"
ok "scan shows the override visibly" grep -q '\\u202E' "$T/last.out"
ok "scan shows the C1 control visibly" grep -q '\\u009B' "$T/last.out"
ok "scan still names the leaker" grep -q "copy of Officer 1" "$T/last.out"
expect_exit 0 "sightings text" "$LT" sightings
no_raw "sightings output" "$T/last.out" "$T/last.err"
ok "five sightings listed" grep -q "^5 sightings" "$T/last.out"
expect_exit 0 "sightings of budget" "$LT" sightings budget
no_raw "sightings ID output" "$T/last.out" "$T/last.err"
expect_exit 0 "log lists the sighting events" "$LT" log
no_raw "log output" "$T/last.out" "$T/last.err"

# --json stays exact: the name comes back as it was.
"$LT" --json sightings >"$T/sightings.json"
jq_ok "json keeps the channel name exact" "$T/sightings.json" \
	'[.sightings[] | select(.platform == "discord")] | length == 4 and all(.channel == "\u001b[2K\rGENUINE")'

# An altered copy: one word replaced by a colour code, one by an override.
python3 - "$C1" "$T/altered.txt" <<'PY'
import sys
w = open(sys.argv[1]).read().split(" ")
w[40] = "\033[31mX"
w[60] = "\u202eevil\u0085"
open(sys.argv[2], "w").write(" ".join(w))
PY
expect_exit 0 "verify altered copy" "$LT" verify "$T/altered.txt"
no_raw "verify output" "$T/last.out" "$T/last.err"
ok "verify says altered" grep -q "^Verdict: altered" "$T/last.out"
ok "verify shows the escape" grep -q '\\x1b' "$T/last.out"

# A statement someone sent, its document field an escape sequence.
COPY=$("$LT" --json issue budget --to "Officer 3" --out "$T/copies" | jq -r '.copies[0].copy')
"$LT" attest "$COPY" --out "$T/statement.json" >/dev/null
KEY=$("$LT" log pubkey)
python3 - "$T/statement.json" "$T/forged.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["document"] = "\033[2K\rGENUINE \u202e"
json.dump(d, open(sys.argv[2], "w"))
PY
expect_exit 2 "forged statement does not hold" "$LT" verify --statement "$T/forged.json" --pubkey "$KEY"
no_raw "statement output" "$T/last.out" "$T/last.err"
ok "statement verdict not valid" grep -q "^Verdict: not valid" "$T/last.out"

# Error messages naming a hostile file.
expect_exit 2 "trace a missing hostile name" "$LT" trace "$T/$(printf 'x\033[2K\rok')"
no_raw "error message" "$T/last.err"

# ---------------------------------------------------------------------
# 2. The takedown CSV and spreadsheet formulas
# ---------------------------------------------------------------------

expect_exit 0 "sightings --csv" "$LT" sightings --csv
cp "$T/last.out" "$T/takedown.csv"
ok "formula author quoted and neutralised" grep -qF ",\"'=HYPERLINK(\"\"http://x\"\")\"," "$T/takedown.csv"
ok "+ author neutralised" grep -qF ",'+1," "$T/takedown.csv"
ok "- author neutralised" grep -qF ",'-2," "$T/takedown.csv"
ok "@ author neutralised" grep -qF ",'@SUM(1)," "$T/takedown.csv"
ok "CSV parses, no cell starts a formula" python3 - "$T/takedown.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0][0] == "platform" and len(rows) == 6, rows
assert all(len(r) == len(rows[0]) for r in rows)
for r in rows[1:]:
    for cell in r:
        assert not cell or cell[0] not in "=+-@\t\r", cell
authors = sorted(r[4] for r in rows[1:] if r[0] == "discord")
assert authors == sorted(["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(1)"]), authors
assert all(r[1] == "\033[2K\rGENUINE" for r in rows[1:] if r[0] == "discord")
PY

# ---------------------------------------------------------------------
# 4. Messages built on other messages
# ---------------------------------------------------------------------

printf 'Alice\nBob\001\n' >"$T/r-ctl.txt"
expect_exit 2 "recipients file with a control character" "$LT" issue budget --recipients "$T/r-ctl.txt" --out "$T/o"
ok "message prefixed once, not garbled" grep -qx "leaktrace: $T/r-ctl.txt:2: recipient name 'Bob\\\\x01' has a control character" "$T/last.err"

# ---------------------------------------------------------------------
# 5. Exit statuses
# ---------------------------------------------------------------------

expect_exit 2 "pdq on a missing file" "$LT" pdq "$T/missing.png"
expect_exit 2 "--vault ''" "$LT" --vault "" log
expect_exit 2 "--vault=" "$LT" --vault= log
expect_exit 2 "register --title with an escape" "$LT" register "$SAMPLES/memo-audit.txt" --title "$(printf 'Audit\033[2K')"
ok "title refusal names the option" grep -q -- "--title" "$T/last.err"
no_raw "title refusal message" "$T/last.err"
expect_exit 2 "register --title too long" "$LT" register "$SAMPLES/memo-audit.txt" --title "$(python3 -c 'print("t" * 201)')"
expect_exit 0 "register --title of 200 characters" "$LT" register "$SAMPLES/memo-audit.txt" --id audit --title "$(python3 -c 'print("é" * 200)')"
expect_exit 2 "access --by with a carriage return" "$LT" access budget --by "$(printf 'Eve\rAlice')" --action view
expect_exit 2 "access --by too long" "$LT" access budget --by "$(python3 -c 'print("b" * 201)')" --action view
expect_exit 0 "access --by plain" "$LT" access budget --by "Officer 1" --action view
expect_exit 2 "issue --to with an override" "$LT" issue budget --to "Eve$RLO" --out "$T/o"
expect_exit 2 "issue --to with a C1 control" "$LT" issue budget --to "Eve$CSI8" --out "$T/o"
expect_exit 2 "issue --to too long" "$LT" issue budget --to "$(python3 -c 'print("n" * 201)')" --out "$T/o"
expect_exit 2 "issue --to empty" "$LT" issue budget --to "" --out "$T/o"
python3 -c 'print("Alice\n" + "z" * 201)' >"$T/r-long.txt"
expect_exit 2 "recipients file with a long line" "$LT" issue budget --recipients "$T/r-long.txt" --out "$T/o"
printf 'Alice\nEve\342\200\256\n' >"$T/r-bidi.txt"
expect_exit 2 "recipients file with an override" "$LT" issue budget --recipients "$T/r-bidi.txt" --out "$T/o"
ok "nothing issued by refused commands" sh -c "[ ! -e '$T/o' ]"
IMG="${LEAKTRACE_SHARED_DATA:-../shared/data}/pdq/images/wee.jpg"
if [ -f "$IMG" ]; then
	# (the markup memo is set on two pages)
	"$LT" register "$SAMPLES/memo-markup.md" --id twopage >/dev/null
	expect_exit 2 "pdq --register past the last page" "$LT" pdq "$IMG" --register twopage --page 99999
	ok "page range named" grep -q "from 1 to 2" "$T/last.err"
	expect_exit 2 "pdq --register page 3 of 2" "$LT" pdq "$IMG" --register twopage --page 3
	expect_exit 0 "pdq --register page 2 of 2" "$LT" pdq "$IMG" --register twopage --page 2
fi
# A copy whose name is taken by a directory is written beside it, under a
# name with its copy id; one that cannot be written at all (the output
# folder would be under a file) is a usage error.
mkdir -p "$T/blocked/budget-officer-5.txt/x"
expect_exit 0 "issue past a directory in the way" "$LT" --json issue budget --to "Officer 5" --out "$T/blocked"
ok "the copy is written beside it" test -f "$(jq -r '.copies[0].path' "$T/last.out")"
: >"$T/plainfile"
expect_exit 2 "issue that cannot write a copy" "$LT" issue budget --to "Officer 6" --out "$T/plainfile/sub"
expect_exit 2 "output that cannot be written" sh -c "'$LT' log >/dev/full"

# ---------------------------------------------------------------------
# 3. --out into the vault (last: before the fix it destroyed the key)
# ---------------------------------------------------------------------

sum_before=$(cat "$VAULT/key" "$VAULT/vault.db" | sha256sum)
expect_exit 2 "attest --out VAULT/key refused" "$LT" attest "$COPY" --out "$VAULT/key"
ok "refusal names the vault" grep -q "inside the vault" "$T/last.err"
expect_exit 2 "report --out VAULT/vault.db refused" "$LT" report --out "$VAULT/vault.db"
expect_exit 2 "export-hashes --out into the vault refused" "$LT" export-hashes --out "$VAULT/hashes.csv"
expect_exit 2 "issue --out DIR in the vault refused" "$LT" issue budget --to "Officer 4" --out "$VAULT/copies"
expect_exit 2 "a path through .. refused" "$LT" report --out "$T/copies/../vault/key"
expect_exit 2 "a new directory then .. refused" "$LT" issue budget --to "Officer 4" --out "$T/new/../vault"
ln -s "$VAULT" "$T/innocent"
expect_exit 2 "a symlink to the vault refused" "$LT" attest "$COPY" --out "$T/innocent/key"
ln -s "$VAULT/key" "$T/keylink"
expect_exit 2 "a symlink to the key refused" "$LT" report --out "$T/keylink"
(cd "$VAULT" && "$LT" --vault . report >"$T/cwd.out" 2>"$T/cwd.err")
ok "the default report path in the vault refused" sh -c "grep -q 'inside the vault' '$T/cwd.err' && [ ! -e '$VAULT/leaktrace-report.html' ]"
ok "key and database unchanged" sh -c "[ \"\$(cat '$VAULT/key' '$VAULT/vault.db' | sha256sum)\" = '$sum_before' ]"
ok "no copy written in the vault" sh -c "[ ! -e '$VAULT/copies' ] && [ ! -e '$VAULT/hashes.csv' ]"
expect_exit 0 "vault still verifies" "$LT" log verify
expect_exit 0 "attest --out outside works" "$LT" attest "$COPY" --out "$T/statement2.json"
expect_exit 0 "report --out outside works" "$LT" report --out "$T/report.html"
expect_exit 2 "report --out '' refused" "$LT" report --out ""

finish
