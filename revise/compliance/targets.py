"""The measurable targets of the corpus: every `targets` entry of every clause, in corpus order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from revise.corpus import Corpus


@dataclass(frozen=True)
class Target:
    """One measurable target of one clause: `metric op value unit`, for a channel and a scope."""

    document: str
    clause: str
    index: int
    metric: str
    op: str
    value: float
    unit: str
    channel: str | None = None
    scope: dict[str, str] = field(default_factory=dict)
    clause_title: str = ""
    document_title: str = ""
    version: int | None = None

    @property
    def ref(self) -> str:
        return f"{self.document}#{self.clause}"

    @property
    def key(self) -> str:
        """Stable id of this target within the corpus: `DOC#clause` plus its position when needed."""
        return f"{self.ref}/{self.index}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "document": self.document, "clause": self.clause, "metric": self.metric,
            "channel": self.channel, "scope": dict(self.scope) or None, "op": self.op,
            "value": self.value, "unit": self.unit,
        }


def of_corpus(corpus: Corpus) -> list[Target]:
    """Every well-formed target of every clause of every document (malformed ones are `revise check`'s job)."""
    found: list[Target] = []
    for doc in corpus.documents:
        for clause_id, _path, item in doc.clauses():
            for i, raw in enumerate(item.get("targets") or []):
                target = _target(doc.id or doc.path, clause_id, i, raw, item, doc.title, doc.data.get("version"))
                if target is not None:
                    found.append(target)
    return found


def _target(doc_id: str, clause: str, i: int, raw: Any, item: dict[str, Any], doc_title: str,
            version: Any) -> Target | None:
    if not isinstance(raw, dict):
        return None
    metric, op, value, unit = raw.get("metric"), raw.get("op"), raw.get("value"), raw.get("unit")
    if not (isinstance(metric, str) and op in ("<=", "<", ">=", ">") and isinstance(unit, str)):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    scope = raw.get("scope") if isinstance(raw.get("scope"), dict) else {}
    channel = raw.get("channel") if isinstance(raw.get("channel"), str) else None
    return Target(doc_id, clause, i, metric, op, float(value), unit, channel,
                  {k: str(v) for k, v in scope.items() if k in ("urgency", "category")},
                  str(item.get("title") or ""), doc_title, version if isinstance(version, int) else None)
