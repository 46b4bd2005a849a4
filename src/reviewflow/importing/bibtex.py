"""BibTeX (Scopus, Zotero, JabRef, Google Scholar), read with bibtexparser 2.

bibtexparser splits entries and strips braces; names are split with its own name parser
("von Last, Jr, First" and "First von Last" both become "von Last, First Jr"). An entry that
bibtexparser refuses for a repeated field (Scopus writes ``funding_text 1`` twice) is still kept,
with a notice: it is a record of the search.
"""

from __future__ import annotations

import re

import bibtexparser
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import DuplicateFieldKeyBlock, Entry as BibEntry, ImplicitComment, ParsingFailedBlock
from pylatexenc.latex2text import LatexNodes2Text

from reviewflow.errors import Notice
from reviewflow.importing.entry import Entry, pick_fields
from reviewflow.importing.notes import SetAside

FIELDS = {
    "title": ("title",),
    "authors": ("author",),
    "year": ("year", "date"),
    "journal": ("journal", "journaltitle", "booktitle", "abbrev_source_title"),
    "volume": ("volume",),
    "issue": ("number", "issue"),
    "pages": ("pages", "art_number"),
    "doi": ("doi",),
    "pmid": ("pmid",),
    "issn": ("issn",),
    "isbn": ("isbn",),
    "abstract": ("abstract",),
    "keywords": ("keywords", "author_keywords"),
    "language": ("language", "langid"),
    "pub_type": ("ENTRYTYPE", "document_type"),
    "url": ("url",),
    "accession": ("ID",),  # the citation key: the file's own ID for the record
    "database": ("source",),
}
_LATEX = LatexNodes2Text()


def read_bibtex(text: str, file: str) -> tuple[list[Entry], list[Notice]]:
    library = bibtexparser.parse_string(text)
    entries: list[tuple[int, Entry]] = []
    notices: list[Notice] = []
    stray: list[tuple[int, str]] = []
    for block in library.blocks:
        line = (block.start_line or 0) + 1  # bibtexparser counts from 0
        if isinstance(block, BibEntry):
            entries.append((line, _entry(block, line)))
        elif isinstance(block, DuplicateFieldKeyBlock) and isinstance(block.ignore_error_block, BibEntry):
            keys = ", ".join(sorted(block.duplicate_keys))
            notices.append(Notice(file, f"entry {block.ignore_error_block.key!r} repeats the field(s) "
                                  f"{keys}; the record is kept with one value of each", line=line))
            entries.append((line, _entry(block.ignore_error_block, line, unwrap=True)))
        elif isinstance(block, ParsingFailedBlock):
            notices.append(Notice(file, f"a block bibtexparser could not read was skipped "
                                  f"({block.error}); check that it is not a record", line=line))
        elif isinstance(block, ImplicitComment):  # text outside any @entry (@comment etc. are BibTeX's own)
            stray += [(line + i, text) for i, text in enumerate(block.raw.split("\n")) if text.strip()]
    if stray:
        notices.append(SetAside(file, f"{len(stray)} line(s) of text outside any @entry were not imported; "
                                "first at this line", line=stray[0][0], lines=tuple(stray)))
    return [entry for _, entry in sorted(entries, key=lambda pair: pair[0])], notices


def _entry(block: BibEntry, line: int, unwrap: bool = False) -> Entry:
    tags: dict[str, list[str]] = {"ENTRYTYPE": [block.entry_type], "ID": [block.key]}
    for bib_field in block.fields:
        value = str(bib_field.value)
        if unwrap:  # no middleware ran on this block: strip the enclosing {} or ""
            value = re.sub(r'^\s*[{"](.*)[}"]\s*$', r"\1", value, flags=re.DOTALL)
        tags[bib_field.key.lower().strip()] = [value]
    fields = pick_fields(tags, FIELDS)
    for name in ("title", "journal", "abstract"):
        if name in fields:
            fields[name] = [detex(fields[name][0])]
    if "authors" in fields:
        fields["authors"] = [format_name(n) for n in split_multiple_persons_names(fields["authors"][0])]
    return Entry(line, fields)


def detex(value: str) -> str:
    """LaTeX accents and commands to text; plain braces just go (``{W}orld`` -> ``World``)."""
    if "\\" in value:
        return _LATEX.latex_to_text(re.sub(r"(?<!\\)%", r"\\%", value))
    return value.replace("{", "").replace("}", "")


def format_name(name: str) -> str:
    try:
        parts = parse_single_name_into_parts(name)
    except InvalidNameError:
        return detex(name)
    surname = " ".join(parts.von + parts.last)
    given = " ".join(parts.first + parts.jr)
    return detex(f"{surname}, {given}" if given else surname)
