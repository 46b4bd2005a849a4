"""One export file -> its Records: decode, detect the format, read entries, clean them.

The flow of a record at import, in the order of the modules: ``decode`` (bytes -> text),
``detect`` (which format), a reader (``ris``, ``pubmed``, ``wos``, ``bibtex``, ``tabular``,
``endnote_xml``: text -> ``Entry``), ``clean`` (``Entry`` -> ``Record``).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from reviewflow.errors import Notice, fail
from reviewflow.importing.bibtex import read_bibtex
from reviewflow.importing.clean import clean_database, to_record
from reviewflow.importing.decode import decode
from reviewflow.importing.detect import FORMAT_NAMES, check_format, detect_format
from reviewflow.importing.discover import Export, Source
from reviewflow.importing.endnote_xml import read_endnote_xml
from reviewflow.importing.markers import database_marker
from reviewflow.importing.notes import EXCERPT, Note, SetAside, notes_of
from reviewflow.importing.entry import Entry
from reviewflow.importing.pubmed import read_pubmed
from reviewflow.importing.ris import read_ris
from reviewflow.importing.tabular import read_table
from reviewflow.importing.wos import read_wos
from reviewflow.records import Record

Reader = Callable[[str, str], tuple[list[Entry], list[Notice]]]
READERS: dict[str, Reader] = {
    "ris": read_ris,
    "pubmed": read_pubmed,
    "wos": read_wos,
    "bibtex": read_bibtex,
    "csv": read_table,
    "endnote_xml": read_endnote_xml,
}


@dataclass
class ImportResult:
    """The records of one export file, what format it was read as, and every notice."""

    records: list[Record]
    notices: list[Notice] = field(default_factory=list)
    format: str = ""


def read_export(path: str | Path, *, id_prefix: str, source_file: str | None = None, source: Source = Source(),
                fmt: str = "") -> ImportResult:
    """Read one export file. record_id = ``<id_prefix>-<NNNNN>`` (1-based order in the file).

    ``source`` is what config says of the file (its round, database, platform, method): each record
    carries it; a database or platform given wins over what the file says. ``fmt`` skips detection.
    """
    name = source_file if source_file is not None else str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise fail(name, f"cannot read the file: {err.strerror}", "check the path and permissions") from None
    return read_bytes(data, id_prefix=id_prefix, source_file=name, source=source, fmt=fmt)


def read_bytes(data: bytes, *, id_prefix: str, source_file: str, source: Source = Source(),
               fmt: str = "") -> ImportResult:
    with _no_gc_pauses():
        return _read_bytes(data, id_prefix=id_prefix, source_file=source_file, source=source, fmt=fmt)


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Reading builds millions of small objects that all live on (nothing to collect), and each
    700 allocations start a cycle-collector pass over them: a fifth of the import time. Pause
    the collector while reading one file; it runs again, as before, afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_bytes(data: bytes, *, id_prefix: str, source_file: str, source: Source, fmt: str) -> ImportResult:
    text, notices = decode(data, source_file)
    fmt = check_format(fmt, source_file) if fmt else detect_format(text, source_file)
    entries, more = READERS[fmt](text, source_file)
    notices += more
    if not entries:
        raise fail(source_file, f"no records found in this {FORMAT_NAMES[fmt]} file",
                   "check that the export finished and holds records; export it again", line=1)
    default = source.database or file_database(entries, source_file, notices)
    records = [
        to_record(entry, record_id=entry.record_id or f"{id_prefix}-{n:05d}", source_file=source_file,
                  round=source.round, database=source.database, default_database=default,
                  platform=source.platform, method=source.method, fmt=fmt)
        for n, entry in enumerate(entries, 1)
    ]
    untitled = [r for r in records if "no_title" in r.flags]
    if untitled:
        notices.append(Notice(source_file, f"{len(untitled)} record(s) have no title (flagged no_title, "
                              f"kept): first {untitled[0].record_id}", line=untitled[0].source_line))
    return ImportResult(records=records, notices=notices, format=fmt)


def file_database(entries: list[Entry], source_file: str, notices: list[Notice]) -> str:
    """The database of the records that do not name their own (no DB/DP tag, no platform mark).

    An export is one search of one database unless its records say otherwise (an Ovid multifile
    search names each record's): records that say nothing belong to the one database the rest of
    the file names. When the file names none (or several), they are counted under the file's name,
    and a warning names the file, so that a person can name the database in config.
    """
    unnamed: list[Entry] = []
    named: set[str] = set()
    for entry in entries:
        if "database" not in entry.fields:
            marker = database_marker(entry.fields.get("accession", ()), entry.fields.get("url", ()))
            if not marker:
                unnamed.append(entry)
                continue
            entry.fields["database"] = [marker]
        named.add(entry.fields["database"][0])
    names = {clean_database(n) for n in named} - {""}
    if not unnamed:
        return ""
    if len(names) == 1:
        return names.pop()
    stem = Path(source_file).stem
    which = "its records" if len(unnamed) == len(entries) else f"{len(unnamed)} of its {len(entries)} records"
    notices.append(Notice(source_file, f"the export does not say which database {which} come from (no "
                          "DB or DP tag, no database's own record links or accession numbers): they are "
                          f"counted under the file's name {stem!r}; to name the database, add "
                          f"'{Path(source_file).name}: {{database: <name>}}' to the round's `sources:` in "
                          "config (or give --database to `reviewflow import`)", line=unnamed[0].line))
    return stem


def import_export(export: Export) -> ImportResult:
    """Read one export of a round, as discovered from config (see ``discover.py``)."""
    return read_export(export.path, id_prefix=export.id_prefix, source_file=export.path,
                       source=export.source, fmt=export.format)


def import_notes(result: ImportResult) -> list[Note]:
    """What a person may want to check in one file's import, one row each (see ``notes.py``)."""
    return notes_of(result.notices, result.records)


def write_notices(result: ImportResult, log_path: str | Path) -> None:
    """A human log of one file's import: format, number of records, every notice (and each line
    set aside)."""
    files = sorted({r.source_file for r in result.records})
    lines = [f"{', '.join(files)}: read as {FORMAT_NAMES.get(result.format, result.format)}, "
             f"{len(result.records)} records, {len(result.notices)} notice(s)"]
    for notice in result.notices:
        lines.append(str(notice))
        if isinstance(notice, SetAside):
            lines += [f"    line {line}: {text.strip()[:EXCERPT]!r}" for line, text in notice.lines]
    path = Path(log_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
