"""The policy corpus: every document under `policies/`, read in one pass and indexed.

A `Document` keeps its plain data and where every value came from, so any later step can
point at a file, line and column. The `Corpus` indexes documents by id and the clauses of
each document (every item that carries its own `id`) by `DOC-ID#clause-id`.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, Iterator

from revise.corpus.rootdir import POLICY_DIR, SUFFIXES, find_root  # noqa: F401  (part of this module's API)
from revise.corpus.yamlsafe import Parsed, Path, YamlProblem, decode, field_path, parse
from revise.messages import t
from revise.problems import Problem

MAX_FILE_BYTES = 1024 * 1024  # the largest shipped document is ~15 KB; a policy file of 1 MB is a mistake


@dataclass(slots=True)
class Document:
    """One policy document: where it lives, its data and the positions of its values."""

    path: str
    data: dict[str, Any]
    parsed: Parsed
    flat: bytes | None = None  # the values as one UTF-8 JSON text, if the reader made one (see `flat_bytes`)
    _clauses: list[tuple[str, Path, dict[str, Any]]] | None = field(default=None, repr=False, compare=False)

    @property
    def id(self) -> str | None:
        value = self.data.get("id")
        return value if isinstance(value, str) else None

    @property
    def kind(self) -> str | None:
        value = self.data.get("kind")
        return value if isinstance(value, str) else None

    @property
    def title(self) -> str:
        return str(self.data.get("title") or self.id or self.path)

    def flat_bytes(self) -> bytes:
        """Every value of the document in one UTF-8 JSON text, for a rule to search at C speed
        before it walks the values: the fast reader's own, else encoded now."""
        if self.flat is None:
            self.flat = json.dumps(self.data, ensure_ascii=False, default=str).encode("utf-8")
        return self.flat

    def where(self, path: Path) -> tuple[int, int]:
        return self.parsed.where(path)

    def where_key(self, path: Path) -> tuple[int, int]:
        return self.parsed.where_key(path)

    def problem(self, rule: str, path: Path, message: str, hint: str = "", *, key: bool = False) -> Problem:
        """A `Problem` located at the value (or, with `key=True`, the key) at `path` in this document
        (its severity is the rule's, set by `revise.check.selection` from the rule registry)."""
        line, column = self.where_key(path) if key else self.where(path)
        return Problem(rule, self.path, line, column, message, field_path(path), hint)

    def clauses(self) -> list[tuple[str, Path, dict[str, Any]]]:
        """(clause id, path, item) for every item of this document that carries its own id (found
        once: a document's data is not changed once read)."""
        if self._clauses is None:
            self._clauses = [found for list_path in CLAUSE_LISTS.get(self.kind or "", ())
                             for found in _items_at(self.data, (), list_path)]
        return self._clauses


# Where the id-bearing items ("clauses") of each kind live: a key names a list, the next key a list
# inside each of its items; `**` is "this list and the same key nested inside its items" (scorecard items).
CLAUSE_LISTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "standard": (("clauses",),),
    "script": (("steps",),),
    "emergency-plan": (("triggers",), ("levels",), ("phases",), ("phases", "actions")),
    "procedure": (("steps",),),
    "scorecard": (("items", "**"),),
    "org-chart": (("roles",),),
}


def _items_at(node: Any, path: Path, pattern: tuple[str, ...]) -> Iterator[tuple[str, Path, dict[str, Any]]]:
    if not pattern:
        return
    head, rest = pattern[0], pattern[1:]
    if not isinstance(node, dict):
        return
    items = node.get(head)
    if not isinstance(items, list):
        return
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        if not rest or rest == ("**",):
            if isinstance(item.get("id"), str):
                yield item["id"], path + (head, i), item
            if rest == ("**",):
                yield from _items_at(item, path + (head, i), (head, "**"))
        else:
            yield from _items_at(item, path + (head, i), rest)


@dataclass(slots=True)
class Corpus:
    """All documents of a policy repository, indexed; `problems` holds what could not be read."""

    root: FsPath
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    by_id: dict[str, Document] = field(default_factory=dict, init=False)
    by_path: dict[str, Document] = field(default_factory=dict, init=False)
    by_kind: dict[str, list[Document]] = field(default_factory=dict, init=False)

    def add(self, doc: Document) -> None:
        self.documents.append(doc)
        self.by_path[doc.path] = doc
        self.by_kind.setdefault(doc.kind, []).append(doc)
        if doc.id and doc.id not in self.by_id:
            self.by_id[doc.id] = doc

    def of_kind(self, kind: str) -> list[Document]:
        """The documents of `kind`, in reading order (a new list: indexed when added, not scanned)."""
        return list(self.by_kind.get(kind, ()))

    @property
    def org(self) -> Document | None:
        charts = self.of_kind("org-chart")
        return charts[0] if charts else None

    def roles(self) -> dict[str, dict[str, Any]]:
        """`{role id: role}` from the org chart (empty when there is none)."""
        org = self.org
        roles = org.data.get("roles") if org else None
        return {r["id"]: r for r in roles or [] if isinstance(r, dict) and isinstance(r.get("id"), str)}

    def clause_index(self, doc_id: str) -> dict[str, Path]:
        doc = self.by_id.get(doc_id)
        return {cid: path for cid, path, _ in doc.clauses()} if doc else {}

    def resolve(self, ref: str) -> tuple[Document | None, Path | None]:
        """The document and clause path of `DOC` or `DOC#clause`; None parts where they do not exist."""
        doc_id, _, clause = ref.partition("#")
        doc = self.by_id.get(doc_id)
        if doc is None or not clause:
            return doc, () if doc else None
        return doc, self.clause_index(doc_id).get(clause)


def policy_files(root: FsPath) -> list[FsPath]:
    """Every YAML file under `root/policies`, sorted; symlinks are listed, not followed."""
    found: list[FsPath] = []
    for folder, dirs, files in os.walk(root / POLICY_DIR):
        dirs.sort()
        found.extend(FsPath(folder) / name for name in sorted(files) if name.endswith(SUFFIXES))
    return found


def read_document(root: FsPath, file: FsPath) -> Document | Problem:
    """Read one file safely. Any failure is returned as a `Problem` naming the file and line."""
    rel = relative(root, file)
    raw = read_bytes(root, file, rel)
    return raw if isinstance(raw, Problem) else parse_document(rel, raw)


def read_bytes(root: FsPath, file: FsPath | str, rel: str | None = None) -> bytes | Problem:
    """The bytes of a policy file, or a `Problem`: outside the root, too large, not a file, unreadable."""
    raw = _read_regular(file)
    if raw is not None:
        return raw
    file = FsPath(file)
    rel = rel or relative(root, file)
    try:
        real = file.resolve() if file.is_symlink() else file  # os.walk never enters linked folders
        if real is not file and not real.is_relative_to(root.resolve()):
            return Problem("file-outside-root", rel, 1, 1, t("file-outside-root", target=str(real)), hint=t("file-outside-root.hint"))
        info = real.stat()
        if not stat.S_ISREG(info.st_mode):
            return Problem("file-not-regular", rel, 1, 1, t("file-not-regular"), hint=t("file-not-regular.hint"))
        if info.st_size > MAX_FILE_BYTES:
            return Problem("file-too-large", rel, 1, 1, t("file-too-large", size=info.st_size, limit=MAX_FILE_BYTES), hint=t("file-too-large.hint"))
        with open(real, "rb") as handle:  # read at most one byte past the limit, whatever stat said
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return Problem("file-unreadable", rel, 1, 1, t("file-unreadable", reason=exc.strerror or str(exc)), hint=t("file-unreadable.hint"))
    if len(raw) > MAX_FILE_BYTES:
        return Problem("file-too-large", rel, 1, 1, t("file-too-large", size=len(raw), limit=MAX_FILE_BYTES), hint=t("file-too-large.hint"))
    return raw


_PLAIN_OPEN = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def _read_regular(file: FsPath | str) -> bytes | None:
    """The bytes of `file` if it is a regular file (not a link: opening one fails) within the size
    limit, read with three system calls; None for anything else, which `read_bytes` then explains.
    Without blocking: a named pipe is opened, seen not to be a file, and closed."""
    if not getattr(os, "O_NOFOLLOW", 0):
        return None  # pragma: no cover - no way to refuse links while opening on this system
    try:
        fd = os.open(file, _PLAIN_OPEN)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None
        chunks = []
        left = MAX_FILE_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, max(info.st_size + 1, 65536)))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        raw = b"".join(chunks)
        return raw if len(raw) <= MAX_FILE_BYTES else None
    except OSError:
        return None
    finally:
        os.close(fd)


def parse_document(rel: str, raw: bytes) -> Document | Problem:
    """The document in `raw` (the bytes of the file at `rel`), or the `Problem` that stops reading it."""
    try:
        parsed = parse(decode(raw))
    except YamlProblem as exc:
        return Problem(exc.rule, rel, exc.line, exc.column, exc.message, exc.field, exc.hint)
    if not isinstance(parsed.data, dict):
        found = t("type.array") if isinstance(parsed.data, list) else t("type.string")
        return Problem("yaml-root", rel, 1, 1, t("yaml-root", found=found), hint=t("yaml-root.hint"))
    return Document(rel, parsed.data, parsed)


def load(root: FsPath, files: list[FsPath] | None = None) -> Corpus:
    """Read every policy file of the repository at `root` (or just `files`) into a `Corpus`."""
    corpus = Corpus(root)
    for file in files if files is not None else policy_files(root):
        corpus.files += 1
        result = read_document(root, file)
        if isinstance(result, Problem):
            corpus.problems.append(result)
        else:
            corpus.add(result)
    return corpus


def relative(root: FsPath, file: FsPath) -> str:
    """`file` relative to `root`, with forward slashes (as problems and the cache name files)."""
    try:
        return file.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return file.as_posix()
