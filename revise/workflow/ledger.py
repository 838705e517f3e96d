"""The history of a proposal branch, read from git: the step commits behind every gate.

A step is one commit on `revise/<ID>` whose author is the person acting and whose trailers name
the step (`Revise-Step`, `Revise-Proposal`, and per step `Revise-Area`, `Revise-Decision`,
`Revise-Pilot`, `Revise-Digest`, `Revise-Via`). This module only reads: each commit's people,
trailers and the paths it changed, with the proposal file's blobs before and after, in one
`git log` for one branch or for many (`--source` tells which branch reached each commit).
What the commits mean is judged by `revise.workflow.audit`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from revise.workflow import gitstore

# one record per commit: fields split by NUL, records by RS; the --raw lines follow each record
_FORMAT = "%x1e%H%x00%P%x00%an%x00%ae%x00%cn%x00%ce%x00%aI%x00%S%x00%s%x00%(trailers:only,unfold)%x00"


@dataclass(slots=True)
class Commit:
    """One commit of a proposal branch: who made it, what it says it is, what it changed."""

    sha: str
    parents: list[str]
    author: str           # e-mail, lower case
    author_name: str
    committer: str        # e-mail, lower case
    date: str             # author date, ISO 8601
    subject: str
    trailers: dict[str, str]
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)  # path → (old blob, new blob)

    @property
    def step(self) -> str:
        return self.trailers.get("Revise-Step", "")

    @property
    def via(self) -> str | None:
        return self.trailers.get("Revise-Via")

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1


def history(root: Path, tip: str, exclude: str | None, path: str | None = None) -> list[Commit]:
    """The commits reachable from `tip` and not from `exclude` (that touch `path`, if given), oldest first."""
    return _log(root, [tip], exclude, path).get(tip, [])


def histories(root: Path, tips: list[str], exclude: str | None) -> dict[str, list[Commit]]:
    """`{tip: commits}` for many branch tips (refs) at once, oldest first; a commit reachable from
    several tips is listed under the first that reached it (proposal branches share none)."""
    return _log(root, tips, exclude)


def first_parent(root: Path, tip: str, paths: list[str]) -> list[Commit]:
    """The commits of `tip`'s first-parent line (main as it moved, one merge per publication) that
    touch `paths`, oldest first; a merge's changes are those it brought, against its first parent."""
    args = ["-c", "core.quotePath=off", "log", "--first-parent", "--reverse", "--raw", "--no-renames", "--no-abbrev",
            "--diff-merges=first-parent", f"--format={_FORMAT}", tip, "--", *paths]
    return [_parse(record)[1] for record in gitstore.git(root, *args).split("\x1e")[1:]]


def _log(root: Path, tips: list[str], exclude: str | None, path: str | None = None) -> dict[str, list[Commit]]:
    if not tips:
        return {}
    args = ["-c", "core.quotePath=off", "log", "--topo-order", "--reverse", "--raw", "--no-renames", "--no-abbrev",
            "--diff-merges=first-parent", "--source", f"--format={_FORMAT}", *tips]
    if exclude:
        args += ["--not", exclude]
    out = gitstore.git(root, *args, "--", *([path] if path else []))
    found: dict[str, list[Commit]] = {tip: [] for tip in tips}
    for record in out.split("\x1e")[1:]:
        source, commit = _parse(record)
        found.setdefault(source, []).append(commit)
    return found


def _parse(record: str) -> tuple[str, Commit]:
    head, _, raw = record.rpartition("\x00")
    sha, parents, an, ae, _cn, ce, date, source, subject, trailers = head.split("\x00")
    commit = Commit(sha, parents.split(), ae.lower(), an, ce.lower(), date, subject, _trailers(trailers))
    for line in raw.splitlines():
        if line.startswith(":"):
            meta, _, path = line.partition("\t")
            fields = meta.split()
            commit.changes[path] = (fields[2], fields[3])
    return source, commit


DUPLICATE = "Revise-Duplicate"  # set when a trailer key appears twice (no step writes one twice)


def _trailers(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        key = key.strip()
        if sep and key.startswith("Revise-"):
            if key in found:
                found[DUPLICATE] = key
            found.setdefault(key, value.strip())
    return found
