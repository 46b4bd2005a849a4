"""Field similarities of candidate pairs, vectorised: one array per field, one entry per pair.

Fuzzy scores are rapidfuzz ratios in [0, 1] (``process.cpdist``: element-wise, in C, on ``workers``
threads). Exact fields are -1 (both present, different), 0 (one or both missing) or 1 (equal).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from reviewflow.dedupe import normalise as norm
from reviewflow.dedupe.prepare import Prepared
from reviewflow.vocabulary import KEEP_APART as VOCABULARY_KEEP_APART

# Versions of a work kept apart by default (config dedupe.keep_apart): every one the vocabulary names
# (record kinds but "article", parts of a series, and "unmarked_version": the same title, first author,
# journal and year on other pages, which nothing marks as a correction or reprint).
KEEP_APART = VOCABULARY_KEEP_APART
SCORE_FIELDS = ("title", "title_full", "authors", "first_author", "year_gap", "journal", "volume", "issue",
                "pages", "doi", "pmid", "numbers_differ", "kinds_differ", "recurring")
NOTICES = frozenset({"erratum", "retraction"})  # the only kinds that share their article's DOI


@dataclass
class PairScores:
    """Scores of pairs (i[k], j[k]) in named arrays (``SCORE_FIELDS``)."""

    i: np.ndarray
    j: np.ndarray
    title: np.ndarray  # 0..1; -1 when a title is missing; the best of title_full and the shorter forms
    title_full: np.ndarray  # 0..1: the whole titles compared
    authors: np.ndarray  # 0..1; -1 when authors are missing
    first_author: np.ndarray  # 0..1; -1 when missing
    year_gap: np.ndarray  # |year difference|; -1 when a year is missing
    journal: np.ndarray  # 1 same or abbreviation, 0 missing, -1 different
    volume: np.ndarray  # a volume equal to the other's supplement number ("1" vs "64 Suppl 1") is 0
    issue: np.ndarray  # -1: both have issue numbers and they have none in common
    pages: np.ndarray
    doi: np.ndarray
    pmid: np.ndarray
    numbers_differ: np.ndarray  # bool: the titles carry different numbers (parts of a series)
    kinds_differ: np.ndarray  # bool: e.g. erratum vs article (only kinds configured to keep apart)
    recurring: np.ndarray  # bool: either title is a heading journals reprint ("Editorial", "Reply")
    title_len: np.ndarray  # length of the shorter normalised title (short titles say little)
    title_within: np.ndarray | None = None  # bool: one title is the other with words before or after
    # ("MEDICAL PROGRESS Atypical HUS"); only worked out where journal and first page agree
    versions_merge: np.ndarray | None = None  # bool: unmarked versions (same title, authors, journal
    # and year; other pages) are not kept apart (config keep_apart): see rules.py
    both_abstracts: np.ndarray | None = None  # bool: both records are conference abstracts
    one_page: np.ndarray | None = None  # bool: both records are on one page (a notice, not an article)
    notice_differs: np.ndarray | None = None  # bool: kinds differ and one is an erratum or retraction

    def row(self, k: int) -> dict[str, str]:
        """The scores of pair k as text for the audit files (fixed formatting)."""
        out = {}
        for name in SCORE_FIELDS:
            value = getattr(self, name)[k]
            if isinstance(value, (bool, np.bool_)):
                out[name] = "yes" if value else "no"
            elif isinstance(value, (float, np.floating)):
                out[name] = "" if value < 0 else f"{value:.3f}"
            else:
                out[name] = "" if name == "year_gap" and value < 0 else str(int(value))
        return out


def fuzzy(a: list[str], b: list[str], workers: int = 1) -> np.ndarray:
    """Element-wise normalised similarity of two equally long lists of strings; -1 if one is empty."""
    if not a:
        return np.empty(0)
    scores = process.cpdist(a, b, scorer=fuzz.ratio, workers=workers, dtype=np.float32) / 100.0
    empty = np.array([not x or not y for x, y in zip(a, b)], dtype=bool)
    return np.where(empty, -1.0, scores).astype(np.float64)


def exact(values: list[str], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    a = np.asarray(values, dtype=object)[i]
    b = np.asarray(values, dtype=object)[j]
    present = (a != "") & (b != "")
    return np.where(present, np.where(a == b, 1, -1), 0).astype(np.int8)


def score_pairs(p: Prepared, pairs: np.ndarray, keep_apart: frozenset[str] = frozenset(KEEP_APART),
                workers: int = 1) -> PairScores:
    """Scores of every pair; ``keep_apart``: the kinds (and "series_part") that are never merged."""
    i, j = pairs[:, 0], pairs[:, 1]
    il, jl = i.tolist(), j.tolist()
    title_full = fuzzy([p.title[x] for x in il], [p.title[x] for x in jl], workers)
    title = title_full.copy()
    # one title has a subtitle, the other not: compare the shorter forms too (a database dropped it)
    one_sub = p.has_subtitle[i] != p.has_subtitle[j]
    if one_sub.any():
        sub = np.flatnonzero(one_sub)
        short = fuzzy([p.title_short[il[k]] for k in sub], [p.title_short[jl[k]] for k in sub], workers)
        title[sub] = np.maximum(title[sub], short)
    # a long title cut short (or run into its subtitle): compare the shorter with the other's start
    lengths = np.array([len(t) for t in p.title], dtype=np.int32)
    la, lb = lengths[i], lengths[j]
    cut = np.flatnonzero((np.minimum(la, lb) >= 40) & (np.abs(la - lb) >= 5) & (title < 0.97))
    if len(cut):
        shorter = [p.title[il[k]] if la[k] < lb[k] else p.title[jl[k]] for k in cut.tolist()]
        longer = [(p.title[jl[k]] if la[k] < lb[k] else p.title[il[k]])[:len(t)] for k, t in zip(cut.tolist(), shorter)]
        title[cut] = np.maximum(title[cut], fuzzy(shorter, longer, workers))
    first_author = fuzzy([p.first_author[x] for x in il], [p.first_author[x] for x in jl], workers)
    full_a = [p.first_author_full[x] for x in il]
    full_b = [p.first_author_full[x] for x in jl]
    weak = np.flatnonzero((first_author >= 0) & (first_author < 0.85))
    if len(weak):
        fa, fb = [full_a[k] for k in weak.tolist()], [full_b[k] for k in weak.tolist()]
        partial = process.cpdist(fa, fb, scorer=fuzz.partial_ratio, workers=workers, dtype=np.float32) / 100.0
        long_enough = np.array([min(len(x), len(y)) >= 6 for x, y in zip(fa, fb)], dtype=bool)
        first_author[weak] = np.where(long_enough, np.maximum(first_author[weak], partial), first_author[weak])
    years = p.year
    year_gap = np.where((years[i] > 0) & (years[j] > 0), np.abs(years[i] - years[j]), -1)
    journals = np.array([_journal(p.journal[a], p.journal[b]) for a, b in zip(il, jl)], dtype=np.int8)
    numbers = np.array([_numbers_differ(p.numbers[a], p.numbers[b]) for a, b in zip(il, jl)], dtype=bool)
    numbers &= "series_part" in keep_apart
    kinds = np.array([p.kind[a] != p.kind[b] and (p.kind[a] in keep_apart or p.kind[b] in keep_apart)
                      for a, b in zip(il, jl)], dtype=bool)
    # a conference abstract in a journal supplement, once marked and once not: the same journal, and
    # the same year with no conflicting volume or pages (or the same first page), say it is one record,
    # not an abstract vs its full article
    abstract_vs_article = np.array([{p.kind[a], p.kind[b]} == {"conference_abstract", "article"}
                                    for a, b in zip(il, jl)], dtype=bool)
    volume, issue = _volume_issue(p, i, j)
    pages = exact(p.pages_start, i, j)
    # first pages differ: a formatting difference or a conflict? Only where the titles could decide,
    # and never across journals that disagree (then the pages are two items' pages)
    for k in np.flatnonzero((pages == -1) & (journals != -1) & ((title >= 0.8) | (title < 0))).tolist():
        pages[k] = norm.pages_agree(p.pages[il[k]], p.pages[jl[k]])
    # ... the same journal and first page (the volume may be garbled: "1)" for "61 (10 Suppl 1)")
    kinds &= ~(abstract_vs_article & (journals == 1) & (((volume >= 0) & (pages >= 0) & (year_gap == 0))
                                                       | (pages == 1)))
    within = np.zeros(len(i), dtype=bool)
    for k in np.flatnonzero((pages == 1) & (journals == 1) & (title >= 0) & (title < 0.85)).tolist():
        within[k] = _within(p.title[il[k]], p.title[jl[k]])
    return PairScores(
        i=i, j=j, title=title,
        authors=fuzzy([p.authors[x] for x in il], [p.authors[x] for x in jl], workers),
        first_author=first_author, title_full=title_full,
        year_gap=year_gap, journal=journals,
        volume=volume, issue=issue, pages=pages,
        doi=exact(p.doi, i, j), pmid=exact(p.pmid, i, j),
        numbers_differ=numbers, kinds_differ=kinds, recurring=p.recurring[i] | p.recurring[j],
        title_len=np.minimum(lengths[i], lengths[j]),
        title_within=within, versions_merge=np.full(len(i), "unmarked_version" not in keep_apart, dtype=bool),
        both_abstracts=np.array([p.kind[a] == p.kind[b] == "conference_abstract" for a, b in zip(il, jl)], dtype=bool),
        one_page=np.array([_one_page(p.pages[a]) and _one_page(p.pages[b]) for a, b in zip(il, jl)], dtype=bool),
        notice_differs=kinds & np.array([p.kind[a] in NOTICES or p.kind[b] in NOTICES for a, b in zip(il, jl)],
                                        dtype=bool),
    )


def _volume_issue(p: Prepared, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Volume and issue scores. An export that cut "64 (Suppl 1)" to the supplement's number gave
    volume "1": not another volume."""
    volume = exact(p.volume, i, j)
    il, jl = i.tolist(), j.tolist()
    for k in np.flatnonzero(volume == -1).tolist():
        a, b = il[k], jl[k]
        if p.volume[a] in p.supplement[b] or p.volume[b] in p.supplement[a]:
            volume[k] = 0
    issue = np.array([_issues(p.issue[a], p.issue[b], p.article_no[a], p.article_no[b], p.pages_start[a],
                              p.pages_start[b]) for a, b in zip(il, jl)], dtype=np.int8)
    return volume, issue


def _issues(a: frozenset[str], b: frozenset[str], number_a: str, number_b: str, page_a: str, page_b: str) -> int:
    """1 same issue; 0 unknown, or one within the other (a double issue "3-4" vs "3"), or a record
    without pages whose issue is the other's article number or first page (issue "791" vs issue 3,
    page 791: the article number in the issue field); -1 none shared."""
    if not a or not b:
        return 0
    if a == b:
        return 1
    if a & b or (not page_a and a == {number_b}) or (not page_b and b == {number_a}):
        return 0
    return -1


def _one_page(pages: norm.Pages) -> bool:
    return len(pages.spans) == 1 and pages.spans[0][0] == pages.spans[0][1]


def _journal(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    if not a or not b:
        return 0
    return 1 if norm.journals_agree(a, b) else -1


def _numbers_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """Part 1 vs Part 2; but not "(ADAMTS 13)" vs "(ADAMTS 13) ... 2003" (a note added one number)."""
    return bool(a) and bool(b) and not (a <= b or b <= a)


def _within(a: str, b: str) -> bool:
    """The shorter title (20 letters or more) is the longer one's start, end or middle."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 20 and f" {short} " in f" {long} "
