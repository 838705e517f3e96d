"""Whose reading a person sees: the roles under theirs along the org chart's `reports_to` chain.

The org chart names who reports to whom by role (`roles[].reports_to`), so a supervisor sees the
people holding any role below one of theirs, and a manager further up sees more. The centre's
managers — the roles of the department at the top of the chart (its roles that report to nobody)
— see every team. The org chart is read from main, never from a proposal branch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

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
    return Hierarchy.from_data(org_data(root, ref))


def org_data(root: Path, ref: str = "refs/heads/main") -> dict[str, Any]:
    """The org chart on `ref` as data ({} when there is none), parsed through the semantic diff's
    cache by blob id: a large centre's chart (thousands of people) is parsed once, not per use."""
    from revise.review.semdiff.gittree import Tree
    commit = gitstore.rev(root, ref)
    if not commit:
        return {}
    tree = Tree(root, commit, ref)
    org = next((d for d in tree.in_folder("org") if d.kind == "org-chart"), None)
    return org.data if org is not None and isinstance(org.data, dict) else {}


def people(data: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """`{email: roles}` of the org chart's people (e-mails lower-cased), as `orgchart` reads them."""
    return {p.email: tuple(p.roles) for p in orgchart.from_data(data).people.values()}


def keys_in(keys: Iterable[str], scope: set[str] | None) -> list[str]:
    """The roles keys (comma-joined) of people inside `scope` (None: everyone)."""
    return sorted(k for k in keys if scope is None or set(k.split(",")) & scope)
