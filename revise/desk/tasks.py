"""我的待办: what waits for the signed-in person, most urgent first, each linking to where it is done.

Whether the person may take a step is the core's answer (`revise.workflow.permissions`); this module
adds only whether it still waits: a score not yet given, a review not yet given or stale, a running
pilot with results to decide on, a draft back with its author, a publication due.
"""

from __future__ import annotations

from typing import Any

from revise.errors import NotNow
from revise.workflow import permissions, store

# the kinds of task, most urgent first
KINDS = ("publish", "restore", "pilot-decide", "review", "renew", "rework", "pilot-start", "submit", "draft", "score")


_kept: dict[tuple[Any, ...], list[dict[str, Any]]] = {}


def tasks(desk: Any, actor: Any, ranked: dict[str, Any]) -> list[dict[str, Any]]:
    """`[{kind, id, title, state, rank, area}]` for `actor`, by urgency then queue rank (kept for
    each person until the desk's refs move)."""
    key = (desk.clone.refs()[0], actor.email, id(ranked))
    if key not in _kept:
        if len(_kept) > 256:
            _kept.clear()
        from revise.desk.duties import tasks_for
        _kept[key] = _compute(desk, actor, ranked) + tasks_for(desk, actor)  # reviews due and evaluations: after the proposals
    return _kept[key]


def _compute(desk: Any, actor: Any, ranked: dict[str, Any]) -> list[dict[str, Any]]:
    data = _data(desk)
    org = desk.org()
    found = []
    for row in ranked["proposals"]:
        proposal = data.get(row["id"])
        if proposal is None:
            continue
        for kind, area in waiting(permissions_of(org, actor.email, row, proposal), proposal, actor.email):
            found.append({"kind": kind, "area": area, "id": row["id"], "title": row["title"], "state": row["state"],
                          "rank": row["rank"]})
    found.sort(key=lambda x: (KINDS.index(x["kind"]), x["rank"]))
    return found


def _data(desk: Any) -> dict[str, dict[str, Any]]:
    good, _bad = store.all_located(desk.root)
    return {loc.pid: loc.data for loc in good}


def permissions_of(org: Any, email: str, row: dict[str, Any], data: dict[str, Any]) -> list[permissions.Choice]:
    tampered = NotNow(row["state"]) if row["state"] == "tampered" else None
    digest = (data.get("draft") or {}).get("digest")
    facts = permissions.Facts(org, email, row["id"], data, None, digest, tampered)
    return [c for c in permissions.choices(facts) if c.allowed]


def waiting(allowed: list[permissions.Choice], data: dict[str, Any], email: str) -> list[tuple[str, str | None]]:
    """(kind, area) of the allowed steps that still wait for this person."""
    out: list[tuple[str, str | None]] = []
    steps = {c.key: c for c in allowed}
    mine = str(data.get("author", "")).lower() == email
    if "score" in steps and not any(str(s.get("by", "")).lower() == email for s in data.get("scores") or []):
        out.append(("score", None))
    for c in allowed:
        if c.step == "review":
            kind = _review_waits(data, c.area or "", email)
            if kind:
                out.append((kind, c.area))
    pilot = data.get("pilot") or {}
    if "pilot-decide" in steps and pilot.get("results") and not pilot.get("outcome"):
        out.append(("pilot-decide", None))
    if mine:
        out += _author_tasks(steps, data)
    if "publish" in steps:
        out.append(("publish", None))
    return out


def _review_waits(data: dict[str, Any], area: str, email: str) -> str | None:
    digest = (data.get("draft") or {}).get("digest")
    latest = None
    for review in data.get("reviews") or []:
        if review.get("area") == area:
            latest = review
    if latest is None:
        return "review"
    if latest.get("decision") == "approve" and latest.get("digest") == digest:
        return None
    if latest.get("decision") == "approve" and str(latest.get("by", "")).lower() == email:
        return "renew"
    return "review" if latest.get("digest") != digest else None


def _author_tasks(steps: dict[str, permissions.Choice], data: dict[str, Any]) -> list[tuple[str, str | None]]:
    state = data.get("state")
    if "restore" in steps:
        return [("restore", None)]
    if state == "scored" and "draft" in steps:
        return [("draft", None)]
    if state == "draft" and "submit" in steps:
        return [("submit", None)]
    returned = any(r.get("decision") in ("reject", "request-changes") and r.get("digest") == (data.get("draft") or {}).get("digest")
                   for r in data.get("reviews") or [])
    failed = (data.get("pilot") or {}).get("outcome") == "fail"
    if state in ("review", "pilot") and (returned or failed) and "submit" in steps:
        return [("rework", None)]
    if state == "pilot" and not (data.get("pilot") or {}).get("started_at") and "pilot-start" in steps:
        return [("pilot-start", None)]
    return []
