"""A JSON array, one object per problem, in the shape ruff uses."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..api import FileResult
from . import LineIndex, line_index


def _loc(index: LineIndex, offset: int) -> dict[str, int]:
    row, col = index.position(offset)
    return {"row": row, "column": col}


def render(results: Sequence[FileResult]) -> str:
    out = []
    for result in results:
        index = line_index(result.source)
        for d in result.diagnostics:
            fix = None
            if d.fix is not None:
                fix = {
                    "applicability": d.fix.applicability,
                    "message": d.fix.message,
                    "edits": [
                        {
                            "content": e.replacement,
                            "location": _loc(index, e.span.start),
                            "end_location": _loc(index, e.span.end),
                        }
                        for e in d.fix.edits
                    ],
                }
            out.append(
                {
                    "filename": d.path,
                    "code": d.code,
                    "name": d.name,
                    "message": d.message,
                    "severity": d.severity,
                    "location": _loc(index, d.span.start),
                    "end_location": _loc(index, d.span.end),
                    "fix": fix,
                    "related": [
                        {
                            "filename": r.path,
                            "message": r.message,
                            "location": _loc(index, r.span.start),
                            "end_location": _loc(index, r.span.end),
                        }
                        for r in d.related
                    ],
                }
            )
    return json.dumps(out, indent=2, ensure_ascii=False)
