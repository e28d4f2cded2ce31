"""One report entry per file, in the order files first appear: a `.bib` checked on its own and
as the list a manuscript cites is reported once, its findings together. `merged` does it for
results already gathered; `InOrder` as results come, passing each on as soon as nothing later
can add to it, so a report is written while the run goes on."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from ..findings import ordered


def _merge(seen, result):
    """The result that stands for a file seen twice."""
    # The file's own lint (it has the document) leads; the other adds what it lacks.
    own_first = seen.document is not None or result.document is None
    first, second = (seen, result) if own_first else (result, seen)
    known = {(d.code, d.span, d.message) for d in first.diagnostics}
    extra = [d for d in second.diagnostics if (d.code, d.span, d.message) not in known]
    first.diagnostics = ordered([*first.diagnostics, *extra])
    first.references = max(first.references, second.references)
    first.source = first.source or second.source
    return first


def merged(results: Iterable) -> list:
    by_path: dict[str, object] = {}
    for result in results:
        seen = by_path.get(result.path)
        by_path[result.path] = result if seen is None else _merge(seen, result)
    return list(by_path.values())


class InOrder:
    """Results in, one per file out (`emit`), in the order files first appear.

    A result waits while a manuscript still to be linted could report in its file (`cites`:
    a file of a format whose citations may point into other files), or while its file's own
    lint is still to come; whatever follows a waiting result waits with it."""

    def __init__(self, emit: Callable[[object], None], files: list[str], cites: list[bool]) -> None:
        self.emit = emit
        self.pending: dict[str, object] = {}
        self.later = Counter(files)  # files not linted yet
        self.citing = sum(cites)  # ... of them, manuscripts

    def add(self, result) -> None:
        seen = self.pending.get(result.path)
        self.pending[result.path] = result if seen is None else _merge(seen, result)

    def linted(self, path: str, cites: bool) -> None:
        """`path` has been linted, its results added: pass on what is final."""
        self.later[path] -= 1
        self.citing -= cites
        if self.citing:
            return
        while self.pending:
            path = next(iter(self.pending))
            if self.later.get(path, 0) > 0:
                return
            self.emit(self.pending.pop(path))

    def close(self) -> None:
        while self.pending:
            path = next(iter(self.pending))
            self.emit(self.pending.pop(path))
