"""Where a Markdown file holds code: YAML front matter, fenced code blocks, indented code blocks
and inline code spans. Text there is shown as written, so refslint reads no references,
citations or suppression comments in it (a CONTRIBUTING.md that quotes
`<!-- refslint-disable-next-line P005 -->` in backticks documents a comment; it is not one).

The block scan follows CommonMark for what matters here: a fence opens with three backticks or
tildes indented less than four columns past the enclosing list item's content and closes with
a like fence at least as long; an indented code block is a line indented four or more columns
past the list item's content that does not continue a paragraph; list items (`-`, `*`, `+`,
`1.`, `1)`) set where their content starts. Tabs count to the next multiple of four columns.
Not modelled: block quotes (their lines are read as text), HTML blocks. Tests compare it with
markdown-it-py, a CommonMark implementation.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"(`{3,}|~{3,})")
_ITEM = re.compile(r"([-+*]|\d{1,9}[.)])(?=[ \t]|$)")
_THEMATIC = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_ATX = re.compile(r"#{1,6}(?:[ \t]|$)")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_INLINE_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)


def _columns(line: str) -> tuple[int, int]:
    """(indentation in columns, index of the first character that is not a space or tab)."""
    col = i = 0
    while i < len(line) and line[i] in " \t":
        col = col + 4 - col % 4 if line[i] == "\t" else col + 1
        i += 1
    return col, i


def front_matter_end(text: str) -> int:
    if not text.startswith("---"):
        return 0
    m = re.match(r"---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", text, re.DOTALL)
    return m.end() if m else 0


def code_block_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line that belongs to front matter or a code block."""
    out: list[tuple[int, int]] = []
    end_fm = front_matter_end(text)
    if end_fm:
        out.append((0, end_fm))
    pos = end_fm
    items: list[int] = []  # content columns of the open list items, innermost last
    fence: tuple[str, int] | None = None  # an open fence: its characters, its container's column
    paragraph = False  # the previous line continues a paragraph (it may absorb the next)
    blank_before = True
    in_indented = False
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end].rstrip("\r")
        nxt = len(text) if nl < 0 else nl + 1
        col, first = _columns(line)
        blank = first == len(line)
        if fence is not None:
            chars, base = fence
            if blank or col >= base:
                out.append((pos, end))
                m = _FENCE.match(line, first)
                if m and col - base < 4 and m.group(1)[0] == chars[0] and len(m.group(1)) >= len(chars):
                    if not line[m.end() :].strip():
                        fence = None
                pos = nxt
                continue
            fence = None  # a line left of the list item's content closes the item and the fence
        if blank:
            blank_before, paragraph = True, False
            if in_indented:
                out.append((pos, end))
            pos = nxt
            continue
        base = items[-1] if items else 0
        # Inside a list, a marker left of the item's content starts a sibling item even in a
        # paragraph; only a list's first item may not interrupt one (unless it starts at 1).
        sibling = bool(items) and col < items[-1]
        starts_block = _starts_block(line, first, paragraph and not sibling)
        # A line left of the innermost item's content closes items, unless it is a paragraph's
        # lazy continuation (text right after text that starts no block of its own).
        if not (paragraph and not blank_before and not starts_block):
            while items and col < items[-1]:
                items.pop()
        base = items[-1] if items else 0
        if col - base >= 4 and not paragraph:
            out.append((pos, end))
            in_indented, blank_before = True, False
            pos = nxt
            continue
        in_indented = False
        blank_before = False
        m = _FENCE.match(line, first)
        if m and col - base < 4 and not ("`" in line[m.end() :] and m.group(1)[0] == "`"):
            fence = (m.group(1), base)
            out.append((pos, end))
            paragraph = False
            pos = nxt
            continue
        item = _ITEM.match(line, first)
        if item and col - base < 4 and not _THEMATIC.match(line, first) and (
            not paragraph or sibling or _opens_item_in_paragraph(line, item)
        ):
            after = item.end()
            spaces, content = _columns(line[after:])
            marker_end = col + (item.end() - first)
            if content == len(line) - after:  # an empty item: content starts one column after
                items.append(marker_end + 1)
                paragraph = False
            else:
                width = spaces if spaces <= 4 else 1
                items.append(marker_end + width)
                rest = line[after + content :]
                opened = _FENCE.match(rest)
                if opened and spaces <= 4:
                    fence = (opened.group(1), marker_end + width)
                    out.append((pos, end))
                # Five spaces or more after the marker: the content is an indented code block.
                paragraph = not (opened or _ATX.match(rest) or spaces > 4)
            pos = nxt
            continue
        if paragraph and 0 <= col - base < 4 and _SETEXT.match(line, first):
            paragraph = False  # the underline of a Setext heading ends it
        else:
            paragraph = not (_ATX.match(line, first) or _THEMATIC.match(line, first))
        pos = nxt
    return out


def _starts_block(line: str, first: int, paragraph: bool) -> bool:
    """Does this line start a block of its own (not continue a paragraph lazily)?"""
    if _ATX.match(line, first) or _THEMATIC.match(line, first) or _FENCE.match(line, first):
        return True
    if line.startswith(">", first):  # a block quote (read as text, but it ends a list item)
        return True
    item = _ITEM.match(line, first)
    return bool(item) and (not paragraph or _opens_item_in_paragraph(line, item))


def _opens_item_in_paragraph(line: str, item: re.Match[str]) -> bool:
    """CommonMark: inside a paragraph, a list item may start only with content, and an
    ordered one only at 1."""
    rest = line[item.end() :]
    if not rest.strip():
        return False
    marker = item.group(1)
    return not marker[0].isdigit() or marker[:-1] == "1"


def blank_ranges(text: str, ranges: list[tuple[int, int]]) -> str:
    """text with the characters of the ranges (but not line breaks) turned into spaces."""
    if not ranges:
        return text
    chars = list(text)
    for start, end in ranges:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


def inline_code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each inline code span (`code`, ``a ` b``) of text, which should have
    its code blocks blanked already. A span never crosses a blank line (a paragraph's end)."""
    spans = []
    for m in _INLINE_CODE.finditer(text):
        if "\n\n" in m.group(0) or "\n\r\n" in m.group(0):
            continue
        spans.append((m.start(), m.end()))
    return spans
