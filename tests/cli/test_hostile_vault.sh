#!/bin/sh
# test_hostile_vault.sh - the vault and the issued copies against a hostile
# or careless environment: two recipients whose names give one file name,
# links planted where copies and their temporary files are written, a copy
# that cannot be written, a killed issue's temporary copies, vault files
# others may read or change or that are not files, a vault opened
# read-only, and an access log imported twice.
. tests/cli/lib.sh

MEMO="$SAMPLES/memo-budget.txt"

# traces_to NAME FILE RECIPIENT: FILE is identified as RECIPIENT's copy.
traces_to() {
	"$LT" --json trace "$2" >"$T/tr.json" 2>"$T/tr.err"
	jq_ok "$1" "$T/tr.json" ".verdict == \"identified\" and
		([.suspects[] | select(.accused) | .recipient] == [\"$3\"])"
}

# events KIND: how many ledger events of KIND the vault holds.
events() {
	"$LT" --json log | jq "[.events[] | select(.kind == \"$1\")] | length"
}

"$LT" init >/dev/null 2>&1
"$LT" register "$MEMO" --id budget >/dev/null 2>&1

# --- 1. Two recipients, one file name: neither copy is overwritten -------
expect_exit 0 "issue to J. Smith" "$LT" --json issue budget --to "J. Smith" --out "$T/out"
cp "$T/last.out" "$T/first.json"
expect_exit 0 "issue to J Smith into the same folder" \
	"$LT" --json issue budget --to "J Smith" --out "$T/out"
cp "$T/last.out" "$T/second.json"
P1=$(jq -r '.copies[0].path' "$T/first.json")
P2=$(jq -r '.copies[0].path' "$T/second.json")
C2=$(jq -r '.copies[0].copy' "$T/second.json")
ok "the second copy has a name of its own" test "$P1" != "$P2"
ok "the second name carries its copy id" test "$P2" = "$T/out/budget-j-smith-$C2.txt"
ok "both copies exist" test -f "$P1" -a -f "$P2"
traces_to "the first copy still traces to J. Smith" "$P1" "J. Smith"
traces_to "the second copy traces to J Smith" "$P2" "J Smith"

# Two such names in one run.
expect_exit 0 "one run, two names for one file" \
	"$LT" --json issue budget --to "Ann Lee" --to "Ann-Lee" --out "$T/out2"
cp "$T/last.out" "$T/both.json"
jq_ok "two different paths reported" "$T/both.json" \
	'[.copies[].path] | unique | length == 2'
for i in 0 1; do
	P=$(jq -r ".copies[$i].path" "$T/both.json")
	R=$(jq -r ".copies[$i].recipient" "$T/both.json")
	ok "copy $i written" test -f "$P"
	traces_to "copy $i traces to $R" "$P" "$R"
done

# --- 2. Links planted at the target and its temporary names --------------
echo "outside, not to be touched" >"$T/outside.txt"
cp "$T/outside.txt" "$T/outside.orig"
mkdir -p "$T/out3"
ln -s "$T/outside.txt" "$T/out3/budget-mallory.txt"
# The command keeps the shell's pid through exec, so its temporary names
# are known in advance.
expect_exit 0 "issue past planted links" sh -c '
	for i in 0 1 2 3; do
		ln -s "$1" "$2/budget-mallory.txt.tmp-$$-$i"
	done
	exec "$3" --json issue budget --to Mallory --out "$2"' sh \
	"$T/outside.txt" "$T/out3" "$LT"
cp "$T/last.out" "$T/mallory.json"
ok "the outside file is unchanged" cmp -s "$T/outside.txt" "$T/outside.orig"
ok "the planted link is still a link" test -L "$T/out3/budget-mallory.txt"
PM=$(jq -r '.copies[0].path' "$T/mallory.json")
ok "the copy went under another name" test -f "$PM" -a ! -L "$PM"
traces_to "the copy traces to Mallory" "$PM" "Mallory"

# --- 3. A copy that cannot be written is not recorded --------------------
ISSUES=$(events issue)
mkdir -p "$T/out4"
# Every temporary name the second recipient's copy could get is taken.
expect_exit 2 "issue fails when a copy cannot be written" sh -c '
	i=0
	while [ $i -le 120 ]; do
		: >"$1/budget-zed.txt.tmp-$$-$i"
		i=$((i + 1))
	done
	exec "$2" issue budget --to Yan --to Zed --out "$1"' sh "$T/out4" "$LT"
ok "no issue event was recorded" test "$(events issue)" -eq "$ISSUES"
ok "no copy was left for Yan" test ! -e "$T/out4/budget-yan.txt"
ok "no copy was left for Zed" test ! -e "$T/out4/budget-zed.txt"
"$LT" --json suspects budget >"$T/sus.json" 2>/dev/null
jq_ok "suspects does not list Yan or Zed" "$T/sus.json" \
	'[.. | strings | select(. == "Yan" or . == "Zed")] | length == 0'
# The out directory's parent is a file.
: >"$T/afile"
expect_exit 2 "out path under a file" "$LT" issue budget --to Xu --out "$T/afile/sub"
ok "still no issue event" test "$(events issue)" -eq "$ISSUES"
# A directory where the copy's file would go: the copy goes beside it.
mkdir -p "$T/out5/budget-wu.txt"
expect_exit 0 "issue beside a directory in the way" \
	"$LT" --json issue budget --to Wu --out "$T/out5"
PW=$(jq -r '.copies[0].path' "$T/last.out")
ok "Wu's recorded copy exists" test -f "$PW"

# A killed issue's temporary copies are removed by the next issue; a live
# process's, and other documents', are left alone.
sh -c 'exit 0' &
wait $!
DEAD=$!
mkdir -p "$T/out6"
echo marked >"$T/out6/budget-vic.txt.tmp-$DEAD-0"
echo marked >"$T/out6/budget-vic-p2.png.tmp-$DEAD-7"
echo live >"$T/out6/budget-vic.txt.tmp-$$-0"
echo other >"$T/out6/memo-vic.txt.tmp-$DEAD-0"
echo notes >"$T/out6/budget-notes.txt"
expect_exit 0 "issue into a folder with stale temporary copies" \
	"$LT" issue budget --to Uma --out "$T/out6"
ok "a dead issue's temporary copy is removed" test ! -e "$T/out6/budget-vic.txt.tmp-$DEAD-0"
ok "a dead issue's temporary page is removed" test ! -e "$T/out6/budget-vic-p2.png.tmp-$DEAD-7"
ok "a live process's temporary file stays" test -e "$T/out6/budget-vic.txt.tmp-$$-0"
ok "another document's file stays" test -e "$T/out6/memo-vic.txt.tmp-$DEAD-0"
ok "other files stay" test -e "$T/out6/budget-notes.txt"

# --- 4. Vault permissions -------------------------------------------------
V=$T/vault
chmod 777 "$V"
expect_exit 3 "world-writable vault directory refused" "$LT" log
ok "the message names the directory and the fix" \
	grep -q "vault directory $V is writable by others (mode 0777); run chmod 700 $V" "$T/last.err"
chmod 755 "$V"
expect_exit 3 "vault directory readable by others refused" "$LT" log
chmod 700 "$V"
chmod 644 "$V/vault.db"
expect_exit 3 "vault.db readable by others refused" "$LT" log
ok "the message names vault.db" grep -q "$V/vault.db is readable by others (mode 0644)" "$T/last.err"
chmod 666 "$V/vault.db"
expect_exit 3 "vault.db writable by others refused" "$LT" trace "$P1"
chmod 600 "$V/vault.db"
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
	chown nobody "$V/vault.db"
	expect_exit 3 "vault.db owned by another user refused" "$LT" log
	ok "the message says so" grep -q "owned by another user" "$T/last.err"
	chown 0 "$V/vault.db"
fi
expect_exit 0 "the vault is usable again" "$LT" log

# init into an existing 0755 directory: everything private afterwards.
mkdir -m 755 "$T/v3"
expect_exit 0 "init into an existing 0755 directory" sh -c 'umask 022; exec "$1" --vault "$2" init' sh "$LT" "$T/v3"
ok "the directory is now 0700" test "$(stat -c %a "$T/v3")" = 700
ok "vault.db is 0600" test "$(stat -c %a "$T/v3/vault.db")" = 600
ok "key is 0600" test "$(stat -c %a "$T/v3/key")" = 600
"$LT" --vault "$T/v3" register "$MEMO" --id m >/dev/null 2>&1
for f in "$T"/v3/*; do
	ok "$(basename "$f") is private" test "$(stat -c %a "$f")" = 600
done
# A non-empty directory others may read is not taken.
mkdir -m 755 "$T/v4"
echo x >"$T/v4/notes"
expect_exit 3 "init refuses a non-empty directory others may read" "$LT" --vault "$T/v4" init

# A FIFO as the key: refused at once, not a hang.
"$LT" --vault "$T/v5" init >/dev/null 2>&1
rm "$T/v5/key"
mkfifo -m 600 "$T/v5/key"
expect_exit 3 "a FIFO as the key is refused" timeout 10 "$LT" --vault "$T/v5" log
ok "the message names the FIFO" grep -q "FIFO" "$T/last.err"
rm "$T/v5/key"
ln -s "$V/key" "$T/v5/key"
expect_exit 3 "a link as the key is refused" "$LT" --vault "$T/v5" log

# --- 5. Read-only evidence ------------------------------------------------
mkdir -m 700 "$T/ev"
cp -p "$V/key" "$V/signing.key" "$V/vault.db" "$T/ev/"
[ -f "$V/vault.db-wal" ] && cp -p "$V/vault.db-wal" "$T/ev/"
# Fold the copy's WAL in with a read-write open first, then freeze it.
"$LT" --vault "$T/ev" access budget --by Auditor --action view >/dev/null 2>&1
chmod 400 "$T/ev/vault.db" "$T/ev/key" "$T/ev/signing.key"
chmod 500 "$T/ev"
ls -A "$T/ev" | sort >"$T/ev.before"
SUM=$(sha256sum "$T/ev/vault.db" | cut -d' ' -f1)
expect_exit 0 "read-only trace" "$LT" --vault "$T/ev" --read-only --json trace "$P1"
jq_ok "read-only trace names J. Smith" "$T/last.out" \
	'[.suspects[] | select(.accused) | .recipient] == ["J. Smith"]'
ok "read-only trace says it is not recorded" \
	grep -q "vault opened read-only: this trace is not recorded" "$T/last.err"
expect_exit 0 "read-only verify" "$LT" --vault "$T/ev" --read-only verify "$P1"
expect_exit 0 "read-only log verify" "$LT" --vault "$T/ev" --read-only log verify
expect_exit 0 "read-only sightings" "$LT" --vault "$T/ev" --read-only sightings
expect_exit 0 "log opens read-only by itself" "$LT" --vault "$T/ev" log
expect_exit 0 "suspects opens read-only by itself" "$LT" --vault "$T/ev" suspects budget
expect_exit 3 "a write on a read-only vault is refused" \
	"$LT" --vault "$T/ev" --read-only access budget --by X --action view
ok "vault.db is unchanged" test "$(sha256sum "$T/ev/vault.db" | cut -d' ' -f1)" = "$SUM"
ls -A "$T/ev" | sort >"$T/ev.after"
ok "no file appeared in the vault (no -wal, no -shm)" cmp -s "$T/ev.before" "$T/ev.after"
chmod 700 "$T/ev"

# --- 6. access --import twice counts once --------------------------------
printf 'time,user,action,document\n2026-01-05T10:00:00Z,Ann Lee,view,budget\n2026-01-05T11:00:00Z,Mallory,print,budget\n' >"$T/audit.csv"
BEFORE=$(events access)
expect_exit 0 "import" "$LT" --json access --import "$T/audit.csv"
jq_ok "two rows imported" "$T/last.out" '.events == 2'
expect_exit 0 "import again" "$LT" --json access --import "$T/audit.csv"
jq_ok "nothing imported the second time" "$T/last.out" '.events == 0'
ok "each row is recorded once" test "$(events access)" -eq $((BEFORE + 2))
# The same rows in a file of other content are other rows.
cp "$T/audit.csv" "$T/audit2.csv"
echo "2026-01-06T09:00:00Z,Ann Lee,download,budget" >>"$T/audit2.csv"
expect_exit 0 "import a longer file" "$LT" --json access --import "$T/audit2.csv"
jq_ok "its rows are its own" "$T/last.out" '.events == 3'

finish
