"""On the labelled real sets (../shared, skipped when absent): no study is lost through a false merge."""

from __future__ import annotations

import sys

import pytest

from conftest import REPO, shared_path

sys.path.insert(0, str(REPO / "benchmarks"))

pytestmark = pytest.mark.shared


@pytest.mark.parametrize("name", ["cytology_screening", "diabetes", "haematology", "respiratory", "special_cases"])
def test_no_study_is_lost(name):
    from bench_dedupe import evaluate, load_set, run_ours

    records, ids, study = load_set(shared_path("benchmarks", "dedup", name))
    predicted, _, _ = run_ours(records, ids)
    figures = evaluate(ids, predicted, study)
    assert figures["lost"] == 0
    assert figures["precision"] >= 0.999
