"""Find the references in a plain-text list.

Three layouts are recognised, chosen by what most lines of the file look like:

* numbered (`1.`, `1)`, `[1]`, `(1)`, `1 ` or `1<TAB>`): an entry starts only at the next label in
  sequence, so a wrapped line that happens to begin with a number stays in its entry;
* bulleted (`•`, `-`, `*`, `▪`, with any indentation);
* unlabelled: one reference a line, or one a paragraph when references are wrapped and
  separated by blank lines.

In labelled layouts a blank line ends an entry and unlabelled text around the list (a heading,
page furniture, a footer) belongs to no entry. In unlabelled layouts headings and lines that do
not look like references are dropped from both ends of the list.
"""

import re
from array import array
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, NamedTuple, overload

from ..model import Entry, Source, Span

if TYPE_CHECKING:
    from . import Document

_NUMBERED = re.compile(r"[ \t]*(\[\d{1,7}\]|\(\d{1,7}\)|\d{1,7}[.)]|\d{1,7}(?=\t| +\S))[ \t]*(?=\S)")
# First characters a label can start with: most lines are decided without a regex.
_LABEL_STARTS = frozenset("0123456789[( \t")
_BULLET_STARTS = frozenset("•‣◦▪●·*+-– \t")
_BULLET = re.compile(r"[ \t]*[•‣◦▪●·*+\-–][ \t]+(?=\S)")
# Patterns only some inputs need are compiled at their first use, not at import.
_pattern = cache(re.compile)

_YEAR = r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)"
_CITATION_NUMBERS = r"\d+\s*(?:\([^)]*\))?\s*[:;]\s*[A-Za-z]?\d"
_AUTHOR_START = r"[^\W\d_][\w'’-]+(?: [^\W\d_][\w'’-]+)? [A-Z]{1,3}[,.]"
# What a reference list's heading says (shared with markdown.py, which finds sections by it).
LIST_NAMES = (
    r"references?|bibliography|literature(?: cited)?|works cited|reference list|cited literature"
    r"|references and notes"
)
_HEADING = rf"(?i)\s*(?:#+\s*)?(?:\d+\.?\s*)?({LIST_NAMES}|sources|citations|notes)\s*:?\s*$"


class _Line(NamedTuple):
    start: int  # offset of the first character
    end: int  # offset after the last non-newline character
    source: str  # the whole text (a reference, not a copy)

    @property
    def text(self) -> str:
        return self.source[self.start : self.end]


# Where str.splitlines() breaks lines; the common case, "\n" alone, is found with str.find.
_LINE_BREAK = r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]"
_OTHER_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def line_bounds(text: str) -> tuple[array, array]:
    """(starts, ends) of the lines, as str.splitlines() cuts them, in two integer arrays: a
    million-line list needs no object per line."""
    starts, ends = array("q"), array("q")
    add_start, add_end = starts.append, ends.append
    pos = 0
    if not any(ch in text for ch in _OTHER_BREAKS):  # each `in` is a scan in C
        find = text.find
        i = find("\n")
        while i >= 0:
            add_start(pos)
            add_end(i)
            pos = i + 1
            i = find("\n", pos)
    else:
        for m in _pattern(_LINE_BREAK).finditer(text):
            add_start(pos)
            add_end(m.start())
            pos = m.end()
    if pos < len(text):
        add_start(pos)
        add_end(len(text))
    return starts, ends


def split_lines(text: str) -> list[_Line]:
    starts, ends = line_bounds(text)
    return [_Line(s, e, text) for s, e in zip(starts, ends, strict=True)]


def looks_like_reference(text: str) -> bool:
    """A weak test used only to trim furniture around unlabelled lists."""
    if _pattern(_HEADING).match(text):
        return False
    words = text.split()
    if len(words) < 4:
        return False
    return bool(
        _pattern(_YEAR).search(text)
        or "doi" in text.lower()
        or "http" in text
        or _pattern(_CITATION_NUMBERS).search(text)
        or _pattern(_AUTHOR_START).match(text)
    )


def _content_end(text: str, start: int, end: int) -> int:
    """The end of a line's text without its trailing white space."""
    if end > start and not text[end - 1].isspace():
        return end
    return start + len(text[start:end].rstrip())


class _Labels:
    """The labels found at the start of lines (numbers or bullets), by line: the label's span,
    where the line's text starts after it, and a number's value (-1 where a line has none)."""

    def __init__(self, n: int) -> None:
        self.count = 0
        self.value = array("q", [-1]) * n
        self.start = array("q", [-1]) * n
        self.end = array("q", [-1]) * n
        self.content = array("q", [-1]) * n

    def add(self, i: int, start: int, end: int, content: int, value: int) -> None:
        self.count += 1
        self.value[i], self.start[i], self.end[i], self.content[i] = value, start, end, content


def entries(text: str) -> list[Entry]:
    """The references of a plain-text list, each with its label and exact span."""
    table = entry_spans(text)
    return [
        Entry(table.label(i), text[table.starts[i] : table.ends[i]], table.span(i), table.label_span(i))
        for i in range(len(table))
    ]


def entry_spans(text: str) -> "EntryTable":
    """The entries without their text (`Entry.text` is empty), kept compactly: for very long
    lists, whose entries are cut from the file's text chunk by chunk."""
    table = EntryTable(text)
    starts, ends = line_bounds(text)
    n = len(starts)
    numbered: _Labels = _Labels(n)
    bullets: _Labels | None = None  # rare: made at the first bullet
    # Matched in place (positions in the whole text), so no line is copied; most lines are
    # decided by their first character without a regular expression. (This loop runs once
    # per line of a million-line list: what it does per line is kept to the minimum.)
    match_number, match_bullet = _NUMBERED.match, _BULLET.match
    n_value, n_start, n_end, n_content = numbered.value, numbered.start, numbered.end, numbered.content
    for i, (start, end) in enumerate(zip(starts, ends)):  # noqa: B905 (equal lengths)
        if start == end:
            continue
        first = text[start]
        if first in _LABEL_STARTS:
            m = match_number(text, start, end)
            if m is not None:
                label_start, label_end = m.span(1)
                n_value[i] = int(text[label_start:label_end].strip("[]()."))
                n_start[i], n_end[i], n_content[i] = label_start, label_end, m.end()
                numbered.count += 1
        if first in _BULLET_STARTS:
            m = match_bullet(text, start, end)
            if m is not None:
                if bullets is None:
                    bullets = _Labels(n)
                label_start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
                bullets.add(i, label_start, label_start + 1, m.end(), 0)
    n_numbered, n_bullets = numbered.count, bullets.count if bullets else 0
    nonblank = sum(1 for s, e in zip(starts, ends, strict=True) if e > s and not text[s:e].isspace())
    # Numbers in sequence make a numbered list, unless they start only a few of many lines: a
    # pasted unnumbered list with a handful of `20.Creed PA ...` lines is not 20,000 lines of
    # wrapped entries (no reference wraps over ten lines).
    if n_numbered >= max(2, n_bullets) and _has_sequence(numbered) and n_numbered * 10 >= nonblank:
        _numbered_entries(table, starts, ends, numbered)
        return table
    if n_bullets >= 2 or (n_bullets == 1 and n_numbered == 0):
        _group(table, starts, ends, bullets, None)  # type: ignore[arg-type]
        return table
    # A lone line that starts with a number (`2010 Working group ...`) in a list of unnumbered
    # lines is not a label: numbered layout only when numbers start a good share of the lines.
    lone_value = max(numbered.value) if n_numbered == 1 else -1
    if n_numbered == 1 and nonblank > 1 and lone_value != 1:
        _unlabelled_entries(table, starts, ends)
    elif n_numbered and n_numbered * 4 >= nonblank:
        _numbered_entries(table, starts, ends, numbered)
    else:
        _unlabelled_entries(table, starts, ends)
    return table


def _has_sequence(numbered: _Labels) -> bool:
    values = set(numbered.value)
    values.discard(-1)
    return any(v + 1 in values for v in values)


def _numbered_entries(table: "EntryTable", starts: array, ends: array, numbered: _Labels) -> None:
    """An entry starts only at the next label in sequence."""
    values = numbered.value
    n = len(values)
    later = set()
    # The first label of the list: the first numbered line whose successor label follows it.
    start_index = None
    for i in range(n - 1, -1, -1):
        v = values[i]
        if v >= 0:
            if v + 1 in later:
                start_index = i
            later.add(v)
    if start_index is None:
        start_index = next(i for i, v in enumerate(values) if v >= 0)
    chosen = bytearray(n)
    expected = values[start_index]
    for i in range(start_index, n):
        if values[i] == expected:
            chosen[i] = 1
            expected += 1
    _group(table, starts, ends, numbered, chosen)
    table.numbered = len(table) > 0


def _group(
    table: "EntryTable", starts: array, ends: array, labels: _Labels, chosen: bytearray | None
) -> None:
    """Each chosen label line starts an entry; following non-blank lines continue it; a blank
    line or the next label ends it."""
    text = table.text
    label_start, label_end, content = labels.start, labels.end, labels.content
    entry_start = entry_end = lstart = lend = -1  # entry_start < 0: no entry open
    add = table.add
    for i, (start, end) in enumerate(zip(starts, ends)):  # noqa: B905 (equal lengths)
        if label_start[i] >= 0 and (chosen is None or chosen[i]):
            if entry_start >= 0:
                add(entry_start, entry_end, lstart, lend)
            entry_start, lstart, lend = content[i], label_start[i], label_end[i]
            entry_end = _content_end(text, start, end)
        elif start == end or text[start:end].isspace():
            if entry_start >= 0:
                add(entry_start, entry_end, lstart, lend)
            entry_start = -1
        elif entry_start >= 0:
            entry_end = _content_end(text, start, end)
    if entry_start >= 0:
        add(entry_start, entry_end, lstart, lend)


def _unlabelled_entries(table: "EntryTable", starts: array, ends: array) -> None:
    """One reference a line, or a paragraph when most paragraphs are wrapped references;
    headings and what does not look like a reference at either end are dropped."""
    text = table.text
    paragraphs: list[list[int]] = []  # line numbers
    block: list[int] = []
    for i in range(len(starts)):
        start, end = starts[i], ends[i]
        if end > start and not text[start:end].isspace():
            block.append(i)
        elif block:
            paragraphs.append(block)
            block = []
    if block:
        paragraphs.append(block)

    def joined(group: list[int]) -> str:
        return " ".join(text[starts[i] : ends[i]] for i in group)

    wrapped = sum(1 for p in paragraphs if len(p) > 1 and looks_like_reference(joined(p)))
    if paragraphs and wrapped * 2 >= len(paragraphs) and len(paragraphs) > 1:
        groups = paragraphs
    else:
        groups = [[i] for p in paragraphs for i in p]
    # Drop headings anywhere, and non-references at both ends of the list (page furniture).
    kept = [g for g in groups if not _pattern(_HEADING).match(joined(g))]
    first, last = 0, len(kept)
    while first < last and not looks_like_reference(joined(kept[first])):
        first += 1
    while last > first and not looks_like_reference(joined(kept[last - 1])):
        last -= 1
    for group in kept[first:last]:
        a, b = group[0], group[-1]
        line = text[starts[a] : ends[a]]
        indent = len(line) - len(line.lstrip())
        table.add(starts[a] + indent, _content_end(text, starts[b], ends[b]), -1, -1)


def is_numbered(found: Sequence[Entry]) -> bool:
    """Every entry carries a number (`1.`, `[1]`, `1)`): citations may refer to them by it."""
    if isinstance(found, EntryTable):
        return found.numbered
    return len(found) > 0 and all(e.label.strip("[]().").isdigit() for e in found)


class EntryTable(Sequence[Entry]):
    """A plain list's entries kept as integer arrays, about 32 bytes an entry instead of the
    250 of Entry objects (a million-reference file); an Entry is made when one is asked for."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts, self.ends = array("q"), array("q")
        self.label_starts, self.label_ends = array("q"), array("q")  # -1: no label
        self.numbered = False  # every entry has a number for its label

    def add(self, start: int, end: int, label_start: int, label_end: int) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.label_starts.append(label_start)
        self.label_ends.append(label_end)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, i: int) -> Entry: ...
    @overload
    def __getitem__(self, i: slice) -> list[Entry]: ...
    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return Entry(self.label(i), "", self.span(i), self.label_span(i))

    def label(self, i: int) -> str:
        start = self.label_starts[i]
        return "" if start < 0 else self.text[start : self.label_ends[i]]

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


def read(source: Source) -> "Document":
    """A plain-text list as a document."""
    from . import Document

    # Entries of a plain list keep only their spans: the parser cuts their text from the file
    # when it reads them (linting.entry_text), so a huge list is not held twice.
    entries = entry_spans(source.text)
    doc = Document(
        source.path, source.text, "text", entries,  # type: ignore[arg-type]
        spans_of(entries), label_spans_of(entries),  # type: ignore[arg-type]
    )  # fmt: skip
    doc.numbered = is_numbered(entries)
    return doc
