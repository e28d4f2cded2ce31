"""Lines of a sorted text looked up without splitting it: a short run asks a few hundred words of
a list of 34,000, and splitting the list (or unmarshalling a dict of it) cost more than the
whole lint of 200 references.

A `SortedText` keeps the list's UTF-8 bytes as read (decoding them, or scanning a decoded
non-ASCII text, costs more than the lookups of a short run) and, from its index, the first key
of every `STEP`-th line and where that line begins. A key is looked for by bisecting those
first keys (UTF-8 sorts as the code points do) for the block it would be in, and one search in
that block (about a kilobyte). The index is small (530 keys for 34,000 lines): the start-up
memo keeps it.
"""

from __future__ import annotations

from bisect import bisect_right

STEP = 64


class SortedText:
    """Lines `key` + `sep` + `value` (or `key` alone, with `sep` "\\n"), sorted by key, read
    from `data`: "\\n" + the lines, each ending with "\\n", in UTF-8."""

    def __init__(self, data: bytes, sep: str, index: tuple[list[bytes], list[int]] | None = None) -> None:
        if not data.startswith(b"\n") or not data.endswith(b"\n"):
            raise ValueError("the lines must be framed by newlines")
        self.data, self.sep = data, sep.encode()
        self.firsts, self.starts = index if index is not None else self.index(data, sep)

    @staticmethod
    def index(data: bytes, sep: str) -> tuple[list[bytes], list[int]]:
        """The key of every STEP-th line, and the offset of the newline before it."""
        firsts, starts = [], []
        separator = sep.encode()
        at, n = 0, 0
        end = len(data) - 1
        while at < end:
            line_end = data.find(b"\n", at + 1)
            if n % STEP == 0:
                stop = data.find(separator, at + 1, line_end)
                firsts.append(data[at + 1 : line_end if stop < 0 else stop])
                starts.append(at)
            at = line_end
            n += 1
        return firsts, starts

    def value(self, key: str) -> str | None:
        """The value of the line whose key is `key` (the last such line, as a dict built from
        the lines would keep), or None."""
        k = key.encode("utf-8", "surrogatepass")
        i = bisect_right(self.firsts, k) - 1
        if i < 0 or b"\n" in k or self.sep in k:
            return None
        start = self.starts[i]
        stop = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.data) - 1
        needle = b"\n" + k + self.sep
        data = self.data
        # (A line that begins at `stop` is the next block's first, whose key is greater.)
        at = data.find(needle, start, stop + len(needle))
        if at < 0:
            return None
        while True:  # a key listed twice: the later line
            end = data.find(b"\n", at + 1)
            if not data.startswith(needle, end):
                break
            at = end
        return data[at + len(needle) : end].decode() if self.sep != b"\n" else ""

    def __contains__(self, key: str) -> bool:
        return self.value(key) is not None


def framed(lines: list[str]) -> bytes:
    """Lines as the text a SortedText reads."""
    return ("\n" + "".join(line + "\n" for line in lines)).encode()
