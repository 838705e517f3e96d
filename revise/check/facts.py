"""What `revise check` remembers about each document, and the corpus-wide index built from it.

Checking a document yields its own problems plus `DocFacts`: its id and clause ids, every
reference it makes, what its agents say, its measurable targets and avoid-list phrases. Rules
that need the whole corpus read only facts, so facts (plain, JSON-able) can be cached per file
and a one-file check does not re-read the other 9,999.

Facts come in two parts, so a cached run decodes only what it needs: the *index part* (id, kind,
clause ids, avoid-list, targets, roles: what other files are checked against; and the document's
own review and drill intervals, which the periodic rules compare with git history on every run)
and the *report part* (references, agents' lines, own problems: needed only to report on this file).
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from revise.problems import Problem, Severity

# A located value: [value, line, column, field path], or [target, value, line, column, field path] for refs.
Located = list[Any]
_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # made once: 2-3 uses a file
_NONE: Any = ()  # what cached facts hold until their parts are decoded: empty, shared, immutable


class DocFacts:
    """Facts of one file; `problems` are the ones found by looking at this file alone."""

    __slots__ = ("path", "id", "kind", "_id_pos", "_clauses", "_avoid", "_targets", "_roles", "_schedule", "_refs", "_says",
                 "_problems", "_index_src", "_index_done", "_report_json", "flags", "resolved", "ref_keys")

    def __init__(self, path: str, id: str | None = None, kind: str | None = None, id_pos: tuple[int, int] = (1, 1),
                 clauses: list[str] | None = None, problems: list[Problem] | None = None) -> None:
        self.path, self.id, self.kind = path, id, kind
        self._id_pos = id_pos
        self._clauses: list[str] = clauses or []
        self._avoid: list[list[str]] = []          # [phrase, instead, "DOC#clause"]
        self._targets: list[dict[str, Any]] = []
        self._roles: list[str] = []                # role ids, for the org chart
        self._schedule: dict[str, Any] = {}        # own review_every / drill.every, located (`revise.check.rules.periodic`)
        self._refs: list[Located] = []
        self._says: list[Located] = []
        self._problems: list[Problem] = problems or []
        self._index_src: bytes | None = None       # the cached JSON of the index part (UTF-8)
        self._index_done = True                    # whether it has been decoded
        self._report_json: bytes | None = None     # the cached JSON of the report part (UTF-8)
        self.flags = "p" if problems else ""       # see `set_flags`
        self.resolved: list[Problem] | None = None  # cached final problems of this file, when still valid
        self.ref_keys: str | None = None           # see `reference_keys`; None when not at hand

    # --- the index part -----------------------------------------------------------
    def _index(self) -> None:
        if not self._index_done:
            id_pos, self._clauses, self._avoid, self._targets, self._roles, self._schedule = json.loads(self._index_src or b"")
            self._id_pos = (id_pos[0], id_pos[1])
            self._index_done = True

    @property
    def id_pos(self) -> tuple[int, int]:
        self._index()
        return self._id_pos

    @property
    def clauses(self) -> list[str]:
        self._index()
        return self._clauses

    @property
    def avoid(self) -> list[list[str]]:
        self._index()
        return self._avoid

    @property
    def targets(self) -> list[dict[str, Any]]:
        self._index()
        return self._targets

    @property
    def roles(self) -> list[str]:
        self._index()
        return self._roles

    @property
    def schedule(self) -> dict[str, Any]:
        self._index()
        return self._schedule

    # --- the report part ----------------------------------------------------------
    def _report(self) -> None:
        if self._report_json is not None:
            refs, says, problems = json.loads(self._report_json)
            self._refs, self._says, self._report_json = refs, says, None
            self._problems = [Problem(r, self.path, ln, col, msg, fld, hint, Severity(sev))
                              for r, ln, col, msg, fld, hint, sev in problems]

    @property
    def refs(self) -> list[Located]:
        self._report()
        return self._refs

    @property
    def says(self) -> list[Located]:
        self._report()
        return self._says

    @property
    def problems(self) -> list[Problem]:
        self._report()
        return self._problems

    @problems.setter
    def problems(self, value: list[Problem]) -> None:
        self._report()
        self._problems = value

    # --- serialisation --------------------------------------------------------------
    def set_flags(self) -> None:
        """What the facts hold, readable without decoding them: "a" avoid-list entries, "t"
        targets, "s" agents' lines, "p" problems of the file's own, "r" an own review or drill interval."""
        self.flags = "".join(flag for flag, held in (("a", self.avoid), ("t", self.targets), ("s", self.says),
                                                     ("p", self.problems), ("r", self.schedule)) if held)

    def reference_keys(self) -> str | None:
        """Each distinct reference as `target<TAB>value`, one a line: all a reference rule needs to
        know whether they resolve (see `revise.check.rules.references.all_known`); None when a value holds
        a line break, which would make two keys of one."""
        keys = dict.fromkeys(f"{target}\t{value}" for target, value, *_ in self.refs)
        return None if any("\n" in key for key in keys) else "\n".join(keys)

    def report_lacks(self, needles: list[bytes]) -> bool:
        """Whether none of `needles` occurs in the report part's JSON text (False once decoded:
        the text is gone, so it cannot tell)."""
        text = self._report_json
        return text is not None and not any(needle in text for needle in needles)

    def index_json(self) -> bytes:
        """The index part as UTF-8 JSON (bytes: the cache reads and writes 10,000 of them, and
        hashes them all, without decoding one it does not need)."""
        if self._index_src is not None:  # cached facts are never changed after decoding
            return self._index_src
        return _compact([list(self._id_pos), self._clauses, self._avoid, self._targets, self._roles,
                         self._schedule]).encode("utf-8")

    def report_json(self) -> bytes:
        """The report part as UTF-8 JSON (bytes, like the index part: a cold check's workers send
        10,000 of them to be written to the pack as they are)."""
        if self._report_json is not None:
            return self._report_json
        problems = [problem_row(p) for p in self._problems]
        return _compact([self._refs, self._says, problems]).encode("utf-8")

    @classmethod
    def cached(cls, path: str, id: str | None, kind: str | None, flags: str, index: bytes, report: bytes | None) -> DocFacts:
        """Facts from their cached JSON parts, decoded only when a rule asks.

        Made without `__init__`: a warm check makes 10,000 of these, and the empty lists it
        would build are replaced when the index part is decoded anyway."""
        facts = object.__new__(cls)
        facts.path, facts.id, facts.kind, facts.flags = path, id, kind, flags
        facts._index_src, facts._index_done, facts._report_json = index, False, report
        facts._id_pos, facts._clauses, facts._avoid, facts._targets, facts._roles = (1, 1), _NONE, _NONE, _NONE, _NONE
        facts._schedule = _NONE
        facts._refs, facts._says, facts._problems, facts.resolved, facts.ref_keys = _NONE, _NONE, _NONE, None, None
        return facts

    def attach_report(self, report: bytes) -> None:
        """Supply the report part of cached facts (kept in a separate file, read only if needed)."""
        self._report_json = report

    @property
    def has_report(self) -> bool:
        return self._report_json is not None or self._index_src is None

    def problem(self, rule: str, line: int, column: int, message: str, field_: str = "", hint: str = "") -> Problem:
        """A problem of this file at `line`, `column` (its severity is the registry's: `revise.check.selection`)."""
        return Problem(rule, self.path, line, column, message, field_, hint)


def problem_row(p: Problem) -> list[Any]:
    return [p.rule, p.line, p.column, p.message, p.field, p.hint, p.severity.value]


def problems_json(problems: Iterable[Problem]) -> str:
    rows = [problem_row(p) for p in problems]
    return _compact(rows) if rows else "[]"


def problems_from_json(path: str, text: str) -> list[Problem]:
    return [Problem(r, path, ln, col, msg, fld, hint, Severity(sev)) for r, ln, col, msg, fld, hint, sev in json.loads(text)]


class Index:
    """Every document's facts, indexed by id; `reported` are the paths whose problems are wanted."""

    def __init__(self, facts: list[DocFacts], reported: set[str] | None = None, root: Any = None,
                 cached: bool = False) -> None:
        self.facts = facts
        self.root = root        # the checked folder (the periodic rules read its git history), when known
        self.cached = cached    # whether the run may use caches (the reference path may not)
        self.reported = reported if reported is not None else {f.path for f in facts}
        self.by_id: dict[str, DocFacts] = {}
        for f in facts:
            if f.id and f.id not in self.by_id:
                self.by_id[f.id] = f
        self._clauses: dict[str, set[str]] = {}
        self.org_charts = [f for f in facts if f.kind == "org-chart"]
        self.roles: set[str] = set(self.org_charts[0].roles) if self.org_charts else set()
        self.memo: dict[str, Any] = {}  # what a rule computes once per run (a compiled pattern...)

    def is_reported(self, facts: DocFacts) -> bool:
        return facts.path in self.reported

    def of_reported(self) -> list[DocFacts]:
        return [f for f in self.facts if f.path in self.reported]

    def clause_ids(self, doc_id: str) -> set[str]:
        if doc_id not in self._clauses:
            doc = self.by_id.get(doc_id)
            self._clauses[doc_id] = set(doc.clauses) if doc else set()
        return self._clauses[doc_id]

    def with_targets(self) -> list[DocFacts]:
        return [f for f in self.facts if "t" in f.flags]

    def avoid_list(self) -> list[list[str]]:
        """Every avoid-list entry of every document (the courtesy standard's, in the shipped corpus)."""
        return [entry for f in self.facts if "a" in f.flags for entry in f.avoid]
