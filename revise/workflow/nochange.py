"""A periodic review that ends "no change needed": signed off by the committee, no version bumped.

It is the ordinary procedure with one allowance at each of three steps, and nothing else new:

- `submit` accepts an empty draft for a proposal of source `periodic-review` (its digest is then
  `EMPTY_DIGEST`: the branch changes nothing but its own proposal file);
- the required reviews (legal, business; IT is never required, nothing technical changed) approve
  that empty draft, and the last approval moves it straight to `approved`: there is nothing to pilot;
- `revise publish ID --no-change`, by a committee member, re-checks the approvals on the empty
  draft, records `publication: {no_change: true, reviewed: [<targets>], by, at, tag}` and merges
  the branch — which brings only the archive record — into main, tagged like any publication.

The audit (`revise.workflow.audit`) accepts each of these only in exactly this form, and the review
history (`revise.workflow.reviewlog`) counts the merge as a review of every document in `reviewed`.
"""

from __future__ import annotations

from typing import Any

from revise.errors import GateError
from revise.messages import t
from revise.workflow import gates, proposal, store
from revise.workflow.context import Context
from revise.workflow.proposal import empty_draft, file_path

SOURCE = "periodic-review"


def refuse_unless_allowed(loc: store.Located, d: gates.Draft) -> None:
    """`--no-change` is for a periodic review whose draft, submitted and as it stands, changes nothing."""
    data = loc.data
    if data.get("source") != SOURCE:
        raise GateError(t("periodic.not-periodic", id=loc.pid, source=data.get("source", "-")),
                        t("periodic.not-periodic.hint", id=loc.pid))
    if d.files or not empty_draft(data):
        changed = d.documents or (data.get("draft") or {}).get("changed") or [p for p, _o, _n in d.files]
        raise GateError(t("periodic.has-changes", id=loc.pid, docs=", ".join(changed) or "-"),
                        t("periodic.has-changes.hint", id=loc.pid))


def published_files(ctx: Context, loc: store.Located) -> tuple[dict[str, Any], dict[str, bytes | None]]:
    """The archive record as a no-change publication leaves it, and the one file it changes."""
    data = dict(loc.data)
    data["state"] = "published"
    data["publication"] = {"no_change": True, "reviewed": list(data["targets"]), "by": ctx.actor.email,
                           "at": proposal.now(), "tag": f"{ctx.cfg.tag_prefix}{loc.pid}"}
    raw = proposal.dumps(data)
    proposal.loads(raw, file_path(loc.pid), proposal.schemas_for(ctx.root))
    return data, {file_path(loc.pid): raw}
