"""Rule screen_decisions: unique records + data/screening/ sheets -> results/screening/ (docs/screening.md)."""

import sys
from pathlib import Path

from reviewflow.config import SOURCE_KEY
from reviewflow.screening import run_screening, summary_text
from reviewflow.workflow import run_step


def main(smk):
    config = {**smk.params.settings, SOURCE_KEY: smk.params.config_file}
    run_screening(smk.input.unique, config, Path(smk.output.status).parent)
    sys.stderr.write(summary_text(smk.output.status) + "\n")


run_step(snakemake, lambda: main(snakemake))  # noqa: F821 (snakemake is injected)
