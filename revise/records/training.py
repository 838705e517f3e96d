"""Training records (培训与考核记录): quiz results per person, per clause version.

Each result names the person, the document, the clause (or `@part`), the document's version and the
quiz's hash of the clause's data the question was asked on (`revise.quiz.model.data_hash`), with a
score from 0 to 1 and where it came from (`SOURCES`). `standing` compares the results with the
clauses as they are now: who has passed the current version of each clause, and who passed an
earlier one and is due a retest because the clause changed. A result without a hash is judged by
its version alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable, Mapping

from sqlalchemy import case, func, insert, select
from sqlalchemy.engine import Engine

from revise.errors import UsageError
from revise.messages import t
from revise.records.db import now
from revise.records.tables import quiz_results

SOURCES = ("selfcheck", "ack", "moodle")
PASS_SCORE = 0.6  # 及格：at least 60 % of a clause's questions right


@dataclass(frozen=True, slots=True)
class Result:
    """One result to store; `record_many` takes these."""

    person: str
    document: str
    clause: str
    version: int | None
    score: float
    source: str
    clause_hash: str | None = None
    question: str | None = None
    at: datetime | None = None


def record(db: Engine, person: str, document: str, clause: str, version: int | None, score: float, source: str, *,
           clause_hash: str | None = None, question: str | None = None, at: datetime | None = None) -> None:
    """Store one result (`score` from 0 to 1; `source` one of `SOURCES`)."""
    record_many(db, [Result(person, document, clause, version, score, source, clause_hash, question, at)])


def record_many(db: Engine, results: Iterable[Result]) -> int:
    """Store `results` in one transaction; returns how many."""
    rows = [_row(r) for r in results]
    if rows:
        with db.begin() as conn:
            conn.execute(insert(quiz_results), rows)
    return len(rows)


def _row(r: Result) -> dict[str, Any]:
    if r.source not in SOURCES:
        raise UsageError(t("train.bad-source", source=r.source, allowed=", ".join(SOURCES)))
    if not r.person or not r.document or not r.clause:
        raise UsageError(t("train.incomplete"))
    score = float(r.score)
    if not 0.0 <= score <= 1.0:
        raise UsageError(t("train.bad-score", score=r.score))
    return {"person": r.person.lower(), "document": r.document, "clause": r.clause, "version": r.version,
            "clause_hash": r.clause_hash, "question": r.question, "score": score, "passed": score >= PASS_SCORE,
            "source": r.source, "at": r.at or now()}


def of_person(db: Engine, person: str) -> list[dict[str, Any]]:
    """A person's results, newest first."""
    with db.connect() as conn:
        rows = conn.execute(select(quiz_results).where(quiz_results.c.person == person.lower())
                            .order_by(quiz_results.c.at.desc(), quiz_results.c.id.desc())).all()
    return [dict(r._mapping) for r in rows]


@dataclass(slots=True)
class Standing:
    """One clause as it is now, and the people's results on it."""

    document: str
    clause: str
    version: int | None
    clause_hash: str | None
    passed: list[str] = field(default_factory=list)   # passed the current version
    retest: list[str] = field(default_factory=list)   # passed an earlier version only: the clause changed since
    failed: list[str] = field(default_factory=list)   # tried the current version, not passed yet


def standing(db: Engine, current: Mapping[tuple[str, str], tuple[int | None, str | None]],
             documents: Iterable[str] | None = None) -> list[Standing]:
    """For every clause `(document, clause)` in `current` (its version and hash now) that someone has a
    result on — of `documents` only, when given — who passed it as it is now, who is due a retest,
    who has not passed yet."""
    found: dict[tuple[str, str], dict[str, set[str]]] = {}
    r = quiz_results.c
    passed = func.max(case((r.passed, 1), else_=0)).label("passed")  # one row per person and clause version, not per attempt
    query = select(r.document, r.clause, r.person, r.version, r.clause_hash, passed)
    if documents is not None:
        query = query.where(r.document.in_(list(documents)))
    with db.connect() as conn:
        rows = conn.execute(query.group_by(r.document, r.clause, r.person, r.version, r.clause_hash)).all()
    for row in rows:
        key = (row.document, row.clause)
        if key not in current:
            continue
        version, digest = current[key]
        is_current = row.clause_hash == digest if row.clause_hash and digest else row.version == version
        people = found.setdefault(key, {"passed": set(), "old": set(), "tried": set()})
        if is_current:
            people["tried"].add(row.person)
            if row.passed:
                people["passed"].add(row.person)
        elif row.passed:
            people["old"].add(row.person)
    out = []
    for (document, clause), people in sorted(found.items()):
        version, digest = current[(document, clause)]
        out.append(Standing(document, clause, version, digest, sorted(people["passed"]),
                            sorted(people["old"] - people["passed"] - people["tried"]),
                            sorted(people["tried"] - people["passed"])))
    return out


def clauses_with_results(db: Engine, documents: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """Every `(document, clause)` someone has a result on (of `documents`, when given)."""
    query = select(quiz_results.c.document, quiz_results.c.clause).distinct()
    if documents is not None:
        query = query.where(quiz_results.c.document.in_(list(documents)))
    with db.connect() as conn:
        rows = conn.execute(query).all()
    return sorted((r.document, r.clause) for r in rows)


def documents_with_results(db: Engine) -> list[str]:
    """Every document someone has a result on."""
    with db.connect() as conn:
        return sorted(str(d) for d in conn.execute(select(quiz_results.c.document).distinct()).scalars())
