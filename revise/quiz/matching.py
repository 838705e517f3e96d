"""Match roles with responsibilities: the org chart's roles and a plan's command structure.

Roles are taken in groups of `GROUP` (shuffled by the seed); each role shows one of its
responsibilities, never one that another role of the group also holds.
"""

from __future__ import annotations

from revise.corpus.documents import Document
from revise.messages import t
from revise.quiz.context import Context, explain, items, text
from revise.quiz.model import Question

GROUP = 4
MIN_PAIRS = 3


def generate(ctx: Context) -> list[Question]:
    out: list[Question] = []
    for doc in ctx.documents():
        if doc.kind == "org-chart":
            out += _org(ctx, doc)
        elif doc.kind == "emergency-plan":
            out += _command(ctx, doc)
    return out


def _org(ctx: Context, doc: Document) -> list[Question]:
    roles = [(i, r) for i, r in items(doc.data, "roles")
             if isinstance(r.get("id"), str) and any(isinstance(d, str) for d in r.get("responsibilities") or [])]
    rng = ctx.rng(f"matching/{doc.id}")
    order = list(range(len(roles)))
    rng.shuffle(order)
    out = []
    for start in range(0, len(order) - MIN_PAIRS + 1, GROUP):
        group = [roles[k] for k in order[start:start + GROUP]]
        if len(group) < MIN_PAIRS:
            break
        pairs: dict[str, str] = {}
        held = {d for _, r in group for d in r.get("responsibilities") or [] if isinstance(d, str)}
        for _, role in group:
            mine = [d for d in role["responsibilities"] if isinstance(d, str)]
            others = {d for _, r in group if r is not role for d in r.get("responsibilities") or []}
            unique = [d for d in mine if d not in others]
            if unique:
                pairs[ctx.labels.role(role["id"])] = text(rng.choice(unique))
        if len(pairs) >= MIN_PAIRS and len(set(pairs.values())) == len(pairs) and held:
            units = tuple(r["id"] for _, r in group if ctx.labels.role(r["id"]) in pairs)
            out.append(_question(ctx, doc, units, pairs, t("quiz.matching.org", doc=doc.title), f"roles:{','.join(units)}", ["roles"]))
    return out


def _command(ctx: Context, doc: Document) -> list[Question]:
    entries = [(i, c) for i, c in items(doc.data, "command") if isinstance(c.get("role"), str) and isinstance(c.get("duty"), str)]
    roles = [c["role"] for _, c in entries]
    entries = [(i, c) for i, c in entries if roles.count(c["role"]) == 1]
    if len(entries) < MIN_PAIRS:
        return []
    rng = ctx.rng(f"matching-command/{doc.id}")
    chosen = sorted(rng.sample(entries, min(GROUP, len(entries))), key=lambda e: e[0])
    pairs = {ctx.labels.role(c["role"]): text(c["duty"]) for _, c in chosen}
    if len(set(pairs.values())) != len(pairs):
        return []
    return [_question(ctx, doc, ("@command",), pairs, t("quiz.matching.command", doc=doc.title),
                      "command:" + ",".join(c["role"] for _, c in chosen), ["command"])]


def _question(ctx: Context, doc: Document, units: tuple[str, ...], pairs: dict[str, str], prompt: str, key: str,
              path: list[str]) -> Question:
    rng = ctx.rng(f"matching-options/{doc.id}/{key}")
    right = list(pairs.values())
    rng.shuffle(right)
    source = ctx.source(doc, *units)
    detail = t("quiz.matching.detail", pairs=t("quiz.list-sep").join(f"{k} — {v}" for k, v in pairs.items()))
    return Question("matching", prompt, {"left": list(pairs), "right": right}, pairs, source,
                    explain(ctx, doc, source, detail), key=key, basis={"path": path})
