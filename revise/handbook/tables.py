"""Wide tables that fit a phone: each row becomes a stack of "label: value" lines on a narrow screen.

A table of three or more columns (measurable targets have five) may need side-scrolling at 390 px.
Every data cell of such a table gets its column's heading as `data-label`, and the table the class
`rv-stack`; site/assets/handbook.css shows those tables as they are on wide screens and, on narrow
ones, one block per row with each value under its label. Only tables as Python-Markdown writes them
(`<table>` without attributes) are touched; raw HTML tables keep whatever their author gave them.
"""

from __future__ import annotations

import html
import re
from itertools import count

STACK_FROM = 3  # columns
_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_TD = re.compile(r"<td\b")
_TAG = re.compile(r"<[^>]+>")


def stack_wide_tables(page_html: str) -> str:
    """`page_html` with every table of `STACK_FROM` or more columns labelled for stacking."""
    if "<table>" not in page_html:
        return page_html
    return _TABLE.sub(_labelled, page_html)


def _labelled(match: re.Match[str]) -> str:
    inner = match.group(1)
    head = _HEAD.search(inner)
    labels = [_text(cell) for cell in _TH.findall(head.group(1))] if head else []
    if len(labels) < STACK_FROM:
        return match.group(0)
    body = inner[head.end():] if head else inner
    rows = _ROW.sub(lambda row: "<tr>" + _label_cells(row.group(1), labels) + "</tr>", body)
    return f'<table class="rv-stack">{inner[:head.end()] if head else ""}{rows}</table>'


def _label_cells(row: str, labels: list[str]) -> str:
    column = count()

    def label(_: re.Match[str]) -> str:
        n = next(column)
        return f'<td data-label="{labels[n]}"' if n < len(labels) else "<td"

    return _TD.sub(label, row)


def _text(cell: str) -> str:
    """A heading cell's text as an attribute value (tags dropped, entities kept, quotes escaped)."""
    return html.escape(html.unescape(_TAG.sub("", cell)).strip(), quote=True)
