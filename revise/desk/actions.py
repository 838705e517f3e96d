"""The steps a person takes in the desk, one table for the pages' forms and the JSON API.

Each step names the permission it needs (`revise.workflow.permissions`) and calls the core's own
step function with the signed-in person as the actor and the desk's clone as the repository,
pushing to its remote. A step runs under the desk's write lock after a fetch; when it fails, the
clone's refs go back to the remote's. Errors keep their class: the API turns `NotAllowed` into
403, any other `GateError` into 409, `UsageError` into 400 and a malformed body into 422.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from revise.errors import UsageError
from revise.messages import t
from revise.workflow.gitstore import Author

Body = dict[str, Any]


class BadBody(UsageError):
    """The request body does not have the shape the step needs (the API answers 422)."""


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    permission: str
    run: Callable[[Path, str, Body, Author, str], Any]
    fields: tuple[str, ...] = ()


def text(body: Body, key: str, default: str = "") -> str:
    value = body.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise BadBody(t("desk.bad-field", field=key, expected="text"))
    return value


def integer(body: Body, key: str, default: int | None = None) -> int:
    value = body.get(key, default)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadBody(t("desk.bad-field", field=key, expected="integer"))
    return value


def numbers(body: Body, key: str) -> dict[str, float]:
    value = body.get(key) or {}
    if not isinstance(value, dict):
        raise BadBody(t("desk.bad-field", field=key, expected="{metric: number}"))
    out = {}
    for metric, number in value.items():
        if isinstance(number, str) and number.strip():
            try:
                number = float(number)
            except ValueError:
                raise BadBody(t("desk.bad-field", field=f"{key}.{metric}", expected="number")) from None
        if number in (None, ""):
            continue
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            raise BadBody(t("desk.bad-field", field=f"{key}.{metric}", expected="number"))
        out[str(metric)] = float(number)
    return out


def strings(body: Body, key: str) -> list[str]:
    value = body.get(key) or []
    if isinstance(value, str):
        value = [line for line in value.splitlines() if line.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadBody(t("desk.bad-field", field=key, expected="[text]"))
    return value


# --- the steps --------------------------------------------------------------------------------
def _score(root: Path, pid: str, b: Body, who: Author, remote: str) -> Any:
    from revise.workflow import score
    return score(root, pid, impact=integer(b, "impact"), cost=integer(b, "cost"), urgency=integer(b, "urgency"),
                 note=text(b, "note"), remote=remote, actor=who)


def _draft(root: Path, pid: str, b: Body, who: Author, remote: str) -> Any:
    from revise.workflow import draft
    return draft(root, pid, remote=remote, actor=who, checkout=False)


def _submit(root: Path, pid: str, b: Body, who: Author, remote: str) -> Any:
    from revise.workflow.drafting import submit_branch
    return submit_branch(root, pid, remote=remote, actor=who)


def _edit(root: Path, pid: str, b: Body, who: Author, remote: str) -> Any:
    from revise.workflow.drafting import edit
    files = b.get("files")
    if not isinstance(files, dict) or not all(isinstance(v, (str, type(None))) for v in files.values()):
        raise BadBody(t("desk.bad-field", field="files", expected="{path: text | null}"))
    encoded = {str(p): (None if v is None else v.encode("utf-8")) for p, v in files.items()}
    return edit(root, pid, encoded, summary=text(b, "summary"), remote=remote, actor=who)


def _review(root: Path, pid: str, b: Body, who: Author, remote: str) -> Any:
    from revise.workflow import review
    return review(root, pid, area=text(b, "area"), decision=text(b, "decision"), message=text(b, "message"),
                  remote=remote, actor=who)


def _pilot_start(root: Path, pid: str, b: Body, who: Author, remote: str) -> Any:
    from revise.workflow import pilot
    return pilot.start(root, pid, scope=text(b, "scope"), until=text(b, "until"), region=text(b, "region"),
                       customer_group=text(b, "customer_group"), channel=text(b, "channel"), remote=remote, actor=who)


def _pilot_result(root: Path, pid: str, b: Body, who: Author, remote: str) -> Any:
    from revise.workflow import pilot
    results = numbers(b, "results")
    if not results:
        raise UsageError(t("desk.no-results"))
    return pilot.record(root, pid, results=results, baselines=numbers(b, "baselines"), targets=numbers(b, "targets"),
                        remote=remote, actor=who)


def _pilot_decide(passed: bool) -> Callable[[Path, str, Body, Author, str], Any]:
    def run(root: Path, pid: str, b: Body, who: Author, remote: str) -> Any:
        from revise.workflow import pilot
        return pilot.decide(root, pid, passed=passed, message=text(b, "message"), remote=remote, actor=who)
    return run


def _pilot_waive(root: Path, pid: str, b: Body, who: Author, remote: str) -> Any:
    from revise.workflow import pilot
    return pilot.waive(root, pid, reason=text(b, "reason"), remote=remote, actor=who)


def _publish(root: Path, pid: str, b: Body, who: Author, remote: str) -> Any:
    from revise.workflow.publish import publish
    if b.get("no_change") in (True, "1", "true", "on"):  # a periodic review that changed nothing (docs/periodic.md)
        return publish(root, pid, no_change=True, remote=remote, actor=who)
    return publish(root, pid, effective=text(b, "effective"), transition_days=integer(b, "transition_days", 0),
                   remote=remote, actor=who)


def _reject(root: Path, pid: str, b: Body, who: Author, remote: str) -> Any:
    from revise.workflow import reject
    return reject(root, pid, reason=text(b, "reason"), remote=remote, actor=who)


def _withdraw(root: Path, pid: str, b: Body, who: Author, remote: str) -> Any:
    from revise.workflow import withdraw
    return withdraw(root, pid, reason=text(b, "reason"), remote=remote, actor=who)


def _restore(root: Path, pid: str, b: Body, who: Author, remote: str) -> Any:
    from revise.workflow.steps import restore
    return restore(root, pid, remote=remote, actor=who)


STEPS: dict[str, Step] = {s.name: s for s in (
    Step("score", "score", _score, ("impact", "cost", "urgency", "note")),
    Step("draft", "draft", _draft),
    Step("edit", "edit", _edit, ("files", "summary")),
    Step("submit", "submit", _submit),
    Step("review", "review", _review, ("area", "decision", "message")),
    Step("pilot-start", "pilot-start", _pilot_start, ("scope", "until", "region", "customer_group", "channel")),
    Step("pilot-result", "pilot-result", _pilot_result, ("results", "baselines", "targets")),
    Step("pilot-pass", "pilot-decide", _pilot_decide(True), ("message",)),
    Step("pilot-fail", "pilot-decide", _pilot_decide(False), ("message",)),
    Step("pilot-waive", "pilot-waive", _pilot_waive, ("reason",)),
    Step("publish", "publish", _publish, ("effective", "transition_days", "no_change")),
    Step("reject", "reject", _reject, ("reason",)),
    Step("withdraw", "withdraw", _withdraw, ("reason",)),
    Step("restore", "restore", _restore),
)}


def step(name: str) -> Step:
    if name not in STEPS:
        raise BadBody(t("desk.unknown-step", step=name, steps=", ".join(STEPS)))
    return STEPS[name]


def take(desk: Any, name: str, pid: str, body: Body, who: Author) -> Any:
    """Take step `name` on `pid` as `who`, under the write lock; on failure the clone is put back."""
    chosen = step(name)
    from revise.workflow.proposal import check_id
    check_id(pid)
    return _locked(desk, lambda: chosen.run(desk.root, pid, body, who, "origin"), pid)


def request(desk: Any, body: Body, who: Author) -> str:
    """File a new proposal as `who`; returns its id."""
    from revise.workflow import request as file_request
    evidence = strings(body, "evidence")
    targets = strings(body, "targets")
    return _locked(desk, lambda: file_request(desk.root, title=text(body, "title"), source=text(body, "source"),
                                              targets=targets, background=text(body, "background"),
                                              evidence=evidence, remote="origin", actor=who), None)


def _locked(desk: Any, fn: Callable[[], Any], pid: str | None) -> Any:
    with desk.clone.writing():
        try:
            done = fn()
        except BaseException:
            _undo(desk, pid)
            raise
        finally:
            desk.clone.bump()  # every process of the desk reads the refs again
    from revise.records.reminders.after import kick
    kick(desk.root, desk.engine)  # what the step made due goes out now, in the background
    return done


def _undo(desk: Any, pid: str | None) -> None:
    """Put the clone's refs back to the remote's; an unfinished publish is undone first."""
    from revise.workflow import publish
    if pid and publish.unfinished(desk.root, pid):
        try:
            publish.abort(desk.root, pid)
        except Exception:  # noqa: BLE001 — the sync below still puts the refs back
            pass
    desk.clone.sync()
