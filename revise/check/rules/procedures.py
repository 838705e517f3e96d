"""Procedures: step owners who are covered by the document, and a total time limit that fits.

Rule ids: `proc-owner-not-applicable`, `proc-time-total`, `proc-time-incomparable`,
`proc-ref-later-step`.

Order: steps run in the order they are listed; a step may point back at an earlier step of the
same procedure (a loop back), but a reference to a *later* step means the list is out of order.
The total time limit must not be shorter than the sum of the steps' limits, compared in one
unit (`revise.check.rules.durations`); clock time and working days are not compared with each other.
"""

from __future__ import annotations

from typing import Iterator

from revise.check.rules import DocContext, as_dict, as_list, doc_rule
from revise.check.rules.durations import of_duration
from revise.messages import t
from revise.problems import Problem


@doc_rule("procedures", kinds=("procedure",))
def owners_applicable(ctx: DocContext) -> Iterator[Problem]:
    """A step's owner is the document's owner or one of the roles it applies to (so their page lists it)."""
    doc = ctx.doc
    covered = set(as_list(doc.data.get("applies_to"))) | {doc.data.get("owner")}
    for i, step in enumerate(as_list(doc.data.get("steps"))):
        owner = as_dict(step).get("owner")
        if isinstance(owner, str) and owner not in covered:
            yield doc.problem("proc-owner-not-applicable", ("steps", i, "owner"), t("proc-owner-not-applicable", role=owner),
                              t("proc-owner-not-applicable.hint", role=owner))


@doc_rule("procedures", kinds=("procedure",))
def step_order(ctx: DocContext) -> Iterator[Problem]:
    doc = ctx.doc
    order = {as_dict(s).get("id"): i for i, s in enumerate(as_list(doc.data.get("steps")))}
    for i, step in enumerate(as_list(doc.data.get("steps"))):
        for j, ref in enumerate(as_list(as_dict(step).get("refs"))):
            doc_id, _, clause = str(ref).partition("#")
            if doc_id == doc.id and order.get(clause, -1) > i:
                yield doc.problem("proc-ref-later-step", ("steps", i, "refs", j), t("proc-ref-later-step", step=clause),
                                  t("proc-ref-later-step.hint"))


@doc_rule("procedures", kinds=("procedure",))
def total_time(ctx: DocContext) -> Iterator[Problem]:
    doc = ctx.doc
    if "time_limit" not in doc.data:
        return
    total = of_duration(doc.data.get("time_limit"))
    limits = [of_duration(as_dict(s).get("time_limit")) for s in as_list(doc.data.get("steps"))]
    limits = [m for m in limits if m]
    if not total or not limits:
        return
    families = {m[0] for m in limits} | {total[0]}
    if len(families) > 1:
        yield doc.problem("proc-time-incomparable", ("time_limit",), t("proc-time-incomparable"), t("proc-time-incomparable.hint"),
                          key=True)
        return
    needed = sum(m[1] for m in limits)
    if total[1] < needed:
        tl = as_dict(doc.data.get("time_limit"))
        yield doc.problem("proc-time-total", ("time_limit",),
                          t("proc-time-total", total=f"{tl.get('value')} {ctx.schemas.title_of('durationUnit', str(tl.get('unit')))}",
                            needed=_human(needed, total[0], ctx)), t("proc-time-total.hint"), key=True)


def _human(amount: float, family: str, ctx: DocContext) -> str:
    """A sum of limits in the largest unit that keeps it whole (e.g. 26 小时, 90 分钟)."""
    from revise.check.rules.durations import BUSINESS_DAYS, CLOCK_SECONDS
    units = CLOCK_SECONDS if family == "clock" else BUSINESS_DAYS
    for unit, size in sorted(units.items(), key=lambda kv: -kv[1]):
        if amount >= size and (amount / size).is_integer():
            return f"{int(amount / size)} {ctx.schemas.title_of('durationUnit', unit)}"
    return f"{amount:g} {ctx.schemas.title_of('durationUnit', 'second')}"
