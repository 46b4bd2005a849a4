"""Reading the sheets people keep (decisions, consensus, retrieval, study links, overrides): the I/O edge,
no stage logic here. One reader for every human sheet, so a sheet reads the same in every stage.

Sheets are typed or saved by spreadsheets, so a sheet is read the way Excel and LibreOffice write one:

* ``.csv`` / ``.tsv`` / ``.txt``: UTF-8 with or without a byte-order mark, UTF-16 with a BOM ("Unicode
  text"); Windows-1252 (Excel's plain "CSV (Comma delimited)" on Windows) or Latin-1 are read too, with a
  warning naming the file, since the bytes alone cannot prove which was meant. The delimiter (``,`` ``;``
  or tab) is taken from the header row; any line ends.
* ``.xlsx`` / ``.xlsm`` (openpyxl): the first worksheet whose first row names the required columns
  (else the active one). A cell is read as the text the spreadsheet *shows*: a number typed into an ID
  cell (``42``) or a date (``01/03/2024``) comes back as that text, never as ``42.0`` or a timestamp.
* Everywhere: header names matched case-insensitively (spaces read as ``_``), so a column can be moved;
  cells trimmed (also non-breaking spaces); ``#N/A`` read as empty; blank rows skipped.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is row 2, and blank
rows are counted, so "row 7" in a message is the row a person finds by scrolling to 7 in Excel or
LibreOffice, in both formats (``reviewflow.errors.Problem.row``). In CSV a quoted cell holding a line
break is still one row (a spreadsheet shows it so), which is why rows are counted, not text lines.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from reviewflow.errors import FIRST_DATA_ROW, Problem, ReviewflowError, fail
from reviewflow.validation import row_problems

DELIMITERS = (",", ";", "\t")
EMPTY_MARKERS = frozenset({"#N/A", "#NA", "N/A"})  # what a failed lookup leaves in a cell
SAVE_AS = "save it from the spreadsheet as 'CSV UTF-8 (comma delimited)'"
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
SHEET_SUFFIXES = TEXT_SUFFIXES + XLSX_SUFFIXES
# Spreadsheet files openpyxl cannot read: named with what to do, never skipped in silence.
UNREADABLE_SUFFIXES = (".xls", ".ods", ".numbers", ".xlsb")
LEGACY_ENCODINGS = ("cp1252", "latin-1")  # tried in order after UTF-8; latin-1 decodes any byte


@dataclass(frozen=True)
class Sheet:
    file: str
    columns: tuple[str, ...]  # normalised header names
    rows: tuple[tuple[int, dict[str, str]], ...]  # (spreadsheet row, header = 1; column -> cleaned cell)
    warnings: tuple[str, ...] = ()  # read, but a person should know (e.g. the encoding was guessed)


def decode(data: bytes, file: str, legacy: bool = True) -> tuple[str, tuple[str, ...]]:
    """(text, warnings) of a sheet: UTF-8 (BOM or not) or BOM-marked UTF-16; else (``legacy``)
    Windows-1252 or Latin-1 with a warning. UTF-8 is tried first: cp1252 accepts nearly any bytes."""
    if data.startswith(b"PK\x03\x04"):  # a zip archive: a workbook saved under a text name
        raise fail(file, "an Excel workbook (.xlsx), not CSV text, although the name says so",
                   "rename it to end in .xlsx (workbooks are read too), or save it as CSV UTF-8", line=1)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ()
        except UnicodeDecodeError as err:
            raise fail(file, f"not UTF-16 text although it starts like it (byte {err.start})", SAVE_AS) from None
    if b"\x00" in data:
        line = data[:data.index(b"\x00")].count(b"\n") + 1
        raise fail(file, "NUL bytes: not a text sheet (UTF-16 without a byte-order mark, or a binary file)",
                   SAVE_AS, line=line)
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        if not legacy:
            raise fail(file, f"not UTF-8 text (byte {err.start}: {err.reason})", SAVE_AS, line=line) from None
        for encoding in LEGACY_ENCODINGS:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            name = "Windows-1252" if encoding == "cp1252" else "Latin-1"
            return text, (f"{file}: not UTF-8 (first at line {line}); read as {name}, as Excel's "
                          f"'CSV (Comma delimited)' writes it: check its accents, then {SAVE_AS} "
                          "to make this warning go",)
        raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


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
    return sheet_from_rows(reader, file, required)


def sheet_from_rows(rows: Iterable[Sequence[str]], file: str, required: tuple[str, ...],
                    warnings_: tuple[str, ...] = ()) -> Sheet:
    """A Sheet from its cells as text, header row first (both formats end here)."""
    rows = iter(rows)
    header = tuple(header_name(c) for c in next(rows, ()))
    _check_header(header, file, required)
    found, problems = [], []
    for number, cells in enumerate(rows, start=FIRST_DATA_ROW):
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
        found.append((number, {h: v for h, v in zip(header, values) if h}))
    if problems:
        raise ReviewflowError(problems)
    return Sheet(file, header, tuple(found), warnings_)


def _check_header(header: tuple[str, ...], file: str, required: tuple[str, ...]) -> None:
    if not any(header):
        raise fail(file, "the sheet is empty (no header row)",
                   f"start the sheet with the header row {','.join(required)}", line=1)
    missing = [c for c in required if c not in header]
    if not missing:
        return
    named = ", ".join(h for h in header if h) or "nothing"
    if len(missing) == len(required):  # not one column name: the header row was deleted or overwritten
        raise fail(file, f"the first row is not a header row: it has none of the columns {', '.join(required)} "
                   f"(it reads {named})", f"insert a first row naming the columns {','.join(required)} "
                   "(the names can be in any order)", line=1)
    raise fail(file, f"missing column(s) {', '.join(missing)} (the header row has {named})",
               f"the header row must name the columns {','.join(required)}", line=1)


def read_sheet(path: str | Path, required: tuple[str, ...], schema: str | None = None, *,
               legacy_encodings: bool = False) -> Sheet:
    """Read (CSV or XLSX, by suffix) and, with ``schema`` (a name under schemas/sheets/), check every
    row; all problems at once. ``legacy_encodings``: read Windows-1252/Latin-1 text too, with a warning
    in ``Sheet.warnings`` - only for callers that show those warnings (never accepted in silence)."""
    file = str(path)
    suffix = Path(path).suffix.lower()
    if suffix in UNREADABLE_SUFFIXES:
        raise fail(file, f"a {suffix} spreadsheet cannot be read", "save it as .xlsx (Excel Workbook) or as "
                   "CSV UTF-8, under the same name")
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise fail(file, "the file does not exist", f"create it with the header row {','.join(required)}") from None
    if suffix in XLSX_SUFFIXES:
        sheet = read_xlsx(data, file, required)
    else:
        text, notes = decode(data, file, legacy_encodings)
        sheet = parse_sheet(text, file, required)
        sheet = Sheet(sheet.file, sheet.columns, sheet.rows, notes)
    if schema:
        problems = []
        for number, row in sheet.rows:
            problems += row_problems([row], f"sheets/{schema}", file, first_row=number)
        if problems:
            raise ReviewflowError(problems)
    return sheet


# --- XLSX ---------------------------------------------------------------------------------------

def read_xlsx(data: bytes, file: str, required: tuple[str, ...]) -> Sheet:
    """The worksheet of a workbook that holds the sheet, every cell as the text it shows."""
    from openpyxl import load_workbook  # only workbooks need it

    try:
        with warnings.catch_warnings():  # e.g. "Data Validation extension is not supported": the drop-downs
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), data_only=True)  # formulas: the value last shown
    except Exception as err:  # openpyxl raises many kinds for a damaged or mis-named file
        raise fail(file, f"not a readable .xlsx workbook ({type(err).__name__}: {err})",
                   "open it in the spreadsheet and save it again as Excel Workbook (.xlsx)") from None
    candidates = [ws for ws in book.worksheets if _names_required(ws, required)]
    ws = candidates[0] if candidates else book.active
    rows = ([cell_text(c) for c in row] for row in ws.iter_rows())
    note = ()
    if len(candidates) > 1:
        note = (f"{file}: {len(candidates)} worksheets have the columns {','.join(required)}; read the first, "
                f"{ws.title!r}: delete or rename the others' header rows if they are not decisions",)
    return sheet_from_rows(rows, file, required, note)


def _names_required(ws, required: tuple[str, ...]) -> bool:
    first = next(ws.iter_rows(max_row=1), ())
    return set(required) <= {header_name(cell_text(c)) for c in first}


_FIXED_DECIMALS = re.compile(r"^#?,?#*0(?:\.(0+))?$")


def cell_text(cell) -> str:
    """What a spreadsheet shows in the cell (its number format applied), as text."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (datetime, date, time)):
        return _date_text(value, str(cell.number_format or ""))
    if isinstance(value, (int, float)):
        return number_text(value, str(cell.number_format or "General"))
    return str(value)


def number_text(value: float, number_format: str) -> str:
    """A number as shown: ``42`` not ``42.0``; fixed decimals when the format has them (``0.00``)."""
    fixed = _FIXED_DECIMALS.match(number_format.replace('"', ""))
    if fixed and number_format not in ("General", "@"):
        return f"{value:.{len(fixed.group(1) or '')}f}"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.15g}"  # Excel shows at most 15 significant digits


_DATE_TOKEN = re.compile(r"yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p")


def _date_text(value: date | time, number_format: str) -> str:
    """A date as its number format shows it (``d/m/yyyy`` -> 1/3/2024, ``dd-mmm-yy`` -> 01-Mar-24);
    ISO when the format has no date or time codes."""
    fmt = re.sub(r"\[[^\]]*\]|\\|\"", "", number_format.split(";")[0]).lower()  # [$-409], escapes, quotes
    tokens = list(_DATE_TOKEN.finditer(fmt))
    if not tokens:
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    twelve = any(t.group() in ("am/pm", "a/p") for t in tokens)
    out, at = [], 0
    for i, token in enumerate(tokens):
        out.append(fmt[at:token.start()])
        out.append(_date_part(value, token.group(), _is_minute(tokens, i), twelve))
        at = token.end()
    return "".join(out) + fmt[at:]


def _is_minute(tokens: list[re.Match[str]], i: int) -> bool:
    """Excel's m/mm means minutes right after an hour or right before seconds."""
    before = tokens[i - 1].group() if i else ""
    after = tokens[i + 1].group() if i + 1 < len(tokens) else ""
    return tokens[i].group() in ("m", "mm") and (before in ("h", "hh") or after in ("s", "ss"))


def _date_part(value: date | time, token: str, minute: bool, twelve: bool) -> str:
    hour = getattr(value, "hour", 0)
    shown_hour = (hour % 12 or 12) if twelve else hour
    parts = {
        "yyyy": lambda: f"{value.year:04d}", "yy": lambda: f"{value.year % 100:02d}",
        "mmmm": lambda: value.strftime("%B"), "mmm": lambda: value.strftime("%b"),
        "mm": lambda: f"{value.minute:02d}" if minute else f"{value.month:02d}",
        "m": lambda: str(value.minute) if minute else str(value.month),
        "dddd": lambda: value.strftime("%A"), "ddd": lambda: value.strftime("%a"),
        "dd": lambda: f"{value.day:02d}", "d": lambda: str(value.day),
        "hh": lambda: f"{shown_hour:02d}", "h": lambda: str(shown_hour),
        "ss": lambda: f"{getattr(value, 'second', 0):02d}", "s": lambda: str(getattr(value, "second", 0)),
        "am/pm": lambda: "AM" if hour < 12 else "PM", "a/p": lambda: "A" if hour < 12 else "P",
    }
    try:
        return parts[token]()
    except AttributeError:  # a time cell formatted with a date code: nothing to show for that part
        return ""
