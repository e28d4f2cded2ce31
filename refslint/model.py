"""The whole vocabulary of refslint: spans, parsed references, findings and fixes.

Offsets are 0-based code-point offsets into the decoded text of one file, end exclusive.
Lines and columns are computed only when a finding is reported.
"""

from typing import Any, Literal, NamedTuple

# Where references are read from (inputs.py). In the "list" formats the list is as printed, so
# house style (punctuation between elements, initials, case) is the author's to get right; in
# BibTeX the bibliography style prints it.
from .inputs import FORMATS, LIST_FORMATS  # noqa: F401 (the names rules use)

Severity = Literal["error", "warning", "info"]
Applicability = Literal["safe", "unsafe"]


class Record:
    """A plain class with slots whose fields are its `__slots__`: equality, `repr` and
    `replace` as a dataclass has them. Written by hand rather than made by `dataclasses`,
    whose import (it imports `inspect`) and class building took 10 ms of every run's start
    (a pre-commit run is about 150 ms). Subclasses list their fields in `__slots__` (in any
    order) and set them in `__init__`."""

    __slots__ = ()

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  (mutable, as a dataclass's)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"

    def __reduce__(self):  # (pickled field by field, whatever `__init__` takes)
        return _rebuilt, (type(self), self._values())

    def replace(self, **changes: Any):
        """A copy with some fields changed (`dataclasses.replace`)."""
        unknown = set(changes) - set(self.__slots__)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        copy = object.__new__(type(self))
        for name in self.__slots__:
            setattr(copy, name, changes[name] if name in changes else getattr(self, name))
        return copy


def _rebuilt(cls: type[Record], values: tuple) -> Record:
    """A record unpickled: its fields set as they were (also those of a frozen record)."""
    record = object.__new__(cls)
    for name, value in zip(cls.__slots__, values, strict=True):
        object.__setattr__(record, name, value)
    return record


class Span(NamedTuple):
    # NamedTuples, not dataclasses, for the objects made per reference: several times cheaper
    # to create, which matters at 100,000 references.
    start: int
    end: int

    def shift(self, offset: int) -> "Span":
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


class Reference(Record):
    """A parsed entry of a reference list.

    `raw` and `span` always hold the entry's text (label excluded), so rules that work on raw
    text still run when the grammar could not place everything. `tail` is what followed the
    recognised citation that the grammar could not place (export debris lives here).
    """

    __slots__ = (
        "errors",
        "extras",
        "fields",
        "index",
        "kind",
        "label",
        "label_span",
        "memo",
        "raw",
        "span",
        "split_authors",
        "split_et_al",
        "style",
        "trailers",
    )  # fmt: skip

    def __init__(
        self,
        index: int,
        label: str,
        raw: str,
        span: Span,
        kind: str = "journal",  # journal | book | chapter | web | thesis | conference | report | other
        style: str = "vancouver",  # vancouver | author-year | other
        fields: dict[str, Field] | None = None,
        # The author list is split into names only when a rule asks (most rules judge the
        # `authors` field's text): see `authors` and `et_al` below.
        split_authors: list[Author] | None = None,
        split_et_al: Field | None = None,
        extras: list[Field] | None = None,  # citation blocks and debris after the first
        trailers: list[Field] | None = None,  # doi, pmid, url, epub notes
        errors: list[str] | None = None,
        label_span: Span | None = None,
        memo: dict[str, object] | None = None,  # shared work of rules (page ranges ...)
    ) -> None:
        self.index, self.label, self.raw, self.span = index, label, raw, span
        self.kind, self.style = kind, style
        self.fields: dict[str, Field] = {} if fields is None else fields
        self.split_authors, self.split_et_al = split_authors, split_et_al
        self.extras: list[Field] = [] if extras is None else extras
        self.trailers: list[Field] = [] if trailers is None else trailers
        self.errors: list[str] = [] if errors is None else errors
        self.label_span = label_span
        self.memo: dict[str, object] = {} if memo is None else memo

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

    def plain(self) -> tuple:
        """The finding as plain data (what marshal writes: another process reads it back with
        `from_plain`, and neither has to import pickle, 1.4 ms of a start)."""
        fix = self.fix
        return (
            self.path, self.code, self.name, self.message, tuple(self.span), self.severity,
            None if fix is None else (fix.message, tuple((tuple(e.span), e.replacement) for e in fix.edits),
                                      fix.applicability),
            tuple((r.path, tuple(r.span), r.message) for r in self.related), self.style, self.reference,
        )  # fmt: skip

    @classmethod
    def from_plain(cls, data: tuple) -> "Diagnostic":
        path, code, name, message, span, severity, fix, related, style, reference = data
        if fix is not None:
            fix = Fix(fix[0], tuple(Edit(Span(*at), text) for at, text in fix[1]), fix[2])
        related = tuple(Related(where, Span(*at), note) for where, at, note in related)
        return cls(path, code, name, message, Span(*span), severity, fix, related, style, reference)


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
