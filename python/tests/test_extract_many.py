"""`extract_many` gives the records of a loop of `extract`, in input order,
whatever the thread count; it releases the GIL while the Rust threads run."""

from __future__ import annotations

import threading
import time

import pytest

from conftest import pairs


@pytest.mark.parametrize("threads", [None, 1, 2, 3])
def test_extract_many_equals_loop(extractor, samples, threads):
    articles = [(f"{id}-{i}", text) for i, (id, text) in enumerate(pairs(samples) * 3)]
    loop = [extractor.extract(text, id=id) for id, text in articles]
    assert extractor.extract_many(articles, threads=threads) == loop


def test_extract_many_equals_loop_on_bulk(extractor, bulk_sample):
    _, articles = bulk_sample
    articles = pairs(articles)
    loop = [extractor.extract(text, id=id) for id, text in articles]
    assert extractor.extract_many(articles, threads=2) == loop


def test_plain_strings_are_numbered(extractor, samples):
    texts = [a["text"] for a in samples]
    many = extractor.extract_many(texts)
    assert [r["id"] for r in many] == [str(i) for i in range(len(texts))]
    assert many == [extractor.extract(t, id=str(i)) for i, t in enumerate(texts)]


def test_any_iterable_and_mixed_items(extractor, samples):
    (id0, t0), (id1, t1), (id2, t2) = pairs(samples)[:3]
    many = extractor.extract_many(x for x in [t0, (id1, t1), {"text": t2}])
    assert [r["id"] for r in many] == ["0", id1, "2"]


def test_json_variant(extractor, samples):
    assert extractor.extract_many_json(samples, threads=2) == [
        extractor.extract_json(a["text"], id=a["id"]) for a in samples
    ]


def test_empty(extractor):
    assert extractor.extract_many([]) == []


@pytest.mark.parametrize(
    "bad, message",
    [
        ("one string", "not one str"),
        ([("id", "text", "extra")], "texts[0]"),
        (["ok", 3], "texts[1]"),
        ([("id", 3)], "two str"),
        ([{"id": "x"}], "needs a \"text\""),
        ([{"id": 1.5, "text": "t"}], "str or an int"),
    ],
)
def test_bad_items(extractor, bad, message):
    with pytest.raises(TypeError, match=message.replace("[", r"\[").replace("]", r"\]")):
        extractor.extract_many(bad)


def test_zero_threads(extractor):
    with pytest.raises(ValueError, match="at least 1"):
        extractor.extract_many(["x"], threads=0)


def test_releases_the_gil(extractor, samples):
    """A Python thread that wakes every millisecond keeps waking while
    extract_many runs: it could not if the call held the GIL."""
    articles = samples * 1000
    wakeups = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            wakeups.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=ticker, daemon=True)
    t.start()
    try:
        time.sleep(0.02)
        started = time.perf_counter()
        extractor.extract_many_json(articles, threads=1)
        ended = time.perf_counter()
    finally:
        stop.set()
        t.join()
    elapsed = ended - started
    assert elapsed > 0.1, "the batch should take a while"
    during = [started] + [w for w in wakeups if started < w < ended] + [ended]
    longest = max(b - a for a, b in zip(during, during[1:]))
    assert longest < elapsed / 2, (
        f"the ticker stalled for {longest:.3f} s of a {elapsed:.3f} s call: is the GIL held?"
    )


def test_shared_between_threads(extractor, samples):
    from concurrent.futures import ThreadPoolExecutor

    expected = [extractor.extract(a["text"], id=a["id"]) for a in samples]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda a: extractor.extract(a["text"], id=a["id"]), samples))
    assert got == expected
