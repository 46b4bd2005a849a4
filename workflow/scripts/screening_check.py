"""Rule check_screening_sheets: read and check every data/screening/ sheet, writing nothing else, so a
broken sheet stops the run before screen_decisions deletes and rewrites results/screening/ (Snakemake
removes a job's outputs when the job starts). Its output is a small record of the check."""

import json
import sys
from pathlib import Path

from reviewflow.screening import check_screening
from reviewflow.workflow import run_step


def main(smk):
    outdir = Path(smk.output.checked).parent
    _, status = check_screening(smk.input.unique, smk.params.settings, outdir, source=smk.params.config_file)
    record = {"checked": sorted(smk.input.sheets), "provisional": status["provisional"],
              "warnings": status["warnings"]}
    Path(smk.output.checked).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    sys.stderr.write("".join(f"warning: {w}\n" for w in status["warnings"]))


run_step(snakemake, lambda: main(snakemake))  # noqa: F821 (snakemake is injected)
