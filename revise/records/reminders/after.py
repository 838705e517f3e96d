"""Reminders right after a step: the desk calls `kick` when a step succeeds, and what became due (a
review now waiting, once plugged in the acknowledgements a publication creates) goes out at once
instead of at the next `revise remind`. The sending runs in a background thread: the step has
already answered, a slow or failing mail server cannot hold it up, and every error is only logged
(the reminder log keeps failed deliveries for the next run). Nothing happens when revise.yaml
configures no channel."""

from __future__ import annotations

import logging
import threading
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

log = logging.getLogger("revise.reminders")


class _State:
    """One repository's background sending: at most one run at a time; a step that comes while it
    runs makes it go round once more (`again`)."""

    def __init__(self) -> None:
        self.running = threading.Lock()
        self.again = threading.Event()


_states: dict[str, _State] = {}
_states_lock = threading.Lock()


def _state(root: Path) -> _State:
    with _states_lock:
        return _states.setdefault(str(root), _State())


def kick(root: Path, engine: Engine) -> threading.Thread | None:
    """Send what is due now, in the background; the thread (None when none was started: no channel,
    a bad setting, or a run already under way — which then runs once more when it is done)."""
    try:
        from revise.records.reminders import config
        chans = config.load(root)
    except Exception as exc:  # noqa: BLE001 — a bad setting must not fail the step that just succeeded
        log.warning("reminders not sent: %s", exc)
        return None
    if not chans.names:
        return None
    state = _state(root)
    state.again.set()
    if not state.running.acquire(blocking=False):
        return None
    thread = threading.Thread(target=_run, args=(state, root, engine, chans), name="revise-reminders", daemon=True)
    thread.start()
    return thread


def _run(state: _State, root: Path, engine: Engine, chans: Any) -> None:
    while True:
        try:
            while state.again.is_set():
                state.again.clear()
                _once(root, engine, chans)
        finally:
            state.running.release()
        if not (state.again.is_set() and state.running.acquire(blocking=False)):
            return  # nothing came in meanwhile, or another thread took over


def _once(root: Path, engine: Engine, chans: Any) -> None:
    try:
        from revise.records.reminders.run import remind
        from revise.records.reminders.sources import Today
        from revise.workflow import orgchart
        remind(engine, Today(root, date.today(), orgchart.load(root), engine), chans)
    except Exception as exc:  # noqa: BLE001 — logged; the reminder log and the next run carry on
        log.warning("reminders not sent: %s", exc)
