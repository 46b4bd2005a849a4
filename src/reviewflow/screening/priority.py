"""Prioritised title/abstract worksheets: per reviewer, the records awaiting them, most likely
relevant first (config ``screening.prioritise``; docs/screening.md, "Prioritised screening").

Blinding: a reviewer's order learns from that reviewer's own decisions and from consensus decisions
only, never from another reviewer's own decisions. Otherwise the order would leak them (a record the
other reviewer included would climb the list). Until a reviewer's decisions hold one include and one
exclude there is nothing to learn from, and the order is a seeded random one (``method`` "random").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from reviewflow.screening.criteria import CONSENSUS, Settings
from reviewflow.screening.inputs import UniqueRecord
from reviewflow.screening.stages import Screening, StageResult

if TYPE_CHECKING:
    from reviewflow.screening.ranking import Features

# The model (reviewflow.screening.ranking: scikit-learn, scipy) is imported where a worksheet is ranked:
# the workflow imports this module to list the stage's outputs, and must start in a fraction of a second.

STAGE = "title_abstract"  # full text and studies are few, and read whole: no ranking there
LABEL = {"include": 1, "exclude": 0}  # unsure and mixed calls teach nothing either way


@dataclass(frozen=True)
class Ranking:
    reviewer: str
    order: tuple[str, ...]  # the units awaiting the reviewer, screen first first
    method: str  # model | random
    includes: int  # decisions the model learned from
    excludes: int
    seed: int
    presumed: int = 0  # unscreened records the model was taught as irrelevant (model.presumed_irrelevant)
    blend: bool = False  # the order is the mean of it and of a character model's (model.blend)

    def describe(self) -> str:
        if self.method == "model":
            presumed = (f" and {self.presumed} unscreened record{'s' * (self.presumed != 1)} drawn at random as "
                        f"presumed irrelevant (seed {self.seed})" if self.presumed else "")
            blend = ", blended with a character model trained on the decisions" if self.blend else ""
            return f"model trained on {self.includes} include and {self.excludes} exclude decisions{presumed}{blend}"
        return (f"random order (seed {self.seed}): {self.includes} include and {self.excludes} exclude "
                "decisions, a model needs at least one of each")


def training_labels(result: StageResult, reviewer: str) -> dict[str, int]:
    """Unit -> 1/0 that a reviewer's order may learn from: the consensus decision where there is one,
    else the reviewer's own. Another reviewer's own decision is never read (blinding)."""
    labels = {}
    for unit, calls in result.calls.items():
        call = calls.get(CONSENSUS) or calls.get(reviewer)
        if call is not None and call.decision in LABEL:
            labels[unit] = LABEL[call.decision]
    return labels


def rank_reviewer(result: StageResult, reviewer: str, records: Mapping[str, UniqueRecord],
                  settings: Settings, matrix: Callable[[], Features] | None = None) -> Ranking:
    texts = stage_texts(result, records)
    labels = training_labels(result, reviewer)
    from reviewflow.screening.ranking import presumed_count, rank_records

    awaiting = result.awaiting.get(reviewer, [])
    order, by_model = rank_records(texts, labels, awaiting, settings.model, matrix)
    includes = sum(labels.values())
    presumed = presumed_count(sum(u not in labels for u in awaiting), settings.model) if by_model else 0
    return Ranking(reviewer, tuple(order), "model" if by_model else "random", includes, len(labels) - includes,
                   settings.model.seed, presumed, by_model and settings.model.blend)


def rank_worksheets(screening: Screening, settings: Settings) -> dict[str, Ranking]:
    """Reviewer -> the order of their title/abstract worksheet; empty when prioritise is off."""
    if not settings.prioritise or STAGE not in screening.stages:
        return {}
    result = screening.stages[STAGE]
    texts = stage_texts(result, screening.records)

    @cache
    def matrix() -> Features:  # the same features for every reviewer (no label in them): computed once
        from reviewflow.screening.ranking import features

        return features([texts[u] for u in sorted(texts)], settings.model)

    return {r: rank_reviewer(result, r, screening.records, settings, matrix) for r in settings.stages[STAGE].reviewers}


def stage_texts(result: StageResult, records: Mapping[str, UniqueRecord]) -> dict[str, str]:
    """Unit -> the text the model reads, for every unit of the stage."""
    from reviewflow.screening.ranking import record_text

    return {u: record_text(records[u].title, records[u].abstract) for u in result.calls}
