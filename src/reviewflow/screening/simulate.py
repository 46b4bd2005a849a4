"""Replaying screening on a labelled dataset: the order in which a reviewer using the ranking would
have screened the records (``reviewflow screen simulate``).

Start from one relevant and one irrelevant record drawn with the seed (the "prior knowledge", as in
ASReview); then repeatedly train on the labels revealed so far, screen the top-ranked records and
reveal their labels (each training also reads a fresh random sample of the unscreened records as
presumed irrelevant, ranking.presumed_irrelevant). Retraining schedule: after every relevant record
found (that is when the model learns most), and otherwise after a batch of
``ceil(batch_fraction x records screened so far)`` irrelevant ones (at least one). Early on that is
one record per retrain; late, when thousands of exclusions are known, a few more exclusions barely
move the model, and screening a batch of the top records before refitting keeps a full simulation
fast. ``batch_fraction`` 0 retrains after every record.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from reviewflow.errors import FIRST_DATA_ROW, Problem, ReviewflowError
from reviewflow.screening.labelled import Labelled
from reviewflow.screening.criteria import ModelSettings
from reviewflow.screening.ranking import features, presumed_irrelevant, scores

BATCH_FRACTION = 0.02


@dataclass(frozen=True)
class Simulation:
    order: tuple[str, ...]  # record IDs, first screened first; the two priors first
    labels: tuple[int, ...]  # the label of each record of ``order``
    priors: tuple[str, str]  # (relevant, irrelevant)
    retrains: int


def draw_priors(labels: Sequence[int], ids: Sequence[str], seed: int) -> tuple[int, int]:
    """Rows of one relevant and one irrelevant record, drawn with the seed (from rows sorted by ID, so
    the draw does not depend on the file's row order)."""
    rng = np.random.default_rng(seed)
    by_id = sorted(range(len(ids)), key=lambda i: ids[i])
    relevant = [i for i in by_id if labels[i] == 1]
    irrelevant = [i for i in by_id if labels[i] == 0]
    return relevant[int(rng.integers(len(relevant)))], irrelevant[int(rng.integers(len(irrelevant)))]


def simulate(data: Labelled, settings: ModelSettings, priors: tuple[int, int] | None = None,
             batch_fraction: float = BATCH_FRACTION) -> Simulation:
    """The screening order from the given prior rows (default: drawn with settings.seed)."""
    n = len(data.ids)
    labels = np.asarray(data.labels, dtype=np.int64)
    priors = priors or draw_priors(data.labels, data.ids, settings.seed)
    matrix = features(data.texts, settings)
    id_rank = np.empty(n, dtype=np.int64)
    id_rank[sorted(range(n), key=lambda i: data.ids[i])] = np.arange(n)  # ties go to the lower record ID
    screened = list(priors)
    is_screened = np.zeros(n, dtype=bool)
    is_screened[list(priors)] = True
    retrains = 0
    rng = np.random.default_rng(settings.seed)  # the presumed-irrelevant draws, one per training
    while len(screened) < n:
        candidates = np.flatnonzero(~is_screened)
        presumed = presumed_irrelevant(candidates, settings, rng)
        row_scores = scores(matrix, screened, labels[screened], settings, presumed)
        retrains += 1
        top = candidates[np.lexsort((id_rank[candidates], -row_scores[candidates]))]
        batch = max(1, math.ceil(batch_fraction * len(screened)))
        for row in top[:batch]:
            screened.append(int(row))
            is_screened[row] = True
            if labels[row] == 1:
                break
    return Simulation(tuple(data.ids[i] for i in screened), tuple(data.labels[i] for i in screened),
                      (data.ids[priors[0]], data.ids[priors[1]]), retrains)


def prior_rows(data: Labelled, chosen: Sequence[str]) -> tuple[int, int]:
    """Rows of two given record IDs: a relevant one, then an irrelevant one."""
    row = {rid: n for n, rid in enumerate(data.ids)}
    problems = []
    for rid, want in zip(chosen, (1, 0)):
        if rid not in row:
            problems.append(Problem(data.file, f"--prior {rid}: no such record_id", "name a record_id of the file"))
        elif data.labels[row[rid]] != want:
            problems.append(Problem(data.file, f"--prior {rid} is labelled {data.labels[row[rid]]}, not {want}",
                                    "give a relevant (1) record first, then an irrelevant (0) one",
                                    row=row[rid] + FIRST_DATA_ROW))
    if problems:
        raise ReviewflowError(problems)
    return row[chosen[0]], row[chosen[1]]
