"""Which clauses changed since a git revision: each unit's data at REV against the working tree.

Units are matched by document id and clause id (a clause that moved inside its document is
not a change); document-level fields count as units `@field`. A document or clause that did
not exist at REV is changed. Files are read from git objects with the safe YAML loader.
"""

from __future__ import annotations

import subprocess
from pathlib import Path as FsPath
from typing import Any

from revise.corpus.documents import POLICY_DIR, SUFFIXES, Corpus, Document
from revise.corpus.yamlsafe import YamlProblem, decode, parse
from revise.errors import UsageError
from revise.messages import t
from revise.quiz.model import clause_map, data_hash, unit_data


def units_of(doc: Document) -> dict[str, Any]:
    """Every unit of a document and its data: each clause id, and `@field` for each top-level field."""
    clauses = clause_map(doc)
    units: dict[str, Any] = {f"@{key}": value for key, value in doc.data.items()}
    units.update({cid: unit_data(doc.data, clauses, cid) for cid in clauses})
    return units


def documents_at(root: FsPath, rev: str) -> dict[str, Document]:
    """The policy documents as they were at `rev`, by id. Raises UsageError for a bad repo or rev.

    GitPython resolves the revision; the files are then listed with one `git ls-tree` and read
    with one `git cat-file --batch` (one process for all blobs, not one per file).
    """
    import git  # imported here: GitPython takes a noticeable time to import and only --since needs it

    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as exc:
        raise UsageError(t("quiz.since-no-git", path=root)) from exc
    try:
        commit = repo.commit(rev)
    except (git.BadName, git.BadObject, ValueError) as exc:
        raise UsageError(t("quiz.since-bad-rev", rev=rev), t("quiz.since-bad-rev.hint")) from exc
    top = FsPath(repo.working_tree_dir or root).resolve()
    prefix = (FsPath(root).resolve().relative_to(top) / POLICY_DIR).as_posix()
    listing = _git(top, ["ls-tree", "-r", "-z", commit.hexsha, "--", prefix])
    blobs: list[tuple[str, str]] = []
    for entry in filter(None, listing.split(b"\0")):
        meta, _, raw_path = entry.partition(b"\t")
        _mode, kind, object_id = meta.split()
        name = raw_path.decode("utf-8", "replace")
        if kind == b"blob" and name.endswith(SUFFIXES):
            blobs.append((object_id.decode(), name))
    found: dict[str, Document] = {}
    for (_, path), raw in zip(blobs, _cat_blobs(top, [object_id for object_id, _ in blobs]), strict=True):
        try:
            parsed = parse(decode(raw))
        except YamlProblem:
            continue
        if isinstance(parsed.data, dict) and isinstance(parsed.data.get("id"), str):
            found.setdefault(parsed.data["id"], Document(path, parsed.data, parsed))
    return found


def _git(cwd: FsPath, args: list[str], stdin: bytes | None = None) -> bytes:
    return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=True).stdout


def _cat_blobs(cwd: FsPath, shas: list[str]) -> list[bytes]:
    """The contents of `shas`, read by one `git cat-file --batch`."""
    if not shas:
        return []
    out = _git(cwd, ["cat-file", "--batch"], ("\n".join(shas) + "\n").encode())
    blobs, pos = [], 0
    for _ in shas:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        blobs.append(out[header_end + 1: header_end + 1 + size])
        pos = header_end + 1 + size + 1
    return blobs


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
