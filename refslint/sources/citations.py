"""Reading the numbers of a numbered citation: `1, 3-5` is 1, 3, 4, 5."""

from __future__ import annotations

import re

_PART = re.compile(r"(\d+)(?:\s*[-–—]\s*(\d+))?")
# A range wider than this is a typo or hostile input, not a citation of a thousand references.
MAX_RANGE = 500


def expand_numbers(text: str) -> tuple[str, ...]:
    numbers: list[str] = []
    for m in _PART.finditer(text):
        first = int(m.group(1))
        last = int(m.group(2)) if m.group(2) else first
        if last < first or last - first > MAX_RANGE:
            numbers.append(str(first))
            if m.group(2):
                numbers.append(str(last))
            continue
        numbers.extend(str(n) for n in range(first, last + 1))
    return tuple(numbers)
