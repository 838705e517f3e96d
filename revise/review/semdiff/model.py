"""What a semantic diff is made of: documents, clauses and fields that were added, removed, changed or moved."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from revise.corpus.yamlsafe import Path, field_path

ADDED, REMOVED, CHANGED, MOVED = "added", "removed", "changed", "moved"
STRICTER, LOOSER = "stricter", "looser"


@dataclass(slots=True)
class FieldChange:
    """One field that differs: where (`path` in the document), its Chinese `label`, old and new values.

    `old_text`/`new_text` are the values as people read them ("不超过 30 秒"); `segments` is a
    character-level diff of prose as (op, text) with op one of "=", "-", "+"; `direction` says
    whether a measurable requirement became stricter or looser.
    """

    path: Path
    field: str
    label: str
    change: str
    old: Any = None
    new: Any = None
    old_text: str = ""
    new_text: str = ""
    segments: list[tuple[str, str]] | None = None
    direction: str | None = None
    target: bool = False

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"field": self.field, "label": self.label, "change": self.change,
                                "old": self.old, "new": self.new, "old_text": self.old_text, "new_text": self.new_text}
        if self.direction:
            data["direction"] = self.direction
        if self.target:
            data["target"] = True
        if self.segments is not None:
            data["segments"] = [list(s) for s in self.segments]
        return data


@dataclass(slots=True)
class ClauseChange:
    """A clause (any id-bearing item) that was added, removed, changed or moved."""

    id: str
    title: str
    status: str
    kind_label: str
    path: Path
    moved: bool = False
    moved_from: str = ""
    moved_to: str = ""
    fields: list[FieldChange] = field(default_factory=list)
    old: dict[str, Any] | None = None
    new: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "title": self.title, "status": self.status, "label": self.kind_label}
        if self.moved:
            data.update(moved=True, moved_from=self.moved_from, moved_to=self.moved_to)
        data["fields"] = [f.as_dict() for f in self.fields]
        return data


@dataclass(slots=True)
class DocumentChange:
    """One document, recognised by its id, and what changed in it."""

    id: str
    kind: str
    kind_label: str
    title: str
    status: str
    path: str
    old_path: str | None = None
    old_title: str | None = None
    fields: list[FieldChange] = field(default_factory=list)
    clauses: list[ClauseChange] = field(default_factory=list)
    old_data: dict[str, Any] | None = None
    new_data: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "kind": self.kind, "kind_label": self.kind_label, "title": self.title,
                                "status": self.status, "path": self.path}
        if self.old_path and self.old_path != self.path:
            data["old_path"] = self.old_path
        data["fields"] = [f.as_dict() for f in self.fields]
        data["clauses"] = [c.as_dict() for c in self.clauses]
        return data

    def all_fields(self) -> list[tuple[str | None, FieldChange]]:
        """(clause id or None, change) for every field change of the document and its clauses."""
        return [(None, f) for f in self.fields] + [(c.id, f) for c in self.clauses for f in c.fields]


@dataclass(slots=True)
class SemDiff:
    """The semantic diff between two revisions of the policies (`base` → `head`, commit ids)."""

    base: str
    head: str
    documents: list[DocumentChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.documents

    def targets(self) -> list[tuple[DocumentChange, str | None, FieldChange]]:
        """Every change of a measurable target: (document, clause id, change)."""
        return [(d, cid, f) for d in self.documents for cid, f in d.all_fields() if f.target]

    def counts(self) -> dict[str, int]:
        """How many documents and clauses were added, removed, changed and moved."""
        found = {f"documents_{s}": 0 for s in (ADDED, REMOVED, CHANGED, MOVED)}
        found |= {f"clauses_{s}": 0 for s in (ADDED, REMOVED, CHANGED, MOVED)}
        for doc in self.documents:
            found[f"documents_{doc.status}"] += 1
            for clause in doc.clauses:
                found[f"clauses_{clause.status}"] += 1
        found["stricter"] = sum(1 for *_x, f in self.targets() if f.direction == STRICTER)
        found["looser"] = sum(1 for *_x, f in self.targets() if f.direction == LOOSER)
        return found

    def rows(self) -> list[dict[str, Any]]:
        """One row per change — a whole document or clause added, removed or moved, or one field —
        each with document, clause, field path, label, change, old and new."""
        flat: list[dict[str, Any]] = []
        for doc in self.documents:
            if doc.status != CHANGED:
                flat.append({"document": doc.id, "clause": None, "field": "", "label": doc.kind_label, "change": doc.status,
                             "old": doc.old_path if doc.status == MOVED else doc.old_data,
                             "new": doc.path if doc.status == MOVED else doc.new_data})
                if doc.status != MOVED:
                    continue
            for clause in doc.clauses:
                if clause.status != CHANGED or clause.moved:
                    flat.append({"document": doc.id, "clause": clause.id, "field": field_path(clause.path),
                                 "label": clause.kind_label, "change": MOVED if clause.moved else clause.status,
                                 "old": clause.moved_from if clause.moved else clause.old,
                                 "new": clause.moved_to if clause.moved else clause.new})
            flat += [{"document": doc.id, "clause": cid, **f.as_dict()} for cid, f in doc.all_fields()]
        return flat

    def as_dict(self) -> dict[str, Any]:
        flat = self.rows()
        return {"base": self.base, "head": self.head, "counts": self.counts(),
                "documents": [d.as_dict() for d in self.documents], "changes": flat}
