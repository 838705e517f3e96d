"""The semantic diff of the policies between two revisions: what changed for agents and customers.

`diff_trees(old, new, schemas)` compares two `Tree`s (the policy files of two commits): only
files whose blobs differ are parsed; documents are matched by id, clauses by their own ids.
`open_trees` and `proposal_trees` find the two sides for `revise diff REV1 REV2` and
`revise diff ID` (main's merge-base with `revise/<ID>` against the branch).
"""

from __future__ import annotations

from pathlib import Path as FsPath

from revise.corpus.documents import Document
from revise.review.semdiff.compare import compare
from revise.review.semdiff.gittree import Tree, resolve
from revise.review.semdiff.model import SemDiff
from revise.review.semdiff.values import Vocabulary
from revise.schema.schemaset import SchemaSet

__all__ = ["SemDiff", "Tree", "Vocabulary", "diff_trees", "open_trees", "vocabulary"]


def open_trees(root: FsPath, base: str, head: str) -> tuple[Tree, Tree]:
    """The policy trees of two revisions (branch, tag or commit), compared as given."""
    return Tree(root, resolve(root, base), base), Tree(root, resolve(root, head), head)


def vocabulary(root: FsPath, tree: Tree, schemas: SchemaSet | None = None) -> Vocabulary:
    """Labels from the repository's schemas and role titles from the org chart in `tree`."""
    roles: dict[str, str] = {}
    for doc in tree.in_folder("org"):
        for role in doc.data.get("roles") or []:
            if isinstance(role, dict) and isinstance(role.get("id"), str):
                roles[role["id"]] = str(role.get("title") or role["id"])
    return Vocabulary(schemas or SchemaSet(root / "schemas"), roles)


def diff_trees(old: Tree, new: Tree, vocab: Vocabulary) -> SemDiff:
    """The semantic diff from `old` to `new`."""
    changed = sorted(p for p in set(old.blobs) | set(new.blobs) if old.blobs.get(p) != new.blobs.get(p))
    before = _by_id(old.documents([p for p in changed if p in old.blobs]))
    after = _by_id(new.documents([p for p in changed if p in new.blobs]))
    return SemDiff(old.commit, new.commit, compare(before, after, vocab))


def _by_id(docs: list[Document]) -> dict[str, Document]:
    found: dict[str, Document] = {}
    for doc in docs:
        if doc.id is None:
            doc.data["id"] = FsPath(doc.path).stem
        found.setdefault(str(doc.id), doc)
    return found
