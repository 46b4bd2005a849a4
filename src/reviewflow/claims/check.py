"""Checking the review's text against its data: each claim's numbers recomputed and compared.

A mismatch is a finding shown in the report, never a crash; only a malformed claims file (or a
metric naming an unknown sheet or field) stops the stage.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any


from reviewflow.claims.metrics import MetricError, Row, evaluate
from reviewflow.errors import Problem, ReviewflowError, fail
from reviewflow.validation import Lines, read_yaml_file, row_problems

MATCH, MISMATCH, NOT_COMPUTABLE = "match", "mismatch", "not_computable"


@dataclass(frozen=True)
class Check:
    label: str
    metric: str | None  # None: the data has nothing to recompute this from
    expected: float
    tolerance: float
    line: int | None = None  # line of its metric in the claims file, so a bad metric is found there


@dataclass(frozen=True)
class Claim:
    id: str
    text: str
    source: str
    checks: tuple[Check, ...]
    note: str = ""


@dataclass(frozen=True)
class CheckResult:
    claim: Claim
    check: Check
    found: float | None
    status: str


def load_claims(path: str | Path) -> list[Claim]:
    path = Path(path)
    doc, lines = read_yaml_file(path, "the claims file", "create it (docs/report.md) or set tables.claims in the config",
                                "fix the indentation or quoting")
    if not isinstance(doc, dict) or not isinstance(doc.get("claims"), list):
        raise fail(path, "expected a mapping with a list under 'claims:'", "start from config/claims.yaml",
                   line=lines.get(("claims",), 1))
    problems = claim_problems(doc["claims"], str(path), lines)
    if problems:
        raise ReviewflowError(problems)
    return [_claim(item, lines, ("claims", str(i))) for i, item in enumerate(doc["claims"])]


def claim_problems(items: list[Any], file: str, lines: Lines) -> list[Problem]:
    """Each claim checked against its schema. A claims file is YAML, not a sheet, so a problem names the
    claim (its place in the list) and the line of the offending key, never a spreadsheet row."""
    problems = []
    for i, item in enumerate(items):
        where = ("claims", str(i))
        for p in row_problems([item], "sheets/claims", file):
            key = f", {p.column}" if p.column else ""
            problems.append(Problem(file, f"claim {i + 1}{key}: {p.problem}", p.fix,
                                    line=lines.get((*where, p.column or ""), lines.get(where))))
    return problems


def _claim(item: dict[str, Any], lines: Lines, where: tuple[str, ...]) -> Claim:
    checks = []
    for j, c in enumerate(item["checks"]):
        metric = c.get("metric")
        default = 0.5 if metric and metric.strip().startswith("percent") else 0.0
        at = (*where, "checks", str(j))
        checks.append(Check(c.get("label", ""), metric, float(c["expected"]), float(c.get("tolerance", default)),
                            lines.get((*at, "metric"), lines.get(at))))
    return Claim(item["id"], " ".join(item["text"].split()), item.get("source", ""), tuple(checks),
                 " ".join(item.get("note", "").split()))


def check_claims(claims: list[Claim], data: dict[str, list[Row]], file: str = "config/claims.yaml") -> list[CheckResult]:
    results, problems = [], []
    for claim in claims:
        for check in claim.checks:
            found = None
            if check.metric:
                try:
                    found = evaluate(check.metric, data)
                except MetricError as err:
                    problems.append(Problem(file, f"claim '{claim.id}', metric '{check.metric}': {err}",
                                            "correct the metric (the language is described in docs/report.md)",
                                            line=check.line))
                    continue
            results.append(CheckResult(claim, check, found, _status(check, found)))
    if problems:
        raise ReviewflowError(problems)
    return results


def _status(check: Check, found: float | None) -> str:
    if found is None:
        return NOT_COMPUTABLE
    return MATCH if abs(found - check.expected) <= check.tolerance + 1e-9 else MISMATCH


def claim_status(results: list[CheckResult]) -> dict[str, str]:
    """One status per claim: mismatch if any check mismatches, else not computable if any is, else match."""
    out: dict[str, str] = {}
    for r in results:
        current = out.get(r.claim.id, MATCH)
        rank = {MATCH: 0, NOT_COMPUTABLE: 1, MISMATCH: 2}
        out[r.claim.id] = max(current, r.status, key=rank.__getitem__)
    return out


COLUMNS = ("claim_id", "check", "status", "expected", "found", "tolerance", "metric", "source", "text", "note")


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def results_csv(results: list[CheckResult]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in results:
        writer.writerow([r.claim.id, r.check.label, r.status, _number(r.check.expected), _number(r.found),
                         _number(r.check.tolerance), r.check.metric or "", r.claim.source, r.claim.text, r.claim.note])
    return out.getvalue()
