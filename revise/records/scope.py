"""Whose reading a person sees: the roles under theirs along the org chart's `reports_to` chain.

The org chart names who reports to whom by role (`roles[].reports_to`), so a supervisor sees the
people holding any role below one of theirs, and a manager further up sees more. The centre's
managers — the roles of the department at the top of the chart (its roles that report to nobody)
— see every team. The org chart is read from main, never from a proposal branch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from revise.corpus.yamlsafe import YamlProblem, decode, parse
from revise.workflow import gitstore, orgchart


@dataclass(slots=True)
class Hierarchy:
    """`{role: reports_to}` and `{role: department}` of the org chart."""

    parent: dict[str, str | None] = field(default_factory=dict)
    department: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict[str, object]) -> Hierarchy:
        found = cls()
        for role in data.get("roles") or []:  # type: ignore[union-attr]
            if isinstance(role, dict) and isinstance(role.get("id"), str):
                found.parent[role["id"]] = role.get("reports_to") if isinstance(role.get("reports_to"), str) else None
                found.department[role["id"]] = role.get("department") if isinstance(role.get("department"), str) else None
        return found

    def top(self) -> set[str]:
        """The centre's managers: every role of a department one of whose roles reports to nobody."""
        departments = {self.department.get(r) for r, up in self.parent.items() if up is None} - {None}
        return {r for r in self.parent if self.department.get(r) in departments}

    def below(self, roles: Iterable[str]) -> set[str] | None:
        """The roles strictly under `roles`; None for "every role" (a centre manager)."""
        mine = set(roles)
        if mine & self.top():
            return None
        found: set[str] = set()
        for role in self.parent:
            up, seen = self.parent.get(role), {role}
            while up is not None and up not in seen:
                if up in mine:
                    found.add(role)
                    break
                seen.add(up)
                up = self.parent.get(up)
        return found

    def above(self, roles: Iterable[str]) -> set[str]:
        """The roles one of `roles` reports to directly."""
        return {up for r in roles if (up := self.parent.get(r))}


def load(root: Path, ref: str = "refs/heads/main") -> Hierarchy:
    """The role hierarchy of the org chart on `ref` (empty when there is none)."""
    path = orgchart.load(root, ref).path
    if not path:
        return Hierarchy()
    raw = gitstore.show(root, ref, path)
    try:
        data = parse(decode(raw or b"")).data
    except YamlProblem:
        return Hierarchy()
    return Hierarchy.from_data(data) if isinstance(data, dict) else Hierarchy()


def keys_in(keys: Iterable[str], scope: set[str] | None) -> list[str]:
    """The roles keys (comma-joined) of people inside `scope` (None: everyone)."""
    return sorted(k for k in keys if scope is None or set(k.split(",")) & scope)
