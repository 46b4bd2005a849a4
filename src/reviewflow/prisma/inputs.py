"""Reading the prisma stage's inputs (the I/O edge): results of import, dedupe and screening, and config.

Every problem names the file, the row and the fix; nothing is dropped silently.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewflow.config import DEFAULT_CONFIG
from reviewflow.errors import FIRST_DATA_ROW, Problem, ReviewflowError, fail
from reviewflow.orphans import Allowed
from reviewflow.prisma.flow import FlowInputError, FlowInputs, Outcome, RecordRef
from reviewflow.records import split_multi
from reviewflow.sheets import read_sheet
from reviewflow.vocabulary import METHODS, OUTCOME_DECISIONS
from reviewflow.vocabulary import RETRIEVAL as RETRIEVAL_STATES

RETRIEVAL = (*RETRIEVAL_STATES, "")  # "": not yet known


@dataclass(frozen=True)
class InputPaths:
    records: str  # results/import/records.csv
    clusters: str  # results/dedupe/clusters.csv
    title_abstract: str  # results/screening/title_abstract/outcomes.csv
    full_text: str  # results/screening/full_text/outcomes.csv
    study: str  # results/screening/study/outcomes.csv
    study_links: str | None = None  # data/screening/study_links.csv (optional)
    config: str = DEFAULT_CONFIG  # the config file the settings came from (named in errors about them)


def read_rows(path: str, required: Sequence[str]) -> list[dict[str, str]]:
    """A CSV's rows as dicts (values stripped); raise naming the file when it or a column is missing.

    Callers number the rows from FIRST_DATA_ROW, as a spreadsheet opening the file shows them: the
    files read here are written by earlier stages, with no blank lines for csv.DictReader to drop."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise fail(path, f"missing column(s) {', '.join(missing)}",
                           f"the header row must name the columns {', '.join(required)}", line=1)
            return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader]
    except FileNotFoundError:
        raise fail(path, "the file does not exist", "run the stages before prisma (snakemake does)") from None
    except UnicodeDecodeError as err:
        raise fail(path, f"not UTF-8 text ({err.reason})", "save the file as UTF-8") from None


def read_record_refs(path: str, rounds: Sequence[Mapping[str, Any]]) -> list[RecordRef]:
    """What the flow needs of each row of results/import/records.csv: its round, database and
    identification method, as the import wrote them (the method decides the record's PRISMA column)."""
    round_ids = [str(r["id"]) for r in rounds]
    refs, problems = [], []
    rerun = "re-run the import stage (records.csv is out of step with config)"
    for n, row in enumerate(read_rows(path, ("record_id", "round", "database", "method")), start=FIRST_DATA_ROW):
        if row["round"] not in round_ids:
            problems.append(Problem(path, f"record {row['record_id']} belongs to round {row['round']!r}, "
                                    f"which is not in config `rounds` ({', '.join(round_ids)})",
                                    "re-run the import stage after changing `rounds`", row=n))
            continue
        if row["method"] not in METHODS:
            problems.append(Problem(path, f"record {row['record_id']}: unknown identification method "
                                    f"{row['method']!r} (one of {', '.join(METHODS)})", rerun, row=n))
            continue
        refs.append(RecordRef(row["record_id"], row["round"], row["database"], row["method"]))
    if problems:
        raise ReviewflowError(problems)
    return refs


def read_clusters(path: str, records: Sequence[RecordRef]) -> dict[str, str]:
    clusters = {row["record_id"]: row["cluster_id"] for row in read_rows(path, ("record_id", "cluster_id"))}
    ids = {r.record_id for r in records}
    missing = sorted(ids - set(clusters))
    unknown = sorted(set(clusters) - ids)
    if missing or unknown:
        problem = (f"{len(missing)} record(s) have no cluster: {_some(missing)}" if missing
                   else f"{len(unknown)} record(s) are not in the records table: {_some(unknown)}")
        raise fail(path, problem, "re-run the dedupe stage on the current records table")
    return clusters


def read_outcomes(path: str, clusters: Mapping[str, str] | None, *, full_text: bool = False,
                  study: bool = False) -> tuple[dict[str, Outcome], dict[str, tuple[str, ...]]]:
    """Outcomes by unit ID (record IDs mapped to their cluster); for the study stage also its report IDs."""
    required = ("id", "decision", "reasons") + (("retrieval",) if full_text else ())
    outcomes: dict[str, Outcome] = {}
    reports: dict[str, tuple[str, ...]] = {}
    problems: list[Problem] = []
    for n, row in enumerate(read_rows(path, required), start=FIRST_DATA_ROW):
        unit = row["id"] if clusters is None else clusters.get(row["id"], "")
        problem = _outcome_problem(row, unit, outcomes, full_text)
        if problem:
            problems.append(Problem(path, problem[0], problem[1], row=n))
            continue
        outcomes[unit] = Outcome(unit, row["decision"], split_multi(row["reasons"]), row.get("retrieval", ""))
        if study:
            reports[unit] = split_multi(row.get("report_ids", ""))
    if problems:
        raise ReviewflowError(problems)
    return outcomes, reports


def _outcome_problem(row: dict[str, str], unit: str, seen: Mapping[str, Outcome],
                     full_text: bool) -> tuple[str, str] | None:
    rerun = "re-run the screening stage (its outputs are out of step with dedupe)"
    if not unit:
        return f"id {row['id']!r} is not a record or cluster ID", rerun
    if unit in seen:
        return f"a second outcome for {unit}", rerun
    if row["decision"] not in OUTCOME_DECISIONS:
        return f"decision {row['decision']!r} is not one of {', '.join(OUTCOME_DECISIONS)}", rerun
    if full_text and row["retrieval"] not in RETRIEVAL:
        return f"retrieval {row['retrieval']!r} is not retrieved or not_retrieved", rerun
    return None


def read_links(path: str | None, clusters: Mapping[str, str], allow_orphans: Allowed = Allowed()
               ) -> dict[str, list[str]]:
    """study_id -> cluster IDs of its reports, from data/screening/study_links.csv (absent: none).

    A row with an empty record_id declares a study with no report; a link to a record no longer in the
    review is an orphan, which screening has already reported (and stopped on unless allowed)."""
    links: dict[str, list[str]] = {}
    if path is None or not Path(path).exists():
        return links
    problems = []
    # the sheet reader screening uses, so a sheet saved with ';', a BOM or as cp1252 reads the same here
    # (screening has already warned about its encoding)
    for n, row in read_sheet(path, ("record_id", "study_id"), legacy_encodings=True).rows:
        if not row["record_id"]:
            links.setdefault(row["study_id"], [])
            continue
        if row["record_id"] not in clusters and row["record_id"] in allow_orphans:
            continue
        if row["record_id"] not in clusters:
            problems.append(Problem(path, f"record_id {row['record_id']!r} is not a record of the review",
                                    "use a record ID or cluster ID from results/dedupe/clusters.csv", row=n,
                                    column="record_id"))
            continue
        links.setdefault(row["study_id"], []).append(clusters[row["record_id"]])
    if problems:
        raise ReviewflowError(problems)
    return links


def load_inputs(paths: InputPaths, config: Mapping[str, Any]) -> FlowInputs:
    rounds = config["rounds"]
    records = read_record_refs(paths.records, rounds)
    clusters = read_clusters(paths.clusters, records)
    ta, _ = read_outcomes(paths.title_abstract, clusters)
    ft, _ = read_outcomes(paths.full_text, clusters, full_text=True)
    study, report_ids = read_outcomes(paths.study, None, study=True)
    allow_orphans = Allowed.from_config(config.get("screening", {}).get("allow_orphans"))
    study_reports = read_links(paths.study_links, clusters, allow_orphans)
    for study_id, reps in report_ids.items():
        unknown = [r for r in reps if r not in clusters]
        if unknown:
            raise fail(paths.study, f"study {study_id}: report_ids {', '.join(unknown)} are not records",
                       "re-run the screening stage")
        study_reports.setdefault(study_id, []).extend(clusters[r] for r in reps)
    previous = tuple((config.get("prisma") or {}).get("previous_rounds") or ())
    unknown_rounds = [r for r in previous if r not in {str(x["id"]) for x in rounds}]
    if unknown_rounds:
        raise fail(paths.config, f"prisma.previous_rounds names unknown round(s) {unknown_rounds}",
                   "list round ids from `rounds`")
    return FlowInputs(
        records=tuple(records), clusters=clusters, title_abstract=ta, full_text=ft, study=study,
        study_reports={s: tuple(dict.fromkeys(reps)) for s, reps in study_reports.items()},
        previous_rounds=previous)


def flow_error(err: FlowInputError, paths: InputPaths) -> ReviewflowError:
    """A contradiction between inputs, as a ReviewflowError naming the file and the IDs."""
    file = {"title_abstract": paths.title_abstract, "full_text": paths.full_text,
            "study": paths.study}.get(err.stage, paths.study)
    return fail(file, f"{err.problem}: {_some(err.ids, 20)}", err.fix)


def _some(ids: Sequence[str], k: int = 10) -> str:
    more = f" and {len(ids) - k} more" if len(ids) > k else ""
    return ", ".join(ids[:k]) + more
