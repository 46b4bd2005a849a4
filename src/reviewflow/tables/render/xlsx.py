"""XLSX (openpyxl): a sheet that prints as the table does in the paper, and still sorts and filters.

The printed sheet holds the caption (first row) and the notes (rows below the table), so a printout or
PDF of the sheet is the whole table; one font throughout (DejaVu Sans, the workbook's default too);
columns sized to their content (``layout``), header row frozen, filtered and repeated on every printed
page; A4 or Letter (``tables.paper``), landscape when the table is wide, fitted to one page across.
Grouped tables keep their group column (a spreadsheet is for filtering and sorting); numbers stay
numbers (percentages with one decimal); text that would run as a formula is neutralised.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.page import PageMargins

from reviewflow.spreadsheets import FIXED_DATE, neutralise, pin_zip
from reviewflow.tables.model import Table, format_cell
from reviewflow.tables.render.layout import (
    CELL_PAD_PT, FONT, LINE_SPACING, MARGIN_PT, ColumnText, PageSetup, page_setup, text_em, wrapped_lines)

MAX_ROW_PT = 409.0  # the tallest row Excel allows
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
PAPER_CODES = {"a4": 9, "letter": 1}  # SpreadsheetML paperSize
TITLE_ROW, HEADER_ROW = 1, 2
TOP = Alignment(wrap_text=True, vertical="top")


def xlsx_page(table: Table, paper: str = "a4") -> PageSetup:
    """The printed page of the sheet: every column (IDs too), sized to its content."""
    columns = [ColumnText(c.label, tuple(format_cell(row[i]) for row in table.rows))
               for i, c in enumerate(table.columns)]
    return page_setup(columns, paper, table.landscape)


@dataclass(frozen=True)
class Fonts:
    """The one font of the sheet, in its three faces, at the page's size."""

    size: float

    def face(self, bold: bool = False, italic: bool = False) -> Font:
        return Font(name=FONT, size=self.size, bold=bold, italic=italic)

    def sheet_width(self, width_pt: float) -> float:
        """Points -> Excel's column width unit: widths of the default font's digit "0", plus 5 pixels."""
        digit_px = round(text_em("0") * self.size * 96 / 72)
        return round(max(width_pt * 96 / 72 - 5, digit_px) / digit_px, 2)

    def row_height(self, texts: list[tuple[str, float, bool]]) -> float:
        """Spreadsheets do not grow rows for wrapped text on opening: the height the tallest cell needs."""
        lines = max(wrapped_lines(text, (width - CELL_PAD_PT) / self.size, bold) for text, width, bold in texts)
        return min(MAX_ROW_PT, round(lines * LINE_SPACING * self.size + 3, 1))


def render_xlsx(table: Table, paper: str = "a4") -> bytes:
    setup = xlsx_page(table, paper)
    fonts = Fonts(setup.font_size)
    wb = Workbook()
    # The workbook's default font is what spreadsheets measure column widths in: make it the table's.
    wb._fonts = IndexedList([fonts.face()])  # noqa: SLF001 (openpyxl has no public setter for it)
    wb._named_styles["Normal"].font = fonts.face()  # noqa: SLF001
    ws = wb.active
    ws.title = table.name[:31]  # Excel's limit on sheet names
    _write_cells(ws, table, setup, fonts)
    _print_setup(ws, table, setup)
    wb.properties.created = wb.properties.modified = FIXED_DATE
    wb.properties.creator = "reviewflow"
    wb.properties.title = table.title
    out = io.BytesIO()
    wb.save(out)
    return pin_zip(out.getvalue())


def _write_cells(ws, table: Table, setup: PageSetup, fonts: Fonts) -> None:  # type: ignore[no-untyped-def]
    n, total = len(table.columns), sum(setup.widths_pt)
    last = get_column_letter(n)
    for i, width in enumerate(setup.widths_pt, start=1):
        ws.column_dimensions[get_column_letter(i)].width = fonts.sheet_width(width)
    _spanning_row(ws, TITLE_ROW, neutralise(table.title), fonts, last, total, bold=True)
    ws.append([neutralise(c.label) for c in table.columns])
    for cell in ws[HEADER_ROW]:
        cell.font, cell.fill, cell.alignment = fonts.face(bold=True), HEADER_FILL, TOP
    ws.row_dimensions[HEADER_ROW].height = fonts.row_height(
        [(c.label, w, True) for c, w in zip(table.columns, setup.widths_pt, strict=True)])
    for row in table.rows:
        ws.append([neutralise(v) for v in row])
        r = ws.max_row
        for cell in ws[r]:
            cell.font, cell.alignment = fonts.face(), TOP
            if isinstance(cell.value, float):
                cell.number_format = "0.0"
        ws.row_dimensions[r].height = fonts.row_height(
            [(format_cell(v), w, False) for v, w in zip(row, setup.widths_pt, strict=True)])
    body_end = ws.max_row
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{body_end}"
    for k, note in enumerate(table.notes):
        _spanning_row(ws, body_end + 2 + k, neutralise(note), fonts, last, total, italic=True)


def _spanning_row(ws, r: int, text: str, fonts: Fonts, last: str, width_pt: float,  # type: ignore[no-untyped-def]
                  bold: bool = False, italic: bool = False) -> None:
    """The caption or a note: one cell merged across the table's width, wrapped."""
    cell = ws.cell(row=r, column=1, value=text)
    cell.font, cell.alignment = fonts.face(bold, italic), TOP
    if last != "A":
        ws.merge_cells(f"A{r}:{last}{r}")
    ws.row_dimensions[r].height = fonts.row_height([(text, width_pt, bold)])


def _print_setup(ws, table: Table, setup: PageSetup) -> None:  # type: ignore[no-untyped-def]
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"  # the header row repeats on every printed page
    ws.print_options.gridLines = True
    ws.page_setup.paperSize = PAPER_CODES[setup.paper]
    ws.page_setup.orientation = "landscape" if setup.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    inch = MARGIN_PT / 72
    ws.page_margins = PageMargins(left=inch, right=inch, top=inch, bottom=inch, header=inch / 2, footer=inch / 2)
