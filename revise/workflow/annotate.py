"""After publish: step commits on main that add to a proposal's archive record.

A published proposal's file stays in `proposals/` on main as the revision archive. Some steps
come after the publication — the effect evaluation (`evaluate`), the customer notice (`notice`) —
and add one entry to a list of the record. Each is one commit on main by the acting person, with
`Revise-Step` and `Revise-Proposal` trailers, that changes nothing but that entry; the audit
(`revise.workflow.audit`) replays them after the publication like every other step.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from revise.errors import GateError, UsageError
from revise.messages import t
from revise.workflow import gitstore, proposal, store
from revise.workflow.context import open_context
from revise.workflow.proposal import file_path

# step → the list of the archive record it adds one entry to
ANNOTATIONS = {"evaluate": "evaluations", "notice": "notices"}


def annotate(root: Path, pid: str, step: str, entry: dict[str, Any], summary: str, *,
             remote: str | None = None, actor: gitstore.Author | None = None) -> dict[str, Any]:
    """Add `entry` (its `by` and `at` are set here) to the archive record of published proposal `pid`."""
    from revise.workflow.steps import audit_of, tampered_error
    if step not in ANNOTATIONS:
        raise UsageError(t("wf.annotate-unknown", step=step))
    ctx = open_context(root, remote, actor)
    ctx.member(step)
    if remote:
        gitstore.git(root, "fetch", "--quiet", "--no-tags", remote, f"+{ctx.main_ref}:refs/remotes/{remote}/{ctx.cfg.main_branch}")
        theirs = gitstore.rev(root, f"refs/remotes/{remote}/{ctx.cfg.main_branch}")
        ours = gitstore.rev(root, ctx.main_ref)
        if theirs and theirs != ours and not gitstore.is_ancestor(root, theirs, ours or theirs):
            raise GateError(t("wf.publish-main-behind", remote=remote, branch=ctx.cfg.main_branch),
                            t("wf.publish-main-behind.hint", branch=ctx.cfg.main_branch))
    main = gitstore.rev(root, ctx.main_ref) or ""
    raw = gitstore.show(root, main, file_path(pid))
    if raw is None:
        raise GateError(t("wf.annotate-not-published", id=pid))
    data = proposal.loads(raw, f"{ctx.cfg.main_branch}:{file_path(pid)}", proposal.schemas_for(root))
    if data.get("state") != "published":
        raise GateError(t("wf.annotate-not-published", id=pid))
    verdict = audit_of(ctx, store.Located(pid, ctx.main_ref, main, data))
    if not verdict.ok:
        raise tampered_error(pid, verdict)
    key = ANNOTATIONS[step]
    new = {**data, key: [*(data.get(key) or []), {**entry, "by": ctx.actor.email, "at": proposal.now()}]}
    body = proposal.dumps(new)
    proposal.loads(body, file_path(pid), proposal.schemas_for(root))
    tree = gitstore.build_tree(root, main, {file_path(pid): body})
    commit = ctx.commit_tree(tree, [main], ctx.message(step, pid, summary))
    verify = ctx.verifier()
    if verify:
        verify(commit)
    try:
        gitstore.update_refs(root, [(ctx.main_ref, commit, main)])
    except gitstore.GitFailed:
        raise store.RefMoved(t("wf.concurrent", id=pid)) from None
    store.sync_worktree(root, ctx.main_ref, commit, [file_path(pid)])
    if remote:
        try:
            gitstore.git(root, "push", "--quiet", remote, f"{ctx.main_ref}:{ctx.main_ref}")
        except gitstore.GitFailed as exc:
            gitstore.update_refs(root, [(ctx.main_ref, main, commit)])
            store.sync_worktree(root, ctx.main_ref, main, [file_path(pid)])
            raise store.PushRejected(t("wf.push-failed", remote=remote, id=pid, error=gitstore.remote_reason(exc.stderr)),
                                     t("wf.push-failed.hint", remote=remote, id=pid)) from None
    return new
