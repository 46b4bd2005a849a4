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
from reviewflow.sheets import Sheet, read_sheet

DECISION_COLUMNS = ("id", "decision")
OTHER_METHODS = frozenset({"website", "organisation", "citation_search", "other"})


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
    first_round: str = ""  # the search round that first found it (agreement per round)

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


def read_unique_records(path: str | Path) -> list[UniqueRecord]:
    """Unique records in review order; raises naming the file when it is missing or malformed."""
    needed = ("record_id", "member_ids", "methods", "title", "authors", "year", "journal", "abstract", "doi", "url")
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in needed if c not in (reader.fieldnames or [])]
            if missing:
                raise fail(path, f"missing column(s) {', '.join(missing)}", "re-run the dedupe stage", line=1)
            return [UniqueRecord(r["record_id"], split_multi(r["member_ids"]) or (r["record_id"],),
                                 split_multi(r["methods"]), r["title"], r["authors"], r["year"], r["journal"],
                                 r["abstract"], r["doi"], r["url"], r.get("first_round", "")) for r in reader]
    except FileNotFoundError:
        raise fail(path, "the file does not exist", "run the dedupe stage first (snakemake does)") from None


def sheet_paths(settings: Settings) -> dict[tuple[str, str], str]:
    """(stage, source) -> path of every decisions sheet the config names (reviewers, then consensus)."""
    return {(stage.name, who): stage.sheet(who)
            for stage in settings.stages.values() for who in (*stage.reviewers, CONSENSUS)}


def existing_sheets(settings: Settings) -> list[str]:
    """The sheets of this config that exist: what a workflow rule lists as input."""
    paths = [*sheet_paths(settings).values(), settings.retrieval, settings.study_links]
    return sorted(p for p in paths if Path(p).is_file())


def read_sheets(settings: Settings) -> Sheets:
    sheets = Sheets(decisions={s: {} for s in STAGES})
    for (stage, who), path in sheet_paths(settings).items():
        sheet = _read(path, DECISION_COLUMNS, "screening_decisions", sheets.problems)
        if sheet is not None:
            sheets.decisions[stage][who] = sheet
    sheets.retrieval = _read(settings.retrieval, ("id", "status"), "screening_retrieval", sheets.problems)
    sheets.links = _read(settings.study_links, ("record_id", "study_id"), "screening_study_links", sheets.problems)
    return sheets


def _read(path: str, required: tuple[str, ...], schema: str, problems: list[Problem]) -> Sheet | None:
    if not Path(path).is_file():
        return None
    try:
        return read_sheet(path, required, schema)
    except ReviewflowError as err:
        problems.extend(err.problems)
        return None


def unexpected_files(settings: Settings) -> list[str]:
    """CSV files in a stage folder that the config does not name (e.g. a reviewer not in config)."""
    known = {str(Path(p)) for p in [*sheet_paths(settings).values(), settings.retrieval, settings.study_links]}
    found = {str(p) for s in settings.stages.values() if Path(s.folder).is_dir() for p in Path(s.folder).glob("*.csv")}
    return sorted(found - known)
