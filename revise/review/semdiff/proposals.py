"""Finding a proposal for review: its file from branch `revise/<ID>` and the two sides of its diff.

Reading goes through `revise.workflow.read_proposal`, so the proposal file is found and validated
by the same rules as every step of the revision procedure.
"""

from __future__ import annotations

import re
from pathlib import Path as FsPath
from typing import Any

from revise import workflow
from revise.errors import UsageError
from revise.messages import t
from revise.review.semdiff.gittree import Tree, resolve
from revise.workflow.gitstore import git, merge_base

ID_RE = re.compile(r"^RP-[0-9]{4}-[0-9]{4}$")
REMOTE_PREFIXES = ("", "origin/")


def is_proposal_id(value: str) -> bool:
    return bool(ID_RE.match(value))


def read_proposal(root: FsPath, pid: str) -> dict[str, Any]:
    """The proposal's data plus `branch` and `commit` (the workflow's reader, so one set of rules).

    `UsageError` for something that is not a proposal id or an unknown one, `InputError` for a
    branch without a valid proposal file.
    """
    if not is_proposal_id(pid):
        raise UsageError(t("diff.not-a-proposal-id", value=pid), t("diff.not-a-proposal-id.hint"))
    return workflow.read_proposal(root, pid)


def main_commit(root: FsPath, main: str) -> tuple[str, str]:
    """The main branch (or its remote-tracking copy, as in a CI checkout): (name, commit)."""
    for prefix in REMOTE_PREFIXES:
        try:
            return f"{prefix}{main}", resolve(root, f"{prefix}{main}")
        except UsageError:
            continue
    return main, resolve(root, main)


def _before_merge(root: FsPath, main_sha: str, head: str) -> str | None:
    """Where `head` left main, for a branch that main has since merged: the merge's first parent's base."""
    merges = git(root, "rev-list", "--ancestry-path", "--merges", "--reverse", f"{head}..{main_sha}").split()
    for merge in merges:
        parents = git(root, "rev-list", "--parents", "-n", "1", merge).split()[1:]
        if len(parents) > 1 and head in parents[1:]:
            return merge_base(root, parents[0], head)
    return None


def proposal_trees(root: FsPath, proposal: dict[str, Any], main: str = "main") -> tuple[Tree, Tree]:
    """Where the proposal's branch left main (their merge-base), and the branch itself."""
    main_name, main_sha = main_commit(root, main)
    head = str(proposal["commit"])
    base = merge_base(root, main_sha, head) or main_sha
    if base == head:  # already merged (published): compare with main just before the merge
        base = _before_merge(root, main_sha, head) or base
    return Tree(root, base, f"{main_name}@{base[:8]}"), Tree(root, head, str(proposal["branch"]))
