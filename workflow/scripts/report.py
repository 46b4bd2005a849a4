"""Rule write_report: every stage's outputs -> results/report.html (self-contained, deterministic)."""

from reviewflow.report import write_report
from reviewflow.workflow import run_step


def main(smk):
    write_report(dict(smk.params.settings), smk.output[0], root=".", results="results", config_path=smk.input.config)


run_step(snakemake, lambda: main(snakemake))  # noqa: F821 (snakemake is injected)
