"""CSV: the table's data, one row per item, every column (IDs too); UTF-8, LF, formulas neutralised."""

from __future__ import annotations

import csv
import io

from reviewflow.tables.model import Table, format_cell
from reviewflow.spreadsheets import neutralise


def render_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.key for c in table.columns])
    for row in table.rows:
        writer.writerow([format_cell(neutralise(v)) for v in row])
    return out.getvalue()
