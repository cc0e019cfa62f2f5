#!/usr/bin/env python3
"""
crash.py - kill -9 leaktrace in the middle of its writing jobs and check
that the vault survives every time.

Each round starts one job against a vault and kills it with SIGKILL at a
random moment:

  issue    issue a document to 2,000 new recipients (one transaction
           that renders and writes every copy, then renames the files)
  scan     scan a folder of 120 files holding excerpts of issued copies
           (the folder is read first, the sightings written at the end)
  access   access --import of a CSV of 4,000 rows (time,user,action,
           document), one transaction

Most kills are aimed inside the job's write transaction: the harness
watches /proc/locks for the job taking SQLite's WAL write lock (byte 120
of vault.db-shm) and kills after a random part of the transaction's
expected length; the rest land anywhere between start and exit.  Where a
kill landed is recorded from /proc/locks just before the signal: write-tx
(WAL write lock held), checkpoint, reading (a read lock only), no-lock
(vault not open yet, or open between transactions, as while a scan reads
its files) or finished (the job had exited).

After every kill, in this order or racing each other:
  (a) PRAGMA integrity_check by the sqlite3 command-line tool and by
      python3's sqlite3 module, each in a process of its own, and a
      `leaktrace trace` (a reader through leaktrace's own open);
  (b) `leaktrace log verify` must exit 0;
  the job's rows must be all there or not at all (atomicity).
Then (c) the job is finished by running it again (issue and scan are
rerun as a user would; an import too, since rows a committed import
recorded are skipped: each row's source is import:SHA256:LINE), which
must succeed, and the end state must be an uninterrupted run's: every
recipient one copy and one first-issue event, every file of every copy
on disk, the scan's sightings once each with one ledger event each, the
CSV's rows once each, `log verify` ok.

A fresh vault is made every --vault-rounds rounds so that the ledger (and
log verify) stays small enough for the whole run to take a few minutes
(100 rounds: about 6 minutes on two busy cores).  LT_STRESS_SEED or --seed
repeats a run's choices.

--report-repro runs the scenario of a field report instead: issue 5,000
copies, kill about 1.5 s in, three kills in a row, then open the vault
with python3's sqlite3 at once; with --load N busy loops beside it.

Exit status 0 when every check of every round passed.
"""
import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

ISSUE_N = 2000
SCAN_FILES = 120
ACCESS_ROWS = 4000

# Byte offsets of SQLite's locks in the -shm file (wal.c).
SHM_WRITE = 120
SHM_CKPT = 121


def log(*a):
    print(*a, flush=True)


class Failure(Exception):
    pass


# ---------------------------------------------------------------------
# Locks held by a process, from /proc/locks
# ---------------------------------------------------------------------

def held_locks(pid, shm_inode):
    """The byte offsets of POSIX locks `pid` holds on the -shm file."""
    out = set()
    try:
        with open("/proc/locks") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    for line in lines:
        p = line.split()
        # "1: POSIX  ADVISORY  WRITE 123 fe:00:456 120 120" (a "->" after
        # the number marks a waiter)
        if "->" in p:
            continue
        if len(p) < 8 or p[1] != "POSIX" or p[4] != str(pid):
            continue
        if p[5].rsplit(":", 1)[-1] != str(shm_inode):
            continue
        try:
            start = int(p[6])
            end = int(p[7]) if p[7] != "EOF" else start
        except ValueError:
            continue
        out.update(range(start, min(end, start + 16) + 1))
    return out


def inode(path):
    try:
        return os.stat(path).st_ino
    except OSError:
        return None


# ---------------------------------------------------------------------
# The vault and its jobs
# ---------------------------------------------------------------------

class Vault:
    def __init__(self, lt, work, name):
        self.lt = lt
        self.dir = os.path.join(work, name)
        self.db = os.path.join(self.dir, "vault.db")
        self.env = dict(os.environ, LEAKTRACE_VAULT=self.dir,
                        LEAKTRACE_LOCK_TIMEOUT_MS="20000")
        self.work = work

    def run(self, *args, check=True, timeout=300):
        r = subprocess.run([self.lt] + list(args), env=self.env,
                           capture_output=True, text=True, timeout=timeout)
        if check and r.returncode != 0:
            raise Failure("leaktrace %s: exit %d: %s%s" % (
                " ".join(args), r.returncode, r.stdout[-500:], r.stderr[-500:]))
        return r

    def start(self, args):
        return subprocess.Popen([self.lt] + list(args), env=self.env,
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)

    def query(self, sql, *params):
        """One query through python3's sqlite3 (connection closed again)."""
        import sqlite3
        c = sqlite3.connect(self.db, timeout=20)
        try:
            return c.execute(sql, params).fetchall()
        finally:
            c.close()


def make_vault(lt, work, name, rng):
    v = Vault(lt, work, name)
    v.run("init")
    v.run("register", os.path.join(ROOT, "samples/memo-audit.txt"),
          "--id", "audit")
    v.run("register", os.path.join(ROOT, "samples/memo-budget.txt"),
          "--id", "budget")
    # Copies whose excerpts the scans will find.
    holders = os.path.join(v.work, name + "-holders.txt")
    with open(holders, "w") as f:
        for i in range(60):
            f.write("Holder %03d\n" % i)
    v.copies = os.path.join(v.work, name + "-budget")
    v.run("issue", "budget", "--recipients", holders, "--out", v.copies)
    v.copy_texts = [open(os.path.join(v.copies, n)).read().split()
                    for n in sorted(os.listdir(v.copies))]
    v.leaked = os.path.join(v.copies, sorted(os.listdir(v.copies))[0])
    return v


class Job:
    """One job of one round: its files, command, and how to check it."""

    def __init__(self, kind, v, rnd, rng):
        self.kind, self.v, self.rnd = kind, v, rnd
        w = v.work
        if kind == "issue":
            self.names = ["R%03d person %05d" % (rnd, i) for i in range(ISSUE_N)]
            self.file = os.path.join(w, "rec-%03d.txt" % rnd)
            with open(self.file, "w") as f:
                f.write("\n".join(self.names) + "\n")
            self.out = os.path.join(w, "out-%03d" % rnd)
            self.args = ["issue", "audit", "--recipients", self.file,
                         "--out", self.out]
        elif kind == "scan":
            self.folder = os.path.join(w, "scan-%03d" % rnd)
            os.makedirs(self.folder)
            for i in range(SCAN_FILES):
                words = v.copy_texts[rng.randrange(len(v.copy_texts))]
                n = rng.randint(90, 160)
                a = rng.randrange(0, max(1, len(words) - n))
                with open(os.path.join(self.folder, "post%04d.txt" % i),
                          "w") as f:
                    f.write("Seen on a forum today:\n\n" +
                            " ".join(words[a:a + n]) + "\n")
            self.args = ["scan", self.folder]
        else:
            self.base = "acc-%03d.csv" % rnd
            self.file = os.path.join(w, self.base)
            with open(self.file, "w") as f:
                f.write("time,user,action,document\n")
                for i in range(ACCESS_ROWS):
                    f.write("2026-%02d-%02dT%02d:%02d:%02dZ,Holder %03d,%s,%s\n" % (
                        1 + i % 12, 1 + i % 28, i % 24, i % 60, rnd % 60,
                        rng.randrange(60), rng.choice(["view", "print",
                                                       "download"]),
                        rng.choice(["audit", "budget"])))
            self.args = ["access", "--import", self.file]
            # Imported rows are recorded as import:SHA256-OF-FILE:LINE.
            with open(self.file, "rb") as f:
                self.base = hashlib.sha256(f.read()).hexdigest()

    # How many of this job's rows the vault holds (python3's sqlite3).
    def rows(self):
        v = self.v
        if self.kind == "issue":
            return v.query(
                "SELECT count(*) FROM copies c JOIN recipients r ON "
                "r.rowid = c.recipient JOIN documents d ON d.rowid = c.doc "
                "WHERE d.id = 'audit' AND r.name LIKE ?",
                "R%03d person %%" % self.rnd)[0][0]
        if self.kind == "scan":
            return v.query("SELECT count(*) FROM sightings WHERE source "
                           "LIKE ?", self.folder + "/%")[0][0]
        return v.query("SELECT count(*) FROM events WHERE kind = 'access' "
                       "AND json_extract(detail, '$.source') LIKE ?",
                       "import:%s:%%" % self.base)[0][0]

    def committed(self, expect):
        n = self.rows()
        if n not in (0, expect):
            raise Failure("%s: %d of %d rows after the kill: a torn "
                          "transaction" % (self.kind, n, expect))
        return n == expect

    def check_done(self, expect):
        v, n = self.v, self.rows()
        if n != expect:
            raise Failure("%s: %d rows after finishing, want %d" %
                          (self.kind, n, expect))
        if self.kind == "issue":
            dup = v.query(
                "SELECT count(*) FROM (SELECT json_extract(e.detail, "
                "'$.copy') AS c, count(*) AS n FROM events e WHERE kind = "
                "'issue' AND json_extract(e.detail, '$.reissue') = 0 "
                "GROUP BY c HAVING n > 1)")[0][0]
            if dup:
                raise Failure("issue: %d copies with more than one "
                              "first-issue event" % dup)
            first = v.query(
                "SELECT count(*) FROM events e JOIN copies c ON c.id = "
                "json_extract(e.detail, '$.copy') JOIN recipients r ON "
                "r.rowid = c.recipient WHERE e.kind = 'issue' AND "
                "json_extract(e.detail, '$.reissue') = 0 AND r.name LIKE ?",
                "R%03d person %%" % self.rnd)[0][0]
            if first != expect:
                raise Failure("issue: %d first-issue events, want %d" %
                              (first, expect))
            paths = v.query(
                "SELECT c.path FROM copies c JOIN recipients r ON r.rowid "
                "= c.recipient WHERE r.name LIKE ?", "R%03d person %%" % self.rnd)
            missing = [p for (p,) in paths if not os.path.isfile(p)]
            if missing:
                raise Failure("issue: %d copy files missing (%s)" %
                              (len(missing), missing[0]))
        elif self.kind == "scan":
            a, b = v.query("SELECT (SELECT count(*) FROM sightings), "
                           "(SELECT count(*) FROM events WHERE kind = "
                           "'sighting')")[0]
            if a != b:
                raise Failure("scan: %d sightings but %d sighting events"
                              % (a, b))
        else:
            lines = v.query("SELECT count(DISTINCT json_extract(detail, "
                            "'$.source')) FROM events WHERE kind = 'access' "
                            "AND json_extract(detail, '$.source') LIKE ?",
                            "import:%s:%%" % self.base)[0][0]
            if lines != expect:
                raise Failure("access: %d distinct rows, want %d" %
                              (lines, expect))

    def stray_files(self):
        if self.kind != "issue" or not os.path.isdir(self.out):
            return 0
        return sum(1 for n in os.listdir(self.out) if ".tmp-" in n)


# ---------------------------------------------------------------------
# Checks right after a kill
# ---------------------------------------------------------------------

PY_CHECK = r"""
import sqlite3, sys
try:
    c = sqlite3.connect(sys.argv[1], timeout=20)
    print(c.execute("PRAGMA integrity_check").fetchone()[0])
    c.close()
except Exception as e:
    print("error: %s" % e)
"""


def readers(v, concurrent):
    """sqlite3 CLI, python3 and `leaktrace trace`, racing when
    `concurrent`; returns a list of problems."""
    cmds = [
        ("sqlite3", ["sqlite3", "-cmd", ".timeout 20000", v.db,
                     "PRAGMA integrity_check"]),
        ("python3", [sys.executable, "-c", PY_CHECK, v.db]),
        ("trace", [v.lt, "trace", v.leaked]),
    ]
    if not concurrent:
        random.shuffle(cmds)
    problems, procs = [], []
    for name, cmd in cmds:
        p = subprocess.Popen(cmd, env=v.env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        if concurrent:
            procs.append((name, p))
        else:
            procs.append((name, p))
            p.wait()
    for name, p in procs:
        out, err = p.communicate(timeout=120)
        if name == "trace":
            if p.returncode not in (0, 1) or "damaged" in err:
                problems.append("trace: exit %d: %s" % (p.returncode,
                                                        err.strip()[-300:]))
        elif out.strip() != "ok" or p.returncode != 0:
            problems.append("%s integrity_check: %s %s" % (
                name, out.strip()[-300:], err.strip()[-300:]))
    return problems


def log_verify(v, when):
    r = v.run("log", "verify", check=False)
    if r.returncode != 0:
        raise Failure("log verify %s: exit %d: %s%s" % (
            when, r.returncode, r.stdout[-300:], r.stderr[-300:]))


# ---------------------------------------------------------------------
# One round
# ---------------------------------------------------------------------

def run_and_watch(v, args, shm_ino_fn, kill_at=None, in_tx=None):
    """Run leaktrace; kill it at `kill_at` seconds, or `in_tx` seconds
    after it takes the write lock.  Returns (process, where the kill
    landed or None, elapsed, seconds from start to the write lock)."""
    p = v.start(args)
    t0 = time.monotonic()
    locked_at = None
    where = None
    while True:
        now = time.monotonic() - t0
        if p.poll() is not None:
            if kill_at is not None or in_tx is not None:
                where = "finished"
            break
        ino = shm_ino_fn()
        held = held_locks(p.pid, ino) if ino else set()
        if held and SHM_WRITE in held and locked_at is None:
            locked_at = now
        due = (kill_at is not None and now >= kill_at) or \
              (in_tx is not None and locked_at is not None and
               now >= locked_at + in_tx)
        if due:
            if held is None:
                where = "unknown"
            elif SHM_WRITE in held:
                where = "write-tx"
            elif SHM_CKPT in held:
                where = "checkpoint"
            elif held:
                where = "reading"
            else:
                where = "no-lock"
            p.send_signal(signal.SIGKILL)
            p.wait()
            break
        time.sleep(0.002)
    return p, where, time.monotonic() - t0, locked_at


class Stats:
    def __init__(self):
        self.rounds = 0
        self.where = {}
        self.by_job = {}
        self.committed_before_kill = 0
        self.stray = 0
        self.failures = []
        self.last = ""


def calibrate(v, kind, rnd, rng, est):
    job = Job(kind, v, rnd, rng)
    p, _, total, locked = run_and_watch(v, job.args, lambda: inode(v.db + "-shm"))
    if p.returncode != 0:
        raise Failure("calibration %s: exit %d: %s" % (
            kind, p.returncode, p.stderr.read().decode()[-300:]))
    want = {"issue": ISSUE_N, "scan": SCAN_FILES, "access": ACCESS_ROWS}[kind]
    job.check_done(want)
    est[kind] = (total, (total - locked) if locked is not None else total / 2,
                 want)
    log("  %-6s %.2f s, write transaction %.2f s, %d rows" % (
        kind, est[kind][0], est[kind][1], est[kind][2]))


def one_round(v, kind, rnd, rng, est, st, aim_tx):
    job = Job(kind, v, rnd, rng)
    total, tx, expect = est[kind]
    shm = lambda: inode(v.db + "-shm")
    if aim_tx:
        aim = "%.2f s into the write transaction" % rng.uniform(0, 0.9 * tx)
        p, where, el, locked = run_and_watch(v, job.args, shm,
                                             in_tx=float(aim.split()[0]))
    else:
        aim = "%.2f s after the start" % rng.uniform(0.02, 1.05 * total)
        p, where, el, locked = run_and_watch(v, job.args, shm,
                                             kill_at=float(aim.split()[0]))
    st.last = "aimed %s, write lock at %s, killed at %.2f s" % (
        aim, "%.2f s" % locked if locked is not None else "-", el)
    st.where[where] = st.where.get(where, 0) + 1
    st.by_job.setdefault(kind, {}).setdefault(where, 0)
    st.by_job[kind][where] += 1
    # (a) integrity from separate processes, and a reader through leaktrace.
    problems = readers(v, concurrent=(rnd % 2 == 0))
    if problems:
        raise Failure("after the kill (%s, %s): %s" % (kind, where,
                                                        "; ".join(problems)))
    # (b) the ledger.
    log_verify(v, "after the kill")
    done = job.committed(expect)
    st.committed_before_kill += done
    # (c) finish the job.
    # (an import that committed records nothing again)
    p, _, el, locked = run_and_watch(v, job.args, shm)
    if p.returncode != 0:
        raise Failure("rerun of %s: exit %d: %s" % (
            kind, p.returncode, p.stderr.read().decode()[-300:]))
    # Follow the machine's speed: blend this uninterrupted run into the
    # estimates that aim the next kills.
    if not done and locked is not None:
        est[kind] = ((total + el) / 2, (tx + el - locked) / 2, expect)
    job.check_done(expect)
    log_verify(v, "after finishing")
    st.stray += job.stray_files()
    return where


def stress(args):
    rng = random.Random(args.seed)
    random.seed(args.seed)
    work = tempfile.mkdtemp(prefix="lt-stress-", dir=args.tmp)
    st = Stats()
    t0 = time.monotonic()
    kinds = ["issue", "scan", "access"]
    try:
        v, est = None, {}
        for rnd in range(args.rounds):
            if rnd % args.vault_rounds == 0:
                if v:
                    shutil.rmtree(v.work, ignore_errors=True)
                sub = os.path.join(work, "v%03d" % rnd)
                os.makedirs(sub)
                v = make_vault(args.leaktrace, sub, "vault", rng)
                log("vault %d (rounds %d-%d)%s" % (
                    rnd // args.vault_rounds + 1, rnd,
                    min(args.rounds, rnd + args.vault_rounds) - 1,
                    "" if est else "; uninterrupted runs:"))
                if not est:
                    for i, k in enumerate(kinds):
                        calibrate(v, k, 900 + rnd + i, rng, est)
            kind = kinds[rnd % 3]
            aim_tx = rng.random() < args.in_tx
            try:
                where = one_round(v, kind, rnd, rng, est, st, aim_tx)
                st.rounds += 1
                if args.verbose:
                    log("round %3d %-6s killed: %-10s (%s)" % (rnd, kind, where,
                                                                st.last))
            except Failure as e:
                st.failures.append("round %d (%s): %s" % (rnd, kind, e))
                log("FAIL round %d (%s): %s" % (rnd, kind, e))
                if len(st.failures) >= 5:
                    break
                # Start over on a fresh vault after a failure.
                v = None
                sub = os.path.join(work, "v%03d-after" % rnd)
                os.makedirs(sub)
                v = make_vault(args.leaktrace, sub, "vault", rng)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    el = time.monotonic() - t0
    log("%d rounds in %.0f s; kills landed: %s" % (
        args.rounds, el, ", ".join("%s %d" % kv for kv in sorted(st.where.items()))))
    for k in kinds:
        log("  %-6s %s" % (k, ", ".join("%s %d" % kv for kv in
                                       sorted(st.by_job.get(k, {}).items()))))
    log("%d jobs had committed before the kill; %d temporary copy files "
        "left behind by killed issues" % (st.committed_before_kill, st.stray))
    if st.failures:
        log("%d FAILED:" % len(st.failures))
        for f in st.failures:
            log("  " + f)
        return 1
    log("every check passed")
    return 0


# ---------------------------------------------------------------------
# The field report's scenario
# ---------------------------------------------------------------------

def report_repro(args):
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="lt-repro-", dir=args.tmp)
    busy = [subprocess.Popen(["sh", "-c", "while :; do :; done"])
            for _ in range(args.load)]
    import sqlite3
    counts = dict(opens=0, malformed=0, other=0, lt_damaged=0, kills=0)
    try:
        v = make_vault(args.leaktrace, work, "vault", rng)
        for t in range(args.report_repro):
            for k in range(3):
                names = os.path.join(work, "r.txt")
                with open(names, "w") as f:
                    for i in range(5000):
                        f.write("T%d K%d person %d\n" % (t, k, i))
                p = v.start(["issue", "audit", "--recipients", names,
                             "--out", os.path.join(work, "out")])
                time.sleep(rng.uniform(1.0, 2.0))
                p.send_signal(signal.SIGKILL)
                p.wait()
                counts["kills"] += 1
            # Straight after the third kill: python3 opens the vault.
            counts["opens"] += 1
            try:
                c = sqlite3.connect(v.db, timeout=5)
                c.execute("SELECT count(*) FROM copies").fetchone()
                r = c.execute("PRAGMA integrity_check").fetchone()[0]
                c.close()
                if r != "ok":
                    counts["malformed"] += 1
                    log("trial %d: integrity_check: %s" % (t, r))
            except sqlite3.DatabaseError as e:
                key = "malformed" if "malformed" in str(e) else "other"
                counts[key] += 1
                log("trial %d: %s" % (t, e))
            r = v.run("trace", v.leaked, check=False)
            if r.returncode not in (0, 1) or "damaged" in r.stderr:
                counts["lt_damaged"] += 1
                log("trial %d: trace: %s" % (t, r.stderr.strip()))
            shutil.rmtree(os.path.join(work, "out"), ignore_errors=True)
    finally:
        for b in busy:
            b.kill()
            b.wait()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    log("report scenario: %s (busy loops: %d)" % (counts, args.load))
    return 1 if counts["malformed"] or counts["other"] or counts["lt_damaged"] else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("leaktrace", nargs="?",
                    default=os.path.join(ROOT, "build/leaktrace"))
    ap.add_argument("--rounds", type=int, default=100)
    ap.add_argument("--vault-rounds", type=int, default=25)
    ap.add_argument("--in-tx", type=float, default=0.75,
                    help="share of kills aimed inside the write transaction")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--tmp", default=None)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--report-repro", type=int, default=0, metavar="N")
    ap.add_argument("--load", type=int, default=0)
    args = ap.parse_args()
    if args.seed is None:
        args.seed = int(os.environ.get("LT_STRESS_SEED", time.time()))
    args.leaktrace = os.path.abspath(args.leaktrace)
    log("seed %d (LT_STRESS_SEED=%d reproduces this run)" % (args.seed, args.seed))
    if args.report_repro:
        return report_repro(args)
    return stress(args)


if __name__ == "__main__":
    sys.exit(main())
