"""DOCX (python-docx): a real Word table with a repeated header row; landscape pages for wide tables."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from reviewflow.tables.model import Table, format_cell
from reviewflow.spreadsheets import FIXED_DATE, pin_zip


def render_docx(table: Table) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
    if table.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "DejaVu Sans", Pt(8 if table.landscape else 9)
    doc.add_heading(table.title, level=2)
    _table(doc, table, section.page_width - section.left_margin - section.right_margin)
    for note in table.notes:
        doc.add_paragraph(note).runs[0].italic = True
    props = doc.core_properties
    props.created = props.modified = props.last_printed = FIXED_DATE
    props.author = props.last_modified_by = "reviewflow"
    props.title, props.revision = table.title, 1
    out = io.BytesIO()
    doc.save(out)
    return pin_zip(out.getvalue())


def _table(doc, table: Table, usable_width: int) -> None:
    shown = table.shown
    grid = doc.add_table(rows=1, cols=len(shown))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    total = sum(c.width for c in shown)
    widths = [int(usable_width * c.width / total) for c in shown]
    header = grid.rows[0]
    _repeat_header(header)
    for cell, column in zip(header.cells, shown, strict=True):
        cell.text = column.label
        cell.paragraphs[0].runs[0].bold = True
    for head, rows in table.groups():
        if head:
            merged = grid.add_row().cells
            merged[0].merge(merged[-1]).text = head
            merged[0].paragraphs[0].runs[0].bold = True
        for row in rows:
            cells = grid.add_row().cells
            for cell, value, column in zip(cells, row, shown, strict=True):
                cell.text = format_cell(value)
                if column.numeric:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def _repeat_header(row) -> None:
    """Mark the header row to repeat at the top of every page (w:tblHeader)."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)
