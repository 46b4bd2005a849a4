"""Explicit match rules: each candidate pair gets a verdict (same, uncertain, different) and the
name of the rule that gave it. Rules are tried in the order of ``RULES``; the first that holds wins.

A false merge loses a study, a missed duplicate costs a second look: every rule that says "same"
needs agreement on several fields, and every conflict (a different DOI, a different part number,
an erratum vs its article, pages that disagree) comes first and can only say "uncertain" or
"different". Four conflicts come before every "same" rule and no rule or cluster check outweighs
them: two DOIs, two PMIDs, two volumes, two issues of one volume; only a person's "same" joins
such records. Thresholds are ``Settings`` values (config ``dedupe:``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from reviewflow.dedupe.similarity import PairScores

SAME, UNCERTAIN, DIFFERENT = "same", "uncertain", "different"
DOI_YEARS = 2  # online first to the issue can take two calendar years (cluster.py uses it too)


@dataclass(frozen=True)
class Thresholds:
    title_same: float = 0.95  # title similarity that, with authors and year, makes a duplicate
    title_close: float = 0.90  # ... that makes one when the source (journal/volume/pages) agrees too
    title_uncertain: float = 0.85  # ... from which an unmatched pair is listed for a person to judge
    author_same: float = 0.85  # first-author surname similarity that counts as the same author


@dataclass(frozen=True)
class Rule:
    name: str
    verdict: str  # SAME / UNCERTAIN / DIFFERENT; a rule with a split verdict returns UNCERTAIN where
    # its ``uncertain_when`` also holds, DIFFERENT elsewhere
    when: Callable[[PairScores, Thresholds], np.ndarray]
    uncertain_when: Callable[[PairScores, Thresholds], np.ndarray] | None = None
    why: str = ""
    # cluster checks (cluster.py) a SAME of this rule overrides: its evidence outweighs them
    overrides: frozenset[str] = frozenset()


def _author(s: PairScores, t: Thresholds) -> np.ndarray:
    return s.first_author >= t.author_same


def _author_ok(s: PairScores, t: Thresholds) -> np.ndarray:
    return _author(s, t) | (s.first_author < 0)


def _near_identical(s: PairScores, t: Thresholds) -> np.ndarray:
    return (s.title >= t.title_same) & _author(s, t)


def _source_agrees(s: PairScores) -> np.ndarray:
    return (s.pages == 1) | (s.volume == 1) | (s.journal == 1)


def _title_same(s: PairScores, t: Thresholds) -> np.ndarray:
    # one year apart: online first vs the issue, in the same journal (not two meetings' abstracts)
    year_ok = (s.year_gap <= 0) | ((s.year_gap == 1) & _author(s, t) & (s.title >= 0.98) & (s.journal != -1))
    informative = (s.title_len >= 30) | (_author(s, t) & _source_agrees(s))
    # a match only of the shorter forms (a subtitle dropped, a title cut) needs the source to agree:
    # "Interventions for X" (Cochrane review) vs "Interventions for X: a systematic review" (journal)
    whole = (s.title_full >= t.title_same) | (_source_agrees(s) & (s.journal != -1))
    return (s.title >= t.title_same) & _author_ok(s, t) & year_ok & informative & whole


def _one_item_marked_once(s: PairScores, t: Thresholds) -> np.ndarray:
    """An erratum (or abstract...) and a record of the same journal, volume, single page and year: one
    printed notice that one database marks and the other does not. Joined first, the unmarked record
    then counts as the erratum and stays apart from the article. (An erratum record that gives the
    article's page range cites the article: that pair stays apart.)"""
    return (s.kinds_differ & s.one_page & (s.journal == 1) & (s.volume != -1) & (s.pages == 1) & (s.year_gap == 0)
            & (s.title >= t.title_uncertain) & _author_ok(s, t) & (s.doi != -1))


def _one_abstract_two_pages(s: PairScores, t: Thresholds) -> np.ndarray:
    """Two conference abstracts of one meeting, same whole title and author list, on other pages: the
    abstract book's page and the journal supplement's (there are no errata of abstracts to keep apart)."""
    return (s.both_abstracts & (s.pages == -1) & (s.title_full >= t.title_same) & _author(s, t)
            & (s.authors >= 0.9) & (s.journal == 1) & (s.volume != -1) & (s.year_gap == 0))


def _same_citation(s: PairScores, t: Thresholds) -> np.ndarray:
    """Journal, first page and year agree: the title need only be close. Author lists vary more than
    citations do (a group author, given and surname swapped, "Van Graaf" vs "van der Graaf"), so the
    whole titles alone may decide; but not a title that only starts the other: "X" by A and "X - authors'
    reply" by B share a page."""
    where = (s.journal == 1) & (s.pages == 1) & (s.year_gap == 0)
    close = (s.title >= t.title_uncertain) & _author_ok(s, t)
    volume_same = (s.volume == 1) & ((s.title_full >= t.title_same) | close)
    # a section heading before the title ("MEDICAL PROGRESS ..."), a series title before it
    heading = (s.volume >= 0) & s.title_within & _author(s, t)
    # a volume missing in one export, or cut short ("1)" for "61 (10 Suppl 1)"); volumes that differ
    # never get here (volume_conflict)
    volume_other = (s.title >= t.title_same) & _author(s, t)
    # online first vs the issue, the journal spelled as a section ("Nephron - Clinical Practice")
    year_apart = ((s.year_gap == 1) & (s.volume == 1) & (s.pages == 1) & (s.title_full >= t.title_same)
                  & _author(s, t))
    return (where & (volume_same | heading | volume_other)) | year_apart


# Cluster checks (cluster.py) a rule may outweigh for the pair it joins. Never DOIs, PMIDs, volumes or
# issues: two of those that differ are two items whatever else agrees; only a person's "same" joins them.
OVERRIDABLE = frozenset({"kinds", "pages"})


def _whole_citation(s: PairScores) -> np.ndarray:
    return (s.journal == 1) & (s.volume == 1) & (s.issue == 1) & (s.pages == 1)


RULES: tuple[Rule, ...] = (
    Rule("doi_conflict", DIFFERENT, lambda s, t: s.doi == -1, _near_identical,
         why="both have a DOI and the DOIs differ: a DOI names one item, so no similarity outweighs this"),
    Rule("pmid_conflict", DIFFERENT, lambda s, t: s.pmid == -1, _near_identical,
         why="both have a PubMed ID and they differ: a PMID names one item"),
    Rule("volume_conflict", DIFFERENT, lambda s, t: s.volume == -1, _near_identical,
         why="both have a volume and the volumes differ (a volume that is the other's supplement number, "
             "cut short by an export, does not count)"),
    Rule("issue_conflict", DIFFERENT, lambda s, t: (s.issue == -1) & (s.volume == 1), _near_identical,
         why="same volume, but the issue numbers differ: two items of two issues (an editor's column "
             "comes back in every issue under one title and author)"),
    Rule("one_item_marked_once", SAME, _one_item_marked_once, overrides=frozenset({"kinds"}),
         why="one is marked (erratum, abstract...) and the other not, but journal, volume, single page and "
             "year agree: one printed notice"),
    Rule("recurring_title", DIFFERENT,
         lambda s, t: s.recurring & (s.doi != 1) & ~_whole_citation(s),
         lambda s, t: _near_identical(s, t) & (s.year_gap == 0) & (s.journal != -1),
         why="a heading journals reprint (editorial, editor's comments, in this issue, reply, book reviews, "
             "front matter...): it names an item only with the whole citation (journal, volume, issue and "
             "first page) or the DOI"),
    Rule("version_kind", DIFFERENT, lambda s, t: s.kinds_differ & ((s.doi != 1) | s.notice_differs), _near_identical,
         why="one is an erratum, retraction, conference abstract or preprint and the other is not (under "
             "one DOI only an erratum or retraction is another item: a database marks the kind "
             "differently, the DOI names the item)"),
    Rule("series_part", DIFFERENT, lambda s, t: s.numbers_differ, lambda s, t: s.title >= t.title_uncertain,
         why="the titles carry different numbers (Part I / Part II, 2-year / 5-year follow-up)"),
    Rule("same_doi", SAME, lambda s, t: (s.doi == 1) & ((s.title >= 0.8) | (s.title < 0)) & (s.year_gap <= DOI_YEARS),
         why="same DOI, titles agree (or one is missing), years at most two apart; pages may differ: "
             "online first (its own pages 1-24, a year or two before the issue's 661-684), an article "
             "number vs a page range or page count (549 vs 1-21, 108369 vs 1)"),
    Rule("same_pmid", SAME, lambda s, t: (s.pmid == 1) & ((s.title >= 0.8) | (s.title < 0)),
         why="same PubMed ID, titles agree (or one is missing)"),
    Rule("years_apart", DIFFERENT, lambda s, t: s.year_gap > 1, None, why="years more than one apart"),
    Rule("unmarked_version", SAME,
         lambda s, t: s.versions_merge & (s.title_full >= t.title_same) & _author(s, t) & (s.journal == 1)
         & (s.year_gap == 0) & (s.pages == -1),
         why="same whole title, first author, journal and year on other pages: a version of the work (a "
             "correction, a reprint) that nothing marks as one; only when unmarked_version is not in "
             "keep_apart"),
    Rule("one_abstract_two_pages", SAME, _one_abstract_two_pages, overrides=frozenset({"pages"}),
         why="two conference abstracts of one meeting with the same whole title and author list on other "
             "pages (abstract book and journal supplement)"),
    Rule("pages_conflict", DIFFERENT, lambda s, t: s.pages == -1, _near_identical,
         why="both have a first page and the pages differ"),
    Rule("same_citation", SAME, lambda s, t: _same_citation(s, t),
         why="same journal, first page and year, and volume (titles close, or one within the other "
             "with the same first author) or, with a volume missing in one, titles near-identical and same "
             "first author; or same volume and first page a year apart, same title and first author"),
    Rule("title_author_year", SAME, _title_same,
         why="titles near-identical, first authors agree (or one is missing), same year (or one year apart "
         "with an identical title: online-first vs issue)"),
    Rule("title_author_source", SAME,
         lambda s, t: (s.title >= t.title_close) & _author(s, t) & (s.year_gap <= 0) & _source_agrees(s),
         why="titles close, same first author and year, and journal, volume or first page agree"),
    Rule("citation_without_title", UNCERTAIN,
         lambda s, t: (s.title < 0) & _author(s, t) & (s.authors >= 0.8) & (s.year_gap == 0) & (s.pages == 1)
         & ((s.volume == 1) | (s.journal == 1)),
         why="a title is missing; authors, year, first page and volume or journal agree (a person decides: "
             "a record without title may be another item of the same issue)"),
    Rule("similar", UNCERTAIN,
         lambda s, t: ((s.title >= t.title_uncertain) & _author_ok(s, t))
         | ((s.title >= 0.7) & _author(s, t) & (s.pages == 1))
         | ((s.title < 0) & _author(s, t) & (s.year_gap == 0) & _source_agrees(s)),
         why="similar but not enough to be sure"),
)
assert all(rule.overrides <= OVERRIDABLE for rule in RULES), "a rule may not outweigh a DOI/PMID/volume/issue"
RULE_WHY = {rule.name: rule.why for rule in RULES}
RULE_RANK = {rule.name: rank for rank, rule in enumerate(RULES)}
RULE_OVERRIDES = {rule.name: rule.overrides for rule in RULES}


def apply_rules(s: PairScores, t: Thresholds) -> tuple[np.ndarray, np.ndarray]:
    """Verdict and rule name per pair; pairs no rule matches are DIFFERENT by rule "no_match"."""
    n = len(s.i)
    verdict = np.full(n, DIFFERENT, dtype=object)
    rule = np.full(n, "no_match", dtype=object)
    open_ = np.ones(n, dtype=bool)
    for r in RULES:
        hit = open_ & r.when(s, t)
        if not hit.any():
            continue
        rule[hit] = r.name
        verdict[hit] = r.verdict
        if r.uncertain_when is not None:
            verdict[hit & r.uncertain_when(s, t)] = UNCERTAIN
        open_ &= ~hit
    return verdict, rule
