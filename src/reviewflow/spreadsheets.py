"""What every file meant for a spreadsheet or word processor shares (tables, screening worksheets).

Formula injection: a text cell starting with = + - @ (or a tab/carriage return) is run as a formula by
Excel and LibreOffice when the file is opened ("CSV injection"); such cells get a leading single quote,
which spreadsheets show as plain text. Numbers are never touched (a negative number stays a number).

Byte-identical packages: office files are zip archives whose entries carry the time they were written, and whose metadata
(docProps/core.xml) carries created/modified dates. Both are pinned so the same inputs give the
same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from typing import TypeVar

T = TypeVar("T")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

FIXED_DATE = datetime(2000, 1, 1, 0, 0, 0)  # docProps created/modified: a constant, not "now"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# openpyxl stamps "modified" with the time of saving whatever we set: pin it in the XML itself.
_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)([^<]*)(</dcterms:(?:created|modified)>)")


def neutralise(value: T) -> T:
    """The cell as a spreadsheet should show it: text that would run as a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value  # type: ignore[return-value]
    return value


def pin_zip(data: bytes) -> bytes:
    """The same archive with every entry's timestamp and attributes fixed, entries in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                stamp = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = _DATES.sub(lambda m: m.group(1) + stamp + m.group(3), data)
            dst.writestr(fixed, data)
    return out.getvalue()
