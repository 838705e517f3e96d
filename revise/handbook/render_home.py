"""The generated parts of the hand-written home page (site/index.md).

The page keeps its own words and marks where the handbook fills in: `<!-- revise:latest -->`
(the latest published revisions from the archive), `<!-- revise:coming -->` (coming changes with their
dates), `<!-- revise:sections -->` (what each section holds) and `<!-- revise:roles -->`.
"""

from __future__ import annotations

from revise.handbook.archive import Proposal, published
from revise.handbook.common import Context, hb, table
from revise.handbook.escaping import esc
from revise.handbook.nav import KIND_FOLDERS, changes_page, coming_page, role_page, section_page

MARKERS = ("latest", "coming", "sections", "roles")


def fill(markdown: str, parts: dict[str, str]) -> str:
    """`markdown` with every `<!-- revise:NAME -->` marker replaced by its generated part."""
    for name in MARKERS:
        markdown = markdown.replace(f"<!-- revise:{name} -->", parts.get(name, ""))
    return markdown


def parts(ctx: Context, proposals: list[Proposal]) -> dict[str, str]:
    return {"latest": latest(ctx, proposals), "coming": coming(ctx), "sections": sections(ctx), "roles": roles(ctx)}


def latest(ctx: Context, proposals: list[Proposal], limit: int = 5) -> str:
    """The latest published revisions from the archive: title, proposal id, dates, documents."""
    done = published(proposals)[:limit]
    if not done:
        return esc(hb("home.no-changes")) + "\n\n"
    f = lambda *p: esc(ctx.labels.field("proposal", *p))  # noqa: E731
    rows = [[f"[{esc(p.data.get('title') or p.id)}]({ctx.links.rel(changes_page(p.id))})", esc(p.id),
             esc(_day((p.data.get("publication") or {}).get("at"))) or "—",
             esc((p.data.get("publication") or {}).get("effective")) or "—",
             "、".join(ctx.links.ref(str(d)) for d in p.data.get("targets") or []) or "—"] for p in done]
    headers = [f("title"), f("id"), esc(hb("home.published")), f("publication", "effective"), f("targets")]
    return table(headers, rows)


def _day(value: object) -> str:
    """The day of a timestamp as the archive writes it ("2026-03-02T10:15:00+08:00" -> "2026-03-02")."""
    return str(value)[:10] if value else ""


def coming(ctx: Context) -> str:
    items = sorted(ctx.edition.coming.values(), key=lambda d: str(d.data.get("effective_from")))
    if not items:
        return esc(hb("home.no-coming", date=ctx.edition.as_of.isoformat())) + "\n\n"
    rows = [[esc(d.data.get("effective_from")), f"[{esc(d.title)}]({ctx.links.rel(coming_page(str(d.id)))})",
             esc(ctx.labels.kind(d.kind)), esc(d.data.get("version"))] for d in items]
    return table([esc(hb("home.effective")), esc(hb("home.document")), esc(hb("home.kind")), esc(hb("home.version"))], rows)


def sections(ctx: Context) -> str:
    rows = []
    for kind in KIND_FOLDERS:
        docs = ctx.corpus.of_kind(kind)
        if docs:
            rows.append([f"[{esc(ctx.labels.kind(kind))}]({ctx.links.rel(section_page(kind))})", str(len(docs)),
                         "、".join(ctx.links.ref(str(d.id), d.title) for d in docs[:6]) + ("…" if len(docs) > 6 else "")])
    return table([esc(hb("home.section")), esc(hb("home.count")), esc(hb("home.examples"))], rows)


def roles(ctx: Context) -> str:
    items = ctx.roles
    if not items:
        return ""
    return " · ".join(f"[{esc(r.get('title') or rid)}]({ctx.links.rel(role_page(rid))})" for rid, r in items.items()) + "\n\n"
