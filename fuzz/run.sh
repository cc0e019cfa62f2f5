#!/bin/sh
# run.sh - build every libFuzzer target with clang (ASan+UBSan) and run each
# for FUZZ_SECONDS (default 30) from a scratch corpus seeded with samples/.
set -eu
SECS=${FUZZ_SECONDS:-30}
OUT=build-fuzz
mkdir -p "$OUT"
SRC=$(ls src/*.c)
PKGS="cairo pangocairo pangoft2 fontconfig poppler-glib tesseract lept"
for f in fuzz/fuzz_*.c; do
	name=$(basename "$f" .c)
	echo "== $name"
	clang -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
		-Iinclude -Isrc $(pkg-config --cflags $PKGS) "$f" $SRC -o "$OUT/$name" \
		-lsqlite3 -lsodium -lutf8proc -ljansson -lyajl -ljpeg -lpng \
		$(pkg-config --libs $PKGS) -lm -lpthread
	mkdir -p "$OUT/$name.corpus"
	cp samples/* "$OUT/$name.corpus/" 2>/dev/null || true
	"$OUT/$name" -max_total_time="$SECS" -max_len=65536 "$OUT/$name.corpus"
done
