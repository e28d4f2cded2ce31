"""Throughput: the whole `refslint` command on one list, next to a bare regular-expression split
of the same text measured in the same run; then where one core's time goes (parse, entry rules).

    python benchmarks/throughput.py [--n 20000] [--runs 5] [--near-duplicates]

References come from the shared corpus (real Vancouver-like and rendered strings), repeated
with variations up to N (distinct works: words and first authors changed; with
--near-duplicates, repeats stay near copies), in one numbered file. Prints:
* the bare regular-expression split (the floor any parser pays), best of 3 in CPU time,
* the whole command as a user runs it (`refslint --isolated FILE`: start-up, reading, parsing,
  every rule, the report; its default --jobs), in wall time, each run next to a split timed
  just before it, and the median and best of the runs; and in CPU time of all its processes
  (what a loaded machine does not inflate), with the load average of each run,
* parse only, and parse + entry rules, in references per second of CPU time on one core.

Start-up is measured by startup.py, long files by scale.py.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "vancouver-strings"


def corpus_lines() -> list[str]:
    lines = []
    for name in ("real-vancouver-like.tsv", "rendered-vancouver.tsv"):
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
            text = re.sub(r"^\[?\d{1,4}[.)\]]?\s+", "", " ".join(line.partition("\t")[2].split()))
            if text:
                lines.append(text)
    return lines


def varied(lines: list[str], n: int, seed: int = 7, distinct: bool = False) -> list[str]:
    """n references from lines, repeated with numbers shifted. Repeats of a reference are near
    duplicates (the worst case for D001: almost every reference is one); with `distinct`, the
    first author's family name and two words of each repeat (in the title, usually) are swapped
    for other corpus words as well, so the list reads like a long list of different works."""
    rng = random.Random(seed)
    words = sorted({w for line in lines[:2000] for w in re.findall(r"\b[a-z]{5,}\b", line)})
    heads = (line.split(" ", 1)[0] for line in lines[:4000])
    families = sorted({h for h in heads if h[:1].isupper() and h[1:2].islower()})
    out = []
    while len(out) < n:
        base = lines[len(out) % len(lines)]
        shift = rng.randint(1, 9)
        # vary numbers so duplicates are not trivially identical, keep the structure
        ref = re.sub(r"\d+", lambda m, s=shift: str(int(m.group(0)) + s), base, count=2)
        if distinct and len(out) >= len(lines):
            found = list(re.finditer(r"\b[a-z]{5,}\b", ref))
            for m in sorted(rng.sample(found, min(2, len(found))), key=lambda m: -m.start()):
                ref = ref[: m.start()] + rng.choice(words) + ref[m.end() :]
            first = ref.split(" ", 1)
            if len(first) == 2 and first[0][:1].isupper():
                ref = rng.choice(families) + " " + first[1]
        out.append(ref)
    return out


def _children_cpu() -> float:
    """User and system time of the finished child processes (and theirs) so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(fn, repeat: int = 1, before=None) -> float:
    """Best of `repeat` runs, in CPU seconds of this process: the machine is shared, so wall
    time would also count other processes; the minimum is the least disturbed run."""
    best = float("inf")
    for _ in range(repeat):
        if before:
            before()
        t = time.process_time()  # CPU time of this process: not the time others take the core
        fn()
        best = min(best, time.process_time() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--near-duplicates", action="store_true", help="repeats stay near copies")
    ap.add_argument("--format", default="text", help="the command's --format")
    ns = ap.parse_args()
    from refslint.api import references
    from refslint.config import build_config
    from refslint.engine import lint_references
    from refslint.sources.plaintext import entries

    refs = varied(corpus_lines(), ns.n, distinct=not ns.near_duplicates)
    text = "".join(f"{i}. {r}\n" for i, r in enumerate(refs, 1))
    split_re = re.compile(r"(\d{4});\s*([^:(]*)(?:\(([^)]*)\))?:\s*([\w–-]+)")

    def split() -> None:
        [split_re.search(line) for line in text.splitlines()]

    n = len(entries(text))
    print(f"references: {n:,} ({'near duplicates' if ns.near_duplicates else 'distinct works'})")
    exe = shutil.which("refslint")
    command = [exe] if exe else [sys.executable, "-m", "refslint"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "references.txt"
        path.write_text(text, encoding="utf-8")
        command += ["--isolated", "--exit-zero", "-q", "--format", ns.format, "-o", os.devnull, str(path)]
        subprocess.run(command, check=True)  # a warm cache, as after a first run
        walls, cpus, splits = [], [], []
        for _ in range(ns.runs):
            splits.append(timed(split, repeat=3))
            used = _children_cpu()
            start = time.perf_counter()
            subprocess.run(command, check=True)
            walls.append(time.perf_counter() - start)
            cpus.append(_children_cpu() - used)
            print(f"  run: refslint {n / walls[-1]:8,.0f} refs/s ({walls[-1]:.2f} s, {cpus[-1]:.2f} s CPU); "
                  f"split {n / splits[-1]:9,.0f} refs/s; ratio {splits[-1] / walls[-1]:.3f}; "
                  f"load {os.getloadavg()[0]:.1f}", flush=True)
    wall, t_regex = statistics.median(walls), min(splits)
    print(f"bare regex split:         {n / t_regex:10,.0f} refs/s  (best of {3 * ns.runs})")
    print(f"whole command:            {n / wall:10,.0f} refs/s  median of {ns.runs} ({wall:.2f} s), "
          f"best {n / min(walls):,.0f}; {t_regex / wall:.3f}x the split")
    # On a shared machine the wall time counts other people's processes; the CPU time of the
    # command and its workers (all cores together) does not, and compares with the split's.
    cpu = statistics.median(cpus)
    print(f"whole command, CPU time:  {n / cpu:10,.0f} refs/s of CPU time, median ({cpu:.2f} s, every "
          f"process); {t_regex / cpu:.3f}x the split")
    t_parse = timed(lambda: references(text), repeat=3)
    parsed = references(text)
    entry_only = build_config(isolated=True, ignore=["D", "J002", "J004"])

    def fresh() -> None:  # no work shared between runs
        for ref in parsed:
            ref.memo.clear()
            ref.split_authors = ref.split_et_al = None

    t_entry = timed(lambda: lint_references("bench.txt", parsed, entry_only), repeat=3, before=fresh)
    print(f"parse only, one core:     {n / t_parse:10,.0f} refs/s")
    print(f"parse + entry rules:      {n / (t_parse + t_entry):10,.0f} refs/s  (best of 3 each)")


if __name__ == "__main__":
    main()
