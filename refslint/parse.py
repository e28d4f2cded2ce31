"""Entry -> Reference: the facade the rest of refslint calls.

A reference is read in its list's style family (styles/: the lexer cuts it into typed tokens,
the family grammar says which token is which field, styles/reader.py makes the fields with their
spans). This module keeps what other modules ask of a parse: splitting an author list into
names, and the Vancouver citation-block pattern the debris rules re-read repeats with.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .model import Author, Entry, Field, Reference, Span, set_author_splitter
from .styles import lexer, names, reader


@cache
def cite_pattern() -> re.Pattern[str]:
    """The Vancouver citation block with its pieces as plain groups (year, date, volume, issue,
    pages, pages2): the debris rules read a repeated block with it. Compiled at first use (a
    list in another style never needs it); it is the lexer's VCITE, so Python's cache of
    compiled patterns compiles it once for both."""
    return re.compile(next(s.pattern for s in lexer.SPECS if s.name == "VCITE"))


_INITIALS_ONLY = re.compile(r"(?:[A-Z]\.?[ \t]?-?){1,4}$")
_NAME = re.compile(
    r"(?P<family>[^\W\d_][^\d,;()]*?)[ \t\u00a0]+"
    r"(?P<initials>[A-Z](?:[A-Z]|-[A-Z]|\.[ \t]?-?[A-Z]|[ \t][A-Z](?![A-Za-z]))*\.?)"
    r"(?:[ \t]+(?:Jr|Sr|2nd|3rd|4th|II|III|IV)\.?)?$"
)
_AUTHOR_SEPARATORS = re.compile(r"[,;]")
_NOT_IN_FAMILY = re.compile(r"[\d,;()]")
_AUTHOR_PIECE = re.compile(r"\s*([^,;]*[^,;\s])")
_ET_AL = re.compile(r"et[ \t\u00a0]+al\.?$|and others$", re.IGNORECASE)


def parse(entry: Entry, index: int, family: str = "vancouver", toks: list | None = None) -> Reference:
    """The reference of an entry, read in the list's style family. What cannot be read is
    kept as raw text for the rules (the reference's `errors` say why). `toks`: its tokens,
    when the lexer has already cut it."""
    try:
        return reader.read(entry, index, family, toks)
    except lexer.Unlexable as exc:  # no token can start somewhere: keep the raw text for the rules
        ref = Reference(index, entry.label, entry.text, entry.span, label_span=entry.label_span)
        ref.kind, ref.style = "other", "other"
        ref.errors.append(f"unparsed: {exc}")
        return ref
    except Exception as exc:  # a reading bug must cost one reference its fields, not the run
        ref = Reference(index, entry.label, entry.text, entry.span, label_span=entry.label_span)
        ref.kind, ref.style = "other", "other"
        ref.errors.append(f"reading failed: {type(exc).__name__}: {exc}")
        return ref


@lru_cache(maxsize=4096)  # each name is looked at twice: is this an author list, then parse it
def split_name(text: str) -> tuple[str, str] | None:
    """(family, initials) of a Vancouver name (`Van Blitterswijk CA`, `Park H. H`), or None."""
    family, _, last = text.rpartition(" ")
    # Fast path for the common `Surname AB`: no regular expression needed.
    if family and 0 < len(last) <= 4 and last.isalpha() and last.isupper() and family[:1].isalpha():
        if family[-1] != "." and not _NOT_IN_FAMILY.search(family):
            return family, last
    m = _NAME.match(text)
    return (m.group("family"), m.group("initials")) if m else None


def looks_like_authors(text: str) -> bool:
    # The first few names decide; a long list need not be read to the end.
    named = total = 0
    for part in _AUTHOR_SEPARATORS.split(text.rstrip(". "), 4)[:4]:
        part = part.strip()
        if not part:
            continue
        total += 1
        if split_name(part) or _INITIALS_ONLY.match(part) or ("al" in part and _ET_AL.search(part)):
            named += 1
    return total > 0 and named >= (total + 1) // 2



def split_author_list(ref: Reference) -> None:
    """Names (family, initials, span) and et al. of the `authors` field, on first use."""
    if names.split(ref):  # a list in one of the four name forms
        return
    field = ref.fields["authors"]
    text, start = field.value, field.span.start
    append = ref.split_authors.append  # type: ignore[union-attr]
    for m in _AUTHOR_PIECE.finditer(text):
        body = m.group(1)
        piece_start = start + m.start(1)
        span = Span(piece_start, start + m.end(1))
        et_al = _ET_AL.search(body) if ("al" in body or "others" in body) else None
        if et_al:
            ref.split_et_al = Field("et_al", et_al.group(0), Span(piece_start + et_al.start(), span.end))
            body = body[: et_al.start()].rstrip()  # "Thoreson WB et al." (no comma)
            if not body:
                continue
            span = Span(piece_start, piece_start + len(body))
        name = split_name(body)
        if name:
            append(Author(body, span, name[0], name[1]))
        else:
            append(Author(body, span, group=" " in body and body[:1].isupper()))
    _merge_inverted_names(ref)


set_author_splitter(split_author_list)


def _merge_inverted_names(ref: Reference) -> None:
    """`Bergk, V., Haefeli, W. E.`: pairs of family name and initials split by commas."""
    names = ref.split_authors or []
    if len(names) < 2 or not any(_INITIALS_ONLY.match(a.text) for a in names):
        return
    merged: list[Author] = []
    i = 0
    while i < len(names):
        a = names[i]
        nxt = names[i + 1] if i + 1 < len(names) else None
        if nxt and not a.initials and _INITIALS_ONLY.match(nxt.text) and not a.group:
            text = ref.text_of(Span(a.span.start, nxt.span.end))
            merged.append(Author(text, Span(a.span.start, nxt.span.end), a.text, nxt.text))
            i += 2
        elif nxt is None and _INITIALS_ONLY.match(a.text) and merged:
            merged.append(a)
            i += 1
        else:
            merged.append(a)
            i += 1
    ref.split_authors = merged


