"""Who may take which step of a proposal now: the one place these rules live.

Each step function asks `require` before it acts; the desk asks `available` which buttons to draw,
and its API turns a refusal into an HTTP answer by its class: `NotAllowed` when the person may not
act (403), `NotNow` when the proposal's state or history forbids the step (409). Both are
`GateError`s, so the CLI's exit code and messages are the same as ever.

A step's rules run in a fixed order (the order the CLI has always reported them in). Rules about
the person alone run before the proposal is read (`data` None); all run once it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from revise.errors import GateError, NotAllowed, NotNow
from revise.messages import t
from revise.workflow.labels import label
from revise.workflow.orgchart import AREAS, OrgChart
from revise.workflow.states import STEPS, next_state

# the steps a person takes on an existing proposal, as the desk and its API name them
ACTIONS = ("score", "draft", "edit", "submit", "review", "pilot-start", "pilot-result", "pilot-decide",
           "pilot-waive", "publish", "reject", "withdraw", "restore")
# the states in which the draft may change (after submit, a change makes the approvals stale)
EDITABLE = tuple(state for state, after in STEPS["draft"].items() if state == after)


@dataclass(slots=True)
class Facts:
    """What the rules look at: the org chart on main, who acts, and (once read) the proposal.

    `state` is the state to judge, when it differs from the recorded one (the status view's
    effective state); `digest` the branch's current draft digest; `tampered` the refusal a
    tampered history gives (None while the history is genuine)."""

    org: OrgChart
    actor: str
    pid: str = ""
    data: dict[str, Any] | None = None
    state: str | None = None
    digest: str | None = None
    tampered: GateError | None = None

    @property
    def current(self) -> str:
        return self.state or (self.data or {}).get("state", "")

    @property
    def author(self) -> str:
        return str((self.data or {}).get("author", "")).lower()


Rule = Callable[[Facts, str, "str | None"], None]


def _after_reading(rule: Rule) -> Rule:
    rule.after_reading = True  # type: ignore[attr-defined]
    return rule


# --- rules about the person -------------------------------------------------------------------
def member(f: Facts, action: str, _area: str | None = None) -> None:
    if f.org.person(f.actor) is None:
        raise NotAllowed(t("wf.not-in-org", email=f.actor, action=t(f"wf.action.{action}")),
                         t("wf.not-in-org.hint", org=f.org.path or "policies/org/"))


def committee(f: Facts, action: str, _area: str | None = None) -> None:
    if f.actor not in f.org.committee():
        key = "wf.committee-only-publish" if action == "publish" else "wf.committee-only"
        raise NotAllowed(t(key, email=f.actor), t("wf.chair-only.hint", chairs=", ".join(f.org.committee()) or "-"))


def chair(f: Facts, action: str, _area: str | None = None) -> None:
    if f.actor not in f.org.chairs():
        raise NotAllowed(t("wf.chair-only", email=f.actor, action=t(f"wf.action.{action}")),
                         t("wf.chair-only.hint", chairs=", ".join(f.org.chairs()) or "-"))


@_after_reading
def eligible(f: Facts, _action: str, area: str | None = None) -> None:
    people = f.org.eligible(area or "")
    if f.actor not in people:
        others = [p for p in people if p != f.author]  # the author may not review their own proposal
        raise NotAllowed(t("wf.not-eligible", email=f.actor, area=label("area", area or "-")),
                         t("wf.not-eligible.hint", eligible=", ".join(others) or "-"))


# --- rules that need the proposal ---------------------------------------------------------------
@_after_reading
def genuine(f: Facts, _action: str, _area: str | None = None) -> None:
    if f.tampered is not None:
        raise f.tampered


@_after_reading
def author_or_member(f: Facts, action: str, area: str | None = None) -> None:
    if f.actor != f.author:
        member(f, action, area)


@_after_reading
def author(f: Facts, _action: str, _area: str | None = None) -> None:
    if f.actor != f.author:
        raise NotAllowed(t("wf.author-only", email=f.actor, author=f.author))


@_after_reading
def not_author(f: Facts, _action: str, _area: str | None = None) -> None:
    if f.actor == f.author:
        raise NotAllowed(t("wf.own-proposal", email=f.actor))


def state_of(step: str) -> Rule:
    """The rule that the proposal's state allows `step` (`revise.workflow.states.STEPS`)."""
    @_after_reading
    def rule(f: Facts, _action: str, _area: str | None = None) -> None:
        next_state(step, f.current, f.pid)
    return rule


@_after_reading
def editable(f: Facts, _action: str, _area: str | None = None) -> None:
    if f.current not in EDITABLE:
        raise NotNow(t("wf.edit-state", id=f.pid, state=label("state", f.current)), t("wf.next.draft", id=f.pid))


@_after_reading
def draft_current(f: Facts, _action: str, _area: str | None = None) -> None:
    if f.digest != ((f.data or {}).get("draft") or {}).get("digest"):
        raise NotNow(t("wf.draft-changed", id=f.pid), t("wf.draft-changed.hint", id=f.pid))


@_after_reading
def pilot_running(f: Facts, _action: str, _area: str | None = None) -> None:
    if not ((f.data or {}).get("pilot") or {}).get("started_at"):
        raise NotNow(t("wf.pilot-not-started", id=f.pid), t("wf.pilot-not-started.hint", id=f.pid))


@_after_reading
def tampered(f: Facts, _action: str, _area: str | None = None) -> None:
    if f.tampered is None:
        raise NotNow(t("wf.restore-not-needed", id=f.pid))




# step → (the action word its messages use, its rules in order)
RULES: dict[str, tuple[str, tuple[Rule, ...]]] = {
    "score": ("score", (member, genuine, state_of("score"))),
    "draft": ("draft", (genuine, author_or_member, state_of("draft"))),
    "edit": ("draft", (genuine, author_or_member, editable)),
    "submit": ("submit", (genuine, author_or_member, state_of("submit"))),
    "review": ("review", (member, genuine, state_of("review"), eligible, not_author, draft_current)),
    "pilot-start": ("pilot", (member, genuine, state_of("pilot-start"))),
    "pilot-result": ("pilot", (member, genuine, state_of("pilot-result"), pilot_running)),
    "pilot-decide": ("pilot", (member, committee, genuine, state_of("pilot-decide"), not_author, pilot_running)),
    "pilot-waive": ("waive", (member, chair, genuine, state_of("pilot-waive"))),
    "publish": ("publish", (member, committee, genuine, state_of("publish"))),
    "reject": ("reject", (member, chair, genuine, state_of("reject"))),
    "withdraw": ("withdraw", (genuine, author, state_of("withdraw"))),
    "restore": ("restore", (tampered, author)),
}


def require(f: Facts, step: str, area: str | None = None) -> None:
    """Refuse (`NotAllowed` or `NotNow`) unless `f.actor` may take `step` now. Before the proposal is
    read (`f.data` None) only the rules about the person run."""
    action, rules = RULES[step]
    for rule in rules:
        if f.data is None and getattr(rule, "after_reading", False):
            continue
        rule(f, action, area)


def refusal(f: Facts, step: str, area: str | None = None) -> GateError | None:
    """Why `f.actor` may not take `step` now, or None when they may."""
    try:
        require(f, step, area)
    except GateError as exc:
        return exc
    return None


@dataclass(frozen=True, slots=True)
class Choice:
    """One step (one review area for `review`) and whether the person may take it now."""

    step: str
    area: str | None
    refusal: GateError | None

    @property
    def allowed(self) -> bool:
        return self.refusal is None

    @property
    def key(self) -> str:
        return f"{self.step}:{self.area}" if self.area else self.step

    def as_dict(self) -> dict[str, Any]:
        why = self.refusal
        return {"step": self.step, "area": self.area, "allowed": why is None,
                "status": None if why is None else (403 if isinstance(why, NotAllowed) else 409),
                "reason": None if why is None else why.message, "hint": None if why is None else why.hint}


def choices(f: Facts) -> list[Choice]:
    """Every step on the proposal, each review area apart, with whether `f.actor` may take it now."""
    found = []
    for step in ACTIONS:
        for area in (AREAS if step == "review" else (None,)):
            if step == "review" and area == "it" and not _it_required(f):
                continue
            found.append(Choice(step, area, refusal(f, step, area)))
    return found


def _it_required(f: Facts) -> bool:
    return bool(((f.data or {}).get("draft") or {}).get("technical"))


def facts_of_status(org: OrgChart, actor: str, st: dict[str, Any], data: dict[str, Any]) -> Facts:
    """The facts for `choices`, from `revise.workflow.view.status` and the genuine proposal data."""
    tampered_error = None
    if st.get("tampered"):
        bad = st["tampered"]
        tampered_error = NotNow(t("wf.tampered", id=st["id"], commit=bad["commit"][:10], author=bad["author"],
                                  reason=bad["reason"]), t("wf.tampered.hint", id=st["id"]))
    state = st["state"] if st["state"] not in ("tampered", "publishing") else data.get("state")
    if st.get("unfinished_publish"):
        state = "publishing"
    return Facts(org, actor.lower(), st["id"], data, state, st["draft"]["current"], tampered_error)
