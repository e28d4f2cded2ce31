"""Find the references in a plain-text list.

Three layouts are recognised, chosen by what most lines of the file look like:

* numbered (`1.`, `1)`, `[1]`, `1 ` or `1<TAB>`): an entry starts only at the next label in
  sequence, so a wrapped line that happens to begin with a number stays in its entry;
* bulleted (`•`, `-`, `*`, `▪`, with any indentation);
* unlabelled: one reference a line, or one a paragraph when references are wrapped and
  separated by blank lines.

In labelled layouts a blank line ends an entry and unlabelled text around the list (a heading,
page furniture, a footer) belongs to no entry. In unlabelled layouts headings and lines that do
not look like references are dropped from both ends of the list.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple, overload

from ..model import Entry, Span

_NUMBERED = re.compile(
    r"[ \t]*(?:\[(?P<b>\d{1,7})\]|(?P<d>\d{1,7})[.)]|(?P<s>\d{1,7})(?=\t| +\S))[ \t]*(?=\S)"
)
# First characters a label can start with: most lines are decided without a regex.
_LABEL_STARTS = frozenset("0123456789[ \t")
_BULLET_STARTS = frozenset("•‣◦▪●·*+-– \t")
_BULLET = re.compile(r"[ \t]*[•‣◦▪●·*+\-–][ \t]+(?=\S)")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_CITATION_NUMBERS = re.compile(r"\d+\s*(?:\([^)]*\))?\s*[:;]\s*[A-Za-z]?\d")
_AUTHOR_START = re.compile(r"[^\W\d_][\w'’-]+(?: [^\W\d_][\w'’-]+)? [A-Z]{1,3}[,.]")
# What a reference list's heading says (shared with markdown.py, which finds sections by it).
LIST_NAMES = (
    r"references?|bibliography|literature(?: cited)?|works cited|reference list|cited literature"
    r"|references and notes"
)
_HEADING = re.compile(
    rf"\s*(?:#+\s*)?(?:\d+\.?\s*)?({LIST_NAMES}|sources|citations|notes)\s*:?\s*$",
    re.IGNORECASE,
)


class _Line(NamedTuple):
    start: int  # offset of the first character
    end: int  # offset after the last non-newline character
    source: str  # the whole text (a reference, not a copy: a million lines stay small)

    @property
    def text(self) -> str:
        return self.source[self.start : self.end]


# Where str.splitlines() breaks lines.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        lines.append(_Line(pos, m.start(), text))
        pos = m.end()
    if pos < len(text):
        lines.append(_Line(pos, len(text), text))
    return lines


def looks_like_reference(text: str) -> bool:
    """A weak test used only to trim furniture around unlabelled lists."""
    if _HEADING.match(text):
        return False
    words = text.split()
    if len(words) < 4:
        return False
    return bool(
        _YEAR.search(text)
        or "doi" in text.lower()
        or "http" in text
        or _CITATION_NUMBERS.search(text)
        or _AUTHOR_START.match(text)
    )


def _content_end(line: _Line) -> int:
    return line.start + len(line.text.rstrip())


def entries(text: str) -> list[Entry]:
    """The references of a plain-text list, each with its label and exact span."""
    return [Entry(e.label, text[e.span.start : e.span.end], e.span, e.label_span) for e in _entry_spans(text)]


def entry_spans(text: str) -> EntryTable:
    """The same entries without their text (`Entry.text` is empty), kept compactly: for very
    long lists, whose entries are cut from the file's text chunk by chunk."""
    return EntryTable(text, _entry_spans(text))


def _entry_spans(text: str) -> Iterable[Entry]:
    lines = split_lines(text)
    # Matched in place (positions in the whole text), so no line is copied.
    firsts = [text[line.start : line.start + 1] for line in lines]
    numbered = [
        _NUMBERED.match(text, line.start, line.end) if first in _LABEL_STARTS else None
        for line, first in zip(lines, firsts, strict=True)
    ]
    bullets = [
        _BULLET.match(text, line.start, line.end) if first in _BULLET_STARTS else None
        for line, first in zip(lines, firsts, strict=True)
    ]
    del firsts
    n_numbered = sum(1 for m in numbered if m)
    n_bullets = sum(1 for m in bullets if m)
    if n_numbered >= max(2, n_bullets) and _has_sequence(numbered):
        return _numbered_entries(lines, numbered)
    if n_bullets >= 2 or (n_bullets == 1 and n_numbered == 0):
        return _group(lines, bullets)
    # A lone line that starts with a number (`2010 Working group ...`) in a list of unnumbered
    # lines is not a label: numbered layout only when numbers start a good share of the lines.
    nonblank = sum(1 for line in lines if line.end > line.start and not line.text.isspace())
    lone = [m for m in numbered if m] if n_numbered == 1 else []
    if lone and nonblank > 1 and _label_value(lone[0]) != 1:
        return _unlabelled_entries(lines)
    if n_numbered and n_numbered * 4 >= nonblank:
        return _numbered_entries(lines, numbered)
    return _unlabelled_entries(lines)


def _label_value(m: re.Match[str]) -> int:
    return int(m.group("b") or m.group("d") or m.group("s"))


def _has_sequence(numbered: list[re.Match[str] | None]) -> bool:
    values = {_label_value(m) for m in numbered if m}
    return any(v + 1 in values for v in values)


def _numbered_entries(lines: list[_Line], numbered: list[re.Match[str] | None]) -> Iterator[Entry]:
    values = [(_label_value(m) if m else None) for m in numbered]
    later = set()
    # The first label of the list: the first numbered line whose successor label follows it.
    start_index = None
    for i in range(len(lines) - 1, -1, -1):
        v = values[i]
        if v is not None:
            if v + 1 in later:
                start_index = i
            later.add(v)
    if start_index is None:
        start_index = next(i for i, v in enumerate(values) if v is not None)
    starts = [False] * len(lines)
    expected = values[start_index]
    for i in range(start_index, len(lines)):
        if values[i] is not None and values[i] == expected:
            starts[i] = True
            expected += 1
    yield from _group(lines, [m if starts[i] else None for i, m in enumerate(numbered)])


def _group(lines: list[_Line], labels: list[re.Match[str] | None]) -> Iterator[Entry]:
    """Each label line starts an entry; following non-blank lines continue it; a blank line or
    the next label ends it."""
    current: tuple[int, int, str, Span] | None = None  # (start, end, label, label span)

    def close() -> Entry | None:
        if current is None:
            return None
        start, end, label, label_span = current
        return Entry(label, "", Span(start, end), label_span)

    for line, m in zip(lines, labels, strict=True):
        if m is not None:
            done = close()
            if done:
                yield done
            label = m.group(0).strip()
            label_span = Span(
                m.start() + (len(m.group(0)) - len(m.group(0).lstrip())),
                m.start() + len(m.group(0).rstrip()),
            )
            current = (m.end(), _content_end(line), label, label_span)
        elif not line.text.strip():
            done = close()
            if done:
                yield done
            current = None
        elif current is not None:
            current = (current[0], _content_end(line), current[2], current[3])
    done = close()
    if done:
        yield done


def _unlabelled_entries(lines: list[_Line]) -> list[Entry]:
    paragraphs: list[list[_Line]] = []
    block: list[_Line] = []
    for line in lines:
        if line.text.strip():
            block.append(line)
        elif block:
            paragraphs.append(block)
            block = []
    if block:
        paragraphs.append(block)
    wrapped = sum(1 for p in paragraphs if len(p) > 1 and looks_like_reference(" ".join(x.text for x in p)))
    if paragraphs and wrapped * 2 >= len(paragraphs) and len(paragraphs) > 1:
        groups = paragraphs
    else:
        groups = [[line] for p in paragraphs for line in p]
    found = []
    for group in groups:
        first, last = group[0], group[-1]
        indent = len(first.text) - len(first.text.lstrip())
        text = " ".join(x.text for x in group)
        found.append((Entry("", "", Span(first.start + indent, _content_end(last))), text))
    # Drop headings anywhere, and non-references at both ends of the list (page furniture).
    kept = [(e, t) for e, t in found if not _HEADING.match(t)]
    while kept and not looks_like_reference(kept[0][1]):
        kept.pop(0)
    while kept and not looks_like_reference(kept[-1][1]):
        kept.pop()
    return [e for e, _ in kept]


def is_numbered(found: list[Entry]) -> bool:
    """Every entry carries a number (`1.`, `[1]`, `1)`): citations may refer to them by it."""
    return bool(found) and all(e.label.strip("[]().").isdigit() for e in found)


class EntryTable(Sequence[Entry]):
    """A plain list's entries kept as integer arrays, about 32 bytes an entry instead of the
    250 of Entry objects (a million-reference file); an Entry is made when one is asked for."""

    def __init__(self, text: str, found: Iterable[Entry]) -> None:
        self.text = text
        self.starts, self.ends = array("q"), array("q")
        self.label_starts, self.label_ends = array("q"), array("q")
        for e in found:
            self.starts.append(e.span.start)
            self.ends.append(e.span.end)
            label = e.label_span or Span(-1, -1)
            self.label_starts.append(label.start)
            self.label_ends.append(label.end)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, i: int) -> Entry: ...
    @overload
    def __getitem__(self, i: slice) -> list[Entry]: ...
    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        label = self.label_span(i)
        return Entry(self.text[label.start : label.end] if label else "", "", self.span(i), label)

    def span(self, i: int) -> Span:
        return Span(self.starts[i], self.ends[i])

    def label_span(self, i: int) -> Span | None:
        start = self.label_starts[i]
        return None if start < 0 else Span(start, self.label_ends[i])


class _Column(Sequence):
    """One column of an EntryTable (entry spans, label spans) as a sequence."""

    def __init__(self, table: EntryTable, get) -> None:
        self.table, self.get = table, get

    def __len__(self) -> int:
        return len(self.table)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.get(j) for j in range(*i.indices(len(self.table)))]
        return self.get(i)


def spans_of(table: EntryTable) -> Sequence[Span]:
    return _Column(table, table.span)


def label_spans_of(table: EntryTable) -> Sequence[Span | None]:
    return _Column(table, table.label_span)
