"""Records -> the normalised columns that blocking and scoring read (one list per field)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from reviewflow.dedupe import normalise as norm
from reviewflow.dedupe.recurring import is_recurring
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
    issue: list[frozenset[str]]  # issue numbers; empty when unknown (a supplement, a part, none)
    article_no: list[str]  # first page, or an Embase article number (normalise.article_number)
    supplement: list[frozenset[str]]  # supplement numbers ("Suppl 1"): a volume some export cut to
    recurring: np.ndarray  # bool: the title is a heading journals reprint (recurring.py)
    pages_start: list[str]
    pages: list[norm.Pages]  # for telling a page-formatting difference from a conflict
    doi: list[str]
    pmid: list[str]
    kind: list[str]
    round: np.ndarray  # 0-based index of the record's search round, in review order

    def __len__(self) -> int:
        return len(self.title)


def counter_files(records: Sequence[Record], least: int = 50, share: float = 0.9) -> frozenset[str]:
    """Export files whose issue column is a record counter, not an issue: at least ``least`` records
    with a numeric issue, nearly all of them different (real issue numbers repeat: a file of 60
    records has a few dozen issues at most). An EndNote library that numbered its records in the
    issue field must not make every pair an issue conflict."""
    numeric: dict[str, list[str]] = {}
    for r in records:
        value = r.issue.strip()
        if value.isdigit():
            numeric.setdefault(r.source_file, []).append(value)
    return frozenset(f for f, values in numeric.items() if len(values) >= least and len(set(values)) >= share * len(values))


def prepare(records: Sequence[Record], no_issue_files: Collection[str] | None = None) -> Prepared:
    """``no_issue_files``: files whose issue column is ignored (``counter_files``; worked out from
    ``records`` when None; a shard passes the set worked out from all records)."""
    skip = counter_files(records) if no_issue_files is None else frozenset(no_issue_files)
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
        issue=[frozenset() if r.source_file in skip else norm.issue(r.volume, r.issue, x)
               for r, x in zip(records, pages)],
        article_no=[norm.article_number(r.volume, r.issue, x.first) for r, x in zip(records, pages)],
        supplement=[norm.supplement_numbers(r.volume, r.issue) for r in records],
        recurring=np.array([is_recurring(t) for t in titles], dtype=bool),
        pages_start=[x.first for x in pages],
        pages=pages,
        doi=[norm.doi(r.doi) for r in records],
        pmid=[r.pmid.strip() for r in records],
        kind=[kind(r) for r in records],
        round=np.array([rounds.setdefault(r.round, len(rounds)) for r in records], dtype=np.int32),
    )
