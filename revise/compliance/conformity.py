"""The conformity of clauses no timestamp measures, from observations (audits and transcript checks).

Per clause and source, per month and per team and agent: the contacts observed (`n`, a verdict
of 符合 or 不符合; 不适用 is counted apart), those conforming, the rate and its 95 % Wilson
interval. A month's verdict on a clause, against the configured rate:

- `too-small`: fewer than `min_sample` contacts — no conclusion, whatever the rate;
- `breached`: the whole interval is below the rate (the clause is clearly not kept);
- `met`: the whole interval is at or above the rate;
- `uncertain`: the interval holds the rate — more samples are needed to tell.

A clause `breached` in each of the last `months` months feeds `--propose` as a missed target does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from revise.compliance.observations import Observation
from revise.compliance.wilson import interval


@dataclass(frozen=True)
class Rule:
    """What a clause must reach: `rate` conforming, judged on at least `min_sample` contacts."""

    rate: float = 0.90
    min_sample: int = 30


@dataclass
class Counts:
    n: int = 0
    conforming: int = 0
    not_applicable: int = 0

    def add(self, verdict: str) -> None:
        if verdict == "na":
            self.not_applicable += 1
            return
        self.n += 1
        self.conforming += verdict == "pass"

    @property
    def rate(self) -> float | None:
        return self.conforming / self.n if self.n else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return interval(self.conforming, self.n)

    def verdict(self, rule: Rule) -> str:
        """`empty`, `too-small`, `breached`, `met` or `uncertain` (see the module docstring)."""
        bounds = self.interval
        if bounds is None:
            return "empty"
        if self.n < rule.min_sample:
            return "too-small"
        low, high = bounds
        return "breached" if high < rule.rate else "met" if low >= rule.rate else "uncertain"

    def as_dict(self, rule: Rule) -> dict[str, object]:
        bounds = self.interval
        return {"n": self.n, "conforming": self.conforming, "not_applicable": self.not_applicable,
                "rate": None if self.rate is None else round(self.rate, 4),
                "interval": None if bounds is None else [round(bounds[0], 4), round(bounds[1], 4)],
                "verdict": self.verdict(rule)}


@dataclass
class ClauseConformity:
    """One clause as one source observed it."""

    ref: str
    source: str
    total: Counts = field(default_factory=Counts)
    months: dict[str, Counts] = field(default_factory=dict)
    teams: dict[str, Counts] = field(default_factory=dict)
    agents: dict[str, Counts] = field(default_factory=dict)
    versions: dict[str, set[int]] = field(default_factory=dict)  # month → versions observed

    @property
    def document(self) -> str:
        return self.ref.split("#", 1)[0]


def aggregate(observations: Iterable[Observation], month: str | None = None) -> list[ClauseConformity]:
    """Figures per clause and source, clauses in the order first observed; one month when given."""
    found: dict[tuple[str, str], ClauseConformity] = {}
    for o in observations:
        if month is not None and o.month != month:
            continue
        c = found.get((o.ref, o.source))
        if c is None:
            c = found[(o.ref, o.source)] = ClauseConformity(o.ref, o.source)
        for counts in (c.total, c.months.setdefault(o.month, Counts()), c.teams.setdefault(o.team or "-", Counts()),
                       c.agents.setdefault(o.agent_id, Counts())):
            counts.add(o.verdict)
        if o.version is not None:
            c.versions.setdefault(o.month, set()).add(o.version)
    for c in found.values():
        c.months = dict(sorted(c.months.items()))
        c.teams = dict(sorted(c.teams.items()))
        c.agents = dict(sorted(c.agents.items()))
    return list(found.values())


def breached_runs(clauses: list[ClauseConformity], months: list[str], rule: Rule, run: int) -> dict[str, list[ClauseConformity]]:
    """`{ref: [figures]}` of the clauses breached in each of the last `run` months of `months`."""
    recent = months[-run:]
    if len(recent) < run:
        return {}
    found: dict[str, list[ClauseConformity]] = {}
    for c in clauses:
        if all(m in c.months and c.months[m].verdict(rule) == "breached" for m in recent):
            found.setdefault(c.ref, []).append(c)
    return found
