"""What is due today, as reminders: each source is a function of a `Today` giving `Reminder`s.

A reminder's `about` names what it concerns (a document and its due date, a proposal's review of one
draft), so that with its kind, recipient and channel it makes the key under which it is sent once
only (`run`): a new due date or a new draft is a new reminder. Sources only read; they never send.

Sources: documents due for their periodic review (to the owners), reviews waiting (to the
reviewers who may give them) and acknowledgements (阅读确认: due within three days or overdue, to the
person; overdue ones also to each supervisor along `reports_to`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable

from sqlalchemy.engine import Engine

from revise.messages import t
from revise.workflow.labels import label
from revise.workflow.orgchart import OrgChart


@dataclass(frozen=True, slots=True)
class Reminder:
    kind: str                 # review-due | review-overdue | review-pending | ack-due | ack-overdue | ack-overdue-supervisor
    about: str                # what it concerns, e.g. "STD-X:2027-01-01" (part of the once-only key)
    recipient: str            # e-mail
    name: str                 # the recipient's name, for the greeting and the group robots
    subject: str
    body: str
    document: str | None = None
    version: int | None = None


@dataclass(frozen=True, slots=True)
class Today:
    """What a source may look at: the repository (its main), the day, the org chart on main, the database."""

    root: Path
    day: date
    org: OrgChart
    engine: Engine | None = None


Source = Callable[[Today], Iterable[Reminder]]


def _name(org: OrgChart, email: str) -> str:
    person = org.person(email)
    return person.name if person else email


def review_due(today: Today) -> list[Reminder]:
    """Documents due or overdue for their periodic review, to each person holding the owner role."""
    from revise.workflow.periodic import schedule
    out = []
    for doc in schedule(today.root, today.day)["documents"]:
        if doc["status"] not in ("due", "overdue") or doc.get("open_review"):
            continue
        last = (doc.get("last_review") or {}).get("date") or "—"
        for person in doc["owner"]["people"]:
            params = {"name": person["name"], "document": doc["document"], "title": doc["title"] or "", "due": doc["due"],
                      "months": doc["review_every"], "last": last}
            out.append(Reminder(f"review-{doc['status']}", f"{doc['document']}:{doc['due']}", person["email"], person["name"],
                                t(f"remind.review-{doc['status']}.subject", **params), t("remind.review-due.body", **params),
                                doc["document"], doc["version"]))
    return out


def pending_reviews(today: Today) -> list[Reminder]:
    """Each review still waiting on an open proposal, to every committee member who may give it now —
    the desk's 我的待办 rule (`revise.desk.tasks`, on `revise.workflow.permissions`)."""
    from revise.desk import tasks
    from revise.workflow import queue, store
    good, _bad = store.all_located(today.root)
    data = {loc.pid: loc.data for loc in good}
    out = []
    for row in queue.queue(today.root)["proposals"]:
        proposal = data.get(row["id"])
        if proposal is None:
            continue
        digest = (proposal.get("draft") or {}).get("digest") or "-"
        for email in today.org.committee():
            for kind, area in tasks.waiting(tasks.permissions_of(today.org, email, row, proposal), proposal, email):
                if kind not in ("review", "renew"):
                    continue
                params = {"name": _name(today.org, email), "id": row["id"], "title": row["title"], "area": label("area", area)}
                out.append(Reminder("review-pending", f"{row['id']}:{area}:{digest}", email, params["name"],
                                    t("remind.review-pending.subject", **params), t("remind.review-pending.body", **params)))
    return out


def _field(item: Any, *names: str) -> Any:
    for name in names:
        value = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
        if value is not None:
            return value
    return None


def from_reading(items: Iterable[Any], org: OrgChart, today: date | None = None) -> list[Reminder]:
    """Acknowledgement reminders from `reading.reminders_due(db, today)`'s items (mappings or objects
    with the person's e-mail (`email` / `person`), `document`, `version`, `due` and the supervisor's
    e-mail (`supervisor` / `supervisor_email`); `overdue` when given, else due before `today`):
    due soon → the person; overdue → the person and, when there is one, the supervisor."""
    out = []
    for item in items:
        email, document = str(_field(item, "email", "person", "person_email")), str(_field(item, "document"))
        version, due = _field(item, "version"), str(_field(item, "due", "due_date"))[:10]
        flag = _field(item, "overdue")
        overdue = bool(flag) if flag is not None else (today is not None and due < today.isoformat())
        kind = "ack-overdue" if overdue else "ack-due"
        params = {"name": _name(org, email), "document": document, "version": version, "due": due}
        about = f"{document}:{version}:{due}"
        out.append(Reminder(kind, about, email, params["name"], t(f"remind.{kind}.subject", **params), t(f"remind.{kind}.body", **params),
                            document, version))
        boss = _field(item, "supervisor", "supervisor_email")
        if overdue and boss:
            boss_params = {**params, "name": _name(org, str(boss)), "person": params["name"]}
            out.append(Reminder("ack-overdue-supervisor", f"{about}:{email}", str(boss), boss_params["name"],
                                t("remind.ack-overdue-supervisor.subject", **boss_params),
                                t("remind.ack-overdue-supervisor.body", **boss_params), document, version))
    return out


def acknowledgements(today: Today) -> list[Reminder]:
    """Acknowledgements owed (revise.records.reading): due within three days, or overdue (the person, and each supervisor)."""
    if today.engine is None:
        return []
    from revise.records import reading
    items = [{"email": r.email, "document": r.document, "version": r.version, "due": r.due, "overdue": r.kind == "overdue",
              "supervisor": boss}
             for r in reading.reminders_due(today.engine, today.day, today.root) for boss in (r.supervisors or (None,))]
    return from_reading(items, today.org, today.day)


SOURCES: list[Source] = [review_due, pending_reviews, acknowledgements]
