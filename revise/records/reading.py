"""阅读确认, the reading side: what a person owes, a version's completion among the people a
supervisor sees, the overdue list, and the reminders due (for `revise remind`).

A version is overdue for a person when it is not acknowledged and its due day has passed. The
completion pages read the tally (`obligations.bump` keeps it); the people lists read obligations by
the (document, version) index. Scopes are given as roles keys (`scope.keys_in`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.engine import Engine

from revise.records.db import aware
from revise.records.tables import reading_acks, reading_obligations, reading_tally

OB, ACK, TALLY = reading_obligations, reading_acks, reading_tally
SOON_DAYS = 3


def mine(engine: Engine, person: str) -> list[dict[str, Any]]:
    """`[{"document", "version", "due", "acknowledged_at", "score", "questions", "proposal"}]` owed by `person`,
    open ones first, by due day."""
    query = (select(OB.c.document, OB.c.version, OB.c.due, OB.c.acknowledged_at, OB.c.proposal, ACK.c.score,
                    ACK.c.questions)
             .select_from(OB.outerjoin(ACK, and_(ACK.c.person == OB.c.person, ACK.c.document == OB.c.document,
                                                 ACK.c.version == OB.c.version)))
             .where(OB.c.person == person.lower()))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    out = [{"document": r.document, "version": r.version, "due": r.due.isoformat(),
            "acknowledged_at": aware(r.acknowledged_at).isoformat(timespec="seconds") if r.acknowledged_at else None,
            "score": r.score, "questions": r.questions, "proposal": r.proposal} for r in rows]
    return sorted(out, key=lambda x: (x["acknowledged_at"] is not None, x["due"], x["document"], x["version"]))


def keys(engine: Engine) -> list[str]:
    """Every roles key that owes something (a few dozen: people share their combinations of roles)."""
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(select(TALLY.c.roles).distinct())]


def completion(engine: Engine, scope_keys: list[str], today: date) -> list[dict[str, Any]]:
    """Per document version, among the people of `scope_keys`: owed, acknowledged, overdue (from the tally)."""
    if not scope_keys:
        return []
    late = case((TALLY.c.due < today, TALLY.c.owed - TALLY.c.acknowledged), else_=0)
    query = (select(TALLY.c.document, TALLY.c.version, func.sum(TALLY.c.owed), func.sum(TALLY.c.acknowledged),
                    func.sum(late), func.max(TALLY.c.due))
             .where(TALLY.c.roles.in_(scope_keys)).group_by(TALLY.c.document, TALLY.c.version))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    out = [{"document": d, "version": v, "owed": int(o or 0), "acknowledged": int(a or 0), "overdue": int(late_n or 0),
            "due": due.isoformat() if due else None} for d, v, o, a, late_n, due in rows if o]
    return sorted(out, key=lambda x: (x["acknowledged"] >= x["owed"], x["document"], -x["version"]))


def report(engine: Engine, document: str, version: int, scope_keys: list[str], today: date) -> dict[str, Any]:
    """`{"owed", "acknowledged", "overdue", "people": [...]}` for one version among `scope_keys`' people."""
    if not scope_keys:
        return {"owed": 0, "acknowledged": 0, "overdue": 0, "people": []}
    query = (select(OB.c.person, OB.c.roles, OB.c.due, OB.c.acknowledged_at, ACK.c.score, ACK.c.questions)
             .select_from(OB.outerjoin(ACK, and_(ACK.c.person == OB.c.person, ACK.c.document == OB.c.document,
                                                 ACK.c.version == OB.c.version)))
             .where(OB.c.document == document, OB.c.version == version, OB.c.roles.in_(scope_keys)))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    people = [_person(r, today) for r in rows]
    people.sort(key=lambda p: (p["acknowledged_at"] is not None, not p["overdue"], p["due"], p["email"]))
    return {"owed": len(people), "acknowledged": sum(1 for p in people if p["acknowledged_at"]),
            "overdue": sum(1 for p in people if p["overdue"]), "people": people}


def overdue(engine: Engine, scope_keys: list[str], today: date, limit: int | None = 100) -> list[dict[str, Any]]:
    """The overdue obligations among `scope_keys`' people, longest overdue first (`limit` of them)."""
    if not scope_keys:
        return []
    query = (select(OB.c.person, OB.c.document, OB.c.version, OB.c.roles, OB.c.due)
             .where(OB.c.acknowledged_at.is_(None), OB.c.due < today, OB.c.roles.in_(scope_keys))
             .order_by(OB.c.due, OB.c.document, OB.c.person))
    if limit is not None:
        query = query.limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [{"email": r.person, "document": r.document, "version": r.version, "roles": r.roles.split(","),
             "due": r.due.isoformat(), "days": (today - r.due).days} for r in rows]


def _person(r: Any, today: date) -> dict[str, Any]:
    return {"email": r.person, "roles": r.roles.split(","), "due": r.due.isoformat(),
            "acknowledged_at": aware(r.acknowledged_at).isoformat(timespec="seconds") if r.acknowledged_at else None,
            "score": r.score, "questions": r.questions,
            "overdue": r.acknowledged_at is None and r.due < today}


def acknowledgement(engine: Engine, person: str, document: str, version: int) -> dict[str, Any] | None:
    """The stored acknowledgement (time, score, clauses tested, answers), or None."""
    with engine.connect() as conn:
        r = conn.execute(select(ACK).where(ACK.c.person == person.lower(), ACK.c.document == document,
                                           ACK.c.version == version)).first()
    if r is None:
        return None
    return {"acknowledged_at": aware(r.acknowledged_at).isoformat(timespec="seconds"), "score": r.score,
            "questions": r.questions, "clauses": json.loads(r.clauses) if r.clauses else None,
            "answers": json.loads(r.answers) if r.answers else None}


@dataclass(frozen=True, slots=True)
class Reminder:
    """An acknowledgement to remind someone of: `kind` is `new` (owed since `since`), `soon` (due
    within `SOON_DAYS`) or `overdue`; `supervisors` (for overdue ones) hold the role the person's
    roles report to."""

    kind: str
    email: str
    document: str
    version: int
    due: date
    supervisors: tuple[str, ...] = ()


def reminders_due(engine: Engine, today: date, root: Path | None = None, *, main: str = "main",
                  since: datetime | None = None) -> list[Reminder]:
    """What to remind of today: every open obligation due within `SOON_DAYS` days or overdue, and
    (with `since`) those created after it. Supervisors' addresses come from the org chart on `main`
    in `root` (none without `root`). Sending, and not sending twice, is the caller's business."""
    window = today + timedelta(days=SOON_DAYS)
    cond = OB.c.due <= window
    if since is not None:
        cond = cond | (OB.c.created_at > since)
    query = (select(OB.c.person, OB.c.document, OB.c.version, OB.c.due, OB.c.roles, OB.c.created_at)
             .where(OB.c.acknowledged_at.is_(None), cond).order_by(OB.c.due, OB.c.person, OB.c.document))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    bosses = _supervisors(root, main) if root is not None else (lambda _roles: ())
    out = []
    for r in rows:
        if r.due < today:
            out.append(Reminder("overdue", r.person, r.document, r.version, r.due, bosses(r.roles)))
        elif r.due <= window:
            out.append(Reminder("soon", r.person, r.document, r.version, r.due))
        else:
            out.append(Reminder("new", r.person, r.document, r.version, r.due))
    return out


def _supervisors(root: Path, main: str) -> Any:
    from revise.records import scope
    data = scope.org_data(root, f"refs/heads/{main}")
    hierarchy, people = scope.Hierarchy.from_data(data), scope.people(data)

    def of(roles_key: str) -> tuple[str, ...]:
        above = hierarchy.above(roles_key.split(","))
        return tuple(sorted(e for e, roles in people.items() if above & set(roles)))
    return of
