"""Markdown manuscripts (`.md`, Quarto `.qmd`, R Markdown `.Rmd`).

The reference list is the content of a section whose heading names it ("References",
"Bibliography", "Literature cited", "Works cited", "Reference list"), up to the next heading of
the same or a higher level. Inside it entries are found as in a plain-text list (numbered,
bulleted, `[1]` lines or paragraphs); emphasis, links, autolinks, inline code, HTML tags and
entities are removed before parsing and every position maps back to the file. YAML front
matter, fenced code blocks and HTML comments are never read as references or citations.

Citations are read from the rest of the text: numbered ones (`[1]`, `[1, 3-5]`, `[1–3]`,
`^1^`, `<sup>1,2</sup>`) against a numbered list, and Pandoc ones (`[@key]`, `[see @a; @b]`,
`@key`) against the `.bib` files the front matter names under `bibliography:`.
"""

from __future__ import annotations

import html
import re

from ..mapped import MappedText
from ..model import Citation, Source, Span
from . import Document, mapped_document, plaintext
from .citations import expand_numbers
from .mdblocks import blank_ranges, code_block_lines, front_matter_end, inline_code_spans
from .suppressions import markdown_suppressions

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
# A list heading, with Pandoc/Quarto attributes (`# References {.unnumbered}`); not "Notes".
_LIST_NAME = re.compile(rf"(?:\d+\.?\s*)?(?:{plaintext.LIST_NAMES})\s*:?\s*(?:\{{[^}}]*\}})?", re.IGNORECASE)

_NUMBERS = r"\d{1,4}(?:\s*[-–—]\s*\d{1,4})?(?:\s*[,;]\s*\d{1,4}(?:\s*[-–—]\s*\d{1,4})?)*"
# `[1]` followed by `(` or `[` is a link; `[1]:` at the start of a line is a link reference
# definition (numeric_citations skips it), but `Theis [3]:` inside a sentence cites.
_NUMERIC_CITE = re.compile(
    rf"(?<![\w\]!\\])\[({_NUMBERS})\](?![(\[])|\^({_NUMBERS})\^|<sup>({_NUMBERS})</sup>"
)
_KEY = r"(?:\{[^{}]+\}|\w(?:[\w:.#$%&\-+?<>~/]*\w)?)"
_BRACKET_CITE = re.compile(r"(?<!\\)\[([^\[\]]*?@[^\[\]]*)\](?!\()")
_KEY_IN_BRACKET = re.compile(rf"(?<![\w.])-?@({_KEY})")
_INTEXT_KEY = re.compile(rf"(?<![\w@.\\\[])@({_KEY})")


def read(source: Source) -> Document:
    text = source.text
    masked = mask(text)
    sections = reference_sections(masked)
    labels, texts, fallbacks, label_spans = [], [], [], []
    for start, end in sections:
        for entry in plaintext.entries(masked[start:end]):
            span = entry.span.shift(start)
            labels.append(entry.label)
            texts.append(clean(text, span.start, span.end))
            fallbacks.append(span)
            label_spans.append(entry.label_span.shift(start) if entry.label_span else None)
    doc = mapped_document(source, "markdown", labels, texts, fallbacks, label_spans)
    doc.numbered = plaintext.is_numbered(doc.entries)
    prose = _blank(masked, sections)
    prose = blank_ranges(prose, inline_code_spans(prose))
    bibliographies, nocite = front_matter(text)
    doc.bibliographies = bibliographies
    doc.cites_all = "@*" in nocite
    doc.citations = numeric_citations(prose) + key_citations(prose)
    doc.citations.sort(key=lambda c: c.span.start)
    doc.citations.extend(
        Citation((m.group(1).strip("{}"),), Span(0, 0), in_text=False)
        for m in _KEY_IN_BRACKET.finditer(nocite)
    )
    doc.suppressions = markdown_suppressions(text, without_code(text), fallbacks)
    return doc


def front_matter(text: str) -> tuple[list[str], str]:
    """The bibliography files and the `nocite` text the YAML front matter names."""
    end = front_matter_end(text)
    if not end:
        return [], ""
    from ..yamlio import YAMLError, safe_load

    block = text[:end].strip().strip("-").strip(".")
    try:
        data = safe_load(block)
    except YAMLError:
        return [], ""
    if not isinstance(data, dict):
        return [], ""
    bib = data.get("bibliography") or []
    files = [bib] if isinstance(bib, str) else [str(b) for b in bib if isinstance(b, str | int)]
    nocite = data.get("nocite") or ""
    return files, nocite if isinstance(nocite, str) else " ".join(map(str, nocite))


def masked_blocks(text: str) -> str:
    """The text with front matter and code blocks (fenced and indented) blanked out, offsets
    kept: nothing in them is a reference, a citation or a suppression comment."""
    return blank_ranges(text, code_block_lines(text))


def mask(text: str) -> str:
    """Front matter, code blocks and HTML comments blanked out, offsets kept."""
    masked = masked_blocks(text)
    return _COMMENT.sub(lambda m: re.sub(r"[^\r\n]", " ", m.group(0)), masked)


def without_code(text: str) -> str:
    """Also inline code spans blanked: where suppression comments and citations are read."""
    masked = masked_blocks(text)
    return blank_ranges(masked, inline_code_spans(masked))


def reference_sections(masked: str) -> list[tuple[int, int]]:
    """(start, end) of the body of every section whose heading names a reference list."""
    lines = plaintext.split_lines(masked)
    headings: list[tuple[int, int, bool, int]] = []  # (line index, level, is a list heading, body start)
    for i, line in enumerate(lines):
        m = _ATX.match(line.text)
        if m:
            headings.append((i, len(m.group(1)), bool(_LIST_NAME.fullmatch(m.group(2).strip())), i + 1))
            continue
        if i + 1 < len(lines) and line.text.strip() and _SETEXT.match(lines[i + 1].text):
            if i == 0 or not lines[i - 1].text.strip():
                level = 1 if lines[i + 1].text.strip()[0] == "=" else 2
                headings.append((i, level, bool(_LIST_NAME.fullmatch(line.text.strip())), i + 2))
    sections = []
    for n, (_line, level, is_list, body) in enumerate(headings):
        if not is_list:
            continue
        end_line = next((j for j, lv, _l, _b in headings[n + 1 :] if lv <= level), len(lines))
        if body >= len(lines) or body >= end_line:
            continue
        end = lines[end_line - 1].end if end_line > 0 else 0
        sections.append((lines[body].start, end))
    return sections


def _blank(text: str, sections: list[tuple[int, int]]) -> str:
    for start, end in sections:
        text = text[:start] + re.sub(r"[^\r\n]", " ", text[start:end]) + text[end:]
    return text


def numeric_citations(prose: str) -> list[Citation]:
    found = []
    for m in _NUMERIC_CITE.finditer(prose):
        if prose.startswith(":", m.end()) and _starts_line(prose, m.start()):
            continue  # a link reference definition
        group = 1 if m.group(1) else 2 if m.group(2) else 3
        numbers = expand_numbers(m.group(group))
        if numbers:  # the span holds the numbers only: renumbering keeps the brackets
            found.append(Citation(numbers, Span(m.start(group), m.end(group))))
    return found


def _starts_line(text: str, pos: int) -> bool:
    """Only up to three spaces between the line's start and pos."""
    before = text[text.rfind("\n", 0, pos) + 1 : pos]
    return len(before) <= 3 and not before.strip()


def key_citations(prose: str) -> list[Citation]:
    found = []
    taken: list[tuple[int, int]] = []
    for m in _BRACKET_CITE.finditer(prose):
        keys = tuple(k.group(1).strip("{}") for k in _KEY_IN_BRACKET.finditer(m.group(1)))
        if keys:
            found.append(Citation(keys, Span(m.start(), m.end()), numeric=False))
            taken.append((m.start(), m.end()))
    for m in _INTEXT_KEY.finditer(prose):
        if any(a <= m.start() < b for a, b in taken):
            continue
        key = m.group(1).strip("{}")
        found.append(Citation((key,), Span(m.start(), m.end()), numeric=False))
    return found


# Inline markup inside an entry. Links and images are handled by _link; emphasis delimiters by
# the flanking test in _emphasis.
_INLINE = re.compile(
    r"(?P<esc>\\[!-/:-@\[-`{-~])"
    r"|(?P<auto><(?:https?|ftp|mailto|doi):[^<>\s]*>)"
    r"|(?P<link>!?\[)"
    r"|(?P<code>`+)"
    r"|(?P<tag></?(?:i|em|b|strong|sup|sub|span|br|a|u|cite|small|sc)\b[^<>]*>)"
    r"|(?P<ent>&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});)"
    r"|(?P<emph>\*+|_+)"
)
_LINK_TAIL = re.compile(
    r"\]\((?:<[^<>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)|\]\[[^\[\]]*\]"
)


def clean(text: str, start: int, end: int, out: MappedText | None = None) -> MappedText:
    """The entry text[start:end] without Markdown markup, mapped to the file."""
    out = out if out is not None else MappedText()
    pos = start
    pattern = _INLINE
    while pos < end:
        m = pattern.search(text, pos, end)
        if m is None:
            break
        out.copy(text, pos, m.start())
        kind = m.lastgroup
        pos = m.end()
        if kind == "esc":
            out.copy(text, m.start() + 1, m.end())
        elif kind == "auto":
            out.copy(text, m.start() + 1, m.end() - 1)
        elif kind == "link":
            pos = _link(text, m, end, out)
        elif kind == "code":
            close = text.find(m.group(0), m.end(), end)
            if close < 0:
                out.copy(text, m.start(), m.end())
            else:
                out.copy(text, m.end(), close)
                pos = close + len(m.group(0))
        elif kind == "ent":
            char = html.unescape(m.group(0))
            out.put(" " if char == "\xa0" else char, m.start(), m.end())
        elif kind == "emph" and not _is_delimiter(text, m.start(), m.end(), start, end):
            out.copy(text, m.start(), m.end())
        # a tag, or an emphasis delimiter: dropped
    out.copy(text, pos, end)
    return out


def _is_delimiter(text: str, a: int, b: int, lo: int, hi: int) -> bool:
    before = text[a - 1] if a > lo else " "
    after = text[b] if b < hi else " "
    opens = not after.isspace() and (before.isspace() or _punct(before))
    closes = not before.isspace() and (after.isspace() or _punct(after))
    if text[a] == "_" and before.isalnum() and after.isalnum():
        return False  # snake_case words keep their underscores
    return opens or closes


def _punct(c: str) -> bool:
    return not c.isalnum() and not c.isspace()


def _link(text: str, m: re.Match[str], end: int, out: MappedText) -> int:
    """`[text](url)`, `[text][ref]`, `![alt](src)`: keep the text. A bracket that is not a
    link (`[Internet]`, `[cited 2020 Jan 1]`) stays as it is."""
    depth, i = 1, m.end()
    while i < end and depth:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        depth += c == "["
        depth -= c == "]"
        i += 1
    if depth:
        out.copy(text, m.start(), m.end())
        return m.end()
    close = i - 1
    tail = _LINK_TAIL.match(text, close, end)
    if tail is None:
        out.copy(text, m.start(), m.end())
        return m.end()
    clean(text, m.end(), close, out)
    return tail.end()
