"""Drafting without a working tree: what the desk does for an author who never opens a terminal.

`edit` commits changed documents straight onto the proposal's branch (git objects only), after
checking the whole resulting tree: a draft with errors is refused and nothing moves. `submit_branch`
is `revise submit` for the branch as it stands: it checks the branch's tree and records its digest.
Both are the same commits the CLI makes; the CLI and the desk can take turns on one proposal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from revise.errors import UsageError
from revise.messages import t
from revise.problems import CheckResult
from revise.workflow import gates, gitstore, store
from revise.workflow.context import open_context
from revise.workflow.permissions import EDITABLE  # noqa: F401  (re-exported: the states a draft may change in)
from revise.workflow.proposal import file_path
from revise.workflow.states import next_state
from revise.workflow.steps import allow, load
from revise.workflow.submission import CheckFailed, check_commit, commit_draft, record_draft


def edit(root: Path, pid: str, files: dict[str, bytes | None], *, summary: str = "", remote: str | None = None,
         actor: gitstore.Author | None = None) -> CheckResult:
    """Commit `files` (`policies/…` path → new bytes, None to delete) on the proposal's branch.

    Refused (`CheckFailed`, carrying every problem) when the resulting tree fails `revise check`;
    returns the check's result (its warnings) when the commit is made."""
    ctx = open_context(root, remote, actor)
    loc = load(ctx, pid)
    allow(ctx, "edit", loc=loc)
    if not files:
        raise UsageError(t("wf.edit-nothing", id=pid))
    for path in files:
        if not path.startswith(gates.POLICIES + "/") or not path.endswith((".yaml", ".yml")) or ".." in path.split("/"):
            raise UsageError(t("wf.edit-outside", path=path))
    ctx.check_history(loc.commit)
    tree = gitstore.build_tree(root, loc.commit, files)
    result = check_commit(root, tree)
    if not result.ok:
        raise CheckFailed(t("wf.check-failed", id=pid, errors=len(result.errors)), result)
    docs = ", ".join(sorted(Path(p).stem for p in files))
    msg = ctx.message("edit", pid, summary.strip().replace("\n", " ") or docs)
    new = ctx.commit_tree(tree, [loc.commit], msg)
    verify = ctx.verifier()
    if verify:
        verify(new)
    try:
        gitstore.update_refs(root, [(f"{store.LOCAL}{pid}", new, loc.local_tip)])
    except gitstore.GitFailed:
        raise store.RefMoved(t("wf.concurrent", id=pid)) from None
    store.sync_worktree(root, f"{store.LOCAL}{pid}", new, list(files))
    if ctx.remote:
        store.push_or_undo(root, ctx.remote, pid, new, loc.local_tip, list(files))
    return result


def submit_branch(root: Path, pid: str, remote: str | None = None, actor: gitstore.Author | None = None) -> dict[str, Any]:
    """Submit the draft as the branch holds it: check its tree, record its digest; state → review."""
    ctx = open_context(root, remote, actor)
    loc = load(ctx, pid)
    allow(ctx, "submit", loc=loc)
    state = next_state("submit", loc.data["state"], pid)
    ctx.check_history(loc.commit)
    result = check_commit(root, loc.commit)
    if not result.ok:
        raise CheckFailed(t("wf.check-failed", id=pid, errors=len(result.errors)), result)
    tree = gitstore.git(root, "rev-parse", f"{loc.commit}^{{tree}}").strip()
    data = record_draft(ctx, loc, tree, state)
    new = commit_draft(ctx, loc, tree, data)
    store.sync_worktree(root, f"{store.LOCAL}{pid}", new, [file_path(pid)])
    if ctx.remote:
        store.push_or_undo(root, ctx.remote, pid, new, loc.local_tip, [file_path(pid)])
    return data
