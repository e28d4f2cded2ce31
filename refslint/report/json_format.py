"""A JSON array, one object per problem, in the shape ruff uses; written a finding at a time."""

from __future__ import annotations

from typing import TextIO

from . import LineIndex, ReportOptions, located
from .jsontext import array, obj, string

NULL = "null"


def _loc(index: LineIndex, offset: int, pad: str) -> str:
    row, col = index.position(offset)
    return obj(pad, [("row", str(row)), ("column", str(col))])


def item(d, index: LineIndex, pad: str) -> str:
    """One finding as the array's element at indentation `pad`."""
    inner = pad + "  "
    fix = NULL
    if d.fix is not None:
        deeper = inner + "  "
        edit_pad = deeper + "  "
        edits = [
            obj(
                edit_pad,
                [
                    ("content", string(e.replacement)),
                    ("location", _loc(index, e.span.start, edit_pad + "  ")),
                    ("end_location", _loc(index, e.span.end, edit_pad + "  ")),
                ],
            )
            for e in d.fix.edits
        ]
        fix = obj(
            inner,
            [
                ("applicability", string(d.fix.applicability)),
                ("message", string(d.fix.message)),
                ("edits", array(deeper, edits)),
            ],
        )
    rel_pad = inner + "  "
    related = [
        obj(
            rel_pad,
            [
                ("filename", string(r.path)),
                ("message", string(r.message)),
                ("location", _loc(index, r.span.start, rel_pad + "  ")),
                ("end_location", _loc(index, r.span.end, rel_pad + "  ")),
            ],
        )
        for r in d.related
    ]
    return obj(
        pad,
        [
            ("filename", string(d.path)),
            ("code", string(d.code)),
            ("name", string(d.name)),
            ("message", string(d.message)),
            ("severity", string(d.severity)),
            ("location", _loc(index, d.span.start, inner)),
            ("end_location", _loc(index, d.span.end, inner)),
            ("fix", fix),
            ("related", array(inner, related)),
        ],
    )


class Writer:
    def __init__(self, out: TextIO, options: ReportOptions) -> None:
        self.out = out
        self.count = 0

    def file(self, result) -> None:
        write = self.out.write
        for d, index in located(result):
            write(("[\n  " if not self.count else ",\n  ") + item(d, index, "  "))
            self.count += 1

    def close(self, fixed: int = 0) -> None:
        self.out.write("\n]\n" if self.count else "[]\n")
