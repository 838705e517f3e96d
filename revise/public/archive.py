"""When each public promise took its present form, from the revision archive (修订档案).

Every published proposal in `proposals/` names its publication tag and effective date; the
promises its merge changed (its tag against the tag's first parent) took effect that day. For a
promise no archived revision changed, the date is its document's `effective_from` as it was
before the first archived revision of that document (its own date, not that of a later revision
of other clauses), else the document's present one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path as FsPath

from revise.handbook.archive import load_proposals, published
from revise.public.changes import PublicChange, between
from revise.public.revision import published_trees
from revise.review.semdiff.gittree import Tree


@dataclass(frozen=True)
class Revised:
    """The last archived revision that changed a promise: which, when, and the change."""

    pid: str
    title: str
    effective: str
    change: PublicChange


@dataclass
class History:
    """Per promise its last revision in force (`last`); per document its date before any (`first_dates`)."""

    last: dict[str, Revised] = field(default_factory=dict)
    first_dates: dict[str, str] = field(default_factory=dict)

    def since(self, ref: str, document: str, present: str) -> str:
        """The day the promise `ref` took its present form."""
        if ref in self.last:
            return self.last[ref].effective
        return self.first_dates.get(document, present)


def history(root: FsPath, as_of: date) -> History:
    """The archive's revisions that took effect by `as_of`, oldest first, read from their tags."""
    found = History()
    revisions = sorted(published(load_proposals(root)), key=lambda p: str((p.data.get("publication") or {}).get("effective")))
    for proposal in revisions:
        effective = str((proposal.data.get("publication") or {}).get("effective") or "")
        trees = published_trees(root, proposal.data)
        if trees is None or not effective or _day(effective) > as_of:
            continue
        old_docs, new_docs = _changed_documents(*trees)
        for data in old_docs:
            if isinstance(data.get("id"), str):
                found.first_dates.setdefault(data["id"], str(data.get("effective_from") or ""))
        for change in between(old_docs, new_docs):
            found.last[change.ref] = Revised(proposal.id, str(proposal.data.get("title") or ""), effective, change)
    return found


def _changed_documents(old: Tree, new: Tree) -> tuple[list[dict], list[dict]]:
    changed = sorted(p for p in set(old.blobs) | set(new.blobs) if old.blobs.get(p) != new.blobs.get(p))
    return ([d.data for d in old.documents([p for p in changed if p in old.blobs])],
            [d.data for d in new.documents([p for p in changed if p in new.blobs])])


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return date.max
