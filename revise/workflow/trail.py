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
    """The verdict on one proposal's history, read afresh."""
    head, exclude = span(root, pid, tip, main_ref, tag_prefix)
    commits = ledger.history(root, head, exclude)
    return audit(pid, commits, _reader(root, commits, pid), desk)


def of_many(root: Path, tips: dict[str, tuple[str, str]], main_ref: str, desk: str | None) -> dict[str, dict[str, Any]]:
    """`{pid: {"ok", "commit", "reason", "params"}}` for open proposals `{pid: (ref, commit)}`.

    One `git log` reads every branch not judged before; a verdict is kept in `.git/revise/` by the
    branch's commit, main's commit and the desk's identity (what it depends on)."""
    main = gitstore.rev(root, main_ref) or ""
    known = cache.load(root, TRAILS)
    key = lambda commit: f"{commit} {main} {desk or '-'}"
    todo = {pid: ref for pid, (ref, commit) in tips.items() if key(commit) not in known}
    if todo:
        found = ledger.histories(root, list(todo.values()), main_ref)
        for pid, ref in todo.items():
            commits = found.get(ref, [])
            verdict = audit(pid, commits, _reader(root, commits, pid), desk)
            known[key(tips[pid][1])] = summary(verdict)
        cache.save(root, {key(c): known[key(c)] for _r, c in tips.values() if key(c) in known}, TRAILS)
    return {pid: known[key(commit)] for pid, (_ref, commit) in tips.items()}


def summary(verdict: Verdict) -> dict[str, Any]:
    bad = verdict.tampered
    return {"ok": bad is None, "commit": bad.sha if bad else None, "author": bad.author if bad else None,
            "reason": verdict.reason, "params": verdict.params}


def _reader(root: Path, commits: list[ledger.Commit], pid: str):
    """`read(blob)`: the proposal file's data at each blob the history names (None when unreadable)."""
    path = file_path(pid)
    blobs = sorted({b for c in commits if path in c.changes for b in c.changes[path] if set(b) != {"0"}})
    known = cache.load(root)
    missing = [b for b in blobs if b not in known]
    fresh: dict[str, Any] = {}
    if missing:
        schemas = proposal.schemas_for(root)
        for blob, raw in zip(missing, gitstore.cat_batch(root, missing)):
            try:
                fresh[blob] = proposal.loads(raw or b"", f"{blob[:10]}:{path}", schemas)
            except InputError:
                fresh[blob] = None
    return lambda blob: fresh[blob] if blob in fresh else known.get(blob)
