#!/bin/sh
# install-deps.sh - install the Debian packages leaktrace needs.
#
#   scripts/install-deps.sh          build, test and demo dependencies
#   scripts/install-deps.sh fuzz     plus clang's libFuzzer runtime
#
# Only missing packages are installed, so running it again is cheap.
set -eu

PKGS="build-essential pkg-config libsqlite3-dev sqlite3 libsodium-dev
libutf8proc-dev libjansson-dev libyajl-dev libjpeg-dev libpng-dev
libcairo2-dev libpango1.0-dev libpoppler-glib-dev libtesseract-dev
libleptonica-dev tesseract-ocr-eng fonts-liberation fonts-dejavu-core
libcmocka-dev jq python3 chromium libzip-dev libxml2-dev
libreoffice-writer-nogui libqpdf-dev poppler-utils unzip zip"

if [ "${1:-}" = fuzz ]; then
	PKGS="$PKGS clang libclang-rt-14-dev"
fi

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
