"""阅读确认, the writing side: obligations owed, acknowledgements given, and the tally the
completion pages read.

An obligation names a person, a document and its version, and the day it is due. Each row also
keeps the person's roles (sorted, comma-joined) as they were when it was written: a supervisor sees
the people holding roles under theirs, so the completion pages select by that key. The tally keeps
`owed` and `acknowledged` per (document, version, roles, due) and is changed in the same transaction
as the rows it counts, so a manager's page reads a few hundred tally rows instead of a million
obligations (`tests/bench/bench_records.py`).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Iterable

from sqlalchemy import and_, delete, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from revise.errors import GateError
from revise.messages import t
from revise.records.db import now
from revise.records.tables import reading_acks, reading_obligations, reading_tally

OB = reading_obligations
CHUNK = 500  # pairs per IN (…) list: well under SQLite's and PostgreSQL's parameter limits


class NothingOwed(GateError):
    """An acknowledgement of a version the person does not owe (or already acknowledged): 409."""


@dataclass(frozen=True, slots=True)
class Owed:
    person: str
    document: str
    version: int
    due: date
    roles: str
    reason: str = "publish"
    proposal: str | None = None


def roles_key(roles: Iterable[str]) -> str:
    """A person's roles as one key: sorted, comma-joined."""
    return ",".join(sorted(set(roles)))


def owe(engine: Engine, items: list[Owed], at: datetime | None = None) -> int:
    """Record the obligations not recorded yet (an existing one, acknowledged or not, is kept as it
    is); the tally follows in the same transaction. Returns how many were added."""
    for _attempt in range(3):
        try:
            with engine.begin() as conn:
                return owe_in(conn, items, at)
        except IntegrityError:  # another process recorded some of them meanwhile: read again
            continue
    with engine.begin() as conn:
        return owe_in(conn, items, at)


def owe_in(conn: Connection, items: list[Owed], at: datetime | None = None) -> int:
    at = at or now()
    have = _existing(conn, {(i.document, i.version) for i in items})
    seen: set[tuple[str, str, int]] = set()
    new = []
    for i in items:
        key = (i.person, i.document, i.version)
        if key not in have and key not in seen:
            seen.add(key)
            new.append(i)
    if not new:
        return 0
    conn.execute(insert(OB), [{"person": i.person, "document": i.document, "version": i.version, "due": i.due,
                               "roles": i.roles, "reason": i.reason, "proposal": i.proposal, "created_at": at,
                               "acknowledged_at": None} for i in new])
    bump(conn, Counter((i.document, i.version, i.roles, i.due) for i in new), "owed")
    return len(new)


def _existing(conn: Connection, pairs: set[tuple[str, int]]) -> set[tuple[str, str, int]]:
    found: set[tuple[str, str, int]] = set()
    for document, version in pairs:
        rows = conn.execute(select(OB.c.person).where(OB.c.document == document, OB.c.version == version))
        found |= {(r.person, document, version) for r in rows}
    return found


def bump(conn: Connection, counts: Counter[tuple[str, int, str, date]], column: str) -> None:
    """Add `counts` to the tally's `column` (owed or acknowledged); a negative count takes away."""
    tally = reading_tally
    for (document, version, roles, due), n in counts.items():
        where = and_(tally.c.document == document, tally.c.version == version, tally.c.roles == roles, tally.c.due == due)
        done = conn.execute(update(tally).where(where).values({column: tally.c[column] + n}))
        if done.rowcount == 0:
            values = {"document": document, "version": version, "roles": roles, "due": due, "owed": 0, "acknowledged": 0}
            values[column] = n
            conn.execute(insert(tally).values(values))


def acknowledge(engine: Engine, person: str, document: str, version: int, *, score: int | None = None,
                questions: int | None = None, clauses: list[str] | None = None, answers: Any = None,
                at: datetime | None = None) -> datetime:
    """Record that `person` read and understood `document` version `version`, with the check's score
    when one was taken; returns the time. `NothingOwed` (409) when it is not owed or already acknowledged."""
    at = at or now()
    person = person.lower()
    key = and_(OB.c.person == person, OB.c.document == document, OB.c.version == version)
    with engine.begin() as conn:
        row = conn.execute(select(OB.c.roles, OB.c.due, OB.c.acknowledged_at).where(key)).first()
        if row is None or row.acknowledged_at is not None:
            raise NothingOwed(t("reading.not-owed", document=document, version=version), t("reading.not-owed.hint"))
        done = conn.execute(update(OB).where(key, OB.c.acknowledged_at.is_(None)).values(acknowledged_at=at))
        if done.rowcount != 1:  # acknowledged by another request a moment ago
            raise NothingOwed(t("reading.not-owed", document=document, version=version), t("reading.not-owed.hint"))
        conn.execute(delete(reading_acks).where(reading_acks.c.person == person, reading_acks.c.document == document,
                                                reading_acks.c.version == version))
        conn.execute(insert(reading_acks).values(
            person=person, document=document, version=version, acknowledged_at=at, score=score, questions=questions,
            clauses=json.dumps(clauses, ensure_ascii=False) if clauses is not None else None,
            answers=json.dumps(answers, ensure_ascii=False) if answers is not None else None))
        bump(conn, Counter({(document, version, row.roles, row.due): 1}), "acknowledged")
    return at


def forget_open(conn: Connection, people: set[str]) -> None:
    """Drop the obligations not yet acknowledged of people who left the org chart (their
    acknowledgements stay: a record of what they read)."""
    for chunk in _chunks(sorted(people)):
        rows = conn.execute(select(OB.c.document, OB.c.version, OB.c.roles, OB.c.due)
                            .where(OB.c.person.in_(chunk), OB.c.acknowledged_at.is_(None))).all()
        if rows:
            conn.execute(delete(OB).where(OB.c.person.in_(chunk), OB.c.acknowledged_at.is_(None)))
            bump(conn, Counter({(r.document, r.version, r.roles, r.due): -n for r, n in Counter(rows).items()}), "owed")


def rekey(conn: Connection, person: str, roles: str) -> None:
    """A person's roles changed: their rows move to the new key, the tally with them."""
    rows = conn.execute(select(OB.c.document, OB.c.version, OB.c.roles, OB.c.due, OB.c.acknowledged_at)
                        .where(OB.c.person == person, OB.c.roles != roles)).all()
    if not rows:
        return
    conn.execute(update(OB).where(OB.c.person == person).values(roles=roles))
    owed: Counter[tuple[str, int, str, date]] = Counter()
    acked: Counter[tuple[str, int, str, date]] = Counter()
    for r in rows:
        owed[(r.document, r.version, r.roles, r.due)] -= 1
        owed[(r.document, r.version, roles, r.due)] += 1
        if r.acknowledged_at is not None:
            acked[(r.document, r.version, r.roles, r.due)] -= 1
            acked[(r.document, r.version, roles, r.due)] += 1
    bump(conn, owed, "owed")
    bump(conn, acked, "acknowledged")


def _chunks(items: list[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]

