"""The measurable targets of the corpus as the compliance check sees them.

Found by `revise.corpus.model.targets` (every `targets` entry of every clause, with its location);
this adds what a report shows next to a target: the clause's and the document's titles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from revise.corpus import model
from revise.corpus.documents import Corpus
from revise.handbook.history import effective


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
    effective: date | None = None  # the document's effective_from
    valid_from: date | None = None  # the first day this version judges (None: from the export's start)
    valid_until: date | None = None  # the day the next version takes effect (None: still in force)

    @property
    def ref(self) -> str:
        return f"{self.document}#{self.clause}"

    @property
    def key(self) -> str:
        """Stable id of this target within the corpus: `DOC#clause/position`."""
        return f"{self.ref}/{self.index}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "document": self.document, "clause": self.clause, "metric": self.metric,
            "channel": self.channel, "scope": dict(self.scope) or None, "op": self.op,
            "value": self.value, "unit": self.unit, "version": self.version,
            "judges": {"from": _day(self.valid_from), "until": _day(self.valid_until)},
        }


def of_corpus(corpus: Corpus) -> list[Target]:
    """Every target of the corpus with a comparison we know (malformed ones are `revise check`'s job)."""
    titles = {c.ref: c.title for c in model.clauses(corpus)}
    found: list[Target] = []
    seen: dict[str, int] = {}
    for raw in model.targets(corpus):
        index = seen.get(raw.ref, 0)
        seen[raw.ref] = index + 1
        if raw.op not in ("<=", "<", ">=", ">"):
            continue
        doc = corpus.by_id.get(raw.document)
        scope = {str(k): str(v) for k, v in raw.scope if k in ("urgency", "category")}
        found.append(Target(raw.document, raw.clause, index, raw.metric, raw.op, raw.value, raw.unit,
                            raw.channel if isinstance(raw.channel, str) else None, scope,
                            titles.get(raw.ref, ""), doc.title if doc else "", raw.version,
                            effective(doc) if doc else None))
    return found


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None
