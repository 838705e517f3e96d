"""The check cache: per-file results of `revise check`, keyed by file content, under `.revise-cache/`.

For every policy file it keeps the file's stat (mtime, size, inode), the hash of its bytes and
its `DocFacts` (own problems included). A file whose stat is unchanged is not even read; one
whose bytes hash the same is not parsed again. Everything is invalidated at once when the
schemas, the rule code, the package version or the message language change.

The cache is plain JSON (never pickle: the folder is writable by whoever edits the repo), is
written atomically, ignores itself in git (`.revise-cache/.gitignore`), and is only an
optimisation: if it cannot be read or written, checking goes on without it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path as FsPath
from typing import Any

from revise import __version__
from revise.facts import DocFacts
from revise.messages import language
from revise.schemas import SchemaSet

CACHE_DIR = ".revise-cache"
FORMAT = 1
_CODE = FsPath(__file__).resolve().parent


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


def _stat_key(info: os.stat_result) -> list[int]:
    return [info.st_mtime_ns, info.st_size, info.st_ino]


class CheckCache:
    """Per-file entries `[stat, hash, facts]`; `save()` writes them back if anything changed."""

    def __init__(self, file: FsPath, key: str, entries: dict[str, list[Any]]) -> None:
        self.file = file
        self.key = key
        self.old = entries
        self.new: dict[str, list[Any]] = {}
        self.dirty = False

    @classmethod
    def open(cls, root: FsPath, schemas: SchemaSet) -> CheckCache:
        key = cache_key(schemas)
        file = root / CACHE_DIR / f"check-{language()}.json"
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            entries = data["files"] if data.get("key") == key else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            entries = {}
        return cls(file, key, entries if isinstance(entries, dict) else {})

    def by_stat(self, rel: str, info: os.stat_result) -> DocFacts | None:
        entry = self.old.get(rel)
        if entry and entry[0] == _stat_key(info):
            return self._take(rel, entry)
        return None

    def by_hash(self, rel: str, digest: str) -> DocFacts | None:
        entry = self.old.get(rel)
        if entry and entry[1] == digest:
            return self._take(rel, entry)
        return None

    def _take(self, rel: str, entry: list[Any]) -> DocFacts | None:
        try:
            facts = DocFacts.from_json(entry[2])
        except (KeyError, TypeError, ValueError):
            return None
        self.new[rel] = entry
        return facts

    def put(self, rel: str, info: os.stat_result, digest: str, facts: DocFacts) -> None:
        entry = self.new.get(rel)
        stat = _stat_key(info)
        if entry is not None and entry[0] == stat and entry[1] == digest:
            return
        self.new[rel] = [stat, digest, entry[2] if entry is not None and entry[1] == digest else facts.to_json()]
        self.dirty = True

    def save(self) -> None:
        """Write the entries seen in this run (a deleted file drops out) if anything changed."""
        if not self.dirty and self.new.keys() == self.old.keys():
            return
        try:
            self.file.parent.mkdir(exist_ok=True)
            ignore = self.file.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# created by revise check\n*\n", encoding="utf-8")
            fd, tmp = tempfile.mkstemp(dir=self.file.parent, prefix=".check-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({"key": self.key, "files": self.new}, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, self.file)
        except OSError:
            pass
