"""ree_claims: structured, checkable claims from English and Chinese news on
rare earths, critical minerals and China's state-owned industry.

The extraction runs in Rust (the ``ree-claims`` crate); records come back as
the same JSON the ``extract`` example writes, as Python objects::

    import ree_claims
    ex = ree_claims.Extractor()
    record = ex.extract("包钢集团计划到2027年将稀土钢产能提高到50万吨。", id="a1")
    records = ex.extract_many([("a1", text1), ("a2", text2)], threads=2)
    tables = ree_claims.to_arrow(records)      # documents, claims, figures

``to_arrow`` needs ``pyarrow`` (``pip install ree-claims[arrow]``); the columns
are those of the Parquet files written by the Rust ``extract_parquet`` example
(see ``python/README.md``).
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    Iterable,
    List,
    Mapping,
    NamedTuple,
    Optional,
    Sequence,
    Tuple,
    Union,
)

from ._native import SCHEMA, Extractor, LexiconError, __version__

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow

__all__ = [
    "SCHEMA",
    "Extractor",
    "LexiconError",
    "Tables",
    "TABLES",
    "arrow_schemas",
    "shared_extractor",
    "to_arrow",
    "__version__",
]

#: The three tables' columns, as ``{table: [(name, type, nullable), ...]}``;
#: types are ``string``, ``int64``, ``float64``, ``bool``, ``list<string>``
#: and ``list<int64>``. The Rust Parquet writer uses the same columns.
TABLES: Dict[str, List[Tuple[str, str, bool]]] = {
    name: [(c[0], c[1], c[2]) for c in cols]
    for name, cols in json.loads(
        (Path(__file__).with_name("tables.json")).read_text(encoding="utf-8")
    ).items()
    if name != "comment"
}


class Tables(NamedTuple):
    """The records as three ``pyarrow.Table``: one row per article, per claim
    and per figure; claims and figures carry their article's id as
    ``doc_id``."""

    documents: "pyarrow.Table"
    claims: "pyarrow.Table"
    figures: "pyarrow.Table"


def arrow_schemas() -> Dict[str, "pyarrow.Schema"]:
    """The ``pyarrow`` schema of each table (``documents``, ``claims``,
    ``figures``)."""
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "bool": pa.bool_(),
        "list<string>": pa.list_(pa.string()),
        "list<int64>": pa.list_(pa.int64()),
    }
    return {
        table: pa.schema([pa.field(n, types[t], nullable=null) for n, t, null in cols])
        for table, cols in TABLES.items()
    }


Record = Union[Mapping[str, Any], str]


def to_arrow(records: Iterable[Record]) -> Tables:
    """Flattens records (dicts from :meth:`Extractor.extract`, or their JSON
    lines) into three ``pyarrow.Table``: documents, claims and figures.

    ``claims.figures`` holds indexes into the same article's figures
    (``figures.index``); ``claims.rule`` is the first evidence rule and
    ``claims.rules`` all of them. Everything else (times, entities with their
    mentions, evidence cues) stays in the records."""
    import pyarrow as pa

    schemas = arrow_schemas()
    cols: Dict[str, Dict[str, List[Any]]] = {
        t: {name: [] for name in s.names} for t, s in schemas.items()
    }
    d, c, f = cols["documents"], cols["claims"], cols["figures"]
    for r in records:
        if isinstance(r, str):
            r = json.loads(r)
        doc_id = r["id"]
        currency = r["currency"]
        d["id"].append(doc_id)
        d["lang"].append(r["lang"])
        d["title"].append(r.get("title"))
        d["date"].append(r.get("date"))
        d["source"].append(r.get("source"))
        d["bytes"].append(r["bytes"])
        d["n_sentences"].append(len(r["sentences"]))
        d["n_claims"].append(len(r["claims"]))
        d["n_figures"].append(len(r["figures"]))
        d["n_times"].append(len(r["times"]))
        d["n_entities"].append(len(r["entities"]))
        d["explicit_nondisclosure"].append(r["explicit_nondisclosure"])
        d["nondisclosure_sentences"].append(r["nondisclosure_sentences"])
        d["entity_ids"].append([e["id"] for e in r["entities"]])
        d["dollar"].append(currency["dollar"])
        d["dollar_source"].append(currency["source"])
        d["dollar_reason"].append(currency["reason"])
        d["schema"].append(r["schema"])
        for i, cl in enumerate(r["claims"]):
            actor = cl["actor"] or {}
            speaker = cl["speaker"] or {}
            rules = [e["rule"] for e in cl["evidence"]]
            c["doc_id"].append(doc_id)
            c["index"].append(i)
            c["sentence"].append(cl["sentence"])
            c["kind"].append(cl["kind"])
            c["modality"].append(cl["modality"])
            c["negated"].append(cl["negated"])
            c["actor_id"].append(actor.get("id"))
            c["actor_label"].append(actor.get("label"))
            c["actor_resolved_by"].append(actor.get("resolved_by"))
            c["speaker_name"].append(speaker.get("name"))
            c["speaker_role"].append(speaker.get("role"))
            c["speaker_role_id"].append(speaker.get("role_id"))
            c["disclosure"].append(cl["disclosure"])
            c["start"].append(cl["span"]["start"])
            c["end"].append(cl["span"]["end"])
            c["text"].append(cl["text"])
            c["rule"].append(rules[0] if rules else None)
            c["rules"].append(rules)
            c["concepts"].append(cl["concepts"])
            c["figures"].append(cl["figures"])
        for i, fig in enumerate(r["figures"]):
            f["doc_id"].append(doc_id)
            f["index"].append(i)
            f["text"].append(fig["text"])
            f["value"].append(fig["value"])
            f["upper"].append(fig.get("upper"))
            f["unit"].append(fig["unit"])
            f["kind"].append(fig["kind"])
            f["precision"].append(fig["precision"])
            f["currency_source"].append(fig.get("currency_source"))
            f["start"].append(fig["span"]["start"])
            f["end"].append(fig["span"]["end"])
            f["sentence"].append(fig["sentence"])
    return Tables(
        *(pa.Table.from_pydict(cols[t], schema=schemas[t]) for t in Tables._fields)
    )


@functools.lru_cache(maxsize=None)
def _shared(lexicons: Tuple[str, ...], defaults: bool) -> Extractor:
    return Extractor(lexicons=list(lexicons), defaults=defaults)


def shared_extractor(
    lexicons: Optional[Sequence[Union[str, "os.PathLike[str]"]]] = None,
    defaults: bool = True,
) -> Extractor:
    """One :class:`Extractor` per process for these arguments, built on first
    use and then reused: what a Spark or multiprocessing worker should call
    inside its task (the package stays imported between tasks, so the
    lexicons are parsed once per worker process, not per row or batch)."""
    return _shared(tuple(os.fspath(p) for p in (lexicons or ())), defaults)
