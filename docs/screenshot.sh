#!/usr/bin/env bash
# Regenerates docs/explain.png: the explain page of a repo sample, rendered by
# headless Chromium from the Debian packages (apt-get install -y chromium
# fonts-noto-cjk). Run from anywhere; writes only under docs/ and a temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLE="${1:-samples/en-baogang-steel.txt}"
PNG="${2:-docs/explain.png}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cargo run --release --quiet --example explain -- "$ARTICLE" -o "$TMP/page.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$TMP/profile" --hide-scrollbars \
    --screenshot="$PWD/$PNG" --window-size=1400,1000 "file://$TMP/page.html" 2>/dev/null
ls -l "$PNG"
