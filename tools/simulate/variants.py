"""How each database prints its copy of an item: the realistic differences between copies.

Author forms ("Mason A" / "Mason, Anne" / "MASON, A."), diacritics dropped by MEDLINE, title
case and punctuation, a subtitle dropped, a missing DOI, page styles (107-18 / 107-118), journal
abbreviations, the year of online-first publication. A copy depends only on the item and the
database (its own seeded random stream), so a database that finds an item again in a later
round prints it the same way, as a re-run search does.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

from tools.simulate.items import Author, Item
from tools.simulate.journals import journal_for, BY_NAME


@dataclass(frozen=True)
class Copy:
    """One database's record of an item, every field as that database prints it."""

    item: Item
    source: str  # layout.SOURCES key
    round_id: str
    title: str
    authors: tuple[str, ...]
    authors_full: tuple[str, ...]  # WoS AF, where given names are known
    year: str
    journal: str
    journal_abbrev: str
    volume: str
    issue: str
    pages_start: str
    pages_end: str
    doi: str
    abstract: str
    keywords: tuple[str, ...]
    accession: str  # simulated accession number (always starts with 9: not a real database ID)


def ascii_fold(text: str) -> str:
    """``Hébert`` -> ``Hebert``; ``Øvretveit`` -> ``Ovretveit`` (MEDLINE and WoS print ASCII)."""
    for fancy, plain in (("Ø", "O"), ("ø", "o"), ("æ", "ae"), ("Æ", "AE"), ("\u2013", "-"), ("\u2014", "-"),
                         ("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(fancy, plain)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def dotted(initials: str) -> str:
    """``RM`` -> ``R. M.``; ``E-L`` -> ``E.-L.``"""
    if "-" in initials:
        return "-".join(f"{p}." for p in initials.split("-"))
    return " ".join(f"{c}." for c in initials)


def author_form(author: Author, style: str) -> str:
    """One author in a platform's style. Corporate authors are printed as they are."""
    if author.corporate:
        return author.surname
    s, i = author.surname, author.initials
    forms = {
        "printed": f"{s} {i}",  # "Mason A" (reference lists, Vancouver)
        "comma": f"{s}, {i}",  # "Mason, A" (WoS AU)
        "comma_dots": f"{s}, {dotted(i)}",  # "Mason, A." (Ovid, EBSCO)
        "full": f"{s}, {author.given or dotted(i)}",  # "Mason, Anne" (ProQuest, WoS AF)
        "upper": f"{s.upper()}, {dotted(i)}",  # "MASON, A." (Zetoc)
        "given_first": f"{author.given or dotted(i)} {s}",  # "Anne Mason" (BibTeX)
    }
    return forms[style]


def expand_pages(pages: str) -> tuple[str, str]:
    """``107-18`` -> (``107``, ``118``); ``e162-e72`` -> (``e162``, ``e172``); one page -> (page, "")."""
    first = pages.split(";")[0].strip()
    parts = re.split(r"\s*-\s*", first, maxsplit=1)
    if len(parts) == 1:
        return first, ""
    start, end = parts
    ms, me = re.fullmatch(r"([A-Za-z]*)(\d+)", start), re.fullmatch(r"([A-Za-z]*)(\d+)", end)
    if ms and me and len(me.group(2)) < len(ms.group(2)):
        digits = ms.group(2)
        end = ms.group(1) + digits[: len(digits) - len(me.group(2))] + me.group(2)
    elif ms and me and not me.group(1):
        end = ms.group(1) + me.group(2)
    return start, end


def medline_pages(start: str, end: str) -> tuple[str, str]:
    """MEDLINE abbreviates the end page: (``107``, ``118``) -> (``107``, ``18``)."""
    ms, me = re.fullmatch(r"([A-Za-z]*)(\d+)", start), re.fullmatch(r"([A-Za-z]*)(\d+)", end)
    if not (ms and me) or len(ms.group(2)) != len(me.group(2)):
        return start, end
    a, b = ms.group(2), me.group(2)
    n = 0
    while n < len(a) - 1 and a[n] == b[n]:
        n += 1
    return start, b[n:]


_SMALL = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "with", "from"}


def headline_case(title: str) -> str:
    """EBSCOhost's headline style: ``The role of matched controls`` -> ``The Role of Matched Controls``."""
    words = title.split(" ")
    out = []
    for n, word in enumerate(words):
        lower = word.lower()
        if n and lower in _SMALL and not out[-1].endswith(":"):
            out.append(lower)
        elif word[:1].islower():
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
    return " ".join(out)


def drop_subtitle(title: str) -> str:
    head, sep, _ = title.partition(": ")
    return head if sep and len(head) > 25 else title


SIM_KEYWORDS = {  # subject terms a database adds to simulated records (besides "simulated")
    "medline": ("Humans", "Aged", "*Delivery of Health Care, Integrated/og [Organization & Administration]",
                "Great Britain", "Financing, Organized", "Interinstitutional Relations", "Cost-Benefit Analysis"),
    "hmic": ("Joint finance", "Pooled budgets", "Partnerships", "Older people", "Social services", "Commissioning"),
    "assia": ("Health services", "Social services", "Partnerships", "Older people", "Funding", "Integration"),
    "ssa": ("Social Services", "Funding", "Interagency Cooperation", "Elderly", "Health Care Services"),
    "econlit": ("Health: Government Policy; Regulation; Public Health I18", "Health Behavior I12",
                "National Budget; Budget Systems H61", "Analysis of Health Care Markets I11"),
    "cpci": ("integrated care", "funding", "partnership", "older people", "evaluation"),
}


def _keywords(item: Item, source: str, rng: random.Random) -> tuple[str, ...]:
    if not item.simulated:
        return ()
    pool = SIM_KEYWORDS.get(source, ())
    picked = rng.sample(pool, k=min(len(pool), rng.randint(2, 4))) if pool else []
    return (*picked, *item.keywords)


def _year(item: Item, source: str, rng: random.Random) -> str:
    # Online-first: some databases date an article by its first (online) appearance.
    if (item.kind == "journal_article" and item.year.isdigit() and int(item.year) >= 2005
            and source in ("econlit", "zetoc", "hmic", "assia") and rng.random() < 0.06):
        return str(int(item.year) - 1)
    return item.year


def _title(item: Item, source: str, rng: random.Random) -> str:
    title = item.title
    if source in ("hmic", "assia", "econlit", "zetoc") and rng.random() < 0.07:
        title = drop_subtitle(title)
    title = re.sub(r"\s+:\s*", ": ", title)  # "Joined-up rationing? : an analysis"
    if source == "medline":
        return ascii_fold(title) if title.endswith((".", "?", "!")) else ascii_fold(title) + "."
    if source == "econlit":
        return headline_case(title)
    if source in ("assia", "ssa") and rng.random() < 0.1:
        return title.replace(": ", " - ", 1)
    if source == "zetoc" and rng.random() < 0.15:
        return title.replace(" and ", " & ")
    return title


_AUTHOR_STYLE = {"medline": "comma_dots", "hmic": "comma_dots", "assia": "full", "ssa": "full",
                 "econlit": "comma_dots", "cpci": "comma", "zetoc": "upper", "theses": "comma_dots",
                 "websites": "printed", "reflists": "comma_dots"}
_DOI_KEPT = {"medline": 0.65, "hmic": 0.4, "assia": 0.8, "ssa": 0.8, "econlit": 0.3, "cpci": 0.85,
             "zetoc": 0.5, "theses": 0.0, "websites": 0.0, "reflists": 0.2}


SOURCE_DIGIT = {"medline": 1, "hmic": 2, "assia": 3, "ssa": 4, "econlit": 5, "cpci": 6, "zetoc": 7,
                "theses": 8, "websites": 9, "reflists": 0}


def accession(item: Item, source: str) -> str:
    """A simulated accession number, unique per item and database, always starting with 9:
    9, the database digit, then the item number (references: 9 and the reference number)."""
    number = f"9{item.ref_id:05d}" if item.ref_id else item.key.split("-")[1].zfill(6)
    return f"9{SOURCE_DIGIT[source]}{number}"


def make_copy(item: Item, source: str, round_id: str, seed: str) -> Copy:
    rng = random.Random(f"{seed}:copy:{item.key}:{source}")
    authors = item.authors
    if source in ("medline", "cpci"):
        authors = tuple(Author(ascii_fold(a.surname), a.initials, ascii_fold(a.given)) for a in authors)
    style = _AUTHOR_STYLE[source]
    journal = journal_for(item.source) or BY_NAME.get(item.source)
    full = journal.name if journal else item.source
    abbrev = journal.abbrev if journal else item.source
    if source == "reflists" and not item.simulated:
        full = item.source  # typed from the citing paper's reference list, as printed there
    if source == "hmic" and journal and rng.random() < 0.3:
        full = journal.abbrev
    start, end = expand_pages(item.pages) if item.pages else ("", "")
    if source == "medline":
        start, end = medline_pages(start, end)
    if source == "reflists":
        start, end = item.pages, ""  # as printed: "107-18"
    doi = item.doi if rng.random() < _DOI_KEPT[source] else ""
    return Copy(
        item=item, source=source, round_id=round_id, title=_title(item, source, rng),
        authors=tuple(author_form(a, style) for a in authors),
        authors_full=tuple(author_form(a, "full") for a in authors),
        year=_year(item, source, rng), journal=full, journal_abbrev=abbrev, volume=item.volume,
        issue=item.issue, pages_start=start, pages_end=end, doi=doi,
        abstract=item.abstract if source not in ("zetoc",) else "",
        keywords=_keywords(item, source, rng), accession=accession(item, source))
