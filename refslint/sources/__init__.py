"""Where references live: plain-text lists, Markdown, LaTeX and Word manuscripts, BibTeX databases.

Each format module turns a file's text into a `Document`: the entries the parser reads, the
way from what the parser read back to the file (`spans`, None when the entries are the file's
own text), the manuscript's citations, its suppression comments and the bibliography files it
names. Everything after this point (parser, rules, fixes) is the same for every format.
"""

import importlib
from typing import NamedTuple

from ..inputs import FORMATS, InputFormat, format_for, input_format  # noqa: F401 (re-exported)
from ..mapped import MappedText, SpanMap
from ..model import Citation, Entry, Record, Source, Span


class Suppression(NamedTuple):
    """A comment that hides findings: `codes` (empty: every code) within `target`."""

    span: Span  # the comment itself
    codes: tuple[str, ...]
    target: Span
    text: str  # the comment as written


class Document(Record):
    __slots__ = (
        "bib",
        "bibliographies",
        "citations",
        "cites_all",
        "entries",
        "entry_spans",
        "format",
        "inputs",
        "label_spans",
        "memo",
        "numbered",
        "path",
        "problems",
        "spans",
        "suppressions",
        "text",
    )

    def __init__(
        self,
        path: str,
        text: str,
        format: str,
        entries: list[Entry],
        entry_spans: list[Span],  # each entry's span in the file
        label_spans: list[Span | None] | None = None,  # each entry's number or key
        spans: SpanMap | None = None,
        citations: list[Citation] | None = None,
        cites_all: bool = False,  # \nocite{*}, nocite: '@*'
        suppressions: list[Suppression] | None = None,
        bibliographies: list[str] | None = None,  # .bib files the manuscript names
        inputs: list[str] | None = None,  # files a LaTeX manuscript \input s
        bib: list | None = None,  # BibTeX: the parsed entries (sources.bibtex.BibEntry)
        problems: list[tuple[Span, str]] | None = None,  # syntax errors found while reading
        numbered: bool = False,  # the list is labelled 1, 2, 3 ...
        memo: dict | None = None,  # work shared by the document rules
    ) -> None:
        self.path = path
        self.text = text
        self.format = format
        self.entries = entries
        self.entry_spans = entry_spans
        self.label_spans: list[Span | None] = [] if label_spans is None else label_spans
        self.spans = spans
        self.citations: list[Citation] = [] if citations is None else citations
        self.cites_all = cites_all
        self.suppressions: list[Suppression] = [] if suppressions is None else suppressions
        self.bibliographies: list[str] = [] if bibliographies is None else bibliographies
        self.inputs: list[str] = [] if inputs is None else inputs
        self.bib: list = [] if bib is None else bib
        self.problems: list[tuple[Span, str]] = [] if problems is None else problems
        self.numbered = numbered
        self.memo: dict = {} if memo is None else memo

    @property
    def mapped(self) -> bool:
        return self.spans is not None


def tex_encode(text: str) -> str:
    """A fix's replacement as TeX writes it: dashes as `--` and `---`."""
    return text.replace("—", "---").replace("–", "--")


def mapped_document(
    source: Source,
    fmt: str,
    labels: list[str],
    texts: list[MappedText],
    fallbacks: list[Span],
    label_spans: list[Span | None],
) -> Document:
    """A document whose entries are derived texts (markup removed, or rendered from fields)."""
    spans = SpanMap(texts, fallbacks, tex_encode if input_format(fmt).tex else None)
    entries = [
        Entry(label, t.text, Span(offset, offset + len(t)))
        for label, t, offset in zip(labels, texts, spans.offsets, strict=True)
    ]
    return Document(source.path, source.text, fmt, entries, fallbacks, label_spans, spans)


def read(source: Source, fmt: str) -> Document:
    """The document of a file in a format (inputs.FORMAT_TABLE names its reader module, which
    is imported only now)."""
    module = importlib.import_module(f"{__name__}.{input_format(fmt).reader}")
    return module.read(source)

