"""Lexicons from Python: your own files load, faults raise LexiconError with
the Rust message (file and line)."""

from __future__ import annotations

import pickle

import pytest

import ree_claims

GOOD = "org.zorblax\torg\tZorblax Minerals|Zorblax\t佐布拉克矿业\tkind=company;country=AU\n"


def test_bad_lexicon_names_file_and_line(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("# my organisations\n" + GOOD + "org.bad\tnotatype\tBad Corp\t-\n", encoding="utf-8")
    with pytest.raises(ree_claims.LexiconError) as err:
        ree_claims.Extractor(lexicons=[path])
    message = str(err.value)
    assert f"{path}:3:" in message, message
    assert "unknown type" in message, message
    assert isinstance(err.value, ValueError)


def test_every_fault_at_once(tmp_path):
    path = tmp_path / "two.tsv"
    path.write_text("org.a\torg\tAaa Corp\n" + "Bad.Id\torg\tBbb Corp\t-\n", encoding="utf-8")
    with pytest.raises(ree_claims.LexiconError) as err:
        ree_claims.Extractor(lexicons=[str(path)])
    message = str(err.value)
    assert message.startswith("2 lexicon errors"), message
    assert f"{path}:1:" in message and f"{path}:2:" in message, message


def test_alias_claimed_twice_names_both_places(tmp_path):
    path = tmp_path / "dup.tsv"
    path.write_text("org.mybaogang\torg\tBaogang Group\t-\n", encoding="utf-8")
    with pytest.raises(ree_claims.LexiconError, match=rf"{path}:1:.*lexicons/orgs.tsv:\d+"):
        ree_claims.Extractor(lexicons=[path])


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.tsv"
    with pytest.raises(ree_claims.LexiconError, match=str(path)):
        ree_claims.Extractor(lexicons=[path])


def test_own_lexicon_is_used(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text(GOOD, encoding="utf-8")
    ex = ree_claims.Extractor(lexicons=[path])
    assert ex.n_entries == ree_claims.Extractor().n_entries + 1
    rec = ex.extract("Zorblax Minerals plans to build a processing plant by 2027.", id="z")
    (claim,) = rec["claims"]
    assert claim["actor"]["id"] == "org.zorblax"
    assert [e["id"] for e in rec["entities"]][:1] == ["org.zorblax"]


def test_no_defaults(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text(GOOD, encoding="utf-8")
    ex = ree_claims.Extractor(lexicons=[path], defaults=False)
    assert ex.n_entries == 1 and ex.defaults is False
    assert [str(p) for p in ex.lexicons] == [str(path)]


def test_pickles_as_its_arguments(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text(GOOD, encoding="utf-8")
    ex = ree_claims.Extractor(lexicons=[path])
    back = pickle.loads(pickle.dumps(ex))
    assert back.n_entries == ex.n_entries
    text = "Zorblax Minerals plans to build a processing plant by 2027."
    assert back.extract(text) == ex.extract(text)


def test_shared_extractor_is_built_once():
    a = ree_claims.shared_extractor()
    assert ree_claims.shared_extractor() is a
    assert ree_claims.shared_extractor(defaults=True, lexicons=[]) is a
