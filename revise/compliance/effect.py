"""Effect evaluation (效果评估): did a published revision achieve what it promised?

For each measurable target the revision added or changed, the target *as revised* is checked on
the ticket export in two windows of `weeks` weeks, just before and from the effective date,
with the SQL and column mapping of `revise compliance` (`evaluate`, run on a view of the tickets
received in the window). Beside them: the pilot's baseline, target and result for that metric.

A target's verdict is `achieved` when the window after the effective date meets it (no more
tickets miss it than `compliance.breach_rate` allows, or its average meets it) and, if the
pilot set a target for its metric, the average after the date reaches that pilot target;
`missed` otherwise; `no-data` when no ticket of the window is about it. The revision achieved
what it promised when every changed target did.

`due(root, today)` lists the published revisions with measurable changes that have no evaluation
60 days after their effective date (for `revise reviews`).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Iterator

from revise.compliance import config as compliance_config
from revise.compliance.columns import load_mapping
from revise.compliance.evaluate import Figures, Result, evaluate
from revise.compliance.load import Export, Settings, open_export
from revise.compliance.targets import Target, of_corpus
from revise.corpus.documents import Corpus
from revise.errors import GateError, UsageError
from revise.messages import t
from revise.public.revision import Revision, revision
from revise.review.semdiff.model import REMOVED
from revise.schema.schemaset import SchemaSet
from revise.workflow import config as workflow_config
from revise.workflow import gitstore, store
from revise.workflow.annotate import annotate
from revise.workflow.context import open_context

ACHIEVED, MISSED, NO_DATA = "achieved", "missed", "no-data"
EVALUATE_AFTER_DAYS = 60
QA_ROLES = ("qa-specialist", "qa-manager")  # who may record an evaluation (the org chart's QA people)
WINDOW_SCHEMA = "effect_window"


@dataclass(frozen=True)
class Window:
    """Tickets received from `start` up to, not including, `end`."""

    start: date
    end: date

    def as_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


@dataclass
class TargetEffect:
    """One changed target: as revised, before and after, the pilot's figures, the verdict."""

    target: Target
    old: dict[str, Any] | None
    before: Result | None
    after: Result | None
    pilot: dict[str, float] = field(default_factory=dict)
    verdict: str = NO_DATA
    kept: bool | None = None  # the window after meets the revised target

    def figures(self, side: str) -> Figures:
        result = self.before if side == "before" else self.after
        return result.total if result is not None else Figures()


@dataclass
class Effect:
    """The evaluation of one revision on one export."""

    proposal: dict[str, Any]
    effective: date
    weeks: int
    export: str
    before: Window
    after: Window
    targets: list[TargetEffect]
    tolerance: float

    @property
    def achieved(self) -> bool:
        return bool(self.targets) and all(x.verdict == ACHIEVED for x in self.targets)

    def entry(self) -> dict[str, Any]:
        """The archive record's `evaluations` entry (its `by` and `at` are added by the step)."""
        return {"effective": self.effective.isoformat(), "weeks": self.weeks, "export": self.export,
                "before": self.before.as_dict(), "after": self.after.as_dict(),
                "targets": [_target_entry(x) for x in self.targets], "achieved": self.achieved,
                "summary": t("effect.summary.achieved" if self.achieved else "effect.summary.missed",
                             n=len(self.targets), met=sum(1 for x in self.targets if x.verdict == ACHIEVED))}


@dataclass(frozen=True)
class Due:
    """A published revision with measurable changes still waiting for its evaluation."""

    pid: str
    title: str
    effective: date
    days: int                 # since the effective date
    targets: tuple[str, ...]  # the changed targets' clauses


def evaluate_revision(root: Path, pid: str, export_path: Path, *, weeks: int = 4, mapping: Path | None = None,
                      settings: Settings | None = None) -> Effect:
    """Evaluate published proposal `pid` on the export at `export_path` (nothing is written)."""
    if weeks < 1:
        raise UsageError(t("effect.bad-weeks", weeks=weeks))
    rev = revision(root, pid)
    if not rev.published or not rev.effective:
        raise UsageError(t("effect.not-published", id=pid, state=rev.proposal.get("state")), t("effect.not-published.hint"))
    effective = date.fromisoformat(rev.effective)
    schemas = SchemaSet(root / "schemas")
    changed = changed_targets(rev)
    if not changed:
        raise UsageError(t("effect.nothing-measurable", id=pid), t("effect.nothing-measurable.hint"))
    before, after = Window(effective - timedelta(weeks=weeks), effective), Window(effective, effective + timedelta(weeks=weeks))
    export = open_export(export_path, load_mapping(mapping), settings or Settings(), schemas)
    try:
        _check_cover(export, before, after)
        targets = [target for target, _old in changed]
        results = {side: in_window(export, window, targets, schemas) for side, window in (("before", before), ("after", after))}
    finally:
        export.close()
    tolerance = compliance_config.load(root).breach_rate
    pilot = _pilot(rev.proposal)
    effects = [_judge(TargetEffect(target, old, results["before"].get(target.key), results["after"].get(target.key),
                                   pilot.get(target.metric, {})), tolerance) for target, old in changed]
    return Effect(rev.proposal, effective, weeks, export_path.name, before, after, effects, tolerance)


def record(root: Path, effect: Effect, *, remote: str | None = None, actor: gitstore.Author | None = None) -> dict[str, Any]:
    """Store `effect` with the archive record: an `evaluate` step commit on main by the acting QA
    person (someone holding a QA role in the org chart on main); the record as it now reads."""
    pid = str(effect.proposal["id"])
    ctx = open_context(root, remote, actor)
    person = ctx.member("evaluate")
    if not set(person.roles) & set(QA_ROLES):
        holders = sorted({e for role in QA_ROLES for e in ctx.org.holders(role)})
        raise GateError(t("effect.not-qa", email=person.email, roles=", ".join(QA_ROLES)), t("effect.not-qa.hint", people=", ".join(holders) or "-"))
    return annotate(root, pid, "evaluate", effect.entry(), effect.entry()["summary"], remote=remote, actor=actor)


def due(root: Path, today: date, days: int = EVALUATE_AFTER_DAYS) -> list[Due]:
    """Published revisions with measurable changes, in effect for at least `days` days on `today`,
    whose archive record has no evaluation yet: oldest effective date first. Read from the
    archive on the main branch (`proposals/`), each revision's changes from its publication."""
    found = []
    for pid in sorted(store.archived_ids(root, workflow_config.load(root).main_branch)):
        rev = revision(root, pid)
        data = rev.proposal
        if not rev.published or not rev.effective or data.get("evaluations"):
            continue
        effective = date.fromisoformat(rev.effective)
        if (today - effective).days < days:
            continue
        changed = changed_targets(rev)
        if changed:
            found.append(Due(pid, str(data.get("title") or ""), effective, (today - effective).days,
                             tuple(dict.fromkeys(x.ref for x, _ in changed))))
    return sorted(found, key=lambda d: (d.effective, d.pid))


def changed_targets(rev: Revision) -> list[tuple[Target, dict[str, Any] | None]]:
    """(target as revised, the old target or None) for every measurable target the revision added or changed."""
    corpus = Corpus(rev.new.root)
    for doc in rev.new.documents(sorted(rev.new.blobs)):
        corpus.add(doc)
    by_key = {t_.key: t_ for t_ in of_corpus(corpus)}
    found = []
    for doc, clause, change in rev.diff.targets():
        index = change.path[-1] if change.path and isinstance(change.path[-1], int) else None
        target = by_key.get(f"{doc.id}#{clause}/{index}")
        if change.change != REMOVED and target is not None:
            found.append((target, change.old))
    return found


def _check_cover(export: Export, before: Window, after: Window) -> None:
    """`UsageError` naming each window the export does not cover, and by how many days."""
    first, last = export.con.execute("SELECT min(received_at), max(received_at) FROM tickets").fetchone()
    first_day, last_day = (_day(first), _day(last))
    short = []
    if first_day is None or first_day > before.start:
        days = (first_day - before.start).days if first_day else (before.end - before.start).days
        short.append(t("effect.short.before", start=before.start, end=before.end - timedelta(days=1), days=days))
    if last_day is None or last_day < after.end - timedelta(days=1):
        days = (after.end - timedelta(days=1) - last_day).days if last_day else (after.end - after.start).days
        short.append(t("effect.short.after", start=after.start, end=after.end - timedelta(days=1), days=days))
    if short:
        raise UsageError(t("effect.short", path=export.path, first=first_day or "-", last=last_day or "-", windows="；".join(short)),
                         t("effect.short.hint"))


def in_window(export: Export, window: Window, targets: list[Target], schemas: SchemaSet) -> dict[str, Result]:
    """`evaluate` on the tickets received in `window`: the same SQL, on a view named `tickets`."""
    with _windowed(export, window):
        evaluation = evaluate(export, targets, schemas=schemas, worst=0)
    return {r.target.key: r for r in evaluation.results}


@contextlib.contextmanager
def _windowed(export: Export, window: Window) -> Iterator[None]:
    con = export.con
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {WINDOW_SCHEMA}")
    con.execute(f"CREATE OR REPLACE VIEW {WINDOW_SCHEMA}.tickets AS SELECT * FROM main.tickets "
                f"WHERE received_at >= TIMESTAMP '{window.start.isoformat()}' AND received_at < TIMESTAMP '{window.end.isoformat()}'")
    con.execute(f"SET search_path = '{WINDOW_SCHEMA}'")
    try:
        yield
    finally:
        con.execute("RESET search_path")


def _pilot(proposal: dict[str, Any]) -> dict[str, dict[str, float]]:
    """`{metric: {baseline, target, value}}` of the pilot's recorded results."""
    found: dict[str, dict[str, float]] = {}
    for row in (proposal.get("pilot") or {}).get("results") or []:
        if isinstance(row, dict) and isinstance(row.get("metric"), str):
            found[row["metric"]] = {k: float(row[k]) for k in ("baseline", "target", "value") if isinstance(row.get(k), (int, float))}
    return found


def _judge(effect: TargetEffect, tolerance: float) -> TargetEffect:
    after = effect.after
    if after is None or not after.total.n:
        effect.verdict = NO_DATA
        return effect
    kept = effect.kept = not after.breached(after.total, tolerance)
    goal, mean = effect.pilot.get("target"), after.total.actual
    reached = goal is None or (mean is not None and _meets(mean, effect.target.op, goal))
    effect.verdict = ACHIEVED if kept and reached else MISSED
    return effect


def _meets(value: float, op: str, goal: float) -> bool:
    return value <= goal if op in ("<=", "<") else value >= goal


def _target_entry(effect: TargetEffect) -> dict[str, Any]:
    target = effect.target
    entry: dict[str, Any] = {"ref": target.ref, "metric": target.metric}
    if target.channel:
        entry["channel"] = target.channel
    if target.scope:
        entry["scope"] = dict(target.scope)
    entry.update(op=target.op, value=target.value, unit=target.unit)
    if effect.old and isinstance(effect.old.get("value"), (int, float)):
        entry["old_value"] = effect.old["value"]
    entry["before"], entry["after"] = _figures_entry(effect.figures("before")), _figures_entry(effect.figures("after"))
    if effect.pilot:
        entry["pilot"] = dict(effect.pilot)
    if effect.kept is not None:
        entry["kept"] = effect.kept
    entry["verdict"] = effect.verdict
    return entry


def _figures_entry(figures: Figures) -> dict[str, Any]:
    shown = figures.as_dict()
    return {"n": figures.n, "met": figures.met, "rate": shown["rate"], "actual": shown["actual"]}


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None
