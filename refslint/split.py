"""A short list's rules in two processes at once: the rules whose first use costs most in a
fresh process (the journal catalogue's lookups, the word lists) run in a forked child while
this process runs the others, on the same parsed references.

A short run is mostly first use: on 200 references the journal rules spend ~11 ms looking up
~90 distinct names in the catalogue and the glued-words rule ~5 ms reading its word lists,
while the same rules in a warm process take a tenth of that. Split by rule, neither process
pays the other's first use, and the two shares take about as long as each other (about 25 and
23 ms on 200 references, against about 39 ms for all the rules in one process). Split by
reference (tried first), both processes would pay all of it.

Each rule runs whole in one process and findings are reported in (start, code, end) order, so
the report is the one a single process makes. Used only where it pays: a list of at least
SPLIT_AT references, fork available and safe (not macOS; no other thread running), more than
one CPU to run on, and `--jobs` other than 1 (the library's default is one process: it never
forks behind a caller's back). If the child fails in any way, its rules run here after all.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable
from typing import Any

from .checks import Rule

# From this many references a split pays for its fork (`benchmarks/startup.py --sizes`, two
# CPUs: 60 to 100 references gain up to 2 ms, 150 about 7, 200 about 11; 40 or fewer split
# lost up to 3 ms).
SPLIT_AT = 60

# The child's rules: the journal rules (one catalogue, ~90 us a distinct name the first time)
# and G004, which reads the ISO 4 and common-word lists first. Every other rule stays in this
# process (T001 too: it shares its title-case counts with T002, here, in the reference's memo).
_CHILD_PREFIXES = ("J",)
_CHILD_CODES = frozenset({"G004"})


def in_child(rule: Rule) -> bool:
    return rule.code.startswith(_CHILD_PREFIXES) or rule.code in _CHILD_CODES


def in_parent(rule: Rule) -> bool:
    return not in_child(rule)


def worthwhile(n: int, jobs: int) -> bool:
    """Whether a list of n references is checked in two processes."""
    return n >= SPLIT_AT and jobs > 1 and _can_fork() and _cpus() > 1


def _can_fork() -> bool:
    threading = sys.modules.get("threading")  # (forking a process with threads can deadlock)
    alone = threading is None or threading.active_count() == 1
    return alone and hasattr(os, "fork") and sys.platform != "darwin"


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class Child:
    """work() running in a forked child. `result()` waits for it and gives what it returned,
    or None when the child could not start or failed; `cancel()` ends it unasked.

    work() returns plain data, what marshal writes (Diagnostic.plain): marshal is loaded in
    every Python process already, pickle would cost 1.4 ms of each start to import."""

    def __init__(self, work: Callable[[], Any]) -> None:
        self.pid: int | None = None
        self._read: int | None = None
        try:
            read, write = os.pipe()
        except OSError:
            return
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:
            _run_child(work, read, write)  # (never returns)
        os.close(write)
        self.pid, self._read = pid, read

    def result(self) -> Any | None:
        if self.pid is None or self._read is None:
            return None
        with os.fdopen(self._read, "rb") as src:
            self._read = None
            data = src.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if status != 0 or not data:
            return None
        try:
            return marshal.loads(data)
        except (EOFError, ValueError, TypeError):  # (a truncated result: the rules run here instead)
            return None

    def cancel(self) -> None:
        if self._read is not None:
            os.close(self._read)
            self._read = None
        if self.pid is not None:
            import signal  # (only here: importing it costs ~0.5 ms of a start)

            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = None


def _run_child(work: Callable[[], Any], read: int, write: int) -> None:
    """In the child: work()'s result, marshalled, down the pipe; then the process ends at once
    (no exit handlers, no flushing of what the parent had buffered: those are the parent's)."""
    status = 1
    try:
        os.close(read)
        data = marshal.dumps(work())
        with os.fdopen(write, "wb") as out:
            out.write(data)
        status = 0
    except BaseException:  # (any failure: the parent checks these rules itself)
        pass
    finally:
        os._exit(status)
