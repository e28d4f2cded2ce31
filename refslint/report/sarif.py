"""SARIF 2.1.0, with what GitHub code scanning reads: a tool driver with rules (id, name, short
and full description, help), results with rule id and index, level, message, and a physical
location with a relative URI and a region (1-based lines and columns counted in Unicode code
points, declared by `columnKind`). The results array is written a finding at a time."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..checks import all_rules
from ..docs import FIX_WORDS
from . import ReportOptions, located
from .jsontext import STEP, string

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# Stands for the results array while the rest of the document is written by json.dumps.
_RESULTS = "\0results\0"


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


def _document(rules: list) -> dict:
    return {
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
                "results": _RESULTS,
            }
        ],
    }


class Writer:
    """The document around the results is json.dumps' own text, cut where the results go."""

    def __init__(self, out: TextIO, options: ReportOptions) -> None:
        self.out = out
        self.rules = list(options.rules if options.rules is not None else all_rules())
        self.index_of = {r.code: i for i, r in enumerate(self.rules)}
        self.uris: dict[str, str] = {}
        text = json.dumps(_document(self.rules), indent=2, ensure_ascii=False)
        self.head, _, self.tail = text.partition(json.dumps(_RESULTS))
        self.pad = self.head[self.head.rfind("\n") + 1 :].partition('"')[0]  # the key's indentation
        self.count = 0

    def _uri(self, path: str) -> str:
        uri = self.uris.get(path)
        if uri is None:
            uri = self.uris[path] = string(_uri(path))
        return uri

    def _physical(self, path: str, region: str, pad: str) -> str:
        """`"physicalLocation": {...}` at `pad`; `region`: its members' text."""
        p1, p2 = pad + STEP, pad + 2 * STEP
        return (
            f'{pad}"physicalLocation": {{\n{p1}"artifactLocation": {{\n{p2}"uri": {self._uri(path)},\n'
            f'{p2}"uriBaseId": "%SRCROOT%"\n{p1}}},\n{p1}"region": {{\n{region}\n{p1}}}\n{pad}}}'
        )

    def _item(self, d, lines, pad: str, package=None) -> str:
        """One result, as the array's element at `pad` (its first line unindented); `package`:
        a Word file's, whose paragraphs the region names."""
        p1, p2, p3 = pad + STEP, pad + 2 * STEP, pad + 3 * STEP
        p5 = p3 + 2 * STEP
        start, end = d.span.start, max(d.span.end, d.span.start)
        start_line, start_col, end_line, end_col = lines.positions(start, end)
        if (end_line, end_col) == (start_line, start_col):
            end_col += 1
        region = (
            f'{p5}"startLine": {start_line},\n{p5}"startColumn": {start_col},\n'
            f'{p5}"endLine": {end_line},\n{p5}"endColumn": {end_col}'
        )
        if package is not None:
            # A Word file has no lines: its paragraphs are numbered in order, notes last.
            where = package.location(start_line)
            said = f"paragraph {start_line} ({where}), character {start_col} of its text"
            region += f',\n{p5}"message": {{\n{p5}{STEP}"text": {string(said)}\n{p5}}}'
        text = (
            f'{{\n{p1}"ruleId": {string(d.code)},\n{p1}"ruleIndex": {self.index_of[d.code]},\n'
            f'{p1}"level": "{LEVELS[d.severity]}",\n'
            f'{p1}"message": {{\n{p2}"text": {string(d.message)}\n{p1}}},\n'
            f'{p1}"locations": [\n{p2}{{\n{self._physical(d.path, region, p3)}\n{p2}}}\n{p1}]'
        )
        if d.related:
            related = []
            for i, rel in enumerate(d.related):
                line, col = lines.position(rel.span.start)
                where = f'{p5}"startLine": {line},\n{p5}"startColumn": {col}'
                related.append(
                    f'{p2}{{\n{p3}"id": {i},\n{p3}"message": {{\n{p3}{STEP}"text": {string(rel.message)}\n'
                    f"{p3}}},\n{self._physical(rel.path, where, p3)}\n{p2}}}"
                )
            text += f',\n{p1}"relatedLocations": [\n' + ",\n".join(related) + f"\n{p1}]"
        return text + f"\n{pad}}}"

    def file(self, result) -> None:
        pad = self.pad + STEP
        package = result.source.package if result.source is not None else None
        for d, lines in located(result):
            if not self.count:
                self.out.write(self.head + "[")
            self.out.write(("\n" if not self.count else ",\n") + pad + self._item(d, lines, pad, package))
            self.count += 1

    def close(self, fixed: int = 0) -> None:
        if self.count:
            self.out.write("\n" + self.pad + "]" + self.tail + "\n")
        else:
            self.out.write(self.head + "[]" + self.tail + "\n")
