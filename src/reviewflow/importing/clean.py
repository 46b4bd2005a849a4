"""Cleaning at import: conservative, one small function per field (dedupe does the fuzzy work).

Every cleaner takes the value as printed and returns the normalised value; ``to_record`` applies
them to an ``Entry``. Nothing here guesses: a value that does not fit a pattern is kept as printed
(whitespace collapsed) rather than dropped.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

from reviewflow.importing.entry import Entry
from reviewflow.importing.markers import database_name, platform_marker
from reviewflow.records import COLUMNS, Record
from reviewflow.vocabulary import DEFAULT_METHOD

# ---------------------------------------------------------------- text


def squash(text: str) -> str:
    """Collapse every run of whitespace to one space."""
    # Fast path (most values): every whitespace character but " " is unprintable, so a printable
    # text without "  " has only single spaces, and only the ends can change. Splitting a
    # 1,500-character abstract into words costs twice as much as these two checks.
    if "  " not in text and text.isprintable():
        return text.strip()
    return " ".join(text.split())


# Markup some databases leave in titles and abstracts (Lens, Dimensions, Crossref-fed records:
# JATS and MathML tags, plain HTML). Only these names are removed, so "p<0.05 and n>3" survives.
# Block tags become a space (two paragraphs stay two words), inline tags nothing ("H<sub>2</sub>O").
_TAG_ATTRS = r"(?:\s[^<>]*)?/?>"
_BLOCK_TAG = re.compile(
    r"</?(?:(?:jats|xhtml):)?(?:p|br|div|sec|title|abstract|list|list-item|li|ul|ol|h[1-6])" + _TAG_ATTRS,
    re.IGNORECASE)
_INLINE_TAG = re.compile(
    r"</?(?:(?:(?:jats|mml|xhtml|ce):)[A-Za-z][\w.-]*|i|b|u|em|strong|sub|sup|inf|scp|span|italic|bold|sc|"
    r"a|font|small|big)" + _TAG_ATTRS,
    re.IGNORECASE)


def clean_text(text: str) -> str:
    """Title or abstract: markup removed, entities decoded, whitespace collapsed."""
    if "<" in text:
        text = _INLINE_TAG.sub("", _BLOCK_TAG.sub(" ", text))
    if "&" in text:
        text = html.unescape(text)
    return squash(text)


# ---------------------------------------------------------------- identifiers

_DOI = re.compile(r"10\.\d{3,9}/\S+")
_DOI_TRAILING = re.compile(r"(?:[.,;:\]>\"']|\[doi\])+$", re.IGNORECASE)
_DOI_TRAILING_LAST = frozenset(".,;:]>)\"'")  # a DOI ending otherwise has nothing to trim


def clean_doi(text: str) -> str:
    """``https://dx.doi.org/10.1000/ABC.`` -> ``10.1000/abc``; empty when no DOI is in the text."""
    if "%2" in text or "%3" in text:
        text = unquote(text)
    match = _DOI.search(text)
    if not match:
        return ""
    doi = match.group(0)
    while doi and doi[-1] in _DOI_TRAILING_LAST:
        doi = _DOI_TRAILING.sub("", doi)
        # A closing bracket ends the DOI only when it closes one of its own, e.g. 10.1002/(SICI)...(199)
        if doi.endswith(")") and doi.count("(") < doi.count(")"):
            doi = doi[:-1]
        elif doi.endswith(")"):
            break
    return doi.lower()


_ISSN = re.compile(r"(?<![\dX-])(\d{4})-?(\d{3}[\dXx])(?![\dX])")
_ISBN_SEPARATORS = re.compile(r"[ -]")
_ISBN = re.compile(r"(?<![\d-])(97[89][\d -]{10,14}\d|\d[\d -]{8,11}[\dXx])(?![\d-])")


def split_issn_isbn(values: list[str]) -> tuple[str, str]:
    """ISSNs (``1234-567X``) and ISBNs (digits only) found in SN-like values, distinct, "; "-joined.

    RIS puts both in ``SN``; Scopus adds ``(ISSN)``, ProQuest repeats the value.
    """
    issns: list[str] = []
    isbns: list[str] = []
    for value in values:
        for raw in _ISBN.findall(value):
            digits = _ISBN_SEPARATORS.sub("", raw).upper()
            if len(digits) in (10, 13) and digits not in isbns and not _ISSN.fullmatch(raw.strip()):
                isbns.append(digits)
        for a, b in _ISSN.findall(value):
            issn = f"{a}-{b.upper()}"
            if issn not in issns and not any(issn.replace("-", "") in i for i in isbns):
                issns.append(issn)
    return "; ".join(issns), "; ".join(isbns)


_PMID = re.compile(r"\d{1,9}")


def clean_pmid(text: str) -> str:
    if not text:
        return ""
    match = _PMID.search(text)
    return match.group(0) if match else ""


# ---------------------------------------------------------------- year, pages

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


# A RIS date: YYYY/MM/DD/other info. EBSCOhost writes the cover date as printed in the other
# info ("2023/12//Dec2023:Part 1", "2019/08/02/Aug2019 Supplement"); where the two disagree
# ("2007/08//2014 Sep") the printed cover date is the citation's year, the one other databases give.
_RIS_DATE = re.compile(r"(\d{4})/\d{0,2}/\d{0,2}/(.*\d{4}.*)")


def clean_year(text: str) -> str:
    """The first plausible 4-digit year: ``2018//``, ``2018 Jan 5``, ``2023///`` -> ``2018``...; of a
    RIS date with a printed date after the last slash, the printed date's year: ``2007/08//2014 Sep``
    -> ``2014``."""
    if len(text) == 4 and text.isascii() and text.isdigit():  # fast path: "2019"
        return text if "1500" <= text < "2100" else ""
    ris = _RIS_DATE.fullmatch(text.strip()) if "/" in text else None
    printed = _YEAR.search(ris.group(2)) if ris else None
    if printed:
        return printed.group(1)
    match = _YEAR.search(text)
    return match.group(1) if match else ""


_RANGE = re.compile(r"\s*[-\u2010-\u2015\u2212]+\s*")
_PAGES_PREFIX = re.compile(r"^(?:pp?\.|pages?)\s*", re.IGNORECASE)
# What databases print when there are no page numbers (EBSCO "N.PAG"; Ovid "No" + "Specified").
NO_PAGES = frozenset({"n.pag", "n.pag.", "np", "n/a", "no pagination specified", "no specified"})


def split_pages(start: str, end: str = "") -> tuple[str, str]:
    """``107-18`` -> (``107``, ``118``): the end is expanded from the start's leading digits.

    ``e0209483`` stays a start page; ``pp. 126-142`` loses its ``pp.``; ``N.PAG`` and Ovid's
    "No" / "Specified" become empty.
    """
    if start.isdigit() and start.isascii() and (not end or (end.isdigit() and end.isascii())):
        return start, _expand_digits(start, end) if end else ""  # fast path: SP 107, EP 18
    start, end = _PAGES_PREFIX.sub("", squash(start)), squash(end)
    if f"{start} {end}".strip().lower() in NO_PAGES:
        return "", ""
    start = "" if start.lower() in NO_PAGES else start
    end = "" if end.lower() in NO_PAGES else end
    if not end:
        parts = _RANGE.split(start, maxsplit=1)
        if len(parts) == 2:
            start, end = parts
    return start, expand_end_page(start, end)


_PAGE = re.compile(r"([A-Za-z]*)(\d+)")


def expand_end_page(start: str, end: str) -> str:
    m_start = _PAGE.fullmatch(start)
    m_end = _PAGE.fullmatch(end)
    if not (m_start and m_end) or m_end.group(1) not in ("", m_start.group(1)):
        return end
    prefix, digits = m_start.groups()
    return prefix + _expand_digits(digits, m_end.group(2))


def _expand_digits(start: str, end: str) -> str:
    """``107``, ``18`` -> ``118``: the end page's missing leading digits come from the start."""
    if len(end) < len(start):
        return start[: len(start) - len(end)] + end
    return end


# ---------------------------------------------------------------- people

_EMAIL = re.compile(r"\s*\((?:[^()]*@[^()]*|\d+)\)")  # "(a.b@uni.edu)", Scopus "(57214385400)"
_SURNAME_INITIALS = re.compile(r"(?P<surname>.*?[^\W\d_][^\s.]*)\s+(?P<initials>(?:[A-Z]\.?[- ]?){1,4})")


_COMMA = re.compile(r"\s*,\s*")


def clean_author(name: str) -> str:
    """One author as ``Surname, Given``: ``Smith JA`` -> ``Smith, JA``; ``Smith, John`` kept.

    A name without a comma that does not end in initials (an organisation, or "Given Surname"
    from a format that uses that order, handled by its reader) is kept as printed.
    """
    if "(" in name:
        name = _EMAIL.sub("", name)
    name = squash(name).strip(" ;")
    if "," in name:
        if ", " not in name or " ," in name:
            name = _COMMA.sub(", ", name, count=1)
        return name.rstrip(", ")
    if not name:
        return name
    match = _SURNAME_INITIALS.fullmatch(name)
    if match and not match.group("surname").isupper():
        return f"{match.group('surname')}, {match.group('initials').strip()}"
    return name


def clean_authors(values: list[str]) -> tuple[str, ...]:
    return tuple(filter(None, map(clean_author, values)))


def split_keywords(values: list[str]) -> tuple[str, ...]:
    """Keywords in order, distinct; one value holding several ("a; b") is split, as the records
    table joins them with "; " and must read back the same."""
    if not values:
        return ()
    words = map(squash, [w for v in values for w in v.split(";")] if ";" in "".join(values) else values)
    return tuple(dict.fromkeys(filter(None, words)))


# ---------------------------------------------------------------- database names

_ANGLE = re.compile(r"<[^<>]*>")


def clean_database(text: str) -> str:
    """``Ovid MEDLINE(R) <2014>`` -> ``Ovid MEDLINE(R)``: Ovid's segment years are not a database;
    EBSCOhost's short codes (``egh``) and aliases (``NLM``) are spelled out (``markers.py``)."""
    if not text:
        return text
    return database_name(squash(_ANGLE.sub(" ", text) if "<" in text else text))


# ---------------------------------------------------------------- the record


def to_record(entry: Entry, *, record_id: str, source_file: str, round: str, database: str, fmt: str,
              default_database: str = "", platform: str = "", method: str = DEFAULT_METHOD) -> Record:
    """Clean an entry's fields into a Record (the only place a Record is built at import). ``database``
    and ``platform`` are config's (they win over the file's), ``round`` and ``method`` the export's."""
    get = entry.first
    values = entry.fields.get
    pages_start, pages_end = split_pages(get("pages") or get("pages_start"), get("pages_end"))
    issn, isbn = split_issn_isbn(values("issn", []) + values("isbn", []))
    title = clean_text(get("title"))
    flags = entry.flags if title else [*entry.flags, "no_title"]
    # Positional, in the order of Record's fields (COLUMNS): a third faster than keywords.
    return Record(
        record_id, source_file, entry.line, round,
        database or clean_database(get("database")) or default_database,
        platform or platform_marker(values("url", ())), method, fmt,
        title,
        clean_authors(values("authors", ())),
        clean_year(get("year")),
        squash(get("journal")),
        squash(get("volume")),
        squash(get("issue")),
        pages_start, pages_end,
        next((d for d in map(clean_doi, values("doi", ())) if d), ""),
        clean_pmid(get("pmid")),
        issn, isbn,
        clean_text(get("abstract")),
        split_keywords(values("keywords", ())),
        squash(get("language")),
        squash(get("pub_type")),
        squash(get("url")),
        squash(get("accession")),
        tuple(dict.fromkeys(flags)),
    )


# The positional call above relies on this order; fail at import, not with shuffled fields.
assert COLUMNS == (
    "record_id", "source_file", "source_line", "round", "database", "platform", "method", "format",
    "title", "authors",
    "year", "journal", "volume", "issue", "pages_start", "pages_end", "doi", "pmid", "issn", "isbn",
    "abstract", "keywords", "language", "pub_type", "url", "accession", "flags",
), "Record's fields changed: update to_record"
