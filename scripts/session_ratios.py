#!/usr/bin/env python3
"""The bars of issue 3 as ratios within one peer session.

    python3 scripts/session_ratios.py OUT_DIR

OUT_DIR is what scripts/peer_session.sh wrote: results-{en,zh}.tsv (the
peers' runner's RESULT lines and the extractor's), threads.log and
memory.log (`throughput` summary lines). Prints a Markdown table: the
extractor's full extraction in memory (before and after the peers) against
spaCy's pipeline, against the peers' raw aho-corasick scan (rust-ac-ll) and
against its own raw scan; two threads against one; peak memory and build
times.
"""

import re
import sys
from pathlib import Path


def results(path):
    """MB/s by tool name from RESULT lines (tab separated: RESULT, name,
    bytes, median s, MB/s, ...)."""
    out = {}
    for line in path.read_text().splitlines():
        cols = line.split("\t")
        if cols[0] == "RESULT" and len(cols) > 4:
            out[cols[1]] = float(cols[4])
    return out


def summaries(path):
    """Key=value fields of each `summary:` line, with the line before it
    (the round's label) when there is one."""
    out, label = [], ""
    for line in path.read_text().splitlines():
        if line.startswith("summary:"):
            fields = dict(re.findall(r"([\w/]+)=(\S+)", line))
            out.append((label, fields))
        else:
            label = line.strip()
    return out


def pct(a, b):
    return f"{100 * a / b:.1f}%"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    print(f"| bar | {'EN'} | {'ZH'} |")
    print("| --- | --- | --- |")
    rows = {"spacy": [], "ll": [], "own": [], "ours": []}
    for lang in ("en", "zh"):
        path = out / f"results-{lang}.tsv"
        if not path.exists():
            sys.exit(f"{path}: missing (run scripts/peer_session.sh first)")
        r = results(path)
        ours = [r[k] for k in ("ree-claims-in-memory-1", "ree-claims-in-memory-2") if k in r]
        raw = [r[k] for k in ("ree-claims-raw-scan-1", "ree-claims-raw-scan-2") if k in r]
        if not ours or "spacy" not in r or "rust-ac-ll" not in r:
            sys.exit(f"{path}: the extractor's in-memory runs, spacy or rust-ac-ll missing")
        mbs = " / ".join(f"{x:.2f}" for x in ours)
        rows["ours"].append(f"{mbs} MB/s")
        rows["spacy"].append(
            " / ".join(f"**{x / r['spacy']:.1f}×**" for x in ours) + f" (spaCy {r['spacy']:.2f})"
        )
        rows["ll"].append(
            " / ".join(f"**{pct(x, r['rust-ac-ll'])}**" for x in ours)
            + f" (rust-ac-ll {r['rust-ac-ll']:.2f})"
        )
        rows["own"].append(
            " / ".join(f"**{pct(x, y)}**" for x, y in zip(ours, raw))
            + " (" + " / ".join(f"{y:.1f}" for y in raw) + ")"
        )
    print(f"| full extraction, one thread, in memory, before / after the peers | {rows['ours'][0]} | {rows['ours'][1]} |")
    print(f"| ÷ spaCy (bar 20×) | {rows['spacy'][0]} | {rows['spacy'][1]} |")
    print(f"| ÷ peers' raw aho-corasick scan (bar 25%) | {rows['ll'][0]} | {rows['ll'][1]} |")
    print(f"| ÷ the extractor's own raw scan | {rows['own'][0]} | {rows['own'][1]} |")

    threads = out / "threads.log"
    if threads.exists():
        runs = summaries(threads)
        ratios = {"in memory": [], "streaming": []}
        one = {}
        for label, f in runs:
            mode = "in memory" if "--in-memory" in label else "streaming"
            if f.get("threads") == "1":
                one[mode] = float(f["MB/s"])
            elif mode in one:
                ratios[mode].append(float(f["MB/s"]) / one.pop(mode))
        text = "; ".join(
            f"{mode} " + ", ".join(f"**{x:.2f}×**" for x in v) for mode, v in ratios.items() if v
        )
        print(f"| two threads ÷ one, bulk corpus (bar 1.8×) | {text} | |")
    memory = out / "memory.log"
    if memory.exists():
        runs = summaries(memory)
        text = "; ".join(
            f"**{f['peak_MB']} MB** ({f['MB']} MB read, {f['out_MB']} MB written)" for _, f in runs
        )
        print(f"| peak memory, bulk and 4 × bulk (bar 100 MB) | {text} | |")
    builds = []
    for lang in ("en", "zh"):
        log = out / f"ours-{lang}.log"
        if log.exists():
            builds += [float(x) for x in re.findall(r"build_ms=([0-9.]+)", log.read_text())]
    if builds:
        print(
            f"| `build_ms` in the runs (bar 50 ms; criterion's `build/extractor_new` is the measure) "
            f"| {min(builds):.1f}–{max(builds):.1f} ms | |"
        )


if __name__ == "__main__":
    main()
