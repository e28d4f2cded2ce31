"""Output formats. Each reporter turns file results into text; none re-parses anything."""

from __future__ import annotations

from array import array
from bisect import bisect_right

from ..model import Source


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


def line_index(source: Source | None) -> LineIndex:
    return LineIndex(source.text if source else "")


def render(fmt: str, results, rules=None) -> str:
    """The report in a machine format: json, sarif, github or junit. `rules`: the
    configuration's rules (SARIF describes them); refslint's own when not given."""
    if fmt == "json":
        from . import json_format

        return json_format.render(results)
    if fmt == "sarif":
        from . import sarif

        return sarif.render(results, rules)
    if fmt == "github":
        from . import github

        return github.render(results)
    if fmt == "junit":
        from . import junit

        return junit.render(results)
    raise ValueError(fmt)
