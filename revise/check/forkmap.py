"""Many small pieces of work spread over forked worker processes: a cold check's per-file reading
and its per-file rules.

The workers are forked, so they inherit what the caller put in `shared` (the schemas, the
index of every file's facts) instead of receiving it pickled; only each piece's small result
comes back. Where processes cannot be had (no `fork`, a sandbox that forbids them, one core),
`fork_map` says so with None and the caller does the work itself.

What the workers inherit is frozen out of the garbage collector's sight (`gc.freeze`) before
forking, as Python's documentation advises: a collection in a worker would otherwise write to
every inherited object's header and copy the parent's memory page by page. Each worker collects
its own garbage as usual, even when the caller has paused collection.
"""

from __future__ import annotations

import gc
import os
from functools import partial
from typing import Any, Callable, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

shared: dict[str, Any] = {}  # what the caller's work functions read in the workers (set for one call)


def fork_map(work: Callable[[list[Item]], list[Result]], items: list[Item], state: dict[str, Any],
             start: Callable[[], None] | None = None) -> list[Result] | None:
    """`work` applied to consecutive chunks of `items` on forked workers, its results joined in
    order; `state` is `shared` while they run, `start` runs once in each worker. None when
    worker processes cannot be used here."""
    workers = min(os.cpu_count() or 1, 8)
    if workers < 2:
        return None
    import multiprocessing  # only a cold run gets here: a one-file check should not pay for the import
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    size = max(25, len(items) // (workers * 32))  # small chunks: no worker is left with a long last one
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    shared.update(state)
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=partial(_start, start)) as pool:
            return [result for part in pool.map(work, chunks) for result in part]
    except (OSError, BrokenProcessPool):  # no processes allowed here
        return None
    finally:
        gc.unfreeze()
        shared.clear()


def _start(start: Callable[[], None] | None) -> None:
    gc.enable()
    if start is not None:
        start()
