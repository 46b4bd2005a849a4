"""Records -> the normalised columns that blocking and scoring read (one list per field)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from reviewflow.dedupe import normalise as norm
from reviewflow.dedupe.versions import kind
from reviewflow.records import Record


@dataclass(frozen=True)
class Prepared:
    """Column store of normalised fields; index i is the i-th record in review order."""

    title: list[str]
    title_short: list[str]  # the title without subtitle, or the title when it has none
    has_subtitle: np.ndarray
    numbers: list[frozenset[str]]
    authors: list[str]
    first_author: list[str]
    first_author_full: list[str]
    year: np.ndarray
    journal: list[tuple[str, ...]]
    volume: list[str]
    pages_start: list[str]
    pages: list[norm.Pages]  # for telling a page-formatting difference from a conflict
    doi: list[str]
    pmid: list[str]
    kind: list[str]
    round: np.ndarray  # 0-based index of the record's search round, in review order

    def __len__(self) -> int:
        return len(self.title)


def prepare(records: Sequence[Record]) -> Prepared:
    titles = [norm.title(r.title) for r in records]
    mains = [norm.title_main(r.title) for r in records]
    rounds: dict[str, int] = {}
    pages = [norm.page_info(r.pages_start, r.pages_end) for r in records]
    return Prepared(
        title=titles,
        title_short=mains,
        has_subtitle=np.array([m != t for m, t in zip(mains, titles)], dtype=bool),
        numbers=[norm.title_numbers(t) for t in titles],
        authors=[norm.authors(r.authors) for r in records],
        first_author=[norm.first_author(r.authors) for r in records],
        first_author_full=[norm.first_author_full(r.authors) for r in records],
        year=np.array([norm.year(r.year) for r in records], dtype=np.int32),
        journal=[norm.journal(r.journal) for r in records],
        volume=[norm.volume(r.volume) for r in records],
        pages_start=[x.first for x in pages],
        pages=pages,
        doi=[norm.doi(r.doi) for r in records],
        pmid=[r.pmid.strip() for r in records],
        kind=[kind(r) for r in records],
        round=np.array([rounds.setdefault(r.search, len(rounds)) for r in records], dtype=np.int32),
    )
