"""Where refslint keeps what it can rebuild, in the user's own cache folder
(`$XDG_CACHE_HOME/refslint`, else `~/.cache/refslint`; not the shared temporary folder, where
another user could plant a file that Lark would unpickle). When that folder cannot be written,
or `REFSLINT_NO_CACHE` is set, everything is rebuilt on each run. Deleting it is always safe.

* Lark's LALR analysis of a grammar (`grammar_cache`), which takes longer than the rest of
  start-up together; Lark checks, on loading, that the grammar and options are unchanged.
* The start-up memo (`Memo`): the shipped YAML, the journal table, the lexer's master
  pattern and the grammar's parse of each sequence of token types.

Only the command line keeps them on disk (`use_disk_cache`); a program calling the API keeps
them in memory for the life of the process.

(The word lists are not kept: unmarshalling a 21,000-word set costs more than splitting the
shipped text file, because the hashing dominates either way.)
"""

from __future__ import annotations

import os
import sys

# Whether this process keeps what it can rebuild on disk: the command line turns it on; a
# program that calls refslint's API keeps everything in memory and writes no files.
_ON_DISK = False


def use_disk_cache() -> None:
    """Keep the start-up memo and Lark's grammar analysis in the cache folder (the CLI)."""
    global _ON_DISK
    _ON_DISK = True


def cache_folder() -> str | None:
    if not _ON_DISK or os.environ.get("REFSLINT_NO_CACHE"):
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



class Memo:
    """Results of start-up work that depend only on refslint's own files and the Python that
    runs it (the parsed YAML of the shipped files, the parse of each shape of reference), kept
    from one run to the next in one file of the cache folder.

    A pre-commit run starts refslint once for a handful of files, so this work would otherwise
    be most of what it does. The file is read once, at the first lookup; what a run adds is
    written back when the run ends (atomically: a concurrent run or a kill leaves the old file
    or the new one). Everything is plain data (marshal, which cannot run code); a file written by
    another Python or refslint version, or damaged, is ignored and replaced."""

    # Entries. A run adds none beyond it; a memo loaded 90% full (patterns of old versions,
    # shapes of references of a grammar edited since) is dropped and grows again from nothing.
    LIMIT = 5_000

    def __init__(self) -> None:
        self._entries: dict | None = None
        self._changed = False
        self._path: str | None = None
        self._added: dict = {}  # what this process put, for `added` (a worker's, to its parent)

    def _stamp(self) -> tuple:
        from . import __version__

        return (2, sys.version, sys.implementation.cache_tag, __version__)

    def _load(self) -> dict:
        self._entries = {}
        folder = cache_folder()
        if folder is None:
            return self._entries
        self._path = os.path.join(folder, "startup.marshal")
        try:
            import marshal

            with open(self._path, "rb") as f:
                # loads(read()): marshal.load on a file reads it in many small pieces (20x slower)
                stamp, entries = marshal.loads(f.read())
            if stamp == self._stamp() and isinstance(entries, dict) and len(entries) < self.LIMIT * 0.9:
                self._entries = entries
        except (OSError, EOFError, ValueError, TypeError):
            pass  # no memo yet, or one to replace
        return self._entries

    def get(self, key: tuple):
        entries = self._entries if self._entries is not None else self._load()
        return entries.get(key)

    def put(self, key: tuple, value) -> None:
        entries = self._entries if self._entries is not None else self._load()
        if self._path is None or len(entries) >= self.LIMIT:
            return
        entries[key] = value
        self._added[key] = value
        if not self._changed:
            import atexit

            self._changed = True
            atexit.register(self.save)

    def added(self) -> dict:
        """What was put since the last call (a forked worker's new entries: its process ends
        without saving, so it hands them to the process that saves)."""
        added, self._added = self._added, {}
        return added

    def update(self, entries: dict) -> None:
        """Entries another process put (`added`)."""
        for key, value in entries.items():
            if _derived_from(key) is not None:
                self._put_derived(key, value)
            else:
                self.put(key, value)

    def derived(self, kind: str, path, build):
        """build(), for data derived from one of refslint's own files (its parsed YAML, a
        table made from a word list): kept serialised under the file's path, modification time
        and size, so an edited file is read again and every caller gets its own copy (a caller
        that changed the data could not change what later runs read). Data marshal cannot
        write (a YAML date) is rebuilt on every run."""
        import marshal

        stat = os.stat(path)
        key = (kind, str(path), stat.st_mtime_ns, stat.st_size)
        stored = self.get(key)
        if isinstance(stored, bytes):
            return marshal.loads(stored)
        data = build()
        try:
            self._put_derived(key, marshal.dumps(data))
        except ValueError:
            pass
        return data

    def _put_derived(self, key: tuple, value: bytes) -> None:
        """Put what was derived from a file, dropping what was derived from an earlier state of
        it (edited, or installed again: its time changed). A checkout installed a dozen times
        carried 2 MB of such entries, read at every start."""
        entries = self._entries if self._entries is not None else self._load()
        for stale in [k for k in entries if _derived_from(k) == key[:2] and k != key]:
            del entries[stale]
        self.put(key, value)

    def save(self) -> None:
        if not self._changed or self._path is None:
            return
        import marshal
        import tempfile

        self._changed = False
        folder = os.path.dirname(self._path)
        try:
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".startup-")
            with os.fdopen(fd, "wb") as f:
                marshal.dump((self._stamp(), self._entries), f)
            os.replace(tmp, self._path)
        except (OSError, ValueError):  # ValueError: a value marshal cannot write
            try:
                os.unlink(tmp)
            except (OSError, UnboundLocalError):
                pass


def _derived_from(key) -> tuple[str, str] | None:
    """(kind, path) of an entry `Memo.derived` made (its key: kind, path, time, size)."""
    if isinstance(key, tuple) and len(key) == 4 and isinstance(key[0], str) and isinstance(key[1], str):
        return key[0], key[1]
    return None


memo = Memo()
