"""Neutralising spreadsheet formulas in cells of files meant for spreadsheets (CSV, XLSX).

A cell whose text starts with = + - @ (or a tab/carriage return) is run as a formula by Excel and
LibreOffice when the file is opened ("CSV injection"). Such text cells get a leading single quote,
which spreadsheets show as plain text. Numbers are never touched (a negative number stays a number).
"""

from __future__ import annotations

from reviewflow.tables.model import Cell

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value
