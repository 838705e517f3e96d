"""Versions in force and coming changes, read from the working tree and its git history.

A document whose `effective_from` is after the build date is published but not yet in force.
Its page shows the version in force: the newest committed version of the same file whose
`effective_from` is on or before that date. The published one is announced with its date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Iterator

from revise.corpus.documents import Corpus, Document
from revise.corpus.yamlsafe import YamlProblem, decode, parse

if TYPE_CHECKING:
    import git


@dataclass
class Edition:
    """The corpus as of one day: what is in force, and what is published but still to come."""

    as_of: date
    in_force: Corpus
    coming: dict[str, Document] = field(default_factory=dict)

    def is_new(self, doc_id: str) -> bool:
        """True when a coming document has no version in force yet."""
        return doc_id in self.coming and doc_id not in self.in_force.by_id


def effective(doc: Document) -> date | None:
    """The `effective_from` date of a document, or None when it is missing or not a date."""
    value = doc.data.get("effective_from")
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def open_repo(root: FsPath) -> git.Repo | None:
    """The git repository holding `root`, or None when there is none (a plain folder builds too)."""
    import git  # imported here: GitPython takes a noticeable time to import, and a corpus in force needs no history

    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None


def edition(corpus: Corpus, as_of: date) -> Edition:
    """Split `corpus` into the versions in force on `as_of` and the coming ones."""
    repo = None
    in_force = Corpus(corpus.root, problems=list(corpus.problems), files=corpus.files)
    result = Edition(as_of, in_force)
    for doc in corpus.documents:
        starts = effective(doc)
        if starts is None or starts <= as_of:
            in_force.add(doc)
            continue
        if doc.id:
            result.coming[doc.id] = doc
        repo = repo or open_repo(corpus.root)
        older = version_in_force(repo, corpus.root, doc.path, as_of) if repo else None
        if older is not None:
            in_force.add(older)
    return result


def version_in_force(repo: git.Repo, root: FsPath, rel: str, as_of: date) -> Document | None:
    """The newest committed version of the file `rel` whose `effective_from` is on or before `as_of`."""
    for doc in committed_versions(repo, root, rel):
        starts = effective(doc)
        if starts is not None and starts <= as_of:
            return doc
    return None


def committed_versions(repo: git.Repo, root: FsPath, rel: str) -> Iterator[Document]:
    """Every committed version of `rel` (relative to `root`) on the checked-out branch's first-parent line
    (a merged proposal branch's drafts were never in force), newest first; unreadable ones skipped."""
    in_repo = _repo_path(repo, root, rel)
    if in_repo is None or not repo.head.is_valid():
        return
    for commit in repo.iter_commits(paths=in_repo, first_parent=True):  # main's own history, not a merged branch's drafts
        try:
            raw = (commit.tree / in_repo).data_stream.read()
            parsed = parse(decode(raw))
        except (KeyError, YamlProblem):
            continue
        if isinstance(parsed.data, dict):
            yield Document(rel, parsed.data, parsed)


def _repo_path(repo: git.Repo, root: FsPath, rel: str) -> str | None:
    try:
        return (root.resolve() / rel).relative_to(FsPath(repo.working_tree_dir).resolve()).as_posix()
    except (TypeError, ValueError):
        return None
