"""How well a screening order finds the relevant records: the figures of screening-prioritisation
studies (recall after a share screened, work saved over sampling, share screened to find the last one).

WSS@r (Cohen et al. 2006): the share of records left unscreened when recall r is first reached, minus
the share (1 - r) that random screening would leave at that recall: 1 - n_r/N - (1 - r).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Figures:
    records: int
    relevant: int
    recall_10: float  # share of the relevant found after screening 10% of the records
    recall_25: float
    wss_95: float
    last_relevant: float  # share screened when the last relevant record was found


def screened_until(labels_in_order: Sequence[int], found: int) -> int:
    """Records screened when the ``found``-th relevant one is reached."""
    seen = 0
    for n, label in enumerate(labels_in_order, start=1):
        seen += label
        if seen >= found:
            return n
    raise ValueError(f"the order holds fewer than {found} relevant records")


def recall_after(labels_in_order: Sequence[int], share: float) -> float:
    n = math.ceil(share * len(labels_in_order))
    return sum(labels_in_order[:n]) / sum(labels_in_order)


def wss(labels_in_order: Sequence[int], recall: float) -> float:
    total = len(labels_in_order)
    n = screened_until(labels_in_order, math.ceil(recall * sum(labels_in_order)))
    return 1 - n / total - (1 - recall)


def figures(labels_in_order: Sequence[int]) -> Figures:
    """The figures of one order (labels of the records, first screened first; every record once)."""
    relevant = sum(labels_in_order)
    return Figures(len(labels_in_order), relevant, recall_after(labels_in_order, 0.10),
                   recall_after(labels_in_order, 0.25), wss(labels_in_order, 0.95),
                   screened_until(labels_in_order, relevant) / len(labels_in_order))
