"""Claims check: statements of the review's text, their numbers recomputed from the extraction data."""

from __future__ import annotations

from pathlib import Path


from reviewflow.claims.check import (MATCH, MISMATCH, NOT_COMPUTABLE, Check, CheckResult, Claim, check_claims,
                                     claim_status, load_claims, results_csv)
from reviewflow.claims.metrics import MetricError, dataset, evaluate
from reviewflow.tables.declare import Settings
from reviewflow.tables.review import load_review

__all__ = ["MATCH", "MISMATCH", "NOT_COMPUTABLE", "Check", "CheckResult", "Claim", "MetricError", "check_claims",
           "claim_status", "dataset", "evaluate", "load_claims", "make_claims", "results_csv"]


def make_claims(settings: Settings, claims_file: str | Path, out_csv: str | Path) -> list[CheckResult]:
    """Check every claim of ``claims_file`` against the review's extraction; write the results CSV."""
    review = load_review(settings)
    codes = tuple(code for code, _ in settings.criteria)
    data = dataset(review.extraction, codes) if review.extraction is not None else {}
    results = check_claims(load_claims(claims_file), data, str(claims_file))
    Path(out_csv).parent.mkdir(parents=True, exist_ok=True)
    Path(out_csv).write_text(results_csv(results), encoding="utf-8", newline="\n")
    return results
