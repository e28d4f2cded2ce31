"""Text derived from a file, with the way back to the file's own offsets.

Markdown and LaTeX entries are linted with their markup removed (`*Nature*` reads `Nature`,
`M\\'endez` reads `Méndez`) and BibTeX entries as a reference rendered from their fields. The
rules and the parser see only the derived text; every character of it remembers where it came
from:

* a *verbatim* character is the file's own character at one offset;
* a *translated* character stands for a stretch of the file (`é` for `\\'e`, `–` for `--`);
* a *made-up* character (a separator of a rendered BibTeX reference) comes from nowhere.

A finding's span maps to the stretch of the file its characters came from. A fix maps only when
every character it replaces is verbatim and contiguous in the file (or, for an insertion, when
it sits next to a verbatim character): markup is never rewritten, so a fix that would have to
touch it is dropped and the finding is reported without one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from .model import Diagnostic, Edit, Fix, Related, Span

_NOWHERE = -1


class MappedText:
    """Built piece by piece: `copy` file text verbatim, `put` a translation, `make` text."""

    __slots__ = ("_chunks", "_text", "ends", "starts", "verbatim")

    def __init__(self) -> None:
        self._chunks: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.verbatim: list[bool] = []
        self._text: str | None = None

    def copy(self, source: str, start: int, end: int) -> None:
        if end <= start:
            return
        self._chunks.append(source[start:end])
        self.starts.extend(range(start, end))
        self.ends.extend(range(start + 1, end + 1))
        self.verbatim.extend([True] * (end - start))
        self._text = None

    def put(self, text: str, start: int, end: int) -> None:
        """`text` stands for the file's characters start..end."""
        self._chunks.append(text)
        self.starts.extend([start] * len(text))
        self.ends.extend([end] * len(text))
        self.verbatim.extend([False] * len(text))
        self._text = None

    def make(self, text: str) -> None:
        self._chunks.append(text)
        self.starts.extend([_NOWHERE] * len(text))
        self.ends.extend([_NOWHERE] * len(text))
        self.verbatim.extend([False] * len(text))
        self._text = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(self._chunks)
        return self._text

    def __len__(self) -> int:
        return len(self.starts)

    def extend(self, other: MappedText) -> None:
        """Append another derived text, keeping where its characters came from."""
        self._chunks.append(other.text)
        self.starts.extend(other.starts)
        self.ends.extend(other.ends)
        self.verbatim.extend(other.verbatim)
        self._text = None

    def slice(self, a: int, b: int) -> MappedText:
        out = MappedText()
        out._chunks = [self.text[a:b]]
        out.starts, out.ends, out.verbatim = self.starts[a:b], self.ends[a:b], self.verbatim[a:b]
        return out

    def strip(self) -> MappedText:
        """The same text without leading and trailing white space."""
        text = self.text
        return self.slice(len(text) - len(text.lstrip()), len(text.rstrip()))

    def span(self, a: int, b: int) -> Span | None:
        """The stretch of the file that characters a..b came from (None if all made up)."""
        starts = [s for s in self.starts[a:b] if s != _NOWHERE]
        if starts:
            ends = [e for e in self.ends[a:b] if e != _NOWHERE]
            return Span(min(starts), max(ends))
        if a == b:
            if 0 < a <= len(self) and self.ends[a - 1] != _NOWHERE:
                return Span(self.ends[a - 1], self.ends[a - 1])
            if a < len(self) and self.starts[a] != _NOWHERE:
                return Span(self.starts[a], self.starts[a])
        return None

    def exact(self, a: int, b: int) -> Span | None:
        """The file span an edit of characters a..b may replace, or None when the edit would
        touch hidden markup or a made-up character, or cut a translation in two.

        The characters must come from one unbroken stretch of the file: each begins where
        the previous one ends (so no dropped markup lies between them), and a translated
        character (`–` for `--`) is replaced whole or not at all."""
        if a == b:  # an insertion goes right after a verbatim character, or before one
            if 0 < a <= len(self) and self.verbatim[a - 1]:
                return Span(self.ends[a - 1], self.ends[a - 1])
            if a < len(self) and self.verbatim[a]:
                return Span(self.starts[a], self.starts[a])
            return None
        starts, ends = self.starts, self.ends
        if starts[a] == _NOWHERE or (a > 0 and starts[a - 1] == starts[a] and not self.verbatim[a]):
            return None
        if b < len(self) and starts[b] == starts[b - 1] and not self.verbatim[b - 1]:
            return None
        for i in range(a, b - 1):
            same_group = starts[i + 1] == starts[i] and not self.verbatim[i]
            if starts[i + 1] == _NOWHERE or not (same_group or starts[i + 1] == ends[i]):
                return None
        return Span(starts[a], ends[b - 1])


class SpanMap:
    """Maps spans of the entries' derived texts, laid end to end (entry i starts at
    `offsets[i]`, as the parser saw it), back to the file."""

    def __init__(
        self, texts: list[MappedText], fallbacks: list[Span], encode: Callable[[str], str] | None = None
    ) -> None:
        self.texts = texts
        # How the format writes a fix's replacement text (TeX writes an en dash as `--`).
        self.encode = encode or (lambda text: text)
        self.fallbacks = fallbacks  # each entry's whole span in the file
        self.offsets: list[int] = []
        pos = 0
        for t in texts:
            self.offsets.append(pos)
            pos += len(t) + 1

    def _locate(self, offset: int) -> int:
        return max(0, bisect_right(self.offsets, offset) - 1)

    def span(self, span: Span) -> Span:
        i = self._locate(span.start)
        base = self.offsets[i]
        end = min(span.end - base, len(self.texts[i]))
        mapped = self.texts[i].span(span.start - base, max(end, span.start - base))
        return mapped if mapped is not None else self.fallbacks[i]

    def edit(self, edit: Edit) -> Edit | None:
        i = self._locate(edit.span.start)
        base = self.offsets[i]
        if edit.span.end - base > len(self.texts[i]):
            return None
        mapped = self.texts[i].exact(edit.span.start - base, edit.span.end - base)
        return Edit(mapped, self.encode(edit.replacement)) if mapped is not None else None

    def fix(self, fix: Fix | None) -> Fix | None:
        if fix is None:
            return None
        edits = [self.edit(e) for e in fix.edits]
        if any(e is None for e in edits):
            return None
        return Fix(fix.message, tuple(e for e in edits if e is not None), fix.applicability)

    def diagnostic(self, d: Diagnostic) -> Diagnostic:
        related = tuple(Related(r.path, self.span(r.span), r.message) for r in d.related)
        return d._replace(span=self.span(d.span), fix=self.fix(d.fix), related=related)
