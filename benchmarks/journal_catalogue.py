"""The journal catalogue's costs: loading it, exact lookups, near-miss searches.

    python benchmarks/journal_catalogue.py [--runs 9] [--names 600]

* Load: in a fresh process each time, the time of the first `lookup` after `import
  refslint.journal_catalogue` (which opens and maps the file and reads its header and key
  heads), against the time `vocab._ltwa()` takes to load the ISO 4 word list after `import
  refslint.vocab`, alternating in the same run. The file is in the page cache after the first
  run: this is a process's start, not a cold disk.
* Exact lookups: the 1,800 journal names of rules/vocab/journals.txt (as printed in real
  references) and forms of every 50th catalogued journal, each looked up once: with every cache
  empty (blocks inflated as they are needed, as in a process's first list), with the blocks
  already inflated (the first 300 names: a list's worth, whose blocks fit in the block cache),
  and again (the per-name cache).
* Near misses: forms of catalogued journals with one typing slip or a truncation made to them,
  and the names of journals.txt the catalogue does not know: microseconds per name with empty
  caches and with inflated blocks (the first 40 names: a search inflates ~20 blocks), and how
  often `nearest` gives back the journal the slip was made from (`right`), another one
  (`wrong`), or nothing (no candidate or a tie).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from refslint import journal_catalogue as jc  # noqa: E402 (the checkout's module)

CATALOGUE_LOAD = """
import time
t0 = time.perf_counter()
import refslint.journal_catalogue as jc
t1 = time.perf_counter()
jc.lookup("Nature")
t2 = time.perf_counter()
jc.lookup("J Biol Chem")
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2)
"""
LTWA_LOAD = """
import time
t0 = time.perf_counter()
import refslint.vocab as vocab
t1 = time.perf_counter()
vocab._ltwa()
t2 = time.perf_counter()
vocab.ltwa_abbreviation("biological")
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2)
"""


def subprocess_times(code: str) -> list[float]:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return [float(x) for x in out.stdout.split()]


def summary(values: list[float], unit: float = 1e3, digits: int = 2) -> str:
    v = sorted(x * unit for x in values)
    return f"median {statistics.median(v):.{digits}f}  min {v[0]:.{digits}f}  max {v[-1]:.{digits}f}"


def us(seconds: float) -> str:
    return f"{seconds * 1e6:6.1f}"


def clear_caches(blocks: bool) -> None:
    for f in (jc.lookup_all, jc.near, jc.journal, jc._keyed_forms):
        f.cache_clear()
    if blocks:
        jc._record_block.cache_clear()
        jc._key_block.cache_clear()


def all_journals() -> list[jc.Journal]:
    return [jc.journal(i) for i in range(jc.journal_count())]


def slip(name: str, rng: random.Random) -> tuple[str, str] | None:
    """One typing slip or truncation made to a name, and what it was."""
    words = name.split()
    kind = rng.choice(("transposed", "dropped", "doubled", "replaced", "truncated"))
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    if kind == "truncated":
        if len(words) < 2 or len(words[-1]) < 5:
            return None
        return " ".join([*words[:-1], words[-1][: rng.randint(3, len(words[-1]) - 2)]]), kind
    if len(letters) < 6:
        return None
    i = rng.choice(letters[1:-1])
    if kind == "transposed":
        if not name[i + 1].isalpha() or name[i] == name[i + 1]:
            return None
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :], kind
    if kind == "dropped":
        return name[:i] + name[i + 1 :], kind
    if kind == "doubled":
        return name[:i] + name[i] + name[i:], kind
    other = rng.choice([c for c in "aeiounrstl" if c != name[i].lower()])
    return name[:i] + other + name[i + 1 :], kind


def timed(names: list[str], fn, blocks: bool) -> list[float]:
    """Seconds per name, every cache empty (`blocks`), or with the blocks the names need
    already inflated (for a set of names whose blocks fit in the block cache)."""
    clear_caches(blocks=True)
    if not blocks:
        for n in names:
            fn(n)
        clear_caches(blocks=False)
    times = []
    for n in names:
        t = time.perf_counter()
        fn(n)
        times.append(time.perf_counter() - t)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--names", type=int, default=600, help="misspelt names for the near-miss search")
    args = parser.parse_args()
    size = (jc.data_dir() / "vocab" / jc.FILE_NAME).stat().st_size
    print(f"{jc.FILE_NAME}: {size:,} bytes")

    loads: dict[str, list[list[float]]] = {"catalogue": [], "ltwa": []}
    for _ in range(args.runs):
        loads["catalogue"].append(subprocess_times(CATALOGUE_LOAD))
        loads["ltwa"].append(subprocess_times(LTWA_LOAD))
    print(f"\nload, fresh process, {args.runs} runs alternating (ms)")
    for label, rows in loads.items():
        what = "first lookup" if label == "catalogue" else "vocab._ltwa()"
        print(f"  {label:9} import {summary([r[0] for r in rows])}")
        print(f"  {'':9} {what} {summary([r[1] for r in rows])}")
        print(f"  {'':9} next lookup  {summary([r[2] for r in rows], 1e6, 0)} µs")

    journals = all_journals()
    printed = [
        line for line in (ROOT / "rules" / "vocab" / "journals.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    sampled = [form for j in journals[::50] for form in (j.nlm or j.full, j.full)]
    exact_names = list(dict.fromkeys(printed + sampled))
    print(f"\nexact lookups, {len(exact_names):,} distinct names, µs per name")
    for run in range(3):
        cold = timed(exact_names, jc.lookup_all, blocks=True)
        warm = timed(exact_names[:300], jc.lookup_all, blocks=False)
        for n in exact_names:
            jc.lookup_all(n)
        t = time.perf_counter()
        for n in exact_names:
            jc.lookup_all(n)
        cached = (time.perf_counter() - t) / len(exact_names)
        print(
            f"  run {run + 1}: empty caches {us(statistics.mean(cold))} mean"
            f" {us(statistics.median(cold))} median; blocks inflated {us(statistics.mean(warm))} mean"
            f" {us(statistics.median(warm))} median; cached {cached * 1e6:.2f}"
        )

    rng = random.Random(12)
    misspelt: list[tuple[str, jc.Journal, str]] = []
    pool = [j for j in journals if j.nlm and "nlm" in j.sources]
    while len(misspelt) < args.names:
        j = rng.choice(pool)
        made = slip(j.nlm, rng)
        if made and not jc.lookup_all(made[0]):
            misspelt.append((made[0], j, made[1]))
    unknown = [n for n in printed if not jc.lookup_all(n)]
    names = [m[0] for m in misspelt] + unknown
    print(f"\nnear-miss search, {len(misspelt)} misspelt catalogue forms")
    print(f"  + {len(unknown)} printed names the catalogue does not know, µs per name")
    for run in range(3):
        cold = timed(names, jc.near, blocks=True)
        warm = timed(names[:40], jc.near, blocks=False)
        q = statistics.quantiles(cold, n=20)
        print(
            f"  run {run + 1}: empty caches mean {us(statistics.mean(cold))}"
            f" median {us(statistics.median(cold))} p95 {us(q[-1])} max {us(max(cold))};"
            f" blocks inflated mean {us(statistics.mean(warm))} median {us(statistics.median(warm))}"
        )
    outcome: dict[str, dict[str, int]] = {}
    for name, j, kind in misspelt:
        best = jc.nearest(name)
        verdict = (
            "nothing" if best is None
            else "right" if jc.form_key(best.text) in {jc.form_key(f[1]) for f in jc.journal_forms(j)}
            else "wrong"
        )
        row = outcome.setdefault(kind, {"right": 0, "wrong": 0, "nothing": 0})
        row[verdict] += 1
    print("\n  nearest() on the misspelt forms (right / wrong / nothing):")
    for kind, row in sorted(outcome.items()):
        print(f"    {kind:10} {row['right']:4} / {row['wrong']:3} / {row['nothing']:3}")
    suggested = sum(1 for n in unknown if jc.nearest(n))
    print(f"  unknown printed names with a unique nearest journal: {suggested} of {len(unknown)}")


if __name__ == "__main__":
    main()
