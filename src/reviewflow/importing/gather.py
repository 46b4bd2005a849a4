"""The per-file record tables -> ``results/import/records.csv`` and a one-row-per-file summary."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from reviewflow.errors import Problem, ReviewflowError
from reviewflow.records import Record, read_records, write_records

SUMMARY_COLUMNS = ("source_file", "search", "database", "format", "records", "flagged")


def gather_records(file_csvs: Sequence[str | Path], records_out: str | Path, summary_out: str | Path) -> None:
    """Concatenate the tables in the order given (review order); raise if a record_id repeats."""
    records: list[Record] = []
    summary: list[dict[str, str]] = []
    first_seen: dict[str, str] = {}
    problems: list[Problem] = []
    for path in map(str, file_csvs):
        table = read_records(path)
        for record in table:
            if record.record_id in first_seen:
                problems.append(Problem(
                    record.source_file, f"record_id {record.record_id!r} is also a record of "
                    f"{first_seen[record.record_id]}", "give the two export files names that differ "
                    "(or, for CSV exports with an ID column, IDs that differ)", line=record.source_line))
            else:
                first_seen[record.record_id] = record.source_file
        records += table
        summary.append(summarise(table, path))
    if problems:
        raise ReviewflowError(problems[:20])
    write_records(records, records_out)
    with open(summary_out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=SUMMARY_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(summary)


def summarise(table: list[Record], path: str) -> dict[str, str]:
    first = table[0] if table else None
    return {
        "source_file": first.source_file if first else path,
        "search": first.search if first else "",
        "database": "; ".join(dict.fromkeys(r.database for r in table)),
        "format": first.format if first else "",
        "records": str(len(table)),
        "flagged": str(sum(1 for r in table if r.flags)),
    }
