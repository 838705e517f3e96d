"""When each document was last reviewed, read from main's history — never written by hand.

Walking main's first-parent line (one merge commit per publication) over `policies/` and
`proposals/`, oldest first, a document is reviewed:

- when a **publication** changed it: a `publish` merge commit (trailers `Revise-Step: publish`,
  `Revise-Proposal: <ID>`, committed by its author or by the desk for them) that brought the
  archive record `proposals/<ID>.yaml` whose `publication.versions` names the document; a
  published periodic review also counts for its `targets`;
- when a **no-change review** of it was signed off: the same kind of merge commit, whose record
  says `publication: {no_change: true, reviewed: [<DOC>…]}` (`revise publish ID --no-change`);
- otherwise, from the day the file **first appeared on main** (a document added outside the
  procedure, such as the corpus a centre starts with).

The day of a publication is its `publication.at` (the day the committee signed it off, not the
later effective date); the day a file appeared is its commit's date. The record is read as that
merge commit brought it, so a later edit of the archive on main cannot move a review date (it
would make the proposal tampered: `revise status ID`).
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any, NamedTuple

from revise.workflow import cache, gitstore, ledger
from revise.workflow.cache import SCHEMA
from revise.workflow.due import day_of
from revise.corpus.rootdir import POLICY_DIR as POLICIES
from revise.workflow.proposal import ID_RE, PROPOSALS, file_path

SUFFIXES = (".yaml", ".yml")
KEPT = ("id", "state", "source", "targets", "publication")  # what a record's review needs
HISTORY = "reviewlog-history"
FORMAT = 1  # of the history and of what it is derived from: change it with `_compute`


class Review(NamedTuple):
    """A document's last review: the day (ISO), what it was and, unless it was the first
    appearance of the file, the proposal that recorded it."""

    day: str
    how: str                 # "publication" | "no-change" | "added"
    proposal: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"date": self.day, "kind": self.how, "proposal": self.proposal}


class History(NamedTuple):
    """`last`: each document's last review; `added`: the day each first appeared on main (ISO)."""

    last: dict[str, Review]
    added: dict[str, str]


def read(root: Path, main_ref: str, desk: str | None = None, *, cached: bool = True) -> History:
    """The review history of every document that ever appeared on `main_ref` (empty when there is
    no such branch); `desk` is the desk's committer e-mail (org chart), whose commits count too.

    It is a function of main's commit, so the last one computed is kept in `.git/revise/` with the
    commit (and `desk`, the record schema and this module's format) it was computed from; `cached=False`
    computes it afresh and leaves the cache alone (the check's reference path)."""
    tip = gitstore.rev(root, main_ref)
    if tip is None:
        return History({}, {})
    key = f"{FORMAT} {tip} {desk or '-'} {zlib.crc32(SCHEMA.read_bytes()):08x}"
    if cached:
        stored = cache.load(root, HISTORY)
        if stored.get("key") == key:
            return History({doc: Review(*row) for doc, row in stored["last"].items()}, stored["added"])
    history = _compute(root, tip, desk)
    if cached:
        cache.save(root, {"key": key, "last": {doc: list(r) for doc, r in history.last.items()}, "added": history.added},
                   HISTORY)
    return history


def _compute(root: Path, tip: str, desk: str | None) -> History:
    commits = ledger.first_parent(root, tip, [POLICIES, PROPOSALS])
    added: dict[str, str] = {}
    found: dict[str, Review] = {}
    records: list[tuple[ledger.Commit, str, str]] = []
    for commit in commits:
        for path, (old, new) in commit.changes.items():
            if path.startswith(POLICIES + "/") and path.endswith(SUFFIXES) and _zero(old) and not _zero(new):
                doc = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]  # the file's stem (a Path per file costs more)
                if doc not in added:
                    added[doc] = commit.date[:10]
                    found[doc] = Review(added[doc], "added")
        pid = _publication_of(commit, desk)
        if pid:
            records.append((commit, pid, commit.changes[file_path(pid)][1]))
    if records:
        data = _read_records(root, {blob for _c, _p, blob in records})
        for commit, pid, blob in records:
            for doc, review in _reviewed(pid, data.get(blob), commit).items():
                found[doc] = review
    return History(found, added)


def _read_records(root: Path, blobs: set[str]) -> dict[str, Any]:
    """`{blob: the record's id, state, source, targets and publication}` (None when unreadable):
    kept in `.git/revise/` by blob id (exact content; the cache's name carries the proposal schema's
    checksum), the rest read in one `cat-file --batch`, parsed safely and validated."""
    name = f"reviewlog-{zlib.crc32(SCHEMA.read_bytes()):08x}"
    known = cache.load(root, name)
    missing = sorted(b for b in blobs if b not in known)
    if missing:
        from revise.workflow.trail import _read_blobs  # parsed and validated as every proposal file is
        for blob, data in _read_blobs(root, missing).items():
            known[blob] = {k: data[k] for k in KEPT if k in data} if isinstance(data, dict) else None
        cache.save(root, {b: known[b] for b in blobs}, name)
    return {b: known[b] for b in blobs}


def _zero(blob: str) -> bool:
    return set(blob) == {"0"}


def _publication_of(commit: ledger.Commit, desk: str | None) -> str | None:
    """The proposal a commit published: a `publish` merge by its author (or the desk for them)
    that brings the proposal's archive record; None for any other commit."""
    pid = commit.trailers.get("Revise-Proposal", "")
    if commit.step != "publish" or not commit.is_merge or not ID_RE.match(pid) or ledger.DUPLICATE in commit.trailers:
        return None
    if commit.committer != commit.author and not (commit.via and desk and commit.committer == desk.lower()):
        return None
    change = commit.changes.get(file_path(pid))
    return pid if change is not None and not _zero(change[1]) else None


def _reviewed(pid: str, data: object, commit: ledger.Commit) -> dict[str, Review]:
    """The documents a published record reviewed, each with the day and kind of the review."""
    if not isinstance(data, dict) or data.get("id") != pid or data.get("state") != "published":
        return {}
    pub = data.get("publication") or {}
    day = day_of(pub.get("at")) or day_of(commit.date)
    if day is None:
        return {}
    if pub.get("no_change"):
        docs, how = list(pub.get("reviewed") or []), "no-change"
    else:
        docs, how = list(pub.get("versions") or {}), "publication"
        if data.get("source") == "periodic-review":
            docs += [d for d in data.get("targets") or [] if d not in docs]
    return {doc: Review(day.isoformat(), how, pid) for doc in docs if isinstance(doc, str)}
