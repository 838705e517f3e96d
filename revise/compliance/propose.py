"""Feeding misses back into the revision procedure (闭环): `--propose`.

A clause whose target was missed in each of the last `months` months of the export (by more
than `breach_rate` of its tickets, or on average) gets one revision request with source
`monitoring`, the figures of those months as evidence. A clause that already has an open
monitoring proposal (its reference in the title or an evidence line) is not filed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from revise.compliance.config import ComplianceConfig
from revise.compliance.evaluate import Result
from revise.compliance.report import Context, actual, describe, percent
from revise.compliance.versions import in_force_on
from revise.errors import UsageError
from revise.messages import t

OPEN_STATES = ("request", "scored", "draft", "review", "pilot", "approved")


@dataclass(frozen=True)
class Filed:
    """One outcome of `--propose` for a clause: `filed` a new request, or `exists` already."""

    action: str
    ref: str
    proposal: str
    title: str


def missed_runs(ctx: Context, months: int) -> dict[str, list[Result]]:
    """`{clause ref: [results]}` of the targets missed in each of the export's last `months` months.

    Only the version of a target in force today is raised: a miss of a version already replaced,
    or of one published but not yet in force, is no reason to revise the rule in force.
    """
    recent = ctx.export.months[-months:]
    if len(recent) < months or not _consecutive(recent):
        return {}
    today = ctx.today or date.today()
    found: dict[str, list[Result]] = {}
    for result in ctx.evaluation.results:
        if not in_force_on(result.target, today):
            continue
        slices = [result.months.get(m) for m in recent]
        if all(s is not None and result.breached(s, ctx.tolerance) for s in slices):
            found.setdefault(result.target.ref, []).append(result)
    return found


def evidence(results: list[Result], recent: list[str], ctx: Context) -> list[str]:
    lines = []
    for result in results:
        for month in recent:
            f = result.months[month]
            lines.append(t("cp.propose.evidence", ref=result.target.ref, version=result.target.version or "-",
                           target=describe(result.target, ctx.schemas),
                           month=month, n=f"{f.n:,}", met="-" if f.met is None else f"{f.met:,}", rate=percent(f.rate),
                           actual=actual(f.actual, result.target.unit, ctx.schemas)))
    return lines


def propose(root: Path, ctx: Context, cfg: ComplianceConfig, *, remote: str | None = None,
            workflow: Any = None) -> list[Filed]:
    """File a monitoring request for each clause missed `cfg.months` months in a row; never twice."""
    if ctx.evaluation.month:
        raise UsageError(t("cp.propose.month"))
    if len(ctx.export.months) < cfg.months:
        raise UsageError(t("cp.propose.too-few-months", have=len(ctx.export.months), need=cfg.months))
    api = workflow or _workflow()
    runs = missed_runs(ctx, cfg.months)
    if not runs:
        return []
    recent = ctx.export.months[-cfg.months:]
    open_ = [p for p in api.list_proposals(root, remote=remote) if p.get("state") in OPEN_STATES]
    outcomes: list[Filed] = []
    for ref, results in runs.items():
        existing = _existing(open_, ref)
        title = t("cp.propose.title", ref=ref, title=results[0].target.clause_title or ref, months=cfg.months)
        if existing is not None:
            outcomes.append(Filed("exists", ref, str(existing.get("id")), str(existing.get("title"))))
            continue
        background = t("cp.propose.background", ref=ref, months=cfg.months, tolerance=percent(cfg.breach_rate),
                       path=ctx.source or ctx.export.path.name)
        pid = api.request(root, title=title, source="monitoring", targets=[results[0].target.document],
                          background=background, evidence=evidence(results, recent, ctx), remote=remote)
        open_.append({"id": pid, "title": title, "source": "monitoring", "evidence": [], "state": "request"})
        outcomes.append(Filed("filed", ref, pid, title))
    return outcomes


def _existing(proposals: list[dict[str, Any]], ref: str) -> dict[str, Any] | None:
    for p in proposals:
        lines = [str(p.get("title") or "")] + [str(e) for e in p.get("evidence") or []]
        if any(_mentions(line, ref) for line in lines):
            return p
    return None


def _mentions(line: str, ref: str) -> bool:
    start = line.find(ref)
    while start >= 0:
        end = start + len(ref)
        if end == len(line) or not (line[end].isalnum() or line[end] == "-"):
            return True
        start = line.find(ref, end)
    return False


def _consecutive(months: list[str]) -> bool:
    index = [int(m[:4]) * 12 + int(m[5:7]) for m in months]
    return all(b - a == 1 for a, b in zip(index, index[1:]))


def _workflow() -> Any:
    try:
        import revise.workflow as api
    except ModuleNotFoundError:
        raise UsageError(t("cp.propose.unavailable"), t("cp.propose.unavailable.hint")) from None
    if not all(callable(getattr(api, name, None)) for name in ("request", "list_proposals")):
        raise UsageError(t("cp.propose.unavailable"), t("cp.propose.unavailable.hint"))
    return api


