"""CSV and TSV exports (Embase, Scopus, WoS, Zotero, Covidence, dedup benchmark tables).

Columns are matched to fields through ``columns.COLUMN_ALIASES``. An ``ID`` (or ``record_id``)
column is kept as the record ID; duplicate IDs are an error. Embase's CSV packs journal, year,
volume, issue and pages into one ``Source`` cell and the DOI into the ``Open URL Link``: unpacked here.
"""

from __future__ import annotations

import csv
import io
import re

from reviewflow.errors import Notice, fail
from reviewflow.importing.columns import ID_COLUMNS, MISSING, map_header
from reviewflow.importing.entry import Entry

csv.field_size_limit(10_000_000)  # abstracts and Emtree term lists can be long

# Words in a header that only one database's CSV export writes -> that database (when the table
# has no database column): Embase's thesaurus is Emtree.
HEADER_MARKS = {"emtree": "Embase"}

# "Endoscopic Ultrasound (2014) 3:3 (152-160). Date of Publication: 2014"
_EMBASE_SOURCE = re.compile(
    r"^(?P<journal>.+?) \((?P<year>\d{4})\)(?: (?P<volume>[^:\s(]+)(?::(?P<issue>[^\s(]+))?)?"
    r"(?: \((?P<pages>[^)]*)\))?")


def header_fields(first_line: str) -> list[str]:
    """Fields the first line of a table names (empty when it is not a header we know)."""
    header = next(csv.reader([first_line], delimiter=_delimiter(first_line)), [])
    mapping, _ = map_header(header)
    return list(mapping)


def read_table(text: str, file: str) -> tuple[list[Entry], list[Notice]]:
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
    header = next(reader, [])
    mapping, unused = map_header(header)
    if not mapping:
        raise fail(file, f"no column of the header is one we know (got {', '.join(header[:8])})",
                   "name the columns title, authors, year, journal, doi, ... (see docs/import.md), "
                   "or export in another format", line=1)
    lower = [h.strip().lower() for h in header]
    id_col = next((lower.index(c) for c in ID_COLUMNS if c in lower), None)
    embase = "source" in lower and "author names" in lower
    if embase:
        unused.remove(header[lower.index("source")])
    notices = [Notice(file, f"columns not imported: {', '.join(unused)}", line=1)] if unused else []
    marked = "" if "database" in mapping else next(
        (name for word, name in HEADER_MARKS.items() if any(word in h for h in lower)), "")
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    previous_end = reader.line_num
    for row in reader:
        line, previous_end = previous_end + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            notices.append(Notice(file, f"the row has {len(row)} cells but the header has "
                                  f"{len(header)}; cells were matched by position", line=line))
        entry = Entry(line, {f: [_cell(row, i)] for f, i in mapping.items() if _cell(row, i)})
        if embase:
            _unpack_embase(entry, _cell(row, lower.index("source")))
        entry.fields["authors"] = split_authors(entry.first("authors"))
        if marked:
            entry.fields["database"] = [marked]
        if id_col is not None:
            entry.record_id = _record_id(row, id_col, header[id_col], file, line, seen)
        entries.append(entry)
    return entries, notices


def _cell(row: list[str], i: int) -> str:
    value = row[i].strip() if i < len(row) else ""
    return "" if value.lower() in MISSING else value


def _record_id(row: list[str], col: int, name: str, file: str, line: int, seen: dict[str, int]) -> str:
    value = row[col].strip() if col < len(row) else ""
    if not value:
        raise fail(file, f"the {name} column is empty in this row", f"give every row an {name}, or "
                   f"remove the {name} column to let reviewflow number the records", line=line)
    if value in seen:
        raise fail(file, f"{name} {value!r} is used again (first at line {seen[value]})",
                   f"give every row its own {name}", line=line)
    seen[value] = line
    return value


def _delimiter(first_line: str) -> str:
    counts = {sep: first_line.count(sep) for sep in (",", "\t", ";")}
    return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","


def _unpack_embase(entry: Entry, source: str) -> None:
    match = _EMBASE_SOURCE.match(source)
    if match:
        for name, value in match.groupdict().items():
            if value and name not in entry.fields:
                entry.fields[name] = [value]
    if "url" in entry.fields and "doi" not in entry.fields:
        doi = re.search(r"[?&]id=doi:([^&]+)", entry.fields["url"][0])
        if doi:
            entry.fields["doi"] = [doi.group(1)]
    words = entry.fields.get("keywords")
    if words:  # "a, b (c, d), e": commas outside brackets separate terms
        entry.fields["keywords"] = [w for w in re.split(r",\s*(?![^()]*\))", words[0]) if w.strip()]


_RUN_ON = re.compile(r"(?<=\.)(?=[A-Z][a-z])")  # "Chen R.Wang Y." (ASySD tables)
_SURNAME_INITIALS = re.compile(r"[^,]+ (?:[A-Z]\.?[- ]?){1,4}")


def split_authors(value: str) -> list[str]:
    """One cell of authors -> the list, whatever the separator the exporter used."""
    if not value:
        return []
    if ";" in value:
        return value.split(";")
    if " and " in value:
        return value.split(" and ")
    parts = [p.strip() for p in value.split(",")]
    if len(parts) > 1 and all(_SURNAME_INITIALS.fullmatch(p) for p in parts):
        return parts  # "Liu R., Adler D.G." (Embase, Scopus)
    if "," not in value and _RUN_ON.search(value):
        return _RUN_ON.split(value)
    return [value]
