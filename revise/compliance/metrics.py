"""The SQL of every metric of the vocabulary (`common.schema.json#/$defs/metric`): the one place.

Each metric is written once, as SQL expressions over the table `tickets` (our column names,
timestamps typed as TIMESTAMP, `satisfaction` an INTEGER 1–5). The SQL is plain ANSI plus
`date_diff`, `least`, `floor` and `CASE`, which DuckDB, Trino and (through sqlglot) Spark SQL
all understand. Two placeholders are filled in per export: `{as_of}` (the latest timestamp in
the export, a TIMESTAMP literal) and, for `timeliness_rate`, `{limit_hours}` (a CASE over
urgency built from the corpus's own resolution limits).

- `applies`: which tickets the metric is about (a low-score follow-up only exists after a
  low score); tickets it does not apply to are not counted.
- `value`: the ticket's figure in the metric's unit (`x-unit`). A missing end time counts
  as "not yet", measured up to `{as_of}`.
- `pending`: the ticket has not reached its end yet. A pending ticket still within the limit
  is left out (it may yet be on time); one already past the limit is a breach.
- `kind`: "each" — every ticket must meet the target, so `met` counts tickets that do;
  "mean" — the target is on the average (a satisfaction score, a timeliness rate).
- `hit`: for "mean" metrics, what a single ticket contributes to `met` (on time), if anything.
- `worst`: how bad a ticket is, higher is worse, to list the worst cases (default: the value,
  in the direction of the target); `shown` is what the worst-case list prints for a ticket,
  in `shown_unit` (default: the value in the metric's unit).
"""

from __future__ import annotations

from dataclasses import dataclass


def _seconds(start: str, end: str) -> str:
    return f"date_diff('millisecond', {start}, coalesce({end}, {{as_of}})) / 1000.0"


def _hours(start: str, end: str) -> str:
    return f"date_diff('millisecond', {start}, coalesce({end}, {{as_of}})) / 3600000.0"


def _working_day_index(ts: str) -> str:
    # Monday–Friday days since Monday 1970-01-05; Saturday and Sunday count as the next Monday.
    days = f"date_diff('day', DATE '1970-01-05', CAST({ts} AS DATE))"
    return f"(5 * floor({days} / 7) + least({days} % 7, 5))"


def _working_days(start: str, end: str) -> str:
    return f"({_working_day_index(f'coalesce({end}, {{as_of}})')} - {_working_day_index(start)})"


@dataclass(frozen=True)
class Metric:
    """The SQL of one metric; see the module docstring for each part."""

    name: str
    needs: tuple[str, ...]
    applies: str
    value: str
    pending: str = "FALSE"
    kind: str = "each"
    hit: str | None = None
    worst: str | None = None
    shown: str | None = None
    shown_unit: str | None = None

    def sql(self, part: str, **fill: str) -> str:
        """One part of this metric ("value", "applies", ...) with its placeholders filled in."""
        text = getattr(self, part)
        return text.format(**fill) if text else text


def _duration(name: str, start: str, end: str, unit: str = "second", *, also: str = "") -> Metric:
    diff = {"second": _seconds, "hour": _hours, "working-day": _working_days}[unit]
    applies = f"{start} IS NOT NULL" + (f" AND {also}" if also else "")
    return Metric(name, (start, end) + (("satisfaction",) if "satisfaction" in also else ()), applies,
                  diff(start, end), pending=f"{end} IS NULL")


METRICS: dict[str, Metric] = {m.name: m for m in (
    _duration("first_reply_seconds", "received_at", "first_reply_at"),
    _duration("auto_reply_seconds", "received_at", "auto_reply_at"),
    _duration("answer_seconds", "received_at", "answered_at"),
    _duration("resolution_hours", "received_at", "closed_at", "hour"),
    _duration("escalation_explain_hours", "escalated_at", "explained_at", "hour"),
    _duration("followup_hours_after_low_score", "closed_at", "followed_up_at", "hour", also="satisfaction <= 3"),
    _duration("first_contact_days", "assigned_at", "first_call_at", "working-day"),
    _duration("onboarding_days", "assigned_at", "opened_at", "working-day"),
    _duration("refund_working_days", "refund_approved_at", "refunded_at", "working-day"),
    Metric(
        "timeliness_rate", ("received_at", "closed_at", "urgency"),
        applies="urgency IS NOT NULL AND {limit_hours} IS NOT NULL",
        value=f"CASE WHEN {_hours('received_at', 'closed_at')} <= {{limit_hours}} THEN 100.0 ELSE 0.0 END",
        pending="closed_at IS NULL", kind="mean",
        hit=f"{_hours('received_at', 'closed_at')} <= {{limit_hours}}",
        worst=f"{_hours('received_at', 'closed_at')} - {{limit_hours}}",
        shown=_hours("received_at", "closed_at"), shown_unit="hour",
    ),
    Metric(
        "satisfaction_score", ("satisfaction",), applies="satisfaction IS NOT NULL",
        value="satisfaction * 20.0", kind="mean", worst="-satisfaction", shown="satisfaction", shown_unit="score",
    ),
    Metric(
        "aftersales_satisfaction_score", ("satisfaction", "category"),
        applies="satisfaction IS NOT NULL AND category = 'aftersales'",
        value="satisfaction * 20.0", kind="mean", worst="-satisfaction", shown="satisfaction", shown_unit="score",
    ),
)}

# How many of a metric's unit one target unit is worth, when they differ (a limit in minutes
# on a metric measured in seconds). Units not listed here convert only to themselves.
UNIT_FACTORS: dict[tuple[str, str], float] = {
    ("minute", "second"): 60.0, ("hour", "second"): 3600.0, ("second", "hour"): 1 / 3600,
    ("minute", "hour"): 1 / 60, ("score", "point"): 20.0, ("point", "score"): 1 / 20,
}


def literal(text: str) -> str:
    """`text` as a SQL string literal (quotes doubled): codes from documents never become SQL."""
    return "'" + str(text).replace("'", "''") + "'"


def convert(value: float, unit: str, metric_unit: str) -> float | None:
    """`value` in `unit` expressed in `metric_unit`; None when the two cannot be compared."""
    if unit == metric_unit:
        return float(value)
    factor = UNIT_FACTORS.get((unit, metric_unit))
    return None if factor is None else value * factor
