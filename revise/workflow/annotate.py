"""After publish: step commits on main that add to a proposal's archive record.

A published proposal's file stays in `proposals/` on main as the revision archive. Some steps
come after the publication — the effect evaluation (`evaluate`), the customer notice (`notice`) —
and add one entry to a list of the record. Each is one commit on main by the acting person, with
`Revise-Step` and `Revise-Proposal` trailers, that changes nothing but that entry; the audit
(`revise.workflow.audit`) replays them after the publication like every other step.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from revise.errors import GateError, UsageError
from revise.messages import t
from revise.workflow import gitstore, onmain, proposal, store
from revise.workflow.context import open_context
from revise.workflow.proposal import file_path

# step → the list of the archive record it adds one entry to
ANNOTATIONS = {"evaluate": "evaluations", "notice": "notices"}


def annotate(root: Path, pid: str, step: str, entry: dict[str, Any], summary: str, *,
             remote: str | None = None, actor: gitstore.Author | None = None) -> dict[str, Any]:
    """Add `entry` (its `by` and `at` are set here) to the archive record of published proposal `pid`."""
    from revise.workflow.steps import audit_of, tampered_error
    if step not in ANNOTATIONS:
        raise UsageError(t("wf.annotate-unknown", step=step))
    ctx = open_context(root, remote, actor)
    ctx.member(step)
    onmain.refuse_if_behind(ctx)
    main = gitstore.rev(root, ctx.main_ref) or ""
    raw = gitstore.show(root, main, file_path(pid))
    if raw is None:
        raise GateError(t("wf.annotate-not-published", id=pid))
    data = proposal.loads(raw, f"{ctx.cfg.main_branch}:{file_path(pid)}", proposal.schemas_for(root))
    if data.get("state") != "published":
        raise GateError(t("wf.annotate-not-published", id=pid))
    verdict = audit_of(ctx, store.Located(pid, ctx.main_ref, main, data))
    if not verdict.ok:
        raise tampered_error(pid, verdict)
    key = ANNOTATIONS[step]
    new = {**data, key: [*(data.get(key) or []), {**entry, "by": ctx.actor.email, "at": proposal.now()}]}
    body = proposal.dumps(new)
    proposal.loads(body, file_path(pid), proposal.schemas_for(root))
    onmain.commit(ctx, main, {file_path(pid): body}, ctx.message(step, pid, summary))
    return new
