"""Extract claim records from JSON Lines corpora in a PySpark job and write the
claims table (and, on request, documents and figures) as Parquet.

    python examples/spark/extract_corpus.py ../shared/corpus/bulk --out out/spark
    spark-submit --master yarn ... examples/spark/extract_corpus.py hdfs:///corpus --out hdfs:///claims

Input: JSON Lines files (or folders of them, searched recursively) of objects
with an ``id`` and a ``text``, and optionally ``title``, ``date`` and
``source`` (or ``publisher``), read as the ``extract`` example reads them;
other fields are ignored; rows without an id or a text are skipped. Output: ``OUT/claims`` (and ``OUT/documents``,
``OUT/figures`` with ``--tables``), Parquet folders with the columns of
``ree_claims.to_arrow`` and of the Rust ``extract_parquet`` example (see
``python/README.md``). The last line printed counts the rows written:
``summary: documents=N claims=N figures=N`` (``-`` for tables not written).

Each Python worker builds one ``Extractor`` (``ree_claims.shared_extractor``)
on its first batch and reuses it for every later batch and task, since
Spark reuses its Python workers (``spark.python.worker.reuse``, on by
default); batches go to ``Extractor.extract_many`` through ``mapInArrow``.
Run directly with ``python`` it starts Spark in ``local[*]`` mode (or
``--master``); under ``spark-submit`` the master comes from there, and the
same file runs on a cluster whose Python workers have ``ree_claims``
installed (see the README's Spark section).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Iterator, List, Optional

TABLES = ("documents", "claims", "figures")
#: The JSON Lines fields read; the extractor takes each row as a dict.
ARTICLE_SCHEMA = "id STRING, text STRING, title STRING, date STRING, source STRING, publisher STRING"


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="+", help="JSON Lines files or folders of them")
    p.add_argument("--out", required=True, help="output folder (one Parquet folder per table)")
    p.add_argument(
        "--tables",
        default="claims",
        help="comma-separated tables to write: documents, claims, figures (default: claims)",
    )
    p.add_argument("--lexicon", action="append", default=[], help="extra lexicon file (repeatable); must exist on every worker")
    p.add_argument("--no-defaults", action="store_true", help="do not load the embedded lexicons")
    p.add_argument(
        "--threads-per-task",
        type=int,
        default=1,
        help="Rust threads per Spark task (default 1: Spark already runs one task per core)",
    )
    p.add_argument("--batch-size", type=int, default=256, help="articles per Arrow batch handed to the extractor")
    p.add_argument("--partitions", type=int, default=None, help="repartition the input into this many partitions")
    p.add_argument("--master", default=None, help="Spark master (default: spark-submit's, else local[*])")
    args = p.parse_args(argv)
    args.tables = [t.strip() for t in args.tables.split(",") if t.strip()]
    bad = [t for t in args.tables if t not in TABLES]
    if bad or not args.tables:
        p.error(f"--tables: expected some of {', '.join(TABLES)}, found {args.tables}")
    return args


def spark_schema(table: str):
    """The Spark schema of one table, from the package's Arrow schema."""
    import ree_claims
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(ree_claims.arrow_schemas()[table])


def extract_json(lexicons: List[str], defaults: bool, threads: int):
    """mapInArrow function: article batches (id, text, title, date, source,
    publisher) → (id, record) batches, the record as the `extract` example's
    JSON line."""

    def run(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:  # noqa: F821
        import pyarrow as pa
        import ree_claims

        extractor = ree_claims.shared_extractor(lexicons, defaults)
        for batch in batches:
            lines = extractor.extract_many_json(batch.to_pylist(), threads=threads)
            ids = batch.column(0)
            yield pa.RecordBatch.from_arrays([ids, pa.array(lines, pa.string())], names=["id", "record"])

    return run


def flatten(table: str):
    """mapInArrow function: (id, record) batches → rows of one table."""

    def run(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:  # noqa: F821
        import ree_claims

        for batch in batches:
            tables = ree_claims.to_arrow(batch.column(1).to_pylist())
            yield from getattr(tables, table).to_batches()

    return run


def extract_table(lexicons: List[str], defaults: bool, threads: int, table: str):
    """mapInArrow function: article batches → rows of one table, in one step
    (when a single table is asked for)."""

    def run(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:  # noqa: F821
        import ree_claims

        extractor = ree_claims.shared_extractor(lexicons, defaults)
        for batch in batches:
            records = extractor.extract_many(batch.to_pylist(), threads=threads)
            yield from getattr(ree_claims.to_arrow(records), table).to_batches()

    return run


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession

    under_submit = "PYSPARK_GATEWAY_PORT" in os.environ
    builder = SparkSession.builder.appName("ree-claims extract_corpus")
    if args.master or not under_submit:
        builder = builder.master(args.master or "local[*]")
        # Local workers run this interpreter, which has ree_claims installed.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.config("spark.ui.enabled", "false")
    builder = builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", str(args.batch_size))
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")

    lexicons = [os.path.abspath(p) for p in args.lexicon] if not under_submit else list(args.lexicon)
    defaults = not args.no_defaults
    articles = (
        spark.read.option("recursiveFileLookup", "true")
        .schema(ARTICLE_SCHEMA)
        .json(args.inputs)
        .where("id IS NOT NULL AND text IS NOT NULL")
    )
    if args.partitions:
        articles = articles.repartition(args.partitions)

    counts = {}
    if len(args.tables) == 1:
        (table,) = args.tables
        rows = articles.mapInArrow(extract_table(lexicons, defaults, args.threads_per_task, table), spark_schema(table))
        rows.write.mode("overwrite").parquet(os.path.join(args.out, table))
    else:
        records = articles.mapInArrow(
            extract_json(lexicons, defaults, args.threads_per_task), "id STRING, record STRING"
        ).persist(StorageLevel.MEMORY_AND_DISK)
        for table in args.tables:
            rows = records.mapInArrow(flatten(table), spark_schema(table))
            rows.write.mode("overwrite").parquet(os.path.join(args.out, table))
        records.unpersist()
    for table in args.tables:
        counts[table] = spark.read.parquet(os.path.join(args.out, table)).count()
    print(f"wrote {args.out}: " + ", ".join(f"{t} ({counts[t]} rows)" for t in args.tables))
    print("summary: " + " ".join(f"{t}={counts.get(t, '-')}" for t in TABLES))
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
