"""Word manuscripts (`.docx`): the reference list, the citations of the text, and comments.

The file is read by `docxpackage` into its paragraphs, one a line of the source's text. The
reference list is

* the paragraphs under a heading named like a list ("References", "Bibliography", "Literature
  cited", as in Markdown), to the next heading of its level (or any heading, a table or the
  notes when the name is a plain paragraph), and
* the result of a reference manager's bibliography field (Zotero `ADDIN ZOTERO_BIBL`, EndNote
  `ADDIN EN.REFLIST`, Mendeley `ADDIN Mendeley Bibliography`), wherever it is.

Each paragraph there is one reference. A numbered-list paragraph's number is not in its text:
Word shows it from the numbering definitions, and it is the entry's label here. The citations
are read from every other paragraph, footnotes and endnotes included: `[1]`, `[1–3]`,
superscript digits and ranges, the results of a manager's citation fields, `(1, 4)` when the
text cites no other way, and, against a list that is not numbered, `(Smith et al., 2019; Lee
2020)` matched to each entry's first author and year. A Word comment `refslint: ignore[CODE]`
on an entry suppresses its findings there.
"""

from __future__ import annotations

import re

from ..mapped import MappedText, SpanMap
from ..model import Citation, Diagnostic, Entry, Source, Span
from . import Document, Suppression, plaintext
from .citations import expand_numbers
from .docxedit import segments
from .docxpackage import Package
from .suppressions import parse_codes

_LIST_NAME = re.compile(rf"(?:\d+\.?\s*)?(?:{plaintext.LIST_NAMES})\s*:?", re.IGNORECASE)
# What follows a reference list that is named by a plain paragraph, not a heading.
_AFTER_LIST = re.compile(
    r"(?:figure|table)s?(?: legends?| captions?| and (?:figure|table)s?)?|supporting information"
    r"|supplementary (?:material|information|data)|appendix(?:es)?|acknowledge?ments?",
    re.IGNORECASE,
)
_NUMBERS = r"\d{1,4}(?:\s*[-–—]\s*\d{1,4})?(?:\s*[,;]\s*\d{1,4}(?:\s*[-–—]\s*\d{1,4})?)*"
_BRACKETS = re.compile(rf"(?<![\w\]])\[({_NUMBERS})\](?![(\[])")
_SMALL = r"\d{1,3}(?:\s*[-–—]\s*\d{1,3})?"  # in parentheses: `(2019)` is a year, not reference 2019
_PARENS = re.compile(rf"(?<![\w)])\(({_SMALL}(?:\s*[,;]\s*{_SMALL})*)\)")
_SUPERSCRIPT = re.compile(rf"[\[(]?({_NUMBERS})[\])]?[,.;]?")
_ANY_NUMBERS = re.compile(_NUMBERS)
_NAME = r"(?:(?:van|von|de|der|den|du|da|di|del|la|le)\s+){0,2}[A-ZÀ-Ý][\w'’\-]+"
_AUTHORS = rf"{_NAME}(?:\s+et\s+al\.?|\s+(?:and|&)\s+{_NAME})?"
_YEARS = r"\d{4}[a-z]?(?:\s*,\s*\d{4}[a-z]?)*"
_PAREN_GROUP = re.compile(r"\(([^()]{4,400})\)")
_AUTHOR_YEAR = re.compile(rf"^\s*(?:(?:e\.g\.|see|cf\.|i\.e\.)\s*,?\s*)?({_AUTHORS}),?\s+({_YEARS})\s*$")
_NARRATIVE = re.compile(rf"({_AUTHORS})\s+\(({_YEARS})\)")
_FAMILY = re.compile(r"[A-ZÀ-Ý][\w'’\-]*")
_YEAR = re.compile(r"(?<!\d)((?:1[6-9]|20)\d\d)([a-z]?)(?!\d)")
_IGNORE = re.compile(r"refslint:\s*ignore(?:\[([^\]]*)\])?", re.IGNORECASE)


class DocxSpanMap(SpanMap):
    """The entries are the paragraphs' own text; a fix is kept only where runs can take it,
    else the finding says why it was not applied."""

    def __init__(self, texts: list[MappedText], fallbacks: list[Span], pkg: Package) -> None:
        super().__init__(texts, fallbacks)
        self.pkg = pkg

    def diagnostic(self, d: Diagnostic) -> Diagnostic:
        mapped = super().diagnostic(d)
        if mapped.fix is None:
            return mapped
        for edit in mapped.fix.edits:
            why = segments(self.pkg, edit)
            if isinstance(why, str):
                return mapped._replace(fix=None, message=f"{mapped.message} (not fixed: {why})")
        return mapped


def read(source: Source) -> Document:
    pkg: Package | None = getattr(source, "package", None)
    if pkg is None:  # text given as a .docx (a test, or --input-format docx on a text file)
        return Document(source.path, source.text, "docx", [], [])
    text = source.text
    in_list = list_paragraphs(pkg)
    labels, texts, fallbacks, label_spans = [], [], [], []
    for i in in_list:
        start = pkg.starts[i]
        para = text[start : _end(pkg, text, i)]
        a, b = len(para) - len(para.lstrip()), len(para.rstrip())
        if a >= b:
            continue
        label, label_span = pkg.numbers.get(i, ""), None
        if not label:
            found = plaintext.entries(para[a:b])
            if found and found[0].label_span is not None:
                label, label_span = found[0].label, found[0].label_span.shift(start + a)
                a += found[0].span.start
        t = MappedText()
        t.copy(text, start + a, start + b)
        labels.append(label)
        texts.append(t)
        fallbacks.append(Span(start + a, start + b))
        label_spans.append(label_span)
    spans = DocxSpanMap(texts, fallbacks, pkg)
    entries = [Entry(label, t.text, Span(offset, offset + len(t)))
               for label, t, offset in zip(labels, texts, spans.offsets, strict=True)]  # fmt: skip
    doc = Document(source.path, text, "docx", entries, fallbacks, label_spans, spans)
    doc.numbered = plaintext.is_numbered(entries)
    if entries and not doc.numbered:
        # An author-date list is cited by first author and year: that is each entry's name.
        keys = [_entry_key(e.text) for e in entries]
        doc.entries = [e._replace(label=k or e.label) for e, k in zip(entries, keys, strict=True)]
    listed = set(in_list)
    prose = [i for i in range(len(pkg.paragraphs)) if i not in listed]
    doc.citations = citations(pkg, text, prose, doc.numbered)
    doc.suppressions = comment_suppressions(pkg, fallbacks)
    return doc


def _end(pkg: Package, text: str, i: int) -> int:
    return pkg.starts[i + 1] - 1 if i + 1 < len(pkg.starts) else len(text) - 1


def list_paragraphs(pkg: Package) -> list[int]:
    """The paragraphs of the reference list(s), in order."""
    chosen: set[int] = set()
    paragraphs = pkg.paragraphs
    for i, p in enumerate(paragraphs):
        if any(f.kind == "bibliography" for f in p.fields):
            chosen.add(i)
    for i, p in enumerate(paragraphs):
        if p.note or p.in_table or not _LIST_NAME.fullmatch(p.text().strip()):
            continue
        level = pkg.headings.get(i, 0)
        j = i + 1
        while j < len(paragraphs):
            q = paragraphs[j]
            other = pkg.headings.get(j, 0)
            if q.note or q.in_table:
                break
            if other and (not level or other <= level):
                break
            if not level and _AFTER_LIST.fullmatch(q.text().strip().rstrip(":")):
                break
            chosen.add(j)
            j += 1
    return sorted(chosen)


def _entry_key(text: str) -> str:
    """`Smith 2019` for `Smith J, Lee K. Title ... 2019 ...`: how author-date text cites it."""
    family = _FAMILY.search(text)
    year = _YEAR.search(text)
    return f"{family.group(0)} {year.group(1)}{year.group(2)}" if family and year else ""


def _citation_keys(authors: str, years: str) -> tuple[str, ...]:
    family = _FAMILY.search(authors)
    if family is None:
        return ()
    return tuple(f"{family.group(0)} {y.strip()}" for y in years.split(","))


def citations(pkg: Package, text: str, prose: list[int], numbered: bool) -> list[Citation]:
    """The citations of the paragraphs `prose`, in the order of the text."""
    found: list[Citation] = []
    parens: list[Citation] = []
    keyed: list[Citation] = []
    for i in prose:
        start, end = pkg.starts[i], _end(pkg, text, i)
        para = text[start:end]
        taken: list[tuple[int, int]] = []

        def add(numbers: str, a: int, b: int, into: list[Citation] = found, start=start, taken=taken) -> None:
            if any(x < b and a < y for x, y in taken):
                return
            labels = expand_numbers(numbers)
            if labels:
                into.append(Citation(labels, Span(start + a, start + b)))
                taken.append((a, b))

        for m in _BRACKETS.finditer(para):
            add(m.group(1), m.start(1), m.end(1))
        for a, b in _superscripts(pkg, start, end):
            m = _SUPERSCRIPT.fullmatch(para, a, b)
            if m and _cites_here(para, a):
                add(m.group(1), m.start(1), m.end(1))
        for a, b, field in _field_results(pkg, start, end):
            if field.kind != "citation":
                continue
            m = _ANY_NUMBERS.search(para, a, b)
            if m and numbered:
                add(m.group(0), m.start(), m.end())
            elif not numbered:
                keyed.extend(_author_year(para[a:b], start + a))
                taken.append((a, b))
        for m in _PARENS.finditer(para):
            add(m.group(1), m.start(1), m.end(1), parens)
        if not numbered:
            keyed.extend(c for c in _author_year(para, start) if not any(
                x <= c.span.start - start < y for x, y in taken))  # fmt: skip
    # `(1)` is read as a citation only in a text that cites no other way: elsewhere it numbers
    # a list in the sentence, or an equation.
    out = found if found else parens
    out = out + keyed if not numbered else out
    out.sort(key=lambda c: c.span.start)
    return out


def _author_year(text: str, offset: int) -> list[Citation]:
    out = []
    for m in _PAREN_GROUP.finditer(text):
        pos = m.start(1)
        for part in m.group(1).split(";"):
            ay = _AUTHOR_YEAR.match(part)
            if ay:
                keys = _citation_keys(ay.group(1), ay.group(2))
                if keys:
                    out.append(Citation(keys, Span(offset + pos, offset + pos + len(part)), numeric=False))
            pos += len(part) + 1
    for m in _NARRATIVE.finditer(text):
        keys = _citation_keys(m.group(1), m.group(2))
        if keys:
            out.append(Citation(keys, Span(offset + m.start(), offset + m.end()), numeric=False))
    return out


def _superscripts(pkg: Package, start: int, end: int) -> list[tuple[int, int]]:
    """(a, b) in the paragraph's text of each stretch of superscript runs."""
    out = []
    a = -1
    for i in range(start, end + 1):
        node = pkg.node_of[i] if i < end else -1
        sup = node >= 0 and pkg.runs[pkg.nodes[node].run].superscript
        if sup and a < 0:
            a = i
        elif not sup and a >= 0:
            out.append((a - start, i - start))
            a = -1
    return out


def _cites_here(para: str, pos: int) -> bool:
    """A superscript after a word or punctuation cites; after a digit or a short unit
    (`10`, `cm`, `mm`) it is an exponent."""
    before = para[:pos].rstrip()
    if not before:
        return False
    if before[-1].isdigit():
        return False
    word = re.search(r"[A-Za-zµμ]+$", before)
    return word is None or len(word.group(0)) > 2


def _field_results(pkg: Package, start: int, end: int):
    """(a, b, field) of each stretch of one field's result in the paragraph."""
    out = []
    current, a = None, -1
    for i in range(start, end + 1):
        node = pkg.node_of[i] if i < end else -1
        field = pkg.runs[pkg.nodes[node].run].field if node >= 0 else None
        if field is not current:
            if current is not None:
                out.append((a - start, i - start, current))
            current, a = field, i
    return out


def comment_suppressions(pkg: Package, entry_spans: list[Span]) -> list[Suppression]:
    """A Word comment `refslint: ignore[CODE, ...]` (or `refslint: ignore`) covers the entry
    its anchor is in, or else its paragraph."""
    found = []
    seen: set[str] = set()
    for i, p in enumerate(pkg.paragraphs):
        for cid, offset in p.comments:
            if cid in seen:
                continue
            seen.add(cid)
            m = _IGNORE.search(pkg.comments.get(cid, ""))
            if m is None:
                continue
            pos = pkg.starts[i] + offset
            end = pkg.starts[i + 1] - 1 if i + 1 < len(pkg.starts) else len(pkg.text)
            target = next((s for s in entry_spans if s.start <= pos <= s.end), Span(pkg.starts[i], end))
            found.append(Suppression(Span(pos, pos), parse_codes(m.group(1) or ""), target, m.group(0)))
    return found
