"""Which clauses changed since a git revision: each unit's data at REV against the working tree.

Units are matched by document id and clause id (a clause that moved inside its document is
not a change); document-level fields count as units `@field`. A document or clause that did
not exist at REV is changed. Files are read from git objects with the safe YAML loader.
"""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import Any

from revise.corpus import POLICY_DIR, SUFFIXES, Corpus, Document
from revise.errors import UsageError
from revise.messages import t
from revise.quiz.model import clause_map, data_hash, unit_data
from revise.yamlsafe import YamlProblem, decode, parse


def units_of(doc: Document) -> dict[str, Any]:
    """Every unit of a document and its data: each clause id, and `@field` for each top-level field."""
    clauses = clause_map(doc)
    units: dict[str, Any] = {f"@{key}": value for key, value in doc.data.items()}
    units.update({cid: unit_data(doc.data, clauses, cid) for cid in clauses})
    return units


def documents_at(root: FsPath, rev: str) -> dict[str, Document]:
    """The policy documents as they were at `rev`, by id. Raises UsageError for a bad repo or rev."""
    import git  # imported here: GitPython takes a noticeable time to import and only --since needs it

    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as exc:
        raise UsageError(t("quiz.since-no-git", path=root)) from exc
    try:
        commit = repo.commit(rev)
    except (git.BadName, git.BadObject, ValueError) as exc:
        raise UsageError(t("quiz.since-bad-rev", rev=rev), t("quiz.since-bad-rev.hint")) from exc
    prefix = FsPath(root).resolve().relative_to(FsPath(repo.working_tree_dir or root).resolve()) / POLICY_DIR
    try:
        tree = commit.tree / prefix.as_posix() if prefix.as_posix() != "." else commit.tree
    except KeyError:
        return {}
    found: dict[str, Document] = {}
    for blob in tree.traverse():
        if blob.type != "blob" or not blob.path.endswith(SUFFIXES):
            continue
        try:
            parsed = parse(decode(blob.data_stream.read()))
        except YamlProblem:
            continue
        if isinstance(parsed.data, dict) and isinstance(parsed.data.get("id"), str):
            found.setdefault(parsed.data["id"], Document(blob.path, parsed.data, parsed))
    return found


def changed_units(corpus: Corpus, rev: str) -> dict[str, set[str]]:
    """{document id: units whose data differ from `rev`} for the documents of the working tree."""
    before = documents_at(corpus.root, rev)
    changed: dict[str, set[str]] = {}
    for doc in corpus.documents:
        if not doc.id:
            continue
        now = units_of(doc)
        old = units_of(before[doc.id]) if doc.id in before else {}
        diff = {u for u, data in now.items() if u not in old or data_hash([old[u]]) != data_hash([data])}
        if diff:
            changed[doc.id] = diff
    return changed


def count(changed: dict[str, set[str]]) -> int:
    """How many clauses (not document fields) changed."""
    return sum(1 for units in changed.values() for u in units if not u.startswith("@"))
