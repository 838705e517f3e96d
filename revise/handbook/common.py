"""What every page renderer shares: the render context, UI strings, and the common page parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from revise.corpus.documents import Corpus, Document
from revise.handbook.escaping import esc, ident
from revise.handbook.history import Edition
from revise.handbook.labels import Labels
from revise.handbook.links import Linker
from revise.handbook.reuse import Reuse
from revise.handbook.nav import coming_page
from revise.messages import t


def site_language(theme_language: str | None) -> str:
    """The handbook speaks the site's language (mkdocs `theme.language`), not the terminal's."""
    return "en" if (theme_language or "").lower().startswith("en") else "zh"


def hb(key: str, /, **params: object) -> str:
    """A handbook UI string (`handbook.<key>` in revise.messages)."""
    return t(f"handbook.{key}", **params)


@dataclass
class Context:
    """Everything a page renderer needs: labels, links from the current page, the edition."""

    labels: Labels
    links: Linker
    edition: Edition
    # The org chart's roles, read once and shared by every page's context: `Corpus.roles()` scans
    # all documents for the org chart, and plan and procedure pages ask for a title per action.
    _roles: dict[str, dict[str, Any]] | None = field(default=None, repr=False, compare=False)
    reuse: Reuse | None = field(default=None, repr=False, compare=False)  # under `mkdocs serve`

    @property
    def corpus(self) -> Corpus:
        return self.edition.in_force

    @property
    def roles(self) -> dict[str, dict[str, Any]]:
        """`{role id: role}` of the org chart in force (as `Corpus.roles()`, computed once)."""
        if self._roles is None:
            self._roles = self.corpus.roles()
        return self._roles

    def at(self, page: str) -> "Context":
        return Context(self.labels, self.links.at(page), self.edition, self.roles, self.reuse)

    def kept(self, path: str, shows: tuple[Any, ...], render: Callable[[], str]) -> str:
        """The Markdown of the page `path` showing `shows`: made by `render`, or kept from the previous
        assembly of a `mkdocs serve` session (`revise.handbook.reuse`)."""
        return self.reuse.page(path, shows, render) if self.reuse is not None else render()

    def role_title(self, role_id: object) -> str:
        role = self.roles.get(str(role_id))
        return str(role.get("title") or role_id) if role else str(role_id or "")


def meta_block(ctx: Context, doc: Document) -> str:
    """The line under the title: id, version, effective date, owner role, roles it applies to."""
    kind = doc.kind or "standard"
    data = doc.data
    parts = [
        f"**{esc(ctx.labels.field(kind, 'id'))}** <code>{esc(doc.id)}</code>",
        f"**{esc(ctx.labels.field(kind, 'version'))}** {esc(data.get('version'))}",
        f"**{esc(ctx.labels.field(kind, 'effective_from'))}** {esc(data.get('effective_from'))}",
        f"**{esc(ctx.labels.field(kind, 'owner'))}** {ctx.links.role(data.get('owner'))}",
        f"**{esc(ctx.labels.field(kind, 'applies_to'))}** {ctx.links.roles_list(data.get('applies_to'))}",
    ]
    lines = ['<div class="rv-meta" data-search-exclude markdown>', " · ".join(parts), "</div>", ""]
    if data.get("summary"):
        lines += [ctx.links.text(data["summary"]), ""]
    return "\n".join(lines) + "\n"


def coming_notice(ctx: Context, doc_id: str) -> str:
    """On the page of the version in force: the coming version, its date and a link to read it."""
    coming = ctx.edition.coming.get(doc_id)
    if coming is None:
        return ""
    href = ctx.links.rel(coming_page(doc_id))
    title = hb("coming.notice-title", version=esc(coming.data.get("version")), date=esc(coming.data.get("effective_from")))
    body = hb("coming.notice-body", date=esc(coming.data.get("effective_from")), link=f"[{hb('coming.read')}]({href})")
    return f'!!! info "{title}"\n    {body}\n\n'


def upcoming_notice(ctx: Context, doc: Document, current_href: str | None) -> str:
    """On the page of a coming version: not in force yet, and where the version in force is."""
    title = hb("coming.page-title", date=esc(doc.data.get("effective_from")))
    if current_href:
        body = hb("coming.page-body", link=f"[{hb('coming.current')}]({current_href})")
    else:
        body = hb("coming.page-body-new")
    return f'!!! warning "{title}"\n    {body}\n\n'


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped inline Markdown."""
    if not rows:
        return ""
    head = "| " + " | ".join(headers) + " |"
    rule = "|" + "|".join("---" for _ in headers) + "|"
    body = ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join([head, rule, *body]) + "\n\n"


def anchor(clause_id: object) -> str:
    """An empty element carrying a clause id, for clauses shown inside tables and lists."""
    return f'<span class="rv-anchor" id="{ident(clause_id)}"></span>'


def clause_ref(doc: Document, clause_id: object) -> str:
    """The clause's own reference (STD-X#clause), shown so people can cite it."""
    return f'<span class="rv-ref">{esc(doc.id)}#{esc(clause_id)}</span>'


def targets_table(ctx: Context, targets: Any) -> str:
    """Measurable targets: metric, channel, comparison, limit with unit, scope."""
    if not isinstance(targets, list) or not targets:
        return ""
    f = lambda *p: esc(ctx.labels.field("standard", "clauses", 0, "targets", 0, *p))  # noqa: E731
    headers = [f("metric"), f("channel"), f("op"), f("value"), f("scope")]
    rows = []
    for target in targets:
        if not isinstance(target, dict):
            continue
        channel = ctx.labels.vocab("channel", target["channel"]) if target.get("channel") else hb("all-channels")
        scope = "、".join(ctx.labels.vocab(k, v) for k, v in (target.get("scope") or {}).items())
        rows.append([
            esc(ctx.labels.vocab("metric", target.get("metric"))),
            esc(channel),
            esc(ctx.labels.vocab("op", target.get("op"))),
            esc(ctx.labels.amount(target.get("value"), target.get("unit"))),
            esc(scope) or "—",
        ])
    return table(headers, rows)


def refs_line(ctx: Context, label: str, refs: Any) -> str:
    if not isinstance(refs, list) or not refs:
        return ""
    return f"**{esc(label)}**：" + "、".join(ctx.links.ref(str(r)) for r in refs) + "\n\n"


def tags_line(ctx: Context, kind: str, path: tuple[str | int, ...], tags: Any) -> str:
    if not isinstance(tags, list) or not tags:
        return ""
    return " ".join(f'<span class="rv-tag">{esc(tag)}</span>' for tag in tags) + "\n\n"


def labelled(label: str, value: str) -> str:
    """"**label**：value" as its own paragraph, or nothing when the value is empty."""
    return f"**{esc(label)}**：{value}\n\n" if value else ""
