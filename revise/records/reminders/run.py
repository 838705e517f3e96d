"""`remind`: send what is due, once. Each (reminder, channel) is claimed in `reminder_log` under its
unique key before it is sent: a key already sent — by this run, an earlier one, or another process
running at the same time — is not sent again. A failed delivery is tried `TRIES` times with a short
pause, then logged as `failed` with its error and tried again by the next run, up to `MAX_ATTEMPTS`
in all. A delivery that fails never raises: the caller (cron, a step) carries on."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Iterable

from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from revise.records.db import now
from revise.records.reminders import channels as deliver
from revise.records.reminders.config import Channels
from revise.records.reminders.sources import SOURCES, Reminder, Source, Today
from revise.records.tables import reminder_log

TRIES = 2              # attempts within one run
PAUSE = 0.5            # seconds between them
MAX_ATTEMPTS = 6       # attempts over all runs, then it is given up (still logged)
STALE = timedelta(hours=1)  # a claim this old whose sender died may be taken over


@dataclass(frozen=True, slots=True)
class Outcome:
    reminder: Reminder
    channel: str
    status: str            # sent | failed | skipped (already sent or given up) | dry (dry run: would send)
    error: str | None = None


def key_of(reminder: Reminder, channel: str) -> str:
    return "|".join((reminder.kind, reminder.about, reminder.recipient.lower(), channel))[:500]


def due(today: Today, sources: Iterable[Source] | None = None) -> list[Reminder]:
    """Every reminder the sources give today (the same one from two sources only once)."""
    seen: dict[tuple[str, str, str], Reminder] = {}
    for source in SOURCES if sources is None else sources:
        for r in source(today):
            seen.setdefault((r.kind, r.about, r.recipient.lower()), r)
    return list(seen.values())


def remind(engine: Engine, today: Today, chans: Channels, *, sources: Iterable[Source] | None = None,
           dry_run: bool = False, pause: float = PAUSE) -> list[Outcome]:
    outcomes = []
    names = chans.names or (["-"] if dry_run else [])  # a dry run without channels still shows what is due
    for reminder in due(today, sources):
        for channel in names:
            key = key_of(reminder, channel)
            if dry_run:
                outcomes.append(Outcome(reminder, channel, "skipped" if _sent(engine, key) else "dry"))
                continue
            if not _claim(engine, key, reminder, channel):
                outcomes.append(Outcome(reminder, channel, "skipped"))
                continue
            outcomes.append(_deliver(engine, key, reminder, channel, chans, pause))
    return outcomes


def _deliver(engine: Engine, key: str, reminder: Reminder, channel: str, chans: Channels, pause: float) -> Outcome:
    error = None
    for attempt in range(TRIES):
        if attempt:
            time.sleep(pause)
        try:
            deliver.send(channel, reminder, chans)
        except deliver.Undelivered as exc:
            error = str(exc)[:2000]
            _log(engine, key, "failed" if attempt == TRIES - 1 else "sending", error)
            continue
        _log(engine, key, "sent", None)
        return Outcome(reminder, channel, "sent")
    return Outcome(reminder, channel, "failed", error)


def _sent(engine: Engine, key: str) -> bool:
    with engine.connect() as conn:
        return conn.execute(select(reminder_log.c.status).where(reminder_log.c.key == key)).scalar() == "sent"


def _claim(engine: Engine, key: str, reminder: Reminder, channel: str) -> bool:
    """Whether this process now owns the delivery of `key` (a new key, or a failed or abandoned one to retry)."""
    at = now()
    try:
        with engine.begin() as conn:
            conn.execute(insert(reminder_log).values(key=key, kind=reminder.kind, channel=channel, recipient=reminder.recipient.lower(),
                                                     document=reminder.document, version=reminder.version, subject=reminder.subject[:500],
                                                     status="sending", attempts=0, created_at=at, updated_at=at))
        return True
    except IntegrityError:
        pass
    retry = or_(and_(reminder_log.c.status == "failed", reminder_log.c.attempts < MAX_ATTEMPTS),
                and_(reminder_log.c.status == "sending", reminder_log.c.updated_at < at - STALE))
    with engine.begin() as conn:
        taken = conn.execute(update(reminder_log).where(reminder_log.c.key == key, retry).values(status="sending", updated_at=at))
    return taken.rowcount == 1


def _log(engine: Engine, key: str, status: str, error: str | None) -> None:
    with engine.begin() as conn:
        conn.execute(update(reminder_log).where(reminder_log.c.key == key)
                     .values(status=status, attempts=reminder_log.c.attempts + 1, last_error=error, updated_at=now()))


def log(engine: Engine, limit: int = 200) -> list[dict[str, object]]:
    """The reminder log, newest first."""
    with engine.connect() as conn:
        rows = conn.execute(select(reminder_log).order_by(reminder_log.c.updated_at.desc(), reminder_log.c.id.desc()).limit(limit)).all()
    return [dict(r._mapping) for r in rows]
