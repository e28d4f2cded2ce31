"""How often refslint flags real, published references: the false-positive check.

    python benchmarks/corpus_eval.py rendered|real|plos [--preset vancouver] [--show CODE [N]]

Each article's references are linted as one list (house-style rules follow the list's
majority); GROBID and anystyle strings, which belong to no article, are each a list of one.
Prints the share of references flagged and the findings per rule; --show prints N random
findings of a rule with their reference, for judging them by hand.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from refslint.api import lint_text
from refslint.config import build_config

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def lists(dataset: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    if dataset == "plos":
        with (CORPUS / "plos-allofplos" / "references.jsonl").open(encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                if rec.get("original"):
                    groups[rec["doc"]].append(" ".join(rec["original"].split()))
        return groups
    name = {"rendered": "rendered-vancouver.tsv", "real": "real-vancouver-like.tsv"}[dataset]
    with (CORPUS / "vancouver-strings" / name).open(encoding="utf-8") as f:
        for line in f:
            ident, _, text = line.rstrip("\n").partition("\t")
            groups[ident.split("#")[0] if "#" in ident else ident].append(" ".join(text.split()))
    return groups


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset", choices=("rendered", "real", "plos"))
    ap.add_argument("--preset", choices=("vancouver", "ama"))
    ap.add_argument("--show", nargs="+", metavar=("CODE", "N"))
    ap.add_argument("--seed", type=int, default=1)
    ns = ap.parse_args()
    config = build_config(isolated=True, preset=ns.preset)
    per_rule: Counter[str] = Counter()
    flagged_refs = total = 0
    examples: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for refs in lists(ns.dataset).values():
        text = "\n".join(refs) + "\n"
        findings = lint_text(text, "list.txt", config)
        total += len(refs)
        lines = text.splitlines()
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        hit_lines = set()
        for d in findings:
            per_rule[d.code] += 1
            row = max(i for i, s in enumerate(starts) if s <= d.span.start)
            hit_lines.add(row)
            examples[d.code].append((d.message, lines[row] if row < len(lines) else ""))
        flagged_refs += len(hit_lines)
    preset = ns.preset or "none"
    print(
        f"dataset {ns.dataset}, preset {preset}: {total} references, "
        f"{flagged_refs} flagged ({100 * flagged_refs / max(total, 1):.1f}%)"
    )
    for code, n in sorted(per_rule.items()):
        print(f"  {code}  {n:5d}  ({100 * n / max(total, 1):.2f} per 100 references)")
    if ns.show:
        code, n = ns.show[0], int(ns.show[1]) if len(ns.show) > 1 else 30
        rng = random.Random(ns.seed)
        sample = examples[code][:]
        rng.shuffle(sample)
        for message, ref in sample[:n]:
            print(f"\n- {message}\n  {ref}")


if __name__ == "__main__":
    main()
