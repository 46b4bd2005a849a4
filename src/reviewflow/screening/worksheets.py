"""Worksheets: per reviewer and stage, the units still awaiting that reviewer's decision, as CSV
(UTF-8 with a byte-order mark, so Excel opens it as UTF-8) and XLSX.

The first four columns are those of the reviewer's decisions file (id, decision, reasons, note):
fill them in and copy the rows across, or save the worksheet as that file (rows left blank count as
not decided yet); the XLSX offers include / exclude / unsure in a drop-down. Text that a spreadsheet
would run as a formula (starting with = + - @, a tab or a carriage return) gets a leading single quote. Both files are byte-identical for
the same inputs (XLSX dates and zip timestamps pinned).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from reviewflow.spreadsheets import FIXED_DATE, neutralise, pin_zip

WIDTHS = {"id": 40, "decision": 11, "reasons": 10, "note": 24, "title": 60, "abstract": 80, "authors": 30,
          "journal": 30, "doi_link": 36, "url": 36, "report_titles": 80, "report_ids": 40}
EXCEL_CELL_LIMIT = 32767  # characters Excel shows in one cell
NUMERIC_COLUMNS = frozenset({"priority"})  # whole numbers in the XLSX; every other cell is text


def worksheet_csv(header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([neutralise(v) for v in row] for row in rows)
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def worksheet_xlsx(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(list(header))
    for row in rows:
        ws.append([neutralise(v)[:EXCEL_CELL_LIMIT] for v in row])
    for n, name in enumerate(header, start=1):
        ws.column_dimensions[ws.cell(1, n).column_letter].width = WIDTHS.get(name, 14)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
    numeric = {n for n, name in enumerate(header) if name in NUMERIC_COLUMNS}
    for row in ws.iter_rows(min_row=2):
        for n, cell in enumerate(row):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if n in numeric and str(cell.value).isdigit():
                cell.value = int(cell.value)  # so that sorting by priority gives 1, 2, ... 10, not 1, 10, 2
            else:
                cell.data_type = "s"  # IDs like 1e5 or dates stay text
    if rows and "decision" in header:
        ws.add_data_validation(decision_list(ws.cell(2, header.index("decision") + 1).column_letter, len(rows)))
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions
    wb.properties.created = wb.properties.modified = FIXED_DATE
    wb.properties.creator = "reviewflow"
    wb.properties.title = title
    out = io.BytesIO()
    wb.save(out)
    return pin_zip(out.getvalue())


def decision_list(column: str, n_rows: int) -> DataValidation:
    """A drop-down of the three decisions on the decision cells. A warning, not a stop: the variants
    in config screening.decision_words (yes, no, ...) may still be typed."""
    check = DataValidation(type="list", formula1='"include,exclude,unsure"', allow_blank=True,
                           errorStyle="warning", error="Use include, exclude or unsure (see docs/screening.md)",
                           errorTitle="Decision", showErrorMessage=True)
    check.add(f"{column}2:{column}{n_rows + 1}")
    return check


def write_worksheet(base: Path, title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """base.csv and base.xlsx."""
    base.parent.mkdir(parents=True, exist_ok=True)
    base.with_suffix(".csv").write_bytes(worksheet_csv(header, rows))
    base.with_suffix(".xlsx").write_bytes(worksheet_xlsx(title, header, rows))
