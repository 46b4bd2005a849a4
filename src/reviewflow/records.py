"""The normalised bibliographic record: what every export format is read into.

One ``Record`` per entry of an export file. Multi-valued fields (authors, keywords) are tuples;
in the records table (CSV) they are joined with ``"; "``. Empty fields are empty strings.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import NamedTuple

from reviewflow.errors import fail
from reviewflow.vocabulary import DEFAULT_METHOD

MULTI_SEP = "; "


class Record(NamedTuple):
    """One entry of one export file of one round, normalised, with where it came from: its round, its
    source (database, platform) and its identification method, from the export it was read from
    (``importing.discover.Export``), so that no later stage looks them up in config again.

    A named tuple rather than a frozen dataclass: as immutable, and built five times faster
    (a frozen dataclass sets each of its 27 fields through ``object.__setattr__``), which
    matters at a million records. Change a field with ``record._replace(title=...)``.
    """

    record_id: str  # stable: "<round>-<file stem slug>-<NNNNN>", see importing.read.read_export
    source_file: str  # path of the export, relative to the repository root (importing.discover.Export.path)
    source_line: int  # 1-based line where the record starts in that file
    round: str = ""  # the ID of the round the export belongs to (config `rounds[].id`)
    database: str = ""  # e.g. "MEDLINE", from config `sources` (applied at import only) or the file
    platform: str = ""  # the interface, e.g. "Ovid", from config `sources` or the record's own links; "" unknown
    method: str = DEFAULT_METHOD  # PRISMA identification method (vocabulary.METHODS), from config `sources`
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
    flags: tuple[str, ...] = ()  # e.g. "no_title": kept, but worth a look

    def to_row(self) -> dict[str, str]:
        return {key: MULTI_SEP.join(value) if isinstance(value, tuple) else str(value)
                for key, value in zip(COLUMNS, self)}

    @classmethod
    def from_row(cls, row: dict[str, str]) -> Record:
        kwargs: dict[str, object] = {}
        for name in cls._fields:
            value = row.get(name, "") or ""
            if name == "source_line":
                kwargs[name] = int(value or 0)
            elif name in MULTI_FIELDS:
                kwargs[name] = split_multi(value)
            else:
                kwargs[name] = value
        return cls(**kwargs)  # type: ignore[arg-type]


def split_multi(value: str) -> tuple[str, ...]:
    """Undo the ``"; "`` join of a multi-valued field."""
    return tuple(part.strip() for part in value.split(";") if part.strip())


COLUMNS: tuple[str, ...] = Record._fields
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


# The columns a records table must have: where each record came from. A table without them (one an
# older reviewflow wrote, with `search` for the round and no method) would read as records of no
# round found by database search: stopped instead, with the fix.
PROVENANCE = ("record_id", "source_file", "round", "database", "method")


def read_records(path: str | Path) -> list[Record]:
    """Every row of a records table (results/import/records.csv, or dedupe's unique_records.csv, whose
    extra columns are not read) as a ``Record``; raise naming the file when a provenance column is missing."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in PROVENANCE if c not in (reader.fieldnames or ())]
        if missing:
            raise fail(path, f"missing column(s) {', '.join(missing)}: not a records table of this version of "
                       "reviewflow", "re-run the import stage (and dedupe) to write it again", line=1)
        return [Record.from_row(row) for row in reader]
