"""Clusters from matched pairs: union-find that refuses a merge between incompatible clusters.

One bad link must not chain two unrelated records together (A~B, B~C, but A and C are different
papers). Each cluster keeps a summary of what its members say (DOIs, PMIDs, volumes and issues,
years, first pages, kinds, title numbers, records a person said are different); two clusters merge
only if the summaries are compatible, so the check costs the same for a cluster of 2 or of 200. Strong pairs are joined
first (rule order, then title score), so the weak link is the one refused.

Updates: pairs are taken round by round (all pairs among the first round, then pairs that involve
the second round, ...). A pair of a later round never joins two clusters that both hold records of
earlier rounds. So a run with a new round reproduces every earlier cluster (and its cluster_id, the
earliest member) and can only add new records to them; only a human decision splits or joins them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from reviewflow.dedupe import normalise as norm
from reviewflow.dedupe.prepare import Prepared
from reviewflow.dedupe.rules import DOI_YEARS
from reviewflow.dedupe.similarity import NOTICES


@dataclass
class Summary:
    """What the members of one automatic cluster say; merged on union."""

    dois: set[str]
    pmids: set[str]
    citations: set[Citation]
    pages: set[norm.Pages]
    years: set[int]
    kinds: set[str]
    numbers: set[frozenset[str]]


class Citation(NamedTuple):
    volume: str
    issue: frozenset[str]
    supplement: frozenset[str]
    number: str  # first page or article number (normalise.article_number)
    paged: bool  # has a first page: else an "issue" equal to the other's number is that number


@dataclass
class Final:
    """A final cluster: automatic clusters joined by people's "same" decisions."""

    members: list[int]
    apart: set[int] = field(default_factory=set)  # records a person said are different from a member
    first_round: int = 0


class Clusters:
    """Two union-finds over record indices 0..n-1. ``auto`` holds what the rules joined: its summaries
    are what the cluster checks read. ``final`` is ``auto`` plus the people's "same" decisions. A
    decision joins two clusters and nothing else: the records it brings in do not count in the checks
    of the automatic merges (a "same" between B and C never pushes A, B's twin by DOI, out), while
    "different" decisions and the round guarantee hold for the final clusters."""

    def __init__(self, p: Prepared, keep_apart: frozenset[str], same: Iterable[tuple[int, int]] = ()):
        self.auto = list(range(len(p)))
        self.final = list(range(len(p)))
        self.keep_apart = keep_apart
        self.summary: dict[int, Summary] = {}
        self.finals: dict[int, Final] = {}
        self.p = p
        for a, b in same:
            self._union_final(a, b)

    def _summary(self, root: int) -> Summary:
        s = self.summary.get(root)
        if s is None:
            p = self.p
            pages = {p.pages[root]} if p.pages[root].first else set()
            citations = ({Citation(p.volume[root], p.issue[root], p.supplement[root], p.article_no[root],
                                    bool(p.pages_start[root]))}
                         if p.volume[root] else set())
            s = Summary({p.doi[root]} - {""}, {p.pmid[root]} - {""}, citations, pages, {int(p.year[root])} - {0},
                        {p.kind[root]}, {p.numbers[root]} - {frozenset()})
            self.summary[root] = s
        return s

    def _final(self, root: int) -> Final:
        f = self.finals.get(root)
        if f is None:
            f = self.finals[root] = Final([root], first_round=int(self.p.round[root]))
        return f

    def find(self, i: int) -> int:
        """The final cluster's root of record i."""
        return _find(self.final, i)

    def find_auto(self, i: int) -> int:
        return _find(self.auto, i)

    def keep_different(self, a: int, b: int) -> None:
        """A person said records a and b are different: their final clusters may never merge."""
        self._final(self.find(a)).apart.add(b)
        self._final(self.find(b)).apart.add(a)

    def conflict(self, a: int, b: int, current_round: int | None = None,
                 overrides: frozenset[str] = frozenset()) -> str:
        """Why a and b may not be joined automatically ("" when they may). ``overrides``: the checks
        the rule that joins them outweighs ("kinds", "pages"; never DOIs, PMIDs, volumes, issues)."""
        fa, fb = self._final(self.find(a)), self._final(self.find(b))
        if fa.apart & set(fb.members) or fb.apart & set(fa.members):
            return "a person decided some members are different"
        if current_round is not None and fa.first_round < current_round and fb.first_round < current_round:
            return "it would join two clusters of earlier rounds"
        return self._fields_conflict(self._summary(self.find_auto(a)), self._summary(self.find_auto(b)), overrides)

    def _fields_conflict(self, sa: Summary, sb: Summary, overrides: frozenset[str]) -> str:
        if len(sa.dois | sb.dois) > 1:
            return "members have different DOIs"
        if len(sa.pmids | sb.pmids) > 1:
            return "members have different PubMed IDs"
        clash = next((why for x in sa.citations for y in sb.citations if (why := _citations_clash(x, y))), "")
        if clash:
            return clash
        # one DOI names one item: its pages may differ (online first vs issue, article number vs
        # pages), and online first may come two calendar years before the issue
        shared_doi = bool(sa.dois & sb.dois)
        years = sa.years | sb.years
        if years and max(years) - min(years) > (DOI_YEARS if shared_doi else 1):
            return "members' years are too far apart"
        # other pages under the same title may be a version nothing marks (rules.py: unmarked_version)
        check_pages = not shared_doi and ("unmarked_version" in self.keep_apart and "pages" not in overrides
                                          or "kinds" in overrides)
        if check_pages and any(norm.pages_agree(x, y) == -1 for x in sa.pages for y in sb.pages):
            return "members have different first pages"
        kinds = sa.kinds | sb.kinds  # abstract vs article alone: the pair rule decides (same journal issue)
        if shared_doi:  # under one DOI only an erratum or retraction is another item
            kinds = {k if k in NOTICES else "article" for k in kinds}
        # a marked and an unmarked record of one printed item may join (no member on another page)
        if "kinds" not in overrides and (len(kinds) > 1 and (kinds & self.keep_apart) - {"conference_abstract"}
                                         or len(kinds - {"article"}) > 1):
            return "members are different versions (" + ", ".join(sorted(kinds)) + ")"
        if "series_part" in self.keep_apart and _numbers_clash(sa.numbers | sb.numbers):
            return "members' titles carry different numbers"
        return ""

    def union(self, a: int, b: int) -> None:
        """Join the automatic (and so the final) clusters of a and b."""
        ra, rb = self.find_auto(a), self.find_auto(b)
        if ra != rb:
            keep, gone = (ra, rb) if ra < rb else (rb, ra)
            sk, sg = self._summary(keep), self._summary(gone)
            for name in ("dois", "pmids", "citations", "pages", "years", "kinds", "numbers"):
                getattr(sk, name).update(getattr(sg, name))
            del self.summary[gone]
            self.auto[gone] = keep
        self._union_final(a, b)

    def _union_final(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        keep, gone = (ra, rb) if ra < rb else (rb, ra)  # root = earliest member in review order
        fk, fg = self._final(keep), self._final(gone)
        fk.members += fg.members
        fk.apart |= fg.apart
        fk.first_round = min(fk.first_round, fg.first_round)
        del self.finals[gone]
        self.final[gone] = keep

    def cluster_of(self) -> list[int]:
        """For each record, the index of its final cluster's earliest member."""
        roots = [self.find(i) for i in range(len(self.final))]
        earliest: dict[int, int] = {}
        for i, root in enumerate(roots):
            earliest.setdefault(root, i)
        return [earliest[root] for root in roots]


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _citations_clash(x: Citation, y: Citation) -> str:
    """Two members in other volumes, or in other issues of one volume (as similarity.py scores pairs)."""
    if x.volume != y.volume:
        if x.volume in y.supplement or y.volume in x.supplement:
            return ""
        return "members are in different volumes"
    numbered = (not x.paged and x.issue == {y.number}) or (not y.paged and y.issue == {x.number})
    if x.issue and y.issue and not x.issue & y.issue and not numbered:
        return "members are in different issues of one volume"
    return ""


def _numbers_clash(sets: set[frozenset[str]]) -> bool:
    """Two titles whose numbers are not one within the other: parts of a series."""
    ordered = sorted(sets, key=len)
    return any(not (a <= b) for k, a in enumerate(ordered) for b in ordered[k + 1:])
