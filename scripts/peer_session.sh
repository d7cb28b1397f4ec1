#!/usr/bin/env bash
# One session of the comparison with the peers (docs/performance.md): for
# each language the extractor (in memory, as a raw scan and streaming), the
# peers' runner, the extractor again; then two threads against one on the
# bulk corpus and peak memory on it and on four copies of it; then the bars
# of issue 3 as ratios within the session (scripts/session_ratios.py).
#
#   scripts/peer_session.sh OUT_DIR [OLD_THROUGHPUT]
#
# OLD_THROUGHPUT, a `throughput` binary of an earlier build, runs streaming
# next to the new one. Needs the corpora and the pattern list made as in
# docs/performance.md ("Running the comparison") in $BENCH (default
# /tmp/ree-bench), and the peers' runner in $SHARED/bench (default
# ../shared). Takes about seven minutes on two cores; keep the machine
# otherwise idle.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT="${1:?usage: scripts/peer_session.sh OUT_DIR [OLD_THROUGHPUT]}"
OLD="${2:-}"
BENCH="${BENCH:-/tmp/ree-bench}"
SHARED="${SHARED:-../shared}"
for f in "$BENCH/en.txt" "$BENCH/zh.txt" "$BENCH/ree-patterns.tsv" "$SHARED/bench/run_peers.sh"; do
    if [ ! -e "$f" ]; then
        echo "missing $f (see docs/performance.md, Running the comparison)" >&2
        exit 2
    fi
done
mkdir -p "$OUT"
cargo build --release --example throughput -q || exit 1
# A copy: a build during the session must not change what it measures.
NEW="$OUT/throughput"
cp target/release/examples/throughput "$NEW"
git rev-parse --short HEAD > "$OUT/commit" 2>/dev/null || true

for lang in en zh; do
    results="$OUT/results-$lang.tsv"
    ours="$OUT/ours-$lang.tsv"
    : > "$ours"
    run() { # BINARY NAME [OPTIONS...]
        local bin=$1 name=$2
        shift 2
        "$bin" "$BENCH/$lang.txt" --blank-line-articles --threads 1 --sequential --out none \
            --quiet --warm-up --repeat 3 --result "$name" "$@" >> "$ours" 2>> "$OUT/ours-$lang.log"
    }
    ours_all() { # ROUND
        run "$NEW" "ree-claims-in-memory-$1" --in-memory
        run "$NEW" "ree-claims-raw-scan-$1" --in-memory --raw-scan
        run "$NEW" "ree-claims-streaming-$1"
        if [ -n "$OLD" ]; then
            run "$OLD" "ree-claims-old-streaming-$1"
        fi
    }
    cat "$BENCH/$lang.txt" > /dev/null
    uptime >> "$OUT/uptime.log"
    ours_all 1
    RESULTS="$results" REPEATS=3 "$SHARED/bench/run_peers.sh" "$BENCH/$lang.txt" \
        "$BENCH/ree-patterns.tsv" > "$OUT/peers-$lang.out" 2>&1
    ours_all 2
    uptime >> "$OUT/uptime.log"
    # run_peers.sh empties RESULTS when it starts.
    cat "$ours" >> "$results"
    python3 "$SHARED/bench/summarize.py" "$results" --md > "$OUT/table-$lang.md"
done

# Two threads against one thread doing everything, in memory and streaming,
# three interleaved rounds on the bulk corpus (both languages).
: > "$OUT/threads.log"
for round in 1 2 3; do
    for mode in --in-memory ""; do
        for threads in 1 2; do
            extra=()
            [ "$threads" = 1 ] && extra=(--sequential)
            echo "round $round threads $threads $mode" >> "$OUT/threads.log"
            # shellcheck disable=SC2086
            "$NEW" "$SHARED/corpus/bulk" --threads "$threads" "${extra[@]}" $mode --out none --quiet 2>&1 \
                | grep '^summary' >> "$OUT/threads.log"
        done
    done
done

# Peak memory streaming the bulk corpus and four copies of it, records written.
: > "$OUT/memory.log"
records=$(mktemp)
bulk="$SHARED/corpus/bulk"
"$NEW" "$bulk" --threads 2 --out "$records" --quiet 2>&1 | grep '^summary' >> "$OUT/memory.log"
"$NEW" "$bulk" "$bulk" "$bulk" "$bulk" --threads 2 --out "$records" --quiet 2>&1 \
    | grep '^summary' >> "$OUT/memory.log"
rm -f "$records"

python3 scripts/session_ratios.py "$OUT" | tee "$OUT/ratios.md"
