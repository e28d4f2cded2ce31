"""Where references live: plain-text lists, Markdown and LaTeX manuscripts, BibTeX databases.

Each format module turns a file's text into a `Document`: the entries the parser reads, the
way from what the parser read back to the file (`spans`, None when the entries are the file's
own text), the manuscript's citations, its suppression comments and the bibliography files it
names. Everything after this point (parser, rules, fixes) is the same for every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import NamedTuple

from ..mapped import MappedText, SpanMap
from ..model import Citation, Entry, Source, Span

FORMATS = ("text", "markdown", "latex", "bibtex")
EXTENSIONS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".qmd": "markdown",
    ".rmd": "markdown",
    ".tex": "latex",
    ".bbl": "latex",
    ".bib": "bibtex",
}


def format_for(path: str, override: str | None = None) -> str:
    """The format given on the command line, else the one the file's extension names, else
    plain text (standard input, `.text`, no extension)."""
    if override:
        return override
    return EXTENSIONS.get(PurePath(path).suffix.lower(), "text")


class Suppression(NamedTuple):
    """A comment that hides findings: `codes` (empty: every code) within `target`."""

    span: Span  # the comment itself
    codes: tuple[str, ...]
    target: Span
    text: str  # the comment as written


@dataclass
class Document:
    path: str
    text: str
    format: str
    entries: list[Entry]
    entry_spans: list[Span]  # each entry's span in the file
    label_spans: list[Span | None] = field(default_factory=list)  # each entry's number or key
    spans: SpanMap | None = None
    citations: list[Citation] = field(default_factory=list)
    cites_all: bool = False  # \nocite{*}, nocite: '@*'
    suppressions: list[Suppression] = field(default_factory=list)
    bibliographies: list[str] = field(default_factory=list)  # .bib files the manuscript names
    inputs: list[str] = field(default_factory=list)  # files a LaTeX manuscript \input s
    bib: list = field(default_factory=list)  # BibTeX: the parsed entries (sources.bibtex.BibEntry)
    problems: list[tuple[Span, str]] = field(default_factory=list)  # syntax errors found while reading
    numbered: bool = False  # the list is labelled 1, 2, 3 ...
    memo: dict = field(default_factory=dict)  # work shared by the document rules

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
    spans = SpanMap(texts, fallbacks, tex_encode if fmt in ("latex", "bibtex") else None)
    entries = [
        Entry(label, t.text, Span(offset, offset + len(t)))
        for label, t, offset in zip(labels, texts, spans.offsets, strict=True)
    ]
    return Document(source.path, source.text, fmt, entries, fallbacks, label_spans, spans)


def read(source: Source, fmt: str) -> Document:
    if fmt == "markdown":
        from . import markdown

        return markdown.read(source)
    if fmt == "latex":
        from . import latex

        return latex.read(source)
    if fmt == "bibtex":
        from . import bibtex

        return bibtex.read(source)
    from . import plaintext

    # Entries of a plain list keep only their spans: the parser cuts their text from the file
    # when it reads them (api.entry_text), so a huge list is not held twice.
    entries = plaintext.entry_spans(source.text)
    doc = Document(
        source.path, source.text, "text", entries,  # type: ignore[arg-type]
        plaintext.spans_of(entries), plaintext.label_spans_of(entries),  # type: ignore[arg-type]
    )  # fmt: skip
    doc.numbered = plaintext.is_numbered(entries)
    return doc
