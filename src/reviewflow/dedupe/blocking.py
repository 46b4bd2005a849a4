"""Candidate pairs: records that share at least one blocking key; cost grows near-linearly.

Keys (a record has up to seven): DOI; PMID; the first 30 and the last 30 letters of the title (a typo
or a dropped subtitle spoils only one of them); the title without subtitle; first author + year
(finds records without a title); volume + first page. Only records sharing a key are compared.
A block larger than ``max_block`` (e.g. every record by "Wang" in 2012) is not compared all against
all: its records are sorted by title and each is paired with its ``window`` neighbours, and the
block is counted in ``BlockStats.capped``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from reviewflow.dedupe.prepare import Prepared


@dataclass
class BlockStats:
    keys: int = 0  # distinct keys shared by 2+ records
    capped: int = 0  # blocks larger than max_block, compared by sorted neighbourhood only
    largest: int = 0
    pairs: int = 0  # distinct candidate pairs


def record_keys(p: Prepared, i: int) -> Iterator[str]:
    """The blocking keys of record i."""
    if p.doi[i]:
        yield "d" + p.doi[i]
    if p.pmid[i]:
        yield "p" + p.pmid[i]
    squashed = p.title[i].replace(" ", "")
    if len(squashed) >= 12:
        yield "t" + squashed[:30]
        yield "e" + squashed[-30:]
    if p.has_subtitle[i]:
        yield "s" + p.title_short[i].replace(" ", "")[:30]
    if p.first_author[i] and p.year[i]:
        yield f"a{p.first_author[i]}|{p.year[i]}"
    if p.volume[i] and p.pages_start[i]:
        yield f"v{p.volume[i]}|{p.pages_start[i]}"


def candidate_pairs(p: Prepared, max_block: int = 50, window: int = 10,
                    stats: BlockStats | None = None) -> np.ndarray:
    """Distinct pairs (i, j), i < j, sorted; shape (n, 2), int64.

    Stable under updates: the pairs among records of earlier rounds are found by blocking those
    rounds alone, so adding a round never removes a pair an earlier run compared.
    """
    stats = stats if stats is not None else BlockStats()
    found: list[np.ndarray] = []
    n_rounds = int(p.round.max()) + 1 if len(p) else 0
    for last in range(n_rounds):
        members = np.flatnonzero(p.round <= last)
        pairs = _pairs_among(p, members, max_block, window, stats)
        if last:
            pairs = pairs[np.maximum(p.round[pairs[:, 0]], p.round[pairs[:, 1]]) == last]
        found.append(pairs)
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.concatenate(found)
    codes = np.unique(pairs[:, 0] * len(p) + pairs[:, 1])
    stats.pairs = len(codes)
    return np.stack([codes // len(p), codes % len(p)], axis=1)


def _pairs_among(p: Prepared, members: np.ndarray, max_block: int, window: int,
                 stats: BlockStats) -> np.ndarray:
    keys, owners = [], []
    for i in members.tolist():
        for key in record_keys(p, i):
            keys.append(key)
            owners.append(i)
    if not keys:
        return np.empty((0, 2), dtype=np.int64)
    codes, _ = pd.factorize(pd.Series(keys), sort=False)
    owners_arr = np.asarray(owners, dtype=np.int64)
    order = np.lexsort((owners_arr, codes))
    codes, owners_arr = codes[order], owners_arr[order]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    sizes = np.diff(np.r_[starts, len(codes)])
    out = [_pairs_of_size_two(owners_arr, starts[sizes == 2])]
    for start, size in zip(starts[sizes > 2].tolist(), sizes[sizes > 2].tolist()):
        block = owners_arr[start:start + size]
        if size > max_block:
            stats.capped += 1
            out.append(_sorted_neighbourhood(p, block, window))
        else:
            a, b = np.triu_indices(size, k=1)
            out.append(np.stack([block[a], block[b]], axis=1))
    stats.keys += int((sizes >= 2).sum())
    stats.largest = max(stats.largest, int(sizes.max()))
    pairs = np.concatenate(out)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    return np.sort(pairs, axis=1)


def _pairs_of_size_two(owners: np.ndarray, starts: np.ndarray) -> np.ndarray:
    return np.stack([owners[starts], owners[starts + 1]], axis=1)


def _sorted_neighbourhood(p: Prepared, block: np.ndarray, window: int) -> np.ndarray:
    ranked = sorted(block.tolist(), key=lambda i: (p.title[i], i))
    pairs = [(ranked[k], ranked[k + d]) for k in range(len(ranked))
             for d in range(1, window + 1) if k + d < len(ranked)]
    return np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
