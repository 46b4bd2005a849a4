"""EndNote XML (File > Export > XML), read with the standard library.

Each ``<record>`` is built into an ElementTree element (values sit in ``<style>`` wrappers, read
with ``itertext``). The expat parser is driven directly so that each record keeps the line of its
``<record>`` tag, which ``iterparse`` does not report.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat

from reviewflow.errors import Notice, fail
from reviewflow.importing.entry import Entry, pick_fields

# Record field -> element paths inside <record>, in order of preference.
FIELDS = {
    "title": ("titles/title",),
    "authors": ("contributors/authors/author",),
    "year": ("dates/year", "dates/pub-dates/date"),
    "journal": ("periodical/full-title", "titles/secondary-title", "alt-periodical/full-title",
                "periodical/abbr-1", "titles/alt-title"),
    "volume": ("volume",),
    "issue": ("number", "issue"),
    "pages": ("pages",),
    "doi": ("electronic-resource-num",),
    "issn": ("isbn",),  # EndNote keeps ISSN and ISBN in one field; cleaning tells them apart
    "abstract": ("abstract",),
    "keywords": ("keywords/keyword",),
    "language": ("language",),
    "pub_type": ("ref-type",),
    "url": ("urls/related-urls/url", "urls/web-urls/url"),
    "accession": ("accession-num", "rec-number"),
    "database": ("remote-database-name", "remote-database-provider"),
}


def read_endnote_xml(text: str, file: str) -> tuple[list[Entry], list[Notice]]:
    builder = _RecordBuilder()
    parser = expat.ParserCreate()
    parser.StartElementHandler = lambda tag, attrs: builder.start(tag, attrs, parser.CurrentLineNumber)
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(text, True)
    except expat.ExpatError as err:
        at = f" (inside the record starting at line {builder.start_line})" if builder.depth else ""
        raise fail(file, f"the XML is broken: {expat.ErrorString(err.code)}{at}; the export may have "
                   "been cut short", "export the library again from EndNote (File > Export, XML)",
                   line=err.lineno) from None
    return builder.entries, []


class _RecordBuilder:
    """Builds one element per <record> (TreeBuilder) and turns it into an Entry at its end."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.tree: ET.TreeBuilder | None = None
        self.depth = 0
        self.start_line = 0

    def start(self, tag: str, attrs: dict[str, str], line: int) -> None:
        if tag == "record" and self.tree is None:
            self.tree, self.depth, self.start_line = ET.TreeBuilder(), 0, line
        if self.tree is not None:
            self.depth += 1
            self.tree.start(tag, attrs)

    def data(self, text: str) -> None:
        if self.tree is not None:
            self.tree.data(text)

    def end(self, tag: str) -> None:
        if self.tree is None:
            return
        self.tree.end(tag)
        self.depth -= 1
        if self.depth == 0:
            self.entries.append(_entry(self.tree.close(), self.start_line))
            self.tree = None


def _entry(record: ET.Element, line: int) -> Entry:
    tags: dict[str, list[str]] = {}
    for paths in FIELDS.values():
        for path in paths:
            tags[path] = ["".join(el.itertext()).strip() for el in record.iterfind(path)]
    ref_type = record.find("ref-type")
    if ref_type is not None and ref_type.get("name"):
        tags["ref-type"] = [ref_type.get("name", "")]
    return Entry(line, pick_fields(tags, FIELDS))
