"""B: BibTeX databases. These rules judge the entries as written (types, keys, fields); the
reference rules judge each entry as the reference it renders to (see sources/bibtex.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..model import Related, Span
from .base import Context, Finding, Rule, edit_fix

# BibTeX's required fields per entry type (btxdoc), with biblatex's names as alternatives.
# `a|b` means either.
REQUIRED: dict[str, list[str]] = {
    "article": ["author", "title", "journal|journaltitle", "year|date"],
    "book": ["author|editor", "title", "publisher", "year|date"],
    "booklet": ["title"],
    "inbook": ["author|editor", "title", "chapter|pages", "publisher", "year|date"],
    "incollection": ["author", "title", "booktitle", "publisher", "year|date"],
    "inproceedings": ["author", "title", "booktitle", "year|date"],
    "conference": ["author", "title", "booktitle", "year|date"],
    "manual": ["title"],
    "mastersthesis": ["author", "title", "school|institution", "year|date"],
    "phdthesis": ["author", "title", "school|institution", "year|date"],
    "thesis": ["author", "title", "school|institution", "year|date"],
    "proceedings": ["title", "year|date"],
    "techreport": ["author", "title", "institution", "year|date"],
    "report": ["author", "title", "institution", "year|date"],
    "unpublished": ["author", "title", "note"],
    "online": ["author|editor", "title", "url|doi", "year|date|urldate"],
}


def check_required(doc, _refs, ctx: Context) -> Iterator[Finding]:
    table = ctx.cache.get("required")
    if table is None:  # entry types are matched without case, as BibTeX does
        table = ctx.cache["required"] = {k.lower(): v for k, v in ctx.options["required"].items()}
    for i, entry in enumerate(doc.bib):
        for need in table.get(entry.type, []):
            names = need.split("|")
            if entry.value(*names) is None:
                shown = " or ".join(f"`{n}`" for n in names)
                yield Finding(entry.key_span, f"@{entry.type} `{entry.key}` has no {shown}", reference=i)


def check_duplicate_key(doc, _refs, _ctx: Context) -> Iterator[Finding]:
    """Keys are compared without case, as BibTeX does."""
    first: dict[str, tuple[int, Span]] = {}
    spans = _key_spans(doc)
    for i, (key, span) in enumerate(spans):
        if not key:
            continue
        earlier = first.get(key.lower())
        if earlier is None:
            first[key.lower()] = (i, span)
            continue
        related = (Related(doc.path, earlier[1], "first defined here"),)
        yield Finding(
            span, f"the key `{key}` is already used by entry {earlier[0] + 1}", related=related, reference=i
        )


def _key_spans(doc) -> list[tuple[str, Span]]:
    if doc.format == "bibtex":
        return [(e.key, e.key_span) for e in doc.bib]
    return [
        (label, span) for label, span in zip([e.label for e in doc.entries], doc.label_spans, strict=True)
    ]


# Patterns only some inputs need are compiled at their first use, not at import.
_pattern = cache(re.compile)

_CITATION_BLOCK = (
    r"[.,;]?\s*\b(?:1[89]|20)\d\d\s*;\s*[A-Za-z]?\d|\b\d+\s*\(\s*\d+\s*\)\s*:\s*\d|\bVol\b|\bPage\b"
)
_PAGES = (
    r"[A-Za-z]{0,3}\d+[A-Za-z]?(?:\s*(?:-{1,3}|–|—)\s*[A-Za-z]{0,3}\d+[A-Za-z]?)?"
    r"(?:\s*,\s*[A-Za-z]{0,3}\d+[A-Za-z]?(?:\s*(?:-{1,3}|–|—)\s*[A-Za-z]{0,3}\d+[A-Za-z]?)?)*\+?"
)
_NUMBER = r"[A-Za-z]{0,6}\.?\s?\d+[A-Za-z]?(?:\s*(?:-{1,2}|–|/)\s*\d+[A-Za-z]?)?|[A-Za-z ]{1,20}"
_YEAR = r"(?i)\d{4}[a-z]?|(?:in press|forthcoming|submitted)"
_PP = r"\s*pp?\.?\s*(?=\d)"


def check_field_debris(doc, _refs, _ctx: Context) -> Iterator[Finding]:
    for i, entry in enumerate(doc.bib):
        for name in ("journal", "journaltitle", "booktitle"):
            f = entry.fields.get(name)
            if f is None:
                continue
            raw = doc.text[f.content_span.start : f.content_span.end]
            m = _pattern(_CITATION_BLOCK).search(raw)
            if m:
                keep = raw[: m.start()].rstrip(" .,;")
                span = Span(f.content_span.start + len(keep), f.content_span.end)
                fix = edit_fix(f"cut `{raw[len(keep) :].strip()}`", span, "", "unsafe") if keep else None
                yield Finding(
                    span, f"`{name}` holds citation data: `{raw[len(keep) :].strip()}`", fix, reference=i
                )
        for name, shape in (
            ("pages", _pattern(_PAGES)),
            ("volume", _pattern(_NUMBER)),
            ("number", _pattern(_NUMBER)),
            ("year", _pattern(_YEAR)),
        ):
            f = entry.fields.get(name)
            if f is None:
                continue
            raw = doc.text[f.content_span.start : f.content_span.end]
            value = f.text.text.strip()
            if not value or shape.fullmatch(value):
                continue
            if (
                name == "pages"
                and _pattern(_PP).match(raw)
                and _pattern(_PAGES).fullmatch(_pattern(_PP).sub("", value, count=1))
            ):
                cut = _pattern(_PP).match(raw)
                span = Span(f.content_span.start + cut.start(), f.content_span.start + cut.end())  # type: ignore[union-attr]
                yield Finding(
                    span,
                    "`pages` starts with `pp.`: the style prints that",
                    edit_fix("drop `pp.`", span, ""),
                    reference=i,
                )
                continue
            lead = shape.match(value)
            message = f"`{name}` holds more than a {'page range' if name == 'pages' else name}: `{value}`"
            fix = None
            if lead and lead.end() and raw.startswith(value[: lead.end()]):
                keep = len(value[: lead.end()].rstrip())
                span = Span(f.content_span.start + keep, f.content_span.end)
                fix = edit_fix(f"keep `{value[:keep]}`", span, "", "unsafe")
            yield Finding(f.content_span, message, fix, reference=i)


def check_repeated_field(doc, _refs, _ctx: Context) -> Iterator[Finding]:
    for i, entry in enumerate(doc.bib):
        for f in entry.repeated:
            first = entry.fields[f.name]
            yield Finding(
                f.name_span,
                f"`{f.name}` is given twice in `{entry.key}`; BibTeX keeps the first",
                related=(Related(doc.path, first.name_span, "first given here"),),
                reference=i,
            )


def check_syntax(doc, _refs, _ctx: Context) -> Iterator[Finding]:
    for span, message in doc.problems:
        yield Finding(span, message)


RULES = [
    Rule(
        code="B001",
        name="missing-required-field",
        summary="An entry lacks a field its type requires",
        description="Each BibTeX entry type has fields without which the bibliography style prints an "
        "incomplete reference (an @article needs author, title, journal and year). biblatex names "
        "count as alternatives (`journaltitle`, `date`). The `required` option maps entry types to "
        "the fields they need (`a|b`: either); a type you list replaces refslint's list for it.",
        bad="@article{smith2019, author = {Smith, J.}, title = {Psoriatic arthritis}, year = 2019}",
        good="@article{smith2019, author = {Smith, J.}, title = {Psoriatic arthritis},\n"
        "  journal = {J Dermatol}, year = 2019}",
        check=check_required,
        scope="document",
        level="error",
        formats=("bibtex",),
        options={"required": REQUIRED},
        option_docs={"required": "entry type -> fields it must have (`a|b`: either)"},
    ),
    Rule(
        code="B002",
        name="duplicate-key",
        summary="Two entries share a key",
        description="Two BibTeX entries (or two `\\bibitem`s) with the same key: BibTeX uses one of "
        "them and every citation of the key gets it, whichever was meant. Keys are compared "
        "without case, as BibTeX does.",
        bad="@article{smith2019, title = {A}}\n@article{Smith2019, title = {B}}",
        good="@article{smith2019a, title = {A}}\n@article{smith2019b, title = {B}}",
        check=check_duplicate_key,
        scope="document",
        level="error",
        formats=("bibtex", "latex"),
    ),
    Rule(
        code="B003",
        name="field-debris",
        summary="Citation data or debris inside a field",
        description="Export debris inside a field: a citation block in `journal` "
        "(`IJMS. 2020;21(19):7038`), text in `pages` (`7038. Vol Page 2020;21:7038`), an issue "
        "inside `volume` (`21(19)`), or a `year` that is not a year. The unsafe fix keeps the "
        "part of the field that is valid; a `pp.` before the pages is removed safely.",
        bad="@article{k, author = {Kim, H.}, title = {T}, journal = {IJMS. 2020;21(19):7038},\n"
        "  year = 2020, volume = 21, pages = {7038}}",
        good="@article{k, author = {Kim, H.}, title = {T}, journal = {IJMS},\n"
        "  year = 2020, volume = 21, pages = {7038}}",
        check=check_field_debris,
        scope="document",
        level="error",
        fix="unsafe",
        formats=("bibtex",),
    ),
    Rule(
        code="B004",
        name="repeated-field",
        summary="A field given twice in one entry",
        description="BibTeX silently keeps the first value of a repeated field and biber stops "
        "with an error; the second value is usually a correction that never takes effect.",
        bad="@article{k, title = {Old title}, year = 2019, title = {New title}}",
        good="@article{k, title = {New title}, year = 2019}",
        check=check_repeated_field,
        scope="document",
        level="error",
        formats=("bibtex",),
    ),
    Rule(
        code="B005",
        name="bibtex-syntax-error",
        summary="The BibTeX file does not parse here",
        description="An entry is not closed, a brace or quote is unbalanced, or a field lacks "
        "its `=`. The rest of the file is still read: each `@` at the start of a line begins "
        "the next entry.",
        bad="@article{k, title = {Unclosed, year = 2019}\n@article{k2, title = {B}}",
        good="@article{k, title = {Closed}, year = 2019}\n@article{k2, title = {B}}",
        check=check_syntax,
        scope="document",
        level="error",
        formats=("bibtex",),
    ),
]
