"""Which database a record came from when it has no DB/DP tag: the marks a platform leaves in the
records it exports (its own record links, its accession numbers, its short codes for databases).

The same links name the platform (Ovid, EBSCOhost, ProQuest) a record was exported from.

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

# Record links into a platform that hosts many databases -> the platform (``Record.platform``), when
# config does not name it. A platform that is its own database (Scopus, Embase, Dimensions) is not
# listed: its name is the record's database already.
PLATFORM_LINKS = (
    ("ovid.com", "Ovid"),
    ("ebscohost.com", "EBSCOhost"),
    ("proquest.com/docview", "ProQuest"),
)

_OVID = re.compile(r"[?&]D=([A-Za-z]+)\d*")
_EBSCO = re.compile(r"[?&]db=([A-Za-z0-9]+)", re.IGNORECASE)
# Accession numbers: (how it starts, pattern of the whole value, database).
ACCESSION_MARKS = (
    ("WOS:", re.compile(r"WOS:\w+"), "Web of Science"),  # also in WoS's RIS
    ("2-s2.0-", re.compile(r"2-s2\.0-\d+"), "Scopus"),  # Scopus EID
    ("pub.", re.compile(r"pub\.\d+"), "Dimensions"),
)
# Record links: (text the link holds, database). A substring test costs a fraction of a regex.
LINK_MARKS = (
    ("scopus.com/inward/record", "Scopus"),
    ("embase.com/search/results", "Embase"),
    ("app.dimensions.ai/details/publication", "Dimensions"),
    ("proquest.com/docview", "ProQuest"),
)


def database_marker(accessions: Iterable[str], links: Iterable[str]) -> str:
    """The database a record's accession numbers and record links name, or "" when none does."""
    for value in accessions:
        value = value.strip()
        for start, pattern, name in ACCESSION_MARKS:
            if value.startswith(start) and pattern.fullmatch(value):
                return name
    for link in links:
        for text, name in LINK_MARKS:
            if text in link:
                return name
        code = _platform_code(link)
        if code:
            return code
    return ""


def _platform_code(link: str) -> str:
    """The database an Ovid (``D=psyc16``) or EBSCOhost (``db=egh``) record link names."""
    if "ovid.com" in link:
        ovid = _OVID.search(link)
        return OVID_CODES.get(ovid.group(1).lower(), "") if ovid else ""
    if "ebscohost.com" in link:
        ebsco = _EBSCO.search(link)
        return EBSCO_CODES.get(ebsco.group(1).lower(), "") if ebsco else ""
    return ""


def database_name(value: str) -> str:
    """A DB/DP value as the database's name: short codes and aliases spelled out, else as given."""
    return ALIASES.get(value.lower()) or EBSCO_CODES.get(value.lower()) or value


def platform_marker(links: Iterable[str]) -> str:
    """The platform whose own record links a record carries (``PLATFORM_LINKS``), or "" when none."""
    for link in links:
        for text, name in PLATFORM_LINKS:
            if text in link:
                return name
    return ""
