"""N: page ranges, article numbers and years."""

import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from .. import journal_catalogue as catalogue
from .. import vocab
from ..model import LIST_FORMATS, Reference, Related, Span
from .base import Context, Finding, Rule, edit_fix, lazy_fix, ref_name

_PAGE = re.compile(r"([A-Za-z]{0,4})(\d+)([A-Za-z]{0,3})$")
_ROMAN = re.compile(r"[ivxlc]+$")
# The last page may carry an e-page suffix (`913-6.e7`: pages 913-916 and e-page e7), which
# is part of the locator, not of the range.
# Page numbers with thousands separators (`13,345–13,372`, AGU and some physics journals) are
# read whole when both ends have them.
_RANGE = re.compile(
    r"(?P<first>\d{1,3}(?:,\d{3})+(?=[ \t]*[-–—][ \t]*\d{1,3}(?:,\d{3})+)|[^\s\-–—,]+)"
    r"(?P<dash>[ \t]*[-–—][ \t]*)"
    r"(?P<last>(?<=[-–—])\d{1,3}(?:,\d{3})+(?!\d)|(?<=[-–—][ \t])\d{1,3}(?:,\d{3})+(?!\d)|[^\s\-–—,.]+(?:\.\d+)*)"
    r"(?:\.?e\d{1,4}\b)?"
)


class PageRange(NamedTuple):
    """A range in the pages field, by its offsets (those of its spans): the spans are made only
    for the few ranges a finding is about, not for every journal article's range."""

    first: str
    last: str
    dash: str
    start: int  # of the whole range
    dash_start: int
    last_start: int
    last_end: int  # before an e-page suffix (`913-6.e7`)
    end: int

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def dash_span(self) -> Span:
        return Span(self.dash_start, self.last_start)

    @property
    def last_span(self) -> Span:
        return Span(self.last_start, self.last_end)


def page_ranges(ref: Reference) -> list[PageRange]:
    cached = ref.memo.get("page-ranges")
    if cached is None:
        cached = ref.memo["page-ranges"] = _page_ranges(ref)
    return cached  # type: ignore[return-value]


def _page_ranges(ref: Reference) -> list[PageRange]:
    pages = ref.fields.get("pages")
    if pages is None:
        return []
    value = pages.value
    if "-" not in value and "–" not in value and "—" not in value:
        return []
    simple = _simple_range(value, pages.span.start)
    if simple is not None:
        return [simple]
    found = []
    for m in _RANGE.finditer(pages.value):
        o = pages.span.start
        found.append(
            PageRange(
                m.group("first"),
                m.group("last"),
                m.group("dash").strip(),
                o + m.start(),
                o + m.start("dash"),
                o + m.start("last"),
                o + m.end("last"),
                o + m.end(),
            )
        )
    return found


def _simple_range(value: str, o: int) -> PageRange | None:
    """The range of a pages field that is two runs of ASCII digits joined by one hyphen or en
    dash (`855-60`, `1023–1031`: nine in ten ranges), read without the regular expression;
    None for any other text. `_RANGE` reads such a text as this one range: no thousands
    separator, no space around the dash, no e-page suffix."""
    first, dash, last = value.partition("-")
    if not dash:
        first, dash, last = value.partition("–")
    if not (dash and first.isdigit() and last.isdigit() and first.isascii() and last.isascii()):
        return None
    at = o + len(first)
    end = o + len(value)
    return PageRange(first, last, dash, o, at, at + 1, end, end)


def expand(first: str, last: str) -> tuple[int, int] | None:
    """Numeric first and last page of a range, expanding elided ends (`706-13` -> 706, 713)."""
    a, b = _PAGE.match(first), _PAGE.match(last)
    if not a or not b:
        return None
    da, db = a.group(2), b.group(2)
    if len(db) < len(da):
        db = da[: len(da) - len(db)] + db
    return int(da), int(db)


def _problem(r: PageRange) -> tuple[str, str] | None:
    """(kind, message) for a broken range: degenerate, malformed or reversed."""
    # Thousands separators (`13,345–13,372`) are judged without them.
    first, last = (r.first.replace(",", ""), r.last.replace(",", "")) if "," in r.first else (r.first, r.last)
    if first.isdigit() and last.isdigit() and first.isascii() and last.isascii():
        # The common case, decided without regular expressions (and without writing the
        # range out for a message, which most ranges do not get).
        if first == last:
            return "degenerate", f"page range `{r.first}{r.dash}{r.last}` starts and ends on the same page"
        if first[0] == "0":
            return None  # `025003-1`: page 1 of article 025003 (physics journals)
        full = last if len(last) >= len(first) else first[: len(first) - len(last)] + last
        if int(full) < int(first):
            return "reversed", f"page range `{r.first}{r.dash}{r.last}` ends before it starts"
        return None
    written = f"{r.first}{r.dash}{r.last}"
    a, b = _PAGE.match(first), _PAGE.match(last)
    if _ROMAN.match(first) and _ROMAN.match(last):
        return None  # front matter: xv-ii
    if not a or not b:
        return "malformed", f"malformed page range `{written}`"
    if first == last:
        return "degenerate", f"page range `{written}` starts and ends on the same page"
    pa, pb = a.group(1), b.group(1)
    if pb and pa.lower() != pb.lower():
        return "malformed", f"page range `{written}` mixes prefixes"
    if pa.lower() == "e" and len(a.group(2)) >= 5 and not pb:
        return "malformed", f"`{written}`: {first} is an article number (e-locator), not a first page"
    if a.group(2).startswith("0"):
        return None  # `025003-1`: page 1 of article 025003 (physics journals)
    nums = expand(first, last)
    if nums is None:
        return None
    if nums[1] < nums[0]:
        if pa:  # `R149-12`: an article number exported with a page count
            return "malformed", f"page range `{written}` ends before it starts"
        return "reversed", f"page range `{written}` ends before it starts"
    return None


def problems(ref: Reference) -> list[tuple[PageRange, tuple[str, str] | None]]:
    """Each page range with its problem (None for a sound range)."""
    cached = ref.memo.get("page-problems")
    if cached is None:
        cached = ref.memo["page-problems"] = [(r, _problem(r)) for r in page_ranges(ref)]
    return cached  # type: ignore[return-value]


def _broken(ref: Reference) -> list[tuple[PageRange, str, str]]:
    """The ranges with a problem: (range, kind, message); for nearly every reference none."""
    cached = ref.memo.get("page-broken")
    if cached is None:
        cached = ref.memo["page-broken"] = [(r, *p) for r, p in problems(ref) if p]
    return cached  # type: ignore[return-value]


# N001-N003 run on every reference: they are plain functions that return at once when no range
# is broken (a generator would cost its creation on every reference).


def check_reversed(ref: Reference, ctx: Context) -> list[Finding]:
    broken = _broken(ref)
    return [Finding(r.span, message) for r, kind, message in broken if kind == "reversed"] if broken else []


def check_degenerate(ref: Reference, ctx: Context) -> list[Finding]:
    broken = _broken(ref)
    if not broken:
        return []
    return [
        Finding(r.span, message, edit_fix(f"write `{r.first}`", r.span, r.first))
        for r, kind, message in broken
        if kind == "degenerate"
    ]


def check_malformed(ref: Reference, ctx: Context) -> list[Finding]:
    broken = _broken(ref)
    return [Finding(r.span, message) for r, kind, message in broken if kind == "malformed"] if broken else []


def check_article_number_range(ref: Reference, ctx: Context) -> Iterator[Finding]:
    """`Sci Rep. 2017;7(1):1-11`: the page count of an article-numbered PDF, not pages."""
    ranges = page_ranges(ref)
    if len(ranges) != 1 or ranges[0].first != "1":
        return iter(())  # nearly every reference: no generator made for it
    return _page_count(ref, ranges[0], ctx)


def _page_count(ref: Reference, r: PageRange, ctx: Context) -> Iterator[Finding]:
    nums = expand(r.first, r.last)
    if nums is None or nums[1] > int(ctx.options.get("max-pages", 60)):
        return
    journal, volume, year = ref.get("journal"), ref.get("volume"), ref.get("year")
    reasons = []
    if journal and vocab.publishes_article_numbers(journal.value):
        reasons.append(f"{journal.value} numbers its articles")
    if volume and year and volume.value == year.value[:4]:
        reasons.append("the volume is the year, as in article-numbered journals")
    if reasons:
        yield Finding(
            r.span,
            f"`{r.first}{r.dash}{r.last}` looks like a page count, not pages: "
            f"{reasons[0]}; give the article number",
        )


def check_year(ref: Reference, ctx: Context) -> tuple[Finding, ...]:
    """A plain function, not a generator: it runs on every reference and nearly always finds
    nothing."""
    year = ref.fields.get("year")
    if year is None:
        return ()
    value = int(year.value[:4])
    bounds = ctx.cache.get("years")
    if bounds is None:  # (the options do not change during a run)
        latest = time.localtime().tm_year + int(ctx.options.get("future-years", 1))
        bounds = ctx.cache["years"] = (int(ctx.options.get("earliest", 1600)), latest)
    earliest, latest = bounds
    if value > latest:
        return (Finding(year.span, f"year {value} is in the future"),)
    if value < earliest:
        return (Finding(year.span, f"year {value} is implausibly early"),)
    return ()


# dash -> (style variant, how the message names it, the other dash, how the fix names that)
_DASHES = {"-": ("hyphen", "hyphen", "–", "an en dash"), "–": ("en-dash", "en dash", "-", "a hyphen")}


def check_dash(ref: Reference, ctx: Context) -> list[Finding]:
    """House style: hyphen (NLM, AMA) or en dash in page ranges. (A plain function: it runs on
    every reference.)"""
    found = []
    for r in page_ranges(ref):
        dash = _DASHES.get(r.dash)
        if dash and ctx.wants(dash[0]):
            variant, name, other, other_name = dash
            dash_span = r.dash_span
            found.append(
                Finding(
                    dash_span,
                    f"{name} in a page range ({{expected}})",
                    lazy_fix(f"use {other_name}", dash_span, other),
                    style=variant,
                )
            )
    return found


def check_elision(ref: Reference, ctx: Context) -> Iterator[Finding]:
    """House style: how page ranges are shortened. NLM elides every repeated leading digit
    (`706-13`), Chicago keeps two digits or more (`321–28`, `1496–500`; full below 100, `71–72`),
    AMA and most author-date styles print ranges in full (`706-713`). A range that fits several
    schemes (`92–96` is full and Chicago alike) fits whichever the list chose."""
    for r, p in problems(ref):
        if p:
            continue
        first, last = r.first, r.last
        if len(first) < 2 or not (first.isdigit() and last.isdigit()) or not first.isascii() or first[0] == "0":
            continue  # letter-prefixed (e264-e277, H1060-5) and 13,345-13,372 pages take no side
        ends = _range_ends(first, last)
        style = None if ends is None else _elision_vote(last, *ends)
        if style is None or not ctx.wants(style):
            continue
        forms = _forms(*ends)  # type: ignore[misc]
        chosen = ctx.fixed if ctx.fixed is not None else ctx.chosen.get("")
        other = forms.get(str(chosen), forms["full"])[0]
        name = _SCHEME_NAMES[style.partition("|")[0]]
        yield Finding(
            r.last_span,
            f"{name} page range `{r.first}{r.dash}{r.last}` ({{expected}})",
            lazy_fix(f"write `{other}`", r.last_span, other),
            style=style,
        )


_SCHEME_NAMES = {"elided": "elided", "full": "full", "chicago": "Chicago-elided"}


def _elision_vote(last: str, full: str, nlm: str, chicago_forms: tuple[str, ...]) -> str | None:
    """The schemes whose form the last page is in, in the order full, elided, chicago, as a vote
    (`full|chicago`); None when it is in none of them, or in all three (a range every scheme
    writes alike takes no side). Asked of every range, so decided on the forms as they are: the
    dict of `range_forms` is built only for a finding."""
    fits = []
    if last == full:
        fits.append("full")
    if last == nlm:
        fits.append("elided")
    if last in chicago_forms:
        fits.append("chicago")
    if not fits or len(fits) == 3:
        return None
    return "|".join(fits)


def range_forms(first: str, last: str) -> dict[str, tuple[str, ...]] | None:
    """The last page of the range as each scheme may write it: full, elided (NLM) and Chicago
    (the 16th edition's `1496–500` and the 17th's `1496–1504` alike)."""
    ends = _range_ends(first, last)
    return None if ends is None else _forms(*ends)


def _forms(full: str, nlm: str, chicago_forms: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return {"full": (full,), "elided": (nlm,), "chicago": chicago_forms}


def _range_ends(first: str, last: str) -> tuple[str, str, tuple[str, ...]] | None:
    """(full, NLM-elided, Chicago forms) of the last page, None for a range that does not go up."""
    if len(last) > len(first):
        full = last
    else:
        full = first[: len(first) - len(last)] + last
    if int(full) <= int(first):
        return None
    # An end with more digits than the start cannot be shortened: `5590–1653` would read as a
    # range that ends before it starts, not as 5590–51653.
    nlm = elide(first, full) if len(full) == len(first) else full
    n = int(first)
    if n < 100 or n % 100 == 0:
        chicago = full
    elif n % 100 < 10:
        chicago = nlm
    else:
        chicago = nlm if len(nlm) >= 2 else full[-2:]
    chicago_forms = (chicago, full) if len(first) == 4 and len(chicago) >= 3 else (chicago,)
    return full, nlm, chicago_forms


def elide(first: str, last: str) -> str:
    """NLM elision: drop the leading digits the last page shares with the first (`713` -> `13`
    after `706`), keeping at least one."""
    i, stop = 0, len(last) - 1
    while i < stop and first[i] == last[i]:
        i += 1
    return last[i:]


# --- N008: a first page where the list gives ranges ----------------------------------------------

# A page that may have been cut from its range: one to four digits. Letters (`e29218`, `R149`) and
# five digits or more (`30121`) are article numbers, which have no range.
# A page that may have been cut from its range: one to five digits (`15160`, JBC's and PNAS's
# pages). Letters (`e29218`, `R149`) and six digits or more are article numbers, which have no
# range; shorter article numbers are told by the journal (below).
_LONE_PAGE = re.compile(r"[1-9]\d{0,4}")
# General weeklies print many one-page items (news, letters, editorials), and the BMJ's own style
# cites the first page alone: a lone page there is no sign of a lost range.
_ONE_PAGE_JOURNALS = frozenset({
    "nature", "science", "lancet", "bmj", "br med j", "bmj clinical research ed", "jama", "n engl j med",
    "new england journal of medicine", "the lancet", "british medical journal", "cmaj", "med j aust",
    "vet rec", "veterinary record", "the new england journal of medicine",
})
MAX_LONE_SHARE = 0.1  # of a list's journal articles with pages, for first pages alone to be a slip
MIN_RANGES = 8  # ranges in the list, for it to give ranges as its rule


class Pages(NamedTuple):
    index: int
    style: str  # the family the reference was read in
    lone: bool  # a first page alone, else a page range
    span: Span


# Physics journals are cited by their first page (the APS and AIP styles), also in other lists.
_PHYSICS = re.compile(r"\b(?:phys|physica|physics|europhys|astrophys|astron)\b")


def summarize_pages(ref: Reference) -> Pages | None:
    """Whether a journal article gives a first page alone or a page range; None for anything
    else (books, article numbers, e-locators, journals that number their articles)."""
    pages = ref.fields.get("pages")
    if pages is None or ref.kind != "journal" or "journal" not in ref.fields:
        return None
    value = pages.value
    # (`isdigit` first: a range, nearly every reference, is told without the pattern.)
    if value.isdigit() and _LONE_PAGE.fullmatch(value):
        volume, year = ref.fields.get("volume"), ref.fields.get("year")
        if volume and year and volume.value == year.value[:4]:
            return None  # the volume is the year: an article-numbered journal
        if len(value) < 3 and "issue" not in ref.fields and not (volume and volume.value.isdigit()
                                                                  and int(volume.value) >= 20):
            return None  # `Diagn Pathol 2006;1:4`: a young online journal's article number
        if len(ref.authors) < 2 and ref.et_al is None:
            return None  # one author (or none): editorials, news and letters, of one page each
        if _lone_page_is_usual(ref.fields["journal"].value):
            return None
        return Pages(ref.index, sys.intern(ref.style), True, pages.span)
    found = problems(ref)
    if len(found) == 1 and found[0][1] is None and _covers(found[0][0], pages.span):
        return Pages(ref.index, sys.intern(ref.style), False, pages.span)
    return None


@lru_cache(maxsize=1 << 12)
def _lone_page_is_usual(journal: str) -> bool:
    """Whether a first page alone is no sign of a lost range in this journal: a general weekly,
    a physics journal, or one that numbers its articles (or may). Asked of each journal once:
    a list names few journals, each many times."""
    key = vocab.journal_key(journal).replace("(", "").replace(")", "")
    if key in _ONE_PAGE_JOURNALS or _PHYSICS.search(key):
        return True
    return _may_number_articles(journal)


def _covers(r: PageRange, span: Span) -> bool:
    """Whether the range is the whole span (asked without making the range's span)."""
    return r.start == span.start and r.end == span.end


def _may_number_articles(name: str) -> bool:
    """Whether the journal numbers its articles, or may: asked of the name as printed, of its
    NLM form and of the form its alias stands for (or, for a slip, of the form it is a slip of);
    a name the catalogue does not know (`Pharm0aceutics`) may be anything."""
    if vocab.publishes_article_numbers(name):
        return True
    alias = vocab.journal_aliases().get(vocab.journal_key(name))
    if alias is not None:
        return vocab.publishes_article_numbers(alias)
    matches = catalogue.lookup_all(name)
    if not matches:
        from .journal_names import verdict  # the catalogue's nearest form: a slip of a known name

        near = verdict(name)
        if near.kind not in ("near", "variant", "case") or not near.text:
            return True
        if vocab.publishes_article_numbers(near.text):
            return True
        matches = catalogue.lookup_all(near.text)
    return any(m.journal.nlm and vocab.publishes_article_numbers(m.journal.nlm) for m in matches)


def check_lone_page(records: list[Pages], ctx: Context) -> Iterator[Finding]:
    own = [r for r in records if r.style == ctx.family]
    lone = [r for r in own if r.lone]
    ranges = len(own) - len(lone)
    share = float(ctx.options.get("max-share", MAX_LONE_SHARE))
    if not lone or ranges < int(ctx.options.get("min-ranges", MIN_RANGES)) or len(lone) > share * len(own):
        return
    for r in lone:
        yield Finding(
            r.span,
            f"first page only: {ranges} of the list's {len(own)} journal articles give a page range "
            "(the last page is missing, unless the article has one page)",
            reference=r.index,
        )


# --- N009: a volume the same journal's other references contradict ------------------------------


class Issue(NamedTuple):
    index: int
    name: str | None
    journal: str  # folded: the key references of one journal share
    printed: str  # the journal as printed, for the message
    year: int
    volume: int
    has_issue: bool
    span: Span  # the volume


def summarize_volume(ref: Reference) -> Issue | None:
    journal, year, volume = ref.fields.get("journal"), ref.fields.get("year"), ref.fields.get("volume")
    if journal is None or year is None or volume is None or ref.kind != "journal":
        return None
    if not volume.value.isdigit() or not year.value[:4].isdigit() or not volume.value.isascii():
        return None
    number = int(volume.value)
    if number == 0 or number >= 1800:
        return None  # a year for a volume: numbered by year, nothing to compare
    name = ref_name(ref)
    return Issue(
        ref.index, None if name == str(ref.index + 1) else name, _journal_key(journal.value),
        journal.value, int(year.value[:4]), number, "issue" in ref.fields, volume.span,
    )  # fmt: skip


@lru_cache(maxsize=1 << 12)
def _journal_key(name: str) -> str:
    """A journal's name folded (a list names few journals, each many times)."""
    return sys.intern(vocab.journal_key(name))


def _contradicts(later: Issue, earlier: Issue) -> bool:
    """A journal numbers its volumes upwards: a later year with a lower volume contradicts. A
    year apart, a volume or two back is allowed (volumes that straddle the new year, series
    whose volumes appear out of order)."""
    years, volumes = later.year - earlier.year, earlier.volume - later.volume
    return years > 0 and volumes > 0 and (years > 1 or volumes > 2)


def _clashing(year: int, volume: int, keys: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The (year, volume) keys that contradict (year, volume) or that it contradicts: `_contradicts`
    both ways, written out on plain numbers (every pair of a journal's keys is compared, and a
    journal cited in hundreds of volumes makes this the rule's whole cost)."""
    return [
        (y, v)
        for y, v in keys
        if (y > year and v < volume and (y - year > 1 or volume - v > 2))
        or (y < year and v > volume and (year - y > 1 or v - volume > 2))
    ]


def check_volume(records: list[Issue], ctx: Context) -> Iterator[Finding]:
    """One finding per wrong reference: the one that contradicts more of the journal's others
    than any of those does (`1996;76` among four right J Neurosci volumes), else, of a pair that
    only contradict each other, the later year with the lower volume (the issue written as the
    volume: `2021;1` beside `2019;13(2)`). References are compared by their distinct (year,
    volume): a long list cites one journal thousands of times but in few volumes."""
    by_journal: dict[str, dict[tuple[int, int], list[Issue]]] = defaultdict(lambda: defaultdict(list))
    for r in records:
        by_journal[r.journal][r.year, r.volume].append(r)
    for keyed in by_journal.values():
        if len(keyed) < 2 or len({volume for _, volume in keyed}) < 2:
            continue
        firsts = {key: refs[0] for key, refs in keyed.items()}
        keys = list(keyed)
        clashes = {key: _clashing(*key, keys) for key in keys}
        weight = {key: sum(len(keyed[k]) for k in found) for key, found in clashes.items()}
        for key, found in clashes.items():
            if not found:
                continue
            other = firsts[found[0]]
            if weight[key] == 1 and weight[found[0]] == 1:
                if not _contradicts(firsts[key], other):
                    continue  # the pair's other reference is reported
            elif not all(weight[key] > weight[k] for k in found):
                continue  # not the one that stands out
            for r in keyed[key]:
                more = weight[key] - 1
                if more:
                    hint = f" and {more} more reference{'s' if more > 1 else ''} to it: its year or volume is wrong"
                elif not r.has_issue and _contradicts(r, other) and r.volume * 2 <= other.volume:
                    hint = f": is `{r.volume}` its issue, with the volume missing?"
                else:
                    hint = ": the year or the volume of one of them is wrong"
                yield Finding(
                    r.span,
                    f"volume {r.volume} ({r.year}) contradicts volume {other.volume} of {other.printed} "
                    f"in {other.year} (reference {other.name or other.index + 1}){hint}",
                    related=tuple(
                        Related(ctx.path, firsts[k].span, f"volume {k[1]} in {k[0]}") for k in found
                    ),
                    reference=r.index,
                )


# --- N010: an e-page range without its first page -------------------------------------------------

# `530.e7`: Cell Press and Elsevier print an article's pages and then its e-pages (`519–530.e7`:
# pages 519-530, e-pages e1-e7); an article's e-pages start at e1, so `.e7` alone is the end of
# a range whose first page is lost. `645.e1` (an article on e-pages 645.e1 and on) is a first page.
_EPAGE_END = re.compile(r"(\d+)\.e(\d+)")


def check_epage_end(ref: Reference, ctx: Context) -> Iterator[Finding]:
    pages = ref.get("pages")
    if pages is None:
        return
    m = _EPAGE_END.fullmatch(pages.value)
    if m is None or int(m.group(2)) < 2:
        return
    yield Finding(
        pages.span,
        f"`{pages.value}` is the end of a page range (the last page {m.group(1)} and e-pages e1-e{m.group(2)}): "
        "its first page is missing",
    )


RULES = [
    Rule(
        code="N001",
        name="reversed-page-range",
        summary="Page range ends before it starts",
        description="The last page is lower than the first even after expanding an elided end "
        "(`706-13` is 706-713, so it is fine; `230-21` is not).",
        bad="Smith J. Title. J Immunol. 2015;194(3):855-60.\nJones K. Title. Blood. 2011;118:330-21.",
        good="Smith J. Title. J Immunol. 2015;194(3):855-60.\nJones K. Title. Blood. 2011;118:330-8.",
        check=check_reversed,
        level="error",
    ),
    Rule(
        code="N002",
        name="degenerate-page-range",
        summary="Page range on a single page",
        description="A range that starts and ends on the same page (`1653–1653`) is one page. "
        "The fix writes the page once.",
        bad="Yao D. Adipose-derived stem cells for psoriasis. Ann Transl Med. 2021;9(22):1653–1653.",
        good="Yao D. Adipose-derived stem cells for psoriasis. Ann Transl Med. 2021;9(22):1653.",
        check=check_degenerate,
        level="error",
        fix="safe",
    ),
    Rule(
        code="N003",
        name="malformed-page-range",
        summary="Malformed page range",
        description="A range whose ends do not go together: mixed prefixes, a zero-padded end "
        "(`e1000029–0231`), or a prefixed article number followed by a page count (`R149–12`).",
        bad="Mohanty ST. Alterations in self-renewal. Arthritis Res Ther. 2010;12(4):R149–12.",
        good="Mohanty ST. Alterations in self-renewal. Arthritis Res Ther. 2010;12(4):R149.",
        check=check_malformed,
        level="error",
    ),
    Rule(
        code="N004",
        name="page-count-as-range",
        summary="Article number exported as a page range",
        description="Article-numbered journals (Sci Rep, Nat Commun, PLoS One, BMC, Frontiers, "
        "MDPI ...) have no page ranges; `1–11` is the page count of the PDF that a reference "
        "manager exported instead of the article number. Flagged when the range starts at 1 "
        "and the journal is known to number its articles or the volume equals the year.",
        bad="Kay AG. Conditioned medium reduces disease severity. Sci Rep. 2017;7(1):1–11.",
        good="Kay AG. Conditioned medium reduces disease severity. Sci Rep. 2017;7(1):18019.",
        check=check_article_number_range,
        level="error",
        options={"max-pages": 60},
        option_docs={"max-pages": "longest page count (`1-N`) taken for an exported page count"},
    ),
    Rule(
        code="N005",
        name="implausible-year",
        summary="Implausible year",
        description="A year in the future (more than `future-years` ahead) or before `earliest`.",
        bad="Smith J. A title. Nature. 2094;428:664-8.",
        good="Smith J. A title. Nature. 2008;428:664-8.",
        check=check_year,
        level="error",
        options={"future-years": 1, "earliest": 1600},
        option_docs={
            "future-years": "years ahead of today still accepted (in press)",
            "earliest": "earliest accepted year",
        },
    ),
    Rule(
        code="N006",
        formats=LIST_FORMATS,
        name="page-range-dash",
        summary="Hyphen or en dash in page ranges",
        description="NLM and AMA join page ranges with a hyphen, many journals with an en dash. "
        "Follows the `style` option, a preset, or else the list's majority. The fix changes "
        "the dash.",
        bad="Smith J. Title. J Immunol. 2015;194(3):855-60.\nJones K. Title. Blood. 2011;118:330–8.\n"
        "Lee K. Title. Gut. 2012;61:894-906.",
        good="Smith J. Title. J Immunol. 2015;194(3):855-60.\nJones K. Title. Blood. 2011;118:330-8.\n"
        "Lee K. Title. Gut. 2012;61:894-906.",
        check=check_dash,
        level="warning",
        fix="safe",
        options={"style": "auto"},
        style_values=("hyphen", "en-dash"),
        option_docs={"style": "auto (the list's majority), hyphen or en-dash"},
    ),
    Rule(
        code="N007",
        formats=LIST_FORMATS,
        name="page-range-elision",
        summary="Elided or full page ranges",
        description="NLM elides every repeated leading digit (`706-13`); Chicago keeps two digits "
        "or more (`321-28`; in full below 100); AMA and most author-date styles print full ranges "
        "(`706-713`). A range that fits several schemes (`92-96`) fits any of them. Follows the "
        "`style` option, a preset, or else the list's majority. The fix rewrites the end page.",
        bad="Smith J. Title. J Immunol. 2015;194(3):855-860.\nJones K. Title. Blood. 2011;118:330-8.\n"
        "Lee K. Title. Gut. 2012;61:894-6.",
        good="Smith J. Title. J Immunol. 2015;194(3):855-60.\nJones K. Title. Blood. 2011;118:330-8.\n"
        "Lee K. Title. Gut. 2012;61:894-6.",
        off_when={"page-range": ("either",)},
        check=check_elision,
        level="warning",
        fix="safe",
        options={"style": "auto"},
        style_values=("elided", "full", "chicago"),
        convention="page-range",
        option_docs={"style": "auto (the list's majority), elided (706-13), full (706-713) or chicago (321-28)"},
    ),
    Rule(
        code="N008",
        formats=LIST_FORMATS,
        name="first-page-only",
        summary="A first page alone where the list gives page ranges",
        description="A journal article given by its first page alone (`Curr Opin Neurol "
        "2013;26(6):602`) in a list whose journal articles give page ranges (at least `min-ranges` "
        "of them, and first pages alone in at most `max-share` of its journal articles) has lost "
        "its last page. Stays silent on article numbers and e-locators (letters, six digits or more, "
        "a journal known to number its articles or not in the catalogue, a volume that is the "
        "year, a number under 100 in a young journal's volume), on references read in another "
        "style than the list's, where many references give first pages, on the general weeklies "
        "(their letters and news are one page; the BMJ cites first pages), on physics journals "
        "(cited by their first page) and on articles by one author (editorials, news, letters). "
        "A one-page article is right as it is, and nothing in the text tells it from a lost range: "
        "the finding is an info, its message says so, and there is no fix.",
        bad="1. Smith AB, Jones CD. Pain in migraine. Curr Opin Neurol. 2013;26(6):602.\n"
        + "\n".join(f"{i}. Lee K{i}, Park J. A title number {i}. Blood. 20{i:02d};{100 + i}:{330 + i}-{340 + i}."
                     for i in range(2, 11)),
        good="1. Smith AB, Jones CD. Pain in migraine. Curr Opin Neurol. 2013;26(6):602-8.\n"
        + "\n".join(f"{i}. Lee K{i}, Park J. A title number {i}. Blood. 20{i:02d};{100 + i}:{330 + i}-{340 + i}."
                     for i in range(2, 11)),
        check=check_lone_page,
        summarize=summarize_pages,
        scope="list",
        # Info: about half the lone pages in clean lists are one-page articles (letters, notes),
        # which nothing in the text tells from a range that lost its end.
        level="info",
        options={"max-share": MAX_LONE_SHARE, "min-ranges": MIN_RANGES},
        option_docs={
            "max-share": "the largest share of the list's journal articles that may give a first page "
            "alone for them to be slips (more, and first pages are the list's style)",
            "min-ranges": "the fewest page ranges a list gives for ranges to be its rule",
        },
    ),
    Rule(
        code="N009",
        formats=LIST_FORMATS,
        name="volume-contradicts-journal",
        summary="A volume the same journal's other references contradict",
        description="A journal numbers its volumes upwards, so two references to one journal whose "
        "later year has the lower volume (`Iran J Kidney Dis. 2021;1:22-30` beside `Iran J Kidney "
        "Dis. 2019;13(2):100-5`) cannot both be right: most often the issue was written as the "
        "volume (the message asks when the lower volume has no issue and is less than half the "
        "other), or a year is wrong. Journals are compared by name as printed; a year apart, a "
        "volume or two back is allowed (volumes that straddle the new year, book series that "
        "appear out of order), and volumes that are years are not compared. No fix: which of the "
        "two is wrong is not known.",
        bad="Smith AB, Jones CD. Kidney function in dialysis. Iran J Kidney Dis. 2021;1:22-30.\n"
        "Lee K, Park J. Anaemia in kidney disease. Iran J Kidney Dis. 2019;13(2):100-5.",
        good="Smith AB, Jones CD. Kidney function in dialysis. Iran J Kidney Dis. 2021;15(1):22-30.\n"
        "Lee K, Park J. Anaemia in kidney disease. Iran J Kidney Dis. 2019;13(2):100-5.",
        check=check_volume,
        summarize=summarize_volume,
        scope="list",
        level="warning",
    ),
    Rule(
        code="N010",
        name="e-page-range-without-start",
        summary="An e-page range without its first page",
        description="Cell Press and Elsevier journals print an article's pages and then its "
        "e-pages: `519–530.e7` is pages 519-530 and e-pages e1-e7. E-pages start at e1, so "
        "`530.e7` alone is the end of such a range, its first page lost. `645.e1` (an article on "
        "e-pages from 645.e1) and full ranges (`1–15.e7`, `645.e1-5`) are left alone. No fix: the "
        "first page is not known.",
        bad="Wang X, Li Y. Tumour immunity. Cell Metab. 2019;19:530.e7.",
        good="Wang X, Li Y. Tumour immunity. Cell Metab. 2019;19:519–530.e7.",
        check=check_epage_end,
        level="warning",
        trigger=re.compile(r"\d\.e\d"),
    ),
]
