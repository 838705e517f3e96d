"""Reading policy files straight out of git: trees listed with `ls-tree`, blobs in one `cat-file --batch`.

The plumbing is the workflow's (`revise.workflow.gitstore`); this module adds the policy view.

Nothing is checked out; a revision's documents are parsed from their blobs with the safe loader.
"""

from __future__ import annotations

from pathlib import Path as FsPath

from revise.corpus.documents import MAX_FILE_BYTES, POLICY_DIR, SUFFIXES, Document
from revise.corpus.yamlsafe import YamlProblem, decode, parse
from revise.errors import InputError, UsageError
from revise.messages import t
from revise.review.semdiff.cache import ParseCache
from revise.workflow import gitstore


def resolve(root: FsPath, rev: str) -> str:
    """The commit id of `rev`; `UsageError` naming it when it is not a commit of this repository."""
    commit = None if rev.startswith("-") else gitstore.rev(root, rev)
    if commit is None:
        if not gitstore.is_repo(root):
            raise UsageError(t("diff.not-a-repo", path=root))
        raise UsageError(t("diff.unknown-rev", rev=rev), t("diff.unknown-rev.hint"))
    return commit


def policy_blobs(root: FsPath, commit: str) -> dict[str, str]:
    """`{path: blob id}` of every YAML file under policies/ at `commit`."""
    out = gitstore.git_bytes(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", POLICY_DIR)
    found: dict[str, str] = {}
    for entry in out.split(b"\0"):
        if not entry:
            continue
        meta, _, path = entry.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        name = path.decode("utf-8", "surrogateescape")
        if kind == "blob" and name.endswith(SUFFIXES) and mode != "120000":
            found[name] = sha
    return found


def read_blobs(root: FsPath, shas: list[str]) -> dict[str, bytes]:
    """The contents of many blobs, read in one `git cat-file --batch`."""
    unique = list(dict.fromkeys(shas))
    found = dict(zip(unique, gitstore.cat_batch(root, unique)))
    missing = [sha for sha, data in found.items() if data is None]
    if missing:
        raise InputError(t("diff.git-failed", command="cat-file", error=f"{missing[0]} missing"))
    return found  # type: ignore[return-value]


def parse_document(label: str, path: str, raw: bytes) -> Document:
    """A document parsed from a blob; `InputError` naming `label:path:line:col` when it cannot be read."""
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(t("diff.unreadable", where=f"{label}:{path}:1:1", problem=t("file-too-large", size=len(raw), limit=MAX_FILE_BYTES)),
                         t("file-too-large.hint"))
    try:
        parsed = parse(decode(raw))
    except YamlProblem as exc:
        where = f"{label}:{path}:{exc.line}:{exc.column}"
        raise InputError(t("diff.unreadable", where=where, problem=exc.message), exc.hint or None) from None
    if not isinstance(parsed.data, dict):
        raise InputError(t("diff.unreadable", where=f"{label}:{path}:1:1", problem=t("yaml-root", found=t("type.array"))),
                         t("yaml-root.hint"))
    return Document(path, parsed.data, parsed)


def parse_many(label: str, raw: dict[str, bytes]) -> dict[str, Document]:
    """`{path: document}` for many files; `InputError` for the first that cannot be read."""
    return {path: parse_document(label, path, data) for path, data in raw.items()}


class Tree:
    """The policy files of one commit; blobs are read in batches and parsed on demand."""

    def __init__(self, root: FsPath, commit: str, label: str) -> None:
        self.root, self.commit, self.label = root, commit, label
        self.blobs = policy_blobs(root, commit)
        self.cache = ParseCache.for_repo(root)
        self._raw: dict[str, bytes] = {}
        self._docs: dict[str, Document] = {}

    def raw(self, paths: list[str]) -> dict[str, bytes]:
        """`{path: contents}` for `paths`, read in one batch."""
        missing = [self.blobs[p] for p in paths if self.blobs[p] not in self._raw]
        self._raw.update(read_blobs(self.root, missing))
        return {p: self._raw[self.blobs[p]] for p in paths}

    def documents(self, paths: list[str]) -> list[Document]:
        """The documents at `paths`, parsed (or from the parse cache); `InputError` for the first that cannot be read."""
        todo = []
        for path in paths:
            if path not in self._docs:
                cached = self.cache.get(self.blobs[path])
                if cached is None:
                    todo.append(path)
                else:
                    self._docs[path] = Document(path, cached.data, cached)  # type: ignore[arg-type]
        for path, doc in parse_many(self.label, self.raw(todo)).items():
            self._docs[path] = doc
            self.cache.put(self.blobs[path], doc.parsed)
        return [self._docs[p] for p in paths]

    def containing(self, needles: list[str]) -> list[Document]:
        """Every document whose text mentions one of `needles` (a byte search of every blob before parsing)."""
        encoded = [n.encode("utf-8") for n in needles]
        raw = self.raw(sorted(self.blobs))
        return self.documents([p for p, data in raw.items() if any(n in data for n in encoded)])

    def in_folder(self, folder: str) -> list[Document]:
        return self.documents(sorted(p for p in self.blobs if p.startswith(f"{POLICY_DIR}/{folder}/")))
