"""Which questions a quiz may use: by role, document, document kind, question type, changed clauses."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from revise.corpus.documents import Corpus, Document
from revise.errors import UsageError
from revise.messages import t
from revise.quiz.model import TYPES, Question, clause_map, unit_data
from revise.schema.schemaset import KINDS


@dataclass
class Selection:
    """Filters; None means "no filter". `changed` maps document id → units changed since a revision."""

    role: str | None = None
    documents: set[str] | None = None
    kinds: set[str] | None = None
    types: tuple[str, ...] = TYPES
    changed: dict[str, set[str]] | None = None
    since: str | None = None

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.role:
            out["role"] = self.role
        if self.documents:
            out["documents"] = sorted(self.documents)
        if self.kinds:
            out["kinds"] = sorted(self.kinds)
        if tuple(self.types) != TYPES:
            out["types"] = list(self.types)
        if self.since:
            out["since"] = self.since
        return out


def _unknown(kind: str, value: str, known: list[str]) -> UsageError:
    close = difflib.get_close_matches(value, known, n=1)
    similar = t("hint.similar", suggestion=close[0]) if close else ""
    return UsageError(t(f"quiz.unknown-{kind}", value=value, similar=similar), t("quiz.known", items=", ".join(known)))


def resolve_role(corpus: Corpus, value: str) -> str:
    """A role id, given its id or its title (客服专员)."""
    roles = corpus.roles()
    if value in roles:
        return value
    for role_id, role in roles.items():
        if role.get("title") == value:
            return role_id
    raise _unknown("role", value, sorted(roles))


def check_documents(corpus: Corpus, values: list[str]) -> set[str]:
    for value in values:
        if value not in corpus.by_id:
            raise _unknown("document", value, sorted(corpus.by_id))
    return set(values)


def check_kinds(values: list[str]) -> set[str]:
    for value in values:
        if value not in KINDS:
            raise _unknown("kind", value, list(KINDS))
    return set(values)


def check_types(values: list[str]) -> tuple[str, ...]:
    for value in values:
        if value not in TYPES:
            raise _unknown("type", value, list(TYPES))
    return tuple(ty for ty in TYPES if ty in values)


def unit_roles(doc: Document, clauses: dict[str, Any], unit: str) -> set[str]:
    """Roles that own or lead a unit: a step's or action's owner, a level's lead, every role of a list."""
    data = unit_data(doc.data, clauses, unit)
    entries = data if isinstance(data, list) else [data]
    found = set()
    for entry in entries:
        if isinstance(entry, dict):
            found |= {entry[k] for k in ("owner", "lead", "role") if isinstance(entry.get(k), str)}
    return found


@dataclass
class Selector:
    """Applies a `Selection` to questions of one corpus."""

    corpus: Corpus
    selection: Selection
    _clauses: dict[str, dict[str, Any]] = field(default_factory=dict)

    def keeps(self, question: Question) -> bool:
        sel = self.selection
        doc = self.corpus.by_id.get(question.source.document)
        if doc is None or question.type not in sel.types:
            return False
        if sel.documents is not None and question.source.document not in sel.documents:
            return False
        if sel.kinds is not None and doc.kind not in sel.kinds:
            return False
        if sel.changed is not None and not set(question.source.units) & sel.changed.get(question.source.document, set()):
            return False
        return sel.role is None or self._concerns(doc, question, sel.role)

    def _concerns(self, doc: Document, question: Question, role: str) -> bool:
        applies = doc.data.get("applies_to")
        if isinstance(applies, list) and role in applies:
            return True
        key = doc.id or doc.path
        if key not in self._clauses:
            self._clauses[key] = clause_map(doc)
        return any(role in unit_roles(doc, self._clauses[key], unit) for unit in question.source.units)
