"""The screening settings from config: criteria codes, stages with their reviewers, decision words.

``settings_from_config(config)`` turns the validated ``screening`` section into typed settings;
``decision_word`` and ``reason_codes`` read what people type in a sheet's decision and reasons cells.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reviewflow.config import DEFAULT_CONFIG
from reviewflow.errors import fail
from reviewflow.orphans import Allowed
from reviewflow.vocabulary import PERSON_DECISIONS, SCREENING_STAGES

STAGES = SCREENING_STAGES  # flow order
CONSENSUS = "consensus"  # the name of each stage's consensus file (never a reviewer's name)
REASON_SEPARATORS = re.compile(r"[;,|/]|\s+")  # "E5;E9", "E5, E9", "E5 E9" all mean two codes


@dataclass(frozen=True)
class Criterion:
    code: str
    kind: str  # inclusion | exclusion
    label: str


@dataclass(frozen=True)
class StageSettings:
    name: str  # one of STAGES
    reviewers: tuple[str, ...]
    folder: str
    reasons_required: bool  # an exclusion must name at least one criterion

    def sheet(self, who: str) -> str:
        """The decisions file of a reviewer (or of the consensus) at this stage."""
        return f"{self.folder.rstrip('/')}/{who}.csv"


@dataclass(frozen=True)
class ModelSettings:
    """The ranking model of prioritised screening (config ``screening.model``; the defaults are the
    benchmarked choice, docs/screening.md)."""

    name: str = "svm"  # one of MODELS
    ngrams: int = 2  # longest word sequence used as a feature (1: single words)
    regularisation: float = 0.11  # svm, logistic: inverse strength C; naive_bayes: smoothing alpha
    include_weight: float = 9.8  # total training weight of the includes over that of the excludes
    min_df: int = 1  # records a word must occur in to be a feature
    characters: bool = False  # character 3-5-grams inside words as features too
    title_twice: bool = True  # the text reads the title twice (a field boost: a title says what a record is about)
    # Share of the records not yet screened drawn at random, at every training, as presumed irrelevant
    # (at most PRESUMED_IRRELEVANT_MAX; 0: none). Cormack & Grossman's AutoTAR (docs/screening.md).
    presumed_irrelevant: float = 0.1
    # The ranking is the mean of this model's standardised scores and those of a second model reading
    # character n-grams too (ranking.character_view): two views of the text that err on different records.
    blend: bool = True
    # Candidates of the benchmark (docs/screening.md, "The model, chosen on evidence"), not in the config:
    # the defaults leave the model as above.
    character_weight: float = 1.0  # weight of the character block relative to the word block
    title_weight: float = 0.0  # weight of a block of title words and word sequences (0: none)
    seed: int = 0  # the random order before enough decisions exist; the simulation's prior draw


MODELS = ("logistic", "svm", "naive_bayes")
PRESUMED_IRRELEVANT_MAX = 100  # AutoTAR's number: in a search of thousands, a sample, not the background


@dataclass(frozen=True)
class Stop:
    """Title/abstract screening of these rounds stopped early (config ``screening.stopped_early``)."""

    rounds: tuple[str, ...]
    date: str
    rule: str


@dataclass(frozen=True)
class Settings:
    criteria: tuple[Criterion, ...]
    stages: Mapping[str, StageSettings]
    retrieval: str
    study_links: str
    other_methods_skip_title_abstract: bool
    strict: bool
    allow_orphans: Allowed  # the orphans a person listed as deliberate (reviewflow.orphans)
    words: Mapping[str, str]  # lower-case word -> include | exclude | unsure
    source: str = DEFAULT_CONFIG  # the config file these settings come from (named in errors)
    prioritise: bool = True  # title/abstract worksheets ranked, most likely relevant first
    model: ModelSettings = ModelSettings()
    stops: tuple[Stop, ...] = ()  # title/abstract screening stopped early: its unscreened records leave

    def stop_of(self, round_id: str) -> Stop | None:
        return next((s for s in self.stops if round_id in s.rounds), None)

    @property
    def codes(self) -> dict[str, str]:
        """Upper-case code -> code as configured (codes are matched case-insensitively)."""
        return {c.code.upper(): c.code for c in self.criteria}


def settings_from_config(config: Mapping[str, Any], source: str = DEFAULT_CONFIG) -> Settings:
    """Typed settings of a config whose screening section was validated (defaults filled in); ``source``
    is the config file it came from, named in errors."""
    section = config.get("screening") or {}
    criteria = tuple(Criterion(c["code"], c["kind"], c["label"]) for c in section.get("criteria", ()))
    seen: set[str] = set()
    for c in criteria:
        if c.code.upper() in seen:
            raise fail(source, f"screening.criteria: code {c.code!r} is listed twice",
                       "give every criterion its own code")
        seen.add(c.code.upper())
    stages = {}
    for name in STAGES:
        stage = (section.get("stages") or {}).get(name) or {}
        stages[name] = StageSettings(name, tuple(stage.get("reviewers", ("reviewer_a", "reviewer_b"))),
                                     stage.get("folder", f"data/screening/{name}"),
                                     bool(stage.get("reasons_required", name != "title_abstract")))
    return Settings(
        criteria=criteria, stages=stages,
        retrieval=(section.get("stages") or {}).get("full_text", {}).get(
            "retrieval", "data/screening/full_text/retrieval.csv"),
        study_links=section.get("study_links", "data/screening/study_links.csv"),
        other_methods_skip_title_abstract=bool(section.get("other_methods_skip_title_abstract", True)),
        strict=bool(section.get("strict", False)), allow_orphans=Allowed.from_config(section.get("allow_orphans")),
        words=decision_words(section.get("decision_words") or {}, source), source=source,
        prioritise=bool(section.get("prioritise", True)), model=model_settings(section.get("model") or {}),
        stops=stops(section.get("stopped_early") or ()))


def stops(entries: Sequence[Mapping[str, Any]]) -> tuple[Stop, ...]:
    """The ``screening.stopped_early`` entries; config validation checked that each names rounds of
    config ``rounds``, each round in one stop (``reviewflow.validation``: the screening stage's config
    holds its own section only)."""
    return tuple(Stop(tuple(e["rounds"]), str(e["date"]), str(e["rule"])) for e in entries)


def model_settings(section: Mapping[str, Any]) -> ModelSettings:
    """The validated ``screening.model`` section; absent keys take the defaults."""
    default = ModelSettings()
    return ModelSettings(name=section.get("name", default.name), ngrams=int(section.get("ngrams", default.ngrams)),
                         regularisation=float(section.get("regularisation", default.regularisation)),
                         include_weight=float(section.get("include_weight", default.include_weight)),
                         min_df=int(section.get("min_df", default.min_df)),
                         characters=bool(section.get("characters", default.characters)),
                         title_twice=bool(section.get("title_twice", default.title_twice)),
                         presumed_irrelevant=float(section.get("presumed_irrelevant", default.presumed_irrelevant)),
                         blend=bool(section.get("blend", default.blend)),
                         seed=int(section.get("seed", default.seed)))


def decision_words(extra: Mapping[str, list[str]], source: str) -> dict[str, str]:
    """Lower-case word -> decision: the three decisions themselves plus the configured variants."""
    words = {d: d for d in PERSON_DECISIONS}
    for decision in PERSON_DECISIONS:
        for word in extra.get(decision, ()):
            key = word.strip().lower()
            if words.get(key, decision) != decision:
                raise fail(source, f"screening.decision_words: {word!r} means both {words[key]} and {decision}",
                           "list each word under one decision only")
            words[key] = decision
    return words


def decision_word(text: str, words: Mapping[str, str]) -> str | None:
    """The decision a cell means (``Include``, ``INCLUDE``, ``yes`` ...), or None when unknown."""
    return words.get(text.strip().lower())


def reason_codes(text: str, codes: Mapping[str, str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(known codes as configured, in the order typed, without repeats; unknown codes as typed)."""
    known: list[str] = []
    unknown: list[str] = []
    for token in filter(None, REASON_SEPARATORS.split(text.strip())):
        code = codes.get(token.upper())
        if code is None:
            unknown.append(token)
        elif code not in known:
            known.append(code)
    return tuple(known), tuple(unknown)


def order_codes(codes: set[str] | tuple[str, ...], criteria: tuple[Criterion, ...]) -> tuple[str, ...]:
    """Codes in the order the config lists the criteria (so outputs do not depend on typing order)."""
    position = {c.code: i for i, c in enumerate(criteria)}
    return tuple(sorted(set(codes), key=lambda c: (position.get(c, len(position)), c)))
