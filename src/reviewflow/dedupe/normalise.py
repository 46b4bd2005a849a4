"""Bibliographic normalisation: one small function per field, raw Record value -> comparable form.

Databases spell the same article differently: case, punctuation, diacritics, HTML markup, a leading
"The", subtitles dropped, translated titles in brackets, abbreviated page ranges (107-18), DOI URLs,
"Surname, Given" vs "Given Surname", journal abbreviations. Everything here is pure and cached where
values repeat (journals, authors).
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

_TAG = re.compile(r"<[^>]{1,40}>")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "κ": "kappa", "μ": "mu", "ω": "omega"}
_GREEK_RE = re.compile("|".join(_GREEK))
# What databases add to a title: "[Erratum appears in ...]", "[Comment on ...]", "[Spanish]", a reference
# number "[1]", "(multiple letters)", "(author's transl)", WoS's "(vol 360, pg 542, 2009)", and MEDLINE's
# "... N Engl J Med. 2009 Jan 29;360(5):544-6" citation of the commented article.
_DB_NOTE = re.compile(
    r"\[(?:erratum|errata|comment|corrected|retraction|retracted|published|see |update|summary|article in|"
    r"in [a-z]+\]|english|spanish|german|french|italian|japanese|chinese|russian|polish|portuguese|dutch|"
    r"norwegian|swedish|danish|hungarian|czech|korean|turkish|hebrew)[^\]]*(?:\]|$)"
    r"|\[\d+\]\s*$|\[review\]|\[\d+ ref(?:erence)?s?\]"  # Ovid's "[Review] [33 refs]"
    r"|\((?:multiple letters|author'?s transl\.?|letter|editorial)\)"
    r"|\(vol\.? \d+[^)]*\)\s*$|\.\.\.?\s.*$", re.IGNORECASE)


def _without_notes(value: str) -> str:
    if "[" in value or "(" in value or ".." in value:  # most titles have no note: skip the regex
        return _DB_NOTE.sub(" ", value).strip()
    return value.strip()
_COMBINING = re.compile(r"[\u0300-\u036f]")
_FOLD = str.maketrans({"ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ı": "i", "þ": "th"})
_SUBTITLE = re.compile(r"\s*(?::|\s[-–—]\s|\?\s|\.\s)\s*")
_ROMAN = {"ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8", "ix": "9", "x": "10"}
_PART_WORD = re.compile(r"\b(?:part|phase|study|trial|paper|series|report)\s+(i|[0-9]+|[ivx]+)\b")


def text(value: str) -> str:
    """Lower case ASCII words separated by single spaces: no markup, accents or punctuation."""
    if not value:
        return ""
    if "&" in value:
        value = html.unescape(value)
    if "<" in value:
        value = _TAG.sub(" ", value)
    value = value.casefold()
    if not value.isascii():  # the slow path only for the few values that need it
        value = _GREEK_RE.sub(lambda m: _GREEK[m.group(0)], value.translate(_FOLD))
        value = _COMBINING.sub("", unicodedata.normalize("NFKD", value))
    return _NON_WORD.sub(" ", value.replace("&", " and ")).strip()


def title(value: str) -> str:
    """Comparable title: database notes removed, a translated title's brackets and a leading "The" dropped."""
    value = _without_notes(value or "")
    if value.startswith("[") and value.rstrip(". ").endswith("]"):
        value = value.rstrip(". ")[1:-1]  # MEDLINE marks an English translation of the title so
    words = text(value)
    return words[4:] if words.startswith("the ") else words


def title_main(value: str) -> str:
    """The title without its subtitle (some databases drop it), normalised like ``title``."""
    value = _without_notes(value or "").lstrip("[")
    head = _SUBTITLE.split(value, maxsplit=1)[0]
    return title(head) if len(head) >= 20 else title(value)


def title_numbers(normalised_title: str) -> frozenset[str]:
    """Numbers that tell parts of a series apart ("Part II" = "part 2"; 2019 and 3 in the title)."""
    words = normalised_title.split()
    found = {w for w in words if w.isdigit()}
    found |= {_ROMAN[w] for w in words if w in _ROMAN and w not in ("v", "x")}
    found |= {_ROMAN.get(m, "1" if m == "i" else m) for m in _PART_WORD.findall(normalised_title)}
    return frozenset(found)


def year(value: str) -> int:
    """The 4-digit year, 0 when there is none."""
    match = re.search(r"(1[89]|20)\d\d", value or "")
    return int(match.group(0)) if match else 0


def pages(start: str, end: str = "") -> tuple[str, str]:
    """First and last page as digits, the range expanded: ("107", "18") -> ("107", "118")."""
    start, end = (start or "").strip(), (end or "").strip()
    if not end and re.search(r"\d\s*[-–—]+\s*\w", start):
        start, end = re.split(r"\s*[-–—]+\s*", start, maxsplit=1)
    first, last = _digits(start), _digits(end)
    if first and last and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return first, last


class Pages(NamedTuple):
    """What the pages say, for telling a formatting difference from a conflict."""

    first: str  # the first page's digits ("" when unknown)
    locator: bool  # the first page is an article number with a letter (e12724, a1754, CD006828), not S12
    spans: tuple[tuple[int, int], ...]  # every range given ("230-5, 246-51" -> two), low <= high


_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)
_SPAN = re.compile(r"([a-z]{0,3})\s*(\d+)(?:\s*[-–—]+\s*(?:[a-z]{0,3}\s*)?(\d+))?", re.IGNORECASE)


@lru_cache(maxsize=200_000)
def page_info(start: str, end: str = "") -> Pages:
    """The pages of a record: "1-6" (page count), "01-Jun" (a spreadsheet turned 1-6 into a date) -> unknown."""
    start, end = (start or "").strip(), (end or "").strip()
    value = f"{start}-{end}" if end else start
    if _MONTH.search(value):  # "01-Jun", "6-Jan", "08 Aug": a spreadsheet read the range as a date
        value = _undate(value)
        start, end = value, ""
    spans = []
    for prefix, low, high in _SPAN.findall(value):
        first, last = pages(low, high)
        a, b = int(first or 0), int(last or first or 0)
        spans.append((min(a, b), max(a, b)))  # "2297-2108" (a typo): still the range it can mean
    match = _SPAN.search(value)
    locator = bool(match and match.group(1) and match.group(1).lower() != "s")
    return Pages(pages(start, end)[0], locator, tuple(spans))


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _undate(value: str) -> str:
    """The page range a spreadsheet turned into a date: day and month, low first ("01-Jun" -> "1-6")."""
    numbers = [int(n) for n in re.findall(r"\d+", value)]
    numbers += [_MONTHS.index(m.group(0)[:3].lower()) + 1 for m in _MONTH.finditer(value)]
    return "-".join(str(n) for n in sorted(numbers)[:2]) if len(numbers) >= 2 else ""


def pages_agree(a: Pages, b: Pages) -> int:
    """1 same first page; 0 unknown or compatible; -1 conflict.

    Compatible: the ranges overlap ("246-250" vs "250-254", "569" vs "567-569"; single pages "51" vs
    "52": one database got a page wrong), or only one is an article number ("1-6" or "969-72" vs
    "e12724": print pages vs the electronic locator of the same article).
    """
    if not a.first or not b.first:
        return 0
    if a.first == b.first:
        return 1
    if a.locator != b.locator:
        return 0
    overlap = any(x0 <= y1 and y0 <= x1 for x0, x1 in a.spans for y0, y1 in b.spans)
    # two single pages one apart ("51" vs "52"): a typo, or where an abstract starts vs is printed;
    # not ranges that touch ("197-203" vs "204-210": consecutive papers of a series)
    single = len(a.spans) == len(b.spans) == 1 and a.spans[0][0] == a.spans[0][1] and b.spans[0][0] == b.spans[0][1]
    return 0 if overlap or (single and abs(a.spans[0][0] - b.spans[0][0]) == 1) else -1


def _digits(value: str) -> str:
    match = re.search(r"\d+", value)
    return match.group(0).lstrip("0") if match else ""


def doi(value: str) -> str:
    """Bare lower-case DOI: no resolver URL or "doi:" prefix, no trailing punctuation."""
    value = (value or "").strip().lower()
    value = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*|doi\s+)", "", value)
    match = re.search(r"10\.\d{4,9}/\S+", value)
    return match.group(0).rstrip(".,;)]") if match else ""


_PART_IN_VOLUME = re.compile(r"\b(?:part|pt|section|sect)\.?\s*\d+\b\.?", re.IGNORECASE)


def volume(value: str) -> str:
    """The volume number; "" for a fragment such as "1)" (an export cut "61 (10 Suppl 1)" short).
    A journal section in the field is not the volume: "Korsakova. Part 2. 117" -> "117"."""
    value = value or ""
    if ")" in value and "(" not in value:
        return ""
    if not value.isdigit():  # most volumes are plain numbers: skip the regex
        value = _PART_IN_VOLUME.sub(" ", value)
    return _digits(value)


# "3", "(3)", "3-4", "3/4", "No. 3", "Nr 3", "Issue 3": plain numbers, a word for "number" before them
_ISSUE_NUMBERS = re.compile(r"(?:(?:no|nr|n|issue|heft|num)\b\.?\s*)?\(?\s*(\d+(?:\s*[-/&,\u2013]\s*\d+)*)\s*\)?",
                            re.IGNORECASE)
_ISSUE_IN_VOLUME = re.compile(r"^\s*\d+\s*\(\s*(\d+(?:\s*[-/]\s*\d+)*)\s*\)")
_SUPPLEMENT = re.compile(r"\b(?:suppl?|supplement|sup|s)\.?\s*(\d+)", re.IGNORECASE)


def issue(volume_value: str, issue_value: str, pages: Pages) -> frozenset[str]:
    """The issue numbers ("3-4" -> {3, 4}); empty when unknown. Only plain numbers count: a
    supplement ("Suppl 1", "10 Suppl 1") or a part is not an issue number to compare. Embase writes
    the issue in the volume ("16 (1) (no pagination)") and the article number in the issue field:
    the issue in the volume's brackets comes first. An issue equal to the record's own single page
    is an article number given twice, not an issue."""
    numbers, in_volume = _issue_numbers(volume_value, issue_value)
    if in_volume or len(numbers) != 1 or len(pages.spans) != 1 or pages.spans[0][0] != pages.spans[0][1]:
        return numbers
    return frozenset() if numbers == {pages.first} else numbers


@lru_cache(maxsize=100_000)
def _issue_numbers(volume_value: str, issue_value: str) -> tuple[frozenset[str], bool]:
    """(the issue numbers, whether they come from the volume's brackets)."""
    inner = _ISSUE_IN_VOLUME.match(volume_value) if "(" in volume_value else None
    if inner:
        return frozenset(n.lstrip("0") or "0" for n in re.findall(r"\d+", inner.group(1))), True
    value = issue_value.strip()
    if value.isdigit():
        return frozenset({value.lstrip("0") or "0"}), False
    match = _ISSUE_NUMBERS.fullmatch(value)
    return (frozenset(n.lstrip("0") or "0" for n in re.findall(r"\d+", match.group(1))) if match else frozenset(),
            False)


def article_number(volume_value: str, issue_value: str, first_page: str) -> str:
    """How the article is found in its volume: its first page, or (Embase: volume "11 (3) (no
    pagination)", issue "791") the issue field's number when the volume holds the issue. A database
    that gives no pages may put that number in the issue field (similarity.py: no other issue)."""
    if first_page:
        return first_page
    if _ISSUE_IN_VOLUME.match(volume_value or "") and (issue_value or "").strip().isdigit():
        return issue_value.strip().lstrip("0")
    return ""


@lru_cache(maxsize=100_000)
def supplement_numbers(volume_value: str, issue_value: str) -> frozenset[str]:
    """The supplement's number ("SUPPL. 1" -> {"1"}): what an export that cut the citation short
    may give as the volume (volume "1" for "64 (Suppl 1)")."""
    if (volume_value.isdigit() or not volume_value) and (issue_value.isdigit() or not issue_value):
        return frozenset()  # most records: plain numbers
    return frozenset(n.lstrip("0") for n in _SUPPLEMENT.findall(f"{volume_value} {issue_value}"))


@lru_cache(maxsize=200_000)
def author(value: str) -> tuple[str, str]:
    """("Surname, Given") or "Given Surname" or "Surname GI" -> (surname, initials), normalised."""
    if "," in value:
        surname, _, given = value.partition(",")
        words = surname.split()
        # "Lewis G., F." (a run-on "Surname Initials" split at the wrong comma)
        while len(words) > 1 and re.fullmatch(r"[A-Z]\.?", words[-1]):
            given = words.pop() + " " + given
        surname = " ".join(words)
    else:
        words = value.split()
        if len(words) > 1 and re.fullmatch(r"[A-Z]{1,3}|(?:[A-Z]\.){1,3}", words[-1]):
            surname, given = " ".join(words[:-1]), words[-1]  # "Zuber J" (MEDLINE short form)
        else:
            surname, given = (words[-1], " ".join(words[:-1])) if words else ("", "")
    given = given.strip()
    if re.fullmatch(r"[A-Z]{2,3}", given):  # "JA": one letter per initial
        return text(surname).replace(" ", ""), given.lower()
    initials = "".join(w[0] for w in text(given).split())
    return text(surname).replace(" ", ""), initials


def authors(values: tuple[str, ...], limit: int = 6) -> str:
    """The first authors as "surname i surname i ...": enough to compare, cheap to score."""
    return " ".join(f"{s} {i[:1]}".strip() for s, i in (author(v) for v in values[:limit]))


def first_author(values: tuple[str, ...]) -> str:
    return author(values[0])[0] if values else ""


def first_author_full(values: tuple[str, ...]) -> str:
    """The first author's whole name squashed ("Le, Quintrec M." -> "lequintrecm"): finds a surname
    that one database split at the wrong space."""
    return text(values[0]).replace(" ", "") if values else ""


_JOURNAL_STOP = frozenset({"of", "the", "and", "for", "in", "on", "de", "la", "le", "der", "und", "official"})


@lru_cache(maxsize=100_000)
def journal(value: str) -> tuple[str, ...]:
    """Journal words without stop words; "JPEN. Journal of ..." and "Jpen: Journal of ..." agree."""
    head = re.split(r"\s=\s", value or "")[0]  # "Zhonghua ... = Chinese journal of ...": first form
    head = re.split(r"\.\s*(?:conference|supplement|suppl)\b", head, flags=re.IGNORECASE)[0]
    return tuple(w for w in text(head).split() if w not in _JOURNAL_STOP)


@lru_cache(maxsize=500_000)
def journals_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same journal, or one is the other's abbreviation ("Nat Rev Nephrol" ~ "Nature Reviews Nephrology",
    "Circ Res" ~ "Circulation Research": as many words, either may be the short form)."""
    if not a or not b:
        return False
    if a == b:
        return True
    if len(a) == len(b):
        return _abbreviates(a, b) or _abbreviates(b, a)
    return _abbreviates(a, b) if len(a) < len(b) else _abbreviates(b, a)


def _abbreviates(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    position = 0
    for word in short:
        while position < len(long) and not _abbreviates_word(word, long[position]):
            position += 1
        if position == len(long):
            return False
        position += 1
    return len(short) >= 2 or len(long) == 1


def _abbreviates_word(short: str, word: str) -> bool:
    """"res" ~ "research" (a prefix); "dtsch" ~ "deutsche" (same first letter, letters in order)."""
    if word.startswith(short):
        return True
    if len(short) < 3 or short[0] != word[0]:
        return False
    rest = iter(word)
    return all(letter in rest for letter in short)
