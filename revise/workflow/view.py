"""Reading the procedure: the status of one proposal (the ranked queue is `revise.workflow.queue`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from revise.messages import t
from revise.workflow import gates, gitstore, identity, priority, store
from revise.workflow.context import Context, open_context
from revise.workflow.labels import label


def status(root: Path, pid: str, remote: str | None = None) -> dict[str, Any]:
    """State, priority, the gates (reviews on the exact draft, pilot, signatures) and what comes next."""
    ctx = open_context(root, remote)
    loc = store.locate(root, pid, remote)
    data = loc.data
    d = gates.draft(root, ctx.cfg.main_branch, loc.commit)
    recorded = (data.get("draft") or {}).get("digest")
    if data["state"] == "published":  # merged: main now holds the draft, which publish verified against its digest
        tag = (data.get("publication") or {}).get("tag", "")
        before = gitstore.rev(root, f"refs/tags/{tag}^1") if tag else None
        d = gates.Draft(before or d.base, d.tip, [])
        d_digest: str | None = recorded
    else:
        d_digest = d.digest if d.files else None
    it_required = bool((data.get("draft") or {}).get("technical")) or (bool(d.files) and gates.technical(root, d))
    sig_info, signed = _signatures(ctx, d)
    review = gates.review_gates(data, ctx.org, d_digest, it_required, signed)
    pilot = gates.pilot_gate(data, ctx.org, signed)
    effective = _effective_state(data["state"], review, pilot, sig_info)
    out = {
        "id": pid, "title": data["title"], "state": effective, "recorded_state": data["state"],
        "state_label": label("state", effective), "author": data["author"], "created": data["created"],
        "branch": loc.branch, "commit": loc.commit, "targets": data["targets"],
        "priority": priority.of(data, ctx.cfg), "scores": data.get("scores") or [],
        "draft": {"recorded": recorded, "current": d_digest, "changed": (data.get("draft") or {}).get("changed", d.documents)
                  if data["state"] == "published" else d.documents,
                  "stale": bool(recorded) and recorded != d_digest, "technical": it_required},
        "gates": [g.as_dict() for g in (*review, pilot)],
        "signatures": sig_info,
    }
    out["next"] = next_step(out, data)
    return out


def _signatures(ctx: Context, d: gates.Draft) -> tuple[dict[str, Any], dict[tuple[str, str], bool] | None]:
    if not ctx.cfg.require_signatures:
        return {"required": False, "problems": []}, None
    sigs = identity.verify(ctx.root, ctx.org, identity.branch_commits(ctx.root, d.base, d.tip))
    problems = [{"commit": s.commit, "author": s.author, "step": s.step, "problem": s.problem}
                for s in gates.bad_signatures(sigs, ctx.org)]
    return {"required": True, "problems": problems}, gates.signature_map(sigs)


def _effective_state(state: str, review: list[gates.Gate], pilot: gates.Gate, sig_info: dict[str, Any]) -> str:
    """`approved` only while it is true: a stale, unsigned or missing approval puts it back."""
    if state != "approved":
        return state
    if sig_info["problems"] or not all(g.met for g in review):
        return "review"
    if not pilot.met:
        return "pilot"
    return state


def next_step(st: dict[str, Any], data: dict[str, Any]) -> str:
    """What must happen next, in words."""
    pid, state = st["id"], st["state"]
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
    if state == "pilot" or pilot["status"] not in ("pass", "waived"):
        if pilot["status"] == "fail":
            return t("wf.next.pilot-failed", id=pid)
        if pilot["status"] == "running":
            return t("wf.next.pilot-decide", id=pid)
        return t("wf.next.pilot-start", id=pid)
    return t("wf.next.publish", id=pid)
