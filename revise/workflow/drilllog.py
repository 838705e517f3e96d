"""The drill records of emergency plans, read from main's history and judged commit by commit.

`drills/<PLAN>.yaml` on main holds every drill of one plan (schema `drills.schema.json`). Like a
proposal file, it is a view of step commits: each `revise drill` is one commit on main's
first-parent line, by the person who recorded it (or by the desk for them), with the trailers
`Revise-Step: drill` and `Revise-Plan: <PLAN>`, that appends exactly one drill whose `by` is the
commit's author and changes nothing else. Any other change of the file — a hand edit, a merge, an
entry signed by someone else, a rewritten commit, a deleted file — makes the plan's drill record
**tampered** from that commit on: the drills before it still count, the ones after do not.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from revise.corpus.yamlsafe import YamlProblem, decode, parse
from revise.schema import BUNDLED
from revise.workflow import cache, gitstore, ledger
from revise.workflow.due import day_of

if TYPE_CHECKING:
    from revise.schema.schemaset import SchemaSet

DRILLS = "drills"
HEADER = "# yaml-language-server: $schema=../revise/schema/json/drills.schema.json\n"
LAST = "drills-last"
FORMAT = 1  # of `last_drills` and what it is derived from: change it with `read` or `judge`


def file_of(plan: str) -> str:
    return f"{DRILLS}/{plan}.yaml"


@dataclass(slots=True)
class DrillLog:
    """One plan's genuine drills (oldest first) and, when its record was tampered, where and why."""

    plan: str
    drills: list[dict[str, Any]] = field(default_factory=list)
    tampered: ledger.Commit | None = None
    reason: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def last(self) -> date | None:
        """The day of the latest genuine drill (by its drill date, not its recording)."""
        days = [d for d in (day_of(entry.get("date")) for entry in self.drills) if d is not None]
        return max(days, default=None)


def read(root: Path, main_ref: str, desk: str | None = None) -> dict[str, DrillLog]:
    """`{plan: DrillLog}` for every plan whose record ever appeared on `main_ref`."""
    tip = gitstore.rev(root, main_ref)
    if tip is None:
        return {}
    commits = ledger.first_parent(root, tip, [DRILLS])
    data = _read_blobs(root, {b for c in commits for old_new in c.changes.values() for b in old_new if not _zero(b)})
    logs: dict[str, DrillLog] = {}
    left: dict[str, str] = {}  # plan → the blob its last genuine step left
    for commit in commits:
        for path, (old, new) in commit.changes.items():
            plan = _plan_of(path)
            log = logs.setdefault(plan, DrillLog(plan))
            if log.tampered is not None:
                continue
            problem = _chain(left.get(plan), old) or judge(plan, commit, data.get(old), new, data.get(new), desk)
            if problem:
                log.tampered, (log.reason, log.params) = commit, problem
                continue
            log.drills = list(data[new]["drills"])  # type: ignore[index]
            left[plan] = new
    return logs


def last_drills(root: Path, main_ref: str, desk: str | None = None, *, cached: bool = True) -> dict[str, str | None]:
    """`{plan: the day of its last genuine drill (ISO), or None}`: what `drill-overdue` needs, kept in
    `.git/revise/` by main's commit (`cached=False`: read afresh, the cache left alone)."""
    tip = gitstore.rev(root, main_ref)
    if tip is None:
        return {}
    key = f"{FORMAT} {tip} {desk or '-'} {zlib.crc32((BUNDLED / 'drills.schema.json').read_bytes()):08x}"
    if cached:
        stored = cache.load(root, LAST)
        if stored.get("key") == key:
            return stored["last"]
    found = {plan: (log.last.isoformat() if log.last else None) for plan, log in read(root, tip, desk).items()}
    if cached:
        cache.save(root, {"key": key, "last": found}, LAST)
    return found


def _plan_of(path: str) -> str:
    """The plan `drills/<PLAN>.yaml` records; any other file under drills/ is a record of its own
    (named by its path), which no drill step can make."""
    name = path.removeprefix(DRILLS + "/")
    return name[:-5] if name.endswith(".yaml") and "/" not in name else path


def _read_blobs(root: Path, blobs: set[str]) -> dict[str, Any]:
    """`{blob: data or None}`: from the cache in `.git/revise/` (a blob id names exact content; the
    cache's name carries the schema's checksum), the rest read in one `cat-file --batch` and kept."""
    name = f"drills-{zlib.crc32((BUNDLED / 'drills.schema.json').read_bytes()):08x}"
    known = cache.load(root, name)
    missing = sorted(b for b in blobs if b not in known)
    if missing:
        known.update(zip(missing, (loads(raw) for raw in gitstore.cat_batch(root, missing))))
        cache.save(root, {b: known[b] for b in blobs}, name)
    return {b: known[b] for b in blobs}


def loads(raw: bytes | None) -> dict[str, Any] | None:
    """A drill record's data, parsed safely and valid against its schema; None otherwise."""
    if raw is None:
        return None
    try:
        data = parse(decode(raw)).data
    except YamlProblem:
        return None
    return data if isinstance(data, dict) and schemas().is_valid("drills", data) else None


def result_label(code: str) -> str:
    """The schema's title of a drill result (达标 / 部分达标 / 未达标); the code itself in English."""
    from revise.messages import language
    if language() == "en":
        return code
    node = schemas().schema("drills")["properties"]["drills"]["items"]["properties"]["result"]
    return next((str(e["title"]) for e in node["oneOf"] if e["const"] == code), code)


@lru_cache(maxsize=1)
def schemas() -> SchemaSet:
    """The bundled schemas (drill records are the tool's own files, like its schemas)."""
    from revise.schema.schemaset import SchemaSet
    return SchemaSet()


def _zero(blob: str) -> bool:
    return set(blob) == {"0"}


def _chain(before: str | None, old: str) -> tuple[str, dict[str, Any]] | None:
    """A step changes the version of the record the previous step left (else something else changed it)."""
    if (before or gitstore.ZERO) != old:
        return "broken-chain", {}
    return None


def judge(plan: str, commit: ledger.Commit, old: dict[str, Any] | None, new_blob: str, new: dict[str, Any] | None,
          desk: str | None) -> tuple[str, dict[str, Any]] | None:
    """Why this change of `plan`'s record is not one drill recorded by its commit's author (None when it is)."""
    if commit.is_merge:
        return "merge", {}
    if ledger.DUPLICATE in commit.trailers:
        return "trailers", {"key": commit.trailers[ledger.DUPLICATE]}
    if commit.step != "drill":
        return "not-a-step", {}
    if commit.trailers.get("Revise-Plan") != plan:
        return "wrong-plan", {"other": commit.trailers.get("Revise-Plan", "-")}
    if commit.committer != commit.author and not (commit.via and desk and commit.committer == desk.lower()):
        return "rewritten", {"committer": commit.committer}
    if _zero(new_blob):
        return "deleted", {}
    if new is None:
        return "unreadable", {}
    before, after = (old or {}).get("drills") or [], new.get("drills") or []
    if new.get("plan") != plan or len(after) != len(before) + 1 or after[:-1] != before:
        return "other-entries", {}
    who = str(after[-1].get("by", ""))
    if who.lower() != commit.author:
        return "not-the-author", {"person": who or "-", "author": commit.author}
    return None
