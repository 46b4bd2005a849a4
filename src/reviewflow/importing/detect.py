"""Which export format a file is in, from its content (never its extension).

Extensions lie: WoS tagged files are saved as ``.ris``, RIS as ``.txt``, MEDLINE as ``.nbib``.
The first lines decide; config ``format:`` (or ``--format``) overrides.
"""

from __future__ import annotations

import re

from reviewflow.errors import fail

FORMATS = ("ris", "pubmed", "wos", "bibtex", "csv", "endnote_xml")
FORMAT_NAMES = {
    "ris": "RIS", "pubmed": "PubMed MEDLINE (nbib)", "wos": "Web of Science tagged",
    "bibtex": "BibTeX", "csv": "CSV", "endnote_xml": "EndNote XML",
}
HEAD = 20_000  # characters looked at: enough for an Ovid header and a long first abstract

# Tags are matched in any case: a tag in the wrong case is read as the tag (with a warning).
_RIS = re.compile(r"^(?:TY|ER)  -", re.MULTILINE | re.IGNORECASE)
_PUBMED = re.compile(r"^PMID- ", re.MULTILINE | re.IGNORECASE)
_WOS = re.compile(r"^(?:FN|VR|PT) \S", re.IGNORECASE)
_BIBTEX = re.compile(r"^\s*@[A-Za-z]+\s*[{(]", re.MULTILINE)
_XML = re.compile(r"<(?:xml|records|record)\b")


def detect_format(text: str, file: str) -> str:
    head = text[:HEAD]
    first = next((line for line in head.split("\n") if line.strip()), "")
    if first.lstrip().startswith("<"):
        if _XML.search(head):
            return "endnote_xml"
        raise fail(file, "the file is XML but not EndNote XML (no <records>/<record> elements)",
                   "export from EndNote as XML (File > Export, 'XML'), or export the search as RIS",
                   line=1)
    if _WOS.match(first):
        return "wos"
    if _PUBMED.search(head):
        return "pubmed"
    if _RIS.search(head):
        return "ris"
    if _BIBTEX.search(head):
        return "bibtex"
    if _looks_like_table(first):
        return "csv"
    raise fail(file, f"cannot tell the export format: the first line is {first[:60]!r}, and no RIS "
               "'TY  - ', MEDLINE 'PMID- ', WoS 'PT ', BibTeX '@article{' or CSV header was found",
               "export the records as RIS, PubMed MEDLINE, Web of Science plain text, BibTeX, CSV or "
               "EndNote XML; if the file is one of these, name it with `format:` in the round's "
               "`sources:` (or --format); if it is no export (notes, a letter), move it out of the "
               "round folder", line=1)


def _looks_like_table(first: str) -> bool:
    # Imported here: the column table is data of the CSV reader.
    from reviewflow.importing.tabular import header_fields

    return len(header_fields(first)) >= 1 and any(sep in first for sep in ",;\t")


def check_format(fmt: str, file: str) -> str:
    if fmt not in FORMATS:
        raise fail(file, f"unknown format {fmt!r}", f"use one of: {', '.join(FORMATS)}")
    return fmt
