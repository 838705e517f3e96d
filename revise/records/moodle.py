"""Import a Moodle quiz's grades report into the training records.

The trainer exports the quiz from the desk (Moodle XML and, with the same choices, its JSON bank),
runs it in Moodle, and downloads the quiz's Grades report as CSV (Moodle: Results → Grades →
Download). That CSV has one row per attempt — `Surname, First name, Email address, State, Started
on, Completed, Time taken, Grade/10.00, Q. 1 /1.00, Q. 2 /1.00 …` (the Chinese interface's headings
too) — and the quiz's slots in the order the XML gave them, so column `Q. n` is the bank's n-th question.

Finished attempts of people in the org chart are imported, one result per question and clause; rows
of unknown people, unfinished attempts, and questions the bank does not have or whose clause is no
longer on main are skipped and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from revise.errors import InputError
from revise.messages import t
from revise.records import training
from revise.records.quizmap import ClauseIndex, results_for

EMAIL = ("email address", "电子邮件地址", "电子邮件", "邮箱", "email")
STATE = ("state", "状态")
FINISHED = ("finished", "已完成", "完成")
QUESTION = re.compile(r"^Q\.\s*(\d+)\s*/\s*([0-9]+(?:\.[0-9]+)?)$")
NOT_GRADED = ("requires grading", "需要评分", "尚未评分")


@dataclass(slots=True)
class Imported:
    """What an import stored and what it skipped (row numbers count from 1, the heading included)."""

    results: int = 0
    attempts: int = 0
    people: set[str] = field(default_factory=set)
    unknown_people: list[tuple[int, str]] = field(default_factory=list)
    unfinished: list[tuple[int, str]] = field(default_factory=list)
    unknown_questions: list[tuple[str, str]] = field(default_factory=list)  # (column, why)


def import_grades(db: Engine, index: ClauseIndex, known: set[str], rows: list[list[str]], questions: list[dict[str, Any]],
                  where: Path) -> Imported:
    """Import `rows` (the CSV, heading first) against the bank's `questions`; `known` the org chart's e-mails."""
    if not rows:
        raise InputError(t("train.moodle-empty", path=where.name), t("train.moodle-hint"))
    heading = [h.strip() for h in rows[0]]
    email_col = _column(heading, EMAIL)
    if email_col is None:
        raise InputError(t("train.moodle-no-email", path=where.name, columns=", ".join(heading[:8])), t("train.moodle-hint"))
    state_col = _column(heading, STATE)
    slots, report = _slots(heading, questions, index)
    out = Imported(unknown_questions=report)
    results: list[training.Result] = []
    for number, row in enumerate(rows[1:], start=2):
        email = _cell(row, email_col).lower()
        if not email:
            continue  # Moodle's "overall average" line has no e-mail
        if email not in known:
            out.unknown_people.append((number, email))
            continue
        if state_col is not None and _cell(row, state_col).lower() not in FINISHED:
            out.unfinished.append((number, email))
            continue
        out.attempts += 1
        out.people.add(email)
        for col, (question, most) in slots.items():
            score = _score(_cell(row, col), most)
            if score is None:
                continue
            found = results_for(index, email, question["source"], score, "moodle", str(question.get("id") or "") or None)
            results += found or []
    out.results = training.record_many(db, results)
    return out


def _column(heading: list[str], names: tuple[str, ...]) -> int | None:
    for i, h in enumerate(heading):
        if h.lower() in names:
            return i
    return None


def _slots(heading: list[str], questions: list[dict[str, Any]], index: ClauseIndex
           ) -> tuple[dict[int, tuple[dict[str, Any], float]], list[tuple[str, str]]]:
    """`{column: (bank question, its maximum mark)}`, and the question columns skipped with the reason."""
    slots, skipped = {}, []
    for col, h in enumerate(heading):
        m = QUESTION.match(h)
        if not m:
            continue
        n, most = int(m.group(1)), float(m.group(2))
        if not 1 <= n <= len(questions):
            skipped.append((h, t("train.moodle-no-such-question", n=n, total=len(questions))))
            continue
        question = questions[n - 1]
        if results_for(index, "-", question["source"], 0.0, "moodle") is None:
            skipped.append((h, t("train.moodle-gone", id=question.get("id", "?"), document=question["source"].get("document"))))
            continue
        if most <= 0:
            skipped.append((h, t("train.moodle-no-marks")))
            continue
        slots[col] = (question, most)
    return slots, skipped


def _cell(row: list[str], col: int) -> str:
    return row[col].strip() if col < len(row) else ""


def _score(text: str, most: float) -> float | None:
    """The fraction of the marks; a question left out (`-`) scores 0; one still to be graded is skipped."""
    if text in ("-", ""):
        return 0.0
    if text.lower() in NOT_GRADED:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return max(0.0, min(1.0, value / most))
