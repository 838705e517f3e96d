"""阅读确认, read from git: which document versions each publication asks whom to read, by when.

A publication on main (an archive record `proposals/<ID>.yaml` in state `published`, with its tag)
changed some documents to new versions. The roles that must read a changed document are the impact
analysis's (`revise.review.impact`: the document's `applies_to` on either side, plus the roles its
changed clauses, plans or steps name) — the same answer the committee saw before approving. Each is
due at the end of the effective date plus the transition period.

A person who joins a role later owes the versions in force of the documents for that role: the
roles of the publication that made the version, or the document's `applies_to` for a version that
no recorded publication made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from revise.corpus.yamlsafe import YamlProblem, decode, parse
from revise.workflow import gitstore, store
from revise.workflow import proposal as proposal_file


@dataclass(slots=True)
class Publication:
    """A publication's owed versions: `{document: (version, due, roles)}`."""

    pid: str
    tag: str
    effective: date
    documents: dict[str, tuple[int, date, tuple[str, ...]]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"tag": self.tag, "effective": self.effective.isoformat(),
                "documents": {d: [v, due.isoformat(), list(r)] for d, (v, due, r) in self.documents.items()}}

    @classmethod
    def from_json(cls, pid: str, data: dict[str, Any]) -> Publication:
        return cls(pid, str(data["tag"]), date.fromisoformat(data["effective"]),
                   {d: (int(v), date.fromisoformat(due), tuple(r)) for d, (v, due, r) in data["documents"].items()})


def published_ids(root: Path, main: str) -> list[str]:
    return sorted(store.archived_ids(root, main))


def publication(root: Path, main: str, pid: str) -> Publication | None:
    """What publication `pid` asks people to read; None when it is not a published revision with
    versions (a no-change review, a rejected record, a record whose tag is missing)."""
    raw = gitstore.show(root, f"refs/heads/{main}", proposal_file.file_path(pid))
    data = _yaml(raw)
    if not isinstance(data, dict) or data.get("state") != "published":
        return None
    pub = data.get("publication") or {}
    versions = pub.get("versions") or {}
    if pub.get("no_change") or not versions or not pub.get("effective") or not pub.get("tag"):
        return None
    try:
        effective = date.fromisoformat(str(pub["effective"]))
    except ValueError:
        return None
    due = effective + timedelta(days=int(pub.get("transition_days") or 0))
    roles = _roles(root, str(pub["tag"]))
    if roles is None:
        return None
    return Publication(pid, str(pub["tag"]), effective, {str(doc): (int(v), due, tuple(sorted(roles.get(str(doc), ()))))
                                        for doc, v in versions.items()})


def _roles(root: Path, tag: str) -> dict[str, set[str]] | None:
    """`{document: roles}` by the impact analysis of the publication's merge against main before it."""
    from revise.review.impact import impact
    from revise.review.semdiff import diff_trees, vocabulary
    trees = publication_trees(root, tag)
    if trees is None:
        return None
    old, new = trees
    vocab = vocabulary(root, new)
    found: dict[str, set[str]] = {}
    for role in impact(diff_trees(old, new, vocab), new, vocab).roles:
        for doc in role.documents:
            found.setdefault(doc, set()).add(role.role)
    return found


def publication_trees(root: Path, tag: str) -> tuple[Any, Any] | None:
    """(main just before the publication, its merge) as semdiff trees; None when the tag is missing."""
    from revise.review.semdiff.gittree import Tree
    merge = gitstore.rev(root, f"refs/tags/{tag}")
    before = gitstore.rev(root, f"{merge}^1") if merge else None
    if not merge or not before:
        return None
    return Tree(root, before, f"{tag}^1"), Tree(root, merge, tag)


def in_force(root: Path, ref: str) -> dict[str, tuple[int, tuple[str, ...]]]:
    """`{document: (version, applies_to)}` of every document on `ref` (the org chart's roles apply
    to the org chart itself like any other document's)."""
    from revise.review.semdiff.gittree import Tree
    commit = gitstore.rev(root, ref)
    if not commit:
        return {}
    tree = Tree(root, commit, ref)
    found: dict[str, tuple[int, tuple[str, ...]]] = {}
    for doc in tree.documents(sorted(tree.blobs)):
        version = doc.data.get("version")
        applies = doc.data.get("applies_to") or []
        if doc.id and isinstance(version, int) and isinstance(applies, list):
            found[doc.id] = (version, tuple(sorted(str(r) for r in applies if isinstance(r, str))))
    return found


def _yaml(raw: bytes | None) -> Any:
    if raw is None:
        return None
    try:
        return parse(decode(raw)).data
    except YamlProblem:
        return None
