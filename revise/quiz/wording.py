""""Which wording should an agent use": from the `avoid` lists of the standards (禁用语).

Two forms: given a forbidden phrase, pick the recommended wording (the wrong options are
forbidden phrases, so exactly one option may be said); and, once per clause, pick the one
forbidden phrase among recommended wordings.
"""

from __future__ import annotations

from typing import Any

from revise.corpus.documents import Document
from revise.messages import t
from revise.quiz.context import Context, explain, items, text
from revise.quiz.model import Question


def generate(ctx: Context) -> list[Question]:
    out: list[Question] = []
    for doc in ctx.documents("standard"):
        for i, clause in items(doc.data, "clauses"):
            entries = [(k, e) for k, e in items(clause, "avoid") if isinstance(e.get("phrase"), str) and isinstance(e.get("instead"), str)]
            if len(entries) < 3 or not isinstance(clause.get("id"), str):
                continue
            phrases = [text(e["phrase"]) for _, e in entries]
            clean = [(k, e) for k, e in entries if not any(p in text(e["instead"]) for p in phrases)]
            out += [_replacement(ctx, doc, i, clause, k, e, phrases) for k, e in clean]
            if len(clean) >= 3:
                out.append(_forbidden(ctx, doc, i, clause, entries, clean))
    return out


def _why(entry: dict[str, Any]) -> str:
    return t("quiz.wording.why", why=text(entry["why"])) if isinstance(entry.get("why"), str) else ""


def _replacement(ctx: Context, doc: Document, i: int, clause: dict[str, Any], k: int, entry: dict[str, Any],
                 phrases: list[str]) -> Question:
    phrase, instead = text(entry["phrase"]), text(entry["instead"])
    rng = ctx.rng(f"wording/{doc.id}/{clause['id']}/{phrase}")
    others = [p for p in phrases if p != phrase]
    options = [instead, phrase, *rng.sample(others, min(2, len(others)))]
    rng.shuffle(options)
    source = ctx.source(doc, clause["id"])
    detail = t("quiz.wording.detail", phrase=phrase, instead=instead) + _why(entry)
    return Question("wording", t("quiz.wording.replace", doc=doc.title, phrase=phrase), options, instead, source,
                    explain(ctx, doc, source, detail), key=f"replace:{phrase}",
                    basis={"path": ["clauses", i, "avoid", k], "form": "replace"})


def _forbidden(ctx: Context, doc: Document, i: int, clause: dict[str, Any], entries: list[tuple[int, dict[str, Any]]],
               clean: list[tuple[int, dict[str, Any]]]) -> Question:
    rng = ctx.rng(f"wording-forbidden/{doc.id}/{clause['id']}")
    k, entry = rng.choice(entries)
    phrase = text(entry["phrase"])
    others = [text(e["instead"]) for j, e in clean if j != k]
    options = [phrase, *rng.sample(others, 3)]
    rng.shuffle(options)
    source = ctx.source(doc, clause["id"])
    detail = t("quiz.wording.detail", phrase=phrase, instead=text(entry["instead"])) + _why(entry)
    return Question("wording", t("quiz.wording.forbidden", doc=doc.title), options, phrase, source,
                    explain(ctx, doc, source, detail), key=f"forbidden:{phrase}",
                    basis={"path": ["clauses", i, "avoid", k], "form": "forbidden"})
