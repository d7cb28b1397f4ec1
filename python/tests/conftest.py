"""Fixtures: the repo's sample articles, the shared corpus when it is there,
and the Rust examples (`extract`, `extract_parquet`) to compare with.

The examples are found in ``$REE_CLAIMS_EXAMPLES`` when set (a folder holding
both binaries), else built with ``cargo build --release`` from this checkout
(a no-op when they are fresh). Tests that need them are skipped when cargo is
absent; tests on the shared corpus are skipped when ``../shared`` is absent.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

import ree_claims

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("SHARED", REPO.parent / "shared")).resolve()
BULK = SHARED / "corpus" / "bulk"
RARE_EARTH = SHARED / "corpus" / "rare-earth"

#: An article as `extract_many` takes it: the fields of a JSON Lines object
#: (`id`, `text`, and `title`, `date`, `source` or `publisher` when given).
Article = Dict[str, Any]


def read_txt(path: Path) -> Article:
    """An article as the `extract` example reads a .txt file: id = stem, text
    = the bytes as they are."""
    return {"id": path.stem, "text": path.read_bytes().decode("utf-8")}


def read_jsonl(path: Path, limit: Optional[int] = None) -> List[Article]:
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if limit is not None and len(out) >= limit:
                break
            out.append(json.loads(line))
    return out


def pairs(articles: List[Article]) -> List[Tuple[str, str]]:
    return [(str(a["id"]), a["text"]) for a in articles]


@pytest.fixture(scope="session")
def extractor() -> ree_claims.Extractor:
    return ree_claims.Extractor()


@pytest.fixture(scope="session")
def samples() -> List[Article]:
    return [read_txt(p) for p in sorted((REPO / "samples").glob("*.txt"))]


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found: the shared corpus is needed")
    return SHARED


@pytest.fixture(scope="session")
def bulk_sample(shared: Path, tmp_path_factory) -> Tuple[Path, List[Article]]:
    """The first 40 articles of each bulk collection (English and Chinese),
    as a JSON Lines file (their lines as they are: ids, texts, titles, dates,
    publishers) and as dicts."""
    articles: List[Article] = []
    path = tmp_path_factory.mktemp("bulk") / "sample.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for part in sorted(BULK.glob("*/part-000.jsonl")):
            with part.open(encoding="utf-8") as f:
                for _, line in zip(range(40), f):
                    out.write(line)
                    articles.append(json.loads(line))
    assert articles, f"no articles under {BULK}"
    return path, articles


@pytest.fixture(scope="session")
def examples() -> Path:
    """The folder holding the `extract` and `extract_parquet` binaries."""
    given = os.environ.get("REE_CLAIMS_EXAMPLES")
    if given:
        return Path(given)
    cargo = shutil.which("cargo")
    if cargo is None:
        pytest.skip("cargo not found: cannot build the Rust examples to compare with")
    subprocess.run(
        [cargo, "build", "--release", "--quiet", "--example", "extract", "--example", "extract_parquet"],
        cwd=REPO,
        check=True,
    )
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    if not target.is_absolute():
        target = REPO / target
    return target / "release" / "examples"


def run_extract(examples: Path, *paths: Path) -> Dict[str, str]:
    """The `extract` example's JSON line of each article, by id."""
    done = subprocess.run(
        [str(examples / "extract"), *map(str, paths)],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    lines = done.stdout.splitlines()
    out = {json.loads(line)["id"]: line for line in lines}
    assert len(out) == len(lines), "ids should be unique"
    return out


@pytest.fixture(scope="session")
def extract_lines(examples: Path):
    return lambda *paths: run_extract(examples, *paths)
