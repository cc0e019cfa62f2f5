#!/usr/bin/env python3
"""layers.py - check liblt's structure from its object files.

    scripts/layers.py BUILD_DIR

Reads `nm` of every object under BUILD/obj/src, links each undefined
symbol to the file that defines it, and fails when
  - two source files depend on each other, directly or through others
    (a cycle), or
  - a folder depends on a folder listed above it in LAYERS (data flows
    one way: extract -> normalise -> identify -> read slots -> score ->
    record), or
  - a source file is over 1,500 lines, or
  - the library calls getenv, exit, abort or prints to stdout/stderr.
Prints the folder graph either way.
"""
import os
import subprocess
import sys
from collections import defaultdict

# Lowest first: a folder may use the folders before it, never after.
LAYERS = ["base", "store", "ledger", "text", "mark", "code", "render",
          "read", "identify", "issue", "forensics", "spread", "report",
          "investigate"]
FORBIDDEN = {"getenv", "secure_getenv", "exit", "_exit", "abort", "printf",
             "puts", "putchar", "perror", "vprintf"}
MAX_LINES = 1500


def symbols(obj):
    out = subprocess.run(["nm", "-P", obj], capture_output=True, text=True,
                         check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        name, kind = parts[0], parts[1]
        if kind == "U":
            undefined.add(name)
        elif kind in "TDBRCVW" or kind in "tdbr" and False:
            defined.add(name)
    return defined, undefined


def sccs(graph):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(comp)

    sys.setrecursionlimit(10000)
    for v in list(graph):
        if v not in index:
            visit(v)
    return out


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    root = os.path.join(build, "obj", "src")
    objs = []
    for d, _, files in os.walk(root):
        objs += [os.path.join(d, f) for f in files if f.endswith(".o")]
    if not objs:
        sys.exit("layers: no objects under %s (build first)" % root)
    defs, uses = {}, {}
    for o in sorted(objs):
        src = os.path.relpath(o, os.path.join(build, "obj"))[:-2] + ".c"
        d, u = symbols(o)
        uses[src] = u
        for s in d:
            defs[s] = src
    graph = defaultdict(set)
    problems = []
    for src, u in uses.items():
        graph[src]
        for s in u:
            if s in defs and defs[s] != src:
                graph[src].add(defs[s])
            if s in FORBIDDEN:
                problems.append("%s calls %s" % (src, s))
    for comp in sccs(graph):
        if len(comp) > 1:
            problems.append("cycle: " + " <-> ".join(sorted(comp)))
    folders = defaultdict(set)
    for a, bs in graph.items():
        fa = a.split("/")[1]
        for b in bs:
            fb = b.split("/")[1]
            if fa != fb:
                folders[fa].add(fb)
    for fa, fbs in sorted(folders.items()):
        for fb in sorted(fbs):
            if fa not in LAYERS or fb not in LAYERS:
                problems.append("folder %s or %s is not in LAYERS" % (fa, fb))
            elif LAYERS.index(fb) > LAYERS.index(fa):
                culprits = sorted("%s -> %s" % (a, b) for a, bs in graph.items()
                                  for b in bs if a.split("/")[1] == fa and
                                  b.split("/")[1] == fb)
                problems.append("%s uses %s, a later stage: %s" %
                                (fa, fb, "; ".join(culprits)))
    for d, _, files in os.walk("src"):
        for f in files:
            p = os.path.join(d, f)
            with open(p, encoding="utf-8", errors="replace") as fh:
                n = sum(1 for _ in fh)
            if n > MAX_LINES:
                problems.append("%s has %d lines (limit %d)" % (p, n, MAX_LINES))
    for fa in LAYERS:
        if fa in folders or any(fa == x.split("/")[1] for x in graph):
            print("%-12s uses %s" % (fa, ", ".join(sorted(folders.get(fa, ()),
                  key=LAYERS.index)) or "-"))
    for p in problems:
        print("layers: " + p)
    print("layers: %d files, %d folders, %d problems" %
          (len(graph), len({x.split('/')[1] for x in graph}), len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
