#!/usr/bin/env python3
"""How much faster ``Extractor.extract_many(threads=N)`` is than a
single-threaded Python loop of ``Extractor.extract``, on English news from the
shared bulk corpus (by default the first 1,000 Reuters and the first 1,000 BBC
articles). Both return the same list of dicts; the ratio is measured in one
run, best of ``--repeat`` timings each, alternating the two so that machine
noise hits both alike. Prints one line: the wall-clock ratio, and the CPU
seconds behind it (the process's, and the calling thread's, which builds the
Python objects): on a machine whose cores are busy with other work the wall
clock cannot show the parallelism, the CPU seconds still tell what two free
cores would give, about loop CPU / max(calling thread CPU, process CPU / 2).

    pip install ./python && python scripts/bench_python.py [--threads 2] [--per-source 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import List, Tuple

import ree_claims

HERE = Path(__file__).resolve().parent
BULK = HERE.parent.parent / "shared" / "corpus" / "bulk"


def load(folder: Path, n: int) -> List[Tuple[str, str]]:
    out: List[Tuple[str, str]] = []
    for part in sorted(folder.glob("part-*.jsonl")):
        with part.open(encoding="utf-8") as f:
            for line in f:
                if len(out) >= n:
                    return out
                obj = json.loads(line)
                out.append((str(obj["id"]), obj["text"]))
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bulk", type=Path, default=BULK, help="the shared corpus's bulk/ folder")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--per-source", type=int, default=1000, help="articles from each of Reuters and BBC")
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()

    articles = load(args.bulk / "reuters21578", args.per_source) + load(args.bulk / "bbc-news-2004-2005", args.per_source)
    if not articles:
        raise SystemExit(f"no articles under {args.bulk}")
    mb = sum(len(t.encode("utf-8")) for _, t in articles) / 1e6
    ex = ree_claims.Extractor()

    def loop() -> list:
        return [ex.extract(text, id=id) for id, text in articles]

    def many() -> list:
        return ex.extract_many(articles, threads=args.threads)

    assert loop() == many(), "extract_many should equal the loop"  # also warms up
    inf = float("inf")
    best = {"loop": inf, "many": inf}
    cpu = {"loop": inf, "many": inf}
    caller = {"loop": inf, "many": inf}
    for _ in range(args.repeat):
        for name, f in (("loop", loop), ("many", many)):
            # extract_many frees its Rust records on a background thread after
            # it returns: let that finish so it never runs into the next timing.
            time.sleep(0.3)
            c, th, t = time.process_time(), time.thread_time(), time.perf_counter()
            records = f()
            best[name] = min(best[name], time.perf_counter() - t)
            cpu[name] = min(cpu[name], time.process_time() - c)
            caller[name] = min(caller[name], time.thread_time() - th)
            del records  # freed outside the timing, for both alike
    print(
        f"extract_many(threads={args.threads}) vs a loop of extract: {len(articles)} articles, {mb:.1f} MB; "
        f"loop {best['loop']:.3f} s, extract_many {best['many']:.3f} s; ratio {best['loop'] / best['many']:.2f}x "
        f"(CPU: loop {cpu['loop']:.3f} s, extract_many {cpu['many']:.3f} s of which {caller['many']:.3f} s "
        f"in the calling thread)"
    )


if __name__ == "__main__":
    main()
