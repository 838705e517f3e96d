"""The gates a proposal must pass: reviews on the exact draft, the pilot, and signatures.

The draft digest is a SHA-256 over the policy changes of the branch (every changed file under
`policies/` with its blob ids before and after, relative to where the branch left main). An
approval records the digest it saw; when the branch's digest differs later, it is stale.
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

POLICIES = "policies"


@dataclass(slots=True)
class Draft:
    """What the branch changes under policies/, relative to where it left main."""

    base: str
    tip: str
    files: list[tuple[str, str, str]]

    @property
    def digest(self) -> str:
        text = "".join(f"{path}\0{old}\0{new}\n" for path, old, new in sorted(self.files))
        return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()

    @property
    def documents(self) -> list[str]:
        return sorted({Path(path).stem for path, _, _ in self.files})


def draft(root: Path, main: str, tip: str) -> Draft:
    base = gitstore.merge_base(root, f"refs/heads/{main}", tip) or tip
    return Draft(base, tip, gitstore.changed_files(root, base, tip, POLICIES))


def technical(root: Path, d: Draft) -> bool:
    """True when a changed clause (before or after) carries a measurable target or the `technical` tag."""
    for path, old, new in d.files:
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


def latest_reviews(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The last review recorded for each area."""
    found: dict[str, dict[str, Any]] = {}
    for review in data.get("reviews") or []:
        found[review["area"]] = review
    return found


def review_gates(data: dict[str, Any], org: OrgChart, digest: str | None, it_required: bool,
                 signed: dict[tuple[str, str], bool] | None) -> list[Gate]:
    """One gate per review area; `signed[(area, email)]` is False when that review's commit fails verification."""
    latest = latest_reviews(data)
    gates = []
    for area in AREAS:
        required = area != "it" or it_required
        review = latest.get(area)
        gate = Gate(area, required, "pending", eligible=[e for e in org.eligible(area) if e != data.get("author")])
        if review:
            gate.by, gate.at, gate.message = review["by"], review["at"], review.get("message")
            gate.status = _review_status(review, digest, gate.eligible, data, signed)
        gates.append(gate)
    return gates


def _review_status(review: dict[str, Any], digest: str | None, eligible: list[str], data: dict[str, Any],
                   signed: dict[tuple[str, str], bool] | None) -> str:
    if review["decision"] == "reject":
        return "rejected"
    if review["decision"] == "request-changes":
        return "changes-requested"
    if review["by"] not in eligible or review["by"] == data.get("author"):
        return "ineligible"
    if signed is not None and not signed.get((review["area"], review["by"]), False):
        return "unsigned"
    if digest is None or review.get("digest") != digest:
        return "stale"
    return "approved"


def pilot_gate(data: dict[str, Any], org: OrgChart, signed: dict[tuple[str, str], bool] | None) -> Gate:
    pilot = data.get("pilot") or {}
    outcome = pilot.get("outcome")
    status = outcome or ("running" if pilot.get("started_at") else "pending")
    gate = Gate("pilot", True, status, pilot.get("by") or pilot.get("started_by"), pilot.get("at") or pilot.get("started_at"),
                eligible=org.chairs() if outcome == "waived" else [e for e in org.committee() if e != data.get("author")],
                message=pilot.get("message"))
    if outcome and signed is not None and not signed.get(("pilot", pilot.get("by", "")), False):
        gate.status = "unsigned"
    return gate


def signature_map(sigs: list[identity.Signature]) -> dict[tuple[str, str], bool]:
    """`{(area, email): ok}` for the last review/pilot commit by each person in each area."""
    found: dict[tuple[str, str], bool] = {}
    for sig in sigs:
        if sig.step == "review" and sig.area:
            found[(sig.area, sig.author.lower())] = sig.ok
        elif sig.step == "pilot":
            found[("pilot", sig.author.lower())] = sig.ok
    return found


def bad_signatures(sigs: list[identity.Signature], org: OrgChart) -> list[identity.Signature]:
    """Commits that fail verification; a `request` by someone outside the org chart is exempt (documented)."""
    return [s for s in sigs if not s.ok and not (s.step == "request" and org.person(s.author) is None)]
