"""Listing pages: a section's index page, a navigation group's page, and the pages of a long list.

Every page stays the same size whatever the size of the corpus: a listing shows at most `FANOUT`
rows, and a list longer than its page allows (a role to which 1,800 documents apply) shows its
first rows there with a link to numbered pages of all of them, at most `per_page` a page. Listing pages are left out of the search
index: their text is on the pages they list.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from pathlib import PurePosixPath
from typing import Any, Callable

from revise.handbook.common import Context, hb, table
from revise.handbook.escaping import esc
from revise.handbook.nav import FANOUT, KIND_FOLDERS, LISTS_FOLDER, Group, NavTree, PagePlan, leaves, section_page


def document_rows(ctx: Context, pages: list[tuple[str, str]]) -> str:
    """A table of documents (title, id, version, effective date), or a plain list for other pages."""
    docs = [ctx.corpus.by_id.get(PurePosixPath(path).stem) for _, path in pages]
    if not pages or not all(docs):
        return "".join(f"- [{esc(title)}]({ctx.links.rel(path)})\n" for title, path in pages) + "\n"
    f = lambda name: esc(ctx.labels.field("standard", name))  # noqa: E731  (the envelope's labels)
    rows = [[f"[{esc(title)}]({ctx.links.rel(path)})", f"<code>{esc(doc.id)}</code>", esc(doc.data.get("version")),
             esc(doc.data.get("effective_from"))] for (title, path), doc in zip(pages, docs) if doc]
    return table([f("title"), f("id"), f("version"), f("effective_from")], rows)


def entries_block(ctx: Context, entries: list[Any]) -> str:
    """Navigation entries as a page shows them: documents as a table, groups as a list, subsections under a heading."""
    out, run = [], []
    for entry in entries:
        (title, value), = entry.items()
        if isinstance(value, str):
            run.append((title, value))
            continue
        out.append(document_rows(ctx, run) if run else "")
        run = []
        if value and isinstance(value[0], str):  # a group: its range, linked to its page, and its size
            out.append(f"- [{esc(title)}]({ctx.links.rel(value[0])})（{esc(hb('list.count', n=len(leaves(value[1:]))))}）\n\n")
        else:  # a subsection
            out.append(f"## {esc(title)}\n\n" + entries_block(ctx, value))
    out.append(document_rows(ctx, run) if run else "")
    return "".join(out)


def group_page(ctx: Context, group: Group) -> PagePlan:
    """The page of one navigation group: what it holds, one row each."""
    here = ctx.at(group.path)
    body = f"# {esc(group.section)} · {esc(group.title)}\n\n" + entries_block(here, group.entries)
    return PagePlan(group.path, group.title, body, group.section, in_nav=False, searched=False)


def section_index(ctx: Context, kind: str, tree: NavTree, extra: str = "") -> PagePlan:
    """The index page of a kind's section: how many documents, and the documents or their groups."""
    section = ctx.labels.kind(kind)
    path = section_page(kind)
    here = ctx.at(path)
    count = len(ctx.corpus.of_kind(kind))
    body = f"# {esc(section)}\n\n{esc(hb('list.section-intro', n=count))}\n\n" + entries_block(here, tree.sections.get(section, []))
    return PagePlan(path, section, body + extra, section, searched=False)


def section_indexes(ctx: Context) -> dict[str, str]:
    """Section title -> index page, for every kind that has documents."""
    return {ctx.labels.kind(kind): section_page(kind) for kind in KIND_FOLDERS if ctx.corpus.of_kind(kind)}


@dataclass
class LongList:
    """A list on a page that may be too long for it: the first rows stay, the rest go to numbered pages."""

    owner: str  # the page the list belongs to ("roles/cs-agent.md")
    owner_title: str  # its title ("客服专员"), on the list's pages
    key: str  # names its pages: lists/roles/cs-agent/<key>/2.md
    title: str  # the list's heading
    items: list[Any]
    render: Callable[[Context, list[Any]], str]  # Markdown of a run of items, links relative to the context's page
    per_page: int = 50  # items on each numbered page (fewer when an item takes several lines)

    def folder(self) -> str:
        return f"{LISTS_FOLDER}/{PurePosixPath(self.owner).with_suffix('').as_posix()}/{self.key}"

    def page_path(self, number: int) -> str:
        return f"{self.folder()}/{number}.md"

    def head(self, ctx: Context, shown: int = FANOUT) -> str:
        """The first `shown` items, and a link to the pages of all of them when there are more."""
        out = self.render(ctx, self.items[:shown])
        if len(self.items) > shown:
            link = f"[{esc(hb('list.all', n=len(self.items)))}]({ctx.links.rel(self.page_path(1))})"
            out += f'<p class="rv-more" markdown>{link}</p>\n\n'
        return out

    def pages(self, ctx: Context, section: str | None, shown: int = FANOUT) -> list[PagePlan]:
        """Numbered pages of every item, `per_page` a page, when the list is longer than `shown`."""
        if len(self.items) <= shown:
            return []
        total = ceil(len(self.items) / self.per_page)
        out = []
        for number in range(1, total + 1):
            path = self.page_path(number)
            here = ctx.at(path)
            title = hb("list.page-title", owner=self.owner_title, title=self.title, page=number, pages=total)
            run = self.items[(number - 1) * self.per_page: number * self.per_page]
            make = lambda here=here, title=title, number=number, run=run: (  # noqa: E731
                f"# {esc(title)}\n\n" + pager(here, self, number, total) + self.render(here, run) + pager(here, self, number, total))
            body = ctx.kept(path, (title, total, *run), make)
            out.append(PagePlan(path, title, body, section, in_nav=False, searched=False))
        return out


def pager(ctx: Context, listing: LongList, number: int, total: int) -> str:
    """"Back to the owner page · previous · page n of m · next" above and below a listing page."""
    parts = [f"[{esc(hb('list.back', title=listing.owner_title))}]({ctx.links.rel(listing.owner)})"]
    if number > 1:
        parts.append(f"[{esc(hb('list.previous'))}]({ctx.links.rel(listing.page_path(number - 1))})")
    parts.append(esc(hb("list.position", page=number, pages=total)))
    if number < total:
        parts.append(f"[{esc(hb('list.next'))}]({ctx.links.rel(listing.page_path(number + 1))})")
    return '<p class="rv-pager" markdown>' + " · ".join(parts) + "</p>\n\n"
