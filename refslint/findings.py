"""A file's findings, kept compact until they are reported, and given back in report order.

A long list can have a finding on nearly every reference (two million of them): as live
Diagnostic objects they took more memory than the parsed chunks the engine is careful not to
hold. So findings are kept in position buckets (the engine's chunks) and packed a few thousand
at a time (pickled and compressed: a twentieth of their live size), and unpacked one bucket at
a time when they are reported. A short list's findings are never packed, nor a few thousand
live ones merged before a packed store (`_set_aside`).

The order is the one a stable sort by (start, code, end) of the findings, in the order they were
added, gives: within a bucket the findings are sorted when it is read back; buckets cover
successive stretches of the file, so reading them one after the other keeps that order.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence

from .model import Diagnostic

# Findings kept live in a bucket before they are packed: enough that packing costs little per
# finding, few enough that a bucket's live findings stay small next to its packed ones.
PACK_AT = 4_096
# Live findings a store keeps set aside in all its buckets (`Findings._set_aside`), ~16 MB.
ASIDE_AT_MOST = 16_384


def sort_key(d: Diagnostic) -> tuple[int, str, int]:
    return d.span.start, d.code, d.span.end


class Findings(Sequence[Diagnostic]):
    """Diagnostics in report order. `bounds`: the file offsets where buckets begin (the first
    is 0); a finding goes to the bucket its start falls in."""

    def __init__(self, bounds: Sequence[int] = (0,)) -> None:
        self.bounds = list(bounds) or [0]
        self._live: list[list[Diagnostic]] = [[] for _ in self.bounds]
        # Per bucket, what came before its live findings: packed pieces, and lists set aside
        # live (`_set_aside`), in the order they were added.
        self._packed: list[list[bytes | list[Diagnostic]]] = [[] for _ in self.bounds]
        self._aside = [0 for _ in self.bounds]  # findings in the lists set aside
        self._count = 0
        self.problems = 0  # findings that fail a run (not at level info)
        self._map: Callable[[Diagnostic], Diagnostic] | None = None

    # --- adding ---------------------------------------------------------------------------

    def add(self, diagnostic: Diagnostic) -> None:
        b = bisect_right(self.bounds, diagnostic.span.start) - 1 if len(self.bounds) > 1 else 0
        live = self._live[max(b, 0)]
        live.append(diagnostic)
        self._count += 1
        if diagnostic.severity != "info":
            self.problems += 1
        if len(live) >= PACK_AT:
            self._pack(max(b, 0))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        for d in diagnostics:
            self.add(d)

    def _pack(self, b: int) -> None:
        live = self._live[b]
        if live:
            self._packed[b].append(_packed(live))
            self._live[b] = []

    def _set_aside(self, b: int) -> None:
        """Put the bucket's live findings before what is merged next: as a list while the
        store's lists set aside hold few (packing 8,000 cost the merge of a 20,000-reference
        run's chunks 35 ms, and they are unpacked again to be reported), else packed."""
        live = self._live[b]
        if not live:
            return
        if sum(self._aside) + len(live) > ASIDE_AT_MOST:
            self._pack(b)
            return
        self._packed[b].append(live)
        self._aside[b] += len(live)
        self._live[b] = []

    def pack(self, always: bool = False) -> Findings:
        """Pack what is still live (before the findings travel to another process, or wait),
        if there are many (`always`: however few, also the lists set aside)."""
        if always or self._count >= PACK_AT:
            for b in range(len(self.bounds)):
                self._pack(b)
                if always and self._aside[b]:
                    self._packed[b] = [p if isinstance(p, bytes) else _packed(p) for p in self._packed[b]]
                    self._aside[b] = 0
        return self

    def merge(self, other: Findings) -> None:
        """Add another store's findings after this one's (the same buckets: chunks merged in
        chunk order)."""
        if other.bounds != self.bounds:
            self.extend(other)
            return
        for b in range(len(self.bounds)):
            if other._packed[b]:
                self._set_aside(b)  # what is here goes first
                self._packed[b].extend(other._packed[b])
                self._aside[b] += other._aside[b]
                self._live[b] = list(other._live[b])
            elif other._live[b]:  # (packing here first would pickle every small store merged)
                self._live[b].extend(other._live[b])
                if len(self._live[b]) >= PACK_AT:
                    self._set_aside(b)
        self._count += other._count
        self.problems += other.problems

    def transform(self, fn: Callable[[Diagnostic], Diagnostic]) -> None:
        """Apply `fn` to each finding as it is read (it must keep the finding's position and
        level)."""
        previous = self._map
        self._map = fn if previous is None else (lambda d: fn(previous(d)))

    def __getstate__(self) -> dict:
        """To travel to another process: what `transform` asks is done now (a function may not
        pickle)."""
        fn = self._map
        if fn is None:
            return self.__dict__
        baked = Findings(self.bounds)
        for b in range(len(self.bounds)):
            baked.extend(fn(d) for d in self._unpacked(b))
        return baked.pack().__dict__

    def _unpacked(self, b: int) -> list[Diagnostic]:
        """A bucket's findings in the order they were added."""
        found: list[Diagnostic] = []
        for piece in self._packed[b]:
            found.extend(_unpacked(piece) if isinstance(piece, bytes) else piece)
        found.extend(self._live[b])
        return found

    # --- reading --------------------------------------------------------------------------

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Diagnostic]:
        fn = self._map
        for b in range(len(self.bounds)):
            found = self._unpacked(b)
            found.sort(key=sort_key)
            if fn is not None:
                found = [fn(d) for d in found]
            yield from found

    def __getitem__(self, i):  # type: ignore[override]
        return list(self)[i]

    def __add__(self, other: Iterable[Diagnostic]) -> list[Diagnostic]:
        return [*self, *other]

    def __radd__(self, other: Iterable[Diagnostic]) -> list[Diagnostic]:
        return [*other, *self]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Findings({len(self)} in {len(self.bounds)} buckets)"


def ordered(diagnostics: Iterable[Diagnostic]) -> Findings:
    """Findings in report order, in one bucket (a short list, or findings mapped to new places)."""
    found = Findings()
    found.extend(diagnostics)
    return found


def _packed(found: list[Diagnostic]) -> bytes:
    import pickle  # (only long lists pack: a short run need not import them)
    import zlib

    return zlib.compress(pickle.dumps(found, pickle.HIGHEST_PROTOCOL), 1)


def _unpacked(piece: bytes) -> list[Diagnostic]:
    import pickle
    import zlib

    return pickle.loads(zlib.decompress(piece))
