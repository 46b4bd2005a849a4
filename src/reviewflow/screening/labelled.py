"""Reading a labelled screening dataset in ASReview's format (``reviewflow screen simulate``).

Columns: ``record_id``, ``title``, ``abstract`` and a 0/1 label column (``label_included`` by default);
header names in any case, other columns ignored. Every problem names the file, the row and the fix.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from reviewflow.errors import FIRST_DATA_ROW, Problem, ReviewflowError, fail
from reviewflow.screening.ranking import record_text

MAX_LISTED = 20  # problems listed one by one; the rest are counted


@dataclass(frozen=True)
class Labelled:
    """A labelled dataset: one record per row, in file order."""

    file: str
    ids: tuple[str, ...]
    texts: tuple[str, ...]
    labels: tuple[int, ...]  # 1 relevant, 0 irrelevant
    empty: tuple[str, ...]  # IDs of records with neither title nor abstract (ranked last, see simulate)


def read_labelled(path: str | Path, label: str = "label_included") -> Labelled:
    """The dataset, checked: an ID per row, unique; every label 0 or 1; both labels present."""
    file = str(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = {(h or "").strip().lower(): h for h in reader.fieldnames or ()}
            raw = list(reader)
    except FileNotFoundError:
        raise fail(file, "file not found", "give the path of a labelled CSV (record_id,title,abstract,label)") from None
    except UnicodeDecodeError as err:
        raise fail(file, f"not UTF-8 text ({err.reason})", "save the file as CSV UTF-8") from None
    missing = [c for c in ("record_id", label.lower()) if c not in header]
    if missing:
        raise fail(file, f"no column {', '.join(missing)} (columns: {', '.join(header) or 'none'})",
                   "name the label column with --label, or add the missing column")
    problems: list[Problem] = []
    ids, texts, labels, empty, seen = [], [], [], [], {}
    # rows as a spreadsheet shows them (header = 1); csv.DictReader drops blank lines, which the exports
    # this reads (ASReview datasets) do not have
    for number, row in enumerate(raw, start=FIRST_DATA_ROW):
        def cell(name: str) -> str:
            return (row.get(header.get(name, ""), "") or "").strip()
        rid, value = cell("record_id"), cell(label.lower())
        if not rid:
            problems.append(Problem(file, "empty record_id", "give every record an ID", row=number, column="record_id"))
        elif rid in seen:
            problems.append(Problem(file, f"record_id {rid} also in row {seen[rid]}", "give every record its own ID",
                                    row=number, column="record_id"))
        if value not in ("0", "1"):
            problems.append(Problem(file, f"label {value!r} is not 0 or 1", "write 1 (relevant) or 0 (irrelevant)",
                                    row=number, column=header[label.lower()]))
        if problems and len(problems) >= MAX_LISTED:
            break
        seen.setdefault(rid, number)
        text = record_text(cell("title"), cell("abstract"))
        ids.append(rid)
        texts.append(text)
        labels.append(1 if value == "1" else 0)
        if not text:
            empty.append(rid)
    if problems:
        raise ReviewflowError(problems)
    if len(set(labels)) < 2:
        only = "relevant (1)" if labels and labels[0] == 1 else "irrelevant (0)"
        raise fail(file, f"every record is labelled {only}" if labels else "no records",
                   "a simulation needs at least one relevant and one irrelevant record")
    return Labelled(file, tuple(ids), tuple(texts), tuple(labels), tuple(empty))
