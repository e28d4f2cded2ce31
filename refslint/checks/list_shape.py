"""L: what only the shape of the whole list reveals. Each reference carries some optional
elements and separators; a list carries them consistently. An element that only a few
references carry while the rest of the list has none (PubMed's `PMID: 30514794` and `Epub 2019
Oct 1`, a month after the year, a period after the journal) is left over from where those few
were copied, and the minority is reported. Where most of the list carries the element it is
the list's style, and nothing is said; where the list is split, nothing either (precision
first: there is no minority to move).

These are list rules: each reference is summarised to what it shows (`summarize`), and the
decision is made once the whole list has been seen."""

import re
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from typing import NamedTuple

from ..model import LIST_FORMATS, Reference, Span
from ..styles.pieces import MONTH
from .base import Context, Finding, Rule, edit_fix

# An element is a minority's when at most this share of the references that could carry it
# do, and at least MIN_OTHERS do not (a list of three has no majority to speak of).
MAX_SHARE = 0.34
MIN_OTHERS = 4


class Mark(NamedTuple):
    """A reference that carries the element: where, what it reads, and the edit that would
    bring it to the list's form (None where that is not certain)."""

    index: int
    style: str  # the family the reference was read in
    span: Span
    text: str
    edit: tuple[Span, str] | None


def _split(records: Iterable[Mark | str], family: str) -> tuple[list[Mark], int]:
    """(the marks, the number of references without the element), of the references read in
    the list's family (how a book or a reference in another style is written is not the list's
    shape)."""
    marks, plain = [], 0
    for record in records:
        if isinstance(record, str):
            plain += record == family
        elif record.style == family:
            marks.append(record)
    return marks, plain


def is_minority(carriers: int, others: int, share: float, least: int = MIN_OTHERS) -> bool:
    total = carriers + others
    return 0 < carriers and others >= least and carriers <= share * total


def _share(ctx: Context) -> float:
    return float(ctx.options.get("max-share", MAX_SHARE))


def _citation_end(ref: Reference) -> int | None:
    """Where the citation block ends, as an offset into `ref.raw` (None: it has none)."""
    ends = [f.span.end for name in ("cite", "volume", "issue", "pages") if (f := ref.fields.get(name))]
    return max(ends) - ref.span.start if ends else None


def _deletion(raw: str, start: int, end: int) -> tuple[int, int] | None:
    """The offsets to delete to remove raw[start:end], an element of its own after a finished
    one (`...:167-70. PMID: 30514794.`), with the space before it; None when the text around it
    does not make the removal certain (no period before it: the element before may end with it)."""
    j = start
    while j > 0 and raw[j - 1].isspace():
        j -= 1
    if j == start or j == 0 or raw[j - 1] != ".":
        return None
    if end < len(raw) and not raw[end].isspace():
        return None
    return j, end


def _mark(ref: Reference, start: int, end: int, removable: bool = True) -> Mark:
    raw, base = ref.raw, ref.span.start
    edit = None
    if removable:
        cut = _deletion(raw, start, end)
        if cut is not None:
            edit = (Span(base + cut[0], base + cut[1]), "")
    return Mark(ref.index, sys.intern(ref.style), Span(base + start, base + end), raw[start:end], edit)


# --- L001: PubMed export residue ---------------------------------------------------------------

# A date as PubMed stamps it: `2019 Oct 1`, `2012/05/18`, `2012 /08/17`; AMA's `October 1, 2019`.
_DATE = (
    rf"(?:{MONTH}\s+(?:\d{{1,2}},?\s+)?)?\d{{4}}"
    rf"(?:\s*/\s*\d{{1,2}}(?:\s*/\s*\d{{1,2}})?|\s+{MONTH}(?:\s*[-–]\s*{MONTH})?(?:\s+\d{{1,2}}(?!\d))?)?"
)
_IDS = (
    r"(?:PubMed\s*)?PMID\s*:?\s*\d{1,9}(?!\d)"
    r"|(?:PubMed\s*Central\s*|PubMedCentral\s*)?PMCID\s*:?\s*PMC[A-Za-z]{0,3}\d{1,9}(?!\d)"
)
_STAMPS = rf"\[Epub\s+ahead\s+of\s+print\]|Epub\s+(?:ahead\s+of\s+print\s+)?{_DATE}|Published(?:\s+online)?:?\s+{_DATE}"
_ITEM = rf"(?:{_IDS}|{_STAMPS})"
_HINT = re.compile(r"PMID|PMCID|Epub|Published")


class _ResiduePatterns(NamedTuple):
    residue: re.Pattern[str]
    stamp_only: re.Pattern[str]
    pmid_or_stamp: re.Pattern[str]


@cache
def _residue_patterns() -> _ResiduePatterns:
    """The patterns that read residue, compiled at their first use: ~5,800 characters of
    expression (a few milliseconds of start-up), needed only by a reference `_HINT` finds."""
    return _ResiduePatterns(
        # A run of residue: items one after the other, with the punctuation PubMed puts between them.
        re.compile(rf"(?<![\w/])(?:{_ITEM})(?:\s*(?:[.;,]\s*)?(?:{_ITEM}))*(?:\s*[.;,])?"),
        re.compile(rf"(?:(?:{_STAMPS})\s*(?:[.;,]\s*)?)+"),
        # PubMed Central holds only some articles (open access, funded research), so a list that
        # gives PMCIDs gives them to a few references: PMCIDs alone are no sign of pasted residue.
        re.compile(rf"PMID|{_STAMPS}"),
    )


def summarize_residue(ref: Reference) -> Mark | tuple[Mark, ...] | str | None:
    """The residue runs of a journal article (a Mark, or several), else its family's name (it
    has none); None: not a journal article with a citation block, so it says nothing."""
    if ref.kind != "journal" or "journal" not in ref.fields:
        return None
    after = _citation_end(ref)
    if after is None:
        return None
    raw = ref.raw
    if not _HINT.search(raw, after):
        return sys.intern(ref.style)
    printed = "volume" in ref.fields and "pages" in ref.fields
    patterns = _residue_patterns()
    marks, neutral = [], False
    for m in patterns.residue.finditer(raw, after):
        end = m.end()
        while raw[end - 1].isspace():
            end -= 1
        if not printed and patterns.stamp_only.fullmatch(raw, m.start(), end):
            # `Epub 2019 Oct 1` dates an article not yet in print: a locator, not residue.
            continue
        if not patterns.pmid_or_stamp.search(raw, m.start(), end):
            neutral = True
            continue
        marks.append(_mark(ref, m.start(), end))
    if not marks:
        return sys.intern(ref.style) if printed and not neutral else None
    return marks[0] if len(marks) == 1 else tuple(marks)


def check_residue(records: list, ctx: Context) -> Iterator[Finding]:
    flat: list[Mark | str] = []
    for record in records:
        if isinstance(record, tuple) and not isinstance(record, Mark):
            flat.extend(record)
        else:
            flat.append(record)
    marks, plain = _split(flat, ctx.family)
    carriers = {m.index for m in marks}
    if not is_minority(len(carriers), plain, _share(ctx)):
        return
    total = len(carriers) + plain
    for m in marks:
        fix = edit_fix("delete it", *m.edit) if m.edit else None
        yield Finding(
            m.span,
            f"PubMed export residue `{m.text}`: only {len(carriers)} of the list's {total} "
            "references carry PubMed identifiers or dates",
            fix,
            reference=m.index,
        )


# --- L002: a month (and day) after the year ----------------------------------------------------


def summarize_month(ref: Reference) -> Mark | str | None:
    """A Vancouver citation block (`2016;18:100-9`, `2016 Jul-Aug;18(7-8):100-9`): a Mark on its
    date when it has one, else its family's name; None for any other citation block."""
    cite, year = ref.fields.get("cite"), ref.fields.get("year")
    if cite is None or year is None or ref.kind != "journal" or year.span.start != cite.span.start:
        return None
    date = ref.fields.get("date")
    if date is None:
        after = year.span.end - cite.span.start
        rest = cite.value[after:].lstrip()
        return sys.intern(ref.style) if rest.startswith(";") else None
    base = ref.span.start
    start = date.span.start - base
    while ref.raw[start].isspace():
        start += 1
    end = date.span.end - base
    # No fix: NLM allows the month and day (`2002 Jul 25;347(4):284-7` is ICMJE's own sample), so
    # which form the list should take is the editor's call, and deleting a date loses it.
    return Mark(ref.index, sys.intern(ref.style), Span(base + start, base + end), ref.raw[start:end], None)


def check_month(records: list, ctx: Context) -> Iterator[Finding]:
    marks, plain = _split(records, ctx.family)
    if not is_minority(len(marks), plain, _share(ctx)):
        return
    total = len(marks) + plain
    for m in marks:
        yield Finding(
            m.span,
            f"month after the year (`{m.text}`): only {len(marks)} of the list's {total} citations "
            "give one (PubMed export residue?)",
            reference=m.index,
        )


# --- L003: a period after the journal ----------------------------------------------------------


class JournalEnd(NamedTuple):
    index: int
    style: str
    period: bool  # the journal is followed by a period
    journal: Span
    one_word: bool  # `Cell`, `Biochemistry`: no abbreviation a period could mark


# A period, a bracket, a comma or a digit in the journal: a dotted abbreviation (its last period
# is its own), or a misread (`PeerJ [Internet]. 2014 5 August`, `Cambridge University Press, UK`).
_NOT_A_NAME = re.compile(r"[.\[,\d]")


def summarize_journal_end(ref: Reference) -> JournalEnd | None:
    """How the journal is separated from the citation block that follows it: a period and a
    space (`Microbiology. 2015;161:516`) or a space only (`Microbiology 2015; 161: 516`, PLOS's
    `Microbiol Rev 58: 233–267`). Other separators (`Journal, 12(3)`) and dotted abbreviations,
    whose last period is the abbreviation's (`J. Bacteriol. 178:`), say nothing."""
    journal = ref.fields.get("journal")
    if journal is None or ref.kind != "journal" or _NOT_A_NAME.search(journal.value):
        return None
    starts = [
        f.span.start
        for name in ("cite", "year", "volume", "pages")
        if (f := ref.fields.get(name)) and f.span.start >= journal.span.end
    ]
    if not starts:
        return None
    gap = ref.raw[journal.span.end - ref.span.start : min(starts) - ref.span.start]
    if not gap or not gap[-1].isspace():
        return None
    head = gap.strip()
    if head not in ("", "."):
        return None
    return JournalEnd(ref.index, sys.intern(ref.style), head == ".", journal.span, " " not in journal.value.strip())


def check_journal_end(records: list[JournalEnd], ctx: Context) -> Iterator[Finding]:
    own = [r for r in records if r.style == ctx.family]
    with_period = sum(r.period for r in own)
    without = len(own) - with_period
    share = _share(ctx)
    if is_minority(with_period, without, share):
        for r in own:
            if r.period:
                span = Span(r.journal.end, r.journal.end + 1)
                yield Finding(
                    span,
                    f"period after the journal name: {without} of the list's {len(own)} references "
                    "have none there",
                    edit_fix("delete the period", span, ""),
                    reference=r.index,
                )
    elif is_minority(without, with_period, share):
        # Some lists end abbreviated names with a period as an abbreviation's mark (`Mol
        # Microbiol. 58:`) and leave whole one-word names bare (`Cell 137:`): a one-word name
        # without a period is no departure.
        for r in own:
            if not r.period and not r.one_word:
                end = Span(r.journal.end, r.journal.end)
                yield Finding(
                    r.journal,
                    f"no period after the journal name: {with_period} of the list's {len(own)} "
                    "references have one there",
                    edit_fix("add a period", end, "."),
                    reference=r.index,
                )


# The four references the L001 and L002 examples share: the list's majority.
_REST = (
    "Lee K, Park J. Second title. Blood. 2011;118:330-8.\n"
    "Chen L, Wu X. Third title. N Engl J Med. 2018;391:101-9.\n"
    "Diaz R, Ruiz M. Fourth title. Cell Rep. 2017;20:1-12.\n"
    "Kim H, Oh S. Fifth title. Gut. 2015;64:45-56."
)

_PLOS_REST = (
    "Lee K (2011) A second title. Blood 118: 330–338.\n"
    "Chen L (2018) A third title. N Engl J Med 391: 101–109.\n"
    "Diaz R (2017) A fourth title. Cell Rep 20: 1–12.\n"
    "Kim H (2015) A fifth title. Gut 64: 45–56."
)

_SHARE_DOC = {
    "max-share": "the largest share of the references that may carry the element for it to be "
    "a minority's (more, and it is the list's style)"
}

# What the L rules share: list rules on how a list is printed.
_MINORITY = {
    "formats": LIST_FORMATS,
    "scope": "list",
    "level": "warning",
    "options": {"max-share": MAX_SHARE},
    "option_docs": _SHARE_DOC,
}

RULES = [
    Rule(
        code="L001",
        name="pubmed-residue",
        summary="PubMed identifiers or dates in only a few references",
        description="PubMed's export adds `PMID: 30514794`, `PubMed PMID: ...; PubMed Central "
        "PMCID: PMC...`, `Epub 2019 Oct 1.` or `Published 2019 Oct 1.` after the citation. When only "
        "a few references of a list carry them (at most a third, `max-share`) and at least four "
        "others carry none, they were pasted from PubMed and the rest of the list was not: a copy "
        "editor deletes them. A list in which more references carry them has them as its style; "
        "PMCIDs alone count for neither side (PubMed Central holds only some articles, so a list "
        "that gives them gives them to a few), and an `Epub` date of an article not yet in print (no volume or pages) is its locator. The "
        "fix deletes the residue when it stands as an element of its own after a finished one.",
        bad="Smith AB, Jones CD. First title. J Immunol. 2019;4:1-15. PMID: 30514794.\n" + _REST,
        good="Smith AB, Jones CD. First title. J Immunol. 2019;4:1-15.\n" + _REST,
        check=check_residue,
        summarize=summarize_residue,
        fix="safe",
        **_MINORITY,
    ),
    Rule(
        code="L002",
        name="month-after-year",
        summary="A month after the year in only a few references",
        description="A Vancouver citation block may give the month and day after the year "
        "(`2022 Dec 28;15(1):167`, `2016 Jul-Aug;18(7-8)`), as PubMed does. When only a few "
        "references of a list do (at most a third, `max-share`) and at least four others give "
        "the year alone, the month was pasted with them. A list in which more references give "
        "months has them as its style. No fix: NLM allows the month (ICMJE's own sample "
        "`N Engl J Med. 2002 Jul 25;347(4):284-7` has it), so which form the list takes is the "
        "editor's call, and deleting a date loses it.",
        bad="Smith AB, Jones CD. First title. J Immunol. 2022 Dec 28;15(1):167-70.\n" + _REST,
        good="Smith AB, Jones CD. First title. J Immunol. 2022;15(1):167-70.\n" + _REST,
        check=check_month,
        summarize=summarize_month,
        **_MINORITY,
    ),
    Rule(
        code="L003",
        name="period-after-journal",
        summary="A period after the journal name unlike the rest of the list",
        description="Vancouver puts a period after the journal name (`Microbiology. 2015;161:516`), "
        "the Lancet, PLOS and author-date styles a space only (`Microbiology 2015; 161: 516`, "
        "`Microbiol Rev 58: 233–267`). A reference that does the other thing than the list "
        "(at most a third of the references, `max-share`, against at least four) is reported. "
        "Journal names with periods inside (`J. Bacteriol.`) are left to J001: their last period "
        "is the abbreviation's, and so is a final period in a list whose style dots abbreviations "
        "(Nature, ACS, APS, Cell: off there); a one-word name without a period (`Cell 137:`) is no "
        "departure in a list that marks abbreviations with a final period. The fix deletes or adds "
        "the period.",
        bad="Prescott DM (1994) The DNA of ciliated protozoa. Microbiol Rev. 58: 233–267.\n" + _PLOS_REST,
        good="Prescott DM (1994) The DNA of ciliated protozoa. Microbiol Rev 58: 233–267.\n" + _PLOS_REST,
        check=check_journal_end,
        summarize=summarize_journal_end,
        fix="safe",
        # Where the style dots its abbreviations (`Neural Comput. 9,`), the last period is the
        # abbreviation's, not a separator.
        off_when={"journal-periods": ("periods", "either")},
        **_MINORITY,
    ),
]
