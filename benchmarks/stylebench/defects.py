"""Inject one defect into each of a random minority of a clean list's references.

Every kind changes the rendered entry the way a slip in a real list would, in the list's own
style: the page locator is dropped as the style prints an entry without one (rendered again by
citeproc-py without the page), a duplicate is a later repeat of the entry renumbered, a reversed
range keeps the style's dash. A kind that an entry cannot take (no range printed, no word long
enough) passes to the next kind.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from .lists import list_text

KINDS = ("digit", "reversed", "missing_pages", "doubled_period", "duplicate", "journal_typo")
# A defect is found when refslint reports one of these codes on the injected entry.
EXPECTED = {
    "digit": ("P001",),
    "reversed": ("N001",),
    "missing_pages": ("M006",),
    "doubled_period": ("P002",),
    "duplicate": ("D001",),
    "journal_typo": ("J",),  # any journal rule
}
SHARE = 6  # about one reference in SHARE gets a defect


def expected(kind: str, code: str) -> bool:
    return any(code.startswith(c) for c in EXPECTED[kind])


@dataclass(eq=False)  # entries are told apart by identity
class Entry:
    text: str
    orig: int  # index of the reference in the clean list
    kind: str | None = None  # the defect injected into this entry
    partner: bool = False  # the original of a duplicate (D001 may point at either)


def _title_span(entry: str, title: str) -> tuple[int, int] | None:
    i = entry.find(title)
    if i < 0:
        i = entry.lower().find(title.lower())  # capitalize-first, quotes: same length
    return (i, i + len(title)) if i >= 0 else None


def digit(entry: str, truth: dict, rng: random.Random) -> str | None:
    """A digit inside a word of the title: Pharm0aceutics. Only in a lower-case or capitalized
    word: INTA5CT reads as a symbol (H5N1, CD4)."""
    span = _title_span(entry, truth["title"])
    if not span:
        return None
    title = entry[span[0]:span[1]]
    words = [m for m in re.finditer(r"\b[A-Z]?[a-z]{5,}\b", title) if entry.count(m.group()) == 1]
    if not words:
        return None
    m = rng.choice(words)
    at = span[0] + m.start() + rng.randint(2, len(m.group()) - 2)
    return entry[:at] + str(rng.randint(0, 9)) + entry[at:]


def reversed_range(entry: str, truth: dict, rng: random.Random) -> str | None:
    """The page range written end first: 436–434. Only where both pages have as many digits:
    7–22 written 22–7 reads as an elided 22–27."""
    first, last = truth["first_page"], truth["last_page"]
    if not last or len(first) != len(last):
        return None
    span = _title_span(entry, truth["title"])
    start = span[1] if span else 0
    pattern = re.compile(rf"(?<![\w.]){re.escape(first)}(\s*[-–—]\s*)[A-Za-z]*\d+(?!\d)")
    m = pattern.search(entry, start)
    if not m:
        return None  # the style prints the first page only
    return entry[:m.start()] + f"{last}{m.group(1)}{first}" + entry[m.end():]


def doubled_period(entry: str, truth: dict, rng: random.Random) -> str | None:
    """A period doubled: after the title where the style puts one, else at the end."""
    span = _title_span(entry, truth["title"])
    if span and entry[span[1]:span[1] + 1] == ".":
        return entry[:span[1]] + "." + entry[span[1]:]
    if entry.endswith(".") and not entry.endswith(".."):
        return entry + "."
    m = re.search(r"(?<=[a-z0-9])\. ", entry[span[1]:] if span else entry)
    if not m:
        return None
    at = (span[1] if span else 0) + m.start()
    return entry[:at] + "." + entry[at:]


def journal_typo(entry: str, truth: dict, rng: random.Random) -> str | None:
    """One letter of the journal name dropped, or two adjacent letters swapped."""
    journal = truth["container-title"]
    span = _title_span(entry, truth["title"])
    at = entry.find(journal, span[1] if span else 0)
    if at < 0:
        return None
    words = [m for m in re.finditer(r"[A-Za-z]{4,}", journal)]
    if not words:
        return None
    m = rng.choice(words)
    word = m.group()
    i = rng.randint(1, len(word) - 2)
    if rng.random() < 0.5 or word[i] == word[i + 1]:
        typo = word[:i] + word[i + 1:]
    else:
        typo = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    start = at + m.start()
    return entry[:start] + typo + entry[start + len(word):]


EDITS = {"digit": digit, "reversed": reversed_range, "doubled_period": doubled_period,
         "journal_typo": journal_typo}


def inject(lst: dict, rng: random.Random, date_first: bool) -> tuple[str, list[Entry]]:
    """The list with defects, and its entries in order (row = index + 1)."""
    refs = lst["refs"]
    entries = [Entry(r["entry"], i) for i, r in enumerate(refs)]
    chosen = rng.sample(range(len(refs)), max(1, round(len(refs) / SHARE)))
    order = rng.sample(KINDS, len(KINDS))
    repeats: list[tuple[int, Entry]] = []
    for n, i in enumerate(chosen):
        ref = refs[i]
        for k in range(len(KINDS)):
            kind = order[(n + k) % len(KINDS)]
            if kind == "duplicate":
                entries[i].partner = True
                repeats.append((i, Entry(ref["entry"], i, "duplicate")))
                break
            if kind == "missing_pages":
                new = ref["no_pages"] if ref["no_pages"] != ref["entry"] else None
            else:
                new = EDITS[kind](ref["entry"], ref["truth"], rng)
            if new and new != ref["entry"]:
                entries[i].text, entries[i].kind = new, kind
                break
    # A repeat goes later in the list: right after its original where the list is sorted by
    # author, anywhere after it in a numbered list (it is renumbered with the list).
    out = list(entries)
    for i, rep in sorted(repeats, key=lambda p: -p[0]):
        pos = next(k for k, e in enumerate(out) if e is entries[i]) + 1
        if not date_first:
            pos = rng.randint(pos, len(out))
        out.insert(pos, rep)
    return list_text([e.text for e in out], lst["label"]), out
