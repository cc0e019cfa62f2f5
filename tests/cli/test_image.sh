#!/bin/sh
# test_image.sh - image originals end to end: register the test figure
# (tests/data/images/figure.png) with its image capacity, issue PNG and
# JPEG copies to several recipients, and trace the copy files, a rescaled
# JPEG of a copy, a screenshot-sized PNG and simulated phone photos (the
# photosim tool); the unmarked original and an unrelated figure accuse
# nobody; the average of two copies never accuses a third recipient; bad
# input (a truncated PNG, a figure too small) is a clear exit 2 and leaves
# the vault as it was.
. tests/cli/lib.sh

FIG=tests/data/images/figure.png
accused_is() {
	jq -r '[.suspects[] | select(.accused) | .recipient] | sort | join(",")' "$1"
}

"$LT" init >/dev/null || exit 1
"$LT" --json register "$FIG" --id chart >"$T/reg.json"
jq_ok "register a PNG figure" "$T/reg.json" \
	'.document == "chart" and .format == "png" and .words == 0 and .slots == 256'
jq_ok "capacity.image counts the image slots" "$T/reg.json" \
	'.capacity.image == 256 and .capacity.lexical == 0 and .capacity.layout == 0 and .image.width == 1000 and .image.height == 700'
# The original's PDQ hash is recorded (what trace finds the figure by).
"$LT" export-hashes chart >"$T/hashes.txt" 2>/dev/null
ok "export-hashes lists the figure" test -s "$T/hashes.txt"

# Six recipients, PNG copies by default; two JPEG copies.
for n in Ana Ben Chloe Dev Eli Fay; do echo "$n Smith"; done >"$T/names.txt"
"$LT" --json issue chart --recipients "$T/names.txt" --out "$T/c" >"$T/iss.json"
jq_ok "copies of a PNG figure are PNG" "$T/iss.json" \
	'(.copies | length) == 6 and all(.copies[]; .path | endswith(".png"))'
"$LT" --json issue chart --to "Gil Smith" --format jpg --out "$T/j" >"$T/issj.json"
jq_ok "--format jpg writes a JPEG copy" "$T/issj.json" \
	'.copies[0].path | endswith(".jpg")'
expect_exit 2 "a figure's copies are no PDF" "$LT" issue chart --to X --format pdf --out "$T/x"
ok "nothing written for a refused format" test ! -e "$T/x/chart-x.pdf"

# Every copy file names its recipient and nobody else.
named=0; wrong=0
for n in Ana Ben Chloe Dev Eli Fay; do
	slug=$(echo "$n-smith" | tr 'A-Z' 'a-z')
	"$LT" --json trace "$T/c/chart-$slug.png" >"$T/t.json"
	a=$(accused_is "$T/t.json")
	[ "$a" = "$n Smith" ] && named=$((named + 1))
	[ -n "$a" ] && [ "$a" != "$n Smith" ] && wrong=$((wrong + 1))
done
ok "every PNG copy names its recipient ($named/6)" test "$named" -eq 6
ok "no innocent accused by a copy file" test "$wrong" -eq 0
jq_ok "trace JSON of a figure" "$T/t.json" \
	'.document == "chart" and .verdict == "identified" and .slots.total == 256 and .slots.image == .slots.observed and .slots.observed >= 250 and .slots.bits >= 250 and (.suspects | length) >= 1'
"$LT" --json trace "$T/j/chart-gil-smith.jpg" >"$T/tj.json"
ok "the JPEG copy names its recipient" test "$(accused_is "$T/tj.json")" = "Gil Smith"

# A JPEG original: JPEG copies by default, traced.
"$TOOLS/rescale" "$FIG" "$T/photo-original.jpg" --scale 0.8 --quality 90
"$LT" --json register "$T/photo-original.jpg" --id snap >"$T/regj.json"
jq_ok "register a JPEG figure" "$T/regj.json" '.format == "jpeg" and .capacity.image > 100'
"$LT" --json issue snap --to "Ana Smith" --to "Ben Smith" --out "$T/s" >"$T/isss.json"
jq_ok "copies of a JPEG figure are JPEG" "$T/isss.json" \
	'all(.copies[]; .path | endswith(".jpg"))'
"$LT" --json trace "$T/s/snap-ben-smith.jpg" >"$T/tsn.json"
jq_ok "a JPEG copy of a JPEG figure names its recipient" "$T/tsn.json" \
	'.document == "snap" and ([.suspects[] | select(.accused) | .recipient] == ["Ben Smith"])'

# Re-posted: rescaled to 55% and saved as JPEG 60; enlarged 1.4x as PNG.
"$TOOLS/rescale" "$T/c/chart-ben-smith.png" "$T/small.jpg" --scale 0.55 --quality 60
"$LT" --json trace "$T/small.jpg" >"$T/ts.json"
ok "a rescaled JPEG names its recipient" test "$(accused_is "$T/ts.json")" = "Ben Smith"
"$TOOLS/rescale" "$T/c/chart-chloe-smith.png" "$T/big.png" --scale 1.4 --png
"$LT" --json trace "$T/big.png" >"$T/tb.json"
ok "an enlarged screenshot names its recipient" test "$(accused_is "$T/tb.json")" = "Chloe Smith"

# Phone photos of the figure alone (photosim: turned, tilted, blurred,
# noisy, unevenly lit, JPEG 50).
"$TOOLS/photosim" "$T/c/chart-dev-smith.png" "$T/photo1.jpg" --seed 11 --blur 1.0
"$LT" --json trace "$T/photo1.jpg" >"$T/tp1.json"
ok "a photo (blur 1.0) names its recipient" test "$(accused_is "$T/tp1.json")" = "Dev Smith"
"$TOOLS/photosim" "$T/c/chart-eli-smith.png" "$T/photo2.jpg" --seed 12
"$LT" --json trace "$T/photo2.jpg" >"$T/tp2.json"
a=$(accused_is "$T/tp2.json")
ok "the worst photo (blur 1.5, 5 deg, 15 deg tilt) names its recipient or nobody" \
	test "$a" = "Eli Smith" -o -z "$a"
jq_ok "the worst photo is the figure" "$T/tp2.json" '.document == "chart"'

# The unmarked original and a photo of it accuse nobody.
"$LT" --json trace "$FIG" >"$T/to.json"
jq_ok "the original accuses nobody and says so" "$T/to.json" \
	'.document == "chart" and ([.suspects[] | select(.accused)] | length) == 0 and .verdict == "inconclusive" and (.explanation | test("unmarked original"))'
"$TOOLS/photosim" "$FIG" "$T/photo-orig.jpg" --seed 13 --blur 1.0
"$LT" --json trace "$T/photo-orig.jpg" >"$T/tpo.json"
jq_ok "a photo of the original accuses nobody" "$T/tpo.json" \
	'([.suspects[] | select(.accused)] | length) == 0'

# An unrelated figure (another drawing) is no document, or accuses nobody.
"$TOOLS/figure" "$T/other.png" --seed 5 --width 900 --height 900
"$LT" --json trace "$T/other.png" >"$T/tu.json"
jq_ok "an unrelated picture accuses nobody" "$T/tu.json" \
	'([.suspects[] | select(.accused)] | length) == 0'

# A copy of Ana traced among Ben and Fay accuses neither (mixes of two
# copies are tested in tests/test_image_mark.c).
"$LT" --json trace "$T/c/chart-ana-smith.png" --among "Ben Smith" --among "Fay Smith" >"$T/ta.json"
jq_ok "outside the candidates, never accused" "$T/ta.json" \
	'([.suspects[] | select(.accused)] | length) == 0'

# Bad input: a truncated PNG, a figure too small; the vault is unchanged.
head -c 5000 "$FIG" >"$T/trunc.png"
"$LT" --json log >"$T/log-before.json" 2>/dev/null
expect_exit 2 "a truncated PNG is refused" "$LT" register "$T/trunc.png" --id broken
ok "the message names the file and the damage" grep -q "trunc.png.*truncated" "$T/last.err"
"$TOOLS/figure" "$T/tiny.png" --width 40 --height 40
expect_exit 2 "a figure too small is refused" "$LT" register "$T/tiny.png" --id tiny
ok "the message says why" grep -q "too small" "$T/last.err"
expect_exit 0 "the vault still lists its documents" "$LT" --json log
ok "nothing half-written: no 'broken' or 'tiny' event" sh -c "! grep -q '\"broken\"\|\"tiny\"' '$T/last.out'"
expect_exit 0 "the ledger verifies" "$LT" log verify
expect_exit 2 "a truncated copy is refused by trace" "$LT" trace "$T/trunc.png"
ok "trace names the file and the damage" grep -q "trunc.png.*truncated" "$T/last.err"

finish
