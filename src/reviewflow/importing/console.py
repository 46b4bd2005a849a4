"""The import in a few lines, for the end of a run: records per export, what to check, where to look.

``import_summary`` is pure (rows of ``summary.csv`` and the notes in, text out); ``summary_text``
reads the two files the import writes and calls it.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from reviewflow.importing.notes import Note, read_notes

SUMMARY = "results/import/summary.csv"
NOTES = "results/import/notes.csv"
LOGS = "logs/import/<round>/<file>.log"
NOT_READ_SHOWN = 10  # files not read, named one per line; more are counted (all are in notes.csv)


def import_summary(rows: Sequence[Mapping[str, str]], notes: Sequence[Note], notes_path: str = NOTES) -> str:
    """``import: N records from E exports``, one line per export (records, database, and how many
    warnings, lines set aside and flagged records it has), the files not read, and where to look."""
    total = sum(int(r["records"]) for r in rows)
    per_file = {kind: Counter(n.source_file for n in notes if n.kind == kind)
                for kind in ("warning", "set_aside", "flagged")}
    lines = [f"import: {_count(total, 'record', 'records')} from {_count(len(rows), 'export file', 'export files')}"]
    for row in rows:
        name = row["source_file"]
        counts = [_count(per_file[k][name], *label) for k, label in
                  (("warning", ("warning", "warnings")), ("set_aside", ("line set aside", "lines set aside")),
                   ("flagged", ("record flagged", "records flagged"))) if per_file[k][name]]
        extra = f"; {', '.join(counts)}" if counts else ""
        records = _count(int(row["records"]), "record", "records")
        lines.append(f"  {name}: {records} ({row['database'] or 'no database'}){extra}")
    unread = [n for n in notes if n.kind == "not_read"]
    if unread:
        lines.append(f"  {len(unread)} file(s) in the round folders not read:")
        lines += [f"    {n.source_file}: {n.message}" for n in unread[:NOT_READ_SHOWN]]
        if len(unread) > NOT_READ_SHOWN:
            lines.append(f"    ... and {len(unread) - NOT_READ_SHOWN} more")
    if any(n.kind != "not_read" for n in notes) or unread:
        lines.append(f"  each warning, line set aside, flagged record and file not read, with file and line: "
                     f"{notes_path}; per file: {LOGS}")
    else:
        lines.append(f"  nothing set aside, no warnings (per file: {LOGS})")
    return "\n".join(lines)


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def summary_text(summary_path: str | Path = SUMMARY, notes_path: str | Path = NOTES, shown: str | None = None) -> str:
    """The summary of the import that wrote these files (notes may be absent: none then); ``shown``: how
    to name the notes file (default: its path as given)."""
    with open(summary_path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    notes = read_notes(notes_path) if Path(notes_path).is_file() else []
    return import_summary(rows, notes, shown or str(notes_path))
