"""Reading the screening stage's inputs (the I/O edge): unique records from dedupe, and every sheet a
person keeps under data/screening/ (each reviewer's decisions, consensus, retrieval, study links).

A sheet that does not exist yet is read as empty (a reviewer who has not started); problems in sheets
that do exist are collected, all of them, and raised together by the caller.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from reviewflow.errors import Problem, ReviewflowError, fail
from reviewflow.records import split_multi
from reviewflow.screening.criteria import CONSENSUS, STAGES, Settings
from reviewflow.sheets import SHEET_SUFFIXES, UNREADABLE_SUFFIXES, Sheet, read_sheet
from reviewflow.vocabulary import OTHER_METHODS

DECISION_COLUMNS = ("id", "decision")


@dataclass(frozen=True)
class UniqueRecord:
    """What screening needs of one row of results/dedupe/unique_records.csv."""

    id: str  # the cluster_id
    members: tuple[str, ...]
    methods: tuple[str, ...]
    title: str = ""
    authors: str = ""
    year: str = ""
    journal: str = ""
    abstract: str = ""
    doi: str = ""
    url: str = ""
    round: str = ""  # the round of its earliest record (the unique record's `round`; agreement per round)

    @property
    def other_methods_only(self) -> bool:
        """Found only by websites, organisations or citation searching (PRISMA's "other methods")."""
        return bool(self.methods) and set(self.methods) <= OTHER_METHODS


@dataclass
class Sheets:
    """Every human sheet of the screening stage, as read (rows not yet checked against the records)."""

    decisions: dict[str, dict[str, Sheet]] = field(default_factory=dict)  # stage -> source -> sheet
    retrieval: Sheet | None = None
    links: Sheet | None = None
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # read, but a person should know (encoding, lock files)
    missing_folders: dict[str, str] = field(default_factory=dict)  # stage -> its configured folder, absent


def read_unique_records(path: str | Path) -> list[UniqueRecord]:
    """Unique records in review order; raises naming the file when it is missing or malformed."""
    needed = ("record_id", "member_ids", "methods", "round", "title", "authors", "year", "journal", "abstract", "doi",
              "url")
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in needed if c not in (reader.fieldnames or [])]
            if missing:
                raise fail(path, f"missing column(s) {', '.join(missing)}", "re-run the dedupe stage", line=1)
            return [UniqueRecord(r["record_id"], split_multi(r["member_ids"]) or (r["record_id"],),
                                 split_multi(r["methods"]), r["title"], r["authors"], r["year"], r["journal"],
                                 r["abstract"], r["doi"], r["url"], r["round"]) for r in reader]
    except FileNotFoundError:
        raise fail(path, "the file does not exist", "run the dedupe stage first (snakemake does)") from None


def sheet_paths(settings: Settings) -> dict[tuple[str, str], str]:
    """(stage, source) -> the default path (``<who>.csv``) of every decisions sheet the config names."""
    return {(stage.name, who): stage.sheet(who)
            for stage in settings.stages.values() for who in (*stage.reviewers, CONSENSUS)}


def saved_as(path: str) -> list[str]:
    """The files that hold the sheet ``<folder>/<who>.csv``: the same name with any sheet suffix
    (a reviewer may save their worksheet as anna.xlsx). More than one is an error (``read_sheets``)."""
    base = Path(path).with_suffix("")
    return [str(base.with_suffix(s)) for s in (*SHEET_SUFFIXES, *UNREADABLE_SUFFIXES)
            if base.with_suffix(s).is_file()]


def existing_sheets(settings: Settings) -> list[str]:
    """Every file of this config's sheets and decisions folders: what a workflow rule lists as input,
    so a new, renamed or stray file reruns the check (lock files excepted: they come and go)."""
    paths = [p for path in sheet_paths(settings).values() for p in saved_as(path)]
    paths += [p for p in (settings.retrieval, settings.study_links) if Path(p).is_file()]
    paths += [str(p) for p in _folder_files(settings) if not _lock_file(p.name)]
    return sorted(set(paths))


def read_sheets(settings: Settings) -> Sheets:
    sheets = Sheets(decisions={s: {} for s in STAGES})
    for (stage, who), path in sheet_paths(settings).items():
        found = saved_as(path)
        if len(found) > 1:
            sheets.problems.append(Problem(found[0], f"two files for one sheet: {' and '.join(found)}",
                                           "keep one (the one with the decisions) and delete or move the other"))
            continue
        sheet = _read(found[0], DECISION_COLUMNS, "screening_decisions", sheets) if found else None
        if sheet is not None:
            sheets.decisions[stage][who] = sheet
    sheets.retrieval = _read(settings.retrieval, ("id", "status"), "screening_retrieval", sheets)
    sheets.links = _read(settings.study_links, ("record_id", "study_id"), "screening_study_links", sheets)
    sheets.missing_folders = {name: s.folder for name, s in settings.stages.items() if not Path(s.folder).is_dir()}
    strays, notices = unexpected_files(settings)
    sheets.problems += strays
    sheets.notices += notices
    return sheets


def _read(path: str, required: tuple[str, ...], schema: str, sheets: Sheets) -> Sheet | None:
    if not Path(path).is_file():
        return None
    try:
        sheet = read_sheet(path, required, schema, legacy_encodings=True)
    except ReviewflowError as err:
        sheets.problems.extend(err.problems)
        return None
    sheets.notices += sheet.warnings
    return sheet


def _folder_files(settings: Settings) -> list[Path]:
    """Every file of the decisions folders but dotfiles and READMEs (LibreOffice's lock files, which
    are dotfiles, included)."""
    folders = sorted({Path(s.folder) for s in settings.stages.values()})
    return sorted(p for f in folders if f.is_dir() for p in f.iterdir() if p.is_file()
                  and (_lock_file(p.name) or not p.name.startswith(".")) and not p.name.upper().startswith("README"))


def _lock_file(name: str) -> bool:
    """Excel's ``~$anna.xlsx`` and LibreOffice's ``.~lock.anna.csv#``: the sheet is open somewhere."""
    return name.startswith("~$") or name.startswith(".~lock.")


def unexpected_files(settings: Settings) -> tuple[list[Problem], list[str]]:
    """Files in a decisions folder that the config does not name: (problems, warnings).

    Never silence: a sheet-like file the run would not read (a reviewer not in config, a misspelt or
    differently-cased name, a copy) is an error, since its decisions would be lost without a word; a
    lock file is a warning (the sheet is open in a spreadsheet); any other file a warning."""
    names = sheet_paths(settings)
    known = {str(Path(p)) for path in names.values() for p in saved_as(path)}
    known |= {str(Path(p)) for p in (settings.retrieval, settings.study_links)}
    problems, notices = [], []
    for path in _folder_files(settings):
        if str(path) in known:
            continue
        if _lock_file(path.name):
            notices.append(f"{path} is a lock file: {path.name.lstrip('~$').replace('.~lock.', '').rstrip('#')} "
                           "is open in a spreadsheet, so its unsaved changes are not read: save and close it, "
                           "then run again (delete the lock file if no spreadsheet has it open)")
        elif path.suffix.lower() in (*SHEET_SUFFIXES, *UNREADABLE_SUFFIXES):
            problems.append(_stray_problem(path, settings))
        else:
            notices.append(f"{path} is not a sheet the config names: not read (move it out of the folder)")
    return problems, notices


def _stray_problem(path: Path, settings: Settings) -> Problem:
    for key, named in (("screening.stages.full_text.retrieval", settings.retrieval),
                       ("screening.study_links", settings.study_links)):
        if Path(named).parent == path.parent and Path(named).stem.lower() == path.stem.lower():
            return Problem(str(path), f"not the sheet the config names ({named}): not read",
                           f"save it as {named}, or set {key}: {path} in config")
    stages = [s for s in settings.stages.values() if Path(s.folder) == path.parent]
    names = sorted({who for s in stages for who in (*s.reviewers, CONSENSUS)})
    close = [n for n in names if n.lower() == path.stem.lower()]
    where = " or ".join(f"screening.stages.{s.name}.reviewers" for s in stages) or "screening.stages"
    hint = (f"rename it to {close[0]}{path.suffix} (names are matched exactly)" if close else
            f"rename it to a name the config gives this folder ({', '.join(n + '.csv' for n in names)}), add "
            f"{path.stem!r} as a reviewer in config {where}, or move it out of the folder")
    return Problem(str(path), f"a decisions file named for no reviewer of this folder (the config names "
                   f"{', '.join(names)}): its decisions would not be read", hint)
