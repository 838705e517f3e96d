"""The check cache: per-file results of `revise check`, keyed by file content, under `.revise-cache/`.

`check-<lang>.json` holds, per policy file: its stat (mtime, size, inode), the hash of its bytes,
its id, kind and the index part of its `DocFacts`, and its final problems together with the
fingerprint of the corpus index they were resolved against. The report part of each file's
facts (references, agents' lines, own problems) sits in `reports-<lang>/<content hash>.json`,
read only when that file must be resolved again (after another file's ids or clauses changed).

A file whose stat is unchanged is not read; one whose bytes hash the same is not parsed. All is
invalidated when the schemas, the rule code, the package version or the language change. The
cache is plain JSON (never pickle: the folder is writable by whoever edits the repository),
written atomically, ignored by git (`.revise-cache/.gitignore`), and only an optimisation: if
it cannot be read or written, checking goes on without it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path as FsPath
from typing import Any

from revise import __version__
from revise.facts import DocFacts, problems_from_json, problems_json
from revise.messages import language
from revise.problems import Problem
from revise.schemas import SchemaSet

CACHE_DIR = ".revise-cache"
FORMAT = 3
_CODE = FsPath(__file__).resolve().parent
# entry fields
STAT, HASH, ID, KIND, FLAGS, INDEX, FP, RESOLVED = range(8)


def content_hash(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def cache_key(schemas: SchemaSet) -> str:
    """Changes whenever a result could: schemas, rule code, version, language."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT} {__version__} {language()}".encode())
    h.update(json.dumps(schemas.by_name, sort_keys=True).encode())
    for source in sorted([*_CODE.glob("*.py"), *(_CODE / "rules").glob("*.py")]):
        h.update(source.name.encode())
        h.update(source.read_bytes())
    return h.hexdigest()


def index_fingerprint(facts: list[DocFacts]) -> str:
    """Changes whenever what files are checked against changes: any id, kind or index part."""
    h = hashlib.blake2b(digest_size=16)
    for f in facts:
        h.update(f"{f.path}\0{f.id}\0{f.kind}\0".encode())
        h.update(f.index_json().encode())
    return h.hexdigest()


def _stat_key(info: os.stat_result) -> list[int]:
    return [info.st_mtime_ns, info.st_size, info.st_ino]


class CheckCache:
    """Entries of the previous run (`old`) and of this one (`new`); `save()` writes `new` back."""

    def __init__(self, folder: FsPath, key: str, entries: dict[str, list[Any]]) -> None:
        self.folder = folder
        self.key = key
        self.old = entries
        self.new: dict[str, list[Any]] = {}
        self.reports: dict[str, str] = {}  # content hash -> report JSON, to be written
        self.dirty = False

    @classmethod
    def open(cls, root: FsPath, schemas: SchemaSet) -> CheckCache:
        key = cache_key(schemas)
        folder = root / CACHE_DIR
        try:
            data = json.loads((folder / f"check-{language()}.json").read_text(encoding="utf-8"))
            entries = data["files"] if data.get("key") == key else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            entries = {}
        return cls(folder, key, entries if isinstance(entries, dict) else {})

    # --- reading -------------------------------------------------------------------
    def by_stat(self, rel: str, info: os.stat_result) -> DocFacts | None:
        entry = self.old.get(rel)
        if isinstance(entry, list) and len(entry) == 8 and entry[STAT] == _stat_key(info):
            return self._take(rel, entry)
        return None

    def by_hash(self, rel: str, digest: str) -> DocFacts | None:
        entry = self.old.get(rel)
        if isinstance(entry, list) and len(entry) == 8 and entry[HASH] == digest:
            return self._take(rel, entry)
        return None

    def _take(self, rel: str, entry: list[Any]) -> DocFacts:
        self.new[rel] = entry
        return DocFacts.cached(rel, entry[ID], entry[KIND], entry[FLAGS], entry[INDEX], None)

    def resolved(self, facts: DocFacts, fingerprint: str) -> list[Problem] | None:
        """The file's final problems from the last run, if they were resolved against this same index."""
        entry = self.new.get(facts.path)
        if entry is None or entry[FP] != fingerprint:
            return None
        try:
            return problems_from_json(facts.path, entry[RESOLVED])
        except (ValueError, TypeError):
            return None

    def load_report(self, facts: DocFacts) -> bool:
        """Attach the cached report part to `facts`; False if it is missing (then re-read the file)."""
        entry = self.new.get(facts.path)
        if entry is None:
            return False
        try:
            facts.attach_report(self._report_file(entry[HASH]).read_text(encoding="utf-8"))
            facts.problems  # noqa: B018  (decode now, so a damaged file is caught here)
        except (OSError, ValueError, TypeError):
            return False
        return True

    def _report_file(self, digest: str) -> FsPath:
        return self.folder / f"reports-{language()}" / digest[:2] / f"{digest}.json"

    # --- writing -------------------------------------------------------------------
    def put(self, rel: str, info: os.stat_result, digest: str, facts: DocFacts) -> None:
        stat = _stat_key(info)
        entry = self.new.get(rel)
        if entry is not None and entry[HASH] == digest:
            if entry[STAT] != stat:
                self.new[rel] = [stat, *entry[1:]]
                self.dirty = True
            return
        self.new[rel] = [stat, digest, facts.id, facts.kind, facts.flags, facts.index_json(), "", "[]"]
        self.reports[digest] = facts.report_json()
        self.dirty = True

    def set_resolved(self, facts: DocFacts, fingerprint: str, problems: list[Problem]) -> None:
        entry = self.new.get(facts.path)
        if entry is not None:
            entry[FP], entry[RESOLVED] = fingerprint, problems_json(problems)
            self.dirty = True

    def save(self) -> None:
        """Write this run's entries (a deleted file drops out) and new report parts, if anything changed."""
        if not self.dirty and self.new.keys() == self.old.keys():
            return
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# created by revise check\n*\n", encoding="utf-8")
            for digest, text in self.reports.items():
                file = self._report_file(digest)
                file.parent.mkdir(parents=True, exist_ok=True)
                _atomic_write(file, text)
            _atomic_write(self.folder / f"check-{language()}.json",
                          json.dumps({"key": self.key, "files": self.new}, ensure_ascii=False, separators=(",", ":")))
        except OSError:
            pass


def _atomic_write(file: FsPath, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, file)
    except BaseException:
        os.unlink(tmp)
        raise
