"""Decisions made in another screening tool (Rayyan, Covidence, ASReview), as one reviewer's decisions
file for reviewflow (docs/screening.md, "Decisions made elsewhere").

In flow order: ``read_export`` (the tool's CSV or XLSX, through the one sheet reader) -> a reader per tool
(its columns and words are data: ``TOOLS``) -> ``match`` (each decision mapped onto a unique record by
DOI, then PMID, then title + year) -> ``decisions_csv``. Pure apart from reading the export: the CLI
writes the file, and a person checks and commits it (the pipeline never writes data/).

A decision that matches no record, or more than one unique record, is never dropped or guessed: it is
listed with its row and why. Reasons are kept only when they name a criterion (by code or by label, any
case); any other reason text goes into the note and is listed, since reviewflow's reasons are codes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reviewflow.dedupe import normalise
from reviewflow.errors import fail
from reviewflow.screening.criteria import Criterion
from reviewflow.screening.inputs import UniqueRecord
from reviewflow.sheets import Sheet, read_sheet
from reviewflow.vocabulary import PERSON_DECISIONS


@dataclass(frozen=True)
class ToolDecision:
    """One decision read from a tool's export, before matching."""

    row: int  # row of the export as a spreadsheet shows it (header = 1)
    decision: str  # include | exclude | unsure
    reasons: tuple[str, ...]  # as the tool names them
    note: str
    doi: str = ""
    pmid: str = ""
    title: str = ""
    year: str = ""


@dataclass(frozen=True)
class Unmatched:
    row: int
    title: str
    why: str


@dataclass
class Imported:
    """The result of an import: rows for the decisions file, and everything that did not make it."""

    rows: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, decision, reasons, note
    matched_by: dict[str, int] = field(default_factory=dict)  # doi | pmid | title+year -> decisions
    unmatched: list[Unmatched] = field(default_factory=list)
    undecided: int = 0  # rows the reviewer has not decided in the tool (skipped, as in a worksheet)
    unmapped_reasons: dict[str, int] = field(default_factory=dict)  # reason text -> decisions (kept in notes)


# --- the tools' exports: columns and words are data ----------------------------------------------

# Column aliases, matched on the sheet reader's normalised header names (lower case, spaces -> "_").
DOI_COLUMNS = ("doi",)
# Not Covidence's "Accession Number": it is the PMID only for records imported from PubMed (an Embase
# accession would match some unrelated PMID), so it is never used as one.
PMID_COLUMNS = ("pmid", "pubmed_id", "pubmed")
TITLE_COLUMNS = ("title", "primary_title")
YEAR_COLUMNS = ("year", "published_year", "publication_year", "py")
URL_COLUMNS = ("url", "urls")

RAYYAN_WORDS = {"included": "include", "excluded": "exclude", "maybe": "unsure"}
COVIDENCE_WORDS = {"yes": "include", "include": "include", "included": "include", "no": "exclude",
                   "exclude": "exclude", "excluded": "exclude", "irrelevant": "exclude", "maybe": "unsure"}
COVIDENCE_DECISION_COLUMNS = ("vote", "decision", "screening_decision", "status")
COVIDENCE_REASON_COLUMNS = ("exclusion_reason", "reason_for_exclusion", "exclusion_reasons")
ASREVIEW_LABEL_COLUMNS = ("asreview_label", "included", "label_included", "label")
ASREVIEW_WORDS = {"1": "include", "0": "exclude"}  # blank or -1: not labelled yet
ASREVIEW_NOTE_COLUMNS = ("asreview_note", "exported_notes_1", "notes")

_RAYYAN_PART = re.compile(r"(RAYYAN-[A-Z-]+|USER-NOTES):\s*")
_RAYYAN_PAIR = re.compile(r'"([^"]+)"\s*=>\s*"([^"]*)"')


def _first(row: Mapping[str, str], columns: Sequence[str]) -> str:
    return next((row[c] for c in columns if row.get(c)), "")


def _identity(row: Mapping[str, str]) -> dict[str, str]:
    doi = _first(row, DOI_COLUMNS) or normalise.doi(_first(row, URL_COLUMNS))
    return {"doi": doi, "pmid": _first(row, PMID_COLUMNS), "title": _first(row, TITLE_COLUMNS),
            "year": _first(row, YEAR_COLUMNS)}


def rayyan_notes(notes: str) -> dict[str, str]:
    """The parts of Rayyan's `notes` cell: RAYYAN-INCLUSION, RAYYAN-LABELS, RAYYAN-EXCLUSION-REASONS,
    USER-NOTES -> their text (the parts are separated by ' | '; text before them was the record's own note)."""
    pieces = _RAYYAN_PART.split(notes)
    parts = {"": pieces[0].strip(" |")}
    for name, value in zip(pieces[1::2], pieces[2::2]):
        parts[name] = value.strip().rstrip("|").strip()
    return parts


def read_rayyan(sheet: Sheet, name: str) -> tuple[list[ToolDecision], int]:
    """Rayyan's articles.csv: one row per article; `notes` holds every member's decision
    (RAYYAN-INCLUSION: {"Anna"=>"Included", "Bob"=>"Excluded"}). ``name``: the member, any case."""
    found, undecided, names = [], 0, set()
    for number, row in sheet.rows:
        parts = rayyan_notes(row.get("notes", ""))
        votes = {who: vote for who, vote in _RAYYAN_PAIR.findall(parts.get("RAYYAN-INCLUSION", ""))}
        names |= set(votes)
        vote = next((v for who, v in votes.items() if who.casefold() == name.casefold()), "")
        if not vote:
            undecided += 1
            continue
        reasons = tuple(r.strip() for r in parts.get("RAYYAN-EXCLUSION-REASONS", "").split(",") if r.strip())
        labels = parts.get("RAYYAN-LABELS", "")
        note = "; ".join(x for x in (f"Rayyan labels: {labels}" if labels else "",) if x)
        found.append(ToolDecision(number, RAYYAN_WORDS.get(vote.casefold(), vote), reasons, note,
                                  **_identity(row)))
    if not found and names:
        raise fail(sheet.file, f"no decision by {name!r} in the RAYYAN-INCLUSION notes (the names there: "
                   f"{', '.join(sorted(names))})", "give the reviewer's Rayyan name with --name")
    return found, undecided


def read_covidence(sheet: Sheet, decision: str | None) -> tuple[list[ToolDecision], int]:
    """A Covidence CSV export (Title, Authors, Abstract, Published Year, ..., DOI, Covidence #, Notes, Tags).
    The decision is the vote column when the export has one (Vote/Decision: Yes, No, Maybe), else the list
    exported (``decision``: the Irrelevant list is exclude, the Full text review or Included list include)."""
    column = next((c for c in COVIDENCE_DECISION_COLUMNS if c in sheet.columns), None)
    if column is None and decision is None:
        raise fail(sheet.file, f"no vote column ({', '.join(COVIDENCE_DECISION_COLUMNS)}) in this Covidence "
                   "export", "give the decision of the list it was exported from with --decision "
                   "(e.g. --decision exclude for the Irrelevant list)", line=1)
    found, undecided = [], 0
    for number, row in sheet.rows:
        said = COVIDENCE_WORDS.get(row[column].casefold(), row[column]) if column else decision or ""
        if not said:
            undecided += 1
            continue
        reasons = tuple(r.strip() for r in _first(row, COVIDENCE_REASON_COLUMNS).split(";") if r.strip())
        tags = row.get("tags", "")
        cov = row.get("covidence_#", "") or row.get("covidence", "")
        note = "; ".join(x for x in (f"Covidence {cov}" if cov else "", f"tags: {tags}" if tags else "",
                                     row.get("notes", "")) if x)
        found.append(ToolDecision(number, said, reasons, note, **_identity(row)))
    return found, undecided


def read_asreview(sheet: Sheet) -> tuple[list[ToolDecision], int]:
    """ASReview LAB's exported results: the dataset with `record_id` (ASReview's own row number) and the
    label (`asreview_label`, older `included`/`label_included`: 1 relevant, 0 irrelevant, blank not yet)."""
    column = next((c for c in ASREVIEW_LABEL_COLUMNS if c in sheet.columns), None)
    if column is None:
        raise fail(sheet.file, f"no label column ({', '.join(ASREVIEW_LABEL_COLUMNS)}) in this ASReview export",
                   "export the project's results from ASReview LAB (Export > dataset, CSV or Excel)", line=1)
    found, undecided = [], 0
    for number, row in sheet.rows:
        said = ASREVIEW_WORDS.get(row[column].strip().removesuffix(".0"))
        if said is None:
            undecided += 1
            continue
        note = _first(row, ASREVIEW_NOTE_COLUMNS)
        found.append(ToolDecision(number, said, (), note, **_identity(row)))
    return found, undecided


TOOLS: dict[str, Callable[..., tuple[list[ToolDecision], int]]] = {
    "rayyan": read_rayyan, "covidence": read_covidence, "asreview": read_asreview}
REQUIRED = {"rayyan": ("title", "notes"), "covidence": ("title",), "asreview": ("title",)}


def read_export(tool: str, path: str | Path, *, name: str = "", decision: str | None = None
                ) -> tuple[list[ToolDecision], int, tuple[str, ...]]:
    """(decisions, rows not decided yet, warnings about the file) of one tool's export."""
    sheet = read_sheet(path, REQUIRED[tool], legacy_encodings=True)
    if tool == "rayyan":
        decisions, undecided = read_rayyan(sheet, name)
    elif tool == "covidence":
        decisions, undecided = read_covidence(sheet, decision)
    else:
        decisions, undecided = read_asreview(sheet)
    return decisions, undecided, sheet.warnings


# --- matching onto reviewflow's records ----------------------------------------------------------

@dataclass(frozen=True)
class RecordIndex:
    """Unique records by DOI, PMID and (title, year); each key -> the cluster IDs that carry it."""

    doi: Mapping[str, tuple[str, ...]]
    pmid: Mapping[str, tuple[str, ...]]
    title_year: Mapping[tuple[str, int], tuple[str, ...]]


def index_records(records: Sequence[UniqueRecord], pmids: Mapping[str, str]) -> RecordIndex:
    """``pmids``: cluster ID -> PMID (unique_records.csv has the column; UniqueRecord does not need it)."""
    by: dict[str, dict] = {"doi": {}, "pmid": {}, "title_year": {}}
    for r in records:
        keys = {"doi": normalise.doi(r.doi), "pmid": _pmid(pmids.get(r.id, "")),
                "title_year": (normalise.title(r.title), normalise.year(r.year)) if r.title else None}
        for kind, key in keys.items():
            if key:
                by[kind].setdefault(key, [])
                if r.id not in by[kind][key]:
                    by[kind][key].append(r.id)
    return RecordIndex(*({k: tuple(v) for k, v in by[kind].items()} for kind in ("doi", "pmid", "title_year")))


def _pmid(value: str) -> str:
    match = re.search(r"\d{1,9}", value or "")
    return match.group(0).lstrip("0") if match else ""


def match(decision: ToolDecision, index: RecordIndex) -> tuple[str | None, str]:
    """(cluster ID, how) or (None, why not). DOI first, then PMID, then title + year: the first key the
    decision has that names exactly one unique record wins; a key naming two is reported, never guessed."""
    keys = (("doi", index.doi, normalise.doi(decision.doi)), ("pmid", index.pmid, _pmid(decision.pmid)),
            ("title+year", index.title_year,
             (normalise.title(decision.title), normalise.year(decision.year)) if decision.title else None))
    tried = []
    for how, table, key in keys:
        if not key:
            continue
        ids = table.get(key, ())
        if len(ids) == 1:
            return ids[0], how
        tried.append(f"{how} matches {len(ids)} unique records" + (f" ({', '.join(ids)})" if ids else ""))
    return None, "; ".join(tried) or "no DOI, PMID or title to match on"


def import_decisions(decisions: Sequence[ToolDecision], undecided: int, records: Sequence[UniqueRecord],
                     pmids: Mapping[str, str], criteria: Sequence[Criterion]) -> Imported:
    """Match every decision; rows in the order of the export; one row per unique record."""
    index = index_records(records, pmids)
    codes = {c.code.casefold(): c.code for c in criteria} | {c.label.casefold(): c.code for c in criteria}
    out = Imported(undecided=undecided)
    seen: dict[str, int] = {}
    for d in decisions:
        if d.decision not in PERSON_DECISIONS:
            out.unmatched.append(Unmatched(d.row, d.title, f"unknown decision {d.decision!r} in the tool's export"))
            continue
        unit, how = match(d, index)
        if unit is None:
            out.unmatched.append(Unmatched(d.row, d.title, how))
            continue
        if unit in seen:
            out.unmatched.append(Unmatched(d.row, d.title, f"the same unique record as row {seen[unit]} ({unit})"))
            continue
        seen[unit] = d.row
        kept = [codes[r.casefold()] for r in d.reasons if r.casefold() in codes]
        other = [r for r in d.reasons if r.casefold() not in codes]
        for r in other:
            out.unmapped_reasons[r] = out.unmapped_reasons.get(r, 0) + 1
        note = "; ".join(x for x in (d.note, f"reasons in the tool: {', '.join(other)}" if other else "") if x)
        out.rows.append((unit, d.decision, ";".join(dict.fromkeys(kept)), note))
        out.matched_by[how] = out.matched_by.get(how, 0) + 1
    return out


def decisions_csv(rows: Sequence[tuple[str, str, str, str]]) -> str:
    """A reviewer's decisions file (docs/screening.md): id,decision,reasons,note; UTF-8, LF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("id", "decision", "reasons", "note"))
    writer.writerows(rows)
    return buffer.getvalue()


def report_lines(result: Imported, source: str) -> list[str]:
    """What the import did, for the console: matched (by which key), skipped, and every unmatched row."""
    how = ", ".join(f"{n} by {k}" for k, n in sorted(result.matched_by.items()))
    lines = [f"{source}: {len(result.rows)} decisions matched ({how or 'none'}); {result.undecided} rows not "
             f"decided in the tool (skipped); {len(result.unmatched)} could not be matched"]
    lines += [f"  not matched: {source}, row {u.row}: {u.title[:80]!r}: {u.why}" for u in result.unmatched]
    lines += [f"  reason not a criterion of config screening.criteria (kept in the note): {r!r} ({n} decisions)"
              for r, n in sorted(result.unmapped_reasons.items())]
    return lines
