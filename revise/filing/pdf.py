"""A formal text as PDF: an HTML page of its own (A4, numbered articles, ruled tables, page numbers)
laid out by WeasyPrint, which embeds the Chinese font it used (fontconfig's choice among those
named below; Debian's fonts-wqy-microhei is always there)."""

from __future__ import annotations

import html

from revise.filing.numerals import article
from revise.filing.text import FormalText, Table
from revise.messages import t

FONTS = '"Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN", "Noto Sans CJK SC", "WenQuanYi Micro Hei", serif'
STYLE = """
@page { size: A4; margin: 24mm 22mm 22mm; @bottom-center { content: PAGE; font-size: 9pt; color: #333; } }
body { font-family: FONTS; font-size: 11pt; line-height: 1.65; color: #000; }
h1 { text-align: center; font-size: 18pt; letter-spacing: .1em; margin: 0 0 5mm; }
.facts { border-top: 1.2pt solid #000; border-bottom: .6pt solid #000; padding: 2mm 0; margin-bottom: 5mm; font-size: 10pt; }
.facts span { display: inline-block; margin-right: 6mm; }
.preamble { text-indent: 2em; margin: 0 0 4mm; }
h2 { font-size: 11pt; font-weight: bold; margin: 4mm 0 1mm; break-after: avoid; }
p { margin: 0 0 1.5mm; text-indent: 2em; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; font-size: 9.5pt; line-height: 1.45; }
th, td { border: .5pt solid #000; padding: 1mm 1.6mm; vertical-align: top; text-align: left; }
th { background: #eee; font-weight: bold; white-space: nowrap; }
tr { break-inside: avoid; }
"""


def to_html(text: FormalText) -> str:
    """The formal text as one self-contained HTML page (no external resources)."""
    page = t("filing.page-css")
    parts = [f"<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>{_e(text.title)}</title>",
             f"<style>{STYLE.replace('FONTS', FONTS).replace('PAGE', page)}</style></head><body>",
             f"<h1>{_e(text.title)}</h1>",
             '<div class="facts">' + "".join(f"<span>{_e(label)}：{_e(value)}</span>" for label, value in text.facts if value) + "</div>"]
    if text.preamble:
        parts.append(f'<p class="preamble">{_e(text.preamble)}</p>')
    for number, item in enumerate(text.articles, 1):
        parts.append(f"<h2>{_e(article(number))}　{_e(item.heading)}</h2>")
        parts += [f"<p>{_e(paragraph)}</p>" for paragraph in item.paragraphs]
        parts += [_table(table) for table in item.tables]
    return "".join(parts) + "</body></html>"


def render(text: FormalText) -> bytes:
    from weasyprint import HTML  # imported here: loading pango is not free, and only export needs it

    return HTML(string=to_html(text)).write_pdf()


def _table(table: Table) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in table.headers)
    rows = "".join("<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in row) + "</tr>" for row in table.rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _e(value: object) -> str:
    """Text escaped for HTML, line breaks kept."""
    return html.escape(str(value)).replace("\n", "<br>")
