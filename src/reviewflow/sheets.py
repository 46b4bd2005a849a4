"""Reading the CSV sheets people keep (decisions, links, overrides): the I/O edge, no stage logic here.

Sheets are typed or saved by spreadsheets, so a sheet is read the way Excel and LibreOffice write
one: UTF-8 with or without a byte-order mark (UTF-16 "Unicode text" too), the delimiter (``,`` ``;``
or tab) taken from the header row, header names matched case-insensitively, cells trimmed (also
non-breaking spaces), ``#N/A`` read as empty, and blank rows (Excel leaves them at the end) skipped.
Rows are numbered as data rows (the header is not counted), so row n is spreadsheet row n + 1.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from reviewflow.errors import Problem, ReviewflowError, fail
from reviewflow.validation import row_problems

DELIMITERS = (",", ";", "\t")
EMPTY_MARKERS = frozenset({"#N/A", "#NA", "N/A"})  # what a failed lookup leaves in a cell
SAVE_AS = "save it from the spreadsheet as 'CSV UTF-8 (comma delimited)'"


@dataclass(frozen=True)
class Sheet:
    file: str
    columns: tuple[str, ...]  # normalised header names
    rows: tuple[tuple[int, dict[str, str]], ...]  # (data row number, column -> cleaned cell)


def decode(data: bytes, file: str) -> str:
    """The text of a sheet: UTF-8 (BOM or not) or BOM-marked UTF-16; anything else is an error."""
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise fail(file, f"not UTF-8 text (byte {err.start}: {err.reason})", SAVE_AS, line=line) from None


def sniff_delimiter(header_line: str) -> str:
    """The delimiter a spreadsheet used: the one the header row uses most (comma on a tie or none)."""
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def clean(cell: str | None) -> str:
    text = (cell or "").replace("\u00a0", " ").strip()
    return "" if text.upper() in EMPTY_MARKERS else text


def header_name(cell: str) -> str:
    return clean(cell).lower().replace(" ", "_")


def parse_sheet(text: str, file: str, required: tuple[str, ...]) -> Sheet:
    """Rows of a sheet's text; raises naming the file when a required column is missing."""
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise fail(file, "the sheet is empty (no header row)",
                   f"start the file with the header row {','.join(required)}", line=1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(lines[0]))
    header = tuple(header_name(c) for c in next(reader))
    missing = [c for c in required if c not in header]
    if missing:
        raise fail(file, f"missing column(s) {', '.join(missing)} (the header row has {', '.join(header)})",
                   f"the header row must name the columns {','.join(required)}", line=1)
    rows, problems = [], []
    for number, cells in enumerate(reader, start=1):
        values = [clean(c) for c in cells]
        if not any(values):
            continue  # a blank row
        extra = [v for v in values[len(header):] if v]
        if extra:
            problems.append(Problem(file, f"{len(values)} cells but {len(header)} columns (extra: {extra[0]!r})",
                                    "put text containing the delimiter in quotes, or remove the stray cells",
                                    row=number))
            continue
        values += [""] * (len(header) - len(values))
        rows.append((number, {h: v for h, v in zip(header, values) if h}))
    if problems:
        raise ReviewflowError(problems)
    return Sheet(file, header, tuple(rows))


def read_sheet(path: str | Path, required: tuple[str, ...], schema: str | None = None) -> Sheet:
    """Read and (with ``schema``, a name under schemas/sheets/) check every row; all problems at once."""
    file = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise fail(file, "the file does not exist", f"create it with the header row {','.join(required)}") from None
    sheet = parse_sheet(decode(data, file), file, required)
    if schema:
        problems = []
        for number, row in sheet.rows:
            problems += row_problems([row], f"sheets/{schema}", file, first_row=number)
        if problems:
            raise ReviewflowError(problems)
    return sheet
