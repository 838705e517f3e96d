"""How the public promises differ between two versions of the policies, and what that means for customers.

A promise changed when what customers read of it changed: its topic, title, text or figure. Its
effect for customers: a new promise, or a figure that asks more of the centre (a shorter time),
is `better`; a promise withdrawn, or a figure that asks less, is `worse`; anything else (the words
only, or figures that cannot be compared) is `wording` — the legal review judges those.
A public clause whose internal part changed while its public block did not is listed apart
(`internal`): nothing changes for customers, but the legal review should see that the promise
still holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from revise.public.promises import LOOSER, STRICTER, TOPICS, Promise, against, of_documents
from revise.review.semdiff.model import SemDiff

BETTER, WORSE, WORDING = "better", "worse", "wording"


@dataclass(frozen=True)
class PublicChange:
    """One promise added, withdrawn or changed: the promise before and after (None where absent)."""

    before: Promise | None
    after: Promise | None

    @property
    def promise(self) -> Promise:
        return self.after or self.before  # type: ignore[return-value]

    @property
    def ref(self) -> str:
        return self.promise.ref

    @property
    def effect(self) -> str:
        before, after = self.before, self.after
        if before is None:
            return BETTER
        if after is None:
            return WORSE
        if before.has_figure and after.has_figure:
            compared = against(after.value, after.unit, {"op": before.op, "value": before.value, "unit": before.unit})
            return {STRICTER: BETTER, LOOSER: WORSE}.get(compared or "", WORDING)
        if before.has_figure != after.has_figure:
            return BETTER if after.has_figure else WORSE
        return WORDING


@dataclass
class PublicDiff:
    """The public side of a diff: promises changed, and public clauses changed inside only."""

    changes: list[PublicChange] = field(default_factory=list)
    internal: list[Promise] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.changes and not self.internal


def between(old: Iterable[dict[str, Any]], new: Iterable[dict[str, Any]]) -> list[PublicChange]:
    """The promises that differ between two sets of documents (their data), in topic then clause order."""
    before = {p.ref: p for p in of_documents(old)}
    after = {p.ref: p for p in of_documents(new)}
    found = [PublicChange(before.get(ref), after.get(ref)) for ref in [*after, *(r for r in before if r not in after)]
             if before.get(ref) is None or after.get(ref) is None or before[ref].wording() != after[ref].wording()]
    return sorted(found, key=lambda c: (_topic_rank(c.promise.topic), c.promise.document, c.promise.index))


def of_diff(diff: SemDiff) -> PublicDiff:
    """The public side of a semantic diff (only the documents it found changed are read)."""
    old = [d.old_data for d in diff.documents if d.old_data]
    new = [d.new_data for d in diff.documents if d.new_data]
    changes = between(old, new)
    changed = {c.ref for c in changes}
    touched = {f"{d.id}#{c.id}" for d in diff.documents for c in d.clauses}
    internal = [p for p in of_documents(new) if p.ref in touched and p.ref not in changed]
    return PublicDiff(changes, internal)


def _topic_rank(topic: str) -> int:
    return TOPICS.index(topic) if topic in TOPICS else len(TOPICS)
