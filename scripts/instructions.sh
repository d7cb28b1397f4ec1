#!/usr/bin/env bash
# Instructions per byte of full extraction (reading, every stage, JSON), the
# extractor's build left out, counted by callgrind: the same number for the
# same binary and input whatever else the machine is doing, so a change of a
# few percent shows on a shared, noisy machine (docs/performance.md).
#
#   scripts/instructions.sh FILE.txt...          # blank-line separated articles
#   THROUGHPUT=path/to/throughput scripts/instructions.sh FILE.txt
#
# Each FILE is run once with and once without its articles (an empty
# article), and the difference is divided by its size. Keep inputs near
# 1 MB: callgrind runs about fifty times slower than the program. The
# profile of each run is kept (path printed) for
# `callgrind_annotate --inclusive=yes --auto=no PROFILE`.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v valgrind >/dev/null; then
    echo "valgrind is needed (Debian: apt-get install valgrind)" >&2
    exit 2
fi
if [ -z "${THROUGHPUT:-}" ]; then
    cargo build --release --example throughput -q
    THROUGHPUT=target/release/examples/throughput
fi
[ $# -gt 0 ] || { echo "usage: $0 FILE.txt..." >&2; exit 2; }
run() {
    valgrind --tool=callgrind --callgrind-out-file="$2" "$THROUGHPUT" "$1" \
        --blank-line-articles --threads 1 --sequential --out none --quiet 2>&1 |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
empty="$(mktemp)"
trap 'rm -f "$empty"' EXIT
printf 'x\n' > "$empty"
base="$(run "$empty" /dev/null)"
for f in "$@"; do
    profile="$(mktemp -t callgrind.XXXXXX)"
    full="$(run "$f" "$profile")"
    bytes="$(stat -c %s "$f")"
    python3 -c "print('%s: %.1f instructions/byte (profile %s)' % ('$f', ($full - $base) / $bytes, '$profile'))"
done
