"""What `revise check` remembers about each document, and the corpus-wide index built from it.

Checking a document yields its own problems plus `DocFacts`: its id and clause ids, every
reference it makes, what its agents say, its measurable targets and avoid-list phrases. Rules
that need the whole corpus read only facts, so facts (plain, JSON-able) can be cached per file
and a one-file check does not re-read the other 9,999.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from revise.problems import Problem, Severity

# A located value: (text or value, line, column, field path).
Located = list[Any]


@dataclass(slots=True)
class DocFacts:
    """Facts of one file; `problems` are the ones found by looking at this file alone."""

    path: str
    id: str | None = None
    kind: str | None = None
    id_pos: tuple[int, int] = (1, 1)
    clauses: list[str] = field(default_factory=list)
    refs: list[Located] = field(default_factory=list)      # [target, value, line, column, field]
    says: list[Located] = field(default_factory=list)      # [text, line, column, field]
    avoid: list[list[str]] = field(default_factory=list)   # [phrase, instead, "DOC#clause"]
    targets: list[dict[str, Any]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)         # role ids, for the org chart
    problems: list[Problem] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path, "id": self.id, "kind": self.kind, "id_pos": list(self.id_pos),
            "clauses": self.clauses, "refs": self.refs, "says": self.says, "avoid": self.avoid,
            "targets": self.targets, "roles": self.roles,
            "problems": [[p.rule, p.line, p.column, p.message, p.field, p.hint, p.severity.value] for p in self.problems],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocFacts:
        path = data["path"]
        problems = [Problem(r, path, ln, col, msg, fld, hint, Severity(sev)) for r, ln, col, msg, fld, hint, sev in data["problems"]]
        return cls(path, data["id"], data["kind"], tuple(data["id_pos"]), data["clauses"], data["refs"], data["says"],
                   data["avoid"], data["targets"], data["roles"], problems)

    def problem(self, rule: str, line: int, column: int, message: str, field_: str = "", hint: str = "",
                severity: Severity = Severity.ERROR) -> Problem:
        return Problem(rule, self.path, line, column, message, field_, hint, severity)


class Index:
    """Every document's facts, indexed by id; `reported` are the paths whose problems are wanted."""

    def __init__(self, facts: list[DocFacts], reported: set[str] | None = None) -> None:
        self.facts = facts
        self.reported = reported if reported is not None else {f.path for f in facts}
        self.by_id: dict[str, DocFacts] = {}
        for f in facts:
            if f.id and f.id not in self.by_id:
                self.by_id[f.id] = f
        self._clauses: dict[str, set[str]] = {}
        charts = [f for f in facts if f.kind == "org-chart"]
        self.org_charts = charts
        self.roles: set[str] = set(charts[0].roles) if charts else set()

    def is_reported(self, facts: DocFacts) -> bool:
        return facts.path in self.reported

    def of_reported(self) -> list[DocFacts]:
        return [f for f in self.facts if f.path in self.reported]

    def clause_ids(self, doc_id: str) -> set[str]:
        if doc_id not in self._clauses:
            doc = self.by_id.get(doc_id)
            self._clauses[doc_id] = set(doc.clauses) if doc else set()
        return self._clauses[doc_id]

    def avoid_list(self) -> list[list[str]]:
        """Every avoid-list entry of every document (the courtesy standard's, in the shipped corpus)."""
        return [entry for f in self.facts for entry in f.avoid]
