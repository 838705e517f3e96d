"""One proposal's change to the policies: what its publication merged, or what its branch would merge.

A published proposal is read from its publication tag: the merge commit on main, compared with
its first parent (main just before), so the change is found even after the branch was deleted.
Before publication it is the branch against where it left main (`revise diff ID`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from revise.public.changes import PublicDiff, of_diff
from revise.review.semdiff import diff_trees, vocabulary
from revise.review.semdiff.gittree import Tree
from revise.review.semdiff.model import SemDiff
from revise.review.semdiff.proposals import proposal_trees, read_proposal
from revise.review.semdiff.values import Vocabulary
from revise.workflow import config, gitstore
from revise.workflow import proposal as proposal_file
from revise.workflow.proposal import file_path


@dataclass
class Revision:
    """A proposal, the two policy trees it goes between, and the semantic diff between them."""

    proposal: dict[str, Any]
    old: Tree
    new: Tree
    vocab: Vocabulary
    diff: SemDiff

    @property
    def published(self) -> bool:
        return self.proposal.get("state") == "published"

    @property
    def effective(self) -> str | None:
        value = (self.proposal.get("publication") or {}).get("effective")
        return str(value) if value else None

    def public(self) -> PublicDiff:
        return of_diff(self.diff)


def revision(root: FsPath, pid: str, main: str | None = None) -> Revision:
    """The change proposal `pid` makes; `UsageError` for an unknown id (as `revise diff ID`).

    A published proposal's record is main's archive copy (`proposals/<ID>.yaml` on main): the
    steps after publication (evaluations, notices) are commits on main, not on the branch."""
    main = main or config.load(root).main_branch
    proposal = {**read_proposal(root, pid), **archived(root, pid, main)}
    trees = published_trees(root, proposal) or proposal_trees(root, proposal, main)
    old, new = trees
    vocab = vocabulary(root, new)
    return Revision(proposal, old, new, vocab, diff_trees(old, new, vocab))


def archived(root: FsPath, pid: str, main: str) -> dict[str, Any]:
    """The archive record of a published proposal on `main`, or {} when it has none."""
    raw = gitstore.show(root, f"refs/heads/{main}", file_path(pid))
    if raw is None:
        return {}
    data = proposal_file.loads(raw, f"{main}:{file_path(pid)}", proposal_file.schemas_for(root))
    return data if data.get("state") == "published" else {}


def published_trees(root: FsPath, proposal: dict[str, Any]) -> tuple[Tree, Tree] | None:
    """(main before the publication, the publication's merge) from the tag; None when not published
    or the tag is not in this repository."""
    tag = (proposal.get("publication") or {}).get("tag")
    if proposal.get("state") != "published" or not tag:
        return None
    merge = gitstore.rev(root, f"refs/tags/{tag}")
    before = gitstore.rev(root, f"{merge}^1") if merge else None
    if not merge or not before:
        return None
    return Tree(root, before, f"{tag}^1"), Tree(root, merge, str(tag))
