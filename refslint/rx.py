"""Regular expressions compiled once per Python build, not once per run.

Compiling refslint's few hundred patterns (the parser's master pattern alone is 2,000
characters) takes about 20 ms, as long as the rest of linting a 200-reference file. Python
cannot save a compiled pattern, but the compiler's output is plain data: the `_sre` code (a
list of integers) with the group names. `compile` keeps that in the start-up memo
(cache.Memo, stamped with the exact Python build and `_sre.MAGIC`) and rebuilds the pattern
from it with `_sre.compile`, which validates the code. Anything unexpected (another Python, a
changed private API) falls back to `re.compile`; a cached pattern is checked once, when it is
stored, to be equal to what `re.compile` makes (Pattern equality compares the code).
"""

from __future__ import annotations

import re

from .cache import memo

# The private compiler and pattern parser of CPython 3.11+, or of 3.10; the parser is also what
# refslint reads patterns with (engine.literal_forms, yamlrules.nests_unbounded_repeats).
try:
    import _sre
    from re import _compiler  # type: ignore[attr-defined]
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import _sre
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

__all__ = ["compile", "sre_constants", "sre_parse"]


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    if flags & re.DEBUG:
        return re.compile(pattern, flags)
    flags = int(flags)
    key = ("re", pattern, flags)
    stored = memo.get(key)
    if stored is not None:
        try:
            return _sre.compile(pattern, *stored)
        except Exception:
            pass
    compiled = re.compile(pattern, flags)
    try:
        stored = _code(pattern, flags)
        if _sre.compile(pattern, *stored) == compiled:
            memo.put(key, stored)
    except Exception:
        pass
    return compiled


def _code(pattern: str, flags: int) -> tuple:
    """What re._compiler.compile passes to _sre.compile after the pattern (CPython 3.10-3.13)."""
    p = sre_parse.parse(pattern, flags)
    code = [int(c) for c in _compiler._code(p, flags)]  # opcodes are int subclasses
    groupindex = dict(p.state.groupdict)
    indexgroup = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (flags | p.state.flags, code, p.state.groups - 1, groupindex, tuple(indexgroup))
