"""Settings of the dedupe stage (config ``dedupe:``, schema ``schemas/config/dedupe.schema.yaml``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from reviewflow.dedupe.rules import Thresholds
from reviewflow.dedupe.similarity import KEEP_APART
from reviewflow.orphans import Allowed


@dataclass(frozen=True)
class Settings:
    thresholds: Thresholds = field(default_factory=Thresholds)
    keep_apart: frozenset[str] = frozenset(KEEP_APART)
    max_block: int = 50  # a larger block is compared by sorted neighbourhood only
    window: int = 10  # neighbours compared in a capped block
    workers: int = 1  # threads for rapidfuzz scoring
    chunk: int = 200_000  # pairs scored at a time (bounds memory; progress ticks per chunk)
    progress: bool | None = None  # None: only when stderr is a terminal
    # config screening.allow_orphans: a decision naming a record listed there (or of a round listed
    # as round:<id>, dropped on purpose) is listed in summary.json instead of stopping the run
    allow_orphans: Allowed = Allowed()
    # uncertain_pairs.csv lists at most this share of the number of records (but at least
    # uncertain_least pairs), likeliest first: a list a person can read (uncertain.py)
    uncertain_share: float = 0.02
    uncertain_least: int = 10

    @classmethod
    def from_config(cls, section: Mapping[str, Any] | None) -> Settings:
        section = dict(section or {})
        names = {f.name for f in fields(Thresholds)}
        thresholds = Thresholds(**{k: float(v) for k, v in section.items() if k in names})
        own = {f.name for f in fields(cls)} - {"thresholds", "keep_apart", "progress", "allow_orphans",
                                               "uncertain_share"}
        kwargs: dict[str, Any] = {k: int(v) for k, v in section.items() if k in own}
        if "uncertain_share" in section:
            kwargs["uncertain_share"] = float(section["uncertain_share"])
        if "keep_apart" in section:
            kwargs["keep_apart"] = frozenset(section["keep_apart"])
        return cls(thresholds=thresholds, **kwargs)
