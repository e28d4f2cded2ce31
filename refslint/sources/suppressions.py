"""Suppression comments, and the stretch of the file each one covers.

* Markdown: `<!-- refslint-disable-line CODE, CODE -->` covers the line it is on, or the whole
  entry that line belongs to (written at the end of a line, it changes nothing the document
  renders: `--add-noqa` writes this form); `<!-- refslint-disable-next-line CODE -->` covers the
  next non-blank line, or the whole entry that starts on it; `<!-- refslint-disable CODE -->`
  ... `<!-- refslint-enable -->` covers everything between (to the end of the file when not
  closed). Comments inside code (blocks or inline) are text, not directives.
* LaTeX and BibTeX: `% refslint: ignore[CODE, CODE]` covers the next non-blank line, or the whole
  entry (`\\bibitem`, `@article{...}`) that starts on it.

Without codes a comment covers every code. Codes may be given as codes or rule names.
"""

from __future__ import annotations

import re

from ..model import Span
from . import Suppression

_MD = re.compile(r"<!--\s*refslint-(disable-next-line|disable-line|disable|enable)\b(.*?)-->", re.DOTALL)
_TEX = re.compile(r"(?<!\\)%[ \t]*refslint:[ \t]*ignore(?:\[([^\]\n]*)\])?[^\n]*")


def parse_codes(text: str) -> tuple[str, ...]:
    return tuple(c for c in re.split(r"[\s,]+", text.strip()) if c)


def next_line_target(text: str, pos: int, entry_spans: list[Span]) -> Span:
    """The next non-blank line after pos, stretched to the end of an entry starting on it."""
    line_start = text.find("\n", pos)
    if line_start < 0:
        return Span(len(text), len(text))
    line_start += 1
    while True:
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        if text[line_start:line_end].strip() or line_end >= len(text):
            break
        line_start = line_end + 1
    end = line_end
    for span in entry_spans:
        if line_start <= span.start <= line_end:
            end = max(end, span.end)
            break
    return Span(line_start, end)


def own_line_target(text: str, pos: int, entry_spans: list[Span]) -> Span:
    """The line at pos, stretched to the whole of an entry that line belongs to."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    start, end = line_start, line_end
    for span in entry_spans:
        if span.start <= line_end and line_start <= span.end:
            start, end = min(start, span.start), max(end, span.end)
    return Span(start, end)


def markdown_suppressions(text: str, searchable: str, entry_spans: list[Span]) -> list[Suppression]:
    """Comments in `searchable` (the text with code blocks blanked) are read from `text`."""
    found: list[Suppression] = []
    open_: list[tuple[re.Match[str], tuple[str, ...]]] = []
    for m in _MD.finditer(searchable):
        kind, codes = m.group(1), parse_codes(m.group(2))
        span = Span(m.start(), m.end())
        if kind == "disable-next-line":
            found.append(Suppression(span, codes, next_line_target(text, m.end(), entry_spans), m.group(0)))
        elif kind == "disable-line":
            found.append(Suppression(span, codes, own_line_target(text, m.start(), entry_spans), m.group(0)))
        elif kind == "disable":
            open_.append((m, codes))
        else:
            still = []
            for opened, opened_codes in open_:
                if not codes or set(codes) & set(opened_codes) or not opened_codes:
                    found.append(
                        Suppression(
                            Span(opened.start(), opened.end()),
                            opened_codes,
                            Span(opened.end(), m.start()),
                            opened.group(0),
                        )
                    )
                else:
                    still.append((opened, opened_codes))
            open_ = still
    for opened, opened_codes in open_:
        found.append(
            Suppression(
                Span(opened.start(), opened.end()),
                opened_codes,
                Span(opened.end(), len(text)),
                opened.group(0),
            )
        )
    found.sort(key=lambda s: s.span.start)
    return found


def tex_suppressions(text: str, entry_spans: list[Span]) -> list[Suppression]:
    return [
        Suppression(
            Span(m.start(), m.end()),
            parse_codes(m.group(1) or ""),
            next_line_target(text, m.end(), entry_spans),
            m.group(0),
        )
        for m in _TEX.finditer(text)
    ]
