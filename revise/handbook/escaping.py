"""Escaping document text before it goes into the Markdown of a handbook page.

Markdown passes raw HTML through and turns `[text](url)` into links, so text taken from a
document is never written as is: HTML special characters become entities, and so does every
character Markdown (or attr_list, tables, emphasis) would read as syntax. What reaches the
browser is the text the author wrote, shown as text.
"""

from __future__ import annotations

# Characters Markdown, attr_list, tables and pymdownx extensions give a meaning to.
_MARKDOWN_SYNTAX = "\\`*_{}[]()#+-!|~=:^$"
_TABLE = str.maketrans({**{c: f"&#{ord(c)};" for c in _MARKDOWN_SYNTAX},
                        "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


def esc(value: object) -> str:
    """`value` as inline Markdown that renders exactly its text: no HTML, no Markdown syntax.

    Line breaks become `<br>` so the text stays inside one paragraph or table cell.
    """
    text = "" if value is None else str(value)
    escaped = text.translate(_TABLE)
    lines = [line.strip() for line in escaped.splitlines()]
    return "<br>".join(line for line in lines if line)


def esc_block(value: object) -> str:
    """Like `esc`, for text that starts a paragraph: a leading "1." does not open a list."""
    escaped = esc(value)
    return f"&#{ord(escaped[0])};{escaped[1:]}" if escaped[:1].isdigit() else escaped


def attr(value: object) -> str:
    """`value` escaped for a double-quoted HTML attribute written into raw HTML in Markdown."""
    return ("" if value is None else str(value)).translate(_TABLE)


def mermaid_label(value: object, limit: int = 40) -> str:
    """`value` as the text of a quoted mermaid node label: one line, no quotes or markup."""
    text = " ".join(("" if value is None else str(value)).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    replacements = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "`": "#96;",
                    "[": "#91;", "]": "#93;", "{": "#123;", "}": "#125;", "(": "#40;", ")": "#41;", "|": "#124;"}
    return "".join(replacements.get(c, c) for c in text)


def ident(value: object) -> str:
    """`value` as an HTML id / URL fragment: letters, digits, `-` and `_` only (others dropped)."""
    return "".join(ch for ch in ("" if value is None else str(value)) if ch.isascii() and (ch.isalnum() or ch in "-_"))


_TITLE = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇", "\n": " ", "\r": " "})


def plain_title(value: object) -> str:
    """A page title safe wherever the theme puts it unescaped (nav, <title>, breadcrumbs).

    mkdocs-material writes page titles into HTML without escaping and `striptags` turns entities
    back into markup, so markup characters are replaced by their full-width look-alikes.
    """
    return ("" if value is None else str(value)).translate(_TITLE).strip()
