"""What a format reader hands on: one raw entry, its fields still as printed in the file.

Readers only split a file into entries and name the fields (tag tables are data, in each reader's
module); ``reviewflow.importing.clean`` turns an ``Entry`` into a normalised ``Record``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# The Record fields a reader may fill. "authors" and "keywords" keep every value; for the others
# the first non-empty value wins.
FIELDS = (
    "title", "authors", "year", "journal", "volume", "issue", "pages", "pages_start", "pages_end",
    "doi", "pmid", "issn", "isbn", "abstract", "keywords", "language", "pub_type", "url",
    "accession", "database",
)


@dataclass
class Entry:
    """One record of an export file before cleaning: field -> values as printed."""

    line: int  # 1-based line where the record starts
    fields: dict[str, list[str]] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    record_id: str = ""  # the file's own ID, kept only where a reader says so (CSV ``ID`` column)

    def first(self, name: str) -> str:
        values = self.fields.get(name)
        if not values:
            return ""
        value = values[0]  # almost always the one (pick_fields keeps a non-blank value first)
        if value and not value.isspace():
            return value
        for value in values:
            if value and value.strip():
                return value
        return ""


def pick_fields(tags: Mapping[str, Sequence[str]], table: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Name an entry's fields: for each field, the values of the first of its tags that has any.

    ``table`` maps a field to its tags in order of preference, e.g. ``"title": ("T1", "TI")``.
    Values are stripped here (only those of the tags used); a blank value counts as none.
    """
    fields: dict[str, list[str]] = {}
    get = tags.get
    for name, tag_order in table.items():
        for tag in tag_order:
            values = get(tag)
            if not values:
                continue
            if len(values) == 1:  # the usual case, without building lists
                value = values[0].strip()
                if value:
                    fields[name] = [value]
                    break
                continue
            kept = [v for v in map(str.strip, values) if v]
            if kept:
                fields[name] = kept
                break
    return fields
