"""`to_arrow`: three tables with the documented columns, the same as the
Rust Parquet writer's (`extract_parquet`), loadable by pyarrow and DuckDB."""

from __future__ import annotations

import json
import subprocess

import pytest

import ree_claims
from conftest import REPO

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture(scope="module")
def records(extractor, samples):
    return extractor.extract_many(samples)


def test_tables_and_columns(records):
    tables = ree_claims.to_arrow(records)
    assert tables._fields == ("documents", "claims", "figures")
    schemas = ree_claims.arrow_schemas()
    for name in tables._fields:
        assert getattr(tables, name).schema.equals(schemas[name]), name
        assert getattr(tables, name).schema.names == [c[0] for c in ree_claims.TABLES[name]]
    assert tables.documents.num_rows == len(records)
    assert tables.claims.num_rows == sum(len(r["claims"]) for r in records)
    assert tables.figures.num_rows == sum(len(r["figures"]) for r in records)


def test_rows_follow_the_records(records):
    tables = ree_claims.to_arrow(records)
    claims = tables.claims.to_pylist()
    flat = [(r, i, c) for r in records for i, c in enumerate(r["claims"])]
    for row, (r, i, c) in zip(claims, flat):
        assert (row["doc_id"], row["index"]) == (r["id"], i)
        assert (row["start"], row["end"], row["text"]) == (c["span"]["start"], c["span"]["end"], c["text"])
        assert row["kind"] == c["kind"] and row["disclosure"] == c["disclosure"]
        assert row["actor_id"] == (c["actor"] or {}).get("id")
        assert row["rule"] == c["evidence"][0]["rule"]
        assert row["rules"] == [e["rule"] for e in c["evidence"]]
        assert row["concepts"] == c["concepts"] and row["figures"] == c["figures"]
    figures = tables.figures.to_pylist()
    flat = [(r, i, f) for r in records for i, f in enumerate(r["figures"])]
    for row, (r, i, f) in zip(figures, flat):
        assert (row["doc_id"], row["index"], row["value"], row["unit"]) == (r["id"], i, f["value"], f["unit"])
        assert row["upper"] == f.get("upper") and row["sentence"] == f["sentence"]


def test_json_lines_accepted(extractor, samples, records):
    lines = extractor.extract_many_json(samples)
    assert ree_claims.to_arrow(lines) == ree_claims.to_arrow(records)
    assert ree_claims.to_arrow(json.loads(l) for l in lines).claims.num_rows == len(
        ree_claims.to_arrow(records).claims
    )


def test_empty_gives_empty_tables():
    tables = ree_claims.to_arrow([])
    schemas = ree_claims.arrow_schemas()
    for name in tables._fields:
        assert getattr(tables, name).num_rows == 0
        assert getattr(tables, name).schema.equals(schemas[name])


def test_parquet_and_duckdb(records, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    tables = ree_claims.to_arrow(records)
    for name in tables._fields:
        pq.write_table(getattr(tables, name), tmp_path / f"{name}.parquet")
    kinds = duckdb.connect().execute(
        f"""select c.kind, count(*) as n from '{tmp_path / "claims.parquet"}' c
            join '{tmp_path / "documents.parquet"}' d on c.doc_id = d.id
            group by c.kind order by c.kind"""
    ).fetchall()
    expected = {}
    for r in records:
        for c in r["claims"]:
            expected[c["kind"]] = expected.get(c["kind"], 0) + 1
    assert dict(kinds) == expected


def test_rust_parquet_equals_to_arrow(extractor, samples, examples, tmp_path):
    """The Rust writer's three files hold exactly what to_arrow builds from
    the same articles: same columns, types, nullability and values."""
    out = tmp_path / "rust"
    subprocess.run(
        [str(examples / "extract_parquet"), str(REPO / "samples"), "--out", str(out), "--row-group", "2"],
        check=True,
        capture_output=True,
    )
    expected = ree_claims.to_arrow(extractor.extract_many(samples))
    for name in expected._fields:
        got = pq.read_table(out / f"{name}.parquet")
        want = getattr(expected, name)
        assert got.schema.equals(want.schema), f"{name}: {got.schema} != {want.schema}"
        assert got.equals(want), name
    assert pq.ParquetFile(out / "documents.parquet").metadata.num_row_groups == (len(samples) + 1) // 2
