"""The whole vocabulary of refslint: spans, parsed references, findings and fixes.

Offsets are 0-based code-point offsets into the decoded text of one file, end exclusive.
Lines and columns are computed only when a finding is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

# Where references are read from (inputs.py). In the "list" formats the list is as printed, so
# house style (punctuation between elements, initials, case) is the author's to get right; in
# BibTeX the bibliography style prints it.
from .inputs import FORMATS, LIST_FORMATS  # noqa: F401 (the names rules use)

Severity = Literal["error", "warning", "info"]
Applicability = Literal["safe", "unsafe"]


class Span(NamedTuple):
    # NamedTuples, not dataclasses, for the objects made per reference: several times cheaper
    # to create, which matters at 100,000 references.
    start: int
    end: int

    def shift(self, offset: int) -> Span:
        return Span(self.start + offset, self.end + offset)


class Field(NamedTuple):
    """One parsed element of a reference (title, journal, volume ...) with its exact span."""

    name: str
    value: str
    span: Span


class Author(NamedTuple):
    """One name of the author list; `family`/`initials` are empty when the name is garbled."""

    text: str
    span: Span
    family: str = ""
    initials: str = ""
    group: bool = False


# parse.py installs the function that splits an author list (kept there with the grammar).
_AUTHOR_SPLITTER: list = [lambda ref: None]


def set_author_splitter(fn) -> None:
    _AUTHOR_SPLITTER[0] = fn


@dataclass(slots=True)
class Reference:
    """A parsed entry of a reference list.

    `raw` and `span` always hold the entry's text (label excluded), so rules that work on raw
    text still run when the grammar could not place everything. `tail` is what followed the
    recognised citation that the grammar could not place (export debris lives here).
    """

    index: int
    label: str
    raw: str
    span: Span
    kind: str = "journal"  # journal | book | chapter | web | thesis | conference | report | other
    style: str = "vancouver"  # vancouver | author-year | other
    fields: dict[str, Field] = field(default_factory=dict)
    # The author list is split into names only when a rule asks (most rules judge the
    # `authors` field's text): see `authors` and `et_al` below.
    split_authors: list[Author] | None = None
    split_et_al: Field | None = None
    extras: list[Field] = field(default_factory=list)  # citation blocks and debris after the first
    trailers: list[Field] = field(default_factory=list)  # doi, pmid, url, epub notes
    errors: list[str] = field(default_factory=list)
    label_span: Span | None = None
    memo: dict[str, object] = field(default_factory=dict)  # shared work of rules (page ranges ...)

    def get(self, name: str) -> Field | None:
        return self.fields.get(name)

    @property
    def authors(self) -> list[Author]:
        if self.split_authors is None:
            self.split_authors = []
            if "authors" in self.fields:
                _AUTHOR_SPLITTER[0](self)
        return self.split_authors

    @property
    def et_al(self) -> Field | None:
        self.authors  # noqa: B018 - splitting the list finds et al.
        return self.split_et_al

    def text_of(self, span: Span) -> str:
        return self.raw[span.start - self.span.start : span.end - self.span.start]


class Citation(NamedTuple):
    """A citation in a manuscript's text (`[3, 5-7]`, `\\cite{a,b}`, `[@key]`).

    `labels` are reference numbers when `numeric`, else citation keys. A citation that is not
    in the running text (`\\nocite`, Pandoc's `nocite:`) has `in_text` False: it cites, but
    has no place in the order of first citation."""

    labels: tuple[str, ...]
    span: Span
    numeric: bool = True
    in_text: bool = True


class Edit(NamedTuple):
    span: Span
    replacement: str


class Fix(NamedTuple):
    message: str
    edits: tuple[Edit, ...]
    applicability: Applicability = "safe"


class Related(NamedTuple):
    """Another location that explains a finding (the earlier entry a duplicate repeats)."""

    path: str
    span: Span
    message: str


class Diagnostic(NamedTuple):
    path: str
    code: str
    name: str
    message: str
    span: Span
    severity: Severity = "warning"
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    # For house-style rules: (choice key, variant this occurrence shows). The engine keeps the
    # finding only when the variant is not the chosen style (preset, option, or list majority).
    style: tuple[str, str] | None = None
    reference: int = -1  # index of the reference, -1 for file-level findings


class Entry(NamedTuple):
    """One reference as found in a file, before parsing: its label and its exact text."""

    label: str
    text: str
    span: Span
    label_span: Span | None = None


class Source(NamedTuple):
    """A decoded file. `text` excludes any byte-order mark; `bom` and `encoding` let --fix
    write the file back byte for byte outside its edits."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    # A format that is not text (a Word file: sources/docxpackage.Package): what its decoder
    # read, `text` derived from it; its format's writer edits it and `data` is written back.
    package: Any = None
