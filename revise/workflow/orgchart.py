"""Who may do what: the people, roles, committee and signing keys of the org chart on main.

The org chart is read from the main branch, never from a proposal branch: a draft that adds
its author to the legal role must not make the author a legal reviewer of that same draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from revise.corpus.yamlsafe import YamlProblem, decode, parse
from revise.workflow import gitstore

AREAS = ("legal", "business", "it")


@dataclass(slots=True)
class Person:
    name: str
    email: str
    roles: list[str]
    signing_key: str | None = None


@dataclass(slots=True)
class OrgChart:
    """People by lower-case email, the committee's chair role and `{area: [roles]}`."""

    people: dict[str, Person] = field(default_factory=dict)
    chair_role: str | None = None
    areas: dict[str, list[str]] = field(default_factory=dict)
    path: str = ""
    desk: str | None = None           # the desk's committer e-mail (`desk.email`), when it has one
    desk_key: str | None = None       # and its SSH signing key

    def person(self, email: str) -> Person | None:
        return self.people.get(email.lower())

    def holders(self, role: str) -> list[str]:
        return sorted(p.email for p in self.people.values() if role in p.roles)

    def eligible(self, area: str) -> list[str]:
        """Emails of the people who hold a role the committee assigns to `area`."""
        found: set[str] = set()
        for role in self.areas.get(area, []):
            found.update(self.holders(role))
        return sorted(found)

    def chairs(self) -> list[str]:
        return self.holders(self.chair_role) if self.chair_role else []

    def committee(self) -> list[str]:
        """Everyone on the committee: the chair and every area's eligible reviewers."""
        found = set(self.chairs())
        for area in self.areas:
            found.update(self.eligible(area))
        return sorted(found)


def load(root: Path, ref: str = "refs/heads/main") -> OrgChart:
    """The org chart at `ref` (the first `kind: org-chart` file under policies/); empty when none."""
    files = gitstore.ls_tree(root, ref, "policies")
    files.sort(key=lambda row: (not row[0].startswith("policies/org/"), row[0]))
    for path, _blob in files:
        if not path.endswith((".yaml", ".yml")):
            continue
        raw = gitstore.show(root, ref, path)
        data = _data(raw)
        if isinstance(data, dict) and data.get("kind") == "org-chart":
            return from_data(data, path)
    return OrgChart()


def desk_email(root: Path, ref: str = "refs/heads/main") -> str | None:
    """The desk's committer e-mail in the org chart at `ref`, kept by the org chart's blob id so
    that listing the queue does not parse the org chart again."""
    from revise.workflow import cache
    blob = next((b for p, b in gitstore.ls_tree(root, ref, "policies/org") if p.endswith((".yaml", ".yml"))), None)
    if blob is None:
        return load(root, ref).desk
    known = cache.load(root, cache.SETTINGS)
    key = f"desk {blob}"
    if key not in known:
        known[key] = load(root, ref).desk
        cache.save(root, known, cache.SETTINGS)
    return known[key]


def _data(raw: bytes | None) -> Any:
    if raw is None:
        return None
    try:
        return parse(decode(raw)).data
    except YamlProblem:
        return None


def from_data(data: dict[str, Any], path: str = "") -> OrgChart:
    org = OrgChart(path=path)
    for item in data.get("people") or []:
        if isinstance(item, dict) and isinstance(item.get("email"), str):
            email = item["email"].lower()
            org.people[email] = Person(str(item.get("name", email)), email, list(item.get("roles") or []),
                                       item.get("signing_key"))
    desk = data.get("desk") or {}
    if isinstance(desk, dict) and isinstance(desk.get("email"), str):
        org.desk, org.desk_key = desk["email"].lower(), desk.get("signing_key")
    committee = data.get("committee") or {}
    org.chair_role = committee.get("chair")
    for member in committee.get("members") or []:
        if isinstance(member, dict) and member.get("area") in AREAS:
            org.areas.setdefault(member["area"], []).append(str(member.get("role")))
    return org
