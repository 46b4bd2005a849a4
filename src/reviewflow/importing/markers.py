"""Which database a record came from when it has no DB/DP tag: the marks a platform leaves in the
records it exports (its own record links, its accession numbers, its short codes for databases).

Only marks that a platform writes into its *own* exports count: a record link into Ovid, EBSCOhost,
Scopus, Embase, ProQuest or Dimensions, a Scopus EID, a WoS accession number, a Dimensions ID. A
link to an article on a publisher's site or on another index (a Dimensions record may link to
Lens) says nothing about the search it came from, so it is never read as a mark. The tables are
data: add a database's code here when a new one turns up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# EBSCOhost short codes (RIS DB, and db= in its record links) -> database.
EBSCO_CODES = {
    "a9h": "Academic Search Complete", "aph": "Academic Search Premier", "afh": "Academic Search Elite",
    "asn": "Academic Search Ultimate", "ecn": "EconLit", "egh": "Environment Index", "8gh": "GreenFILE",
    "psyh": "APA PsycInfo", "pdh": "APA PsycArticles", "cmedm": "MEDLINE", "mdc": "MEDLINE Complete",
    "mnh": "MEDLINE with Full Text", "ccm": "CINAHL Complete", "rzh": "CINAHL Plus with Full Text",
    "eric": "ERIC", "buh": "Business Source Premier", "bth": "Business Source Complete",
    "sih": "SocINDEX with Full Text", "sxi": "SocINDEX", "cja": "Criminal Justice Abstracts",
    "lxh": "Library, Information Science & Technology Abstracts",
}
# Ovid segment codes (D= in its record links; the letters before the year digits) -> database.
OVID_CODES = {
    "psyc": "APA PsycInfo", "medl": "Ovid MEDLINE(R)", "mesz": "Ovid MEDLINE(R)", "mesx": "Ovid MEDLINE(R)",
    "prem": "Ovid MEDLINE(R)", "medp": "Ovid MEDLINE(R)", "ppez": "Ovid MEDLINE(R)", "medall": "Ovid MEDLINE(R)",
    "emed": "Embase", "emez": "Embase", "emef": "Embase", "emex": "Embase", "emexa": "Embase",
    "emexb": "Embase", "oemezd": "Embase", "cctr": "Cochrane Central Register of Controlled Trials",
    "coch": "Cochrane Database of Systematic Reviews", "hmic": "HMIC", "amed": "AMED",
    "caba": "CAB Abstracts", "cagh": "Global Health", "econ": "EconLit",
}
# Values some re-exports put in DB or DP that stand for a database under another name.
ALIASES = {"nlm": "PubMed/MEDLINE"}

_OVID = re.compile(r"[?&]D=([A-Za-z]+)\d*")
_EBSCO = re.compile(r"[?&]db=([A-Za-z0-9]+)", re.IGNORECASE)
# (text a value must hold, pattern, database) for marks that name one database. The plain text is
# tested first (a substring test costs a fraction of a regex search, and most values hold none).
PLAIN_MARKS = (
    ("WOS:", re.compile(r"^WOS:"), "Web of Science"),  # WoS accession numbers, also in its RIS
    ("2-s2.0-", re.compile(r"^2-s2\.0-\d+$"), "Scopus"),  # Scopus EID
    ("scopus.com", re.compile(r"scopus\.com/inward/record"), "Scopus"),
    ("embase.com", re.compile(r"embase\.com/search/results"), "Embase"),
    ("pub.", re.compile(r"^pub\.\d+$"), "Dimensions"),
    ("dimensions.ai", re.compile(r"app\.dimensions\.ai/details/publication"), "Dimensions"),
    ("proquest.com", re.compile(r"proquest\.com/docview"), "ProQuest"),
)


def database_marker(values: Iterable[str]) -> str:
    """The database a record's accession numbers and links name, or "" when none does."""
    for value in values:
        for text, pattern, name in PLAIN_MARKS:
            if text in value and pattern.search(value.strip()):
                return name
        if "ovid.com" in value:
            ovid = _OVID.search(value)
            if ovid and ovid.group(1).lower() in OVID_CODES:
                return OVID_CODES[ovid.group(1).lower()]
        if "ebscohost.com" in value:
            ebsco = _EBSCO.search(value)
            if ebsco and ebsco.group(1).lower() in EBSCO_CODES:
                return EBSCO_CODES[ebsco.group(1).lower()]
    return ""


def database_name(value: str) -> str:
    """A DB/DP value as the database's name: short codes and aliases spelled out, else as given."""
    return ALIASES.get(value.lower()) or EBSCO_CODES.get(value.lower()) or value
