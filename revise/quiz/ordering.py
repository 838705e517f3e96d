"""Put things in order: a procedure's steps, a plan's phases, the agent's lines along a script's flow.

The items are shown shuffled; the answer is their order in the document (for a script, the
order in which the flow from the start step reaches them, taking the first branch, 情景一).
At most `MAX_ITEMS` items are asked; longer lists are sampled, keeping their order.
"""

from __future__ import annotations

from typing import Any

from revise.corpus.documents import Document
from revise.messages import t
from revise.quiz.context import Context, explain, items, text
from revise.quiz.facts import stage_title
from revise.quiz.model import Question

MIN_ITEMS = 3
MAX_ITEMS = 6


def generate(ctx: Context) -> list[Question]:
    out: list[Question] = []
    for doc in ctx.documents():
        if doc.kind == "procedure":
            seq = [(i, text(s.get("title"))) for i, s in items(doc.data, "steps")]
            out += _question(ctx, doc, "steps", seq, t("quiz.ordering.procedure", doc=doc.title))
        elif doc.kind == "emergency-plan":
            seq = [(i, text(p.get("goal"))) for i, p in items(doc.data, "phases")]
            stages = t("quiz.arrow").join(stage_title(ctx, doc.kind, p.get("stage")) for _, p in items(doc.data, "phases"))
            out += _question(ctx, doc, "phases", seq, t("quiz.ordering.plan", doc=doc.title), t("quiz.ordering.plan-detail", stages=stages))
        elif doc.kind == "script":
            path, branch = flow(doc.data)
            seq = [(i, text(step.get("say"))) for i, step in path if step.get("speaker") == "agent"]
            when = t("quiz.ordering.branch", label=text(branch.get("label")), when=text(branch.get("when"))) if branch else ""
            out += _question(ctx, doc, "steps", seq, t("quiz.ordering.script", doc=doc.title, when=when))
    return out


def flow(data: dict[str, Any]) -> tuple[list[tuple[int, dict[str, Any]]], dict[str, Any] | None]:
    """The steps met from `start` following `next` (first branch at a fork), and the first fork's branch."""
    by_id = {s["id"]: (i, s) for i, s in items(data, "steps") if isinstance(s.get("id"), str)}
    current, seen, path, first_branch = data.get("start"), set(), [], None
    while isinstance(current, str) and current in by_id and current not in seen:
        seen.add(current)
        i, step = by_id[current]
        path.append((i, step))
        if step.get("closing"):
            break
        branches = [b for b in step.get("branches") or [] if isinstance(b, dict)]
        if branches:
            first_branch = first_branch or branches[0]
            current = branches[0].get("next")
        else:
            current = step.get("next")
    return path, first_branch


def _question(ctx: Context, doc: Document, part: str, seq: list[tuple[int, str]], prompt: str, detail: str = "") -> list[Question]:
    seq = [(i, label) for i, label in seq if label]
    labels = [label for _, label in seq]
    if len(seq) < MIN_ITEMS or len(set(labels)) != len(labels):
        return []
    rng = ctx.rng(f"ordering/{doc.id}/{part}")
    if len(seq) > MAX_ITEMS:
        keep = sorted(rng.sample(range(len(seq)), MAX_ITEMS))
        seq = [seq[k] for k in keep]
    answer = [label for _, label in seq]
    options = list(answer)
    while options == answer:
        rng.shuffle(options)
    source = ctx.source(doc, "@" + part)
    listing = t("quiz.arrow").join(answer)
    explanation = explain(ctx, doc, source, t("quiz.ordering.detail", order=listing) + detail)
    return [Question("ordering", prompt, options, answer, source, explanation,
                     key="order:" + "|".join(answer), basis={"path": [part], "indexes": [i for i, _ in seq]})]
