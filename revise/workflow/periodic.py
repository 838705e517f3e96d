"""Periodic review (定期评估): when each document is due, who owns it, and opening its review.

Every document is reviewed every `review_every` months (its own, else `revise.yaml`'s per kind).
Its last review is derived from main's history (`revise.workflow.reviewlog`); the next one is due
that many calendar months later (`revise.workflow.due`). `schedule` is what `revise reviews` prints
and what the desk shows each owner; `request_review` opens a review as an ordinary proposal with
source `periodic-review`, which may end "no change needed" (`revise.workflow.nochange`).
Emergency plans also carry their drill schedule (`revise.workflow.drilllog`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from revise.errors import GateError, UsageError
from revise.messages import t
from revise.workflow import config, drilllog, due, gitstore, onmaindocs, orgchart, reviewlog

SOURCE = "periodic-review"


def schedule(root: Path, today: date, *, owner: str | None = None) -> dict[str, Any]:
    """Every document on main with its owner, last review, due date and status, soonest due first.

    `owner`: an e-mail; only the documents whose owner role that person holds (the desk's "mine").
    Each entry: `document`, `title`, `kind`, `path`, `version`, `owner: {role, people: [{name, email}]}`,
    `review_every` (months), `last_review: {date, kind, proposal}`, `due`, `status` (ok / due /
    overdue), `open_review` (the id of its periodic review under way, on any local or remote-tracking
    branch, else None); an emergency plan also has `drill: {every, last, since, count, due, status, tampered}`."""
    if not gitstore.is_repo(root):
        raise UsageError(t("wf.not-a-repo", path=root))
    cfg = config.load(root)
    ref = f"refs/heads/{cfg.main_branch}"
    if not gitstore.rev(root, ref):
        raise UsageError(t("wf.no-main", branch=cfg.main_branch))
    org = orgchart.load(root, ref)
    history = reviewlog.read(root, ref, org.desk)
    docs = onmaindocs.documents(root, ref)
    drills = drilllog.read(root, ref, org.desk) if any(d["kind"] == "emergency-plan" for d in docs.values()) else {}
    entries = [_entry(doc, cfg, org, history, drills, today) for doc in docs.values()]
    under_way = open_reviews(root)
    for entry in entries:
        entry["open_review"] = under_way.get(entry["document"])
    if owner is not None:
        mine = owner.lower()
        entries = [e for e in entries if any(p["email"] == mine for p in e["owner"]["people"])]
    entries.sort(key=lambda e: (e["due"] or "9999-12-31", e["document"]))
    return {"today": today.isoformat(), "documents": entries}


def _entry(doc: dict[str, Any], cfg: config.Config, org: orgchart.OrgChart, history: reviewlog.History,
           drills: dict[str, drilllog.DrillLog], today: date) -> dict[str, Any]:
    months = cfg.review_months(doc["kind"], doc["review_every"])
    last = history.last.get(doc["id"])
    next_day = due.add_months(date.fromisoformat(last.day), months) if last else None
    people = [{"name": org.people[email].name, "email": email} for email in org.holders(doc["owner"] or "")]
    entry: dict[str, Any] = {
        "document": doc["id"], "title": doc["title"], "kind": doc["kind"], "path": doc["path"], "version": doc["version"],
        "owner": {"role": doc["owner"], "people": people}, "review_every": months,
        "last_review": last.as_dict() if last else None,
        "due": next_day.isoformat() if next_day else None,
        "status": due.status(next_day, today) if next_day else "unknown",
    }
    if doc["kind"] == "emergency-plan":
        entry["drill"] = drill_status(doc["id"], doc["drill_every"], drills.get(doc["id"]), history.added.get(doc["id"]), today)
    return entry


def open_reviews(root: Path, remote: str | None = None) -> dict[str, str]:
    """`{document: id}` of the open periodic reviews on every `revise/*` branch (the lowest id first)."""
    from revise.workflow import store
    from revise.workflow.states import OPEN
    found: dict[str, str] = {}
    located, _bad = store.all_located(root, remote)
    for loc in sorted(located, key=lambda loc: loc.pid):
        if loc.data.get("source") == SOURCE and loc.data.get("state") in OPEN:
            for doc in loc.data.get("targets") or []:
                found.setdefault(doc, loc.pid)
    return found


def drill_status(plan: str, every: Any, log: drilllog.DrillLog | None, added: str | None, today: date) -> dict[str, Any]:
    """When the plan was last drilled (or, never drilled, since when it has been on main) and when the next drill is due."""
    last = log.last if log else None
    since = last or (date.fromisoformat(added) if added else None)
    next_day = due.after(since, every) if since else None
    tampered = None
    if log is not None and log.tampered is not None:
        tampered = {"commit": log.tampered.sha, "author": log.tampered.author,
                    "reason": t(f"drill.tamper.{log.reason}", **log.params)}
    return {"every": every, "last": last.isoformat() if last else None, "since": since.isoformat() if since else None,
            "count": len(log.drills) if log else 0, "due": next_day.isoformat() if next_day else None,
            "status": ("overdue" if today > next_day else "ok") if next_day else "unknown", "tampered": tampered}


def every_text(duration: Any) -> str:
    """A drill interval as people read it: "3 个月" (the unit's title in the schema), "3 months" in English."""
    from revise.messages import language
    d = duration if isinstance(duration, dict) else {}
    value, unit = d.get("value", "?"), str(d.get("unit", ""))
    shown = int(value) if isinstance(value, float) and value.is_integer() else value
    if language() == "en":
        return f"{shown} {unit}" + ("" if shown == 1 else "s")
    return f"{shown} {drilllog.schemas().title_of('durationUnit', unit)}"


def kind_label(kind: str | None) -> str:
    """A document kind's title in the schema (标准, 话术, 应急预案…); the code itself in English."""
    from revise.messages import language
    if not kind or language() == "en":
        return kind or "-"
    return drilllog.schemas().title_of("kind", kind)


def request_review(root: Path, document: str, *, remote: str | None = None,
                   actor: gitstore.Author | None = None) -> str:
    """Open the periodic review of `document` as a proposal (source `periodic-review`, the title
    from the document); refused while another periodic review of it is open. Returns its id."""
    from revise.workflow.context import open_context
    from revise.workflow.steps import request
    ctx = open_context(root, remote, actor)
    docs = onmaindocs.documents(root, ctx.main_ref)
    doc = docs.get(document)
    if doc is None:
        raise UsageError(t("wf.unknown-target", target=document), t("wf.unknown-target.hint", known=", ".join(sorted(docs)[:30])))
    under_way = open_reviews(root, remote).get(document)
    if under_way:
        raise GateError(t("periodic.already-open", id=under_way, document=document), t("periodic.already-open.hint", id=under_way))
    entry = _entry(doc, ctx.cfg, ctx.org, reviewlog.read(root, ctx.main_ref, ctx.org.desk), {}, date.today())
    last = entry["last_review"] or {}
    title = t("periodic.title", title=doc["title"] or document, document=document)
    background = t("periodic.background", document=document, months=entry["review_every"], last=last.get("date") or "-",
                   how=t(f"periodic.how.{last.get('kind') or 'added'}", proposal=last.get("proposal") or ""),
                   due=entry["due"] or "-")
    return request(root, title=title, source=SOURCE, targets=[document], background=background, remote=remote, actor=actor)
