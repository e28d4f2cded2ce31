"""R: a reference's structure against its list's style. A list has one style (the family most
of its references fit, styles/detect.py); a reference that only another family can read is
written in another style (R002), and one that has a citation block yet fits no family cannot be
read at all (R001). Each is reported once, instead of a cascade of missing elements, and gets no
fixes (its fields are not certain)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Reference
from ..styles import catalogue, grammar
from .base import Context, Finding, Rule


def _style_name(family: str, style: str = "") -> str:
    """The list's style by its title (`APA 7 ...`), or a family's main style."""
    found = catalogue.styles().get(style) or catalogue.family_style(family)
    return found.title if found else family


def check_unreadable(ref: Reference, ctx: Context) -> Iterator[Finding]:
    if not ref.memo.get("unplaced"):
        return
    where = ""
    toks = ref.memo.get("tokens")
    if isinstance(toks, list) and ctx.family in grammar.FAMILIES:
        at = grammar.failure(ctx.family, tuple(t.type for t in toks))
        if at is not None and at < len(toks):
            text = ref.raw[toks[at].start : toks[at].end]
            where = f"; it goes wrong at `{text[:40]}{'…' if len(text) > 40 else ''}`"
        elif at is not None:
            where = "; it ends before the style's last element"
    yield Finding(ref.span, f"cannot be read as a {_style_name(ctx.family, ctx.style)} reference{where}")


def check_other_style(ref: Reference, ctx: Context) -> Iterator[Finding]:
    if ref.style in ("other", ctx.family) or not ctx.settled:
        return
    yield Finding(
        ref.span,
        f"written in the {_style_name(ref.style)} style; the list is {_style_name(ctx.family, ctx.style)}",
    )


RULES = [
    Rule(
        code="R001",
        name="unreadable-reference",
        summary="A reference that no citation style can read",
        description="The reference has a citation block (year, volume, pages) but its elements are "
        "not in an order any style family writes them: an element lost, doubled or run together "
        "with the next (`Nature, 505, 37-42` inside the title). It is reported once, with where "
        "the reading goes wrong, rather than as a cascade of missing elements, and gets no fixes: "
        "none of its fields is certain.",
        bad="Smith AB, Jones CD. 2019;4:1-15. A title after its citation block. J Immunol.",
        good="Smith AB, Jones CD. A title before its citation block. J Immunol. 2019;4:1-15.",
        check=check_unreadable,
        level="warning",
    ),
    Rule(
        code="R002",
        name="reference-in-another-style",
        summary="A reference written in another style than its list",
        description="Most of the list is written in one citation style and this reference in "
        "another (an author-date reference in a Vancouver list, usually pasted from elsewhere). "
        "Rewrite it in the list's style. Judged only when the list's style is clear (at least "
        "60% of the references that fit a style fit it); its house style (punctuation, initials, "
        "page ranges) is not judged against the list's.",
        bad="Smith AB, Jones CD. A first title. J Immunol. 2019;4:1-15.\n"
        "Lee K, Park J. A second title. Blood. 2011;118:330-8.\n"
        "Kim, H., & Oh, S. (2015). A third title. Cell Reports, 12(3), 45-56.",
        good="Smith AB, Jones CD. A first title. J Immunol. 2019;4:1-15.\n"
        "Lee K, Park J. A second title. Blood. 2011;118:330-8.\n"
        "Kim H, Oh S. A third title. Cell Rep. 2015;12(3):45-56.",
        check=check_other_style,
        level="warning",
    ),
]
