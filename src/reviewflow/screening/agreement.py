"""Agreement between two reviewers on the units both decided: percent agreement, Cohen's kappa with a
95% confidence interval, PABAK and Gwet's AC1.

Categories are the decisions a reviewer can make: include, exclude, unsure (k = 3), so an "unsure"
against a firm decision counts as a disagreement.

* Cohen's kappa: (p_o - p_e) / (1 - p_e), p_e from each reviewer's own marginals (Cohen 1960).
* Its standard error is the large-sample, non-null formula of Fleiss, Cohen & Everitt (1969,
  Psychol Bull 72:323), as in Fleiss, Levin & Paik, *Statistical Methods for Rates and Proportions*,
  3rd ed., eq. 18.13 (statsmodels' ``cohens_kappa`` gives the same ``std_kappa``); the 95% CI is
  kappa +/- 1.96 SE, clipped to [-1, 1].
* PABAK (Byrt, Bishop & Carlin 1993) for k categories: (k p_o - 1) / (k - 1).
* Gwet's AC1 (Gwet 2008): (p_o - p_e) / (1 - p_e) with p_e = sum_c pi_c (1 - pi_c) / (k - 1), pi_c
  the mean of the two reviewers' proportions for category c.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

from reviewflow.vocabulary import PERSON_DECISIONS

CATEGORIES = PERSON_DECISIONS
Z95 = NormalDist().inv_cdf(0.975)  # 1.959963...


@dataclass(frozen=True)
class Agreement:
    n: int  # units both reviewers decided
    n_agree: int
    percent: float | None
    kappa: float | None  # None when undefined (no units, or both reviewers always gave one same answer)
    kappa_se: float | None
    ci_low: float | None
    ci_high: float | None
    pabak: float | None
    ac1: float | None


def agreement(a: Sequence[str], b: Sequence[str], categories: Sequence[str] = CATEGORIES) -> Agreement:
    """Agreement of paired decisions a[i], b[i] (each one of ``categories``)."""
    n = len(a)
    if n != len(b):
        raise ValueError("paired decisions of unequal length")
    if n == 0:
        return Agreement(0, 0, None, None, None, None, None, None, None)
    k = len(categories)
    pairs = Counter(zip(a, b))
    n_agree = sum(pairs[(c, c)] for c in categories)
    po = n_agree / n
    row = {c: sum(pairs[(c, d)] for d in categories) / n for c in categories}  # reviewer a's marginals
    col = {c: sum(pairs[(d, c)] for d in categories) / n for c in categories}  # reviewer b's marginals
    pe = sum(row[c] * col[c] for c in categories)
    pabak = (k * po - 1) / (k - 1)
    pi = {c: (row[c] + col[c]) / 2 for c in categories}
    pe_gwet = sum(p * (1 - p) for p in pi.values()) / (k - 1)
    ac1 = (po - pe_gwet) / (1 - pe_gwet) if pe_gwet < 1 else None
    if pe >= 1:
        return Agreement(n, n_agree, 100 * po, None, None, None, None, pabak, ac1)
    kappa = (po - pe) / (1 - pe)
    se = kappa_se(pairs, row, col, kappa, pe, n, categories)
    low, high = max(-1.0, kappa - Z95 * se), min(1.0, kappa + Z95 * se)
    return Agreement(n, n_agree, 100 * po, kappa, se, low, high, pabak, ac1)


def kappa_se(pairs: Counter, row: dict[str, float], col: dict[str, float], kappa: float, pe: float, n: int,
             categories: Sequence[str]) -> float:
    """Fleiss, Cohen & Everitt (1969) standard error of kappa (not the one under the null kappa = 0)."""
    p = {(i, j): pairs[(i, j)] / n for i in categories for j in categories}
    diagonal = sum(p[(i, i)] * (1 - (row[i] + col[i]) * (1 - kappa)) ** 2 for i in categories)
    off = (1 - kappa) ** 2 * sum(p[(i, j)] * (col[i] + row[j]) ** 2
                                 for i in categories for j in categories if i != j)
    variance = (diagonal + off - (kappa - pe * (1 - kappa)) ** 2) / (n * (1 - pe) ** 2)
    return math.sqrt(max(variance, 0.0))
