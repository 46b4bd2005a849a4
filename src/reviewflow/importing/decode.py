"""Bytes of an export file -> text with LF line ends, or a clear error.

Exports come as UTF-8 (often with a BOM: Embase, Scopus via ASySD, Dimensions, EndNote), UTF-16
with a BOM (EndNote and Excel "Unicode text"), or a Windows code page (old CSVs: cp1252). Line
ends are LF, CRLF or CR, sometimes mixed in one file (WoS RIS with CR inside records).
"""

from __future__ import annotations

import codecs

from reviewflow.errors import Notice, fail

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
FALLBACK = "cp1252"


def decode(data: bytes, file: str) -> tuple[str, list[Notice]]:
    """Text of the file with every line end turned into LF; notices say which encoding was guessed."""
    if not data or data.isspace():  # as ``not data.strip()``, without copying the file
        raise fail(file, "the file is empty", "export the search results again; an export with no "
                   "records should not be in the round's folder (record a zero in the PRISMA notes instead)")
    encoding = next((enc for bom, enc in BOMS if data.startswith(bom)), "")
    notices: list[Notice] = []
    if encoding:
        text = _decode_declared(data, encoding, file)
    else:
        if b"\x00" in data:
            raise fail(file, f"the file holds NUL bytes (first at byte {data.index(0) + 1}): it is a "
                       "binary file (a PDF, a zip, an .enl library?) or UTF-16 without a byte-order mark",
                       "export the records as RIS, MEDLINE, BibTeX, CSV or EndNote XML; "
                       "save UTF-16 text with a BOM or as UTF-8", line=_line_of(data, data.index(0)))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            text, used = _decode_fallback(data)
            notices.append(Notice(file, f"not valid UTF-8 (byte 0x{data[err.start]:02x} at line "
                                  f"{_line_of(data, err.start)}); read as {used}. If accents look wrong, "
                                  "save the file as UTF-8 and re-run.",
                                  line=_line_of(data, err.start)))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.lstrip("\ufeff"), notices


def _decode_declared(data: bytes, encoding: str, file: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise fail(file, f"the file starts with a {encoding} byte-order mark but byte {err.start + 1} "
                   f"is not valid {encoding}", "save the file again as UTF-8 from the program that made it",
                   line=data[:err.start].decode(encoding, errors="replace").count("\n") + 1) from None


def _decode_fallback(data: bytes) -> tuple[str, str]:
    try:
        return data.decode(FALLBACK), f"{FALLBACK} (Windows Western European)"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte, so this cannot fail.
        return data.decode("latin-1"), "latin-1"


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
