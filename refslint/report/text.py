"""`path:line:col: CODE [*] message`, then a summary line."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..api import FileResult
from . import line_index

COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
BOLD, RESET = "\033[1m", "\033[0m"


def render(
    results: Sequence[FileResult],
    *,
    color: bool = False,
    show_source: bool = False,
    show_fix_marker: bool = True,
) -> str:
    return "\n".join(lines(results, color=color, show_source=show_source, show_fix_marker=show_fix_marker))


def lines(
    results: Sequence[FileResult],
    *,
    color: bool = False,
    show_source: bool = False,
    show_fix_marker: bool = True,
) -> Iterator[str]:
    """The report a line at a time: a million findings are written, never held as one text."""
    for result in results:
        index = line_index(result.source)
        for d in result.diagnostics:
            row, col = index.position(d.span.start)
            marker = " [*]" if show_fix_marker and d.fix and d.fix.applicability == "safe" else ""
            code = f"{COLORS[d.severity]}{BOLD}{d.code}{RESET}" if color else d.code
            where = f"{BOLD}{d.path}{RESET}" if color else d.path
            # Errors and warnings fail the run; an info finding does not, so it says so.
            level = " info:" if d.severity == "info" else ""
            yield f"{where}:{row}:{col}: {code}{marker}{level} {d.message}"
            if show_source and result.source is not None:
                yield from _source_lines(result, d.span.start, d.span.end, index)


def _source_lines(result: FileResult, start: int, end: int, index) -> list[str]:
    text = result.source.text
    row, col = index.position(start)
    line_start = index.starts[row - 1]
    line_end = text.find("\n", line_start)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end].rstrip("\r")
    width = max(1, min(end, line_end) - start)
    return [f"    {line}", "    " + " " * (col - 1) + "^" * width]


def summary(results: Sequence[FileResult], *, fix_hint: bool = True, fixed: int = 0) -> str:
    """`Found N problems (M fixable ...).`, with info findings counted apart: they do not fail
    the run."""
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
