"""The states of a proposal and the only transitions between them.

    request → scored → draft → review → pilot → approved → published
    rejected / withdrawn from any open state

Besides the forward chain, some steps keep the state (a second score, a pilot result) and
one loops back by design: re-submitting a changed draft (after changes were requested, or a
conflict with main) returns the proposal to `review`, because every approval is now stale.
"""

from __future__ import annotations

from revise.errors import NotNow
from revise.messages import t
from revise.workflow.labels import label

OPEN = ("request", "scored", "draft", "review", "pilot", "approved")
CLOSED = ("published", "rejected", "withdrawn")

# step → {state it may start from: state it leads to}
STEPS: dict[str, dict[str, str]] = {
    "score": {"request": "scored", "scored": "scored"},
    "draft": {"scored": "draft", "draft": "draft", "review": "review", "pilot": "pilot", "approved": "approved"},
    "submit": {"draft": "review", "review": "review", "pilot": "review", "approved": "review"},
    "review": {"review": "review"},
    "pilot-start": {"pilot": "pilot"},
    "pilot-result": {"pilot": "pilot"},
    "pilot-decide": {"pilot": "pilot"},
    "pilot-waive": {"pilot": "pilot"},
    "publish": {"approved": "published"},
    "reject": {s: "rejected" for s in OPEN},
    "withdraw": {s: "withdrawn" for s in OPEN},
}

# the forward moves a step may make once its gates are met
FORWARD = {("review", "pilot"), ("pilot", "approved")}


def next_state(step: str, state: str, pid: str) -> str:
    """Where `step` takes a proposal in `state`; `NotNow` naming the allowed states otherwise."""
    moves = STEPS[step]
    if state not in moves:
        allowed = "、".join(label("state", s) for s in moves)
        raise NotNow(t("wf.bad-transition", id=pid, step="revise " + step.split("-")[0], state=label("state", state)),
                        t("wf.bad-transition.hint", allowed=allowed))
    return moves[state]
