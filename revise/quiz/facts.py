"""Numeric facts of the corpus: measurable targets of standards and time limits of procedures and plans.

Shared by the number (single choice) and true/false questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from revise.corpus.documents import Document
from revise.messages import t
from revise.quiz.context import Context, is_number, items, text
from revise.schema.schemaset import iter_consts

Path = tuple[str | int, ...]
QUANTITY = "\x00quantity\x00"  # where a statement's number goes (document text may hold braces)


@dataclass(frozen=True)
class Quantity:
    """One number a rule fixes: where it is, its unit and how to ask about it."""

    doc: Document
    unit: str            # clause id or "@field"
    path: Path           # absolute path of the value in the document
    value: float | int
    unit_code: str
    vocabulary: str      # "unit" (targets) or "durationUnit" (time limits)
    question: str        # "…应不超过多少？"
    statement: str       # "…不超过 <QUANTITY>。" with the number left to fill in
    key: str


def quantities(ctx: Context) -> list[Quantity]:
    """Every measurable target and time limit of the corpus, in document order (computed once per context)."""
    if "quantities" not in ctx.memo:
        ctx.memo["quantities"] = _quantities(ctx)
    return ctx.memo["quantities"]


def _quantities(ctx: Context) -> list[Quantity]:
    found: list[Quantity] = []
    for doc in ctx.documents():
        if doc.kind == "standard":
            found.extend(_targets(ctx, doc))
        elif doc.kind == "procedure":
            found.extend(_procedure_limits(ctx, doc))
        elif doc.kind == "emergency-plan":
            found.extend(_plan_limits(ctx, doc))
    return found


def _targets(ctx: Context, doc: Document) -> list[Quantity]:
    found = []
    for i, clause in items(doc.data, "clauses"):
        for j, target in items(clause, "targets"):
            if not (is_number(target.get("value")) and isinstance(target.get("unit"), str) and isinstance(clause.get("id"), str)):
                continue
            path: Path = ("clauses", i, "targets", j)
            subject = ctx.labels.target_subject(target, "standard", path)
            op = ctx.labels.code("op", str(target.get("op")))
            found.append(Quantity(
                doc, clause["id"], path + ("value",), target["value"], target["unit"], "unit",
                t("quiz.number.target", doc=doc.title, subject=subject, op=op),
                t("quiz.tf.target", doc=doc.title, subject=subject, op=op, quantity=QUANTITY),
                f"target:{j}:{target.get('metric')}",
            ))
    return found


def _duration(ctx: Context, doc: Document, unit: str, path: Path, limit: Any, what: str) -> list[Quantity]:
    if not (isinstance(limit, dict) and is_number(limit.get("value")) and isinstance(limit.get("unit"), str)):
        return []
    label = ctx.labels.field(doc.kind or "", path)
    return [Quantity(
        doc, unit, path + ("value",), limit["value"], limit["unit"], "durationUnit",
        t("quiz.number.duration", doc=doc.title, what=what, label=label),
        t("quiz.tf.duration", doc=doc.title, what=what, label=label, quantity=QUANTITY),
        "duration:" + "/".join(map(str, path)),
    )]


def _procedure_limits(ctx: Context, doc: Document) -> list[Quantity]:
    found = _duration(ctx, doc, "@time_limit", ("time_limit",), doc.data.get("time_limit"), t("quiz.what.procedure"))
    for i, step in items(doc.data, "steps"):
        if isinstance(step.get("id"), str):
            found += _duration(ctx, doc, step["id"], ("steps", i, "time_limit"), step.get("time_limit"),
                               t("quiz.what.step", title=text(step.get("title"))))
    return found


def stage_title(ctx: Context, kind: str, stage: Any) -> str:
    node = ctx.schemas.subschema(kind, ("phases", 0, "stage")) or {}
    return dict(iter_consts(node)).get(stage, str(stage))


def _plan_limits(ctx: Context, doc: Document) -> list[Quantity]:
    found: list[Quantity] = []
    kind = doc.kind or ""
    for i, phase in items(doc.data, "phases"):
        if not isinstance(phase.get("id"), str):
            continue
        stage = stage_title(ctx, kind, phase.get("stage"))
        found += _duration(ctx, doc, phase["id"], ("phases", i, "time_limit"), phase.get("time_limit"),
                           t("quiz.what.phase", stage=stage))
        for j, action in items(phase, "actions"):
            if isinstance(action.get("id"), str):
                found += _duration(ctx, doc, action["id"], ("phases", i, "actions", j, "time_limit"), action.get("time_limit"),
                                   t("quiz.what.action", stage=stage, text=text(action.get("text"))))
    drill = doc.data.get("drill")
    if isinstance(drill, dict):
        found += _duration(ctx, doc, "@drill", ("drill", "every"), drill.get("every"), t("quiz.what.drill"))
    return found


def same_unit_values(ctx: Context, unit_code: str) -> frozenset[float]:
    """Every value the corpus uses with this unit (plausible distractors), indexed once per context."""
    if "values" not in ctx.memo:
        index: dict[str, set[float]] = {}
        for f in quantities(ctx):
            index.setdefault(f.unit_code, set()).add(float(f.value))
        ctx.memo["values"] = {u: frozenset(v) for u, v in index.items()}
    return ctx.memo["values"].get(unit_code, frozenset())
