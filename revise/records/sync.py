"""Bring the obligations in the database up to main: after a publish, at the desk's start, and when
the org chart changes — one function for all three, cheap when main has not moved.

What is owed is derived from git (`revise.records.owed`: the publications × the org chart on main)
and written to the database incrementally:

- a publication not seen before: everyone holding one of its roles owes each version it made that
  is still the newest published one (a version already replaced before anyone was asked is not);
- a person new to the chart, or holding a new role: owes the versions in force of the documents for
  that role, due by the publication's date or in `NEWCOMER_DAYS`, whichever is later (the first sync
  of a database takes the chart as it finds it: nobody is new then);
- a person who left the chart: their open obligations go (their acknowledgements stay);
- a person whose roles changed: their rows follow, so their supervisors' pages count them.

The last sync's main commit, the publications read and the people seen are kept in the database,
so several desk processes agree and a restart does not redo work.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from revise.records import obligations, owed, scope
from revise.records.db import now
from revise.records.obligations import Owed, roles_key
from revise.records.tables import reading_people, reading_sync
from revise.workflow import gitstore

NEWCOMER_DAYS = 14


@dataclass(frozen=True, slots=True)
class Synced:
    main: str
    added: int
    publications: tuple[str, ...] = ()
    skipped: bool = False


def sync(engine: Engine, root: Path, main: str = "main", today: date | None = None) -> Synced:
    """Make the obligations follow main's publications and org chart; returns what was done."""
    ref = f"refs/heads/{main}"
    commit = gitstore.rev(root, ref) or ""
    for attempt in range(3):
        with engine.connect() as conn:
            state = _state(conn)
        if state.get("main") == commit:
            return Synced(commit, 0, skipped=True)
        try:
            return _sync(engine, root, main, commit, state, today or date.today(), now())
        except IntegrityError:  # another desk process synced the same main meanwhile
            if attempt == 2:
                raise
    return Synced(commit, 0, skipped=True)


def _sync(engine: Engine, root: Path, main: str, commit: str, state: dict[str, str], today: date, at: datetime) -> Synced:
    ref = f"refs/heads/{main}"
    known: dict[str, dict | None] = json.loads(state.get("publications") or "{}")
    fresh = []
    for pid in owed.published_ids(root, main):
        if pid not in known:
            pub = owed.publication(root, main, pid)
            known[pid] = pub.as_json() if pub else None
            if pub:
                fresh.append(pub)
    pubs = [owed.Publication.from_json(pid, data) for pid, data in known.items() if data]
    latest = _latest(pubs)
    people = {email: roles_key(roles) for email, roles in scope.people(scope.org_data(root, ref)).items()}
    with engine.connect() as conn:
        before = {r.email: r.roles for r in conn.execute(select(reading_people))}
    items = _from_publications(fresh, latest, people)
    if before or state:
        items += _newcomers(root, ref, latest, people, before, today)
    with engine.begin() as conn:
        obligations.forget_open(conn, set(before) - set(people))
        for email in set(before) & set(people):
            if before[email] != people[email]:
                obligations.rekey(conn, email, people[email])
        added = obligations.owe_in(conn, items, at)
        _remember(conn, people, before, at)
        _save(conn, {"main": commit, "publications": json.dumps(known, ensure_ascii=False, sort_keys=True)})
    return Synced(commit, added, tuple(p.pid for p in fresh))


Latest = dict[str, tuple[int, date, tuple[str, ...], str]]


def _latest(pubs: list[owed.Publication]) -> Latest:
    """`{document: (version, due, roles, publication)}` of the newest published version of each document."""
    found: Latest = {}
    for pub in pubs:
        for doc, (version, due, roles) in pub.documents.items():
            if doc not in found or version > found[doc][0]:
                found[doc] = (version, due, roles, pub.pid)
    return found


def _from_publications(fresh: list[owed.Publication], latest: Latest, people: dict[str, str]) -> list[Owed]:
    items = []
    for pub in fresh:
        for doc, (version, due, roles) in pub.documents.items():
            if latest[doc][0] != version:
                continue
            wanted = set(roles)
            items += [Owed(email, doc, version, due, key, "publish", pub.pid)
                      for email, key in people.items() if wanted & set(key.split(","))]
    return items


def _newcomers(root: Path, ref: str, latest: Latest, people: dict[str, str], before: dict[str, str],
               today: date) -> list[Owed]:
    gained = {email: set(key.split(",")) - set(before.get(email, "").split(",")) - {""} for email, key in people.items()}
    gained = {email: roles for email, roles in gained.items() if roles}
    if not gained:
        return []
    items = []
    soon = today + timedelta(days=NEWCOMER_DAYS)
    for doc, (version, applies) in owed.in_force(root, ref).items():
        pub = latest.get(doc)
        roles = set(pub[2]) if pub and pub[0] == version else set(applies)
        due = max(pub[1], soon) if pub and pub[0] == version else soon
        items += [Owed(email, doc, version, due, people[email], "joined", pub[3] if pub and pub[0] == version else None)
                  for email, new in gained.items() if new & roles]
    return items


def _remember(conn: Connection, people: dict[str, str], before: dict[str, str], at: datetime) -> None:
    gone = sorted(set(before) - set(people))
    for i in range(0, len(gone), obligations.CHUNK):
        conn.execute(delete(reading_people).where(reading_people.c.email.in_(gone[i:i + obligations.CHUNK])))
    for email in set(before) & set(people):
        if before[email] != people[email]:
            conn.execute(update(reading_people).where(reading_people.c.email == email).values(roles=people[email], seen_at=at))
    new = [{"email": e, "roles": k, "seen_at": at} for e, k in people.items() if e not in before]
    if new:
        conn.execute(insert(reading_people), new)


def publications(engine: Engine) -> dict[str, owed.Publication]:
    """The publications the last sync read, by proposal id."""
    with engine.connect() as conn:
        known = json.loads(_state(conn).get("publications") or "{}")
    return {pid: owed.Publication.from_json(pid, data) for pid, data in known.items() if data}


def _state(conn: Connection) -> dict[str, str]:
    return {r.name: r.value for r in conn.execute(select(reading_sync))}


def _save(conn: Connection, values: dict[str, str]) -> None:
    for name, value in values.items():
        done = conn.execute(update(reading_sync).where(reading_sync.c.name == name).values(value=value))
        if done.rowcount == 0:
            conn.execute(insert(reading_sync).values(name=name, value=value))
