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

from pathlib import Path
from typing import NamedTuple

from revise.workflow import gitstore, ledger
from revise.workflow.due import day_of
from revise.workflow.gates import POLICIES
from revise.workflow.proposal import ID_RE, PROPOSALS, file_path

SUFFIXES = (".yaml", ".yml")


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


def read(root: Path, main_ref: str, desk: str | None = None) -> History:
    """The review history of every document that ever appeared on `main_ref` (empty when there is
    no such branch); `desk` is the desk's committer e-mail (org chart), whose commits count too."""
    tip = gitstore.rev(root, main_ref)
    if tip is None:
        return History({}, {})
    commits = ledger.first_parent(root, tip, [POLICIES, PROPOSALS])
    added: dict[str, str] = {}
    found: dict[str, Review] = {}
    records: list[tuple[ledger.Commit, str, str]] = []
    for commit in commits:
        for path, (old, new) in commit.changes.items():
            if path.startswith(POLICIES + "/") and path.endswith(SUFFIXES) and _zero(old) and not _zero(new):
                doc = Path(path).stem
                if doc not in added:
                    added[doc] = commit.date[:10]
                    found[doc] = Review(added[doc], "added")
        pid = _publication_of(commit, desk)
        if pid:
            records.append((commit, pid, commit.changes[file_path(pid)][1]))
    if records:
        from revise.workflow.trail import _read_blobs  # the per-blob cache of validated proposal files
        data = _read_blobs(root, {blob for _c, _p, blob in records})
        for commit, pid, blob in records:
            for doc, review in _reviewed(pid, data.get(blob), commit).items():
                found[doc] = review
    return History(found, added)


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
