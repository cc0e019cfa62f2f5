#!/bin/sh
# run.sh - build the library once for fuzzing (clang, ASan+UBSan, libFuzzer
# coverage), link every fuzz/fuzz_*.c target against it and run each for
# FUZZ_SECONDS (default 30) from a scratch corpus seeded with samples/,
# the Word originals of tests/data/docx/ and fuzz/seeds/NAME/.
# Crash inputs are kept in build-fuzz/ as NAME-crash-*.
# FUZZ_TARGETS="fuzz_pdf_content" runs only the targets named (a glob).
set -eu
SECS=${FUZZ_SECONDS:-30}
# fontconfig keeps its configuration for the life of the process.
LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
OUT=build-fuzz
PKGS="cairo pangocairo pangoft2 fontconfig poppler-glib tesseract lept libzip libxml-2.0 libqpdf"
CFLAGS="-std=gnu11 -g -O1 -fsanitize=address,undefined -Iinclude -Isrc $(pkg-config --cflags $PKGS)"
LIBS="-lsqlite3 -lsodium -lutf8proc -ljansson -lyajl -ljpeg -lpng $(pkg-config --libs $PKGS) -lm -lpthread"
mkdir -p "$OUT/obj"
objs=""
for c in $(find src -name '*.c' | sort); do
	o="$OUT/obj/$(echo "${c%.c}" | tr / _).o"
	if [ ! -f "$o" ] || [ "$c" -nt "$o" ]; then
		clang $CFLAGS -fsanitize=fuzzer-no-link -c "$c" -o "$o"
	fi
	objs="$objs $o"
done
rm -f "$OUT/liblt.a"
# shellcheck disable=SC2086
ar rcs "$OUT/liblt.a" $objs
status=0
TARGETS=${FUZZ_TARGETS:-fuzz_*}
# shellcheck disable=SC2086
for f in fuzz/$TARGETS.c; do
	name=$(basename "$f" .c)
	echo "== $name"
	clang $CFLAGS -fsanitize=fuzzer "$f" "$OUT/liblt.a" -o "$OUT/$name" $LIBS
	mkdir -p "$OUT/$name.corpus"
	cp samples/* tests/data/docx/*.docx "$OUT/$name.corpus/" 2>/dev/null || true
	# seeds of a target of its own (fuzz/seeds/NAME/)
	cp fuzz/seeds/"$name"/* "$OUT/$name.corpus/" 2>/dev/null || true
	"$OUT/$name" -max_total_time="$SECS" -max_len=65536 \
		-artifact_prefix="$OUT/$name-" "$OUT/$name.corpus" || status=1
done
exit $status
