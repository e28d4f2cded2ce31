"""N: page ranges, article numbers and years."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import NamedTuple

from .. import vocab
from ..model import LIST_FORMATS, Reference, Span
from .base import Context, Finding, Rule, edit_fix, lazy_fix

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
    first: str
    last: str
    dash: str
    span: Span  # the whole range
    dash_span: Span
    last_span: Span


def page_ranges(ref: Reference) -> list[PageRange]:
    cached = ref.memo.get("page-ranges")
    if cached is None:
        cached = ref.memo["page-ranges"] = _page_ranges(ref)
    return cached  # type: ignore[return-value]


def _page_ranges(ref: Reference) -> list[PageRange]:
    pages = ref.get("pages")
    if pages is None:
        return []
    value = pages.value
    if "-" not in value and "–" not in value and "—" not in value:
        return []
    found = []
    for m in _RANGE.finditer(pages.value):
        o = pages.span.start
        found.append(
            PageRange(
                m.group("first"),
                m.group("last"),
                m.group("dash").strip(),
                Span(o + m.start(), o + m.end()),
                Span(o + m.start("dash"), o + m.end("dash")),
                Span(o + m.start("last"), o + m.end("last")),
            )
        )
    return found


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
    written = f"{r.first}{r.dash}{r.last}"
    # Thousands separators (`13,345–13,372`) are judged without them.
    first, last = (r.first.replace(",", ""), r.last.replace(",", "")) if "," in r.first else (r.first, r.last)
    if first.isdigit() and last.isdigit() and first.isascii() and last.isascii():
        # The common case, decided without regular expressions.
        if first == last:
            return "degenerate", f"page range `{written}` starts and ends on the same page"
        if first[0] == "0":
            return None  # `025003-1`: page 1 of article 025003 (physics journals)
        full = last if len(last) >= len(first) else first[: len(first) - len(last)] + last
        if int(full) < int(first):
            return "reversed", f"page range `{written}` ends before it starts"
        return None
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
    cached = ref.memo.get("page-problems")
    if cached is None:
        cached = ref.memo["page-problems"] = [(r, _problem(r)) for r in page_ranges(ref)]
    return cached  # type: ignore[return-value]


def check_reversed(ref: Reference, ctx: Context) -> Iterator[Finding]:
    for r, p in problems(ref):
        if p and p[0] == "reversed":
            yield Finding(r.span, p[1])


def check_degenerate(ref: Reference, ctx: Context) -> Iterator[Finding]:
    for r, p in problems(ref):
        if p and p[0] == "degenerate":
            yield Finding(r.span, p[1], edit_fix(f"write `{r.first}`", r.span, r.first))


def check_malformed(ref: Reference, ctx: Context) -> Iterator[Finding]:
    for r, p in problems(ref):
        if p and p[0] == "malformed":
            yield Finding(r.span, p[1])


def check_article_number_range(ref: Reference, ctx: Context) -> Iterator[Finding]:
    """`Sci Rep. 2017;7(1):1-11`: the page count of an article-numbered PDF, not pages."""
    ranges = page_ranges(ref)
    if len(ranges) != 1 or ranges[0].first != "1":
        return
    r = ranges[0]
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


def check_year(ref: Reference, ctx: Context) -> Iterator[Finding]:
    year = ref.get("year")
    if year is None:
        return
    value = int(year.value[:4])
    latest = ctx.cache.get("latest")
    if latest is None:
        latest = ctx.cache["latest"] = datetime.date.today().year + int(ctx.options.get("future-years", 1))
    earliest = int(ctx.options.get("earliest", 1600))
    if value > latest:
        yield Finding(year.span, f"year {value} is in the future")
    elif value < earliest:
        yield Finding(year.span, f"year {value} is implausibly early")


# dash -> (style variant, how the message names it, the other dash, how the fix names that)
_DASHES = {"-": ("hyphen", "hyphen", "–", "an en dash"), "–": ("en-dash", "en dash", "-", "a hyphen")}


def check_dash(ref: Reference, ctx: Context) -> Iterator[Finding]:
    """House style: hyphen (NLM, AMA) or en dash in page ranges."""
    for r in page_ranges(ref):
        dash = _DASHES.get(r.dash)
        if dash and ctx.wants(dash[0]):
            variant, name, other, other_name = dash
            yield Finding(
                r.dash_span,
                f"{name} in a page range ({{expected}})",
                lazy_fix(f"use {other_name}", r.dash_span, other),
                style=variant,
            )


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
        forms = range_forms(first, last)
        if forms is None:
            continue
        fits = [scheme for scheme, form in forms.items() if last in form]
        if not fits or len(fits) == len(forms):
            continue  # not a shortened range of any scheme, or one every scheme writes alike
        style = "|".join(fits)
        if not ctx.wants(style):
            continue
        chosen = ctx.fixed if ctx.fixed is not None else ctx.chosen.get("")
        other = forms.get(str(chosen), forms["full"])[0]
        name = {"elided": "elided", "full": "full", "chicago": "Chicago-elided"}[fits[0]]
        yield Finding(
            r.last_span,
            f"{name} page range `{r.first}{r.dash}{r.last}` ({{expected}})",
            lazy_fix(f"write `{other}`", r.last_span, other),
            style=style,
        )


def range_forms(first: str, last: str) -> dict[str, tuple[str, ...]] | None:
    """The last page of the range as each scheme may write it: full, elided (NLM) and Chicago
    (the 16th edition's `1496–500` and the 17th's `1496–1504` alike)."""
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
    return {"full": (full,), "elided": (nlm,), "chicago": chicago_forms}


def elide(first: str, last: str) -> str:
    """NLM elision: drop the leading digits the last page shares with the first (`713` -> `13`
    after `706`), keeping at least one."""
    i = 0
    while i < len(last) - 1 and first[i] == last[i]:
        i += 1
    return last[i:]


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
]
