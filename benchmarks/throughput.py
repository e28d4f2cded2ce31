"""Parse + lint throughput, and the time of one refslint run on a 200-reference list.

    python benchmarks/throughput.py [--n 100000]

References come from the shared corpus (real Vancouver-like and rendered strings), repeated
with small variations (numbers and words shifted) up to N, in one file. Prints:
* a bare regular-expression split of the same text (the floor any parser pays),
* parse only, and parse + all entry rules, in references per second of CPU time on one core,
* the whole lint of the file (with list rules: duplicates, consistency).

Start-up is measured by startup.py, long files by scale.py.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
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
    ap.add_argument("--n", type=int, default=100_000)
    ns = ap.parse_args()
    from refslint.api import references
    from refslint.config import build_config
    from refslint.engine import lint_references
    from refslint.parse import parser
    from refslint.sources.plaintext import entries

    refs = varied(corpus_lines(), ns.n)
    text = "".join(f"{i}. {r}\n" for i, r in enumerate(refs, 1))
    parser()  # built once; not part of the per-reference cost
    split_re = re.compile(r"(\d{4});\s*([^:(]*)(?:\(([^)]*)\))?:\s*([\w–-]+)")
    t_regex = timed(lambda: [split_re.search(line) for line in text.splitlines()], repeat=3)
    found = entries(text)
    t_parse = timed(lambda: references(text), repeat=3)
    config = build_config(isolated=True)
    parsed = references(text)
    entry_only = build_config(isolated=True, ignore=["D", "J002", "J004"])
    def fresh() -> None:  # no work shared between runs
        for ref in parsed:
            ref.memo.clear()
            ref.split_authors = ref.split_et_al = None

    t_entry = timed(lambda: lint_references("bench.txt", parsed, entry_only), repeat=3, before=fresh)
    t_all = timed(lambda: lint_references("bench.txt", references(text), config))
    n = len(found)
    print(f"references: {n}")
    print(f"bare regex split:         {n / t_regex:10,.0f} refs/s")
    print(f"parse only:               {n / t_parse:10,.0f} refs/s")
    print(f"parse + entry rules:      {n / (t_parse + t_entry):10,.0f} refs/s  (best of 3 each)")
    print(f"whole lint (list rules):  {n / t_all:10,.0f} refs/s  ({t_all:.1f} s)")


if __name__ == "__main__":
    main()
