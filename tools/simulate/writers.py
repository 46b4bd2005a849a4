"""One writer per platform's native export format, each with the quirks of the real thing
(studied in the real exports of the shared benchmark folder; nothing copied from them).

* Ovid RIS (MEDLINE, HMIC): ``1.`` before each ``TY``, CRLF line ends, ``Y1  - 2010//``, MEDLINE's
  abbreviated end pages, ``DB  - Ovid MEDLINE(R)``, a ``Link to the Ovid Full Text or citation:``
  line after each ``ER``.
* ProQuest RIS (ASSIA, Social Services Abstracts): ``AN  - 123; 456``, full given names, ``LA``,
  ``N1  - Date revised - ...``, DOIs as ``http://dx.doi.org/`` URLs, three blank lines between records.
* EBSCOhost RIS (EconLit): ``JO`` and ``JF``, ``Y1  - 2010/06//``, the accession number and
  publication type packed into ``N1``, JEL subject codes as ``KW``, ``DP  - EBSCOhost``, ``DB  - ecn``.
* Web of Science plain text (Conference Proceedings Citation Index): ``FN``/``VR`` header (``ISI Export
  Format`` in 2009, ``Thomson Reuters Web of Knowledge`` later), ``PT C``, ``AU``/``AF``, wrapped
  ``TI``, upper-case ``SO``, ``CT``/``CY``/``CL``, ``UT ISI:`` (2009) or ``UT WOS:``, ``ER``, ``EF``.
* Zetoc: BibTeX (upper-case surnames, no abstracts: Zetoc indexes tables of contents).
* Index to Theses: RIS ``TY  - THES`` with the university in ``PB`` and the degree in ``M1``.
* Websites: the reviewers' CSV log of website finds. Reference lists: an EndNote RIS export
  (UTF-8 BOM, CRLF), pages as printed in the citing reference list.

Each writer takes the copies of one file, in file order, and returns the file's text.
"""

from __future__ import annotations

import csv
import io
import textwrap

from tools.simulate.offtopic import SIMULATED_NOTE
from tools.simulate.variants import Copy

RIS_TYPES = {"journal_article": "JOUR", "report": "RPRT", "book": "BOOK", "book_section": "CHAP",
             "thesis": "THES", "conference_paper": "CONF", "press_release": "PRESS", "other": "GEN"}
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def note(copy: Copy) -> str:
    """What every record says about itself: simulated, or a real reference in a simulated export."""
    if copy.item.simulated:
        return SIMULATED_NOTE
    return (f"RECONSTRUCTED record: reference [{copy.item.ref_id}] of Mason, Goddard & Weatherly (2014); "
            "real bibliographic data, simulated database record (reviewflow worked example)")


def _tag(tag: str, value: str) -> list[str]:
    return [f"{tag}  - {value}"] if value else []


def _tags(tag: str, values: tuple[str, ...] | list[str]) -> list[str]:
    return [f"{tag}  - {v}" for v in values if v]


def _month(copy: Copy) -> int:
    return int(copy.accession[-2:]) % 12 + 1


# ---------------------------------------------------------------- Ovid


OVID_DB = {"medline": ("Ovid MEDLINE(R)", "medl"), "hmic": ("HMIC Health Management Information Consortium", "hmic")}


def ovid_ris(copies: list[Copy], round_id: str) -> str:
    lines: list[str] = []
    for n, c in enumerate(copies, 1):
        db_name, code = OVID_DB[c.source]
        if c.source == "medline" and int(c.year or 0) >= int(round_id[:4]):
            db_name = "Ovid MEDLINE(R) In-Process & Other Non-Indexed Citations"
        is_serial = c.item.kind in ("journal_article", "conference_paper")
        lines += [f"{n}. ", *_tag("TY", RIS_TYPES[c.item.kind]), *_tag("ID", c.accession), *_tag("T1", c.title),
                  *_tags("A1", c.authors), *_tag("Y1", f"{c.year}//"), *_tag("N2", c.abstract),
                  *_tags("KW", c.keywords)]
        if is_serial:
            lines += [*_tag("JF", c.journal), *_tag("JA", c.journal_abbrev), *_tag("VL", c.volume),
                      *_tag("IS", c.issue), *_tag("SP", c.pages_start), *_tag("EP", c.pages_end)]
        else:
            lines += _tag("PB", c.journal)
        lines += [*_tag("N1", note(c)),
                  *_tag("UR", f"http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D={code}&NEWS=N&AN={c.accession}"),
                  *_tag("DO", f"https://dx.doi.org/{c.doi}" if c.doi else ""), *_tag("DB", db_name), "ER  - ", "",
                  "Link to the Ovid Full Text or citation: http://ovidsp.ovid.com/ovidweb.cgi?T=JS&CSC=Y&NEWS=N"
                  f"&PAGE=fulltext&D={code}&AN={c.accession}", ""]
    return "\r\n".join(lines) + "\r\n"


# ---------------------------------------------------------------- ProQuest

PROQUEST_DB = {"assia": "ASSIA: Applied Social Sciences Index and Abstracts", "ssa": "Social Services Abstracts"}


def proquest_ris(copies: list[Copy], round_id: str) -> str:
    lines: list[str] = []
    for c in copies:
        revised = f"{round_id[:4]}-{_month(c):02d}-{int(c.accession[-3:]) % 28 + 1:02d}"
        lines += [*_tag("TY", RIS_TYPES[c.item.kind]), *_tag("T1", c.title),
                  *_tag("AN", f"{c.accession}; {c.accession[-5:]}"), *_tag("AB", c.abstract),
                  *_tag("JF", c.journal), *_tags("AU", c.authors), *_tag("PY", c.year), *_tag("VL", c.volume),
                  *_tag("IS", c.issue), *_tag("SP", c.pages_start), *_tag("EP", c.pages_end),
                  *_tags("KW", c.keywords),
                  *_tag("UR", f"https://search.proquest.com/docview/{c.accession}?accountid=15181"),
                  *_tag("LA", "English"), *_tag("DB", PROQUEST_DB[c.source]),
                  *_tag("N1", f"Date revised - {revised}"), *_tag("N1", f"Last updated - {revised}"),
                  *_tag("N1", note(c)), *_tag("DO", f"http://dx.doi.org/{c.doi}" if c.doi else ""),
                  "ER  - ", "", "", ""]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- EBSCOhost


def ebsco_ris(copies: list[Copy], round_id: str) -> str:
    lines: list[str] = []
    for c in copies:
        month = _month(c)
        kind = "Journal Article" if c.item.kind == "journal_article" else "Working Paper"
        packed = f"Accession Number: {c.accession}; Publication Type: {kind}; Update Code: {c.year}{month:02d}01"
        lines += [*_tag("TY", RIS_TYPES[c.item.kind]), *_tags("AU", c.authors), *_tag("T1", c.title),
                  *_tag("JO", c.journal), *_tag("JF", c.journal), *_tag("Y1", f"{c.year}/{month:02d}//"),
                  *_tag("VL", c.volume), *_tag("IS", c.issue), *_tag("SP", c.pages_start),
                  *_tag("EP", c.pages_end), *_tag("N1", packed), *_tag("N1", note(c)), *_tag("N2", c.abstract),
                  *_tags("KW", c.keywords), *_tag("L3", c.doi),
                  *_tag("UR", "https://search.ebscohost.com/login.aspx?direct=true&db=ecn"
                              f"&AN={c.accession}&site=ehost-live"),
                  *_tag("DP", "EBSCOhost"), *_tag("DB", "ecn"), "ER  - ", ""]
    return "\r\n".join(lines) + "\r\n"


# ---------------------------------------------------------------- Web of Science


def _wos(tag: str, values: list[str] | tuple[str, ...], wrap: bool = False) -> list[str]:
    out: list[str] = []
    for n, value in enumerate(v for v in values if v):
        parts = textwrap.wrap(value, 72) if wrap else [value]
        for m, part in enumerate(parts):
            out.append(f"{tag if n == 0 and m == 0 else '  '} {part}")
    return out


def wos_tagged(copies: list[Copy], round_id: str) -> str:
    header = "ISI Export Format" if round_id < "2011" else "Thomson Reuters Web of Knowledge"
    lines = [f"FN {header}", "VR 1.0"]
    prefix = "ISI:" if round_id < "2011" else "WOS:"
    for c in copies:
        meeting, _, place = c.item.meeting.partition("|")
        month = MONTHS[_month(c) - 1]
        day = int(c.accession[-2:]) % 25 + 1
        lines += [f"PT {'C' if meeting else 'J'}", *_wos("AU", c.authors), *_wos("AF", c.authors_full),
                  *_wos("TI", [c.title], wrap=True), *_wos("SO", [c.journal.upper()])]
        if meeting:
            lines += [*_wos("CT", [meeting], wrap=True), *_wos("CY", [f"{month} {day:02d}-{day + 2:02d}, {c.year}"]),
                      *_wos("CL", [place])]
        lines += [*_wos("LA", ["English"]), *_wos("DT", ["Meeting Abstract" if meeting else "Article"]),
                  *_wos("DE", ["; ".join(c.keywords)], wrap=True), *_wos("AB", [c.abstract]),
                  *_wos("J9", [c.journal_abbrev.upper()]), *_wos("PY", [c.year]), *_wos("VL", [c.volume]),
                  *_wos("IS", [c.issue]), *_wos("BP", [c.pages_start]), *_wos("EP", [c.pages_end]),
                  *_wos("DI", [c.doi]), *_wos("UT", [f"{prefix}{c.accession}{c.accession[1:]}"]), "ER", ""]
    return "\n".join([*lines, "EF"]) + "\n"


# ---------------------------------------------------------------- Zetoc (BibTeX)


def _bib(value: str) -> str:
    return value.replace("\\", "").replace("&", r"\&").replace("%", r"\%").replace("{", "").replace("}", "")


def zetoc_bibtex(copies: list[Copy], round_id: str) -> str:
    out = []
    for c in copies:
        names = " and ".join(a if "," in a else f"{{{a}}}" for a in c.authors)
        kind = "article" if c.item.kind == "journal_article" else "inproceedings"
        venue = "journal" if kind == "article" else "booktitle"
        pages = f"{c.pages_start}--{c.pages_end}" if c.pages_end else c.pages_start
        fields = [("author", names), ("title", _bib(c.title)), (venue, _bib(c.journal)), ("year", c.year),
                  ("volume", c.volume), ("number", c.issue), ("pages", pages), ("doi", c.doi),
                  ("keywords", "; ".join(c.keywords)), ("note", _bib(note(c)))]
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields if v)
        out.append(f"@{kind}{{zetoc{c.accession},\n{body}\n}}\n")
    return "\n".join(out)


# ---------------------------------------------------------------- Index to Theses, EndNote


def theses_ris(copies: list[Copy], round_id: str) -> str:
    lines: list[str] = []
    for c in copies:
        lines += [*_tag("TY", "THES"), *_tags("A1", c.authors), *_tag("T1", c.title), *_tag("Y1", c.year),
                  *_tag("PB", c.journal), *_tag("M1", "Ph.D."), *_tag("N2", c.abstract), *_tags("KW", c.keywords),
                  *_tag("N1", note(c)), *_tag("AN", c.accession), *_tag("DB", "Index to Theses"), "ER  - ", ""]
    return "\n".join(lines) + "\n"


def endnote_ris(copies: list[Copy], round_id: str) -> str:
    lines: list[str] = []
    for c in copies:
        serial = c.item.kind in ("journal_article", "book_section")
        lines += [*_tag("TY", RIS_TYPES[c.item.kind]), *_tags("AU", c.authors), *_tag("PY", c.year),
                  *_tag("TI", c.title), *_tag("T2", c.journal if serial else ""), *_tag("VL", c.volume),
                  *_tag("IS", c.issue), *_tag("SP", c.pages_start), *_tag("PB", "" if serial else c.journal),
                  *_tag("UR", c.item.url), *_tags("KW", c.keywords), *_tag("N1", note(c)),
                  *_tag("N1", "Found by checking the reference lists of included studies"), "ER  - ", "", ""]
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


WEBSITE_OF = (("King's Fund", "The King's Fund"), ("Nuffield", "Nuffield Trust"),
              ("Department of Health", "Department of Health"), ("Local Government", "Local Government Association"),
              ("Social Care Institute", "SCIE"), ("Audit Commission", "Audit Commission"))


def websites_csv(copies: list[Copy], round_id: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Title", "Authors", "Year", "Publication Title", "Type", "URL", "Keywords", "Notes",
                     "Website searched"])
    for c in copies:
        site = next((name for key, name in WEBSITE_OF if key in c.journal or any(key in a for a in c.authors)),
                    "Google (grey literature)")
        writer.writerow([c.title, "; ".join(c.authors), c.year, c.journal, RIS_TYPES[c.item.kind], c.item.url,
                         "; ".join(c.keywords), note(c), site])
    return out.getvalue()


WRITERS = {"ovid_ris": ovid_ris, "proquest_ris": proquest_ris, "ebsco_ris": ebsco_ris, "wos_tagged": wos_tagged,
           "zetoc_bibtex": zetoc_bibtex, "theses_ris": theses_ris, "endnote_ris": endnote_ris,
           "websites_csv": websites_csv}
