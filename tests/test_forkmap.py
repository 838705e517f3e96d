"""fork_map: work spread over forked workers comes back in order, the workers see `shared` and
collect their own garbage, and the caller's collector is left as it was."""

from __future__ import annotations

import gc
import os

from revise.check.forkmap import fork_map, shared


def _chunk(items: list[int]) -> list[tuple[int, int, bool, int]]:
    return [(item * shared["factor"], os.getpid(), gc.isenabled(), gc.get_freeze_count()) for item in items]


def test_results_in_order_from_workers_that_collect_while_the_caller_does_not() -> None:
    assert os.cpu_count() and os.cpu_count() > 1  # CI machines have two cores: the workers must really run
    gc.disable()
    try:
        done = fork_map(_chunk, list(range(100)), {"factor": 3})
        assert done is not None
        assert [value for value, *_ in done] == [3 * i for i in range(100)]
        assert {pid for _, pid, _, _ in done} - {os.getpid()}  # really other processes
        assert all(enabled for _, _, enabled, _ in done)  # each worker collects its own garbage
        assert all(frozen > 0 for *_, frozen in done)  # what it inherited is out of the collector's sight
        assert not gc.isenabled() and gc.get_freeze_count() == 0 and shared == {}
    finally:
        gc.enable()
