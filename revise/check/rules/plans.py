"""Emergency plans: phases in order, owners in the command structure, time limits that fit.

Rule ids: `plan-phase-order`, `plan-owner-not-in-command`, `plan-action-exceeds-phase`.

(Positive time limits and a required owner per phase are schema rules: `schema-range`,
`schema-required`; unknown owners are `ref-unknown-role`.)
"""

from __future__ import annotations

from typing import Iterator

from revise.check.rules import DocContext, as_dict, as_list, doc_rule
from revise.check.rules.durations import of_duration
from revise.messages import t
from revise.problems import Problem

STAGES = ("warning", "response", "disposal", "recovery")


@doc_rule("plans", kinds=("emergency-plan",))
def phase_order(ctx: DocContext) -> Iterator[Problem]:
    doc = ctx.doc
    phases = as_list(doc.data.get("phases"))
    stages = [as_dict(p).get("stage") for p in phases]
    expected = " → ".join(_stage_title(ctx, s) for s in STAGES)
    for i, stage in enumerate(stages):
        if i < len(STAGES) and stage in STAGES and stage != STAGES[i]:
            yield doc.problem("plan-phase-order", ("phases", i, "stage"),
                              t("plan-phase-order", position=i + 1, found=_stage_title(ctx, stage), expected=_stage_title(ctx, STAGES[i])),
                              t("plan-phase-order.hint", order=expected))
            return


def _stage_title(ctx: DocContext, stage: object) -> str:
    node = ctx.schemas.subschema("emergency-plan", ("phases", 0, "stage")) or {}
    for entry in node.get("oneOf", []):
        if entry.get("const") == stage:
            return f"{entry.get('title', stage)}（{stage}）"
    return str(stage)


@doc_rule("plans", kinds=("emergency-plan",))
def owners_in_command(ctx: DocContext) -> Iterator[Problem]:
    """Whoever leads a phase has a duty in the command structure (指挥体系); actions may be anyone's."""
    doc = ctx.doc
    command = {as_dict(c).get("role") for c in as_list(doc.data.get("command"))}
    for i, phase in enumerate(as_list(doc.data.get("phases"))):
        owner = as_dict(phase).get("owner")
        if isinstance(owner, str) and owner not in command:
            yield doc.problem("plan-owner-not-in-command", ("phases", i, "owner"), t("plan-owner-not-in-command", role=owner),
                              t("plan-owner-not-in-command.hint", role=owner))


@doc_rule("plans", kinds=("emergency-plan",))
def actions_fit_phase(ctx: DocContext) -> Iterator[Problem]:
    doc = ctx.doc
    for i, phase in enumerate(as_list(doc.data.get("phases"))):
        limit = of_duration(as_dict(phase).get("time_limit"))
        for j, action in enumerate(as_list(as_dict(phase).get("actions"))):
            own = of_duration(as_dict(action).get("time_limit"))
            if limit and own and own[0] == limit[0] and own[1] > limit[1]:
                yield doc.problem("plan-action-exceeds-phase", ("phases", i, "actions", j, "time_limit"),
                                  t("plan-action-exceeds-phase", action=as_dict(action).get("id", j + 1)),
                                  t("plan-action-exceeds-phase.hint"))
