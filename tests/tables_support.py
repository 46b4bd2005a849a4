"""Shared by the tables, charts and claims tests: the settings of the two small reviews under tests/fixtures/."""

from __future__ import annotations

from pathlib import Path

from reviewflow.tables import Settings, load_review

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "extracted"  # six schemes shaped like the worked example's sheets
SECOND = REPO / "tests" / "fixtures" / "second_review"  # another review: its own codebook and tables
# The worked example's study-level decisions: both reviewers agree (no consensus rows), so one reviewer's
# sheet is the outcome the screening stage gives (results/screening/study/outcomes.csv, without a run).
EXAMPLE_DECISIONS = REPO / "data" / "screening" / "study" / "reviewer_a.csv"
# The worked example's study-level criteria (its config's screening.criteria), as the fixture uses them.
CRITERIA = (("E5", "Health care only"), ("E6", "Social care only"), ("E9", "No financial integration"),
            ("E10", "Other"))


def settings(folder: Path = FIXTURES, labels=None, decisions: Path | None = None, formats=("csv",)) -> Settings:
    """The example's codebook and declarations (config/), applied to the sheets in ``folder``."""
    return Settings(str(folder), str(REPO / "config" / "extraction.yaml"), str(REPO / "config" / "tables.yaml"),
                    str(decisions or folder / "outcomes.csv"), "", tuple(formats), labels or {}, "schemes", CRITERIA)


def load_extraction(folder: Path = FIXTURES):
    return load_review(settings(folder)).extraction


def tables_of(folder: Path = FIXTURES, labels=None, decisions: Path | None = None) -> dict:
    return {t.name: t for t in load_review(settings(folder, labels, decisions)).tables()}
