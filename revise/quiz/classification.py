"""Scenario classification: a customer situation → its class (problem class, urgency level...).

Built from standards' `terms` (分类与定义): every example situation (典型情形) of a term is a
question whose options are the names of all terms of that clause. The dimension asked about
("问题分类", "紧急程度") is the schema title of the vocabulary the term codes belong to.
"""

from __future__ import annotations

from typing import Any

from revise.corpus.documents import Document
from revise.messages import t
from revise.quiz.context import Context, explain, items, text
from revise.quiz.model import Question
from revise.schema.schemaset import SchemaSet

VOCABULARIES = ("category", "urgency")


def dimension(schemas: SchemaSet, codes: set[str], fallback: str) -> str:
    """The schema title of the vocabulary whose codes these are, else the clause title."""
    for name in VOCABULARIES:
        try:
            known = set(schemas.choices(name))
        except KeyError:
            continue
        if codes and codes <= known:
            return str(schemas.common["$defs"][name].get("title") or fallback)
    return fallback


def generate(ctx: Context) -> list[Question]:
    out: list[Question] = []
    for doc in ctx.documents("standard"):
        for i, clause in items(doc.data, "clauses"):
            terms = [(j, term) for j, term in items(clause, "terms") if isinstance(term.get("name"), str)]
            if len(terms) < 2 or not isinstance(clause.get("id"), str):
                continue
            names = [text(term["name"]) for _, term in terms]
            if len(set(names)) != len(names):
                continue
            label = dimension(ctx.schemas, {str(term.get("code")) for _, term in terms}, text(clause.get("title")))
            counts: dict[str, int] = {}
            for _, term in terms:
                for example in term.get("examples") or []:
                    counts[text(example)] = counts.get(text(example), 0) + 1
            for _, term in terms:
                for example in term.get("examples") or []:
                    if isinstance(example, str) and counts[text(example)] == 1:
                        out.append(_question(ctx, doc, i, clause, term, example, names, label))
    return out


def _question(ctx: Context, doc: Document, i: int, clause: dict[str, Any], term: dict[str, Any], example: str,
              names: list[str], label: str) -> Question:
    rng = ctx.rng(f"classification/{doc.id}/{clause['id']}/{example}")
    options = list(names)
    rng.shuffle(options)
    answer = text(term["name"])
    source = ctx.source(doc, clause["id"])
    detail = t("quiz.classification.detail", name=answer, meaning=text(term.get("meaning")))
    return Question("classification", t("quiz.classification.prompt", doc=doc.title, example=text(example), label=label),
                    options, answer, source, explain(ctx, doc, source, detail), key=f"example:{text(example)}",
                    basis={"path": ["clauses", i, "terms"], "example": example})
