"""SARIF 2.1.0, with what GitHub code scanning reads: a tool driver with rules (id, name, short
and full description, help), results with rule id and index, level, message, and a physical
location with a relative URI and a region (1-based lines and columns counted in Unicode code
points, declared by `columnKind`)."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from ..checks import all_rules
from ..docs import FIX_WORDS
from . import line_index

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    if path in ("-", "<text>"):
        return "stdin"
    p = Path(path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return os.path.relpath(p.resolve(), Path.cwd()).replace(os.sep, "/")


def _rule(r) -> dict:
    return {
        "id": r.code,
        "name": "".join(part.capitalize() for part in r.name.split("-")),
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.description},
        "help": {
            "text": f"{r.description}\nFlagged: {r.bad}\nCorrect: {r.good}\nFix: {FIX_WORDS[r.fix]}.",
            "markdown": f"{r.description}\n\nFlagged:\n\n```\n{r.bad}\n```\n\nCorrect:\n\n```\n{r.good}\n```",
        },
        "defaultConfiguration": {"level": LEVELS[r.level]},
        "properties": {"tags": ["references", r.family]},
    }


def render(results: Sequence, rules=None) -> str:
    rules = list(rules if rules is not None else all_rules())
    index_of = {r.code: i for i, r in enumerate(rules)}
    out = []
    for result in results:
        lines = line_index(result.source)
        for d in result.diagnostics:
            start_line, start_col = lines.position(d.span.start)
            end_line, end_col = lines.position(max(d.span.end, d.span.start))
            if (end_line, end_col) == (start_line, start_col):
                end_col += 1
            item = {
                "ruleId": d.code,
                "ruleIndex": index_of[d.code],
                "level": LEVELS[d.severity],
                "message": {"text": d.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(d.path), "uriBaseId": "%SRCROOT%"},
                            "region": {
                                "startLine": start_line,
                                "startColumn": start_col,
                                "endLine": end_line,
                                "endColumn": end_col,
                            },
                        }
                    }
                ],
            }
            if d.related:
                item["relatedLocations"] = [
                    {
                        "id": i,
                        "message": {"text": rel.message},
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(rel.path), "uriBaseId": "%SRCROOT%"},
                            "region": dict(
                                zip(("startLine", "startColumn"), lines.position(rel.span.start), strict=True)
                            ),
                        },
                    }
                    for i, rel in enumerate(d.related)
                ]
            out.append(item)
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "refslint",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/refslint/",
                        "rules": [_rule(r) for r in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
                "results": out,
            }
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False)
