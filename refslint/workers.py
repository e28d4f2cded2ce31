"""Worker processes for the chunks of one long list (api) and for many files (cli).

Where it is safe, workers are forked: they start with the parent's memory, so a 185 MB list
(or a configuration with compiled rules) is shared, not pickled. Where fork is unsafe or
missing (macOS, whose system libraries may hold locks across a fork; Windows), workers are
spawned and receive the state once, pickled, when they start (a `Config` pickles as the recipe
it was built from). The state lives only as long as its pool: closing the pool clears it.
"""

from __future__ import annotations

import sys
from typing import Any

_STATE: Any = None


def start_method() -> str:
    """`fork` where it is safe and available, else `spawn` (what Python itself defaults to on
    macOS since 3.8 and on Windows)."""
    import multiprocessing

    if sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


class WorkerPool:
    """A multiprocessing pool whose workers see `state` through `worker_state()`."""

    def __init__(self, workers: int, state: tuple) -> None:
        import multiprocessing

        global _STATE
        method = start_method()
        context = multiprocessing.get_context(method)
        if method == "fork":
            _STATE = state  # inherited by the forked workers: nothing is sent
            self._pool = context.Pool(workers)
        else:
            self._pool = context.Pool(workers, initializer=_receive, initargs=(state,))

    def apply_async(self, fn, args: tuple):
        return self._pool.apply_async(fn, args)

    def map(self, fn, items, chunksize: int = 1) -> list:
        return self._pool.map(fn, items, chunksize=chunksize)

    def imap(self, fn, items, chunksize: int = 1):
        """fn over items in the workers, the results in the order of items as they come."""
        return self._pool.imap(fn, items, chunksize=chunksize)

    def close(self) -> None:
        global _STATE
        try:
            self._pool.close()
            self._pool.join()
        finally:
            _STATE = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def worker_pool(workers: int, *state: Any) -> WorkerPool | None:
    """A pool of `workers` processes that see `state` through `worker_state()`, or None when
    no worker is wanted."""
    if workers < 1:
        return None
    return WorkerPool(workers, state)


def _receive(state: tuple) -> None:
    global _STATE
    _STATE = state


def worker_state() -> Any:
    """The state of the pool this worker belongs to."""
    return _STATE
