"""The figures of styles_eval.py for one style's rendered lists, and for the real strings."""

from __future__ import annotations

import random
import re
import time
from collections import Counter
from collections.abc import Callable

from .defects import KINDS, Entry, expected, inject
from .fields import Tally, agreement, read_fields, true_fields
from .lint import lint_lists
from .real import read_real, rows


def _parse_text() -> Callable:
    from refslint.api import parse_text

    return parse_text


def best_of(runs: int, fn: Callable[[], object]) -> tuple[list[float], object]:
    """CPU times of `runs` calls of fn, and the last result."""
    times, result = [], None
    for _ in range(runs):
        t0 = time.process_time()
        result = fn()
        times.append(time.process_time() - t0)
    return times, result


_SPLIT = re.compile(r"(?<=[.,;:])\s+|\s*\(\d{4}\)\s*")


def regex_split(texts: list[str]) -> int:
    """The floor any parser pays: split each line at punctuation followed by a space."""
    return sum(len(_SPLIT.split(line)) for text in texts for line in text.splitlines())


def fields_and_speed(lists: list[dict]) -> dict:
    """a. field agreement and detected style, d. parse throughput (the same parses)."""
    parse_text = _parse_text()
    texts = [lst["text"] for lst in lists]
    names = [f"{lst['doc']}.txt" for lst in lists]
    times, parsed = best_of(3, lambda: [parse_text(t, n) for t, n in zip(texts, names, strict=True)])
    regex_times, _ = best_of(3, lambda: regex_split(texts))
    tally, detected, ref_styles = Tally(), Counter(), Counter()
    for lst, items in zip(lists, parsed, strict=True):
        by_line: dict[int, object] = {}
        for it in items:
            by_line.setdefault(it.line, it)
        seen = Counter(it.style for it in items)
        ref_styles.update(seen)
        detected[seen.most_common(1)[0][0] if seen else "(none)"] += 1
        for row, ref in enumerate(lst["refs"], 1):
            it = by_line.get(row)
            got = read_fields(it.csl) if it is not None else {}
            tally.add(agreement(got, true_fields(ref["truth"])))
    n = sum(len(lst["refs"]) for lst in lists)
    return {
        "lists": len(lists), "references": n, "agreement": tally.as_json(),
        "detected_style": dict(detected.most_common()), "reference_styles": dict(ref_styles.most_common()),
        "throughput": {
            "parse_refs_per_s": n / min(times) if min(times) else None,
            "parse_first_run_refs_per_s": n / times[0] if times[0] else None,
            "regex_refs_per_s": n / min(regex_times) if min(regex_times) else None,
            "parse_cpu_s": times, "regex_cpu_s": regex_times,
        },
    }


def _codes(findings: dict[int, list[str]], row: int) -> list[str]:
    return findings.get(row, [])


def lint_figures(lists: list[dict], seed: int, style: str) -> dict:
    """b. findings on the clean lists, c. injected defects found and false alarms."""
    rng = random.Random(f"refslint-defects:{seed}:{style}")
    texts: dict[str, str] = {}
    injected: list[list[Entry]] = []
    for k, lst in enumerate(lists):
        texts[f"clean/{k:03d}.txt"] = lst["text"]
        text, entries = inject(lst, rng, date_first=not lst["label"])
        texts[f"injected/{k:03d}.txt"] = text
        injected.append(entries)
    res = lint_lists(texts)

    # The journal names are the records' own (`Proc Natl Acad Sci USA` in an NLM list, a full
    # title among abbreviations): the journal rules' findings on them are mostly right, so they
    # are counted apart from everything else a clean render should not get.
    flagged = flagged_other = 0
    codes = Counter()
    for k, lst in enumerate(lists):
        findings = res.findings.get(f"clean/{k:03d}.txt", {})
        for row in range(1, len(lst["refs"]) + 1):
            on_row = _codes(findings, row)
            flagged += bool(on_row)
            flagged_other += any(not c.startswith("J") for c in on_row)
            codes.update(set(on_row))

    found, tried = Counter(), Counter()
    alarms = new_alarms = clean_refs = 0
    for k, entries in enumerate(injected):
        clean = res.findings.get(f"clean/{k:03d}.txt", {})
        findings = res.findings.get(f"injected/{k:03d}.txt", {})
        for row, e in enumerate(entries, 1):
            on_row = _codes(findings, row)
            if e.kind:
                tried[e.kind] += 1
                found[e.kind] += any(expected(e.kind, c) for c in on_row)
                continue
            clean_refs += 1
            if e.partner:  # the original of a duplicate: D001 may name it too
                on_row = [c for c in on_row if c != "D001"]
            alarms += len(on_row)
            new_alarms += sum((Counter(on_row) - Counter(_codes(clean, e.orig + 1))).values())
    n = sum(len(lst["refs"]) for lst in lists)
    return {
        "clean": {
            "references": n, "flagged": flagged, "flagged_not_journal": flagged_other,
            "top_codes": dict(codes.most_common(5)),
            "lists_not_taken": sum(f"clean/{k:03d}.txt" in res.not_taken for k in range(len(lists))),
        },
        "injected": {
            "recall": {kind: {"found": found[kind], "injected": tried[kind]} for kind in KINDS},
            "false_alarms": alarms, "new_false_alarms": new_alarms, "uninjected_references": clean_refs,
            "lists_not_taken": sum(f"injected/{k:03d}.txt" in res.not_taken for k in range(len(lists))),
        },
    }


def real_strings(limit: int | None) -> dict:
    """e. field agreement on real, hand-labelled reference strings, one list per string."""
    parse_text = _parse_text()
    tallies: dict[str, Tally] = {}
    for group, text, gold in rows(limit):
        items = parse_text(text, "reference.txt")
        got = read_real(items[0].csl) if items else {}
        tallies.setdefault(group, Tally()).add(agreement(got, gold))
    return {group: t.as_json() for group, t in sorted(tallies.items())}
