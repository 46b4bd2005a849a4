"""Errors a user can act on.

Every problem with an input names the file, the line or row, what is wrong and how to fix it.
A row is always numbered as a spreadsheet (Excel, LibreOffice) shows it - the header is row 1, the first
data row row 2, blank rows counted - so a person opening the file goes straight to it; a line is a line of
a text file as an editor shows it.
The CLI and the workflow scripts print these without a traceback and exit non-zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FIRST_DATA_ROW = 2  # the row a spreadsheet shows for the first row under the header (``Problem.row``)


@dataclass(frozen=True)
class Problem:
    """One problem found in one place of one input file."""

    file: str
    problem: str
    fix: str
    line: int | None = None  # 1-based line of a text file
    row: int | None = None  # the row as a spreadsheet shows it: header = 1, first data row = 2
    column: str | None = None

    def where(self) -> str:
        place = self.file
        if self.line is not None:
            place += f", line {self.line}"
        if self.row is not None:
            place += f", row {self.row}"
        if self.column:
            place += f", column '{self.column}'"
        return place

    def __str__(self) -> str:
        return f"{self.where()}: {self.problem}\n    fix: {self.fix}"


@dataclass
class ReviewflowError(Exception):
    """One or more problems that stop a stage. Raised only for bad input, never for bugs."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the input:"
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])


def fail(file: str | Path, problem: str, fix: str, *, line: int | None = None,
         row: int | None = None, column: str | None = None) -> ReviewflowError:
    """Build an error for a single problem (``raise fail(...)``)."""
    return ReviewflowError([Problem(str(file), problem, fix, line=line, row=row, column=column)])


@dataclass(frozen=True)
class Notice:
    """A problem that let the record be kept; reported, never silent."""

    file: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"warning: {where}: {self.message}"
