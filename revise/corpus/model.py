"""Typed, read-only views of the corpus: clauses and measurable targets that know where they are.

The loader keeps documents as plain data plus positions (what the schema validator needs);
these views are what the rest of revise reasons about: each carries a `Location` (file, line,
column, field path) so any finding about it can be reported where an editor can fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from revise.corpus.documents import Corpus, Document
from revise.corpus.yamlsafe import Path, field_path


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value is: file (relative to the repository), 1-based line and column, field path."""

    path: str
    line: int
    column: int
    field: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


def locate(doc: Document, path: Path) -> Location:
    line, column = doc.where(path)
    return Location(doc.path, line, column, field_path(path))


@dataclass(frozen=True, slots=True)
class Target:
    """A measurable target of a clause: `metric op value unit`, for a channel and scope."""

    document: str
    clause: str
    version: int
    metric: str
    op: str
    value: float
    unit: str
    channel: str | None
    scope: tuple[tuple[str, str], ...]
    escalates: str | None
    where: Location

    @property
    def ref(self) -> str:
        return f"{self.document}#{self.clause}"

    def met_by(self, measured: float) -> bool:
        """Whether a measured value satisfies this target."""
        return {"<=": measured <= self.value, "<": measured < self.value,
                ">=": measured >= self.value, ">": measured > self.value}[self.op]


@dataclass(frozen=True, slots=True)
class Clause:
    """An id-bearing item of a document (a standard's clause, a script step, a plan action...)."""

    document: str
    id: str
    kind: str
    version: int
    data: dict[str, Any]
    where: Location

    @property
    def ref(self) -> str:
        return f"{self.document}#{self.id}"

    @property
    def title(self) -> str:
        return str(self.data.get("title") or self.data.get("name") or self.id)

    @property
    def text(self) -> str:
        return str(self.data.get("text") or self.data.get("say") or self.data.get("criteria") or "")


def clauses(corpus: Corpus) -> Iterator[Clause]:
    """Every clause of every document, in corpus order."""
    for doc in corpus.documents:
        if not doc.id or not doc.kind:
            continue
        version = _version(doc)
        for clause_id, path, item in doc.clauses():
            yield Clause(doc.id, clause_id, doc.kind, version, item, locate(doc, path + ("id",)))


def targets(corpus: Corpus) -> Iterator[Target]:
    """Every measurable target in the corpus (standards' clauses carry them)."""
    for clause in clauses(corpus):
        for i, raw in enumerate(clause.data.get("targets") or []):
            if not isinstance(raw, dict) or not {"metric", "op", "value", "unit"} <= set(raw):
                continue
            doc = corpus.by_id[clause.document]
            path = _clause_path(doc, clause.id) + ("targets", i)
            yield Target(clause.document, clause.id, clause.version, str(raw["metric"]), str(raw["op"]),
                         float(raw["value"]), str(raw["unit"]), raw.get("channel"),
                         tuple(sorted((raw.get("scope") or {}).items())), raw.get("escalates"), locate(doc, path))


def _clause_path(doc: Document, clause_id: str) -> Path:
    return next(path for cid, path, _ in doc.clauses() if cid == clause_id)


def _version(doc: Document) -> int:
    value = doc.data.get("version")
    return value if isinstance(value, int) else 0
