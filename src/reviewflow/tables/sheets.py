"""Reading a review's extraction sheets (``<tables.extracted>/<sheet>.csv``, typed by hand) as its codebook says.

Only reads and checks; the tables are built from these rows in ``build``. Sheets are read with the
tolerant reader people's spreadsheets need (``reviewflow.sheets``: BOM, ``;`` or tab, cp1252 refused with
a fix), each row is checked against the JSON Schema generated from the codebook, then the sheets are
checked against each other. Every problem names the file, the row (as a spreadsheet shows it: header = 1), the
column and the fix, and all problems are reported together.
"""

from __future__ import annotations

import csv
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

from reviewflow.errors import Problem, ReviewflowError
from reviewflow.sheets import decode, parse_sheet, sniff_delimiter
from reviewflow.sheets import read_sheet as read_tolerant
from reviewflow.tables.codebook import DECISION, REASONS, SEP, Codebook, Field, SheetSpec, row_schema

Value = str | int | tuple  # text, integer, or the values of a multi-valued cell
Record = dict[str, Value]


@dataclass(frozen=True)
class Row:
    number: int  # row in its sheet as a spreadsheet shows it (header = 1)
    values: Record


@dataclass(frozen=True)
class Decision:
    decision: str  # include | exclude | pending | conflict
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Extraction:
    """A review's extraction sheets, checked against its codebook and against each other."""

    codebook: Codebook
    rows: dict[str, tuple[Row, ...]]
    files: dict[str, str]
    decisions: dict[str, Decision] | None = None  # study-level outcomes, when the review names them
    decisions_file: str = ""
    _studies: dict[str, Record] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._studies.update(_join(self))

    def study(self, study_id: str) -> Record:
        """Everything known about one study: its fields from every sheet, and its decision."""
        return self._studies[study_id]

    def studies(self, status: str | None = None) -> list[Record]:
        """The studies in the order of the studies sheet, those with ``status`` (a status code) if given."""
        cb = self.codebook
        return [r for r in self._studies.values() if status is None or r.get(cb.status) == status]

    def excluded_by_decision(self) -> list[Record]:
        """Studies whose study-level decision is exclude: the one source of the reasons for exclusion."""
        return [r for r in self._studies.values() if r.get(DECISION) == "exclude"]


def _join(x: Extraction) -> dict[str, Record]:
    cb = x.codebook
    studies: dict[str, Record] = {}
    for row in x.rows.get(cb.studies, ()):
        studies[str(row.values[cb.study_id])] = dict(row.values)
    for sheet in cb.sheets:
        if sheet.one_per:
            link = _study_link(cb, sheet)
            for row in x.rows.get(sheet.name, ()):
                study = studies.get(str(row.values.get(link, "")))
                if study is not None:
                    study.update({k: v for k, v in row.values.items() if k != link})
    if x.decisions is not None:
        for study_id, study in studies.items():
            decided = x.decisions.get(study_id)
            study[DECISION] = decided.decision if decided else "pending"
            study[REASONS] = decided.reasons if decided else ()
    return studies


def _study_link(cb: Codebook, sheet: SheetSpec) -> str:
    """The field of a sheet naming the study its row belongs to."""
    if sheet.name == cb.studies:
        return cb.study_id
    return next((f.name for f in sheet.fields if f.refers_to == cb.studies), "")


# ---- one sheet
SCHEMA_MESSAGES = {"enum": "'{value}' is not a known code", "pattern": "'{value}' is not {what}",
                   "minLength": "the cell is empty"}


def cell_problems(cb: Codebook, sheet: SheetSpec, file: str, number: int, cells: dict[str, Any]) -> list[Problem]:
    """Check one row (multi-valued cells as lists) against the sheet's generated JSON Schema."""
    validator = jsonschema.Draft202012Validator(row_schema(cb, sheet))
    problems = []
    for err in sorted(validator.iter_errors(cells), key=lambda e: [str(p) for p in e.absolute_path]):
        if err.validator == "required":
            column = err.message.split("'")[1]
            spec = sheet.field(column)
            problems.append(Problem(file, "the cell is empty", f"fill in {column}: {spec.describe()}",
                                    row=number, column=column))
            continue
        column = str(err.absolute_path[0])
        spec = sheet.field(column)
        what = "a whole number" if spec.type in ("integer", "references") else "allowed"
        message = SCHEMA_MESSAGES.get(err.validator, err.message).format(value=err.instance, what=what)
        problems.append(Problem(file, message, f"use {spec.describe()}", row=number, column=column))
    return problems


def _text(raw: str, spec: Field) -> str:
    """Runs of spaces collapsed; line breaks kept in long text cells."""
    if spec.multiline:
        return "\n".join(" ".join(line.split()) for line in raw.strip().splitlines())
    return " ".join(raw.split())


def _cells(sheet: SheetSpec, raw: dict[str, str]) -> dict[str, Any]:
    """The row as the schema sees it: text cells normalised, multi-valued cells as lists, empty ones left out."""
    cells: dict[str, Any] = {}
    for spec in sheet.fields:
        text = _text(raw.get(spec.name, ""), spec)
        if spec.multi:
            parts = [p.strip() for p in text.split(SEP) if p.strip()]
            if parts or not spec.required:
                cells[spec.name] = parts
        elif text:
            cells[spec.name] = text
    return cells


def _typed(sheet: SheetSpec, cells: dict[str, Any]) -> Record:
    out: Record = {}
    for spec in sheet.fields:
        value = cells.get(spec.name, [] if spec.multi else "")
        if spec.type == "integer":
            value = int(value) if str(value).isdigit() else 0
        elif spec.type == "references" and all(str(v).isdigit() for v in value):
            value = tuple(int(v) for v in value)
        elif spec.multi:
            value = tuple(value)
        out[spec.name] = value
    return out


def read_extraction_sheet(cb: Codebook, sheet: SheetSpec, path: Path) -> tuple[Row, ...]:
    """Rows of one sheet, typed; raise a ReviewflowError listing every problem of the sheet."""
    file = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReviewflowError([Problem(file, "the extraction sheet is missing",
                                       f"create it with the columns {', '.join(sheet.columns)} "
                                       f"(the codebook {cb.file} lists them)")]) from None
    text, notes = decode(data, file)
    for note in notes:  # e.g. read as Windows-1252: the console (or the rule's log) says so
        sys.stderr.write(f"warning: {note}\n")
    _check_quotes(text, file)
    parsed = parse_sheet(text, file, sheet.columns)
    problems: list[Problem] = []
    rows = []
    for number, raw in parsed.rows:
        cells = _cells(sheet, raw)
        problems += cell_problems(cb, sheet, file, number, cells)
        rows.append(Row(number, _typed(sheet, cells)))
    if problems:
        raise ReviewflowError(problems)
    return tuple(rows)


def _check_quotes(text: str, file: str) -> None:
    """A quote left open swallows the rest of a sheet: name the line where the broken row starts."""
    lines = text.splitlines()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(lines[0] if lines else ""),
                        strict=True)
    done = 0
    try:
        for _ in reader:
            done = reader.line_num
    except csv.Error as err:
        raise ReviewflowError([Problem(file, f"the CSV is malformed ({err}) in the row starting at this line",
                                       'close the quote of the cell ("...") or remove the stray quote',
                                       line=done + 1)]) from None


# ---- the review
def sheet_paths(cb: Codebook, folder: str | Path) -> dict[str, Path]:
    return {name: Path(folder) / f"{name}.csv" for name in cb.sheet_names}


def read_decisions(path: str | Path) -> dict[str, Decision]:
    """Each study's outcome at the study level (results/screening/<stage>/outcomes.csv, written by screening)."""
    sheet = read_tolerant(path, ("id", "decision", "reasons"))
    return {row["id"]: Decision(row["decision"], tuple(r.strip() for r in row["reasons"].split(SEP) if r.strip()))
            for _, row in sheet.rows}


def load_extraction(cb: Codebook, folder: str | Path, decisions: str | Path = "") -> Extraction:
    """Read and cross-check every sheet of the codebook in ``folder`` (and the study-level decisions)."""
    paths = sheet_paths(cb, folder)
    problems: list[Problem] = []
    rows: dict[str, tuple[Row, ...]] = {}
    for sheet in cb.sheets:
        try:
            rows[sheet.name] = read_extraction_sheet(cb, sheet, paths[sheet.name])
        except ReviewflowError as err:
            problems += err.problems
    outcomes = None
    if decisions:
        try:
            outcomes = read_decisions(decisions)
        except ReviewflowError as err:
            problems += err.problems
    if problems:
        raise ReviewflowError(problems)
    files = {n: str(p) for n, p in paths.items()}
    extraction = Extraction(cb, rows, files, outcomes, str(decisions))
    problems = cross_check(extraction)
    if problems:
        raise ReviewflowError(problems)
    return extraction


def cross_check(x: Extraction) -> list[Problem]:
    """Keys are unique; every ID a sheet uses exists where it is defined; one row per study where promised;
    the studies' status agrees with their study-level decisions."""
    cb, problems = x.codebook, []
    keys = {s.name: {row.values[s.key] for row in x.rows[s.name]} for s in cb.sheets if s.key}
    for sheet in cb.sheets:
        file = x.files[sheet.name]
        if sheet.key:
            problems += _duplicates([(r.number, r.values[sheet.key]) for r in x.rows[sheet.name]], file, sheet.key)
        for spec in (f for f in sheet.fields if f.refers_to):
            target = cb.sheet(spec.refers_to)
            for row in x.rows[sheet.name]:
                value = row.values[spec.name]
                for v in value if isinstance(value, tuple) else (value,):
                    if v not in keys[target.name] and v != "":
                        shown = f"[{v}]" if spec.type == "references" else f"'{v}'"
                        problems.append(Problem(file, f"{shown} is not a {target.key} in {x.files[target.name]}",
                                                f"correct the ID or add it to {x.files[target.name]}",
                                                row=row.number, column=spec.name))
        if sheet.one_per:
            problems += _one_per(x, sheet)
    return problems + _decision_problems(x)


def _one_per(x: Extraction, sheet: SheetSpec) -> list[Problem]:
    cb, file, link = x.codebook, x.files[sheet.name], _study_link(x.codebook, sheet)
    status = {str(r.values[cb.study_id]): r.values.get(cb.status) for r in x.rows[cb.studies]}
    problems = _duplicates([(r.number, r.values[link]) for r in x.rows[sheet.name]], file, link)
    for row in x.rows[sheet.name]:
        study = str(row.values[link])
        if study in status and status[study] != sheet.one_per:
            problems.append(Problem(file, f"'{study}' is not listed in {x.files[cb.studies]} with status "
                                    f"{sheet.one_per}", f"correct its status there or correct the ID",
                                    row=row.number, column=link))
    listed = {str(r.values[link]) for r in x.rows[sheet.name]}
    for study, value in status.items():
        if value == sheet.one_per and study not in listed:
            problems.append(Problem(file, f"'{study}' ({sheet.one_per} in {x.files[cb.studies]}) has no row here",
                                    f"add a row for {study}"))
    return problems


def _decision_problems(x: Extraction) -> list[Problem]:
    """The status typed in the studies sheet and the study-level decision must say the same thing."""
    cb = x.codebook
    if x.decisions is None:
        return []
    problems = []
    want = {"include": cb.included, "exclude": cb.excluded}
    studies = {str(r.values[cb.study_id]): r for r in x.rows[cb.studies]}
    for study_id, decided in x.decisions.items():
        row = studies.get(study_id)
        if row is None:
            problems.append(Problem(x.decisions_file, f"study '{study_id}' is not in {x.files[cb.studies]}",
                                    f"add it to {x.files[cb.studies]} (or correct the study-level decision)"))
        elif cb.status and decided.decision in want and row.values[cb.status] != want[decided.decision]:
            problems.append(Problem(x.files[cb.studies], f"'{study_id}' has status {row.values[cb.status]} but its "
                                    f"study-level decision is {decided.decision} ({x.decisions_file})",
                                    "make the status and the decision agree", row=row.number, column=cb.status))
    return problems


def _duplicates(ids: list[tuple[int, Any]], file: str, column: str) -> list[Problem]:
    seen: set = set()
    problems = []
    for number, value in ids:
        if value in seen:
            problems.append(Problem(file, f"{value} appears more than once", "keep one row per ID",
                                    row=number, column=column))
        seen.add(value)
    return problems
