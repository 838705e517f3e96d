"""Finding a proposal for review: its file from branch `revise/<ID>` and the two sides of its diff.

Reading goes through `revise.workflow.read_proposal` when the workflow is installed (so the
proposal file is validated in one place); `_read_from_branch` is the plain reader used before that.
"""

from __future__ import annotations

import re
from pathlib import Path as FsPath
from typing import Any

from revise.errors import InputError, UsageError
from revise.messages import t
from revise.semdiff.gittree import Tree, merge_base, resolve, show
from revise.yamlsafe import YamlProblem, decode, parse

ID_RE = re.compile(r"^RP-[0-9]{4}-[0-9]{4}$")
REMOTE_PREFIXES = ("", "origin/")


def is_proposal_id(value: str) -> bool:
    return bool(ID_RE.match(value))


def proposal_file(pid: str) -> str:
    return f"proposals/{pid}.yaml"


def read_proposal(root: FsPath, pid: str) -> dict[str, Any]:
    """The proposal's data plus `branch` and `commit`; `UsageError` for an unknown id, `InputError` for a bad file."""
    if not is_proposal_id(pid):
        raise UsageError(t("diff.not-a-proposal-id", value=pid), t("diff.not-a-proposal-id.hint"))
    try:
        from revise.workflow import read_proposal as workflow_read
    except ImportError:
        return _read_from_branch(root, pid)
    return workflow_read(root, pid)


def _read_from_branch(root: FsPath, pid: str) -> dict[str, Any]:
    branch, commit = _find_branch(root, pid)
    raw = show(root, commit, proposal_file(pid))
    if raw is None:
        raise InputError(t("diff.not-a-proposal", branch=branch, file=proposal_file(pid)), t("diff.not-a-proposal.hint"))
    where = f"{branch}:{proposal_file(pid)}"
    try:
        data = parse(decode(raw)).data
    except YamlProblem as exc:
        raise InputError(t("diff.bad-proposal", where=f"{where}:{exc.line}:{exc.column}", problem=exc.message), exc.hint or None) from None
    if not isinstance(data, dict) or data.get("id") != pid:
        raise InputError(t("diff.bad-proposal", where=where, problem=t("diff.not-a-proposal-id", value=(data or {}).get("id") if isinstance(data, dict) else "?")))
    return {**data, "branch": branch, "commit": commit}


def _find_branch(root: FsPath, pid: str) -> tuple[str, str]:
    for prefix in REMOTE_PREFIXES:
        branch = f"{prefix}revise/{pid}"
        try:
            return branch, resolve(root, branch)
        except UsageError as exc:
            if exc.hint is None:  # not a git repository at all
                raise
    raise UsageError(t("diff.unknown-proposal", id=pid, branch=f"revise/{pid}"), t("diff.unknown-proposal.hint"))


def main_commit(root: FsPath, main: str) -> tuple[str, str]:
    """The main branch (or its remote-tracking copy, as in a CI checkout): (name, commit)."""
    for prefix in REMOTE_PREFIXES:
        try:
            return f"{prefix}{main}", resolve(root, f"{prefix}{main}")
        except UsageError:
            continue
    return main, resolve(root, main)


def proposal_trees(root: FsPath, proposal: dict[str, Any], main: str = "main") -> tuple[Tree, Tree]:
    """Where the proposal's branch left main (their merge-base), and the branch itself."""
    main_name, main_sha = main_commit(root, main)
    head = str(proposal["commit"])
    base = merge_base(root, main_sha, head) or main_sha
    return Tree(root, base, f"{main_name}@{base[:8]}"), Tree(root, head, str(proposal["branch"]))
