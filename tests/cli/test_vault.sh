#!/bin/sh
# test_vault.sh - the vault through the CLI: creation, key file, refusal
# to overwrite, missing / damaged / wrong-key / locked vaults, concurrent
# writers, and a command killed halfway.
. tests/cli/lib.sh

MEMO="$SAMPLES/memo-budget.txt"
[ -f "$MEMO" ] || MEMO=$(ls "$SAMPLES"/memo-*.txt | head -1)

# Creating a vault.
expect_exit 0 "init" "$LT" init
ok "vault.db exists" test -f "$T/vault/vault.db"
ok "key file is mode 0600" sh -c "[ \"\$(stat -c %a '$T/vault/key')\" = 600 ]"
ok "key file is 32 bytes" sh -c "[ \"\$(stat -c %s '$T/vault/key')\" = 32 ]"
expect_exit 3 "init refuses to overwrite" "$LT" init
ok "refusal names the vault" grep -q "already holds a vault" "$T/last.err"
"$LT" --json --vault "$T/v2" init >"$T/init.json"
jq_ok "init --json" "$T/init.json" ".vault == \"$T/v2\""

# Missing vault.
expect_exit 3 "missing vault" "$LT" --vault "$T/nowhere" slots x
ok "missing vault message" grep -q "no vault" "$T/last.err"

# The key never appears in output.
KEYHEX=$(od -An -tx1 "$T/vault/key" | tr -d ' \n')
"$LT" register "$MEMO" --id memo >"$T/reg.out" 2>&1
ok "key not printed" sh -c "! grep -qi '$KEYHEX' '$T/reg.out'"

# Wrong key.
cp -r "$T/vault" "$T/wrongkey"
head -c 32 /dev/urandom >"$T/wrongkey/key"
chmod 600 "$T/wrongkey/key"
expect_exit 3 "wrong key" "$LT" --vault "$T/wrongkey" slots memo
ok "wrong key message" grep -q "does not belong" "$T/last.err"

# A key file others can read is refused.
cp -r "$T/vault" "$T/openkey"
chmod 644 "$T/openkey/key"
expect_exit 3 "world-readable key refused" "$LT" --vault "$T/openkey" slots memo

# Damaged database.
cp -r "$T/vault" "$T/damaged"
rm -f "$T/damaged/vault.db-wal" "$T/damaged/vault.db-shm"
head -c 4096 /dev/urandom >"$T/damaged/vault.db"
expect_exit 3 "damaged database" "$LT" --vault "$T/damaged" slots memo
ok "damaged message" grep -qi "damaged\|database" "$T/last.err"

# Locked: another process holds the write lock.
( printf 'BEGIN EXCLUSIVE;\nINSERT INTO meta VALUES("lock-test","1");\n'
  sleep 3; printf 'ROLLBACK;\n' ) | sqlite3 "$T/vault/vault.db" &
LOCKER=$!
sleep 1
LEAKTRACE_LOCK_TIMEOUT_MS=200 expect_exit 3 "locked vault" "$LT" register "$MEMO" --id locked
ok "locked message" grep -q "locked" "$T/last.err"
wait $LOCKER 2>/dev/null
ok "lock released, vault usable" "$LT" slots memo

# Two processes writing at once: both succeed, nothing is lost.
for i in 1 2 3 4; do printf 'Alpha %s\nBravo %s\nCharlie %s\n' $i $i $i; done >"$T/r1.txt"
for i in 1 2 3 4; do printf 'Delta %s\nEcho %s\nFoxtrot %s\n' $i $i $i; done >"$T/r2.txt"
"$LT" issue memo --recipients "$T/r1.txt" --out "$T/out1" >/dev/null 2>"$T/c1.err" &
P1=$!
"$LT" issue memo --recipients "$T/r2.txt" --out "$T/out2" >/dev/null 2>"$T/c2.err" &
P2=$!
"$LT" register "$MEMO" --id memo-twin >/dev/null 2>"$T/c3.err" &
P3=$!
wait $P1; R1=$?
wait $P2; R2=$?
wait $P3; R3=$?
ok "concurrent issue 1" test "$R1" -eq 0
ok "concurrent issue 2" test "$R2" -eq 0
ok "concurrent register" test "$R3" -eq 0
ok "all 24 copies recorded" sh -c "[ \"\$(sqlite3 '$T/vault/vault.db' 'SELECT count(*) FROM copies')\" = 24 ]"
ok "integrity after concurrency" sh -c "[ \"\$(sqlite3 '$T/vault/vault.db' 'PRAGMA integrity_check')\" = ok ]"

# Killed halfway: either the whole issue happened or none of it.
i=0
while [ $i -lt 3000 ]; do echo "Recipient $i"; i=$((i + 1)); done >"$T/many.txt"
timeout -s KILL 0.3 "$LT" issue memo --recipients "$T/many.txt" --out "$T/killed" >/dev/null 2>&1
N=$(sqlite3 "$T/vault/vault.db" "SELECT count(*) FROM copies c JOIN recipients r ON r.rowid=c.recipient WHERE r.name LIKE 'Recipient %'")
ok "killed issue is all or nothing ($N)" sh -c "[ '$N' = 0 ] || [ '$N' = 3000 ]"
ok "integrity after kill" sh -c "[ \"\$(sqlite3 '$T/vault/vault.db' 'PRAGMA integrity_check')\" = ok ]"
FINAL=$(ls "$T/killed" 2>/dev/null | grep -c '\.txt$')
ok "no copy file without its record ($FINAL files, $N records)" sh -c "[ '$FINAL' -le '$N' ]"
ok "vault still works after kill" "$LT" issue memo --to "After Kill" --out "$T/after"
# Issuing again finishes the job: every recipient has a copy and a record.
expect_exit 0 "issuing again after the kill" \
	"$LT" issue memo --recipients "$T/many.txt" --out "$T/killed"
N=$(sqlite3 "$T/vault/vault.db" "SELECT count(*) FROM copies c JOIN recipients r ON r.rowid=c.recipient WHERE r.name LIKE 'Recipient %'")
FINAL=$(ls "$T/killed" | grep -c '\.txt$')
NAMED=$(ls "$T/killed" | grep '\.txt$' | sed 's/-[0-9a-f]\{13\}\.txt$/.txt/' | sort -u | wc -l)
ok "after issuing again: every recipient has a file and a record ($NAMED, $N)" \
	sh -c "[ '$NAMED' = 3000 ] && [ '$N' = 3000 ]"
ok "no temporary file left" sh -c "! ls '$T/killed' | grep -q '\.tmp-'"

# Usage errors.
expect_exit 2 "unknown command" "$LT" frobnicate
expect_exit 2 "no command" "$LT"
expect_exit 0 "--help" "$LT" --help
expect_exit 0 "--version" "$LT" --version
ok "version text" grep -q "leaktrace" "$T/last.out"

finish
