"""`path:line:col: CODE [*] message`, then a summary line; written a finding at a time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TextIO

from . import ReportOptions, located

COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
BOLD, RESET = "\033[1m", "\033[0m"


def render(
    results: Sequence, *, color: bool = False, show_source: bool = False, show_fix_marker: bool = True
) -> str:
    return "\n".join(lines(results, color=color, show_source=show_source, show_fix_marker=show_fix_marker))


def lines(
    results: Iterable, *, color: bool = False, show_source: bool = False, show_fix_marker: bool = True
) -> Iterator[str]:
    """The report a line at a time: a million findings are written, never held as one text."""
    for result in results:
        for d, index in located(result):
            yield from _finding(d, result, index, color, show_source, show_fix_marker)


def _finding(d, result, index, color: bool, show_source: bool, show_fix_marker: bool = True) -> list[str]:
    row, col = index.position(d.span.start)
    marker = " [*]" if show_fix_marker and d.fix and d.fix.applicability == "safe" else ""
    code = f"{COLORS[d.severity]}{BOLD}{d.code}{RESET}" if color else d.code
    where = f"{BOLD}{d.path}{RESET}" if color else d.path
    # Errors and warnings fail the run; an info finding does not, so it says so.
    level = " info:" if d.severity == "info" else ""
    line, shown = row, ""
    package = result.source.package if result.source is not None else None
    if package is not None:  # a Word file: `¶214`, and the list number Word shows (not in the text)
        line, number = package.location(row), package.number_of(row)
        shown = f" (reference {number})" if number and f"reference {number}" not in d.message else ""
    found = [f"{where}:{line}:{col}: {code}{marker}{level} {d.message}{shown}"]
    if show_source and result.source is not None:
        found += _source_lines(result, d.span.start, d.span.end, index)
    return found


def _source_lines(result, start: int, end: int, index) -> list[str]:
    text = result.source.text
    row, col = index.position(start)
    line_start = index.starts[row - 1]
    line_end = text.find("\n", line_start)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end].rstrip("\r")
    width = max(1, min(end, line_end) - start)
    return [f"    {line}", "    " + " " * (col - 1) + "^" * width]


class Tally:
    """What the summary and --statistics count, gathered as findings are written."""

    def __init__(self) -> None:
        self.problems = self.fixable = self.unsafe = self.infos = self.references = 0
        self.by_rule: Counter[tuple[str, str]] = Counter()
        self.fixable_by_rule: Counter[str] = Counter()

    def add(self, result) -> None:
        self.references += result.references
        for d in result.diagnostics:
            self.count(d)

    def count(self, d) -> None:
        safe = d.fix is not None and d.fix.applicability == "safe"
        self.by_rule[(d.code, d.name)] += 1
        if safe:
            self.fixable_by_rule[d.code] += 1
        if d.severity == "info":
            self.infos += 1
            return
        self.problems += 1
        if safe:
            self.fixable += 1
        elif d.fix is not None and d.fix.applicability == "unsafe":
            self.unsafe += 1

    def summary(self, *, fix_hint: bool = True, fixed: int = 0) -> str:
        """`Found N problems (M fixable ...).`, with info findings counted apart: they do not
        fail the run."""
        done = f"Fixed {fixed} problem{'s' if fixed != 1 else ''}. " if fixed else ""
        infos = self.infos
        notes = f" {infos} info finding{'s' if infos != 1 else ''} (not problems)." if infos else ""
        if not self.problems:
            n = self.references
            return done + f"All clean: {n} reference{'s' if n != 1 else ''} checked." + notes
        n = self.problems
        text = done + f"Found {n} problem{'s' if n != 1 else ''}"
        if fix_hint and self.fixable:
            text += f" ({self.fixable} fixable with `refslint --fix`"
            text += f", {self.unsafe} more with `--unsafe-fixes`)" if self.unsafe else ")"
        return text + "." + notes

    def statistics(self) -> str:
        """Counts per rule, most frequent first; `[*]` where a safe fix exists."""
        counts, fixable = self.by_rule, self.fixable_by_rule
        width = max((len(str(n)) for n in counts.values()), default=1)
        return "\n".join(
            f"{n:>{width}}  {code}  {'[*]' if fixable[code] else '   '} {name}"
            for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        )


def summary(results: Iterable, *, fix_hint: bool = True, fixed: int = 0) -> str:
    tally = Tally()
    for result in results:
        tally.add(result)
    return tally.summary(fix_hint=fix_hint, fixed=fixed)


class Writer:
    def __init__(self, out: TextIO, options: ReportOptions) -> None:
        self.out, self.options = out, options
        self.tally = Tally()

    def file(self, result) -> None:
        write, count, options = self.out.write, self.tally.count, self.options
        self.tally.references += result.references
        for d, index in located(result):
            for line in _finding(d, result, index, options.color, options.show_source):
                write(line + "\n")
            count(d)

    def close(self, fixed: int = 0) -> None:
        if self.options.statistics:
            stats = self.tally.statistics()
            if stats:
                self.out.write(stats + "\n")
        if not self.options.quiet:
            self.out.write(self.tally.summary(fixed=fixed) + "\n")
