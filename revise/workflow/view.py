"""Reading the procedure: the status of one proposal (the ranked queue is `revise.workflow.queue`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from revise.messages import MESSAGES, t
from revise.messages import t as _t
from revise.workflow import gates, gitstore, identity, priority, store, trail
from revise.workflow.context import Context, open_context
from revise.workflow.labels import label
from revise.workflow.proposal import EMPTY_DIGEST


def status(root: Path, pid: str, remote: str | None = None, actor: gitstore.Author | None = None) -> dict[str, Any]:
    """State, priority, the gates (each bound to the step commit that made it), the timeline of step
    commits, and what comes next. A tampered history, paths a proposal may not change and an
    unfinished publish are reported, never hidden behind the recorded state."""
    return _status(open_context(root, remote, actor), pid)[0]


def with_choices(root: Path, pid: str, actor: gitstore.Author, remote: str | None = None) -> dict[str, Any]:
    """`status`, plus `actions`: every step with whether `actor` may take it now and, if not, why
    (`revise.workflow.permissions`: the rules the steps themselves apply)."""
    from revise.workflow import permissions
    ctx = open_context(root, remote, actor)
    out, data = _status(ctx, pid)
    facts = permissions.facts_of_status(ctx.org, ctx.actor.email, out, data)
    out["actions"] = [c.as_dict() for c in permissions.choices(facts)]
    return out


def _status(ctx: Context, pid: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The status, and the proposal as its genuine step commits leave it."""
    from revise.workflow import publish  # publish imports this module's helpers
    from revise.workflow.steps import audit_of
    root, remote = ctx.root, ctx.remote
    loc = store.locate(root, pid, remote)
    verdict = audit_of(ctx, loc)
    data = _genuine(loc.data, verdict)
    d = gates.draft(root, ctx.cfg.main_branch, loc.commit, pid)
    recorded = (data.get("draft") or {}).get("digest")
    if data["state"] == "published":  # merged: main now holds the draft, which publish verified against its digest
        tag = (data.get("publication") or {}).get("tag", "")
        before = gitstore.rev(root, f"refs/tags/{tag}^1") if tag else None
        d = gates.Draft(before or d.base, d.tip, [])
        d_digest: str | None = recorded
    else:
        d_digest = d.digest if d.files or recorded == EMPTY_DIGEST else None  # a periodic review may change nothing
    it_required = bool((data.get("draft") or {}).get("technical")) or (bool(d.files) and gates.technical(root, d))
    sig_info, signed = signatures(ctx, loc, verdict)
    binding = gates.Binding(verdict.made_by, signed)
    review = gates.review_gates(data, ctx.org, d_digest, it_required, binding)
    pilot = gates.pilot_gate(data, ctx.org, binding)
    effective = _effective_state(data["state"], review, pilot, sig_info)
    unfinished = publish.unfinished(root, pid)
    if unfinished or not verdict.ok:
        effective = "publishing" if unfinished else "tampered"
    out = {
        "id": pid, "title": data["title"], "state": effective, "recorded_state": loc.data["state"],
        "state_label": label("state", effective),
        "author": data["author"], "created": data["created"],
        "branch": loc.branch, "commit": loc.commit, "targets": data["targets"],
        "priority": priority.of(data, ctx.cfg), "scores": data.get("scores") or [],
        "draft": {"recorded": recorded, "current": d_digest, "changed": (data.get("draft") or {}).get("changed", d.documents)
                  if data["state"] == "published" else d.documents,
                  "stale": bool(recorded) and recorded != d_digest, "technical": it_required},
        "forbidden": d.forbidden,
        "gates": [g.as_dict() for g in (*review, pilot)],
        "signatures": sig_info,
        "tampered": _tampered(verdict),
        "unfinished_publish": unfinished,
        "timeline": timeline(verdict, signed),
    }
    out["next"] = next_step(out, data)
    return out, data


def _genuine(recorded: dict[str, Any], verdict: Any) -> dict[str, Any]:
    """The proposal as its genuine step commits leave it: the file itself, unless it was tampered
    with (then the last genuine state; the file as recorded when not even the request was genuine)."""
    if verdict.ok or verdict.restorable is None:
        return recorded
    return verdict.restorable


def _tampered(verdict: Any) -> dict[str, Any] | None:
    bad = verdict.tampered
    if bad is None:
        return None
    return {"commit": bad.sha, "author": bad.author, "reason": t(f"wf.tamper.{verdict.reason}", **verdict.params),
            "restorable": verdict.restorable is not None}


def timeline(verdict: Any, signed: dict[str, bool] | None) -> list[dict[str, Any]]:
    """The genuine step commits, oldest first: who, what, when, through what, signature verified."""
    rows = []
    for c in verdict.steps:
        rows.append({"commit": c.sha, "step": c.step, "pilot": c.trailers.get("Revise-Pilot"),
                     "area": c.trailers.get("Revise-Area"), "decision": c.trailers.get("Revise-Decision"),
                     "by": c.author, "name": c.author_name, "at": c.date, "via": c.via, "summary": c.subject,
                     "signed": None if signed is None else signed.get(c.sha, False)})
    return rows


def signatures(ctx: Context, loc: store.Located, verdict: Any) -> tuple[dict[str, Any], dict[str, bool] | None]:
    """Signature problems on the branch (commits a restore voided aside) and `{commit: verified}`;
    (no problems, None) when signatures are not required."""
    if not ctx.cfg.require_signatures:
        return {"required": False, "problems": []}, None
    head, exclude = trail.span(ctx.root, loc.pid, loc.commit, ctx.main_ref, ctx.cfg.tag_prefix)
    commits = [c for c in identity.branch_commits(ctx.root, exclude or head, head) if c not in verdict.voided]
    sigs = identity.verify(ctx.root, ctx.org, commits)
    problems = [{"commit": s.commit, "author": s.author, "step": s.step, "problem": s.problem}
                for s in gates.bad_signatures(sigs, ctx.org)]
    return {"required": True, "problems": problems}, {s.commit: s.ok for s in sigs}


def _effective_state(state: str, review: list[gates.Gate], pilot: gates.Gate, sig_info: dict[str, Any]) -> str:
    """`approved` only while it is true: a stale, unsigned or missing approval puts it back."""
    if state != "approved":
        return state
    if sig_info["problems"] or not all(g.met for g in review):
        return "review"
    if not pilot.met:
        return "pilot"
    return state


def next_step(st: dict[str, Any], data: dict[str, Any], prefix: str = "wf.next.") -> str:
    """What must happen next, in words. `prefix` picks the wording: the CLI's (with its commands), or
    the desk's (`desk.next.`: with its buttons), falling back to the CLI's where the desk has none."""
    def t(key: str, **params: object) -> str:  # the wording `prefix` picks, else the CLI's
        mine = prefix + key.removeprefix("wf.next.")
        return _t(mine if mine in MESSAGES else key, **params)

    pid, state = st["id"], st["state"]
    if st["unfinished_publish"]:
        return t("wf.next.unfinished-publish", id=pid)
    if st["tampered"]:
        bad = st["tampered"]
        return t("wf.next.tampered", id=pid, commit=bad["commit"][:10], author=bad["author"], reason=bad["reason"])
    if st["forbidden"] and state not in ("published", "rejected", "withdrawn"):
        return t("wf.next.forbidden", id=pid, paths=", ".join(st["forbidden"][:10]))
    if st["signatures"]["problems"]:
        p = st["signatures"]["problems"][0]
        return t("wf.next.signature", commit=p["commit"][:10], author=p["author"])
    if state in ("published", "rejected", "withdrawn"):
        return t("wf.next.closed", state=label("state", state))
    if state == "request":
        return t("wf.next.score", id=pid)
    if state == "scored":
        return t("wf.next.draft", id=pid)
    if state == "draft" or st["draft"]["stale"] or not st["draft"]["recorded"]:
        return t("wf.next.submit", id=pid)
    review = [g for g in st["gates"] if g["area"] != "pilot"]
    blocked = [g for g in review if g["required"] and g["status"] in ("rejected", "changes-requested")]
    if blocked:
        return t("wf.next.rework", id=pid, areas="、".join(label("area", g["area"]) for g in blocked))
    waiting = [g for g in review if g["required"] and g["status"] not in ("approved",)]
    if waiting:
        who = "；".join(f"{label('area', g['area'])}（{', '.join(g['eligible']) or '-'}）" for g in waiting)
        return t("wf.next.review", id=pid, who=who)
    pilot = st["gates"][-1]
    if not pilot["required"]:  # an empty draft: a periodic review that found nothing to change
        return t("periodic.next.publish", id=pid)
    if state == "pilot" or pilot["status"] not in ("pass", "waived"):
        if pilot["status"] == "fail":
            return t("wf.next.pilot-failed", id=pid)
        if pilot["status"] == "running":
            return t("wf.next.pilot-decide", id=pid)
        return t("wf.next.pilot-start", id=pid)
    return t("wf.next.publish", id=pid)
