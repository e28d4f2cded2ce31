"""--fix: apply the edits of fixable findings, and nothing else.

Edits are applied in rounds: lint, take the fixable findings whose edits do not overlap (the
earlier one wins), apply them, lint again, until nothing fixable is left. Overlapping or
dependent fixes are therefore applied one after another on fresh findings, never on stale
offsets, and fixing a fixed text changes nothing. Files are written atomically (a temporary
file in the same folder, then a rename) with their permissions, encoding and byte-order mark.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field

from .model import Diagnostic, Edit, Source

MAX_ROUNDS = 10


@dataclass
class FixResult:
    text: str
    fixed: list[Diagnostic] = field(default_factory=list)  # what was repaired, in order
    remaining: list[Diagnostic] = field(default_factory=list)

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
    taken: list[tuple[int, int]] = []
    chosen = []
    for d in candidates:
        spans = [(e.span.start, e.span.end) for e in d.fix.edits]  # type: ignore[union-attr]
        if any(_overlap(s, t) for s in spans for t in taken):
            continue
        taken.extend(spans)
        chosen.append(d)
    return chosen


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # Two insertions at the same point, or an insertion inside a replaced span, also conflict.
    if a[0] == a[1] or b[0] == b[1]:
        return b[0] <= a[0] <= b[1] or a[0] <= b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


def fix_text(
    text: str,
    lint: Callable[[str], list[Diagnostic]],
    unsafe: bool = False,
    unfixable: frozenset[str] = frozenset(),
) -> FixResult:
    result = FixResult(text)
    diagnostics = lint(text)
    for _ in range(MAX_ROUNDS):
        chosen = _choose(diagnostics, unsafe, unfixable)
        if not chosen:
            break
        new = apply_edits(result.text, [e for d in chosen for e in d.fix.edits])  # type: ignore[union-attr]
        if new == result.text:
            break
        result.text = new
        result.fixed.extend(chosen)
        diagnostics = lint(new)
    result.remaining = diagnostics
    return result


def encode(source: Source, text: str) -> bytes:
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
