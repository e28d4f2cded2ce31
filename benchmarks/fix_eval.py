"""How well --fix restores damaged references, and how often it touches clean ones.

    python benchmarks/fix_eval.py

Takes the rendered Vancouver lists of the shared corpus, keeps each list's references that
refslint finds nothing in (clean), then for each fixable defect family injects the defect into
one reference at a time (the rest of its list unchanged), runs the fixer, and compares the
result with the original. Also fixes the clean lists themselves: the share of references
--fix changes there should be about zero.
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from refslint.api import lint_text, references  # noqa: E402
from refslint.config import build_config  # noqa: E402
from refslint.fix import fix_text  # noqa: E402
from refslint.vocab import is_common_word  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "vancouver-strings" / "rendered-vancouver.tsv"
CONFIG = build_config(isolated=True)


def lists() -> list[list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        ident, _, text = line.partition("\t")
        if "#" in ident:
            groups[ident.split("#")[0]].append(" ".join(text.split()))
    return [g for g in groups.values() if len(g) >= 8]


def clean_entries(refs: list[str]) -> list[str]:
    text = "".join(f"{i}. {r}\n" for i, r in enumerate(refs, 1))
    bad = {d.reference for d in lint_text(text, "x", CONFIG)}
    return [r for i, r in enumerate(refs) if i not in bad]


def inject(kind: str, ref: str, rng: random.Random) -> str | None:
    cite = re.search(r"(\d{4});(\d+)(?:\(\d+\))?:([\w–-]+)\.$", ref)
    if kind == "repeated block" and cite:
        return f"{ref} {cite.group(1)};{cite.group(2)}:{cite.group(3)}."
    if kind == "vol page debris" and cite:
        return f"{ref} Vol Page {cite.group(1)};{cite.group(2)}:{cite.group(3)}."
    if kind == "digit in word":
        words = [m for m in re.finditer(r"(?<![\w-])[a-z]{7,}(?![\w-])", ref) if is_common_word(m.group(0))]
        if words:
            m = rng.choice(words)
            k = rng.randint(2, len(m.group(0)) - 2)
            return ref[: m.start() + k] + "0" + ref[m.start() + k :]
    if kind == "doubled space":
        spaces = [m.start() for m in re.finditer(r"(?<=[a-z]) (?=[a-z])", ref)]
        if spaces:
            i = rng.choice(spaces)
            return ref[:i] + "  " + ref[i + 1 :]
    if kind == "doubled period":
        m = re.search(r"[a-z]\. ", ref)
        if m:
            return ref[: m.end() - 1] + "." + ref[m.end() - 1 :]
    if kind == "missing final period" and ref.endswith(".") and cite:
        return ref[:-1]
    if kind == "initials with periods":
        m = re.search(r"(?<= )([A-Z])([A-Z])(?=,)", ref)
        if m:
            return ref[: m.start()] + f"{m.group(1)}. {m.group(2)}" + ref[m.end() :]
    if kind == "stray space" and cite:
        return ref.replace(f"{cite.group(1)};", f"{cite.group(1)}; ", 1)
    if kind == "degenerate range":
        m = re.search(r":(\d+)\.$", ref)
        if m:
            return ref[: m.start(1)] + f"{m.group(1)}–{m.group(1)}."
    return None


KINDS = (
    "repeated block",
    "vol page debris",
    "digit in word",
    "doubled space",
    "doubled period",
    "missing final period",
    "initials with periods",
    "stray space",
    "degenerate range",
)


def fixed(refs: list[str]) -> list[str]:
    text = "".join(f"{i}. {r}\n" for i, r in enumerate(refs, 1))
    result = fix_text(text, lambda t: lint_text(t, "x", CONFIG))
    return [r.raw for r in references(result.text)]


def main() -> None:
    rng = random.Random(3)
    tried: Counter[str] = Counter()
    restored: Counter[str] = Counter()
    changed_clean = total_clean = 0
    for refs in lists()[:120]:
        clean = clean_entries(refs)
        if len(clean) < 6:
            continue
        after = fixed(clean)
        total_clean += len(clean)
        changed_clean += sum(1 for a, b in zip(clean, after, strict=False) if a != b) + abs(
            len(clean) - len(after)
        )
        for kind in KINDS:
            i = rng.randrange(len(clean))
            damaged = inject(kind, clean[i], rng)
            if damaged is None:
                continue
            tried[kind] += 1
            trial = [*clean[:i], damaged, *clean[i + 1 :]]
            restored[kind] += fixed(trial) == clean
    n, ok = sum(tried.values()), sum(restored.values())
    print(f"clean references changed by --fix: {changed_clean} of {total_clean}")
    print(f"damaged references restored exactly: {ok} of {n} ({100 * ok / max(n, 1):.1f}%)")
    for kind in KINDS:
        print(f"  {kind:24s} {restored[kind]:4d} / {tried[kind]:4d}")


if __name__ == "__main__":
    main()
