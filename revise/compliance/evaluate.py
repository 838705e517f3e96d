"""Evaluating every measurable target of the corpus on a loaded export, with DuckDB.

For each target, one query counts per month and per group (`--by`) the tickets the target
is about (`n`), those meeting it (`met`) and the average figure; a second lists the worst
cases. A target the export cannot measure (a column it needs is absent, a unit that does not
convert) is kept in `unmeasurable` with the reason, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from revise.compliance.load import Export
from revise.compliance.metrics import METRICS, Metric, convert, literal
from revise.compliance.targets import Target
from revise.errors import UsageError
from revise.messages import natural_key, t
from revise.schema.schemaset import SchemaSet

GROUPS = {"channel": "channel", "agent": "agent_id", "category": "category", "urgency": "urgency", "team": "team"}
WORST = 5


@dataclass
class Figures:
    """Counts for one slice: tickets counted, tickets meeting the target, the average figure."""

    n: int = 0
    met: int | None = None
    actual: float | None = None
    ok: bool | None = None

    @property
    def rate(self) -> float | None:
        return None if self.met is None or not self.n else self.met / self.n

    @property
    def breach_rate(self) -> float | None:
        rate = self.rate
        return None if rate is None else 1 - rate

    def as_dict(self) -> dict[str, object]:
        return {"n": self.n, "met": self.met, "rate": _round(self.rate), "actual": _round(self.actual), "ok": self.ok}


@dataclass
class Result:
    """One target's figures: overall, per month, per group, and its worst tickets."""

    target: Target
    kind: str
    metric_unit: str
    limit: float
    total: Figures
    months: dict[str, Figures] = field(default_factory=dict)
    groups: dict[str, Figures] = field(default_factory=dict)
    worst: list[dict[str, object]] = field(default_factory=list)

    def breached(self, figures: Figures, tolerance: float) -> bool:
        """Whether a slice misses the target: too many tickets fail it, or the average misses it."""
        if not figures.n:
            return False
        if self.kind == "mean":
            return figures.ok is False
        return (figures.breach_rate or 0.0) > tolerance


@dataclass(frozen=True)
class Unmeasurable:
    """A target this export cannot check, and why (`columns`, `unit`, `metric`, `limits`)."""

    target: Target
    reason: str
    missing: tuple[str, ...] = ()


@dataclass
class Evaluation:
    results: list[Result]
    unmeasurable: list[Unmeasurable]
    by: str | None
    month: str | None


@dataclass(frozen=True)
class Planned:
    """A measurable target and the query that checks it: figures and worst cases per month and group."""

    target: Target
    metric: Metric
    metric_unit: str
    limit: float
    sql: str
    worst: int
    judged: str = ""  # every ticket the target counts, the query `sql` aggregates


def plan(export: Export, targets: list[Target], *, by: str | None = None, month: str | None = None,
         schemas: SchemaSet | None = None, worst: int = WORST) -> tuple[list[Planned], list[Unmeasurable]]:
    """The SQL that checks each measurable target on `export`, and the targets it cannot measure."""
    schemas = schemas or SchemaSet()
    if by is not None and by not in GROUPS:
        raise UsageError(t("cp.bad-by", by=by), t("cp.bad-by.hint", allowed=", ".join(GROUPS)))
    if by is not None and not export.has(GROUPS[by]):
        raise UsageError(t("cp.by-missing-column", by=by, column=GROUPS[by]))
    if month is not None and month not in export.months:
        raise UsageError(t("cp.no-such-month", month=month), t("cp.no-such-month.hint", months=", ".join(export.months) or "-"))
    limit_hours = _limit_hours(targets, schemas)
    planned: list[Planned] = []
    unmeasurable: list[Unmeasurable] = []
    for target in targets:
        verdict = _measurable(export, target, schemas, limit_hours)
        if isinstance(verdict, Unmeasurable):
            unmeasurable.append(verdict)
            continue
        metric, metric_unit, limit = verdict
        fill = {"as_of": _timestamp(export.as_of), "limit_hours": limit_hours or "NULL"}
        unreadable = sum(export.unreadable.get(c, 0) for c in set(metric.needs) | {"received_at"})
        base = sql_for(target, metric, limit, fill, GROUPS[by] if by else None, month, unreadable)
        judged = f"SELECT * FROM ({base}) AS about WHERE NOT (pending AND hit)"
        planned.append(Planned(target, metric, metric_unit, limit, _figures_sql(judged, max(int(worst), 0)),
                               max(int(worst), 0), judged))
    return planned, unmeasurable


def evaluate(export: Export, targets: list[Target], *, by: str | None = None, month: str | None = None,
             schemas: SchemaSet | None = None, worst: int = WORST) -> Evaluation:
    """Every target of `targets` on `export`, optionally for one month ("YYYY-MM") and by a dimension."""
    planned, unmeasurable = plan(export, targets, by=by, month=month, schemas=schemas, worst=worst)
    rows: dict[int, list[tuple]] = {i: [] for i in range(len(planned))}
    if planned:  # one statement for every target: DuckDB runs the branches side by side
        union = " UNION ALL ".join(f"SELECT {i} AS target, * FROM ({p.sql}) AS t{i}" for i, p in enumerate(planned))
        for row in export.con.execute(union).fetchall():
            rows[row[0]].append(row[1:])
        _worst_details(export, planned, rows)
    results = [_result(p, rows[i]) for i, p in enumerate(planned)]
    return Evaluation(results, unmeasurable, by, month)


def _figures_sql(judged: str, worst: int, *, details: bool = False) -> str:
    """Counts per month and group; totals are summed from these (exactly: counts and sums).

    The worst cases of each slice come with it (`min_by(..., n)`, in DuckDB and Trino alike), so
    one scan gives everything; the overall worst are the worst of the slices' worst. Ties are
    broken by ticket id, as the overall list is, so the list does not depend on the scan order.
    A case is `(worst, ticket_id, shown)`; its agent and channel are looked up by ticket id
    afterwards (`_worst_details`: carrying two more strings per ticket costs a fifth of the
    evaluation), or carried along with `details` (for tickets without an id).
    """
    carried = "ticket_id, agent_id, channel" if details else "ticket_id"
    worst_cases = (f", min_by(ROW(CAST(worst AS DOUBLE), {carried}, CAST(shown AS DOUBLE)), "
                   f"ROW(-CAST(worst AS DOUBLE), ticket_id), {worst}) FILTER (WHERE missed)" if worst else ", NULL")
    return (f"SELECT month, grp, count(*) AS n, count(*) FILTER (WHERE hit) AS met, "
            f"sum(CAST(val AS DOUBLE)) FILTER (WHERE NOT pending) AS total, count(*) FILTER (WHERE NOT pending) AS done"
            f"{worst_cases} AS worst FROM ({judged}) AS judged GROUP BY month, grp")


def _measurable(export: Export, target: Target, schemas: SchemaSet,
                limit_hours: str | None) -> Unmeasurable | tuple[Metric, str, float]:
    metric = METRICS.get(target.metric)
    entry = schemas.metrics.get(target.metric)
    if metric is None or entry is None:
        return Unmeasurable(target, "metric")
    missing = tuple(c for c in metric.needs if not export.has(c))
    if missing:
        return Unmeasurable(target, "columns", missing)
    if target.metric == "timeliness_rate" and limit_hours is None:
        return Unmeasurable(target, "limits")
    metric_unit = str(entry.get("x-unit", target.unit))
    limit = convert(target.value, target.unit, metric_unit)
    if limit is None:
        return Unmeasurable(target, "unit")
    return metric, metric_unit, limit


def _limit_hours(targets: list[Target], schemas: SchemaSet) -> str | None:
    """`CASE urgency ...` of the corpus's resolution limits per urgency, for timeliness_rate."""
    limits: dict[str, float] = {}
    for target in targets:
        urgency = target.scope.get("urgency")
        if target.metric != "resolution_hours" or target.op not in ("<=", "<") or target.channel:
            continue
        if urgency and set(target.scope) == {"urgency"}:
            hours = convert(target.value, target.unit, "hour")
            if hours is not None:
                limits[urgency] = min(hours, limits.get(urgency, hours))
    if not limits:
        return None
    cases = " ".join(f"WHEN {literal(u)} THEN {h!r}" for u, h in sorted(limits.items()))
    return f"(CASE urgency {cases} END)"


def sql_for(target: Target, metric: Metric, limit: float, fill: dict[str, str], group: str | None,
            month: str | None, unreadable: int = 0) -> str:
    """Every ticket one target is about, as a query: `val` (its figure), `hit` (it counts as met),
    `pending`, `missed` (its own figure misses the limit), `worst` (for ordering) and `shown`."""
    own = {part: metric.sql(part, **fill) for part in ("hit", "worst", "shown")}
    extra = "".join(f", ({sql}) AS own_{part}" for part, sql in own.items() if sql)
    where = ["received_at IS NOT NULL", f"({metric.sql('applies', **fill)})"]
    if unreadable:  # a value that could not be read is unknown, not missing: leave the ticket out
        where.append(f"bad & {unreadable} = 0")
    if target.channel:
        where.append(f"channel = {literal(target.channel)}")
    where += [f"{name} = {literal(code)}" for name, code in sorted(target.scope.items()) if name in ("urgency", "category")]
    if target.valid_from:  # the version judges the tickets received while it is in force
        where.append(f"received_at >= TIMESTAMP {literal(target.valid_from.isoformat())}")
    if target.valid_until:
        where.append(f"received_at < TIMESTAMP {literal(target.valid_until.isoformat())}")
    if month:
        where.append(f"month = DATE {literal(month + '-01')}")
    inner = (f"SELECT ticket_id, month, agent_id, channel, {group or 'NULL'} AS grp, "
             f"({metric.sql('value', **fill)}) AS val, ({metric.sql('pending', **fill)}) AS pending{extra} "
             f"FROM tickets WHERE {' AND '.join(where)}")
    meets = f"val {target.op} {limit!r}"
    hit = "own_hit" if metric.kind == "mean" and own["hit"] else meets
    worst = "own_worst" if own["worst"] else ("val" if target.op in ("<=", "<") else "-val")
    shown = "own_shown" if own["shown"] else "val"
    return (f"SELECT ticket_id, month, agent_id, channel, grp, val, pending, {hit} AS hit, NOT ({meets}) AS missed, "
            f"{worst} AS worst, {shown} AS shown FROM ({inner}) AS ticket_figures")


@dataclass
class _Sums:
    n: int = 0
    met: int = 0
    total: float = 0.0
    done: int = 0

    def add(self, n: int, met: int, total: float | None, done: int) -> None:
        self.n, self.met, self.done = self.n + n, self.met + met, self.done + done
        self.total += float(total or 0.0)

    @property
    def mean(self) -> float | None:
        return self.total / self.done if self.done else None


def _result(p: Planned, rows: list[tuple]) -> Result:
    overall, months, groups = _Sums(), {}, {}
    candidates: list[tuple] = []
    for month, grp, n, met, total, done, worst in rows:
        key = month.strftime("%Y-%m")
        for sums in (overall, months.setdefault(key, _Sums()), groups.setdefault(str(grp) if grp is not None else "-", _Sums())):
            sums.add(n, met, total, done)
        candidates += [(_values(c), key) for c in worst or []]
    result = Result(p.target, p.metric.kind, p.metric_unit, p.limit, _figures(p, overall))
    result.months = {m: _figures(p, s) for m, s in sorted(months.items())}
    if any(g != "-" for g in groups):
        result.groups = {g: _figures(p, s) for g, s in sorted(groups.items(), key=lambda gs: natural_key(gs[0]))}
    candidates.sort(key=lambda c: (-c[0][0], str(c[0][1])))
    result.worst = [_case(p, case, month) for case, month in candidates[: p.worst]]
    return result


def _worst_details(export: Export, planned: list[Planned], rows: dict[int, list[tuple]]) -> None:
    """Complete each worst case `(worst, ticket_id, shown)` to `(worst, ticket_id, agent_id, channel, shown)`.

    Ticket ids are unique once duplicates are dropped, so one query finds the agent and channel of
    every listed ticket. A target whose list holds a ticket without an id is queried again with
    the agent and channel carried along (that ticket cannot be looked up).
    """
    carried = set()
    for i, p in enumerate(planned):
        if any(_values(case)[1] is None for row in rows[i] for case in row[6] or []):
            rows[i] = export.con.execute(_figures_sql(p.judged, p.worst, details=True)).fetchall()
            carried.add(i)
    ids = sorted({str(_values(case)[1]) for i, slices in rows.items() if i not in carried
                  for row in slices for case in row[6] or []})
    found: dict[str, tuple[object, object]] = {}
    if ids:
        query = "SELECT ticket_id, agent_id, channel FROM tickets WHERE ticket_id IN (SELECT unnest($1::VARCHAR[]))"
        found = {tid: (agent, channel) for tid, agent, channel in export.con.execute(query, [ids]).fetchall()}
    for i, slices in rows.items():
        if i in carried:
            continue
        rows[i] = [row[:6] + ([(w, tid, *found.get(str(tid), (None, None)), shown)
                               for w, tid, shown in map(_values, row[6] or [])],) for row in slices]


def _values(row: object) -> tuple:
    return tuple(row.values()) if isinstance(row, dict) else tuple(row)  # type: ignore[arg-type]


def _figures(p: Planned, sums: _Sums) -> Figures:
    mean = sums.mean
    actual = None if mean is None else convert(mean, p.metric_unit, p.target.unit)
    has_met = p.metric.kind == "each" or p.metric.hit is not None
    if p.metric.kind == "each":
        ok = sums.n == sums.met if sums.n else None
    else:
        ok = None if mean is None else _compare(mean, p.target.op, p.limit)
    return Figures(sums.n, sums.met if has_met else None, actual, ok)


def _case(p: Planned, case: tuple, month: str) -> dict[str, object]:
    _worst, ticket, agent, channel, shown = case
    value = shown if p.metric.shown_unit else convert(shown, p.metric_unit, p.target.unit)
    return {"ticket_id": ticket, "month": month, "agent_id": agent, "channel": channel, "value": _round(value),
            "unit": p.metric.shown_unit or p.target.unit}


def _compare(a: float, op: str, b: float) -> bool:
    return {"<=": a <= b, "<": a < b, ">=": a >= b, ">": a > b}[op]


def _timestamp(value: datetime | None) -> str:
    return f"TIMESTAMP '{value.isoformat(sep=' ')}'" if value else "CAST(NULL AS TIMESTAMP)"


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)
