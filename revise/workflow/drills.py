"""`revise drill`: record an emergency plan's drill as a step commit on main (演练记录).

The drill is appended to `drills/<PLAN>.yaml` on main by one commit of the person recording it
(anyone in the org chart), with the trailers `Revise-Step: drill` and `Revise-Plan: <PLAN>`; the
record is judged commit by commit like a proposal (`revise.workflow.drilllog`). Everything is
checked before anything is written: the plan exists on main and is an emergency plan, the date is a
real day and not in the future, the result is one of pass / partial / fail, the findings are given.
With a remote, main is pushed, and a refused push takes the commit back (`revise.workflow.onmain`).

With `raise_request`, a revision request of the plan (source `drill`, the findings as evidence) is
filed in the same command, after the drill is recorded.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from revise.errors import GateError, ReviseError, UsageError
from revise.messages import t
from revise.workflow import drilllog, gitstore, onmain, onmaindocs, proposal
from revise.workflow.context import Context, open_context
from revise.workflow.periodic import kind_label

RESULTS = ("pass", "partial", "fail")


def record(root: Path, plan: str, *, day: str, result: str, findings: str, raise_request: bool = False,
           remote: str | None = None, actor: gitstore.Author | None = None) -> dict[str, Any]:
    """Record one drill of `plan`; returns `{"plan", "drill", "commit", "file", "proposal"}` (the
    proposal filed with `raise_request`, else None)."""
    from revise.workflow.steps import _clean_text
    ctx = open_context(root, remote, actor)
    ctx.member("drill")
    if result not in RESULTS:
        raise UsageError(t("drill.bad-result", result=result, allowed=", ".join(RESULTS)))
    when = _day(day)
    findings = _clean_text("findings", findings)
    if not findings:
        raise UsageError(t("drill.no-findings"))
    doc = _plan_on_main(ctx, plan)
    onmain.refuse_if_behind(ctx)
    main = gitstore.rev(root, ctx.main_ref) or ""
    log = drilllog.read(root, ctx.main_ref, ctx.org.desk).get(plan)
    if log is not None and log.tampered is not None:
        raise GateError(t("drill.tampered", plan=plan, commit=log.tampered.sha[:10], author=log.tampered.author,
                          reason=t(f"drill.tamper.{log.reason}", **log.params)), t("drill.tampered.hint", plan=plan))
    entry: dict[str, Any] = {"date": when.isoformat(), "result": result, "findings": findings}
    if doc["version"]:
        entry["version"] = doc["version"]
    entry.update({"by": ctx.actor.email, "at": proposal.now()})
    data = {"plan": plan, "drills": [*(log.drills if log else []), entry]}
    raw = _dumps(data)
    request = _request(doc, entry) if raise_request else None  # its texts are checked before anything is written
    commit = onmain.commit(ctx, main, {drilllog.file_of(plan): raw}, _message(ctx, plan, when, result))
    out: dict[str, Any] = {"plan": plan, "drill": entry, "commit": commit, "file": drilllog.file_of(plan), "proposal": None}
    if request is not None:
        out["proposal"] = _raise(ctx, request, commit)
    return out


def _day(value: str) -> date:
    try:
        when = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        when = None
    if when is None:
        raise UsageError(t("wf.bad-date", field="--date", value=value))
    if when > date.today():
        raise UsageError(t("drill.future", value=value), t("drill.future.hint"))
    return when


def _plan_on_main(ctx: Context, plan: str) -> dict[str, Any]:
    docs = onmaindocs.documents(ctx.root, ctx.main_ref)
    doc = docs.get(plan)
    if doc is None or doc["kind"] != "emergency-plan":
        plans = sorted(d for d, env in docs.items() if env["kind"] == "emergency-plan")
        key = "drill.unknown-plan" if doc is None else "drill.not-a-plan"
        raise UsageError(t(key, plan=plan, kind=kind_label((doc or {}).get("kind"))),
                         t("drill.unknown-plan.hint", plans=", ".join(plans) or "-"))
    return doc


def _dumps(data: dict[str, Any]) -> bytes:
    """The record's bytes, written as proposal files are, and checked against its schema."""
    raw = drilllog.HEADER.encode("utf-8") + proposal.dumps(data).removeprefix(proposal.HEADER.encode("utf-8"))
    if drilllog.loads(raw) is None:  # our own bug: never write a record the audit would call unreadable
        raise RuntimeError(f"a drill record that fails its schema: {data!r}")
    return raw


def _message(ctx: Context, plan: str, when: date, result: str) -> str:
    lines = [f"revise drill {plan}: {when.isoformat()} {result}", "", "Revise-Step: drill", f"Revise-Plan: {plan}"]
    if ctx.actor.via:
        lines.append(f"Revise-Via: {ctx.actor.via}")
    return "\n".join(lines) + "\n"


def _request(doc: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    """The revision request a drill's findings open: title, background and evidence, checked."""
    from revise.workflow.steps import _clean_text
    result = drilllog.result_label(entry["result"])
    name = " ".join(str(doc["title"] or doc["id"]).split())
    return {"title": _clean_text("title", t("drill.request-title", title=name, plan=doc["id"], date=entry["date"], result=result),
                                 single_line=True),
            "background": t("drill.request-background", plan=doc["id"], file=drilllog.file_of(doc["id"])),
            "evidence": [t("drill.request-evidence", date=entry["date"], result=result, findings=entry["findings"])],
            "targets": [doc["id"]]}


def _raise(ctx: Context, request: dict[str, Any], commit: str) -> str:
    """File the request after the drill is recorded; a failure here leaves the drill recorded and says so."""
    from revise.workflow.steps import request as file_request
    plan = request["targets"][0]
    try:
        return file_request(ctx.root, source="drill", remote=ctx.remote, actor=ctx.actor, **request)
    except ReviseError as exc:
        raise GateError(t("drill.raise-failed", plan=plan, commit=commit[:10], error=exc.message),
                        t("drill.raise-failed.hint", plan=plan)) from None
