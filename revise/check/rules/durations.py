"""Comparing time limits written in different units — the one place the conversions are defined.

Clock units convert to seconds (a day is 24 hours, a week 7 days, a month 30 days). A working
day is business time, not clock time: it converts to 1 working day only, so working days and
clock units are *not comparable* (`None`), and the rules say so instead of guessing.
"""

from __future__ import annotations

from typing import Any

from revise.check.rules import as_dict, number

CLOCK_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 7 * 86400, "month": 30 * 86400}
BUSINESS_DAYS = {"working-day": 1}


def scale(unit: Any) -> tuple[str, float] | None:
    """(family, size) of a unit: ("clock", seconds) or ("business", working days); None if unknown."""
    if unit in CLOCK_SECONDS:
        return "clock", CLOCK_SECONDS[unit]
    if unit in BUSINESS_DAYS:
        return "business", BUSINESS_DAYS[unit]
    return None


def measure(value: Any, unit: Any) -> tuple[str, float] | None:
    """A quantity in its family's base unit, or None when the value or the unit is unusable (or not
    positive: the schema reports that)."""
    n, s = number(value), scale(unit)
    return (s[0], n * s[1]) if n is not None and n > 0 and s else None


def of_duration(duration: Any) -> tuple[str, float] | None:
    """`{value: 2, unit: hour}` → ("clock", 7200.0)."""
    d = as_dict(duration)
    return measure(d.get("value"), d.get("unit"))
