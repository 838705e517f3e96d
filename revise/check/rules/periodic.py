"""Periodic review and drills: a document due or overdue for review, a plan overdue for a drill.

Rule ids: `review-due` (within 30 days of the due date, the day itself included), `review-overdue`
(after it), `drill-overdue` (an emergency plan's `drill.every` has passed since its last recorded
drill, or, never drilled, since it first appeared on main). All three are warnings: a document
past its review is still the rule in force, and an error would refuse every `submit` in the
repository until the review is done — including the review's own.

They compare git history with today's date, so they report nothing when the checked folder is not
the top of a git repository with a main branch (a copy of the files, a scratch folder of `publish`).
The intervals are read from each document (facts of the document rule below, cached like any
facts); the history of main (`revise.workflow.reviewlog`, `revise.workflow.drilllog`) is read
afresh on every run by the corpus rule, on the default path and the reference path alike (the default
path reuses the history derived for main's current commit, `reviewlog.read`), so the check cache
can never hold an answer of yesterday.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Iterator

from revise.check.facts import DocFacts, Index
from revise.check.rules import DocContext, as_dict, corpus_rule, doc_rule
from revise.check.rules.durations import of_duration
from revise.messages import t
from revise.problems import Problem


@doc_rule("periodic")
def record_intervals(ctx: DocContext) -> Iterator[Problem]:
    """Record the document's own review interval and (an emergency plan's) drill interval, located."""
    doc, schedule = ctx.doc, ctx.facts.schedule
    every = doc.data.get("review_every")
    if isinstance(every, int) and not isinstance(every, bool) and every >= 1:
        schedule["review_every"] = [every, *doc.where(("review_every",))]
    drill = as_dict(as_dict(doc.data.get("drill")).get("every"))
    if doc.kind == "emergency-plan" and of_duration(drill) is not None:
        schedule["drill"] = [drill["value"], drill["unit"], *doc.where_key(("drill", "every"))]
    yield from ()


@corpus_rule("periodic")
def due_and_overdue(index: Index) -> Iterator[Problem]:
    history = _history(index.root, index.cached)
    if history is None:
        return
    cfg, reviews, drills, today = history
    for facts in index.of_reported():
        if not facts.id or facts.id not in reviews.last:
            continue  # not on main yet (a new document on a proposal branch): nothing to review
        own = facts.schedule if "r" in facts.flags else {}
        yield from _review(facts, own, cfg.review_months(facts.kind, (own.get("review_every") or [None])[0]),
                           reviews.last[facts.id], today)
        if "drill" in own:
            yield from _drill(facts, own["drill"], drills(), reviews.added.get(facts.id), today)


def _history(root: Path | None, cached: bool) -> tuple[Any, Any, Any, date] | None:
    """(settings, review history, drill logs (read when first asked), today) of the git repository
    whose top is `root`; None for anything else. With `cached`, the review history computed for
    main's commit is reused (the reference path computes it afresh)."""
    from revise.errors import ReviseError
    from revise.workflow import config, drilllog, orgchart, reviewlog
    if root is None or not _is_top(root):
        return None
    try:
        cfg = config.load(root)
        ref = f"refs/heads/{cfg.main_branch}"
        desk = orgchart.desk_email(root, ref)
        reviews = reviewlog.read(root, ref, desk, cached=cached)  # empty without a main branch
    except ReviseError:  # an unreadable revise.yaml on main: the workflow commands report it
        return None
    logs: dict[str, Any] = {}

    def drills() -> dict[str, Any]:
        if "read" not in logs:
            logs["read"] = drilllog.last_drills(root, ref, desk, cached=cached)
        return logs["read"]
    return cfg, reviews, drills, date.today()


def _is_top(root: Path) -> bool:
    """Whether `root` is the top of a git working tree: its `.git` is there (a folder, or a file for a
    linked worktree). Anything that then is no repository simply has no main branch, hence no history."""
    return (root / ".git").exists()


def _review(facts: DocFacts, own: dict[str, Any], months: int, last: Any, today: date) -> Iterator[Problem]:
    from revise.workflow import due
    next_day = due.add_months(date.fromisoformat(last.day), months)
    status = due.status(next_day, today)
    if status == "ok":
        return
    line, column = own["review_every"][1:3] if "review_every" in own else facts.id_pos
    rule = "review-due" if status == "due" else "review-overdue"
    how = t(f"periodic.how.{last.how}", proposal=last.proposal or "")
    yield facts.problem(rule, line, column, t(rule, due=next_day.isoformat(), last=last.day, how=how, months=months,
                                              days=abs((next_day - today).days)),
                        "review_every" if "review_every" in own else "id", t(f"{rule}.hint", id=facts.id))


def _drill(facts: DocFacts, located: list[Any], logs: dict[str, str | None], added: str | None, today: date) -> Iterator[Problem]:
    from revise.workflow import due
    value, unit, line, column = located
    last = date.fromisoformat(logs[facts.id]) if logs.get(facts.id) else None
    since = last or (date.fromisoformat(added) if added else None)
    next_day = due.after(since, {"value": value, "unit": unit}) if since else None
    if next_day is None or today <= next_day:
        return
    from revise.workflow.periodic import every_text  # only to say it
    every = every_text({"value": value, "unit": unit})
    message = (t("drill-overdue", every=every, last=last.isoformat(), due=next_day.isoformat()) if last
               else t("drill-overdue.never", every=every, since=since.isoformat() if since else "-", due=next_day.isoformat()))
    yield facts.problem("drill-overdue", line, column, message, "drill.every", t("drill-overdue.hint", id=facts.id))

