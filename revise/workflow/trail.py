"""A proposal's audit trail: its branch's commits read from git (`ledger`) and judged (`audit`).

The range of a proposal's history is its branch since it left main. Once published, the branch is
merged into main, so its range is then read from the publication tag: the merge's second parent
(the branch as published) since its first (main before the merge).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from revise.errors import InputError
from revise.workflow import cache, gitstore, ledger, proposal
from revise.workflow.audit import Verdict, audit
from revise.workflow.proposal import file_path

TRAILS = "trails"


def span(root: Path, pid: str, tip: str, main_ref: str, tag_prefix: str) -> tuple[str, str | None]:
    """(tip, exclude): the commits of the proposal's branch are those of `tip` not reachable from `exclude`."""
    tag = f"refs/tags/{tag_prefix}{pid}"
    published = gitstore.rev(root, f"{tag}^2")
    if published and gitstore.is_ancestor(root, published, tip):
        return published, gitstore.rev(root, f"{tag}^1")
    return tip, main_ref


def of(root: Path, pid: str, tip: str, main_ref: str, tag_prefix: str, desk: str | None) -> Verdict:
    """The verdict on one proposal's history, read afresh: its branch, and once published the
    commits on main since the publication that touch its archive record (`revise.workflow.annotate`)."""
    head, exclude = span(root, pid, tip, main_ref, tag_prefix)
    commits = ledger.history(root, head, exclude)
    if exclude != main_ref:  # published: the archive record's later steps are on main
        commits += ledger.history(root, main_ref, f"refs/tags/{tag_prefix}{pid}", path=file_path(pid))
    data = _read_blobs(root, _blobs(commits, pid))
    return audit(pid, commits, data.get, desk)


def of_many(root: Path, tips: dict[str, tuple[str, str]], main_ref: str, desk: str | None) -> dict[str, dict[str, Any]]:
    """`{pid: {"ok", "commit", "reason", "params"}}` for open proposals `{pid: (ref, commit)}`.

    One `git log` reads every branch not judged before. A verdict is kept in `.git/revise/` by the
    branch's commit and the desk's identity: the commits of an open branch since it left main do
    not change while its tip stays (main moving on adds none of them)."""
    known = cache.load(root, TRAILS)
    key = lambda commit: f"{commit} {desk or '-'}"
    todo = {pid: ref for pid, (ref, commit) in tips.items() if key(commit) not in known}
    if todo:
        found = ledger.histories(root, list(todo.values()), main_ref)
        data = _read_blobs(root, {b for pid, ref in todo.items() for b in _blobs(found.get(ref, []), pid)})
        for pid, ref in todo.items():
            verdict = audit(pid, found.get(ref, []), data.get, desk)
            known[key(tips[pid][1])] = summary(verdict)
        cache.save(root, {key(c): known[key(c)] for _r, c in tips.values() if key(c) in known}, TRAILS)
    return {pid: known[key(commit)] for pid, (_ref, commit) in tips.items()}


def summary(verdict: Verdict) -> dict[str, Any]:
    bad = verdict.tampered
    return {"ok": bad is None, "commit": bad.sha if bad else None, "author": bad.author if bad else None,
            "reason": verdict.reason, "params": verdict.params}


def _blobs(commits: list[ledger.Commit], pid: str) -> set[str]:
    """Every version of the proposal file the history names."""
    path = file_path(pid)
    return {b for c in commits if path in c.changes for b in c.changes[path] if set(b) != {"0"}}


def _read_blobs(root: Path, blobs: set[str] | list[str]) -> dict[str, Any]:
    """`{blob: data}` (None when unreadable): from the per-blob cache, the rest in one `cat-file --batch`."""
    known = cache.load(root)
    found = {b: known[b] for b in blobs if b in known}
    missing = sorted(b for b in blobs if b not in known)
    if missing:
        schemas = proposal.schemas_for(root)
        for blob, raw in zip(missing, gitstore.cat_batch(root, missing)):
            try:
                found[blob] = proposal.loads(raw or b"", f"{blob[:10]}:proposal", schemas)
            except InputError:
                found[blob] = None
    return found
