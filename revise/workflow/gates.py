"""The gates a proposal must pass: reviews on the exact draft, the pilot, and signatures.

The draft digest is a SHA-256 over everything the merge would bring to main: every file the
branch changes since it left main, with its blob ids before and after, except the proposal's own
file (which every step changes). An approval records the digest it saw; when the branch's digest
differs later, it is stale. A proposal branch may change only `policies/` and its own proposal
file: anything else (`revise.yaml`, schemas, CI files, code) is `forbidden` and refused at submit
and publish — changes to the tooling go through the repository's ordinary code review.

Each review and pilot decision counts through the step commit that made it (`made_by`, from
`revise.workflow.audit`); with signatures required, that commit's signature must verify.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from revise.corpus.documents import Document
from revise.corpus.yamlsafe import YamlProblem, decode, parse
from revise.workflow import gitstore, identity
from revise.workflow.orgchart import AREAS, OrgChart
from revise.workflow.proposal import empty_draft, file_path

POLICIES = "policies"


@dataclass(slots=True)
class Draft:
    """What the branch changes, relative to where it left main (its own proposal file aside)."""

    base: str
    tip: str
    files: list[tuple[str, str, str]]

    @property
    def digest(self) -> str:
        text = "".join(f"{path}\0{old}\0{new}\n" for path, old, new in sorted(self.files))
        return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()

    @property
    def policies(self) -> list[tuple[str, str, str]]:
        return [row for row in self.files if row[0].startswith(POLICIES + "/")]

    @property
    def documents(self) -> list[str]:
        return sorted({Path(path).stem for path, _, _ in self.policies})

    @property
    def forbidden(self) -> list[str]:
        """Changed paths a proposal may not change: anything outside policies/."""
        return sorted(path for path, _, _ in self.files if not path.startswith(POLICIES + "/"))


def draft(root: Path, main: str, tip: str, pid: str) -> Draft:
    base = gitstore.merge_base(root, f"refs/heads/{main}", tip) or tip
    own = file_path(pid)
    return Draft(base, tip, [row for row in gitstore.changed_files(root, base, tip, None) if row[0] != own])


def technical(root: Path, d: Draft) -> bool:
    """True when a changed clause (before or after) carries a measurable target or the `technical` tag."""
    for path, old, new in d.policies:
        before, after = _clauses(root, path, old), _clauses(root, path, new)
        for cid in set(before) | set(after):
            a, b = before.get(cid), after.get(cid)
            if a != b and any(_is_technical(c) for c in (a, b) if c is not None):
                return True
    return False


def _clauses(root: Path, path: str, blob: str) -> dict[str, dict[str, Any]]:
    if set(blob) == {"0"}:
        return {}
    raw = gitstore.git_bytes(root, "cat-file", "blob", blob)
    try:
        parsed = parse(decode(raw))
    except YamlProblem:
        return {}
    if not isinstance(parsed.data, dict):
        return {}
    return {cid: item for cid, _p, item in Document(path, parsed.data, parsed).clauses()}


def _is_technical(clause: dict[str, Any]) -> bool:
    return bool(clause.get("targets")) or "technical" in (clause.get("tags") or [])


@dataclass(slots=True)
class Gate:
    area: str
    required: bool
    status: str
    by: str | None = None
    at: str | None = None
    eligible: list[str] = field(default_factory=list)
    message: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"area": self.area, "required": self.required, "status": self.status, "by": self.by,
                "at": self.at, "eligible": self.eligible, "message": self.message}

    @property
    def met(self) -> bool:
        return not self.required or self.status in ("approved", "pass", "waived")


def latest_reviews(data: dict[str, Any]) -> dict[str, tuple[int, dict[str, Any]]]:
    """The last review recorded for each area, with its place in the list."""
    found: dict[str, tuple[int, dict[str, Any]]] = {}
    for i, review in enumerate(data.get("reviews") or []):
        found[review["area"]] = (i, review)
    return found


class Binding:
    """Which step commit made each review and the pilot decision, and (with signatures required)
    whether that commit's signature verifies. Without `signed`, a made entry is enough."""

    def __init__(self, made_by: dict[str, str] | None, signed: dict[str, bool] | None = None) -> None:
        self.made_by, self.signed = made_by, signed

    def holds(self, key: str) -> bool:
        if self.made_by is None:  # a step deciding its own next state: its history was audited just before
            return True
        commit = self.made_by.get(key)
        return commit is not None and (self.signed is None or self.signed.get(commit, False))


def review_gates(data: dict[str, Any], org: OrgChart, digest: str | None, it_required: bool, binding: Binding) -> list[Gate]:
    """One gate per review area, each satisfied only by the step commit that made its review."""
    latest = latest_reviews(data)
    gates = []
    for area in AREAS:
        required = area != "it" or it_required
        gate = Gate(area, required, "pending", eligible=[e for e in org.eligible(area) if e != data.get("author")])
        if area in latest:
            i, review = latest[area]
            gate.by, gate.at, gate.message = review["by"], review["at"], review.get("message")
            gate.status = _review_status(review, digest, gate.eligible, data, binding.holds(f"review:{i}"))
        gates.append(gate)
    return gates


def _review_status(review: dict[str, Any], digest: str | None, eligible: list[str], data: dict[str, Any], bound: bool) -> str:
    if review["decision"] == "reject":
        return "rejected"
    if review["decision"] == "request-changes":
        return "changes-requested"
    if review["by"] not in eligible or review["by"] == data.get("author"):
        return "ineligible"
    if not bound:
        return "unsigned"
    if digest is None or review.get("digest") != digest:
        return "stale"
    return "approved"


def pilot_gate(data: dict[str, Any], org: OrgChart, binding: Binding) -> Gate:
    pilot = data.get("pilot") or {}
    outcome = pilot.get("outcome")
    status = outcome or ("running" if pilot.get("started_at") else "pending")
    eligible = org.chairs() if outcome == "waived" else [e for e in org.committee() if e != data.get("author")]
    gate = Gate("pilot", not empty_draft(data), status, pilot.get("by") or pilot.get("started_by"), pilot.get("at") or pilot.get("started_at"),
                eligible=eligible, message=pilot.get("message"))
    if outcome and pilot.get("by") not in eligible:
        gate.status = "ineligible"
    elif outcome and not binding.holds("pilot"):
        gate.status = "unsigned"
    return gate


def bad_signatures(sigs: list[identity.Signature], org: OrgChart) -> list[identity.Signature]:
    """Commits that fail verification; a `request` by someone outside the org chart is exempt (documented)."""
    return [s for s in sigs if not s.ok and not (s.step == "request" and org.person(s.author) is None)]
