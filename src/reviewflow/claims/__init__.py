"""Claims check: statements of the review's text, their numbers recomputed from the extraction data."""

from reviewflow.claims.check import (MATCH, MISMATCH, NOT_COMPUTABLE, Check, CheckResult, Claim, check_claims,
                                     claim_status, load_claims, results_csv)
from reviewflow.claims.metrics import MetricError, dataset, evaluate

__all__ = ["MATCH", "MISMATCH", "NOT_COMPUTABLE", "Check", "CheckResult", "Claim", "MetricError", "check_claims",
           "claim_status", "dataset", "evaluate", "load_claims", "results_csv"]
