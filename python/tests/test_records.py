"""Records from Python equal the `extract` example's JSON for the same
articles, byte offsets included."""

from __future__ import annotations

import json

import pytest

import ree_claims
from conftest import REPO, RARE_EARTH, read_txt


def meta(article):
    """The keyword arguments of `extract` for a JSON Lines object."""
    str_or_none = lambda v: v if isinstance(v, str) else None  # noqa: E731
    return {
        "id": str(article["id"]),
        "title": str_or_none(article.get("title")),
        "date": str_or_none(article.get("date")),
        "source": str_or_none(article.get("source")) or str_or_none(article.get("publisher")),
    }


def assert_same_as_example(extractor, articles, lines):
    ids = [str(a["id"]) for a in articles]
    assert sorted(lines) == sorted(ids), "same articles on both sides"
    for a in articles:
        id = str(a["id"])
        line = lines[id]
        assert extractor.extract_json(a["text"], **meta(a)) == line, f"{id}: JSON differs from the extract example"
        assert extractor.extract(a["text"], **meta(a)) == json.loads(line), f"{id}: record differs"
    assert extractor.extract_many_json(articles) == [lines[id] for id in ids]
    assert extractor.extract_many(articles) == [json.loads(lines[id]) for id in ids]


def test_samples_equal_extract_example(extractor, samples, extract_lines):
    assert_same_as_example(extractor, samples, extract_lines(REPO / "samples"))


def test_rare_earth_corpus_equals_extract_example(extractor, shared, extract_lines):
    articles = [read_txt(p) for lang in ("en", "zh") for p in sorted((RARE_EARTH / lang).glob("*.txt"))]
    assert len(articles) > 100
    assert_same_as_example(extractor, articles, extract_lines(RARE_EARTH / "en", RARE_EARTH / "zh"))


def test_bulk_sample_equals_extract_example(extractor, bulk_sample, extract_lines):
    path, articles = bulk_sample
    assert_same_as_example(extractor, articles, extract_lines(path))


def test_offsets_are_utf8_byte_offsets(extractor, samples):
    seen = 0
    for a in samples:
        raw = a["text"].encode("utf-8")
        rec = extractor.extract(a["text"], id=a["id"])
        assert rec["bytes"] == len(raw)
        for c in rec["claims"]:
            assert raw[c["span"]["start"] : c["span"]["end"]].decode("utf-8") == c["text"]
            seen += 1
        for f in rec["figures"]:
            assert raw[f["span"]["start"] : f["span"]["end"]].decode("utf-8") == f["text"]
    assert seen > 0


def test_record_shape(extractor):
    rec = extractor.extract("Baogang Group plans to build a 35,000-tonne rare-earth steel line by 2027.", id="a1")
    assert rec["schema"] == ree_claims.SCHEMA == "ree-claims/1"
    assert rec["id"] == "a1" and rec["lang"] == "en"
    (claim,) = rec["claims"]
    assert claim["kind"] == "plan"
    assert claim["actor"]["id"] == "org.baogang"
    assert claim["disclosure"] == "disclosed"


def test_default_id_is_empty(extractor):
    assert extractor.extract("稀土")["id"] == ""


def test_text_must_be_str(extractor):
    with pytest.raises(TypeError):
        extractor.extract(b"bytes are not text")  # type: ignore[arg-type]


def test_records_are_untracked_trees(extractor, samples):
    """The cycle collector skips records (they hold no cycle), which halves
    the cost of building them; a dict the caller puts a container into is
    tracked again."""
    import gc

    rec = extractor.extract(samples[0]["text"])
    many = extractor.extract_many(samples)
    assert not gc.is_tracked(rec)
    assert not any(gc.is_tracked(c) for c in rec["claims"])
    assert not gc.is_tracked(rec["claims"]) and not gc.is_tracked(many[0])
    rec["notes"] = []
    assert gc.is_tracked(rec)


def test_metadata_is_carried(extractor):
    rec = extractor.extract("稀土", id="m", title="T", date="2024-01-02", source="S")
    assert (rec["title"], rec["date"], rec["source"]) == ("T", "2024-01-02", "S")
    assert "title" not in extractor.extract("稀土", id="m")
    (from_dict,) = extractor.extract_many([{"id": 7, "text": "稀土", "title": "T", "publisher": "P", "date": 3}])
    assert from_dict["id"] == "7" and from_dict["title"] == "T" and from_dict["source"] == "P"
    assert "date" not in from_dict, "a date that is not a str is left out, as the extract example does"
