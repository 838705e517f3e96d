"""The generated parts of the hand-written home page (site/index.md).

The page keeps its own words and marks where the handbook fills in: `<!-- revise:latest -->`
(latest changes from the archive and git), `<!-- revise:coming -->` (coming changes with their
dates), `<!-- revise:sections -->` (what each section holds) and `<!-- revise:roles -->`.
"""

from __future__ import annotations

from revise.handbook.archive import Proposal, published
from revise.handbook.common import Context, hb, table
from revise.handbook.escaping import esc
from revise.handbook.history import Change
from revise.handbook.nav import KIND_FOLDERS, changes_page, coming_page, role_page

MARKERS = ("latest", "coming", "sections", "roles")


def fill(markdown: str, parts: dict[str, str]) -> str:
    """`markdown` with every `<!-- revise:NAME -->` marker replaced by its generated part."""
    for name in MARKERS:
        markdown = markdown.replace(f"<!-- revise:{name} -->", parts.get(name, ""))
    return markdown


def parts(ctx: Context, proposals: list[Proposal], changes: list[Change]) -> dict[str, str]:
    return {"latest": latest(ctx, proposals, changes), "coming": coming(ctx), "sections": sections(ctx), "roles": roles(ctx)}


def latest(ctx: Context, proposals: list[Proposal], changes: list[Change]) -> str:
    out = []
    done = published(proposals)[:5]
    if done:
        f = lambda *p: esc(ctx.labels.field("proposal", *p))  # noqa: E731
        rows = [[f"[{esc(p.data.get('title') or p.id)}]({ctx.links.rel(changes_page(p.id))})",
                 esc((p.data.get("publication") or {}).get("effective")) or "—",
                 "、".join(ctx.links.ref(str(d)) for d in p.data.get("targets") or []),
                 ctx.links.text(p.data.get("summary")) or "—"] for p in done]
        out.append(table([f("title"), f("publication", "effective"), f("targets"), f("summary")], rows))
    if changes:
        rows = [[esc(c.when.date().isoformat()), esc(c.summary), esc(c.author),
                 "、".join(ctx.links.ref(d) for d in c.documents) or "—"] for c in changes]
        out.append(f"**{esc(hb('home.commits'))}**\n\n")
        out.append(table([esc(hb("home.date")), esc(hb("home.change")), esc(hb("home.author")), esc(hb("home.documents"))], rows))
    return "".join(out) or esc(hb("home.no-changes")) + "\n\n"


def coming(ctx: Context) -> str:
    items = sorted(ctx.edition.coming.values(), key=lambda d: str(d.data.get("effective_from")))
    if not items:
        return esc(hb("home.no-coming", date=ctx.edition.as_of.isoformat())) + "\n\n"
    rows = [[esc(d.data.get("effective_from")), f"[{esc(d.title)}]({ctx.links.rel(coming_page(str(d.id)))})",
             esc(ctx.labels.kind(d.kind)), esc(d.data.get("version"))] for d in items]
    return table([esc(hb("home.effective")), esc(hb("home.document")), esc(hb("home.kind")), esc(hb("home.version"))], rows)


def sections(ctx: Context) -> str:
    rows = []
    for kind, folder in KIND_FOLDERS.items():
        docs = ctx.corpus.of_kind(kind)
        if docs:
            first = docs[0]
            rows.append([f"[{esc(ctx.labels.kind(kind))}]({ctx.links.rel(f'{folder}/{first.id}.md')})", str(len(docs)),
                         "、".join(ctx.links.ref(str(d.id), d.title) for d in docs[:6]) + ("…" if len(docs) > 6 else "")])
    return table([esc(hb("home.section")), esc(hb("home.count")), esc(hb("home.examples"))], rows)


def roles(ctx: Context) -> str:
    items = ctx.roles
    if not items:
        return ""
    return " · ".join(f"[{esc(r.get('title') or rid)}]({ctx.links.rel(role_page(rid))})" for rid, r in items.items()) + "\n\n"
