"""`submit`: commit the pending policy changes, check them, record the digest of the draft.

The commit is built in a private index from the branch tip plus every file under policies/ in
the working tree, so nothing outside policies/ is swept in. The check runs on the working tree
first: a draft with errors is refused and nothing is committed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from revise.check.engine import check
from revise.errors import GateError
from revise.messages import t
from revise.problems import CheckResult
from revise.workflow import gates, gitstore, proposal, store
from revise.workflow.context import Context, open_context
from revise.workflow.proposal import branch_name, file_path
from revise.workflow.states import next_state
from revise.workflow.steps import allow, load


class CheckFailed(GateError):
    """Raised when the draft (or, at publish, the merged result) fails `revise check`; carries the result."""

    def __init__(self, message: str, result: CheckResult, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.result = result


def submit(root: Path, pid: str, remote: str | None = None, actor: gitstore.Author | None = None) -> dict[str, Any]:
    ctx = open_context(root, remote, actor)
    loc = load(ctx, pid)
    allow(ctx, "submit", loc=loc)
    ref = f"{store.LOCAL}{pid}"
    if gitstore.head_ref(root) != ref:
        raise GateError(t("wf.not-checked-out", id=pid), t("wf.not-checked-out.hint", id=pid))
    state = next_state("submit", loc.data["state"], pid)
    ctx.check_history(loc.commit)
    result = check(root)
    if not result.ok:
        raise CheckFailed(t("wf.check-failed", id=pid, errors=len(result.errors)), result)
    tree = _policy_tree(root, loc.commit)
    data = record_draft(ctx, loc, tree, state)
    new = commit_draft(ctx, loc, tree, data)
    gitstore.git(root, "reset", "--quiet", "--", gates.POLICIES, file_path(pid))
    gitstore.git(root, "checkout", new, "--", file_path(pid))
    if remote:
        try:
            store.push_or_undo(root, remote, pid, new, loc.commit, [file_path(pid)])
        except store.PushRejected:  # the branch went back: the edits stay in the working tree, uncommitted, as before
            gitstore.git(root, "reset", "--quiet", "--", gates.POLICIES)
            raise
    return data


def record_draft(ctx: Context, loc: store.Located, tree: str, state: str) -> dict[str, Any]:
    """The proposal with the draft of `tree` recorded (digest, documents, technical); refuses a
    draft that changes nothing or changes anything outside policies/."""
    pid = loc.pid
    base = gitstore.merge_base(ctx.root, ctx.main_ref, loc.commit) or loc.commit
    own = file_path(pid)
    d = gates.Draft(base, tree, [row for row in gitstore.changed_files(ctx.root, base, tree, None) if row[0] != own])
    if d.forbidden:
        raise GateError(t("wf.forbidden-paths", id=pid, paths=", ".join(d.forbidden[:10])), t("wf.forbidden-paths.hint"))
    if not d.files and loc.data.get("source") != "periodic-review":  # a periodic review may find nothing to change
        raise GateError(t("wf.no-changes", id=pid), t("wf.no-changes.hint", branch=branch_name(pid)))
    data = dict(loc.data)
    data["state"] = state
    data["draft"] = {"digest": d.digest, "submitted_by": ctx.actor.email, "submitted_at": proposal.now(),
                     "changed": d.documents, "technical": gates.technical(ctx.root, d)}
    return data


def commit_draft(ctx: Context, loc: store.Located, tree: str, data: dict[str, Any]) -> str:
    """One `submit` step commit: `tree` with the proposal file recorded, moved onto the branch."""
    pid = loc.pid
    raw = proposal.dumps(data)
    proposal.loads(raw, file_path(pid), proposal.schemas_for(ctx.root))
    full = gitstore.build_tree_from(ctx.root, tree, {file_path(pid): raw})
    digest = data["draft"]["digest"]
    msg = ctx.message("submit", pid, ", ".join(data["draft"]["changed"]), {"Revise-Digest": digest})
    new = ctx.commit_tree(full, [loc.commit], msg)
    verify = ctx.verifier()
    if verify:
        verify(new)
    try:
        gitstore.update_refs(ctx.root, [(f"{store.LOCAL}{pid}", new, loc.local_tip or loc.commit)])
    except gitstore.GitFailed:
        raise store.RefMoved(t("wf.concurrent", id=pid)) from None
    return new


def check_commit(root: Path, treeish: str) -> CheckResult:
    """`revise check` on a commit or tree, unpacked in a scratch folder (no working tree is touched)."""
    import io
    import tarfile
    data = gitstore.git_bytes(root, "archive", "--format=tar", treeish)
    with tempfile.TemporaryDirectory(prefix="revise-check-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            tar.extractall(tmp, filter="data")
        return check(Path(tmp), cache=False)


def _policy_tree(root: Path, tip: str) -> str:
    """The tree of `tip` with policies/ replaced by what is in the working tree (added, changed, deleted)."""
    with tempfile.TemporaryDirectory(prefix="revise-index-") as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
        gitstore.git(root, "read-tree", tip, env=env)
        gitstore.git(root, "add", "--all", "--", gates.POLICIES, env=env)
        return gitstore.git(root, "write-tree", env=env).strip()
