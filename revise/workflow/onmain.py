"""Steps taken on main itself: one commit by the acting person, pushed, or taken back when refused.

After a publication some steps add to the record on main rather than on a proposal branch: an
archive record's evaluation or notice (`revise.workflow.annotate`), a drill (`revise.workflow.drills`).
Each is one commit on top of main, made with plumbing (no checkout), moved with a compare-and-swap,
the checked-out working tree brought along; with a remote, main is pushed, and a refused push
takes the commit back here too, so a failed step leaves the repository and the remote as they were.
"""

from __future__ import annotations

from pathlib import Path

from revise.errors import GateError
from revise.messages import t
from revise.workflow import gitstore, store
from revise.workflow.context import Context


def refuse_if_behind(ctx: Context) -> None:
    """With a remote, refuse while its main has commits the local main lacks (nothing is moved)."""
    remote, branch = ctx.remote, ctx.cfg.main_branch
    if not remote:
        return
    gitstore.git(ctx.root, "fetch", "--quiet", "--no-tags", remote, f"+{ctx.main_ref}:refs/remotes/{remote}/{branch}")
    theirs = gitstore.rev(ctx.root, f"refs/remotes/{remote}/{branch}")
    ours = gitstore.rev(ctx.root, ctx.main_ref)
    if theirs and theirs != ours and not gitstore.is_ancestor(ctx.root, theirs, ours or theirs):
        raise GateError(t("wf.publish-main-behind", remote=remote, branch=branch), t("wf.publish-main-behind.hint", branch=branch))


def commit(ctx: Context, main: str, files: dict[str, bytes], msg: str) -> str:
    """Commit `files` on top of `main` (main's commit the step read) as the actor; move main, the
    working tree and (with a remote) the remote's main. Raises `store.RefMoved` when main moved
    meanwhile, `store.PushRejected` when the remote refused (the local commit is then taken back)."""
    root, ref = ctx.root, ctx.main_ref
    _refuse_if_dirty(root, ref, list(files))
    tree = gitstore.build_tree(root, main, files)
    new = ctx.commit_tree(tree, [main], msg)
    verify = ctx.verifier()
    if verify:
        verify(new)
    try:
        gitstore.update_refs(root, [(ref, new, main)])
    except gitstore.GitFailed:
        raise store.RefMoved(t("wf.main-moved", branch=ctx.cfg.main_branch)) from None
    _sync(root, ref, new, list(files))
    if ctx.remote:
        try:
            gitstore.git(root, "push", "--quiet", ctx.remote, f"{ref}:{ref}")
        except gitstore.GitFailed as exc:
            gitstore.update_refs(root, [(ref, main, new)])
            _sync(root, ref, main, list(files))
            raise store.PushRejected(t("wf.main-push-failed", remote=ctx.remote, branch=ctx.cfg.main_branch,
                                       error=gitstore.remote_reason(exc.stderr)),
                                     t("wf.main-push-failed.hint", remote=ctx.remote, branch=ctx.cfg.main_branch)) from None
    return new


def _refuse_if_dirty(root: Path, ref: str, paths: list[str]) -> None:
    """Where main is checked out, its copies of `paths` must be as committed (they will be replaced)."""
    where = gitstore.worktree_heads(root).get(ref)
    if where is None:
        return
    out = gitstore.git(where, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *paths)
    changed = [entry[3:] for entry in out.split("\0") if len(entry) > 3]
    if changed:
        raise GateError(t("wf.dirty", files=", ".join(changed[:10])), t("wf.dirty.hint"))


def _sync(root: Path, ref: str, commit: str, paths: list[str]) -> None:
    """Where `ref` is checked out, make `paths` match `commit` (a path it lacks leaves the tree)."""
    where = gitstore.worktree_heads(root).get(ref)
    if where is None:
        return
    present = [p for p in paths if gitstore.blob_id(root, commit, p)]
    if present:
        gitstore.git(where, "checkout", commit, "--", *present)
    for path in sorted(set(paths) - set(present)):
        gitstore.git(where, "rm", "--quiet", "--cached", "--ignore-unmatch", "--", path)
        (where / path).unlink(missing_ok=True)
