"""Parsed references as data: CSL-JSON items (what pandoc, Zotero and citeproc read) with the
span of every field in the file. `refslint parse` prints them; it is how a user sees what
refslint read, and how a plain-text list becomes data."""

from __future__ import annotations

import re
from typing import Any

from .model import Reference, Span

# refslint's kinds of reference -> CSL item types
CSL_TYPES = {
    "journal": "article-journal",
    "preprint": "article",
    "book": "book",
    "chapter": "chapter",
    "web": "webpage",
    "thesis": "thesis",
    "conference": "paper-conference",
    "report": "report",
    "other": "document",
}
_DOI = re.compile(r"10\.\d{4,9}/[^\s\"<>]+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)")
_TRAILING = ".,;:)]}"


def csl_item(ref: Reference) -> dict[str, Any]:
    """The reference as a CSL-JSON item (only the fields refslint read)."""
    item: dict[str, Any] = {"id": ref.label.strip("[](). \t") or str(ref.index + 1)}
    item["type"] = CSL_TYPES.get(ref.kind, "document")
    authors = _authors(ref)
    if authors:
        item["author"] = authors
    for name, key in (("title", "title"), ("journal", "container-title"), ("container", "container-title")):
        f = ref.get(name)
        if f and key not in item:
            item[key] = _clean(f.value)
    year = ref.get("year")
    if year:
        m = _YEAR.match(year.value)
        if m:
            item["issued"] = {"date-parts": [[int(m.group(1))]]}
    for name, key in (("volume", "volume"), ("issue", "issue"), ("pages", "page")):
        f = ref.get(name)
        if f:
            item[key] = f.value.strip()
    for trailer in ref.trailers:
        doi = _DOI.search(trailer.value)
        if doi and "DOI" not in item:
            item["DOI"] = doi.group(0).rstrip(_TRAILING)
        elif not doi:
            url = _URL.search(trailer.value)
            if url and "URL" not in item:
                item["URL"] = url.group(0).rstrip(_TRAILING)
    return item


def _clean(value: str) -> str:
    return value.strip().strip("“”\"'‘’").rstrip(",.;:").strip()


def _authors(ref: Reference) -> list[dict[str, str]]:
    out = []
    for a in ref.authors:
        if a.family and not a.group:
            out.append({"family": a.family.strip(" ,"), "given": a.initials.strip(" ,")})
        elif a.text.strip():
            out.append({"literal": a.text.strip(" ,.")})
    return out


def field_spans(ref: Reference) -> dict[str, Span]:
    """The span of each field refslint read, by CSL name (in the parser's coordinates)."""
    spans: dict[str, Span] = {}
    names = {
        "authors": "author", "title": "title", "journal": "container-title", "container": "container-title",
        "year": "issued", "volume": "volume", "issue": "issue", "pages": "page",
    }  # fmt: skip
    for name, key in names.items():
        f = ref.get(name)
        if f and key not in spans:
            spans[key] = f.span
    for trailer in ref.trailers:
        key = "DOI" if _DOI.search(trailer.value) else "URL" if _URL.search(trailer.value) else None
        if key and key not in spans:
            spans[key] = trailer.span
    return spans
