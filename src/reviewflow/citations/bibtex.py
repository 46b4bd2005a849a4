"""Records -> BibTeX text, written with bibtexparser 2.

Fields are named as reviewflow's BibTeX reader reads them first (``importing.bibtex.FIELDS``); the
citation key is the record's reviewflow ID (unique, stable across runs, traceable to the ID lists).
The text a style prints in prose (title, authors, journal, abstract) is LaTeX-escaped (``&``, ``%``,
``{``...), so LaTeX prints it as the record has it; identifiers and short codes (volume, pages, DOI,
keywords, language...) are written as they are, with braces escaped only, so the file always parses.
Non-ASCII letters stay UTF-8.
"""

from __future__ import annotations

import re

import bibtexparser
from bibtexparser.model import Entry, Field

from reviewflow.citations.types import bibtex_type
from reviewflow.importing.bibtex import FIELDS
from reviewflow.records import Record

# LaTeX special characters and their escapes (backslash first, so later escapes are not re-escaped).
_LATEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
          "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_LATEX_RE = re.compile("|".join(re.escape(k) for k in _LATEX))


def latex_escape(text: str) -> str:
    return _LATEX_RE.sub(lambda m: _LATEX[m.group(0)], text)


def verbatim(text: str) -> str:
    """A value written as it is; only braces are escaped, as an unbalanced one would end the field."""
    return text.replace("{", r"\{").replace("}", r"\}")


def bibtex_name(name: str) -> str:
    """``Surname, Given`` as it is; a name without a comma (an organisation) braced, so BibTeX
    neither splits it into given and family names nor at an ``and`` inside it."""
    escaped = latex_escape(name)
    return escaped if "," in name else "{" + escaped + "}"


def _key(field: str) -> str:
    return FIELDS[field][0]


def bibtex_entry(record: Record) -> Entry:
    pages = "--".join(p for p in (record.pages_start, record.pages_end) if p)
    values = [
        (_key("title"), latex_escape(record.title)),
        (_key("authors"), " and ".join(map(bibtex_name, record.authors))),
        (_key("year"), record.year),
        (_key("journal"), latex_escape(record.journal)),
        (_key("volume"), verbatim(record.volume)),
        (_key("issue"), verbatim(record.issue)),
        (_key("pages"), verbatim(pages)),
        (_key("doi"), verbatim(record.doi)),
        (_key("pmid"), verbatim(record.pmid)),
        (_key("issn"), verbatim(record.issn)),
        (_key("isbn"), verbatim(record.isbn)),
        (_key("abstract"), latex_escape(record.abstract)),
        # "; " as in the records table: keywords may hold commas, and the reader splits at ";".
        (_key("keywords"), verbatim("; ".join(record.keywords))),
        (_key("language"), verbatim(record.language)),
        (_key("url"), verbatim(record.url)),
    ]
    fields = [Field(key, "{" + value + "}") for key, value in values if value]
    return Entry(bibtex_type(record), record.record_id, fields)


def to_bibtex(records: list[Record]) -> str:
    """BibTeX text of the records in the order given; empty text for none. LF line ends."""
    if not records:
        return ""
    library = bibtexparser.Library([bibtex_entry(r) for r in records])
    text = bibtexparser.write_string(library, unparse_stack=[], bibtex_format=_FORMAT)
    return text.rstrip("\n") + "\n"


def _format() -> bibtexparser.BibtexFormat:
    layout = bibtexparser.BibtexFormat()
    layout.indent = "  "
    layout.block_separator = "\n"  # entries end with a newline: one blank line between them
    return layout


_FORMAT = _format()
