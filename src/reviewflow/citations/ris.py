"""Records -> RIS text, written with rispy.

Each field goes under the tag reviewflow's own RIS reader reads first for it (``importing.ris_tags.FIELD_TAGS``),
so an exported file imports back into the same fields; the tag table is not spelled out twice.
"""

from __future__ import annotations

import rispy

from reviewflow.citations.types import ris_type
from reviewflow.importing.ris_tags import FIELDS
from reviewflow.records import Record


class _RisWriter(rispy.RisWriter):
    """rispy's writer without the ``1.`` line it puts before each record (Ovid's habit, no RIS tag)."""

    def set_header(self, count: int) -> str:
        return ""


def _key(field: str) -> str:
    return FIELDS[field][0]


def ris_entry(record: Record) -> dict[str, str | list[str]]:
    """One record as a rispy dict (empty fields left out, in a fixed order)."""
    values: list[tuple[str, str | list[str]]] = [
        ("type_of_reference", ris_type(record)),
        ("id", record.record_id),  # reviewflow's ID: where a citation manager's entry came from
        (_key("title"), record.title),
        (_key("authors"), list(record.authors)),
        (_key("year"), record.year),
        (_key("journal"), record.journal),
        (_key("volume"), record.volume),
        (_key("issue"), record.issue),
        (_key("pages_start"), record.pages_start),
        (_key("pages_end"), record.pages_end),
        (_key("doi"), record.doi),
        # RIS has one tag (SN) for ISSN and ISBN; the reader tells them apart by their form.
        (_key("issn"), [v for v in (record.issn, record.isbn) if v]),
        (_key("abstract"), record.abstract),
        (_key("keywords"), list(record.keywords)),
        (_key("language"), record.language),
        (_key("url"), [record.url] if record.url else []),
        (_key("accession"), record.accession),
        (_key("database"), record.database),
    ]
    return {key: value for key, value in values if value}


def to_ris(records: list[Record]) -> str:
    """RIS text of the records in the order given; empty text for none. LF line ends."""
    if not records:
        return ""
    return rispy.dumps([ris_entry(r) for r in records], implementation=_RisWriter)
