"""When a periodic review or a drill falls due: calendar arithmetic and the status it gives.

A review interval is whole months (`review_every`); a month is a calendar month, ending on the
same day of the month or, when that month is shorter, on its last day (31 January + 1 month is
28 or 29 February). A drill interval is a `duration` (`{value, unit}`): months are calendar months
as well; weeks, days, hours… are their clock length (`revise.check.rules.durations`), rounded up
to whole days; a working day counts as 7/5 of a calendar day, rounded up (5 working days = 1 week).

Status on a given day: `overdue` after the due date, `due` from `WARN_DAYS` days before it up to and
including the due date itself, `ok` before that.
"""

from __future__ import annotations

import calendar
import math
from datetime import date, timedelta
from typing import Any

WARN_DAYS = 30
DAY_SECONDS = 86400


def add_months(start: date, months: int) -> date:
    """`start` plus `months` calendar months, on the same day or the month's last."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def after(start: date, duration: Any) -> date | None:
    """The day a `duration` after `start`; None when the duration is unusable (the schema says why)."""
    from revise.check.rules.durations import of_duration
    if not isinstance(duration, dict):
        return None
    value, unit = duration.get("value"), duration.get("unit")
    if unit == "month" and isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return add_months(start, value)
    measured = of_duration(duration)
    if measured is None:
        return None
    family, size = measured
    days = size * 7 / 5 if family == "business" else size / DAY_SECONDS
    return start + timedelta(days=math.ceil(days))


def status(due: date, today: date) -> str:
    """`ok`, `due` (within `WARN_DAYS` days of the due date, the day itself included) or `overdue`."""
    if today > due:
        return "overdue"
    if today >= due - timedelta(days=WARN_DAYS):
        return "due"
    return "ok"


def day_of(text: Any) -> date | None:
    """The calendar day an ISO date or date-time string starts with; None when it is not one."""
    if not isinstance(text, str) or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
