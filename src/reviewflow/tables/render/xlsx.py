"""XLSX (openpyxl): header row frozen, text wrapped, column widths set, formulas neutralised.

Grouped tables keep their group column (a spreadsheet is for filtering and sorting); numbers stay
numbers (percentages with one decimal).
"""

from __future__ import annotations

import io
import math

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from reviewflow.tables.model import Table
from reviewflow.spreadsheets import FIXED_DATE, pin_zip
from reviewflow.spreadsheets import neutralise

HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
LINE_HEIGHT = 13.0  # points per line of 11-point text


def _lines(value: object, width: int) -> int:
    """Lines a wrapped cell needs in a column ``width`` characters wide (an estimate; capped)."""
    text = "" if value is None else str(value)
    per_line = max(int(width * 1.1), 1)
    return min(sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n")), 30)


def render_xlsx(table: Table) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = table.name[:31]  # Excel's limit on sheet names
    columns = table.columns  # every column, IDs too: a spreadsheet is for sorting and filtering
    ws.append([c.label for c in columns])
    for row in table.rows:
        ws.append([neutralise(v) for v in row])
    for n, column in enumerate(columns, start=1):
        letter = get_column_letter(n)
        ws.column_dimensions[letter].width = max(column.width, 6)
        for cell in ws[letter]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, float):
                cell.number_format = "0.0"
    for n, row in enumerate(ws.iter_rows(), start=1):
        # Spreadsheets do not grow rows for wrapped text on opening: set each row's height.
        ws.row_dimensions[n].height = LINE_HEIGHT * max(_lines(c.value, w.width) for c, w in zip(row, columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    ws.print_options.gridLines = True
    ws.page_setup.orientation = "landscape" if table.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    notes = wb.create_sheet("notes")
    notes.append([table.title])
    for note in table.notes:
        notes.append([note])
    notes.column_dimensions["A"].width = 100
    wb.properties.created = wb.properties.modified = FIXED_DATE
    wb.properties.creator = "reviewflow"
    wb.properties.title = table.title
    out = io.BytesIO()
    wb.save(out)
    return pin_zip(out.getvalue())
