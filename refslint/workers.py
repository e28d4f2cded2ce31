"""Worker processes that inherit their work instead of being sent it.

A forked worker starts with the parent's memory, so a 185 MB list (or a configuration with
compiled rules) is shared, not pickled. Both kinds of parallel work use this: the chunks of one
long list (api) and many files (cli). Where processes cannot be forked, callers do the work in
this process."""

from __future__ import annotations

from typing import Any

_STATE: Any = None


def forked_pool(workers: int, state: Any):
    """A pool of `workers` forked processes that see `state` through `inherited()`, or None
    where this platform cannot fork."""
    import multiprocessing

    global _STATE
    if workers < 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    _STATE = state
    return multiprocessing.get_context("fork").Pool(workers)


def inherited() -> Any:
    """The state of the pool this worker belongs to."""
    return _STATE
