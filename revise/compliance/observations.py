"""Observations of clauses no timestamp measures: one verdict on one clause for one contact.

A QA specialist's sampled audit (抽检) gives one per clause of the form; a transcript check
(智能质检) gives one per clause it checks. Both are judged the same way in the monthly report
(`conformity`). Where they are kept is behind `ObservationStore`: the CLI imports files
(`audit.FileStore`); the desk's database of people's records can implement the same protocol
and the report does not change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Iterator, Protocol

VERDICTS = ("pass", "fail", "na")  # 符合 / 不符合 / 不适用


@dataclass(frozen=True)
class Observation:
    """`verdict` on clause `ref` (DOC#clause, `version` in force that day) in one contact."""

    contact_id: str
    agent_id: str
    channel: str
    day: date
    ref: str
    verdict: str
    source: str = "audit"  # audit | transcript
    team: str = ""
    note: str = ""
    version: int | None = None

    @property
    def month(self) -> str:
        return self.day.strftime("%Y-%m")


@dataclass
class Skipped:
    """Rows (or cells) of an input left out, of one kind, with their line numbers."""

    kind: str
    lines: list[int] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.lines)

    def add(self, line: int, example: str = "") -> None:
        self.lines.append(line)
        if example and len(self.examples) < 3 and example not in self.examples:
            self.examples.append(example)


class ObservationStore(Protocol):
    """Where observations are kept: a file import today, the records database later."""

    def observations(self, month: str | None = None) -> Iterator[Observation]:
        """Every observation (of one month "YYYY-MM", when given)."""
        ...


class MemoryStore:
    """Observations held in memory (what a file import gives)."""

    def __init__(self, items: Iterable[Observation] = ()) -> None:
        self.items = list(items)

    def observations(self, month: str | None = None) -> Iterator[Observation]:
        return (o for o in self.items if month is None or o.month == month)
