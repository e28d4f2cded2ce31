"""A: the author list: initials, garbled names and the et al. policy."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..model import LIST_FORMATS, Reference, Span
from .base import Context, Finding, Rule, lazy_fix

_LETTER = re.compile(r"[^\W\d_]")
_QUOTE_MARK = re.compile(r"[’'′″\"“”‘`´]")

# Judged on the text of the author list, so the list is split into names only when needed.
# (Written to start with the capital, not a look-behind: the scan then skips most positions at
# once; the look-behinds after it check the character before the capital, as `(?<![\w.])[A-Z]`
# and `(?<=\s)[A-Z]` would. Twice as fast on real author lists, same matches.)
_DOTTED_OR_SPACED = re.compile(r"[A-Z](?:(?<![\w.][A-Z])\.|(?<=\s[A-Z]) [A-Z](?=\s*(?:[,;]|$)))")
# (Not after a comma: `Smith, J` is an inverted name whose initial lost its period to the end
# of the field, not compact initials.)
_COMPACT_INITIALS = re.compile(r"(?<!,)\s[A-Z]{1,4}(?=\s*(?:[,;]|$))")
# A piece of the list with no letter or digit: the first piece (matched at the start), or one
# after a separator (searched). Two patterns: one that starts with an alternation of `^` and a
# separator is tried at every position.
_LETTERLESS_FIRST = re.compile(r"[^,;\w]*(?:[,;]|$)")
_LETTERLESS_PIECE = re.compile(r"[,;][^,;\w]*(?:[,;]|$)")
_LETTERED_PIECE = re.compile(r"[^,;]*[^\W\d_][^,;]*")
_ET_AL_TEXT = re.compile(r"et[ \t\u00a0]+al\.?|\band others\b", re.IGNORECASE)
_ET_AL_CUT = re.compile(r"(?<![\w])(?:et[ \t\u00a0]+al\b\.?|and others\b)", re.IGNORECASE)
_SUFFIX_PIECE = re.compile(r"\s*(?:Jr|Jnr|Sr|Snr|III|II|IV|2nd|3rd|4th)\.?\s*")


# Compiled on first use: the patterns that most lists never need (each compile costs start-up).


@cache
def _stray() -> re.Pattern[str]:  # (only for authors with a quote mark)
    return re.compile(r"(?<!\S)[’'′″\"“”‘`´](?!\S)|[′″](?=\s)")


@cache
def _et_al_own_piece() -> re.Pattern[str]:  # (asked only when et al. is not where names end)
    return re.compile(r"[,;]\s*(?:et[ \t\u00a0]+al\.?|and others)\s*$", re.IGNORECASE)


@cache
def _inverted() -> re.Pattern[str]:  # (only for authors with a period)
    return re.compile(r"[,;]\s*(?:[A-Z]\.\s?)+\s*(?:[,;]|$)")


def _has_letterless_piece(ref: Reference) -> bool:
    cached = ref.memo.get("letterless")
    if cached is None:
        text = ref.fields["authors"].value
        cached = _LETTERLESS_FIRST.match(text) is not None or _LETTERLESS_PIECE.search(text) is not None
        ref.memo["letterless"] = cached
    return cached  # type: ignore[return-value]


def check_initial_periods(ref: Reference, ctx: Context) -> Iterator[Finding]:
    authors = ref.get("authors")
    if authors is None:
        return
    text = authors.value
    if _DOTTED_OR_SPACED.search(text):
        variant = "periods"
    elif _COMPACT_INITIALS.search(authors.value):
        variant = "compact"
    else:
        return  # no initials at all (a group author)
    if not ctx.wants(variant):
        return
    personal = [a for a in ref.authors if a.initials]
    if variant == "compact":
        if personal:
            span = authors.span
            yield Finding(
                Span(span.start, span.start + len(personal[0].text)),
                "initials without periods ({expected})",
                style="compact",
            )
        return
    for a in personal:
        if "." not in a.initials and " " not in a.initials.strip():
            continue
        compact = re.sub(r"[.\s]", "", a.initials)
        start = a.span.start + a.text.rfind(a.initials)
        span = Span(start, start + len(a.initials))
        yield Finding(
            span,
            f"initials `{a.initials}` written with periods or spaces ({{expected}})",
            lazy_fix(f"write `{compact}`", span, compact),
            style="periods",
        )


def check_garbled(ref: Reference, ctx: Context) -> Iterator[Finding]:
    authors = ref.get("authors")
    if authors is None:
        return
    # (_stray() starts with a look-behind, tried at every position: first ask whether there is
    # any quote mark at all, one fast scan that most author lists fail.)
    stray = _QUOTE_MARK.search(authors.value) is not None and _stray().search(authors.value) is not None
    if not stray and not _has_letterless_piece(ref):
        return  # the common case: every name has letters and no stray mark
    for a in ref.authors:
        if not _LETTER.search(a.text):
            yield Finding(a.span, f"garbled author entry `{a.text}` (no name)")
        elif stray and _stray().search(a.text):
            yield Finding(a.span, f"garbled author name `{a.text}`")


def author_count(ref: Reference) -> tuple[int, bool]:
    """(names with letters, whether the list ends with et al.), from the text when it can;
    once per reference (A003 asks again when it judges a reference against the house style)."""
    cached = ref.memo.get("author-count")
    if cached is None:
        cached = ref.memo["author-count"] = _author_count(ref)
    return cached  # type: ignore[return-value]


def _author_count(ref: Reference) -> tuple[int, bool]:
    # A suffix split off by a comma (`Brewer HB, Jr`) is no author, and neither is a group
    # named after et al. (`Walsh M, ..., et al; PEXIVAS Investigators`): et al. stands for the
    # authors not listed before it.
    text = ref.fields["authors"].value
    # (An inverted name's initials have periods: most lists' text has none, so no search.)
    if ("." in text and _inverted().search(text)) or _has_letterless_piece(ref):
        et_al = ref.et_al
        end = et_al.span.start if et_al is not None else ref.fields["authors"].span.end
        n = sum(1 for a in ref.authors if _LETTER.search(a.text) and not _SUFFIX_PIECE.fullmatch(a.text)
                and a.span.start < end)
        return n, et_al is not None
    has_et_al = ("al" in text or "others" in text) and _ET_AL_TEXT.search(text) is not None
    cut = _ET_AL_CUT.search(text) if has_et_al else None
    head = text[: cut.start()] if cut is not None else text
    pieces = _LETTERED_PIECE.findall(head)
    n = len(pieces) - sum(map(bool, map(_SUFFIX_PIECE.fullmatch, pieces)))  # (map: no Python call a piece)
    if has_et_al and cut is None and _et_al_own_piece().search(text):
        n -= 1
    return n, has_et_al


def check_et_al(ref: Reference, ctx: Context) -> Iterator[Finding]:
    if "authors" not in ref.fields:
        return
    n, has_et_al = author_count(ref)
    if has_et_al and n:
        if ctx.wants(str(n)) and ref.et_al is not None:
            yield Finding(
                ref.et_al.span, f"et al. after {n} author{'s' if n > 1 else ''} ({{expected}})", style=str(n)
            )
        return
    limit = ctx.options.get("list-all-up-to")
    if not has_et_al and isinstance(limit, int) and n > limit and not any(a.group for a in ref.authors):
        span = ref.fields["authors"].span
        yield Finding(span, f"{n} authors listed; the style lists at most {limit} before et al.")


RULES = [
    Rule(
        code="A001",
        formats=LIST_FORMATS,
        name="initials-with-periods",
        summary="Initials written with periods or spaces",
        description="Vancouver and NLM write initials run together without periods (`Park HH`). "
        "A name such as `Park H. H` is an export slip in such a list. Lists that consistently "
        "write `Burkert A.` (some physics and chemistry journals) are left alone: the rule "
        "follows the `style` option, a preset, or else the list's majority. The fix writes "
        "the initials together.",
        bad="Park H. H, Lee S, Yu Y. TGF-β ameliorates atopic dermatitis. Stem Cells. 2020;38:904-16.\n"
        "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.\n"
        "Han S. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.",
        good="Park HH, Lee S, Yu Y. TGF-β ameliorates atopic dermatitis. Stem Cells. 2020;38:904-16.\n"
        "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.\n"
        "Han S. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.",
        off_when={"initials": ("either",)},
        check=check_initial_periods,
        level="warning",
        fix="safe",
        options={"style": "auto"},
        style_values=("compact", "periods"),
        convention="initials",
        option_docs={"style": "auto (the list's majority), compact (`Park HH`) or periods (`Park H.H.`)"},
    ),
    Rule(
        code="A002",
        name="garbled-author",
        summary="Garbled author name",
        description="An author entry with no name (`’`), or with a stray quote mark, prime or "
        "digit inside it (`Hél ′ M-H`): what is left of accented names after a broken export.",
        bad="Eline C, ’, Trouche E, Hél ′ M-H. Melatonin pretreatment. Stem Cells. 2008;26:1749-57.",
        good="Eline C, Trouche E, Hélène MH. Melatonin pretreatment. Stem Cells. 2008;26:1749-57.",
        check=check_garbled,
        level="error",
    ),
    Rule(
        code="A003",
        formats=LIST_FORMATS,
        name="et-al-policy",
        summary="Number of authors before et al.",
        description="Styles fix how many authors precede et al.: Vancouver lists 6, AMA and "
        "many journals 3. Without a preset the list's majority decides, so `et al.` after 2 "
        "authors in a list that writes 3 is flagged. With `list-all-up-to` set (the presets "
        "set 6), a reference that lists more authors without et al. is flagged too. A suffix "
        "(`Brewer HB, Jr`) and a group named after et al. (`et al; PEXIVAS Investigators`) are "
        "not authors before et al.",
        bad="Kim J, Lee JH, et al. Stem cell recruitment factors. In Vitro Cell Dev Biol Anim. 2014;50:146-54.\n"
        "Wu L, Leijten J, Van Blitterswijk CA, et al. Fibroblast growth factor-1. Stem Cells Dev. 2013;22:2356-67.\n"
        "Choi H, Lee RH, Bazhanov N, et al. Anti-inflammatory protein TSG-6. Blood. 2011;118:330-8.",
        good="Kim J, Lee JH, Yeo SM, et al. Stem cell recruitment factors. In Vitro Cell Dev Biol Anim. 2014;50:146-54.\n"
        "Wu L, Leijten J, Van Blitterswijk CA, et al. Fibroblast growth factor-1. Stem Cells Dev. 2013;22:2356-67.\n"
        "Choi H, Lee RH, Bazhanov N, et al. Anti-inflammatory protein TSG-6. Blood. 2011;118:330-8.",
        check=check_et_al,
        level="warning",
        numeric_style=True,
        convention="et-al",
        style_options={"list-all-up-to": "et-al-more-than"},
        options={"style": "auto", "list-all-up-to": None},
        option_docs={
            "style": "auto (the list's majority) or the number of authors before et al.",
            "list-all-up-to": "flag references listing more authors than this without et al. (null: off)",
        },
    ),
]
