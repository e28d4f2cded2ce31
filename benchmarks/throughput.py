"""Parse + lint throughput, and the time of one refslint run on a 200-reference list.

    python benchmarks/throughput.py [--n 100000]

References come from the shared corpus (real Vancouver-like and rendered strings), repeated
with small variations (numbers and words shifted) up to N, in one file. Prints:
* a bare regular-expression split of the same text (the floor any parser pays),
* parse only, and parse + all entry rules, in references per second of CPU time on one core,
* the whole lint of the file (with list rules: duplicates, consistency),
* the wall time of `refslint` on a 200-reference file, next to `python -c "import lark, yaml"`.
"""

from __future__ import annotations

import argparse
import random
import re
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


def varied(lines: list[str], n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        base = lines[len(out) % len(lines)]
        shift = rng.randint(1, 9)
        # vary numbers so duplicates are not trivially identical, keep the structure
        out.append(re.sub(r"\d+", lambda m, s=shift: str(int(m.group(0)) + s), base, count=2))
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

    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "refs.txt"
        small.write_text("".join(f"{i}. {r}\n" for i, r in enumerate(refs[:200], 1)), encoding="utf-8")
        cmd = [sys.executable, "-m", "refslint", "--exit-zero", "-q", str(small)]
        base = [sys.executable, "-c", "import lark, yaml"]

        def best(c: list[str]) -> float:  # wall time of a child process, best of five
            runs = []
            for _ in range(5):
                t = time.perf_counter()
                subprocess.run(c, capture_output=True, cwd=ROOT)
                runs.append(time.perf_counter() - t)
            return min(runs)

        t_cli, t_base = best(cmd), best(base)
        print(
            f"refslint on 200 references: {t_cli * 1000:.0f} ms (python -c 'import lark, yaml': "
            f"{t_base * 1000:.0f} ms, ratio {t_cli / t_base:.2f})"
        )


if __name__ == "__main__":
    main()
