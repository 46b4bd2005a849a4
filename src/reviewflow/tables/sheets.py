"""Reading the extraction sheets (``data/extracted/*.csv``, typed by hand) into typed rows.

Only reads and checks; the tables are built from these rows in ``build``. Every problem names the
file, the row (data rows counted from 1, the header not counted), the column and the fix, and all
problems of a sheet are reported together.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from reviewflow.errors import Problem, ReviewflowError
from reviewflow.tables.vocab import DESIGNS, DIRECTIONS, EXCLUSION_REASONS, IRM_TYPES, MARK

SHEETS = ("references", "schemes", "included_schemes", "excluded_schemes", "scheme_reports")

# Columns a sheet must have (others are allowed and ignored).
REQUIRED: dict[str, tuple[str, ...]] = {
    "references": ("ref_id", "authors", "year", "title"),
    "schemes": ("scheme_id", "name", "country", "status", "source_refs", "appendix_row"),
    "included_schemes": ("scheme_id", "irm_categories", "irm_label", "study_designs", "design_text",
                         "duration", "n", "health_outcome", "secondary_care", "description",
                         "key_findings"),
    "excluded_schemes": ("scheme_id", *EXCLUSION_REASONS, "comments"),
    "scheme_reports": ("scheme_id", "ref_id"),
}


@dataclass(frozen=True)
class Reference:
    ref_id: int
    authors: str
    year: str
    title: str


@dataclass(frozen=True)
class Scheme:
    scheme_id: str
    name: str
    country: str
    status: str  # included | excluded
    source_refs: tuple[int, ...]
    appendix_row: int


@dataclass(frozen=True)
class IncludedScheme:
    scheme_id: str
    irm_categories: tuple[int, ...]
    irm_label: str
    study_designs: tuple[str, ...]
    design_text: str
    duration: str
    n: str
    health_outcome: str
    secondary_care: str
    description: str
    key_findings: str


@dataclass(frozen=True)
class ExcludedScheme:
    scheme_id: str
    reasons: tuple[str, ...]  # keys of EXCLUSION_REASONS marked "x", in column order
    comments: str


@dataclass(frozen=True)
class SchemeReport:
    scheme_id: str
    ref_id: int


@dataclass(frozen=True)
class Extraction:
    """All extraction sheets of a review, checked against each other."""

    references: tuple[Reference, ...]
    schemes: tuple[Scheme, ...]
    included: tuple[IncludedScheme, ...]
    excluded: tuple[ExcludedScheme, ...]
    reports: tuple[SchemeReport, ...]

    def scheme(self, scheme_id: str) -> Scheme:
        return {s.scheme_id: s for s in self.schemes}[scheme_id]


class _Cell:
    """Parses the cells of one row, collecting problems instead of stopping at the first."""

    def __init__(self, file: str, row_no: int, row: dict[str, str], problems: list[Problem]):
        self.file, self.row_no, self.row, self.problems = file, row_no, row, problems

    def text(self, column: str) -> str:
        """The cell with runs of spaces collapsed; line breaks kept in long text cells."""
        raw = self.row.get(column) or ""
        if column in MULTILINE:
            return "\n".join(" ".join(line.split()) for line in raw.strip().splitlines())
        return " ".join(raw.split())

    def bad(self, column: str, problem: str, fix: str) -> None:
        self.problems.append(Problem(self.file, problem, fix, row=self.row_no, column=column))

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            self.bad(column, "the cell is empty", f"fill in {column}")
        return value

    def integer(self, column: str) -> int:
        value = self.required(column)
        if value and not value.isdigit():
            self.bad(column, f"'{value}' is not a whole number", "write a number such as 12")
            return 0
        return int(value) if value else 0

    def numbers(self, column: str) -> tuple[int, ...]:
        parts = [p.strip() for p in self.text(column).split(";") if p.strip()]
        bad = [p for p in parts if not p.isdigit()]
        if bad:
            self.bad(column, f"'{bad[0]}' is not a number", 'separate numbers with ";", e.g. "2;8;57"')
        return tuple(int(p) for p in parts if p.isdigit())

    def codes(self, column: str, allowed: dict, required: bool = True) -> tuple[str, ...]:
        parts = [p.strip() for p in self.text(column).split(";") if p.strip()]
        for part in parts:
            if part not in allowed:
                self.bad(column, f"'{part}' is not a known code",
                         f"use one or more of {', '.join(allowed)} separated by ';'")
        if required and not parts:
            self.bad(column, "the cell is empty", f"use one or more of {', '.join(allowed)}")
        return tuple(p for p in parts if p in allowed)

    def choice(self, column: str, allowed: dict) -> str:
        value = self.required(column)
        if value and value not in allowed:
            self.bad(column, f"'{value}' is not one of the allowed values", f"use one of {', '.join(allowed)}")
        return value

    def mark(self, column: str) -> bool:
        value = self.text(column).lower()
        if value not in ("", MARK):
            self.bad(column, f"'{value}' is not a mark", f'write "{MARK}" for a reason that applies, else leave empty')
        return value == MARK


T = TypeVar("T")
MULTILINE = frozenset({"description", "key_findings", "comments", "design_text"})


def read_sheet(path: Path, name: str, parse: Callable[[_Cell], T]) -> list[T]:
    """Rows of one sheet, parsed by ``parse``; raise a ReviewflowError listing every problem."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ReviewflowError([Problem(file, "the extraction sheet is missing",
                                       f"create it with the columns {', '.join(REQUIRED[name])} (docs/tables.md)")]) from None
    except UnicodeDecodeError as err:
        raise ReviewflowError([Problem(file, f"not UTF-8 text ({err.reason} at byte {err.start})",
                                       "save the sheet as CSV UTF-8",
                                       line=err.object.count(b"\n", 0, err.start) + 1)]) from None
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    done = [0]  # lines of the file read by the last complete row
    try:
        missing = [c for c in REQUIRED[name] if c not in (reader.fieldnames or [])]
        if missing:
            raise ReviewflowError([Problem(file, f"missing column(s): {', '.join(missing)}",
                                           "add them to the header row (docs/tables.md lists every column)", line=1)])
        problems: list[Problem] = []
        rows = [parse(_Cell(file, n, row, problems)) for n, row in enumerate(_rows(reader, done), start=1)
                if any((v or "").strip() for v in row.values() if isinstance(v, str))]
    except csv.Error as err:
        # A quote left open swallows the rest of the file: name the line where the broken row starts.
        raise ReviewflowError([Problem(file, f"the CSV is malformed ({err}) in the row starting at this line",
                                       'close the quote of the cell ("...") or remove the stray quote',
                                       line=done[0] + 1)]) from None
    if problems:
        raise ReviewflowError(problems)
    return rows


def _rows(reader: csv.DictReader, done: list[int]):
    done[0] = reader.line_num
    for row in reader:
        yield row
        done[0] = reader.line_num


def _reference(c: _Cell) -> Reference:
    return Reference(c.integer("ref_id"), c.text("authors"), c.text("year"), c.required("title"))


def _scheme(c: _Cell) -> Scheme:
    return Scheme(c.required("scheme_id"), c.required("name"), c.text("country"),
                  c.choice("status", {"included": 1, "excluded": 1}), c.numbers("source_refs"),
                  c.integer("appendix_row"))


def _included(c: _Cell) -> IncludedScheme:
    irm = c.numbers("irm_categories")
    for number in irm:
        if number not in IRM_TYPES:
            c.bad("irm_categories", f"{number} is not an IRM type of Table 4", "use the numbers 1 to 8")
    return IncludedScheme(
        c.required("scheme_id"), irm, c.text("irm_label"), c.codes("study_designs", DESIGNS),
        c.text("design_text"), c.text("duration"), c.text("n"),
        c.choice("health_outcome", DIRECTIONS), c.choice("secondary_care", DIRECTIONS),
        c.text("description"), c.text("key_findings"))


def _excluded(c: _Cell) -> ExcludedScheme:
    reasons = tuple(key for key in EXCLUSION_REASONS if c.mark(key))
    return ExcludedScheme(c.required("scheme_id"), reasons, c.text("comments"))


def _report(c: _Cell) -> SchemeReport:
    return SchemeReport(c.required("scheme_id"), c.integer("ref_id"))


PARSERS: dict[str, Callable[[_Cell], object]] = {
    "references": _reference, "schemes": _scheme, "included_schemes": _included,
    "excluded_schemes": _excluded, "scheme_reports": _report,
}


def sheet_paths(folder: str | Path) -> dict[str, Path]:
    return {name: Path(folder) / f"{name}.csv" for name in SHEETS}


def load_extraction(folder: str | Path) -> Extraction:
    """Read and cross-check every extraction sheet in ``folder``."""
    paths = sheet_paths(folder)
    problems: list[Problem] = []
    loaded: dict[str, list] = {}
    for name, path in paths.items():
        try:
            loaded[name] = read_sheet(path, name, PARSERS[name])
        except ReviewflowError as err:
            problems += err.problems
    if problems:
        raise ReviewflowError(problems)
    extraction = Extraction(*(tuple(loaded[n]) for n in SHEETS))
    problems = cross_check(extraction, {n: str(p) for n, p in paths.items()})
    if problems:
        raise ReviewflowError(problems)
    return extraction


def cross_check(x: Extraction, files: dict[str, str]) -> list[Problem]:
    """Every ID used in one sheet exists in the sheet that defines it; nothing listed twice."""
    problems = _duplicates([r.ref_id for r in x.references], files["references"], "ref_id")
    problems += _duplicates([s.scheme_id for s in x.schemes], files["schemes"], "scheme_id")
    status = {s.scheme_id: s.status for s in x.schemes}
    refs = {r.ref_id for r in x.references}
    for sheet, rows, want in (("included_schemes", x.included, "included"),
                              ("excluded_schemes", x.excluded, "excluded")):
        problems += _duplicates([r.scheme_id for r in rows], files[sheet], "scheme_id")
        for n, row in enumerate(rows, start=1):
            if status.get(row.scheme_id) != want:
                problems.append(Problem(files[sheet], f"scheme {row.scheme_id} is not listed in schemes.csv "
                                        f"with status {want}", f"add it to {files['schemes']} or correct the ID",
                                        row=n, column="scheme_id"))
        listed = {r.scheme_id for r in rows}
        for s in x.schemes:
            if s.status == want and s.scheme_id not in listed:
                problems.append(Problem(files[sheet], f"scheme {s.scheme_id} ({want} in schemes.csv) has no row here",
                                        f"add a row for {s.scheme_id}"))
    for n, s in enumerate(x.schemes, start=1):
        for ref in s.source_refs:
            if ref not in refs:
                problems.append(Problem(files["schemes"], f"reference [{ref}] is not in references.csv",
                                        "correct the number or add the reference", row=n, column="source_refs"))
    for n, link in enumerate(x.reports, start=1):
        if link.scheme_id not in status or link.ref_id not in refs:
            what = link.scheme_id if link.scheme_id not in status else f"[{link.ref_id}]"
            problems.append(Problem(files["scheme_reports"], f"{what} is not defined in schemes.csv/references.csv",
                                    "correct the ID", row=n))
    return problems


def _duplicates(ids: list, file: str, column: str) -> list[Problem]:
    seen: set = set()
    problems = []
    for n, value in enumerate(ids, start=1):
        if value in seen:
            problems.append(Problem(file, f"{value} appears more than once", "keep one row per ID", row=n, column=column))
        seen.add(value)
    return problems
