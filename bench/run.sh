#!/bin/sh
# run.sh - run every benchmark of a build directory and print its figures.
#   bench/run.sh BUILD
#
# PDQ against the reference: when the reference hasher is found, bench_pdq
# times it on the same images in the same run and prints
#   pdq: leaktrace X images/s, reference Y images/s, ratio Z
# for the library, and for the command-line tools (`BUILD/leaktrace pdq
# FILE...` against the reference, one process over all images each)
#   pdq cli: leaktrace X images/s, reference Y images/s, ratio Z
# It is looked for at $PDQ_REFERENCE, else as pdq-photo-hasher on the PATH.
# To build it: take pdq/cpp from github.com/facebook/ThreatExchange and
#   g++ -O2 -std=c++11 -I../.. -I. -Dcimg_use_jpeg -Dcimg_use_png \
#       -Dcimg_display=0 bin/pdq-photo-hasher.cpp common/*.cpp io/*.cpp \
#       hashing/*.cpp downscaling/*.cpp -o pdq-photo-hasher \
#       -ljpeg -lpng -lz -lpthread
# then PDQ_REFERENCE=/path/to/pdq-photo-hasher make bench.
#
# Run from the repository root, as `make bench` does: the benches find
# the repository's samples and test data there, and the shared data
# (PDQ images, the real prose of prose-real/) at ../shared/data, or
# wherever $LEAKTRACE_SHARED_DATA points.  bench_slots prints, for every
# file and group, the lexical bits per 100 words of the default marks and
# of the default marks plus every suggestion (the "prose-real" line is
# the figure of issue 11).
set -eu
B=${1:-build-bench}
if [ -z "${PDQ_REFERENCE:-}" ]; then
	PDQ_REFERENCE=$(command -v pdq-photo-hasher 2>/dev/null || true)
fi
if [ -n "$PDQ_REFERENCE" ]; then
	export PDQ_REFERENCE
else
	unset PDQ_REFERENCE
	echo "(no reference PDQ hasher: set PDQ_REFERENCE to compare speed)"
fi
LEAKTRACE_CLI=$B/leaktrace
export LEAKTRACE_CLI
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB memory, $(uname -m)"
for b in "$B"/bench/bench_*; do
	[ -x "$b" ] || continue
	echo "== $(basename "$b")"
	"$b"
done
echo "== photo_rates.sh"
sh bench/photo_rates.sh "$B"
