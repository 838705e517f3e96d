"""Finding proposals on branches and committing steps to them.

A proposal lives on `refs/heads/revise/<ID>` (or, read-only, on a remote-tracking branch
`refs/remotes/<remote>/revise/<ID>`). Reading never checks anything out: many files are read
in one `git cat-file --batch`. A step is one commit made with plumbing and published with a
compare-and-swap ref update, so it either happens whole or not at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from revise.errors import GateError, InputError, UsageError
from revise.messages import t
from revise.workflow import cache, gitstore, proposal
from revise.workflow.proposal import branch_name, check_id, file_path

LOCAL = "refs/heads/revise/"
REMOTES = "refs/remotes/"


class RefMoved(GateError):
    """Raised when the branch moved while a step was being made (someone else acted first)."""


class PushRejected(GateError):
    """Raised when the remote refuses the branch (it has commits we do not have)."""


class Located(NamedTuple):
    """A proposal's data and where it was read: the full ref and its commit."""

    pid: str
    ref: str
    commit: str
    data: dict[str, Any]
    local_tip: str | None = None  # where the local branch was when read: a step moves it only from there

    @property
    def local(self) -> bool:
        return self.ref.startswith(LOCAL)

    @property
    def branch(self) -> str:
        return self.ref.removeprefix("refs/heads/").removeprefix(REMOTES)


def fetch(root: Path, remote: str, pid: str | None = None) -> None:
    """Update the remote-tracking `revise/*` branches (or just one) from `remote`."""
    _check_remote(root, remote)
    spec = pid and branch_name(pid)
    refspec = f"+refs/heads/{spec}:refs/remotes/{remote}/{spec}" if spec else f"+refs/heads/revise/*:refs/remotes/{remote}/revise/*"
    try:
        gitstore.git(root, "fetch", "--quiet", "--prune", "--no-tags", remote, refspec)
    except gitstore.GitFailed as exc:
        if not (spec and "couldn't find remote ref" in exc.stderr):
            raise  # a branch not yet on the remote is read from here (the step pushes it)


def _check_remote(root: Path, remote: str) -> None:
    names = gitstore.git(root, "remote").split()
    if remote not in names:
        raise UsageError(t("wf.unknown-remote", remote=remote, known=", ".join(names) or "-"))


def branch_refs(root: Path, *also: str) -> list[tuple[str, str]]:
    """(ref, commit) of every local `revise/*` branch and every remote-tracking branch, in one call
    (with the refs matching `also` as well; `candidates` passes over those)."""
    return gitstore.refs(root, "refs/heads/revise/", "refs/remotes/", *also)


def candidates(root: Path, refs: list[tuple[str, str]] | None = None) -> dict[str, list[tuple[str, str]]]:
    """`{id: [(ref, commit), ...]}` over local and remote-tracking `revise/*` branches, local first.

    `refs` is `branch_refs(root)` when the caller has already read it."""
    found: dict[str, list[tuple[str, str]]] = {}
    for ref, commit in branch_refs(root) if refs is None else refs:
        if "/revise/" not in ref:
            continue
        pid = ref.rsplit("/", 1)[-1]
        if proposal.ID_RE.match(pid) and (ref.startswith(LOCAL) or ref.endswith(f"/revise/{pid}")):
            found.setdefault(pid, []).append((ref, commit))
    for rows in found.values():
        rows.sort(key=lambda row: not row[0].startswith(LOCAL))
    return found


def _archived(root: Path, pid: str) -> list[tuple[str, str]]:
    """Main, when its revision archive holds the proposal (its branch may have been deleted)."""
    from revise.workflow import config
    ref = f"refs/heads/{config.load(root).main_branch}"
    commit = gitstore.rev(root, ref)
    return [(ref, commit)] if commit and gitstore.show(root, commit, file_path(pid)) is not None else []


def _pick(root: Path, rows: list[tuple[str, str]]) -> tuple[str, str]:
    """The local branch, unless a remote-tracking one is strictly ahead of it."""
    best = rows[0]
    for ref, commit in rows[1:]:
        if commit != best[1] and gitstore.is_ancestor(root, best[1], commit):
            best = (ref, commit)
    return best


def locate(root: Path, pid: str, remote: str | None = None) -> Located:
    """The proposal `pid` from its branch (local, else remote); `UsageError` when there is none."""
    check_id(pid)
    if remote:
        fetch(root, remote, pid)
    rows = candidates(root).get(pid) or _archived(root, pid)
    if not rows:
        raise UsageError(t("wf.unknown-proposal", id=pid), t("wf.unknown-proposal.hint"))
    ref, commit = _pick(root, rows)
    raw = gitstore.show(root, commit, file_path(pid))
    if raw is None:
        raise InputError(t("wf.no-proposal-file", id=pid, branch=ref))
    local_tip = next((c for r, c in rows if r == f"{LOCAL}{pid}"), None)
    return Located(pid, ref, commit, proposal.loads(raw, f"{ref.removeprefix('refs/heads/')}:{file_path(pid)}",
                                                   proposal.schemas_for(root)), local_tip)


def all_located(root: Path, remote: str | None = None, refs: list[tuple[str, str]] | None = None,
                ) -> tuple[list[Located], list[tuple[str, str, str]]]:
    """Every proposal on every branch, and (id, branch, error) for files that could not be read.

    Files are found by blob id in one `cat-file --batch-check`; a blob already read and validated
    (by this same schema) comes from the cache in `.git/revise/`, the others are read in one
    `cat-file --batch`, parsed safely and validated. `refs`: `branch_refs(root)`, already read
    (after any fetch) by the caller.
    """
    if remote:
        fetch(root, remote)
    picked = [(pid, *_pick(root, rows)) for pid, rows in sorted(candidates(root, refs).items())]
    blob_ids = gitstore.object_ids(root, [f"{commit}:{file_path(pid)}" for pid, _ref, commit in picked])
    known = cache.load(root)
    missing = sorted({b for b in blob_ids if b and b not in known})
    fresh = dict(zip(missing, gitstore.cat_batch(root, missing)))
    schemas = proposal.schemas_for(root) if fresh else None
    good: list[Located] = []
    bad: list[tuple[str, str, str]] = []
    for (pid, ref, commit), blob in zip(picked, blob_ids):
        short = ref.removeprefix("refs/heads/").removeprefix(REMOTES)
        if blob is None:
            bad.append((pid, short, t("wf.no-proposal-file", id=pid, branch=short)))
            continue
        if blob not in known:
            try:
                known[blob] = proposal.loads(fresh[blob] or b"", f"{short}:{file_path(pid)}", schemas)
            except InputError as exc:
                bad.append((pid, short, exc.message))
                continue
        good.append(Located(pid, ref, commit, known[blob]))
    if fresh:
        cache.save(root, {b: known[b] for b in blob_ids if b in known})
    return good, bad


def archived_ids(root: Path, main: str) -> set[str]:
    """Ids of proposals archived in `proposals/` on main."""
    if not gitstore.rev(root, f"refs/heads/{main}"):
        return set()
    return {Path(path).stem for path, _ in gitstore.ls_tree(root, f"refs/heads/{main}", proposal.PROPOSALS)}


def message(step: str, pid: str, summary: str, trailers: dict[str, str] | None = None) -> str:
    """A step commit's message: a one-line summary, then the `Revise-Step` and other trailers."""
    lines = [f"revise {step} {pid}: {summary}".replace("\n", " ")[:200], ""]
    lines.append(f"Revise-Step: {step}")
    lines.append(f"Revise-Proposal: {pid}")
    for key, value in (trailers or {}).items():
        lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n"


def commit(root: Path, pid: str, parent: str | None, files: dict[str, bytes | None], msg: str, *,
           sign: bool, verify: Any = None, expect: str | None = None, actor: gitstore.Author | None = None) -> str:
    """Commit `files` on top of `parent` and move `revise/<pid>` from `expect` to the new commit.

    `verify(commit)` may refuse the commit before any ref moves. If the branch is checked out
    in a working tree, that tree's copy of the proposal file is brought up to date.
    """
    tree = gitstore.build_tree(root, parent, files)
    new = gitstore.commit_tree(root, tree, [parent] if parent else [], msg, sign=sign, actor=actor)
    if verify is not None:
        verify(new)
    ref = f"{LOCAL}{pid}"
    try:
        gitstore.update_refs(root, [(ref, new, expect)])
    except gitstore.GitFailed:
        raise RefMoved(t("wf.concurrent", id=pid)) from None
    sync_worktree(root, ref, new, list(files))
    return new


def sync_worktree(root: Path, ref: str, new: str, paths: list[str]) -> None:
    """Where `ref` is checked out, make `paths` in that working tree and index match commit `new`."""
    where = gitstore.worktree_heads(root).get(ref)
    if where is not None:
        gitstore.git(where, "checkout", new, "--", *paths)


def push_or_undo(root: Path, remote: str, pid: str, new: str, old: str | None, paths: list[str]) -> None:
    """Push the step just committed; when the remote refuses it, take the step back here too
    (the branch returns to `old`, or goes when it is new), so a failed step leaves nothing behind."""
    try:
        push(root, remote, pid)
    except PushRejected:
        ref = f"{LOCAL}{pid}"
        gitstore.update_refs(root, [(ref, old, new)])
        if old:
            sync_worktree(root, ref, old, paths)
        raise


def push(root: Path, remote: str, pid: str) -> None:
    """Push `revise/<pid>` to `remote` (a fast-forward; never forced)."""
    spec = f"refs/heads/{branch_name(pid)}"
    try:
        gitstore.git(root, "push", "--quiet", remote, f"{spec}:{spec}")
    except gitstore.GitFailed as exc:
        raise PushRejected(t("wf.push-failed", remote=remote, id=pid, error=gitstore.remote_reason(exc.stderr)),
                        t("wf.push-failed.hint", remote=remote, id=pid)) from None
