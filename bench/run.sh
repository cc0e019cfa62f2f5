#!/bin/sh
# run.sh - run every benchmark of a build directory and print its figures.
#   bench/run.sh BUILD
set -eu
B=${1:-build-bench}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB memory, $(uname -m)"
for b in "$B"/bench/bench_*; do
	[ -x "$b" ] || continue
	echo "== $(basename "$b")"
	"$b"
done
echo "== photo_rates.sh"
sh bench/photo_rates.sh "$B"
