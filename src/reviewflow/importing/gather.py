"""The per-file record tables -> ``results/import/records.csv``, a one-row-per-file summary, and the
notes of every file (``notes.csv``: warnings, lines set aside, flagged records, files not read)."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Sequence
from pathlib import Path

from reviewflow.errors import Problem, ReviewflowError
from reviewflow.importing.folders import Unread, copy_problem
from reviewflow.importing.notes import Note, read_notes, write_notes
from reviewflow.records import Record, read_records, write_records

SUMMARY_COLUMNS = ("source_file", "round", "database", "format", "records", "flagged")
# Record fields that are the file's content, not where it sits: two exports with the same content
# in these fields, record for record, are one export twice (a re-saved copy, or the same search
# exported twice). Accession numbers and links are among them, so two databases never match.
CONTENT = slice(Record._fields.index("title"), Record._fields.index("flags"))


def gather_records(file_csvs: Sequence[str | Path], records_out: str | Path, summary_out: str | Path,
                   notes_out: str | Path | None = None, *, notes_in: Sequence[str | Path] = (),
                   unread: Sequence[Unread] = ()) -> None:
    """Concatenate the tables in the order given (review order); raise if a record_id repeats or two
    files hold the same records. ``notes_in`` (one per file, same order) and ``unread`` (files of the
    round folders not read) make ``notes_out``."""
    records: list[Record] = []
    summary: list[dict[str, str]] = []
    first_seen: dict[str, str] = {}
    contents: dict[str, str] = {}
    problems: list[Problem] = []
    for path in map(str, file_csvs):
        table = read_records(path)
        problems += _clashing_ids(table, first_seen)
        problems += _same_records(table, contents)
        records += table
        summary.append(summarise(table, path))
    if problems:
        raise ReviewflowError(problems[:20])
    write_records(records, records_out)
    with open(summary_out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=SUMMARY_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(summary)
    if notes_out is not None:
        notes = [note for path in notes_in for note in read_notes(path)]
        notes += [Note(u.path, None, "not_read", f"{u.why}; {u.todo}") for u in unread]
        write_notes(notes, notes_out)


def _clashing_ids(table: list[Record], first_seen: dict[str, str]) -> list[Problem]:
    problems = []
    for record in table:
        if record.record_id in first_seen:
            problems.append(Problem(
                record.source_file, f"record_id {record.record_id!r} is also a record of "
                f"{first_seen[record.record_id]}", "give the two export files names that differ "
                "(or, for CSV exports with an ID column, IDs that differ)", line=record.source_line))
        else:
            first_seen[record.record_id] = record.source_file
    return problems


def _same_records(table: list[Record], contents: dict[str, str]) -> list[Problem]:
    """A file whose records (as a set, in any order) are those of an earlier file is a copy."""
    if not table:
        return []
    rows = sorted(repr(record[CONTENT]) for record in table)
    digest = hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()
    if digest in contents:
        return [copy_problem(table[0].source_file, contents[digest], "holds the same records as")]
    contents[digest] = table[0].source_file
    return []


def summarise(table: list[Record], path: str) -> dict[str, str]:
    first = table[0] if table else None
    return {
        "source_file": first.source_file if first else path,
        "round": first.round if first else "",
        "database": "; ".join(dict.fromkeys(r.database for r in table)),
        "format": first.format if first else "",
        "records": str(len(table)),
        "flagged": str(sum(1 for r in table if r.flags)),
    }
