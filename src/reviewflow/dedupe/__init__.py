"""Dedupe: records of every search -> clusters of the same bibliographic item, every merge explained.

Flow, in the order of the modules: ``normalise`` (field by field), ``versions`` (erratum, preprint,
...) and ``recurring`` (headings journals reprint) -> ``prepare`` (column store) -> ``blocking``
(candidate pairs) -> ``similarity`` (field scores) -> ``rules`` (verdict per pair) -> ``decisions``
(human overrides) -> ``cluster`` (guarded union-find) -> ``uncertain`` (the pairs for a person) ->
``merge`` (one unique record per cluster) -> ``outputs`` (the files). See docs/dedupe.md.
"""

from reviewflow.dedupe.decisions import Decision, check_decisions, read_decisions
from reviewflow.dedupe.pipeline import DedupeResult, dedupe
from reviewflow.dedupe.settings import Settings

__all__ = ["Decision", "DedupeResult", "Settings", "check_decisions", "dedupe", "read_decisions"]
