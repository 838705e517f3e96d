"""What `mkdocs serve` keeps from one assembly of the handbook to the next.

After an edit, `mkdocs serve` assembles the whole handbook again. With 2,000 documents, reading
every policy file, writing every document page's Markdown and generating the self-check quizzes
take seconds; an edit changes one file. `Reuse` lives as long as the serve session and keeps:

- each policy file's size, modification time and bytes, and what was read from them: an unchanged
  file is not read (nor parsed) again;
- each document page's and listing page's Markdown, with the objects it shows (a document, the rows
  of a list) and a digest of everything else the pages show (`surroundings`: the schemas' labels,
  where every document, clause and role is, the coming versions): the same objects in the same
  surroundings give the same page;
- what each document asks of each role (for the role pages);
- the pages of the other providers (quizzes, compliance) for the corpus they were made from. After
  an edit the previous ones are used at once and new ones are made in a background thread once the
  build is done; when they are ready, `fresh` is called (the plugin touches a watched file: one
  more rebuild shows them).
"""

from __future__ import annotations

import hashlib
import stat
import threading
from pathlib import Path
from typing import Any, Callable

from revise.corpus.documents import Corpus, Document, parse_document, policy_files, read_bytes, relative
from revise.handbook.extra import ExtraPage, collect
from revise.problems import Problem


class Reuse:
    """The serve session's memory of the previous assembly (see the module docstring)."""

    def __init__(self, fresh: Callable[[], None] | None = None) -> None:
        self.files: dict[str, tuple[tuple[int, int], bytes, Document | Problem]] = {}  # path -> ((size, mtime), bytes, read)
        self._digests: dict[str, tuple[bytes, bytes]] = {}  # path -> (digest of its bytes, the bytes)
        self.pages: dict[str, tuple[tuple[Any, ...], str, str]] = {}
        self.roles: dict[tuple[str, str, str], tuple[Document, str, Any]] = {}
        self.surroundings = ""  # set by each assembly
        self.parsed = self.kept = 0  # files parsed and pages kept by the latest assembly
        self.fresh = fresh
        self._extras: tuple[str, list[ExtraPage]] | None = None
        self._making: str | None = None  # the corpus digest a background thread is making extras for
        self._error: BaseException | None = None
        self._start: tuple[str, Corpus, Path] | None = None
        self._lock = threading.Lock()

    def corpus(self, root: Path) -> Corpus:
        """Every policy file, parsed only when its bytes changed since the previous assembly."""
        corpus = Corpus(root)
        seen: dict[str, tuple[tuple[int, int], bytes, Document | Problem]] = {}
        self.parsed = self.kept = 0
        for file in policy_files(root):
            corpus.files += 1
            rel = _relative(root, file)
            before = self.files.get(rel)
            stamp = _stamp(file)
            if before is not None and stamp is not None and before[0] == stamp:
                seen[rel] = before
                result = before[2]
            else:
                raw = read_bytes(root, file, rel)
                if isinstance(raw, Problem):
                    corpus.problems.append(raw)
                    continue
                if before is not None and before[1] == raw:  # touched, not changed
                    result = before[2]
                else:
                    result = parse_document(rel, raw)
                    self.parsed += 1
                seen[rel] = (stamp or (-1, -1), raw, result)
            if isinstance(result, Problem):
                corpus.problems.append(result)
            else:
                corpus.add(result)
        self.files = seen
        return corpus

    def digest(self) -> str:
        """The corpus of the latest `corpus()` call, as a digest of its files' paths and bytes."""
        h = hashlib.blake2b(digest_size=16)
        digests = {}
        for rel, (_, raw, _) in sorted(self.files.items()):
            kept = self._digests.get(rel)
            digests[rel] = kept if kept is not None and kept[1] is raw else (hashlib.blake2b(raw, digest_size=16).digest(), raw)
            h.update(rel.encode("utf-8", "surrogatepass") + b"\0" + digests[rel][0])
        self._digests = digests
        return h.hexdigest()

    def page(self, path: str, shows: tuple[Any, ...], render: Callable[[], str]) -> str:
        """The Markdown of the page `path` showing `shows`: kept while they and the surroundings are the same."""
        kept = self.pages.get(path)
        if kept is not None and kept[1] == self.surroundings and _same(kept[0], shows):
            self.kept += 1
            return kept[2]
        markdown = render()
        self.pages[path] = (shows, self.surroundings, markdown)
        return markdown

    def role_part(self, doc: Document, role_id: str, title: str, compute: Callable[[], Any]) -> Any:
        """What `doc` asks of the role `role_id` (titled `title`), worked out again only for a changed document."""
        key = (doc.path, role_id, title)
        kept = self.roles.get(key)
        if kept is not None and kept[0] is doc and kept[1] == self.surroundings:
            return kept[2]
        part = compute()
        self.roles[key] = (doc, self.surroundings, part)
        return part

    def extras(self, corpus: Corpus, root: Path) -> list[ExtraPage]:
        """The providers' pages for this corpus: made now the first time, afterwards the latest made,
        with new ones made in the background when the corpus changed."""
        digest = self.digest()
        with self._lock:
            error, self._error = self._error, None
            if error is not None:
                raise error
            if self._extras is None:
                self._extras = (digest, collect(corpus, root))
            if self._extras[0] != digest and self._making != digest:
                self._making = digest
                self._start = (digest, corpus, root)
            return self._extras[1]

    def make_extras(self) -> None:
        """Start making the providers' pages asked for by the latest `extras` call (at the end of a
        build: while it runs, a thread would take half of the interpreter from it)."""
        with self._lock:
            start, self._start = self._start, None
        if start is not None:
            threading.Thread(target=self._make, args=start, daemon=True).start()

    def _make(self, digest: str, corpus: Corpus, root: Path) -> None:
        try:
            pages = collect(corpus, root)
        except Exception as exc:  # noqa: BLE001  (raised by the next build, as a synchronous provider would)
            with self._lock:
                self._error, self._making = exc, None
        else:
            with self._lock:
                if self._making != digest:
                    return  # a newer corpus is being made already
                self._extras, self._making = (digest, pages), None
        if self.fresh is not None:
            self.fresh()


def _same(a: Any, b: Any) -> bool:
    """The same objects (documents, rows), or equal strings and numbers, tuple by tuple."""
    if a is b:
        return True
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return isinstance(a, (str, int, float)) and type(a) is type(b) and a == b


def _stamp(file: Path) -> tuple[int, int] | None:
    """Size and modification time (ns) of a regular file, or None (then it is read to be sure)."""
    try:
        info = file.lstat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns) if stat.S_ISREG(info.st_mode) else None


def _relative(root: Path, file: Path) -> str:
    """`file` relative to `root` (both absolute here: no working-directory lookups, 2,000 times a rebuild)."""
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return relative(root, file)
