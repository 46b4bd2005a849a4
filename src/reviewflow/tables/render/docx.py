"""DOCX (python-docx): a real Word table, columns sized to their content, header row repeated on
every page, landscape when the table is wide, A4 or Letter (``tables.paper``)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from reviewflow.spreadsheets import FIXED_DATE, pin_zip
from reviewflow.tables.model import Table, format_cell
from reviewflow.tables.render.layout import FONT, MARGIN_PT, ColumnText, PageSetup, page_setup


def docx_page(table: Table, paper: str = "a4") -> PageSetup:
    """The page and column widths of the Word table (the shown columns; group headings span them)."""
    columns = [ColumnText(c.label, tuple(format_cell(row[i]) for _, rows in table.groups() for row in rows))
               for i, c in enumerate(table.shown)]
    return page_setup(columns, paper, table.landscape)


def render_docx(table: Table, paper: str = "a4") -> bytes:
    setup = docx_page(table, paper)
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if setup.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Pt(v) for v in setup.size_pt)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Pt(MARGIN_PT))
    for name in ("Normal", "Heading 2"):  # one font throughout, the one the widths were measured in
        _set_font(doc.styles[name], setup.font_size if name == "Normal" else None)
    doc.add_heading(table.title, level=2)
    _table(doc, table, setup)
    for note in table.notes:
        doc.add_paragraph(note).runs[0].italic = True
    props = doc.core_properties
    props.created = props.modified = props.last_printed = FIXED_DATE
    props.author = props.last_modified_by = "reviewflow"
    props.title, props.revision = table.title, 1
    out = io.BytesIO()
    doc.save(out)
    return pin_zip(out.getvalue())


def _set_font(style, size: float | None) -> None:  # type: ignore[no-untyped-def]
    style.font.name = FONT
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), FONT)
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):  # a theme font would win
        fonts.attrib.pop(qn(f"w:{theme}"), None)
    if size is not None:
        style.font.size = Pt(size)


def _table(doc, table: Table, setup: PageSetup) -> None:  # type: ignore[no-untyped-def]
    shown = table.shown
    grid = doc.add_table(rows=1, cols=len(shown))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False  # fixed layout: Word and LibreOffice keep the widths set here
    widths = [Pt(round(w, 1)) for w in setup.widths_pt]
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width  # w:gridCol, what LibreOffice reads
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
            cell.width = width  # w:tcW, what Word reads


def _repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    """Mark the header row to repeat at the top of every page (w:tblHeader) and never to split."""
    properties = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        flag = OxmlElement(tag)
        flag.set(qn("w:val"), "true")
        properties.append(flag)
