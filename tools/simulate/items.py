"""Bibliographic items: the truth behind the exports. One item = one unique record; each database
that finds it prints its own copy (see ``variants``). Real items come from references.csv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tools.simulate.sheets import Reference, Sheets

# What an item is to the review (decides its screening truth, see ``decisions``).
SCHEME_REPORT = "scheme_report"  # real, cited for an included scheme: passes to the study level
EXCLUDED_SCHEME_REPORT = "excluded_scheme_report"  # real, cited only for excluded schemes
BACKGROUND = "background"  # real, cited for context: excluded at full text
BORDERLINE = "borderline"  # simulated, on topic at title/abstract, excluded at full text
OFFTOPIC = "offtopic"  # simulated, excluded at title/abstract


@dataclass(frozen=True)
class Author:
    surname: str
    initials: str = ""  # "RM", "E-L"; empty for a corporate author
    given: str = ""  # full given name when known (simulated items only)

    @property
    def corporate(self) -> bool:
        return not self.initials


@dataclass(frozen=True)
class Item:
    key: str  # "ref-010" (reference [10]) or "sim-00042"
    role: str
    kind: str  # journal_article, report, book, book_section, thesis, conference_paper, press_release, other
    title: str
    authors: tuple[Author, ...]
    year: str
    source: str  # journal, conference, publisher or university
    volume: str = ""
    issue: str = ""
    pages: str = ""  # as printed: "107-18", "e002007"
    doi: str = ""
    url: str = ""
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    ref_id: int = 0  # 0: simulated
    theme: str = ""  # simulated: the exclusion reason the item was written to meet
    ft_reason: str = ""  # why full text excludes it (background and borderline items)
    meeting: str = ""  # conference papers: "conference|place"

    @property
    def simulated(self) -> bool:
        return self.ref_id == 0


_PERSON = re.compile(r"^(?P<surname>[^\W\d][\w'’. -]*?) (?P<initials>[A-Z]{1,4}|[A-Z]-[A-Z]|[a-z])$")
_NOT_A_SURNAME = re.compile(r"\b(?:of|and|for|the|[A-Z]{2,})\b|&")


def parse_author(text: str) -> Author:
    """``Hébert R`` -> person; ``Department of Health`` -> corporate (kept whole)."""
    match = _PERSON.match(text)
    if match and len(match["surname"].split()) <= 3 and not _NOT_A_SURNAME.search(match["surname"]):
        return Author(match["surname"], match["initials"].upper())
    return Author(text)


def _role(ref: Reference, included: set[int], excluded: set[int]) -> str:
    if ref.ref_id in included:
        return SCHEME_REPORT
    if ref.ref_id in excluded:
        return EXCLUDED_SCHEME_REPORT
    return BACKGROUND


def real_items(sheets: Sheets) -> list[Item]:
    """The 183 references as items, data as printed in the paper (no abstract: none was printed)."""
    included = {sid for sid, s in ((s.scheme_id, s) for s in sheets.schemes) if s.included}
    inc_refs = {ref for sid, ref in sheets.links if sid in included}
    exc_refs = {ref for sid, ref in sheets.links if sid not in included}
    items = []
    for ref in sheets.references:
        pages = ref.pages if ref.ref_type in ("journal_article", "book_section") else ""
        items.append(Item(
            key=f"ref-{ref.ref_id:03d}", role=_role(ref, inc_refs, exc_refs), kind=ref.ref_type,
            title=ref.title, authors=tuple(parse_author(a) for a in ref.authors), year=ref.year,
            source=ref.source, volume=ref.volume, issue=ref.issue, pages=pages, doi=ref.doi.lower(),
            url=ref.url, ref_id=ref.ref_id))
    return items
