"""Tokens and their roles -> a Reference with fields that keep their exact spans.

The lexer (lexer.py) cuts a reference into typed tokens; a family's grammar (grammar.py) says
what each token is. Here the tokens of each role become fields: the author list, the title
(a quoted title without its quotes), the container (the journal, or a book), and the pieces the
citation-block tokens carry (year, volume, issue, pages). What follows the citation block is
kept as trailers (DOI, URL ...) and extras (debris for E001/E002). Only normalisation happens
here: trimming the punctuation that separates elements.
"""

from __future__ import annotations

import re
from functools import cache

from ..model import Entry, Field, Reference, Span
from . import grammar, lexer
from .kinds import classify
from .lexer import Tok

# Punctuation that separates an element from the next, not part of it.
_TRAILING = ".,;:"
# A year anywhere in an element, for a reference with none in its own (compiled at first use).
_YEAR_IN = r"(?<![\d/])(1[5-9]\d\d|20\d\d)[a-z]?(?![\d/])"
_pattern = cache(re.compile)
# Tokens that are a citation block (or part of one).
CITATION_BLOCKS = frozenset(
    ("VCITE", "YVP", "YV", "VCOMMA", "VCOLON", "VOLONLY", "VOLLABEL", "NOLABEL", "PPLABEL", "DATEEND")
)
# Quoted titles: the group that holds the text between the quotes.
_QUOTED_TEXT = ("text", "text2", "text3", "text4")
# A token's group -> the field it gives, where they differ.
_FIELD_OF_GROUP = {"pages2": "pages"}


def tokens(text: str) -> list[Tok]:
    return lexer.scan(text)


def read(entry: Entry, index: int, family: str, toks: list[Tok] | None = None) -> Reference:
    """The reference of an entry, read in `family`; when that family cannot place it, in the
    first family that can (the reference's style then says which), else as `other`."""
    ref = Reference(index, entry.label, entry.text, entry.span, label_span=entry.label_span)
    toks = tokens(entry.text) if toks is None else toks
    types = tuple(t.type for t in toks)
    chosen, found = family, grammar.roles(family, types) if family != "other" else None
    if found is None:
        for other in grammar.FAMILIES:
            if other != family:
                found = grammar.roles(other, types)
                if found is not None:
                    chosen = other
                    break
    if found is None:
        chosen, found = "other", grammar.roles("other", types)
        if found is None:  # only an empty entry: nothing to read
            ref.kind = ref.style = "other"
            return ref
    ref.style = chosen
    _fill(ref, toks, found)
    return ref


def _fill(ref: Reference, toks: list[Tok], roles: tuple[str, ...]) -> None:
    base, raw = ref.span.start, ref.raw
    by_role: dict[str, list[Tok]] = {}
    for tok, role in zip(toks, roles, strict=True):
        by_role.setdefault(role, []).append(tok)
    fields = ref.fields
    authors = by_role.get("authors")
    if authors:
        tok = authors[0]
        # (The period after a last dotted initial is the initial's; after `Smith AB` it ends the list.)
        dotted = tok.type in ("NAMES_INVERTED", "NAMES_GIVEN_FIRST", "NAMES_MIXED")
        end = _trim(raw, tok.start, tok.end, keep_initial=dotted)
        fields["authors"] = Field("authors", raw[tok.start : end], Span(base + tok.start, base + end))
        ref.memo["name-form"] = tok.type
    title = by_role.get("title")
    if title:
        _text_field(ref, "title", title)
    # The year element first: in `Name. 2004. Title. Lancet Neurol 2004: 343–53` (author-date)
    # the number before the colon is the volume, though a Vancouver block reads it as a year.
    for tok in by_role.get("year", ()):
        _pieces(ref, tok)
    for role in ("cite", "volume", "number", "pages"):
        for tok in by_role.get(role, ()):
            _pieces(ref, tok, year_is_volume="year" in by_role)
    for tok in by_role.get("cite", ())[:1]:
        end = _trim(raw, tok.start, tok.end)
        start = _skip_leading(raw, tok.start, end)
        fields["cite"] = Field("cite", raw[start:end], Span(base + start, base + end))
    for tok in by_role.get("trailer", ()):
        end = _trim(raw, tok.start, tok.end, keep_dot_in_link=True)
        ref.trailers.append(Field("trailer", raw[tok.start : end], Span(base + tok.start, base + end)))
    for tok in by_role.get("extra", ()):
        span = Span(base + tok.start, base + tok.end)
        ref.extras.append(Field(tok.type.lower(), raw[tok.start : tok.end], span))
    if ref.style == "other":
        _read_other(ref, toks, roles)
        ref.kind = classify(raw)
        # (A lone number, `2014. 3.`, is not much of a citation block: the missing journal and
        # pages are reported as such.)
        if ref.kind == "journal" and any(t.type in CITATION_BLOCKS and t.type != "VOLONLY" for t in toks):
            # It has a citation block, yet no family places it: a structure refslint cannot read
            # (R001 says so once), not a list of missing elements.
            ref.memo["unplaced"] = True
            ref.memo["tokens"] = toks  # R001 says where the reading goes wrong
        return
    container = by_role.get("container")
    kind = classify(raw, journal_like=True)
    ref.kind = kind
    journal = "journal" if kind in ("journal", "preprint") else "container"
    if container:
        _text_field(ref, journal, container)
    body = by_role.get("body")
    if body:
        _split_body(ref, body, journal)


def _split_body(ref: Reference, toks: list[Tok], journal: str) -> None:
    """A titleless style's text before the citation block: the journal, or (when the style's
    render adds the title) the title, a comma, and the journal."""
    base, raw = ref.span.start, ref.raw
    start, end = toks[0].start, _trim(raw, toks[0].start, toks[-1].end)
    cut = raw.rfind(", ", start, end)
    if cut > start:
        title_end = _trim(raw, start, cut)
        ref.fields["title"] = Field("title", raw[start:title_end], Span(base + start, base + title_end))
        start = cut + 2
    if end > start:
        ref.fields[journal] = Field(journal, raw[start:end], Span(base + start, base + end))


def _pieces(ref: Reference, tok: Tok, year_is_volume: bool = False) -> None:
    """The year, volume, issue and pages a token carries (the first of each wins)."""
    base, raw, fields = ref.span.start, ref.raw, ref.fields
    for name, start, end in tok.groups:
        if name in _QUOTED_TEXT:
            continue
        field = _FIELD_OF_GROUP.get(name, name)
        if field == "year" and year_is_volume and (tok.type == "DATEMID" or _has_group(tok, "pages2")):
            field = "volume"  # `Lancet Neurol 2004: 343–53`, `Lancet Neurol, 2004, pp. 343–353`
        if field in fields or start == end:
            continue
        if field == "date" and not raw[start:end].strip():
            continue
        fields[field] = Field(field, raw[start:end], Span(base + start, base + end))


def _has_group(tok: Tok, name: str) -> bool:
    return any(group == name for group, _start, _end in tok.groups)


def _text_field(ref: Reference, name: str, toks: list[Tok]) -> None:
    base, raw = ref.span.start, ref.raw
    first, last = toks[0], toks[-1]
    start, end = first.start, last.end
    if first.type == "QUOTED" and len(toks) == 1:
        inner = next(((s, e) for g, s, e in first.groups if g in _QUOTED_TEXT), None)
        if inner is not None:
            start, end = inner
    end = _trim(raw, start, end, keep_initial=name != "title")
    if name != "title":
        end = _trim(raw, start, end)
    if end > start:
        ref.fields[name] = Field(name, raw[start:end], Span(base + start, base + end))


def _trim(raw: str, start: int, end: int, keep_initial: bool = False, keep_dot_in_link: bool = False) -> int:
    """The end of an element without the punctuation (and spaces) that separate it from the next:
    `Title.` -> `Title`; but `Smith, J. A.` keeps the period of its last initial."""
    while end > start and raw[end - 1].isspace():
        end -= 1
    while end > start and raw[end - 1] in _TRAILING:
        if raw[end - 1] == "." and keep_initial and _ends_with_initial(raw, start, end):
            break
        if keep_dot_in_link:
            break
        end -= 1
        while end > start and raw[end - 1].isspace():
            end -= 1
    return end


def _ends_with_initial(raw: str, start: int, end: int) -> bool:
    r"""`raw[start:end]` ends with a capital initial and its period (`Smith, J. A.`, `J.-P.`):
    `(?:^|[\s.\-])[A-Z]\.$`, looked at from the end instead of searched for."""
    if end - start < 2 or raw[end - 1] != "." or not "A" <= raw[end - 2] <= "Z":
        return False
    return end - start == 2 or raw[end - 3].isspace() or raw[end - 3] in ".-"


def _skip_leading(raw: str, start: int, end: int) -> int:
    """A citation block's leading separator (`, 13, 342–349` in APA) is not part of it."""
    while start < end and (raw[start] in ",;" or raw[start].isspace()):
        start += 1
    return start


def _read_other(ref: Reference, toks: list[Tok], roles: tuple[str, ...]) -> None:
    """A book, chapter, report or web page: the first text after the authors is the title, the
    rest the container (publisher, series, site); the year is the last plausible year."""
    base, raw = ref.span.start, ref.raw
    elements = [t for t, r in zip(toks, roles, strict=True) if r == "element"]
    body = [t for t in elements if t.type in ("SEG", "ABBR", "QUOTED")]
    if body and "title" not in ref.fields:
        _text_field(ref, "title", body[:1])
    if len(body) > 1:
        _text_field(ref, "container", body[1:])
    for tok in elements:  # years in their own elements first (a page is no year)
        if tok.type in ("YEARPAREN", "YEARSEG", "COMMAYEAR", "DATEEND", "DATEMID", "VCITE", "YVP", "YV"):
            for name, start, end in tok.groups:
                if name == "year" and "year" not in ref.fields:
                    ref.fields["year"] = Field("year", raw[start:end], Span(base + start, base + end))
    if "year" not in ref.fields:
        for tok in reversed([t for t in elements if t.type != "TRAILER"]):
            years = list(_pattern(_YEAR_IN).finditer(raw, tok.start, tok.end))
            if years:
                y = years[-1]
                ref.fields["year"] = Field("year", y.group(0), Span(base + y.start(), base + y.end()))
                break
    for tok in elements:  # what citation blocks there are give their pieces (no family placed them)
        if tok.type in CITATION_BLOCKS or tok.type in ("YEARPAREN", "YEARSEG"):
            _pieces(ref, tok)
    for tok, role in zip(toks, roles, strict=True):
        if role == "element" and tok.type == "TRAILER":
            end = _trim(raw, tok.start, tok.end, keep_dot_in_link=True)
            ref.trailers.append(Field("trailer", raw[tok.start : end], Span(base + tok.start, base + end)))
