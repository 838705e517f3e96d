"""Where each page of the handbook lives and how the navigation is grouped.

Sections follow the order agents look things up in: 服务标准 / 服务话术 / 应急预案 / 工作流程 /
组织与岗位 / 绩效考核 / 修订记录; pages contributed by other parts of revise (quizzes, compliance)
come after, each under its own section. Empty sections are left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
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
HOME = "index.md"


def document_page(kind: str | None, doc_id: str) -> str:
    """The docs-relative path of a document's page."""
    return f"{KIND_FOLDERS.get(kind or '', 'other')}/{doc_id}.md"


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

    def source(self) -> str:
        """The page's Markdown with front matter fixing its title (the theme prints it unescaped)."""
        return f"---\ntitle: {json.dumps(plain_title(self.title), ensure_ascii=False)}\n---\n\n{self.markdown}"


@dataclass
class NavTree:
    """Sections in order, each a list of (title, path) entries or nested subsections."""

    sections: dict[str, list[Any]] = field(default_factory=dict)

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

    def as_config(self, home_title: str, extra_top: list[dict[str, str]]) -> list[Any]:
        """The structure of mkdocs' `nav` setting: home, hand-written pages, then the sections."""
        return [{home_title: HOME}, *extra_top, *({name: items} for name, items in self.sections.items() if items)]


def build_nav(pages: list[PagePlan], section_order: list[str]) -> NavTree:
    """Group the pages that belong in the navigation by section, sections in `section_order` first."""
    tree = NavTree({name: [] for name in section_order})
    for page in pages:
        if page.in_nav and page.section:
            tree.add(page.section, page.title, page.path, page.subsection)
    return tree
