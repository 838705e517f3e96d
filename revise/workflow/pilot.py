"""The pilot: start it (scope, period), record metric results, decide pass/fail, or waive it.

Anyone in the org chart may start a pilot and record results; a committee member (not the
author) decides pass or fail; only the committee chair may waive the pilot, with a reason.
A pass or a waiver moves the proposal to `approved`, but only while every required review
still approves the current draft.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from revise.errors import NotNow, UsageError
from revise.messages import t
from revise.schema.schemaset import SchemaSet
from revise.workflow import gates, proposal
from revise.workflow.context import Context, open_context
from revise.workflow.gitstore import Author
from revise.workflow.steps import _clean_text, _commit, allow, load


def start(root: Path, pid: str, *, scope: str, until: str, region: str = "", customer_group: str = "",
          channel: str = "", remote: str | None = None, actor: Author | None = None) -> dict[str, Any]:
    """Start (or restart) the pilot: scope, region, customer group, channel and end date."""
    ctx = open_context(root, remote, actor)
    allow(ctx, "pilot-start", pid)
    loc = load(ctx, pid)
    allow(ctx, "pilot-start", loc=loc)
    scope = _clean_text("scope", scope)
    if not scope:
        raise UsageError(t("wf.pilot-scope"))
    end = _date("until", until)
    if end < date.today():
        raise UsageError(t("wf.date-past", field="--until", value=until))
    if channel and channel not in SchemaSet(root / "schemas").choices("channel"):
        raise UsageError(t("wf.bad-channel", channel=channel, allowed=", ".join(SchemaSet(root / "schemas").choices("channel"))))
    pilot: dict[str, Any] = {"scope": scope}
    for key, value in (("region", region), ("customer_group", customer_group), ("channel", channel)):
        if value.strip():
            pilot[key] = _clean_text(key, value)
    pilot.update({"start": date.today().isoformat(), "until": end.isoformat(), "started_by": ctx.actor.email,
                  "started_at": proposal.now(), "results": []})
    data = {**loc.data, "pilot": pilot}
    _commit(ctx, loc, "pilot", data, t("wf.pilot-started", scope=scope), {"Revise-Area": "pilot", "Revise-Pilot": "start"})
    return data


def record(root: Path, pid: str, *, results: dict[str, float], baselines: dict[str, float] | None = None,
           targets: dict[str, float] | None = None, remote: str | None = None,
           actor: Author | None = None) -> dict[str, Any]:
    """Record metric results (with baseline and target) of a running pilot; a metric recorded again is replaced."""
    ctx = open_context(root, remote, actor)
    allow(ctx, "pilot-result", pid)
    loc = load(ctx, pid)
    allow(ctx, "pilot-result", loc=loc)
    pilot = dict(loc.data["pilot"])
    known = SchemaSet(root / "schemas").metrics
    rows = {r["metric"]: r for r in pilot.get("results") or []}
    for metric, value in results.items():
        if metric not in known:
            raise UsageError(t("wf.unknown-metric", metric=metric), t("wf.unknown-metric.hint", known=", ".join(sorted(known))))
        row: dict[str, Any] = {"metric": metric}
        for key, table in (("baseline", baselines or {}), ("target", targets or {})):
            if metric in table:
                row[key] = table[metric]
            elif key in rows.get(metric, {}):
                row[key] = rows[metric][key]
        row.update({"value": value, "at": proposal.now()})
        rows[metric] = row
    data = {**loc.data, "pilot": {**pilot, "results": list(rows.values())}}
    summary = ", ".join(f"{m}={v:g}" for m, v in results.items())
    _commit(ctx, loc, "pilot", data, summary, {"Revise-Area": "pilot", "Revise-Pilot": "result"})
    return data


def decide(root: Path, pid: str, *, passed: bool, message: str = "", remote: str | None = None,
           actor: Author | None = None) -> dict[str, Any]:
    """A committee member (not the author) records the outcome; a pass moves the proposal to approved."""
    ctx = open_context(root, remote, actor)
    allow(ctx, "pilot-decide", pid)
    loc = load(ctx, pid)
    allow(ctx, "pilot-decide", loc=loc)
    pilot = dict(loc.data["pilot"])
    if passed and not pilot.get("results"):
        raise NotNow(t("wf.pilot-no-results", id=pid), t("wf.pilot-no-results.hint", id=pid))
    outcome = "pass" if passed else "fail"
    return _conclude(ctx, loc, pilot, outcome, _clean_text("message", message))


def waive(root: Path, pid: str, *, reason: str, remote: str | None = None,
          actor: Author | None = None) -> dict[str, Any]:
    """The committee chair waives the pilot with a reason; the proposal moves to approved."""
    ctx = open_context(root, remote, actor)
    allow(ctx, "pilot-waive", pid)
    reason = _clean_text("reason", reason)
    if not reason:
        raise UsageError(t("wf.reason-required", flag="--reason"))
    loc = load(ctx, pid)
    allow(ctx, "pilot-waive", loc=loc)
    return _conclude(ctx, loc, dict(loc.data.get("pilot") or {}), "waived", reason)


def _conclude(ctx: Context, loc: Any, pilot: dict[str, Any], outcome: str, message: str) -> dict[str, Any]:
    data = dict(loc.data)
    pilot = {**pilot, "outcome": outcome, "by": ctx.actor.email, "at": proposal.now()}
    pilot.pop("message", None)
    if message:
        pilot["message"] = message
    data["pilot"] = pilot
    if outcome in ("pass", "waived"):
        d = gates.draft(ctx.root, ctx.cfg.main_branch, loc.commit, loc.pid)
        it_required = bool((data.get("draft") or {}).get("technical"))
        open_gates = [g for g in gates.review_gates(data, ctx.org, d.digest, it_required, gates.Binding(None)) if not g.met]
        if open_gates:
            raise NotNow(t("wf.reviews-open", id=loc.pid, areas=", ".join(f"{g.area}:{g.status}" for g in open_gates)))
        data["state"] = "approved"
    _commit(ctx, loc, "pilot", data, outcome + (f": {message}" if message else ""),
            {"Revise-Area": "pilot", "Revise-Pilot": outcome})
    return data



def _date(field: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise UsageError(t("wf.bad-date", field=field, value=value)) from None
