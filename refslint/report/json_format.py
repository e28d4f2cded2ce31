"""A JSON array, one object per problem, in the shape ruff uses; written a finding at a time.

The text is exactly `json.dumps(findings, indent=2, ensure_ascii=False)`'s (tests/test_streaming.py
compares them), written from templates: a million findings take seconds, not minutes."""

from __future__ import annotations

from typing import TextIO

from . import LineIndex, ReportOptions, located
from .jsontext import string


def _where(index: LineIndex, start: int, end: int, pad: str) -> str:
    """`"location": {...}, "end_location": {...}` with members at `pad`."""
    row, col, end_row, end_col = index.positions(start, end)
    inner = pad + "  "
    return (
        f'{pad}"location": {{\n{inner}"row": {row},\n{inner}"column": {col}\n{pad}}},\n'
        f'{pad}"end_location": {{\n{inner}"row": {end_row},\n{inner}"column": {end_col}\n{pad}}}'
    )


def _fix(fix, index: LineIndex) -> str:
    if fix is None:
        return "null"
    edits = ",\n".join(
        f'        {{\n          "content": {string(e.replacement)},\n'
        f"{_where(index, e.span.start, e.span.end, '          ')}\n        }}"
        for e in fix.edits
    )
    edits = f"[\n{edits}\n      ]" if edits else "[]"
    return (
        f'{{\n      "applicability": {string(fix.applicability)},\n'
        f'      "message": {string(fix.message)},\n      "edits": {edits}\n    }}'
    )


def _related(related, index: LineIndex) -> str:
    if not related:
        return "[]"
    items = ",\n".join(
        f'      {{\n        "filename": {string(r.path)},\n        "message": {string(r.message)},\n'
        f"{_where(index, r.span.start, r.span.end, '        ')}\n      }}"
        for r in related
    )
    return f"[\n{items}\n    ]"


class Writer:
    def __init__(self, out: TextIO, options: ReportOptions) -> None:
        self.out = out
        self.count = 0
        self.names: dict[str, str] = {}  # path, code, rule name, level -> as JSON

    def _name(self, text: str) -> str:
        found = self.names.get(text)
        if found is None:
            found = self.names[text] = string(text)
        return found

    def item(self, d, index: LineIndex) -> str:
        """One finding, as the array's element (its first line unindented)."""
        name = self._name
        return (
            f'{{\n    "filename": {name(d.path)},\n    "code": {name(d.code)},\n    "name": {name(d.name)},\n'
            f'    "message": {string(d.message)},\n    "severity": {name(d.severity)},\n'
            f"{_where(index, d.span.start, d.span.end, '    ')},\n"
            f'    "fix": {_fix(d.fix, index)},\n    "related": {_related(d.related, index)}\n  }}'
        )

    def file(self, result) -> None:
        # Written a thousand findings at a time: a million calls to write cost a second.
        pending: list[str] = []
        for d, index in located(result):
            pending.append(("[\n  " if not self.count else ",\n  ") + self.item(d, index))
            self.count += 1
            if len(pending) >= 1000:
                self.out.write("".join(pending))
                pending = []
        if pending:
            self.out.write("".join(pending))

    def close(self, fixed: int = 0) -> None:
        self.out.write("\n]\n" if self.count else "[]\n")
