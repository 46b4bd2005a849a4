"""Rule screen_decisions: unique records + data/screening/ sheets -> results/screening/ (docs/screening.md)."""

from pathlib import Path

from reviewflow.screening import run_screening, summary_text
from reviewflow.workflow import run_step


def main(smk):
    run_screening(smk.input.unique, smk.config, Path(smk.output.status).parent)
    summary = summary_text(smk.output.status)
    Path(smk.log[0]).write_text(summary + "\n", encoding="utf-8")
    print(summary)


run_step(snakemake, lambda: main(snakemake))  # noqa: F821 (snakemake is injected)
