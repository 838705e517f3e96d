"""The page of a procedure: the step flow drawn, a table of steps, owners and time limits, each step."""

from __future__ import annotations

from revise.corpus.documents import Document
from revise.handbook import diagrams
from revise.handbook.common import Context, hb, labelled, refs_line, table, tags_line
from revise.handbook.escaping import esc, ident

KIND = "procedure"


def render(ctx: Context, doc: Document) -> str:
    """Markdown body of a procedure page."""
    data = doc.data
    f = lambda *p: ctx.labels.field(KIND, *p)  # noqa: E731
    s = lambda *p: esc(f("steps", 0, *p))  # noqa: E731
    steps = [st for st in data.get("steps") or [] if isinstance(st, dict)]
    parts = [labelled(f("trigger"), ctx.links.text(data.get("trigger")) if data.get("trigger") else "")]
    parts.append(labelled(f("time_limit"), esc(ctx.labels.duration(data.get("time_limit")))))
    parts.append(f"## {esc(hb('procedure.flow'))}\n\n")
    parts.append(diagrams.step_flow(steps, ctx.role_title, ctx.labels.duration))
    rows = [[str(n), f"[{esc(st.get('title'))}](#{ident(st.get('id'))})", ctx.links.role(st.get("owner")),
             esc(ctx.labels.duration(st.get("time_limit"))) or "—", ctx.links.text(st.get("output")) or "—"]
            for n, st in enumerate(steps, 1)]
    parts.append(table([esc(hb("procedure.number")), s("title"), s("owner"), s("time_limit"), s("output")], rows))
    for number, step in enumerate(steps, 1):
        parts.append(f"### {number}. {esc(step.get('title'))} {{#{ident(step.get('id'))}}}\n\n")
        parts.append(tags_line(ctx, KIND, (), step.get("tags")))
        parts.append(ctx.links.text(step.get("text")) + "\n\n")
        parts.append(labelled(f("steps", 0, "output"), ctx.links.text(step.get("output")) if step.get("output") else ""))
        parts.append(refs_line(ctx, f("steps", 0, "refs"), step.get("refs")))
    return "".join(parts)
