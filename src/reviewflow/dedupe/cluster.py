"""Clusters from matched pairs: union-find that refuses a merge between incompatible clusters.

One bad link must not chain two unrelated records together (A~B, B~C, but A and C are different
papers). Each cluster keeps a summary of what its members say (DOIs, years, first pages, kinds,
title numbers, records a person said are different); two clusters merge only if the summaries are
compatible, so the check costs the same for a cluster of 2 or of 200. Strong pairs are joined
first (rule order, then title score), so the weak link is the one refused.

Updates: pairs are taken round by round (all pairs among the first round, then pairs that involve
the second round, ...). A pair of a later round never joins two clusters that both hold records of
earlier rounds. So a run with a new round reproduces every earlier cluster (and its cluster_id, the
earliest member) and can only add new records to them; only a human decision splits or joins them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewflow.dedupe import normalise as norm
from reviewflow.dedupe.prepare import Prepared


@dataclass
class Summary:
    """What the members of one cluster say; merged on union."""

    dois: set[str]
    pages: set[norm.Pages]
    years: set[int]
    kinds: set[str]
    numbers: set[frozenset[str]]
    apart: set[int]  # records a person said are different from some member
    members: list[int] = field(default_factory=list)
    first_round: int = 0


class Clusters:
    """Union-find over record indices 0..n-1 with compatibility-guarded union."""

    def __init__(self, p: Prepared, keep_apart: frozenset[str]):
        self.parent = list(range(len(p)))
        self.keep_apart = keep_apart
        self.summary: dict[int, Summary] = {}
        self.p = p

    def _summary(self, root: int) -> Summary:
        s = self.summary.get(root)
        if s is None:
            p = self.p
            pages = {p.pages[root]} if p.pages[root].first else set()
            s = Summary({p.doi[root]} - {""}, pages, {int(p.year[root])} - {0},
                        {p.kind[root]}, {p.numbers[root]} - {frozenset()}, set(), [root], int(p.round[root]))
            self.summary[root] = s
        return s

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def keep_different(self, a: int, b: int) -> None:
        """A person said records a and b are different: their clusters may never merge."""
        self._summary(self.find(a)).apart.add(b)
        self._summary(self.find(b)).apart.add(a)

    def conflict(self, a: int, b: int, current_round: int | None = None,
                 overrides: frozenset[str] = frozenset()) -> str:
        """Why the clusters of a and b must stay apart ("" when they may merge). ``overrides``: checks
        the rule that joins them outweighs ("dois", "kinds", "pages")."""
        ra, rb = self.find(a), self.find(b)
        sa, sb = self._summary(ra), self._summary(rb)
        if sa.apart & set(sb.members) or sb.apart & set(sa.members):
            return "a person decided some members are different"
        if len(sa.dois | sb.dois) > 1 and "dois" not in overrides:
            return "members have different DOIs"
        years = sa.years | sb.years
        if years and max(years) - min(years) > 1:
            return "members' years are more than one apart"
        # other pages under the same title may be a version nothing marks (rules.py: unmarked_version)
        check_pages = "unmarked_version" in self.keep_apart and "pages" not in overrides or "kinds" in overrides
        pages_clash = check_pages and any(norm.pages_agree(x, y) == -1 for x in sa.pages for y in sb.pages)
        if pages_clash:
            return "members have different first pages"
        kinds = sa.kinds | sb.kinds  # abstract vs article alone: the pair rule decides (same journal issue)
        # a marked and an unmarked record of one printed item may join (no member on another page)
        if "kinds" not in overrides and (len(kinds) > 1 and (kinds & self.keep_apart) - {"conference_abstract"}
                                         or len(kinds - {"article"}) > 1):
            return "members are different versions (" + ", ".join(sorted(kinds)) + ")"
        if "series_part" in self.keep_apart and _numbers_clash(sa.numbers | sb.numbers):
            return "members' titles carry different numbers"
        if current_round is not None and sa.first_round < current_round and sb.first_round < current_round:
            return "it would join two clusters of earlier rounds"
        return ""

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        keep, gone = (ra, rb) if ra < rb else (rb, ra)  # root = earliest member in review order
        sk, sg = self._summary(keep), self._summary(gone)
        sk.dois |= sg.dois
        sk.pages |= sg.pages
        sk.years |= sg.years
        sk.kinds |= sg.kinds
        sk.numbers |= sg.numbers
        sk.apart |= sg.apart
        sk.members += sg.members
        sk.first_round = min(sk.first_round, sg.first_round)
        del self.summary[gone]
        self.parent[gone] = keep

    def cluster_of(self) -> list[int]:
        """For each record, the index of its cluster's earliest member."""
        roots = [self.find(i) for i in range(len(self.parent))]
        earliest: dict[int, int] = {}
        for i, root in enumerate(roots):
            earliest.setdefault(root, i)
        return [earliest[root] for root in roots]


def _numbers_clash(sets: set[frozenset[str]]) -> bool:
    """Two titles whose numbers are not one within the other: parts of a series."""
    ordered = sorted(sets, key=len)
    return any(not (a <= b) for k, a in enumerate(ordered) for b in ordered[k + 1:])
