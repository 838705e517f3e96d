"""A seeded generator of realistic ticket exports, for tests, demos and benchmarks.

The same seed gives the same file. Tickets arrive in business hours over whole months, spread
over channels, categories and urgencies as a mid-size e-commerce centre sees them; reply,
answer, resolution and follow-up times are drawn around the centre's own limits, so most
tickets meet them and a few do not. `breach` adds a deliberate pattern for the last two
months: one team (三组) on the online channel falls behind on first replies, and after-sales
satisfaction drops — what a monthly report and `--propose` should catch. `dirty` sprinkles
the mistakes real exports have (bad timestamps and scores, a duplicate id, rows out of order).

Two options model a revision's effect, for `revise evaluate`: `faster_from` (a date) and `faster`
(a factor) make text first replies (online and social) that much quicker from that day on — what
a revision of a text first-reply limit, taking effect that day, should bring about; `refunds` adds the refund
columns (`refund_approved_at`, `refunded_at`) to after-sales tickets with a refund. Neither
changes what the other options draw, so the rows before `faster_from` are those without it.
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Iterator

from revise.compliance.columns import OPTIONAL, REQUIRED

CHANNELS = (("online", 45), ("phone", 30), ("email", 10), ("social", 10), ("onsite", 5))
CATEGORIES = (("presales", 35), ("aftersales", 35), ("complaint", 10), ("info-change", 20))
URGENCIES = (("normal", 80), ("urgent", 15), ("critical", 5))
TEAMS = ("一组", "二组", "三组", "四组")
RESOLUTION_MEDIAN_H = {"normal": 5.0, "urgent": 0.6, "critical": 0.5}
DAY = 86400
FMT = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True)
class Spec:
    """What to generate: `rows` tickets over `months` months from `start` ("YYYY-MM")."""

    rows: int
    seed: int = 1
    start: str = "2026-01"
    months: int = 3
    agents: int = 40
    breach: bool = True
    dirty: bool = False
    faster_from: str | None = None  # "YYYY-MM-DD": text first replies (online, social) quicker from this day on
    faster: float = 1.0             # ... by this factor
    refunds: bool = False           # refund columns for after-sales tickets with a refund


REFUND_COLUMNS: tuple[str, ...] = ("refund_approved_at", "refunded_at")
COLUMNS: tuple[str, ...] = REQUIRED + tuple(c for c in OPTIONAL if c not in REFUND_COLUMNS)


def columns(spec: Spec | None = None) -> list[str]:
    """The header: every column, the refund ones only when `spec` asks for refunds."""
    return list(COLUMNS + (REFUND_COLUMNS if spec is not None and spec.refunds else ()))


def write(spec: Spec, out: IO[str]) -> int:
    """Write the export as CSV to `out`; the number of data rows written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns(spec))
    count = 0
    for row in rows(spec):
        writer.writerow(row)
        count += 1
    return count


def write_file(spec: Spec, path: Path) -> int:
    with path.open("w", encoding="utf-8", newline="") as out:
        return write(spec, out)


def rows(spec: Spec) -> Iterator[list[str]]:
    """The data rows in file order (by arrival time, unless `dirty`)."""
    rng = random.Random(spec.seed)
    first = datetime.strptime(spec.start + "-01", "%Y-%m-%d")
    month_starts = [_add_months(first, i) for i in range(spec.months + 1)]
    agents = [(f"A{i + 1:03d}", TEAMS[i % len(TEAMS)]) for i in range(spec.agents)]
    faster_from = datetime.strptime(spec.faster_from, "%Y-%m-%d") if spec.faster_from else None
    serial = 0
    for m in range(spec.months):
        share = spec.rows // spec.months + (1 if m < spec.rows % spec.months else 0)
        late = spec.breach and m >= spec.months - 2
        days = (month_starts[m + 1] - month_starts[m]).days
        arrivals = sorted(int(rng.random() * days * DAY) for _ in range(share))
        for offset in arrivals:
            serial += 1
            day, second = divmod(offset, DAY)  # squeeze each day into business hours, 08:00–22:00
            received = month_starts[m] + timedelta(days=day, hours=8, seconds=second * 14 // 24)
            speed = spec.faster if faster_from is not None and received >= faster_from else 1.0
            row = _ticket(rng, serial, received, rng.choice(agents), late, speed, spec.refunds)
            if spec.dirty:
                _spoil(rng, row, serial)
            yield row
    # a dirty export repeats one ticket id at its end, out of order
    if spec.dirty and serial:
        yield _ticket(rng, 1, month_starts[0] + timedelta(hours=9), agents[0], False, 1.0, spec.refunds)


def _ticket(rng: random.Random, serial: int, received: datetime, agent: tuple[str, str], late: bool,
            speed: float = 1.0, refunds: bool = False) -> list[str]:
    channel = _pick(rng, CHANNELS)
    category = _pick(rng, CATEGORIES)
    urgency = _pick(rng, URGENCIES)
    agent_id, team = agent
    text = channel in ("online", "social")
    values: dict[str, datetime | str | None] = {
        "ticket_id": f"T{serial:08d}", "customer_id": f"C{rng.randrange(1, 10 ** 6):07d}",
        "channel": channel, "received_at": received, "agent_id": agent_id, "category": category,
        "urgency": urgency, "team": team,
    }
    slow = late and team == "三组" and channel == "online"
    slow_channel = 3600 * (3 if urgency == "normal" else 0.2)  # e-mail and on-site: urgent ones first
    reply = _secs(rng, 14, 0.45) if text else _secs(rng, 9, 0.4) if channel == "phone" else _secs(rng, slow_channel, 0.6)
    if slow:
        reply *= 2.6
    if text:
        reply *= speed
    if text:
        values["auto_reply_at"] = received + timedelta(seconds=_secs(rng, 3, 0.5))
    if channel == "phone":
        answered = received + timedelta(seconds=_secs(rng, 8, 0.35))
        values["answered_at"] = answered
        reply = (answered - received).total_seconds() + rng.uniform(1, 5)
    values["first_reply_at"] = received + timedelta(seconds=reply)
    hours = max(reply / 3600 + 0.05, rng.lognormvariate(_ln(RESOLUTION_MEDIAN_H[urgency]), 0.7))
    closed = received + timedelta(hours=hours)
    limit = 24 if urgency == "normal" else 2
    if hours > limit:
        values["escalated_at"] = received + timedelta(hours=limit)
        values["explained_at"] = values["escalated_at"] + timedelta(hours=_secs(rng, 0.4, 0.6))  # type: ignore[operator]
    values["closed_at"] = closed
    values["status"] = "closed"
    score = _score(rng, category, late, hours > limit)
    if score is not None:
        values["satisfaction"] = str(score)
        if score <= 3:
            followed = _secs(rng, 0.6, 0.6)
            if rng.random() > 0.03:
                values["followed_up_at"] = closed + timedelta(hours=followed)
    if category == "info-change" and rng.random() < 0.3:
        assigned = received + timedelta(minutes=rng.randint(5, 120))
        values["assigned_at"] = assigned
        values["first_call_at"] = assigned + timedelta(days=rng.choice((0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3)), hours=rng.randint(0, 6))
        values["opened_at"] = assigned + timedelta(days=rng.choice((1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 7, 9)))
    names = COLUMNS
    if refunds:
        names += REFUND_COLUMNS
        if category == "aftersales" and rng.random() < 0.4:
            approved = closed + timedelta(minutes=rng.randint(5, 240))
            values["refund_approved_at"] = approved
            values["refunded_at"] = _add_working_days(approved, rng.choice((1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 6)))
    return [_cell(values.get(name)) for name in names]


def _add_working_days(start: datetime, days: int) -> datetime:
    """`days` working days (Monday–Friday) after `start`, at the same time of day."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def _score(rng: random.Random, category: str, late: bool, overdue: bool) -> int | None:
    if rng.random() < 0.35:  # not every customer rates the service
        return None
    weights = [1, 1, 3, 18, 77]
    if category == "aftersales" and late:
        weights = [4, 5, 10, 30, 51]
    if overdue:
        weights = [8, 8, 14, 30, 40]
    return rng.choices((1, 2, 3, 4, 5), weights)[0]


def _spoil(rng: random.Random, row: list[str], serial: int) -> None:
    names = COLUMNS
    if serial % 997 == 0:
        row[names.index("first_reply_at")] = "昨天下午"
    if serial % 1499 == 0:
        row[names.index("satisfaction")] = "7"
    if serial % 1999 == 0:  # one row's arrival pushed back an hour, out of file order
        row[names.index("received_at")] = (datetime.strptime(row[names.index("received_at")], FMT)
                                           - timedelta(hours=1)).strftime(FMT)


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def _secs(rng: random.Random, median: float, sigma: float) -> float:
    return rng.lognormvariate(_ln(median), sigma)


def _ln(x: float) -> float:
    return math.log(x)


def _cell(value: datetime | str | None) -> str:
    if value is None:
        return ""
    return value.isoformat(" ", "seconds") if isinstance(value, datetime) else value


def _add_months(day: datetime, n: int) -> datetime:
    month = day.month - 1 + n
    return day.replace(year=day.year + month // 12, month=month % 12 + 1)
