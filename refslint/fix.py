"""--fix: apply the edits of fixable findings, and nothing else.

Edits are applied in rounds: take the fixable findings whose edits do not overlap (the
earlier one wins), apply them, find what the fixed text holds, until nothing fixable is left.
Overlapping or dependent fixes are therefore applied one after another on fresh findings, never
on stale offsets, and fixing a fixed text changes nothing. The first round takes the findings
the report already has; in a plain list a round's findings are those of the round before, moved
past the edits, with only the references it edited checked again (`update`); the fixed text is
linted whole once, at the end, because list rules and house styles judge the whole list (and if
that lint finds more to fix, the rounds go on). Files are written atomically (a temporary file
in the same folder, then a rename) with their permissions, encoding and byte-order mark.
"""

from __future__ import annotations

import os
import stat
import tempfile
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable
from itertools import accumulate

from .model import Diagnostic, Edit, Record, Source, Span

MAX_ROUNDS = 10


class FixResult(Record):
    __slots__ = (
        "fixed",
        "remaining",
        "text",
    )

    def __init__(
        self,
        text: str,
        fixed: list[Diagnostic] | None = None,  # what was repaired, in order
        remaining: list[Diagnostic] | None = None,
    ) -> None:
        self.text = text
        self.fixed: list[Diagnostic] = [] if fixed is None else fixed
        self.remaining: list[Diagnostic] = [] if remaining is None else remaining

    def changed(self, original: str) -> bool:
        return self.text != original


def fixable(d: Diagnostic, unsafe: bool, unfixable: frozenset[str]) -> bool:
    if d.fix is None or d.code in unfixable:
        return False
    return d.fix.applicability == "safe" or unsafe


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits (sorted by position) to text."""
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        out.append(text[pos : e.span.start])
        out.append(e.replacement)
        pos = e.span.end
    out.append(text[pos:])
    return "".join(out)


def _choose(diagnostics: list[Diagnostic], unsafe: bool, unfixable: frozenset[str]) -> list[Diagnostic]:
    """Fixable findings whose edits overlap no edit already chosen (safe fixes first)."""
    candidates = [d for d in diagnostics if fixable(d, unsafe, unfixable)]
    candidates.sort(key=lambda d: (d.fix.applicability != "safe", d.span.start))  # type: ignore[union-attr]
    taken: list[tuple[int, int]] = []  # sorted
    longest = 0
    chosen = []
    for d in candidates:
        spans = [(e.span.start, e.span.end) for e in d.fix.edits]  # type: ignore[union-attr]
        # Only a span taken that starts at most `longest` before this one and not after its
        # end can overlap it (a list's thousands of fixes are not each compared with all).
        if any(_overlap(s, t) for s in spans for t in _near(taken, s, longest)):
            continue
        for span in spans:
            insort(taken, span)
            longest = max(longest, span[1] - span[0])
        chosen.append(d)
    return chosen


def _near(taken: list[tuple[int, int]], span: tuple[int, int], longest: int) -> list[tuple[int, int]]:
    """The spans taken that start between `longest` before the span and its end."""
    low = bisect_left(taken, (span[0] - longest, -1))
    return taken[low : bisect_right(taken, (span[1], span[1] + longest + 1), low)]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # Two insertions at the same point, or an insertion inside a replaced span, also conflict.
    if a[0] == a[1] or b[0] == b[1]:
        return b[0] <= a[0] <= b[1] or a[0] <= b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


# update(text, new_text, chosen, findings) -> the findings of new_text, worked out from the
# findings of text and the fixes chosen, or None when only a lint of the whole text will do.
Update = Callable[[str, str, list[Diagnostic], list[Diagnostic]], "list[Diagnostic] | None"]


def fix_text(
    text: str,
    lint: Callable[[str], list[Diagnostic]],
    unsafe: bool = False,
    unfixable: frozenset[str] = frozenset(),
    found: list[Diagnostic] | None = None,
    update: Update | None = None,
    apply: Callable[[str, list[Edit]], str] = apply_edits,
) -> FixResult:
    """Fix rounds until nothing fixable is left. `found`: the findings of text, when a lint of
    it was already made (the report's); `update`: the findings after a round worked out from
    those before it, re-checking only what the round's edits touched. What remains is always a
    lint of the whole fixed text (list rules judge the whole list), and when that lint finds
    more to fix, the rounds go on. `apply` makes a round's edits (a Word file's are spliced into
    its package, which gives the new text)."""
    result = FixResult(text)
    diagnostics = lint(text) if found is None else found
    whole = True  # the findings are a lint of the whole text
    for _ in range(MAX_ROUNDS):
        chosen = _choose(diagnostics, unsafe, unfixable)
        new = result.text
        if chosen:
            new = apply(result.text, [e for d in chosen for e in d.fix.edits])  # type: ignore[union-attr]
        if new == result.text:
            if whole:
                break
            diagnostics, whole = lint(result.text), True
            continue
        updated = update(result.text, new, chosen, diagnostics) if update is not None else None
        result.text = new
        result.fixed.extend(chosen)
        diagnostics, whole = (lint(new), True) if updated is None else (updated, False)
    if not whole:
        diagnostics = lint(result.text)
    result.remaining = diagnostics
    return result


def shifter(edits: list[Edit]) -> Callable[[Diagnostic], Diagnostic]:
    """What moves a finding to where its text is after the edits (sorted, none inside its
    spans)."""
    starts = [e.span.start for e in edits]
    deltas = list(accumulate(len(e.replacement) - (e.span.end - e.span.start) for e in edits))

    def at(pos: int) -> int:
        i = bisect_right(starts, pos) - 1
        # (An edit that starts at pos moves what follows it, not pos itself, unless it ends there.)
        while i >= 0 and starts[i] == pos and edits[i].span.end > pos:
            i -= 1
        return pos + (deltas[i] if i >= 0 else 0)

    def span(s: Span) -> Span:
        return Span(at(s.start), at(s.end))

    def shifted(d: Diagnostic) -> Diagnostic:
        fix = d.fix
        if fix is not None:
            fix = fix._replace(edits=tuple(Edit(span(e.span), e.replacement) for e in fix.edits))
        related = tuple(r._replace(span=span(r.span)) if r.path == d.path else r for r in d.related)
        return d._replace(span=span(d.span), fix=fix, related=related)

    return shifted


def encode(source: Source, text: str) -> bytes:
    if source.package is not None:  # a format that is not text: its writer made the file's bytes
        return source.package.data
    return source.bom + text.encode(source.encoding)


class WriteRefused(Exception):
    """The file is left as it was; the message says why."""


def write_atomic(path: str, data: bytes) -> None:
    """Replace the content of the file at path with data so that a crash leaves the old or the
    new file, never a truncated one. A symbolic link is followed: the file it points to is
    replaced and the link kept. The file's permission bits are kept. A file nobody may write,
    or one with other hard links (a rename would separate them), is refused."""
    target = os.path.realpath(path)
    folder = os.path.dirname(target)
    info = os.stat(target)
    mode = stat.S_IMODE(info.st_mode)
    if not mode & 0o222 or not os.access(target, os.W_OK):
        # A file nobody may write is left alone, even when running as root.
        raise WriteRefused("the file is read-only")
    if info.st_nlink > 1:
        raise WriteRefused(f"the file has {info.st_nlink} hard links")
    fd, tmp = tempfile.mkstemp(prefix=".refslint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
