"""Where each page of the handbook lives and how the navigation is grouped.

Sections follow the order agents look things up in: 服务标准 / 服务话术 / 应急预案 / 工作流程 /
组织与岗位 / 绩效考核 / 修订记录; pages contributed by other parts of revise (quizzes, compliance)
come after, each under its own section. Empty sections are left out.

The navigation never lists more than `FANOUT` entries at one level: a longer list is split into
groups of consecutive entries (by document id), each with a listing page of its own, and groups of
groups when there are more than `FANOUT` groups. With the theme's `navigation.prune` a page then
carries the top level, its own section and its own group — where it is, how to go up and across —
whatever the size of the corpus, instead of the whole tree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from math import ceil
from pathlib import PurePosixPath
from typing import Any

from revise.handbook.escaping import plain_title

# kind -> folder of its pages, in navigation order
KIND_FOLDERS: dict[str, str] = {
    "standard": "standards",
    "script": "scripts",
    "emergency-plan": "emergency",
    "procedure": "procedures",
    "org-chart": "org",
    "scorecard": "scorecards",
}
ROLE_FOLDER = "roles"
COMING_FOLDER = "coming"
CHANGES_FOLDER = "changes"
LISTS_FOLDER = "lists"  # listing pages of navigation groups and of long parts of role pages
HOME = "index.md"
FANOUT = 30  # the most entries the navigation shows at one level, and the rows of one listing page


def document_page(kind: str | None, doc_id: str) -> str:
    """The docs-relative path of a document's page."""
    return f"{KIND_FOLDERS.get(kind or '', 'other')}/{doc_id}.md"


def section_page(kind: str) -> str:
    """The index page of a kind's section (服务话术 → scripts/index.md)."""
    return f"{KIND_FOLDERS[kind]}/index.md"


def coming_page(doc_id: str) -> str:
    """The page of the published version of a document that is not yet in force."""
    return f"{COMING_FOLDER}/{doc_id}.md"


def role_page(role_id: str) -> str:
    return f"{ROLE_FOLDER}/{role_id}.md"


def changes_page(proposal_id: str | None = None) -> str:
    return f"{CHANGES_FOLDER}/{proposal_id}.md" if proposal_id else f"{CHANGES_FOLDER}/index.md"


@dataclass
class PagePlan:
    """One generated page: its path under the docs folder, title, nav section and Markdown."""

    path: str
    title: str
    markdown: str
    section: str | None = None
    subsection: str | None = None
    in_nav: bool = True
    searched: bool = True  # False for listing pages: their text is on the pages they list

    def source(self) -> str:
        """The page's Markdown with front matter fixing its title (the theme prints it unescaped)."""
        meta = {"title": plain_title(self.title)} | ({} if self.searched else {"search": {"exclude": True}})
        front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
        return f"---\n{front}---\n\n{self.markdown}"


@dataclass
class Group:
    """A run of consecutive navigation entries with a listing page of its own."""

    path: str
    title: str
    section: str
    entries: list[Any]  # as in the navigation: {title: path} or {group title: [index, ...]}


@dataclass
class NavTree:
    """Sections in order, each a list of {title: path} entries or nested subsections, and their index pages."""

    sections: dict[str, list[Any]] = field(default_factory=dict)
    indexes: dict[str, str] = field(default_factory=dict)  # section -> path of its index page
    groups: list[Group] = field(default_factory=list)  # filled by `group`

    def add(self, section: str, title: str, path: str, subsection: str | None = None) -> None:
        title = plain_title(title)
        entries = self.sections.setdefault(section, [])
        if subsection is None:
            entries.append({title: path})
            return
        for entry in entries:
            if isinstance(entry, dict) and isinstance(entry.get(subsection), list):
                entry[subsection].append({title: path})
                return
        entries.append({subsection: [{title: path}]})

    def group(self, fanout: int = FANOUT) -> None:
        """Split every list longer than `fanout` into groups, each with a listing page (see `groups`)."""
        for name, entries in self.sections.items():
            self.sections[name] = self._grouped(name, entries, fanout)

    def _grouped(self, section: str, entries: list[Any], fanout: int) -> list[Any]:
        entries = [_with_grouped_children(self, section, e, fanout) for e in entries]
        if len(entries) <= fanout:
            return entries
        size = fanout
        while ceil(len(entries) / size) > fanout:
            size *= fanout
        folder = _folder(entries)
        out = []
        for start in range(0, len(entries), size):
            run = self._grouped(section, entries[start:start + size], fanout) if size > fanout else entries[start:start + size]
            number = len([g for g in self.groups if g.path.startswith(f"{LISTS_FOLDER}/{folder}/")]) + 1
            group = Group(f"{LISTS_FOLDER}/{folder}/{number}/index.md", _range_title(run), section, run)
            self.groups.append(group)
            out.append({group.title: [group.path, *run]})
        return out

    def as_config(self, home_title: str, extra_top: list[dict[str, str]]) -> list[Any]:
        """The structure of mkdocs' `nav` setting: home, hand-written pages, then the sections."""
        top: list[Any] = [{home_title: HOME}, *extra_top]
        for name, items in self.sections.items():
            index = self.indexes.get(name)
            if items or index:
                top.append({name: ([index] if index else []) + items})
        return top


def _with_grouped_children(tree: NavTree, section: str, entry: Any, fanout: int) -> Any:
    """A subsection's own list is grouped like a section's."""
    if isinstance(entry, dict) and len(entry) == 1:
        (title, value), = entry.items()
        if isinstance(value, list) and not (value and isinstance(value[0], str)):
            return {title: tree._grouped(section, value, fanout)}
    return entry


def leaves(entries: list[Any]) -> list[tuple[str, str]]:
    """(title, path) of every page under `entries`, in order (a group's own listing page left out)."""
    out: list[tuple[str, str]] = []
    for entry in entries:
        (title, value), = entry.items()
        if isinstance(value, str):
            out.append((title, value))
        else:
            out += leaves([v for v in value if not isinstance(v, str)])
    return out


def _folder(entries: list[Any]) -> str:
    first = leaves(entries[:1])
    return str(PurePosixPath(first[0][1]).parent) if first else "pages"


def _range_title(entries: list[Any]) -> str:
    pages = leaves(entries)
    first, last = PurePosixPath(pages[0][1]).stem, PurePosixPath(pages[-1][1]).stem
    return first if first == last else f"{first} – {last}"


def build_nav(pages: list[PagePlan], section_order: list[str], indexes: dict[str, str] | None = None) -> NavTree:
    """Group the pages that belong in the navigation by section, sections in `section_order` first."""
    tree = NavTree({name: [] for name in section_order}, dict(indexes or {}))
    for page in pages:
        if page.in_nav and page.section and page.path not in tree.indexes.values():
            tree.add(page.section, page.title, page.path, page.subsection)
    tree.group()
    return tree
