"""Checks for python/ci.sh: the Parquet written by the Rust `extract_parquet`
example and by the Spark job hold the records of the `extract` example for
the same articles, with the documented columns.

    python python/tests/ci_check.py --records R.jsonl --extract-log E.err --rust DIR --spark DIR

- claim counts: the `extract` example's summary line = Rust Parquet rows =
  Spark Parquet rows (and the same for documents and figures);
- Rust Parquet: schema equal to ``ree_claims.arrow_schemas()`` (names, types,
  nullability) and values equal to ``ree_claims.to_arrow`` of the records;
- Spark Parquet: same names and types (Spark writes every column nullable and
  names list items ``element``), same values once sorted by article and index;
- DuckDB reads both, with the same column types, and the README's query runs.

Prints one line per check and a closing ``N passed, N failed``; exits 1 on any
failure.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Callable, List

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

import ree_claims

TABLES = ("documents", "claims", "figures")
KEYS = {"documents": ["id"], "claims": ["doc_id", "index"], "figures": ["doc_id", "index"]}


def plain_type(t: pa.DataType) -> str:
    """A type with list item names and nullability left out."""
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return f"list<{plain_type(t.value_type)}>"
    return str(t)


def read_spark(folder: Path) -> pa.Table:
    files = sorted(folder.glob("*.parquet"))
    assert files, f"no Parquet part files in {folder}"
    return pa.concat_tables([pq.read_table(f) for f in files])


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--records", type=Path, required=True, help="the extract example's JSON Lines output")
    p.add_argument("--extract-log", type=Path, required=True, help="the extract example's standard error")
    p.add_argument("--rust", type=Path, required=True, help="extract_parquet's output folder")
    p.add_argument("--spark", type=Path, required=True, help="the Spark job's output folder")
    args = p.parse_args()

    checks: List[tuple] = []

    def check(name: str, f: Callable[[], object]) -> None:
        try:
            detail = f()
            checks.append((name, True, detail))
            print(f"ok    {name}" + (f": {detail}" if detail else ""))
        except Exception as e:  # noqa: BLE001 - every failure is reported
            checks.append((name, False, e))
            print(f"FAIL  {name}: {type(e).__name__}: {e}")

    lines = args.records.read_text(encoding="utf-8").splitlines()
    expected = ree_claims.to_arrow(lines)
    schemas = ree_claims.arrow_schemas()
    summary = args.extract_log.read_text(encoding="utf-8").strip().splitlines()[-1]
    m = re.search(r"records=(\d+) claims=(\d+) errors=(\d+)", summary)
    assert m, f"no summary line in {args.extract_log}: {summary!r}"
    n_records, n_claims, n_errors = map(int, m.groups())

    def counts_from_example():
        assert n_errors == 0, summary
        assert n_records == len(lines) == expected.documents.num_rows
        assert n_claims == expected.claims.num_rows > 0
        return f"records={n_records} claims={n_claims} figures={expected.figures.num_rows}"

    check("extract example: summary agrees with its records", counts_from_example)

    for table in TABLES:
        want = getattr(expected, table)

        def rust(table=table, want=want):
            got = pq.read_table(args.rust / f"{table}.parquet")
            assert got.schema.equals(schemas[table]), f"\n{got.schema}\n!=\n{schemas[table]}"
            assert got.num_rows == want.num_rows, (got.num_rows, want.num_rows)
            assert got.equals(want), "values differ from to_arrow of the extract example's records"
            groups = pq.ParquetFile(args.rust / f"{table}.parquet").metadata.num_row_groups
            return f"{got.num_rows} rows, {groups} row groups"

        check(f"Rust Parquet {table}: schema and values", rust)

        def spark(table=table, want=want):
            got = read_spark(args.spark / table)
            assert got.schema.names == want.schema.names, (got.schema.names, want.schema.names)
            got_types = [plain_type(f.type) for f in got.schema]
            want_types = [plain_type(f.type) for f in want.schema]
            assert got_types == want_types, list(zip(got.schema.names, got_types, want_types))
            assert got.num_rows == want.num_rows, (got.num_rows, want.num_rows)
            order = [(k, "ascending") for k in KEYS[table]]
            got_rows = got.sort_by(order).to_pylist()
            want_rows = want.sort_by(order).to_pylist()
            assert got_rows == want_rows, "values differ from the extract example's records"
            return f"{got.num_rows} rows"

        check(f"Spark Parquet {table}: names, types and values", spark)

    def duck():
        con = duckdb.connect()
        rust_claims = f"read_parquet('{args.rust / 'claims.parquet'}')"
        spark_claims = f"read_parquet('{args.spark / 'claims' / '*.parquet'}')"
        n_rust = con.execute(f"select count(*) from {rust_claims}").fetchone()[0]
        n_spark = con.execute(f"select count(*) from {spark_claims}").fetchone()[0]
        assert n_rust == n_spark == n_claims, (n_rust, n_spark, n_claims)
        for table in TABLES:
            r = con.execute(f"describe select * from read_parquet('{args.rust / (table + '.parquet')}')").fetchall()
            s = con.execute(f"describe select * from read_parquet('{args.spark / table / '*.parquet'}')").fetchall()
            assert [(c[0], c[1]) for c in r] == [(c[0], c[1]) for c in s], (table, r, s)
        # The query of python/README.md: intents without figures, by actor.
        rows = con.execute(
            f"""
            select actor_label, count(*) as n
            from read_parquet('{args.rust / 'claims.parquet'}')
            where kind in ('commitment', 'plan') and disclosure = 'undisclosed'
            group by actor_label order by n desc limit 5
            """
        ).fetchall()
        return f"claims={n_rust} in both; README query gives {len(rows)} rows"

    check("DuckDB: both outputs, same column types", duck)

    passed = sum(1 for _, ok, _ in checks if ok)
    failed = len(checks) - passed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
