"""MkDocs hook for `revise preview`: marks the changed clauses on the pages of the handbook.

Loaded through `hooks:` in the temporary configuration that `revise preview` writes; it reads
`extra.revise_preview` = {"proposal": {"id", "title"}, "pages": {page: [{"id", "status", "title"}]}}.
On each listed page it adds a banner listing the changes (with links to them) and marks each
changed clause: a heading anchor gets its section wrapped, any other anchor (a script step, a
plan action in a table) gets a `data-revise-change` attribute. All text is HTML-escaped.
"""

from __future__ import annotations

import html
import re
from typing import Any

from revise.messages import t

STYLE = """<style>
.rv-preview-banner{border-left:4px solid #e65100;background:#fff3e0;padding:.6em 1em;margin:0 0 1.2em}
.rv-preview-banner ul{margin:.3em 0}
[data-revise-change]{background:#fff8c4;outline:2px solid #f9a825;outline-offset:2px}
[data-revise-change="added"]{background:#e6f4ea;outline-color:#2e7d32}
tr:has([data-revise-change]){background:#fff8c4}
</style>"""


def on_page_content(html_text: str, *, page: Any, config: Any, files: Any) -> str:
    """Mark the changed clauses of this page, if it is one the proposal changes."""
    preview = (config.extra or {}).get("revise_preview") or {}
    changes = (preview.get("pages") or {}).get(page.file.src_uri)
    if not changes:
        return html_text
    for change in changes:
        if change["status"] != "removed" and change["id"]:
            html_text = mark(html_text, change["id"], change["status"])
    notice = banner(preview.get("proposal") or {}, changes)
    title = re.search(r"</h1>", html_text)
    return html_text[:title.end()] + notice + html_text[title.end():] if title else notice + html_text


def mark(text: str, clause_id: str, status: str) -> str:
    """Mark the element with id `clause_id`; a heading's whole section is wrapped."""
    ident = re.escape(clause_id)
    heading = re.search(rf'<h([1-6])\b[^>]*\bid="{ident}"', text)
    if heading:
        level = int(heading.group(1))
        end = re.compile(rf"<h[1-{level}]\b").search(text, heading.end())
        stop = end.start() if end else len(text)
        return (f'{text[:heading.start()]}<div class="rv-preview-section" data-revise-change="{status}">'
                f"{text[heading.start():stop]}</div>{text[stop:]}")
    return re.sub(rf'(<[a-zA-Z][^>]*\bid="{ident}")', rf'\1 data-revise-change="{status}"', text, count=1)


def banner(proposal: dict[str, Any], changes: list[dict[str, Any]]) -> str:
    """The notice at the top of a changed page: which proposal, and a link to every change."""
    items = []
    for change in changes:
        status = html.escape(t("diff.status." + change["status"]))
        title = html.escape(str(change.get("title") or change["id"]))
        if change["status"] == "removed":
            items.append(f"<li>{status}：<del>{title}</del></li>")
        elif not change["id"]:
            items.append(f"<li>{status}：{title}</li>")
        else:
            items.append(f'<li>{status}：<a href="#{html.escape(change["id"], quote=True)}">{title}</a></li>')
    head = html.escape(t("preview.banner", id=proposal.get("id", ""), title=proposal.get("title", "")))
    return f'{STYLE}<div class="rv-preview-banner"><p><strong>{head}</strong></p><ul>{"".join(items)}</ul></div>'
