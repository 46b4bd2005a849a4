"""Rule screen_decisions: unique records + data/screening/ sheets -> results/screening/ (docs/screening.md)."""

import sys
from pathlib import Path

from reviewflow.screening import run_screening, summary_text
from reviewflow.workflow import run_step


def main(smk):
    run_screening(smk.input.unique, smk.params.settings, Path(smk.output.status).parent,
                  source=smk.params.config_file)
    sys.stderr.write(summary_text(smk.output.status) + "\n")


run_step(snakemake, lambda: main(snakemake))  # noqa: F821 (snakemake is injected)
