"""The files of the dedupe stage: clusters, unique records, audit and uncertain pairs, summary."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from reviewflow.dedupe.audit import AUDIT_COLUMNS, UNCERTAIN_COLUMNS
from reviewflow.dedupe.merge import UNIQUE_COLUMNS
from reviewflow.dedupe.pipeline import DedupeResult


def write_csv(path: str | Path, columns: Sequence[str], rows: Sequence[Mapping[str, str]]) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def write_clusters(result: DedupeResult, path: str | Path) -> None:
    rows = [{"record_id": r.record_id, "cluster_id": c} for r, c in zip(result.records, result.cluster_ids())]
    write_csv(path, ("record_id", "cluster_id"), rows)


def write_all(result: DedupeResult, *, clusters: str | Path, unique: str | Path | None = None,
              audit: str | Path | None = None, uncertain: str | Path | None = None,
              summary: str | Path | None = None) -> None:
    write_clusters(result, clusters)
    if unique:
        write_csv(unique, UNIQUE_COLUMNS, result.unique_rows())
    if audit:
        write_csv(audit, AUDIT_COLUMNS, result.audit)
    if uncertain:
        write_csv(uncertain, UNCERTAIN_COLUMNS, result.uncertain)
    if summary:
        write_summary(result.summary, summary)


def write_summary(summary: Mapping[str, Any], path: str | Path) -> None:
    """summary.json without timings, so that it is byte-identical between runs (timings go to the log)."""
    stable = {k: v for k, v in summary.items() if k != "seconds"}
    Path(path).write_text(json.dumps(stable, indent=2, sort_keys=True) + "\n", encoding="utf-8")

