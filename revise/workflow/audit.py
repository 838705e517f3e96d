"""Judging a proposal's history: which commits are genuine steps, and is the proposal tampered?

The proposal file is a view of the step commits. Replaying the commits that touched it, oldest
first, each change is accepted only when it is exactly what its step makes: a review commit adds
one review whose reviewer is the commit's author, with the area, decision and digest its
trailers name, and changes nothing else; a score replaces only its author's score; and so on.
The commit must be the act of its author: committed by the author (the CLI) or by the desk
(`Revise-Via`, committed by the org chart's desk identity). A merge that touches the file, a plain
edit, an entry for someone who did not make the commit, a step rewritten by someone else (a
rebase), a file deleted: each makes the proposal **tampered** from that commit on. A later
`restore` commit by the proposal's author that puts back the last genuine state clears it.

Eligibility (who holds which role) is not judged here but by the gates, with the org chart on main.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from revise.workflow.ledger import DUPLICATE, Commit
from revise.workflow.proposal import empty_draft, file_path
from revise.workflow.states import STEPS

Data = dict[str, Any]
Problem = tuple[str, dict[str, Any]]  # a message key under `wf.tamper.` and its parameters
_PILOT_STEPS = {"start": "pilot-start", "result": "pilot-result", "pass": "pilot-decide", "fail": "pilot-decide",
                "waived": "pilot-waive"}
_DECISION_FIELDS = ("outcome", "by", "at", "message")
PERIODIC = "periodic-review"  # the one source whose draft may change nothing


@dataclass(slots=True)
class Verdict:
    """What the history says: the genuine steps in order, and the first tampering still in force."""

    steps: list[Commit] = field(default_factory=list)
    tampered: Commit | None = None
    reason: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    data: Data | None = None                              # the proposal as the genuine steps leave it
    made_by: dict[str, str] = field(default_factory=dict)  # "review:<i>", "pilot", "score:<email>" → commit
    restorable: Data | None = None                         # while tampered: the last genuine state
    voided: set[str] = field(default_factory=set)          # commits between a tampering and its restore

    @property
    def ok(self) -> bool:
        return self.tampered is None


def audit(pid: str, commits: list[Commit], read: Callable[[str], Data | None], desk: str | None) -> Verdict:
    """Replay `commits` (oldest first) for proposal `pid`; `read(blob)` gives a proposal file's data
    (None when unreadable); `desk` is the desk's committer e-mail from the org chart, if any."""
    path = file_path(pid)
    verdict = Verdict()
    data: Data | None = None
    blob: str | None = None
    good: tuple[Data | None, dict[str, str]] = (None, {})
    pending: set[str] = set()  # commits since the tampering: voided if a restore follows
    for commit in commits:
        change = commit.changes.get(path)
        if change is None:
            if verdict.tampered is not None:
                pending.add(commit.sha)
            continue
        old_blob, new_blob = change
        new = None if _zero(new_blob) else read(new_blob)
        if verdict.tampered is None:
            problem = _chain(blob, old_blob) or _unreadable(new_blob, new) or judge(pid, commit, data, new, desk)
            if problem:
                verdict.tampered, (verdict.reason, verdict.params) = commit, problem
                good = (data, dict(verdict.made_by))
                verdict.restorable = data
                pending = {commit.sha}
            else:
                _note(verdict, commit, data, new)
                data = new
        elif _restores(commit, good[0], new, desk):
            verdict.tampered, verdict.reason, verdict.params, verdict.restorable = None, "", {}, None
            verdict.made_by = good[1]
            verdict.voided |= pending
            verdict.steps.append(commit)
            data = new
        else:
            pending.add(commit.sha)
        blob = new_blob
    verdict.data = data
    return verdict


def _zero(blob: str) -> bool:
    return set(blob) == {"0"}


def _chain(before: str | None, old_blob: str) -> Problem | None:
    """The file must change from what the previous step left (else a commit outside the branch did)."""
    if (before or "0" * 40) != old_blob and not (before is None and _zero(old_blob)):
        return "broken-chain", {}
    return None


def _unreadable(blob: str, new: Data | None) -> Problem | None:
    return ("unreadable", {}) if new is None and not _zero(blob) else None


def _note(verdict: Verdict, commit: Commit, old: Data | None, new: Data | None) -> None:
    """Remember the genuine step and which commit made which entry (signatures bind to it)."""
    verdict.steps.append(commit)
    if new is None:
        return
    if commit.step == "review":
        verdict.made_by[f"review:{len(new.get('reviews') or []) - 1}"] = commit.sha
    elif commit.step == "pilot" and commit.trailers.get("Revise-Pilot") in ("pass", "fail", "waived"):
        verdict.made_by["pilot"] = commit.sha
    elif commit.step == "score":
        verdict.made_by[f"score:{commit.author}"] = commit.sha


def _restores(commit: Commit, good: Data | None, new: Data | None, desk: str | None) -> bool:
    return (commit.step == "restore" and good is not None and new == good and commit.author == good.get("author")
            and _identity(commit, desk) is None and not commit.is_merge)


def judge(pid: str, commit: Commit, old: Data | None, new: Data | None, desk: str | None) -> Problem | None:
    """Why this change of the proposal file is not the step its commit claims (None when it is)."""
    if commit.is_merge:
        return "merge", {}
    if DUPLICATE in commit.trailers:
        return "trailers", {"key": commit.trailers[DUPLICATE]}
    step = commit.step
    if not step or step == "restore":
        return "not-a-step", {}
    if commit.trailers.get("Revise-Proposal") != pid:
        return "wrong-proposal", {"other": commit.trailers.get("Revise-Proposal", "-")}
    problem = _identity(commit, desk)
    if problem:
        return problem
    if new is None:
        return "deleted", {}
    if step == "request":
        return _request(pid, commit, old, new)
    if old is None:
        return "no-request", {}
    rule = _RULES.get(step)
    if rule is None:
        return "unknown-step", {"step": step}
    return rule(commit, old, new)


def _identity(commit: Commit, desk: str | None) -> Problem | None:
    """A step is the act of its author: committed by them, or by the desk acting for them."""
    if commit.committer == commit.author:
        return None
    if commit.via and desk and commit.committer == desk.lower():
        return None
    return "rewritten", {"committer": commit.committer}


def _changed(old: Data, new: Data) -> set[str]:
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def _only(old: Data, new: Data, *allowed: str) -> Problem | None:
    extra = sorted(_changed(old, new) - set(allowed))
    return ("other-fields", {"fields": ", ".join(extra)}) if extra else None


def _state(step: str, old: Data, new: Data, *also: str) -> Problem | None:
    moves = STEPS[step]
    allowed = {moves[old["state"]], *also} if old.get("state") in moves else set()
    if new.get("state") not in allowed:
        return "state", {"old": old.get("state"), "new": new.get("state")}
    return None


def _by(entry: Any, commit: Commit, key: str = "by") -> Problem | None:
    who = entry.get(key) if isinstance(entry, dict) else None
    if not isinstance(who, str) or who.lower() != commit.author:
        return "not-the-author", {"person": who or "-", "author": commit.author}
    return None


def _request(pid: str, commit: Commit, old: Data | None, new: Data) -> Problem | None:
    if old is not None:
        return "not-a-step", {}
    present = sorted(k for k in ("scores", "reviews", "pilot", "draft", "publication", "closed") if k in new)
    if new.get("id") != pid or new.get("state") != "request" or present:
        return "other-fields", {"fields": ", ".join(present) or "state"}
    return _by(new, commit, "author")


def _score(commit: Commit, old: Data, new: Data) -> Problem | None:
    others = lambda d: [s for s in d.get("scores") or [] if str(s.get("by", "")).lower() != commit.author]
    mine = [s for s in new.get("scores") or [] if str(s.get("by", "")).lower() == commit.author]
    if others(old) != others(new) or len(mine) != 1:
        return "other-entries", {"field": "scores"}
    return _only(old, new, "scores", "state") or _state("score", old, new)


def _draft(commit: Commit, old: Data, new: Data) -> Problem | None:
    return _only(old, new, "state") or _state("draft", old, new)


def _submit(commit: Commit, old: Data, new: Data) -> Problem | None:
    draft = new.get("draft") or {}
    if draft.get("digest") != commit.trailers.get("Revise-Digest"):
        return "digest", {"recorded": draft.get("digest") or "-", "trailer": commit.trailers.get("Revise-Digest", "-")}
    if empty_draft(new) and old.get("source") != PERIODIC:
        return "empty-draft", {"source": old.get("source", "-")}
    return _only(old, new, "draft", "state") or _by(draft, commit, "submitted_by") or _state("submit", old, new)


def _review(commit: Commit, old: Data, new: Data) -> Problem | None:
    before, after = old.get("reviews") or [], new.get("reviews") or []
    if len(after) != len(before) + 1 or after[:-1] != before:
        return "other-entries", {"field": "reviews"}
    entry = after[-1]
    wanted = {"area": commit.trailers.get("Revise-Area"), "decision": commit.trailers.get("Revise-Decision"),
              "digest": commit.trailers.get("Revise-Digest", (old.get("draft") or {}).get("digest"))}
    for key, value in wanted.items():
        if entry.get(key) != value:
            return "entry-mismatch", {"field": f"reviews.{key}", "value": entry.get(key), "trailer": value}
    if entry.get("digest") != (old.get("draft") or {}).get("digest"):
        return "digest", {"recorded": entry.get("digest"), "trailer": (old.get("draft") or {}).get("digest") or "-"}
    after_all = "approved" if empty_draft(old) else "pilot"  # an empty draft (a periodic review's) has nothing to pilot
    return _only(old, new, "reviews", "state") or _by(entry, commit) or _state("review", old, new, after_all)


def _pilot(commit: Commit, old: Data, new: Data) -> Problem | None:
    kind = commit.trailers.get("Revise-Pilot", "")
    if kind not in _PILOT_STEPS:
        return "unknown-step", {"step": f"pilot {kind}"}
    before, after = dict(old.get("pilot") or {}), dict(new.get("pilot") or {})
    if kind == "start":
        if after.get("results") != [] or "outcome" in after:
            return "other-entries", {"field": "pilot"}
        return _only(old, new, "pilot") or _by(after, commit, "started_by") or _state("pilot-start", old, new)
    if kind == "result":
        before.pop("results", None), after.pop("results", None)
        if before != after:
            return "other-entries", {"field": "pilot"}
        return _only(old, new, "pilot") or _state("pilot-result", old, new)
    kept = lambda p: {k: v for k, v in p.items() if k not in _DECISION_FIELDS}
    if kept(before) != kept(after) or after.get("outcome") != kind:
        return "other-entries", {"field": "pilot"}
    also = ("approved",) if kind in ("pass", "waived") else ()
    return _only(old, new, "pilot", "state") or _by(after, commit) or _state(_PILOT_STEPS[kind], old, new, *also)


def _close(commit: Commit, old: Data, new: Data) -> Problem | None:
    if commit.step == "withdraw" and commit.author != str(old.get("author", "")).lower():
        return "not-the-author", {"person": old.get("author"), "author": commit.author}
    return _only(old, new, "state", "closed") or _by(new.get("closed"), commit) or _state(commit.step, old, new)


def _publish(commit: Commit, old: Data, new: Data) -> Problem | None:
    pub = new.get("publication") or {}
    if "no_change" in pub or "reviewed" in pub:  # `publish --no-change`: a periodic review that changed nothing
        if (old.get("source") != PERIODIC or not empty_draft(old) or pub.get("no_change") is not True
                or pub.get("reviewed") != old.get("targets") or {"versions", "effective", "transition_days"} & set(pub)):
            return "no-change", {}
    elif empty_draft(old):
        return "no-change", {}
    return _only(old, new, "state", "publication") or _by(pub, commit) or _state("publish", old, new)


def _annotation(commit: Commit, old: Data, new: Data) -> Problem | None:
    """After publication: one entry added to the record's list for this step, by the commit's author."""
    from revise.workflow.annotate import ANNOTATIONS
    key = ANNOTATIONS[commit.step]
    before, after = old.get(key) or [], new.get(key) or []
    if old.get("state") != "published":
        return "state", {"old": old.get("state"), "new": new.get("state")}
    if len(after) != len(before) + 1 or after[:-1] != before:
        return "other-entries", {"field": key}
    return _only(old, new, key) or _by(after[-1], commit)


_RULES: dict[str, Callable[[Commit, Data, Data], Problem | None]] = {
    "score": _score, "draft": _draft, "submit": _submit, "review": _review, "pilot": _pilot,
    "reject": _close, "withdraw": _close, "publish": _publish, "evaluate": _annotation, "notice": _annotation,
}
