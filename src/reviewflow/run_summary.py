"""What a person reads at the end of a run: where the results are and what to do next.

Built from the files the run wrote (results/), never from Snakemake's job listing: the report, each
reviewer's worksheet with the number of records it holds, open conflicts and the consensus file that
resolves them, and whether the flow is still provisional.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from reviewflow.screening.criteria import STAGES
from reviewflow.screening.status import next_steps


def _rows(path: Path) -> int:
    if not path.is_file():
        return 0
    with open(path, encoding="utf-8", newline="") as handle:
        return max(sum(1 for _ in csv.reader(handle)) - 1, 0)


def _count(n: object) -> str:
    """A count as the import line writes it (5,837), or "?" when the summary lacks it."""
    return f"{n:,}" if isinstance(n, int) else "?"


def _import_line(root: Path) -> str | None:
    """Records per export, what was set aside or flagged, files not read (reviewflow.importing.console)."""
    summary = root / "results/import/summary.csv"
    if not summary.is_file():
        return None
    from reviewflow.importing.console import summary_text

    # named relative to the review folder, as every other path of the summary
    return summary_text(summary, root / "results/import/notes.csv", shown="results/import/notes.csv")


def _dedupe_line(root: Path) -> str | None:
    summary = root / "results/dedupe/summary.json"
    if not summary.is_file():
        return None
    s = json.loads(summary.read_text(encoding="utf-8"))
    uncertain = _rows(root / "results/dedupe/uncertain_pairs.csv")
    line = f"Dedupe: {_count(s.get('records'))} records -> {_count(s.get('unique_records'))} unique"
    if uncertain:
        line += f"; {uncertain} uncertain pair(s) to judge in results/dedupe/uncertain_pairs.csv"
    return line


def screening_lines(root: Path) -> list[str]:
    """Per stage: counts, then each reviewer's worksheet and what is left, open conflicts and their
    consensus file, as the status file states them (``reviewflow.screening.status.next_steps``)."""
    status_path = root / "results/screening/status.json"
    if not status_path.is_file():
        return []
    status = json.loads(status_path.read_text(encoding="utf-8"))
    state = "PROVISIONAL: decisions are still to make" if status["provisional"] else "final"
    lines = [f"Screening: {state}"]
    for name in STAGES:
        stage = status["stages"].get(name)
        if stage is None or not stage.get("units"):
            continue
        line = f"  {name}: {stage['units']} units, {stage['include']} included, {stage['exclude']} excluded"
        if stage.get("not_screened"):
            line += f", {stage['not_screened']} not screened (stopped early)"
        lines.append(line)
        lines += next_steps(stage)
    return lines + [f"  note: {n}" for n in status.get("notices", [])]


def summary_lines(root: str | Path) -> list[str]:
    root = Path(root)
    lines = [line for line in (_import_line(root), _dedupe_line(root)) if line]
    lines += screening_lines(root)
    for path, what in (("results/prisma/prisma.svg", "PRISMA diagram"), ("results/report.html", "Report")):
        if (root / path).is_file():
            lines.append(f"{what}: {path}")
    return ["", "reviewflow: run finished", *lines]
