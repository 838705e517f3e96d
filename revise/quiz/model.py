"""A quiz question and where it comes from.

A question tests one or more *units* of one document: a clause (`DOC#clause-id`) or, for
questions about a whole list or field (the order of a procedure's steps, a plan's command
structure), a document-level part written `@name` (`@steps`). The source records the
document's version and a short hash of the data of every unit, so a bank can be checked
for drift after the document changes, with or without a version bump.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from revise.corpus.documents import Document
from revise.messages import t

SINGLE = ("number", "wording", "classification")
TYPES = ("number", "truefalse", "wording", "classification", "ordering", "matching")
HASH_LENGTH = 12


@dataclass(frozen=True)
class Source:
    """The document, units (clause ids or `@part`), version and data hash a question rests on."""

    document: str
    units: tuple[str, ...]
    version: int | None
    hash: str
    effective_from: str | None = None

    def as_json(self) -> dict[str, Any]:
        clauses = [u for u in self.units if not u.startswith("@")]
        parts = [u[1:] for u in self.units if u.startswith("@")]
        out: dict[str, Any] = {"document": self.document, "clause": clauses[0] if len(clauses) == 1 and not parts else None}
        if len(clauses) > 1:
            out["clauses"] = clauses
        if parts:
            out["part"] = parts[0]
        out["version"] = self.version
        out["effective_from"] = self.effective_from
        out["hash"] = self.hash
        return out

    @staticmethod
    def units_of(source: dict[str, Any]) -> tuple[str, ...]:
        """The units named by a source read back from a bank (`clause`, `clauses`, `part`)."""
        if isinstance(source.get("part"), str):
            return ("@" + source["part"],)
        if isinstance(source.get("clauses"), list):
            return tuple(str(c) for c in source["clauses"])
        if isinstance(source.get("clause"), str):
            return (source["clause"],)
        return ()

    def label(self) -> str:
        return ref_label(self.document, self.units)

    def version_label(self, clauses: bool = True) -> str:
        """"STD-X#clause 第 2 版（2027-01-01 起施行）"; without `clauses`, only the document (for papers)."""
        return version_label(self.label() if clauses else self.document, self.version, self.effective_from)


def version_label(ref: str, version: object, starts: object) -> str:
    """What a question tests, as every export says it: reference, version and effective date."""
    if starts:
        return t("quiz.version-label", ref=ref, version=version, date=str(starts))
    return t("quiz.version-label.undated", ref=ref, version=version)


def ref_label(document: str, units: tuple[str, ...]) -> str:
    """`DOC#clause`, `DOC#a,b` or `DOC@part` for messages and papers."""
    if not units:
        return document
    if units[0].startswith("@"):
        return f"{document}{units[0]}"
    return f"{document}#{','.join(units)}"


@dataclass
class Question:
    """One question. `answer` is an option (single choice), a bool, a list (ordering) or a mapping."""

    type: str
    prompt: str
    options: Any
    answer: Any
    source: Source
    explanation: str
    key: str
    basis: dict[str, Any] = field(default_factory=dict)
    roles: frozenset[str] = frozenset()

    @property
    def id(self) -> str:
        """Stable id: a hash of the type, source units and the fact tested (not of the seed)."""
        text = "\x1f".join((self.type, self.source.document, *self.source.units, self.key))
        return "q-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]

    def stem(self) -> str:
        """What makes two questions the same question: the prompt, plus the items for list questions."""
        if isinstance(self.options, dict):
            return "\x1f".join([self.prompt, *sorted(map(str, self.options.get("left", [])))])
        if self.type == "ordering" or self.key.startswith("forbidden:"):
            return "\x1f".join([self.prompt, *sorted(map(str, self.options))])
        return self.prompt

    def as_json(self) -> dict[str, Any]:
        out = {
            "id": self.id, "type": self.type, "prompt": self.prompt, "options": self.options,
            "answer": self.answer, "source": self.source.as_json(), "explanation": self.explanation,
        }
        if self.basis:
            out["basis"] = self.basis
        return out


def unit_data(doc_data: dict[str, Any], clauses: dict[str, Any], unit: str) -> Any:
    """The data of one unit: a clause item by id, or a document field for `@name`."""
    if unit.startswith("@"):
        return doc_data.get(unit[1:])
    return clauses.get(unit)


def clause_map(doc: Document) -> dict[str, Any]:
    return {cid: item for cid, _, item in doc.clauses()}


def data_hash(values: list[Any]) -> str:
    """A short, canonical hash of unit data (key order and YAML layout do not matter)."""
    text = json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def make_source(doc: Document, units: tuple[str, ...], clauses: dict[str, Any] | None = None) -> Source:
    clauses = clause_map(doc) if clauses is None else clauses
    version, starts = doc.data.get("version"), doc.data.get("effective_from")
    return Source(doc.id or doc.path, units, version if isinstance(version, int) else None,
                  data_hash([unit_data(doc.data, clauses, u) for u in units]), str(starts) if starts else None)
