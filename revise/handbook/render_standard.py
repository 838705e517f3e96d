"""The page of a service standard: every clause under its own anchor, targets as a table."""

from __future__ import annotations

from typing import Any

from revise.corpus.documents import Document
from revise.handbook.common import Context, clause_ref, labelled, refs_line, table, tags_line, targets_table
from revise.handbook.escaping import esc, ident

KIND = "standard"


def render(ctx: Context, doc: Document) -> str:
    """Markdown body (after the title and meta block) of a standard."""
    out = []
    for clause in doc.data.get("clauses") or []:
        if isinstance(clause, dict):
            out.append(clause_section(ctx, doc, clause))
    return "".join(out)


def clause_section(ctx: Context, doc: Document, clause: dict[str, Any]) -> str:
    f = lambda *p: ctx.labels.field(KIND, "clauses", 0, *p)  # noqa: E731
    parts = [f"## {esc(clause.get('title') or clause.get('id'))} {{#{ident(clause.get('id'))}}}\n\n"]
    parts.append(clause_ref(doc, clause.get("id")) + " " + tags_line(ctx, KIND, (), clause.get("tags")).strip() + "\n\n")
    parts.append(ctx.links.text(clause.get("text")) + "\n\n")
    if clause.get("targets"):
        parts.append(f"**{esc(f('targets'))}**\n\n" + targets_table(ctx, clause["targets"]))
    parts.append(terms_table(ctx, clause.get("terms")))
    parts.append(avoid_table(ctx, clause.get("avoid")))
    parts.append(labelled(f("rationale"), ctx.links.text(clause.get("rationale")) if clause.get("rationale") else ""))
    parts.append(refs_line(ctx, f("refs"), clause.get("refs")))
    return "".join(parts)


def terms_table(ctx: Context, terms: Any) -> str:
    if not isinstance(terms, list) or not terms:
        return ""
    f = lambda *p: esc(ctx.labels.field(KIND, "clauses", 0, "terms", 0, *p))  # noqa: E731
    rows = [[esc(t.get("code")), esc(t.get("name")), ctx.links.text(t.get("meaning")),
             "<br>".join(ctx.links.text(e) for e in t.get("examples") or [])] for t in terms if isinstance(t, dict)]
    title = esc(ctx.labels.field(KIND, "clauses", 0, "terms"))
    return f"**{title}**\n\n" + table([f("code"), f("name"), f("meaning"), f("examples")], rows)


def avoid_table(ctx: Context, avoid: Any) -> str:
    if not isinstance(avoid, list) or not avoid:
        return ""
    f = lambda *p: esc(ctx.labels.field(KIND, "clauses", 0, "avoid", 0, *p))  # noqa: E731
    rows = [[f'<span class="rv-avoid">{esc(a.get("phrase"))}</span>', f'<span class="rv-instead">{esc(a.get("instead"))}</span>',
             ctx.links.text(a.get("why"))] for a in avoid if isinstance(a, dict)]
    title = esc(ctx.labels.field(KIND, "clauses", 0, "avoid"))
    return f"**{title}**\n\n" + table([f("phrase"), f("instead"), f("why")], rows)
