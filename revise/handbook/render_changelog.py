"""修订记录: the revision archive as pages. Whatever fields a proposal has are shown, labelled from
schemas/proposal.schema.json, so what the workflow writes later shows up without a change here."""

from __future__ import annotations

from typing import Any

from revise.handbook.archive import Proposal
from revise.handbook.common import Context, hb, table
from revise.handbook.escaping import esc
from revise.handbook.listing import LongList
from revise.handbook.nav import changes_page
from revise.handbook.render_after import after_publication

KIND = "proposal"
HEADER_FIELDS = ("id", "title")


def render_index(ctx: Context, proposals: LongList) -> str:
    """The archive overview: one row per proposal, newest first (the oldest on numbered pages)."""
    parts = [f"# {esc(hb('changes.title'))}\n\n", esc(hb("changes.intro")) + "\n\n"]
    if not proposals.items:
        return "".join(parts) + esc(hb("changes.empty")) + "\n"
    return "".join(parts) + proposals.head(ctx)


def proposal_rows(ctx: Context, proposals: list[Proposal]) -> str:
    f = lambda *p: esc(ctx.labels.field(KIND, *p))  # noqa: E731
    rows = [[f"[{esc(p.id)}]({ctx.links.rel(changes_page(p.id))})", esc(p.data.get("title")),
             esc(ctx.labels.value(KIND, ("state",), p.data.get("state"))),
             esc((p.data.get("publication") or {}).get("effective")) or "—",
             "、".join(ctx.links.ref(str(d)) for d in p.data.get("targets") or [])] for p in proposals]
    headers = [f("id"), f("title"), f("state"), f("publication", "effective"), f("targets")]
    return table(headers, rows)


def render_proposal(ctx: Context, proposal: Proposal) -> str:
    """One proposal: every field present, in the order of the schema."""
    data = proposal.data
    parts = [f"# {esc(data.get('title') or proposal.id)}\n\n", f'<div class="rv-meta" markdown>\n**{esc(ctx.labels.field(KIND, "id"))}** {esc(proposal.id)}\n</div>\n\n']
    props = ctx.labels.schemas.schema(KIND).get("properties", {})
    order = [k for k in props if k not in HEADER_FIELDS] + [k for k in data if k not in props and k not in HEADER_FIELDS]
    for key in order:
        if key in data and data[key] not in (None, "", [], {}):
            parts.append(field_block(ctx, (key,), data[key], 2))
    return "".join(parts)


def field_block(ctx: Context, path: tuple[str | int, ...], value: Any, level: int) -> str:
    if path in (("evaluations",), ("notices",)) and isinstance(value, list):
        return after_publication(ctx, str(path[0]), value, level)
    label = esc(ctx.labels.field(KIND, *path))
    if isinstance(value, dict) and path[-1] != "versions":
        inner = "".join(field_block(ctx, path + (k,), v, level + 1) for k, v in value.items() if v not in (None, "", [], {}))
        return f"{'#' * level} {label}\n\n{inner}"
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return f"{'#' * level} {label}\n\n" + record_table(ctx, path, value)
    if isinstance(value, list) and path[-1] not in ("targets", "changed"):
        return f"{'#' * level} {label}\n\n" + "".join(f"- {ctx.links.text(v)}\n" for v in value) + "\n"
    return f"**{label}**：{inline(ctx, path, value)}\n\n"


def record_table(ctx: Context, path: tuple[str | int, ...], rows: list[dict[str, Any]]) -> str:
    item_props = list((ctx.labels.schemas.subschema(KIND, path + (0,)) or {}).get("properties", {}))
    keys = [k for k in item_props if any(k in r for r in rows)] + sorted({k for r in rows for k in r} - set(item_props))
    headers = [esc(ctx.labels.field(KIND, *path, 0, k)) for k in keys]
    body = [[inline(ctx, path + (0, k), r.get(k)) if k in r else "—" for k in keys] for r in rows]
    return table(headers, body)


def inline(ctx: Context, path: tuple[str | int, ...], value: Any) -> str:
    """One value as inline Markdown: coded values by their title, document ids as links."""
    last = path[-1]
    if last in ("targets", "changed") and isinstance(value, list):
        return "、".join(ctx.links.ref(str(v)) for v in value)
    if last == "versions" and isinstance(value, dict):
        return "、".join(f"{ctx.links.ref(str(k))} → {esc(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return esc(hb("yes") if value else hb("no"))
    if isinstance(value, (list, dict)):
        return esc(value)
    titled = ctx.labels.value(KIND, path, value)
    if last == "area" and titled == str(value):  # review areas are titled once, in the org chart's committee
        titled = ctx.labels.value("org-chart", ("committee", "members", 0, "area"), value)
    if titled != str(value):
        return esc(titled)
    return ctx.links.text(value)
