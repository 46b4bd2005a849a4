"""Rule draw_charts: extraction sheets -> the charts as SVG and PNG (results/tables/charts/)."""

from pathlib import Path

from reviewflow.tables import make_charts
from reviewflow.workflow import run_step


def main(smk):
    make_charts(smk.params.extracted, Path(smk.output[0]).parent, smk.params.country_labels)


run_step(snakemake, lambda: main(snakemake))  # noqa: F821 (snakemake is injected)
