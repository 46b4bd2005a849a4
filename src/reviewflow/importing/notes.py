"""What the import says about each export, besides its records: one row per thing a person may want
to check, with the file and line (``results/import/notes.csv``).

Kinds of note:

* ``warning``: a notice the reader gave (the records were kept; e.g. an unknown tag, cp1252 text).
* ``set_aside``: one line of an export that is part of no record (so nothing of it was imported).
* ``flagged``: a record kept with a flag (``no_title``, ``no_end_tag``, ``no_type_tag``).
* ``not_read``: a file in a round folder that the run does not read (a README, a lock file, ...).

Every line an export holds is either part of a record or listed here: no text leaves without a trace.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewflow.errors import Notice
from reviewflow.records import Record
from reviewflow.spreadsheets import neutralise

NOTE_COLUMNS = ("source_file", "line", "kind", "message")
KINDS = ("warning", "set_aside", "flagged", "not_read")
EXCERPT = 80  # characters of a set-aside line shown in its note


@dataclass(frozen=True)
class SetAside(Notice):
    """A notice about lines that belong to no record: (line, text) of each, for the notes."""

    lines: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class Note:
    """One row of notes.csv."""

    source_file: str
    line: int | None
    kind: str
    message: str

    def to_row(self) -> dict[str, str]:
        return {"source_file": self.source_file, "line": "" if self.line is None else str(self.line),
                "kind": self.kind, "message": self.message}


def notes_of(notices: Sequence[Notice], records: Sequence[Record]) -> list[Note]:
    """The notes of one export: its notices (each set-aside line on its own row), then each
    flagged record, in line order within each kind."""
    notes: list[Note] = []
    for notice in notices:
        if isinstance(notice, SetAside):
            notes += [Note(notice.file, line, "set_aside", f"not part of any record, not imported: "
                           f"{_excerpt(text)!r}") for line, text in notice.lines]
        else:
            notes.append(Note(notice.file, notice.line, "warning", notice.message))
    notes += [Note(r.source_file, r.source_line, "flagged", f"record {r.record_id} kept, flagged "
                   f"{', '.join(r.flags)}") for r in records if r.flags]
    return notes


def _excerpt(text: str) -> str:
    text = text.strip()
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def write_notes(notes: Iterable[Note], path: str | Path) -> None:
    """notes.csv: UTF-8, LF; cells from an export are neutralised (a line may start with ``=``)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=NOTE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: neutralise(v) for k, v in note.to_row().items()} for note in notes)


def read_notes(path: str | Path) -> list[Note]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [Note(row["source_file"], int(row["line"]) if row["line"] else None, row["kind"],
                     row["message"]) for row in csv.DictReader(handle)]


def fix_tag_case(padded: str, wrong_case: re.Pattern[str], known: frozenset[str], format_name: str,
                 file: str, notices: list[Notice]) -> str:
    """Read a tag written in the wrong case (``ty  - JOUR``) as the tag, with one warning per file.

    ``padded`` is the text after a leading newline; ``wrong_case`` matches a newline and a tag in the
    wrong case. Only a tag the format knows is changed: a line is never read as a tag by chance.
    The text keeps its length, so every line number stays the same.
    """
    if wrong_case.search(padded) is None:
        return padded
    fixed: list[tuple[int, str]] = []

    def upper(match: re.Match[str]) -> str:
        tag = match.group(0)[1:]
        if tag.upper() not in known:
            return match.group(0)
        fixed.append((match.start(), tag))
        return "\n" + tag.upper()

    text = wrong_case.sub(upper, padded)
    if fixed:
        first = padded.count("\n", 0, fixed[0][0]) + 1
        notices.append(case_notice(file, format_name, len(fixed), first, fixed[0][1]))
    return text


def case_notice(file: str, format_name: str, count: int, line: int, tag: str) -> Notice:
    """The one warning of a file whose tags were read whatever their case."""
    return Notice(file, f"{count} line(s) start with a {format_name} tag in lower or mixed case (first "
                  f"{tag!r} at this line); each was read as the tag {tag.upper()!r} and so on, nothing was "
                  "dropped", line=line)
