"""When can a reviewer stop screening? A statistical estimate of the relevant records still among the
records they have not screened, by the stopping method of Callaghan & Müller-Hansen (2020),
"Statistical stopping criteria for automated screening in systematic reviews", Systematic Reviews 9:273
(the ``buscar`` test).

The test. Say the reviewer has screened N_seen of N records and found r of them relevant. The null
hypothesis is that recall is below the target tau, i.e. at least K = floor(r / tau) + 1 - r relevant
records remain among the N - N_seen unscreened. Take the last n records screened, k of them relevant:
if they were a random sample from the n + (N - N_seen) records they were drawn from, which then held
K + k relevant records, the chance of finding k or fewer is the hypergeometric CDF. The p-value is the
smallest over n = 1..N_seen; below alpha (0.05) the target recall is reached with 1 - alpha confidence.
The same test over every K gives an upper bound: the largest number of relevant records remaining that
the test cannot reject.

Assumptions (stated wherever the figures appear):
  * the decisions were made in the order of the reviewer's decisions file (rows appended as screened);
  * records screened in priority order are at least as likely to be relevant as a random sample of the
    rest (the ranking puts likely-relevant records first; in record-ID order they are about random), so
    treating them as a random sample makes the test conservative, not optimistic;
  * an ``unsure`` counts as relevant (conservative); includes are title/abstract includes, so "recall"
    is recall of records passing title/abstract screening.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

RECALL_TARGET = 0.95
ALPHA = 0.05


@dataclass(frozen=True)
class StoppingEstimate:
    screened: int
    relevant_found: int
    unscreened: int
    recall_target: float
    p_value: float  # of "recall is below the target"; 0.0 when nothing is left to screen
    target_reached: bool  # p_value < alpha
    remaining_upper: int  # at most this many relevant among the unscreened, with 1 - alpha confidence
    confidence: float

    def text(self) -> str:
        if not self.unscreened:
            return f"all screened ({self.relevant_found} of {self.screened} relevant)"
        verdict = "reached" if self.target_reached else "not yet shown"
        return (f"{self.relevant_found} relevant in {self.screened} screened; at most {self.remaining_upper} relevant "
                f"among the {self.unscreened} unscreened ({self.confidence:.0%} confidence); recall "
                f"{self.recall_target:.0%} {verdict} (p = {self.p_value:.3f}, Callaghan & Müller-Hansen 2020)")


def p_value(sequence: Sequence[int], unscreened: int, remaining: int) -> float:
    """p of "at least ``remaining`` relevant records are among the unscreened", from the labels of the
    screened records in the order screened (1 relevant, 0 not)."""
    if remaining <= 0:
        return 1.0
    if remaining > unscreened:
        return 0.0
    recent = np.cumsum(np.asarray(sequence[::-1], dtype=np.int64))  # k relevant among the last n
    n = np.arange(1, len(sequence) + 1)
    from scipy.stats import hypergeom  # here: scipy.stats takes 0.4 s to import, and the workflow imports this module

    return float(np.min(hypergeom.cdf(recent, n + unscreened, remaining + recent, n), initial=1.0))


def estimate(sequence: Sequence[int], unscreened: int, recall_target: float = RECALL_TARGET,
             alpha: float = ALPHA) -> StoppingEstimate:
    found = int(sum(sequence))
    if unscreened == 0:
        return StoppingEstimate(len(sequence), found, 0, recall_target, 0.0, True, 0, 1 - alpha)
    needed = math.floor(found / recall_target) + 1 - found  # relevant left that would put recall below target
    p = p_value(sequence, unscreened, needed)
    low, high = 0, unscreened  # the largest m not rejected: p(m) >= alpha, p falls as m grows
    while low < high:
        mid = (low + high + 1) // 2
        if p_value(sequence, unscreened, mid) >= alpha:
            low = mid
        else:
            high = mid - 1
    return StoppingEstimate(len(sequence), found, unscreened, recall_target, p, p < alpha, low, 1 - alpha)
