"""Output formats. Each reporter turns file results into text; none re-parses anything."""

from __future__ import annotations

from bisect import bisect_right

from ..model import Source


class LineIndex:
    """Offsets -> 1-based (line, column) in code points."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.starts.append(i + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


def line_index(source: Source | None) -> LineIndex:
    return LineIndex(source.text if source else "")


def render(fmt: str, results) -> str:
    """The report in a machine format: json, sarif, github or junit."""
    if fmt == "json":
        from . import json_format

        return json_format.render(results)
    if fmt == "sarif":
        from . import sarif

        return sarif.render(results)
    if fmt == "github":
        from . import github

        return github.render(results)
    if fmt == "junit":
        from . import junit

        return junit.render(results)
    raise ValueError(fmt)
