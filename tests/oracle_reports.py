"""The reports as refslint wrote them before they were streamed: every format built whole in
memory from the finished results. Kept verbatim as the oracle the streamed reports must equal
byte for byte (tests/test_streaming.py); not used by refslint itself. The Word locations (`¶n`
and the list number in text, the region's message in SARIF) are issue 15's additions to these
renderers, copied as it wrote them."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

from refslint import __version__
from refslint.checks import all_rules
from refslint.docs import FIX_WORDS
from refslint.report import LineIndex, line_index


def by_file(results: list) -> list:
    """cli._by_file as it was: one result per file, in the order files first appear."""
    merged: dict[str, object] = {}
    for result in results:
        seen = merged.get(result.path)
        if seen is None:
            merged[result.path] = result
            continue
        own_first = seen.document is not None or result.document is None
        first, second = (seen, result) if own_first else (result, seen)
        known = {(d.code, d.span, d.message) for d in first.diagnostics}
        extra = [d for d in second.diagnostics if (d.code, d.span, d.message) not in known]
        first.diagnostics = sorted(
            [*first.diagnostics, *extra], key=lambda d: (d.span.start, d.code, d.span.end)
        )
        first.references = max(first.references, second.references)
        first.source = first.source or second.source
        merged[result.path] = first
    return list(merged.values())


# --- text -------------------------------------------------------------------------------------


def text_report(results, *, show_source=False, statistics=False, quiet=False, fixed=0) -> str:
    out = []
    for result in results:
        index = line_index(result.source)
        package = result.source.package if result.source is not None else None
        for d in result.diagnostics:
            row, col = index.position(d.span.start)
            line = row if package is None else package.location(row)  # a Word file: `¶214`
            marker = " [*]" if d.fix and d.fix.applicability == "safe" else ""
            level = " info:" if d.severity == "info" else ""
            number = "" if package is None else package.number_of(row)  # not in the paragraph's text
            shown = f" (reference {number})" if number and f"reference {number}" not in d.message else ""
            out.append(f"{d.path}:{line}:{col}: {d.code}{marker}{level} {d.message}{shown}\n")
            if show_source and result.source is not None:
                out.extend(line + "\n" for line in _source_lines(result, d.span.start, d.span.end, index))
    if statistics:
        stats = _statistics(results)
        if stats:
            out.append(stats + "\n")
    if not quiet:
        out.append(_summary(results, fixed=fixed) + "\n")
    return "".join(out)


def _source_lines(result, start: int, end: int, index) -> list[str]:
    text = result.source.text
    row, col = index.position(start)
    line_start = index.starts[row - 1]
    line_end = text.find("\n", line_start)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end].rstrip("\r")
    width = max(1, min(end, line_end) - start)
    return [f"    {line}", "    " + " " * (col - 1) + "^" * width]


def _summary(results, *, fix_hint: bool = True, fixed: int = 0) -> str:
    diagnostics = [d for r in results for d in r.diagnostics if d.severity != "info"]
    infos = sum(1 for r in results for d in r.diagnostics if d.severity == "info")
    done = f"Fixed {fixed} problem{'s' if fixed != 1 else ''}. " if fixed else ""
    notes = f" {infos} info finding{'s' if infos != 1 else ''} (not problems)." if infos else ""
    if not diagnostics:
        n = sum(r.references for r in results)
        return done + f"All clean: {n} reference{'s' if n != 1 else ''} checked." + notes
    fixable = sum(1 for d in diagnostics if d.fix and d.fix.applicability == "safe")
    unsafe = sum(1 for d in diagnostics if d.fix and d.fix.applicability == "unsafe")
    n = len(diagnostics)
    text = done + f"Found {n} problem{'s' if n != 1 else ''}"
    if fix_hint and fixable:
        text += f" ({fixable} fixable with `refslint --fix`"
        text += f", {unsafe} more with `--unsafe-fixes`)" if unsafe else ")"
    return text + "." + notes


def _statistics(results: list) -> str:
    counts: Counter[tuple[str, str]] = Counter()
    fixable: Counter[str] = Counter()
    for r in results:
        for d in r.diagnostics:
            counts[(d.code, d.name)] += 1
            if d.fix and d.fix.applicability == "safe":
                fixable[d.code] += 1
    width = max((len(str(n)) for n in counts.values()), default=1)
    return "\n".join(
        f"{n:>{width}}  {code}  {'[*]' if fixable[code] else '   '} {name}"
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )


# --- json -------------------------------------------------------------------------------------


def _loc(index: LineIndex, offset: int) -> dict[str, int]:
    row, col = index.position(offset)
    return {"row": row, "column": col}


def json_report(results) -> str:
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
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


# --- sarif ------------------------------------------------------------------------------------

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


def sarif_report(results, rules=None) -> str:
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
            if result.source is not None and result.source.package is not None:
                # A Word file has no lines: its paragraphs are numbered in order, notes last.
                where = result.source.package.location(start_line)
                item["locations"][0]["physicalLocation"]["region"]["message"] = {
                    "text": f"paragraph {start_line} ({where}), character {start_col} of its text"
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
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


# --- github -----------------------------------------------------------------------------------

GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_report(results) -> str:
    lines = []
    for result in results:
        index = line_index(result.source)
        for d in result.diagnostics:
            row, col = index.position(d.span.start)
            end_row, end_col = index.position(d.span.end)
            props = [f"file={_escape_property(d.path)}", f"line={row}", f"col={col}"]
            if end_row == row:
                props.append(f"endColumn={end_col}")
            else:
                props.append(f"endLine={end_row}")
            props.append(f"title={_escape_property(f'refslint {d.code} ({d.name})')}")
            lines.append(f"::{GITHUB_LEVELS[d.severity]} {','.join(props)}::{_escape_data(f'{d.code} {d.message}')}")
    return "\n".join(lines) + "\n"


# --- junit ------------------------------------------------------------------------------------


def junit_report(results) -> str:
    suites = ET.Element("testsuites", name="refslint")
    total = failures = 0
    for result in results:
        index = line_index(result.source)
        n = len(result.diagnostics)
        suite = ET.SubElement(
            suites, "testsuite", name=result.path, tests=str(max(n, 1)), failures=str(n), errors="0"
        )
        if not n:
            ET.SubElement(suite, "testcase", name=f"{result.path}: no problems", classname=result.path)
        for d in result.diagnostics:
            row, col = index.position(d.span.start)
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{d.code} at {row}:{col}",
                classname=result.path,
                file=result.path,
                line=str(row),
            )
            failure = ET.SubElement(case, "failure", message=f"{d.code} {d.message}", type=d.code)
            failure.text = f"{d.path}:{row}:{col}: {d.code} {d.message}"
        total += max(n, 1)
        failures += n
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


REPORTS = {"json": json_report, "sarif": sarif_report, "github": github_report, "junit": junit_report}
