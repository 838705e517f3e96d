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


@dataclass(frozen=True)
class Request:
    """A revision request to file for one clause, unless an open proposal already covers it."""

    ref: str
    title: str
    documents: tuple[str, ...]
    background: str
    evidence: tuple[str, ...]
    source: str = "monitoring"


def requests(ctx: Context, cfg: ComplianceConfig) -> list[Request]:
    """A monitoring request for each clause whose target was missed `cfg.months` months in a row."""
    if ctx.evaluation.month:
        raise UsageError(t("cp.propose.month"))
    if len(ctx.export.months) < cfg.months:
        raise UsageError(t("cp.propose.too-few-months", have=len(ctx.export.months), need=cfg.months))
    recent = ctx.export.months[-cfg.months:]
    out = []
    for ref, results in missed_runs(ctx, cfg.months).items():
        title = t("cp.propose.title", ref=ref, title=results[0].target.clause_title or ref, months=cfg.months)
        background = t("cp.propose.background", ref=ref, months=cfg.months, tolerance=percent(cfg.breach_rate),
                       path=ctx.source or ctx.export.path.name)
        out.append(Request(ref, title, (results[0].target.document,), background, tuple(evidence(results, recent, ctx))))
    return out


def propose(root: Path, ctx: Context, cfg: ComplianceConfig, *, remote: str | None = None,
            workflow: Any = None) -> list[Filed]:
    """File a monitoring request for each clause missed `cfg.months` months in a row; never twice."""
    return file_requests(root, requests(ctx, cfg), remote=remote, workflow=workflow)


def file_requests(root: Path, wanted: list[Request], *, remote: str | None = None, workflow: Any = None) -> list[Filed]:
    """File each request through the workflow API, skipping a clause an open proposal already names."""
    if not wanted:
        return []
    api = workflow or _workflow()
    open_ = [p for p in api.list_proposals(root, remote=remote) if p.get("state") in OPEN_STATES]
    outcomes: list[Filed] = []
    for item in wanted:
        existing = _existing(open_, item.ref)
        if existing is not None:
            outcomes.append(Filed("exists", item.ref, str(existing.get("id")), str(existing.get("title"))))
            continue
        pid = api.request(root, title=item.title, source=item.source, targets=list(item.documents),
                          background=item.background, evidence=list(item.evidence), remote=remote)
        open_.append({"id": pid, "title": item.title, "source": item.source, "evidence": [], "state": "request"})
        outcomes.append(Filed("filed", item.ref, pid, item.title))
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


