"""Output formats. Each writes a report as the files' findings come (`Writer.file`, then
`Writer.close`), never holding more than one file's findings, and none re-parses anything.

Adding a format is one entry in OUTPUT_TABLE and a module here with a `Writer`; the command
line reads the table.
"""

import importlib
import io
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any, NamedTuple, Protocol, TextIO

from ..model import Source


class OutputFormat(NamedTuple):
    name: str  # --format NAME
    module: str  # the module of refslint.report whose `Writer` writes it (imported when used)
    description: str


OUTPUT_TABLE = (
    OutputFormat("text", "text", "`path:line:column: CODE message` lines, then a summary"),
    OutputFormat("json", "json_format", "a JSON array of findings, in the shape ruff uses"),
    OutputFormat("sarif", "sarif", "SARIF 2.1.0, for GitHub code scanning"),
    OutputFormat("github", "github", "GitHub Actions workflow annotations"),
    OutputFormat("junit", "junit", "JUnit XML, a test suite per file"),
)
OUTPUT_FORMATS = tuple(f.name for f in OUTPUT_TABLE)


class ReportOptions(NamedTuple):
    rules: Any = None  # the configuration's rules (SARIF describes them); refslint's own if None
    color: bool = False
    show_source: bool = False
    statistics: bool = False
    quiet: bool = False


class Writer(Protocol):
    def __init__(self, out: TextIO, options: ReportOptions) -> None: ...

    def file(self, result: Any) -> None:
        """Write one file's findings (a FileResult), in the order they come."""

    def close(self, fixed: int = 0) -> None:
        """Write what ends the report (`fixed`: how many problems --fix repaired)."""


def writer(fmt: str, out: TextIO, options: ReportOptions | None = None) -> Writer:
    found = next((f for f in OUTPUT_TABLE if f.name == fmt), None)
    if found is None:
        raise ValueError(fmt)
    module = importlib.import_module(f"{__name__}.{found.module}")
    return module.Writer(out, options or ReportOptions())


class LineIndex:
    """Offsets -> 1-based (line, column) in code points."""

    def __init__(self, text: str) -> None:
        # str.find runs in C: a 185 MB list is indexed in a fraction of a second (a Python
        # loop over its characters took half a minute). An array keeps 8 bytes a line.
        self.starts = starts = array("q", [0])
        find, add = text.find, starts.append
        i = find("\n")
        while i >= 0:
            add(i + 1)
            i = find("\n", i + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def positions(self, start: int, end: int) -> tuple[int, int, int, int]:
        """The positions of both ends of a span (a span mostly lies in one line: one search)."""
        starts = self.starts
        line = bisect_right(starts, start) - 1
        first = starts[line]
        if line + 1 < len(starts) and end >= starts[line + 1]:
            end_line = bisect_right(starts, end) - 1
        elif end < first:  # (an end before the start: searched as `position` would)
            end_line = bisect_right(starts, end) - 1
        else:
            end_line = line
        return line + 1, start - first + 1, end_line + 1, end - starts[end_line] + 1


def line_index(source: Source | None) -> LineIndex:
    return LineIndex(source.text if source else "")


def located(result) -> Iterator[tuple[Any, LineIndex]]:
    """A result's findings with the line index of its file (built only if there are any)."""
    index = None
    for d in result.diagnostics:
        if index is None:
            index = line_index(result.source)
        yield d, index


def render(fmt: str, results, rules=None) -> str:
    """The report in a machine format (json, sarif, github or junit) as one text, without its
    final line end. `rules`: the configuration's rules (SARIF describes them)."""
    out = io.StringIO()
    report = writer(fmt, out, ReportOptions(rules=rules))
    for result in results:
        report.file(result)
    report.close()
    return out.getvalue()[:-1]
