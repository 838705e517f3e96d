"""Who acted, and whether git can prove it.

The actor is git's author identity. With `require_signatures: true` every step commit must be
SSH-signed (git `gpg.format=ssh`) with the key the org chart on main lists for its author:
revise writes an allowed-signers file from the org chart and asks git to verify each commit.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from revise.workflow import gitstore
from revise.workflow.orgchart import OrgChart


@dataclass(frozen=True, slots=True)
class Signature:
    """One commit's signature check: `ok` only when git says good and the signer is the author —
    or, for a step the desk took for its author (`Revise-Via`), the desk, which also committed it."""

    commit: str
    author: str
    status: str
    signer: str
    step: str
    area: str = ""
    via: str = ""
    committer: str = ""
    desk: str | None = None

    @property
    def ok(self) -> bool:
        if self.status != "G":
            return False
        if self.via and self.desk:
            return self.signer.lower() == self.desk and self.committer.lower() == self.desk
        return self.signer.lower() == self.author.lower()

    @property
    def problem(self) -> str:
        """`unsigned`, `unknown-key`, `wrong-signer` or `bad` — the reason it is not `ok`."""
        if self.status == "N":
            return "unsigned"
        if self.status in ("E", "U") or (self.status == "G" and not self.signer):
            return "unknown-key"
        if self.status == "G":
            return "wrong-signer"
        return "bad"


def allowed_signers(org: OrgChart) -> str:
    """The allowed-signers file text: one `email namespaces="git" key` line per person with a key."""
    lines = []
    for person in sorted(org.people.values(), key=lambda p: p.email):
        if person.signing_key:
            key = " ".join(person.signing_key.split()[:2])
            lines.append(f'{person.email} namespaces="git" {key}')
    if org.desk and org.desk_key:
        lines.append(f'{org.desk} namespaces="git" {" ".join(org.desk_key.split()[:2])}')
    return "\n".join(lines) + "\n"


def verify(root: Path, org: OrgChart, commits: list[str]) -> list[Signature]:
    """Check the signature of each commit against the org chart's keys."""
    if not commits:
        return []
    with tempfile.TemporaryDirectory(prefix="revise-signers-") as tmp:
        signers = Path(tmp) / "allowed_signers"
        signers.write_text(allowed_signers(org), encoding="utf-8")
        fmt = ("%H%x00%ae%x00%G?%x00%GS%x00%(trailers:key=Revise-Step,valueonly,separator=)%x00"
               "%(trailers:key=Revise-Area,valueonly,separator=)%x00%(trailers:key=Revise-Via,valueonly,separator=)%x00%ce%x1e")
        out = gitstore.git(root, "-c", f"gpg.ssh.allowedSignersFile={signers}", "log", "--no-walk=unsorted",
                           f"--format={fmt}", *commits)
    found = []
    for record in filter(None, (r.strip("\n") for r in out.split("\x1e"))):
        sha, email, status, signer, step, area, via, committer = (record.split("\0") + [""] * 8)[:8]
        found.append(Signature(sha, email, status, signer, step.strip(), area.strip(), via.strip(), committer, org.desk))
    return found


def branch_commits(root: Path, base: str, tip: str) -> list[str]:
    """The commits on `tip` that are not on `base`, oldest first."""
    out = gitstore.git(root, "rev-list", "--reverse", f"{base}..{tip}")
    return out.split()
