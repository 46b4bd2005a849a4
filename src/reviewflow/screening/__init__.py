"""The screening stage: reviewers' decision sheets -> outcomes per stage, conflicts, worksheets,
agreement and status (docs/screening.md).

In flow order: ``criteria`` (settings from config) -> ``reviewflow.sheets`` (reading a CSV or XLSX as
spreadsheets save it) -> ``inputs`` (unique records and every sheet, every file of the decisions folders
accounted for) -> ``decisions`` (checked rows, one unit's outcome) -> ``stages`` (title/abstract -> full
text -> study) -> ``agreement`` -> ``priority`` (worksheet order, by ``ranking``) -> ``outputs`` /
``worksheets`` -> ``status`` (with ``stopping``). Beside the flow, ``tool_exports`` turns another tool's
export (Rayyan, Covidence, ASReview) into a decisions file; ``labelled`` and ``simulate`` replay the
ranking on labelled datasets (``reviewflow screen simulate``); ``recall`` scores such replays.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from reviewflow.config import DEFAULT_CONFIG
from reviewflow.errors import Problem, ReviewflowError
from reviewflow.screening.criteria import Settings, settings_from_config
from reviewflow.screening.inputs import existing_sheets, read_sheets, read_unique_records
from reviewflow.screening.outputs import output_files, write_outputs
from reviewflow.screening.priority import rank_worksheets
from reviewflow.screening.stages import Screening, screen
from reviewflow.screening.status import build_status, summary_text, write_status

__all__ = ["check_screening", "existing_sheets", "output_files", "run_screening", "settings_from_config",
           "summary_text"]


def check_screening(unique_records: str | Path, config: Mapping[str, Any], outdir: str | Path = "results/screening",
                    *, strict: bool = True, source: str = DEFAULT_CONFIG) -> tuple[Screening, dict[str, Any]]:
    """Read and check every sheet and screen, writing nothing: (screening, status). Raises on bad input
    and (``strict``) when screening.strict is set and anything is pending or in conflict.

    The workflow runs this in a job of its own before the job that writes results/screening/: Snakemake
    deletes a job's outputs before it runs and when it fails, so a broken sheet must stop the run
    before the last good worksheets, conflicts and status are touched. ``source``: the config file (named
    in errors)."""
    screening, status, _ = _screen(unique_records, settings_from_config(config, source), outdir, strict=strict,
                                   rank=False)
    return screening, status


def _screen(unique_records: str | Path, settings: Settings, outdir: str | Path, *, strict: bool,
            rank: bool) -> tuple[Screening, dict[str, Any], Any]:
    sheets = read_sheets(settings)
    screening = screen(read_unique_records(unique_records), sheets, settings)
    rankings = rank_worksheets(screening, settings) if rank else None
    files = {(stage, who): sheet.file for stage, by in sheets.decisions.items() for who, sheet in by.items()}
    status = build_status(screening, settings, sheets.notices, str(outdir), files, rankings)
    if strict and settings.strict and screening.provisional:
        raise ReviewflowError(strict_problems(status, settings, Path(outdir)))
    return screening, status, rankings


def run_screening(unique_records: str | Path, config: Mapping[str, Any], outdir: str | Path, *,
                  source: str = DEFAULT_CONFIG) -> Screening:
    """Read everything, screen, write results/screening/ (outdir); raise on bad input (before writing) or,
    in strict mode, while anything is pending or in conflict (after writing, so the worksheets that list
    what is left are there for ``reviewflow screen``). ``source``: the config file (named in errors)."""
    settings = settings_from_config(config, source)
    screening, status, rankings = _screen(unique_records, settings, outdir, strict=False, rank=True)
    outdir = Path(outdir)
    write_outputs(screening, settings, outdir, rankings)
    write_status(status, outdir / "status.json")
    if settings.strict and screening.provisional:
        raise ReviewflowError(strict_problems(status, settings, outdir))
    return screening


def strict_problems(status: Mapping[str, Any], settings: Settings, outdir: Path) -> list[Problem]:
    problems = []
    listed = "(`reviewflow screen` writes it in strict mode too; so does a run with screening.strict: false)"
    for name, s in status["stages"].items():
        stage = settings.stages[name]
        for reviewer, n in s["awaiting_by_reviewer"].items():
            if n:
                problems.append(Problem(stage.sheet(reviewer), f"{n} {name} decision(s) still to make",
                                        f"decide the units listed in {outdir}/{name}/worksheet_{reviewer}.xlsx "
                                        f"{listed}"))
        if s["conflicts_open"]:
            problems.append(Problem(stage.sheet("consensus"), f"{s['conflicts_open']} {name} conflict(s) unresolved",
                                    f"resolve them in this file: they are listed in {outdir}/{name}/conflicts.csv "
                                    f"{listed}"))
        pending = s.get("retrieval", {}).get("pending", 0)
        if pending:
            problems.append(Problem(settings.retrieval, f"{pending} report(s) with no retrieval status",
                                    "add a row per report: retrieved or not_retrieved"))
    return problems or [Problem(settings.source, "screening is provisional (screening.strict: true)",
                                "see results/screening/status.json")]
