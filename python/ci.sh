#!/usr/bin/env bash
# CI for the Python package, the Spark job and the Parquet outputs (issue 7):
# a venv with the packages of python/requirements-ci.txt; the package built
# and installed with pip (maturin, abi3); pytest; then, on a sample of the
# shared bulk corpus, the `extract` example, the `extract_parquet` example
# and the Spark job in local mode, checked against each other (claim counts,
# schemas, values) with pyarrow and DuckDB.
#
#     bash python/ci.sh            # from anywhere; SHARED=../shared by default
#
# Without ../shared, pytest still runs (on the repo's samples) and the corpus
# steps are skipped with a message. REE_PY_CI_DIR (default target/python-ci)
# holds the venv and the outputs; SAMPLE_PER_SOURCE (default 100) sets the
# articles taken from each bulk collection.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"
SHARED="${SHARED:-../shared}"
WORK="${REE_PY_CI_DIR:-target/python-ci}"
PER_SOURCE="${SAMPLE_PER_SOURCE:-100}"
TARGET="${CARGO_TARGET_DIR:-target}"
case "$TARGET" in /*) ;; *) TARGET="$REPO/$TARGET" ;; esac
EXAMPLES="$TARGET/release/examples"
START=$(date +%s)
step() { echo "== python: $* (at $(($(date +%s) - START)) s)"; }

PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
    for p in python3.11 python3; do
        if command -v "$p" >/dev/null; then PYTHON="$p"; break; fi
    done
fi
step "venv ($("$PYTHON" --version 2>&1)) and requirements"
mkdir -p "$WORK"
[ -x "$WORK/venv/bin/python" ] || "$PYTHON" -m venv "$WORK/venv"
# shellcheck disable=SC1091
. "$WORK/venv/bin/activate"
pip install --quiet --disable-pip-version-check -r python/requirements-ci.txt

step "Rust examples (extract, extract_parquet)"
cargo build --release --quiet --example extract --example extract_parquet

step "build and install the package (pip install ./python)"
pip install --quiet --disable-pip-version-check --force-reinstall --no-deps ./python
python -c 'import ree_claims; print("ree_claims", ree_claims.__version__, ree_claims.Extractor())'

step "type stubs (mypy stubtest)"
(cd "$WORK" && printf '[mypy]\nignore_missing_imports = True\ncache_dir = /dev/null\n' > mypy.ini \
    && python -m mypy.stubtest ree_claims._native --mypy-config-file mypy.ini)

step "pytest"
REE_CLAIMS_EXAMPLES="$EXAMPLES" SHARED="$SHARED" python -m pytest python/tests -q -p no:cacheprovider

BULK="$SHARED/corpus/bulk"
if [ ! -d "$BULK" ]; then
    step "$BULK not found: Spark job and Parquet checks skipped"
    exit 0
fi

step "sample: the first $PER_SOURCE articles of each bulk collection"
OUT="$WORK/out"
rm -rf "$OUT"
mkdir -p "$OUT"
for part in "$BULK"/*/part-000.jsonl; do
    head -n "$PER_SOURCE" "$part"
done > "$OUT/sample.jsonl"
wc -l < "$OUT/sample.jsonl"

step "extract example"
"$EXAMPLES/extract" "$OUT/sample.jsonl" > "$OUT/sample.records.jsonl" 2> "$OUT/extract.err"
tail -n 1 "$OUT/extract.err"

step "extract_parquet example"
"$EXAMPLES/extract_parquet" "$OUT/sample.jsonl" --out "$OUT/rust" --row-group 64 2> "$OUT/extract_parquet.err"
tail -n 2 "$OUT/extract_parquet.err"

step "Spark job, local mode (examples/spark/extract_corpus.py)"
python examples/spark/extract_corpus.py "$OUT/sample.jsonl" --out "$OUT/spark" \
    --tables documents,claims,figures --partitions 2 --master 'local[2]' \
    > "$OUT/spark.out" 2> "$OUT/spark.err" || { tail -n 40 "$OUT/spark.err"; exit 1; }
tail -n 2 "$OUT/spark.out"

step "check: counts, schemas and values (pyarrow, DuckDB)"
python python/tests/ci_check.py --records "$OUT/sample.records.jsonl" --extract-log "$OUT/extract.err" \
    --rust "$OUT/rust" --spark "$OUT/spark"

step "done"
