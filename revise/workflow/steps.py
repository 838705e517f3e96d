"""The steps of the revision procedure, each one commit on the proposal's branch.

Every step reads the proposal from its branch, checks who is acting and whether the step is
allowed in the current state, writes the new proposal file (validated against its schema)
and commits it with a `Revise-Step` trailer. A refused step raises before any ref moves.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from revise.errors import GateError, NotNow, UsageError
from revise.messages import t
from revise.workflow import gates, gitstore, permissions, proposal, store, trail
from revise.workflow.audit import Verdict
from revise.workflow.context import Context, open_context
from revise.workflow.labels import label
from revise.workflow.proposal import branch_name, file_path
from revise.workflow.states import next_state

SOURCES = ("customer-feedback", "internal", "benchmark", "regulation", "monitoring", "periodic-review", "drill")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


# --- reading ------------------------------------------------------------------------------------
def load(ctx: Context, pid: str) -> store.Located:
    """The proposal to act on, brought to a local branch position we may commit on top of.

    Refused while its history is tampered: the file then says what no step commit did."""
    loc = locate(ctx, pid)
    verdict = audit_of(ctx, loc)
    if not verdict.ok:
        raise tampered_error(pid, verdict)
    ctx.voided = frozenset(verdict.voided)
    return loc


def locate(ctx: Context, pid: str) -> store.Located:
    """The proposal's branch, refusing a local branch behind its remote while it is checked out."""
    loc = store.locate(ctx.root, pid, ctx.remote)
    local = gitstore.rev(ctx.root, f"{store.LOCAL}{pid}")
    if local and local != loc.commit:
        checked_out = gitstore.worktree_heads(ctx.root).get(f"{store.LOCAL}{pid}")
        if checked_out is not None:
            raise GateError(t("wf.behind-remote", id=pid), t("wf.behind-remote.hint", branch=branch_name(pid)))
    return loc


def audit_of(ctx: Context, loc: store.Located) -> Verdict:
    """The verdict on the proposal's step commits (see `revise.workflow.audit`)."""
    return trail.of(ctx.root, loc.pid, loc.commit, ctx.main_ref, ctx.cfg.tag_prefix, ctx.org.desk)


def tampered_error(pid: str, verdict: Verdict) -> GateError:
    bad = verdict.tampered
    assert bad is not None
    return NotNow(t("wf.tampered", id=pid, commit=bad.sha[:10], author=bad.author,
                       reason=t(f"wf.tamper.{verdict.reason}", **verdict.params)), t("wf.tampered.hint", id=pid))


def allow(ctx: Context, step: str, pid: str = "", loc: store.Located | None = None, *, area: str | None = None,
          digest: str | None = None) -> None:
    """Refuse unless the actor may take `step` (`revise.workflow.permissions`); before the proposal
    is read (`loc` None) only the rules about the person are asked."""
    facts = permissions.Facts(ctx.org, ctx.actor.email, loc.pid if loc else pid, loc.data if loc else None, digest=digest)
    permissions.require(facts, step, area)


def _commit(ctx: Context, loc: store.Located, step: str, data: dict[str, Any], summary: str,
            trailers: dict[str, str] | None = None) -> str:
    """Validate `data`, commit it as the proposal file on the branch, push when a remote is given."""
    ctx.check_history(loc.commit)
    raw = proposal.dumps(data)
    proposal.loads(raw, file_path(loc.pid), proposal.schemas_for(ctx.root))
    expect = loc.local_tip
    msg = ctx.message(step, loc.pid, summary, trailers)
    outsider_request = step == "request" and ctx.org.person(ctx.actor.email) is None
    sign = ctx.cfg.require_signatures and not outsider_request
    new = store.commit(ctx.root, loc.pid, loc.commit, {file_path(loc.pid): raw}, msg,
                       sign=sign, verify=ctx.verifier(), expect=expect, actor=ctx.actor)
    if ctx.remote:
        store.push_or_undo(ctx.root, ctx.remote, loc.pid, new, expect, [file_path(loc.pid)])
    return new


def _clean_text(name: str, value: str, *, single_line: bool = False) -> str:
    value = value.strip()
    if any("\udc80" <= ch <= "\udcff" for ch in value):  # bytes of a command line that were not UTF-8
        raise UsageError(t("wf.bad-encoding", field=name), t("wf.bad-encoding.hint"))
    if _CONTROL.search(value) or (single_line and ("\n" in value or "\r" in value)):
        raise UsageError(t("wf.bad-text", field=name))
    return value


# --- request ------------------------------------------------------------------------------------
def request(root: Path, *, title: str, source: str, targets: list[str], background: str = "",
            evidence: list[str] | tuple[str, ...] = (), remote: str | None = None,
            actor: gitstore.Author | None = None) -> str:
    """File a new proposal: its id, file and branch `revise/<ID>` off main; returns the id."""
    ctx = open_context(root, remote, actor)
    title = _clean_text("title", title, single_line=True)
    if not title:
        raise UsageError(t("wf.empty-title"))
    if source not in SOURCES:
        raise UsageError(t("wf.bad-source", source=source, allowed=", ".join(SOURCES)))
    targets = _check_targets(ctx, targets)
    evidence = [_clean_text("evidence", e) for e in evidence if e.strip()]
    background = _clean_text("background", background)
    if remote:
        store.fetch(root, remote)
    for _attempt in range(20):
        pid = _new_id(ctx)
        data = proposal.new(pid, title=title, source=source, targets=targets, background=background,
                            evidence=evidence, author=ctx.actor.email)
        loc = store.Located(pid, f"{store.LOCAL}{pid}", gitstore.rev(root, ctx.main_ref) or "", data)
        try:
            _commit(ctx, loc, "request", data, title)
        except store.RefMoved:
            continue
        except store.PushRejected:
            if not _pushed_elsewhere(ctx, pid):
                raise
            continue
        return pid
    raise GateError(t("wf.no-free-id"))


def _pushed_elsewhere(ctx: Context, pid: str) -> bool:
    """After a refused push of a new branch: someone else took the id; drop ours and try the next."""
    store.fetch(ctx.root, ctx.remote or "")
    return gitstore.rev(ctx.root, f"refs/remotes/{ctx.remote}/{branch_name(pid)}") is not None


def _new_id(ctx: Context) -> str:
    used = set(store.candidates(ctx.root)) | store.archived_ids(ctx.root, ctx.cfg.main_branch)
    return proposal.next_id(used, date.today().year)


def _check_targets(ctx: Context, targets: list[str]) -> list[str]:
    if not targets:
        raise UsageError(t("wf.no-targets"))
    known = {Path(p).stem for p, _ in gitstore.ls_tree(ctx.root, ctx.main_ref, "policies") if p.endswith((".yaml", ".yml"))}
    seen: list[str] = []
    for target in targets:
        if target not in known:
            raise UsageError(t("wf.unknown-target", target=target), t("wf.unknown-target.hint", known=", ".join(sorted(known)[:30])))
        if target not in seen:
            seen.append(target)
    return seen


# --- score --------------------------------------------------------------------------------------
def score(root: Path, pid: str, *, impact: int, cost: int, urgency: int, note: str = "",
          remote: str | None = None, actor: gitstore.Author | None = None) -> dict[str, Any]:
    """Record the actor's score (replacing an earlier one by the same person); state → scored."""
    ctx = open_context(root, remote, actor)
    allow(ctx, "score", pid)
    for name, value in (("impact", impact), ("cost", cost), ("urgency", urgency)):
        if isinstance(value, bool) or not isinstance(value, int) or not ctx.cfg.scale_min <= value <= ctx.cfg.scale_max:
            raise UsageError(t("wf.bad-score", field=name, value=value, min=ctx.cfg.scale_min, max=ctx.cfg.scale_max))
    loc = load(ctx, pid)
    allow(ctx, "score", loc=loc)
    data = dict(loc.data)
    data["state"] = next_state("score", data["state"], pid)
    entry: dict[str, Any] = {"by": ctx.actor.email, "impact": impact, "cost": cost, "urgency": urgency}
    if note.strip():
        entry["note"] = _clean_text("note", note)
    entry["at"] = proposal.now()
    data["scores"] = [s for s in data.get("scores") or [] if s["by"] != ctx.actor.email] + [entry]
    _commit(ctx, loc, "score", data, f"{impact}/{cost}/{urgency}")
    return data


# --- draft and submit ---------------------------------------------------------------------------
def draft(root: Path, pid: str, remote: str | None = None, actor: gitstore.Author | None = None,
          checkout: bool = True) -> dict[str, Any]:
    """Start the draft (state scored → draft) and check out `revise/<ID>` for editing policies/.

    The desk edits through commits and never checks out (`checkout=False`)."""
    ctx = open_context(root, remote, actor)
    loc = load(ctx, pid)
    allow(ctx, "draft", loc=loc)
    state = next_state("draft", loc.data["state"], pid)
    here = gitstore.head_ref(root) if checkout else None
    dirty = gitstore.dirty(root) if checkout else []
    if dirty and here != f"{store.LOCAL}{pid}":
        raise GateError(t("wf.dirty", files=", ".join(dirty[:10])), t("wf.dirty.hint"))
    data = dict(loc.data)
    if state != data["state"]:
        data["state"] = state
        _commit(ctx, loc, "draft", data, label("state", "draft"))
    elif not gitstore.rev(root, f"{store.LOCAL}{pid}"):
        gitstore.update_refs(root, [(f"{store.LOCAL}{pid}", loc.commit, None)])
    if checkout and here != f"{store.LOCAL}{pid}":
        gitstore.git(root, "checkout", "--quiet", branch_name(pid))
    return data


def submit(root: Path, pid: str, remote: str | None = None, actor: gitstore.Author | None = None) -> dict[str, Any]:
    """Commit the pending changes under policies/, check them, record the draft digest; state → review."""
    from revise.workflow.submission import submit as run
    return run(root, pid, remote, actor)


# --- review -------------------------------------------------------------------------------------
def review(root: Path, pid: str, *, area: str, decision: str, message: str = "",
           remote: str | None = None, actor: gitstore.Author | None = None) -> dict[str, Any]:
    """Record a review of the exact current draft; when every required area approves, state → pilot."""
    ctx = open_context(root, remote, actor)
    allow(ctx, "review", pid, area=area)
    if area not in ("legal", "business", "it") or decision not in ("approve", "reject", "request-changes"):
        raise UsageError(t("wf.bad-review", area=area, decision=decision))
    loc = load(ctx, pid)
    data = dict(loc.data)
    current = gates.draft(root, ctx.cfg.main_branch, loc.commit, pid).digest if data["state"] == "review" else None
    allow(ctx, "review", loc=loc, area=area, digest=current)
    entry: dict[str, Any] = {"area": area, "by": ctx.actor.email, "decision": decision, "digest": current}
    if message.strip():
        entry["message"] = _clean_text("message", message)
    entry["at"] = proposal.now()
    data["reviews"] = list(data.get("reviews") or []) + [entry]
    it_required = bool((data.get("draft") or {}).get("technical"))
    all_met = all(g.met for g in gates.review_gates(data, ctx.org, current, it_required, gates.Binding(None)))
    if all_met:
        data["state"] = "approved" if current == proposal.EMPTY_DIGEST else "pilot"  # nothing to pilot
    _commit(ctx, loc, "review", data, f"{area} {decision}",
            {"Revise-Area": area, "Revise-Decision": decision, "Revise-Digest": current})
    return data


# --- reject and withdraw ------------------------------------------------------------------------
def reject(root: Path, pid: str, *, reason: str, remote: str | None = None,
           actor: gitstore.Author | None = None) -> dict[str, Any]:
    """The committee chair closes the proposal (any open state → rejected)."""
    ctx = open_context(root, remote, actor)
    allow(ctx, "reject", pid)
    return _close(ctx, pid, "reject", "rejected", reason)


def withdraw(root: Path, pid: str, *, reason: str = "", remote: str | None = None,
             actor: gitstore.Author | None = None) -> dict[str, Any]:
    """The author takes the proposal back (any open state → withdrawn)."""
    ctx = open_context(root, remote, actor)
    loc = load(ctx, pid)
    allow(ctx, "withdraw", loc=loc)
    return _close(ctx, pid, "withdraw", "withdrawn", reason, loc)


def _close(ctx: Context, pid: str, step: str, state: str, reason: str, loc: store.Located | None = None) -> dict[str, Any]:
    reason = _clean_text("reason", reason)
    if step == "reject" and not reason:
        raise UsageError(t("wf.reason-required", flag="-m"))
    loc = loc or load(ctx, pid)
    allow(ctx, step, loc=loc)
    data = dict(loc.data)
    data["state"] = next_state(step, data["state"], pid)
    data["closed"] = {"by": ctx.actor.email, "at": proposal.now(), **({"reason": reason} if reason else {})}
    _commit(ctx, loc, step, data, reason or label("state", state))
    return data


# --- restore ------------------------------------------------------------------------------------
def restore(root: Path, pid: str, remote: str | None = None, actor: gitstore.Author | None = None) -> dict[str, Any]:
    """The author puts the proposal file back as its genuine step commits left it before the first
    tampering: one `restore` commit; steps taken on the tampered file must be taken again."""
    ctx = open_context(root, remote, actor)
    loc = locate(ctx, pid)
    verdict = audit_of(ctx, loc)
    if verdict.ok:
        raise UsageError(t("wf.restore-not-needed", id=pid))
    good = verdict.restorable
    if good is None:
        raise GateError(t("wf.restore-impossible", id=pid, commit=verdict.tampered.sha[:10] if verdict.tampered else "-"))
    facts = permissions.Facts(ctx.org, ctx.actor.email, pid, good, tampered=tampered_error(pid, verdict))
    permissions.require(facts, "restore")
    raw = proposal.dumps(good)
    msg = ctx.message("restore", pid, t("wf.restore-summary", commit=verdict.tampered.sha[:10] if verdict.tampered else "-"))
    sign = ctx.cfg.require_signatures
    new = store.commit(ctx.root, pid, loc.commit, {file_path(pid): raw}, msg, sign=sign, verify=ctx.verifier(),
                       expect=loc.local_tip, actor=ctx.actor)
    if ctx.remote:
        store.push_or_undo(ctx.root, ctx.remote, pid, new, loc.local_tip, [file_path(pid)])
    return good
