"""A formal text as a Word document (python-docx): the same title, facts, numbered articles and
ruled tables as the PDF, in 宋体 (SimSun, which every Chinese Office has) with page numbers."""

from __future__ import annotations

import io

from revise.filing.numerals import article
from revise.filing.text import FormalText, Table

EAST_ASIAN = "宋体"
WESTERN = "SimSun"


def render(text: FormalText) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(22)
    section.top_margin, section.bottom_margin = Mm(24), Mm(22)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    _font(normal.element, normal.font)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, text.title, bold=True, size=Pt(18))
    doc.add_paragraph("　".join(f"{label}：{value}" for label, value in text.facts if value)).runs[0].font.size = Pt(10)
    if text.preamble:
        _indented(doc.add_paragraph(text.preamble))
    for number, item in enumerate(text.articles, 1):
        heading = doc.add_paragraph()
        heading.paragraph_format.space_before = Pt(6)
        heading.paragraph_format.keep_with_next = True
        _run(heading, f"{article(number)}　{item.heading}", bold=True)
        for paragraph in item.paragraphs:
            _indented(doc.add_paragraph(paragraph))
        for table in item.tables:
            _table(doc, table)
    _page_numbers(section)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _run(paragraph, text: str, bold: bool = False, size=None):  # noqa: ANN001, ANN202
    run = paragraph.add_run(text)
    run.bold = bold
    if size is not None:
        run.font.size = size
    _font(run.element, run.font)
    return run


def _font(element, font) -> None:  # noqa: ANN001
    """Name the Chinese font for East Asian text too (python-docx's `font.name` sets only the western one)."""
    from docx.oxml.ns import qn

    font.name = WESTERN
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), EAST_ASIAN)


def _indented(paragraph) -> None:  # noqa: ANN001
    from docx.shared import Pt

    paragraph.paragraph_format.first_line_indent = Pt(22)


def _table(doc, table: Table) -> None:  # noqa: ANN001
    from docx.shared import Pt

    grid = doc.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, table.headers):
        cell.text = ""
        _run(cell.paragraphs[0], header, bold=True, size=Pt(9.5))
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = ""
            _run(cell.paragraphs[0], value, size=Pt(9.5))
    doc.add_paragraph()


def _page_numbers(section) -> None:  # noqa: ANN001
    """A centred PAGE field in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
