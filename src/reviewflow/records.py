"""The normalised bibliographic record: what every export format is read into.

One ``Record`` per entry of an export file. Multi-valued fields (authors, keywords) are tuples;
in the records table (CSV) they are joined with ``"; "``. Empty fields are empty strings.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

MULTI_SEP = "; "


@dataclass(frozen=True, slots=True)
class Record:
    """One entry of one export file of one search, normalised."""

    record_id: str  # stable: "<file key>-<ordinal>", see reviewflow.importing.ids
    source_file: str  # path of the export, relative to the review's raw-data folder
    source_line: int  # 1-based line where the record starts in that file
    database: str = ""  # e.g. "MEDLINE", from config or the file
    search: str = ""  # the search (round) the export belongs to, from config
    format: str = ""  # the export format it was read from, e.g. "ris", "pubmed", "wos"
    title: str = ""
    authors: tuple[str, ...] = ()  # all authors, in order, as "Surname, Given"
    year: str = ""
    journal: str = ""
    volume: str = ""
    issue: str = ""
    pages_start: str = ""
    pages_end: str = ""
    doi: str = ""  # lower-case, no URL prefix
    pmid: str = ""
    issn: str = ""
    isbn: str = ""
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    language: str = ""
    pub_type: str = ""
    url: str = ""
    accession: str = ""
    flags: tuple[str, ...] = field(default=())  # e.g. "no_title": kept, but worth a look

    def to_row(self) -> dict[str, str]:
        row = {}
        for key, value in asdict(self).items():
            if isinstance(value, tuple):
                value = MULTI_SEP.join(value)
            row[key] = str(value)
        return row

    @classmethod
    def from_row(cls, row: dict[str, str]) -> Record:
        kwargs: dict[str, object] = {}
        for f in fields(cls):
            value = row.get(f.name, "") or ""
            if f.name == "source_line":
                kwargs[f.name] = int(value or 0)
            elif f.name in MULTI_FIELDS:
                kwargs[f.name] = split_multi(value)
            else:
                kwargs[f.name] = value
        return cls(**kwargs)  # type: ignore[arg-type]


def split_multi(value: str) -> tuple[str, ...]:
    """Undo the ``"; "`` join of a multi-valued field."""
    return tuple(part.strip() for part in value.split(";") if part.strip())


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Record))
MULTI_FIELDS = frozenset({"authors", "keywords", "flags"})


def records_to_csv(records: list[Record]) -> str:
    """The records table as CSV text (LF line ends, every field quoted only when needed)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(record.to_row())
    return out.getvalue()


def write_records(records: list[Record], path: str | Path) -> None:
    Path(path).write_text(records_to_csv(records), encoding="utf-8", newline="")


def read_records(path: str | Path) -> list[Record]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [Record.from_row(row) for row in csv.DictReader(handle)]
