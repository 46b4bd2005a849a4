"""Reference types: a record's ``pub_type`` (as its export printed it) -> an RIS type and a BibTeX type.

A record keeps the type its database wrote, in that database's words: an RIS type (``JOUR``), a
BibTeX entry type (``article``) or a free label (WoS ``Meeting Abstract``). The writers need one
vocabulary each; this table is the one place both are read from.
"""

from __future__ import annotations

import rispy

from reviewflow.records import Record

# RIS type -> BibTeX entry type, for the types a review meets; any other RIS type is "misc".
RIS_TO_BIBTEX = {
    "JOUR": "article", "EJOUR": "article", "MGZN": "article", "NEWS": "article", "INPR": "article",
    "ABST": "article", "BOOK": "book", "EBOOK": "book", "EDBOOK": "book", "CHAP": "incollection",
    "ECHAP": "incollection", "CONF": "proceedings", "CPAPER": "inproceedings", "THES": "phdthesis",
    "RPRT": "techreport", "GOVDOC": "techreport", "UNPB": "unpublished", "GEN": "misc", "ELEC": "misc",
}
# BibTeX entry type -> RIS type (the reverse, plus the BibTeX types with no RIS twin above).
BIBTEX_TO_RIS = {
    "article": "JOUR", "book": "BOOK", "booklet": "PAMP", "inbook": "CHAP", "incollection": "CHAP",
    "inproceedings": "CPAPER", "conference": "CPAPER", "proceedings": "CONF", "phdthesis": "THES",
    "mastersthesis": "THES", "thesis": "THES", "techreport": "RPRT", "report": "RPRT", "manual": "GEN",
    "unpublished": "UNPB", "online": "ELEC", "misc": "GEN",
}
RIS_TYPES = frozenset(rispy.TYPE_OF_REFERENCE_MAPPING)


def ris_type(record: Record) -> str:
    """The record's own type when it is an RIS or BibTeX one; otherwise (a free label, or none)
    JOUR when the record names a journal, GEN when it does not: a label is not guessed from."""
    printed = record.pub_type.strip()
    if printed.upper() in RIS_TYPES:
        return printed.upper()
    if printed.lower() in BIBTEX_TO_RIS:
        return BIBTEX_TO_RIS[printed.lower()]
    return "JOUR" if record.journal else "GEN"


def bibtex_type(record: Record) -> str:
    return RIS_TO_BIBTEX.get(ris_type(record), "misc")
