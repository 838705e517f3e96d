"""Assemble the whole handbook from a repository: every page, the navigation and the extra assets.

`assemble(root, as_of)` reads the corpus and the revision archive, decides which version of each
document is in force on `as_of`, and returns the pages as Markdown in memory. The MkDocs plugin
turns them into virtual files; nothing is written into the repository.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path as FsPath

from revise.corpus.documents import Corpus, Document, load
from revise.handbook import (
    render_changelog,
    render_home,
    render_org,
    render_plan,
    render_procedure,
    render_role,
    render_scorecard,
    render_script,
    render_standard,
)
from revise.handbook.archive import Proposal, load_proposals
from revise.handbook.common import Context, coming_notice, hb, meta_block, upcoming_notice
from revise.handbook.escaping import esc
from revise.handbook.extra import collect_soon
from revise.handbook.history import Edition, edition
from revise.handbook.labels import Labels
from revise.handbook.links import Linker, Target
from revise.handbook.listing import LongList, group_page, section_index, section_indexes
from revise.handbook.reuse import Reuse
from revise.handbook.nav import (
    KIND_FOLDERS,
    NavTree,
    PagePlan,
    build_nav,
    changes_page,
    coming_page,
    document_page,
    role_page,
)
from revise.schema.schemaset import SchemaSet

RENDERERS = {
    "standard": render_standard.render,
    "script": render_script.render,
    "emergency-plan": render_plan.render,
    "procedure": render_procedure.render,
    "scorecard": render_scorecard.render,
    "org-chart": render_org.render,
}


@dataclass
class Handbook:
    """The generated pages, their navigation, extra files to write into the site, and the inputs."""

    pages: list[PagePlan]
    nav: NavTree
    assets: dict[str, bytes]
    context: Context
    proposals: list[Proposal]

    def documents(self) -> dict[str, Document]:
        """Page path -> the document in force it shows."""
        return {document_page(d.kind, d.id): d for d in self.context.corpus.documents if d.id}


def assemble(root: FsPath, as_of: date, schemas: SchemaSet | None = None, corpus: Corpus | None = None,
             reuse: Reuse | None = None) -> Handbook:
    """Every page of the handbook for the repository at `root`, as of `as_of` (with `reuse`: what
    the previous assembly of a `mkdocs serve` session made and is still valid)."""
    schemas = schemas or SchemaSet(root / "schemas")
    corpus = corpus or (reuse.corpus(root) if reuse is not None else load(root))
    ed = edition(corpus, as_of)
    labels = Labels(schemas)
    ctx = Context(labels, linker(ed), ed, reuse=reuse)
    if reuse is not None:
        reuse.surroundings = surroundings(schemas, ctx)
    proposals = load_proposals(root)
    extra_soon = (lambda: reuse.extras(ed.in_force, root)) if reuse is not None else collect_soon(ed.in_force, root)
    pages = document_pages(ctx) + role_pages(ctx) + changelog_pages(ctx, proposals)
    extra = extra_soon()
    assets: dict[str, bytes] = {}
    for page in extra:
        pages.append(PagePlan(page.path, page.title, page.markdown, page.section))
        assets.update(page.assets)
    order = [labels.kind(k) for k in KIND_FOLDERS] + [hb("changes.title")]
    indexes = section_indexes(ctx) | {hb("changes.title"): changes_page()}
    tree = build_nav(pages, order, indexes)
    pages += [section_index(ctx, kind, tree) for kind in KIND_FOLDERS if ctx.corpus.of_kind(kind)]
    pages += [group_page(ctx, group) for group in tree.groups]
    return Handbook(pages, tree, assets, ctx, proposals)


def surroundings(schemas: SchemaSet, ctx: Context) -> str:
    """What a document or listing page shows besides its own objects, as one digest (see `Reuse.page`):
    the schemas' labels, where every document, clause and role page is, and the coming versions."""
    links = ctx.links
    targets = [(kind, key, t.path, t.title, sorted(t.anchors)) for kind, table in
               (("doc", links.documents), ("coming", links.coming), ("role", links.roles)) for key, t in sorted(table.items())]
    coming = sorted((doc_id, doc.path, str(doc.data.get("version")), str(doc.data.get("effective_from")))
                    for doc_id, doc in ctx.edition.coming.items())
    text = json.dumps([schemas.by_name, targets, coming, str(ctx.edition.as_of)], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def linker(ed: Edition) -> Linker:
    """Where every document, coming version and role page is, with the anchors each page has."""
    links = Linker()
    for doc in ed.in_force.documents:
        if doc.id:
            links.documents[doc.id] = Target(document_page(doc.kind, doc.id), doc.title, _anchors(doc))
    for doc_id, doc in ed.coming.items():
        links.coming[doc_id] = Target(coming_page(doc_id), doc.title, _anchors(doc))
    for role_id, role in ed.in_force.roles().items():
        links.roles[role_id] = Target(role_page(role_id), str(role.get("title") or role_id))
    return links


def _anchors(doc: Document) -> set[str]:
    return {clause_id for clause_id, _, _ in doc.clauses()}


def document_pages(ctx: Context) -> list[PagePlan]:
    pages = []
    for kind in KIND_FOLDERS:
        section = ctx.labels.kind(kind)
        for doc in sorted(ctx.corpus.of_kind(kind), key=lambda d: str(d.id)):
            path = document_page(kind, str(doc.id))
            make = lambda path=path, doc=doc: coming_notice(ctx.at(path), str(doc.id)) + page_body(ctx.at(path), doc)  # noqa: E731
            pages.append(PagePlan(path, doc.title, ctx.kept(path, (doc,), make), section))
    for doc_id, doc in sorted(ctx.edition.coming.items()):
        path = coming_page(doc_id)
        here = ctx.at(path)
        current = here.links.rel(document_page(doc.kind, doc_id)) if doc_id in ctx.corpus.by_id else None
        body = upcoming_notice(here, doc, current) + page_body(here, doc)
        title = hb("coming.nav-title", title=doc.title, date=str(doc.data.get("effective_from")))
        pages.append(PagePlan(path, title, body, ctx.labels.kind(doc.kind), in_nav=current is None))
    return pages


def page_body(ctx: Context, doc: Document) -> str:
    render = RENDERERS.get(doc.kind or "")
    title = f"# {esc(doc.title)}\n\n"
    if doc.kind == "script":  # its facts are folded away under the title: the dialogue comes first
        return title + render_script.render(ctx, doc)
    return title + meta_block(ctx, doc) + (render(ctx, doc) if render else "")


def role_pages(ctx: Context) -> list[PagePlan]:
    """A page per role, and the numbered pages of its lists that are too long for it."""
    section = ctx.labels.kind("org-chart")
    sub = hb("role.nav")
    pages = []
    for rid, role in ctx.roles.items():
        markdown, lists = render_role.render(ctx.at(role_page(rid)), role)
        pages.append(PagePlan(role_page(rid), str(role.get("title") or rid), markdown, section, sub))
        pages += [page for listing in lists for page in listing.pages(ctx, section, render_role.SHOWN)]
    return pages


def changelog_pages(ctx: Context, proposals: list[Proposal]) -> list[PagePlan]:
    section = hb("changes.title")
    index = changes_page()
    listing = LongList(index, hb("changes.title"), "all", hb("changes.overview"), proposals, render_changelog.proposal_rows)
    pages = [PagePlan(index, hb("changes.overview"), render_changelog.render_index(ctx.at(index), listing), section)]
    pages += listing.pages(ctx, section)
    for proposal in proposals:
        path = changes_page(proposal.id)
        pages.append(PagePlan(path, f"{proposal.id} {proposal.data.get('title') or ''}".strip(),
                              render_changelog.render_proposal(ctx.at(path), proposal), section))
    return pages


def home(handbook: Handbook, markdown: str) -> str:
    """The hand-written home page with its generated parts filled in."""
    ctx = handbook.context.at("index.md")
    return render_home.fill(markdown, render_home.parts(ctx, handbook.proposals))
