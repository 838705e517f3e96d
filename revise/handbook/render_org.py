"""The org chart page: departments, the chart drawn, every role (anchored), the committee."""

from __future__ import annotations

from typing import Any

from revise.corpus.documents import Document
from revise.handbook import diagrams
from revise.handbook.common import Context, anchor, hb, labelled, table
from revise.handbook.escaping import esc

KIND = "org-chart"


def render(ctx: Context, doc: Document) -> str:
    """Markdown body of the org chart page."""
    data = doc.data
    f = lambda *p: ctx.labels.field(KIND, *p)  # noqa: E731
    departments = _dicts(data.get("departments"))
    roles = _dicts(data.get("roles"))
    dept_names = {d.get("id"): d.get("name") for d in departments}
    parts = [f"## {esc(hb('org.chart'))}\n\n", diagrams.org_chart(departments, roles)]
    parts.append(f"## {esc(f('departments'))}\n\n")
    parts.append(table([esc(f("departments", 0, "name")), esc(f("departments", 0, "duty"))],
                       [[esc(d.get("name")) + (f' <span class="rv-tag">{esc(f("departments", 0, "partner"))}</span>' if d.get("partner") else ""),
                         ctx.links.text(d.get("duty"))] for d in departments]))
    parts.append(f"## {esc(f('roles'))}\n\n")
    r = lambda *p: esc(f("roles", 0, *p))  # noqa: E731
    rows = [[anchor(role.get("id")) + ctx.links.role(role.get("id")), esc(dept_names.get(role.get("department"), role.get("department"))),
             ctx.links.role(role.get("reports_to")) or "—", "<br>".join(ctx.links.text(x) for x in role.get("responsibilities") or [])]
            for role in roles]
    parts.append(table([r("title"), r("department"), r("reports_to"), r("responsibilities")], rows))
    parts.append(committee(ctx, data.get("committee")))
    return "".join(parts)


def committee(ctx: Context, value: Any) -> str:
    if not isinstance(value, dict):
        return ""
    f = lambda *p: ctx.labels.field(KIND, "committee", *p)  # noqa: E731
    parts = [f"## {esc(value.get('name') or f())}\n\n", labelled(f("chair"), ctx.links.role(value.get("chair")))]
    rows = [[esc(ctx.labels.value(KIND, ("committee", "members", 0, "area"), m.get("area"))), ctx.links.role(m.get("role"))]
            for m in _dicts(value.get("members"))]
    parts.append(table([esc(f("members", 0, "area")), esc(f("members", 0, "role"))], rows))
    return "".join(parts)


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
