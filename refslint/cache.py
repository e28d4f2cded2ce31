"""Where refslint keeps what it can rebuild: the analysed grammars.

(The word lists are not cached: unmarshalling a 21,000-word set costs more than splitting the
shipped text file, because the hashing dominates either way.)

Lark's LALR analysis of a grammar takes longer than the rest of start-up together; Lark can
store it and check, on loading, that the grammar and options are unchanged. The store is a file
in the user's own cache folder (`$XDG_CACHE_HOME/refslint`, else `~/.cache/refslint`; not the
shared temporary folder, where another user could plant a file that Lark would unpickle). When
that folder cannot be written, or `REFSLINT_NO_CACHE` is set, grammars are analysed on each run.
"""

from __future__ import annotations

import os
import sys


def cache_folder() -> str | None:
    if os.environ.get("REFSLINT_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "refslint")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def grammar_cache(name: str) -> str | bool:
    """The `cache` argument for Lark: a file named for the grammar and the Lark and Python
    versions, or False (no cache)."""
    folder = cache_folder()
    if folder is None:
        return False
    import lark

    version = f"{lark.__version__}-py{sys.version_info[0]}{sys.version_info[1]}"
    return os.path.join(folder, f"{name}-grammar-{version}.lark")

