"""The check cache: per-file results of `revise check`, keyed by file content, under `.revise-cache/`.

Three files per language, so that a warm run reads little and a cold run writes few files:

- `check-<lang>.json`, the table: per policy file its stat (mtime, size, inode), the hash of its
  bytes, its id, kind and flags, its final problems with the fingerprint of the corpus index they
  were resolved against, and where its report part sits in the pack.
- `index-<lang>.txt`, the index part of each file's `DocFacts` (what other files are checked
  against), one JSON line per file in the table's order, kept out of the table so loading it does
  not unescape 10,000 embedded JSON strings; its first line names the table it belongs to.
- `reports-<lang>.pack`, the report parts (references, agents' lines, own problems), appended as
  `<content hash> <json>` lines and read by offset only when a file must be resolved again (after
  another file's ids or clauses changed); rewritten without dead records when they outgrow it.
- `journal-<lang>.txt`, the entries changed since the table was written (first line: the table's
  token; then one `[path, entry, index part]` JSON line per changed file, a later line winning):
  the usual run after an edit changes one or two entries, and appending them costs nothing where
  rewriting the 10,000-entry table and index cost a one-file check a fifth of its time. The table
  is rewritten, and the journal dropped, when a file comes or goes, the pack is compacted or the
  journal holds `JOURNAL_MAX` lines.

The policy folders are walked on every run (10,000 files take a few tens of milliseconds), so
the list of files is always the file system's own.

A file whose stat is unchanged is not read; one whose bytes hash the same is not parsed. All is
invalidated when the schemas, the rule code, the package version or the language change. The
cache is plain JSON (never pickle: the folder is writable by whoever edits the repository),
written atomically, ignored by git (`.revise-cache/.gitignore`), and only an optimisation: if
it cannot be read or written, or its parts do not match, checking goes on without it.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from pathlib import Path as FsPath
from typing import Any

from revise import __version__
from revise.check.facts import DocFacts, problems_from_json, problems_json
from revise.messages import language
from revise.problems import Problem
from revise.schema.schemaset import SchemaSet

CACHE_DIR = ".revise-cache"
FORMAT = 6
_PACKAGE = FsPath(__file__).resolve().parents[1]
# what a check result depends on: the engine and its rules, the readers, the schema layer, the problem texts
_ENGINE = ("check", "check/rules", "corpus", "schema", "messages")
# table entry fields
STAT, HASH, ID, KIND, FLAGS, FP, RESOLVED, REPORT = range(8)
COMPACT_FROM = 8 << 20   # rewrite the pack when it passes this size
COMPACT_RATIO = 4        # and is this many times the size of its live records
JOURNAL_MAX = 1000       # changed entries appended to the journal before the table is rewritten


def content_hash(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def cache_key(schemas: SchemaSet) -> str:
    """Changes whenever a result could: schemas, rule code, version, language."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT} {__version__} {language()}".encode())
    h.update(json.dumps(schemas.by_name, sort_keys=True).encode())
    for source in engine_sources():
        h.update(source.relative_to(_PACKAGE).as_posix().encode())
        h.update(source.read_bytes())
    return h.hexdigest()


def engine_sources() -> list[FsPath]:
    """The source files of everything a check result depends on (the cache key hashes them)."""
    found = [_PACKAGE / "problems.py"]
    for folder in _ENGINE:
        found.extend((_PACKAGE / folder).glob("*.py"))
    return sorted(found)


def index_fingerprint(facts: list[DocFacts]) -> str:
    """Changes whenever what files are checked against changes: any id, kind or index part."""
    h = hashlib.blake2b(digest_size=16)
    for f in facts:
        h.update(f"{f.path}\0{f.id}\0{f.kind}\0".encode())
        h.update(f.index_json())
    return h.hexdigest()


def stat_key(file: str) -> list[int] | None:
    """What tells a regular file's content unchanged: [mtime, size, inode]; None for anything
    else (links, folders, pipes are never cached) or a file that cannot be seen."""
    try:
        info = os.lstat(file)
    except OSError:
        return None
    return [info.st_mtime_ns, info.st_size, info.st_ino] if stat.S_ISREG(info.st_mode) else None


class CheckCache:
    """Entries of the previous run (`old`) and of this one (`new`); `save()` writes `new` back."""

    def __init__(self, folder: FsPath, key: str, entries: dict[str, list[Any]], index: dict[str, bytes],
                 token: str = "", journaled: int = 0) -> None:
        self.folder = folder
        self.key = key
        self.old = entries
        self.old_index = index                      # rel -> index JSON of the previous run (UTF-8)
        self.new: dict[str, list[Any]] = {}
        self.new_index: dict[str, bytes] = {}
        self.reports: dict[str, bytes] = {}         # content hash -> report JSON (UTF-8), to be appended
        self.token = token                          # the token of the table read, "" when none
        self.journaled = journaled                  # lines in its journal
        self.changed: set[str] = set()              # entries made or changed by this run
        self.rewrite = False                        # whether the table must be written whole
        self._pack: Any = None

    @classmethod
    def open(cls, root: FsPath, schemas: SchemaSet) -> CheckCache:
        key = cache_key(schemas)
        folder = root / CACHE_DIR
        lang = language()
        try:
            data = json.loads((folder / f"check-{lang}.json").read_bytes())
            if data.get("key") != key:
                raise ValueError("another key")
            entries = data["files"]
            lines = (folder / f"index-{lang}.txt").read_bytes().split(b"\n")
            if lines[0] != data["token"].encode() or len(lines) != len(entries) + 1:
                raise ValueError("the index belongs to another table")
            index = dict(zip(entries, lines[1:]))
            if not all(isinstance(e, list) and len(e) == 8 for e in entries.values()):
                raise ValueError("a damaged entry")
            journaled = _replay(folder / f"journal-{lang}.txt", data["token"], entries, index)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            return cls(folder, key, {}, {})
        return cls(folder, key, entries, index, data["token"], journaled)

    # --- reading -------------------------------------------------------------------
    def by_stat(self, rel: str, file: str) -> DocFacts | None:
        """The cached facts of `file` if its stat is as the cache has it (not looked at when the
        cache has no entry for it: a cold run's worker takes it, beside the reading)."""
        entry = self.old.get(rel)
        if entry is not None and entry[STAT] == stat_key(file):
            return self._take(rel, entry)
        return None

    def by_hash(self, rel: str, digest: str) -> DocFacts | None:
        entry = self.old.get(rel)
        if entry is not None and entry[HASH] == digest:
            return self._take(rel, entry)
        return None

    def _take(self, rel: str, entry: list[Any]) -> DocFacts:
        index = self.old_index[rel]
        self.new[rel] = entry
        self.new_index[rel] = index
        return DocFacts.cached(rel, entry[ID], entry[KIND], entry[FLAGS], index, None)

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
        text = self.reports.get(entry[HASH]) or self._read_report(entry)
        if text is None:
            return False
        try:
            facts.attach_report(text)
            facts.problems  # noqa: B018  (decode now, so a damaged record is caught here)
        except (ValueError, TypeError):
            return False
        return True

    def _read_report(self, entry: list[Any]) -> bytes | None:
        """The report record at the entry's offset, if it is there and carries the entry's hash."""
        where = entry[REPORT]
        try:
            if self._pack is None:
                self._pack = open(self.folder / f"reports-{language()}.pack", "rb")  # noqa: SIM115
            self._pack.seek(where[0])
            record = self._pack.read(where[1])
        except (OSError, TypeError, IndexError, ValueError):
            return None
        digest, _, text = record.partition(b" ")
        return text if digest == entry[HASH].encode() else None

    # --- writing -------------------------------------------------------------------
    def put(self, rel: str, key: list[int], digest: str, facts: DocFacts) -> None:
        entry = self.new.get(rel)
        if entry is not None and entry[HASH] == digest:
            if entry[STAT] != key:
                self.new[rel] = [key, *entry[1:]]
                self.changed.add(rel)
            return
        self.new[rel] = [key, digest, facts.id, facts.kind, facts.flags, "", "[]", None]
        self.new_index[rel] = facts.index_json()
        self.reports[digest] = facts.report_json()
        self.changed.add(rel)

    def set_resolved(self, facts: DocFacts, fingerprint: str, problems: list[Problem]) -> None:
        entry = self.new.get(facts.path)
        if entry is not None:
            entry[FP], entry[RESOLVED] = fingerprint, problems_json(problems)
            self.changed.add(facts.path)

    def save(self) -> None:
        """Write this run's entries (a deleted file drops out) and new report parts, if anything changed: the pack is appended to; the changed entries are appended to the
        journal, or the index and the table replaced (see the module's docstring)."""
        if not self.changed and not self.rewrite and self.new.keys() == self.old.keys():
            return
        lang = language()
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# created by revise check\n*\n", encoding="utf-8")
            self._write_reports(self.folder / f"reports-{lang}.pack")
            journal = self.folder / f"journal-{lang}.txt"
            if (self.token and not self.rewrite and self.new.keys() == self.old.keys()
                    and self.journaled + len(self.changed) <= JOURNAL_MAX):
                _append(journal, self.token if not self.journaled else None,
                        [json.dumps([rel, self.new[rel], self.new_index[rel].decode("utf-8")], ensure_ascii=False,
                                    separators=(",", ":"))
                         for rel in self.changed])
                return
            token = f"{FORMAT} {time.time_ns()} {os.getpid()}"
            order = list(self.new)
            _atomic_write(self.folder / f"index-{lang}.txt", b"\n".join([token.encode(), *(self.new_index[r] for r in order)]))
            table = {"key": self.key, "token": token, "files": self.new}
            _atomic_write(self.folder / f"check-{lang}.json", json.dumps(table, ensure_ascii=False, separators=(",", ":")))
            journal.unlink(missing_ok=True)  # it names the replaced table's token: dead either way
        except OSError:
            pass
        finally:
            if self._pack is not None:
                self._pack.close()

    def _write_reports(self, pack: FsPath) -> None:
        """Append the new report parts to the pack (or rewrite it with the live ones when it has
        grown `COMPACT_RATIO` times their size) and point each entry at its record."""
        missing = {e[HASH] for e in self.new.values() if e[REPORT] is None}
        try:
            size = pack.stat().st_size
        except OSError:
            size = 0
        live = sum(e[REPORT][1] for e in self.new.values() if e[REPORT] is not None)
        if size > COMPACT_FROM and size > COMPACT_RATIO * live:
            texts = {e[HASH]: self._read_report(e) for e in self.new.values() if e[REPORT] is not None}
            texts.update({d: self.reports[d] for d in missing if d in self.reports})
            if self._pack is not None:
                self._pack.close()
                self._pack = None
            offsets = _write_records(pack, {d: t for d, t in texts.items() if t is not None}, fresh=True)
            for entry in self.new.values():
                entry[REPORT] = offsets.get(entry[HASH])
            self.rewrite = True  # every entry points somewhere else now
        else:
            offsets = _write_records(pack, {d: self.reports[d] for d in missing if d in self.reports}, fresh=False)
            for entry in self.new.values():
                if entry[REPORT] is None:
                    entry[REPORT] = offsets.get(entry[HASH])


def _replay(journal: FsPath, token: str, entries: dict[str, list[Any]], index: dict[str, bytes]) -> int:
    """Apply the journal's entries, if it belongs to the table of `token`, to the table's
    `entries` and `index`; its number of lines. A line that is not a whole entry (one cut short
    by a crash, say) is skipped: the file it names is then simply checked again."""
    try:
        lines = journal.read_bytes().decode("utf-8").rstrip("\n").split("\n")
    except FileNotFoundError:
        return 0
    if lines[0] != token:
        return 0
    for line in lines[1:]:
        try:
            rel, entry, part = json.loads(line)
        except (ValueError, TypeError):
            continue
        if isinstance(rel, str) and rel in entries and isinstance(entry, list) and len(entry) == 8 and isinstance(part, str):
            entries[rel], index[rel] = entry, part.encode("utf-8")
    return len(lines) - 1


def _append(journal: FsPath, token: str | None, lines: list[str]) -> None:
    """Append `lines` to the journal in one write; with `token`, start a new journal (replacing
    one left for another table) with that token as its first line."""
    if token is not None:
        _atomic_write(journal, "".join(f"{line}\n" for line in [token, *lines]))
        return
    with open(journal, "a", encoding="utf-8") as out:
        out.write("".join(f"{line}\n" for line in lines))


def _write_records(pack: FsPath, texts: dict[str, bytes], fresh: bool) -> dict[str, list[int]]:
    """Write `<hash> <json>\n` records (appending, or into a new file that replaces the pack);
    `{hash: [offset, length]}` of each, the newline excluded."""
    if not texts:
        return {}
    chunks, offsets = [], {}
    if fresh:
        import tempfile  # here and in _atomic_write: a check that only appends to the journal does not need it
        fd, tmp = tempfile.mkstemp(dir=pack.parent, prefix=".tmp-", suffix=".pack")
        out = os.fdopen(fd, "wb")
        start = 0
    else:
        out = open(pack, "ab")  # noqa: SIM115
        start = out.seek(0, os.SEEK_END)
    with out:
        pos = start
        for digest, text in texts.items():
            record = b"%s %s" % (digest.encode(), text)
            offsets[digest] = [pos, len(record)]
            chunks.append(record)
            pos += len(record) + 1
        out.write(b"\n".join(chunks) + b"\n")
    if fresh:
        os.replace(tmp, pack)
    return offsets


def _atomic_write(file: FsPath, text: str | bytes) -> None:
    import tempfile
    fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        os.replace(tmp, file)
    except BaseException:
        os.unlink(tmp)
        raise
