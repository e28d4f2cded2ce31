"""E: export debris. Reference managers and journal sites sometimes export the citation block
twice (`2019;4(1):1. 2019;4:1-15.`) or append scraps of it (`Vol Page 2021;13:1802.`,
`13:2. 2017`). The repeat is dropped by --fix; a repeat that contradicts the first block
(another year or volume) needs a person to decide which is right."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from ..model import LIST_FORMATS, Reference, Span
from ..parse import cite_pattern
from .base import Context, Finding, Rule, edit_fix

# Compiled at first use: only a reference with text after its citation block is read for debris.
_pattern = cache(re.compile)

# Debris is made only of numbers, citation punctuation and the words exports put around them.
# Read token by token (longest words first): one regular expression repeating these
# overlapping alternatives backtracked exponentially on a long run that is not debris.
_DEBRIS_TOKEN = (
    r"\s+|Volume|Vol\.|Vol|Pages|Page|pp\.|p\.|No\.|No|Issue|[A-Za-z]{1,3}\d[\w\-–]*|[\d;:(),.\-–—]+"
    r"|(?P<other>.)"
)


def _is_debris(text: str) -> bool:
    if not text.strip():
        return False
    return all(m.lastgroup != "other" for m in _pattern(_DEBRIS_TOKEN, re.DOTALL).finditer(text))


_NUMBERS = re.compile(r"\d+")


def _debris_run(ref: Reference) -> list:
    """The extras after the citation block that are debris, as one trailing run."""
    if not ref.extras:
        return []
    cached = ref.memo.get("debris")
    if cached is None:
        cached = ref.memo["debris"] = _find_debris(ref)
    return cached  # type: ignore[return-value]


def _find_debris(ref: Reference) -> list:
    run = []
    first_trailer = ref.trailers[0].span.start if ref.trailers else ref.span.end
    for extra in ref.extras:
        if extra.span.start > first_trailer or not _is_debris(extra.value):
            break  # a note ("Erratum in: ...", "Author reply") or a trailer ends the debris
        run.append(extra)
    # A lone "." or ":" is punctuation, not a repeated citation (P002 reports doubled marks).
    return run if any(c.isdigit() for e in run for c in e.value) else []


_PAGE_COUNT = r"(?<![\w.])1[ \t]*[-–—][ \t]*\d{1,3}(?!\w|\.\d)"


def _numbers(text: str) -> list[str]:
    return [n.lstrip("0") or "0" for n in _NUMBERS.findall(text)]


def _kept_numbers(ref: Reference) -> tuple[set[str], set[str]]:
    """(the year and volume numbers, every number of the kept citation block)."""
    core: set[str] = set()
    every: set[str] = set()
    for name in ("year", "volume"):
        f = ref.get(name)
        if f:
            core.update(_numbers(f.value))
    every |= core
    for name in ("issue", "pages"):
        f = ref.get(name)
        if f:
            every.update(_numbers(f.value))
    pages = ref.get("pages")
    if pages:  # an elided last page (`706-13`) also stands for its full form (713)
        from .numbers import expand

        for first, last in _pattern(_RANGE_ENDS).findall(pages.value):
            full = expand(first, last)
            if full:
                every.add(str(full[1]))
    return core, every


_RANGE_ENDS = r"(\w*\d\w*)[ \t]*[-–—][ \t]*(\w*\d\w*)"


def judge_repeat(ref: Reference, run: list) -> tuple[bool, str | None]:
    """(whether the run repeats the citation block, why it contradicts it if it does).

    A run repeats the block when it holds the block's year or volume. It agrees with the block
    when every number in it is one the block keeps (a page count `1–15`, which exports write
    for article-numbered journals, excepted): only then is dropping it certain to lose nothing.
    A run that repeats neither year nor volume (`(2015).` after `Nature 521, 436–444`) is not a
    repeat at all: it is part of the reference."""
    text = " ".join(e.value for e in run)
    core, every = _kept_numbers(ref)
    found = _numbers(text)
    if not core or core.isdisjoint(found):
        return False, None
    for m in cite_pattern().finditer(text):
        for name, field in (("year", ref.get("year")), ("volume", ref.get("volume"))):
            value = m.group(name)
            if value and field and value != field.value:
                return True, f"{name} {value} against {field.value}"
    left = _numbers(_pattern(_PAGE_COUNT).sub(" ", text))
    stray = [n for n in left if n not in every]
    if stray:
        return True, f"`{stray[0]}` is not in the first block"
    return True, None


def _removal_span(ref: Reference, run: list) -> Span:
    cite = ref.get("cite")
    start = cite.span.end if cite else run[0].span.start
    # Keep the first block's own final period; drop the whitespace before the debris.
    return Span(start, run[-1].span.end)


# E001 and E002 run on every reference and nearly none has debris: each returns at once then,
# and makes its generator only for a run of debris.


def check_repeated(ref: Reference, ctx: Context) -> Iterable[Finding]:
    run = _debris_run(ref)
    return _repeated(ref, run) if run else ()


def _repeated(ref: Reference, run: list) -> Iterator[Finding]:
    repeats, conflict = judge_repeat(ref, run)
    if not repeats or conflict:
        return
    span = Span(run[0].span.start, run[-1].span.end)
    text = ref.text_of(span)
    cite = ref.get("cite")
    fix = None
    if cite:
        removal = _removal_span(ref, run)
        fix = edit_fix("remove the repeated citation data", removal, "" if cite.value.endswith(".") else ".")
        span = _covering(span, removal)  # a finding covers everything its fix edits
    yield Finding(span, f"export debris after the citation: `{text}` repeats it", fix)


def _covering(a: Span, b: Span) -> Span:
    return Span(min(a.start, b.start), max(a.end, b.end))


def check_conflicting(ref: Reference, ctx: Context) -> Iterable[Finding]:
    run = _debris_run(ref)
    return _conflicting(ref, run) if run else ()


def _conflicting(ref: Reference, run: list) -> Iterator[Finding]:
    repeats, why = judge_repeat(ref, run)
    if not repeats or not why:
        return
    span = Span(run[0].span.start, run[-1].span.end)
    cite = ref.get("cite")
    fix = None
    if cite:
        removal = _removal_span(ref, run)
        fix = edit_fix(
            "keep the first citation block, drop the second",
            removal,
            "" if cite.value.endswith(".") else ".",
            "unsafe",
        )
        span = _covering(span, removal)
    yield Finding(span, f"a second citation block contradicts the first ({why})", fix)


RULES = [
    Rule(
        code="E001",
        formats=LIST_FORMATS,
        name="repeated-citation-block",
        summary="Export debris repeats the citation block",
        description=(
            "Copying a reference from a journal page or a reference manager sometimes exports "
            "the year;volume(issue):pages block twice, or leaves scraps such as `Vol Page` and "
            "bare numbers after it. Readers and reference checkers take the debris for data. "
            "Only text made of numbers, citation punctuation and the words Vol/Page counts as "
            "debris; notes such as `Erratum in:` are left alone."
        ),
        bad="Pittenger MF, Discher DE. Mesenchymal stem cell perspective. Npj Regen Med. "
        "2019;4(1):1. 2019;4:1–15.",
        good="Pittenger MF, Discher DE. Mesenchymal stem cell perspective. Npj Regen Med. 2019;4(1):1.",
        check=check_repeated,
        level="error",
        fix="safe",
    ),
    Rule(
        code="E002",
        formats=LIST_FORMATS,
        name="conflicting-citation-block",
        summary="A second citation block contradicts the first",
        description=(
            "The citation block appears twice and the copies disagree on the year or the volume "
            "(`2018;25(7):1209–1223. 2017;25:1209–1223.`). One of them is wrong; check the "
            "article. The unsafe fix keeps the first block."
        ),
        bad="Wang G, Cao K. Kynurenic acid controls immunosuppression. Cell Death Differ. "
        "2018;25(7):1209–1223. 2017;25:1209–1223.",
        good="Wang G, Cao K. Kynurenic acid controls immunosuppression. Cell Death Differ. "
        "2018;25(7):1209–1223.",
        check=check_conflicting,
        level="error",
        fix="unsafe",
    ),
]
